/*
 * plot.c - the plot object, themes, the display list, text measurement,
 * shared axes, drawing and writing (see include/plenum/plot.h).  The
 * chart kinds (line.c, bar.c, heatmap.c, dispersion.c, network.c) only
 * build the display list; this file is the only one that draws.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>
#include <png.h>
#include <zlib.h>

#include "plenum/date.h"
#include "plenum/file.h"
#include "plotint.h"

#ifndef PL_VERSION
#define PL_VERSION "unknown"
#endif

static const char *const kind_names[] = { "line", "bar", "heatmap",
    "multiples", "dispersion", "network" };

int
pl_plot_kind_parse(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i++)
		if (strcmp(s, kind_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *
pl_plot_kind_name(enum pl_plot_kind k)
{
	return kind_names[k];
}

void
pl_plotcfg_defaults(struct pl_plotcfg *c)
{
	memset(c, 0, sizeof(*c));
	c->width = 1000;
	c->height = 560;
	c->scale = 1;
	c->theme = "default";
	c->font = "DejaVu Sans, Noto Sans CJK SC, sans-serif";
	c->values = -1;
	c->threshold = NAN;
	c->max_edges = 0;
	c->seed = 1;
}

/* Okabe-Ito, the colour-blind-safe palette (without black). */
static const double okabe_ito[][3] = {
	{ 0.000, 0.447, 0.698 },	/* blue */
	{ 0.835, 0.369, 0.000 },	/* vermillion */
	{ 0.000, 0.620, 0.451 },	/* bluish green */
	{ 0.800, 0.475, 0.655 },	/* reddish purple */
	{ 0.902, 0.624, 0.000 },	/* orange */
	{ 0.337, 0.706, 0.914 },	/* sky blue */
	{ 0.941, 0.894, 0.259 },	/* yellow */
};
#define NOKABE (sizeof(okabe_ito) / sizeof(okabe_ito[0]))

static const struct theme themes[] = {
	{ "default", { 1, 1, 1 }, { 0.10, 0.10, 0.10 }, { 0.38, 0.38, 0.38 },
	  { 0.89, 0.89, 0.89 }, { 0.30, 0.30, 0.30 }, 0 },
	{ "print", { 1, 1, 1 }, { 0, 0, 0 }, { 0.20, 0.20, 0.20 },
	  { 0.85, 0.85, 0.85 }, { 0, 0, 0 }, 1 },
	{ "dark", { 0.11, 0.12, 0.14 }, { 0.93, 0.93, 0.93 },
	  { 0.68, 0.68, 0.70 }, { 0.24, 0.25, 0.28 }, { 0.62, 0.62, 0.65 }, 0 },
};

void
plot_colour(const struct pl_plot *p, size_t i, double rgba[4])
{
	static const double greys[] = { 0.0, 0.45, 0.0, 0.3, 0.55, 0.15 };

	if (p->th.mono) {
		rgba[0] = rgba[1] = rgba[2] = greys[i % 6];
	} else
		memcpy(rgba, okabe_ito[i % NOKABE], 3 * sizeof(double));
	rgba[3] = 1;
}

int
plot_dash(const struct pl_plot *p, size_t i)
{
	return p->th.mono ? (int)(i % 4) : 0;
}

struct pl_item *
plot_item(struct pl_plot *p, enum pl_prim prim, const char *role)
{
	struct pl_item *it;

	if (p->L.nitems == p->cap) {
		size_t nc = p->cap ? p->cap * 2 : 256;
		struct pl_item *ni = realloc(p->L.items, nc * sizeof(*ni));
		if (ni == NULL)
			return NULL;
		p->L.items = ni;
		p->cap = nc;
	}
	it = &p->L.items[p->L.nitems++];
	memset(it, 0, sizeof(*it));
	it->prim = prim;
	it->role = role;
	it->value = NAN;
	it->rgba[3] = 1;
	return it;
}

int
plot_name(struct pl_item *it, const char *s)
{
	free(it->name);
	it->name = NULL;
	if (s != NULL && (it->name = strdup(s)) == NULL)
		return -1;
	return 0;
}

