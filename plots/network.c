/*
 * network.c - terms as nodes (area by frequency) and associations as
 * edges (width by strength) from a pairwise table such as plenum cooc
 * --matrix, laid out by Fruchterman and Reingold's force-directed
 * algorithm (1991) from a fixed seed, with labels placed so they do not
 * overlap each other or the nodes.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "plotint.h"

struct node {
	const char	*name;		/* borrowed from the table */
	double		 freq, diag, sum;
	double		 x, y, dx, dy, r;
};

struct edge {
	size_t		 a, b;
	double		 w;
};

struct box {
	double	 x0, y0, x1, y1;
};

static size_t
node_index(struct node *n, size_t *nn, const char *s)
{
	size_t i;

	for (i = 0; i < *nn; i++)
		if (strcmp(n[i].name, s) == 0)
			return i;
	memset(&n[*nn], 0, sizeof(n[0]));
	n[*nn].name = s;
	return (*nn)++;
}

static int
edge_cmp(const void *a, const void *b)
{
	const struct edge *x = a, *y = b;

	if (x->w != y->w)
		return x->w > y->w ? -1 : 1;
	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return x->b < y->b ? -1 : x->b > y->b;
}

static double
overlap(const struct box *a, const struct box *b)
{
	double w = fmin(a->x1, b->x1) - fmax(a->x0, b->x0);
	double h = fmin(a->y1, b->y1) - fmax(a->y0, b->y0);

	return w > 0 && h > 0 ? w * h : 0;
}

/* Area of box b inside the square around a circle (a cheap bound). */
static double
overlap_disc(const struct box *b, double x, double y, double r)
{
	struct box d = { x - r * 0.85, y - r * 0.85, x + r * 0.85, y + r * 0.85 };

	return overlap(b, &d);
}

/* Fruchterman-Reingold in the unit square, n iterations, cooling linearly. */
static void
layout_fr(struct node *v, size_t nv, const struct edge *e, size_t ne,
    double wmin, double wmax, unsigned long seed)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double k = sqrt(1.0 / (double)(nv ? nv : 1)), t;
	size_t i, j, it, iters = 400;

	gsl_rng_set(rng, seed);
	for (i = 0; i < nv; i++) {
		v[i].x = gsl_rng_uniform(rng);
		v[i].y = gsl_rng_uniform(rng);
	}
	gsl_rng_free(rng);
	for (it = 0; it < iters; it++) {
		t = 0.1 * (1 - (double)it / (double)iters);
		for (i = 0; i < nv; i++)
			v[i].dx = v[i].dy = 0;
		for (i = 0; i < nv; i++)
			for (j = i + 1; j < nv; j++) {
				double dx = v[i].x - v[j].x, dy = v[i].y - v[j].y;
				double d2 = dx * dx + dy * dy, f;
				if (d2 < 1e-12) {
					dx = 1e-3 * (double)(i + 1);
					dy = 1e-3;
					d2 = dx * dx + dy * dy;
				}
				f = k * k / d2;		/* k^2/d along d/|d| */
				v[i].dx += dx * f;
				v[i].dy += dy * f;
				v[j].dx -= dx * f;
				v[j].dy -= dy * f;
			}
		for (i = 0; i < ne; i++) {
			struct node *a = &v[e[i].a], *b = &v[e[i].b];
			double dx = a->x - b->x, dy = a->y - b->y;
			double d = sqrt(dx * dx + dy * dy), s;
			s = 0.3 + 0.7 * (wmax > wmin ? (e[i].w - wmin) /
			    (wmax - wmin) : 1);
			/* d^2/k along d/|d| */
			a->dx -= dx * d / k * s;
			a->dy -= dy * d / k * s;
			b->dx += dx * d / k * s;
			b->dy += dy * d / k * s;
		}
		for (i = 0; i < nv; i++) {
			/* a weak pull to the centre keeps loose nodes near */
			double gx = 0.5 - v[i].x, gy = 0.5 - v[i].y, m;
			v[i].dx += gx * k * 3;
			v[i].dy += gy * k * 3;
			m = sqrt(v[i].dx * v[i].dx + v[i].dy * v[i].dy);
			if (m > 0) {
				v[i].x += v[i].dx / m * fmin(m, t);
				v[i].y += v[i].dy / m * fmin(m, t);
			}
		}
	}
}

