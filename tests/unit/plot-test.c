/*
 * plot-test.c - chart layout numbers worked out by hand: date ticks over a
 * year boundary and ISO week 53, nice value ticks, point coordinates and
 * gaps; and the three output formats.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

int
main(void)
{
	struct pl_tick t[64];
	struct pl_table tab;
	struct pl_plotcfg cfg;
	struct pl_plot *p = NULL;
	const struct pl_layout *L;
	double lo, hi;
	size_t n;
	char dir[64], path[128];
	FILE *fp = NULL;
	char head[8];

	/* Months across a year boundary: the year once, where it changes. */
	n = pl_plot_date_ticks(day(2022, 10, 1), day(2023, 3, 31), 10, t);
	is_str(labels(t, n), "Oct 2022,Nov,Dec,Jan 2023,Feb,Mar",
	    "month ticks over a year boundary");
	/* Mondays around ISO week 53 of 2020: days would be 32 ticks. */
	n = pl_plot_date_ticks(day(2020, 12, 20), day(2021, 1, 20), 10, t);
	is_str(labels(t, n), "21 Dec 2020,28 Dec,4 Jan 2021,11 Jan,18 Jan",
	    "week ticks (Mondays) through 2020-W53");
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

	/* Layout of a small table: two series, a gap. */
	pl_table_init(&tab);
	pl_table_add_col(&tab, "term", PL_COL_STR);
	pl_table_add_col(&tab, "start", PL_COL_STR);
	pl_table_add_col(&tab, "value", PL_COL_REAL);
	{
		static const char *const rows[][2] = { { "a", "2022-01-01" },
		    { "a", "2022-01-11" }, { "a", "2022-01-21" },
		    { "b", "2022-01-01" }, { "b", "2022-01-21" } };
		static const double v[] = { 0, -1, 10, 5, 5 };
		size_t i;
		for (i = 0; i < 5; i++) {
			pl_table_add_row(&tab);
			pl_table_set_str(&tab, i, 0, rows[i][0]);
			pl_table_set_str(&tab, i, 1, rows[i][1]);
			if (v[i] >= 0)
				pl_table_set_real(&tab, i, 2, v[i]);
		}
	}
	pl_plotcfg_defaults(&cfg);
	cfg.width = 800;
	cfg.height = 400;
	ok(pl_plot_line(&tab, &cfg, &p) == NULL, "line chart laid out");
	L = pl_plot_layout(p);
	is_int((int64_t)L->ns, 2, "two series");
	ok(L->s[0].pts[1].gap && !L->s[0].pts[0].gap, "empty value is a gap");
	is_num(L->s[0].pts[0].x, L->x0, 1e-12, "first day at the left edge");
	is_num(L->s[0].pts[2].x, L->x1, 1e-12, "last day at the right edge");
	is_num(L->s[0].pts[0].y, L->y1, 1e-12, "0 at the bottom");
	is_num(L->s[0].pts[2].y, L->y0, 1e-12, "10 at the top (ticks 0..10)");
	is_num(L->s[1].pts[0].y, (L->y0 + L->y1) / 2, 1e-12, "5 halfway");
	ok(L->legend_x > L->x1, "legend right of the plot area");

	/* The three formats; no file left behind on a bad extension. */
	snprintf(dir, sizeof(dir), "/tmp/plenum-plot-%ld", (long)getpid());
	if (mkdir(dir, 0700) == -1)
		return tap_done();
	snprintf(path, sizeof(path), "%s/c.png", dir);
	ok(pl_plot_write(p, path) == NULL, "PNG written");
	{
		cairo_surface_t *s = cairo_image_surface_create_from_png(path);
		ok(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS &&
		    cairo_image_surface_get_width(s) == 800 &&
		    cairo_image_surface_get_height(s) == 400,
		    "PNG is 800 x 400");
		cairo_surface_destroy(s);
	}
	unlink(path);
	snprintf(path, sizeof(path), "%s/c.svg", dir);
	fp = NULL;
	ok(pl_plot_write(p, path) == NULL && (fp = fopen(path, "r")) != NULL &&
	    fread(head, 1, 5, fp) == 5 && memcmp(head, "<?xml", 5) == 0,
	    "SVG written, starts as XML");
	if (fp)
		fclose(fp);
	unlink(path);
	snprintf(path, sizeof(path), "%s/c.pdf", dir);
	fp = NULL;
	ok(pl_plot_write(p, path) == NULL && (fp = fopen(path, "r")) != NULL &&
	    fread(head, 1, 5, fp) == 5 && memcmp(head, "%PDF-", 5) == 0,
	    "PDF written");
	if (fp)
		fclose(fp);
	unlink(path);
	snprintf(path, sizeof(path), "%s/c.gif", dir);
	ok(pl_plot_write(p, path) != NULL && access(path, F_OK) == -1,
	    "unknown extension refused, nothing written");
	ok(rmdir(dir) == 0, "no temporary files left");
	pl_plot_free(p);
	pl_table_release(&tab);
	return tap_done();
}
