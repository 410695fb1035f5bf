/*
 * stats.h - small statistical helpers shared by the analysis modules
 * (multiple testing, distribution tails).  Distributions come from GSL;
 * the GSL error handler is off (cmd/plenum.c), so every status is checked
 * here and a failure is a NaN, never an abort.
 */
#ifndef PLENUM_STATS_H
#define PLENUM_STATS_H

#include <stddef.h>

/*
 * Benjamini-Hochberg (1995) q-values: q[i] = min over j with p(j) >= p(i)
 * of min(1, p(j) * m / rank(j)), m the number of finite p-values.  NaN
 * p-values are not tested: their q is NaN and they do not count in m.
 * p and q may be the same array.  Returns 0, or -1 when out of memory.
 */
int	pl_bh_qvalues(const double *p, size_t n, double *q);

/* Upper tail of the chi-square distribution, P(X >= x), for df degrees of
 * freedom; NaN if x or df is not finite or df <= 0. */
double	pl_chisq_q(double x, double df);

/* Two-sided p-value of a standard normal z: 2 P(Z >= |z|). */
double	pl_norm_p2(double z);

/* Two-sided p-value of Student's t with df degrees of freedom. */
double	pl_t_p2(double t, double df);

#endif /* PLENUM_STATS_H */
