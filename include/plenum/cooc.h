/*
 * cooc.h - co-occurrence and association measures: the collocates of a
 * node term, the pairwise association of a set of terms, and the
 * corpus's bigrams (plenum cooc).  Formulas, sources and worked examples:
 * docs/STATISTICS.md, "Association measures".
 */
#ifndef PLENUM_COOC_H
#define PLENUM_COOC_H

#include <stddef.h>
#include <stdint.h>

#include "plenum/vocab.h"
#include "plenum/query.h"
#include "plenum/table.h"

/*
 * The measures of one 2x2 table.  o11 co-occurrences; r1 the node's side
 * of the table (token positions in the node's spans, or the sentences or
 * documents holding the node); c1 the collocate's total (its frequency,
 * or its sentences or documents); n the total.  Dice and logDice use the
 * node and collocate frequencies f1 and f2.  A measure that is undefined
 * (a zero cell where a logarithm or a root needs it, an empty margin) is
 * NaN.  g2 is signed: negative when o11 < e11 (repulsion); p is the upper
 * chi-square tail of |g2| with one degree of freedom.
 */
struct pl_assoc {
	double	 e11;
	double	 pmi, npmi, mi3, g2, p, t, z, dice, logdice, chi2;
};

void	 pl_assoc_measures(double o11, double r1, double c1, double n,
	    double f1, double f2, struct pl_assoc *);

/* What a measure can be ranked by. */
enum pl_measure {
	PL_M_O11,
	PL_M_PMI,
	PL_M_NPMI,
	PL_M_MI3,
	PL_M_G2,
	PL_M_T,
	PL_M_Z,
	PL_M_DICE,
	PL_M_LOGDICE,
	PL_M_CHI2,
	PL_M_COUNT
};

/* Parses a measure name (o11 pmi npmi mi3 g2 t z dice logdice chi2);
 * -1 if unknown. */
int	 pl_measure_parse(const char *);
/* The name of a measure; static storage. */
const char *pl_measure_name(int);
/* The value of measure m for a row; o11 given. */
double	 pl_assoc_value(const struct pl_assoc *, double o11, int m);

enum pl_span {
	PL_SPAN_WINDOW,		/* left/right tokens around each occurrence */
	PL_SPAN_SENTENCE,	/* the same sentence */
	PL_SPAN_DOC		/* the same document */
};

struct pl_cooc_opts {
	enum pl_span		 span;
	int			 left, right;	/* window: tokens each side */
	int			 within_sentence;	/* window: not past the
						   node's sentence */
	int			 measure[PL_M_COUNT];	/* ranking, then ties */
	size_t			 nmeasure;
	size_t			 top;		/* rows; 0: all */
	int64_t			 min_count;	/* o11 at least */
	int64_t			 min_freq;	/* collocate frequency at least */
	int			 all;		/* keep o11 <= e11 too */
	int			 stopwords;	/* keep stopwords as collocates */
	const struct pl_vocab	*vocab;		/* borrowed; NULL: numbers left out */
	struct pl_docfilter	 filter;
	int			 scan;		/* window, doc: collocate
						   frequencies from the documents
						   or posting lists, not the
						   stored per-month word counts */
};

/* Window 5/5, ranked by g2, top 50, min_count 3, min_freq 1. */
void	 pl_cooc_opts_defaults(struct pl_cooc_opts *);

/*
 * The collocates of node: collocate, o11, e11, node_freq, coll_freq,
 * span, n, pmi, npmi, mi3, g2, p, t, z, dice, logdice, chi2, sorted by
 * the ranking measures (descending), then o11, then collocate.  Tokens of
 * a node occurrence never count as collocates, nor do the node's own
 * words.  *node_freq (if not NULL) is set to the node's frequency in
 * range (occurrences for a window, else sentences or documents), so a
 * caller can tell "no hits" from "no collocate passed the filters".
 */
const struct pl_error *pl_cooc(struct pl_corpus *, const struct pl_term *,
    const struct pl_cooc_opts *, struct pl_table *out, int64_t *node_freq);

/*
 * The pairwise association of terms (span sentence or doc): term_a,
 * term_b, o11, e11, freq_a, freq_b, n and the measures, one row per
 * ordered pair of different terms, sorted like pl_cooc.  Every pair is
 * kept (no count or attraction filter), so the table is a full matrix.
 */
const struct pl_error *pl_cooc_matrix(struct pl_corpus *,
    struct pl_term **, size_t nterms, const struct pl_cooc_opts *,
    struct pl_table *out);

/*
 * The corpus's indexed bigrams (adjacent words in one sentence, neither a
 * stopword) with o11 >= min_count, scored like NLTK's
 * BigramCollocationFinder: r1 and c1 the two words' frequencies, n the
 * tokens in range.  Columns: bigram, w1, w2, o11, e11, freq_1, freq_2, n
 * and the measures.
 */
const struct pl_error *pl_cooc_bigrams(struct pl_corpus *,
    const struct pl_cooc_opts *, struct pl_table *out);

#endif /* PLENUM_COOC_H */
