/*
 * intervals.c - periods on a time axis: intervals (plenum bursts: one row
 * per term, a bar from the first to the last day of each burst, darker
 * for more weight) and segments (plenum changes: each segment's level as
 * a horizontal line over its days, with the steps at the change points).
 * Both read the period from two date columns (--x and --upper) and draw
 * it to the end of its last day, so an event on that day stays inside.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plotint.h"

struct span {
	size_t	 g;		/* row (label) or series */
	double	 a, b;		/* first day, day after the last */
	double	 v;		/* weight (intervals) or level (segments) */
	size_t	 row;
};

struct spans {
	struct span	*s;
	size_t		 n;
	char		**names;	/* borrowed from the table */
	size_t		 ng;
	double		 xmin, xmax;
};

static long
group_of(struct spans *S, const char *name, size_t max)
{
	size_t i;

	for (i = 0; i < S->ng; i++)
		if (strcmp(S->names[i], name) == 0)
			return (long)i;
	if (S->ng == max)
		return -1;
	S->names[S->ng] = (char *)(uintptr_t)name;
	return (long)S->ng++;
}

/* Reads the periods of t: group column gc, from xc to uc, value vc. */
static const struct pl_error *
read_spans(const struct pl_table *t, long gc, long xc, long uc, long vc,
    size_t max, struct spans *S)
{
	size_t r;

	memset(S, 0, sizeof(*S));
	S->xmin = INFINITY;
	S->xmax = -INFINITY;
	if ((S->s = calloc(t->nrows, sizeof(*S->s))) == NULL ||
	    (S->names = calloc(t->nrows, sizeof(*S->names))) == NULL)
		return pl_error_nomem();
	for (r = 0; r < t->nrows; r++) {
		const struct pl_cell *g = gc == -1 ? NULL :
		    pl_table_cell(t, r, (size_t)gc);
		int64_t a0, a1, b0, b1;
		enum pl_bucket bk;
		long gi;
		int ok;
		struct span *sp;

		gi = group_of(S, g == NULL || g->null ? "" : g->v.s, max);
		if (gi == -1)
			continue;
		if (plot_cell_bucket(t, r, (size_t)xc, &a0, &a1, &bk) == -1 ||
		    plot_cell_bucket(t, r, (size_t)uc, &b0, &b1, &bk) == -1)
			return pl_error_fmt(PL_ERR_DATA, "row %zu: columns '%s' "
			    "and '%s': expected dates (YYYY-MM-DD)", r + 1,
			    t->cols[xc].name, t->cols[uc].name);
		sp = &S->s[S->n++];
		sp->g = (size_t)gi;
		sp->a = (double)a0;
		sp->b = (double)b1 + 1;
		sp->row = r;
		sp->v = vc == -1 ? 1 : pl_table_num(t, r, (size_t)vc, &ok);
		if (vc != -1 && !ok)
			sp->v = NAN;
		S->xmin = fmin(S->xmin, sp->a);
		S->xmax = fmax(S->xmax, sp->b);
	}
	if (S->n == 0)
		return pl_error_fmt(PL_ERR_DATA, "no periods to plot");
	return NULL;
}

static void
spans_free(struct spans *S)
{
	free(S->s);
	free(S->names);
}

/* The events inside the panel: dashed lines with their labels. */
static void
events(struct pl_plot *p, const struct pl_panel *P)
{
	size_t i;
	double fs = p->fs;

	for (i = 0; i < p->cfg.nevents; i++) {
		double d = (double)p->cfg.events[i].day, x, w, h, bx;
		struct pl_item *it;
		if (d < P->xmin || d > P->xmax)
			continue;
		x = plot_px(P, d);
		if ((it = plot_seg(p, "event", x, P->y0, x, P->y1, p->th.fg,
		    1.2)) != NULL) {
			it->dash = 1;
			it->value = d;
		}
		if (p->cfg.events[i].label == NULL)
			continue;
		plot_measure(p, p->cfg.events[i].label, fs * 0.85, 0, &w, &h);
		bx = x + fs * 0.3;
		if (bx + w > P->x1)
			bx = fmax(P->x0, x - fs * 0.3 - w);
		plot_text(p, "event-label", p->cfg.events[i].label, bx, P->y0 -
		    fs * 0.2, 0, 1, fs * 0.85, 0, p->th.fg);
	}
}

