/*
 * series.h - term time series over dense calendar buckets, and per-document
 * or per-group counts (plenum series, plenum query).
 */
#ifndef PLENUM_SERIES_H
#define PLENUM_SERIES_H

#include "plenum/date.h"
#include "plenum/query.h"
#include "plenum/table.h"

enum pl_value {
	PL_VALUE_PER10K,	/* count per 10,000 tokens of the bucket */
	PL_VALUE_DOCS,		/* share of the bucket's documents with the term */
	PL_VALUE_COUNT		/* raw count */
};

struct pl_series_opts {
	enum pl_bucket		 by;
	enum pl_value		 value;
	int			 smooth;	/* centred moving average over N buckets; 0: none */
	int			 ci;		/* add lower/upper 95% bounds */
	struct pl_docfilter	 filter;
};

void pl_series_opts_defaults(struct pl_series_opts *);
/* Parses "per10k", "docs", "count"; -1 if unknown. */
int pl_value_parse(const char *);

/*
 * One row per (term, bucket), buckets dense from the first to the last
 * document day in range (or --from/--to when given): term, bucket, start,
 * end, count, docs, bucket_docs, bucket_tokens, value [, lower, upper]
 * [, smooth].  A bucket without documents has value NULL; one with
 * documents but no hits has value 0.
 */
const struct pl_error *pl_series(struct pl_corpus *, struct pl_term **,
    size_t nterms, const struct pl_series_opts *, struct pl_table *out);

enum pl_group {
	PL_GROUP_DOC = -1,	/* by document */
	PL_GROUP_SOURCE = -2	/* by source; >= 0: an enum pl_bucket */
};

/*
 * Counts per document (documents with hits only: term, doc, date, source,
 * title, count, tokens, per10k) or per group (every group: term, group,
 * date, count, docs, group_docs, tokens, per10k).
 */
const struct pl_error *pl_query(struct pl_corpus *, struct pl_term **,
    size_t nterms, int group, const struct pl_docfilter *,
    struct pl_table *out);

#endif /* PLENUM_SERIES_H */
