/*
 * dispersion.c - where each term occurs along the timeline: one row per
 * term, a tick per hit (per document, darker with more hits), like
 * AntConc's dispersion plot but over real dates (or text offsets).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/date.h"
#include "plotint.h"

struct hit {
	size_t	 g;
	double	 x, w;
};

const struct pl_error *
plot_dispersion(struct pl_plot *p, const struct pl_table *t)
{
	static const char *const xdefs[] = { "date", "start", "offset", "x",
	    NULL };
	static const char *const gdefs[] = { "term", "group", "label", NULL };
	static const char *const wdefs[] = { "count", NULL };
	const struct pl_plotcfg *c = &p->cfg;
	const struct pl_error *err = NULL;
	struct hit *h = NULL;
	char **names = NULL;
	double *tot = NULL, x0, y0, x1, y1, fs = p->fs, labw = 0, totw = 0, w,
	    hh, rowh, lpx, xmin = INFINITY, xmax = -INFINITY, rgba[4];
	size_t ng = 0, nh = 0, r, i, top = c->top ? c->top : 20;
	long xc, gc, wc;
	int xdate;
	struct pl_panel *P;
	char buf[64];

	if ((err = plot_need_col(t, c->xcol, xdefs, "x", &xc)) != NULL)
		return err;
	/* Without a group column (plenum kwic's table) all hits are one row. */
	if ((gc = plot_col(t, c->groupcol, gdefs)) == -1 && c->groupcol != NULL)
		return pl_error_fmt(PL_ERR_USAGE, "--group: no column '%s' in "
		    "the table", c->groupcol);
	wc = plot_col(t, c->weightcol, wdefs);
	if (c->weightcol != NULL && wc == -1)
		return pl_error_fmt(PL_ERR_USAGE, "--value: no column '%s' in "
		    "the table", c->weightcol);
	if (gc != -1 && t->cols[gc].type != PL_COL_STR)
		return pl_error_fmt(PL_ERR_USAGE, "--group: column '%s' must "
		    "hold text", t->cols[gc].name);
	xdate = t->cols[xc].type == PL_COL_STR;
	if ((h = calloc(t->nrows, sizeof(*h))) == NULL ||
	    (names = calloc(t->nrows, sizeof(*names))) == NULL ||
	    (tot = calloc(t->nrows, sizeof(*tot))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (r = 0; r < t->nrows; r++) {
		const struct pl_cell *g = gc == -1 ? NULL :
		    pl_table_cell(t, r, (size_t)gc);
		const char *name = g == NULL ? "hits" : g->null ? "" : g->v.s;
		int ok;
		for (i = 0; i < ng; i++)
			if (strcmp(names[i], name) == 0)
				break;
		if (i == ng) {
			if (ng == top)
				continue;
			names[ng++] = (char *)name;
		}
		h[nh].g = i;
		if (plot_cell_x(t, r, (size_t)xc, xdate, &h[nh].x) == -1) {
			err = pl_error_fmt(PL_ERR_DATA, "row %zu: column '%s': "
			    "expected %s", r + 1, t->cols[xc].name, xdate ?
			    "a date (YYYY-MM-DD)" : "a number");
			goto done;
		}
		h[nh].w = 1;
		if (wc != -1) {
			h[nh].w = pl_table_num(t, r, (size_t)wc, &ok);
			if (!ok || h[nh].w < 0) {
				err = pl_error_fmt(PL_ERR_DATA, "row %zu: "
				    "column '%s': expected a count >= 0",
				    r + 1, t->cols[wc].name);
				goto done;
			}
			if (h[nh].w == 0)
				continue;
		}
		tot[i] += h[nh].w;
		xmin = fmin(xmin, h[nh].x);
		xmax = fmax(xmax, h[nh].x);
		nh++;
	}
	if (nh == 0) {
		err = pl_error_fmt(PL_ERR_DATA, "no hits to plot (every count "
		    "is 0)");
		goto done;
	}
	plot_frame(p, &x0, &y0, &x1, &y1);
	if ((P = plot_panel(p)) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	P->xdate = xdate;
	P->y0 = y0 + fs;
	P->y1 = y1 - fs * 0.45 - fs * 0.88 * 2.5 - (c->xlabel ? fs * 1.6 : 0);
	rowh = (P->y1 - P->y0) / (double)ng;
	lpx = fmin(fs * 0.95, rowh * 0.6);
	for (i = 0; i < ng; i++) {
		plot_measure(p, names[i], lpx, 0, &w, &hh);
		labw = fmax(labw, w);
		snprintf(buf, sizeof(buf), "%.0f", tot[i]);
		plot_measure(p, buf, lpx * 0.9, 0, &w, &hh);
		totw = fmax(totw, w);
	}
	labw = fmin(labw, p->L.width * 0.35);
	P->x0 = x0 + labw + fs * 0.8;
	P->x1 = x1 - totw - fs * 1.0;
	/* a little air so first and last hits are not on the frame */
	{
		double pad = xmax > xmin ? (xmax - xmin) * 0.01 : 1;
		P->xmin = xdate ? floor(xmin - pad) : xmin - pad;
		P->xmax = xdate ? ceil(xmax + pad) : xmax + pad;
	}
	P->ymin = 0;
	P->ymax = (double)ng;
	plot_panel_ticks(p, P, 1, 0);
	for (i = 0; i < P->nxt; i++)
		plot_seg(p, "grid", P->xt[i].pos, P->y0, P->xt[i].pos, P->y1,
		    p->th.grid, 1);
	plot_axes(p, P, 1, 0, 0);
	plot_text(p, "total-header", "hits", P->x1 + fs * 0.5, P->y0 - fs * 0.2,
	    0, 1, fs * 0.8, 1, p->th.muted);
	for (i = 0; i < ng; i++) {
		double yc = P->y0 + rowh * ((double)i + 0.5);
		plot_seg(p, "row", P->x0, yc + rowh * 0.42, P->x1, yc + rowh *
		    0.42, p->th.grid, 1);
		plot_text(p, "row-label", names[i], P->x0 - fs * 0.5, yc, 1, 0.5,
		    lpx, 0, p->th.fg);
		snprintf(buf, sizeof(buf), "%.0f", tot[i]);
		plot_text(p, "row-total", buf, P->x1 + fs * 0.5, yc, 0, 0.5,
		    lpx * 0.9, 0, p->th.muted);
	}
	for (r = 0; r < nh; r++) {
		double yc = P->y0 + rowh * ((double)h[r].g + 0.5), x;
		struct pl_item *it;
		plot_colour(p, h[r].g, rgba);
		x = plot_px(P, h[r].x);
		it = plot_seg(p, "hit", x, yc - fmin(rowh * 0.34, fs * 1.5), x,
		    yc + fmin(rowh * 0.34, fs * 1.5),
		    rgba, fmax(1.5, fs * 0.12));
		if (it == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		it->rgba[3] = fmin(1, 0.6 + 0.15 * h[r].w);
		it->value = h[r].w;
		it->index = (long)h[r].g;
	}
	if (c->xlabel)
		plot_text(p, "xtitle", c->xlabel, (P->x0 + P->x1) / 2, y1, 0.5,
		    1, fs * 0.9, 0, p->th.muted);
	if ((err = pl_table_add_col(&p->data, "term", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&p->data, "x", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&p->data, "count", PL_COL_REAL)) != NULL)
		goto done;
	for (r = 0; r < nh; r++) {
		char xb[32];
		if ((err = pl_table_add_row(&p->data)) != NULL)
			goto done;
		if (xdate)
			pl_date_format((int64_t)h[r].x, xb);
		else
			snprintf(xb, sizeof(xb), "%.15g", h[r].x);
		pl_table_set_str(&p->data, r, 0, names[h[r].g]);
		pl_table_set_str(&p->data, r, 1, xb);
		pl_table_set_real(&p->data, r, 2, h[r].w);
	}
done:
	free(h);
	free(names);
	free(tot);
	return err;
}
