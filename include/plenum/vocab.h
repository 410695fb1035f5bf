/*
 * vocab.h - which terms a vocabulary ranking shows, and how (docs/STOPWORDS.md,
 * "Clean vocabulary lists").
 *
 * One filter for every command that ranks the vocabulary (freq, keyness,
 * trends, new, bursts, cooc collocates): numbers, dates and date parts
 * are left out unless keep_numbers is set; --exclude words, terms shorter
 * than min_chars (Chinese) and terms in more than a share max_df of the
 * documents are dropped.  Han n-grams are shown joined.
 */
#ifndef PLENUM_VOCAB_H
#define PLENUM_VOCAB_H

#include <stddef.h>
#include <stdint.h>

#include "plenum/error.h"
#include "plenum/table.h"

struct pl_vocab {
	int		 keep_numbers;	/* keep number and date tokens */
	int		 min_chars;	/* terms with Han: at least this many
					   characters; 0 or 1: any */
	double		 max_df;	/* drop terms in more than this share of
					   the corpus' documents; 0: none */
	char		**exclude;	/* sorted normalised terms, owned */
	size_t		 nexclude;
};

/* No filter but the default one: numbers left out. */
void	 pl_vocab_init(struct pl_vocab *);
void	 pl_vocab_release(struct pl_vocab *);

/*
 * Adds the terms of list (one per line, # comments; words of an n-gram
 * separated by spaces, or a Han n-gram written joined) to the excluded
 * ones, normalised and segmented by tk; name is the file, for errors.
 */
struct pl_tokenizer;
const struct pl_error *pl_vocab_exclude(struct pl_vocab *,
	    struct pl_tokenizer *, const char *list, const char *name);

/*
 * 1 if term (as stored: n words separated by single spaces) is kept by v
 * (NULL: the defaults).  df is the number of documents that hold it and
 * ndocs the corpus' documents (df checks are skipped when ndocs is 0).
 */
int	 pl_vocab_keep(const struct pl_vocab *, const char *term, int64_t df,
	    int64_t ndocs);

/*
 * 1 if the normalised word s (len bytes) is a number, a date or a date
 * part: 2025, 1,000, 2.5, 20th, 2022-10-16, 2025年, 10月, 第十九届, 二十届,
 * 一, 年, 月, 日, 号.  Official terms (十四五) are not.
 */
int	 pl_word_is_number(const char *s, size_t len);

/*
 * The term as shown: the space between two Han characters dropped
 * (共同 富裕 -> 共同富裕), kept where one side is not Han (g20 峰会).
 * Returns term itself or buf (cap bytes) holding the joined form.
 */
const char *pl_term_show(const char *term, char *buf, size_t cap);
#define PL_TERM_SHOW_MAX	1024

/* pl_table_set_str() of the term's shown form. */
const struct pl_error *pl_table_set_term(struct pl_table *, size_t row, size_t col,
	    const char *term);

#endif /* PLENUM_VOCAB_H */
