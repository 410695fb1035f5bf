/*
 * kwic.c - keyword in context (see include/plenum/kwic.h).
 *
 * Candidate documents come from posting lists; each candidate's token
 * sequence is scanned for the term's alternatives (a word id, a set of
 * word ids for a prefix, or a sequence of ids within a sentence), and the
 * spans stored with the tokens give the original text around each match.
 */
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "plenum/kwic.h"
#include "plenum/token.h"
#include "extern.h"

void
pl_kwic_opts_defaults(struct pl_kwic_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->width = 8;
	o->limit = 100;
	o->sort = PL_KWIC_SORT_DATE;
	o->seed = 1;
	pl_docfilter_init(&o->filter);
}

/* One alternative as word ids; a prefix has a sorted set for its word. */
struct kalt {
	int64_t		*ids;		/* nwords ids (0 if unknown) */
	size_t		 nwords;
	int64_t		*set;		/* prefix: matching word ids, sorted */
	size_t		 nset;
};

struct hit {
	uint32_t	 row;
	uint32_t	 tok;		/* first token */
	uint32_t	 len;		/* tokens */
	char		*left, *match, *right, *lkey, *rkey;
	uint32_t	 off;
};

struct kctx {
	struct pl_corpus	*c;
	const struct pl_docfilter *f;
	uint8_t			*cand;		/* per row */
	struct kalt		*cur;		/* prefix being collected */
	int			 nomem;
};

static void
mark_cand(void *arg, int64_t doc, int64_t n)
{
	struct kctx *k = arg;
	int32_t row;

	(void)n;
	if (doc >= 0 && doc <= k->c->maxid && (row = k->c->row_of[doc]) >= 0)
		k->cand[row] = 1;
}

