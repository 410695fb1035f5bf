/*
 * wordstat.c - every word's counts per month (docs/STORAGE.md, "Word
 * counts per month").
 *
 * word_period holds, per segment, per month (year * 12 + month) and per
 * word id, the word's count (cf) and number of documents (df) in that
 * month; period 0 holds the all-time totals.  An ingest adds its own
 * rows as a new segment (a few rows per new document, written at the
 * right edge of the b-tree), never rewriting the older ones; readers sum
 * the segments.  Rows are deltas: replacing a document adds negative
 * counts.  When more than WS_MERGE segments pile up beyond the base, an
 * ingest merges them into one; plenum optimize folds all into the base.
 * The word table maps word ids to their texts, so a ranking needs no
 * probe of the big term b-tree per word.
 */
#include <stdlib.h>
#include <string.h>

#include "plenum/date.h"
#include "plenum/query.h"
#include "wordstat.h"
#include "segment.h"
#include "docmeta.h"
#include "feed.h"
#include "db-int.h"

const char wordstat_schema_sql[] =
	"CREATE TABLE word(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  text TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE word_period(\n"
	"  seg INTEGER NOT NULL,\n"
	"  period INTEGER NOT NULL,\n"
	"  word INTEGER NOT NULL,\n"
	"  cf INTEGER NOT NULL,\n"
	"  df INTEGER NOT NULL,\n"
	"  PRIMARY KEY (seg, period, word)\n"
	") WITHOUT ROWID;\n";

static const struct pl_error *
sqlerr(sqlite3 *h, const char *what)
{
	return pl_error_fmt(PL_ERR_DB, "%s: %s", what, sqlite3_errmsg(h));
}

int64_t
ws_period(int64_t day)
{
	int y, m, d;

	pl_civil_from_days(day, &y, &m, &d);
	return (int64_t)y * 12 + m;
}

/* A 64-bit mix for the open-addressing tables. */
static uint64_t
mix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ULL;
	k ^= k >> 33;
	return k;
}

void
ws_w_init(struct ws_w *w)
{
	memset(w, 0, sizeof(*w));
}

void
ws_w_release(struct ws_w *w)
{
	free(w->s);
	ws_w_init(w);
}

size_t
ws_w_bytes(const struct ws_w *w)
{
	return w->nslot * sizeof(*w->s);
}

static int
ws_grow(struct ws_w *w)
{
	size_t ns = w->nslot ? w->nslot * 2 : 1 << 14, i, j;
	struct ws_slot *n = calloc(ns, sizeof(*n));

	if (n == NULL)
		return -1;
	for (i = 0; i < w->nslot; i++) {
		if (w->s[i].key == 0)
			continue;
		for (j = mix(w->s[i].key) & (ns - 1); n[j].key != 0;
		    j = (j + 1) & (ns - 1))
			;
		n[j] = w->s[i];
	}
	free(w->s);
	w->s = n;
	w->nslot = ns;
	return 0;
}

static int
ws_add_key(struct ws_w *w, uint64_t k, int64_t cf, int64_t df)
{
	struct ws_slot *e;
	size_t j;

	if ((w->used + 1) * 2 > w->nslot && ws_grow(w) == -1)
		return -1;
	for (j = mix(k) & (w->nslot - 1); w->s[j].key != 0 &&
	    w->s[j].key != k; j = (j + 1) & (w->nslot - 1))
		;
	e = &w->s[j];
	if (e->key == 0) {
		e->key = k;
		e->cf = e->df = 0;
		w->used++;
	}
	e->cf += cf;
	e->df += df;
	return 0;
}

int
ws_w_add(struct ws_w *w, int64_t day, uint32_t word, int64_t cf, int64_t df)
{
	return ws_w_add_period(w, ws_period(day), word, cf, df);
}

int
ws_w_add_period(struct ws_w *w, int64_t period, uint32_t word, int64_t cf,
    int64_t df)
{
	/* All-time totals (period 0) are summed when written. */
	if (ws_add_key(w, (uint64_t)period << 32 | word, cf, df) == -1) {
		w->nomem = 1;
		return -1;
	}
	return 0;
}

