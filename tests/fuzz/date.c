/*
 * date.c - the date parser and the bucket arithmetic.  A date that parses
 * formats back to itself (day precision); every bucket of its day holds
 * it, the next bucket starts after it and its label is short.  Eight
 * bytes also name a day anywhere in years 1..9999 for the same checks.
 */
#include <stdlib.h>
#include <string.h>

#include "plenum/date.h"
#include "fuzz.h"

static int64_t lo, hi;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	lo = pl_days_from_civil(1, 1, 1);
	hi = pl_days_from_civil(9999, 12, 31);
	return 0;
}

static void
check_day(int64_t day)
{
	char buf[24], d[11];
	int b, y, m, dd;
	int64_t s, n;

	pl_date_format(day, d);
	pl_civil_from_days(day, &y, &m, &dd);
	if (pl_days_from_civil(y, m, dd) != day)
		abort();
	for (b = PL_BUCKET_DAY; b <= PL_BUCKET_YEAR; b++) {
		s = pl_bucket_start(b, day);
		n = pl_bucket_next(b, s);
		if (s > day || n <= day)
			abort();
		pl_bucket_label(b, s, buf);
		if (strlen(buf) >= sizeof(buf))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum pl_precision prec;
	int64_t day, v;
	uint64_t u = 0;
	char out[11];
	size_t i;

	if (pl_date_parse((const char *)data, size, &day, &prec) == 0) {
		if (day < lo || day > hi)
			abort();
		pl_date_format(day, out);
		if (prec == PL_PREC_DAY &&
		    (size != 10 || memcmp(out, data, 10) != 0))
			abort();
		check_day(day);
	}
	if (size >= 8) {
		for (i = 0; i < 8; i++)
			u = u << 8 | data[i];
		v = lo + (int64_t)(u % (uint64_t)(hi - lo + 1));
		check_day(v);
	}
	return 0;
}
