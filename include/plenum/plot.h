/*
 * plot.h - charts of plenum tables with cairo and pango (plots/).
 *
 * A chart is laid out first, into a plain struct: panels (plot areas with
 * their ranges and ticks) and a display list of items (segments, lines,
 * polygons, rectangles, circles, text), each tagged with a role ("xtick",
 * "series", "bar", "cell", "node", ...).  Tests compare those numbers;
 * pl_plot_draw() only reads them and renders onto any cairo_t, and
 * pl_plot_write() picks PNG, SVG or PDF by the file name's extension and
 * embeds the provenance (command line, database, plenum version).
 */
#ifndef PLENUM_PLOT_H
#define PLENUM_PLOT_H

#include <stddef.h>
#include <stdint.h>

#include "plenum/error.h"
#include "plenum/table.h"

enum pl_plot_kind {
	PL_PLOT_LINE,		/* series over a date (or numeric) axis */
	PL_PLOT_BAR,		/* horizontal bars; diverging when signed */
	PL_PLOT_HEATMAP,	/* x category x y category, colour scale */
	PL_PLOT_MULTIPLES,	/* a grid of line panels, one per group */
	PL_PLOT_DISPERSION,	/* a tick per hit along the timeline */
	PL_PLOT_NETWORK,	/* terms as nodes, associations as edges */
	PL_PLOT_FACETS,		/* bars in small multiples, one per group */
	PL_PLOT_RANKED,		/* a dot and its interval per label, ranked */
	PL_PLOT_INTERVALS,	/* periods (first .. last) on a time axis */
	PL_PLOT_SEGMENTS	/* levels of segments between change points */
};

/* Which of plenum's tables a table is, told from its columns. */
enum pl_table_kind {
	PL_TK_UNKNOWN,
	PL_TK_SERIES,		/* plenum series */
	PL_TK_QUERY,		/* plenum query --by ... */
	PL_TK_QUERY_DOCS,	/* plenum query, one row per document */
	PL_TK_FREQ,		/* plenum freq */
	PL_TK_FREQ_BY,		/* plenum freq --by ... */
	PL_TK_KEYNESS,		/* plenum keyness */
	PL_TK_COLLOCATES,	/* plenum cooc TERM */
	PL_TK_MATRIX,		/* plenum cooc --matrix */
	PL_TK_TRENDS,		/* plenum trends */
	PL_TK_BURSTS,		/* plenum bursts */
	PL_TK_CHANGES,		/* plenum changes */
	PL_TK_NEW,		/* plenum new */
	PL_TK_KWIC		/* plenum kwic */
};
enum pl_table_kind pl_plot_table_kind(const struct pl_table *);
/* "series", "freq-by", ...; "table" when unknown.  Static. */
const char *pl_plot_table_kind_name(enum pl_table_kind);
/* The chart that suits a table (plenum-plot(1), DEFAULTS). */
enum pl_plot_kind pl_plot_auto_kind(const struct pl_table *);

/* "line", "bar", ...; -1 if unknown. */
int pl_plot_kind_parse(const char *);
const char *pl_plot_kind_name(enum pl_plot_kind);

#define PL_PLOT_MAXEVENTS 16

struct pl_plotcfg {
	double		 width, height;	/* logical pixels (1/96 inch) */
	double		 scale;		/* PNG device pixels per logical pixel */
	const char	*theme;		/* "default", "print", "dark" */
	const char	*font;		/* pango family list */
	/* Text; borrowed, NULL for none. */
	const char	*title, *subtitle, *caption, *xlabel, *ylabel;
	/* Month names on date axes: "zh" (10月), "en" (Oct); NULL: Chinese
	 * when the table's terms or titles are. */
	const char	*lang;
	/* Columns; NULL: plenum's defaults for the kind (see plenum-plot(1)). */
	const char	*xcol, *ycol, *groupcol, *labelcol;
	const char	*lowercol, *uppercol, *weightcol;
	/* line and multiples */
	int		 markers;	/* a dot at every point */
	int		 smooth;	/* centred moving average over N points */
	size_t		 nevents;
	struct pl_event {
		int64_t		 day;
		const char	*label;	/* may be NULL */
	}		 events[PL_PLOT_MAXEVENTS];
	int		 free_y;	/* multiples: each panel its own y range */
	int		 ncol;		/* multiples: columns; 0 = automatic */
	/* bar, multiples, dispersion: at most this many rows/groups (0: 20) */
	size_t		 top;
	int		 values;	/* -1 automatic, 0 off, 1 on */
	const char	*neg_label, *pos_label;	/* diverging bars' two sides */
	/* network */
	double		 threshold;	/* drop weaker edges; NaN: strongest max_edges */
	size_t		 max_edges;
	unsigned long	 seed;
	int		 outline_text;	/* SVG: glyphs as paths, not <text> */
	/* segments: a series table (term, bucket, value) drawn under the
	 * levels; borrowed during pl_plot_new() only, NULL for none */
	const struct pl_table *over;
	/* provenance, embedded in the file */
	const char	*cmdline, *dbname;
};

