/*
 * burst-test.c - Kleinberg's burst detection (lib/burst.c) on
 * constructed series whose bursts and weights are worked by hand.
 */
#include <math.h>
#include <stdlib.h>

#include "plenum/burst.h"
#include "tap.h"

int
main(void)
{
	/*
	 * Ten buckets of 1000 tokens; the term is used once a bucket
	 * except 10, 12, 11 times in buckets 4-6.  p0 = 40/10000 = 0.004,
	 * p1 = 2 p0 = 0.008.  The cost saved in state 1 at a bucket with r
	 * hits is r ln 2 + (1000 - r) ln(0.992/0.996):
	 *   r = 1: 0.6931 - 999 * 0.0040241 = -3.327 (state 0 is cheaper)
	 *   r = 10, 12, 11: 2.9475, 4.3417, 3.6446; sum 10.934,
	 * more than the ln 10 = 2.303 it costs to go up: one burst, 4..6.
	 */
	int64_t r[] = { 1, 1, 1, 1, 10, 12, 11, 1, 1, 1 };
	int64_t d[] = { 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000,
	    1000 };
	int64_t z[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	/* A flat series: every bucket at the base rate. */
	int64_t f[] = { 4, 4, 4, 4, 4, 4, 4, 4, 4, 4 };
	/*
	 * Three states over 20 buckets of 1000 tokens: 2 hits, then 14 14
	 * 40 40 14 14 in buckets 7-12.  p0 = 164/20000 = 0.0082, p1 =
	 * 0.0164, p2 = 0.0328.  Saved in state 1 over 0 at r = 14: 14 ln 2 +
	 * 986 ln(0.9836/0.9918) = 1.52 per bucket; in state 2 over 1 at r =
	 * 40: 40 ln 2 + 960 ln(0.9672/0.9836) = 11.6; each level up costs
	 * ln 20 = 3.0.  So a level-1 burst 7..12 holds a level-2 one 9..10.
	 */
	int64_t r3[] = { 2, 2, 2, 2, 2, 2, 2, 14, 14, 40, 40, 14, 14, 2, 2,
	    2, 2, 2, 2, 2 };
	int64_t d3[20];
	int q[20], i, inside = 1;
	struct pl_burst *b = NULL;
	size_t nb = 0;
	double w = 0;

	for (i = 0; i < 20; i++)
		d3[i] = 1000;
	for (i = 4; i <= 6; i++)
		w += (double)r[i] * log(2.0) + (double)(1000 - r[i]) *
		    log(0.992 / 0.996);
	ok(pl_kleinberg(r, d, 10, 2, 1, 2, q, &b, &nb) == NULL, "runs");
	is_int((int64_t)nb, 1, "one burst");
	if (nb >= 1) {
		is_int((int64_t)b[0].start, 4, "burst starts at bucket 4");
		is_int((int64_t)b[0].end, 6, "burst ends at bucket 6");
		is_int(b[0].level, 1, "level 1");
		is_num(b[0].weight, w, 1e-12, "weight: 10.934, the cost saved");
		is_num(b[0].weight, 10.934, 1e-3, "weight by hand 10.934");
	}
	for (i = 0; i < 10; i++)
		inside &= q[i] == (i >= 4 && i <= 6);
	ok(inside, "state sequence 0 0 0 0 1 1 1 0 0 0");
	free(b);

	/* A higher gamma makes going up dearer: 10.934 < 5 ln 10 = 11.51. */
	ok(pl_kleinberg(r, d, 10, 2, 5, 2, NULL, &b, &nb) == NULL &&
	    nb == 0, "gamma 5: going up costs 11.5 > 10.9: no burst");
	free(b);
	ok(pl_kleinberg(r, d, 10, 2, 4.7, 2, NULL, &b, &nb) == NULL &&
	    nb == 1, "gamma 4.7: 10.82 < 10.93: the burst stays");
	free(b);

	ok(pl_kleinberg(z, d, 10, 2, 1, 2, q, &b, &nb) == NULL && nb == 0,
	    "all zero: no burst");
	free(b);
	ok(pl_kleinberg(f, d, 10, 2, 1, 2, q, &b, &nb) == NULL && nb == 0,
	    "flat at the base rate: no burst");
	free(b);

	ok(pl_kleinberg(r3, d3, 20, 2, 1, 3, q, &b, &nb) == NULL, "3 states");
	is_int((int64_t)nb, 2, "3 states: a level-1 burst around a level-2");
	if (nb == 2) {
		is_int(b[0].level, 1, "outer burst level 1");
		is_int((int64_t)b[0].start, 7, "outer from bucket 7");
		is_int((int64_t)b[0].end, 12, "outer to bucket 12");
		is_int(b[1].level, 2, "inner burst level 2");
		is_int((int64_t)b[1].start, 9, "inner from bucket 9");
		is_int((int64_t)b[1].end, 10, "inner to bucket 10");
	}
	free(b);

	ok(pl_kleinberg(r, d, 10, 1, 1, 2, NULL, &b, &nb) != NULL,
	    "s = 1 is an error");
	{
		int64_t bad[] = { 5 }, one[] = { 3 };
		ok(pl_kleinberg(bad, one, 1, 2, 1, 2, NULL, &b, &nb) != NULL,
		    "more hits than tokens is an error");
	}
	return tap_done();
}
