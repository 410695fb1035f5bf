/*
 * bar.c - horizontal bars for top-N lists, and diverging bars for signed
 * values (keyness: one side per corpus).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plotint.h"

int
plot_row_cmp(const void *a, const void *b)
{
	const struct plot_row *x = a, *y = b;

	if (x->g != y->g)
		return x->g < y->g ? -1 : 1;
	if (x->v != y->v)
		return x->v > y->v ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

const struct pl_error *
plot_bar(struct pl_plot *p, const struct pl_table *t)
{
	static const char *const ldefs[] = { "term", "collocate", "label",
	    "name", "source", "group", NULL };
	static const char *const vdefs[] = { "value", "count", "g2",
	    "log_ratio", "per10k", "o11", "n", NULL };
	const struct pl_plotcfg *c = &p->cfg;
	const struct pl_error *err;
	struct plot_row *rows = NULL, *sel = NULL;
	struct pl_panel *P;
	size_t n = 0, ns = 0, r, i, top = c->top ? c->top : 20, npos = 0, nneg = 0;
	long lc, vc;
	double x0, y0, x1, y1, fs = p->fs, labw = 0, valw = 0, w, h, rowh,
	    lpx, vmin = 0, vmax = 0, zero, rgba[4], neg[4];
	int diverging = 0, values;
	char buf[256];
	const char *negl, *posl;

	if ((err = plot_need_col(t, c->labelcol, ldefs, "label", &lc)) != NULL ||
	    (err = plot_need_col(t, c->weightcol ? c->weightcol : c->ycol,
	    vdefs, c->weightcol ? "value" : "y", &vc)) != NULL)
		return err;
	if (t->cols[lc].type != PL_COL_STR)
		PLOT_LABELS_AS_TEXT(plot_bar, p, t, lc);
	if ((rows = calloc(t->nrows, sizeof(*rows))) == NULL ||
	    (sel = calloc(t->nrows, sizeof(*sel))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (r = 0; r < t->nrows; r++) {
		const struct pl_cell *lcell = pl_table_cell(t, r, (size_t)lc);
		const struct pl_cell *vcell = pl_table_cell(t, r, (size_t)vc);
		int ok;
		if (vcell->null)
			continue;
		rows[n].v = pl_table_num(t, r, (size_t)vc, &ok);
		if (!ok) {
			err = pl_error_fmt(PL_ERR_DATA, "row %zu: column '%s': "
			    "expected a number, not '%s'", r + 1,
			    t->cols[vc].name, vcell->v.s);
			goto done;
		}
		rows[n].label = lcell->null ? "" : lcell->v.s;
		rows[n].row = r;
		if (rows[n].v < 0)
			diverging = 1;
		n++;
	}
	if (n == 0) {
		err = pl_error_fmt(PL_ERR_DATA, "column '%s' has no values to "
		    "plot", t->cols[vc].name);
		goto done;
	}
	qsort(rows, n, sizeof(*rows), plot_row_cmp);
	/* The top N; diverging: the top N of each side. */
	for (i = 0; i < n; i++)
		if (rows[i].v >= 0 && npos < top) {
			sel[ns++] = rows[i];
			npos++;
		}
	for (i = n; diverging && i-- > 0;)
		if (rows[i].v < 0 && nneg < top) {
			sel[ns++] = rows[i];
			nneg++;
		}
	qsort(sel, ns, sizeof(*sel), plot_row_cmp);
	for (i = 0; i < ns; i++) {
		vmin = fmin(vmin, sel[i].v);
		vmax = fmax(vmax, sel[i].v);
	}
	if (vmax == vmin)
		vmax = vmin + 1;
	values = c->values != 0;

	plot_frame(p, &x0, &y0, &x1, &y1);
	if ((P = plot_panel(p)) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	P->y0 = y0 + (diverging ? fs * 1.6 : 0);
	P->y1 = y1 - fs * 0.45 - fs * 0.88 * 1.4 - (c->ylabel ? fs * 1.6 : 0);
	rowh = (P->y1 - P->y0) / (double)ns;
	lpx = fmin(fs * 0.95, rowh * 0.78);
	for (i = 0; i < ns; i++) {
		plot_measure(p, sel[i].label, lpx, 0, &w, &h);
		labw = fmax(labw, w);
		plot_fmt_value(sel[i].v, buf, sizeof(buf));
		plot_measure(p, buf, lpx * 0.9, 0, &w, &h);
		valw = fmax(valw, w);
	}
	labw = fmin(labw, p->L.width * 0.4);
	P->x0 = x0 + labw + fs * 0.6;
	P->x1 = x1 - (values ? valw + fs * 0.6 : fs * 0.4);
	P->xmin = vmin;
	P->xmax = vmax;
	P->xint = 1;	/* whole-number ticks when the values are counts */
	/* left bars need room for their values too */
	if (values && diverging)
		P->x0 += valw + fs * 0.4;
	plot_panel_ticks(p, P, 1, 0);
	P->ymin = 0;
	P->ymax = (double)ns;
	/* Grid and the value axis at the bottom. */
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
	plot_colour(p, 0, rgba);
	plot_colour(p, 1, neg);
	if (p->th.mono) {
		rgba[0] = rgba[1] = rgba[2] = 0.3;
		neg[0] = neg[1] = neg[2] = 0.65;
	}
	for (i = 0; i < ns; i++) {
		double yc = P->y0 + rowh * ((double)i + 0.5), bh = rowh * 0.72;
		double xe = plot_px(P, sel[i].v);
		struct pl_item *it;

		it = plot_rect(p, "bar", fmin(zero, xe), yc - bh / 2,
		    fabs(xe - zero), bh, sel[i].v < 0 ? neg : rgba);
		if (it == NULL || plot_name(p, it, sel[i].label) == -1) {
			err = pl_error_nomem();
			goto done;
		}
		it->index = (long)i;
		it->value = sel[i].v;
		plot_fit(p, sel[i].label, lpx, labw, buf, sizeof(buf));
		plot_text(p, "bar-label", buf, x0 + labw, yc, 1, 0.5, lpx, 0,
		    p->th.fg);
		if (values) {
			plot_fmt_value(sel[i].v, buf, sizeof(buf));
			if (sel[i].v < 0)
				plot_text(p, "bar-value", buf, xe - fs * 0.3, yc,
				    1, 0.5, lpx * 0.9, 0, p->th.muted);
			else
				plot_text(p, "bar-value", buf, xe + fs * 0.3, yc,
				    0, 0.5, lpx * 0.9, 0, p->th.muted);
		}
	}
	plot_seg(p, "zero", zero, P->y0, zero, P->y1, p->th.axis, 1);
	if (diverging) {
		int keyness = pl_table_col(t, "target_count") != -1;
		negl = c->neg_label ? c->neg_label : keyness ?
		    "\xe2\x86\x90 more in the reference" : "\xe2\x86\x90 negative";
		posl = c->pos_label ? c->pos_label : keyness ?
		    "more in the target \xe2\x86\x92" : "positive \xe2\x86\x92";
		plot_text(p, "side-label", negl, zero - fs * 0.5, y0, 1, 0,
		    fs * 0.9, 1, neg);
		plot_text(p, "side-label", posl, zero + fs * 0.5, y0, 0, 0,
		    fs * 0.9, 1, rgba);
	}
	/* The numbers plotted. */
	if ((err = pl_table_add_col(&p->data, "label", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&p->data, "value", PL_COL_REAL)) != NULL)
		goto done;
	for (i = 0; i < ns; i++) {
		if ((err = pl_table_add_row(&p->data)) != NULL)
			goto done;
		pl_table_set_str(&p->data, i, 0, sel[i].label);
		pl_table_set_real(&p->data, i, 1, sel[i].v);
	}
done:
	free(rows);
	free(sel);
	return err;
}
