/*
 * report.h - plenum report: the review of a period as tables, an HTML
 * page and charts (docs/REPORT.md).  lib/report.c chooses the period and
 * the language; lib/reportsec.c computes the sections' tables from the
 * analysis modules (keyness, series, newterms, burst, changes, kwic,
 * diff) and writes them as TSV; lib/reportpage.c writes the page;
 * plots/report.c draws the charts (include/plenum/reportplot.h).  The
 * command (cmd/report.c) parses options, runs the steps in order and
 * puts the directory in place.
 */
#ifndef PLENUM_REPORT_H
#define PLENUM_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "plenum/date.h"
#include "plenum/query.h"
#include "plenum/table.h"

/* The period a report reviews and its baseline. */
struct pl_period {
	enum pl_bucket	 by;		/* week, month, quarter or year */
	int		 auto_by;	/* by was chosen from the data */
	int64_t		 from, to;	/* the period's first and last day */
	char		 label[24];	/* 2022-W44, 2022-10, 2022-Q4, 2022 */
	int		 partial;	/* the data ends inside the period, on fewer
					   report days than the baseline's median */
	int		 nbase;		/* baseline periods */
	int		 nobase;	/* the first period of the data: no
					   reports before it to compare with */
	int64_t		 base_from;	/* first day of the baseline */
	int64_t		 first_day, last_day;	/* of the reports in the filter */
	int		 days;		/* days with reports in the period */
	double		 base_days;	/* median of those over the baseline's
					   periods with reports */
	char		 why[512];	/* how the period was chosen, in English */
	char		 why_zh[512];	/* the same in Chinese */
};

/*
 * Chooses the period.  by is an enum pl_bucket (week .. year) or -1 to
 * choose one: the finest of week, month, quarter, year in which at least
 * 80% of the last (up to 26) periods have reports.  at, if not NULL, names
 * the period (2022-W42, 2022-10, 2022-Q4, 2022); it may be partial.
 * Otherwise the period is the latest complete one with reports: the last
 * period of the data is complete when the data reaches its last day, or
 * when it has reports on as many days as the median period of its
 * baseline.  nbase periods before it form the baseline; a baseline without
 * reports, a period outside the data, and an at that does not match by
 * are PL_ERR_DATA / PL_ERR_USAGE errors whose message says what to pass.
 */
const struct pl_error *pl_report_period(const struct pl_corpus *,
    const struct pl_docfilter *, int by, const char *at, int nbase,
    struct pl_period *);

/*
 * The language most of the documents that pass the filter are written in
 * ("zh", "en", ...), by tokens over the first 500 of them; "en" when the
 * database records none.  Writes at most 16 bytes with NUL into lang.
 */
const struct pl_error *pl_report_lang(struct pl_db *,
    const struct pl_docfilter *, char lang[16]);

/*
 * Where v stands among hist[0..n) (NaN entries skipped): the percentage
 * of values at or below v, or NaN when there are none.
 */
double	 pl_report_percentile(double v, const double *hist, size_t n);
/*
 * The z-score of v against base[0..n) (NaN skipped): (v - mean) / sd,
 * the sample standard deviation; NaN when fewer than 2 values or sd 0.
 */
double	 pl_report_z(double v, const double *base, size_t n);

/*
 * 1 when a key term should be left off the page: a token of it is a
 * number (11, 2022, １１, 11 月), which in dated reports is mostly a date
 * or a count, not a theme.
 */
int	 pl_report_numeric_term(const char *term);

/* The language of a report's fixed text: headings, notes, chart titles. */
enum pl_report_lang {
	PL_REPORT_EN,
	PL_REPORT_ZH
};

/*
 * The page's language for a corpus language ("zh", "en", ...) or a
 * --lang value: PL_REPORT_ZH for zh (and zh-*), PL_REPORT_EN for the
 * rest.  -1 for a --lang value that is neither "en", "zh" nor "auto".
 */
int	 pl_report_lang_parse(const char *);

/* A term the page highlights, with its evidence. */
struct pl_report_hl {
	char		*expr;		/* the expression, as plenum takes it */
	struct pl_term	*term;		/* owned */
	const char	*why;		/* rising, falling, watched, new */
	int		 before;	/* evidence from the baseline */
	size_t		 nev;		/* evidence lines found */
};

/* A command line that reproduces a table or chart (the Method). */
struct pl_report_method {
	char		*what;
	char		*what_zh;	/* the same in Chinese */
	char		*cmd;
};

