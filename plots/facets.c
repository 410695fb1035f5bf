/*
 * facets.c - bars in small multiples: one panel per group (plenum freq
 * --by: each period's or source's top terms), on a shared value scale so
 * panels compare, titled with the group.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plotint.h"

/* A cell as text: numbers (a year read back from TSV) formatted. */
static const char *
cell_text(const struct pl_table *t, size_t r, size_t c, char *buf, size_t n)
{
	const struct pl_cell *x = pl_table_cell(t, r, c);
	int ok;

	if (x->null)
		return "";
	if (t->cols[c].type == PL_COL_STR)
		return x->v.s;
	snprintf(buf, n, "%.15g", pl_table_num(t, r, c, &ok));
	return buf;
}

const struct pl_error *
plot_facets(struct pl_plot *p, const struct pl_table *t)
{
	static const char *const gdefs[] = { "group", "bucket", "source", NULL };
	static const char *const ldefs[] = { "term", "label", "name", NULL };
	static const char *const vdefs[] = { "value", "count", "per10k", NULL };
	const struct pl_plotcfg *c = &p->cfg;
	const struct pl_error *err = NULL;
	struct plot_row *rows = NULL;
	char **gname = NULL, buf[256];
	size_t ng = 0, n = 0, r, i, k, top = c->top ? c->top : 10, ncol, nrow,
	    maxg = 24, *cnt = NULL, ndata = 0;
	long gc, lc, vc;
	double x0, y0, x1, y1, fs = p->fs, vmax = 0, cw, ch, th, w, h, rgba[4];

	if ((err = plot_need_col(t, c->groupcol, gdefs, "group", &gc)) != NULL ||
	    (err = plot_need_col(t, c->labelcol, ldefs, "label", &lc)) != NULL ||
	    (err = plot_need_col(t, c->ycol, vdefs, "y", &vc)) != NULL)
		return err;
	if (t->cols[lc].type != PL_COL_STR)
		PLOT_LABELS_AS_TEXT(plot_facets, p, t, lc);
	if ((rows = calloc(t->nrows, sizeof(*rows))) == NULL ||
	    (gname = calloc(maxg, sizeof(*gname))) == NULL ||
	    (cnt = calloc(maxg, sizeof(*cnt))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (r = 0; r < t->nrows; r++) {
		const char *g = cell_text(t, r, (size_t)gc, buf, sizeof(buf));
		int ok;
		double v = pl_table_num(t, r, (size_t)vc, &ok);
		if (!ok)
			continue;
		for (k = 0; k < ng && strcmp(gname[k], g) != 0; k++)
			;
		if (k == ng) {
			if (ng == maxg)
				continue;
			if ((gname[ng++] = strdup(g)) == NULL) {
				err = pl_error_nomem();
				goto done;
			}
		}
		rows[n].g = k;
		rows[n].v = v;
		rows[n].row = r;
		rows[n].label = pl_table_cell(t, r, (size_t)lc)->null ? "" :
		    pl_table_cell(t, r, (size_t)lc)->v.s;
		n++;
	}
	if (n == 0) {
		err = pl_error_fmt(PL_ERR_DATA, "column '%s' has no values to "
		    "plot", t->cols[vc].name);
		goto done;
	}
	qsort(rows, n, sizeof(*rows), plot_row_cmp);
	/* the top N of each group */
	for (i = 0, k = 0; i < n; i++)
		if (cnt[rows[i].g]++ < top) {
			rows[k++] = rows[i];
			vmax = fmax(vmax, rows[i].v);
		}
	n = k;
	for (k = 0; k < ng; k++)
		if (cnt[k] > top)
			cnt[k] = top;
	if (!(vmax > 0))
		vmax = 1;
	plot_frame(p, &x0, &y0, &x1, &y1);
	if (c->ylabel) {
		plot_measure(p, c->ylabel, fs * 0.9, 0, &w, &h);
		plot_text(p, "xtitle", c->ylabel, (x0 + x1) / 2, y1, 0.5, 1,
		    fs * 0.9, 0, p->th.muted);
		y1 -= h + fs * 0.4;
	}
	ncol = c->ncol > 0 ? (size_t)c->ncol : (size_t)ceil(sqrt((double)ng *
	    p->L.width / p->L.height / 1.4));
	if (ncol < 1)
		ncol = 1;
	if (ncol > ng)
		ncol = ng;
	nrow = (ng + ncol - 1) / ncol;
	cw = (x1 - x0) / (double)ncol;
	ch = (y1 - y0) / (double)nrow;
	plot_measure(p, "Xg", fs * 0.95, 1, &w, &th);
	plot_colour(p, 0, rgba);
	if (p->th.mono)
		rgba[0] = rgba[1] = rgba[2] = 0.3;
	for (k = 0, i = 0; k < ng; k++) {
		size_t col = k % ncol, row = k / ncol, j, m = cnt[k];
		struct pl_panel *P = plot_panel(p);
		double px0 = x0 + cw * (double)col, py0 = y0 + ch * (double)row,
		    labw = 0, rowh, lpx, lastx;
		if (P == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		snprintf(P->name, sizeof(P->name), "%s", gname[k]);
		plot_text(p, "panel-title", gname[k], px0, py0, 0, 0, fs * 0.95,
		    1, p->th.fg);
		P->y0 = py0 + th + fs * 0.3;
		P->y1 = py0 + ch - fs * 0.45 - fs * 0.88 * 1.6;
		rowh = (P->y1 - P->y0) / (double)(m ? m : 1);
		lpx = fmin(fs * 0.85, rowh * 0.8);
		for (j = 0; j < m; j++) {
			plot_measure(p, rows[i + j].label, lpx, 0, &w, &h);
			labw = fmax(labw, w);
		}
		labw = fmin(labw, cw * 0.45);
		P->x0 = px0 + labw + fs * 0.5;
		P->x1 = px0 + cw - fs * 1.2;
		P->xmin = 0;
		P->xmax = vmax;
		P->xint = 1;
		P->ymin = 0;
		P->ymax = (double)m;
		/* ticks close enough to read the bars by, even in a narrow
		 * panel; their labels are thinned below */
		P->nxt = pl_plot_nice_ticks(&P->xmin, &P->xmax, p->yint &&
		    vmax < 4 ? (size_t)ceil(vmax) + 1 : 5, P->xt);
		for (j = 0; j < P->nxt; j++)
			P->xt[j].pos = plot_px(P, P->xt[j].value);
		for (j = 0, lastx = -INFINITY; j < P->nxt; j++) {
			double x = P->xt[j].pos, tw;
			plot_seg(p, "grid", x, P->y0, x, P->y1, p->th.grid, 1);
			plot_measure(p, P->xt[j].label, fs * 0.8, 0, &tw, &h);
			/* the last label must not reach the next panel, nor
			 * a label its neighbour */
			if (x + tw / 2 > P->x1 + fs * 1.0 || x - tw / 2 <
			    lastx + fs * 0.4)
				continue;
			lastx = x + tw / 2;
			plot_text(p, "xlabel", P->xt[j].label, x, P->y1 +
			    fs * 0.35, 0.5, 0, fs * 0.8, 0, p->th.muted);
		}
		plot_seg(p, "zero", P->x0, P->y0, P->x0, P->y1, p->th.axis, 1);
		for (j = 0; j < m; j++, i++) {
			double yc = P->y0 + rowh * ((double)j + 0.5);
			struct pl_item *it = plot_rect(p, "bar", P->x0, yc -
			    rowh * 0.36, plot_px(P, rows[i].v) - P->x0,
			    rowh * 0.72, rgba);
			if (it == NULL || plot_name(p, it, rows[i].label) == -1) {
				err = pl_error_nomem();
				goto done;
			}
			it->index = (long)k;
			it->value = rows[i].v;
			plot_fit(p, rows[i].label, lpx, labw, buf, sizeof(buf));
			plot_text(p, "bar-label", buf, P->x0 - fs * 0.3, yc, 1,
			    0.5, lpx, 0, p->th.fg);
			if (c->values != 0 && rowh > fs * 0.9) {
				/* the number, inside the bar's end when it
				 * would leave the panel */
				double vw, vh, xe = plot_px(P, rows[i].v);
				plot_fmt_value(rows[i].v, buf, sizeof(buf));
				plot_measure(p, buf, lpx * 0.85, 0, &vw, &vh);
				if (xe + fs * 0.25 + vw <= px0 + cw - fs * 0.3)
					plot_text(p, "bar-value", buf, xe + fs *
					    0.25, yc, 0, 0.5, lpx * 0.85, 0,
					    p->th.muted);
				else
					plot_text(p, "bar-value", buf, xe - fs *
					    0.25, yc, 1, 0.5, lpx * 0.85, 0,
					    p->th.bg);
			}
		}
	}
	if ((err = pl_table_add_col(&p->data, "group", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&p->data, "label", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&p->data, "value", PL_COL_REAL)) != NULL)
		goto done;
	for (i = 0; i < n; i++) {
		if ((err = pl_table_add_row(&p->data)) != NULL)
			goto done;
		pl_table_set_str(&p->data, ndata, 0, gname[rows[i].g]);
		pl_table_set_str(&p->data, ndata, 1, rows[i].label);
		pl_table_set_real(&p->data, ndata++, 2, rows[i].v);
	}
done:
	for (k = 0; gname != NULL && k < ng; k++)
		free(gname[k]);
	free(gname);
	free(cnt);
	free(rows);
	return err;
}