/* 1000 x 560 px at 1x, default theme, DejaVu Sans + Noto Sans CJK. */
void pl_plotcfg_defaults(struct pl_plotcfg *);

struct pl_tick {
	double		 pos;		/* pixel coordinate */
	double		 value;		/* day number (date axis) or value */
	char		 label[32];
	char		 label2[16];	/* second line: the year where it changes */
};

struct pl_point {
	double		 x, y;		/* pixels */
	int		 gap;		/* no value: a line breaks here */
};

struct pl_panel {
	char		 name[128];
	double		 x0, y0, x1, y1;	/* area: left, top, right, bottom */
	int		 xdate;			/* x values are day numbers */
	int		 xint;			/* x values are counts */
	int		 xbucket;	/* 1 + enum pl_bucket of the x values, or 0:
					 * ticks no finer than the bucket */
	double		 xmin, xmax, ymin, ymax;
	struct pl_tick	 xt[64], yt[16];
	size_t		 nxt, nyt;
};

enum pl_prim {
	PL_PR_SEG,		/* x, y to x2, y2 */
	PL_PR_LINE,		/* polyline through pts, broken at gaps */
	PL_PR_POLY,		/* filled polygon through pts */
	PL_PR_RECT,		/* x, y, w, h */
	PL_PR_CIRCLE,		/* centre x, y, radius r */
	PL_PR_TEXT		/* anchored at x, y by (ax, ay) in [0, 1] */
};

struct pl_item {
	enum pl_prim	 prim;
	const char	*role;		/* static: what the item shows */
	char		*name;		/* owned: series, term or the text */
	long		 index;
	double		 x, y, x2, y2, w, h, r;
	double		 ax, ay;	/* text anchor */
	double		 bw, bh;	/* text: measured box */
	double		 angle;		/* text rotation, radians */
	double		 size;		/* text pixel size */
	int		 bold;
	double		 rgba[4];	/* stroke or text colour */
	double		 fill[4];	/* fill colour; alpha 0: none */
	double		 lw;		/* stroke width, logical pixels; 0: none */
	int		 dash;		/* 0 solid, 1 dashed, 2 dotted, 3 dash-dot */
	double		 value;		/* the number behind it, or NaN */
	struct pl_point	*pts;		/* owned */
	size_t		 npts;
};

struct pl_layout {
	double		 width, height;
	double		 bg[3];
	struct pl_panel	*panels;
	size_t		 npanels;
	struct pl_item	*items;
	size_t		 nitems;
};

struct pl_plot;

/*
 * Lays out a chart of table t.  Bad columns, an empty table or values of
 * the wrong type are PL_ERR_USAGE / PL_ERR_DATA errors that name the
 * column and row.  The table is not kept.  Free with pl_plot_free().
 */
const struct pl_error *pl_plot_new(enum pl_plot_kind, const struct pl_table *t,
    const struct pl_plotcfg *, struct pl_plot **);
void pl_plot_free(struct pl_plot *);

/* The computed layout; borrowed, valid until pl_plot_free(). */
const struct pl_layout *pl_plot_layout(const struct pl_plot *);
/* The numbers plotted (what --data writes); borrowed. */
const struct pl_table *pl_plot_data(const struct pl_plot *);
/*
 * Characters no installed font could draw (they show as boxes): the count,
 * and in *first the first label that had one (borrowed), or 0.
 */
size_t pl_plot_missing_glyphs(const struct pl_plot *, const char **first);
/* The layout as a table: role, prim, name, index, x, y, x2, y2, value. */
const struct pl_error *pl_plot_dump(const struct pl_plot *, struct pl_table *);

/* Draws onto cr (a cairo_t *), scaled to w x h device units. */
const struct pl_error *pl_plot_draw(struct pl_plot *, void *cr,
    double w, double h);
/*
 * Writes .png, .svg or .pdf (by extension) with the provenance embedded:
 * PNG iTXt chunks and pHYs, SVG <title>/<desc>/<metadata>, PDF document
 * information.  The file is written beside path and renamed into place, so
 * a failure never leaves a partial file nor touches an older one.
 */
const struct pl_error *pl_plot_write(struct pl_plot *, const char *path);

/* Pure helpers, exposed for tests. */
/* Up to max x ticks over [dmin, dmax] on day, week, month, quarter or year
 * boundaries; returns the count written to t (at most 64). */
size_t pl_plot_date_ticks(int64_t dmin, int64_t dmax, size_t max,
    struct pl_tick *t);
/* "Nice" ticks from lo to hi: 1, 2 or 5 times a power of ten; returns
 * the count (at most 16) and widens *lo and *hi to the outer ticks. */
size_t pl_plot_nice_ticks(double *lo, double *hi, size_t max,
    struct pl_tick *t);
/* The viridis colour of v in [0, 1]. */
void pl_plot_viridis(double v, double rgb[3]);

#endif /* PLENUM_PLOT_H */
