/*
 * date.c - integer calendar arithmetic (see include/plenum/date.h).
 *
 * Conversions use the era-based algorithms of Howard Hinnant's
 * "chrono-Compatible Low-Level Date Algorithms", which are exact over the
 * whole proleptic Gregorian calendar.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "plenum/date.h"

int64_t
pl_days_from_civil(int y, int m, int d)
{
	int64_t era, yoe, doy, doe, yy;

	yy = (int64_t)y - (m <= 2);
	era = (yy >= 0 ? yy : yy - 399) / 400;
	yoe = yy - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
pl_civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp, yy;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

int
pl_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
pl_month_days(int y, int m)
{
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && pl_is_leap(y))
		return 29;
	return len[m - 1];
}

int
pl_weekday(int64_t days)
{
	/* 1970-01-01 was a Thursday (4). */
	int64_t w = (days + 3) % 7;

	if (w < 0)
		w += 7;
	return (int)w + 1;
}

int64_t
pl_iso_week_start(int iso_year, int week)
{
	int64_t jan4 = pl_days_from_civil(iso_year, 1, 4);
	int64_t week1 = jan4 - (pl_weekday(jan4) - 1);

	return week1 + (int64_t)(week - 1) * 7;
}

void
pl_iso_week(int64_t days, int *iso_year, int *week)
{
	int y, m, d;
	int64_t thursday;

	/* The ISO year is the year of the week's Thursday. */
	thursday = days - (pl_weekday(days) - 1) + 3;
	pl_civil_from_days(thursday, &y, &m, &d);
	*iso_year = y;
	*week = (int)((thursday - pl_days_from_civil(y, 1, 1)) / 7) + 1;
}

int
pl_iso_weeks_in_year(int iso_year)
{
	int y, w;

	pl_iso_week(pl_days_from_civil(iso_year, 12, 28), &y, &w);
	return w;
}

static int
digits(const char *s, size_t n, int *out)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int
pl_date_parse(const char *s, size_t len, int64_t *days,
    enum pl_precision *prec)
{
	int y, m = 1, d = 1;
	enum pl_precision p;

	if (len == 4)
		p = PL_PREC_YEAR;
	else if (len == 7 && s[4] == '-')
		p = PL_PREC_MONTH;
	else if (len == 10 && s[4] == '-' && s[7] == '-')
		p = PL_PREC_DAY;
	else
		return -1;
	if (digits(s, 4, &y) == -1 || y < 1)
		return -1;
	if (p != PL_PREC_YEAR &&
	    (digits(s + 5, 2, &m) == -1 || m < 1 || m > 12))
		return -1;
	if (p == PL_PREC_DAY &&
	    (digits(s + 8, 2, &d) == -1 || d < 1 || d > pl_month_days(y, m)))
		return -1;
	*days = pl_days_from_civil(y, m, d);
	*prec = p;
	return 0;
}

void
pl_date_format(int64_t days, char buf[11])
{
	int y, m, d;

	pl_civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999) {
		memcpy(buf, "0000-00-00", 11);
		return;
	}
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
}

const char *
pl_precision_name(enum pl_precision p)
{
	switch (p) {
	case PL_PREC_DAY:
		return "day";
	case PL_PREC_MONTH:
		return "month";
	case PL_PREC_YEAR:
		return "year";
	}
	return "day";
}

static const char *const bucket_names[] = { "day", "week", "month",
    "quarter", "year" };

int
pl_bucket_parse(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(bucket_names) / sizeof(bucket_names[0]); i++)
		if (strcmp(s, bucket_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *
pl_bucket_name(enum pl_bucket b)
{
	return bucket_names[b];
}

int64_t
pl_bucket_start(enum pl_bucket b, int64_t day)
{
	int y, m, d;

	switch (b) {
	case PL_BUCKET_DAY:
		return day;
	case PL_BUCKET_WEEK:
		return day - (pl_weekday(day) - 1);
	case PL_BUCKET_MONTH:
		pl_civil_from_days(day, &y, &m, &d);
		return pl_days_from_civil(y, m, 1);
	case PL_BUCKET_QUARTER:
		pl_civil_from_days(day, &y, &m, &d);
		return pl_days_from_civil(y, (m - 1) / 3 * 3 + 1, 1);
	case PL_BUCKET_YEAR:
		pl_civil_from_days(day, &y, &m, &d);
		return pl_days_from_civil(y, 1, 1);
	}
	return day;
}

int64_t
pl_bucket_next(enum pl_bucket b, int64_t start)
{
	int y, m, d;

	switch (b) {
	case PL_BUCKET_DAY:
		return start + 1;
	case PL_BUCKET_WEEK:
		return start + 7;
	case PL_BUCKET_MONTH:
		pl_civil_from_days(start, &y, &m, &d);
		return start + pl_month_days(y, m);
	case PL_BUCKET_QUARTER:
		pl_civil_from_days(start, &y, &m, &d);
		m += 3;
		if (m > 12) {
			m -= 12;
			y++;
		}
		return pl_days_from_civil(y, m, 1);
	case PL_BUCKET_YEAR:
		pl_civil_from_days(start, &y, &m, &d);
		return pl_days_from_civil(y + 1, 1, 1);
	}
	return start + 1;
}

void
pl_bucket_label(enum pl_bucket b, int64_t start, char buf[24])
{
	int y, m, d, w;
	char day[11];

	pl_civil_from_days(start, &y, &m, &d);
	switch (b) {
	case PL_BUCKET_DAY:
		pl_date_format(start, day);
		memcpy(buf, day, 11);
		return;
	case PL_BUCKET_WEEK:
		pl_iso_week(start, &y, &w);
		snprintf(buf, 24, "%04d-W%02d", y, w);
		return;
	case PL_BUCKET_MONTH:
		snprintf(buf, 24, "%04d-%02d", y, m);
		return;
	case PL_BUCKET_QUARTER:
		snprintf(buf, 24, "%04d-Q%d", y, (m - 1) / 3 + 1);
		return;
	case PL_BUCKET_YEAR:
		snprintf(buf, 24, "%04d", y);
		return;
	}
}

int64_t
pl_now(void)
{
	const char *s = getenv("PL_TEST_NOW");
	int64_t days;
	enum pl_precision p;

	if (s != NULL && pl_date_parse(s, strlen(s), &days, &p) == 0)
		return days;
	return (int64_t)(time(NULL) / 86400);
}
