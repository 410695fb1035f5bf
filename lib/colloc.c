/*
 * colloc.c - the collocates of a node, pl_cooc() (include/plenum/cooc.h,
 * docs/STATISTICS.md); measures, rows and token decoding are in cooc.c.
 *
 * The documents holding the node come from its posting lists (through
 * pl_term_counts); their stored token ids are read with one statement
 * (pl_db_each_ids) and scanned for the node's occurrences: by the term
 * matcher for a phrase or a Han term, by comparing ids when every
 * alternative is a word or a prefix.  The words in each occurrence's span
 * are counted in arrays indexed by word id; a window visits only the
 * tokens around the occurrences.  For a window, the collocates' own
 * frequencies in range come from the stored per-month word counts when
 * the filter takes whole months, else from their posting lists or (a
 * node in a quarter of the documents or more) a scan of every document
 * in range.  Documents that use a collocate come from the stored counts
 * too when the filter takes whole months; sentences, and documents
 * otherwise, are counted in one scan of every document in range.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/match.h"
#include "plenum/cooc.h"
#include "plenum/token.h"
#include "extern.h"
#include "cooc-int.h"

/* Marks the node's occurrences (from the matcher, in md) whose first
 * token is in [lo, hi) with flag 1 and, with left >= 0, their window with
 * flag 2 (only the node's sentence when insent); returns the number of
 * occurrences. */
static int64_t
mark_nodes(const struct pl_mdoc *md, struct dtoks *d, size_t lo, size_t hi,
    int left, int right, int insent)
{
	size_t o, j, k, m, a, b;
	int64_t found = 0;

	for (o = 0; o < md->nocc; o++) {
		j = md->occ[o].tok;
		m = md->occ[o].ntok;
		if (j < lo || j >= hi || j + m > d->n)
			continue;
		found++;
		for (k = j; k < j + m; k++)
			d->flag[k] |= 1;
		if (left >= 0) {
			a = j >= (size_t)left ? j - (size_t)left : 0;
			b = j + m + (size_t)right < d->n ? j + m +
			    (size_t)right : d->n;
			for (k = a; k < j; k++)
				if (!insent || d->sent[k] == d->sent[j])
					d->flag[k] |= 2;
			for (k = j + m; k < b; k++)
				if (!insent || d->sent[k] == d->sent[j])
					d->flag[k] |= 2;
		}
	}
	return found;
}

/* Collocates. */

struct cctx {
	struct pl_corpus		*c;
	const struct pl_cooc_opts	*o;
	struct node			 nd;
	struct dtoks			 d;
	struct pl_matcher		*m;	/* the node's occurrences */
	struct pl_mdoc			 md;
	/* or, when every alternative is one word or a prefix, its
	 * tokens: isnode[id] for ids below nisnode */
	uint8_t				*isnode;
	size_t				 nisnode;
	size_t				*scan;	/* rows to read, in order */
	int64_t				*o11, *uf;	/* per word id */
	uint32_t			*stamp, *stamp2;
	size_t				 wcap;
	uint32_t			 unit;
	int64_t				 nodef, r1, nunits, ntokens;
	const int64_t			*hasnode;	/* per row: node count */
	int				 count_all;	/* window: count every token */
	/* a collocate's frequency in range, from its postings */
	int64_t				 pcount;
	/* or from the stored per-month word counts, when the filter
	 * takes whole months (wc.v in id order) */
	struct pl_wordcounts		 wc;
	int				 use_wc;
};

/* The stored count in range of word id, when x->use_wc: occurrences, or
 * with docs the documents that use it. */
static int64_t
wc_freq(const struct cctx *x, int64_t id, int docs)
{
	size_t l = 0, r = x->wc.n;

	while (l < r) {
		size_t m = l + (r - l) / 2;
		if (x->wc.v[m].id < id)
			l = m + 1;
		else
			r = m;
	}
	if (l == x->wc.n || x->wc.v[l].id != id)
		return 0;
	return docs ? x->wc.v[l].d[0] : x->wc.v[l].c[0];
}

/*
 * For a window or documents: the collocates' frequencies in range from
 * the stored per-month word counts (occurrences, or documents), when
 * every month's documents are all in or all out of the filter; then only
 * the documents with the node are read.
 */
