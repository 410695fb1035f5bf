/*
 * text.c - text with pango: one measuring context, font lists, layouts,
 * and drawing a text item.  Measuring and drawing use the same font
 * options (metric hinting off), so a measured width is the drawn width.
 */
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "plotint.h"

/* One pango context for measuring, with the same font options as drawing
 * (no hinting of metrics), so measured and drawn text agree. */
static PangoContext *mctx;

void
plot_font_options(void *vctx)
{
	PangoContext *ctx = vctx;
	cairo_font_options_t *fo = cairo_font_options_create();

	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
}

/*
 * Text that is all ASCII is set in the first family of the list alone:
 * naming the whole list makes fontconfig open every family in it, and the
 * CJK fallback is a 20 MB collection (12 ms of a 33 ms English chart).
 */
static PangoLayout *
make_layout(PangoContext *ctx, const char *font, const char *s, double px,
    int bold)
{
	PangoLayout *lay = pango_layout_new(ctx);
	PangoFontDescription *fd;
	const char *q, *comma = strchr(font, ',');
	char first[256];

	for (q = s; *q && (unsigned char)*q < 0x80; q++)
		;
	if (*q == '\0' && comma != NULL && (size_t)(comma - font) <
	    sizeof(first)) {
		memcpy(first, font, (size_t)(comma - font));
		first[comma - font] = '\0';
		font = first;
	}
	fd = pango_font_description_from_string(font);

	pango_font_description_set_absolute_size(fd, px * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(lay, fd);
	pango_layout_set_text(lay, s, -1);
	pango_font_description_free(fd);
	return lay;
}

void
plot_measure(struct pl_plot *p, const char *s, double px, int bold, double *w,
    double *h)
{
	PangoLayout *lay;
	PangoRectangle lr;
	int unk;

	if (mctx == NULL) {
		mctx = pango_font_map_create_context(
		    pango_cairo_font_map_get_default());
		plot_font_options(mctx);
	}
	lay = make_layout(mctx, p->cfg.font, s, px, bold);
	pango_layout_get_extents(lay, NULL, &lr);
	*w = (double)lr.width / PANGO_SCALE;
	*h = (double)lr.height / PANGO_SCALE;
	if ((unk = pango_layout_get_unknown_glyphs_count(lay)) > 0) {
		if (p->missing == 0)
			p->missing_first = strdup(s);
		p->missing += (size_t)unk;
	}
	g_object_unref(lay);
}

double
plot_baseline(struct pl_plot *p, const char *s, double px, int bold)
{
	PangoLayout *lay;
	double b;

	if (mctx == NULL) {
		mctx = pango_font_map_create_context(
		    pango_cairo_font_map_get_default());
		plot_font_options(mctx);
	}
	lay = make_layout(mctx, p->cfg.font, s, px, bold);
	b = (double)pango_layout_get_baseline(lay) / PANGO_SCALE;
	g_object_unref(lay);
	return b;
}

struct pl_item *
plot_text(struct pl_plot *p, const char *role, const char *s, double x,
    double y, double ax, double ay, double px, int bold, const double rgb[3])
{
	struct pl_item *it = plot_item(p, PL_PR_TEXT, role);

	if (it == NULL || plot_name(p, it, s) == -1)
		return NULL;
	it->x = x;
	it->y = y;
	it->ax = ax;
	it->ay = ay;
	it->size = px;
	it->bold = bold;
	memcpy(it->rgba, rgb, 3 * sizeof(double));
	plot_measure(p, s, px, bold, &it->bw, &it->bh);
	return it;
}

void
plot_draw_text(void *vcr, void *vctx, const struct pl_plot *p,
    const struct pl_item *it)
{
	cairo_t *cr = vcr;
	PangoContext *ctx = vctx;
	PangoLayout *lay = make_layout(ctx, p->cfg.font, it->name, it->size,
	    it->bold);
	PangoRectangle lr;

	pango_layout_get_extents(lay, NULL, &lr);
	cairo_save(cr);
	cairo_set_source_rgba(cr, it->rgba[0], it->rgba[1], it->rgba[2],
	    it->rgba[3]);
	cairo_translate(cr, it->x, it->y);
	if (it->angle != 0)
		cairo_rotate(cr, it->angle);
	cairo_move_to(cr, -it->ax * lr.width / PANGO_SCALE,
	    -it->ay * lr.height / PANGO_SCALE);
	pango_cairo_show_layout(cr, lay);
	cairo_restore(cr);
	g_object_unref(lay);
}
