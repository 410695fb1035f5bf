/*
 * changes-test.c - PELT change points (lib/changes.c): a known change
 * worked by hand, and PELT's pruned search against a brute-force optimal
 * partitioning of random series.
 */
#include <math.h>
#include <stdlib.h>

#include "plenum/changes.h"
#include "tap.h"

/* Poisson deviance of [a, b) over phi, as in docs/STATISTICS.md. */
static double
pcost(const int64_t *c, const int64_t *e, size_t a, size_t b, double phi)
{
	double x = 0, t = 0;
	size_t i;

	for (i = a; i < b; i++) {
		x += (double)c[i];
		t += (double)e[i];
	}
	return x > 0 ? -2.0 * (x * log(x / t) - x) / phi : 0.0;
}

/*
 * Optimal partitioning without pruning (Jackson et al. 2005): O(n^2)
 * over every last change.  Returns the number of change points, written
 * to cp.
 */
static size_t
brute(const int64_t *c, const int64_t *e, size_t n, double beta,
    size_t minseg, double phi, size_t *cp)
{
	double F[256];
	size_t last[256], t, s, k = 0, m, tmp[256];

	F[0] = -beta;
	for (t = 1; t <= n; t++) {
		F[t] = INFINITY;
		last[t] = 0;
		for (s = 0; s + minseg <= t; s++) {
			double v;
			if (s > 0 && (s < minseg || isinf(F[s])))
				continue;
			v = F[s] + pcost(c, e, s, t, phi) + beta;
			if (v < F[t]) {
				F[t] = v;
				last[t] = s;
			}
		}
	}
	for (t = n; t > 0 && last[t] > 0; t = last[t])
		tmp[k++] = last[t];
	for (m = 0; m < k; m++)
		cp[m] = tmp[k - 1 - m];
	return k;
}

int
main(void)
{
	/*
	 * 20 buckets of 1000 tokens: about 10 hits, then about 30 from
	 * bucket 10.  One segment: C = 400, E = 20000, deviance -2(400
	 * ln 0.02 - 400) = 3929.7; split at 10: -2(100 ln 0.01 - 100) -
	 * 2(300 ln 0.03 - 300) = 1121.0 + 2703.9 = 3824.9 (the noise changes
	 * these a little).  The split saves about 105 deviance units, far
	 * more than the BIC penalty 2 ln 20 = 5.99; the noise around each
	 * level saves less than that.
	 */
	int64_t c[] = { 9, 11, 10, 12, 8, 10, 11, 9, 10, 10, 28, 31, 30, 33,
	    29, 30, 27, 32, 30, 30 };
	int64_t e[20], flat[20], spike[20];
	double y[20], ys[20], scale;
	size_t *cp = NULL, ncp = 0, i, trial, want[256];
	int same;

	for (i = 0; i < 20; i++) {
		e[i] = 1000;
		flat[i] = 10;
		spike[i] = i == 6 ? 60 : 10;
		y[i] = i < 12 ? 1.0 + 0.1 * (double)(i % 3) : 4.0 +
		    0.1 * (double)(i % 3);
		ys[i] = 2.5;
	}
	ok(pl_pelt(PL_COST_POISSON, c, e, NULL, 20, 2 * log(20.0), 1, &cp,
	    &ncp, &scale) == NULL, "poisson: runs");
	is_int((int64_t)ncp, 1, "poisson: one change point");
	if (ncp == 1)
		is_int((int64_t)cp[0], 10, "poisson: at bucket 10");
	is_num(scale, 1.0, 0, "poisson: dispersion at its floor 1 here");
	free(cp);

	ok(pl_pelt(PL_COST_POISSON, flat, e, NULL, 20, 2 * log(20.0), 1, &cp,
	    &ncp, NULL) == NULL && ncp == 0, "constant counts: no change");
	free(cp);

	/* A one-bucket spike is a segment of its own with --min-segment 1,
	 * and cannot be one with 2. */
	ok(pl_pelt(PL_COST_POISSON, spike, e, NULL, 20, 2 * log(20.0), 1, &cp,
	    &ncp, NULL) == NULL && ncp == 2 && cp[0] == 6 && cp[1] == 7,
	    "spike, min-segment 1: changes at 6 and 7");
	free(cp);
	ok(pl_pelt(PL_COST_POISSON, spike, e, NULL, 20, 2 * log(20.0), 2, &cp,
	    &ncp, NULL) == NULL && (ncp == 0 || (cp[0] != 6 || ncp == 1 ||
	    cp[1] != 7)), "spike, min-segment 2: no one-bucket segment");
	for (i = 0; i + 1 < ncp; i++)
		ok(cp[i + 1] - cp[i] >= 2, "min-segment 2 holds");
	free(cp);

	/* Normal: means 1.1 and 4.1 with a sawtooth of 0.1; the robust
	 * sigma comes from the differences (0.1, 0.1, 0.2 ...). */
	ok(pl_pelt(PL_COST_NORMAL, NULL, NULL, y, 20, 2 * log(20.0), 2, &cp,
	    &ncp, &scale) == NULL, "normal: runs");
	is_int((int64_t)ncp, 1, "normal: one change point");
	if (ncp == 1)
		is_int((int64_t)cp[0], 12, "normal: at 12");
	free(cp);
	ok(pl_pelt(PL_COST_NORMAL, NULL, NULL, ys, 20, 2 * log(20.0), 2, &cp,
	    &ncp, NULL) == NULL && ncp == 0, "normal, constant: no change");
	free(cp);

	/* PELT against brute force on 40 random series with 0-3 shifts. */
	srand(7);
	same = 1;
	for (trial = 0; trial < 40; trial++) {
		int64_t rc[120], re[120];
		size_t n = 30 + (size_t)(rand() % 90), k, nb, ms;
		double rate = 0.01, phi;
		for (i = 0; i < n; i++) {
			if (rand() % 30 == 0)
				rate = 0.002 + (double)(rand() % 100) / 2000.0;
			re[i] = 500 + rand() % 1000;
			/* a rough Poisson draw: rate * tokens, +- noise */
			rc[i] = (int64_t)(rate * (double)re[i] +
			    (double)(rand() % 7) - 3);
			if (rc[i] < 0)
				rc[i] = 0;
		}
		ms = 1 + (size_t)(trial % 3);
		if (pl_pelt(PL_COST_POISSON, rc, re, NULL, n,
		    2 * log((double)n), ms, &cp, &ncp, &phi) != NULL) {
			same = 0;
			break;
		}
		nb = brute(rc, re, n, 2 * log((double)n), ms, phi, want);
		if (nb != ncp)
			same = 0;
		for (k = 0; k < nb && k < ncp; k++)
			if (want[k] != cp[k])
				same = 0;
		free(cp);
		if (!same) {
			printf("# trial %zu: n %zu, pelt %zu changes, brute "
			    "%zu\n", trial, n, ncp, nb);
			break;
		}
	}
	ok(same, "PELT finds the optimal partitioning's change points "
	    "(40 random series, min-segment 1-3)");

	ok(pl_pelt(PL_COST_POISSON, c, e, NULL, 20, -1, 1, &cp, &ncp,
	    NULL) != NULL, "negative penalty: an error");
	return tap_done();
}
