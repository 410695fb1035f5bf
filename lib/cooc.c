/*
 * cooc.c - association measures, the rows of an answer, a term as word
 * ids and a document's token ids, which the collocates (lib/colloc.c)
 * share; the association matrix of a set of terms and the corpus's
 * bigrams (see include/plenum/cooc.h and docs/STATISTICS.md).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/match.h"
#include "plenum/cooc.h"
#include "plenum/freq.h"
#include "plenum/stats.h"
#include "plenum/token.h"
#include "extern.h"
#include "cooc-int.h"

/* Measures. */

static const char *const mnames[PL_M_COUNT] = {
	"o11", "pmi", "npmi", "mi3", "g2", "t", "z", "dice", "logdice",
	"chi2"
};

int
pl_measure_parse(const char *s)
{
	int i;

	for (i = 0; i < PL_M_COUNT; i++)
		if (strcmp(s, mnames[i]) == 0)
			return i;
	return -1;
}

const char *
pl_measure_name(int m)
{
	return m >= 0 && m < PL_M_COUNT ? mnames[m] : "?";
}

double
pl_assoc_value(const struct pl_assoc *a, double o11, int m)
{
	switch (m) {
	case PL_M_O11:
		return o11;
	case PL_M_PMI:
		return a->pmi;
	case PL_M_NPMI:
		return a->npmi;
	case PL_M_MI3:
		return a->mi3;
	case PL_M_G2:
		return a->g2;
	case PL_M_T:
		return a->t;
	case PL_M_Z:
		return a->z;
	case PL_M_DICE:
		return a->dice;
	case PL_M_LOGDICE:
		return a->logdice;
	case PL_M_CHI2:
		return a->chi2;
	default:
		return NAN;
	}
}

/* O ln(O/E), 0 when O is 0. */
static double
xlogx(double o, double e)
{
	if (o <= 0)
		return 0;
	if (e <= 0)
		return NAN;
	return o * log(o / e);
}

void
pl_assoc_measures(double o11, double r1, double c1, double n, double f1,
    double f2, struct pl_assoc *a)
{
	double o12 = r1 - o11, o21 = c1 - o11, o22 = n - r1 - c1 + o11;
	double e11, e12, e21, e22, g2, den;

	a->e11 = e11 = n > 0 ? r1 * c1 / n : NAN;
	e12 = r1 * (n - c1) / n;
	e21 = (n - r1) * c1 / n;
	e22 = (n - r1) * (n - c1) / n;
	if (!(n > 0) || o12 < 0 || o21 < 0 || o22 < 0) {
		a->pmi = a->npmi = a->mi3 = a->g2 = a->p = a->t = a->z =
		    a->chi2 = NAN;
	} else {
		a->pmi = o11 > 0 && e11 > 0 ? log2(o11 / e11) : NAN;
		a->npmi = o11 > 0 && o11 < n && e11 > 0 ?
		    log2(o11 / e11) / -log2(o11 / n) : NAN;
		a->mi3 = o11 > 0 && e11 > 0 ? log2(o11 * o11 * o11 / e11) :
		    NAN;
		g2 = 2.0 * (xlogx(o11, e11) + xlogx(o12, e12) +
		    xlogx(o21, e21) + xlogx(o22, e22));
		if (g2 < 0)
			g2 = 0;	/* rounding when O = E */
		a->p = isnan(g2) ? NAN : pl_chisq_q(g2, 1);
		a->g2 = o11 < e11 ? -g2 : g2;
		a->t = o11 > 0 ? (o11 - e11) / sqrt(o11) : NAN;
		a->z = e11 > 0 ? (o11 - e11) / sqrt(e11) : NAN;
		den = r1 * c1 * (n - r1) * (n - c1);
		a->chi2 = den > 0 ? n * (o11 * o22 - o12 * o21) *
		    (o11 * o22 - o12 * o21) / den : NAN;
	}
	a->dice = f1 + f2 > 0 ? 2.0 * o11 / (f1 + f2) : NAN;
	a->logdice = a->dice > 0 ? 14.0 + log2(a->dice) : NAN;
}

