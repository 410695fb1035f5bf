/*
 * trends-test.c - the trend tests of lib/trends.c: worked by hand on
 * tiny series, and against scipy.stats on real series
 * (tests/data/trends/: series.tsv, expected.tsv and make-fixtures.py,
 * which produced expected.tsv).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/table.h"
#include "plenum/trends.h"
#include "tap.h"

#ifndef DATADIR
#define DATADIR "tests/data/trends"
#endif

/* Relative agreement: |got - want| <= tol |want|; exact when want is 0. */
static int
rel(double got, double want, double tol, const char *name)
{
	int same;

	if (isnan(want))
		same = isnan(got);
	else if (want == 0)
		same = fabs(got) <= 1e-300;
	else
		same = fabs(got - want) <= tol * fabs(want);
	if (!ok(same, "%s", name))
		printf("#   got  %.17g\n#   want %.17g\n", got, want);
	return same;
}

static void
hand_worked(void)
{
	struct pl_trend r;
	/*
	 * No ties: y = 1 3 2 5 4 at t = 1..5.  Of the 10 pairs, 8 rise and
	 * 2 fall ((3,2), (5,4)): S = 6, Var(S) = 5*4*15/18 = 16.667,
	 * Z = (6-1)/sqrt(16.667) = 1.2247, p = 2(1 - Phi(1.2247)) = 0.22067,
	 * tau = 6/10.  Spearman: d = 0 1 -1 1 -1, rho = 1 - 6*4/(5*24) = 0.8.
	 * OLS: Sxy = 8, Sxx = 10, slope 0.8; residuals -0.4 0.8 -1 1.2 -0.6,
	 * SSE 3.6, s2 = 1.2, se = sqrt(1.2/10) = 0.34641, t = 2.3094 on 3 df,
	 * p = 0.10409 (t table).  Sen: the 10 slopes sorted are -1 -1 1/3
	 * 0.5 0.75 1 1 4/3 2 3 -> median (0.75 + 1)/2 = 0.875.
	 */
	double t1[] = { 1, 2, 3, 4, 5 }, y1[] = { 1, 3, 2, 5, 4 };
	/*
	 * Ties: y = 0 0 1 0 2 2 at t = 1..6.  S = 3 + 3 + 1 + 2 + 0 = 9 (rows
	 * of the pair table); tie groups 3 zeros and 2 twos: sum t(t-1)(2t+5)
	 * = 66 + 18 = 84, Var(S) = (6*5*17 - 84)/18 = 23.667, Z = 8/4.8648 =
	 * 1.6445; tau-b = 9 / sqrt(15 (15 - 4)) = 0.70065.  Sen: the 15
	 * slopes are -1, 0 x4 (three pairs of zeros and the two twos),
	 * 1/3 0.4 0.5 x4 2/3 1 1 2: median (8th) 0.5; the interval ranks are
	 * round((15 -+ 1.96*4.8648)/2) = 3 (minus 1: index 2) and 12:
	 * 0 and 1.
	 */
	double t2[] = { 1, 2, 3, 4, 5, 6 }, y2[] = { 0, 0, 1, 0, 2, 2 };
	/*
	 * Uneven times t = 0 1 3 4: slopes 2/1, 3/3, 7/4, 1/2, 5/3, 4/1
	 * sorted 0.5 1 1.6667 1.75 2 4, median (1.6667 + 1.75)/2 =
	 * 1.708333; with indices 0..3 instead it would be 2.1667.
	 */
	double t3[] = { 0, 1, 3, 4 }, y3[] = { 0, 2, 3, 7 };
	/* Ties only: y = 1 2 2 3: S = 5, Var = (4*3*13 - 18)/18 = 7.6667,
	 * Z = 4/2.7689 = 1.44463, tau-b = 5/sqrt(6*5) = 0.91287. */
	double t4[] = { 1, 2, 3, 4 }, y4[] = { 1, 2, 2, 3 };
	/*
	 * One huge outlier: y = 1..6 then 100 at t = 1..7.  Theil-Sen: 15
	 * slopes of 1 among the first six, 6 larger with the last: median
	 * (11th of 21) 1.  OLS: Sxy = -3-4-3+0+5+12+300 = 307, Sxx = 28,
	 * slope 10.964.
	 */
	double t5[] = { 1, 2, 3, 4, 5, 6, 7 }, y5[] = { 1, 2, 3, 4, 5, 6, 100 };
	double c6[] = { 2, 2, 2, 2 }, z6[] = { 0, 0, 0, 0 };
	double bad[] = { 1, 1, 2 };

	ok(pl_trend_test(t1, y1, 5, 0, &r) == NULL, "no ties: runs");
	is_int((int64_t)r.mk_s, 6, "no ties: S = 6");
	rel(r.mk_var, 300.0 / 18, 1e-12, "no ties: Var(S) = 16.667");
	rel(r.mk_z, 5 / sqrt(300.0 / 18), 1e-12, "no ties: Z = 1.2247");
	rel(r.mk_p, 0.22067136191984693, 1e-9, "no ties: p = 0.22067");
	rel(r.mk_tau, 0.6, 1e-12, "no ties: tau = 0.6");
	rel(r.spearman_rho, 0.8, 1e-12, "no ties: Spearman rho = 0.8");
	rel(r.slope, 0.8, 1e-12, "OLS: slope 0.8");
	rel(r.intercept, 0.6, 1e-12, "OLS: intercept 0.6");
	rel(r.slope_se, sqrt(0.12), 1e-12, "OLS: se = sqrt(1.2/10)");
	rel(r.slope_p, 0.10408803866182778, 1e-9, "OLS: p(t = 2.3094, 3 df) "
	    "= 0.10409");
	rel(r.spearman_p, 0.10408803866182778, 1e-9, "Spearman: p from "
	    "t = 0.8 sqrt(3/0.36), same as OLS here");
	rel(r.sen_slope, 0.875, 1e-12, "Sen: median of 10 slopes 0.875");
	rel(r.hr_factor, 1.0, 0, "no autocorr: factor 1");

	ok(pl_trend_test(t2, y2, 6, 0, &r) == NULL, "ties and zeros: runs");
	is_int((int64_t)r.mk_s, 9, "ties: S = 9");
	rel(r.mk_var, 426.0 / 18, 1e-12, "ties: Var(S) = (510 - 84)/18");
	rel(r.mk_z, 8 / sqrt(426.0 / 18), 1e-12, "ties: Z = 1.6445");
	rel(r.mk_tau, 9 / sqrt(165.0), 1e-12, "ties: tau-b = 0.70065");
	rel(r.sen_slope, 0.5, 1e-12, "ties: Sen 0.5");
	rel(r.sen_lower, 0.0, 0, "ties: Sen lower 0 (rank 2)");
	rel(r.sen_upper, 1.0, 1e-12, "ties: Sen upper 1 (rank 12)");

	ok(pl_trend_test(t3, y3, 4, 0, &r) == NULL, "uneven times: runs");
	rel(r.sen_slope, (5.0 / 3 + 1.75) / 2, 1e-12,
	    "uneven times: Sen 1.708333 from real times, not indices");

	ok(pl_trend_test(t4, y4, 4, 0, &r) == NULL, "one tie: runs");
	is_int((int64_t)r.mk_s, 5, "one tie: S = 5");
	rel(r.mk_var, 138.0 / 18, 1e-12, "one tie: Var(S) = 7.6667");
	rel(r.mk_p, 0.14856177489186864, 1e-9, "one tie: p = 0.14856");
	rel(r.mk_tau, 5 / sqrt(30.0), 1e-12, "one tie: tau-b 0.91287");

	ok(pl_trend_test(t5, y5, 7, 0, &r) == NULL, "outlier: runs");
	rel(r.sen_slope, 1.0, 1e-12, "outlier: Sen slope stays 1");
	rel(r.slope, 307.0 / 28, 1e-12, "outlier: OLS slope pulled to 10.96");
	is_int((int64_t)r.mk_s, 21, "outlier: every pair rises, S = 21");

	ok(pl_trend_test(t4, c6, 4, 0, &r) == NULL, "constant: runs");
	rel(r.slope, 0, 0, "constant: OLS slope 0");
	ok(isnan(r.slope_p), "constant: no OLS p");
	ok(r.mk_s == 0 && r.mk_var == 0, "constant: S 0, Var 0");
	ok(isnan(r.mk_z) && isnan(r.mk_p), "constant: no Z, no p");
	ok(isnan(r.mk_tau) && isnan(r.spearman_rho), "constant: no tau, rho");
	rel(r.sen_slope, 0, 0, "constant: Sen 0");

	ok(pl_trend_test(t4, z6, 4, 1, &r) == NULL, "all zero: runs");
	ok(isnan(r.mk_p) && isnan(r.slope_p) && isnan(r.spearman_p),
	    "all zero: nothing tested");
	rel(r.sen_slope, 0, 0, "all zero: Sen 0");

	ok(pl_trend_test(t1, y1, 2, 0, &r) != NULL, "2 points: an error");
	ok(pl_trend_test(bad, y1, 3, 0, &r) != NULL, "repeated time: an error");
}

