/*
 * kwic.c - keyword in context (see include/plenum/kwic.h).
 *
 * The term matcher (match.c) gives each occurrence as a byte range and
 * the tokens it overlaps; the spans stored with the tokens give the
 * original text around it.
 */
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "plenum/kwic.h"
#include "plenum/match.h"
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

struct hit {
	uint32_t	 row;
	uint32_t	 tok;		/* first token */
	uint32_t	 len;		/* tokens */
	char		*left, *match, *right, *lkey, *rkey;
	uint32_t	 off;
};

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

/*
 * Candidate rows in date order: keys (day, row) packed in 64 bits (days
 * fit 32 bits, rows are in doc.id order).  With --limit in date order
 * only the first few are needed: a heap gives them in O(n + k log n)
 * instead of sorting every candidate (every document, for "the").
 */
static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t
row_key(const struct pl_corpus *c, uint32_t row)
{
	return (uint64_t)(uint32_t)(c->docs[row].day - INT32_MIN) << 32 | row;
}

/*
 * The smallest candidate keys above after (all when !have_after), at
 * most want of them, into keys[] in ascending order; returns how many.
 * A max-heap of want keys over every candidate: O(n log want).
 */
static size_t
pick_next(const struct pl_corpus *c, const uint32_t *rows, size_t nrows,
    int have_after, uint64_t after, uint64_t *keys, size_t want)
{
	size_t r, nb = 0, i, j;

	for (r = 0; r < nrows; r++) {
		uint64_t k = row_key(c, rows[r]);
		if (have_after && k <= after)
			continue;
		if (nb < want) {
			/* sift up */
			for (i = nb++; i > 0 && keys[(i - 1) / 2] < k;
			    i = (i - 1) / 2)
				keys[i] = keys[(i - 1) / 2];
			keys[i] = k;
		} else if (k < keys[0]) {
			/* replace the largest, sift down */
			for (i = 0; (j = 2 * i + 1) < nb; i = j) {
				if (j + 1 < nb && keys[j + 1] > keys[j])
					j++;
				if (keys[j] <= k)
					break;
				keys[i] = keys[j];
			}
			keys[i] = k;
		}
	}
	if (nb > 1)
		qsort(keys, nb, sizeof(*keys), cmp_u64);
	return nb;
}

/* Appends the hits of candidate row to *hits. */
static const struct pl_error *
add_doc_hits(struct pl_corpus *c, struct pl_matcher *m,
    const struct pl_kwic_opts *o, uint32_t row, struct pl_mdoc *md,
    struct hit **hitsp, size_t *nhitsp, size_t *hcapp, int need_keys,
    struct pl_tokens *tmp)
{
	const struct pl_error *err;
	size_t j;

	if ((err = pl_matcher_doc(m, row, md)) != NULL)
		return err;
	for (j = 0; j < md->nocc; j++) {
		const struct pl_occ *oc = &md->occ[j];
		struct hit *h;
		size_t tok = oc->tok, mend = tok + oc->ntok;
		size_t lo = tok >= (size_t)o->width ?
		    tok - (size_t)o->width : 0;
		size_t hi = mend + (size_t)o->width <= md->n ?
		    mend + (size_t)o->width : md->n;
		size_t ls = lo < md->n && md->off[lo] < oc->off ?
		    md->off[lo] : oc->off;
		size_t re = hi > 0 && md->off[hi - 1] + md->len[hi - 1] >
		    oc->end ? md->off[hi - 1] + md->len[hi - 1] : oc->end;

		if (*nhitsp == *hcapp) {
			size_t nc = *hcapp ? *hcapp * 2 : 256;
			struct hit *nh = realloc(*hitsp, nc * sizeof(*nh));
			if (nh == NULL)
				return pl_error_nomem();
			*hitsp = nh;
			*hcapp = nc;
		}
		h = &(*hitsp)[(*nhitsp)++];
		memset(h, 0, sizeof(*h));
		h->row = row;
		h->tok = (uint32_t)tok;
		h->len = oc->ntok;
		h->off = oc->off;
		h->left = flat(md->text, ls, oc->off);
		h->match = flat(md->text, oc->off, oc->end);
		h->right = flat(md->text, oc->end, re);
		if (need_keys) {
			h->lkey = key_words(c->tk, md->text, md->off,
			    md->len, lo, tok, 1, tmp);
			h->rkey = key_words(c->tk, md->text, md->off,
			    md->len, mend, hi, 0, tmp);
		}
		if (h->left == NULL || h->match == NULL || h->right == NULL ||
		    (need_keys && (h->lkey == NULL || h->rkey == NULL)))
			return pl_error_nomem();
	}
	return NULL;
}