/* A report and the one before it (what changed since the last one). */
struct pl_report_pair {
	size_t		 row, prev;	/* corpus rows */
	int		 shown;		/* its redline is on the page */
};

/*
 * A report in the making.  The caller sets the inputs after
 * pl_report_init() and runs the steps in order: pl_report_window, then
 * pl_report_glance, _key, _watch, _new, _spark, _bursts, _evidence,
 * _changed, then draws (pl_report_charts) and writes (pl_report_data,
 * pl_report_page).  Everything below "computed" belongs to the report
 * and is freed by pl_report_release(); the inputs are borrowed.
 */
struct pl_report {
	/* inputs */
	struct pl_corpus	*c;
	struct pl_docfilter	 filter;	/* --source, --where (borrowed:
						   never released here) */
	struct pl_period	 p;
	enum pl_report_lang	 lang;		/* of the fixed text and dates */
	const char		*dbname;	/* the file name, no directories */
	const char		*watchfile;	/* as the user named it, or NULL */
	const char		*cmdline;	/* the report's own, reproducible */
	char			**srcargs;	/* --source S --where K=V, as given */
	int			 nsrcargs;
	/* computed */
	int64_t			 win_from;	/* the charts' first day */
	size_t			 nwin;		/* periods in the window */
	int64_t			*win;		/* their first days */
	struct pl_table		 glance, sources, days, volume, key, spark;
	struct pl_table		 watch, wseries, newt, bursts, changes, ev;
	struct pl_table		 reports;	/* the period's, when few */
	struct pl_table		 changed, chgsrc, chged, chgph;
	struct pl_report_pair	*chgpair;	/* one per row of changed */
	size_t			 nchg;
	struct pl_report_hl	*hl;
	size_t			 nhl, nkey, nwatch, nnew;
	struct pl_report_method	*m;
	size_t			 nm;
	/* drawn (pl_report_charts): the charts beside the page */
	int			 has_volume, has_key, has_watch;
};

/* Zeroes r and initialises its tables. */
void	 pl_report_init(struct pl_report *);
/* Frees what the steps computed; the inputs stay the caller's. */
void	 pl_report_release(struct pl_report *);

/*
 * The steps, in order; each returns an error (out of memory, or one of
 * the analysis module's, prefixed with the step's name) and leaves r to
 * pl_report_release() either way.  pl_report_watch takes the lines of
 * the watch file (series --terms format); a term that does not parse is
 * an error naming r->watchfile.
 */
const struct pl_error *pl_report_window(struct pl_report *);
const struct pl_error *pl_report_glance(struct pl_report *);
const struct pl_error *pl_report_key(struct pl_report *);
const struct pl_error *pl_report_watch(struct pl_report *,
    char *const *lines, size_t n);
const struct pl_error *pl_report_new(struct pl_report *);
const struct pl_error *pl_report_spark(struct pl_report *);
const struct pl_error *pl_report_bursts(struct pl_report *);
const struct pl_error *pl_report_evidence(struct pl_report *);
const struct pl_error *pl_report_changed(struct pl_report *);

/* Writes every table as dir/data/NAME.tsv (dir/data must exist). */
const struct pl_error *pl_report_data(const struct pl_report *,
    const char *dir);

/*
 * Writes the page to fp, with the charts pl_report_charts drew into dir
 * inlined as PNG data.  The caller opens and closes fp.
 */
const struct pl_error *pl_report_page(const struct pl_report *,
    const char *dir, FILE *fp);

/* "week", "month", ... in the report's language ("周", "月", ...). */
const char *pl_report_noun(const struct pl_report *, enum pl_bucket);
/* The same after a number: "weeks", "months" ("周", "个月", "个季度"). */
const char *pl_report_count_noun(const struct pl_report *, enum pl_bucket);

/*
 * A day as a reader of the corpus writes it: 2022年11月6日 (zh), 6 Nov
 * 2022; without the year when year is 0.
 */
void	 pl_report_date(const struct pl_report *, int64_t day, int year,
	    char *buf, size_t n);

/*
 * prog and argv[0..argc) as one shell command line, each argument quoted
 * when the shell would split or expand it.  Returns a string the caller
 * frees with free(3), or NULL when out of memory.
 */
char	*pl_quote_args(const char *prog, int argc, char *const *argv);

#endif /* PLENUM_REPORT_H */
