/*
 * plot.c - the plot object, themes and palette, the display list
 * builders, column lookup, the shared frame and axes, and --dump (see
 * include/plenum/plot.h).  Text is in text.c, the one renderer in draw.c,
 * the file writers in write.c; the chart kinds (line.c, bar.c,
 * heatmap.c, dispersion.c, network.c) only build the display list.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/date.h"
#include "plotint.h"
#include "../lib/fault.h"

static const char *const kind_names[] = { "line", "bar", "heatmap",
    "multiples", "dispersion", "network", "facets", "ranked", "intervals",
    "segments" };

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
	/* colours first; past the seven hues, dashes tell them apart */
	return p->th.mono ? (int)(i % 4) : (int)((i / NOKABE) % 4);
}

struct pl_item *
plot_item(struct pl_plot *p, enum pl_prim prim, const char *role)
{
	struct pl_item *it;

	if (p->L.nitems == p->cap) {
		size_t nc = p->cap ? p->cap * 2 : 256;
		struct pl_item *ni = fault_alloc() ? NULL :
		    realloc(p->L.items, nc * sizeof(*ni));
		if (ni == NULL) {
			p->nomem = 1;
			return NULL;
		}
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
plot_name(struct pl_plot *p, struct pl_item *it, const char *s)
{
	free(it->name);
	it->name = NULL;
	if (s != NULL && (fault_alloc() || (it->name = strdup(s)) == NULL)) {
		p->nomem = 1;
		return -1;
	}
	return 0;
}

const struct pl_error *
plot_status(const struct pl_plot *p)
{
	if (p->nomem)
		return pl_error_nomem();
	return pl_table_status(&p->data);
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

/* At most max ticks, and no more than one per whole number (counts). */
static size_t
int_ticks(double lo, double hi, size_t max)
{
	double r = ceil(hi) - floor(lo);

	if (r < 1)
		r = 1;
	if ((double)max > r + 1)
		max = (size_t)r + 1;
	return max < 2 ? 2 : max;
}

void
plot_panel_ticks(struct pl_plot *p, struct pl_panel *P, int nicex, int nicey)
{
	double fs = p->fs;
	size_t k, maxx;

	if (nicey) {
		size_t maxy = (size_t)((P->y1 - P->y0) / (fs * 2.6)) + 1;
		if (p->yint)
			maxy = int_ticks(P->ymin, P->ymax, maxy);
		P->nyt = pl_plot_nice_ticks(&P->ymin, &P->ymax, maxy, P->yt);
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
		P->nxt = plot_date_ticks((int64_t)P->xmin, (int64_t)P->xmax,
		    maxx, P->xt, p->zh, P->xbucket);
	} else
		P->nxt = pl_plot_nice_ticks(&P->xmin, &P->xmax, p->yint &&
		    P->xint ? int_ticks(P->xmin, P->xmax, maxx) : maxx > 16 ?
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
		if (xlabels == 2) {	/* small multiples: inside the panel */
			double w, h;
			plot_measure(p, P->xt[k].label, ls, 0, &w, &h);
			if (x - w / 2 < P->x0 - fs * 0.3 || x + w / 2 > P->x1 +
			    fs * 0.3)
				continue;
		}
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
	if (fault_alloc() || (d = strdup(s)) == NULL) {
		/* the plot fails at the end of pl_plot_new(); until then
		 * the caller's string serves (a NULL font crashed pango) */
		p->nomem = 1;
		return s;
	}
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
	p->cfg.lang = keep(p, cfg->lang);
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
	plot_auto(p, t);
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
	case PL_PLOT_FACETS:
		err = plot_facets(p, t);
		break;
	case PL_PLOT_RANKED:
		err = plot_ranked(p, t);
		break;
	case PL_PLOT_INTERVALS:
		err = plot_intervals(p, t);
		break;
	case PL_PLOT_SEGMENTS:
		err = plot_segments(p, t);
		break;
	default:
		err = pl_error_fmt(PL_ERR_USAGE, "unknown chart kind");
	}
	for (size_t i = 0; i < p->cfg.nevents; i++)
		p->cfg.events[i].label = NULL;
	/* Builders may ignore what plot_item() and the table setters
	 * return: the first failure is kept and stops the plot here. */
	if (err == NULL)
		err = plot_status(p);
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

	if ((err = plot_status(p)) != NULL)
		return err;
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


/* s shortened (by whole UTF-8 characters, with an ellipsis) to fit w. */
void
plot_fit(struct pl_plot *p, const char *s, double px, double maxw, char *out,
    size_t outsz)
{
	double w, h;
	size_t n;

	snprintf(out, outsz, "%s", s);
	plot_measure(p, out, px, 0, &w, &h);
	n = strlen(out);
	while (w > maxw && n > 1) {
		do
			n--;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80);
		snprintf(out, outsz, "%.*s\xe2\x80\xa6", (int)n, s);
		plot_measure(p, out, px, 0, &w, &h);
	}
}

void
plot_fmt_value(double v, char *buf, size_t n)
{
	if (v == floor(v) && fabs(v) < 1e15)
		snprintf(buf, n, "%.0f", v);
	else if (fabs(v) >= 100)
		snprintf(buf, n, "%.0f", v);
	else if (fabs(v) >= 10)
		snprintf(buf, n, "%.1f", v);
	else
		snprintf(buf, n, "%.2f", v);
}

/*
 * A copy of t with numeric column col as text ("2001", "10.6"): labels
 * and categories read back from TSV may all look like numbers.
 */
const struct pl_error *
plot_table_as_text(const struct pl_table *t, size_t col, struct pl_table *out)
{
	const struct pl_error *err = NULL;
	size_t r, k;
	char buf[32];

	pl_table_init(out);
	for (k = 0; k < t->ncols && err == NULL; k++)
		err = pl_table_add_col(out, t->cols[k].name, k == col ?
		    PL_COL_STR : t->cols[k].type);
	for (r = 0; r < t->nrows && err == NULL; r++) {
		if ((err = pl_table_add_row(out)) != NULL)
			break;
		for (k = 0; k < t->ncols && err == NULL; k++) {
			const struct pl_cell *c = pl_table_cell(t, r, k);
			if (c->null)
				continue;
			if (k == col && t->cols[k].type == PL_COL_INT) {
				snprintf(buf, sizeof(buf), "%lld",
				    (long long)c->v.i);
				err = pl_table_set_str(out, r, k, buf);
			} else if (k == col && t->cols[k].type == PL_COL_REAL) {
				snprintf(buf, sizeof(buf), "%.15g", c->v.d);
				err = pl_table_set_str(out, r, k, buf);
			} else if (t->cols[k].type == PL_COL_STR)
				err = pl_table_set_str(out, r, k, c->v.s);
			else if (t->cols[k].type == PL_COL_INT)
				pl_table_set_int(out, r, k, c->v.i);
			else
				pl_table_set_real(out, r, k, c->v.d);
		}
	}
	if (err != NULL)
		pl_table_release(out);
	return err;
}

void
plot_spread(double *y, size_t n, double gap, double hi)
{
	size_t k;

	for (k = 1; k < n; k++)
		if (y[k] < y[k - 1] + gap)
			y[k] = y[k - 1] + gap;
	if (n > 0 && y[n - 1] > hi) {
		y[n - 1] = hi;
		for (k = n - 1; k-- > 0;)
			if (y[k] > y[k + 1] - gap)
				y[k] = y[k + 1] - gap;
	}
}
