/*
 * plot.c - line charts over dates with cairo and pango (see
 * include/plenum/plot.h).  Layout first, into plain structs; drawing
 * only reads the layout.
 */
#include <sys/stat.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "plenum/date.h"
#include "plenum/plot.h"

/* Okabe-Ito, the colour-blind-safe palette (without black). */
static const double palette[][3] = {
	{ 0.000, 0.447, 0.698 },	/* blue */
	{ 0.835, 0.369, 0.000 },	/* vermillion */
	{ 0.000, 0.620, 0.451 },	/* bluish green */
	{ 0.800, 0.475, 0.655 },	/* reddish purple */
	{ 0.902, 0.624, 0.000 },	/* orange */
	{ 0.337, 0.706, 0.914 },	/* sky blue */
	{ 0.941, 0.894, 0.259 },	/* yellow */
};
#define NPALETTE (sizeof(palette) / sizeof(palette[0]))

struct pl_plot {
	struct pl_plotcfg	 cfg;
	char			*title, *subtitle, *caption, *ylabel, *font;
	struct pl_layout	 L;
};

void
pl_plotcfg_defaults(struct pl_plotcfg *c)
{
	memset(c, 0, sizeof(*c));
	c->width = 1000;
	c->height = 560;
	c->scale = 1;
	c->font = "DejaVu Sans, Noto Sans CJK SC, sans-serif";
}

static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May",
    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* Tick steps, finest first: kind 0 days, 1 weeks, 2 months; n of them. */
static const struct { int kind, n; } steps[] = {
	{ 0, 1 }, { 1, 1 }, { 1, 2 }, { 2, 1 }, { 2, 3 }, { 2, 6 },
	{ 2, 12 }, { 2, 24 }, { 2, 60 }, { 2, 120 }
};

/* The first tick boundary at or after d for a step. */
static int64_t
step_first(int kind, int n, int64_t d)
{
	int y, m, dd;
	int64_t s;

	if (kind == 0)
		return d;
	if (kind == 1) {
		s = pl_bucket_start(PL_BUCKET_WEEK, d);
		return s < d ? s + 7 * n : s;
	}
	pl_civil_from_days(d, &y, &m, &dd);
	/* months counted from year 0 so multiples line up on January */
	{
		int64_t mi = (int64_t)y * 12 + (m - 1);
		int64_t k = (mi + n - 1) / n * n;
		if (dd > 1 && k == mi)
			k += n;
		return pl_days_from_civil((int)(k / 12), (int)(k % 12) + 1, 1);
	}
}

static int64_t
step_next(int kind, int n, int64_t s)
{
	int y, m, d;
	int64_t mi;

	if (kind == 0)
		return s + n;
	if (kind == 1)
		return s + 7 * n;
	pl_civil_from_days(s, &y, &m, &d);
	mi = (int64_t)y * 12 + (m - 1) + n;
	return pl_days_from_civil((int)(mi / 12), (int)(mi % 12) + 1, 1);
}

size_t
pl_plot_date_ticks(int64_t dmin, int64_t dmax, size_t max, struct pl_tick *t)
{
	size_t k, n = 0, cnt;
	int64_t s;
	int y, m, d, lasty = -1;

	if (max > 64)
		max = 64;
	for (k = 0; k < sizeof(steps) / sizeof(steps[0]); k++) {
		cnt = 0;
		for (s = step_first(steps[k].kind, steps[k].n, dmin); s <= dmax;
		    s = step_next(steps[k].kind, steps[k].n, s))
			cnt++;
		if (cnt <= max || k + 1 == sizeof(steps) / sizeof(steps[0]))
			break;
	}
	for (s = step_first(steps[k].kind, steps[k].n, dmin); s <= dmax &&
	    n < max; s = step_next(steps[k].kind, steps[k].n, s)) {
		struct pl_tick *tk = &t[n++];
		memset(tk, 0, sizeof(*tk));
		tk->value = (double)s;
		pl_civil_from_days(s, &y, &m, &d);
		if (steps[k].kind == 2 && steps[k].n >= 12)
			snprintf(tk->label, sizeof(tk->label), "%d", y);
		else if (steps[k].kind == 2) {
			snprintf(tk->label, sizeof(tk->label), "%s",
			    months[m - 1]);
			if (y != lasty)
				snprintf(tk->label2, sizeof(tk->label2), "%d", y);
		} else {
			snprintf(tk->label, sizeof(tk->label), "%d %s", d,
			    months[m - 1]);
			if (y != lasty)
				snprintf(tk->label2, sizeof(tk->label2), "%d", y);
		}
		lasty = y;
	}
	return n;
}

