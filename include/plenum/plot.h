/*
 * plot.h - charts of plenum tables with cairo and pango (plots/).
 *
 * The layout (plot area, ticks, labels, legend, point coordinates) is
 * computed into plain structs before anything is drawn, so tests compare
 * numbers; pl_plot_draw() renders it onto any cairo_t, and
 * pl_plot_write() picks PNG, SVG or PDF by the file name's extension.
 */
#ifndef PLENUM_PLOT_H
#define PLENUM_PLOT_H

#include <stddef.h>
#include <stdint.h>

#include "plenum/error.h"
#include "plenum/table.h"

struct pl_plotcfg {
	double		 width, height;	/* pixels at 1x */
	double		 scale;		/* 2 for HiDPI PNG */
	const char	*title;		/* borrowed; NULL: none */
	const char	*subtitle;
	const char	*caption;	/* a line under the chart: the data source */
	const char	*ylabel;
	const char	*font;		/* pango family list */
	const char	*xcol, *ycol, *groupcol;	/* NULL: plenum's defaults */
};

/* 1000 x 560 px, DejaVu Sans / Noto Sans CJK SC, series columns. */
void pl_plotcfg_defaults(struct pl_plotcfg *);

struct pl_tick {
	double		 pos;		/* pixel coordinate */
	double		 value;		/* day number (x) or value (y) */
	char		 label[32];
	char		 label2[16];	/* second line: the year where it changes */
};

struct pl_point {
	double		 x, y;		/* pixels */
	int		 gap;		/* no value: the line breaks here */
};

struct pl_pseries {
	char		 name[128];
	double		 rgb[3];
	struct pl_point	*pts;
	size_t		 npts;
};

struct pl_layout {
	double		 width, height;
	double		 x0, y0, x1, y1;	/* plot area: left, top, right, bottom */
	int64_t		 dmin, dmax;		/* x range, day numbers */
	double		 ymin, ymax;
	struct pl_tick	*xt, *yt;
	size_t		 nxt, nyt;
	struct pl_pseries *s;
	size_t		 ns;
	double		 legend_x, legend_y;	/* top-left of the legend */
};

struct pl_plot;

/*
 * A line chart of a table: x is a date column (YYYY-MM-DD), y a numeric
 * column (empty cells are gaps), one line per value of the group column.
 * Defaults: x "start", y "value" (else "per10k", "count"), group "term".
 */
const struct pl_error *pl_plot_line(const struct pl_table *,
    const struct pl_plotcfg *, struct pl_plot **);
/* The computed layout; borrowed, valid until pl_plot_free(). */
const struct pl_layout *pl_plot_layout(const struct pl_plot *);
/* The layout as a table: element, series, index, x, y, label. */
const struct pl_error *pl_plot_dump(const struct pl_plot *, struct pl_table *);
/* Draws onto cr, scaled to w x h. */
const struct pl_error *pl_plot_draw(struct pl_plot *, void *cairo_t_cr,
    double w, double h);
/* Writes .png, .svg or .pdf; a failure leaves no partial file at path. */
const struct pl_error *pl_plot_write(struct pl_plot *, const char *path);
void pl_plot_free(struct pl_plot *);

/* Pure helpers, exposed for tests. */
/* Up to max x ticks over [dmin, dmax] on day, week, month, quarter or year
 * boundaries; returns the count written to t (at most 64). */
size_t pl_plot_date_ticks(int64_t dmin, int64_t dmax, size_t max,
    struct pl_tick *t);
/* "Nice" y ticks from lo to hi: 1, 2 or 5 times a power of ten; returns
 * the count (at most 16) and widens *lo and *hi to the outer ticks. */
size_t pl_plot_nice_ticks(double *lo, double *hi, size_t max,
    struct pl_tick *t);

#endif /* PLENUM_PLOT_H */
