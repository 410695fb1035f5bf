/*
 * freq.c - frequency lists with dispersion (see include/plenum/freq.h).
 *
 * Every term of the requested length is read once from the index with its
 * posting list; counts, document frequencies and Gries' DP are computed
 * over the documents that pass the filter, per group when asked.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/freq.h"
#include "plenum/token.h"
#include "extern.h"

void
pl_freq_opts_defaults(struct pl_freq_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->n = 1;
	o->top = 50;
	o->min_count = 1;
	o->min_docs = 1;
	pl_docfilter_init(&o->filter);
}

struct frow {
	uint32_t	 term;		/* index into the term texts */
	int64_t		 count, docs;
	double		 dp;
};

struct fgroup {
	struct frow	*v;
	size_t		 n, cap;
	int64_t		 ndocs, tokens;
	char		 label[64];
	int64_t		 start;		/* bucket start, for time groups */
};

struct fctx {
	struct pl_corpus		*c;
	const struct pl_freq_opts	*o;
	int32_t				*grp;	/* group of each row, -1: filtered out */
	struct fgroup			*g;
	size_t				 ng;
	struct buf			 texts;	/* term texts, NUL-separated */
	uint32_t			*toff;
	size_t				 nterms, tcap;
	/* per term scratch, by group */
	int64_t				*gcount, *gdocs;
	double				*gdp;
	size_t				*touched;
	size_t				 ntouched;
	/* the term's postings in range: row and count */
	int32_t				*prow;
	int64_t				*pcnt;
	size_t				 np, pcap;
	int				 nomem;
};

static void
collect(void *arg, int64_t doc, int64_t count)
{
	struct fctx *x = arg;
	int32_t row;

	if (doc < 0 || doc > x->c->maxid || (row = x->c->row_of[doc]) < 0 ||
	    x->grp[row] < 0)
		return;
	if (x->np == x->pcap) {
		size_t nc = x->pcap ? x->pcap * 2 : 1024;
		int32_t *a = realloc(x->prow, nc * sizeof(*a));
		int64_t *b = a ? realloc(x->pcnt, nc * sizeof(*b)) : NULL;
		if (a)
			x->prow = a;
		if (b)
			x->pcnt = b;
		if (a == NULL || b == NULL) {
			x->nomem = 1;
			return;
		}
		x->pcap = nc;
	}
	x->prow[x->np] = row;
	x->pcnt[x->np++] = count;
}