struct pl_item *
plot_seg(struct pl_plot *p, const char *role, double x, double y, double x2,
    double y2, const double rgb[3], double lw)
{
	struct pl_item *it = plot_item(p, PL_PR_SEG, role);

	if (it == NULL)
		return NULL;
	it->x = x;
	it->y = y;
	it->x2 = x2;
	it->y2 = y2;
	memcpy(it->rgba, rgb, 3 * sizeof(double));
	it->lw = lw;
	return it;
}

struct pl_item *
plot_rect(struct pl_plot *p, const char *role, double x, double y, double w,
    double h, const double rgba[4])
{
	struct pl_item *it = plot_item(p, PL_PR_RECT, role);

	if (it == NULL)
		return NULL;
	it->x = x;
	it->y = y;
	it->w = w;
	it->h = h;
	memcpy(it->fill, rgba, 4 * sizeof(double));
	return it;
}

/* One pango context for measuring, with the same font options as drawing
 * (no hinting of metrics), so measured and drawn text agree. */
static PangoContext *mctx;

static void
font_options(PangoContext *ctx)
{
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
		font_options(mctx);
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

struct pl_item *
plot_text(struct pl_plot *p, const char *role, const char *s, double x,
    double y, double ax, double ay, double px, int bold, const double rgb[3])
{
	struct pl_item *it = plot_item(p, PL_PR_TEXT, role);

	if (it == NULL || plot_name(it, s) == -1)
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

long
plot_col(const struct pl_table *t, const char *want, const char *const *defs)
{
	long c;

	if (want != NULL)
		return pl_table_col(t, want);
	for (; defs != NULL && *defs != NULL; defs++)
		if ((c = pl_table_col(t, *defs)) != -1)
			return c;
	return -1;
}

const struct pl_error *
plot_need_col(const struct pl_table *t, const char *want,
    const char *const *defs, const char *what, long *col)
{
	char list[256];
	size_t k = 0, i;

	if ((*col = plot_col(t, want, defs)) != -1)
		return NULL;
	if (want != NULL)
		return pl_error_fmt(PL_ERR_USAGE, "--%s: no column '%s' in the "
		    "table", what, want);
	list[0] = '\0';
	for (i = 0; defs[i] != NULL && k < sizeof(list); i++)
		k += (size_t)snprintf(list + k, sizeof(list) - k, "%s'%s'",
		    i ? ", " : "", defs[i]);
	return pl_error_fmt(PL_ERR_USAGE, "no %s column: the table has none "
	    "of %s (choose one with --%s)", what, list, what);
}

int
plot_cell_x(const struct pl_table *t, size_t row, size_t col, int date,
    double *v)
{
	const struct pl_cell *c = pl_table_cell(t, row, col);
	enum pl_precision prec;
	int64_t d;
	int ok;

	if (c->null)
		return -1;
	if (date) {
		if (t->cols[col].type != PL_COL_STR || pl_date_parse(c->v.s,
		    strlen(c->v.s), &d, &prec) == -1)
			return -1;
		*v = (double)d;
		return 0;
	}
	*v = pl_table_num(t, row, col, &ok);
	return ok ? 0 : -1;
}

struct pl_panel *
plot_panel(struct pl_plot *p)
{
	struct pl_panel *np = realloc(p->L.panels, (p->L.npanels + 1) *
	    sizeof(*np));

	if (np == NULL)
		return NULL;
	p->L.panels = np;
	memset(&np[p->L.npanels], 0, sizeof(*np));
	return &np[p->L.npanels++];
}

void
plot_frame(struct pl_plot *p, double *x0, double *y0, double *x1, double *y1)
{
	double fs = p->fs, y = fs * 0.8, w, h;
	const struct pl_plotcfg *c = &p->cfg;

	*x0 = fs * 1.2;
	*x1 = p->L.width - fs * 1.2;
	if (c->title) {
		plot_text(p, "title", c->title, *x0, y, 0, 0, fs * 1.45, 1,
		    p->th.fg);
		plot_measure(p, c->title, fs * 1.45, 1, &w, &h);
		y += h + fs * 0.2;
	}
	if (c->subtitle) {
		plot_text(p, "subtitle", c->subtitle, *x0, y, 0, 0, fs * 1.05,
		    0, p->th.muted);
		plot_measure(p, c->subtitle, fs * 1.05, 0, &w, &h);
		y += h;
	}
	*y0 = y + fs * 0.8;
	*y1 = p->L.height - fs * 0.8;
	if (c->caption) {
		plot_measure(p, c->caption, fs * 0.85, 0, &w, &h);
		plot_text(p, "caption", c->caption, *x0, *y1, 0, 1, fs * 0.85, 0,
		    p->th.muted);
		*y1 -= h + fs * 0.6;
	}
}

double
plot_px(const struct pl_panel *P, double x)
{
	return P->x0 + (x - P->xmin) / (P->xmax - P->xmin) * (P->x1 - P->x0);
}

double
plot_py(const struct pl_panel *P, double y)
{
	return P->y1 - (y - P->ymin) / (P->ymax - P->ymin) * (P->y1 - P->y0);
}

void
plot_panel_ticks(struct pl_plot *p, struct pl_panel *P, int nicex, int nicey)
{
	double fs = p->fs;
	size_t k, maxx;

	if (nicey) {
		P->nyt = pl_plot_nice_ticks(&P->ymin, &P->ymax,
		    (size_t)((P->y1 - P->y0) / (fs * 2.6)) + 1, P->yt);
		for (k = 0; k < P->nyt; k++)
			P->yt[k].pos = plot_py(P, P->yt[k].value);
	}
	if (!nicex)
		return;
	/* Room for the widest label ("28 Sep") every tick, with a gap of
	 * a quarter of a label between neighbours. */
	{
		double w, h;
		plot_measure(p, P->xdate ? "28 Sep" : "00000", fs * 0.88, 0, &w,
		    &h);
		maxx = (size_t)((P->x1 - P->x0) / (w * 1.25));
	}
	if (maxx < 2)
		maxx = 2;
	if (P->xdate) {
		if (!(P->xmax > P->xmin))
			P->xmax = P->xmin + 1;
		P->nxt = pl_plot_date_ticks((int64_t)P->xmin, (int64_t)P->xmax,
		    maxx, P->xt);
	} else
		P->nxt = pl_plot_nice_ticks(&P->xmin, &P->xmax, maxx > 16 ?
		    16 : maxx, P->xt);
	for (k = 0; k < P->nxt; k++)
		P->xt[k].pos = plot_px(P, P->xt[k].value);
}

void
plot_axes(struct pl_plot *p, const struct pl_panel *P, int xlabels,
    int ylabels, int grid)
{
	double fs = p->fs, ls = fs * 0.88;
	size_t k;

	for (k = 0; k < P->nyt; k++) {
		if (grid)
			plot_seg(p, "grid", P->x0, P->yt[k].pos, P->x1,
			    P->yt[k].pos, p->th.grid, 1);
		if (ylabels)
			plot_text(p, "ytick", P->yt[k].label, P->x0 - fs * 0.4,
			    P->yt[k].pos, 1, 0.5, ls, 0, p->th.muted);
	}
	plot_seg(p, "axis", P->x0, P->y1, P->x1, P->y1, p->th.axis, 1);
	for (k = 0; k < P->nxt; k++) {
		double x = P->xt[k].pos;
		plot_seg(p, "xtick", x, P->y1, x, P->y1 + fs * 0.35, p->th.axis,
		    1);
		if (!xlabels)
			continue;
		plot_text(p, "xlabel", P->xt[k].label, x, P->y1 + fs * 0.45,
		    0.5, 0, ls, 0, p->th.muted);
		if (P->xt[k].label2[0])
			plot_text(p, "xlabel2", P->xt[k].label2, x, P->y1 +
			    fs * 0.45 + ls * 1.25, 0.5, 0, ls, 1, p->th.fg);
	}
}

static void
theme_set(struct pl_plot *p, const char *name)
{
	size_t i;

	p->th = themes[0];
	for (i = 0; i < sizeof(themes) / sizeof(themes[0]); i++)
		if (name != NULL && strcmp(name, themes[i].name) == 0)
			p->th = themes[i];
}

static const char *
keep(struct pl_plot *p, const char *s)
{
	char *d;

	if (s == NULL || p->nstrs == sizeof(p->strs) / sizeof(p->strs[0]))
		return s;
	if ((d = strdup(s)) == NULL)
		return NULL;
	p->strs[p->nstrs++] = d;
	return d;
}

const struct pl_error *
pl_plot_new(enum pl_plot_kind kind, const struct pl_table *t,
    const struct pl_plotcfg *cfg, struct pl_plot **out)
{
	const struct pl_error *err = NULL;
	struct pl_plotcfg def;
	struct pl_plot *p;

	if (cfg == NULL) {
		pl_plotcfg_defaults(&def);
		cfg = &def;
	}
	if (cfg->theme != NULL && strcmp(cfg->theme, "default") != 0 &&
	    strcmp(cfg->theme, "print") != 0 && strcmp(cfg->theme, "dark") != 0)
		return pl_error_fmt(PL_ERR_USAGE, "unknown theme '%s' (expected "
		    "default, print or dark)", cfg->theme);
	if (!(cfg->width >= 100 && cfg->width <= 20000 && cfg->height >= 80 &&
	    cfg->height <= 20000))
		return pl_error_fmt(PL_ERR_USAGE, "size %gx%g: expected 100 to "
		    "20000 by 80 to 20000 pixels", cfg->width, cfg->height);
	if (t->nrows == 0)
		return pl_error_fmt(PL_ERR_DATA, "the table is empty: nothing to "
		    "plot");
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return pl_error_nomem();
	p->kind = kind;
	p->cfg = *cfg;
	p->cfg.title = keep(p, cfg->title);
	p->cfg.subtitle = keep(p, cfg->subtitle);
	p->cfg.caption = keep(p, cfg->caption);
	p->cfg.xlabel = keep(p, cfg->xlabel);
	p->cfg.ylabel = keep(p, cfg->ylabel);
	p->cfg.font = keep(p, cfg->font ? cfg->font : "sans-serif");
	p->cfg.cmdline = keep(p, cfg->cmdline);
	p->cfg.dbname = keep(p, cfg->dbname);
	p->cfg.neg_label = keep(p, cfg->neg_label);
	p->cfg.pos_label = keep(p, cfg->pos_label);
	/* events' labels stay borrowed only during layout */
	theme_set(p, cfg->theme);
	p->cfg.theme = p->th.name;
	p->L.width = cfg->width;
	p->L.height = cfg->height;
	memcpy(p->L.bg, p->th.bg, sizeof(p->L.bg));
	/* The base font size follows the chart's size, within limits. */
	p->fs = fmin(cfg->width / 72, cfg->height / 38);
	if (p->fs < 10)
		p->fs = 10;
	if (p->fs > 26)
		p->fs = 26;
	pl_table_init(&p->data);
	switch (kind) {
	case PL_PLOT_LINE:
	case PL_PLOT_MULTIPLES:
		err = plot_line(p, t);
		break;
	case PL_PLOT_BAR:
		err = plot_bar(p, t);
		break;
	case PL_PLOT_HEATMAP:
		err = plot_heatmap(p, t);
		break;
	case PL_PLOT_DISPERSION:
		err = plot_dispersion(p, t);
		break;
	case PL_PLOT_NETWORK:
		err = plot_network(p, t);
		break;
	default:
		err = pl_error_fmt(PL_ERR_USAGE, "unknown chart kind");
	}
	for (size_t i = 0; i < p->cfg.nevents; i++)
		p->cfg.events[i].label = NULL;
	if (err != NULL) {
		pl_plot_free(p);
		return err;
	}
	*out = p;
	return NULL;
}

void
pl_plot_free(struct pl_plot *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->L.nitems; i++) {
		free(p->L.items[i].name);
		free(p->L.items[i].pts);
	}
	free(p->L.items);
	free(p->L.panels);
	for (i = 0; i < p->nstrs; i++)
		free(p->strs[i]);
	pl_table_release(&p->data);
	free(p->missing_first);
	free(p);
}

const struct pl_layout *
pl_plot_layout(const struct pl_plot *p)
{
	return &p->L;
}

const struct pl_table *
pl_plot_data(const struct pl_plot *p)
{
	return &p->data;
}

size_t
pl_plot_missing_glyphs(const struct pl_plot *p, const char **first)
{
	if (first != NULL)
		*first = p->missing_first;
	return p->missing;
}

static const char *const prim_names[] = { "seg", "line", "poly", "rect",
    "circle", "text" };

const struct pl_error *
pl_plot_dump(const struct pl_plot *p, struct pl_table *out)
{
	static const char *const cols[] = { "role", "prim", "name", "index",
	    "x", "y", "x2", "y2", "value" };
	const struct pl_error *err = NULL;
	const struct pl_layout *L = &p->L;
	struct pl_table t;
	size_t i, k, r;

	pl_table_init(&t);
	for (i = 0; i < 9; i++)
		if ((err = pl_table_add_col(&t, cols[i], i < 3 ? PL_COL_STR :
		    i == 3 ? PL_COL_INT : PL_COL_REAL)) != NULL)
			goto done;
	for (i = 4; i < 8; i++)
		pl_table_set_prec(&t, i, 2);
#define ROW(role, prim, name, ix, a, b, c, d, v) do {			\
	if ((err = pl_table_add_row(&t)) != NULL)			\
		goto done;						\
	r = t.nrows - 1;						\
	pl_table_set_str(&t, r, 0, role);				\
	pl_table_set_str(&t, r, 1, prim);				\
	if ((name) != NULL)						\
		pl_table_set_str(&t, r, 2, name);			\
	pl_table_set_int(&t, r, 3, (int64_t)(ix));			\
	pl_table_set_real(&t, r, 4, a);					\
	pl_table_set_real(&t, r, 5, b);					\
	pl_table_set_real(&t, r, 6, c);					\
	pl_table_set_real(&t, r, 7, d);					\
	pl_table_set_real(&t, r, 8, v);					\
} while (0)
	for (i = 0; i < L->npanels; i++) {
		const struct pl_panel *P = &L->panels[i];
		char lab[64];
		ROW("panel", "rect", P->name, i, P->x0, P->y0, P->x1, P->y1,
		    NAN);
		for (k = 0; k < P->nxt; k++) {
			snprintf(lab, sizeof(lab), "%s%s%s", P->xt[k].label,
			    P->xt[k].label2[0] ? " " : "", P->xt[k].label2);
			ROW("panel-xtick", "tick", lab, i, P->xt[k].pos, P->y1,
			    NAN, NAN, P->xt[k].value);
		}
		for (k = 0; k < P->nyt; k++)
			ROW("panel-ytick", "tick", P->yt[k].label, i, P->x0,
			    P->yt[k].pos, NAN, NAN, P->yt[k].value);
	}
	for (i = 0; i < L->nitems; i++) {
		const struct pl_item *it = &L->items[i];
		switch (it->prim) {
		case PL_PR_LINE:
		case PL_PR_POLY:
			for (k = 0; k < it->npts; k++)
				ROW(it->role, prim_names[it->prim], it->name,
				    (long)k, it->pts[k].x, it->pts[k].gap ?
				    NAN : it->pts[k].y, NAN, NAN, it->value);
			break;
		case PL_PR_RECT:
			ROW(it->role, "rect", it->name, it->index, it->x, it->y,
			    it->x + it->w, it->y + it->h, it->value);
			break;
		case PL_PR_CIRCLE:
			ROW(it->role, "circle", it->name, it->index, it->x,
			    it->y, it->r, NAN, it->value);
			break;
		case PL_PR_TEXT:
			/* the box the text covers */
			ROW(it->role, "text", it->name, it->index, it->x -
			    it->ax * it->bw, it->y - it->ay * it->bh, it->x +
			    (1 - it->ax) * it->bw, it->y + (1 - it->ay) * it->bh,
			    it->value);
			break;
		default:
			ROW(it->role, "seg", it->name, it->index, it->x, it->y,
			    it->x2, it->y2, it->value);
		}
	}
#undef ROW
	pl_table_release(out);
	*out = t;
	pl_table_init(&t);
done:
	pl_table_release(&t);
	return err;
}

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

