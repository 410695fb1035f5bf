/*
 * auto.c - which of plenum's tables a table is (from its columns), the
 * chart that suits it, and the columns and axis titles a chart of it
 * takes by default.  The column names are the commands' output contract
 * (docs/man/plenum-*.1), so a table read back from TSV, CSV or JSON is
 * recognised as well as one handed over in memory.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plotint.h"

static const struct {
	enum pl_table_kind	 k;
	const char		*name;
	const char		*cols[6];	/* all must be present */
} sigs[] = {
	{ PL_TK_SERIES, "series", { "term", "bucket", "start", "end",
	    "bucket_tokens", "value" } },
	{ PL_TK_QUERY, "query", { "term", "group", "date", "group_docs",
	    "per10k", NULL } },
	{ PL_TK_QUERY_DOCS, "query-docs", { "term", "doc", "date", "tokens",
	    "per10k", NULL } },
	{ PL_TK_FREQ_BY, "freq-by", { "group", "term", "n", "count", "dp",
	    NULL } },
	{ PL_TK_FREQ, "freq", { "term", "n", "count", "per10k", "dp", NULL } },
	{ PL_TK_KEYNESS, "keyness", { "term", "key", "target_count",
	    "reference_count", NULL } },
	{ PL_TK_COLLOCATES, "collocates", { "collocate", "o11", "e11",
	    "node_freq", NULL } },
	{ PL_TK_MATRIX, "matrix", { "term_a", "term_b", "o11", NULL } },
	{ PL_TK_TRENDS, "trends", { "term", "sen_slope", "sen_lower",
	    "sen_upper", NULL } },
	{ PL_TK_BURSTS, "bursts", { "term", "level", "first", "last",
	    "weight", NULL } },
	{ PL_TK_CHANGES, "changes", { "term", "segment", "first", "last",
	    "rate", NULL } },
	{ PL_TK_NEW, "new", { "term", "first", "last", "later", NULL } },
	{ PL_TK_KWIC, "kwic", { "doc", "date", "left", "match", "right",
	    NULL } },
};
#define NSIGS (sizeof(sigs) / sizeof(sigs[0]))

enum pl_table_kind
pl_plot_table_kind(const struct pl_table *t)
{
	size_t i, k;

	for (i = 0; i < NSIGS; i++) {
		for (k = 0; k < 6 && sigs[i].cols[k] != NULL; k++)
			if (pl_table_col(t, sigs[i].cols[k]) == -1)
				break;
		if (k == 6 || sigs[i].cols[k] == NULL)
			return sigs[i].k;
	}
	return PL_TK_UNKNOWN;
}

const char *
pl_plot_table_kind_name(enum pl_table_kind k)
{
	size_t i;

	for (i = 0; i < NSIGS; i++)
		if (sigs[i].k == k)
			return sigs[i].name;
	return "table";
}

/* The bucket a label names ("2022", "2022-10", "2022-W41", "2022-Q4",
 * "2022-10-05"), or -1. */
int
plot_bucket_parse(const char *s, int64_t *start, int64_t *end,
    enum pl_bucket *b)
{
	int y, n, m, d, len;
	enum pl_precision prec;
	int64_t day;

	if (sscanf(s, "%4d-W%2d%n", &y, &n, &len) == 2 && s[len] == '\0' &&
	    len == 8 && n >= 1 && n <= pl_iso_weeks_in_year(y)) {
		*start = pl_iso_week_start(y, n);
		*end = *start + 6;
		*b = PL_BUCKET_WEEK;
		return 0;
	}
	if (sscanf(s, "%4d-Q%1d%n", &y, &n, &len) == 2 && s[len] == '\0' &&
	    len == 7 && n >= 1 && n <= 4) {
		*start = pl_days_from_civil(y, 3 * n - 2, 1);
		*end = (n == 4 ? pl_days_from_civil(y + 1, 1, 1) :
		    pl_days_from_civil(y, 3 * n + 1, 1)) - 1;
		*b = PL_BUCKET_QUARTER;
		return 0;
	}
	if (pl_date_parse(s, strlen(s), &day, &prec) == -1)
		return -1;
	*start = day;
	switch (prec) {
	case PL_PREC_YEAR:
		pl_civil_from_days(day, &y, &m, &d);
		*end = pl_days_from_civil(y + 1, 1, 1) - 1;
		*b = PL_BUCKET_YEAR;
		break;
	case PL_PREC_MONTH:
		pl_civil_from_days(day, &y, &m, &d);
		*end = day + pl_month_days(y, m) - 1;
		*b = PL_BUCKET_MONTH;
		break;
	default:
		*end = day;
		*b = PL_BUCKET_DAY;
	}
	return 0;
}

