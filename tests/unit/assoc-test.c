/*
 * assoc-test.c - association and keyness measures: contingency tables
 * worked by hand (docs/STATISTICS.md has the same examples), and every
 * bigram of a text scored by NLTK's BigramAssocMeasures and every keyness
 * table scored by scipy (tests/data/assoc/make-fixtures.py made the
 * fixtures; this test reads only the TSV files).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/cooc.h"
#include "plenum/keyness.h"
#include "tap.h"

/* got within a relative tol of want; values below 1e-300 are equal. */
static int
rel(double got, double want, double tol, const char *name)
{
	int same;

	if (isnan(want))
		same = isnan(got);
	else if (fabs(want) < 1e-300)
		same = fabs(got) < 1e-300;
	else
		same = fabs(got - want) <= tol * fabs(want);
	if (!ok(same, "%s", name))
		printf("#   got  %.17g\n#   want %.17g\n", got, want);
	return same;
}

static void
hand_worked(void)
{
	struct pl_assoc a;

	/*
	 * Table A: o11 10, r1 20 (node side), c1 50 (collocate), n 1000;
	 * node and collocate frequencies 20 and 50.
	 *   cells  O = 10, 10, 40, 940
	 *          E = 20*50/1000 = 1, 20*950/1000 = 19, 980*50/1000 = 49,
	 *              980*950/1000 = 931
	 *   pmi  = log2(10/1) = 3.321928094887362
	 *   npmi = log2(10) / -log2(10/1000) = log2(10) / log2(100) = 0.5
	 *   mi3  = log2(10^3 / 1) = 9.965784284662087
	 *   g2   = 2 (10 ln 10 + 10 ln(10/19) + 40 ln(40/49) + 940 ln(940/931))
	 *        = 2 (23.02585 - 6.41854 - 8.11763 + 9.04336) = 35.0660808322249
	 *   p    = erfc(sqrt(g2 / 2)) = 3.187041406740161e-09
	 *   t    = (10 - 1) / sqrt(10) = 2.846049894151541
	 *   z    = (10 - 1) / sqrt(1) = 9
	 *   chi2 = 1000 (10*940 - 10*40)^2 / (20*50*980*950)
	 *        = 1000 * 81e6 / 931e6 = 87.00322234156820
	 *   dice = 2*10 / (20 + 50) = 2/7; logdice = 14 + log2(2/7)
	 *        = 12.192645077942396
	 */
	pl_assoc_measures(10, 20, 50, 1000, 20, 50, &a);
	is_num(a.e11, 1, 1e-12, "A: e11 = r1 c1 / n");
	is_num(a.pmi, 3.321928094887362, 1e-12, "A: pmi");
	is_num(a.npmi, 0.5, 1e-12, "A: npmi");
	is_num(a.mi3, 9.965784284662087, 1e-12, "A: mi3");
	is_num(a.g2, 35.0660808322249, 1e-12, "A: g2 over four cells");
	rel(a.p, 3.187041406740161e-09, 1e-9, "A: p of g2, chi-square 1 df");
	is_num(a.t, 2.846049894151541, 1e-12, "A: t-score");
	is_num(a.z, 9, 1e-12, "A: z-score");
	is_num(a.chi2, 81000.0 / 931.0, 1e-12, "A: chi-square");
	is_num(a.dice, 2.0 / 7.0, 1e-12, "A: dice");
	is_num(a.logdice, 12.192645077942396, 1e-12, "A: logdice");

	/*
	 * Table B, a zero cell: o11 0, r1 10, c1 100, n 1000: E11 = 1,
	 * repulsion.  O = 0, 10, 100, 890; E = 1, 9, 99, 891.
	 *   g2 = -2 (0 + 10 ln(10/9) + 100 ln(100/99) + 890 ln(890/891))
	 *      = -2 (1.053605 + 1.005034 - 0.998878) = -2.1184002384265
	 *   pmi, npmi, mi3, t, logdice: undefined (log or root of 0)
	 *   z = (0 - 1) / 1 = -1; dice 0
	 */
	pl_assoc_measures(0, 10, 100, 1000, 10, 100, &a);
	is_num(a.g2, -2.1184002384264957, 1e-12, "B: g2 negative for o11 < e11");
	rel(a.p, 0.14553849420875964, 1e-9, "B: p");
	ok(isnan(a.pmi) && isnan(a.npmi) && isnan(a.mi3) && isnan(a.t) &&
	    isnan(a.logdice), "B: pmi, npmi, mi3, t, logdice undefined at o11 0");
	is_num(a.z, -1, 1e-12, "B: z");
	is_num(a.dice, 0, 1e-12, "B: dice 0");

	/*
	 * Table C, O11 = node frequency: o11 5 = r1 5, c1 8, n 100 (o12 0).
	 *   E = 0.4, 4.6, 7.6, 87.4; O = 5, 0, 3, 92
	 *   g2 = 2 (5 ln 12.5 + 0 + 3 ln(3/7.6) + 92 ln(92/87.4))
	 *      = 2 (12.628643 - 2.788473 + 4.718666) = 29.118036858646
	 *   chi2 = 100 (5*92 - 0*3)^2 / (5*8*95*92) = 21160000/349600
	 *        = 60.526315789473685
	 *   pmi = log2(12.5); npmi = log2(12.5) / log2(20)
	 */
	pl_assoc_measures(5, 5, 8, 100, 5, 8, &a);
	is_num(a.g2, 29.11803685864679, 1e-12, "C: g2 with o12 = 0");
	is_num(a.chi2, 21160000.0 / 349600.0, 1e-12, "C: chi-square");
	is_num(a.pmi, log2(12.5), 1e-12, "C: pmi");
	is_num(a.npmi, log2(12.5) / log2(20), 1e-12, "C: npmi");
	is_num(a.dice, 10.0 / 13.0, 1e-12, "C: dice");

	/* O11 = E11: g2 0 (never a tiny negative from rounding), p 1. */
	pl_assoc_measures(2, 3, 2, 3, 3, 2, &a);
	ok(a.g2 == 0 && a.p == 1 && a.pmi == 0, "o11 = e11: g2 0, p 1, pmi 0");
	ok(isnan(a.chi2), "r1 = n: chi-square undefined (empty margin)");

	/* A window can hold a collocate more often than the node occurs. */
	pl_assoc_measures(12, 100, 30, 10000, 10, 30, &a);
	is_num(a.dice, 24.0 / 40.0, 1e-12, "dice from frequencies, not spans");
}