static void
draw_text(cairo_t *cr, PangoContext *ctx, const struct pl_plot *p,
    const struct pl_item *it)
{
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

const struct pl_error *
pl_plot_draw(struct pl_plot *p, void *vcr, double w, double h)
{
	cairo_t *cr = vcr;
	const struct pl_layout *L = &p->L;
	PangoContext *ctx;
	size_t i, k;

	cairo_save(cr);
	cairo_scale(cr, w / L->width, h / L->height);
	cairo_set_source_rgb(cr, L->bg[0], L->bg[1], L->bg[2]);
	cairo_paint(cr);
	ctx = pango_cairo_create_context(cr);
	font_options(ctx);
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
			draw_text(cr, ctx, p, it);
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

/* Output: the file is assembled in memory, provenance added, then
 * written beside the target and renamed over it. */
struct mem {
	unsigned char	*p;
	size_t		 n, cap;
	int		 oom;
};

static int
mem_add(struct mem *m, const void *d, size_t n)
{
	if (m->n + n > m->cap) {
		size_t nc = m->cap ? m->cap : 65536;
		unsigned char *np;
		while (nc < m->n + n)
			nc *= 2;
		if ((np = realloc(m->p, nc)) == NULL) {
			m->oom = 1;
			return -1;
		}
		m->p = np;
		m->cap = nc;
	}
	memcpy(m->p + m->n, d, n);
	m->n += n;
	return 0;
}

static cairo_status_t
mem_write(void *closure, const unsigned char *d, unsigned int n)
{
	return mem_add(closure, d, n) == 0 ? CAIRO_STATUS_SUCCESS :
	    CAIRO_STATUS_NO_MEMORY;
}

static int
ends_with(const char *s, const char *ext)
{
	size_t a = strlen(s), b = strlen(ext);

	return a > b && strcasecmp(s + a - b, ext) == 0;
}

static int
mem_str(struct mem *m, const char *s)
{
	return mem_add(m, s, strlen(s));
}

static void
xml_escape(struct mem *m, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '<':
			mem_add(m, "&lt;", 4);
			break;
		case '>':
			mem_add(m, "&gt;", 4);
			break;
		case '&':
			mem_add(m, "&amp;", 5);
			break;
		case '"':
			mem_add(m, "&quot;", 6);
			break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n')
				mem_add(m, s, 1);
		}
}

static void
provenance(const struct pl_plot *p, char *buf, size_t n)
{
	snprintf(buf, n, "plenum %s; %s chart; database: %s; command: %s",
	    PL_VERSION, pl_plot_kind_name(p->kind), p->cfg.dbname ?
	    p->cfg.dbname : "(none)", p->cfg.cmdline ? p->cfg.cmdline :
	    "(none)");
}

/* libpng's output into memory. */
static void
png_mem_write(png_structp png, png_bytep d, size_t n)
{
	if (mem_add(png_get_io_ptr(png), d, n) == -1)
		png_error(png, "out of memory");
}

static void
png_mem_flush(png_structp png)
{
	(void)png;
}

/*
 * The image surface as PNG with libpng rather than cairo's writer, to
 * choose the filter and compression, and to add pHYs (the resolution) and
 * iTXt chunks (the provenance).  A chart is mostly flat colour, so no
 * filter and zlib level 1 make the smallest and fastest file of those
 * tried on the 1600 x 900 benchmark chart (docs/PLOTS.md): 42 ms and
 * 247 KB for the whole process, against 59 ms and 340 KB with the Sub
 * filter and Z_RLE at level 6, and 110 ms with cairo's own writer
 * (adaptive filters, level 6).  Pixels are unpacked here: libpng's
 * filler and BGR transforms took 13 ms longer.
 */
static int
png_encode(const struct pl_plot *p, cairo_surface_t *sf, struct mem *out,
    double dpi)
{
	png_structp png;
	png_infop info;
	png_text txt[5];
	char desc[4096], ver[64];
	unsigned char *volatile row = NULL;
	int w = cairo_image_surface_get_width(sf);
	int h = cairo_image_surface_get_height(sf);
	int stride = cairo_image_surface_get_stride(sf), y, x, nt = 0;
	unsigned char *data;
	png_uint_32 ppm = (png_uint_32)lround(dpi / 0.0254);

	cairo_surface_flush(sf);
	data = cairo_image_surface_get_data(sf);
	if ((png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL,
	    NULL)) == NULL)
		return -1;
	if ((info = png_create_info_struct(png)) == NULL ||
	    (row = malloc((size_t)w * 3)) == NULL) {
		png_destroy_write_struct(&png, info ? &info : NULL);
		free((void *)row);
		return -1;
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		free((void *)row);
		return -1;
	}
	png_set_write_fn(png, out, png_mem_write, png_mem_flush);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
	    PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
	    PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_set_compression_level(png, 1);
	png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
	snprintf(ver, sizeof(ver), "plenum %s", PL_VERSION);
	provenance(p, desc, sizeof(desc));
	memset(txt, 0, sizeof(txt));
#define TXT(k, v) do {							\
	txt[nt].compression = PNG_ITXT_COMPRESSION_NONE;		\
	txt[nt].key = (char *)(k);					\
	txt[nt].text = (char *)(v);					\
	nt++;								\
} while (0)
	TXT("Software", ver);
	if (p->cfg.title)
		TXT("Title", p->cfg.title);
	TXT("Description", desc);
	if (p->cfg.dbname)
		TXT("Source", p->cfg.dbname);
	if (p->cfg.cmdline)
		TXT("Comment", p->cfg.cmdline);
