/*
 * burst.c - Kleinberg's burst detection, batched form (see
 * include/plenum/burst.h, docs/STATISTICS.md).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/burst.h"
#include "extern.h"

/* -ln of the binomial likelihood without its coefficient, which is the
 * same in every state and cancels. */
static double
cost(int64_t r, int64_t d, double p)
{
	return -((double)r * log(p) + (double)(d - r) * log1p(-p));
}

const struct pl_error *
pl_kleinberg(const int64_t *r, const int64_t *d, size_t n, double s,
    double gamma, int states, int *q, struct pl_burst **out, size_t *nout)
{
	const struct pl_error *err = NULL;
	struct pl_burst *v = NULL;
	double *c = NULL, *p = NULL, *cur = NULL, *nxt = NULL, R = 0, D = 0;
	double up;
	int *back = NULL, *seq = NULL, k, i, j;
	size_t t, nv = 0, cap = 0;

	if (!(s > 1) || !(gamma >= 0) || states < 2)
		return pl_error_fmt(PL_ERR_USAGE, "burst model: s must be "
		    "above 1, gamma at least 0, states at least 2");
	for (t = 0; t < n; t++) {
		if (r[t] < 0 || d[t] < r[t])
			return pl_error_fmt(PL_ERR_DATA, "point %zu: %lld "
			    "hits out of %lld", t + 1, (long long)r[t],
			    (long long)d[t]);
		R += (double)r[t];
		D += (double)d[t];
	}
	if ((seq = calloc(n ? n : 1, sizeof(*seq))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	/* States whose rate stays below 1. */
	k = 1;
	if (R > 0 && R < D)
		while (k < states && R / D * pow(s, k) < 1)
			k++;
	if (k < 2 || n == 0)
		goto bursts;	/* one state: no bursts */
	if ((p = malloc((size_t)k * sizeof(*p))) == NULL ||
	    (c = malloc(n * (size_t)k * sizeof(*c))) == NULL ||
	    (back = malloc(n * (size_t)k * sizeof(*back))) == NULL ||
	    (cur = malloc((size_t)k * sizeof(*cur))) == NULL ||
	    (nxt = malloc((size_t)k * sizeof(*nxt))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (i = 0; i < k; i++)
		p[i] = R / D * pow(s, i);
	for (t = 0; t < n; t++)
		for (i = 0; i < k; i++)
			c[t * (size_t)k + (size_t)i] = cost(r[t], d[t], p[i]);
	/* Viterbi from state 0 before the first point. */
	up = gamma * log((double)n);
	for (i = 0; i < k; i++)
		cur[i] = (double)i * up + c[(size_t)i];
	for (t = 1; t < n; t++) {
		for (j = 0; j < k; j++) {
			double best = INFINITY;
			int arg = 0;
			for (i = 0; i < k; i++) {
				double x = cur[i] + (j > i ? (double)(j - i) *
				    up : 0);
				if (x < best) {
					best = x;
					arg = i;
				}
			}
			nxt[j] = best + c[t * (size_t)k + (size_t)j];
			back[t * (size_t)k + (size_t)j] = arg;
		}
		memcpy(cur, nxt, (size_t)k * sizeof(*cur));
	}
	for (i = 1, j = 0; i < k; i++)
		if (cur[i] < cur[j])
			j = i;
	for (t = n; t-- > 0;) {
		seq[t] = j;
		if (t > 0)
			j = back[t * (size_t)k + (size_t)j];
	}
bursts:
	/* Maximal runs at each level, in time order. */
	for (t = 0; t < n; t++) {
		for (i = 1; i <= seq[t]; i++) {
			size_t e;
			double w = 0;
			if (t > 0 && seq[t - 1] >= i)
				continue;	/* not the start of a run */
			for (e = t; e + 1 < n && seq[e + 1] >= i; e++)
				;
			for (size_t u = t; u <= e; u++)
				w += c[u * (size_t)k + (size_t)(i - 1)] -
				    c[u * (size_t)k + (size_t)i];
			if (nv == cap) {
				size_t nc = cap ? cap * 2 : 16;
				struct pl_burst *nb = realloc(v,
				    nc * sizeof(*nb));
				if (nb == NULL) {
					err = pl_error_nomem();
					goto done;
				}
				v = nb;
				cap = nc;
			}
			v[nv].start = t;
			v[nv].end = e;
			v[nv].level = i;
			v[nv].weight = w;
			nv++;
		}
	}
	if (q != NULL)
		memcpy(q, seq, n * sizeof(*q));
	*out = v;
	*nout = nv;
	v = NULL;
done:
	free(v);
	free(seq);
	free(p);
	free(c);
	free(back);
	free(cur);
	free(nxt);
	return err;
}

void
pl_bursts_opts_defaults(struct pl_bursts_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->by = PL_BUCKET_WEEK;
	o->s = 2;
	o->gamma = 1;
	o->states = 2;
	o->min_count = 20;
	pl_docfilter_init(&o->filter);
}

struct brow {
	uint32_t	 term;		/* offset in texts */
	size_t		 order;		/* term order, for given terms */
	size_t		 start, end;	/* bucket indices */
	int		 level;
	size_t		 buckets;
	int64_t		 count;
	double		 expected, weight;
};

struct bctx {
	const struct pl_bursts_opts	*o;
	const struct tbuckets		*b;
	size_t				 nb;	/* buckets with reports */
	size_t				*bi;	/* their indices */
	int64_t				*r, *d;
	struct brow			*v;
	size_t				 n, cap, nterm;
	struct buf			 texts;
};

static const struct pl_error *
burst_term(void *arg, const char *term, const int64_t *count, int64_t total)
{
	const struct pl_error *err;
	struct bctx *x = arg;
	struct pl_burst *bs = NULL;
	size_t nbs = 0, k, u;
	uint32_t off = (uint32_t)x->texts.n;
	double R = 0, D = 0;

	(void)total;
	for (k = 0; k < x->nb; k++) {
		x->r[k] = count[x->bi[k]];
		x->d[k] = x->b->tokens[x->bi[k]];
		R += (double)x->r[k];
		D += (double)x->d[k];
	}
	if ((err = pl_kleinberg(x->r, x->d, x->nb, x->o->s, x->o->gamma,
	    x->o->states, NULL, &bs, &nbs)) != NULL)
		return pl_error_wrap(err, "'%s'", term);
	if (nbs > 0 && buf_add(&x->texts, term, strlen(term) + 1) == -1) {
		free(bs);
		return pl_error_nomem();
	}
	for (k = 0; k < nbs; k++) {
		struct brow *br;
		if (x->n == x->cap) {
			size_t nc = x->cap ? x->cap * 2 : 256;
			struct brow *nv = realloc(x->v, nc * sizeof(*nv));
			if (nv == NULL) {
				free(bs);
				return pl_error_nomem();
			}
			x->v = nv;
			x->cap = nc;
		}
		br = &x->v[x->n++];
		br->term = off;
		br->order = x->nterm;
		br->start = bs[k].start;
		br->end = bs[k].end;
		br->level = bs[k].level;
		br->weight = bs[k].weight;
		br->buckets = bs[k].end - bs[k].start + 1;
		br->count = 0;
		br->expected = 0;
		for (u = bs[k].start; u <= bs[k].end; u++) {
			br->count += x->r[u];
			br->expected += (double)x->d[u] * R / D;
		}
	}
	x->nterm++;
	free(bs);
	return NULL;
}

static int
cmp_weight(const void *a, const void *b, void *arg)
{
	const struct brow *p = a, *q = b;
	const struct bctx *x = arg;
	int c;

	if (p->weight != q->weight)
		return p->weight > q->weight ? -1 : 1;
	if ((c = strcmp((const char *)x->texts.p + p->term,
	    (const char *)x->texts.p + q->term)) != 0)
		return c;
	if (p->start != q->start)
		return p->start < q->start ? -1 : 1;
	return p->level - q->level;
}

static void
date_cell(struct pl_table *t, size_t row, size_t col, int64_t day)
{
	char buf[11];

	pl_date_format(day, buf);
	pl_table_set_str(t, row, col, buf);
}

const struct pl_error *
pl_bursts(struct pl_corpus *c, struct pl_term **terms, size_t nterms,
    const struct pl_bursts_opts *o, struct pl_table *out)
{
	static const char *const names[] = { "term", "level", "start", "end",
	    "first", "last", "buckets", "count", "expected", "ratio",
	    "weight" };
	static const enum pl_coltype types[] = { PL_COL_STR, PL_COL_INT,
	    PL_COL_STR, PL_COL_STR, PL_COL_STR, PL_COL_STR, PL_COL_INT,
	    PL_COL_INT, PL_COL_REAL, PL_COL_REAL, PL_COL_REAL };
	const struct pl_error *err = NULL;
	struct pl_table t;
	struct tbuckets b;
	struct tseries_opts so;
	struct bctx x;
	size_t i, k, row, lim;
	char label[24];

	pl_table_init(&t);
	memset(&x, 0, sizeof(x));
	buf_init(&x.texts);
	if ((err = tbuckets_make(c, o->by, &o->filter, &b)) != NULL)
		return err;
	x.o = o;
	x.b = &b;
	if ((x.bi = malloc(b.n * sizeof(*x.bi))) == NULL ||
	    (x.r = malloc(b.n * sizeof(*x.r))) == NULL ||
	    (x.d = malloc(b.n * sizeof(*x.d))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (i = 0; i < b.n; i++)
		if (b.docs[i] > 0 && b.tokens[i] > 0)
			x.bi[x.nb++] = i;
	memset(&so, 0, sizeof(so));
	so.ngram = 1;
	so.min_count = o->min_count;
	so.stopwords = o->stopwords;
	so.vocab = o->vocab;
	if ((err = tseries_each(c, &b, &o->filter, terms, nterms, &so,
	    burst_term, &x)) != NULL)
		goto done;
	if (terms == NULL && x.n > 1)
		qsort_r(x.v, x.n, sizeof(*x.v), cmp_weight, &x);
	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		if ((err = pl_table_add_col(&t, names[k], types[k])) != NULL)
			goto done;
	lim = o->top && o->top < x.n ? o->top : x.n;
	for (k = 0; k < lim; k++) {
		const struct brow *br = &x.v[k];
		size_t s0 = x.bi[br->start], e0 = x.bi[br->end];
		if ((err = pl_table_add_row(&t)) != NULL)
			goto done;
		row = t.nrows - 1;
		pl_table_set_term(&t, row, 0, (const char *)x.texts.p +
		    br->term);
		pl_table_set_int(&t, row, 1, br->level);
		pl_bucket_label(o->by, b.start[s0], label);
		pl_table_set_str(&t, row, 2, label);
		pl_bucket_label(o->by, b.start[e0], label);
		pl_table_set_str(&t, row, 3, label);
		date_cell(&t, row, 4, b.start[s0]);
		date_cell(&t, row, 5, b.start[e0 + 1] - 1);
		pl_table_set_int(&t, row, 6, (int64_t)br->buckets);
		pl_table_set_int(&t, row, 7, br->count);
		pl_table_set_real(&t, row, 8, br->expected);
		pl_table_set_real(&t, row, 9, br->expected > 0 ?
		    (double)br->count / br->expected : NAN);
		pl_table_set_real(&t, row, 10, br->weight);
	}
	pl_table_release(out);
	*out = t;
	pl_table_init(&t);
done:
	free(x.bi);
	free(x.r);
	free(x.d);
	free(x.v);
	buf_release(&x.texts);
	tbuckets_release(&b);
	pl_table_release(&t);
	return err;
}