size_t
pl_plot_nice_ticks(double *lo, double *hi, size_t max, struct pl_tick *t)
{
	double r, raw, mag, step, v, a, b;
	static const double mult[] = { 1, 2, 5, 10 };
	size_t i, n = 0;
	int dec;

	if (max < 2)
		max = 2;
	if (max > 16)
		max = 16;
	if (!(*hi > *lo))
		*hi = *lo + 1;
	r = *hi - *lo;
	raw = r / (double)(max - 1);
	mag = pow(10, floor(log10(raw)));
	step = 10 * mag;
	for (i = 0; i < 4; i++)
		if (mult[i] * mag >= raw) {
			step = mult[i] * mag;
			break;
		}
	a = floor(*lo / step + 1e-9) * step;
	b = ceil(*hi / step - 1e-9) * step;
	dec = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
	for (v = a; v <= b + step * 1e-6 && n < 16; v = a + step * (double)n) {
		struct pl_tick *tk = &t[n++];
		memset(tk, 0, sizeof(*tk));
		tk->value = fabs(v) < step * 1e-9 ? 0 : v;
		snprintf(tk->label, sizeof(tk->label), "%.*f", dec, tk->value);
	}
	*lo = a;
	*hi = b;
	return n;
}

static char *
dupn(const char *s)
{
	return s ? strdup(s) : NULL;
}

void
pl_plot_free(struct pl_plot *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->L.ns; i++)
		free(p->L.s[i].pts);
	free(p->L.s);
	free(p->L.xt);
	free(p->L.yt);
	free(p->title);
	free(p->subtitle);
	free(p->caption);
	free(p->ylabel);
	free(p->font);
	free(p);
}

const struct pl_layout *
pl_plot_layout(const struct pl_plot *p)
{
	return &p->L;
}

static long
col_or(const struct pl_table *t, const char *want, const char *const *defs)
{
	long c;

	if (want != NULL)
		return pl_table_col(t, want);
	for (; *defs != NULL; defs++)
		if ((c = pl_table_col(t, *defs)) != -1)
			return c;
	return -1;
}

const struct pl_error *
pl_plot_line(const struct pl_table *t, const struct pl_plotcfg *cfg,
    struct pl_plot **out)
{
	static const char *const xdefs[] = { "start", "date", "bucket", NULL };
	static const char *const ydefs[] = { "value", "per10k", "count", NULL };
	static const char *const gdefs[] = { "term", "group", NULL };
	const struct pl_error *err = NULL;
	struct pl_plotcfg def;
	struct pl_plot *p;
	struct pl_layout *L;
	long xc, yc, gc;
	size_t r, i, k, maxx;
	double lo = INFINITY, hi = -INFINITY, fs;
	int ok;

