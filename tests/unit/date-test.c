/*
 * date-test.c - calendar arithmetic: known days, round trips over a
 * long range, ISO weeks (week 53), leap days, parsing and buckets.
 */
#include <stdio.h>
#include <string.h>

#include "plenum/date.h"
#include "tap.h"

static int64_t
day(const char *s)
{
	int64_t d = 0;
	enum pl_precision p;

	pl_date_parse(s, strlen(s), &d, &p);
	return d;
}

static void
label(enum pl_bucket b, const char *date, const char *want)
{
	char buf[24], name[64];

	pl_bucket_label(b, pl_bucket_start(b, day(date)), buf);
	snprintf(name, sizeof(name), "%s bucket of %s is %s",
	    pl_bucket_name(b), date, want);
	is_str(buf, want, name);
}

int
main(void)
{
	int64_t d, z;
	int y, m, dd, ok_rt = 1, ok_wd = 1, iy, w;
	enum pl_precision p;
	char buf[11];

	/* Known values. */
	is_int(pl_days_from_civil(1970, 1, 1), 0, "epoch is day 0");
	is_int(pl_days_from_civil(2000, 3, 1), 11017, "2000-03-01 is day 11017");
	is_int(pl_days_from_civil(1969, 12, 31), -1, "day before the epoch");
	is_int(pl_weekday(0), 4, "1970-01-01 was a Thursday");
	is_int(pl_weekday(day("2022-10-14")), 5, "2022-10-14 was a Friday");
	is_int(pl_weekday(day("2024-02-29")), 4, "2024-02-29 was a Thursday");

	/* Round trip and consecutive weekdays over 1600..2400. */
	for (z = pl_days_from_civil(1600, 1, 1);
	    z < pl_days_from_civil(2400, 1, 1); z++) {
		pl_civil_from_days(z, &y, &m, &dd);
		if (pl_days_from_civil(y, m, dd) != z || m < 1 || m > 12 ||
		    dd < 1 || dd > pl_month_days(y, m))
			ok_rt = 0;
		if (pl_weekday(z + 1) != pl_weekday(z) % 7 + 1)
			ok_wd = 0;
	}
	ok(ok_rt, "days -> date -> days over 800 years");
	ok(ok_wd, "weekdays follow each other over 800 years");

	/* Leap years. */
	ok(pl_is_leap(2000) && pl_is_leap(2024) && !pl_is_leap(1900) &&
	    !pl_is_leap(2023), "leap years: 2000, 2024 yes; 1900, 2023 no");
	is_int(pl_month_days(2024, 2), 29, "February 2024 has 29 days");
	is_int(pl_month_days(2023, 2), 28, "February 2023 has 28 days");

	/* Parsing. */
	ok(pl_date_parse("2024-02-29", 10, &d, &p) == 0 && p == PL_PREC_DAY,
	    "2024-02-29 parses");
	ok(pl_date_parse("2023-02-29", 10, &d, &p) == -1, "2023-02-29 fails");
	ok(pl_date_parse("2022-02-30", 10, &d, &p) == -1, "2022-02-30 fails");
	ok(pl_date_parse("2022-13-45", 10, &d, &p) == -1, "2022-13-45 fails");
	ok(pl_date_parse("2022-00-10", 10, &d, &p) == -1, "month 0 fails");
	ok(pl_date_parse("2022-1-5", 8, &d, &p) == -1, "unpadded fails");
	ok(pl_date_parse("22-01-05", 8, &d, &p) == -1, "two-digit year fails");
	ok(pl_date_parse("2022-10-14T00", 13, &d, &p) == -1, "time part fails");
	ok(pl_date_parse("2022-10", 7, &d, &p) == 0 && p == PL_PREC_MONTH &&
	    d == day("2022-10-01"), "2022-10 is month precision, from the 1st");
	ok(pl_date_parse("2022", 4, &d, &p) == 0 && p == PL_PREC_YEAR &&
	    d == day("2022-01-01"), "2022 is year precision, from 1 January");
	pl_date_format(day("2022-10-14"), buf);
	is_str(buf, "2022-10-14", "format round trip");

	/* ISO weeks: 2020 and 2026 have 53 weeks; 2021-01-03 is 2020-W53. */
	is_int(pl_iso_weeks_in_year(2020), 53, "2020 has 53 ISO weeks");
	is_int(pl_iso_weeks_in_year(2021), 52, "2021 has 52 ISO weeks");
	is_int(pl_iso_weeks_in_year(2026), 53, "2026 has 53 ISO weeks");
	pl_iso_week(day("2021-01-03"), &iy, &w);
	ok(iy == 2020 && w == 53, "2021-01-03 is in 2020-W53");
	pl_iso_week(day("2021-01-04"), &iy, &w);
	ok(iy == 2021 && w == 1, "2021-01-04 is in 2021-W01");
	pl_iso_week(day("2024-12-30"), &iy, &w);
	ok(iy == 2025 && w == 1, "2024-12-30 is in 2025-W01");
	pl_iso_week(day("2022-10-14"), &iy, &w);
	ok(iy == 2022 && w == 41, "2022-10-14 is in 2022-W41");
	is_int(pl_iso_week_start(2020, 53), day("2020-12-28"),
	    "2020-W53 starts on Monday 2020-12-28");

	/* Buckets. */
	label(PL_BUCKET_WEEK, "2022-10-16", "2022-W41");
	label(PL_BUCKET_WEEK, "2021-01-01", "2020-W53");
	label(PL_BUCKET_MONTH, "2024-02-29", "2024-02");
	label(PL_BUCKET_QUARTER, "2022-10-14", "2022-Q4");
	label(PL_BUCKET_QUARTER, "2022-03-31", "2022-Q1");
	label(PL_BUCKET_YEAR, "2022-10-14", "2022");
	label(PL_BUCKET_DAY, "2024-02-29", "2024-02-29");
	is_int(pl_bucket_start(PL_BUCKET_WEEK, day("2022-10-16")),
	    day("2022-10-10"), "week of Sunday 2022-10-16 starts Monday 10th");
	is_int(pl_bucket_next(PL_BUCKET_MONTH, day("2024-02-01")),
	    day("2024-03-01"), "month after February 2024");
	is_int(pl_bucket_next(PL_BUCKET_QUARTER, day("2022-10-01")),
	    day("2023-01-01"), "quarter after 2022-Q4");
	is_int(pl_bucket_next(PL_BUCKET_YEAR, day("2024-01-01")),
	    day("2025-01-01"), "year after 2024");
	is_int(pl_bucket_parse("quarter"), PL_BUCKET_QUARTER, "parse quarter");
	is_int(pl_bucket_parse("fortnight"), -1, "unknown bucket");
	/* Every week bucket over 10 years is 7 days and labels are unique. */
	{
		int64_t s = pl_bucket_start(PL_BUCKET_WEEK, day("2015-06-01"));
		char prev[24] = "", cur[24];
		int good = 1, n = 0;
		while (s < day("2025-06-01")) {
			pl_bucket_label(PL_BUCKET_WEEK, s, cur);
			if (strcmp(cur, prev) == 0 || pl_weekday(s) != 1)
				good = 0;
			memcpy(prev, cur, sizeof(cur));
			s = pl_bucket_next(PL_BUCKET_WEEK, s);
			n++;
		}
		ok(good && n == 522, "522 distinct Monday-start weeks in 10 years");
	}
	return tap_done();
}
