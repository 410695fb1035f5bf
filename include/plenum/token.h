/*
 * token.h - the tokenizer: bytes in, tokens out (docs/TOKENIZER.md).
 *
 * Text must be UTF-8.  Tokens are runs of letters and digits (by Unicode
 * category) with a few joiners; runs of Han characters are segmented into
 * words by friso.  Each token carries its span in the input and its
 * normalised form (NFKC, full case folding, apostrophes and hyphens
 * unified).  Sentence numbers let n-grams and co-occurrence stay inside a
 * sentence.
 */
#ifndef PLENUM_TOKEN_H
#define PLENUM_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "plenum/error.h"

#define PL_NGRAM_MAX	5

/*
 * Version of the tokenization and indexing rules.  A database records the
 * version it was indexed with; one built by an older version must be
 * rebuilt with plenum reindex before queries trust it.
 *   1  first release
 *   2  n-grams and phrases stop at clause punctuation; Han bigram index
 *   3  plenum's own Chinese segmenter (lib/seg.c) replaces friso; official
 *      terms, numerals with units and dates stay one token
 *   4  亩 (mu) and after digits 例 (cases) are units: 6227例, 30万亩
 */
#define PL_TOKENIZER_VERSION	4

/* Tokenizer settings; stored in the database with the corpus. */
struct pl_tokcfg {
	int		 ngram_max;	/* longest n-gram indexed, 1..PL_NGRAM_MAX */
	int		 t2s;		/* fold traditional Chinese to simplified */
	char		 stoplangs[32];	/* built-in stopword lists: "en,zh", "en", "", ... */
	const char	*user_dict;	/* borrowed: words to add to the Chinese
					   dictionary, one per line, or NULL */
	const char	*user_stop;	/* borrowed: extra stopwords, one per line,
					   or NULL */
};

/* Fills in the defaults: 1-3-grams, no t2s, stoplangs "en,zh". */
void pl_tokcfg_defaults(struct pl_tokcfg *);

struct pl_tokenizer;

struct pl_token {
	uint32_t	 off;	/* byte offset of the token in the input */
	uint32_t	 len;	/* byte length in the input */
	uint32_t	 norm;	/* offset of the normalised form in tokens->norm */
	uint32_t	 nlen;	/* its length; it is NUL-terminated */
	uint32_t	 sent;	/* sentence number, from 0 */
	uint32_t	 clause;	/* clause number, from 0: grows at clause
				   punctuation (pl_is_clause_punct) and at
				   every sentence break */
};

struct pl_tokens {
	struct pl_token	*v;
	size_t		 n, cap;
	char		*norm;		/* normalised forms, NUL-separated */
	size_t		 nlen, ncap;
	uint32_t	 nsent;		/* number of sentences with tokens */
};

void pl_tokens_init(struct pl_tokens *);
void pl_tokens_release(struct pl_tokens *);
/* The normalised form of token i; borrowed, valid until the next call. */
#define PL_TOKEN_STR(t, i)	((t)->norm + (t)->v[(i)].norm)

/*
 * Makes a tokenizer from cfg (NULL: defaults); the strings in cfg are
 * copied.  Free it with pl_tokenizer_free().
 */
const struct pl_error *pl_tokenizer_new(const struct pl_tokcfg *,
    struct pl_tokenizer **);
void pl_tokenizer_free(struct pl_tokenizer *);
/* The settings in force; borrowed, valid until pl_tokenizer_free(). */
const struct pl_tokcfg *pl_tokenizer_cfg(const struct pl_tokenizer *);

/*
 * Tokenizes len bytes of text into out (reset first).  Fails with a
 * PL_ERR_PARSE error "invalid UTF-8 at byte N" on malformed input.
 */
const struct pl_error *pl_tokenize(struct pl_tokenizer *, const char *text,
    size_t len, struct pl_tokens *out);

/*
 * 1 if code point c is clause punctuation, which ends a clause like a
 * sentence break ends a sentence: , ; : and their full-width and CJK
 * forms (， 、 ； ：), brackets, quotation marks and dashes
 * (docs/QUERIES.md).  No phrase or indexed n-gram crosses it.
 */
int pl_is_clause_punct(int32_t c);

/* 1 if the normalised form s (len bytes) is a stopword. */
int pl_tokenizer_is_stop(const struct pl_tokenizer *, const char *s,
    size_t len);
/* Number of stopwords in force. */
size_t pl_tokenizer_nstop(const struct pl_tokenizer *);

/*
 * Normalises len bytes of valid UTF-8 (NFKC, case folding, apostrophes
 * and hyphens unified) and appends the result, NUL-terminated, to
 * *buf (grown with realloc; *cap its size), at *used.  Returns 0, or -1
 * when out of memory or s is not valid UTF-8.
 */
int pl_normalize(const char *s, size_t len, char **buf, size_t *used,
    size_t *cap);

/* Built-in stopword list text for "en" or "zh" (one per line, # comments);
 * borrowed static storage, NULL if there is none. */
const char *pl_stopwords_builtin(const char *lang);

#endif /* PLENUM_TOKEN_H */