static const struct pl_error *
cooc_wordcounts(struct cctx *x)
{
	const struct pl_error *err = NULL;
	struct pl_corpus *c = x->c;
	uint8_t *rowcls, *cls = NULL;
	int64_t *periods = NULL;
	size_t i, np;
	int uniform;

	if ((rowcls = malloc(c->ndocs ? c->ndocs : 1)) == NULL)
		return pl_error_nomem();
	for (i = 0; i < c->ndocs; i++)
		rowcls[i] = (uint8_t)pl_corpus_match(c, i, &x->o->filter);
	if ((err = pl_corpus_month_classes(c, rowcls, &periods, &cls, &np,
	    &uniform)) == NULL && uniform &&
	    (err = pl_db_word_counts(c->db, periods, cls, np, &x->wc)) ==
	    NULL)
		x->use_wc = 1;
	free(rowcls);
	free(cls);
	free(periods);
	return err;
}

static const struct pl_error *
grow_words(struct cctx *x, uint32_t id)
{
	size_t nc, i;
	int units = x->o->span != PL_SPAN_WINDOW;
	void *p;

	if (id < x->wcap)
		return NULL;
	nc = x->wcap ? x->wcap : 4096;
	while (nc <= id)
		nc *= 2;
	/*
	 * o11 always; uf only when the scan counts the collocates'
	 * frequencies; the stamps only for sentences and documents.  Word
	 * ids run to ~2 * 10^6 at 10^6 documents, so each array not needed
	 * is megabytes not zeroed.
	 */
	if ((p = realloc(x->o11, nc * sizeof(*x->o11))) == NULL)
		return pl_error_nomem();
	x->o11 = p;
	if (units || x->count_all) {
		if ((p = realloc(x->uf, nc * sizeof(*x->uf))) == NULL)
			return pl_error_nomem();
		x->uf = p;
	}
	if (units) {
		if ((p = realloc(x->stamp, nc * sizeof(*x->stamp))) == NULL)
			return pl_error_nomem();
		x->stamp = p;
		if ((p = realloc(x->stamp2, nc * sizeof(*x->stamp2))) == NULL)
			return pl_error_nomem();
		x->stamp2 = p;
	}
	for (i = x->wcap; i < nc; i++) {
		x->o11[i] = 0;
		if (x->uf != NULL)
			x->uf[i] = 0;
		if (units)
			x->stamp[i] = x->stamp2[i] = 0;
	}
	x->wcap = nc;
	return NULL;
}

/* Counts the distinct words of tokens [lo, hi): every one in uf when
 * count_uf, the ones outside node tokens in o11 when hasnode. */
static const struct pl_error *
count_unit(struct cctx *x, size_t lo, size_t hi, int hasnode, int count_uf)
{
	const struct pl_error *err;
	size_t j;
	uint32_t w;

	x->unit++;
	for (j = lo; j < hi; j++) {
		w = x->d.ids[j];
		if (w >= x->wcap && (err = grow_words(x, w)) != NULL)
			return err;
		if (count_uf && x->stamp[w] != x->unit) {
			x->stamp[w] = x->unit;
			x->uf[w]++;
		}
		if (hasnode && !(x->d.flag[j] & 1) && x->stamp2[w] != x->unit) {
			x->stamp2[w] = x->unit;
			x->o11[w]++;
		}
	}
	return NULL;
}

/*
 * Can the node's occurrences be told from the token ids alone: is every
 * alternative one word or a prefix (no phrase, no Han characters)?  Then
 * each token whose id is one of the node's words is an occurrence.
 */
static int
node_is_words(const struct pl_term *t)
{
	size_t i;

	for (i = 0; i < t->nalts; i++)
		if (t->alts[i].chars != NULL || t->alts[i].nwords != 1)
			return 0;
	return 1;
}

static const struct pl_error *
words_index(struct cctx *x)
{
	size_t i, n;

	n = x->nd.nexcl ? (size_t)x->nd.excl[x->nd.nexcl - 1] + 1 : 1;
	if ((x->isnode = calloc(n, 1)) == NULL)
		return pl_error_nomem();
	x->nisnode = n;
	for (i = 0; i < x->nd.nexcl; i++)
		if (x->nd.excl[i] > 0)
			x->isnode[x->nd.excl[i]] = 1;
	return NULL;
}

