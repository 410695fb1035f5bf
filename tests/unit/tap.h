/*
 * tap.h - a tiny TAP producer for plenum's unit tests.
 *
 *	ok(cond, "name %d", x);		prints "ok N - name" or "not ok N - name"
 *	is_int(got, want, "name");	compares integers, prints both on failure
 *	is_str(got, want, "name");	compares strings (NULL-safe)
 *	is_num(got, want, tol, "name");	compares doubles within a relative tol
 *	return tap_done();		prints the plan "1..N", exit status
 */
#ifndef PLENUM_TAP_H
#define PLENUM_TAP_H

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static int __attribute__((format(printf, 2, 3), unused))
ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	return cond;
}

static int __attribute__((unused))
is_int(int64_t got, int64_t want, const char *name)
{
	if (!ok(got == want, "%s", name))
		printf("#   got %lld, want %lld\n", (long long)got,
		    (long long)want);
	return got == want;
}

static int __attribute__((unused))
is_str(const char *got, const char *want, const char *name)
{
	int same;

	same = (got == NULL && want == NULL) ||
	    (got != NULL && want != NULL && strcmp(got, want) == 0);
	if (!ok(same, "%s", name))
		printf("#   got  '%s'\n#   want '%s'\n", got ? got : "(null)",
		    want ? want : "(null)");
	return same;
}

static int __attribute__((unused))
is_num(double got, double want, double reltol, const char *name)
{
	int same;

	if (isnan(want))
		same = isnan(got);
	else if (isinf(want))
		same = got == want;
	else
		same = fabs(got - want) <= reltol * fmax(1.0, fabs(want));
	if (!ok(same, "%s", name))
		printf("#   got  %.17g\n#   want %.17g\n", got, want);
	return same;
}

static int __attribute__((unused))
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif /* PLENUM_TAP_H */