#undef TXT
	png_set_text(png, info, txt, nt);
	png_write_info(png, info);
	for (y = 0; y < h; y++) {
		const uint32_t *px = (const uint32_t *)(void *)(data +
		    (size_t)y * (size_t)stride);
		for (x = 0; x < w; x++) {
			row[3 * x] = (unsigned char)(px[x] >> 16);
			row[3 * x + 1] = (unsigned char)(px[x] >> 8);
			row[3 * x + 2] = (unsigned char)px[x];
		}
		png_write_row(png, row);
	}
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	free((void *)row);
	return out->oom ? -1 : 0;
}

/* SVG from cairo, with <title>, <desc> and <metadata> after <svg ...>. */
static int
svg_finish(const struct pl_plot *p, const struct mem *in, struct mem *out)
{
	const unsigned char *s, *e;
	char desc[4096];

	if ((s = memmem(in->p, in->n, "<svg", 4)) == NULL ||
	    (e = memchr(s, '>', in->n - (size_t)(s - in->p))) == NULL)
		return -1;
	e++;
	/* cairo 1.16 sizes the SVG in pt; our units are CSS pixels */
	for (const unsigned char *q = in->p; q < e; q++) {
		if (q > s && q + 2 < e && q[0] == 'p' && q[1] == 't' &&
		    q[2] == '"' && q[-1] >= '0' && q[-1] <= '9') {
			mem_str(out, "px");
			q++;
			continue;
		}
		mem_add(out, q, 1);
	}
	mem_str(out, "\n");
	if (p->cfg.title) {
		mem_str(out, "<title>");
		xml_escape(out, p->cfg.title);
		mem_str(out, "</title>\n");
	}
	provenance(p, desc, sizeof(desc));
	mem_str(out, "<desc>");
	xml_escape(out, desc);
	mem_str(out, "</desc>\n");
	mem_str(out, "<metadata><plenum:provenance xmlns:plenum=\""
	    "urn:plenum:provenance\" version=\"");
	xml_escape(out, PL_VERSION);
	mem_str(out, "\" kind=\"");
	xml_escape(out, pl_plot_kind_name(p->kind));
	mem_str(out, "\" database=\"");
	xml_escape(out, p->cfg.dbname ? p->cfg.dbname : "");
	mem_str(out, "\" command=\"");
	xml_escape(out, p->cfg.cmdline ? p->cfg.cmdline : "");
	mem_str(out, "\"/></metadata>");
	mem_add(out, e, in->n - (size_t)(e - in->p));
	return out->oom ? -1 : 0;
}