/* The node's occurrences in x->d, one token each, into x->md. */
static const struct pl_error *
words_occ(struct cctx *x)
{
	const uint32_t *ids = x->d.ids;
	const uint8_t *isnode = x->isnode;
	struct pl_mdoc *md = &x->md;
	size_t j, n = x->d.n, nisnode = x->nisnode;
	uint32_t w, one = x->nd.nexcl == 1 ? (uint32_t)x->nd.excl[0] : 0;

	md->nocc = 0;
	for (j = 0; j < n; j++) {
		w = ids[j];
		/* One word: a compare, not a look-up in a table of ~10^6. */
		if (one != 0 ? w != one : w >= nisnode || !isnode[w])
			continue;
		if (md->nocc == md->occap) {
			size_t nc = md->occap ? md->occap * 2 : 64;
			struct pl_occ *no = realloc(md->occ, nc *
			    sizeof(*no));
			if (no == NULL)
				return pl_error_nomem();
			md->occ = no;
			md->occap = nc;
		}
		md->occ[md->nocc].off = md->occ[md->nocc].end = 0;
		md->occ[md->nocc].tok = (uint32_t)j;
		md->occ[md->nocc++].ntok = 1;
	}
	return NULL;
}

/*
 * Counts the tokens in the windows mark_nodes() flagged (flag 2: in a
 * window, not a node token), visiting only the windows: each such token
 * once, flagged 4 when counted.
 */
static const struct pl_error *
count_windows(struct cctx *x)
{
	const struct pl_error *err;
	struct dtoks *d = &x->d;
	const struct pl_mdoc *md = &x->md;
	size_t o, j, m, a, b, k;
	size_t left = (size_t)x->o->left, right = (size_t)x->o->right;
	uint32_t w;

	for (o = 0; o < md->nocc; o++) {
		j = md->occ[o].tok;
		m = md->occ[o].ntok;
		if (j + m > d->n)
			continue;
		a = j >= left ? j - left : 0;
		b = j + m + right < d->n ? j + m + right : d->n;
		for (k = a; k < b; k++) {
			if (d->flag[k] != 2)
				continue;
			d->flag[k] = 4;
			w = d->ids[k];
			if (w >= x->wcap && (err = grow_words(x, w)) != NULL)
				return err;
			x->r1++;
			x->o11[w]++;
		}
	}
	return NULL;
}

/* Counts document scan[k] (its token ids in blob). */
static const struct pl_error *
scan_doc(void *arg, size_t k, const unsigned char *blob, size_t len)
{
	struct cctx *x = arg;
	const struct pl_error *err;
	const struct pl_cooc_opts *o = x->o;
	struct dtoks *d = &x->d;
	size_t row = x->scan[k], j, a;
	int64_t found;

	if ((err = cooc_dtoks_decode(x->c, x->c->docs[row].id, blob, len, d)) !=
	    NULL)
		return err;
	x->md.nocc = 0;
	if (x->hasnode[row] && (err = x->m == NULL ? words_occ(x) :
	    pl_matcher_doc(x->m, row, &x->md)) != NULL)
		return err;
	switch (o->span) {
	case PL_SPAN_WINDOW:
		if (x->hasnode[row])
			x->nodef += mark_nodes(&x->md, d, 0, d->n, o->left,
			    o->right, o->within_sentence);
		if (!x->count_all)
			return count_windows(x);
		for (j = 0; j < d->n; j++) {
			uint32_t w = d->ids[j];
			if (w >= x->wcap && (err = grow_words(x, w)) != NULL)
				return err;
			x->uf[w]++;
			if (d->flag[j] != 2)
				continue;
			x->r1++;
			x->o11[w]++;
		}
		break;
	case PL_SPAN_SENTENCE:
		for (a = 0; a < d->n; a = j) {
			for (j = a; j < d->n && d->sent[j] == d->sent[a]; j++)
				;
			found = x->hasnode[row] ? mark_nodes(&x->md, d, a, j,
			    -1, 0, 0) : 0;
			x->nunits++;
			if (found)
				x->nodef++;
			if ((err = count_unit(x, a, j, found > 0, 1)) != NULL)
				return err;
		}
		break;
	case PL_SPAN_DOC:
		found = x->hasnode[row] ? mark_nodes(&x->md, d, 0, d->n, -1,
		    0, 0) : 0;
		if (found)
			x->nodef++;
		if ((err = count_unit(x, 0, d->n, found > 0, 1)) != NULL)
			return err;
		break;
	}
	return NULL;
}