static const struct pl_error *
one_term(void *arg, const char *text, int n, int64_t cf, int64_t df,
    const unsigned char *post, size_t len)
{
	struct fctx *x = arg;
	const struct pl_freq_opts *o = x->o;
	size_t i, k;
	int kept = 0;

	(void)n;
	if (cf < o->min_count)
		return NULL;
	if ((!o->stopwords && pl_tokenizer_is_stop(x->c->tk, text,
	    strlen(text))) || !pl_vocab_keep(o->vocab, text, df,
	    (int64_t)x->c->ndocs))
		return NULL;
	x->np = 0;
	if (pl_postings_each(post, len, collect, x) == -1)
		return pl_error_fmt(PL_ERR_DAMAGED, "%s: database damaged: "
		    "corrupt posting list of '%s'", pl_db_path(x->c->db),
		    text);
	if (x->nomem)
		return pl_error_nomem();
	/* Counts per group, then the DP sum over the documents with hits. */
	x->ntouched = 0;
	for (i = 0; i < x->np; i++) {
		size_t g = (size_t)x->grp[x->prow[i]];
		if (x->gcount[g] == 0 && x->gdocs[g] == 0)
			x->touched[x->ntouched++] = g;
		x->gcount[g] += x->pcnt[i];
		x->gdocs[g]++;
	}
	for (i = 0; i < x->np; i++) {
		size_t g = (size_t)x->grp[x->prow[i]];
		double v = (double)x->pcnt[i] / (double)x->gcount[g];
		double s = (double)x->c->docs[x->prow[i]].tokens /
		    (double)x->g[g].tokens;
		/* |v - s| minus the s it replaces in "all parts empty". */
		x->gdp[g] += fabs(v - s) - s;
	}
	for (k = 0; k < x->ntouched; k++) {
		size_t g = x->touched[k];
		struct fgroup *fg = &x->g[g];
		if (x->gcount[g] >= o->min_count && x->gdocs[g] >= o->min_docs) {
			if (fg->n == fg->cap) {
				size_t nc = fg->cap ? fg->cap * 2 : 256;
				struct frow *nv = realloc(fg->v,
				    nc * sizeof(*nv));
				if (nv == NULL)
					return pl_error_nomem();
				fg->v = nv;
				fg->cap = nc;
			}
			fg->v[fg->n].term = (uint32_t)x->nterms;
			fg->v[fg->n].count = x->gcount[g];
			fg->v[fg->n].docs = x->gdocs[g];
			/* DP = (sum over all parts of |v - s|) / 2, where the
			 * parts without hits contribute s each: 1 + gdp. */
			fg->v[fg->n].dp = 0.5 * (1.0 + x->gdp[g]);
			fg->n++;
			kept = 1;
		}
		x->gcount[g] = x->gdocs[g] = 0;
		x->gdp[g] = 0;
	}
	if (kept) {
		if (x->nterms == x->tcap) {
			size_t nc = x->tcap ? x->tcap * 2 : 1024;
			uint32_t *nt = realloc(x->toff, nc * sizeof(*nt));
			if (nt == NULL)
				return pl_error_nomem();
			x->toff = nt;
			x->tcap = nc;
		}
		x->toff[x->nterms++] = (uint32_t)x->texts.n;
		if (buf_add(&x->texts, text, strlen(text) + 1) == -1)
			return pl_error_nomem();
	}
	return NULL;
}

static int
cmp_frow(const void *a, const void *b, void *arg)
{
	const struct frow *x = a, *y = b;
	const struct fctx *c = arg;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp((const char *)c->texts.p + c->toff[x->term],
	    (const char *)c->texts.p + c->toff[y->term]);
}

const struct pl_error *
pl_freq(struct pl_corpus *c, const struct pl_freq_opts *o,
    struct pl_table *out)
{
	const struct pl_error *err = NULL;
	struct pl_table t;
	struct fctx x;
	size_t i, g, k, row, ng;
	int grouped = o->group != 0, timeg = o->group > 0;
	enum pl_bucket by = timeg ? (enum pl_bucket)(o->group - 1) :
	    PL_BUCKET_DAY;
	int64_t *starts = NULL, lo = INT64_MAX, hi = INT64_MIN, s;

