/*
 * keyness.h - key terms of a target slice of the corpus against a
 * reference slice (plenum keyness).  Formulas, sources and worked
 * examples: docs/STATISTICS.md, "Keyness".
 */
#ifndef PLENUM_KEYNESS_H
#define PLENUM_KEYNESS_H

#include <stddef.h>
#include <stdint.h>

#include "plenum/vocab.h"
#include "plenum/query.h"
#include "plenum/table.h"

/*
 * The measures of a term counted a times in a target of c tokens and b
 * times in a reference of d tokens.  g2 is the four-cell log-likelihood
 * (negative when the term is relatively rarer in the target), p its
 * chi-square (1 df) upper tail, chi2 Pearson's four-cell chi-square,
 * log_ratio log2 of the ratio of relative frequencies (a zero count
 * taken as 0.5), pdiff the %DIFF (a zero b taken as 0.5), simple_maths
 * (per-million a + smooth) / (per-million b + smooth), bic |g2| - ln(c
 * + d).  Undefined values are NaN.
 */
struct pl_keyness {
	double	 g2, p, chi2, log_ratio, pdiff, simple_maths, bic;
};

void	 pl_keyness_measures(double a, double b, double c, double d,
	    double smooth, struct pl_keyness *);

enum pl_kmeasure {
	PL_K_G2,
	PL_K_CHI2,
	PL_K_LOG_RATIO,
	PL_K_PDIFF,
	PL_K_SIMPLE_MATHS,
	PL_K_BIC,
	PL_K_COUNT
};

/* Parses g2 chi2 log_ratio pdiff simple_maths bic; -1 if unknown. */
int	 pl_kmeasure_parse(const char *);

/*
 * A slice of the corpus: documents within a day range and, if sources
 * are named, from one of them.  The reference can also be "rest" (the
 * documents in range not in the target) or "previous:N" (the N buckets,
 * or ranges of the target's length, just before the target, from the
 * target's sources).
 */
enum pl_slice_kind {
	PL_SLICE_SET,
	PL_SLICE_REST,
	PL_SLICE_PREVIOUS
};

struct pl_slice {
	enum pl_slice_kind	 kind;
	int64_t			 from, to;	/* inclusive; INT64_MIN/MAX open */
	int			 bucket;	/* the date part's enum pl_bucket,
						   -1 for a range or none */
	int			 dated;		/* a date part was given */
	char			**sources;	/* owned; NULL-terminated, or NULL */
	size_t			 nsources;
	int			 nprev;		/* previous:N */
};

/*
 * Parses a slice: comma-separated parts, at most one a date part (YYYY,
 * YYYY-MM, YYYY-MM-DD, an ISO week 2022-W41, a quarter 2022-Q4, or a
 * range A..B of those, either end open) and any number of sources
 * (source:NAME, or a bare NAME the corpus has).  reference allows "rest"
 * and "previous:N".  A bad slice is a PL_ERR_USAGE error naming the part.
 * Release with pl_slice_release().
 */
const struct pl_error *pl_slice_parse(const struct pl_corpus *,
    const char *text, int reference, struct pl_slice *);
void	 pl_slice_release(struct pl_slice *);

struct pl_keyness_opts {
	int			 n;		/* n-gram length, 1: words */
	int			 measure[PL_K_COUNT];	/* ranking, then ties */
	size_t			 nmeasure;
	size_t			 top;		/* rows per side; 0: all */
	int64_t			 min_count;	/* target + reference count */
	double			 smooth;	/* simple maths constant */
	double			 max_q;		/* keep q <= max_q; 1: all */
	int			 side;		/* 1 target, 2 reference, 3 both */
	int			 stopwords;
	const struct pl_vocab	*vocab;		/* borrowed; NULL: numbers left out */
	int			 allow_overlap;
	struct pl_docfilter	 filter;	/* narrows both slices */
	int			 scan;		/* count from every posting list,
						   not the stored per-month word
						   counts (the same answer) */
};

/* Words, ranked by g2, top 50 each side, min_count 5, smooth 1. */
void	 pl_keyness_opts_defaults(struct pl_keyness_opts *);

/*
 * The key terms: term, key (target or reference), target_count,
 * reference_count, target_tokens, reference_tokens, target_per10k,
 * reference_per10k, g2, p, q, chi2, log_ratio, pdiff, simple_maths, bic,
 * target_docs, reference_docs (the documents of each slice with the
 * term, so a key term owed to one document shows).  The target's key terms come first, strongest first, then the
 * reference's.  q is the Benjamini-Hochberg q-value over every term
 * tested (count at least min_count).  An empty slice is a PL_ERR_DATA
 * error; slices that share documents are an error unless allow_overlap.
 */
const struct pl_error *pl_keyness(struct pl_corpus *,
    const struct pl_slice *target, const struct pl_slice *reference,
    const struct pl_keyness_opts *, struct pl_table *out);

#endif /* PLENUM_KEYNESS_H */
