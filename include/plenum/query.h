/*
 * query.h - term queries over a corpus: the documents in memory, term
 * expressions, and each document's count of a term (docs/QUERIES.md).
 */
#ifndef PLENUM_QUERY_H
#define PLENUM_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "plenum/error.h"
#include "plenum/store.h"

/* A document as queries see it. */
struct pl_cdoc {
	int64_t		 day;
	int32_t		 id;		/* doc.id, 1 .. INT32_MAX */
	uint32_t	 tokens;
	uint32_t	 source;	/* index into the corpus's sources */
	uint8_t		 prec;		/* enum pl_precision */
};	/* 24 bytes: 10^6 documents are 24 MB, written at every open */

/* A document's input id and title (pl_corpus_names()). */
struct pl_cname {
	char		*ext_id;
	char		*title;
};

/*
 * A corpus opened for queries: every document's figures in memory, read
 * from the compact doc_meta blocks (the input's ids: pl_db_doc_names()).
 */
struct pl_corpus {
	struct pl_db		*db;		/* borrowed */
	struct pl_tokenizer	*tk;		/* borrowed from db */
	struct pl_cdoc		*docs;		/* by row, in doc.id order */
	size_t			 ndocs;
	int32_t			*row_of;	/* doc.id -> row, -1 if none */
	int64_t			 maxid;
	char			**sources;	/* sorted */
	size_t			 nsources;
	struct pl_cname		*names;		/* by row; NULL until
						   pl_corpus_names() */
	int			 match_words;	/* set before pl_term_parse():
						   Han terms match whole
						   tokens, not characters */
};

/* Loads the documents of db (which must outlive the corpus). */
const struct pl_error *pl_corpus_open(struct pl_db *, struct pl_corpus **);
void pl_corpus_free(struct pl_corpus *);
/*
 * Loads every document's input id and title into names[] (a scan of the doc table: only for commands that show many
 * documents by name; others use pl_db_doc_names() for the rows they print).
 */
const struct pl_error *pl_corpus_names(struct pl_corpus *);
/* Row's input id and title: "" before pl_corpus_names() or when none. */
const char *pl_corpus_ext_id(const struct pl_corpus *, size_t row);
const char *pl_corpus_title(const struct pl_corpus *, size_t row);
/* 1 if document row passes the filter (dates, sources, metadata). */
int pl_corpus_match(const struct pl_corpus *, size_t row,
    const struct pl_docfilter *);

/*
 * The months that have documents (sorted, as year * 12 + month) and the
 * class rowcls[] gives their documents (per row); *uniform 0 when some
 * month has documents of two classes (the per-month word counts cannot
 * answer then).  The caller frees *periods and *cls.
 */
const struct pl_error *pl_corpus_month_classes(const struct pl_corpus *,
    const uint8_t *rowcls, int64_t **periods, uint8_t **cls, size_t *np,
    int *uniform);

/*
 * Narrows the filter to documents whose metadata field key equals value
 * (text comparison); several calls combine with AND.  The mask it sets is
 * freed by pl_docfilter_release().
 */
const struct pl_error *pl_corpus_where(struct pl_corpus *,
    struct pl_docfilter *, const char *key, const char *value);

/*
 * A term expression: a word (inflation, 疫情), a phrase (rule of law, or
 * "rule of law" in quotes), a prefix (develop*), or alternatives summed
 * as one series (covid|coronavirus|pandemic), optionally labelled
 * (pandemic=covid|coronavirus).  Every part is tokenized with the
 * corpus's settings.
 */
struct pl_alt {
	char		**words;	/* normalised tokens */
	size_t		 nwords;
	int		 prefix;	/* one word, matched as a prefix */
	char		*chars;		/* a Han alternative: its normalised
					   characters, matched as such
					   (match.h); NULL: tokens */
};

struct pl_term {
	char		*label;		/* the label, or the expression */
	struct pl_alt	*alts;
	size_t		 nalts;
};

/*
 * Parses expr.  A malformed expression is a PL_ERR_USAGE error that names
 * the column: "term 'a||b': empty alternative at column 3".  A term the
 * corpus lacks is valid (its counts are zero).  Free with pl_term_free().
 */
const struct pl_error *pl_term_parse(struct pl_corpus *, const char *expr,
    struct pl_term **);
void pl_term_free(struct pl_term *);

/* pl_term_counts() is in plenum/match.h. */

#endif /* PLENUM_QUERY_H */