static void
keyness_worked(void)
{
	struct pl_keyness k;

	/*
	 * Only in the target: a 20, b 0, c 1000, d 9000.  The table: o11
	 * 20, r1 1000, c1 20, n 10000: E = 2, 998, 18, 8982; O = 20, 980,
	 * 0, 9000.
	 *   g2 = 2 (20 ln 10 + 980 ln(980/998) + 0 + 9000 ln(9000/8982))
	 *      = 2 (46.051702 - 17.836552 + 18.018018) = 92.466070684056
	 *   log_ratio: b 0 taken as 0.5: log2((20/1000) / (0.5/9000))
	 *      = log2(360) = 8.491853096329675
	 *   pdiff = 100 (0.02 - 0.5/9000) / (0.5/9000) = 100 (360 - 1) = 35900
	 *   simple maths = (20000 + 1) / (0 + 1) = 20001
	 *   bic = 92.466070684056 - ln(10000) = 83.255730317
	 */
	pl_keyness_measures(20, 0, 1000, 9000, 1, &k);
	is_num(k.g2, 92.46607068405635, 1e-12, "target only: g2");
	is_num(k.log_ratio, log2(360), 1e-12, "target only: log ratio, 0 -> 0.5");
	is_num(k.pdiff, 35900, 1e-12, "target only: %DIFF, 0 -> 0.5");
	is_num(k.simple_maths, 20001, 1e-12, "target only: simple maths");
	is_num(k.bic, 92.46607068405635 - log(10000), 1e-12, "target only: bic");
	is_num(k.chi2, 180.36072144288576, 1e-12, "target only: chi-square");

	/*
	 * Only in the reference: a 0, b 30, c 1000, d 9000.
	 *   log_ratio = log2((0.5/1000) / (30/9000)) = log2(0.15)
	 *   pdiff = 100 (0 - 1/300) / (1/300) = -100 exactly
	 *   simple maths = (0 + 1) / (3333.33 + 1) = 3 / 10003
	 */
	pl_keyness_measures(0, 30, 1000, 9000, 1, &k);
	ok(k.g2 < 0, "reference only: g2 negative");
	is_num(k.log_ratio, log2(0.15), 1e-12, "reference only: log ratio");
	is_num(k.pdiff, -100, 1e-12, "reference only: %DIFF is -100");
	is_num(k.simple_maths, 3.0 / 10003.0, 1e-12, "reference only: simple maths");

	/*
	 * Twice as frequent: a 50, b 100, c 10000, d 40000: rates 0.005 and
	 * 0.0025: log_ratio 1, pdiff 100; simple maths with N = 100:
	 * (5000 + 100) / (2500 + 100) = 51/26.
	 */
	pl_keyness_measures(50, 100, 10000, 40000, 100, &k);
	is_num(k.log_ratio, 1, 1e-12, "double rate: log ratio 1");
	is_num(k.pdiff, 100, 1e-12, "double rate: %DIFF 100");
	is_num(k.simple_maths, 51.0 / 26.0, 1e-12, "simple maths, --smooth 100");

	/* Equal rates: no keyness. */
	pl_keyness_measures(5, 20, 1000, 4000, 1, &k);
	ok(k.g2 == 0 && k.log_ratio == 0 && k.pdiff == 0 &&
	    k.simple_maths == 1, "equal rates: g2 0, log ratio 0, %%DIFF 0, SM 1");
}

