/*
 * report-int.h - what plenum report's section tables (lib/reportsec.c)
 * and its page (lib/reportpage.c) share inside lib; not public API.
 */
#ifndef PLENUM_REPORT_INT_H
#define PLENUM_REPORT_INT_H

#include <stddef.h>

#include "plenum/report.h"
#include "plenum/table.h"

#define SPARK_N		26	/* periods in a sparkline and the charts */
#define KEY_UP		15	/* rising terms shown */
#define KEY_DOWN	10	/* falling terms shown */
#define NEW_N		12	/* new terms shown */
#define NEW_MIN		3	/* uses of a new term in the period */
#define REPORTS_LIST	12	/* the period's reports are listed up to this */
#define EV_LINES	3	/* evidence lines per term */
#define MAX_Q		0.05	/* key terms shown */
/*
 * A source with more reports than this in the period is a feed (daily
 * news: consecutive items are unrelated), not a series: not compared.
 */
#define CHG_MAX_DOCS	3
/* Below this similarity a pair shares almost no sentence: no redline. */
#define CHG_MIN_SIM	0.15
/* At most this many redlines on the page; the rest are in the table. */
#define CHG_MAX_SHOWN	12
/* Up to this many phrases that entered, and as many that left, a pair. */
#define CHG_PHRASES	10

/* The fixed text is Chinese. */
#define REPORT_ZH(r)	((r)->lang == PL_REPORT_ZH)

/* English weekday abbreviations, Monday first (data/glance-days.tsv). */
extern const char *const report_wd_en[7];

/*
 * A cell of a table the report made, by column name; a column it lacks
 * reads as null ("" and NaN).
 */
const struct pl_cell *report_cell(const struct pl_table *, size_t row,
    const char *col);
const char	*report_cstr(const struct pl_table *, size_t row,
		    const char *col);
double		 report_cnum(const struct pl_table *, size_t row,
		    const char *col);

/* The highlighted entry of a term, by its label, or -1. */
long	 report_hl_find(const struct pl_report *, const char *label);

#endif /* PLENUM_REPORT_INT_H */