	if (cfg == NULL) {
		pl_plotcfg_defaults(&def);
		cfg = &def;
	}
	if (t->nrows == 0)
		return pl_error_fmt(PL_ERR_DATA, "the table is empty: nothing "
		    "to plot");
	if ((xc = col_or(t, cfg->xcol, xdefs)) == -1)
		return pl_error_fmt(PL_ERR_USAGE, "no x column '%s' in the "
		    "table", cfg->xcol ? cfg->xcol : "start");
	if ((yc = col_or(t, cfg->ycol, ydefs)) == -1)
		return pl_error_fmt(PL_ERR_USAGE, "no y column '%s' in the "
		    "table", cfg->ycol ? cfg->ycol : "value");
	gc = col_or(t, cfg->groupcol, gdefs);
	if (cfg->groupcol != NULL && gc == -1)
		return pl_error_fmt(PL_ERR_USAGE, "no group column '%s' in the "
		    "table", cfg->groupcol);
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return pl_error_nomem();
	p->cfg = *cfg;
	p->title = dupn(cfg->title);
	p->subtitle = dupn(cfg->subtitle);
	p->caption = dupn(cfg->caption);
	p->ylabel = dupn(cfg->ylabel);
	p->font = dupn(cfg->font);
	L = &p->L;
	L->width = cfg->width;
	L->height = cfg->height;
	L->dmin = INT64_MAX;
	L->dmax = INT64_MIN;
	/* Series, in the order they first appear; x and y ranges. */
	if ((L->s = calloc(t->nrows, sizeof(*L->s))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (r = 0; r < t->nrows; r++) {
		const struct pl_cell *xcell = pl_table_cell(t, r, (size_t)xc);
		const char *g = gc == -1 ? "" : pl_table_cell(t, r,
		    (size_t)gc)->null ? "" : pl_table_cell(t, r, (size_t)gc)->v.s;
		int64_t day;
		enum pl_precision prec;
		double y;
		struct pl_pseries *s = NULL;

		if (gc != -1 && t->cols[gc].type != PL_COL_STR)
			g = "";
		if (xcell->null || t->cols[xc].type != PL_COL_STR ||
		    pl_date_parse(xcell->v.s, strlen(xcell->v.s), &day,
		    &prec) == -1) {
			err = pl_error_fmt(PL_ERR_DATA, "row %zu: column '%s': "
			    "expected a date (YYYY-MM-DD)", r + 1,
			    t->cols[xc].name);
			goto done;
		}
		for (i = 0; i < L->ns; i++)
			if (strcmp(L->s[i].name, g) == 0) {
				s = &L->s[i];
				break;
			}
		if (s == NULL) {
			s = &L->s[L->ns];
			snprintf(s->name, sizeof(s->name), "%s", g);
			memcpy(s->rgb, palette[L->ns % NPALETTE],
			    sizeof(s->rgb));
			if ((s->pts = calloc(t->nrows, sizeof(*s->pts))) ==
			    NULL) {
				err = pl_error_nomem();
				goto done;
			}
			L->ns++;
		}
		y = pl_table_num(t, r, (size_t)yc, &ok);
		if (!ok && !pl_table_cell(t, r, (size_t)yc)->null) {
			err = pl_error_fmt(PL_ERR_DATA, "row %zu: column '%s': "
			    "expected a number", r + 1, t->cols[yc].name);
			goto done;
		}
		s->pts[s->npts].x = (double)day;
		s->pts[s->npts].gap = !ok;
		s->pts[s->npts].y = ok ? y : 0;
		s->npts++;
		if (day < L->dmin)
			L->dmin = day;
		if (day > L->dmax)
			L->dmax = day;
		if (ok && y < lo)
			lo = y;
		if (ok && y > hi)
			hi = y;
	}
	if (lo > hi)
		lo = hi = 0;
	if (lo > 0)
		lo = 0;		/* rates start at zero */
	/* Plot area: margins from the font size, legend on the right. */
	fs = cfg->height / 40;
	L->x0 = fs * 4.5;
	L->y0 = fs * (p->title ? 3.0 : 1.0) + (p->subtitle ? fs * 1.5 : 0);
	L->x1 = cfg->width - fs * (L->ns > 1 || (L->ns == 1 &&
	    L->s[0].name[0]) ? 14 : 1.5);
	L->y1 = cfg->height - fs * (p->caption ? 5.0 : 3.5);
	L->legend_x = L->x1 + fs;
	L->legend_y = L->y0;
	if ((L->yt = calloc(16, sizeof(*L->yt))) == NULL ||
	    (L->xt = calloc(64, sizeof(*L->xt))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	L->nyt = pl_plot_nice_ticks(&lo, &hi, (size_t)((L->y1 - L->y0) /
	    (fs * 3)) + 1, L->yt);
	L->ymin = lo;
	L->ymax = hi;
	maxx = (size_t)((L->x1 - L->x0) / (fs * 5));
	if (L->dmax == L->dmin)
		L->dmax = L->dmin + 1;
	L->nxt = pl_plot_date_ticks(L->dmin, L->dmax, maxx ? maxx : 1, L->xt);
	for (k = 0; k < L->nxt; k++)
		L->xt[k].pos = L->x0 + (L->xt[k].value - (double)L->dmin) /
		    (double)(L->dmax - L->dmin) * (L->x1 - L->x0);
	for (k = 0; k < L->nyt; k++)
		L->yt[k].pos = L->y1 - (L->yt[k].value - lo) / (hi - lo) *
		    (L->y1 - L->y0);
	for (i = 0; i < L->ns; i++)
		for (k = 0; k < L->s[i].npts; k++) {
			struct pl_point *pt = &L->s[i].pts[k];
			pt->x = L->x0 + (pt->x - (double)L->dmin) /
			    (double)(L->dmax - L->dmin) * (L->x1 - L->x0);
			pt->y = L->y1 - (pt->y - lo) / (hi - lo) *
			    (L->y1 - L->y0);
		}
done:
	if (err) {
		pl_plot_free(p);
		return err;
	}
	*out = p;
	return NULL;
}

const struct pl_error *
pl_plot_dump(const struct pl_plot *p, struct pl_table *out)
{
	const struct pl_error *err = NULL;
	const struct pl_layout *L = &p->L;
	struct pl_table t;
	size_t i, k, row;

	pl_table_init(&t);
	if ((err = pl_table_add_col(&t, "element", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&t, "series", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&t, "index", PL_COL_INT)) != NULL ||
	    (err = pl_table_add_col(&t, "x", PL_COL_REAL)) != NULL ||
	    (err = pl_table_add_col(&t, "y", PL_COL_REAL)) != NULL ||
	    (err = pl_table_add_col(&t, "label", PL_COL_STR)) != NULL)
		goto done;
#define ROW(el, se, ix, xv, yv, lab) do {				\
	if ((err = pl_table_add_row(&t)) != NULL)			\
		goto done;						\
	row = t.nrows - 1;						\
	pl_table_set_str(&t, row, 0, el);				\
	pl_table_set_str(&t, row, 1, se);				\
	pl_table_set_int(&t, row, 2, (int64_t)(ix));			\
	pl_table_set_real(&t, row, 3, xv);				\
	pl_table_set_real(&t, row, 4, yv);				\
	pl_table_set_str(&t, row, 5, lab);				\
} while (0)
	ROW("area", "", 0, L->x0, L->y0, "top-left");
	ROW("area", "", 1, L->x1, L->y1, "bottom-right");
	for (k = 0; k < L->nxt; k++) {
		char lab[64];
		snprintf(lab, sizeof(lab), "%s%s%s", L->xt[k].label,
		    L->xt[k].label2[0] ? " " : "", L->xt[k].label2);
		ROW("xtick", "", k, L->xt[k].pos, L->y1, lab);
	}
	for (k = 0; k < L->nyt; k++)
		ROW("ytick", "", k, L->x0, L->yt[k].pos, L->yt[k].label);
	for (i = 0; i < L->ns; i++)
		for (k = 0; k < L->s[i].npts; k++) {
			const struct pl_point *pt = &L->s[i].pts[k];
			if (pt->gap)
				ROW("gap", L->s[i].name, k, pt->x, NAN, "");
			else
				ROW("point", L->s[i].name, k, pt->x, pt->y, "");
		}
#undef ROW
	for (k = 3; k < 5; k++)
		pl_table_set_prec(&t, k, 2);
	pl_table_release(out);
	*out = t;
	pl_table_init(&t);
done:
	pl_table_release(&t);
	return err;
}

/* Text through pango: size in pixels, anchored by (ax, ay) in [0, 1]. */
static void
text(cairo_t *cr, const char *font, double px, int bold, const char *s,
    double x, double y, double ax, double ay, double gray)
{
	PangoLayout *lay = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	int w, h;

	pango_font_description_set_absolute_size(fd, px * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(lay, fd);
	pango_layout_set_text(lay, s, -1);
	pango_layout_get_pixel_size(lay, &w, &h);
	cairo_set_source_rgb(cr, gray, gray, gray);
	cairo_move_to(cr, x - ax * w, y - ay * h);
	pango_cairo_show_layout(cr, lay);
	pango_font_description_free(fd);
	g_object_unref(lay);
}

const struct pl_error *
pl_plot_draw(struct pl_plot *p, void *vcr, double w, double h)
{
	cairo_t *cr = vcr;
	const struct pl_layout *L = &p->L;
	double fs = L->height / 40, cx;
	size_t i, k;
	int pen;

	cairo_save(cr);
	cairo_scale(cr, w / L->width, h / L->height);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	/* Grid and y labels. */
	cairo_set_line_width(cr, 1);
	for (k = 0; k < L->nyt; k++) {
		double y = floor(L->yt[k].pos) + 0.5;
		cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
		cairo_move_to(cr, L->x0, y);
		cairo_line_to(cr, L->x1, y);
		cairo_stroke(cr);
		text(cr, p->font, fs * 0.9, 0, L->yt[k].label, L->x0 - fs * 0.5,
		    L->yt[k].pos, 1, 0.5, 0.3);
	}
	/* x axis, ticks and labels. */
	cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
	cairo_move_to(cr, L->x0, floor(L->y1) + 0.5);
	cairo_line_to(cr, L->x1, floor(L->y1) + 0.5);
	cairo_stroke(cr);
	for (k = 0; k < L->nxt; k++) {
		cx = floor(L->xt[k].pos) + 0.5;
		cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
		cairo_move_to(cr, cx, L->y1);
		cairo_line_to(cr, cx, L->y1 + fs * 0.4);
		cairo_stroke(cr);
		text(cr, p->font, fs * 0.9, 0, L->xt[k].label, cx,
		    L->y1 + fs * 0.5, 0.5, 0, 0.3);
		if (L->xt[k].label2[0])
			text(cr, p->font, fs * 0.9, 1, L->xt[k].label2, cx,
			    L->y1 + fs * 1.6, 0.5, 0, 0.2);
	}
	/* The lines; a gap breaks a line. */
	cairo_set_line_width(cr, fs * 0.16 < 1.5 ? 1.5 : fs * 0.16);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	for (i = 0; i < L->ns; i++) {
		const struct pl_pseries *s = &L->s[i];
		cairo_set_source_rgb(cr, s->rgb[0], s->rgb[1], s->rgb[2]);
		pen = 0;
		for (k = 0; k < s->npts; k++) {
			if (s->pts[k].gap) {
				pen = 0;
				continue;
			}
			if (pen)
				cairo_line_to(cr, s->pts[k].x, s->pts[k].y);
			else
				cairo_move_to(cr, s->pts[k].x, s->pts[k].y);
			/* a lone point between gaps still shows */
			if (!pen && (k + 1 == s->npts || s->pts[k + 1].gap)) {
				cairo_arc(cr, s->pts[k].x, s->pts[k].y, fs * 0.15,
				    0, 2 * M_PI);
				cairo_fill(cr);
			}
			pen = 1;
		}
		cairo_stroke(cr);
		/* Legend entry. */
		if (L->ns > 1 || s->name[0]) {
			double ly = L->legend_y + fs * 1.6 * (double)i + fs * 0.6;
			cairo_set_source_rgb(cr, s->rgb[0], s->rgb[1], s->rgb[2]);
			cairo_move_to(cr, L->legend_x, ly);
			cairo_line_to(cr, L->legend_x + fs * 1.5, ly);
			cairo_stroke(cr);
			text(cr, p->font, fs, 0, s->name, L->legend_x + fs * 2,
			    ly, 0, 0.5, 0.15);
		}
	}
	if (p->title)
		text(cr, p->font, fs * 1.4, 1, p->title, L->x0, fs * 0.6, 0, 0,
		    0.1);
	if (p->subtitle)
		text(cr, p->font, fs, 0, p->subtitle, L->x0, fs * 2.4, 0, 0,
		    0.35);
	if (p->ylabel) {
		cairo_save(cr);
		cairo_translate(cr, fs * 0.6, (L->y0 + L->y1) / 2);
		cairo_rotate(cr, -M_PI / 2);
		text(cr, p->font, fs * 0.9, 0, p->ylabel, 0, 0, 0.5, 0, 0.3);
		cairo_restore(cr);
	}
	if (p->caption)
		text(cr, p->font, fs * 0.8, 0, p->caption, L->x0,
		    L->height - fs * 1.2, 0, 0.5, 0.45);
	cairo_restore(cr);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		return pl_error_fmt(PL_ERR_INTERNAL, "cairo: %s",
		    cairo_status_to_string(cairo_status(cr)));
	return NULL;
}

static int
ends_with(const char *s, const char *ext)
{
	size_t a = strlen(s), b = strlen(ext);

	return a > b && strcasecmp(s + a - b, ext) == 0;
}

const struct pl_error *
pl_plot_write(struct pl_plot *p, const char *path)
{
	const struct pl_error *err = NULL;
	cairo_surface_t *sf = NULL;
	cairo_t *cr = NULL;
	char tmp[4096];
	double w = p->L.width, h = p->L.height, sc = p->cfg.scale > 0 ?
	    p->cfg.scale : 1;
	int kind, fd;
	cairo_status_t st;

	if (ends_with(path, ".png"))
		kind = 0;
	else if (ends_with(path, ".svg"))
		kind = 1;
	else if (ends_with(path, ".pdf"))
		kind = 2;
	else
		return pl_error_fmt(PL_ERR_USAGE, "%s: unknown extension "
		    "(expected .png, .svg or .pdf)", path);
	/* Write beside the target, then rename: never half a file. */
	snprintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1)
		return pl_error_from_errno(path);
	{
		/* mkstemp makes it 0600; give it the usual mode. */
		mode_t um = umask(0);
		umask(um);
		fchmod(fd, 0666 & ~um);
	}
	close(fd);
	if (kind == 0)
		sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
		    (int)(w * sc), (int)(h * sc));
	else if (kind == 1)
		sf = cairo_svg_surface_create(tmp, w, h);
	else
		sf = cairo_pdf_surface_create(tmp, w, h);
	if ((st = cairo_surface_status(sf)) != CAIRO_STATUS_SUCCESS) {
		err = pl_error_fmt(PL_ERR_IO, "%s: cairo: %s", path,
		    cairo_status_to_string(st));
		goto done;
	}
	cr = cairo_create(sf);
	if ((err = pl_plot_draw(p, cr, kind == 0 ? w * sc : w,
	    kind == 0 ? h * sc : h)) != NULL)
		goto done;
	cairo_destroy(cr);
	cr = NULL;
	if (kind == 0)
		st = cairo_surface_write_to_png(sf, tmp);
	else {
		cairo_surface_finish(sf);
		st = cairo_surface_status(sf);
	}
	if (st != CAIRO_STATUS_SUCCESS) {
		err = pl_error_fmt(PL_ERR_IO, "%s: cairo: %s", path,
		    cairo_status_to_string(st));
		goto done;
	}
	if (rename(tmp, path) == -1)
		err = pl_error_from_errno(path);
done:
	if (cr)
		cairo_destroy(cr);
	if (sf)
		cairo_surface_destroy(sf);
	if (err)
		unlink(tmp);
	return err;
}
