/*
 * draw.c - the one renderer: walks a layout's display list and draws it
 * onto any cairo context, snapping axis-aligned lines to device pixels.
 */
#include <math.h>
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "plotint.h"

/* Snaps a coordinate so a line of width lw (user units) lands on whole
 * device pixels: crisp 1-px lines at 1x and 2x. */
static double
snap(cairo_t *cr, double v, double lw, int isx)
{
	double x = isx ? v : 0, y = isx ? 0 : v, dw = lw, dh = 0;
	double dev, back;
	long n;

	cairo_user_to_device_distance(cr, &dw, &dh);
	cairo_user_to_device(cr, &x, &y);
	dev = isx ? x : y;
	n = lround(dw);
	dev = (n % 2) ? floor(dev) + 0.5 : round(dev);
	x = isx ? dev : 0;
	y = isx ? 0 : dev;
	cairo_device_to_user(cr, &x, &y);
	back = isx ? x : y;
	return back;
}

static void
set_dash(cairo_t *cr, int dash, double lw)
{
	double d[4];

	switch (dash) {
	case 1:
		d[0] = lw * 5;
		d[1] = lw * 3;
		cairo_set_dash(cr, d, 2, 0);
		break;
	case 2:
		d[0] = lw * 0.01;
		d[1] = lw * 2.2;
		cairo_set_dash(cr, d, 2, 0);
		break;
	case 3:
		d[0] = lw * 6;
		d[1] = lw * 2.5;
		d[2] = lw * 0.01;
		d[3] = lw * 2.5;
		cairo_set_dash(cr, d, 4, 0);
		break;
	default:
		cairo_set_dash(cr, NULL, 0, 0);
	}
}


const struct pl_error *
pl_plot_draw(struct pl_plot *p, void *vcr, double w, double h)
{
	return plot_render(p, vcr, w, h, 1);
}

const struct pl_error *
plot_render(struct pl_plot *p, void *vcr, double w, double h, int text)
{
	cairo_t *cr = vcr;
	const struct pl_layout *L = &p->L;
	PangoContext *ctx;
	const struct pl_error *err;
	size_t i, k;

	if ((err = plot_status(p)) != NULL)
		return err;
	cairo_save(cr);
	cairo_scale(cr, w / L->width, h / L->height);
	cairo_set_source_rgb(cr, L->bg[0], L->bg[1], L->bg[2]);
	cairo_paint(cr);
	ctx = pango_cairo_create_context(cr);
	plot_font_options(ctx);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	for (i = 0; i < L->nitems; i++) {
		const struct pl_item *it = &L->items[i];
		double lw = it->lw;
		int pen = 0;

		cairo_new_path(cr);
		switch (it->prim) {
		case PL_PR_SEG:
			cairo_set_line_cap(cr, it->dash == 2 ?
			    CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
			if ((it->x == it->x2 || it->y == it->y2) && it->lw > 0) {
				/* a whole number of device pixels wide */
				double dw = it->lw, dh = 0;
				cairo_user_to_device_distance(cr, &dw, &dh);
				dw = fmax(1, round(fabs(dw)));
				dh = 0;
				cairo_device_to_user_distance(cr, &dw, &dh);
				lw = fabs(dw);
			}
			if (it->x == it->x2) {
				double x = snap(cr, it->x, lw, 1);
				cairo_move_to(cr, x, it->y);
				cairo_line_to(cr, x, it->y2);
			} else if (it->y == it->y2) {
				double y = snap(cr, it->y, lw, 0);
				cairo_move_to(cr, it->x, y);
				cairo_line_to(cr, it->x2, y);
			} else {
				cairo_move_to(cr, it->x, it->y);
				cairo_line_to(cr, it->x2, it->y2);
			}
			break;
		case PL_PR_LINE:
			cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
			for (k = 0; k < it->npts; k++) {
				const struct pl_point *pt = &it->pts[k];
				if (pt->gap) {
					pen = 0;
					continue;
				}
				if (pen)
					cairo_line_to(cr, pt->x, pt->y);
				else if (k + 1 == it->npts || it->pts[k + 1].gap) {
					/* a lone point between gaps: a dot */
					cairo_new_sub_path(cr);
					cairo_arc(cr, pt->x, pt->y, it->lw * 1.2,
					    0, 2 * M_PI);
					cairo_move_to(cr, pt->x, pt->y);
				} else
					cairo_move_to(cr, pt->x, pt->y);
				pen = 1;
			}
			break;
		case PL_PR_POLY:
			for (k = 0; k < it->npts; k++)
				if (k == 0)
					cairo_move_to(cr, it->pts[k].x,
					    it->pts[k].y);
				else
					cairo_line_to(cr, it->pts[k].x,
					    it->pts[k].y);
			cairo_close_path(cr);
			break;
		case PL_PR_RECT:
			cairo_rectangle(cr, it->x, it->y, it->w, it->h);
			break;
		case PL_PR_CIRCLE:
			cairo_arc(cr, it->x, it->y, it->r, 0, 2 * M_PI);
			break;
		case PL_PR_TEXT:
			if (text)
				plot_draw_text(cr, ctx, p, it);
			continue;
		}
		if (it->fill[3] > 0) {
			cairo_set_source_rgba(cr, it->fill[0], it->fill[1],
			    it->fill[2], it->fill[3]);
			if (it->lw > 0)
				cairo_fill_preserve(cr);
			else
				cairo_fill(cr);
		}
		if (it->lw > 0) {
			cairo_set_source_rgba(cr, it->rgba[0], it->rgba[1],
			    it->rgba[2], it->rgba[3]);
			cairo_set_line_width(cr, lw);
			set_dash(cr, it->dash, lw);
			cairo_stroke(cr);
			cairo_set_dash(cr, NULL, 0, 0);
		}
		cairo_new_path(cr);
	}
	g_object_unref(ctx);
	cairo_restore(cr);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		return pl_error_fmt(PL_ERR_INTERNAL, "cairo: %s",
		    cairo_status_to_string(cairo_status(cr)));
	return NULL;
}