const struct pl_error *
pl_kwic(struct pl_corpus *c, const struct pl_term *t,
    const struct pl_kwic_opts *o, struct pl_table *out)
{
	const struct pl_error *err = NULL;
	struct pl_table tab;
	struct pl_matcher *m = NULL;
	struct pl_mdoc md;
	struct hit *hits = NULL;
	size_t nhits = 0, hcap = 0, i, j, r, nrows = 0, row;
	uint32_t *rows = NULL;
	uint64_t *keys = NULL;
	int early;
	struct pl_tokens tmp;
	int need_keys = o->sort != PL_KWIC_SORT_DATE;

	pl_table_init(&tab);
	pl_tokens_init(&tmp);
	pl_mdoc_init(&md);
	if ((err = pl_matcher_new(c, t, &m)) != NULL ||
	    (err = pl_matcher_candidates(m, &o->filter, &rows, &nrows)) != NULL)
		goto done;
	early = o->sort == PL_KWIC_SORT_DATE && o->sample == 0 && o->limit > 0;
	if (early) {
		/*
		 * In date order with no sample, the first limit hits are the
		 * answer: the next few candidates in (day, row) order are
		 * picked with a small heap over all of them, read, and the
		 * next few after them while hits are missing, so "the" at
		 * 10^6 documents reads 20 documents and sorts none.
		 */
		uint64_t after = 0;
		size_t want = o->limit < nrows ? o->limit : nrows, nb, k;
		int have_after = 0;
		if (want == 0)
			want = 1;
		if ((keys = malloc(want * sizeof(*keys))) == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		while (nhits < o->limit) {
			nb = pick_next(c, rows, nrows, have_after, after, keys,
			    want);
			if (nb == 0)
				break;
			for (k = 0; k < nb && nhits < o->limit; k++) {
				if ((err = add_doc_hits(c, m, o,
				    (uint32_t)(keys[k] & 0xffffffffu), &md,
				    &hits, &nhits, &hcap, need_keys, &tmp)) !=
				    NULL)
					goto done;
				after = keys[k];
				have_after = 1;
			}
			if (nb < want)
				break;	/* every candidate read */
			if (want < ((size_t)1 << 20)) {
				uint64_t *nk;
				want *= 2;
				if ((nk = realloc(keys, want * sizeof(*nk))) ==
				    NULL) {
					err = pl_error_nomem();
					goto done;
				}
				keys = nk;
			}
		}
	} else {
		if ((keys = malloc((nrows ? nrows : 1) * sizeof(*keys))) ==
		    NULL) {
			err = pl_error_nomem();
			goto done;
		}
		for (r = 0; r < nrows; r++)
			keys[r] = row_key(c, rows[r]);
		if (nrows > 1)
			qsort(keys, nrows, sizeof(*keys), cmp_u64);
		for (r = 0; r < nrows; r++)
			if ((err = add_doc_hits(c, m, o,
			    (uint32_t)(keys[r] & 0xffffffffu), &md, &hits,
			    &nhits, &hcap, need_keys, &tmp)) != NULL)
				goto done;
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
done:
	hits_free(hits, nhits);
	free(keys);
	pl_matcher_free(m);
	pl_mdoc_release(&md);
	free(rows);
	pl_tokens_release(&tmp);
	pl_table_release(&tab);
	return err;
}