void
ws_w_prefetch(const struct ws_w *w, int64_t period, uint32_t word)
{
	if (w->nslot > 0)
		__builtin_prefetch(&w->s[mix((uint64_t)period << 32 | word) &
		    (w->nslot - 1)], 1);
}

static int
cmp_slot(const void *a, const void *b)
{
	uint64_t x = ((const struct ws_slot *)a)->key;
	uint64_t y = ((const struct ws_slot *)b)->key;

	return x < y ? -1 : x > y;
}

/* The rows of one table in key order, for a feed. */
struct ws_rows {
	const struct ws_slot	*s;
	size_t			 n, i;
	int64_t			 seg;
};

static int
ws_feed(void *arg, struct feed_val *v, const struct pl_error **errp)
{
	struct ws_rows *r = arg;
	const struct ws_slot *e;

	(void)errp;
	for (;;) {
		if (r->i == r->n)
			return 0;
		e = &r->s[r->i++];
		if (e->cf != 0 || e->df != 0)
			break;		/* else a replaced document, put back */
	}
	v[0] = (struct feed_val){ SQLITE_INTEGER, r->seg, NULL, 0 };
	v[1] = (struct feed_val){ SQLITE_INTEGER, (int64_t)(e->key >> 32),
	    NULL, 0 };
	v[2] = (struct feed_val){ SQLITE_INTEGER, (int64_t)(e->key &
	    0xffffffffu), NULL, 0 };
	v[3] = (struct feed_val){ SQLITE_INTEGER, e->cf, NULL, 0 };
	v[4] = (struct feed_val){ SQLITE_INTEGER, e->df, NULL, 0 };
	return 1;
}

/* Writes the rows of w in key order (an upsert, one statement fed by
 * the rows: feed.c); sorts w's slots, so w is only fit for release
 * afterwards. */
static const struct pl_error *
write_rows(struct ws_w *w, sqlite3 *h, int64_t seg)
{
	const struct pl_error *err;
	struct ws_rows r;
	struct feed f;
	size_t i, n = 0;

	/* The used slots packed to the front, sorted by key, i.e. (period,
	 * word): the b-tree order. */
	for (i = 0; i < w->nslot; i++)
		if (w->s[i].key != 0)
			w->s[n++] = w->s[i];
	qsort(w->s, n, sizeof(*w->s), cmp_slot);
	r.s = w->s;
	r.n = n;
	r.i = 0;
	r.seg = seg;
	f.next = ws_feed;
	f.arg = &r;
	if ((err = feed_run(h, "INSERT INTO word_period(seg, period, word, "
	    "cf, df) SELECT c0, c1, c2, c3, c4 FROM pl_feed WHERE feed = ?1 "
	    "ON CONFLICT (seg, period, word) DO UPDATE SET cf = cf + "
	    "excluded.cf, df = df + excluded.df", &f)) != NULL)
		return pl_error_wrap(err, "writing word_period");
	return NULL;
}

const struct pl_error *
ws_w_write(struct ws_w *w, sqlite3 *h, int64_t seg)
{
	const struct pl_error *err = NULL;
	struct ws_w tot;
	size_t i;

	if (w->nomem)
		return pl_error_nomem();
	if (w->used == 0)
		return NULL;
	/* The all-time totals (period 0): each word's months summed, in a
	 * table of the words only. */
	ws_w_init(&tot);
	for (i = 0; i < w->nslot; i++)
		if (w->s[i].key != 0 && ws_add_key(&tot, w->s[i].key &
		    0xffffffffu, w->s[i].cf, w->s[i].df) == -1) {
			ws_w_release(&tot);
			return pl_error_nomem();
		}
	err = write_rows(&tot, h, seg);
	if (err == NULL)
		err = write_rows(w, h, seg);
	ws_w_release(w);	/* sorted: no longer a table */
	ws_w_release(&tot);
	return err;
}