void
pl_cooc_opts_defaults(struct pl_cooc_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->span = PL_SPAN_WINDOW;
	o->left = o->right = 5;
	o->measure[0] = PL_M_G2;
	o->nmeasure = 1;
	o->top = 50;
	o->min_count = 3;
	o->min_freq = 1;
	pl_docfilter_init(&o->filter);
}

/* Rows, sorted by the ranking measures. */

int
cooc_cmp_rows(const void *x, const void *y, void *arg)
{
	const struct crow *a = x, *b = y;
	const struct sortctx *s = arg;
	size_t i;
	int c;

	for (i = 0; i < s->nmeasure; i++) {
		double u = pl_assoc_value(&a->m, (double)a->o11, s->measure[i]);
		double v = pl_assoc_value(&b->m, (double)b->o11, s->measure[i]);
		if (isnan(u) != isnan(v))
			return isnan(u) ? 1 : -1;	/* undefined last */
		if (!isnan(u) && u != v)
			return u > v ? -1 : 1;
	}
	if (a->o11 != b->o11)
		return a->o11 > b->o11 ? -1 : 1;
	if ((c = strcmp(a->a, b->a)) != 0)
		return c;
	return strcmp(a->b ? a->b : "", b->b ? b->b : "");
}

void
cooc_rows_free(struct crow *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(r[i].a);
		free(r[i].b);
	}
	free(r);
}

const struct pl_error *
cooc_measure_cols(struct pl_table *t)
{
	static const char *const cols[] = {
		"pmi", "npmi", "mi3", "g2", "p", "t", "z", "dice", "logdice",
		"chi2"
	};
	const struct pl_error *err;
	size_t i;

	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		if ((err = pl_table_add_col(t, cols[i], PL_COL_REAL)) != NULL)
			return err;
	return NULL;
}

void
cooc_set_measures(struct pl_table *t, size_t row, size_t col,
    const struct pl_assoc *m)
{
	pl_table_set_real(t, row, col++, m->pmi);
	pl_table_set_real(t, row, col++, m->npmi);
	pl_table_set_real(t, row, col++, m->mi3);
	pl_table_set_real(t, row, col++, m->g2);
	pl_table_set_real(t, row, col++, m->p);
	pl_table_set_real(t, row, col++, m->t);
	pl_table_set_real(t, row, col++, m->z);
	pl_table_set_real(t, row, col++, m->dice);
	pl_table_set_real(t, row, col++, m->logdice);
	pl_table_set_real(t, row, col, m->chi2);
}

const struct pl_error *
cooc_rows_push(struct crow **v, size_t *n, size_t *cap, struct crow *r)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 256;
		struct crow *nv = realloc(*v, nc * sizeof(*nv));
		if (nv == NULL)
			return pl_error_nomem();
		*v = nv;
		*cap = nc;
	}
	(*v)[(*n)++] = *r;
	return NULL;
}

/* The node in a document's token ids. */

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

int
cooc_in_sorted(const int64_t *v, size_t n, int64_t id)
{
	return n > 0 && bsearch(&id, v, n, sizeof(*v), cmp_i64) != NULL;
}

static const struct pl_error *
prefix_word(void *arg, const char *text, int n, int64_t cf, int64_t df,
    const unsigned char *post, size_t len)
{
	struct node *nd = arg;
	struct nalt *a = nd->cur;
	const struct pl_error *err;
	int64_t id, *ns;

	(void)n;
	(void)cf;
	(void)df;
	(void)post;
	(void)len;
	if ((err = pl_db_word_id(nd->db, text, &id)) != NULL)
		return err;
	if ((ns = realloc(a->set, (a->nset + 1) * sizeof(*ns))) == NULL)
		return pl_error_nomem();
	a->set = ns;
	a->set[a->nset++] = id;
	return NULL;
}

void
cooc_node_release(struct node *nd)
{
	size_t i;

	for (i = 0; nd->a != NULL && i < nd->n; i++) {
		free(nd->a[i].ids);
		free(nd->a[i].set);
	}
	free(nd->a);
	free(nd->excl);
	memset(nd, 0, sizeof(*nd));
}