/* Splits a TSV line in place into at most max fields; returns the count. */
static size_t
fields(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *p = line, *tab;

	line[strcspn(line, "\n")] = '\0';
	while (n < max) {
		f[n++] = p;
		if ((tab = strchr(p, '\t')) == NULL)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	return n;
}

static void
against_nltk(void)
{
	FILE *fp = fopen("tests/data/assoc/nltk-bigrams.tsv", "r");
	char line[1024], *f[16];
	size_t rows = 0, bad = 0, i;
	struct pl_assoc a;
	double v[6];

	if (!ok(fp != NULL, "tests/data/assoc/nltk-bigrams.tsv opens"))
		return;
	while (fgets(line, sizeof(line), fp) != NULL) {
		double nii, nix, nxi, nxx;
		if (line[0] == '#' || strncmp(line, "w1\t", 3) == 0)
			continue;
		if (fields(line, f, 16) != 12) {
			bad++;
			continue;
		}
		nii = atof(f[2]);
		nix = atof(f[3]);
		nxi = atof(f[4]);
		nxx = atof(f[5]);
		for (i = 0; i < 6; i++)
			v[i] = atof(f[6 + i]);
		/* NLTK's table: the node side is w1's count, the collocate
		 * w2's, N the words. */
		pl_assoc_measures(nii, nix, nxi, nxx, nix, nxi, &a);
		rows++;
		if (fabs(a.pmi - v[0]) > 1e-9 * fmax(1, fabs(v[0])) ||
		    fabs(fabs(a.g2) - v[1]) > 1e-9 * fmax(1, v[1]) ||
		    fabs(a.chi2 - v[2]) > 1e-9 * fmax(1, v[2]) ||
		    fabs(a.t - v[3]) > 1e-9 * fmax(1, fabs(v[3])) ||
		    fabs(a.dice - v[4]) > 1e-12 ||
		    fabs(a.p - v[5]) > 1e-9 * v[5] + 1e-300) {
			printf("# %s %s: pmi %.17g/%.17g g2 %.17g/%.17g chi2 "
			    "%.17g/%.17g t %.17g/%.17g dice %.17g/%.17g p "
			    "%.17g/%.17g\n", f[0], f[1], a.pmi, v[0], a.g2,
			    v[1], a.chi2, v[2], a.t, v[3], a.dice, v[4], a.p,
			    v[5]);
			bad++;
		}
	}
	fclose(fp);
	ok(rows > 100, "nltk fixture has %zu bigrams", rows);
	is_int((int64_t)bad, 0, "pmi, |g2|, chi2, t, dice, p agree with NLTK "
	    "and scipy on every bigram");
}

static void
against_scipy(void)
{
	FILE *fp = fopen("tests/data/assoc/scipy-keyness.tsv", "r");
	char line[1024], name[128], *f[8];
	struct pl_keyness k;
	size_t rows = 0;

	if (!ok(fp != NULL, "tests/data/assoc/scipy-keyness.tsv opens"))
		return;
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (line[0] == '#' || strncmp(line, "a\t", 2) == 0)
			continue;
		if (fields(line, f, 8) != 7)
			continue;
		pl_keyness_measures(atof(f[0]), atof(f[1]), atof(f[2]),
		    atof(f[3]), 1, &k);
		snprintf(name, sizeof(name), "scipy %s/%s of %s/%s: |g2|",
		    f[0], f[1], f[2], f[3]);
		rel(fabs(k.g2), atof(f[4]), 1e-9, name);
		snprintf(name, sizeof(name), "scipy %s/%s of %s/%s: chi2",
		    f[0], f[1], f[2], f[3]);
		rel(k.chi2, atof(f[5]), 1e-9, name);
		snprintf(name, sizeof(name), "scipy %s/%s of %s/%s: p",
		    f[0], f[1], f[2], f[3]);
		rel(k.p, atof(f[6]), 1e-8, name);
		rows++;
	}
	fclose(fp);
	is_int((int64_t)rows, 10, "scipy fixture rows");
}

static void
names(void)
{
	int m;

	for (m = 0; m < PL_M_COUNT; m++)
		if (pl_measure_parse(pl_measure_name(m)) != m)
			break;
	is_int(m, PL_M_COUNT, "every measure name parses back");
	is_int(pl_measure_parse("G2"), -1, "measure names are lower case");
	is_int(pl_kmeasure_parse("log_ratio"), PL_K_LOG_RATIO, "log_ratio");
	is_int(pl_kmeasure_parse("pmi"), -1, "pmi is not a keyness measure");
}

int
main(void)
{
	hand_worked();
	keyness_worked();
	against_nltk();
	against_scipy();
	names();
	return tap_done();
}