/* The segments, in order (a skip over the first key column). */
static const struct pl_error *
ws_segs(sqlite3 *h, int64_t **segs, size_t *n)
{
	const struct pl_error *err = NULL;
	sqlite3_stmt *st = NULL;
	int64_t last = INT64_MIN, *v = NULL, *nv;
	size_t cap = 0;
	int rc;

	*segs = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(h, "SELECT seg FROM word_period WHERE seg > ? "
	    "ORDER BY seg LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return sqlerr(h, "word_period");
	for (;;) {
		sqlite3_bind_int64(st, 1, last);
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW) {
			err = sqlerr(h, "word_period");
			break;
		}
		last = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((nv = realloc(v, cap * sizeof(*v))) == NULL) {
				err = pl_error_nomem();
				break;
			}
			v = nv;
		}
		v[(*n)++] = last;
	}
	sqlite3_finalize(st);
	if (err) {
		free(v);
		*n = 0;
		return err;
	}
	*segs = v;
	return NULL;
}

const struct pl_error *
ws_next_seg(sqlite3 *h, int fresh, int64_t *seg)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*seg = 0;
	if (fresh)
		return NULL;
	if (sqlite3_prepare_v2(h, "SELECT max(seg) FROM word_period", -1, &st,
	    NULL) != SQLITE_OK)
		return sqlerr(h, "word_period");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		*seg = sqlite3_column_int64(st, 0) + 1;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? NULL : sqlerr(h, "word_period");
}

static const struct pl_error *
exec(sqlite3 *h, const char *sql)
{
	if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return sqlerr(h, "word_period");
	return NULL;
}

/* Sums segments lo..hi (inclusive) into segment into. */
static const struct pl_error *
ws_merge_range(sqlite3 *h, int64_t lo, int64_t hi, int64_t into)
{
	const struct pl_error *err;
	char sql[512];

	if ((err = exec(h, "CREATE TEMP TABLE ws_merge(period INTEGER, "
	    "word INTEGER, cf INTEGER, df INTEGER)")) != NULL)
		return err;
	snprintf(sql, sizeof(sql), "INSERT INTO temp.ws_merge SELECT period, "
	    "word, sum(cf), sum(df) FROM word_period WHERE seg BETWEEN %lld "
	    "AND %lld GROUP BY period, word; DELETE FROM word_period WHERE seg "
	    "BETWEEN %lld AND %lld; INSERT INTO word_period(seg, period, word, "
	    "cf, df) SELECT %lld, period, word, cf, df FROM temp.ws_merge "
	    "WHERE cf != 0 OR df != 0 ORDER BY period, word",
	    (long long)lo, (long long)hi, (long long)lo, (long long)hi,
	    (long long)into);
	err = exec(h, sql);
	sqlite3_exec(h, "DROP TABLE temp.ws_merge", NULL, NULL, NULL);
	return err;
}

const struct pl_error *
ws_maybe_merge(sqlite3 *h)
{
	const struct pl_error *err;
	int64_t *segs;
	size_t n, first;

	if ((err = ws_segs(h, &segs, &n)) != NULL)
		return err;
	first = n > 0 && segs[0] == 0 ? 1 : 0;
	if (n - first > WS_MERGE)
		err = ws_merge_range(h, segs[first], segs[n - 1], segs[n - 1]);
	free(segs);
	return err;
}

const struct pl_error *
ws_fold_all(sqlite3 *h)
{
	const struct pl_error *err;
	int64_t *segs;
	size_t n;

	if ((err = ws_segs(h, &segs, &n)) != NULL)
		return err;
	if (n > 1 || (n == 1 && segs[0] != 0))
		err = ws_merge_range(h, segs[0], segs[n - 1], 0);
	free(segs);
	return err;
}

/* The index of document doc in figs (id order), searching from k on; -1. */
static long
fig_of(const struct pl_docfigs *figs, int64_t doc, long k)
{
	size_t l = k > 0 ? (size_t)k : 0, r = figs->n;

	if (k < 0)
		l = 0;
	while (l < r) {
		size_t m = l + (r - l) / 2;
		if ((int64_t)figs->v[m].id < doc)
			l = m + 1;
		else
			r = m;
	}
	if (l < figs->n && (int64_t)figs->v[l].id == doc)
		return (long)l;
	return -1;
}