const struct pl_error *
cooc_node_resolve(struct pl_corpus *c, const struct pl_term *t, struct node *nd)
{
	const struct pl_error *err;
	size_t i, w, k;
	int64_t *ne;

	memset(nd, 0, sizeof(*nd));
	nd->db = c->db;
	if ((nd->a = calloc(t->nalts, sizeof(*nd->a))) == NULL)
		return pl_error_nomem();
	nd->n = t->nalts;
	for (i = 0; i < t->nalts; i++) {
		const struct pl_alt *a = &t->alts[i];
		struct nalt *x = &nd->a[i];
		x->nwords = a->nwords;
		x->prefix = a->prefix;
		if ((x->ids = calloc(a->nwords, sizeof(*x->ids))) == NULL)
			return pl_error_nomem();
		if (a->prefix) {
			nd->cur = x;
			if ((err = pl_db_each_term(c->db, a->words[0], 1, 1,
			    prefix_word, nd)) != NULL)
				return err;
			if (x->nset > 1)
				qsort(x->set, x->nset, sizeof(*x->set),
				    cmp_i64);
			k = x->nset;
			if ((ne = realloc(nd->excl, (nd->nexcl + k + 1) *
			    sizeof(*ne))) == NULL)
				return pl_error_nomem();
			nd->excl = ne;
			memcpy(nd->excl + nd->nexcl, x->set, k * sizeof(*ne));
			nd->nexcl += k;
			continue;
		}
		for (w = 0; w < a->nwords; w++) {
			if ((err = pl_db_word_id(c->db, a->words[w],
			    &x->ids[w])) != NULL)
				return err;
			if (x->ids[w] == 0) {
				x->ids[0] = 0;	/* an unknown word: no match */
				break;
			}
		}
		if (a->nwords == 1 && x->ids[0] != 0) {
			if ((ne = realloc(nd->excl, (nd->nexcl + 1) *
			    sizeof(*ne))) == NULL)
				return pl_error_nomem();
			nd->excl = ne;
			nd->excl[nd->nexcl++] = x->ids[0];
		}
	}
	if (nd->nexcl > 1)
		qsort(nd->excl, nd->nexcl, sizeof(*nd->excl), cmp_i64);
	return NULL;
}

void
cooc_dtoks_release(struct dtoks *d)
{
	free(d->ids);
	free(d->sent);
	free(d->flag);
	memset(d, 0, sizeof(*d));
}

/* Decodes document doc's token ids (borrowed) into d. */
const struct pl_error *
cooc_dtoks_decode(struct pl_corpus *c, int64_t doc, const unsigned char *blob,
    size_t len, struct dtoks *d)
{
	const unsigned char *p, *q, *end;
	uint32_t *ids, *sent;
	uint64_t v;
	uint32_t s = 0;
	size_t n = 0;

	d->n = 0;
	/* At most one token per byte. */
	if (len > d->cap) {
		size_t nc = len + 1024;
		uint32_t *ni = realloc(d->ids, nc * sizeof(*ni));
		uint32_t *ns = ni ? realloc(d->sent, nc * sizeof(*ns)) : NULL;
		uint8_t *nf = ns ? realloc(d->flag, nc) : NULL;
		if (ni)
			d->ids = ni;
		if (ns)
			d->sent = ns;
		if (nf)
			d->flag = nf;
		if (nf == NULL)
			return pl_error_nomem();
		d->cap = nc;
	}
	/* Locals, so that the loop keeps them in registers. */
	ids = d->ids;
	sent = d->sent;
	for (p = blob, end = blob + len; p < end;) {
		/*
		 * Most ids fit in one or two bytes: decoded without a branch
		 * on which (they mix at random), and so is a sentence break
		 * (id 0), written to the arrays but not counted.
		 */
		if (end - p >= 2 && (p[0] & p[1] & 0x80) == 0) {
			uint32_t two = p[0] >> 7;
			v = (uint32_t)(p[0] & 0x7f) |
			    ((uint32_t)p[1] << 7 & -two);
			p += 1 + two;
		} else if (*p < 0x80)
			v = *p++;
		else {
			q = p;
			if (varint_get(&q, end, &v) == -1 || v > UINT32_MAX)
				return pl_error_fmt(PL_ERR_DAMAGED, "%s: "
				    "database damaged: corrupt token list of "
				    "document %lld", pl_db_path(c->db),
				    (long long)doc);
			p = q;
		}
		s += v == 0;
		ids[n] = (uint32_t)v;
		sent[n] = s;
		n += v != 0;
	}
	d->n = n;
	memset(d->flag, 0, n);
	return NULL;
}