	pl_table_init(&t);
	memset(&x, 0, sizeof(x));
	x.c = c;
	x.o = o;
	buf_init(&x.texts);
	if ((x.grp = malloc((c->ndocs ? c->ndocs : 1) * sizeof(*x.grp))) ==
	    NULL) {
		err = pl_error_nomem();
		goto done;
	}
	/* Groups: one, each source, or dense calendar buckets. */
	for (i = 0; i < c->ndocs; i++)
		if (pl_corpus_match(c, i, &o->filter)) {
			if (c->docs[i].day < lo)
				lo = c->docs[i].day;
			if (c->docs[i].day > hi)
				hi = c->docs[i].day;
		}
	if (lo > hi) {
		err = pl_error_fmt(PL_ERR_DATA, "no documents match the "
		    "filters (dates, sources, metadata)");
		goto done;
	}
	if (!grouped)
		ng = 1;
	else if (!timeg)
		ng = c->nsources;
	else {
		ng = 0;
		for (s = pl_bucket_start(by, lo); s <= hi;
		    s = pl_bucket_next(by, s))
			ng++;
		if ((starts = malloc((ng + 1) * sizeof(*starts))) == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		for (s = pl_bucket_start(by, lo), k = 0; k <= ng;
		    s = pl_bucket_next(by, s), k++)
			starts[k] = s;
	}
	x.ng = ng;
	if ((x.g = calloc(ng, sizeof(*x.g))) == NULL ||
	    (x.gcount = calloc(ng, sizeof(*x.gcount))) == NULL ||
	    (x.gdocs = calloc(ng, sizeof(*x.gdocs))) == NULL ||
	    (x.gdp = calloc(ng, sizeof(*x.gdp))) == NULL ||
	    (x.touched = calloc(ng, sizeof(*x.touched))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (i = 0; i < c->ndocs; i++) {
		x.grp[i] = -1;
		if (!pl_corpus_match(c, i, &o->filter))
			continue;
		if (!grouped)
			g = 0;
		else if (!timeg)
			g = c->docs[i].source;
		else {
			size_t l = 0, r = ng;
			while (r - l > 1) {
				size_t m = (l + r) / 2;
				if (starts[m] <= c->docs[i].day)
					l = m;
				else
					r = m;
			}
			g = l;
		}
		x.grp[i] = (int32_t)g;
		x.g[g].ndocs++;
		x.g[g].tokens += c->docs[i].tokens;
	}
	for (g = 0; g < ng; g++) {
		if (timeg) {
			char lab[24];
			pl_bucket_label(by, starts[g], lab);
			snprintf(x.g[g].label, sizeof(x.g[g].label), "%s", lab);
		} else if (grouped)
			snprintf(x.g[g].label, sizeof(x.g[g].label), "%s",
			    c->sources[g]);
	}
	if ((err = pl_db_each_term(c->db, NULL, o->n, o->min_count, one_term,
	    &x)) != NULL)
		goto done;
	if (grouped && (err = pl_table_add_col(&t, "group", PL_COL_STR)) !=
	    NULL)
		goto done;
	if ((err = pl_table_add_col(&t, "term", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&t, "n", PL_COL_INT)) != NULL ||
	    (err = pl_table_add_col(&t, "count", PL_COL_INT)) != NULL ||
	    (err = pl_table_add_col(&t, "per10k", PL_COL_REAL)) != NULL ||
	    (err = pl_table_add_col(&t, "docs", PL_COL_INT)) != NULL ||
	    (err = pl_table_add_col(&t, "tfidf", PL_COL_REAL)) != NULL ||
	    (err = pl_table_add_col(&t, "dp", PL_COL_REAL)) != NULL)
		goto done;
	for (g = 0; g < ng; g++) {
		struct fgroup *fg = &x.g[g];
		size_t lim, col = grouped ? 1 : 0;
		if (fg->ndocs == 0)
			continue;
		if (fg->n > 1)
			qsort_r(fg->v, fg->n, sizeof(*fg->v), cmp_frow, &x);
		lim = o->top && o->top < fg->n ? o->top : fg->n;
		for (k = 0; k < lim; k++) {
			const struct frow *r = &fg->v[k];
			if ((err = pl_table_add_row(&t)) != NULL)
				goto done;
			row = t.nrows - 1;
			if (grouped)
				pl_table_set_str(&t, row, 0, fg->label);
			pl_table_set_term(&t, row, col, (const char *)x.texts.p +
			    x.toff[r->term]);
			pl_table_set_int(&t, row, col + 1, o->n);
			pl_table_set_int(&t, row, col + 2, r->count);
			pl_table_set_real(&t, row, col + 3, (double)r->count *
			    10000.0 / (double)fg->tokens);
			pl_table_set_int(&t, row, col + 4, r->docs);
			pl_table_set_real(&t, row, col + 5, (double)r->count *
			    log((double)fg->ndocs / (double)r->docs));
			pl_table_set_real(&t, row, col + 6, r->dp);
		}
	}
	pl_table_release(out);
	*out = t;
	pl_table_init(&t);
done:
	if (x.g)
		for (g = 0; g < x.ng; g++)
			free(x.g[g].v);
	free(x.g);
	free(x.gcount);
	free(x.gdocs);
	free(x.gdp);
	free(x.touched);
	free(x.grp);
	free(x.prow);
	free(x.pcnt);
	free(x.toff);
	free(starts);
	buf_release(&x.texts);
	pl_table_release(&t);
	return err;
}