static void
post_count(void *arg, int64_t doc, int64_t n)
{
	struct cctx *x = arg;
	int32_t row;

	if (doc < 0 || doc > x->c->maxid || (row = x->c->row_of[doc]) < 0 ||
	    !pl_corpus_match(x->c, (size_t)row, &x->o->filter))
		return;
	x->pcount += n;
}

/* The number of occurrences in range of a word. */
static const struct pl_error *
range_freq(struct cctx *x, const char *text, int64_t *f)
{
	const struct pl_error *err;
	unsigned char *p;
	size_t len;

	if ((err = pl_db_postings(x->c->db, text, &p, &len, NULL, NULL)) !=
	    NULL)
		return err;
	x->pcount = 0;
	if (pl_postings_each(p, len, post_count, x) == -1) {
		free(p);
		return pl_error_fmt(PL_ERR_DAMAGED, "%s: database damaged: "
		    "corrupt posting list of "
		    "'%s'", pl_db_path(x->c->db), text);
	}
	free(p);
	*f = x->pcount;
	return NULL;
}

static void
cctx_release(struct cctx *x)
{
	cooc_node_release(&x->nd);
	cooc_dtoks_release(&x->d);
	pl_matcher_free(x->m);
	pl_mdoc_release(&x->md);
	free(x->isnode);
	free(x->scan);
	free(x->o11);
	free(x->uf);
	free(x->stamp);
	free(x->stamp2);
	pl_wordcounts_release(&x->wc);
}