/* Reads and decodes document doc's token ids into d. */
const struct pl_error *
cooc_dtoks_read(struct pl_corpus *c, int64_t doc, struct dtoks *d)
{
	const struct pl_error *err;
	unsigned char *blob;
	size_t len;

	if ((err = pl_db_doc_tokens(c->db, doc, &blob, &len, NULL, NULL, NULL,
	    NULL)) != NULL)
		return err;
	err = cooc_dtoks_decode(c, doc, blob, len, d);
	free(blob);
	return err;
}

/* The association matrix of a set of terms. */

/* A posting index of the terms' first words: which alternatives may
 * start at a token with this word id. */
struct mentry {
	uint32_t	 term;
	uint32_t	 alt;
	int32_t		 next;		/* -1: end of the list */
};

struct mindex {
	int32_t		*head;		/* per word id, -1: none */
	size_t		 nhead;
	struct mentry	*e;
	size_t		 n, cap;
};

static const struct pl_error *
mindex_add(struct mindex *mi, int64_t id, uint32_t term, uint32_t alt)
{
	size_t i, nc;

	if (id <= 0 || id > UINT32_MAX)
		return NULL;
	if ((size_t)id >= mi->nhead) {
		int32_t *nh;
		nc = mi->nhead ? mi->nhead : 4096;
		while (nc <= (size_t)id)
			nc *= 2;
		if ((nh = realloc(mi->head, nc * sizeof(*nh))) == NULL)
			return pl_error_nomem();
		for (i = mi->nhead; i < nc; i++)
			nh[i] = -1;
		mi->head = nh;
		mi->nhead = nc;
	}
	if (mi->n == mi->cap) {
		struct mentry *ne;
		nc = mi->cap ? mi->cap * 2 : 64;
		if ((ne = realloc(mi->e, nc * sizeof(*ne))) == NULL)
			return pl_error_nomem();
		mi->e = ne;
		mi->cap = nc;
	}
	mi->e[mi->n].term = term;
	mi->e[mi->n].alt = alt;
	mi->e[mi->n].next = mi->head[id];
	mi->head[id] = (int32_t)mi->n++;
	return NULL;
}

