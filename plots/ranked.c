/*
 * ranked.c - a dot and its interval per label, ranked by value, on a
 * value axis through zero (plenum trends: each term's Theil-Sen slope
 * with Sen's 95% interval; rising terms above, falling below).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plotint.h"

const struct pl_error *
plot_ranked(struct pl_plot *p, const struct pl_table *t)
{
	static const char *const ldefs[] = { "term", "label", "name", NULL };
	static const char *const vdefs[] = { "value", "y", NULL };
	static const char *const lodefs[] = { "lower", NULL };
	static const char *const hidefs[] = { "upper", NULL };
	const struct pl_plotcfg *c = &p->cfg;
	const struct pl_error *err = NULL;
	struct plot_row *rows = NULL, *sel = NULL;
	struct pl_panel *P;
	size_t n = 0, ns = 0, r, i, top = c->top ? c->top : 15, npos = 0,
	    nneg = 0;
	long lc, vc, loc = -1, hic = -1;
	double x0, y0, x1, y1, fs = p->fs, labw = 0, w, h, rowh, lpx,
	    vmin = 0, vmax = 0, zero, up[4], down[4];
	char buf[256];

	if ((err = plot_need_col(t, c->labelcol, ldefs, "label", &lc)) != NULL ||
	    (err = plot_need_col(t, c->ycol, vdefs, "y", &vc)) != NULL)
		return err;
	if (t->cols[lc].type != PL_COL_STR)
		PLOT_LABELS_AS_TEXT(plot_ranked, p, t, lc);
	if ((c->lowercol || plot_col(t, NULL, lodefs) != -1) &&
	    (err = plot_need_col(t, c->lowercol, lodefs, "lower", &loc)) != NULL)
		return err;
	if ((c->uppercol || plot_col(t, NULL, hidefs) != -1) &&
	    (err = plot_need_col(t, c->uppercol, hidefs, "upper", &hic)) != NULL)
		return err;
	if ((rows = calloc(t->nrows, sizeof(*rows))) == NULL ||
	    (sel = calloc(t->nrows, sizeof(*sel))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (r = 0; r < t->nrows; r++) {
		int ok;
		double v = pl_table_num(t, r, (size_t)vc, &ok);
		const struct pl_cell *lcell = pl_table_cell(t, r, (size_t)lc);
		if (!ok)
			continue;
		rows[n].v = v;
		rows[n].lo = rows[n].hi = NAN;
		if (loc != -1) {
			rows[n].lo = pl_table_num(t, r, (size_t)loc, &ok);
			if (!ok)
				rows[n].lo = NAN;
		}
		if (hic != -1) {
			rows[n].hi = pl_table_num(t, r, (size_t)hic, &ok);
			if (!ok)
				rows[n].hi = NAN;
		}
		rows[n].label = lcell->null ? "" : lcell->v.s;
		rows[n].row = r;
		n++;
	}
	if (n == 0) {
		err = pl_error_fmt(PL_ERR_DATA, "column '%s' has no values to "
		    "plot", t->cols[vc].name);
		goto done;
	}
	/* The table's own order is its ranking (trends: by q); the top N
	 * rising and the top N falling of it, then sorted by value. */
	for (i = 0; i < n; i++) {
		if (rows[i].v >= 0 && npos < top) {
			sel[ns++] = rows[i];
			npos++;
		} else if (rows[i].v < 0 && nneg < top) {
			sel[ns++] = rows[i];
			nneg++;
		}
	}
	qsort(sel, ns, sizeof(*sel), plot_row_cmp);
	for (i = 0; i < ns; i++) {
		vmin = fmin(vmin, isnan(sel[i].lo) ? sel[i].v : sel[i].lo);
		vmax = fmax(vmax, isnan(sel[i].hi) ? sel[i].v : sel[i].hi);
		vmin = fmin(vmin, sel[i].v);
		vmax = fmax(vmax, sel[i].v);
	}
	if (vmax == vmin)
		vmax = vmin + 1;
	plot_frame(p, &x0, &y0, &x1, &y1);
	if ((P = plot_panel(p)) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	P->y0 = y0 + fs * 1.6;
	P->y1 = y1 - fs * 0.45 - fs * 0.88 * 1.4 - (c->ylabel ? fs * 1.6 : 0);
	rowh = (P->y1 - P->y0) / (double)ns;
	lpx = fmin(fs * 0.95, rowh * 0.78);
	for (i = 0; i < ns; i++) {
		plot_measure(p, sel[i].label, lpx, 0, &w, &h);
		labw = fmax(labw, w);
	}
	labw = fmin(labw, p->L.width * 0.35);
	P->x0 = x0 + labw + fs * 0.8;
	P->x1 = x1 - fs * 0.8;
	P->xmin = vmin;
	P->xmax = vmax;
	plot_panel_ticks(p, P, 1, 0);
	P->ymin = 0;
	P->ymax = (double)ns;
	for (i = 0; i < P->nxt; i++) {
		plot_seg(p, "grid", P->xt[i].pos, P->y0, P->xt[i].pos, P->y1,
		    p->th.grid, 1);
		plot_seg(p, "xtick", P->xt[i].pos, P->y1, P->xt[i].pos, P->y1 +
		    fs * 0.35, p->th.axis, 1);
		plot_text(p, "xlabel", P->xt[i].label, P->xt[i].pos, P->y1 +
		    fs * 0.45, 0.5, 0, fs * 0.88, 0, p->th.muted);
	}
	if (c->ylabel)
		plot_text(p, "xtitle", c->ylabel, (P->x0 + P->x1) / 2, y1, 0.5,
		    1, fs * 0.9, 0, p->th.muted);
	zero = plot_px(P, 0);
	plot_seg(p, "zero", zero, P->y0, zero, P->y1, p->th.axis, 1);
	plot_colour(p, 0, up);
	plot_colour(p, 1, down);
	if (p->th.mono) {
		up[0] = up[1] = up[2] = 0;
		down[0] = down[1] = down[2] = 0.45;
	}
	plot_text(p, "side-label", "\xe2\x86\x90 falling", zero - fs * 0.5, y0,
	    1, 0, fs * 0.9, 1, down);
	plot_text(p, "side-label", "rising \xe2\x86\x92", zero + fs * 0.5, y0,
	    0, 0, fs * 0.9, 1, up);
	for (i = 0; i < ns; i++) {
		double yc = P->y0 + rowh * ((double)i + 0.5);
		const double *col = sel[i].v < 0 ? down : up;
		struct pl_item *it;
		plot_seg(p, "row-grid", P->x0, yc, P->x1, yc, p->th.grid, 0.6);
		if (!isnan(sel[i].lo) && !isnan(sel[i].hi) &&
		    (it = plot_seg(p, "interval", plot_px(P, sel[i].lo), yc,
		    plot_px(P, sel[i].hi), yc, col, fmax(1.5, fs * 0.18))) !=
		    NULL) {
			plot_name(p, it, sel[i].label);
			it->index = (long)i;
			it->value = sel[i].hi - sel[i].lo;
		}
		if ((it = plot_item(p, PL_PR_CIRCLE, "dot")) == NULL ||
		    plot_name(p, it, sel[i].label) == -1) {
			err = pl_error_nomem();
			goto done;
		}
		it->x = plot_px(P, sel[i].v);
		it->y = yc;
		it->r = fmin(fs * 0.36, rowh * 0.35);
		it->index = (long)i;
		it->value = sel[i].v;
		memcpy(it->fill, col, 4 * sizeof(double));
		memcpy(it->rgba, p->th.bg, 3 * sizeof(double));
		it->lw = 1;
		plot_fit(p, sel[i].label, lpx, labw, buf, sizeof(buf));
		plot_text(p, "bar-label", buf, x0 + labw, yc, 1, 0.5, lpx, 0,
		    p->th.fg);
	}
	if ((err = pl_table_add_col(&p->data, "label", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&p->data, "value", PL_COL_REAL)) != NULL ||
	    (err = pl_table_add_col(&p->data, "lower", PL_COL_REAL)) != NULL ||
	    (err = pl_table_add_col(&p->data, "upper", PL_COL_REAL)) != NULL)
		goto done;
	for (i = 0; i < ns; i++) {
		if ((err = pl_table_add_row(&p->data)) != NULL)
			goto done;
		pl_table_set_str(&p->data, i, 0, sel[i].label);
		pl_table_set_real(&p->data, i, 1, sel[i].v);
		pl_table_set_real(&p->data, i, 2, sel[i].lo);
		pl_table_set_real(&p->data, i, 3, sel[i].hi);
	}
done:
	free(rows);
	free(sel);
	return err;
}
