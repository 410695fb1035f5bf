/*
 * report.h - what plenum report decides and computes beside the analysis
 * modules: which period to review, how the corpus is written (its main
 * language), and where a value stands in its own history.  The page
 * itself is written by cmd/report.c with lib/html.c (docs/REPORT.md).
 */
#ifndef PLENUM_REPORT_H
#define PLENUM_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "plenum/date.h"
#include "plenum/query.h"

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

#endif /* PLENUM_REPORT_H */