const struct pl_error *
pl_cooc_matrix(struct pl_corpus *c, struct pl_term **terms, size_t nt,
    const struct pl_cooc_opts *o, struct pl_table *out)
{
	const struct pl_error *err = NULL;
	struct pl_table t;
	struct node *nd = NULL;
	struct mindex mi;
	struct dtoks d;
	struct crow *rows = NULL, r;
	struct sortctx sc;
	int64_t *pair = NULL, *freq = NULL, *cnt = NULL, nunits = 0;
	uint8_t *cand = NULL, *present = NULL;
	uint32_t *plist = NULL;
	size_t nrows = 0, rcap = 0, i, k, a, b, j, s, np, row, lim;

	pl_table_init(&t);
	memset(&mi, 0, sizeof(mi));
	memset(&d, 0, sizeof(d));
	if (nt < 2)
		return pl_error_fmt(PL_ERR_USAGE, "a matrix needs at least "
		    "two terms");
	if ((nd = calloc(nt, sizeof(*nd))) == NULL ||
	    (pair = calloc(nt * nt, sizeof(*pair))) == NULL ||
	    (freq = calloc(nt, sizeof(*freq))) == NULL ||
	    (present = calloc(nt, 1)) == NULL ||
	    (plist = calloc(nt, sizeof(*plist))) == NULL ||
	    (cand = calloc(c->ndocs ? c->ndocs : 1, 1)) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (k = 0; k < nt; k++) {
		if ((err = pl_term_counts(c, terms[k], &o->filter, &cnt)) !=
		    NULL)
			goto done;
		for (i = 0; i < c->ndocs; i++)
			if (cnt[i] > 0)
				cand[i] |= 1;
		free(cnt);
		cnt = NULL;
		if ((err = cooc_node_resolve(c, terms[k], &nd[k])) != NULL)
			goto done;
		for (a = 0; a < nd[k].n; a++) {
			const struct nalt *x = &nd[k].a[a];
			if (x->prefix)
				for (i = 0; i < x->nset; i++) {
					if ((err = mindex_add(&mi, x->set[i],
					    (uint32_t)k, (uint32_t)a)) != NULL)
						goto done;
				}
			else if ((err = mindex_add(&mi, x->ids[0],
			    (uint32_t)k, (uint32_t)a)) != NULL)
				goto done;
		}
	}
	for (i = 0; i < c->ndocs && !pl_corpus_match(c, i, &o->filter); i++)
		;
	if (i == c->ndocs) {
		err = pl_error_fmt(PL_ERR_DATA, "no documents match the "
		    "filters (dates, sources, metadata)");
		goto done;
	}
	/*
	 * Scan: documents with any of the terms; for sentences, every
	 * document in range (each sentence is a unit).  A unit's terms are
	 * those with a match starting in it.
	 */
	for (i = 0; i < c->ndocs; i++) {
		if (!pl_corpus_match(c, i, &o->filter))
			continue;
		if (o->span == PL_SPAN_DOC)
			nunits++;
		if (o->span == PL_SPAN_DOC && cand[i] == 0)
			continue;
		if ((err = cooc_dtoks_read(c, c->docs[i].id, &d)) != NULL)
			goto done;
		for (s = 0; s < d.n; s = j) {
			size_t e = d.n;
			if (o->span == PL_SPAN_SENTENCE) {
				for (e = s; e < d.n && d.sent[e] == d.sent[s];
				    e++)
					;
				nunits++;
			}
			np = 0;
			for (j = s; j < e; j++) {
				int32_t h = d.ids[j] < mi.nhead ?
				    mi.head[d.ids[j]] : -1;
				for (; h >= 0; h = mi.e[h].next) {
					const struct mentry *me = &mi.e[h];
					const struct nalt *x =
					    &nd[me->term].a[me->alt];
					size_t w;
					if (present[me->term])
						continue;
					if (!x->prefix) {
						if (j + x->nwords > e)
							continue;
						for (w = 1; w < x->nwords; w++)
							if (d.ids[j + w] !=
							    x->ids[w] ||
							    d.sent[j + w] !=
							    d.sent[j])
								break;
						if (w < x->nwords)
							continue;
					}
					present[me->term] = 1;
					plist[np++] = me->term;
				}
			}
			for (a = 0; a < np; a++) {
				freq[plist[a]]++;
				for (b = 0; b < np; b++)
					if (a != b)
						pair[plist[a] * nt +
						    plist[b]]++;
			}
			for (a = 0; a < np; a++)
				present[plist[a]] = 0;
			j = e;
		}
	}
	for (a = 0; a < nt; a++)
		for (b = 0; b < nt; b++) {
			if (a == b)
				continue;
			memset(&r, 0, sizeof(r));
			r.o11 = pair[a * nt + b];
			r.f1 = freq[a];
			r.f2 = freq[b];
			pl_assoc_measures((double)r.o11, (double)r.f1,
			    (double)r.f2, (double)nunits, (double)r.f1,
			    (double)r.f2, &r.m);
			if ((r.a = strdup(terms[a]->label)) == NULL ||
			    (r.b = strdup(terms[b]->label)) == NULL ||
			    (err = cooc_rows_push(&rows, &nrows, &rcap, &r)) !=
			    NULL) {
				free(r.a);
				free(r.b);
				if (err == NULL)
					err = pl_error_nomem();
				goto done;
			}
		}
	sc.measure = o->measure;
	sc.nmeasure = o->nmeasure;
	if (nrows > 1)
		qsort_r(rows, nrows, sizeof(*rows), cooc_cmp_rows, &sc);
	if ((err = pl_table_add_col(&t, "term_a", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&t, "term_b", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&t, "o11", PL_COL_INT)) != NULL ||
	    (err = pl_table_add_col(&t, "e11", PL_COL_REAL)) != NULL ||
	    (err = pl_table_add_col(&t, "freq_a", PL_COL_INT)) != NULL ||
	    (err = pl_table_add_col(&t, "freq_b", PL_COL_INT)) != NULL ||
	    (err = pl_table_add_col(&t, "n", PL_COL_INT)) != NULL ||
	    (err = cooc_measure_cols(&t)) != NULL)
		goto done;
	lim = o->top && o->top < nrows ? o->top : nrows;
	for (i = 0; i < lim; i++) {
		if ((err = pl_table_add_row(&t)) != NULL)
			goto done;
		row = t.nrows - 1;
		pl_table_set_str(&t, row, 0, rows[i].a);
		pl_table_set_str(&t, row, 1, rows[i].b);
		pl_table_set_int(&t, row, 2, rows[i].o11);
		pl_table_set_real(&t, row, 3, rows[i].m.e11);
		pl_table_set_int(&t, row, 4, rows[i].f1);
		pl_table_set_int(&t, row, 5, rows[i].f2);
		pl_table_set_int(&t, row, 6, nunits);
		cooc_set_measures(&t, row, 7, &rows[i].m);
	}
	pl_table_release(out);
	*out = t;
	pl_table_init(&t);
done:
	if (nd != NULL)
		for (k = 0; k < nt; k++)
			cooc_node_release(&nd[k]);
	free(nd);
	free(mi.head);
	free(mi.e);
	cooc_dtoks_release(&d);
	free(pair);
	free(freq);
	free(cnt);
	free(present);
	free(plist);
	free(cand);
	cooc_rows_free(rows, nrows);
	pl_table_release(&t);
	return err;
}

/* Bigrams. */

struct bctx {
	struct pl_corpus		*c;
	const struct pl_cooc_opts	*o;
	int				 filtered;	/* a filter is set */
	struct strmap			 words;		/* word -> index in wf */
	int64_t				*wf;
	size_t				 wcap;
	struct crow			*rows;
	size_t				 nrows, rcap;
	double				 n;
	int64_t				 pcount;
};

static void
bpost_count(void *arg, int64_t doc, int64_t n)
{
	struct bctx *x = arg;
	int32_t row;

	if (doc >= 0 && doc <= x->c->maxid && (row = x->c->row_of[doc]) >= 0 &&
	    pl_corpus_match(x->c, (size_t)row, &x->o->filter))
		x->pcount += n;
}

/* The frequency in range of a term from its posting list. */
static const struct pl_error *
bfreq(struct bctx *x, const char *text, int64_t cf, const unsigned char *p,
    size_t len, int64_t *f)
{
	if (!x->filtered) {
		*f = cf;
		return NULL;
	}
	x->pcount = 0;
	if (pl_postings_each(p, len, bpost_count, x) == -1)
		return pl_error_fmt(PL_ERR_DAMAGED, "%s: database damaged: "
		    "corrupt posting list of "
		    "'%s'", pl_db_path(x->c->db), text);
	*f = x->pcount;
	return NULL;
}

static const struct pl_error *
bword(void *arg, const char *text, int n, int64_t cf, int64_t df,
    const unsigned char *p, size_t len)
{
	struct bctx *x = arg;
	const struct pl_error *err;
	int64_t f = 0;
	long e;
	int added;

	(void)n;
	(void)df;
	if ((err = bfreq(x, text, cf, p, len, &f)) != NULL)
		return err;
	if (f == 0)
		return NULL;
	if ((e = strmap_put(&x->words, text, strlen(text), 0, &added)) == -1)
		return pl_error_nomem();
	if ((size_t)e >= x->wcap) {
		size_t nc = x->wcap ? x->wcap * 2 : 65536;
		int64_t *nw = realloc(x->wf, nc * sizeof(*nw));
		if (nw == NULL)
			return pl_error_nomem();
		x->wf = nw;
		x->wcap = nc;
	}
	x->wf[e] = f;
	return NULL;
}

static const struct pl_error *
bgram(void *arg, const char *text, int n, int64_t cf, int64_t df,
    const unsigned char *p, size_t len)
{
	struct bctx *x = arg;
	const struct pl_cooc_opts *o = x->o;
	const struct pl_error *err;
	const char *sp;
	struct crow r;
	int64_t f = 0;
	long e1, e2;

	(void)n;
	(void)df;
	if ((err = bfreq(x, text, cf, p, len, &f)) != NULL)
		return err;
	if (f < o->min_count || (sp = strchr(text, ' ')) == NULL)
		return NULL;
	if ((e1 = strmap_find(&x->words, text, (size_t)(sp - text))) == -1 ||
	    (e2 = strmap_find(&x->words, sp + 1, strlen(sp + 1))) == -1)
		return pl_error_fmt(PL_ERR_DB, "%s: bigram '%s' has a word "
		    "the index lacks", pl_db_path(x->c->db), text);
	memset(&r, 0, sizeof(r));
	r.o11 = f;
	r.f1 = x->wf[e1];
	r.f2 = x->wf[e2];
	if (r.f1 < o->min_freq || r.f2 < o->min_freq)
		return NULL;
	pl_assoc_measures((double)f, (double)r.f1, (double)r.f2, x->n,
	    (double)r.f1, (double)r.f2, &r.m);
	if (!o->all && !((double)f > r.m.e11))
		return NULL;
	if ((r.a = strdup(text)) == NULL)
		return pl_error_nomem();
	if ((err = cooc_rows_push(&x->rows, &x->nrows, &x->rcap, &r)) != NULL)
		free(r.a);
	return err;
}

const struct pl_error *
pl_cooc_bigrams(struct pl_corpus *c, const struct pl_cooc_opts *o,
    struct pl_table *out)
{
	const struct pl_error *err = NULL;
	const struct pl_docfilter *f = &o->filter;
	struct pl_table t;
	struct bctx x;
	struct sortctx sc;
	size_t i, lim, row, l;
	int64_t ntok = 0;

	pl_table_init(&t);
	memset(&x, 0, sizeof(x));
	x.c = c;
	x.o = o;
	strmap_init(&x.words);
	x.filtered = f->from != INT64_MIN || f->to != INT64_MAX ||
	    f->mask != NULL || (f->sources != NULL && f->sources[0] != NULL);
	for (i = 0; i < c->ndocs; i++)
		if (pl_corpus_match(c, i, f))
			ntok += c->docs[i].tokens;
	if (ntok == 0) {
		err = pl_error_fmt(PL_ERR_DATA, "no documents match the "
		    "filters (dates, sources, metadata)");
		goto done;
	}
	x.n = (double)ntok;
	if ((err = pl_db_each_term(c->db, NULL, 1, 1, bword, &x)) != NULL ||
	    (err = pl_db_each_term(c->db, NULL, 2, o->min_count, bgram,
	    &x)) != NULL)
		goto done;
	sc.measure = o->measure;
	sc.nmeasure = o->nmeasure;
	if (x.nrows > 1)
		qsort_r(x.rows, x.nrows, sizeof(*x.rows), cooc_cmp_rows, &sc);
	if ((err = pl_table_add_col(&t, "bigram", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&t, "w1", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&t, "w2", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&t, "o11", PL_COL_INT)) != NULL ||
	    (err = pl_table_add_col(&t, "e11", PL_COL_REAL)) != NULL ||
	    (err = pl_table_add_col(&t, "freq_1", PL_COL_INT)) != NULL ||
	    (err = pl_table_add_col(&t, "freq_2", PL_COL_INT)) != NULL ||
	    (err = pl_table_add_col(&t, "n", PL_COL_INT)) != NULL ||
	    (err = cooc_measure_cols(&t)) != NULL)
		goto done;
	lim = o->top && o->top < x.nrows ? o->top : x.nrows;
	for (i = 0; i < lim; i++) {
		const struct crow *r = &x.rows[i];
		if ((err = pl_table_add_row(&t)) != NULL)
			goto done;
		row = t.nrows - 1;
		l = strcspn(r->a, " ");
		pl_table_set_str(&t, row, 0, r->a);
		if ((err = pl_table_set_strn(&t, row, 1, r->a, l)) != NULL ||
		    (err = pl_table_set_str(&t, row, 2, r->a + l + 1)) != NULL)
			goto done;
		pl_table_set_int(&t, row, 3, r->o11);
		pl_table_set_real(&t, row, 4, r->m.e11);
		pl_table_set_int(&t, row, 5, r->f1);
		pl_table_set_int(&t, row, 6, r->f2);
		pl_table_set_int(&t, row, 7, ntok);
		cooc_set_measures(&t, row, 8, &r->m);
	}
	pl_table_release(out);
	*out = t;
	pl_table_init(&t);
done:
	cooc_rows_free(x.rows, x.nrows);
	free(x.wf);
	strmap_release(&x.words);
	pl_table_release(&t);
	return err;
}
