/*
 * newterms.h - terms whose first appearance in the corpus falls in a
 * period (plenum new).
 */
#ifndef PLENUM_NEWTERMS_H
#define PLENUM_NEWTERMS_H

#include <stddef.h>
#include <stdint.h>

#include "plenum/vocab.h"
#include "plenum/query.h"
#include "plenum/table.h"

struct pl_new_opts {
	int64_t			 since, to;	/* the period, inclusive days */
	int64_t			 absent;	/* days: also terms unused for at
						   least this long before since
						   (back after an absence);
						   0: first use only */
	int			 ngram;		/* n words; 0: every n */
	int64_t			 min_count;	/* hits in the period */
	int64_t			 min_docs;	/* documents in the period */
	int			 stopwords;	/* keep single stopwords */
	const struct pl_vocab	*vocab;		/* borrowed; NULL: numbers left out */
	size_t			 top;		/* 0: all */
	struct pl_docfilter	 filter;	/* sources and metadata; its dates
						   are not used */
};

void pl_new_opts_defaults(struct pl_new_opts *);

/*
 * Terms first used in [since, to] by the documents that pass the filter:
 * term, n, count, docs (both in the period), first, last (dates of the
 * first and last use in the period), later (hits after the period),
 * sorted by count, then documents (both descending), then term.  With
 * absent > 0, also the terms whose last use before the period is more
 * than absent days before since, and a column previous: the date of that
 * last use, empty for a term used for the first time.
 */
const struct pl_error *pl_new_terms(struct pl_corpus *,
    const struct pl_new_opts *, struct pl_table *out);

#endif /* PLENUM_NEWTERMS_H */
