/*
 * heatmap.c - a matrix of x category by y category (term x term, term x
 * period) coloured on the viridis scale, with a colour bar.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plotint.h"

struct cats {
	char	**v;		/* borrowed from the table */
	size_t	  n;
};

static long
cat_index(struct cats *c, const char *s, int add)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->v[i], s) == 0)
			return (long)i;
	if (!add)
		return -1;
	c->v[c->n] = (char *)s;
	return (long)c->n++;
}

/* A category cell's text ("" when empty); the columns hold text. */
static const char *
cell_str(const struct pl_table *t, size_t r, size_t c)
{
	const struct pl_cell *cell = pl_table_cell(t, r, c);

	return cell->null ? "" : cell->v.s;
}

const struct pl_error *
plot_heatmap(struct pl_plot *p, const struct pl_table *t)
{
	static const char *const xdefs[] = { "term_a", "x", "bucket", "period",
	    "group", NULL };
	static const char *const ydefs[] = { "term_b", "y", "term", "collocate",
	    NULL };
	static const char *const vdefs[] = { "value", "count", "o11", "per10k",
	    "logdice", "npmi", "pmi", "g2", NULL };
	const struct pl_plotcfg *c = &p->cfg;
	const struct pl_error *err = NULL;
	struct cats cx = { 0 }, cy = { 0 };
	double *m = NULL, vmin = INFINITY, vmax = -INFINITY, fs = p->fs;
	double x0, y0, x1, y1, w, h, labw = 0, xlw = 0, cw, chh, lpx, barx;
	long xc, yc, vc;
	size_t r, i, j, step;
	struct pl_panel *P;
	struct pl_tick bt[16];
	size_t nbt;
	int rot, values, same;
	char b1[64];

	if ((err = plot_need_col(t, c->xcol, xdefs, "x", &xc)) != NULL ||
	    (err = plot_need_col(t, c->ycol, ydefs, "y", &yc)) != NULL ||
	    (err = plot_need_col(t, c->weightcol, vdefs, "value", &vc)) != NULL)
		return err;
	if (t->cols[xc].type == PL_COL_INT || t->cols[yc].type == PL_COL_INT) {
		struct pl_table tt;
		size_t col = (size_t)(t->cols[xc].type == PL_COL_INT ? xc : yc);
		if ((err = plot_table_as_text(t, col, &tt)) != NULL)
			return err;
		err = plot_heatmap(p, &tt);
		pl_table_release(&tt);
		return err;
	}
	if ((cx.v = calloc(t->nrows, sizeof(char *))) == NULL ||
	    (cy.v = calloc(t->nrows, sizeof(char *))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	/* Categories in order of first appearance; the strings are the
	 * table's. */
	for (r = 0; r < t->nrows; r++) {
		if (t->cols[xc].type != PL_COL_STR ||
		    t->cols[yc].type != PL_COL_STR) {
			err = pl_error_fmt(PL_ERR_USAGE, "columns '%s' and '%s' "
			    "must hold text categories", t->cols[xc].name,
			    t->cols[yc].name);
			goto done;
		}
		cat_index(&cx, cell_str(t, r, (size_t)xc), 1);
		cat_index(&cy, cell_str(t, r, (size_t)yc), 1);
	}
	/* A term x term table (the two columns share most of their values)
	 * may hold each pair once: both axes get the union, and the matrix
	 * is mirrored. */
	{
		size_t shared = 0, small = cx.n < cy.n ? cx.n : cy.n;
		for (i = 0; i < cx.n; i++)
			if (cat_index(&cy, cx.v[i], 0) != -1)
				shared++;
		same = small > 0 && shared * 2 >= small;
	}
	if (same) {
		char **u = realloc(cx.v, 2 * t->nrows * sizeof(char *));
		if (u == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		cx.v = u;
		for (i = 0; i < cy.n; i++)
			cat_index(&cx, cy.v[i], 1);
		free(cy.v);
		if ((cy.v = calloc(cx.n, sizeof(char *))) == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		memcpy(cy.v, cx.v, cx.n * sizeof(char *));
		cy.n = cx.n;
	}
	if ((m = malloc(cx.n * cy.n * sizeof(double))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (i = 0; i < cx.n * cy.n; i++)
		m[i] = NAN;
	for (r = 0; r < t->nrows; r++) {
		long a = cat_index(&cx, cell_str(t, r, (size_t)xc), 0);
		long b = cat_index(&cy, cell_str(t, r, (size_t)yc), 0);
		int ok;
		double v;
		if (pl_table_cell(t, r, (size_t)vc)->null)
			continue;
		v = pl_table_num(t, r, (size_t)vc, &ok);
		if (!ok) {
			err = pl_error_fmt(PL_ERR_DATA, "row %zu: column '%s': "
			    "expected a number, not '%s'", r + 1,
			    t->cols[vc].name, pl_table_cell(t, r,
			    (size_t)vc)->v.s);
			goto done;
		}
		m[(size_t)b * cx.n + (size_t)a] = v;
	}
	if (same)
		for (i = 0; i < cx.n; i++)
			for (j = 0; j < cx.n; j++)
				if (isnan(m[j * cx.n + i]))
					m[j * cx.n + i] = m[i * cx.n + j];
	for (i = 0; i < cx.n * cy.n; i++)
		if (!isnan(m[i])) {
			vmin = fmin(vmin, m[i]);
			vmax = fmax(vmax, m[i]);
		}
	if (vmin > vmax) {
		err = pl_error_fmt(PL_ERR_DATA, "column '%s' has no values to "
		    "plot", t->cols[vc].name);
		goto done;
	}
	/* counts and rates: the scale starts at 0, so colour is amount */
	if (vmin > 0 && (p->yint || p->tk == PL_TK_SERIES ||
	    p->tk == PL_TK_QUERY || p->tk == PL_TK_FREQ_BY))
		vmin = 0;
	if (vmax == vmin)
		vmax = vmin + 1;

	plot_frame(p, &x0, &y0, &x1, &y1);
	if ((P = plot_panel(p)) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	lpx = fs * 0.85;
	for (i = 0; i < cy.n; i++) {
		plot_measure(p, cy.v[i], lpx, 0, &w, &h);
		labw = fmax(labw, w);
	}
	for (i = 0; i < cx.n; i++) {
		plot_measure(p, cx.v[i], lpx, 0, &w, &h);
		xlw = fmax(xlw, w);
	}
	labw = fmin(labw, p->L.width * 0.3);
	xlw = fmin(xlw, p->L.height * 0.3);
	P->x0 = x0 + labw + fs * 0.5;
	/* the colour bar, and its title */
	P->x1 = x1 - fs * 5.5 - (c->ylabel ? fs * 1.4 : 0);
	cw = (P->x1 - P->x0) / (double)cx.n;
	rot = xlw > cw * 0.92;
	P->y0 = y0;
	P->y1 = y1 - fs * 0.4 - (rot ? xlw * 0.72 + lpx : lpx * 1.3);
	chh = (P->y1 - P->y0) / (double)cy.n;
	/* square-ish cells when a few columns would make long bars, but
	 * never narrower than 4 em for that */
	if (cw > chh * 1.6 && cw > fs * 4) {
		cw = fmax(chh * 1.6, fs * 4);
		P->x1 = P->x0 + cw * (double)cx.n;
	}
	P->xmin = 0;
	P->xmax = (double)cx.n;
	P->ymin = 0;
	P->ymax = (double)cy.n;
	values = c->values == 1 || (c->values == -1 && cx.n * cy.n <= 400 &&
	    cw > fs * 2.2 && chh > fs * 1.1);
	for (j = 0; j < cy.n; j++)
		for (i = 0; i < cx.n; i++) {
			double v = m[j * cx.n + i], rgba[4] = { 0, 0, 0, 1 }, lum;
			struct pl_item *it;
			if (isnan(v))
				continue;
			pl_plot_viridis((v - vmin) / (vmax - vmin), rgba);
			if (p->th.mono)
				rgba[0] = rgba[1] = rgba[2] = 0.95 - 0.85 *
				    (v - vmin) / (vmax - vmin);
			/* half a pixel over the next cell: no seams where
			 * antialiased edges meet */
			it = plot_rect(p, "cell", P->x0 + cw * (double)i,
			    P->y0 + chh * (double)j, cw + (i + 1 < cx.n ? 0.5 :
			    0), chh + (j + 1 < cy.n ? 0.5 : 0), rgba);
			if (it == NULL) {
				err = pl_error_nomem();
				goto done;
			}
			it->index = (long)(j * cx.n + i);
			it->value = v;
			snprintf(b1, sizeof(b1), "%s \xc3\x97 %s", cx.v[i],
			    cy.v[j]);
			plot_name(p, it, b1);
			if (!values)
				continue;
			lum = 0.2126 * rgba[0] + 0.7152 * rgba[1] + 0.0722 *
			    rgba[2];
			if (v == floor(v) && fabs(v) < 1e9)
				snprintf(b1, sizeof(b1), "%.0f", v);
			else
				snprintf(b1, sizeof(b1), "%.*f", fabs(v) < 10 ?
				    2 : 1, v);
			{
				double white[3] = { 1, 1, 1 }, black[3] = { 0, 0,
				    0 };
				plot_text(p, "cell-value", b1, P->x0 + cw *
				    ((double)i + 0.5), P->y0 + chh * ((double)j +
				    0.5), 0.5, 0.5, fmin(lpx, chh * 0.6), 0,
				    lum < 0.5 ? white : black);
			}
		}
	/* Labels: rows and columns thinned so they never overlap, at a
	 * size that can be read (rows at 0.7 em or more). */
	{
		double ypx = fmax(fmin(lpx, chh * 0.9), fs * 0.7);
		size_t ystep = 1;
		while (chh * (double)ystep < ypx * 1.15)
			ystep++;
		for (j = 0; j < cy.n; j += ystep)
			plot_text(p, "ylabel", cy.v[j], P->x0 - fs * 0.4, P->y0 +
			    chh * ((double)j + 0.5), 1, 0.5, ypx, 0, p->th.fg);
	}
	step = 1;
	if (rot)
		while (cw * (double)step < lpx * 1.8)
			step++;
	for (i = 0; i < cx.n; i += step) {
		struct pl_item *it;
		double xc_ = P->x0 + cw * ((double)i + 0.5);
		if (rot) {
			it = plot_text(p, "xlabel", cx.v[i], xc_, P->y1 + fs *
			    0.3, 1, 0.5, lpx, 0, p->th.fg);
			if (it)
				it->angle = -M_PI / 4;
		} else
			plot_text(p, "xlabel", cx.v[i], xc_, P->y1 + fs * 0.3,
			    0.5, 0, lpx, 0, p->th.fg);
	}
	/* The colour bar with nice ticks. */
	barx = P->x1 + fs * 1.0;
	{
		int nstep = 64;
		double lo = vmin, hi = vmax, bh = (P->y1 - P->y0) / nstep;
		for (int k = 0; k < nstep; k++) {
			double rgba[4] = { 0, 0, 0, 1 }, f = (k + 0.5) / nstep;
			pl_plot_viridis(1 - f, rgba);
			if (p->th.mono)
				rgba[0] = rgba[1] = rgba[2] = 0.1 + 0.85 * f;
			plot_rect(p, "colorbar", barx, P->y0 + bh * k, fs * 0.9,
			    bh + 0.5, rgba);
		}
		double tw = 0;
		nbt = pl_plot_nice_ticks(&lo, &hi, p->yint && hi - lo < 5 ?
		    (size_t)ceil(hi - lo) + 1 : 6, bt);
		for (i = 0; i < nbt; i++) {
			double y;
			plot_measure(p, bt[i].label, fs * 0.8, 0, &w, &h);
			tw = fmax(tw, w);
			if (bt[i].value < vmin - 1e-12 * fabs(vmax) ||
			    bt[i].value > vmax + 1e-12 * fabs(vmax))
				continue;
			y = P->y1 - (bt[i].value - vmin) / (vmax - vmin) *
			    (P->y1 - P->y0);
			plot_seg(p, "colorbar-tick", barx + fs * 0.9, y, barx +
			    fs * 1.2, y, p->th.axis, 1);
			plot_text(p, "colorbar-label", bt[i].label, barx + fs *
			    1.35, y, 0, 0.5, fs * 0.8, 0, p->th.muted);
		}
		if (c->ylabel) {
			/* beside the tick labels, reading upwards */
			struct pl_item *it = plot_text(p, "colorbar-title",
			    c->ylabel, fmin(x1 - fs, barx + fs * 1.35 + tw +
			    fs * 0.5), (P->y0 + P->y1) / 2, 0.5, 0, fs * 0.85, 0,
			    p->th.muted);
			if (it)
				it->angle = -M_PI / 2;
		}
	}
	if ((err = pl_table_add_col(&p->data, "x", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&p->data, "y", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&p->data, "value", PL_COL_REAL)) != NULL)
		goto done;
	for (j = 0; j < cy.n; j++)
		for (i = 0; i < cx.n; i++) {
			size_t rr;
			if (isnan(m[j * cx.n + i]))
				continue;
			if ((err = pl_table_add_row(&p->data)) != NULL)
				goto done;
			rr = p->data.nrows - 1;
			pl_table_set_str(&p->data, rr, 0, cx.v[i]);
			pl_table_set_str(&p->data, rr, 1, cy.v[j]);
			pl_table_set_real(&p->data, rr, 2, m[j * cx.n + i]);
		}
done:
	free(cx.v);
	free(cy.v);
	free(m);
	return err;
}