const struct pl_error *
ws_rebuild(sqlite3 *h)
{
	const struct pl_error *err = NULL;
	struct pl_docfigs figs;
	sqlite3_stmt *st = NULL;
	struct segreader *segs = NULL;
	struct ws_w w;
	struct buf post;
	int rc;

	memset(&figs, 0, sizeof(figs));
	ws_w_init(&w);
	buf_init(&post);
	if ((err = exec(h, "DELETE FROM word; DELETE FROM word_period; "
	    "INSERT INTO word(id, text) SELECT id, text FROM term "
	    "WHERE n = 1")) != NULL)
		return err;
	/* The documents' days, by id (figs.v is in id order). */
	if ((err = docmeta_read(h, &figs)) != NULL)
		goto done;
	if (sqlite3_prepare_v2(h, "SELECT text, id, postings FROM term "
	    "WHERE n = 1", -1, &st, NULL) != SQLITE_OK ||
	    (err = segreader_new(h, &segs)) != NULL) {
		if (err == NULL)
			err = sqlerr(h, "term");
		goto done;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 0);
		int64_t id = sqlite3_column_int64(st, 1), cf = 0, df = 0;
		const unsigned char *p, *end;
		uint64_t d, c;
		int64_t doc = 0;
		long k = 0;

		post.n = 0;
		if (buf_add(&post, sqlite3_column_blob(st, 2),
		    (size_t)sqlite3_column_bytes(st, 2)) == -1)
			goto nomem;
		if ((err = seg_merge_term(h, segs, text,
		    sqlite3_column_bytes(st, 0), &post, &cf, &df, NULL)) != NULL)
			goto done;
		p = post.p;
		end = p + post.n;
		while (p < end) {
			if (varint_get(&p, end, &d) == -1 ||
			    varint_get(&p, end, &c) == -1) {
				err = pl_error_fmt(PL_ERR_DAMAGED, "database "
				    "damaged: term '%s': corrupt posting list",
				    text);
				goto done;
			}
			doc += (int64_t)d;
			if ((k = fig_of(&figs, doc, k)) < 0)
				continue;
			if (ws_w_add(&w, figs.v[k].day, (uint32_t)id,
			    (int64_t)c, 1) == -1)
				goto nomem;
		}
	}
	if (rc != SQLITE_DONE) {
		err = sqlerr(h, "term");
		goto done;
	}
	err = ws_w_write(&w, h, 0);
	goto done;
nomem:
	err = pl_error_nomem();
done:
	sqlite3_finalize(st);
	segreader_free(segs);
	pl_docfigs_release(&figs);
	ws_w_release(&w);
	buf_release(&post);
	return err;
}

/* Reading. */

/*
 * Adds the rows of periods [lo, hi] of every segment into cf[k], df[k]
 * (k: the word's index in ids[], which is sorted).  Within a period rows
 * come in word order, so a cursor finds each word without hashing.
 */
static const struct pl_error *
sum_range(sqlite3 *h, sqlite3_stmt *st, const int64_t *ids, size_t nw,
    const int64_t *segs, size_t nseg, int64_t lo, int64_t hi, int64_t *cf,
    int64_t *df)
{
	size_t s, k;
	int64_t w, prev;
	int rc;

	for (s = 0; s < nseg; s++) {
		sqlite3_bind_int64(st, 1, segs[s]);
		sqlite3_bind_int64(st, 2, lo);
		sqlite3_bind_int64(st, 3, hi);
		k = 0;
		prev = INT64_MIN;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			w = sqlite3_column_int64(st, 0);
			if (w < prev)
				k = 0;		/* the next period */
			prev = w;
			while (k < nw && ids[k] < w)
				k++;
			if (k == nw || ids[k] != w)
				continue;	/* not a word any more */
			cf[k] += sqlite3_column_int64(st, 1);
			df[k] += sqlite3_column_int64(st, 2);
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return sqlerr(h, "reading word_period");
	}
	return NULL;
}

void
pl_wordcounts_release(struct pl_wordcounts *wc)
{
	if (wc == NULL)
		return;
	free(wc->v);
	free(wc->texts);
	memset(wc, 0, sizeof(*wc));
}

/* Sums the months ps[0..n) (sorted): runs of consecutive months are one
 * range each. */
