/*
 * plotint.h - what the chart kinds share inside plots/: the plot object,
 * the theme, the display list builders and text measurement.
 */
#ifndef PLENUM_PLOTINT_H
#define PLENUM_PLOTINT_H

#include "plenum/date.h"
#include "plenum/plot.h"

struct theme {
	const char	*name;
	double		 bg[3], fg[3], muted[3], grid[3], axis[3];
	int		 mono;		/* print: black lines told apart by dashes */
};

struct pl_plot {
	enum pl_plot_kind	 kind;
	struct pl_plotcfg	 cfg;
	struct theme		 th;
	char			*strs[16];	/* owned copies of cfg strings */
	size_t			 nstrs;
	struct pl_layout	 L;
	size_t			 cap;		/* items allocated */
	struct pl_table		 data;		/* the numbers plotted */
	double			 fs;		/* base font size, px */
	enum pl_table_kind	 tk;		/* the table's kind */
	int			 zh;		/* Chinese labels: 10月 */
	int			 yint;		/* values are counts */
	size_t			 missing;	/* glyphs no font had */
	char			*missing_first;
	int			 nomem;		/* a builder ran out of memory
						   (sticky, as a cairo status:
						   checked where the plot is
						   made, drawn and dumped) */
};

/* Series colour i of the theme (Okabe-Ito; greys in print). */
void	 plot_colour(const struct pl_plot *, size_t i, double rgba[4]);
/* Dash pattern for series i: 0 unless the theme is print. */
int	 plot_dash(const struct pl_plot *, size_t i);

/* Appends an item (zeroed, value NaN); NULL when out of memory. */
struct pl_item *plot_item(struct pl_plot *, enum pl_prim, const char *role);
struct pl_item *plot_seg(struct pl_plot *, const char *role, double x,
    double y, double x2, double y2, const double rgb[3], double lw);
struct pl_item *plot_rect(struct pl_plot *, const char *role, double x,
    double y, double w, double h, const double rgba[4]);
/* Text at (x, y) anchored by (ax, ay); measures it into bw, bh. */
struct pl_item *plot_text(struct pl_plot *, const char *role, const char *s,
    double x, double y, double ax, double ay, double px, int bold,
    const double rgb[3]);
/* Sets an item's owned name; -1 when out of memory (p->nomem set). */
int	 plot_name(struct pl_plot *, struct pl_item *, const char *);
/* The plot's first failure (its own, then its data table's), or NULL. */
const struct pl_error *plot_status(const struct pl_plot *);

/* Pixel width and height of s at px (bold or not); counts missing glyphs. */
void	 plot_measure(struct pl_plot *, const char *s, double px, int bold,
	    double *w, double *h);

/* The font options of measuring and drawing, on a PangoContext. */
void	 plot_font_options(void *ctx);
/* Draws a text item onto cr (cairo_t) with ctx (PangoContext). */
void	 plot_draw_text(void *cr, void *ctx, const struct pl_plot *,
	    const struct pl_item *);

/* Draws the layout; text items only when text (SVG writes them as
 * <text> elements itself). */
const struct pl_error *plot_render(struct pl_plot *, void *cr, double w,
    double h, int text);
/* The baseline of s at px below the top of its box, in pixels. */
double	 plot_baseline(struct pl_plot *, const char *s, double px, int bold);

/* Column lookup: the asked one, else the first default present; -1. */
long	 plot_col(const struct pl_table *, const char *want,
	    const char *const *defs);
/* The same, as an error naming the option when the column is missing. */
const struct pl_error *plot_need_col(const struct pl_table *, const char *want,
    const char *const *defs, const char *what, long *col);

/* Value of a cell as a date (day number) or a number; -1 if neither. */
int	 plot_cell_x(const struct pl_table *, size_t row, size_t col, int date,
	    double *v);

/*
 * The frame every chart shares: title, subtitle and caption at the top
 * and bottom; returns the free area in *x0 .. *y1.
 */
void	 plot_frame(struct pl_plot *, double *x0, double *y0, double *x1,
	    double *y1);
/* Ticks of a panel from its ranges (nice y; date or nice x) and their
 * pixel positions; widens numeric ranges to the outer ticks. */
