/*
 * kwic.h - keyword in context: every occurrence of a term with the
 * original text around it (plenum kwic).
 */
#ifndef PLENUM_KWIC_H
#define PLENUM_KWIC_H

#include <stdint.h>

#include "plenum/query.h"
#include "plenum/table.h"

enum pl_kwic_sort {
	PL_KWIC_SORT_DATE,	/* by date, then document, then position */
	PL_KWIC_SORT_LEFT,	/* by the words to the left, nearest first */
	PL_KWIC_SORT_RIGHT	/* by the words to the right */
};

struct pl_kwic_opts {
	int			 width;		/* context in tokens on each side */
	size_t			 limit;		/* 0: all */
	enum pl_kwic_sort	 sort;
	size_t			 sample;	/* 0: no sampling; else N at random */
	unsigned long		 seed;
	struct pl_docfilter	 filter;
};

void pl_kwic_opts_defaults(struct pl_kwic_opts *);

/*
 * The concordance: doc, date, source, left, match, right, offset (byte
 * offset of the match in the document's text).  Contexts are the original
 * text (case, punctuation, spacing) from the first context token to the
 * match and from the match to the last context token, line breaks shown
 * as spaces.  Phrases match within a sentence; contexts may cross
 * sentences.  With sample, N occurrences are drawn uniformly without
 * replacement (GSL's MT19937 seeded with seed) before sorting.
 */
const struct pl_error *pl_kwic(struct pl_corpus *, const struct pl_term *,
    const struct pl_kwic_opts *, struct pl_table *out);

#endif /* PLENUM_KWIC_H */