static const struct pl_error *
sum_months(sqlite3 *h, sqlite3_stmt *st, const int64_t *ids, size_t nw,
    const int64_t *segs, size_t nseg, const int64_t *ps, size_t n,
    int64_t *cf, int64_t *df)
{
	const struct pl_error *err;
	size_t i = 0, j;

	memset(cf, 0, nw * sizeof(*cf));
	memset(df, 0, nw * sizeof(*df));
	while (i < n) {
		for (j = i + 1; j < n && ps[j] == ps[j - 1] + 1; j++)
			;
		if ((err = sum_range(h, st, ids, nw, segs, nseg, ps[i],
		    ps[j - 1], cf, df)) != NULL)
			return err;
		i = j;
	}
	return NULL;
}

const struct pl_error *
pl_db_word_counts(struct pl_db *db, const int64_t *periods,
    const uint8_t *cls, size_t np, struct pl_wordcounts *out)
{
	const struct pl_error *err = NULL;
	sqlite3 *h = db->h;
	sqlite3_stmt *st = NULL;
	struct pl_wordcounts wc;
	struct buf texts;
	int64_t *segs = NULL, *ps[2] = { NULL, NULL }, *ids = NULL;
	int64_t *cf = NULL, *df = NULL, *scf[2] = { NULL, NULL };
	int64_t *sdf[2] = { NULL, NULL };
	size_t nseg = 0, cap = 0, i, k, nps[2] = { 0, 0 }, nw;
	int rc, c, sign[2] = { 0, 0 };

	memset(&wc, 0, sizeof(wc));
	buf_init(&texts);
	if ((err = ws_segs(h, &segs, &nseg)) != NULL)
		goto done;
	/* Every word with its text, in id order. */
	if (sqlite3_prepare_v2(h, "SELECT id, text FROM word ORDER BY id", -1,
	    &st, NULL) != SQLITE_OK) {
		err = sqlerr(h, "word");
		goto done;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (wc.n == cap) {
			struct pl_wordcount *nv;
			cap = cap ? cap * 2 : 4096;
			if ((nv = realloc(wc.v, cap * sizeof(*nv))) == NULL)
				goto nomem;
			wc.v = nv;
		}
		memset(&wc.v[wc.n], 0, sizeof(wc.v[wc.n]));
		wc.v[wc.n].id = sqlite3_column_int64(st, 0);
		wc.v[wc.n].text = (uint32_t)texts.n;
		if (buf_add(&texts, sqlite3_column_text(st, 1),
		    (size_t)sqlite3_column_bytes(st, 1)) == -1 ||
		    buf_add(&texts, "", 1) == -1)
			goto nomem;
		wc.n++;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_DONE) {
		err = sqlerr(h, "reading word");
		goto done;
	}
	nw = wc.n;
	if ((ids = malloc((nw ? nw : 1) * sizeof(*ids))) == NULL ||
	    (cf = malloc((nw ? nw : 1) * sizeof(*cf))) == NULL ||
	    (df = malloc((nw ? nw : 1) * sizeof(*df))) == NULL)
		goto nomem;
	for (i = 0; i < nw; i++)
		ids[i] = wc.v[i].id;
	if (sqlite3_prepare_v2(h, "SELECT word, cf, df FROM word_period "
	    "WHERE seg = ?1 AND period BETWEEN ?2 AND ?3", -1, &st,
	    NULL) != SQLITE_OK) {
		err = sqlerr(h, "word_period");
		goto done;
	}
	/* All time (period 0). */
	if ((err = sum_months(h, st, ids, nw, segs, nseg,
	    (const int64_t[]){ 0 }, 1, cf, df)) != NULL)
		goto done;
	for (i = 0; i < nw; i++) {
		wc.v[i].cf = cf[i];
		wc.v[i].df = df[i];
	}
	/* Each class: its months, or all time less the other months,
	 * whichever reads fewer; a set the other class summed already is
	 * not read again (a year against the rest: one year read). */
	for (c = 0; c < 2; c++) {
		size_t in = 0;
		for (i = 0; i < np; i++)
			in += (cls[i] >> c) & 1;
		if (in == 0)
			continue;
		sign[c] = in <= np - in ? 1 : -1;
		if ((ps[c] = malloc((np ? np : 1) * sizeof(*ps[c]))) == NULL)
			goto nomem;
		for (i = 0; i < np; i++)
			if ((((cls[i] >> c) & 1) != 0) == (sign[c] > 0))
				ps[c][nps[c]++] = periods[i];
		if (c == 1 && ps[0] != NULL && nps[0] == nps[1] &&
		    memcmp(ps[0], ps[1], nps[0] * sizeof(*ps[0])) == 0) {
			scf[1] = scf[0];
			sdf[1] = sdf[0];
		} else {
			if ((scf[c] = malloc((nw ? nw : 1) *
			    sizeof(*scf[c]))) == NULL ||
			    (sdf[c] = malloc((nw ? nw : 1) *
			    sizeof(*sdf[c]))) == NULL)
				goto nomem;
			if ((err = sum_months(h, st, ids, nw, segs, nseg, ps[c],
			    nps[c], scf[c], sdf[c])) != NULL)
				goto done;
		}
		for (k = 0; k < nw; k++) {
			wc.v[k].c[c] = sign[c] > 0 ? scf[c][k] :
			    wc.v[k].cf - scf[c][k];
			wc.v[k].d[c] = sign[c] > 0 ? sdf[c][k] :
			    wc.v[k].df - sdf[c][k];
		}
	}
	wc.texts = (char *)texts.p;
	buf_init(&texts);
	pl_wordcounts_release(out);
	*out = wc;
	memset(&wc, 0, sizeof(wc));
	goto done;
nomem:
	err = pl_error_nomem();
done:
	sqlite3_finalize(st);
	free(segs);
	free(ids);
	free(cf);
	free(df);
	for (c = 0; c < 2; c++)
		free(ps[c]);
	if (scf[1] == scf[0])
		scf[1] = sdf[1] = NULL;
	for (c = 0; c < 2; c++) {
		free(scf[c]);
		free(sdf[c]);
	}
	buf_release(&texts);
	pl_wordcounts_release(&wc);
	return err;
}

