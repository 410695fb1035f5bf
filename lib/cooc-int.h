/*
 * cooc-int.h - what lib/cooc.c (measures, rows, the node as word ids, a
 * document's tokens; matrices and bigrams) shares with lib/colloc.c (the
 * collocates of a node), private to lib/.
 */
#ifndef PL_COOC_INT_H
#define PL_COOC_INT_H

#include <stddef.h>
#include <stdint.h>

#include "plenum/cooc.h"
#include "plenum/table.h"

/* A row of an answer: a collocate, or a pair of terms, and its measures. */
struct crow {
	char		*a, *b;		/* collocate (a), or term_a and term_b */
	int64_t		 o11;
	int64_t		 f1, f2;	/* node (or term_a) and collocate frequency */
	struct pl_assoc	 m;
};

/* The ranking measures, for cooc_cmp_rows(). */
struct sortctx {
	const int	*measure;
	size_t		 nmeasure;
};

/* One alternative as word ids; a prefix has a sorted set for its word. */
struct nalt {
	int64_t		*ids;		/* nwords ids; ids[0] 0: cannot match */
	size_t		 nwords;
	int64_t		*set;		/* prefix: matching word ids, sorted */
	size_t		 nset;
	int		 prefix;
};

/* A term as word ids (cooc_node_resolve()). */
struct node {
	struct nalt	*a;
	size_t		 n;
	int64_t		*excl;		/* the node's own words, sorted */
	size_t		 nexcl;
	struct nalt	*cur;		/* prefix being collected */
	struct pl_db	*db;
};

/* A document's tokens: word ids and sentence numbers. */
struct dtoks {
	uint32_t	*ids, *sent;
	uint8_t		*flag;		/* 1: node token, 2: in a span,
					   4: counted (colloc.c) */
	size_t		 n, cap;
};

/* Rows: sorted by the measures of arg (a struct sortctx), then o11, then
 * text (for qsort_r); freed with their strings; appended (the row's
 * strings are the array's then). */
int	 cooc_cmp_rows(const void *, const void *, void *arg);
void	 cooc_rows_free(struct crow *, size_t n);
const struct pl_error *cooc_rows_push(struct crow **v, size_t *n,
	    size_t *cap, struct crow *);
/* The measure columns pmi ... chi2 of an answer, and one row's values
 * from column col on. */
const struct pl_error *cooc_measure_cols(struct pl_table *);
void	 cooc_set_measures(struct pl_table *, size_t row, size_t col,
	    const struct pl_assoc *);

/* Is id in the sorted v[n]? */
int	 cooc_in_sorted(const int64_t *v, size_t n, int64_t id);
/* Resolves term t to word ids in nd (released with cooc_node_release(),
 * also after a failure). */
const struct pl_error *cooc_node_resolve(struct pl_corpus *,
	    const struct pl_term *t, struct node *nd);
void	 cooc_node_release(struct node *);

/* Decodes document doc's token ids (blob is borrowed) into d, or reads
 * them first; d is reused from one document to the next. */
const struct pl_error *cooc_dtoks_decode(struct pl_corpus *, int64_t doc,
	    const unsigned char *blob, size_t len, struct dtoks *d);
const struct pl_error *cooc_dtoks_read(struct pl_corpus *, int64_t doc,
	    struct dtoks *d);
void	 cooc_dtoks_release(struct dtoks *);

#endif /* PL_COOC_INT_H */