double
plot_bucket_mid(enum pl_bucket b, int64_t start, int64_t end)
{
	int y, m, d;

	pl_civil_from_days(start, &y, &m, &d);
	switch (b) {
	case PL_BUCKET_DAY:
		return (double)start;
	case PL_BUCKET_WEEK:
		return (double)(start + 3);		/* Thursday */
	case PL_BUCKET_MONTH:
		return (double)(start + 14);		/* the 15th */
	case PL_BUCKET_QUARTER:				/* its middle month's 15th */
		return (double)pl_days_from_civil(y, m + 1, 15);
	case PL_BUCKET_YEAR:
		return (double)pl_days_from_civil(y, 7, 1);	/* 1 July */
	}
	return (double)start + (double)(end - start) / 2;
}

int
plot_cell_bucket(const struct pl_table *t, size_t row, size_t col,
    int64_t *start, int64_t *end, enum pl_bucket *b)
{
	const struct pl_cell *c = pl_table_cell(t, row, col);
	char buf[24];

	if (c->null)
		return -1;
	if (t->cols[col].type == PL_COL_INT) {
		/* "2001" read back from TSV is a number: a year */
		if (c->v.i < 1000 || c->v.i > 9999)
			return -1;
		snprintf(buf, sizeof(buf), "%d", (int)c->v.i);
		return plot_bucket_parse(buf, start, end, b);
	}
	if (t->cols[col].type != PL_COL_STR)
		return -1;
	return plot_bucket_parse(c->v.s, start, end, b);
}

/* 1 when every non-empty cell of col names a bucket (a period). */
int
plot_col_is_period(const struct pl_table *t, long col)
{
	int64_t a, b;
	enum pl_bucket k;
	size_t r, n = 0;

	if (col == -1)
		return 0;
	for (r = 0; r < t->nrows; r++) {
		if (pl_table_cell(t, r, (size_t)col)->null)
			continue;
		if (plot_cell_bucket(t, r, (size_t)col, &a, &b, &k) == -1)
			return 0;
		n++;
	}
	return n > 0;
}

/* Distinct values of a text column (up to cap). */
static size_t
ndistinct(const struct pl_table *t, const char *name, size_t cap)
{
	long c = pl_table_col(t, name);
	size_t r, k, n = 0;
	const char *seen[64];

	if (c == -1 || t->cols[c].type != PL_COL_STR)
		return 0;
	if (cap > 64)
		cap = 64;
	for (r = 0; r < t->nrows && n < cap; r++) {
		const struct pl_cell *x = pl_table_cell(t, r, (size_t)c);
		if (x->null)
			continue;
		for (k = 0; k < n && strcmp(seen[k], x->v.s) != 0; k++)
			;
		if (k == n)
			seen[n++] = x->v.s;
	}
	return n;
}

enum pl_plot_kind
pl_plot_auto_kind(const struct pl_table *t)
{
	switch (pl_plot_table_kind(t)) {
	case PL_TK_SERIES:
		return ndistinct(t, "term", 13) > 12 ? PL_PLOT_MULTIPLES :
		    PL_PLOT_LINE;
	case PL_TK_QUERY:
		return plot_col_is_period(t, pl_table_col(t, "group")) ?
		    PL_PLOT_LINE : PL_PLOT_BAR;
	case PL_TK_QUERY_DOCS:
	case PL_TK_KWIC:
		return PL_PLOT_DISPERSION;
	case PL_TK_FREQ_BY:
		return PL_PLOT_FACETS;
	case PL_TK_MATRIX:
		return PL_PLOT_HEATMAP;
	case PL_TK_TRENDS:
		return PL_PLOT_RANKED;
	case PL_TK_BURSTS:
		return PL_PLOT_INTERVALS;
	case PL_TK_CHANGES:
		return PL_PLOT_SEGMENTS;
	case PL_TK_FREQ:
	case PL_TK_KEYNESS:
	case PL_TK_COLLOCATES:
	case PL_TK_NEW:
		return PL_PLOT_BAR;
	case PL_TK_UNKNOWN:
		break;
	}
	/* Unknown: a date or period column makes a line chart. */
	if (plot_col_is_period(t, pl_table_col(t, "date")) ||
	    plot_col_is_period(t, pl_table_col(t, "bucket")) ||
	    plot_col_is_period(t, pl_table_col(t, "start")))
		return PL_PLOT_LINE;
	return PL_PLOT_BAR;
}

/* What a series table's value column holds, told from its numbers:
 * count, docs share or per 10,000 tokens. */
