/*
 * freq.h - word and n-gram frequency lists (plenum freq).
 */
#ifndef PLENUM_FREQ_H
#define PLENUM_FREQ_H

#include "plenum/vocab.h"
#include "plenum/query.h"
#include "plenum/series.h"
#include "plenum/table.h"

struct pl_freq_opts {
	int			 n;		/* n-gram length: 1 words, 2 bigrams ... */
	size_t			 top;		/* rows per group; 0: all */
	int64_t			 min_count;
	int64_t			 min_docs;
	int			 stopwords;	/* keep stopwords (n = 1) */
	const struct pl_vocab	*vocab;		/* borrowed; NULL: numbers left out */
	int			 group;		/* 0: none; PL_GROUP_SOURCE, or
						   1 + enum pl_bucket */
	struct pl_docfilter	 filter;
	int			 scan;		/* count from every posting list,
						   not the stored per-month word
						   counts (the same answer) */
};

void pl_freq_opts_defaults(struct pl_freq_opts *);

/*
 * The frequency list: [group,] term, n, count, per10k, docs, tfidf, dp,
 * sorted by count (descending) then term, the top N of each group.
 * per10k is per 10,000 tokens of the documents in range (of the group);
 * tfidf = count * ln(D / docs) with D the documents in range; dp is
 * Gries' deviation of proportions over those documents (0 even, near 1
 * concentrated in few documents).
 */
const struct pl_error *pl_freq(struct pl_corpus *, const struct pl_freq_opts *,
    struct pl_table *out);

#endif /* PLENUM_FREQ_H */
