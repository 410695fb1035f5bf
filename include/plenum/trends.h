/*
 * trends.h - trend tests of terms over dense calendar buckets (plenum
 * trends): OLS, Theil-Sen with Sen's interval, Mann-Kendall with ties
 * (and Hamed-Rao's correction), Spearman, Benjamini-Hochberg q-values
 * over the terms tested.  Formulas and sources: docs/STATISTICS.md.
 */
#ifndef PLENUM_TRENDS_H
#define PLENUM_TRENDS_H

#include <stddef.h>
#include <stdint.h>

#include "plenum/vocab.h"
#include "plenum/date.h"
#include "plenum/query.h"
#include "plenum/table.h"

/* The tests of one series; a statistic that cannot be computed is NaN. */
struct pl_trend {
	size_t	 n;		/* points */
	double	 slope;		/* OLS slope of y on t */
	double	 intercept;
	double	 slope_se;
	double	 slope_p;	/* two-sided, Student t with n - 2 df */
	double	 sen_slope;	/* Theil-Sen: median of pairwise slopes */
	double	 sen_lower;	/* Sen (1968) 95% interval */
	double	 sen_upper;
	double	 mk_s;		/* Mann-Kendall S */
	double	 mk_var;	/* Var(S), tie-corrected (and Hamed-Rao) */
	double	 mk_tau;	/* Kendall's tau-b of y against t */
	double	 mk_z;		/* with continuity correction */
	double	 mk_p;		/* two-sided normal */
	double	 spearman_rho;
	double	 spearman_p;	/* two-sided, t with n - 2 df */
	double	 hr_factor;	/* Hamed-Rao n/n* (1 unless autocorr); Var(S)
				   is multiplied by it only when it is above 1 */
};

/*
 * Tests y[0..n) against times t[0..n), which must increase strictly (in
 * any unit; the slopes are per that unit).  With autocorr, Var(S) gets
 * the Hamed-Rao (1998) correction for autocorrelated ranks when it
 * widens the variance.  n < 3 is a
 * PL_ERR_DATA error.  Fills *r; on error *r is untouched.
 */
const struct pl_error *pl_trend_test(const double *t, const double *y,
    size_t n, int autocorr, struct pl_trend *r);

enum pl_trend_sort {
	PL_TREND_SORT_Q,	/* q ascending, then |tau| */
	PL_TREND_SORT_SLOPE,	/* OLS slope */
	PL_TREND_SORT_SEN,	/* Theil-Sen slope */
	PL_TREND_SORT_TAU	/* Kendall tau */
};

enum pl_trend_dir {
	PL_TREND_BOTH,
	PL_TREND_UP,
	PL_TREND_DOWN
};

struct pl_trends_opts {
	enum pl_bucket		 by;
	int			 ngram;		/* screen terms of n words */
	int64_t			 min_count;	/* screen: hits in range */
	int			 stopwords;	/* screen stopwords too */
	const struct pl_vocab	*vocab;		/* borrowed; NULL: numbers left out */
	int			 autocorr;	/* Hamed-Rao */
	enum pl_trend_sort	 sort;
	enum pl_trend_dir	 dir;
	size_t			 top;		/* 0: all */
	struct pl_docfilter	 filter;
};

void pl_trends_opts_defaults(struct pl_trends_opts *);

/*
 * One row per term: term, n, count, mean, slope, slope_bucket, slope_se,
 * slope_t, slope_p, sen_slope, sen_lower, sen_upper, mk_s, mk_var,
 * mk_tau, mk_z, mk_p, spearman_rho, spearman_p, q.  The series is the
 * rate per 10,000 tokens of each bucket with reports (buckets without
 * reports are left out), against the bucket's middle in years; slopes
 * are per year (slope_bucket: per mean bucket length).  q is the
 * Benjamini-Hochberg q-value of mk_p over every term tested.  With terms
 * (nterms of them) those are tested; with terms NULL every term with at
 * least min_count hits in range.  Fewer than 3 buckets with reports is a
 * PL_ERR_DATA error.
 */
const struct pl_error *pl_trends(struct pl_corpus *, struct pl_term **terms,
    size_t nterms, const struct pl_trends_opts *, struct pl_table *out);

#endif /* PLENUM_TRENDS_H */