static const char *
series_unit(const struct pl_table *t)
{
	long v = pl_table_col(t, "value"), c = pl_table_col(t, "count"),
	    d = pl_table_col(t, "docs"), bd = pl_table_col(t, "bucket_docs"),
	    bt = pl_table_col(t, "bucket_tokens");
	size_t r, nc = 0, nd = 0, np = 0, n = 0;

	for (r = 0; r < t->nrows; r++) {
		int ok1, ok2, ok3, ok4, ok5;
		double x = pl_table_num(t, r, (size_t)v, &ok1);
		double cn = pl_table_num(t, r, (size_t)c, &ok2);
		double dn = pl_table_num(t, r, (size_t)d, &ok3);
		double bdn = pl_table_num(t, r, (size_t)bd, &ok4);
		double btn = pl_table_num(t, r, (size_t)bt, &ok5);
		if (!ok1 || !ok2 || !ok3 || !ok4 || !ok5 || btn <= 0 || bdn <= 0)
			continue;
		n++;
		if (fabs(x - cn) < 1e-9)
			nc++;
		if (fabs(x - dn / bdn) < 1e-6)
			nd++;
		if (fabs(x - cn / btn * 1e4) < 1e-6 * fmax(1, x))
			np++;
	}
	if (n == 0 || np == n)
		return "mentions per 10,000 tokens";
	if (nc == n)
		return "mentions (count)";
	if (nd == n)
		return "share of reports using the term";
	return NULL;
}

/* 1 when a text column holds Chinese (or Japanese) characters. */
static int
col_cjk(const struct pl_table *t, const char *name)
{
	long c = pl_table_col(t, name);
	size_t r;

	if (c == -1 || t->cols[c].type != PL_COL_STR)
		return 0;
	for (r = 0; r < t->nrows && r < 200; r++) {
		const struct pl_cell *x = pl_table_cell(t, r, (size_t)c);
		const unsigned char *s;
		if (x->null)
			continue;
		/* U+3000..U+9FFF: lead bytes E3..E9 */
		for (s = (const unsigned char *)x->v.s; *s; s++)
			if (*s >= 0xe3 && *s <= 0xe9)
				return 1;
	}
	return 0;
}

static const char *
bucket_title(enum pl_bucket b)
{
	switch (b) {
	case PL_BUCKET_DAY:
		return "day";
	case PL_BUCKET_WEEK:
		return "ISO week (Monday to Sunday; points on its Thursday)";
	case PL_BUCKET_MONTH:
		return "month (points mid-month)";
	case PL_BUCKET_QUARTER:
		return "quarter (points mid-quarter)";
	case PL_BUCKET_YEAR:
		return "year (points at 1 July)";
	}
	return NULL;
}

/* A default column, when the table has it. */
#define SET(f, v) do {							\
	if (c->f == NULL && pl_table_col(t, (v)) != -1)			\
		c->f = (v);						\
} while (0)