/* Every file plenum writes goes through pl_file_write_atomic(). */
static const struct pl_error *
write_atomic(const char *path, const struct mem *m)
{
	return pl_file_write_atomic(path, m->p, m->n);
}

const struct pl_error *
pl_plot_write(struct pl_plot *p, const char *path)
{
	const struct pl_error *err = NULL;
	cairo_surface_t *sf = NULL;
	cairo_t *cr = NULL;
	struct mem raw = { 0 }, fin = { 0 };
	double w = p->L.width, h = p->L.height, sc = p->cfg.scale > 0 ?
	    p->cfg.scale : 1;
	int kind, pw, ph;
	cairo_status_t st;
	char desc[4096], ver[64];

	if (ends_with(path, ".png"))
		kind = 0;
	else if (ends_with(path, ".svg"))
		kind = 1;
	else if (ends_with(path, ".pdf"))
		kind = 2;
	else
		return pl_error_fmt(PL_ERR_USAGE, "%s: unknown extension "
		    "(expected .png, .svg or .pdf)", path);
	pw = (int)lround(w * sc);
	ph = (int)lround(h * sc);
	if (kind == 0)
		sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
	else if (kind == 1)
		sf = cairo_svg_surface_create_for_stream(mem_write, &raw, w, h);
	else	/* PDF in points: 96 logical pixels to the inch */
		sf = cairo_pdf_surface_create_for_stream(mem_write, &raw,
		    w * 0.75, h * 0.75);
	if ((st = cairo_surface_status(sf)) != CAIRO_STATUS_SUCCESS) {
		err = pl_error_fmt(PL_ERR_INTERNAL, "%s: cairo: %s", path,
		    cairo_status_to_string(st));
		goto done;
	}
	if (kind == 2) {
		snprintf(ver, sizeof(ver), "plenum %s", PL_VERSION);
		provenance(p, desc, sizeof(desc));
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR,
		    ver);
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_SUBJECT,
		    desc);
		if (p->cfg.title)
			cairo_pdf_surface_set_metadata(sf,
			    CAIRO_PDF_METADATA_TITLE, p->cfg.title);
		if (p->cfg.cmdline)
			cairo_pdf_surface_set_metadata(sf,
			    CAIRO_PDF_METADATA_KEYWORDS, p->cfg.cmdline);
	}
	cr = cairo_create(sf);
	if ((err = pl_plot_draw(p, cr, kind == 0 ? pw : kind == 2 ? w * 0.75 :
	    w, kind == 0 ? ph : kind == 2 ? h * 0.75 : h)) != NULL)
		goto done;
	cairo_destroy(cr);
	cr = NULL;
	if (kind == 0)
		st = cairo_surface_status(sf);
	else {
		cairo_surface_finish(sf);
		st = cairo_surface_status(sf);
	}
	if (st != CAIRO_STATUS_SUCCESS || raw.oom) {
		err = raw.oom ? pl_error_nomem() : pl_error_fmt(PL_ERR_INTERNAL,
		    "%s: cairo: %s", path, cairo_status_to_string(st));
		goto done;
	}
	if ((kind == 0 && png_encode(p, sf, &fin, 96 * sc) == -1) ||
	    (kind == 1 && svg_finish(p, &raw, &fin) == -1)) {
		err = fin.oom ? pl_error_nomem() : pl_error_fmt(
		    PL_ERR_INTERNAL, "%s: unexpected output from cairo", path);
		goto done;
	}
	err = write_atomic(path, kind == 2 ? &raw : &fin);
done:
	if (cr)
		cairo_destroy(cr);
	if (sf)
		cairo_surface_destroy(sf);
	free(raw.p);
	free(fin.p);
	return err;
}
