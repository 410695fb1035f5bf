/*
 * burst.h - Kleinberg's burst detection over counts per bucket relative
 * to the bucket's tokens (plenum bursts).  Method and source:
 * docs/STATISTICS.md "Bursts and change points".
 */
#ifndef PLENUM_BURST_H
#define PLENUM_BURST_H

#include <stddef.h>
#include <stdint.h>

#include "plenum/vocab.h"
#include "plenum/date.h"
#include "plenum/query.h"
#include "plenum/table.h"

/* A burst: points start..end (inclusive) at level >= level. */
struct pl_burst {
	size_t	 start, end;
	int	 level;		/* 1 .. states - 1 */
	double	 weight;	/* cost saved over level - 1 on the interval */
};

/*
 * Kleinberg (2002), the batched form: r[t] hits out of d[t] tokens at
 * each of n points; states 0..states-1 emit at p0 s^i with p0 = sum r /
 * sum d (states whose rate would reach 1 are dropped); moving up i
 * levels costs i gamma ln n, moving down is free.  The optimal state
 * sequence goes into q (n entries, may be NULL); the bursts, every
 * maximal run at each level >= 1 in time order, into *out (the caller
 * frees it) and *nout.  On error the outputs are untouched.
 */
const struct pl_error *pl_kleinberg(const int64_t *r, const int64_t *d,
    size_t n, double s, double gamma, int states, int *q,
    struct pl_burst **out, size_t *nout);

struct pl_bursts_opts {
	enum pl_bucket		 by;
	double			 s;		/* rate ratio between levels */
	double			 gamma;		/* cost of moving up */
	int			 states;
	int64_t			 min_count;	/* screen (--all) */
	int			 stopwords;
	const struct pl_vocab	*vocab;		/* borrowed; NULL: numbers left out */
	size_t			 top;		/* 0: all */
	struct pl_docfilter	 filter;
};

void pl_bursts_opts_defaults(struct pl_bursts_opts *);

/*
 * One row per burst: term, level, start, end (bucket labels), first,
 * last (their first and last days), buckets, count, expected (hits at
 * the term's base rate), ratio (count / expected), weight.  Buckets
 * without reports are left out of the state chain.  With terms, their
 * bursts in term order, then time; with terms NULL, every word with at
 * least min_count hits, the bursts by weight.
 */
const struct pl_error *pl_bursts(struct pl_corpus *, struct pl_term **terms,
    size_t nterms, const struct pl_bursts_opts *, struct pl_table *out);

#endif /* PLENUM_BURST_H */
