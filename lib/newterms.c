/*
 * newterms.c - terms first used in a period (see include/plenum/newterms.h).
 *
 * One pass over the term index: each posting list gives the term's first
 * day among the documents that pass the filter, and its use in the period.
 */
#include <stdlib.h>
#include <string.h>

#include "plenum/newterms.h"
#include "plenum/token.h"
#include "extern.h"

void
pl_new_opts_defaults(struct pl_new_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->since = INT64_MIN;
	o->to = INT64_MAX;
	o->min_count = 2;
	o->min_docs = 1;
	o->top = 50;
	pl_docfilter_init(&o->filter);
}

struct nrow {
	uint32_t	 term;		/* offset in texts */
	int		 n;
	int64_t		 count, docs, first, last, later, prev;
};

struct nctx {
	struct pl_corpus		*c;
	const struct pl_new_opts	*o;
	struct pl_docfilter		 f;	/* the filter without dates */
	uint8_t				*in;	/* per row: passes f */
	/* the current term */
	int64_t				 first, last, count, docs, later;
	int64_t				 prev;	/* last use before since */
	int64_t				 gap;	/* uses on or after this
						   day, before since: not
						   new */
	int				 before;
	struct nrow			*v;
	size_t				 n, cap;
	struct buf			 texts;
};

static void
visit(void *arg, int64_t doc, int64_t n)
{
	struct nctx *x = arg;
	int32_t row;
	int64_t day;

	if (x->before || doc < 0 || doc > x->c->maxid ||
	    (row = x->c->row_of[doc]) < 0 || !x->in[row])
		return;
	day = x->c->docs[row].day;
	if (day < x->o->since) {
		if (day >= x->gap)
			x->before = 1;	/* used before: not new */
		else if (day > x->prev)
			x->prev = day;	/* used, but long before */
		return;
	}
	if (day > x->o->to) {
		x->later += n;
		return;
	}
	if (day < x->first)
		x->first = day;
	if (day > x->last)
		x->last = day;
	x->count += n;
	x->docs++;
}

static const struct pl_error *
one_term(void *arg, const char *text, int n, int64_t cf, int64_t df,
    const unsigned char *post, size_t len)
{
	struct nctx *x = arg;
	const struct pl_new_opts *o = x->o;
	struct nrow *r;

	(void)cf;
	if ((n == 1 && !o->stopwords && pl_tokenizer_is_stop(x->c->tk, text,
	    strlen(text))) || !pl_vocab_keep(o->vocab, text, df,
	    (int64_t)x->c->ndocs))
		return NULL;
	x->first = INT64_MAX;
	x->last = INT64_MIN;
	x->count = x->docs = x->later = 0;
	x->prev = INT64_MIN;
	x->before = 0;
	if (pl_postings_each(post, len, visit, x) == -1)
		return pl_error_fmt(PL_ERR_DAMAGED, "%s: database damaged: "
		    "corrupt posting list of '%s'", pl_db_path(x->c->db),
		    text);
	if (x->before || x->count < o->min_count || x->docs < o->min_docs ||
	    x->count == 0)
		return NULL;
	if (x->n == x->cap) {
		size_t nc = x->cap ? x->cap * 2 : 1024;
		struct nrow *nv = realloc(x->v, nc * sizeof(*nv));
		if (nv == NULL)
			return pl_error_nomem();
		x->v = nv;
		x->cap = nc;
	}
	r = &x->v[x->n];
	r->term = (uint32_t)x->texts.n;
	r->n = n;
	r->count = x->count;
	r->docs = x->docs;
	r->first = x->first;
	r->last = x->last;
	r->later = x->later;
	r->prev = x->prev;
	if (buf_add(&x->texts, text, strlen(text) + 1) == -1)
		return pl_error_nomem();
	x->n++;
	return NULL;
}

static int
cmp_nrow(const void *a, const void *b, void *arg)
{
	const struct nrow *p = a, *q = b;
	const struct nctx *x = arg;

	if (p->count != q->count)
		return p->count > q->count ? -1 : 1;
	if (p->docs != q->docs)
		return p->docs > q->docs ? -1 : 1;
	return strcmp((const char *)x->texts.p + p->term,
	    (const char *)x->texts.p + q->term);
}

static void
date_cell(struct pl_table *t, size_t row, size_t col, int64_t day)
{
	char buf[11];

	pl_date_format(day, buf);
	pl_table_set_str(t, row, col, buf);
}

const struct pl_error *
pl_new_terms(struct pl_corpus *c, const struct pl_new_opts *o,
    struct pl_table *out)
{
	static const char *const names[] = { "term", "n", "count", "docs",
	    "first", "last", "later" };
	static const enum pl_coltype types[] = { PL_COL_STR, PL_COL_INT,
	    PL_COL_INT, PL_COL_INT, PL_COL_STR, PL_COL_STR, PL_COL_INT };
	const struct pl_error *err = NULL;
	struct pl_table t;
	struct nctx x;
	size_t i, k, row, lim, inperiod = 0;

	pl_table_init(&t);
	memset(&x, 0, sizeof(x));
	buf_init(&x.texts);
	x.c = c;
	x.o = o;
	x.f = o->filter;
	x.f.from = INT64_MIN;
	x.f.to = INT64_MAX;
	x.gap = INT64_MIN;
	if (o->absent > 0)
		x.gap = o->since < INT64_MIN + o->absent ? INT64_MIN :
		    o->since - o->absent;
	if ((x.in = malloc(c->ndocs ? c->ndocs : 1)) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (i = 0; i < c->ndocs; i++) {
		x.in[i] = (uint8_t)pl_corpus_match(c, i, &x.f);
		if (x.in[i] && c->docs[i].day >= o->since &&
		    c->docs[i].day <= o->to)
			inperiod++;
	}
	if (inperiod == 0) {
		err = pl_error_fmt(PL_ERR_DATA, "no documents in the period "
		    "(and the sources and metadata asked for)");
		goto done;
	}
	if ((err = pl_db_each_term(c->db, NULL, o->ngram, o->min_count > 0 ?
	    o->min_count : 1, one_term, &x)) != NULL)
		goto done;
	if (x.n > 1)
		qsort_r(x.v, x.n, sizeof(*x.v), cmp_nrow, &x);
	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		if ((err = pl_table_add_col(&t, names[k], types[k])) != NULL)
			goto done;
	if (o->absent > 0 &&
	    (err = pl_table_add_col(&t, "previous", PL_COL_STR)) != NULL)
		goto done;
	lim = o->top && o->top < x.n ? o->top : x.n;
	for (k = 0; k < lim; k++) {
		const struct nrow *r = &x.v[k];
		if ((err = pl_table_add_row(&t)) != NULL)
			goto done;
		row = t.nrows - 1;
		pl_table_set_term(&t, row, 0, (const char *)x.texts.p + r->term);
		pl_table_set_int(&t, row, 1, r->n);
		pl_table_set_int(&t, row, 2, r->count);
		pl_table_set_int(&t, row, 3, r->docs);
		date_cell(&t, row, 4, r->first);
		date_cell(&t, row, 5, r->last);
		pl_table_set_int(&t, row, 6, r->later);
		if (o->absent > 0 && r->prev != INT64_MIN)
			date_cell(&t, row, 7, r->prev);
	}
	pl_table_release(out);
	*out = t;
	pl_table_init(&t);
done:
	free(x.in);
	free(x.v);
	buf_release(&x.texts);
	pl_table_release(&t);
	return err;
}