const struct pl_error *
plot_network(struct pl_plot *p, const struct pl_table *t)
{
	static const char *const adefs[] = { "term_a", "node", "term", NULL };
	static const char *const bdefs[] = { "term_b", "collocate", NULL };
	static const char *const wdefs[] = { "logdice", "npmi", "pmi", "g2",
	    "o11", "count", "value", NULL };
	const struct pl_plotcfg *c = &p->cfg;
	const struct pl_error *err = NULL;
	struct node *v = NULL;
	struct edge *e = NULL;
	struct box *boxes = NULL;
	size_t nv = 0, ne = 0, nb = 0, r, i, j, maxe;
	long ac, bc, wc, fa, fb;
	double wmin = INFINITY, wmax = -INFINITY, fmax_ = 0, x0, y0, x1, y1,
	    fs = p->fs, bx0 = INFINITY, by0 = INFINITY, bx1 = -INFINITY,
	    by1 = -INFINITY, rgba[4];
	struct pl_panel *P;

	if ((err = plot_need_col(t, c->xcol, adefs, "x", &ac)) != NULL ||
	    (err = plot_need_col(t, c->ycol, bdefs, "y", &bc)) != NULL ||
	    (err = plot_need_col(t, c->weightcol, wdefs, "value", &wc)) != NULL)
		return err;
	if (t->cols[ac].type != PL_COL_STR || t->cols[bc].type != PL_COL_STR)
		return pl_error_fmt(PL_ERR_USAGE, "columns '%s' and '%s' must "
		    "hold terms", t->cols[ac].name, t->cols[bc].name);
	if ((fa = pl_table_col(t, "freq_a")) == -1)
		fa = pl_table_col(t, "node_freq");
	if ((fb = pl_table_col(t, "freq_b")) == -1)
		fb = pl_table_col(t, "coll_freq");
	if ((v = calloc(2 * t->nrows, sizeof(*v))) == NULL ||
	    (e = calloc(t->nrows, sizeof(*e))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (r = 0; r < t->nrows; r++) {
		const struct pl_cell *ca = pl_table_cell(t, r, (size_t)ac);
		const struct pl_cell *cb = pl_table_cell(t, r, (size_t)bc);
		size_t a, b;
		double w;
		int ok;

		if (ca->null || cb->null)
			continue;
		a = node_index(v, &nv, ca->v.s);
		b = node_index(v, &nv, cb->v.s);
		if (fa != -1 && (w = pl_table_num(t, r, (size_t)fa, &ok), ok))
			v[a].freq = fmax(v[a].freq, w);
		if (fb != -1 && (w = pl_table_num(t, r, (size_t)fb, &ok), ok))
			v[b].freq = fmax(v[b].freq, w);
		if (pl_table_cell(t, r, (size_t)wc)->null)
			continue;
		w = pl_table_num(t, r, (size_t)wc, &ok);
		if (!ok) {
			err = pl_error_fmt(PL_ERR_DATA, "row %zu: column '%s': "
			    "expected a number, not '%s'", r + 1,
			    t->cols[wc].name, pl_table_cell(t, r,
			    (size_t)wc)->v.s);
			goto done;
		}
		if (a == b) {
			v[a].diag = w;
			continue;
		}
		for (i = 0; i < ne; i++)
			if ((e[i].a == a && e[i].b == b) ||
			    (e[i].a == b && e[i].b == a))
				break;
		if (i < ne) {
			e[i].w = fmax(e[i].w, w);
			continue;
		}
		e[ne].a = a < b ? a : b;
		e[ne].b = a < b ? b : a;
		e[ne++].w = w;
	}
	if (nv == 0 || ne == 0) {
		err = pl_error_fmt(PL_ERR_DATA, "no pairs of different terms "
		    "with a value in column '%s': nothing to draw",
		    t->cols[wc].name);
		goto done;
	}
	/* Strongest edges first; drop the weak ones. */
	qsort(e, ne, sizeof(*e), edge_cmp);
	maxe = c->max_edges ? c->max_edges : 3 * nv < 200 ? 3 * nv : 200;
	if (isfinite(c->threshold))
		for (i = 0; i < ne; i++)
			if (e[i].w < c->threshold) {
				ne = i;
				break;
			}
	if (ne > maxe)
		ne = maxe;
	if (ne == 0) {
		err = pl_error_fmt(PL_ERR_DATA, "no edge reaches the threshold "
		    "%g", c->threshold);
		goto done;
	}
	for (i = 0; i < ne; i++) {
		wmin = fmin(wmin, e[i].w);
		wmax = fmax(wmax, e[i].w);
		v[e[i].a].sum += fabs(e[i].w);
		v[e[i].b].sum += fabs(e[i].w);
	}
	/* Nodes left without an edge say nothing here: drop them. */
	{
		size_t *map = calloc(nv, sizeof(*map)), k = 0;
		if (map == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		for (i = 0; i < nv; i++)
			if (v[i].sum > 0) {
				map[i] = k;
				v[k++] = v[i];
			}
		for (i = 0; i < ne; i++) {
			e[i].a = map[e[i].a];
			e[i].b = map[e[i].b];
		}
		nv = k;
		free(map);
	}
	for (i = 0; i < nv; i++) {
		if (v[i].freq <= 0)
			v[i].freq = v[i].diag > 0 ? v[i].diag : v[i].sum;
		fmax_ = fmax(fmax_, v[i].freq);
	}
	layout_fr(v, nv, e, ne, wmin, wmax, c->seed);

	plot_frame(p, &x0, &y0, &x1, &y1);
	if ((P = plot_panel(p)) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	/* Fit the layout to the area, leaving room for the largest node
	 * and a label beside the outermost ones. */
	P->x0 = x0 + fs * 6;
	P->x1 = x1 - fs * 6;
	P->y0 = y0 + fs * 1.8;
	P->y1 = y1 - fs * 1.8;
	for (i = 0; i < nv; i++) {
		bx0 = fmin(bx0, v[i].x);
		bx1 = fmax(bx1, v[i].x);
		by0 = fmin(by0, v[i].y);
		by1 = fmax(by1, v[i].y);
	}
	for (i = 0; i < nv; i++) {
		v[i].x = P->x0 + (bx1 > bx0 ? (v[i].x - bx0) / (bx1 - bx0) : 0.5) *
		    (P->x1 - P->x0);
		v[i].y = P->y0 + (by1 > by0 ? (v[i].y - by0) / (by1 - by0) : 0.5) *
		    (P->y1 - P->y0);
		v[i].r = fmax(fs * 0.3, fs * 1.25 * sqrt(fmax_ > 0 ? v[i].freq /
		    fmax_ : 1));
	}
	/* Nodes must not cover each other: push overlapping pairs apart,
	 * keeping them inside the area. */
	for (int it = 0; it < 100; it++) {
		int moved = 0;
		for (i = 0; i < nv; i++)
			for (j = i + 1; j < nv; j++) {
				double dx = v[j].x - v[i].x, dy = v[j].y - v[i].y;
				double d = sqrt(dx * dx + dy * dy), need = v[i].r +
				    v[j].r + fs * 0.25;
				if (d >= need)
					continue;
				if (d < 1e-9) {
					dx = 1;
					dy = 0;
					d = 1;
				}
				dx *= (need - d) / d / 2;
				dy *= (need - d) / d / 2;
				v[i].x -= dx;
				v[i].y -= dy;
				v[j].x += dx;
				v[j].y += dy;
				moved = 1;
			}
		for (i = 0; i < nv; i++) {
			v[i].x = fmin(fmax(v[i].x, P->x0), P->x1);
			v[i].y = fmin(fmax(v[i].y, P->y0), P->y1);
		}
		if (!moved)
			break;
	}
	P->xmin = P->ymin = 0;
	P->xmax = P->ymax = 1;
	for (i = ne; i-- > 0;) {
		struct pl_item *it;
		double f = wmax > wmin ? (e[i].w - wmin) / (wmax - wmin) : 1;
		char nm[300];
		it = plot_seg(p, "edge", v[e[i].a].x, v[e[i].a].y, v[e[i].b].x,
		    v[e[i].b].y, p->th.muted, 0.6 + 3.4 * f);
		if (it == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		it->rgba[3] = 0.25 + 0.45 * f;
		it->value = e[i].w;
		it->index = (long)i;
		snprintf(nm, sizeof(nm), "%s \xe2\x80\x94 %s", v[e[i].a].name,
		    v[e[i].b].name);
		plot_name(p, it, nm);
	}
	plot_colour(p, 0, rgba);
	for (i = 0; i < nv; i++) {
		struct pl_item *it = plot_item(p, PL_PR_CIRCLE, "node");
		if (it == NULL || plot_name(p, it, v[i].name) == -1) {
			err = pl_error_nomem();
			goto done;
		}
		it->x = v[i].x;
		it->y = v[i].y;
		it->r = v[i].r;
		it->value = v[i].freq;
		it->index = (long)i;
		memcpy(it->fill, rgba, sizeof(rgba));
		it->fill[3] = p->th.mono ? 0.35 : 0.8;
		memcpy(it->rgba, p->th.bg, 3 * sizeof(double));
		it->lw = 1.2;
	}
	/* Labels, most frequent first, at the first free spot of eight. */
	if ((boxes = calloc(nv, sizeof(*boxes))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	{
		size_t *ord = calloc(nv, sizeof(*ord));
		if (ord == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		for (i = 0; i < nv; i++)
			ord[i] = i;
		for (i = 1; i < nv; i++)	/* insertion sort by freq */
			for (j = i; j > 0 && v[ord[j]].freq >
			    v[ord[j - 1]].freq; j--) {
				size_t tmp = ord[j];
				ord[j] = ord[j - 1];
				ord[j - 1] = tmp;
			}
		for (size_t q = 0; q < nv; q++) {
			static const double dirs[8][2] = { { 1, 0 }, { -1, 0 },
			    { 0, -1 }, { 0, 1 }, { 1, -1 }, { -1, -1 }, { 1, 1 },
			    { -1, 1 } };
			struct node *n = &v[ord[q]];
			double bw, bh, best = INFINITY, lpx = fs * 0.9;
			struct box bb = { 0, 0, 0, 0 };
			int bestd = 0;
			struct pl_item *it;

			plot_measure(p, n->name, lpx, 0, &bw, &bh);
			for (int d = 0; d < 8 && best > 0; d++) {
				double gap = n->r + fs * 0.25, cx, cy, pen = 0;
				struct box b;
				cx = n->x + dirs[d][0] * (gap + bw / 2);
				cy = n->y + dirs[d][1] * (gap + bh / 2);
				if (dirs[d][0] == 0)
					cy = n->y + dirs[d][1] * (n->r + bh / 2 +
					    fs * 0.1);
				b.x0 = cx - bw / 2;
				b.x1 = cx + bw / 2;
				b.y0 = cy - bh / 2;
				b.y1 = cy + bh / 2;
				for (j = 0; j < nb; j++)
					pen += overlap(&b, &boxes[j]) * 4;
				for (j = 0; j < nv; j++)
					if (&v[j] != n)
						pen += overlap_disc(&b, v[j].x,
						    v[j].y, v[j].r);
				if (b.x0 < x0 || b.x1 > x1 || b.y0 < y0 ||
				    b.y1 > y1)
					pen += bw * bh;
				if (pen < best) {
					best = pen;
					bb = b;
					bestd = d;
				}
			}
			boxes[nb++] = bb;
			it = plot_text(p, "node-label", n->name, (bb.x0 + bb.x1) /
			    2, (bb.y0 + bb.y1) / 2, 0.5, 0.5, lpx, 0, p->th.fg);
			if (it) {
				it->index = (long)ord[q];
				it->value = bestd;
			}
		}
		free(ord);
	}
	/* The numbers plotted: nodes, then edges. */
	{
		static const char *const cols[] = { "element", "a", "b", "value",
		    "x", "y" };
		struct pl_table *d = &p->data;
		for (i = 0; i < 6; i++)
			if ((err = pl_table_add_col(d, cols[i], i < 3 ?
			    PL_COL_STR : PL_COL_REAL)) != NULL)
				goto done;
		for (i = 0; i < nv + ne; i++) {
			if ((err = pl_table_add_row(d)) != NULL)
				goto done;
			if (i < nv) {
				pl_table_set_str(d, i, 0, "node");
				pl_table_set_str(d, i, 1, v[i].name);
				pl_table_set_real(d, i, 3, v[i].freq);
				pl_table_set_real(d, i, 4, v[i].x);
				pl_table_set_real(d, i, 5, v[i].y);
			} else {
				const struct edge *ed = &e[i - nv];
				pl_table_set_str(d, i, 0, "edge");
				pl_table_set_str(d, i, 1, v[ed->a].name);
				pl_table_set_str(d, i, 2, v[ed->b].name);
				pl_table_set_real(d, i, 3, ed->w);
			}
		}
	}
done:
	free(v);
	free(e);
	free(boxes);
	return err;
}
