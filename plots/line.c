/*
 * line.c - line charts over a date (or numeric) axis, and small
 * multiples: one panel per group on a shared x axis.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/date.h"
#include "plotint.h"

struct lpt {
	double	 x, y, lo, hi, sm;	/* NaN: none */
	double	 b0, b1;		/* the bucket: first day, day after */
	size_t	 row;
};

struct lser {
	char		 name[128];
	struct lpt	*pts;
	size_t		 n, cap;
	double		 last;		/* last value, for the legend order */
};

static int
lpt_cmp(const void *a, const void *b)
{
	const struct lpt *x = a, *y = b;

	if (x->x != y->x)
		return x->x < y->x ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

static void
lser_free(struct lser *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(s[i].pts);
	free(s);
}

/*
 * Centred moving average over w positions, as plenum series --smooth:
 * (w-1)/2 before and w/2 after; points without a value are left out of
 * the mean (and get one when their neighbours have values).
 */
static void
smooth(struct lser *s, int w)
{
	size_t i, k, before = (size_t)(w - 1) / 2, after = (size_t)w / 2;

	for (i = 0; i < s->n; i++) {
		double sum = 0;
		size_t cnt = 0, a = i >= before ? i - before : 0;
		for (k = a; k < s->n && k <= i + after; k++)
			if (!isnan(s->pts[k].y)) {
				sum += s->pts[k].y;
				cnt++;
			}
		s->pts[i].sm = cnt ? sum / (double)cnt : NAN;
	}
}

static const struct pl_error *
read_series(struct pl_plot *p, const struct pl_table *t, struct lser **out,
    size_t *nout, int *xdate, int *xbucket)
{
	static const char *const xdefs[] = { "start", "date", "bucket", "x",
	    NULL };
	static const char *const ydefs[] = { "value", "per10k", "count", "y",
	    NULL };
	static const char *const gdefs[] = { "term", "group", "series", NULL };
	static const char *const lodefs[] = { "lower", NULL };
	static const char *const hidefs[] = { "upper", NULL };
	static const char *const smdefs[] = { "smooth", NULL };
	const struct pl_plotcfg *c = &p->cfg;
	const struct pl_error *err;
	struct lser *s = NULL;
	size_t ns = 0, scap = 0, r, i, maxg = c->top;
	long xc, yc, gc, lc = -1, hc = -1, sc = -1;
	double v;

	if ((err = plot_need_col(t, c->xcol, xdefs, "x", &xc)) != NULL ||
	    (err = plot_need_col(t, c->ycol, ydefs, "y", &yc)) != NULL)
		return err;
	gc = plot_col(t, c->groupcol, gdefs);
	if (c->groupcol != NULL && gc == -1)
		return pl_error_fmt(PL_ERR_USAGE, "--group: no column '%s' in "
		    "the table", c->groupcol);
	if (gc != -1 && t->cols[gc].type != PL_COL_STR && c->groupcol == NULL)
		gc = -1;
	if (c->lowercol != NULL || c->uppercol != NULL) {
		if ((err = plot_need_col(t, c->lowercol, lodefs, "lower",
		    &lc)) != NULL ||
		    (err = plot_need_col(t, c->uppercol, hidefs, "upper",
		    &hc)) != NULL)
			return err;
	} else if ((lc = plot_col(t, NULL, lodefs)) == -1 ||
	    (hc = plot_col(t, NULL, hidefs)) == -1)
		lc = hc = -1;
	if (c->smooth == 0)
		sc = plot_col(t, NULL, smdefs);
	if (maxg == 0)
		maxg = p->kind == PL_PLOT_MULTIPLES ? 20 : SIZE_MAX;
	*xbucket = plot_col_is_period(t, xc);
	*xdate = *xbucket || t->cols[xc].type == PL_COL_STR;
	for (r = 0; r < t->nrows; r++) {
		const struct pl_cell *g = gc == -1 ? NULL :
		    pl_table_cell(t, r, (size_t)gc);
		char gname[128];
		struct lser *se = NULL;
		struct lpt *pt;
		int ok;

		gname[0] = '\0';
		if (g != NULL && !g->null) {
			if (t->cols[gc].type == PL_COL_STR)
				snprintf(gname, sizeof(gname), "%s", g->v.s);
			else
				snprintf(gname, sizeof(gname), "%.15g",
				    pl_table_num(t, r, (size_t)gc, &ok));
		}
		for (i = ns; i-- > 0;)
			if (strcmp(s[i].name, gname) == 0) {
				se = &s[i];
				break;
			}
		if (se == NULL) {
			if (ns == maxg)
				continue;
			if (ns == scap) {
				size_t nc = scap ? scap * 2 : 16;
				struct lser *ns_ = realloc(s, nc * sizeof(*ns_));
				if (ns_ == NULL) {
					err = pl_error_nomem();
					goto fail;
				}
				s = ns_;
				scap = nc;
			}
			se = &s[ns++];
			memset(se, 0, sizeof(*se));
			memcpy(se->name, gname, sizeof(se->name));
		}
		if (se->n == se->cap) {	/* grown as needed: many series */
			size_t nc = se->cap ? se->cap * 2 : 64;
			struct lpt *np = realloc(se->pts, nc * sizeof(*np));
			if (np == NULL) {
				err = pl_error_nomem();
				goto fail;
			}
			se->pts = np;
			se->cap = nc;
		}
		pt = &se->pts[se->n++];
		pt->row = r;
		if (*xbucket) {
			int64_t b0, b1;
			enum pl_bucket bk;
			if (plot_cell_bucket(t, r, (size_t)xc, &b0, &b1, &bk) ==
			    -1) {
				err = pl_error_fmt(PL_ERR_DATA, "row %zu: column "
				    "'%s': expected a period", r + 1,
				    t->cols[xc].name);
				goto fail;
			}
			pt->x = plot_bucket_mid(bk, b0, b1);
			if (*xbucket == 1 || (int)bk + 1 < *xbucket)
				*xbucket = (int)bk + 1;	/* the finest */
			/* a day is a point; longer buckets span their days */
			pt->b0 = bk == PL_BUCKET_DAY ? pt->x : (double)b0;
			pt->b1 = bk == PL_BUCKET_DAY ? pt->x : (double)b1 + 1;
		} else if (plot_cell_x(t, r, (size_t)xc, *xdate, &pt->x) == -1) {
			err = pl_error_fmt(PL_ERR_DATA, "row %zu: column '%s': "
			    "expected %s", r + 1, t->cols[xc].name, *xdate ?
			    "a date (YYYY-MM-DD)" : "a number");
			goto fail;
		} else
			pt->b0 = pt->b1 = pt->x;
		pt->y = pt->lo = pt->hi = pt->sm = NAN;
		if (plot_cell_x(t, r, (size_t)yc, 0, &v) == 0)
			pt->y = v;
		else if (!pl_table_cell(t, r, (size_t)yc)->null) {
			err = pl_error_fmt(PL_ERR_DATA, "row %zu: column '%s': "
			    "expected a number, not '%s'", r + 1,
			    t->cols[yc].name, pl_table_cell(t, r,
			    (size_t)yc)->v.s);
			goto fail;
		}
		if (lc != -1 && plot_cell_x(t, r, (size_t)lc, 0, &v) == 0)
			pt->lo = v;
		if (hc != -1 && plot_cell_x(t, r, (size_t)hc, 0, &v) == 0)
			pt->hi = v;
		if (sc != -1 && plot_cell_x(t, r, (size_t)sc, 0, &v) == 0)
			pt->sm = v;
	}
	for (i = 0; i < ns; i++) {
		qsort(s[i].pts, s[i].n, sizeof(*s[i].pts), lpt_cmp);
		if (c->smooth > 1)
			smooth(&s[i], c->smooth);
		s[i].last = -INFINITY;
		for (r = s[i].n; r-- > 0;)
			if (!isnan(s[i].pts[r].y)) {
				s[i].last = s[i].pts[r].y;
				break;
			}
	}
	*out = s;
	*nout = ns;
	return NULL;
fail:
	lser_free(s, ns);
	return err;
}

/* The numbers plotted: series, x, y [, lower, upper] [, smooth]. */
static const struct pl_error *
line_data(struct pl_plot *p, const struct pl_table *t, struct lser *s,
    size_t ns, int band, int sm)
{
	const struct pl_error *err;
	struct pl_table *d = &p->data;
	size_t i, k, r;
	char buf[16];

	if ((err = pl_table_add_col(d, "series", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(d, "x", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(d, "y", PL_COL_REAL)) != NULL ||
	    (band && (err = pl_table_add_col(d, "lower", PL_COL_REAL)) != NULL) ||
	    (band && (err = pl_table_add_col(d, "upper", PL_COL_REAL)) != NULL) ||
	    (sm && (err = pl_table_add_col(d, "smooth", PL_COL_REAL)) != NULL))
		return err;
	(void)t;
	for (i = 0; i < ns; i++)
		for (k = 0; k < s[i].n; k++) {
			const struct lpt *pt = &s[i].pts[k];
			size_t c = 3;
			if ((err = pl_table_add_row(d)) != NULL)
				return err;
			r = d->nrows - 1;
			pl_table_set_str(d, r, 0, s[i].name);
			if (p->L.panels[0].xdate) {
				pl_date_format((int64_t)pt->x, buf);
				pl_table_set_str(d, r, 1, buf);
			} else {
				char nb[32];
				snprintf(nb, sizeof(nb), "%.15g", pt->x);
				pl_table_set_str(d, r, 1, nb);
			}
			pl_table_set_real(d, r, 2, pt->y);
			if (band) {
				pl_table_set_real(d, r, c++, pt->lo);
				pl_table_set_real(d, r, c++, pt->hi);
			}
			if (sm)
				pl_table_set_real(d, r, c, pt->sm);
		}
	return NULL;
}

/* The lines, bands, markers and smooth overlays of series into panel P. */
static const struct pl_error *
draw_series(struct pl_plot *p, const struct pl_panel *P, struct lser *s,
    size_t i, size_t colour, int sm)
{
	double rgba[4], lw = fmax(1.5, p->fs * 0.16);
	struct pl_item *it;
	size_t k, a, b;

	plot_colour(p, colour, rgba);
	/* Interval band over each run with both bounds. */
	for (a = 0; a < s[i].n; a = b) {
		while (a < s[i].n && (isnan(s[i].pts[a].lo) ||
		    isnan(s[i].pts[a].hi)))
			a++;
		for (b = a; b < s[i].n && !isnan(s[i].pts[b].lo) &&
		    !isnan(s[i].pts[b].hi); b++)
			;
		if (b <= a)
			break;
		if ((it = plot_item(p, PL_PR_POLY, "band")) == NULL ||
		    plot_name(p, it, s[i].name) == -1 ||
		    (it->pts = calloc(2 * (b - a), sizeof(*it->pts))) == NULL)
			return pl_error_nomem();
		for (k = a; k < b; k++) {
			it->pts[it->npts].x = plot_px(P, s[i].pts[k].x);
			it->pts[it->npts++].y = plot_py(P, s[i].pts[k].hi);
		}
		for (k = b; k-- > a;) {
			it->pts[it->npts].x = plot_px(P, s[i].pts[k].x);
			it->pts[it->npts++].y = plot_py(P, s[i].pts[k].lo);
		}
		memcpy(it->fill, rgba, sizeof(rgba));
		it->fill[3] = p->th.mono ? 0.15 : 0.2;
	}
	/* The line; a bucket without a value breaks it. */
	if ((it = plot_item(p, PL_PR_LINE, "series")) == NULL ||
	    plot_name(p, it, s[i].name) == -1 ||
	    (it->pts = calloc(s[i].n ? s[i].n : 1, sizeof(*it->pts))) == NULL)
		return pl_error_nomem();
	it->index = (long)i;
	memcpy(it->rgba, rgba, sizeof(rgba));
	it->lw = sm ? lw * 0.6 : lw;
	if (sm)
		it->rgba[3] = 0.45;
	it->dash = plot_dash(p, colour);
	it->value = s[i].last;
	for (k = 0; k < s[i].n; k++) {
		it->pts[k].x = plot_px(P, s[i].pts[k].x);
		it->pts[k].gap = isnan(s[i].pts[k].y);
		it->pts[k].y = it->pts[k].gap ? NAN : plot_py(P,
		    s[i].pts[k].y);
	}
	it->npts = s[i].n;
	if (sm) {
		struct pl_item *o = plot_item(p, PL_PR_LINE, "smooth");
		if (o == NULL || plot_name(p, o, s[i].name) == -1 ||
		    (o->pts = calloc(s[i].n ? s[i].n : 1, sizeof(*o->pts))) ==
		    NULL)
			return pl_error_nomem();
		o->index = (long)i;
		memcpy(o->rgba, rgba, sizeof(rgba));
		o->lw = lw * 1.3;
		o->dash = plot_dash(p, colour);
		for (k = 0; k < s[i].n; k++) {
			o->pts[k].x = plot_px(P, s[i].pts[k].x);
			o->pts[k].gap = isnan(s[i].pts[k].sm);
			o->pts[k].y = o->pts[k].gap ? NAN : plot_py(P,
			    s[i].pts[k].sm);
		}
		o->npts = s[i].n;
	}
	if (p->cfg.markers)
		for (k = 0; k < s[i].n; k++) {
			if (isnan(s[i].pts[k].y))
				continue;
			if ((it = plot_item(p, PL_PR_CIRCLE, "marker")) == NULL)
				return pl_error_nomem();
			it->x = plot_px(P, s[i].pts[k].x);
			it->y = plot_py(P, s[i].pts[k].y);
			it->r = fmax(2.2, p->fs * 0.22);
			it->value = s[i].pts[k].y;
			memcpy(it->fill, rgba, sizeof(rgba));
			memcpy(it->rgba, p->th.bg, 3 * sizeof(double));
			it->lw = 1;
		}
	return NULL;
}

/* The events' dashed lines (labels 0, under the series), or their labels
 * (labels 1, over them). */
static void
draw_events(struct pl_plot *p, const struct pl_panel *P, int labels)
{
	size_t i, nlab = 0;

	if (!P->xdate)
		return;
	for (i = 0; i < p->cfg.nevents; i++) {
		double d = (double)p->cfg.events[i].day, x;
		struct pl_item *it;
		if (d < P->xmin || d > P->xmax)
			continue;
		x = plot_px(P, d);
		if (!labels && (it = plot_seg(p, "event", x, P->y0, x, P->y1,
		    p->th.fg, 1.2)) != NULL) {
			it->dash = 1;
			it->value = d;
		}
		if (labels && p->cfg.events[i].label != NULL) {
			/* on a band of the background, so a line under it
			 * does not cross the words */
			double w, h, bg[4];
			plot_measure(p, p->cfg.events[i].label, p->fs * 0.85, 0,
			    &w, &h);
			double bx = x + p->fs * 0.15, ey = P->y0 + p->fs *
			    (0.1 + 1.5 * (double)(nlab % 3));
			memcpy(bg, p->th.bg, 3 * sizeof(double));
			bg[3] = 0.85;
			/* kept inside the panel: to the left of the line
			 * when the right has no room */
			if (bx + w + p->fs * 0.3 > P->x1)
				bx = fmax(P->x0, x - p->fs * 0.15 - w -
				    p->fs * 0.3);
			plot_rect(p, "event-box", bx, ey, w + p->fs * 0.3, h +
			    p->fs * 0.2, bg);
			plot_text(p, "event-label", p->cfg.events[i].label,
			    bx + p->fs * 0.15, ey + p->fs * 0.1, 0, 0,
			    p->fs * 0.85, 0, p->th.fg);
			nlab++;
		}
	}
}

/* y range over the series given (all when n == 0 ... ns). */
static void
yrange(struct lser *s, size_t from, size_t to, double *lo, double *hi)
{
	size_t i, k;

	*lo = INFINITY;
	*hi = -INFINITY;
	for (i = from; i < to; i++)
		for (k = 0; k < s[i].n; k++) {
			const struct lpt *pt = &s[i].pts[k];
			double v[4] = { pt->y, pt->lo, pt->hi, pt->sm };
			for (int j = 0; j < 4; j++)
				if (!isnan(v[j])) {
					*lo = fmin(*lo, v[j]);
					*hi = fmax(*hi, v[j]);
				}
		}
	if (*lo > *hi)
		*lo = *hi = 0;
	if (*lo > 0)
		*lo = 0;	/* rates start at zero */
	if (*hi == *lo)
		*hi = *lo + 1;
}

/*
 * The latest period: its bucket shaded across the panel, and each
 * series' value there marked with a dot, so the week under review stands
 * out and the width of a bucket shows.
 */
static void
latest(struct pl_plot *p, const struct pl_panel *P, struct lser *s,
    size_t ns)
{
	double b0 = -INFINITY, b1 = 0, rgba[4];
	size_t i, k;
	struct pl_item *it;

	for (i = 0; i < ns; i++)
		for (k = 0; k < s[i].n; k++)
			if (s[i].pts[k].b0 > b0) {
				b0 = s[i].pts[k].b0;
				b1 = s[i].pts[k].b1;
			}
	if (!(b1 > b0))
		return;
	memcpy(rgba, p->th.fg, 3 * sizeof(double));
	rgba[3] = 0.07;
	if ((it = plot_rect(p, "latest", plot_px(P, b0), P->y0, plot_px(P, b1) -
	    plot_px(P, b0), P->y1 - P->y0, rgba)) != NULL)
		it->value = b0;
}

/* Dots on the latest bucket's values, over the lines. */
static void
latest_dots(struct pl_plot *p, const struct pl_panel *P, struct lser *s,
    size_t ns, size_t colour0)
{
	double b0 = -INFINITY, rgba[4];
	size_t i, k;
	struct pl_item *it;

	for (i = 0; i < ns; i++)
		for (k = 0; k < s[i].n; k++)
			b0 = fmax(b0, s[i].pts[k].b0);
	for (i = 0; i < ns; i++)
		for (k = s[i].n; k-- > 0;) {
			const struct lpt *pt = &s[i].pts[k];
			if (pt->b0 != b0 || isnan(pt->y))
				continue;
			plot_colour(p, colour0 == SIZE_MAX ? i : colour0, rgba);
			if ((it = plot_item(p, PL_PR_CIRCLE, "latest-dot")) ==
			    NULL)
				return;
			it->x = plot_px(P, pt->x);
			it->y = plot_py(P, pt->y);
			it->r = fmax(2.5, p->fs * 0.28);
			it->value = pt->y;
			memcpy(it->fill, rgba, sizeof(rgba));
			memcpy(it->rgba, p->th.bg, 3 * sizeof(double));
			it->lw = 1;
			plot_name(p, it, s[i].name);
			break;
		}
}

struct dlab {
	double	 y;
	size_t	 i;
};

static int
dlab_cmp(const void *a, const void *b)
{
	const struct dlab *x = a, *y = b;

	if (x->y != y->y)
		return x->y < y->y ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * Each series named at the end of its line, in its colour, instead of a
 * legend: labels at the y of the last value, pushed apart to one line
 * height and kept inside the panel's height.
 */
static const struct pl_error *
direct_labels(struct pl_plot *p, const struct pl_panel *P, struct lser *s,
    size_t ns)
{
	struct dlab *d;
	double fs = p->fs, lh, w, h, rgba[4];
	size_t i, k, n = 0;

	if ((d = calloc(ns, sizeof(*d))) == NULL)
		return pl_error_nomem();
	plot_measure(p, "Xg", fs * 0.95, 0, &w, &lh);
	for (i = 0; i < ns; i++) {
		if (!isfinite(s[i].last))
			continue;
		d[n].y = plot_py(P, s[i].last);
		d[n++].i = i;
	}
	qsort(d, n, sizeof(*d), dlab_cmp);
	{
		double ys[64];
		size_t m = n < 64 ? n : 64;
		for (k = 0; k < m; k++)
			ys[k] = d[k].y;
		plot_spread(ys, m, lh, P->y1);
		for (k = 0; k < m; k++)
			d[k].y = ys[k];
	}
	for (k = 0; k < n; k++) {
		struct pl_item *it;
		i = d[k].i;
		plot_colour(p, i, rgba);
		if (p->th.mono)
			memcpy(rgba, p->th.fg, 3 * sizeof(double));
		if ((it = plot_text(p, "legend", s[i].name, P->x1 + fs * 0.5,
		    d[k].y, 0, 0.5, fs * 0.95, 0, rgba)) != NULL)
			it->index = (long)k;
	}
	(void)h;
	free(d);
	return NULL;
}

struct order {
	double	 last;
	size_t	 i;
};

static int
order_cmp(const void *a, const void *b)
{
	const struct order *x = a, *y = b;

	if (x->last != y->last)
		return x->last > y->last ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static const struct pl_error *
single(struct pl_plot *p, struct lser *s, size_t ns, int xdate, int sm,
    int xbucket)
{
	const struct pl_error *err;
	struct pl_panel *P;
	double x0, y0, x1, y1, fs = p->fs, lo, hi, xmin = INFINITY,
	    xmax = -INFINITY, w, h, lw = 0, ywid = 0, legw = 0;
	struct order *ord = NULL;
	size_t i, k;
	int legend = ns > 1 || (ns == 1 && s[0].name[0]);
	int direct = legend && ns <= 6;	/* labels at the lines' ends */

	plot_frame(p, &x0, &y0, &x1, &y1);
	for (i = 0; i < ns; i++)
		for (k = 0; k < s[i].n; k++) {
			xmin = fmin(xmin, s[i].pts[k].b0);
			xmax = fmax(xmax, s[i].pts[k].b1);
		}
	yrange(s, 0, ns, &lo, &hi);
	if ((P = plot_panel(p)) == NULL)
		return pl_error_nomem();
	P->xdate = xdate;
	P->xbucket = xbucket;
	if (!(xmax > xmin)) {	/* one bucket: centre it */
		xmin -= xdate ? 3 : 1;
		xmax = xmin + (xdate ? 6 : 2);
	}
	P->xmin = xmin;
	P->xmax = xmax;
	P->ymin = lo;
	P->ymax = hi;
	/* Room: y labels at the left, two lines of x labels below. */
	P->y0 = y0;
	P->y1 = y1 - fs * 0.45 - fs * 0.88 * 2.5 - (p->cfg.xlabel ? fs * 1.6 :
	    0);
	plot_panel_ticks(p, P, 0, 1);
	for (k = 0; k < P->nyt; k++) {
		plot_measure(p, P->yt[k].label, fs * 0.88, 0, &w, &h);
		ywid = fmax(ywid, w);
	}
	if (legend)
		for (i = 0; i < ns; i++) {
			plot_measure(p, s[i].name, fs, 0, &w, &h);
			legw = fmax(legw, w);
		}
	legw = fmin(legw, p->L.width * 0.3);
	P->x0 = x0 + ywid + fs * 0.6 + (p->cfg.ylabel ? fs * 1.6 : 0);
	P->x1 = x1 - (direct ? legw + fs * 1.0 : legend ? legw + fs * 3.2 :
	    fs * 0.6);
	plot_panel_ticks(p, P, 1, 0);
	if (xbucket)
		latest(p, P, s, ns);
	plot_axes(p, P, 1, 1, 1);
	draw_events(p, P, 0);
	for (i = 0; i < ns; i++)
		if ((err = draw_series(p, P, s, i, i, sm)) != NULL)
			return err;
	if (xbucket)
		latest_dots(p, P, s, ns, SIZE_MAX);
	draw_events(p, P, 1);
	if (p->cfg.ylabel) {
		struct pl_item *it = plot_text(p, "ylabel", p->cfg.ylabel,
		    x0, (P->y0 + P->y1) / 2, 0.5, 0, fs * 0.9, 0, p->th.muted);
		if (it)
			it->angle = -M_PI / 2;
	}
	if (p->cfg.xlabel)
		plot_text(p, "xtitle", p->cfg.xlabel, (P->x0 + P->x1) / 2, y1,
		    0.5, 1, fs * 0.9, 0, p->th.muted);
	if (!legend)
		return NULL;
	if (direct)
		return direct_labels(p, P, s, ns);
	/* Legend at the right, ordered by each series' last value, so it
	 * reads top to bottom like the line ends. */
	if ((ord = calloc(ns, sizeof(*ord))) == NULL)
		return pl_error_nomem();
	for (i = 0; i < ns; i++) {
		ord[i].last = s[i].last;
		ord[i].i = i;
	}
	qsort(ord, ns, sizeof(*ord), order_cmp);
	lw = fmax(1.5, fs * 0.16);
	for (k = 0; k < ns; k++) {
		double ly = P->y0 + fs * 0.6 + fs * 1.55 * (double)k, rgba[4];
		struct pl_item *it;
		i = ord[k].i;
		if (ly > P->y1)
			break;
		plot_colour(p, i, rgba);
		if ((it = plot_seg(p, "legend-key", P->x1 + fs * 0.9, ly,
		    P->x1 + fs * 2.5, ly, rgba, lw)) != NULL) {
			it->dash = plot_dash(p, i);
			plot_name(p, it, s[i].name);
			it->index = (long)k;
		}
		if ((it = plot_text(p, "legend", s[i].name, P->x1 + fs * 2.9, ly,
		    0, 0.5, fs, 0, p->th.fg)) != NULL)
			it->index = (long)k;
	}
	free(ord);
	return NULL;
}

static const struct pl_error *
multiples(struct pl_plot *p, struct lser *s, size_t ns, int xdate, int sm,
    int xbucket)
{
	const struct pl_error *err;
	double x0, y0, x1, y1, fs = p->fs, lo, hi, xmin = INFINITY,
	    xmax = -INFINITY, w, h, ywid = 0, cw, ch, th;
	size_t i, k, ncol, nrow;
	struct pl_tick yt[16];
	size_t nyt;

	plot_frame(p, &x0, &y0, &x1, &y1);
	ncol = p->cfg.ncol > 0 ? (size_t)p->cfg.ncol :
	    (size_t)lround(sqrt((double)ns * p->L.width / p->L.height / 1.6));
	if (ncol < 1)
		ncol = 1;
	if (ncol > ns)
		ncol = ns;
	nrow = (ns + ncol - 1) / ncol;
	for (i = 0; i < ns; i++)
		for (k = 0; k < s[i].n; k++) {
			xmin = fmin(xmin, s[i].pts[k].b0);
			xmax = fmax(xmax, s[i].pts[k].b1);
		}
	if (!(xmax > xmin)) {	/* one bucket: centre it */
		xmin -= xdate ? 3 : 1;
		xmax = xmin + (xdate ? 6 : 2);
	}
	/* The widest y label decides the left margin of every panel. */
	yrange(s, 0, ns, &lo, &hi);
	nyt = pl_plot_nice_ticks(&lo, &hi, 5, yt);
	for (k = 0; k < nyt; k++) {
		plot_measure(p, yt[k].label, fs * 0.88, 0, &w, &h);
		ywid = fmax(ywid, w);
	}
	if (p->cfg.free_y)
		ywid *= 1.3;
	plot_measure(p, "Xg", fs * 0.95, 1, &w, &th);
	cw = (x1 - x0) / (double)ncol;
	ch = (y1 - y0) / (double)nrow;
	for (i = 0; i < ns; i++) {
		size_t col = i % ncol, row = i / ncol;
		int bottom = i + ncol >= ns, left = col == 0;
		struct pl_panel *P = plot_panel(p);
		double pl_, pt_;

		if (P == NULL)
			return pl_error_nomem();
		snprintf(P->name, sizeof(P->name), "%s", s[i].name);
		pl_ = x0 + cw * (double)col;
		pt_ = y0 + ch * (double)row;
		P->xdate = xdate;
		P->xbucket = xbucket;
		P->xmin = xmin;
		P->xmax = xmax;
		if (p->cfg.free_y)
			yrange(s, i, i + 1, &P->ymin, &P->ymax);
		else {
			P->ymin = lo;
			P->ymax = hi;
		}
		P->x0 = pl_ + ywid + fs * 0.6;
		P->x1 = pl_ + cw - fs * 0.9;
		P->y0 = pt_ + th + fs * 0.3;
		P->y1 = pt_ + ch - fs * 0.45 - fs * 0.88 * 2.5;
		plot_panel_ticks(p, P, 1, 1);
		if (xbucket)
			latest(p, P, s + i, 1);
		/* 2: labels kept inside the panel, off the neighbour's */
		plot_axes(p, P, bottom ? 2 : 0, left || p->cfg.free_y, 1);
		draw_events(p, P, 0);
		plot_text(p, "panel-title", s[i].name, P->x0, pt_, 0, 0,
		    fs * 0.95, 1, p->th.fg);
		if ((err = draw_series(p, P, s, i, 0, sm)) != NULL)
			return err;
		if (xbucket)
			latest_dots(p, P, s + i, 1, 0);
		if (row == 0 && col == 0)
			draw_events(p, P, 1);
	}
	return NULL;
}

const struct pl_error *
plot_line(struct pl_plot *p, const struct pl_table *t)
{
	const struct pl_error *err;
	struct lser *s = NULL;
	size_t ns = 0, i, k;
	int xdate = 1, sm = 0, band = 0, xbucket = 0;

	if ((err = read_series(p, t, &s, &ns, &xdate, &xbucket)) != NULL)
		return err;
	for (i = 0; i < ns; i++)
		for (k = 0; k < s[i].n; k++) {
			if (!isnan(s[i].pts[k].sm))
				sm = 1;
			if (!isnan(s[i].pts[k].lo) && !isnan(s[i].pts[k].hi))
				band = 1;
		}
	if (p->kind == PL_PLOT_MULTIPLES)
		err = multiples(p, s, ns, xdate, sm, xbucket);
	else
		err = single(p, s, ns, xdate, sm, xbucket);
	if (err == NULL)
		err = line_data(p, t, s, ns, band, sm);
	lser_free(s, ns);
	return err;
}