static const struct pl_error *
prefix_word(void *arg, const char *text, int n, int64_t cf, int64_t df,
    const unsigned char *post, size_t len)
{
	struct kctx *k = arg;
	struct kalt *a = k->cur;
	const struct pl_error *err;
	int64_t id, *ns;

	(void)n;
	(void)cf;
	(void)df;
	if ((err = pl_db_word_id(k->c->db, text, &id)) != NULL)
		return err;
	if ((ns = realloc(a->set, (a->nset + 1) * sizeof(*ns))) == NULL)
		return pl_error_nomem();
	a->set = ns;
	a->set[a->nset++] = id;
	if (pl_postings_each(post, len, mark_cand, k) == -1)
		return pl_error_fmt(PL_ERR_DB, "corrupt posting list");
	return NULL;
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static int
in_set(const struct kalt *a, int64_t id)
{
	return bsearch(&id, a->set, a->nset, sizeof(*a->set), cmp_i64) !=
	    NULL;
}

/* Word ids of the alternatives and the candidate documents. */
static const struct pl_error *
resolve(struct kctx *k, const struct pl_term *t, struct kalt *ka)
{
	const struct pl_error *err;
	unsigned char *post;
	size_t i, w, len;
	int64_t df, best, cf;
	const char *rare;

	for (i = 0; i < t->nalts; i++) {
		const struct pl_alt *a = &t->alts[i];
		struct kalt *x = &ka[i];
		x->nwords = a->nwords;
		if ((x->ids = calloc(a->nwords, sizeof(*x->ids))) == NULL)
			return pl_error_nomem();
		if (a->prefix) {
			k->cur = x;
			if ((err = pl_db_each_term(k->c->db, a->words[0], 1, 1,
			    prefix_word, k)) != NULL)
				return err;
			if (x->nset > 1)
				qsort(x->set, x->nset, sizeof(*x->set),
				    cmp_i64);
			continue;
		}
		rare = NULL;
		best = -1;
		for (w = 0; w < a->nwords; w++) {
			if ((err = pl_db_word_id(k->c->db, a->words[w],
			    &x->ids[w])) != NULL)
				return err;
			if (x->ids[w] == 0)
				break;	/* unknown word: the alternative can't match */
			if ((err = pl_db_postings(k->c->db, a->words[w], &post,
			    &len, &cf, &df)) != NULL)
				return err;
			free(post);
			if (best == -1 || df < best) {
				best = df;
				rare = a->words[w];
			}
		}
		if (w < a->nwords || rare == NULL)
			continue;
		if ((err = pl_db_postings(k->c->db, rare, &post, &len, NULL,
		    NULL)) != NULL)
			return err;
		if (pl_postings_each(post, len, mark_cand, k) == -1) {
			free(post);
			return pl_error_fmt(PL_ERR_DB, "corrupt posting list");
		}
		free(post);
	}
	return NULL;
}

/* Copies text[a, b) with line breaks and tabs shown as spaces. */
static char *
flat(const char *text, size_t a, size_t b)
{
	char *s = malloc(b - a + 1);
	size_t i;

	if (s == NULL)
		return NULL;
	for (i = a; i < b; i++)
		s[i - a] = (text[i] == '\n' || text[i] == '\r' ||
		    text[i] == '\t') ? ' ' : text[i];
	s[b - a] = '\0';
	return s;
}

/* The normalised words of tokens [a, b) joined by spaces; reversed when
 * rev (nearest the match first). */
static char *
key_words(struct pl_tokenizer *tk, const char *text, const uint32_t *off,
    const uint32_t *len, size_t a, size_t b, int rev, struct pl_tokens *tmp)
{
	struct buf k;
	size_t i, j;

	buf_init(&k);
	for (j = 0; j < b - a; j++) {
		i = rev ? b - 1 - j : a + j;
		if (pl_tokenize(tk, text + off[i], len[i], tmp) == NULL &&
		    tmp->n > 0) {
			if (k.n > 0)
				buf_add(&k, " ", 1);
			buf_add(&k, PL_TOKEN_STR(tmp, 0), tmp->v[0].nlen);
		}
	}
	buf_add(&k, "", 1);
	return (char *)k.p;
}

static int
cmp_hit_left(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;
	int c = strcmp(x->lkey, y->lkey);

	return c ? c : strcmp(x->rkey, y->rkey);
}

static int
cmp_hit_right(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;
	int c = strcmp(x->rkey, y->rkey);

	return c ? c : strcmp(x->lkey, y->lkey);
}

static void
hit_release(struct hit *h)
{
	free(h->left);
	free(h->match);
	free(h->right);
	free(h->lkey);
	free(h->rkey);
}

static void
hits_free(struct hit *h, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		hit_release(&h[i]);
	free(h);
}

static int
cmp_row_day(const void *a, const void *b, void *arg)
{
	const struct pl_corpus *c = arg;
	const struct pl_cdoc *x = &c->docs[*(const uint32_t *)a];
	const struct pl_cdoc *y = &c->docs[*(const uint32_t *)b];

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

const struct pl_error *
pl_kwic(struct pl_corpus *c, const struct pl_term *t,
    const struct pl_kwic_opts *o, struct pl_table *out)
{
	const struct pl_error *err = NULL;
	struct pl_table tab;
	struct kctx k;
	struct kalt *ka = NULL;
	struct hit *hits = NULL;
	size_t nhits = 0, hcap = 0, i, j, a, r, nrows = 0, row;
	uint32_t *rows = NULL, *off = NULL, *len = NULL, *sent = NULL;
	int64_t *ids = NULL;
	size_t tcap = 0;
	unsigned char *idb = NULL, *spb = NULL;
	char *text = NULL;
	struct pl_tokens tmp;
	int need_keys = o->sort != PL_KWIC_SORT_DATE;

	pl_table_init(&tab);
	pl_tokens_init(&tmp);
	memset(&k, 0, sizeof(k));
	k.c = c;
	k.f = &o->filter;
	if ((k.cand = calloc(c->ndocs ? c->ndocs : 1, 1)) == NULL ||
	    (ka = calloc(t->nalts, sizeof(*ka))) == NULL ||
	    (rows = malloc((c->ndocs ? c->ndocs : 1) * sizeof(*rows))) ==
	    NULL) {
		err = pl_error_nomem();
		goto done;
	}
	if ((err = resolve(&k, t, ka)) != NULL)
		goto done;
	for (i = 0; i < c->ndocs; i++)
		if (k.cand[i] && pl_corpus_match(c, i, &o->filter))
			rows[nrows++] = (uint32_t)i;
	if (nrows > 1)
		qsort_r(rows, nrows, sizeof(*rows), cmp_row_day, c);
	for (r = 0; r < nrows; r++) {
		const struct pl_cdoc *d = &c->docs[rows[r]];
		size_t idl, spl, tl, n = 0;
		const unsigned char *p, *end;
		uint64_t v, s = 0, prev = 0;

		/* In date order with no sample, the first limit hits are the
		 * answer: read no further documents. */
		if (o->sort == PL_KWIC_SORT_DATE && o->sample == 0 &&
		    o->limit > 0 && nhits >= o->limit)
			break;

		if ((err = pl_db_doc_tokens(c->db, d->id, &idb, &idl, &spb,
		    &spl, &text, &tl)) != NULL)
			goto done;
		/* Decode ids (with sentence numbers) and spans. */
		for (p = idb, end = idb + idl; p < end;) {
			if (varint_get(&p, end, &v) == -1)
				goto corrupt;
			if (v == 0) {
				s++;
				continue;
			}
			if (n == tcap) {
				size_t nc = tcap ? tcap * 2 : 1024;
				int64_t *ni = realloc(ids, nc * sizeof(*ni));
				uint32_t *no = ni ? realloc(off, nc *
				    sizeof(*no)) : NULL;
				uint32_t *nl = no ? realloc(len, nc *
				    sizeof(*nl)) : NULL;
				uint32_t *ns = nl ? realloc(sent, nc *
				    sizeof(*ns)) : NULL;
				if (ni)
					ids = ni;
				if (no)
					off = no;
				if (nl)
					len = nl;
				if (ns)
					sent = ns;
				if (ns == NULL) {
					err = pl_error_nomem();
					goto done;
				}
				tcap = nc;
			}
			ids[n] = (int64_t)v;
			sent[n++] = (uint32_t)s;
		}
		for (p = spb, end = spb + spl, j = 0; j < n; j++) {
			uint64_t gap, l;
			if (varint_get(&p, end, &gap) == -1 ||
			    varint_get(&p, end, &l) == -1)
				goto corrupt;
			prev += gap;
			off[j] = (uint32_t)prev;
			len[j] = (uint32_t)l;
			if (prev + l > tl)
				goto corrupt;
		}
		/* Matches: each token position against each alternative. */
		for (j = 0; j < n; j++) {
			size_t mlen = 0;
			for (a = 0; a < t->nalts; a++) {
				const struct kalt *x = &ka[a];
				size_t w;
				if (x->nset > 0) {
					if (in_set(x, ids[j]) && mlen < 1)
						mlen = 1;
					continue;
				}
				if (x->ids[0] == 0 || j + x->nwords > n)
					continue;
				for (w = 0; w < x->nwords; w++)
					if (ids[j + w] != x->ids[w] ||
					    sent[j + w] != sent[j])
						break;
				if (w == x->nwords && w > mlen)
					mlen = w;
			}
			if (mlen == 0)
				continue;
			if (nhits == hcap) {
				size_t nc = hcap ? hcap * 2 : 256;
				struct hit *nh = realloc(hits,
				    nc * sizeof(*nh));
				if (nh == NULL) {
					err = pl_error_nomem();
					goto done;
				}
				hits = nh;
				hcap = nc;
			}
			{
				struct hit *h = &hits[nhits];
				size_t lo = j >= (size_t)o->width ?
				    j - (size_t)o->width : 0;
				size_t hi = j + mlen + (size_t)o->width <= n ?
				    j + mlen + (size_t)o->width : n;
				size_t mend = off[j + mlen - 1] +
				    len[j + mlen - 1];
				memset(h, 0, sizeof(*h));
				h->row = rows[r];
				h->tok = (uint32_t)j;
				h->len = (uint32_t)mlen;
				h->off = off[j];
				nhits++;
				h->left = flat(text, off[lo], off[j]);
				h->match = flat(text, off[j], mend);
				h->right = flat(text, mend, hi > j + mlen ?
				    off[hi - 1] + len[hi - 1] : mend);
				if (need_keys) {
					h->lkey = key_words(c->tk, text, off,
					    len, lo, j, 1, &tmp);
					h->rkey = key_words(c->tk, text, off,
					    len, j + mlen, hi, 0, &tmp);
				}
				if (h->left == NULL || h->match == NULL ||
				    h->right == NULL || (need_keys &&
				    (h->lkey == NULL || h->rkey == NULL))) {
					err = pl_error_nomem();
					goto done;
				}
			}
			j += mlen - 1;
		}
		free(idb);
		free(spb);
		free(text);
		idb = spb = NULL;
		text = NULL;
	}
	/* A random sample, drawn before sorting. */
	if (o->sample > 0 && o->sample < nhits) {
		gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
		if (rng == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		gsl_rng_set(rng, o->seed);
		for (i = 0; i < o->sample; i++) {
			size_t pick = i + gsl_rng_uniform_int(rng,
			    (unsigned long)(nhits - i));
			struct hit tmph = hits[i];
			hits[i] = hits[pick];
			hits[pick] = tmph;
		}
		gsl_rng_free(rng);
		for (i = o->sample; i < nhits; i++)
			hit_release(&hits[i]);
		nhits = o->sample;
		if (o->sort == PL_KWIC_SORT_DATE) {
			/* Back to corpus order. */
			for (i = 1; i < nhits; i++) {
				struct hit h = hits[i];
				j = i;
				while (j > 0 && (c->docs[hits[j - 1].row].day >
				    c->docs[h.row].day ||
				    (c->docs[hits[j - 1].row].day ==
				    c->docs[h.row].day &&
				    (hits[j - 1].row > h.row ||
				    (hits[j - 1].row == h.row &&
				    hits[j - 1].tok > h.tok))))) {
					hits[j] = hits[j - 1];
					j--;
				}
				hits[j] = h;
			}
		}
	}
	if (nhits < 2)
		;	/* nothing to sort */
	else if (o->sort == PL_KWIC_SORT_LEFT)
		qsort(hits, nhits, sizeof(*hits), cmp_hit_left);
	else if (o->sort == PL_KWIC_SORT_RIGHT)
		qsort(hits, nhits, sizeof(*hits), cmp_hit_right);
	if ((err = pl_table_add_col(&tab, "doc", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&tab, "date", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&tab, "source", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&tab, "left", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&tab, "match", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&tab, "right", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&tab, "offset", PL_COL_INT)) != NULL)
		goto done;
	for (i = 0; i < nhits && (o->limit == 0 || i < o->limit); i++) {
		const struct pl_cdoc *d = &c->docs[hits[i].row];
		char day[11], *ext = NULL;
		if ((err = pl_table_add_row(&tab)) != NULL ||
		    (err = pl_db_doc_names(c->db, d->id, &ext, NULL)) != NULL)
			goto done;
		row = tab.nrows - 1;
		pl_date_format(d->day, day);
		err = pl_table_set_str(&tab, row, 0, ext);
		free(ext);
		if (err)
			goto done;
		pl_table_set_str(&tab, row, 1, day);
		pl_table_set_str(&tab, row, 2, c->sources[d->source]);
		pl_table_set_str(&tab, row, 3, hits[i].left);
		pl_table_set_str(&tab, row, 4, hits[i].match);
		pl_table_set_str(&tab, row, 5, hits[i].right);
		pl_table_set_int(&tab, row, 6, hits[i].off);
	}
	pl_table_release(out);
	*out = tab;
	pl_table_init(&tab);
	goto done;
corrupt:
	err = pl_error_fmt(PL_ERR_DB, "%s: corrupt token list",
	    pl_db_path(c->db));
done:
	hits_free(hits, nhits);
	if (ka)
		for (i = 0; i < t->nalts; i++) {
			free(ka[i].ids);
			free(ka[i].set);
		}
	free(ka);
	free(k.cand);
	free(rows);
	free(ids);
	free(off);
	free(len);
	free(sent);
	free(idb);
	free(spb);
	free(text);
	pl_tokens_release(&tmp);
	pl_table_release(&tab);
	return err;
}