const struct pl_error *
pl_cooc(struct pl_corpus *c, const struct pl_term *term,
    const struct pl_cooc_opts *o, struct pl_table *out, int64_t *node_freq)
{
	const struct pl_error *err = NULL;
	struct pl_table t;
	struct cctx x;
	struct crow *rows = NULL, r;
	size_t nrows = 0, rcap = 0, i, lim, row;
	int64_t *cnt = NULL, *ids = NULL, f2 = 0, nnode = 0, ndocs = 0;
	size_t nscan = 0;
	uint32_t w;
	char *text = NULL;
	double r1, n;
	struct sortctx sc;

	pl_table_init(&t);
	memset(&x, 0, sizeof(x));
	x.c = c;
	x.o = o;
	pl_mdoc_init(&x.md);
	if ((err = cooc_node_resolve(c, term, &x.nd)) != NULL ||
	    (err = (node_is_words(term) ? words_index(&x) :
	    pl_matcher_new(c, term, &x.m))) != NULL ||
	    (err = pl_term_counts(c, term, &o->filter, &cnt)) != NULL)
		goto done;
	for (i = 0; i < c->ndocs; i++)
		if (pl_corpus_match(c, i, &o->filter)) {
			x.ntokens += c->docs[i].tokens;
			ndocs++;
			if (o->span == PL_SPAN_DOC)
				x.nunits++;
		}
	if (ndocs == 0) {
		err = pl_error_fmt(PL_ERR_DATA, "no documents match the "
		    "filters (dates, sources, metadata)");
		goto done;
	}
	/*
	 * A window needs the documents with the node, and the collocates'
	 * frequencies: from the stored per-month counts, from their posting
	 * lists, or, when the node is in a quarter of the documents or
	 * more, from counting every document in range, which is then
	 * cheaper than thousands of look-ups.  Documents as units need
	 * every document in range, unless the stored counts answer.
	 */
	for (i = 0; i < c->ndocs; i++)
		if (cnt[i] > 0)
			nnode++;
	x.count_all = o->span == PL_SPAN_WINDOW && nnode * 4 >= ndocs;
	if (o->span != PL_SPAN_SENTENCE && !o->scan) {
		if ((err = cooc_wordcounts(&x)) != NULL)
			goto done;
		if (x.use_wc)
			x.count_all = 0;
	}
	x.hasnode = cnt;
	if ((x.scan = malloc((c->ndocs ? c->ndocs : 1) *
	    sizeof(*x.scan))) == NULL ||
	    (ids = malloc((c->ndocs ? c->ndocs : 1) * sizeof(*ids))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (i = 0; i < c->ndocs; i++) {
		if ((o->span == PL_SPAN_WINDOW && !x.count_all) ||
		    (o->span == PL_SPAN_DOC && x.use_wc) ? cnt[i] == 0 :
		    !pl_corpus_match(c, i, &o->filter))
			continue;
		x.scan[nscan] = i;
		ids[nscan++] = c->docs[i].id;
	}
	if ((err = pl_db_each_ids(c->db, ids, nscan, scan_doc, &x)) != NULL)
		goto done;
	switch (o->span) {
	case PL_SPAN_WINDOW:
		r1 = (double)x.r1;
		n = (double)x.ntokens;
		break;
	default:
		r1 = (double)x.nodef;
		n = (double)x.nunits;
		break;
	}
	for (w = 1; x.nodef > 0 && w < x.wcap; w++) {
		if (x.o11[w] < o->min_count || cooc_in_sorted(x.nd.excl,
		    x.nd.nexcl, w))
			continue;
		memset(&r, 0, sizeof(r));
		r.o11 = x.o11[w];
		r.f1 = x.nodef;
		/* Sentence and document frequencies come from the scan or
		 * the stored counts, so the filters can run before the
		 * word's text is read. */
		if (o->span != PL_SPAN_WINDOW) {
			r.f2 = x.use_wc ? wc_freq(&x, (int64_t)w, 1) :
			    x.uf[w];
			pl_assoc_measures((double)r.o11, r1, (double)r.f2, n,
			    (double)x.nodef, (double)r.f2, &r.m);
			if (r.f2 < o->min_freq ||
			    (!o->all && !((double)r.o11 > r.m.e11)))
				continue;
		}
		if ((err = pl_db_word_text(c->db, w, &text)) != NULL)
			goto done;
		if (text == NULL || (!o->stopwords &&
		    pl_tokenizer_is_stop(c->tk, text, strlen(text))) ||
		    !pl_vocab_keep(o->vocab, text, 0, 0)) {
			free(text);
			text = NULL;
			continue;
		}
		if (o->span == PL_SPAN_WINDOW) {
			if (x.count_all)
				f2 = x.uf[w];
			else if (x.use_wc)
				f2 = wc_freq(&x, (int64_t)w, 0);
			else if ((err = range_freq(&x, text, &f2)) != NULL)
				goto done;
			r.f2 = f2;
			pl_assoc_measures((double)r.o11, r1, (double)f2, n,
			    (double)x.nodef, (double)f2, &r.m);
			if (f2 < o->min_freq ||
			    (!o->all && !((double)r.o11 > r.m.e11))) {
				free(text);
				text = NULL;
				continue;
			}
		}
		r.a = text;
		text = NULL;
		if ((err = cooc_rows_push(&rows, &nrows, &rcap, &r)) != NULL) {
			free(r.a);
			goto done;
		}
	}
	sc.measure = o->measure;
	sc.nmeasure = o->nmeasure;
	if (nrows > 1)
		qsort_r(rows, nrows, sizeof(*rows), cooc_cmp_rows, &sc);
	if ((err = pl_table_add_col(&t, "collocate", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&t, "o11", PL_COL_INT)) != NULL ||
	    (err = pl_table_add_col(&t, "e11", PL_COL_REAL)) != NULL ||
	    (err = pl_table_add_col(&t, "node_freq", PL_COL_INT)) != NULL ||
	    (err = pl_table_add_col(&t, "coll_freq", PL_COL_INT)) != NULL ||
	    (err = pl_table_add_col(&t, "span", PL_COL_INT)) != NULL ||
	    (err = pl_table_add_col(&t, "n", PL_COL_INT)) != NULL ||
	    (err = cooc_measure_cols(&t)) != NULL)
		goto done;
	lim = o->top && o->top < nrows ? o->top : nrows;
	for (i = 0; i < lim; i++) {
		if ((err = pl_table_add_row(&t)) != NULL)
			goto done;
		row = t.nrows - 1;
		pl_table_set_str(&t, row, 0, rows[i].a);
		pl_table_set_int(&t, row, 1, rows[i].o11);
		pl_table_set_real(&t, row, 2, rows[i].m.e11);
		pl_table_set_int(&t, row, 3, rows[i].f1);
		pl_table_set_int(&t, row, 4, rows[i].f2);
		pl_table_set_int(&t, row, 5, (int64_t)r1);
		pl_table_set_int(&t, row, 6, (int64_t)n);
		cooc_set_measures(&t, row, 7, &rows[i].m);
	}
	if (node_freq)
		*node_freq = x.nodef;
	pl_table_release(out);
	*out = t;
	pl_table_init(&t);
done:
	free(text);
	free(cnt);
	free(ids);
	cooc_rows_free(rows, nrows);
	cctx_release(&x);
	pl_table_release(&t);
	return err;
}