void	 plot_panel_ticks(struct pl_plot *, struct pl_panel *, int nicex,
	    int nicey);
/* Panel coordinates. */
double	 plot_px(const struct pl_panel *, double x);
double	 plot_py(const struct pl_panel *, double y);
/* Grid lines, axes, tick labels of a panel; which of the labels. */
void	 plot_axes(struct pl_plot *, const struct pl_panel *, int xlabels,
	    int ylabels, int grid);
/* A new panel; NULL when out of memory. */
struct pl_panel *plot_panel(struct pl_plot *);

/* Defaults from the table's kind: columns, axis titles, yint, zh. */
void	 plot_auto(struct pl_plot *, const struct pl_table *);
/* The bucket a label names: "2022", "2022-10", "2022-W41", "2022-Q4",
 * "2022-10-05" (a day); -1 if none.  A cell may be a year number. */
int	 plot_bucket_parse(const char *, int64_t *start, int64_t *end,
	    enum pl_bucket *);
int	 plot_cell_bucket(const struct pl_table *, size_t row, size_t col,
	    int64_t *start, int64_t *end, enum pl_bucket *);
/* Where a bucket's value is drawn: a week on Thursday, a month on the
 * 15th, a quarter on its middle month's 15th, a year on 1 July. */
double	 plot_bucket_mid(enum pl_bucket, int64_t start, int64_t end);
/* 1 when every non-empty cell of the column names a bucket. */
int	 plot_col_is_period(const struct pl_table *, long col);
/* A row of a bar, ranked or faceted chart: its label and value. */
struct plot_row {
	size_t		 g;		/* facet (0 when there is one) */
	const char	*label;		/* borrowed from the table */
	double		 v, lo, hi;	/* value; interval (ranked) */
	size_t		 row;		/* in the table */
};

/*
 * qsort order of struct plot_row: by facet, then the largest value
 * first, then table order (so ties keep the table's order).
 */
int	 plot_row_cmp(const void *, const void *);

/* Date ticks with month names in Chinese when zh (10月). */
size_t	 plot_date_ticks(int64_t dmin, int64_t dmax, size_t max,
	    struct pl_tick *t, int zh, int xbucket);
/* Shared by bars and facets: s shortened with an ellipsis to fit maxw;
 * a number formatted for a bar's end. */
void	 plot_fit(struct pl_plot *, const char *s, double px, double maxw,
	    char *out, size_t outsz);
void	 plot_fmt_value(double v, char *buf, size_t n);

/* A copy of t with numeric column col as text, for labels and
 * categories; release out with pl_table_release(). */
const struct pl_error *plot_table_as_text(const struct pl_table *t,
    size_t col, struct pl_table *out);
/* Runs kind on a copy of t with numeric label column col as text. */
#define PLOT_LABELS_AS_TEXT(fn, p, t, col) do {				\
	struct pl_table tt_;						\
	const struct pl_error *e_;					\
	if ((e_ = plot_table_as_text((t), (size_t)(col), &tt_)) != NULL)	\
		return e_;						\
	e_ = fn((p), &tt_);						\
	pl_table_release(&tt_);						\
	return e_;							\
} while (0)

/* Label positions y[0..n) in increasing order pushed apart to at least
 * gap, and back above hi when the last one falls below it. */
void	 plot_spread(double *y, size_t n, double gap, double hi);

/* The kinds. */
const struct pl_error *plot_line(struct pl_plot *, const struct pl_table *);
const struct pl_error *plot_bar(struct pl_plot *, const struct pl_table *);
const struct pl_error *plot_heatmap(struct pl_plot *, const struct pl_table *);
const struct pl_error *plot_dispersion(struct pl_plot *,
    const struct pl_table *);
const struct pl_error *plot_network(struct pl_plot *, const struct pl_table *);
const struct pl_error *plot_facets(struct pl_plot *, const struct pl_table *);
const struct pl_error *plot_ranked(struct pl_plot *, const struct pl_table *);
const struct pl_error *plot_intervals(struct pl_plot *,
    const struct pl_table *);
const struct pl_error *plot_segments(struct pl_plot *,
    const struct pl_table *);

#endif /* PLENUM_PLOTINT_H */