void
plot_auto(struct pl_plot *p, const struct pl_table *t)
{
	struct pl_plotcfg *c = &p->cfg;
	enum pl_plot_kind k = p->kind;
	const char *ytitle = NULL, *xtitle = NULL, *xc = NULL;
	int64_t a, b;
	enum pl_bucket bk;
	int line = k == PL_PLOT_LINE || k == PL_PLOT_MULTIPLES;

	p->tk = pl_plot_table_kind(t);
	if (c->lang != NULL)
		p->zh = strcmp(c->lang, "zh") == 0;
	else
		p->zh = col_cjk(t, "term") || col_cjk(t, "collocate") ||
		    col_cjk(t, "match") || col_cjk(t, "term_a") ||
		    col_cjk(t, "title");
	switch (p->tk) {
	case PL_TK_SERIES:
		xc = "bucket";
		ytitle = series_unit(t);
		if (k == PL_PLOT_HEATMAP) {
			SET(xcol, "bucket");
			SET(ycol, "term");
			SET(weightcol, "value");
		} else {
			SET(xcol, "bucket");
			SET(ycol, "value");
			SET(groupcol, "term");
		}
		break;
	case PL_TK_QUERY:
		xc = "group";
		ytitle = "mentions per 10,000 tokens";
		if (k == PL_PLOT_HEATMAP) {
			SET(xcol, "group");
			SET(ycol, "term");
			SET(weightcol, "per10k");
		} else if (k == PL_PLOT_BAR) {
			SET(labelcol, "group");
			SET(ycol, "per10k");
		} else {
			SET(xcol, "group");
			SET(ycol, "per10k");
			SET(groupcol, "term");
		}
		break;
	case PL_TK_QUERY_DOCS:
		if (k == PL_PLOT_DISPERSION) {
			SET(xcol, "date");
			SET(groupcol, "term");
			SET(weightcol, "count");
		} else if (k == PL_PLOT_BAR) {
			SET(labelcol, "title");
			SET(ycol, "per10k");
			ytitle = "mentions per 10,000 tokens of the report";
		} else {
			SET(xcol, "date");
			SET(ycol, "per10k");
			SET(groupcol, "term");
			ytitle = "mentions per 10,000 tokens of the report";
		}
		break;
	case PL_TK_FREQ_BY:
		if (line) {
			xc = "group";
			SET(xcol, "group");
			SET(ycol, "per10k");
			SET(groupcol, "term");
			ytitle = "mentions per 10,000 tokens";
			break;
		}
		if (k == PL_PLOT_HEATMAP) {
			SET(xcol, "group");
			SET(ycol, "term");
			SET(weightcol, "count");
			ytitle = "occurrences (count)";
			break;
		}
		SET(groupcol, "group");
		/* FALLTHROUGH */
	case PL_TK_FREQ:
		SET(labelcol, "term");
		SET(ycol, "count");
		ytitle = "occurrences (count)";
		break;
	case PL_TK_KEYNESS:
		SET(labelcol, "term");
		SET(ycol, "g2");
		ytitle = "signed G\xc2\xb2 (log-likelihood; + target, \xe2\x88\x92 "
		    "reference)";
		break;
	case PL_TK_COLLOCATES:
		SET(labelcol, "collocate");
		SET(ycol, "g2");
		ytitle = "G\xc2\xb2 (log-likelihood) of co-occurrence with the "
		    "node";
		break;
	case PL_TK_MATRIX:
		SET(xcol, "term_a");
		SET(ycol, "term_b");
		SET(weightcol, k == PL_PLOT_NETWORK ? "logdice" : "o11");
		ytitle = k == PL_PLOT_NETWORK ? NULL :
		    "co-occurrences (o11, count)";
		break;
	case PL_TK_TRENDS:
		SET(labelcol, "term");
		SET(ycol, "sen_slope");
		SET(lowercol, "sen_lower");
		SET(uppercol, "sen_upper");
		ytitle = "Theil\xe2\x80\x93Sen slope per year (mentions per "
		    "10,000 tokens), 95% interval";
		break;
	case PL_TK_BURSTS:
		SET(labelcol, "term");
		SET(xcol, "first");
		SET(uppercol, "last");
		SET(weightcol, "weight");
		xtitle = "burst periods (Kleinberg), first to last day";
		break;
	case PL_TK_CHANGES:
		SET(groupcol, "term");
		SET(xcol, "first");
		SET(uppercol, "last");
		SET(ycol, "rate");
		ytitle = "mentions per 10,000 tokens (segment mean)";
		break;
	case PL_TK_NEW:
		SET(labelcol, "term");
		SET(ycol, "count");
		if (k == PL_PLOT_INTERVALS) {
			SET(xcol, "first");
			SET(uppercol, "last");
			xtitle = "first to last use";
		} else
			ytitle = "occurrences since first use (count)";
		break;
	case PL_TK_KWIC:
		/* one row of hits: the match column is as written, so
		 * "Terrorism" and "terrorism" would be two rows */
		SET(xcol, "date");
		break;
	case PL_TK_UNKNOWN:
		break;
	}
	if (xc != NULL && line && strcmp(c->xcol, xc) == 0) {
		long col = pl_table_col(t, xc);
		if (col != -1 && plot_cell_bucket(t, 0, (size_t)col, &a, &b,
		    &bk) == 0)
			xtitle = bucket_title(bk);
	}
	/* axis titles: bars and ranked charts show ylabel on the value axis */
	if (c->ylabel == NULL && ytitle != NULL && k != PL_PLOT_DISPERSION &&
	    k != PL_PLOT_NETWORK && k != PL_PLOT_INTERVALS)
		c->ylabel = ytitle;
	if (c->xlabel == NULL && xtitle != NULL && (line ||
	    k == PL_PLOT_INTERVALS || k == PL_PLOT_SEGMENTS))
		c->xlabel = xtitle;
	if (c->xlabel == NULL && k == PL_PLOT_SEGMENTS && p->tk == PL_TK_CHANGES)
		c->xlabel = "segments between change points (PELT)";
	/* whole numbers: integer ticks, and colour scales from 0 */
	{
		const char *vc = k == PL_PLOT_HEATMAP ? c->weightcol : c->ycol;
		long col = vc ? pl_table_col(t, vc) : -1;
		p->yint = col != -1 && t->cols[col].type == PL_COL_INT;
	}
}
