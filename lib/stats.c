/*
 * stats.c - multiple testing and distribution tails (see
 * include/plenum/stats.h).
 */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "plenum/stats.h"

struct pidx {
	double	 p;
	size_t	 i;
};

static int
pidx_cmp(const void *a, const void *b)
{
	const struct pidx *x = a, *y = b;

	if (x->p < y->p)
		return -1;
	if (x->p > y->p)
		return 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

int
pl_bh_qvalues(const double *p, size_t n, double *q)
{
	struct pidx *v;
	size_t i, m = 0;
	double run;

	if (n == 0)
		return 0;
	if ((v = calloc(n, sizeof(*v))) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (isfinite(p[i])) {
			v[m].p = p[i] < 0 ? 0 : p[i] > 1 ? 1 : p[i];
			v[m].i = i;
			m++;
		}
	for (i = 0; i < n; i++)
		if (!isfinite(p[i]))
			q[i] = NAN;
	if (m > 0)
		qsort(v, m, sizeof(*v), pidx_cmp);
	/* step up from the largest p: q(k) = min(q(k+1), p(k) m / k) */
	run = 1.0;
	for (i = m; i-- > 0;) {
		double x = v[i].p * (double)m / (double)(i + 1);
		if (x < run)
			run = x;
		q[v[i].i] = run;
	}
	free(v);
	return 0;
}

double
pl_chisq_q(double x, double df)
{
	if (!isfinite(x) || !isfinite(df) || df <= 0)
		return NAN;
	if (x <= 0)
		return 1.0;
	return gsl_cdf_chisq_Q(x, df);
}

double
pl_norm_p2(double z)
{
	if (isnan(z))
		return NAN;
	return 2.0 * gsl_cdf_ugaussian_Q(fabs(z));
}

double
pl_t_p2(double t, double df)
{
	if (isnan(t) || !(df > 0))
		return NAN;
	return 2.0 * gsl_cdf_tdist_Q(fabs(t), df);
}
