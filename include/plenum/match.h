/*
 * match.h - the term matcher: every occurrence of a term expression in a
 * document, for every command that counts or shows them (query, series,
 * kwic, cooc, trends/bursts/changes --terms).  docs/QUERIES.md has the
 * rules; in short:
 *
 * - A word matches a token; a prefix the words it begins; a phrase
 *   consecutive tokens within one clause (no sentence break or clause
 *   punctuation between them, pl_is_clause_punct()).
 * - An alternative written in Han characters (alone or mixed with letters
 *   and digits, with no space or punctuation in it) matches its character
 *   sequence in the normalised text (NFKC, case folding, t2s when the
 *   corpus has it), wherever the segmenter cut, but never across
 *   punctuation, a space or a sentence break.  pl_corpus.match_words
 *   turns this off (whole tokens only).
 * - Occurrences never overlap: the leftmost wins, and of two starting at
 *   the same place the longer (alternatives are matched together).
 */
#ifndef PLENUM_MATCH_H
#define PLENUM_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "plenum/error.h"
#include "plenum/query.h"

/* One occurrence in a document. */
struct pl_occ {
	uint32_t	 off, end;	/* bytes [off, end) of the text */
	uint32_t	 tok, ntok;	/* the tokens it overlaps */
};

/* A document decoded for matching; reused from one document to the next. */
struct pl_mdoc {
	size_t		 row;		/* corpus row */
	size_t		 n;		/* tokens */
	uint32_t	*ids, *off, *len, *sent, *clause;
	size_t		 cap;
	char		*text;		/* the text, NUL-terminated */
	size_t		 textlen;
	struct pl_occ	*occ;		/* occurrences, in text order */
	size_t		 nocc, occap;
};

void pl_mdoc_init(struct pl_mdoc *);
void pl_mdoc_release(struct pl_mdoc *);

struct pl_matcher;

/* Resolves t against c's index.  Free with pl_matcher_free(). */
const struct pl_error *pl_matcher_new(struct pl_corpus *,
    const struct pl_term *, struct pl_matcher **);
void pl_matcher_free(struct pl_matcher *);

/*
 * The rows that may hold the term and pass f, in row order (a superset:
 * pl_matcher_doc() decides).  *rows is the caller's to free.
 */
const struct pl_error *pl_matcher_candidates(struct pl_matcher *,
    const struct pl_docfilter *, uint32_t **rows, size_t *n);

/* Reads document row into md and finds the term's occurrences in it. */
const struct pl_error *pl_matcher_doc(struct pl_matcher *, size_t row,
    struct pl_mdoc *md);

/*
 * Number of occurrences of t in every row (0 outside f), from posting
 * lists where they give the exact answer, else by matching the candidate
 * documents.  Same numbers as pl_matcher_doc().  The caller frees *count.
 */
const struct pl_error *pl_term_counts(struct pl_corpus *,
    const struct pl_term *, const struct pl_docfilter *, int64_t **count);

/*
 * The normalised character runs of s (len bytes): NFKC, case folding and,
 * with t2s, traditional to simplified, with a NUL between runs (a run is
 * a stretch of letters, marks, digits and Han characters).  Used for the
 * query side and the text side alike.  Returns the number of runs, or -1
 * (out of memory, invalid UTF-8).  *out (grown with realloc, *cap its
 * size) holds *outlen bytes; src/srcend, when not NULL, get per output
 * byte the span of input it came from.
 */
struct pl_normer;
struct pl_normer *pl_normer_new(int t2s);
void pl_normer_free(struct pl_normer *);
long pl_normer_run(struct pl_normer *, const char *s, size_t len,
    int want_map);
/* The last result: bytes, length, and maps (NULL unless want_map). */
const char *pl_normer_text(const struct pl_normer *, size_t *len);
const uint32_t *pl_normer_src(const struct pl_normer *);
const uint32_t *pl_normer_srcend(const struct pl_normer *);

/*
 * Calls fn for each distinct pair of consecutive Han characters in the
 * normalised text (key = cp1 << 21 | cp2), the key of the Han bigram
 * index.  Returns -1 when out of memory.
 */
int pl_normer_bigrams(struct pl_normer *, const char *s, size_t len,
    void (*fn)(void *, uint64_t key), void *arg);
/*
 * The same keys, ascending, as an array the normer owns (valid until its
 * next use).  Returns -1 when out of memory.
 */
int pl_normer_bigram_keys(struct pl_normer *, const char *s, size_t len,
    const uint64_t **keys, size_t *nkeys);

/* 1 if s[0, len) holds a Han character (as the tokenizer defines them). */
int pl_has_han(const char *s, size_t len);

/*
 * Is the term certainly absent from the corpus (every alternative has a
 * word, or for Han a character pair, the corpus never uses)?  *near gets
 * the nearest existing words by edit distance, quoted and joined by ", "
 * (caller frees; NULL when none or not absent).
 */
const struct pl_error *pl_term_absent(struct pl_corpus *,
    const struct pl_term *, int *absent, char **near);
/* The sources nearest name by edit distance, as above (caller frees). */
char *pl_corpus_near_sources(const struct pl_corpus *, const char *name);
/* The metadata keys nearest key, as above. */
const struct pl_error *pl_corpus_near_keys(struct pl_corpus *,
    const char *key, char **near);

/* Levenshtein distance between two UTF-8 strings, by code point, capped
 * at max + 1. */
size_t pl_edit_distance(const char *a, const char *b, size_t max);

#endif /* PLENUM_MATCH_H */
