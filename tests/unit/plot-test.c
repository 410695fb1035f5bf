/*
 * plot-test.c - chart layout numbers worked out by hand: date ticks over a
 * year boundary and ISO week 53, nice value ticks, point coordinates and
 * gaps, legend order, bar lengths, diverging bars, heatmap mirroring and
 * colours, dispersion ticks, a network's determinism and label overlap;
 * and every kind written as PNG, SVG and PDF.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <math.h>

#include <cairo.h>

#include "plenum/date.h"
#include "plenum/plot.h"
#include "tap.h"

static int64_t
day(int y, int m, int d)
{
	return pl_days_from_civil(y, m, d);
}

static const char *
labels(const struct pl_tick *t, size_t n)
{
	static char buf[512];
	size_t i, k = 0;

	buf[0] = '\0';
	for (i = 0; i < n; i++)
		k += (size_t)snprintf(buf + k, sizeof(buf) - k, "%s%s%s%s",
		    i ? "," : "", t[i].label, t[i].label2[0] ? " " : "",
		    t[i].label2);
	return buf;
}


/* A table from a compact spec: column names with types, then rows of
 * tab-separated cells ("" is null). */
static void
mk(struct pl_table *t, const char *const *cols, const char *types,
    const char *const *rows, size_t nrows)
{
	size_t i, c, nc = strlen(types);

	pl_table_init(t);
	for (c = 0; c < nc; c++)
		pl_table_add_col(t, cols[c], types[c] == 's' ? PL_COL_STR :
		    types[c] == 'i' ? PL_COL_INT : PL_COL_REAL);
	for (i = 0; i < nrows; i++) {
		char buf[256], *f = buf, *tab;
		snprintf(buf, sizeof(buf), "%s", rows[i]);
		pl_table_add_row(t);
		for (c = 0; c < nc && f != NULL; c++) {
			if ((tab = strchr(f, '\t')) != NULL)
				*tab = '\0';
			if (*f == '\0')
				;
			else if (types[c] == 's')
				pl_table_set_str(t, i, c, f);
			else if (types[c] == 'i')
				pl_table_set_int(t, i, c, strtoll(f, NULL, 10));
			else
				pl_table_set_real(t, i, c, strtod(f, NULL));
			f = tab ? tab + 1 : NULL;
		}
	}
}

static const struct pl_item *
find(const struct pl_layout *L, const char *role, const char *name, size_t nth)
{
	size_t i;

	for (i = 0; i < L->nitems; i++)
		if (strcmp(L->items[i].role, role) == 0 && (name == NULL ||
		    (L->items[i].name && strcmp(L->items[i].name, name) == 0)) &&
		    nth-- == 0)
			return &L->items[i];
	return NULL;
}

static size_t
count(const struct pl_layout *L, const char *role)
{
	size_t i, n = 0;

	for (i = 0; i < L->nitems; i++)
		n += strcmp(L->items[i].role, role) == 0;
	return n;
}

/* PNG width and height from the IHDR chunk. */
static int
png_size(const char *path, unsigned *w, unsigned *h)
{
	unsigned char b[24];
	FILE *fp = fopen(path, "rb");
	size_t n;

	if (fp == NULL)
		return -1;
	n = fread(b, 1, sizeof(b), fp);
	fclose(fp);
	if (n != sizeof(b) || memcmp(b + 1, "PNG", 3) != 0 ||
	    memcmp(b + 12, "IHDR", 4) != 0)
		return -1;
	*w = (unsigned)b[16] << 24 | (unsigned)b[17] << 16 |
	    (unsigned)b[18] << 8 | b[19];
	*h = (unsigned)b[20] << 24 | (unsigned)b[21] << 16 |
	    (unsigned)b[22] << 8 | b[23];
	return 0;
}

static int
file_starts(const char *path, const char *magic)
{
	char b[16] = { 0 };
	FILE *fp = fopen(path, "rb");
	size_t n;

	if (fp == NULL)
		return 0;
	n = fread(b, 1, strlen(magic), fp);
	fclose(fp);
	return n == strlen(magic) && memcmp(b, magic, n) == 0;
}