const struct pl_error *
pl_corpus_month_classes(const struct pl_corpus *c, const uint8_t *rowcls,
    int64_t **periods, uint8_t **cls, size_t *np, int *uniform)
{
	int64_t lo = INT64_MAX, hi = INT64_MIN, plo, phi, *p = NULL;
	uint8_t *k = NULL, *byp = NULL;
	size_t i, n = 0, span;

	*periods = NULL;
	*cls = NULL;
	*np = 0;
	*uniform = 1;
	for (i = 0; i < c->ndocs; i++) {
		if (c->docs[i].day < lo)
			lo = c->docs[i].day;
		if (c->docs[i].day > hi)
			hi = c->docs[i].day;
	}
	if (c->ndocs == 0)
		return NULL;
	plo = ws_period(lo);
	phi = ws_period(hi);
	/* One slot per month of the corpus's span (0xff: no document). */
	span = (size_t)(phi - plo + 1);
	if (span > (size_t)1 << 24) {
		*uniform = 0;	/* over a million years: scan instead */
		return NULL;
	}
	if ((byp = malloc(span)) == NULL)
		return pl_error_nomem();
	memset(byp, 0xff, span);
	for (i = 0; i < c->ndocs; i++) {
		size_t j = (size_t)(ws_period(c->docs[i].day) - plo);
		if (byp[j] == 0xff)
			byp[j] = rowcls[i];
		else if (byp[j] != rowcls[i]) {
			*uniform = 0;
			break;
		}
	}
	for (i = 0; i < span; i++)
		n += byp[i] != 0xff;
	if ((p = malloc((n ? n : 1) * sizeof(*p))) == NULL ||
	    (k = malloc(n ? n : 1)) == NULL) {
		free(p);
		free(byp);
		return pl_error_nomem();
	}
	for (i = 0, n = 0; i < span; i++)
		if (byp[i] != 0xff) {
			p[n] = plo + (int64_t)i;
			k[n++] = byp[i];
		}
	free(byp);
	*periods = p;
	*cls = k;
	*np = n;
	return NULL;
}
