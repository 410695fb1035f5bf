/*
 * tseries.c - dense calendar buckets (for series.c and the screens), and
 * every term's counts over them, read from the index in one pass, for the
 * trend, burst and change-point screens (see lib/extern.h).
 *
 * The screens never run one query per term: pl_db_each_term() walks the
 * term table once and each posting list is folded into bucket counts.
 */
#include <stdlib.h>
#include <string.h>

#include "plenum/match.h"
#include "plenum/date.h"
#include "plenum/query.h"
#include "plenum/token.h"
#include "extern.h"

void
tbuckets_release(struct tbuckets *b)
{
	if (b == NULL)
		return;
	free(b->start);
	free(b->docs);
	free(b->tokens);
	free(b->of);
	memset(b, 0, sizeof(*b));
}

const struct pl_error *
tbuckets_make(struct pl_corpus *c, int by, const struct pl_docfilter *f,
    struct tbuckets *b)
{
	int64_t lo = INT64_MAX, hi = INT64_MIN, s;
	size_t i, n = 0, k;

	memset(b, 0, sizeof(*b));
	b->by = by;
	for (i = 0; i < c->ndocs; i++)
		if (pl_corpus_match(c, i, f)) {
			if (c->docs[i].day < lo)
				lo = c->docs[i].day;
			if (c->docs[i].day > hi)
				hi = c->docs[i].day;
		}
	if (f->from != INT64_MIN)
		lo = f->from;
	if (f->to != INT64_MAX)
		hi = f->to;
	/* With --from and --to, an empty range is still dense buckets. */
	if (lo > hi)
		return pl_error_fmt(PL_ERR_DATA, "no documents match the "
		    "filters (dates, sources, metadata)");
	lo = pl_bucket_start((enum pl_bucket)by, lo);
	for (s = lo; s <= hi; s = pl_bucket_next((enum pl_bucket)by, s))
		n++;
	if (n > 10000000)
		return pl_error_fmt(PL_ERR_USAGE, "%zu %s buckets is too many",
		    n, pl_bucket_name((enum pl_bucket)by));
	if ((b->start = malloc((n + 1) * sizeof(*b->start))) == NULL ||
	    (b->docs = calloc(n, sizeof(*b->docs))) == NULL ||
	    (b->tokens = calloc(n, sizeof(*b->tokens))) == NULL ||
	    (b->of = malloc((c->ndocs ? c->ndocs : 1) * sizeof(*b->of))) ==
	    NULL) {
		tbuckets_release(b);
		return pl_error_nomem();
	}
	b->n = n;
	for (s = lo, k = 0; k <= n; s = pl_bucket_next((enum pl_bucket)by, s),
	    k++)
		b->start[k] = s;
	for (i = 0; i < c->ndocs; i++) {
		size_t l = 0, r = n;
		int64_t d = c->docs[i].day;

		b->of[i] = -1;
		if (!pl_corpus_match(c, i, f) || d < b->start[0] ||
		    d >= b->start[n])
			continue;
		while (r - l > 1) {	/* last start <= d */
			size_t m = (l + r) / 2;
			if (b->start[m] <= d)
				l = m;
			else
				r = m;
		}
		b->of[i] = (int32_t)l;
		b->docs[l]++;
		b->tokens[l] += c->docs[i].tokens;
	}
	return NULL;
}

struct tctx {
	struct pl_corpus		*c;
	const struct tbuckets		*b;
	const struct tseries_opts	*o;
	const struct pl_error		*(*fn)(void *, const char *,
					    const int64_t *, int64_t);
	void				*arg;
	int64_t				*count;	/* per bucket */
	int64_t				 total;
};

static void
fold(void *arg, int64_t doc, int64_t n)
{
	struct tctx *x = arg;
	int32_t row, bk;

	if (doc < 0 || doc > x->c->maxid || (row = x->c->row_of[doc]) < 0 ||
	    (bk = x->b->of[row]) < 0)
		return;
	x->count[bk] += n;
	x->total += n;
}

static const struct pl_error *
one_term(void *arg, const char *text, int n, int64_t cf, int64_t df,
    const unsigned char *post, size_t len)
{
	struct tctx *x = arg;

	(void)n;
	(void)cf;
	if ((n == 1 && !x->o->stopwords && pl_tokenizer_is_stop(x->c->tk,
	    text, strlen(text))) || !pl_vocab_keep(x->o->vocab, text, df,
	    (int64_t)x->c->ndocs))
		return NULL;
	memset(x->count, 0, x->b->n * sizeof(*x->count));
	x->total = 0;
	if (pl_postings_each(post, len, fold, x) == -1)
		return pl_error_fmt(PL_ERR_DAMAGED, "%s: database damaged: "
		    "corrupt posting list of '%s'", pl_db_path(x->c->db),
		    text);
	if (x->total < x->o->min_count)
		return NULL;
	return x->fn(x->arg, text, x->count, x->total);
}

const struct pl_error *
tseries_each(struct pl_corpus *c, const struct tbuckets *b,
    const struct pl_docfilter *f, struct pl_term **terms, size_t nterms,
    const struct tseries_opts *o,
    const struct pl_error *(*fn)(void *, const char *, const int64_t *,
    int64_t), void *arg)
{
	const struct pl_error *err = NULL;
	struct tctx x;
	int64_t *rows = NULL;
	size_t i, k;

	memset(&x, 0, sizeof(x));
	x.c = c;
	x.b = b;
	x.o = o;
	x.fn = fn;
	x.arg = arg;
	if ((x.count = calloc(b->n ? b->n : 1, sizeof(*x.count))) == NULL)
		return pl_error_nomem();
	if (terms == NULL) {
		err = pl_db_each_term(c->db, NULL, o->ngram, o->min_count > 0 ?
		    o->min_count : 1, one_term, &x);
		goto done;
	}
	for (k = 0; k < nterms; k++) {
		if ((err = pl_term_counts(c, terms[k], f, &rows)) != NULL)
			goto done;
		memset(x.count, 0, b->n * sizeof(*x.count));
		x.total = 0;
		for (i = 0; i < c->ndocs; i++)
			if (b->of[i] >= 0 && rows[i] > 0) {
				x.count[b->of[i]] += rows[i];
				x.total += rows[i];
			}
		free(rows);
		rows = NULL;
		if ((err = fn(arg, terms[k]->label, x.count, x.total)) != NULL)
			goto done;
	}
done:
	free(rows);
	free(x.count);
	return err;
}