/*
 * Crisp lines: draws p at scale s onto an image and counts, down the
 * column at x, the rows that are not background within 3 device pixels of
 * logical y; every one must be the full grid colour (no antialiased
 * blend).  Returns the count, or -1 when a row is a blend.
 */
static int
line_rows(struct pl_plot *p, double s, double x, double y, double grey)
{
	const struct pl_layout *L = pl_plot_layout(p);
	int w = (int)(L->width * s), h = (int)(L->height * s), n = 0, r;
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w,
	    h);
	cairo_t *cr = cairo_create(sf);
	unsigned char *d;
	int stride, bad = 0, want = (int)lround(grey * 255);

	pl_plot_draw(p, cr, w, h);
	cairo_surface_flush(sf);
	d = cairo_image_surface_get_data(sf);
	stride = cairo_image_surface_get_stride(sf);
	for (r = (int)(y * s) - 3; r <= (int)(y * s) + 3; r++) {
		uint32_t px = *(uint32_t *)(void *)(d + (size_t)r * (size_t)stride +
		    (size_t)(x * s) * 4);
		int g = (int)(px & 0xff);
		if (g == 255)
			continue;
		n++;
		if (abs(g - want) > 1)
			bad = 1;
	}
	cairo_destroy(cr);
	cairo_surface_destroy(sf);
	return bad ? -1 : n;
}

