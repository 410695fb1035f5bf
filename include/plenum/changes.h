/*
 * changes.h - change points in a term's rate series by PELT (Killick,
 * Fearnhead and Eckley 2012), plenum changes.  Costs and penalties:
 * docs/STATISTICS.md "Bursts and change points".
 */
#ifndef PLENUM_CHANGES_H
#define PLENUM_CHANGES_H

#include <stddef.h>
#include <stdint.h>

#include "plenum/date.h"
#include "plenum/query.h"
#include "plenum/table.h"

enum pl_cost {
	PL_COST_POISSON,	/* counts with exposure: -2 log-likelihood */
	PL_COST_NORMAL		/* rates, change in mean, robust sigma */
};

enum pl_penalty {
	PL_PEN_BIC,		/* 2 ln n: a mean and a location per change */
	PL_PEN_AIC,		/* 4 */
	PL_PEN_VALUE		/* the value given */
};

/*
 * The optimal segmentation of n points under cost, with penalty beta per
 * change and segments of at least minseg points, by PELT.  Poisson uses
 * count and exposure (the deviance divided by a robust quasi-Poisson
 * dispersion, at least 1); normal uses y, with a robust sigma^2 (count
 * and exposure may be NULL).  The change points (index of each segment's
 * first point, after the first segment) go into *cp (the caller frees
 * it) and *ncp; the dispersion or sigma^2 into *scale (may be NULL).
 */
const struct pl_error *pl_pelt(enum pl_cost, const int64_t *count,
    const int64_t *exposure, const double *y, size_t n, double beta,
    size_t minseg, size_t **cp, size_t *ncp, double *scale);

struct pl_changes_opts {
	enum pl_bucket		 by;
	enum pl_cost		 cost;
	enum pl_penalty		 penalty;
	double			 value;		/* PL_PEN_VALUE */
	size_t			 minseg;
	struct pl_docfilter	 filter;
};

void pl_changes_opts_defaults(struct pl_changes_opts *);

/*
 * One row per segment, terms in order: term, segment (1..), start, end
 * (bucket labels), first, last (days), buckets, count, tokens, rate (per
 * 10,000 tokens: the segment's count over its tokens), change (the
 * bucket label where this segment begins after a change point; empty for
 * the first), ratio (rate over the previous segment's), scale (the
 * term's dispersion or sigma^2, see pl_pelt).  Buckets without reports
 * are left out.
 */
const struct pl_error *pl_changes(struct pl_corpus *, struct pl_term **terms,
    size_t nterms, const struct pl_changes_opts *, struct pl_table *out);

#endif /* PLENUM_CHANGES_H */
