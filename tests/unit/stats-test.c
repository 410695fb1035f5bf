/*
 * stats-test.c - Benjamini-Hochberg q-values and distribution tails,
 * against values worked by hand and textbook critical values.
 */
#include <math.h>

#include "plenum/stats.h"
#include "tap.h"

int
main(void)
{
	/* m = 4 finite p-values; sorted 0.005 0.01 0.03 0.04, raw p m / k =
	 * 0.02 0.02 0.04 0.04, already monotone. */
	double p[] = { 0.01, 0.04, 0.03, 0.005, NAN };
	double q[5];
	/* 0.02 0.03: raw 0.04 and 0.03, so the step-up takes 0.03 for both */
	double p2[] = { 0.02, 0.03 };
	double one[] = { 0.7 };

	ok(pl_bh_qvalues(p, 5, q) == 0, "bh: returns 0");
	is_num(q[0], 0.02, 1e-12, "bh: p 0.01 rank 2 of 4 -> 0.02");
	is_num(q[1], 0.04, 1e-12, "bh: p 0.04 rank 4 -> 0.04");
	is_num(q[2], 0.04, 1e-12, "bh: p 0.03 rank 3 -> 0.04");
	is_num(q[3], 0.02, 1e-12, "bh: p 0.005 rank 1 -> 0.02");
	ok(isnan(q[4]), "bh: NaN p is not tested");
	pl_bh_qvalues(p2, 2, p2);
	is_num(p2[0], 0.03, 1e-12, "bh: step-up takes the smaller later value");
	is_num(p2[1], 0.03, 1e-12, "bh: largest p keeps p m / m");
	pl_bh_qvalues(one, 1, one);
	is_num(one[0], 0.7, 1e-12, "bh: one test is its own q");

	is_num(pl_chisq_q(3.841458820694124, 1), 0.05, 1e-9,
	    "chi2(1) critical value 3.8415 has tail 0.05");
	is_num(pl_chisq_q(0, 1), 1.0, 0, "chi2 at 0 is 1");
	ok(isnan(pl_chisq_q(NAN, 1)), "chi2 of NaN is NaN");
	is_num(pl_norm_p2(1.959963984540054), 0.05, 1e-9, "z 1.96 two-sided 0.05");
	is_num(pl_norm_p2(-1.959963984540054), 0.05, 1e-9, "z sign ignored");
	is_num(pl_t_p2(2.228138851986273, 10), 0.05, 1e-9,
	    "t(10) 2.228 two-sided 0.05");
	return tap_done();
}