static const struct pl_error *
span_data(struct pl_plot *p, const struct spans *S, const char *vname)
{
	const struct pl_error *err;
	struct pl_table *d = &p->data;
	size_t i;
	char b[16];

	if ((err = pl_table_add_col(d, "label", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(d, "first", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(d, "last", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(d, vname, PL_COL_REAL)) != NULL)
		return err;
	for (i = 0; i < S->n; i++) {
		if ((err = pl_table_add_row(d)) != NULL)
			return err;
		pl_table_set_str(d, i, 0, S->names[S->s[i].g]);
		pl_date_format((int64_t)S->s[i].a, b);
		pl_table_set_str(d, i, 1, b);
		pl_date_format((int64_t)S->s[i].b - 1, b);
		pl_table_set_str(d, i, 2, b);
		pl_table_set_real(d, i, 3, S->s[i].v);
	}
	return NULL;
}

static void
xtitle(struct pl_plot *p, const struct pl_panel *P, double y1)
{
	if (p->cfg.xlabel)
		plot_text(p, "xtitle", p->cfg.xlabel, (P->x0 + P->x1) / 2, y1,
		    0.5, 1, p->fs * 0.9, 0, p->th.muted);
}

const struct pl_error *
plot_intervals(struct pl_plot *p, const struct pl_table *t)
{
	static const char *const ldefs[] = { "term", "label", "group", NULL };
	static const char *const xdefs[] = { "first", "start", NULL };
	static const char *const udefs[] = { "last", "end", NULL };
	static const char *const wdefs[] = { "weight", "value", NULL };
	const struct pl_plotcfg *c = &p->cfg;
	const struct pl_error *err;
	struct spans S;
	struct pl_panel *P;
	long gc, xc, uc, wc;
	double x0, y0, x1, y1, fs = p->fs, labw = 0, w, h, rowh, lpx,
	    wmax = 0, rgba[4];
	size_t i, top = c->top ? c->top : 25;
	char buf[256];

	if ((err = plot_need_col(t, c->labelcol, ldefs, "label", &gc)) != NULL ||
	    (err = plot_need_col(t, c->xcol, xdefs, "x", &xc)) != NULL ||
	    (err = plot_need_col(t, c->uppercol, udefs, "upper", &uc)) != NULL)
		return err;
	if (t->cols[gc].type != PL_COL_STR)
		PLOT_LABELS_AS_TEXT(plot_intervals, p, t, gc);
	wc = plot_col(t, c->weightcol, wdefs);
	if ((err = read_spans(t, gc, xc, uc, wc, top, &S)) != NULL) {
		spans_free(&S);
		return err;
	}
	for (i = 0; i < S.n; i++)
		if (isfinite(S.s[i].v))
			wmax = fmax(wmax, S.s[i].v);
	plot_frame(p, &x0, &y0, &x1, &y1);
	if ((P = plot_panel(p)) == NULL) {
		spans_free(&S);
		return pl_error_nomem();
	}
	P->xdate = 1;
	P->xmin = S.xmin;
	P->xmax = S.xmax > S.xmin ? S.xmax : S.xmin + 1;
	P->y0 = y0 + (c->nevents ? fs * 1.3 : 0);
	P->y1 = y1 - fs * 0.45 - fs * 0.88 * 2.5 - (c->xlabel ? fs * 1.6 : 0);
	rowh = (P->y1 - P->y0) / (double)S.ng;
	lpx = fmin(fs * 0.95, rowh * 0.78);
	for (i = 0; i < S.ng; i++) {
		plot_measure(p, S.names[i], lpx, 0, &w, &h);
		labw = fmax(labw, w);
	}
	labw = fmin(labw, p->L.width * 0.3);
	P->x0 = x0 + labw + fs * 0.8;
	P->x1 = x1 - fs * 0.8;
	P->ymin = 0;
	P->ymax = (double)S.ng;
	plot_panel_ticks(p, P, 1, 0);
	plot_axes(p, P, 1, 0, 0);
	for (i = 0; i < P->nxt; i++)
		plot_seg(p, "grid", P->xt[i].pos, P->y0, P->xt[i].pos, P->y1,
		    p->th.grid, 1);
	for (i = 0; i < S.ng; i++) {
		double yc = P->y0 + rowh * ((double)i + 0.5);
		plot_seg(p, "row-grid", P->x0, yc, P->x1, yc, p->th.grid, 0.6);
		plot_fit(p, S.names[i], lpx, labw, buf, sizeof(buf));
		plot_text(p, "bar-label", buf, x0 + labw, yc, 1, 0.5, lpx, 0,
		    p->th.fg);
	}
	plot_colour(p, 0, rgba);
	if (p->th.mono)
		rgba[0] = rgba[1] = rgba[2] = 0.25;
	for (i = 0; i < S.n; i++) {
		const struct span *sp = &S.s[i];
		double yc = P->y0 + rowh * ((double)sp->g + 0.5), bh = rowh *
		    0.6, xa = plot_px(P, sp->a), xb = plot_px(P, sp->b);
		struct pl_item *it;
		rgba[3] = wmax > 0 && isfinite(sp->v) ? 0.35 + 0.65 * sp->v /
		    wmax : 1;
		/* at least a pixel and a half, so a one-day burst shows */
		if (xb - xa < 1.5)
			xb = xa + 1.5;
		if ((it = plot_rect(p, "interval", xa, yc - bh / 2, xb - xa, bh,
		    rgba)) == NULL || plot_name(p, it, S.names[sp->g]) == -1) {
			spans_free(&S);
			return pl_error_nomem();
		}
		it->index = (long)sp->g;
		it->value = sp->v;
	}
	events(p, P);
	xtitle(p, P, y1);
	err = span_data(p, &S, "weight");
	spans_free(&S);
	return err;
}

/* The series under the levels: its points, by the segments' groups. */
struct opt {
	size_t	 g;
	double	 x, y;
};
struct over {
	struct opt	*v;
	size_t		 n;
};

static int
opt_cmp(const void *a, const void *b)
{
	const struct opt *x = a, *y = b;

	if (x->g != y->g)
		return x->g < y->g ? -1 : 1;
	return x->x < y->x ? -1 : x->x > y->x;
}

static const struct pl_error *
over_read(struct pl_plot *p, const struct pl_table *t, struct spans *S,
    struct over *o)
{
	long gc = pl_table_col(t, "term"), bc = pl_table_col(t, "bucket"),
	    vc = pl_table_col(t, "value");
	size_t r, g;

	(void)p;
	if (bc == -1 || vc == -1)
		return pl_error_fmt(PL_ERR_USAGE, "--over: expected a plenum "
		    "series table (columns bucket and value)");
	if ((o->v = calloc(t->nrows ? t->nrows : 1, sizeof(*o->v))) == NULL)
		return pl_error_nomem();
	for (r = 0; r < t->nrows; r++) {
		const char *name = gc == -1 || pl_table_cell(t, r,
		    (size_t)gc)->null || t->cols[gc].type != PL_COL_STR ? "" :
		    pl_table_cell(t, r, (size_t)gc)->v.s;
		int64_t b0, b1;
		enum pl_bucket bk;
		int ok;
		double y;
		for (g = 0; g < S->ng && strcmp(S->names[g], name) != 0; g++)
			;
		if (g == S->ng && S->ng == 1)
			g = 0;	/* one series: whatever its name */
		if (g == S->ng || plot_cell_bucket(t, r, (size_t)bc, &b0, &b1,
		    &bk) == -1)
			continue;
		y = pl_table_num(t, r, (size_t)vc, &ok);
		o->v[o->n].g = g;
		o->v[o->n].x = plot_bucket_mid(bk, b0, b1);
		o->v[o->n++].y = ok ? y : NAN;
	}
	qsort(o->v, o->n, sizeof(*o->v), opt_cmp);
	return NULL;
}

static const struct pl_error *
over_draw(struct pl_plot *p, const struct pl_panel *P, const struct over *o)
{
	size_t a, b, k;

	for (a = 0; a < o->n; a = b) {
		struct pl_item *it;
		for (b = a; b < o->n && o->v[b].g == o->v[a].g; b++)
			;
		if ((it = plot_item(p, PL_PR_LINE, "series")) == NULL ||
		    (it->pts = calloc(b - a, sizeof(*it->pts))) == NULL)
			return pl_error_nomem();
		plot_colour(p, o->v[a].g, it->rgba);
		it->rgba[3] = 0.45;
		it->lw = fmax(1, p->fs * 0.1);
		it->index = (long)o->v[a].g;
		for (k = a; k < b; k++) {
			struct pl_point *pt = &it->pts[it->npts++];
			pt->x = plot_px(P, o->v[k].x);
			pt->gap = !isfinite(o->v[k].y);
			pt->y = pt->gap ? NAN : plot_py(P, o->v[k].y);
		}
	}
	return NULL;
}

const struct pl_error *
plot_segments(struct pl_plot *p, const struct pl_table *t)
{
	static const char *const gdefs[] = { "term", "group", "series", NULL };
	static const char *const xdefs[] = { "first", "start", NULL };
	static const char *const udefs[] = { "last", "end", NULL };
	static const char *const ydefs[] = { "rate", "value", "y", NULL };
	const struct pl_plotcfg *c = &p->cfg;
	const struct pl_error *err;
	struct spans S;
	struct over ov = { 0 };
	struct pl_panel *P;
	long gc, xc, uc, yc;
	double x0, y0, x1, y1, fs = p->fs, w, h, ywid = 0, legw = 0,
	    lw = fmax(2, fs * 0.2), rgba[4];
	size_t i, k, top = c->top ? c->top : 12;

	if ((err = plot_need_col(t, c->xcol, xdefs, "x", &xc)) != NULL ||
	    (err = plot_need_col(t, c->uppercol, udefs, "upper", &uc)) != NULL ||
	    (err = plot_need_col(t, c->ycol, ydefs, "y", &yc)) != NULL)
		return err;
	gc = plot_col(t, c->groupcol, gdefs);
	if (gc != -1 && t->cols[gc].type != PL_COL_STR)
		gc = -1;
	if ((err = read_spans(t, gc, xc, uc, yc, top, &S)) != NULL) {
		spans_free(&S);
		return err;
	}
	/* A level holds until the next change point: buckets without
	 * reports between two segments (plenum changes skips them) belong
	 * to the earlier one, so the steps join. */
	for (i = 0; i < S.n; i++)
		for (k = i + 1; k < S.n; k++)
			if (S.s[k].g == S.s[i].g) {
				if (S.s[k].a > S.s[i].b)
					S.s[i].b = S.s[k].a;
				break;
			}
	plot_frame(p, &x0, &y0, &x1, &y1);
	if ((P = plot_panel(p)) == NULL) {
		spans_free(&S);
		return pl_error_nomem();
	}
	P->xdate = 1;
	P->xmin = S.xmin;
	P->xmax = S.xmax > S.xmin ? S.xmax : S.xmin + 1;
	P->ymin = 0;
	P->ymax = 0;
	for (i = 0; i < S.n; i++)
		if (isfinite(S.s[i].v))
			P->ymax = fmax(P->ymax, S.s[i].v);
	if (c->over != NULL && (err = over_read(p, c->over, &S, &ov)) != NULL) {
		spans_free(&S);
		return err;
	}
	for (i = 0; i < ov.n; i++)
		if (isfinite(ov.v[i].y))
			P->ymax = fmax(P->ymax, ov.v[i].y);
	if (!(P->ymax > 0))
		P->ymax = 1;
	P->y0 = y0 + (c->nevents ? fs * 1.3 : 0);
	P->y1 = y1 - fs * 0.45 - fs * 0.88 * 2.5 - (c->xlabel ? fs * 1.6 : 0);
	plot_panel_ticks(p, P, 0, 1);
	for (k = 0; k < P->nyt; k++) {
		plot_measure(p, P->yt[k].label, fs * 0.88, 0, &w, &h);
		ywid = fmax(ywid, w);
	}
	if (S.ng > 1 || S.names[0][0])
		for (i = 0; i < S.ng; i++) {
			plot_measure(p, S.names[i], fs * 0.95, 0, &w, &h);
			legw = fmax(legw, w + fs);
		}
	P->x0 = x0 + ywid + fs * 0.6 + (c->ylabel ? fs * 1.6 : 0);
	P->x1 = x1 - fmin(legw, p->L.width * 0.3) - fs * 0.4;
	plot_panel_ticks(p, P, 1, 0);
	plot_axes(p, P, 1, 1, 1);
	if ((err = over_draw(p, P, &ov)) != NULL) {
		free(ov.v);
		spans_free(&S);
		return err;
	}
	free(ov.v);
	for (i = 0; i < S.n; i++) {
		const struct span *sp = &S.s[i];
		struct pl_item *it;
		double ya = plot_py(P, sp->v);
		if (!isfinite(sp->v))
			continue;
		plot_colour(p, sp->g, rgba);
		/* the step from the segment before (same series) */
		for (k = i; k-- > 0;)
			if (S.s[k].g == sp->g)
				break;
		if (k != (size_t)-1 && isfinite(S.s[k].v) && S.s[k].b == sp->a) {
			if ((it = plot_seg(p, "change", plot_px(P, sp->a),
			    plot_py(P, S.s[k].v), plot_px(P, sp->a), ya, rgba,
			    lw * 0.5)) != NULL) {
				it->dash = 1;
				it->value = sp->a;
				plot_name(p, it, S.names[sp->g]);
			}
		}
		if ((it = plot_seg(p, "segment", plot_px(P, sp->a), ya,
		    plot_px(P, sp->b), ya, rgba, lw)) == NULL ||
		    plot_name(p, it, S.names[sp->g]) == -1) {
			spans_free(&S);
			return pl_error_nomem();
		}
		it->dash = plot_dash(p, sp->g);
		it->index = (long)sp->g;
		it->value = sp->v;
	}
	/* series named at the end of their last segment, pushed apart */
	if (legw > 0) {
		double ys[64], lh;
		size_t ord[64], m = 0, j;
		plot_measure(p, "Xg", fs * 0.95, 0, &w, &lh);
		for (i = 0; i < S.ng && m < 64; i++) {
			double last = NAN, lastb = -INFINITY;
			for (k = 0; k < S.n; k++)
				if (S.s[k].g == i && S.s[k].b > lastb) {
					lastb = S.s[k].b;
					last = S.s[k].v;
				}
			if (!isfinite(last))
				continue;
			/* insertion by y */
			for (j = m; j > 0 && ys[j - 1] > plot_py(P, last); j--) {
				ys[j] = ys[j - 1];
				ord[j] = ord[j - 1];
			}
			ys[j] = plot_py(P, last);
			ord[j] = i;
			m++;
		}
		plot_spread(ys, m, lh, P->y1);
		for (j = 0; j < m; j++) {
			plot_colour(p, ord[j], rgba);
			plot_text(p, "legend", S.names[ord[j]], P->x1 + fs * 0.4,
			    ys[j], 0, 0.5, fs * 0.95, 0, rgba);
		}
	}
	events(p, P);
	if (c->ylabel) {
		struct pl_item *it = plot_text(p, "ylabel", c->ylabel, x0,
		    (P->y0 + P->y1) / 2, 0.5, 0, fs * 0.9, 0, p->th.muted);
		if (it)
			it->angle = -M_PI / 2;
	}
	xtitle(p, P, y1);
	err = span_data(p, &S, "level");
	spans_free(&S);
	return err;
}
