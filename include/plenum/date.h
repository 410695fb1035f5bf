/*
 * date.h - calendar arithmetic on ISO 8601 days, without time zones.
 *
 * A day is an integer count of days since 1970-01-01 (proleptic
 * Gregorian).  All functions are pure; none consult the C library's
 * localtime or TZ.
 */
#ifndef PLENUM_DATE_H
#define PLENUM_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "plenum/error.h"

enum pl_precision {
	PL_PREC_DAY = 0,	/* YYYY-MM-DD */
	PL_PREC_MONTH,		/* YYYY-MM */
	PL_PREC_YEAR		/* YYYY */
};

enum pl_bucket {
	PL_BUCKET_DAY = 0,
	PL_BUCKET_WEEK,		/* ISO week, Monday start, "2022-W41" */
	PL_BUCKET_MONTH,	/* "2022-10" */
	PL_BUCKET_QUARTER,	/* "2022-Q4" */
	PL_BUCKET_YEAR		/* "2022" */
};

/* The days of years 1..9999, the range every date function handles. */
#define PL_DAY_MIN	(-719162)	/* 0001-01-01 */
#define PL_DAY_MAX	2932896		/* 9999-12-31 */

/* Days since 1970-01-01 of a valid civil date. */
int64_t pl_days_from_civil(int y, int m, int d);
/* Inverse of pl_days_from_civil. */
void pl_civil_from_days(int64_t days, int *y, int *m, int *d);
/* 1 for leap years. */
int pl_is_leap(int y);
/* Days in month m (1..12) of year y. */
int pl_month_days(int y, int m);
/* ISO weekday, 1 = Monday .. 7 = Sunday. */
int pl_weekday(int64_t days);
/* ISO 8601 week-numbering year and week (1..53) of a day. */
void pl_iso_week(int64_t days, int *iso_year, int *week);
/* Monday of ISO week w of iso_year (w may be 1..53 if that year has it). */
int64_t pl_iso_week_start(int iso_year, int week);
/* Number of ISO weeks (52 or 53) in an ISO week-numbering year. */
int pl_iso_weeks_in_year(int iso_year);

/*
 * Parses YYYY-MM-DD, YYYY-MM or YYYY (years 1..9999) of exactly len bytes.
 * Sets *days to the first day covered and *prec to the precision.
 * Returns 0 on success, -1 if the text is not such a date or names a day
 * that does not exist (2022-02-30, 2022-13-45).
 */
int pl_date_parse(const char *s, size_t len, int64_t *days,
    enum pl_precision *prec);
/* Writes YYYY-MM-DD (11 bytes with NUL) into buf. */
void pl_date_format(int64_t days, char buf[11]);
/* Name of a precision: "day", "month", "year". */
const char *pl_precision_name(enum pl_precision);

/* Parses "day", "week", "month", "quarter", "year"; -1 if unknown. */
int pl_bucket_parse(const char *);
/* Name of a bucket kind. */
const char *pl_bucket_name(enum pl_bucket);
/* First day of the bucket that contains day. */
int64_t pl_bucket_start(enum pl_bucket, int64_t day);
/* First day of the bucket after the one starting at start. */
int64_t pl_bucket_next(enum pl_bucket, int64_t start);
/* Label of the bucket starting at start ("2022-W41", "2022-Q4", ...),
 * at most 24 bytes with NUL. */
void pl_bucket_label(enum pl_bucket, int64_t start, char buf[24]);

/*
 * "Today" as a day number: PL_TEST_NOW (YYYY-MM-DD) when set, else the
 * system clock in UTC.
 */
int64_t pl_now(void);

#endif /* PLENUM_DATE_H */