static int
read_tsv(const char *name, struct pl_table *t)
{
	const struct pl_error *err;
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", DATADIR, name);
	if ((fp = fopen(path, "r")) == NULL) {
		ok(0, "open %s", path);
		return -1;
	}
	err = pl_table_read(fp, path, PL_FMT_TSV, t);
	fclose(fp);
	if (err != NULL) {
		ok(0, "read %s: %s", path, err->msg);
		return -1;
	}
	return 0;
}

static int64_t
days(const char *s)
{
	int64_t d;
	enum pl_precision p;

	if (pl_date_parse(s, strlen(s), &d, &p) == -1)
		return 0;
	return d;
}

/* Each series of series.tsv against scipy's numbers in expected.tsv. */
static void
against_scipy(void)
{
	static const char *const stat[] = { "slope", "slope_se", "slope_p",
	    "sen_slope", "sen_lower", "sen_upper", "mk_s", "mk_var", "mk_tau",
	    "mk_z", "mk_p", "spearman_rho", "spearman_p", "hr_factor" };
	struct pl_table s, e;
	double *t = NULL, *y = NULL;
	size_t i, k, row;
	long cterm, cstart, cend, ccount, cdocs, ctok, col;
	int ok1;

	pl_table_init(&s);
	pl_table_init(&e);
	if (read_tsv("series.tsv", &s) == -1 ||
	    read_tsv("expected.tsv", &e) == -1)
		goto done;
	cterm = pl_table_col(&s, "term");
	cstart = pl_table_col(&s, "start");
	cend = pl_table_col(&s, "end");
	ccount = pl_table_col(&s, "count");
	cdocs = pl_table_col(&s, "bucket_docs");
	ctok = pl_table_col(&s, "bucket_tokens");
	if ((t = malloc(s.nrows * sizeof(*t))) == NULL ||
	    (y = malloc(s.nrows * sizeof(*y))) == NULL)
		goto done;
	ok(e.nrows >= 10, "scipy: %zu series", e.nrows);
	for (row = 0; row < e.nrows; row++) {
		const char *term = pl_table_cell(&e, row, 0)->v.s;
		struct pl_trend r, ra;
		size_t n = 0;
		for (i = 0; i < s.nrows; i++) {
			if (strcmp(pl_table_cell(&s, i, (size_t)cterm)->v.s,
			    term) != 0 ||
			    pl_table_cell(&s, i, (size_t)cdocs)->v.i == 0)
				continue;
			t[n] = 0.5 * (double)(days(pl_table_cell(&s, i,
			    (size_t)cstart)->v.s) + days(pl_table_cell(&s, i,
			    (size_t)cend)->v.s)) / 365.2425;
			y[n] = (double)pl_table_cell(&s, i,
			    (size_t)ccount)->v.i * 10000.0 /
			    (double)pl_table_cell(&s, i, (size_t)ctok)->v.i;
			n++;
		}
		is_int((int64_t)n, pl_table_cell(&e, row, 1)->v.i,
		    "scipy: points of the series");
		if (pl_trend_test(t, y, n, 0, &r) != NULL ||
		    pl_trend_test(t, y, n, 1, &ra) != NULL) {
			ok(0, "scipy: %s: runs", term);
			continue;
		}
		{
			double got[] = { r.slope, r.slope_se, r.slope_p,
			    r.sen_slope, r.sen_lower, r.sen_upper, r.mk_s,
			    r.mk_var, r.mk_tau, r.mk_z, r.mk_p, r.spearman_rho,
			    r.spearman_p, ra.hr_factor };
			ok1 = 1;
			for (k = 0; k < sizeof(stat) / sizeof(stat[0]); k++) {
				char name[128];
				int okk;
				col = pl_table_col(&e, stat[k]);
				snprintf(name, sizeof(name), "scipy: %s %s",
				    term, stat[k]);
				okk = rel(got[k], pl_table_num(&e, row,
				    (size_t)col, &okk), 1e-9, name);
				ok1 &= okk;
			}
			/* Hamed-Rao changes only Var(S) and what uses it,
			 * and only to widen it. */
			rel(ra.mk_var, r.mk_var * (ra.hr_factor > 1 ?
			    ra.hr_factor : 1), 1e-12,
			    "scipy: Hamed-Rao Var = Var * max(1, n/n*)");
			rel(ra.mk_s, r.mk_s, 0, "scipy: Hamed-Rao keeps S");
		}
	}
done:
	free(t);
	free(y);
	pl_table_release(&s);
	pl_table_release(&e);
}

int
main(void)
{
	hand_worked();
	against_scipy();
	return tap_done();
}