int
main(void)
{
	struct pl_tick t[64];
	struct pl_table tab;
	struct pl_plotcfg cfg;
	struct pl_plot *p = NULL;
	const struct pl_layout *L;
	const struct pl_panel *P;
	const struct pl_item *a, *b, *it;
	double lo, hi, rgb[3];
	size_t n, i, j;
	char dir[64], path[128];
	unsigned w, h;

	/* Months across a year boundary: the year once, where it changes. */
	n = pl_plot_date_ticks(day(2022, 10, 1), day(2023, 3, 31), 10, t);
	is_str(labels(t, n), "Oct 2022,Nov,Dec,Jan 2023,Feb,Mar",
	    "month ticks over a year boundary");
	/* Mondays around ISO week 53 of 2020: days would be 32 ticks. */
	n = pl_plot_date_ticks(day(2020, 12, 20), day(2021, 1, 20), 10, t);
	is_str(labels(t, n), "21 Dec 2020,28 Dec,4 Jan 2021,11 Jan,18 Jan",
	    "week ticks (Mondays) through 2020-W53");
	/* Two-week steps start at the first Monday on or after the start. */
	n = pl_plot_date_ticks(day(2021, 1, 6), day(2021, 3, 31), 7, t);
	is_str(labels(t, n), "11 Jan 2021,25 Jan,8 Feb,22 Feb,8 Mar,22 Mar",
	    "two-week ticks from the next Monday");
	/* A week of days. */
	n = pl_plot_date_ticks(day(2024, 2, 26), day(2024, 3, 2), 10, t);
	is_str(labels(t, n), "26 Feb 2024,27 Feb,28 Feb,29 Feb,1 Mar,2 Mar",
	    "day ticks with a leap day");
	/* 30 years with room for 8 ticks: every 5 years on 1 January. */
	n = pl_plot_date_ticks(day(1995, 1, 1), day(2024, 1, 1), 8, t);
	is_str(labels(t, n), "1995,2000,2005,2010,2015,2020",
	    "year ticks every five years");
	/* 2.5 years, room for 6: half years. */
	n = pl_plot_date_ticks(day(2022, 1, 1), day(2024, 6, 30), 6, t);
	is_str(labels(t, n), "Jan 2022,Jul,Jan 2023,Jul,Jan 2024",
	    "half-year ticks");

	/* Nice value ticks. */
	lo = 0;
	hi = 67.3;
	n = pl_plot_nice_ticks(&lo, &hi, 8, t);
	is_str(labels(t, n), "0,10,20,30,40,50,60,70", "0..67.3 in tens");
	is_num(hi, 70, 1e-12, "upper bound widened to 70");
	lo = 0.12;
	hi = 0.87;
	n = pl_plot_nice_ticks(&lo, &hi, 5, t);
	is_str(labels(t, n), "0.0,0.2,0.4,0.6,0.8,1.0", "0.12..0.87 by 0.2");
	lo = hi = 5;
	n = pl_plot_nice_ticks(&lo, &hi, 5, t);
	ok(n >= 2 && lo <= 5 && hi > 5, "a constant series still gets an axis");

	/* Viridis ends. */
	pl_plot_viridis(0, rgb);
	ok(fabs(rgb[0] - 0x44 / 255.) < 1e-9 && fabs(rgb[2] - 0x54 / 255.) <
	    1e-9, "viridis(0) is #440154");
	pl_plot_viridis(1, rgb);
	ok(fabs(rgb[0] - 0xfd / 255.) < 1e-9 && fabs(rgb[1] - 0xe7 / 255.) <
	    1e-9, "viridis(1) is #fde725");

	/* Line: two series, a gap; a ranges 0..10 so ticks are 0..10 and
	 * every coordinate follows from the panel's corners. */
	{
		static const char *const cols[] = { "term", "start", "value" };
		static const char *const rows[] = { "a\t2022-01-01\t0",
		    "a\t2022-01-11\t", "a\t2022-01-21\t10",
		    "b\t2022-01-01\t5", "b\t2022-01-21\t5" };
		mk(&tab, cols, "ssr", rows, 5);
	}
	pl_plotcfg_defaults(&cfg);
	cfg.width = 800;
	cfg.height = 400;
	ok(pl_plot_new(PL_PLOT_LINE, &tab, &cfg, &p) == NULL, "line laid out");
	L = pl_plot_layout(p);
	P = &L->panels[0];
	a = find(L, "series", "a", 0);
	b = find(L, "series", "b", 0);
	ok(a && b && a->npts == 3 && b->npts == 2, "two series of 3 and 2");
	is_num(P->xmin, (double)day(2022, 1, 1), 0, "x from the first day");
	is_num(P->xmax, (double)day(2022, 1, 21), 0, "x to the last day");
	is_num(P->ymax, 10, 0, "y to 10");
	ok(a->pts[1].gap && !a->pts[0].gap, "an empty value is a gap");
	is_num(a->pts[0].x, P->x0, 1e-9, "first day at the left edge");
	is_num(a->pts[2].x, P->x1, 1e-9, "last day at the right edge");
	is_num(a->pts[1].x, (P->x0 + P->x1) / 2, 1e-9, "day 11 of 21 halfway");
	is_num(a->pts[0].y, P->y1, 1e-9, "0 at the bottom");
	is_num(a->pts[2].y, P->y0, 1e-9, "10 at the top");
	is_num(b->pts[0].y, (P->y0 + P->y1) / 2, 1e-9, "5 halfway up");
	/* Legend right of the area, ordered by last value: a (10) over b (5). */
	a = find(L, "legend", "a", 0);
	b = find(L, "legend", "b", 0);
	ok(a && b && a->x > P->x1 && b->x > P->x1, "legend right of the area");
	ok(a && b && a->y < b->y, "legend ordered by the last values");
	/* Date ticks: 21 days in about 15 px per ... whatever fits: every
	 * tick is a real day inside the range, in order, none overlapping. */
	for (i = 0, j = 1; i + 1 < P->nxt; i++)
		if (!(P->xt[i].pos < P->xt[i + 1].pos))
			j = 0;
	ok(P->nxt >= 2 && j, "x ticks in order");
	/* labels never overlap */
	for (i = 0, j = 1; (a = find(L, "xlabel", NULL, i)) != NULL; i++)
		if ((b = find(L, "xlabel", NULL, i + 1)) != NULL &&
		    a->x + a->bw / 2 > b->x - b->bw / 2)
			j = 0;
	ok(j, "x labels do not overlap");
	is_int((int64_t)pl_plot_data(p)->nrows, 5, "--data: 5 numbers plotted");

	/* A grid line is one device pixel at 1x, two at 2x, never a blur;
	 * the 0.89 grey of the default theme, away from any series. */
	it = find(L, "grid", NULL, 2);
	ok(it != NULL && line_rows(p, 1, P->x0 + 3, it->y, 0.89) == 1,
	    "grid line: 1 crisp pixel at 1x");
	ok(it != NULL && line_rows(p, 2, P->x0 + 3, it->y, 0.89) == 2,
	    "grid line: 2 crisp pixels at 2x");

	/* Each format; the PNG at the asked size, and at 2x. */
	snprintf(dir, sizeof(dir), "/tmp/plenum-plot-%ld", (long)getpid());
	if (mkdir(dir, 0700) == -1)
		return tap_done();
	snprintf(path, sizeof(path), "%s/c.png", dir);
	ok(pl_plot_write(p, path) == NULL && png_size(path, &w, &h) == 0 &&
	    w == 800 && h == 400, "PNG is 800 x 400");
	unlink(path);
	snprintf(path, sizeof(path), "%s/c.svg", dir);
	ok(pl_plot_write(p, path) == NULL && file_starts(path, "<?xml"),
	    "SVG written");
	unlink(path);
	snprintf(path, sizeof(path), "%s/c.pdf", dir);
	ok(pl_plot_write(p, path) == NULL && file_starts(path, "%PDF-"),
	    "PDF written");
	unlink(path);
	snprintf(path, sizeof(path), "%s/c.gif", dir);
	ok(pl_plot_write(p, path) != NULL && access(path, F_OK) == -1,
	    "unknown extension refused, nothing written");
	snprintf(path, sizeof(path), "%s/no/such/dir/c.png", dir);
	ok(pl_plot_write(p, path) != NULL, "unwritable path refused");
	pl_plot_free(p);
	cfg.scale = 2;
	ok(pl_plot_new(PL_PLOT_LINE, &tab, &cfg, &p) == NULL, "2x laid out");
	snprintf(path, sizeof(path), "%s/c2.png", dir);
	ok(pl_plot_write(p, path) == NULL && png_size(path, &w, &h) == 0 &&
	    w == 1600 && h == 800, "HiDPI PNG is 1600 x 800");
	unlink(path);
	pl_plot_free(p);
	pl_table_release(&tab);

	/* Smoothing as plenum series --smooth: 3 points centred, 2 points
	 * the point and the next; 1 2 3 4 5 give 1.5 2 3 4 4.5 and
	 * 1.5 2.5 3.5 4.5 5. */
	{
		static const char *const cols[] = { "start", "value" };
		static const char *const rows[] = { "2022-01-01\t1",
		    "2022-01-02\t2", "2022-01-03\t3", "2022-01-04\t4",
		    "2022-01-05\t5" };
		static const double want3[] = { 1.5, 2, 3, 4, 4.5 };
		static const double want2[] = { 1.5, 2.5, 3.5, 4.5, 5 };
		const struct pl_table *d = NULL;
		int good;
		mk(&tab, cols, "sr", rows, 5);
		pl_plotcfg_defaults(&cfg);
		cfg.smooth = 3;
		ok(pl_plot_new(PL_PLOT_LINE, &tab, &cfg, &p) == NULL &&
		    (d = pl_plot_data(p))->ncols == 4, "smoothed: x, y, smooth");
		for (i = 0, good = d != NULL; good && i < 5; i++)
			if (fabs(pl_table_cell(d, i, 3)->v.d - want3[i]) > 1e-12)
				good = 0;
		ok(good, "3-point centred moving average");
		ok(find(pl_plot_layout(p), "smooth", NULL, 0) != NULL,
		    "the overlay is drawn");
		pl_plot_free(p);
		cfg.smooth = 2;
		ok(pl_plot_new(PL_PLOT_LINE, &tab, &cfg, &p) == NULL,
		    "smoothed by 2");
		d = pl_plot_data(p);
		for (i = 0, good = 1; i < 5; i++)
			if (fabs(pl_table_cell(d, i, 3)->v.d - want2[i]) > 1e-12)
				good = 0;
		ok(good, "2 points: this one and the next");
		pl_plot_free(p);
		pl_table_release(&tab);
	}

	/* Bars: lengths in proportion to the values; largest first. */
	{
		static const char *const cols[] = { "term", "count" };
		static const char *const rows[] = { "five\t5", "ten\t10",
		    "two and a half\t2.5" };
		mk(&tab, cols, "sr", rows, 3);
	}
	pl_plotcfg_defaults(&cfg);
	ok(pl_plot_new(PL_PLOT_BAR, &tab, &cfg, &p) == NULL, "bars laid out");
	L = pl_plot_layout(p);
	P = &L->panels[0];
	a = find(L, "bar", NULL, 0);
	b = find(L, "bar", NULL, 1);
	it = find(L, "bar", NULL, 2);
	ok(a && b && it && strcmp(a->name, "ten") == 0 &&
	    strcmp(it->name, "two and a half") == 0, "sorted: ten, five, 2.5");
	is_num(P->xmax, 10, 0, "value axis to 10");
	is_num(a->x, P->x0, 1e-9, "bars start at zero, the left edge");
	is_num(a->w, P->x1 - P->x0, 1e-9, "10 fills the axis");
	is_num(b->w / a->w, 0.5, 1e-9, "5 is half of 10");
	is_num(it->w / a->w, 0.25, 1e-9, "2.5 is a quarter");
	ok(a->y < b->y && b->y < it->y, "top to bottom");
	pl_plot_free(p);
	pl_table_release(&tab);

	/* Diverging: 4 right of zero, -2 left, half as long. */
	{
		static const char *const cols[] = { "term", "log_ratio",
		    "target_count" };
		static const char *const rows[] = { "up\t4\t1", "down\t-2\t0" };
		mk(&tab, cols, "sri", rows, 2);
	}
	cfg.ycol = "log_ratio";
	ok(pl_plot_new(PL_PLOT_BAR, &tab, &cfg, &p) == NULL, "diverging bars");
	L = pl_plot_layout(p);
	P = &L->panels[0];
	a = find(L, "bar", "up", 0);
	b = find(L, "bar", "down", 0);
	it = find(L, "zero", NULL, 0);
	ok(a && b && it, "two bars and a zero line");
	is_num(a->x, it->x, 1e-9, "positive bar starts at zero");
	is_num(b->x + b->w, it->x, 1e-9, "negative bar ends at zero");
	is_num(b->w / a->w, 0.5, 1e-9, "-2 is half as long as 4");
	ok(count(L, "side-label") == 2, "both sides labelled");
	pl_plot_free(p);
	pl_table_release(&tab);

	/* Heatmap: a term x term table with each pair once is mirrored;
	 * the smallest value is viridis(0), the largest viridis(1). */
	{
		static const char *const cols[] = { "term_a", "term_b", "o11" };
		static const char *const rows[] = { "x\ty\t1", "x\tz\t3",
		    "y\tz\t2" };
		mk(&tab, cols, "ssr", rows, 3);
	}
	pl_plotcfg_defaults(&cfg);
	ok(pl_plot_new(PL_PLOT_HEATMAP, &tab, &cfg, &p) == NULL, "heatmap");
	L = pl_plot_layout(p);
	is_int((int64_t)count(L, "cell"), 6, "3 pairs mirrored into 6 cells");
	a = find(L, "cell", "x \xc3\x97 y", 0);
	b = find(L, "cell", "z \xc3\x97 x", 0);
	pl_plot_viridis(0, rgb);
	ok(a && fabs(a->fill[0] - rgb[0]) < 1e-9 && fabs(a->fill[2] - rgb[2]) <
	    1e-9, "smallest value is the dark end");
	pl_plot_viridis(1, rgb);
	ok(b && b->value == 3 && fabs(b->fill[1] - rgb[1]) < 1e-9,
	    "mirrored cell z x x holds 3, the bright end");
	is_int((int64_t)pl_plot_data(p)->nrows, 6, "--data: 6 cells");
	pl_plot_free(p);
	pl_table_release(&tab);

	/* Dispersion: a tick per row with hits; a zero count is no tick. */
	{
		static const char *const cols[] = { "term", "doc", "date",
		    "count" };
		static const char *const rows[] = { "p\td1\t2022-01-03\t2",
		    "p\td2\t2022-02-01\t1", "q\td1\t2022-01-03\t0",
		    "q\td3\t2022-03-01\t4" };
		mk(&tab, cols, "sssi", rows, 4);
	}
	ok(pl_plot_new(PL_PLOT_DISPERSION, &tab, &cfg, &p) == NULL,
	    "dispersion");
	L = pl_plot_layout(p);
	is_int((int64_t)count(L, "hit"), 3, "three ticks");
	a = find(L, "row-total", "3", 0);
	b = find(L, "row-total", "4", 0);
	ok(a && b && a->y < b->y, "totals 3 (p) above 4 (q)");
	P = &L->panels[0];
	a = find(L, "hit", NULL, 0);
	b = find(L, "hit", NULL, 2);
	ok(a && b && a->x < b->x && a->x > P->x0 && b->x < P->x1,
	    "ticks in date order inside the area");
	pl_plot_free(p);
	pl_table_release(&tab);

	/* Network: fixed seed, same picture; labels do not overlap; the
	 * threshold drops weak edges, and a node left alone goes. */
	{
		static const char *const cols[] = { "term_a", "term_b",
		    "logdice" };
		static const char *const rows[] = { "a\tb\t9", "a\tc\t8",
		    "b\tc\t7", "c\td\t6", "d\te\t5", "e\tf\t2" };
		mk(&tab, cols, "ssr", rows, 6);
	}
	cfg.threshold = 4;
	ok(pl_plot_new(PL_PLOT_NETWORK, &tab, &cfg, &p) == NULL, "network");
	L = pl_plot_layout(p);
	is_int((int64_t)count(L, "edge"), 5, "edge under 4 dropped");
	is_int((int64_t)count(L, "node"), 5, "f, left alone, dropped");
	{
		struct pl_plot *q = NULL;
		int same = pl_plot_new(PL_PLOT_NETWORK, &tab, &cfg, &q) == NULL;
		const struct pl_layout *M = same ? pl_plot_layout(q) : NULL;
		for (i = 0; same && i < L->nitems; i++)
			if (L->items[i].x != M->items[i].x ||
			    L->items[i].y != M->items[i].y)
				same = 0;
		ok(same, "same seed, same layout");
		pl_plot_free(q);
	}
	for (i = 0, j = 1; (a = find(L, "node-label", NULL, i)) != NULL; i++)
		for (n = i + 1; (b = find(L, "node-label", NULL, n)) != NULL; n++)
			if (fabs(a->x - b->x) * 2 < a->bw + b->bw &&
			    fabs(a->y - b->y) * 2 < a->bh + b->bh)
				j = 0;
	ok(j, "no two labels overlap");
	a = find(L, "edge", NULL, 0);
	b = find(L, "edge", NULL, 4);
	ok(a && b && a->lw < b->lw, "stronger edges are wider (drawn last)");
	snprintf(path, sizeof(path), "%s/n.svg", dir);
	ok(pl_plot_write(p, path) == NULL && file_starts(path, "<?xml"),
	    "network SVG written");
	unlink(path);
	pl_plot_free(p);
	cfg.threshold = 100;
	p = NULL;
	ok(pl_plot_new(PL_PLOT_NETWORK, &tab, &cfg, &p) != NULL && p == NULL,
	    "no edge over the threshold is an error");
	pl_table_release(&tab);

	/* Errors name the column. */
	{
		static const char *const cols[] = { "term", "start", "value" };
		static const char *const rows[] = { "a\tnot a date\t1" };
		const struct pl_error *e;
		mk(&tab, cols, "ssr", rows, 1);
		pl_plotcfg_defaults(&cfg);
		e = pl_plot_new(PL_PLOT_LINE, &tab, &cfg, &p);
		ok(e && strstr(e->msg, "row 1") && strstr(e->msg, "'start'"),
		    "a bad date names row and column: %s", e ? e->msg : "");
		cfg.ycol = "nope";
		e = pl_plot_new(PL_PLOT_LINE, &tab, &cfg, &p);
		ok(e && strstr(e->msg, "'nope'"), "unknown column named");
		pl_table_release(&tab);
		pl_table_init(&tab);
		pl_table_add_col(&tab, "term", PL_COL_STR);
		e = pl_plot_new(PL_PLOT_BAR, &tab, &cfg, &p);
		ok(e && strstr(e->msg, "empty"), "an empty table is refused");
		pl_table_release(&tab);
	}
	/* Table kinds from their columns, and the chart each gets. */
	{
		static const struct {
			const char *cols, *types;
			enum pl_table_kind k;
			enum pl_plot_kind chart;
		} kinds[] = {
			{ "term bucket start end bucket_tokens value", "sssiir",
			    PL_TK_SERIES, PL_PLOT_LINE },
			{ "group term n count per10k dp", "ssiirr",
			    PL_TK_FREQ_BY, PL_PLOT_FACETS },
			{ "term n count per10k dp", "siirr", PL_TK_FREQ,
			    PL_PLOT_BAR },
			{ "term_a term_b o11", "ssi", PL_TK_MATRIX,
			    PL_PLOT_HEATMAP },
			{ "term sen_slope sen_lower sen_upper", "srrr",
			    PL_TK_TRENDS, PL_PLOT_RANKED },
			{ "term level first last weight", "sissr", PL_TK_BURSTS,
			    PL_PLOT_INTERVALS },
			{ "term segment first last rate", "sissr", PL_TK_CHANGES,
			    PL_PLOT_SEGMENTS },
			{ "doc date left match right", "sssss", PL_TK_KWIC,
			    PL_PLOT_DISPERSION },
			{ "x y", "rr", PL_TK_UNKNOWN, PL_PLOT_BAR },
		};
		size_t i;
		for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
			char names[256], *w;
			const char *cols[8];
			size_t n = 0;
			snprintf(names, sizeof(names), "%s", kinds[i].cols);
			for (w = names; w != NULL && n < 8;) {
				cols[n++] = w;
				if ((w = strchr(w, ' ')) != NULL)
					*w++ = '\0';
			}
			mk(&tab, cols, kinds[i].types, NULL, 0);
			ok(pl_plot_table_kind(&tab) == kinds[i].k &&
			    pl_plot_auto_kind(&tab) == kinds[i].chart,
			    "%s table: %s chart", pl_plot_table_kind_name(
			    kinds[i].k), pl_plot_kind_name(kinds[i].chart));
			pl_table_release(&tab);
		}
	}
	/* Chinese labels: Chinese month ticks (10月), and a year's value
	 * on 1 July (the --data x). */
	{
		static const char *const cols[] = { "term", "bucket", "value" };
		static const char *const rows[] = { "\xe6\x94\xb9\xe9\x9d\xa9\t2022-09\t1",
		    "\xe6\x94\xb9\xe9\x9d\xa9\t2022-10\t2",
		    "\xe6\x94\xb9\xe9\x9d\xa9\t2022-11\t3" };
		const struct pl_layout *L;
		const struct pl_table *d;
		size_t i, zh = 0;
		pl_plotcfg_defaults(&cfg);
		mk(&tab, cols, "ssr", rows, 3);
		ok(pl_plot_new(PL_PLOT_LINE, &tab, &cfg, &p) == NULL,
		    "a Chinese monthly series laid out");
		L = pl_plot_layout(p);
		for (i = 0; i < L->panels[0].nxt; i++)
			if (strstr(L->panels[0].xt[i].label, "\xe6\x9c\x88"))
				zh++;
		ok(zh > 0 && zh == L->panels[0].nxt, "month ticks read 10\xe6\x9c\x88: %s",
		    labels(L->panels[0].xt, L->panels[0].nxt));
		d = pl_plot_data(p);
		ok(strcmp(pl_table_cell(d, 1, 1)->v.s, "2022-10-15") == 0,
		    "a month drawn on its 15th");
		pl_plot_free(p);
		pl_table_release(&tab);
	}
	ok(rmdir(dir) == 0, "no temporary files left");
	return tap_done();
}
