/*
 * ingest.c - writing a corpus: documents, their tokens, the term index in
 * segments within a memory budget, the Han bigram index; optimize and
 * reindex.
 */
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <sqlite3.h>

#include "plenum/match.h"
#include "plenum/store.h"
#include "docmeta.h"
#include "segment.h"
#include "extern.h"
#include "db-int.h"
#include "wordstat.h"
#include "fault.h"
#include "feed.h"
#include "postpool.h"

static int
same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Ingest. */

struct pl_ingest {
	struct pl_db		*db;
	struct pl_tokenizer	*tk;
	int			 replace;
	int			 had_terms;	/* the corpus had terms before */
	int			 fresh;		/* the database was empty */
	int64_t			 first_doc;	/* first doc id of this ingest */
	int64_t			 next_term;	/* next free term id */
	sqlite3_stmt		*st_by_ext, *st_by_hash, *st_ins_doc,
				*st_ins_toks, *st_term_by_text,
				*st_term_text_by_id,
				*st_upd_term, *st_del_term, *st_get_toks,
				*st_del_doc, *st_term_exists;
	int64_t			 seg;		/* segment the next flush writes */
	int			 segs_any;	/* term_seg has rows */
	int			 seg_rows;	/* this ingest wrote some */
	size_t			 budget;	/* flush the index past this
						   many bytes; 0: never */
	uint64_t		 flushes;
	int64_t			 generations;	/* flushes that wrote segment
						   rows since the last merge */
	int			 flush_segs;	/* this flush wrote some */
	/* Words of this ingest: normalised text -> term id. */
	struct strmap		 vocab;
	uint8_t			*vstop;		/* stop flag per vocab entry */
	/* n-grams of this ingest: packed vocab entry indexes -> entry. */
	struct strmap		 grams;
	struct gstat {
		uint64_t	 cf;
		uint32_t	 df;
		struct postlist	 pl;	/* its documents and counts */
	}			*gs;		/* per n-gram */
	size_t			 gcap;
	struct postpool		 pool;		/* the lists' bytes */
	/* per document scratch */
	struct pl_tokens	 toks;
	struct docgrams		 dg;
	uint32_t		*tv;		/* vocab entry per token */
	uint32_t		*went;		/* vocab entry per distinct word */
	size_t			 wcap;
	size_t			 tvcap;
	struct buf		 ids, spans, key, text;
	char			*other;		/* id of a duplicate */
	struct docmeta_w	 dm;		/* per-document figures */
	/* Han bigrams of this ingest: key -> entry; (entry, doc) pairs */
	struct pl_normer	*nm;
	struct hgent {
		uint64_t	 key;
		uint32_t	 last;		/* last doc added */
	}			*hg;
	size_t			 nhg, hgcap;
	uint32_t		*hgslot;	/* open addressing, entry + 1 */
	size_t			 nhgslot;
	uint32_t		(*hgpair)[2];
	size_t			 nhgpair, hgpcap;
	uint32_t		 hgdoc;
	int			 hgnomem;
	uint64_t		 hgflushes;	/* written before commit */
	struct pl_ingest_stats	 stats;
	/* words' counts per month (wordstat.c), written to segment wseg */
	struct ws_w		 ws;
	int64_t			 wseg;
};

static const struct pl_error *
ingest_prepare(struct pl_ingest *in)
{
	struct pl_db *db = in->db;
	const struct pl_error *err;

	if ((err = db_prepare(db, "SELECT id, hash, date, precision, source, "
	    "title, lang, meta FROM doc WHERE ext_id = ?", &in->st_by_ext)) !=
	    NULL ||
	    (err = db_prepare(db, "SELECT ext_id FROM doc WHERE hash = ? "
	    "LIMIT 1", &in->st_by_hash)) != NULL ||
	    (err = db_prepare(db, "INSERT INTO doc(ext_id, date, day, precision, "
	    "source, title, lang, tokens, sentences, hash, meta, text) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    &in->st_ins_doc)) != NULL ||
	    (err = db_prepare(db, "INSERT INTO doc_tokens(doc, ids, spans) "
	    "VALUES (?, ?, ?)", &in->st_ins_toks)) != NULL ||
	    (err = db_prepare(db, "SELECT id, cf, df, postings FROM term "
	    "WHERE text = ?", &in->st_term_by_text)) != NULL ||
	    (err = db_prepare(db, "SELECT text FROM term WHERE id = ? AND n = 1",
	    &in->st_term_text_by_id)) != NULL ||
	    (err = db_prepare(db, "UPDATE term SET cf = ?, df = ?, postings = ? "
	    "WHERE text = ?", &in->st_upd_term)) != NULL ||
	    (err = db_prepare(db, "DELETE FROM term WHERE text = ?",
	    &in->st_del_term)) != NULL ||
	    (err = db_prepare(db, "SELECT t.ids, t.spans, d.text FROM doc_tokens "
	    "t JOIN doc d ON d.id = t.doc WHERE t.doc = ?",
	    &in->st_get_toks)) != NULL ||
	    (err = db_prepare(db, "DELETE FROM doc WHERE id = ?",
	    &in->st_del_doc)) != NULL ||
	    (err = db_prepare(db, "SELECT id FROM term WHERE text = ?",
	    &in->st_term_exists)) != NULL)
		return err;
	return NULL;
}

static void
ingest_free(struct pl_ingest *in)
{
	sqlite3_stmt **sts[] = { &in->st_by_ext, &in->st_by_hash,
	    &in->st_ins_doc, &in->st_ins_toks, &in->st_term_by_text,
	    &in->st_term_text_by_id, &in->st_upd_term,
	    &in->st_del_term, &in->st_get_toks, &in->st_del_doc,
	    &in->st_term_exists };
	size_t i;

	for (i = 0; i < sizeof(sts) / sizeof(sts[0]); i++)
		sqlite3_finalize(*sts[i]);
	ws_w_release(&in->ws);
	strmap_release(&in->vocab);
	strmap_release(&in->grams);
	free(in->vstop);
	free(in->gs);
	postpool_release(&in->pool);
	free(in->tv);
	free(in->went);
	pl_tokens_release(&in->toks);
	docgrams_release(&in->dg);
	buf_release(&in->ids);
	buf_release(&in->spans);
	buf_release(&in->key);
	buf_release(&in->text);
	free(in->other);
	docmeta_w_release(&in->dm);
	pl_normer_free(in->nm);
	free(in->hg);
	free(in->hgslot);
	free(in->hgpair);
	free(in);
}

static int64_t
query_int(struct pl_db *db, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static const struct pl_error *
check_cfg(struct pl_db *db, const struct pl_tokcfg *want,
    const struct pl_tokcfg *have, int given)
{
	if ((given & PL_CFG_NGRAMS) && want->ngram_max != have->ngram_max)
		return pl_error_fmt(PL_ERR_USAGE,
		    "%s: corpus indexes n-grams up to %d, not %d (settings are "
		    "fixed when a corpus is created)", db->path,
		    have->ngram_max, want->ngram_max);
	if ((given & PL_CFG_T2S) && want->t2s != have->t2s)
		return pl_error_fmt(PL_ERR_USAGE,
		    "%s: corpus has traditional-to-simplified folding %s "
		    "(settings are fixed when a corpus is created)", db->path,
		    have->t2s ? "on" : "off");
	if ((given & PL_CFG_STOPLANGS) &&
	    strcmp(want->stoplangs, have->stoplangs) != 0)
		return pl_error_fmt(PL_ERR_USAGE,
		    "%s: corpus uses stopword lists '%s', not '%s' (settings "
		    "are fixed when a corpus is created)", db->path,
		    have->stoplangs, want->stoplangs);
	if ((given & PL_CFG_DICT) && !same_text(want->user_dict, have->user_dict))
		return pl_error_fmt(PL_ERR_USAGE,
		    "%s: corpus has a different user dictionary (settings "
		    "are fixed when a corpus is created)", db->path);
	if ((given & PL_CFG_STOPWORDS) &&
	    !same_text(want->user_stop, have->user_stop))
		return pl_error_fmt(PL_ERR_USAGE,
		    "%s: corpus has a different user stopword list (settings "
		    "are fixed when a corpus is created)", db->path);
	return NULL;
}

static const struct pl_error *
create_corpus(struct pl_db *db, const struct pl_tokcfg *cfg)
{
	const struct pl_error *err;
	char num[32], day[11], ver[64];

	if ((err = db_exec(db, db_schema_sql)) != NULL ||
	    (err = db_exec(db, docmeta_schema_sql)) != NULL ||
	    (err = db_exec(db, segment_schema_sql)) != NULL ||
	    (err = db_exec(db, segment0_schema_sql)) != NULL ||
	    (err = db_exec(db, wordstat_schema_sql)) != NULL)
		return err;
	snprintf(num, sizeof(num), "%d", cfg->ngram_max);
	pl_date_format(pl_now(), day);
	snprintf(ver, sizeof(ver), "PRAGMA user_version = %d",
	    PL_SCHEMA_VERSION);
	if ((err = db_setting_put(db, "ngram_max", num)) != NULL ||
	    (err = db_setting_put(db, "t2s", cfg->t2s ? "1" : "0")) != NULL ||
	    (err = db_setting_put(db, "stoplangs", cfg->stoplangs)) != NULL ||
	    (err = db_setting_put(db, "tokenizer", TOKVER)) != NULL ||
	    (err = db_setting_put(db, "created", day)) != NULL ||
	    (err = db_setting_put(db, "created_by", "plenum " PL_VERSION)) != NULL)
		return err;
	if (cfg->user_dict &&
	    (err = db_setting_put(db, "user_dict", cfg->user_dict)) != NULL)
		return err;
	if (cfg->user_stop &&
	    (err = db_setting_put(db, "user_stopwords", cfg->user_stop)) != NULL)
		return err;
	return db_exec(db, ver);
}

const struct pl_error *
pl_ingest_begin(struct pl_db *db, const struct pl_ingest_opts *opts,
    struct pl_ingest **out)
{
	const struct pl_error *err = NULL;
	struct pl_ingest *in;
	struct pl_tokcfg def, have;
	const struct pl_tokcfg *want;
	int began = 0;

	if (!db->writable)
		return pl_error_fmt(PL_ERR_USAGE, "%s: opened read-only",
		    db->path);
	if ((in = calloc(1, sizeof(*in))) == NULL)
		return pl_error_nomem();
	in->db = db;
	in->replace = opts ? opts->replace : 0;
	strmap_init(&in->vocab);
	strmap_init(&in->grams);
	pl_tokens_init(&in->toks);
	docgrams_init(&in->dg);
	docmeta_w_init(&in->dm);
	ws_w_init(&in->ws);
	buf_init(&in->ids);
	buf_init(&in->spans);
	buf_init(&in->key);
	buf_init(&in->text);
	pl_tokcfg_defaults(&def);
	want = (opts && opts->cfg) ? opts->cfg : &def;
	/*
	 * A new corpus is loaded with a rollback journal: pages beyond the
	 * old end of an empty file need no journal, so the bulk load is
	 * written once instead of twice (WAL, then checkpoint).  WAL is
	 * turned back on at commit.  Either way the load is one transaction.
	 */
	in->fresh = pl_db_is_empty(db);
	if (in->fresh && (err = db_exec(db, "PRAGMA journal_mode = DELETE")) != NULL) {
		err = db_lock_err(db, err);
		goto done;
	}
	if ((err = db_exec(db, "BEGIN IMMEDIATE")) != NULL) {
		err = db_lock_err(db, err);
		goto done;
	}
	began = 1;
	if (pl_db_is_empty(db)) {
		if ((err = create_corpus(db, want)) != NULL)
			goto done;
	} else if (opts && opts->cfg_given) {
		if ((err = db_load_cfg(db, &have)) != NULL ||
		    (err = check_cfg(db, want, &have, opts->cfg_given)) != NULL)
			goto done;
	}
	if ((err = pl_db_tokenizer(db, &in->tk)) != NULL)
		goto done;
	if ((in->nm = pl_normer_new(pl_tokenizer_cfg(in->tk)->t2s)) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	/* Big page cache: the term index is written in one go at commit. */
	if ((err = db_exec(db, "PRAGMA cache_size = -262144")) != NULL)
		goto done;
	in->first_doc = query_int(db, "SELECT coalesce(max(id), 0) + 1 "
	    "FROM doc");
	in->next_term = query_int(db, "SELECT coalesce(max(id), 0) + 1 "
	    "FROM term");
	in->had_terms = in->next_term > 1;
	/*
	 * The next segment number: stored at every commit ("next segment"),
	 * since max(seg) of term_seg, keyed by text first, is a scan of the
	 * whole table (0.8 s and 270 MB of page cache at 10^6 documents, most
	 * of a weekly ingest).  term_seg0, keyed by seg, is asked too, and a
	 * database from before the stat is scanned once.
	 */
	if ((err = docmeta_stat(db->h, "next segment", &in->seg)) != NULL)
		goto done;
	if (in->seg > 0) {
		int64_t s0 = query_int(db, "SELECT coalesce(max(seg), 0) + 1 "
		    "FROM term_seg0");
		if (s0 < 0)
			in->seg = -1;
		else if (s0 > in->seg)
			in->seg = s0;
	} else
		in->seg = query_int(db, "SELECT max(coalesce((SELECT max(seg) "
		    "FROM term_seg), 0), coalesce((SELECT max(seg) FROM "
		    "term_seg0), 0)) + 1");
	in->budget = opts ? opts->memory : 0;
	if (in->first_doc < 0 || in->next_term < 0 || in->seg < 0) {
		err = db_err(db->h, db->path);
		goto done;
	}
	in->segs_any = in->seg > 1;
	if ((err = docmeta_stat(db->h, "segments", &in->generations)) != NULL ||
	    (err = ws_next_seg(db->h, in->fresh, &in->wseg)) != NULL)
		goto done;
	err = ingest_prepare(in);
done:
	if (err) {
		if (began)
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		ingest_free(in);
		return err;
	}
	*out = in;
	return NULL;
}

void
pl_ingest_abort(struct pl_ingest *in)
{
	if (in == NULL)
		return;
	sqlite3_exec(in->db->h, "ROLLBACK", NULL, NULL, NULL);
	ingest_free(in);
}

/*
 * 32-bit limits, checked where a value is made instead of truncated by a
 * cast (issue 14): term ids and in-memory entry numbers are uint32_t,
 * document ids 1..INT32_MAX - 1 (what readers accept, docmeta.c), and a
 * value bound to SQLite must fit its length limit (below INT_MAX; a
 * negative length would mean "up to the NUL").  Running into a limit is
 * fatal (PL_ERR_DB, the store is full), not a bad record.
 */
static const struct pl_error *
new_term_id(struct pl_ingest *in, int64_t *id)
{
	if (in->next_term < 1 || in->next_term > (int64_t)UINT32_MAX)
		return pl_error_fmt(PL_ERR_DB, "%s: too many terms: term ids "
		    "are 32-bit (%lu at most)", in->db->path,
		    (unsigned long)UINT32_MAX);
	*id = in->next_term++;
	return NULL;
}

static const struct pl_error *
check_term_id(struct pl_ingest *in, int64_t id)
{
	if (id < 1 || id > (int64_t)UINT32_MAX)
		return pl_error_fmt(PL_ERR_DAMAGED, "%s: database damaged: "
		    "term.id %lld is out of range", in->db->path,
		    (long long)id);
	return NULL;
}

static const struct pl_error *
check_entry(long e, const char *what)
{
	if (e < 0 || (unsigned long)e >= UINT32_MAX)
		return pl_error_fmt(PL_ERR_DB, "too many distinct %s in one "
		    "ingest (%lu at most; use --memory to write the index "
		    "out sooner)", what, (unsigned long)UINT32_MAX - 1);
	return NULL;
}

/* n bytes as a length for sqlite3_bind_*, or an error naming what (fatal:
 * the text, the only input that grows without bound, is checked as a bad
 * record before anything is written). */
static const struct pl_error *
bind_len(struct pl_ingest *in, size_t n, const char *what, int *len)
{
	int lim = sqlite3_limit(in->db->h, SQLITE_LIMIT_LENGTH, -1);

	if (n > (size_t)lim)
		return pl_error_fmt(PL_ERR_DB, "%s is %zu bytes, more than "
		    "SQLite stores in one value (%d)", what, n, lim);
	*len = (int)n;
	return NULL;
}


/*
 * Vocabulary entry for a normalised word: looked up in this ingest, then
 * in the corpus, else given a new term id.  Returns -1 on error (*errp).
 */
static long
vocab_entry_h(struct pl_ingest *in, const char *w, size_t len, uint64_t h,
    const struct pl_error **errp);

static long
vocab_entry(struct pl_ingest *in, const char *w, size_t len,
    const struct pl_error **errp)
{
	return vocab_entry_h(in, w, len, hash_bytes(w, len), errp);
}

static long
vocab_entry_h(struct pl_ingest *in, const char *w, size_t len, uint64_t h,
    const struct pl_error **errp)
{
	long e;
	int added, rc;
	int64_t id;

	if ((e = strmap_put_hashed(&in->vocab, w, len, h, 0, &added)) == -1) {
		*errp = pl_error_nomem();
		return -1;
	}
	if (!added)
		return e;
	if ((*errp = check_entry(e, "words")) != NULL)
		return -1;
	id = 0;
	if (in->had_terms) {
		sqlite3_bind_text(in->st_term_exists, 1, w, (int)len,
		    SQLITE_STATIC);
		rc = sqlite3_step(in->st_term_exists);
		if (rc == SQLITE_ROW)
			id = sqlite3_column_int64(in->st_term_exists, 0);
		sqlite3_reset(in->st_term_exists);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			*errp = db_err(in->db->h, "looking up a term");
			return -1;
		}
	}
	if (id != 0 && (*errp = check_term_id(in, id)) != NULL)
		return -1;
	if (id == 0 && (*errp = new_term_id(in, &id)) != NULL)
		return -1;
	in->vocab.ents[e].val = (uint32_t)id;
	if ((size_t)e % 1024 == 0) {
		uint8_t *ns = realloc(in->vstop, ((size_t)e + 1024) *
		    sizeof(*ns));
		if (ns == NULL) {
			*errp = pl_error_nomem();
			return -1;
		}
		in->vstop = ns;
	}
	in->vstop[e] = (uint8_t)pl_tokenizer_is_stop(in->tk, w, len);
	return e;
}

/*
 * Calls fn for every n-gram (1..ngram_max) of a token sequence given as
 * vocab entries with sentence numbers: an n-gram stays in one sentence
 * and, for n >= 2, neither begins nor ends with a stopword.
 */
typedef const struct pl_error *(*gram_fn)(struct pl_ingest *,
    const uint32_t *ents, int n, void *arg);

static const struct pl_error *
each_gram(struct pl_ingest *in, const uint32_t *ents, const uint32_t *sent,
    size_t ntok, gram_fn fn, void *arg)
{
	const struct pl_error *err;
	int maxn = pl_tokenizer_cfg(in->tk)->ngram_max, n;
	size_t i;

	for (i = 0; i < ntok; i++) {
		for (n = 1; n <= maxn && i + (size_t)n <= ntok; n++) {
			if (sent[i + (size_t)n - 1] != sent[i])
				break;
			if (n >= 2 && (in->vstop[ents[i]] ||
			    in->vstop[ents[i + (size_t)n - 1]]))
				continue;
			if ((err = fn(in, ents + i, n, arg)) != NULL)
				return err;
		}
	}
	return NULL;
}

#define GRAM_PF	32	/* lookups started this many n-grams ahead */

static uint64_t
gram_key(const struct pl_ingest *in, const struct lgram *lg, uint32_t *key)
{
	size_t k;

	for (k = 0; k < lg->n; k++)
		key[k] = in->tv[lg->first + k];
	return hash_bytes(key, lg->n * sizeof(*key));
}

/* Adds one document's distinct n-grams to the in-memory index, and its
 * words to the month's counts. */
static const struct pl_error *
count_grams(struct pl_ingest *in, const struct docgrams *dg, uint32_t doc,
    int64_t day)
{
	const struct pl_error *err;
	struct gstat *gs;
	uint32_t key[PL_NGRAM_MAX];
	uint64_t ring[GRAM_PF], h;
	int64_t period = ws_period(day);
	size_t i;
	long e;
	int added, rc;

	/* The table is far bigger than the cache: its lookups are prefetched
	 * (strmap_prefetch) GRAM_PF, GRAM_PF / 2 and GRAM_PF / 4 n-grams
	 * ahead: its slot, entry and counts, and its key and the end of its
	 * posting list. */
	for (i = 0; i < dg->n && i < GRAM_PF; i++) {
		ring[i] = gram_key(in, &dg->v[i], key);
		strmap_prefetch(&in->grams, ring[i], 0);
	}
	for (i = 0; i < dg->n; i++) {
		const struct lgram *lg = &dg->v[i];
		if (i + GRAM_PF / 2 < dg->n) {
			const struct lgram *la = &dg->v[i + GRAM_PF / 2];
			long f = strmap_prefetch(&in->grams, ring[(i +
			    GRAM_PF / 2) % GRAM_PF], 1);
			if (f >= 0 && (size_t)f < in->gcap)
				__builtin_prefetch(&in->gs[f]);
			if (la->n == 1)
				__builtin_prefetch(&in->vocab.ents[
				    in->tv[la->first]]);
		}
		if (i + GRAM_PF / 4 < dg->n) {
			const struct lgram *la = &dg->v[i + GRAM_PF / 4];
			long f = strmap_prefetch(&in->grams, ring[(i +
			    GRAM_PF / 4) % GRAM_PF], 2);
			const void *pn;
			if (f >= 0 && (size_t)f < in->gcap &&
			    (pn = postpool_next(&in->pool, &in->gs[f].pl)) !=
			    NULL)
				__builtin_prefetch(pn, 1);
			/* and the word's slot in the month's counts */
			if (la->n == 1)
				ws_w_prefetch(&in->ws, period, (uint32_t)
				    in->vocab.ents[in->tv[la->first]].val);
		}
		h = ring[i % GRAM_PF];
		(void)gram_key(in, lg, key);
		e = strmap_put_hashed(&in->grams, (const char *)key,
		    lg->n * sizeof(*key), h, 0, &added);
		if (e == -1)
			return pl_error_nomem();
		if (added && (err = check_entry(e, "n-grams")) != NULL)
			return err;
		if (i + GRAM_PF < dg->n) {
			ring[i % GRAM_PF] = gram_key(in, &dg->v[i + GRAM_PF],
			    key);
			strmap_prefetch(&in->grams, ring[i % GRAM_PF], 0);
		}
		if ((size_t)e >= in->gcap) {
			size_t nc = in->gcap ? in->gcap * 2 : 65536;
			struct gstat *ng = realloc(in->gs, nc * sizeof(*ng));
			if (ng == NULL)
				return pl_error_nomem();
			in->gs = ng;
			in->gcap = nc;
		}
		gs = &in->gs[e];
		if (added)
			memset(gs, 0, sizeof(*gs));
		gs->cf += lg->count;
		gs->df++;
		if ((rc = postpool_add(&in->pool, &gs->pl, doc, lg->count)) !=
		    0)
			return rc == -2 ? pl_error_fmt(PL_ERR_DB, "too many "
			    "postings in one flush of the index: set a memory "
			    "budget (--memory)") : pl_error_nomem();
		if (lg->n == 1 && ws_w_add_period(&in->ws, period,
		    in->vocab.ents[in->tv[lg->first]].val, lg->count, 1) == -1)
			return pl_error_nomem();
	}
	return NULL;
}

/* Text of an n-gram: its words joined by single spaces, into in->text. */
static const struct pl_error *
gram_text(struct pl_ingest *in, const uint32_t *ents, int n)
{
	int k;

	in->text.n = 0;
	for (k = 0; k < n; k++) {
		const struct smentry *se = &in->vocab.ents[ents[k]];
		if ((k > 0 && buf_add(&in->text, " ", 1) == -1) ||
		    buf_add(&in->text, in->vocab.arena + se->off, se->len) == -1)
			return pl_error_nomem();
	}
	return NULL;
}

/* A decoded posting list, grown by pl_postings_each's callback. */
struct plist {
	int64_t		*docs, *cnts;
	size_t		 n, cap;
	int		 nomem;
};

static void
plist_add(void *arg, int64_t doc, int64_t count)
{
	struct plist *l = arg;

	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 64;
		int64_t *a = realloc(l->docs, nc * sizeof(*a));
		int64_t *b = a ? realloc(l->cnts, nc * sizeof(*b)) : NULL;
		if (a)
			l->docs = a;
		if (b)
			l->cnts = b;
		if (a == NULL || b == NULL) {
			l->nomem = 1;
			return;
		}
		l->cap = nc;
	}
	l->docs[l->n] = doc;
	l->cnts[l->n++] = count;
}

/* A posting list (see docs/SCHEMA.md) as arrays the caller frees. */
static const struct pl_error *
postings_decode(const unsigned char *p, size_t len, int64_t **docs,
    int64_t **cnts, size_t *n)
{
	struct plist l = { NULL, NULL, 0, 0, 0 };
	int bad = pl_postings_each(p, len, plist_add, &l);

	*docs = *cnts = NULL;
	*n = 0;
	if (bad || l.nomem) {
		free(l.docs);
		free(l.cnts);
		return bad ? pl_error_fmt(PL_ERR_DAMAGED, "database damaged: "
		    "corrupt posting list") :
		    pl_error_nomem();
	}
	*docs = l.docs;
	*cnts = l.cnts;
	*n = l.n;
	return NULL;
}

struct delctx {
	struct strmap	 counts;	/* packed entries -> count (val) */
};

static const struct pl_error *
gram_collect(struct pl_ingest *in, const uint32_t *ents, int n, void *arg)
{
	struct delctx *dc = arg;
	long e;
	int added;

	(void)in;
	e = strmap_put(&dc->counts, (const char *)ents,
	    (size_t)n * sizeof(*ents), 0, &added);
	if (e == -1)
		return pl_error_nomem();
	dc->counts.ents[e].val++;
	return NULL;
}

/* Decodes a stored token-id blob into vocab entries and sentence numbers. */
static const struct pl_error *
decode_ids(struct pl_ingest *in, const unsigned char *p, size_t len,
    uint32_t **ents, uint32_t **sents, size_t *n)
{
	const struct pl_error *err = NULL;
	const unsigned char *end = p + len;
	uint64_t v;
	uint32_t s = 0;
	size_t cap = 0;
	long e;
	int rc;

	*ents = *sents = NULL;
	*n = 0;
	while (p < end) {
		if (varint_get(&p, end, &v) == -1) {
			err = pl_error_fmt(PL_ERR_DAMAGED, "database damaged: "
			    "corrupt token list");
			goto done;
		}
		if (v == 0) {
			s++;
			continue;
		}
		sqlite3_bind_int64(in->st_term_text_by_id, 1, (int64_t)v);
		rc = sqlite3_step(in->st_term_text_by_id);
		if (rc != SQLITE_ROW) {
			sqlite3_reset(in->st_term_text_by_id);
			err = pl_error_fmt(PL_ERR_DB,
			    "token list names missing term %llu",
			    (unsigned long long)v);
			goto done;
		}
		{
			const char *t = (const char *)sqlite3_column_text(
			    in->st_term_text_by_id, 0);
			size_t tl = (size_t)sqlite3_column_bytes(
			    in->st_term_text_by_id, 0);
			e = vocab_entry(in, t, tl, &err);
		}
		sqlite3_reset(in->st_term_text_by_id);
		if (e == -1)
			goto done;
		if (*n == cap) {
			size_t nc = cap ? cap * 2 : 256;
			uint32_t *a = realloc(*ents, nc * sizeof(*a));
			uint32_t *b = a ? realloc(*sents, nc * sizeof(*b)) : NULL;
			if (a)
				*ents = a;
			if (b)
				*sents = b;
			if (a == NULL || b == NULL) {
				err = pl_error_nomem();
				goto done;
			}
			cap = nc;
		}
		(*ents)[*n] = (uint32_t)e;
		(*sents)[(*n)++] = s;
	}
done:
	if (err) {
		free(*ents);
		free(*sents);
		*ents = *sents = NULL;
	}
	return err;
}

/* Han bigram index. */

#define HG_PF	16	/* slots prefetched this many keys ahead */
#define HG_SLOT(key, mask) \
	((size_t)((key) * 0x9e3779b97f4a7c15ULL >> 20) & (mask))

/* Grows the slots to hold n more keys at half load at most. */
static int
hg_reserve(struct pl_ingest *in, size_t n)
{
	size_t ns, sl, i;
	uint32_t *nv;

	if ((in->nhg + n) * 2 <= in->nhgslot)
		return 0;
	for (ns = in->nhgslot ? in->nhgslot : 1 << 16; (in->nhg + n) * 2 > ns;)
		ns *= 2;
	if ((nv = calloc(ns, sizeof(*nv))) == NULL)
		return -1;
	for (i = 0; i < in->nhg; i++) {
		for (sl = HG_SLOT(in->hg[i].key, ns - 1); nv[sl] != 0;
		    sl = (sl + 1) & (ns - 1))
			;
		nv[sl] = (uint32_t)i + 1;
	}
	free(in->hgslot);
	in->hgslot = nv;
	in->nhgslot = ns;
	return 0;
}

/*
 * Adds the document in->hgdoc under each of its n distinct Han bigram
 * keys.  The table is far bigger than the cache: each key's slot is
 * prefetched HG_PF keys ahead, its entry HG_PF / 2 ahead.
 */
static void
hg_add(struct pl_ingest *in, const uint64_t *keys, size_t n)
{
	size_t mask, sl, i;
	uint32_t e;

	if (in->hgnomem || n == 0)
		return;
	if (in->nhg + n >= UINT32_MAX - 1) {
		in->hgnomem = 2;	/* too many keys for uint32_t */
		return;
	}
	if (hg_reserve(in, n) == -1) {
		in->hgnomem = 1;
		return;
	}
	if (in->nhg + n > in->hgcap) {
		size_t nc = in->hgcap ? in->hgcap : 1 << 15;
		struct hgent *nh;
		while (nc < in->nhg + n)
			nc *= 2;
		if ((nh = realloc(in->hg, nc * sizeof(*nh))) == NULL) {
			in->hgnomem = 1;
			return;
		}
		in->hg = nh;
		in->hgcap = nc;
	}
	if (in->nhgpair + n > in->hgpcap) {
		size_t nc = in->hgpcap ? in->hgpcap : 1 << 16;
		uint32_t (*np)[2];
		while (nc < in->nhgpair + n)
			nc *= 2;
		if ((np = realloc(in->hgpair, nc * sizeof(*np))) == NULL) {
			in->hgnomem = 1;
			return;
		}
		in->hgpair = np;
		in->hgpcap = nc;
	}
	mask = in->nhgslot - 1;
	for (i = 0; i < n && i < HG_PF; i++)
		__builtin_prefetch(&in->hgslot[HG_SLOT(keys[i], mask)]);
	for (i = 0; i < n; i++) {
		uint64_t key = keys[i];
		if (i + HG_PF < n)
			__builtin_prefetch(&in->hgslot[HG_SLOT(keys[i + HG_PF],
			    mask)]);
		if (i + HG_PF / 2 < n &&
		    (e = in->hgslot[HG_SLOT(keys[i + HG_PF / 2], mask)]) != 0)
			__builtin_prefetch(&in->hg[e - 1]);
		for (sl = HG_SLOT(key, mask); (e = in->hgslot[sl]) != 0;
		    sl = (sl + 1) & mask)
			if (in->hg[e - 1].key == key)
				break;
		if (e == 0) {
			in->hg[in->nhg].key = key;
			in->hg[in->nhg].last = 0;
			e = (uint32_t)++in->nhg;
			in->hgslot[sl] = e;
		}
		if (in->hg[e - 1].last == in->hgdoc)
			continue;
		in->hg[e - 1].last = in->hgdoc;
		in->hgpair[in->nhgpair][0] = e - 1;
		in->hgpair[in->nhgpair][1] = in->hgdoc;
		in->nhgpair++;
	}
}

static int
cmp_hgkey(const void *a, const void *b, void *arg)
{
	const struct hgent *hg = arg;
	uint64_t x = hg[*(const uint32_t *)a].key, y = hg[*(const uint32_t *)b].key;

	return x < y ? -1 : x > y;
}

/* The Han bigram rows of a new corpus, in key order, for a feed. */
struct hgrows {
	struct pl_ingest	*in;
	const uint32_t		*order;
	const size_t		*start;
	const uint32_t		*docs;
	struct buf		*b;
	size_t			 i;
};

static int
hg_feed(void *arg, struct feed_val *v, const struct pl_error **errp)
{
	struct hgrows *r = arg;
	uint32_t e;
	uint64_t last = 0;
	size_t k;

	do {
		if (r->i == r->in->nhg)
			return 0;
		e = r->order[r->i++];
	} while (r->start[e] == r->start[e + 1]);
	r->b->n = 0;
	for (k = r->start[e]; k < r->start[e + 1]; k++) {
		if (buf_varint(r->b, r->docs[k] - last) == -1) {
			*errp = pl_error_nomem();
			return -1;
		}
		last = r->docs[k];
	}
	v[0] = (struct feed_val){ SQLITE_INTEGER, (int64_t)r->in->hg[e].key,
	    NULL, 0 };
	v[1] = (struct feed_val){ SQLITE_BLOB, 0, r->b->p, r->b->n };
	return 1;
}

/* Writes this ingest's Han bigrams, appending to what the corpus had. */
static const struct pl_error *
hgram_write(struct pl_ingest *in)
{
	const struct pl_error *err = NULL;
	struct pl_db *db = in->db;
	sqlite3_stmt *get = NULL, *put = NULL;
	uint32_t *order = NULL, *docs = NULL;
	size_t *start = NULL, i, k;
	struct buf b;
	int rc;

	buf_init(&b);
	if (in->hgnomem)
		return in->hgnomem == 2 ? check_entry(-1, "Han bigrams") :
		    pl_error_nomem();
	if (in->nhg == 0)
		return NULL;
	if ((order = malloc(in->nhg * sizeof(*order))) == NULL ||
	    (start = calloc(in->nhg + 1, sizeof(*start))) == NULL ||
	    (docs = malloc((in->nhgpair ? in->nhgpair : 1) *
	    sizeof(*docs))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (i = 0; i < in->nhgpair; i++)
		start[in->hgpair[i][0] + 1]++;
	for (i = 0; i < in->nhg; i++)
		start[i + 1] += start[i];
	for (i = 0; i < in->nhgpair; i++)
		docs[start[in->hgpair[i][0]]++] = in->hgpair[i][1];
	for (i = in->nhg; i > 0; i--)
		start[i] = start[i - 1];
	start[0] = 0;
	for (i = 0; i < in->nhg; i++)
		order[i] = (uint32_t)i;
	qsort_r(order, in->nhg, sizeof(*order), cmp_hgkey, in->hg);
	if (in->fresh && in->hgflushes == 0) {
		/* A new corpus: no rows to append to, one fed statement. */
		struct hgrows r = { in, order, start, docs, &b, 0 };
		struct feed f = { hg_feed, &r, 0, { 0, 0, "" } };
		err = feed_run(db->h, "INSERT INTO hgram(key, docs) SELECT c0, "
		    "c1 FROM pl_feed WHERE feed = ?1", &f);
		goto done;
	}
	if ((err = db_prepare(db, "SELECT docs FROM hgram WHERE key = ?",
	    &get)) != NULL ||
	    (err = db_prepare(db, "INSERT OR REPLACE INTO hgram(key, docs) "
	    "VALUES (?, ?)", &put)) != NULL)
		goto done;
	for (i = 0; i < in->nhg; i++) {
		uint32_t e = order[i];
		uint64_t last = 0, v;
		b.n = 0;
		if (start[e] == start[e + 1])
			continue;	/* no documents since the last flush */
		if (!in->fresh || in->hgflushes > 0) {
			sqlite3_bind_int64(get, 1, (int64_t)in->hg[e].key);
			rc = sqlite3_step(get);
			if (rc == SQLITE_ROW) {
				const unsigned char *p = sqlite3_column_blob(
				    get, 0), *end;
				size_t len = (size_t)sqlite3_column_bytes(get,
				    0);
				if (buf_add(&b, p, len) == -1) {
					sqlite3_reset(get);
					err = pl_error_nomem();
					goto done;
				}
				for (p = b.p, end = b.p + b.n; p < end;) {
					if (varint_get(&p, end, &v) == -1)
						break;
					last += v;
				}
			} else if (rc != SQLITE_DONE) {
				sqlite3_reset(get);
				err = db_err(db->h, "reading the Han bigram index");
				goto done;
			}
			sqlite3_reset(get);
		}
		for (k = start[e]; k < start[e + 1]; k++) {
			if (docs[k] <= last)
				continue;
			if (buf_varint(&b, docs[k] - last) == -1) {
				err = pl_error_nomem();
				goto done;
			}
			last = docs[k];
		}
		sqlite3_bind_int64(put, 1, (int64_t)in->hg[e].key);
		sqlite3_bind_blob(put, 2, b.p ? (void *)b.p : (void *)"",
		    (int)b.n, SQLITE_STATIC);
		if ((err = db_step_done(db, put)) != NULL)
			goto done;
	}
done:
	sqlite3_finalize(get);
	sqlite3_finalize(put);
	free(order);
	free(start);
	free(docs);
	buf_release(&b);
	return err;
}

/* Bytes the Han bigrams of this ingest hold, and writing them takes. */
static size_t
hgram_bytes(const struct pl_ingest *in)
{
	return in->hgcap * sizeof(*in->hg) + in->nhgslot * sizeof(uint32_t) +
	    in->hgpcap * sizeof(*in->hgpair) +
	    in->nhg * (sizeof(uint32_t) + sizeof(size_t)) +
	    in->nhgpair * sizeof(uint32_t);
}

/*
 * Writes the Han bigrams gathered so far into the hgram table (appending
 * to its rows) and empties them, so that they stay within the ingest's
 * memory budget as the term index does (docs/STORAGE.md).  Called
 * between documents only.
 */
static const struct pl_error *
hgram_flush(struct pl_ingest *in)
{
	const struct pl_error *err;

	if ((err = hgram_write(in)) != NULL)
		return err;
	in->hgflushes++;
	free(in->hg);
	free(in->hgslot);
	free(in->hgpair);
	in->hg = NULL;
	in->hgslot = NULL;
	in->hgpair = NULL;
	in->nhg = in->hgcap = in->nhgslot = in->nhgpair = in->hgpcap = 0;
	return NULL;
}

/*
 * Turns the sentence numbers of n stored tokens into clause numbers, as
 * the tokenizer counts them: a new clause at a sentence break and at
 * clause punctuation between two tokens.
 */
static const struct pl_error *
sents_to_clauses(const unsigned char *spans, size_t slen, const char *text,
    size_t tlen, uint32_t *sent, size_t n)
{
	const unsigned char *p = spans, *end = spans + slen;
	uint64_t gap, l, off = 0, pend = 0;
	uint32_t clause = 0, prevs = 0;
	size_t j;

	for (j = 0; j < n; j++) {
		if (varint_get(&p, end, &gap) == -1 ||
		    varint_get(&p, end, &l) == -1)
			return pl_error_fmt(PL_ERR_DAMAGED, "database damaged: "
			    "corrupt token spans");
		off += gap;
		if (j > 0 && (sent[j] != prevs || clause_gap(text, tlen,
		    (size_t)pend, (size_t)off)))
			clause++;
		prevs = sent[j];
		pend = off + l;
		sent[j] = clause;
	}
	return NULL;
}

/* Removes document id (from an earlier ingest) and its postings. */
static const struct pl_error *
delete_doc(struct pl_ingest *in, int64_t id)
{
	const struct pl_error *err = NULL;
	struct delctx dc;
	uint32_t *ents = NULL, *sents = NULL;
	size_t n = 0, i, j, k;
	int64_t *docs = NULL, *cnts = NULL, oldday = 0;
	int rc;

	strmap_init(&dc.counts);
	{
		/* The old document's day: its words leave that month. */
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(in->db->h, "SELECT day FROM doc WHERE "
		    "id = ?", -1, &st, NULL) != SQLITE_OK)
			return db_err(in->db->h, "looking up a document");
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) == SQLITE_ROW)
			oldday = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_bind_int64(in->st_get_toks, 1, id);
	rc = sqlite3_step(in->st_get_toks);
	if (rc == SQLITE_ROW) {
		size_t len = (size_t)sqlite3_column_bytes(in->st_get_toks, 0);
		size_t slen = (size_t)sqlite3_column_bytes(in->st_get_toks, 1);
		size_t tlen = (size_t)sqlite3_column_bytes(in->st_get_toks, 2);
		unsigned char *copy = malloc(len + slen + tlen + 1);
		if (copy == NULL) {
			sqlite3_reset(in->st_get_toks);
			err = pl_error_nomem();
			goto done;
		}
		if (len)
			memcpy(copy, sqlite3_column_blob(in->st_get_toks, 0),
			    len);
		if (slen)
			memcpy(copy + len, sqlite3_column_blob(in->st_get_toks,
			    1), slen);
		if (tlen)
			memcpy(copy + len + slen, sqlite3_column_text(
			    in->st_get_toks, 2), tlen);
		sqlite3_reset(in->st_get_toks);
		err = decode_ids(in, copy, len, &ents, &sents, &n);
		if (err == NULL)
			err = sents_to_clauses(copy + len, slen,
			    (const char *)copy + len + slen, tlen, sents, n);
		free(copy);
		if (err)
			goto done;
	} else
		sqlite3_reset(in->st_get_toks);
	if ((err = each_gram(in, ents, sents, n, gram_collect, &dc)) != NULL)
		goto done;
	for (i = 0; i < dc.counts.n; i++) {
		const uint32_t *g = (const uint32_t *)strmap_key(&dc.counts, i);
		int gn = (int)(dc.counts.ents[i].len / sizeof(uint32_t));
		int64_t cf, df;
		struct buf *b = &in->key;

		if ((err = gram_text(in, g, gn)) != NULL)
			goto done;
		/* Segments first merged into the base row, then rewritten. */
		if (in->segs_any) {
			int folded;
			if ((err = seg_fold(in->db->h, (char *)in->text.p,
			    (int)in->text.n, &folded)) != NULL)
				goto done;
		}
		sqlite3_bind_text(in->st_term_by_text, 1, (char *)in->text.p,
		    (int)in->text.n, SQLITE_STATIC);
		rc = sqlite3_step(in->st_term_by_text);
		if (rc != SQLITE_ROW) {
			sqlite3_reset(in->st_term_by_text);
			continue;	/* already gone */
		}
		if (gn == 1 && ws_w_add(&in->ws, oldday,
		    in->vocab.ents[g[0]].val, -(int64_t)dc.counts.ents[i].val,
		    -1) == -1) {
			sqlite3_reset(in->st_term_by_text);
			err = pl_error_nomem();
			goto done;
		}
		cf = sqlite3_column_int64(in->st_term_by_text, 1) -
		    dc.counts.ents[i].val;
		df = sqlite3_column_int64(in->st_term_by_text, 2) - 1;
		if (df <= 0 || cf <= 0) {
			sqlite3_reset(in->st_term_by_text);
			sqlite3_bind_text(in->st_del_term, 1,
			    (char *)in->text.p, (int)in->text.n, SQLITE_STATIC);
			if ((err = db_step_done(in->db, in->st_del_term)) != NULL)
				goto done;
			in->dm.terms[gn]--;
			continue;
		}
		err = postings_decode(sqlite3_column_blob(in->st_term_by_text, 3),
		    (size_t)sqlite3_column_bytes(in->st_term_by_text, 3), &docs,
		    &cnts, &k);
		sqlite3_reset(in->st_term_by_text);
		if (err)
			goto done;
		b->n = 0;
		{
			int64_t last = 0;
			for (j = 0; j < k; j++) {
				if (docs[j] == id)
					continue;
				if (buf_varint(b, (uint64_t)(docs[j] - last)) ==
				    -1 || buf_varint(b, (uint64_t)cnts[j]) == -1) {
					err = pl_error_nomem();
					goto done;
				}
				last = docs[j];
			}
		}
		free(docs);
		free(cnts);
		docs = cnts = NULL;
		sqlite3_bind_int64(in->st_upd_term, 1, cf);
		sqlite3_bind_int64(in->st_upd_term, 2, df);
		sqlite3_bind_blob(in->st_upd_term, 3, b->p, (int)b->n,
		    SQLITE_STATIC);
		sqlite3_bind_text(in->st_upd_term, 4, (char *)in->text.p,
		    (int)in->text.n, SQLITE_STATIC);
		if ((err = db_step_done(in->db, in->st_upd_term)) != NULL)
			goto done;
	}
	sqlite3_bind_int64(in->st_del_doc, 1, id);
	if ((err = db_step_done(in->db, in->st_del_doc)) == NULL)
		err = docmeta_w_del(&in->dm, id);
done:
	free(docs);
	free(cnts);
	free(ents);
	free(sents);
	strmap_release(&dc.counts);
	return err;
}

/* A rough language tag from the tokens' scripts. */
static const char *
guess_lang(const struct pl_tokens *t)
{
	size_t i, han = 0, latin = 0;

	for (i = 0; i < t->n; i++) {
		unsigned char c = (unsigned char)t->norm[t->v[i].norm];
		if (c >= 0xe3 && c <= 0xe9)
			han++;
		else if (c >= 'a' && c <= 'z')
			latin++;
	}
	if (han * 2 > t->n)
		return "zh";
	if (latin * 2 > t->n)
		return "en";
	return "und";
}

const struct pl_error *
pl_ingest_add(struct pl_ingest *in, const struct pl_doc *d,
    enum pl_add_result *res, const char **other)
{
	return pl_ingest_add_tokens(in, d, NULL, res, other);
}

/*
 * Does the row st_by_ext stands on hold the same document as d (text hash,
 * date and precision, source, title, metadata, and the language if d
 * names one)?
 */
static int
same_doc(sqlite3_stmt *st, const struct pl_doc *d, const char *hash)
{
	char day[11];

	pl_date_format(d->day, day);
	return same_text((const char *)sqlite3_column_text(st, 1), hash) &&
	    same_text((const char *)sqlite3_column_text(st, 2), day) &&
	    same_text((const char *)sqlite3_column_text(st, 3),
	    pl_precision_name(d->prec)) &&
	    same_text((const char *)sqlite3_column_text(st, 4), d->source) &&
	    same_text((const char *)sqlite3_column_text(st, 5), d->title) &&
	    (d->lang == NULL ||
	    same_text((const char *)sqlite3_column_text(st, 6), d->lang)) &&
	    same_text((const char *)sqlite3_column_text(st, 7), d->meta);
}

int
pl_ingest_known(struct pl_ingest *in, const struct pl_doc *d)
{
	char *hash;
	int rc, known = 0;

	if (d->textlen == 0)
		return 0;
	sqlite3_bind_text(in->st_by_ext, 1, d->id, -1, SQLITE_STATIC);
	rc = sqlite3_step(in->st_by_ext);
	if (rc == SQLITE_ROW && (hash = g_compute_checksum_for_data(
	    G_CHECKSUM_SHA256, (const guchar *)d->text, d->textlen)) != NULL) {
		known = same_doc(in->st_by_ext, d, hash);
		g_free(hash);
	}
	sqlite3_reset(in->st_by_ext);
	return known;
}

const struct pl_tokenizer *
pl_ingest_tokenizer(const struct pl_ingest *in)
{
	return in->tk;
}

const struct pl_error *
pl_ingest_add_tokens(struct pl_ingest *in, const struct pl_doc *d,
    const struct pl_tokens *given, enum pl_add_result *res,
    const char **other)
{
	return ingest_add_prepared(in, d, given, NULL, NULL, NULL, 0, res,
	    other);
}

#define SEG_MERGE	8

static const struct pl_error *write_index(struct pl_ingest *);
static size_t index_bytes(const struct pl_ingest *);

const struct pl_error *
ingest_add_prepared(struct pl_ingest *in, const struct pl_doc *d,
    const struct pl_tokens *given, const struct docgrams *dg,
    const char *texthash, const uint64_t *hk, size_t nhk,
    enum pl_add_result *res, const char **other)
{
	const struct pl_tokens *toks;
	const struct pl_error *err = NULL;
	struct pl_db *db = in->db;
	char *hash = NULL;
	int rc, replacing = 0, blen = 0;
	int64_t old = 0, docid;
	size_t i;
	uint32_t prevsent = 0;
	uint64_t prevoff = 0;
	const char *lang;

	if (d->textlen == 0)
		return pl_error_fmt(PL_ERR_DATA, "field 'text': empty");
	if (d->textlen > (size_t)sqlite3_limit(db->h, SQLITE_LIMIT_LENGTH, -1))
		return pl_error_fmt(PL_ERR_DATA, "field 'text': %zu bytes, more "
		    "than SQLite stores in one value (%d)", d->textlen,
		    sqlite3_limit(db->h, SQLITE_LIMIT_LENGTH, -1));
	if (texthash != NULL)
		hash = g_strdup(texthash);
	else
		hash = g_compute_checksum_for_data(G_CHECKSUM_SHA256,
		    (const guchar *)d->text, d->textlen);
	if (hash == NULL)
		return pl_error_nomem();
	/* Same id? */
	sqlite3_bind_text(in->st_by_ext, 1, d->id, -1, SQLITE_STATIC);
	rc = sqlite3_step(in->st_by_ext);
	if (rc == SQLITE_ROW) {
		old = sqlite3_column_int64(in->st_by_ext, 0);
		if (same_doc(in->st_by_ext, d, hash)) {
			sqlite3_reset(in->st_by_ext);
			*res = PL_ADD_PRESENT;
			in->stats.present++;
			goto done;
		}
		sqlite3_reset(in->st_by_ext);
		if (old >= in->first_doc) {
			err = pl_error_fmt(PL_ERR_DATA,
			    "field 'id': '%s' appears twice in this input with "
			    "different content", d->id);
			goto done;
		}
		if (!in->replace) {
			err = pl_error_fmt(PL_ERR_DATA,
			    "field 'id': '%s' is already in the corpus with "
			    "different content (use --replace to replace it)",
			    d->id);
			goto done;
		}
		replacing = 1;
	} else {
		sqlite3_reset(in->st_by_ext);
		if (rc != SQLITE_DONE) {
			err = db_err(db->h, "looking up a document");
			goto done;
		}
	}
	/* Same text under another id? */
	sqlite3_bind_text(in->st_by_hash, 1, hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(in->st_by_hash);
	if (rc == SQLITE_ROW) {
		free(in->other);
		in->other = strdup((const char *)sqlite3_column_text(
		    in->st_by_hash, 0));
		sqlite3_reset(in->st_by_hash);
		if (!replacing || in->other == NULL ||
		    strcmp(in->other, d->id) != 0) {
			if (other)
				*other = in->other ? in->other : "?";
			*res = PL_ADD_DUPLICATE;
			in->stats.duplicates++;
			goto done;
		}
	} else
		sqlite3_reset(in->st_by_hash);
	/* Tokenize before touching the database, so bad text changes nothing. */
	if (given == NULL) {
		if ((err = fault_text(d->text, d->textlen) ? pl_error_nomem() :
		    pl_tokenize(in->tk, d->text, d->textlen, &in->toks)) !=
		    NULL) {
			err = pl_error_wrap(err, "field 'text'");
			goto done;
		}
		toks = &in->toks;
		dg = NULL;
	} else
		toks = given;
	if (dg == NULL) {
		if (docgrams_compute(&in->dg, in->tk, toks) == -1) {
			err = pl_error_nomem();
			goto done;
		}
		dg = &in->dg;
	}
	if (replacing && (err = delete_doc(in, old)) != NULL)
		goto done;
	if (toks->n > in->tvcap) {
		uint32_t *ntv = realloc(in->tv, toks->n * 2 * sizeof(*ntv));
		if (ntv == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		in->tv = ntv;
		in->tvcap = toks->n * 2;
	}
	in->ids.n = in->spans.n = 0;
	/* Each distinct word once, then every token through its word. */
	if (dg->nw > in->wcap) {
		uint32_t *nw = realloc(in->went, dg->nw * 2 * sizeof(*nw));
		if (nw == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		in->went = nw;
		in->wcap = dg->nw * 2;
	}
	for (i = 0; i < dg->nw; i++) {
		const struct pl_token *t = &toks->v[dg->wfirst[i]];
		long e = vocab_entry_h(in, toks->norm + t->norm, t->nlen,
		    dg->th[dg->wfirst[i]], &err);
		if (e == -1)
			goto done;
		in->went[i] = (uint32_t)e;
	}
	for (i = 0; i < toks->n; i++) {
		const struct pl_token *t = &toks->v[i];
		uint32_t e = in->went[dg->wl[i]];
		in->tv[i] = e;
		if ((i > 0 && t->sent != prevsent &&
		    buf_varint(&in->ids, 0) == -1) ||
		    buf_varint(&in->ids, in->vocab.ents[e].val) == -1 ||
		    buf_varint(&in->spans, t->off - prevoff) == -1 ||
		    buf_varint(&in->spans, t->len) == -1) {
			err = pl_error_nomem();
			goto done;
		}
		prevsent = t->sent;
		prevoff = t->off;
	}
	lang = d->lang ? d->lang : guess_lang(toks);
	/* The document row. */
	sqlite3_bind_text(in->st_ins_doc, 1, d->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(in->st_ins_doc, 2, d->date, -1, SQLITE_STATIC);
	{
		char day[11];
		pl_date_format(d->day, day);
		sqlite3_bind_text(in->st_ins_doc, 2, day, -1, SQLITE_TRANSIENT);
	}
	sqlite3_bind_int64(in->st_ins_doc, 3, d->day);
	sqlite3_bind_text(in->st_ins_doc, 4, pl_precision_name(d->prec), -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(in->st_ins_doc, 5, d->source ? d->source : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(in->st_ins_doc, 6, d->title ? d->title : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(in->st_ins_doc, 7, lang, -1, SQLITE_STATIC);
	sqlite3_bind_int64(in->st_ins_doc, 8, (int64_t)toks->n);
	sqlite3_bind_int64(in->st_ins_doc, 9, (int64_t)toks->nsent);
	sqlite3_bind_text(in->st_ins_doc, 10, hash, -1, SQLITE_STATIC);
	if (d->meta)
		sqlite3_bind_text(in->st_ins_doc, 11, d->meta, -1,
		    SQLITE_STATIC);
	else
		sqlite3_bind_null(in->st_ins_doc, 11);
	if ((err = bind_len(in, d->textlen, "field 'text'", &blen)) != NULL)
		goto done;
	sqlite3_bind_text(in->st_ins_doc, 12, d->text, blen, SQLITE_STATIC);
	if ((err = db_step_done(db, in->st_ins_doc)) != NULL)
		goto done;
	docid = sqlite3_last_insert_rowid(db->h);
	if (docid < 1 || docid >= INT32_MAX) {
		err = pl_error_fmt(PL_ERR_DB, "%s: too many documents: "
		    "document ids are 31-bit (%ld at most)", db->path,
		    (long)INT32_MAX - 1);
		goto done;
	}
	sqlite3_bind_int64(in->st_ins_toks, 1, docid);
	/* A text with no words (only punctuation) stores empty blobs. */
	if ((err = bind_len(in, in->ids.n, "the document's token list",
	    &blen)) != NULL)
		goto done;
	sqlite3_bind_blob(in->st_ins_toks, 2, in->ids.p ? (void *)in->ids.p :
	    (void *)"", blen, SQLITE_STATIC);
	if ((err = bind_len(in, in->spans.n, "the document's token spans",
	    &blen)) != NULL)
		goto done;
	sqlite3_bind_blob(in->st_ins_toks, 3, in->spans.p ?
	    (void *)in->spans.p : (void *)"", blen, SQLITE_STATIC);
	if ((err = db_step_done(db, in->st_ins_toks)) != NULL)
		goto done;
	if ((err = docmeta_w_add(&in->dm, db->h, docid, d->day, d->prec,
	    toks->n, toks->nsent, d->source, lang)) != NULL)
		goto done;
	/* n-grams into the in-memory index (written out past the budget),
	 * and the Han bigrams. */
	if ((err = count_grams(in, dg, (uint32_t)docid, d->day)) != NULL)
		goto done;
	in->hgdoc = (uint32_t)docid;
	if (hk == NULL && pl_normer_bigram_keys(in->nm, d->text, d->textlen,
	    &hk, &nhk) == -1)
		in->hgnomem = 1;
	else
		hg_add(in, hk, nhk);
	if (in->hgnomem) {
		err = in->hgnomem == 2 ? check_entry(-1, "Han bigrams") :
		    pl_error_nomem();
		goto done;
	}
	if (in->budget > 0 && index_bytes(in) > in->budget &&
	    (err = write_index(in)) != NULL)
		goto done;
	/* The Han bigrams share the budget: past it, the larger part goes. */
	if (in->budget > 0 && index_bytes(in) + hgram_bytes(in) > in->budget &&
	    (err = hgram_bytes(in) >= index_bytes(in) ? hgram_flush(in) :
	    write_index(in)) != NULL)
		goto done;
	in->stats.tokens += toks->n;
	if (replacing) {
		in->stats.replaced++;
		*res = PL_ADD_REPLACED;
	} else {
		in->stats.added++;
		*res = PL_ADD_ADDED;
	}
done:
	g_free(hash);
	return err;
}

/* Sort keys: the first 8 bytes of a term's text, big-endian, then the rest. */
struct tkey {
	uint64_t	 prefix;
	uint32_t	 ent;
	uint32_t	 len;
	const char	*text;
};

static int
cmp_tkey(const void *a, const void *b)
{
	const struct tkey *x = a, *y = b;
	size_t n;
	int c;

	if (x->prefix != y->prefix)
		return x->prefix < y->prefix ? -1 : 1;
	n = x->len < y->len ? x->len : y->len;
	if (n > 8 && (c = memcmp(x->text + 8, y->text + 8, n - 8)) != 0)
		return c;
	return x->len < y->len ? -1 : x->len > y->len;
}

#define NBUCKET	65536

/*
 * The term texts in sorted order, made on a second thread: it builds the
 * sort keys, buckets them by their first two bytes and sorts bucket after
 * bucket, while the main thread writes each bucket as soon as it is
 * sorted.  done counts the sorted buckets.
 */
struct sorter {
	struct pl_ingest *in;
	struct buf	 texts;
	struct tkey	*keys;		/* in bucket order */
	size_t		*bstart;	/* NBUCKET + 1 offsets */
	size_t		 done;
	int		 stop, failed;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
};

static int
build_keys(struct sorter *s)
{
	struct pl_ingest *in = s->in;
	size_t ng = in->grams.n, i, k;
	struct tkey *keys;

	if ((keys = malloc((ng ? ng : 1) * sizeof(*keys))) == NULL ||
	    (s->keys = malloc((ng ? ng : 1) * sizeof(*s->keys))) == NULL ||
	    (s->bstart = calloc(NBUCKET + 1, sizeof(*s->bstart))) == NULL) {
		free(keys);
		return -1;
	}
	for (i = 0; i < ng; i++) {
		const uint32_t *g = (const uint32_t *)strmap_key(&in->grams, i);
		if (gram_text(in, g, (int)(in->grams.ents[i].len /
		    sizeof(uint32_t))) != NULL)
			goto fail;
		keys[i].ent = (uint32_t)i;
		keys[i].len = (uint32_t)in->text.n;
		keys[i].text = (const char *)(uintptr_t)s->texts.n;
		keys[i].prefix = 0;
		for (k = 0; k < 8; k++)
			keys[i].prefix = keys[i].prefix << 8 |
			    (k < in->text.n ? in->text.p[k] : 0);
		if (buf_add(&s->texts, in->text.p, in->text.n) == -1)
			goto fail;
	}
	for (i = 0; i < ng; i++) {
		keys[i].text = (const char *)s->texts.p +
		    (uintptr_t)keys[i].text;
		s->bstart[(keys[i].prefix >> 48) + 1]++;
	}
	for (i = 0; i < NBUCKET; i++)
		s->bstart[i + 1] += s->bstart[i];
	for (i = 0; i < ng; i++)
		s->keys[s->bstart[keys[i].prefix >> 48]++] = keys[i];
	for (i = NBUCKET; i > 0; i--)
		s->bstart[i] = s->bstart[i - 1];
	s->bstart[0] = 0;
	free(keys);
	return 0;
fail:
	free(keys);
	return -1;
}

static void *
sort_buckets(void *arg)
{
	struct sorter *s = arg;
	size_t b, n;

	if (build_keys(s) == -1) {
		pthread_mutex_lock(&s->mu);
		s->failed = 1;
		s->done = NBUCKET;
		pthread_cond_signal(&s->cv);
		pthread_mutex_unlock(&s->mu);
		return NULL;
	}
	for (b = 0; b < NBUCKET; b++) {
		n = s->bstart[b + 1] - s->bstart[b];
		if (n > 1)
			qsort(s->keys + s->bstart[b], n, sizeof(*s->keys),
			    cmp_tkey);
		pthread_mutex_lock(&s->mu);
		s->done = b + 1;
		if (s->stop) {
			pthread_mutex_unlock(&s->mu);
			break;
		}
		if (n > 0 || b + 1 == NBUCKET)
			pthread_cond_signal(&s->cv);
		pthread_mutex_unlock(&s->mu);
	}
	return NULL;
}

#define WRITE_PF	16	/* write_index's prefetch distance, in terms */

/*
 * The terms of one flush in text order, as the sorter publishes them,
 * and what writing them found: each term the corpus has (a segment row)
 * and each new word (a word row).
 */
struct titer {
	struct pl_ingest *in;
	struct sorter	*srt;
	size_t		 b;		/* next bucket */
	size_t		 i, end;	/* keys left in the current one */
	size_t		 sorted_end;	/* keys the sorter has published */
	int64_t		*old;		/* per entry: its id in the corpus,
					   0 for a new term; NULL: all new */
	struct nword {
		int64_t		 id;
		const char	*text;
		size_t		 len;
	}		*words;		/* new words, in text order */
	size_t		 nwords, wcap, wi;
};

static void
titer_rewind(struct titer *t)
{
	t->b = t->i = t->end = 0;
}

/*
 * The next term in text order: 1, 0 after the last, -1 when the sorter
 * ran out of memory.  The entries of the terms ahead are prefetched: the
 * terms come in text order, their entries in random order, each a few
 * cache misses (only keys of buckets already sorted, below sorted_end).
 */
static int
titer_next(struct titer *t, const struct tkey **kp)
{
	struct sorter *srt = t->srt;
	struct pl_ingest *in = t->in;

	while (t->i == t->end) {
		if (t->b == NBUCKET)
			return 0;
		pthread_mutex_lock(&srt->mu);
		while (srt->done <= t->b)
			pthread_cond_wait(&srt->cv, &srt->mu);
		t->sorted_end = srt->failed ? 0 : srt->bstart[srt->done];
		pthread_mutex_unlock(&srt->mu);
		if (srt->failed)
			return -1;
		t->i = srt->bstart[t->b];
		t->end = srt->bstart[t->b + 1];
		t->b++;
	}
	if (t->i + WRITE_PF < t->sorted_end) {
		const struct tkey *a = &srt->keys[t->i + WRITE_PF];
		__builtin_prefetch(&in->grams.ents[a->ent]);
		__builtin_prefetch(&in->gs[a->ent]);
		__builtin_prefetch(a->text);
	}
	if (t->i + WRITE_PF / 2 < t->sorted_end) {
		uint32_t f = srt->keys[t->i + WRITE_PF / 2].ent;
		__builtin_prefetch(in->pool.p + (size_t)in->gs[f].pl.head * 4);
		__builtin_prefetch(strmap_key(&in->grams, f));
	}
	*kp = &srt->keys[t->i++];
	return 1;
}

/* The term's postings into in->key, checked against SQLite's limit. */
static const struct pl_error *
term_postings(struct pl_ingest *in, const struct tkey *k)
{
	const struct pl_error *err;
	int blen;

	in->key.n = 0;
	if (postpool_get(&in->pool, &in->gs[k->ent].pl, &in->key) == -1)
		return pl_error_nomem();
	if ((err = bind_len(in, in->key.n, "a term's postings list",
	    &blen)) != NULL)
		return pl_error_wrap(err, "term '%.*s'", (int)k->len, k->text);
	return NULL;
}

/* Looks up which terms of this flush the corpus has (t->old). */
static const struct pl_error *
find_old_terms(struct titer *t)
{
	const struct pl_error *err;
	struct pl_ingest *in = t->in;
	sqlite3_stmt *st = in->st_term_exists;
	const struct tkey *k;
	int rc, more;

	if ((t->old = calloc(in->grams.n ? in->grams.n : 1,
	    sizeof(*t->old))) == NULL)
		return pl_error_nomem();
	while ((more = titer_next(t, &k)) == 1) {
		sqlite3_bind_text(st, 1, k->text, (int)k->len, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			t->old[k->ent] = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return db_err(in->db->h, "looking up a term");
		if (rc == SQLITE_ROW &&
		    (err = check_term_id(in, t->old[k->ent])) != NULL)
			return err;
	}
	return more == -1 ? pl_error_nomem() : NULL;
}

/*
 * Rows of the term table: each new term with its id (a word's from the
 * vocabulary, an n-gram's new), counts and postings.
 */
static int
feed_new_terms(void *arg, struct feed_val *v, const struct pl_error **errp)
{
	struct titer *t = arg;
	struct pl_ingest *in = t->in;
	const struct tkey *k;
	const uint32_t *g;
	int64_t tid = 0;
	int more, n;

	while ((more = titer_next(t, &k)) == 1)
		if (t->old == NULL || t->old[k->ent] == 0)
			break;
	if (more <= 0) {
		if (more == -1)
			*errp = pl_error_nomem();
		return more;
	}
	g = (const uint32_t *)strmap_key(&in->grams, k->ent);
	n = (int)(in->grams.ents[k->ent].len / sizeof(uint32_t));
	if (n == 1)
		tid = (int64_t)in->vocab.ents[g[0]].val;
	else if ((*errp = new_term_id(in, &tid)) != NULL)
		return -1;
	if ((*errp = term_postings(in, k)) != NULL)
		return -1;
	if (n == 1) {
		if (t->nwords == t->wcap) {
			size_t nc = t->wcap ? t->wcap * 2 : 1024;
			struct nword *nw = realloc(t->words, nc * sizeof(*nw));
			if (nw == NULL) {
				*errp = pl_error_nomem();
				return -1;
			}
			t->words = nw;
			t->wcap = nc;
		}
		t->words[t->nwords].id = tid;
		t->words[t->nwords].text = k->text;
		t->words[t->nwords++].len = k->len;
	}
	in->stats.new_terms++;
	in->dm.terms[n]++;
	v[0] = (struct feed_val){ SQLITE_TEXT, 0, k->text, k->len };
	v[1] = (struct feed_val){ SQLITE_INTEGER, tid, NULL, 0 };
	v[2] = (struct feed_val){ SQLITE_INTEGER, n, NULL, 0 };
	v[3] = (struct feed_val){ SQLITE_INTEGER, (int64_t)in->gs[k->ent].cf,
	    NULL, 0 };
	v[4] = (struct feed_val){ SQLITE_INTEGER, (int64_t)in->gs[k->ent].df,
	    NULL, 0 };
	v[5] = (struct feed_val){ SQLITE_BLOB, 0, in->key.p, in->key.n };
	return 1;
}

/*
 * Rows of the segment table: each term the corpus has gets a row with
 * just this flush's postings (the base row is not rewritten,
 * docs/STORAGE.md).
 */
static int
feed_old_terms(void *arg, struct feed_val *v, const struct pl_error **errp)
{
	struct titer *t = arg;
	struct pl_ingest *in = t->in;
	const struct tkey *k;
	int more;

	while ((more = titer_next(t, &k)) == 1)
		if (t->old[k->ent] != 0)
			break;
	if (more <= 0) {
		if (more == -1)
			*errp = pl_error_nomem();
		return more;
	}
	if ((*errp = term_postings(in, k)) != NULL)
		return -1;
	in->seg_rows = 1;
	in->segs_any = 1;
	in->flush_segs = 1;
	v[0] = (struct feed_val){ SQLITE_TEXT, 0, k->text, k->len };
	v[1] = (struct feed_val){ SQLITE_INTEGER, in->seg, NULL, 0 };
	v[2] = (struct feed_val){ SQLITE_INTEGER, (int64_t)in->gs[k->ent].cf,
	    NULL, 0 };
	v[3] = (struct feed_val){ SQLITE_INTEGER, (int64_t)in->gs[k->ent].df,
	    NULL, 0 };
	v[4] = (struct feed_val){ SQLITE_BLOB, 0, in->key.p, in->key.n };
	return 1;
}

/* Rows of the word table: the new words' ids and texts. */
static int
feed_new_words(void *arg, struct feed_val *v, const struct pl_error **errp)
{
	struct titer *t = arg;
	const struct nword *w;

	(void)errp;
	if (t->wi == t->nwords)
		return 0;
	w = &t->words[t->wi++];
	v[0] = (struct feed_val){ SQLITE_INTEGER, w->id, NULL, 0 };
	v[1] = (struct feed_val){ SQLITE_TEXT, 0, w->text, w->len };
	return 1;
}

/*
 * Writes the terms of this flush: a lookup pass first when the corpus
 * has terms, then the new terms, the segment rows of the old ones and
 * the new words, each with one statement fed by the sorted terms.
 */
static const struct pl_error *
write_terms(struct pl_ingest *in, struct sorter *srt)
{
	const struct pl_error *err = NULL;
	struct titer t;
	struct feed f;

	memset(&t, 0, sizeof(t));
	t.in = in;
	t.srt = srt;
	f.arg = &t;
	if (in->had_terms) {
		if ((err = find_old_terms(&t)) != NULL)
			goto done;
		titer_rewind(&t);
	}
	f.next = feed_new_terms;
	if ((err = feed_run(in->db->h, "INSERT INTO term(text, id, n, cf, df, "
	    "postings) SELECT c0, c1, c2, c3, c4, c5 FROM pl_feed WHERE "
	    "feed = ?1", &f)) != NULL)
		goto done;
	if (t.old != NULL) {
		titer_rewind(&t);
		f.next = feed_old_terms;
		/* A new corpus's own flushes go to term_seg; a later ingest
		 * appends to term_seg0 (segment.c). */
		if ((err = feed_run(in->db->h, in->fresh ? "INSERT INTO "
		    "term_seg(text, seg, cf, df, postings) SELECT c0, c1, c2, "
		    "c3, c4 FROM pl_feed WHERE feed = ?1" : "INSERT INTO "
		    "term_seg0(text, seg, cf, df, postings) SELECT c0, c1, c2, "
		    "c3, c4 FROM pl_feed WHERE feed = ?1", &f)) != NULL)
			goto done;
	}
	f.next = feed_new_words;
	err = feed_run(in->db->h, "INSERT OR REPLACE INTO word(id, text) "
	    "SELECT c0, c1 FROM pl_feed WHERE feed = ?1", &f);
done:
	free(t.old);
	free(t.words);
	return err;
}

/*
 * Writes the in-memory index (the n-grams counted since the last flush)
 * into the database, inside the ingest's transaction, and empties it.
 */
static const struct pl_error *
write_index(struct pl_ingest *in)
{
	const struct pl_error *err = NULL;
	struct sorter srt;
	pthread_t srt_th;
	int srt_running = 0;

	memset(&srt, 0, sizeof(srt));
	srt.in = in;
	buf_init(&srt.texts);
	pthread_mutex_init(&srt.mu, NULL);
	pthread_cond_init(&srt.cv, NULL);
	/*
	 * Terms are written in text order, so the b-tree grows at its end
	 * instead of taking millions of random inserts.
	 */
	if (pthread_create(&srt_th, NULL, sort_buckets, &srt) == 0)
		srt_running = 1;
	else
		sort_buckets(&srt);
	err = write_terms(in, &srt);
	if (err == NULL)
		err = ws_w_write(&in->ws, in->db->h, in->wseg);
	if (srt_running) {
		pthread_mutex_lock(&srt.mu);
		srt.stop = 1;
		pthread_mutex_unlock(&srt.mu);
		pthread_join(srt_th, NULL);
	}
	pthread_mutex_destroy(&srt.mu);
	pthread_cond_destroy(&srt.cv);
	free(srt.bstart);
	free(srt.keys);
	buf_release(&srt.texts);
	/* Empty for the next flush; the words keep their ids. */
	strmap_release(&in->grams);
	strmap_init(&in->grams);
	free(in->gs);
	in->gs = NULL;
	in->gcap = 0;
	postpool_release(&in->pool);
	in->seg++;
	in->had_terms = 1;
	in->flushes++;
	in->generations += in->flush_segs;
	in->flush_segs = 0;
	return err;
}

/* Bytes the in-memory index holds now, and about what writing it takes. */
static size_t
index_bytes(const struct pl_ingest *in)
{
	size_t ng = in->grams.cap;

	/* the map, its keys, counts and posting lists; writing adds sort
	 * keys and texts */
	return ng * sizeof(struct smentry) + in->grams.nslots * 8 +
	    in->grams.acap + in->gcap * sizeof(*in->gs) + in->pool.cap +
	    in->grams.n * (2 * 24 + 16) + ws_w_bytes(&in->ws);
}

const struct pl_error *
pl_ingest_commit(struct pl_ingest *in, struct pl_ingest_stats *stats)
{
	const struct pl_error *err;
	struct pl_db *db = in->db;

	if ((err = write_index(in)) != NULL ||
	    (err = hgram_write(in)) != NULL ||
	    (err = docmeta_w_commit(&in->dm, db->h)) != NULL)
		goto done;
	/*
	 * More than SEG_MERGE segments since the last plenum optimize:
	 * merge each term's segment rows into one, leaving the base rows
	 * alone, so a reader merges at most SEG_MERGE + 1 rows per term and
	 * an ingest still writes in proportion to what the segments hold.
	 */
	if (in->generations > SEG_MERGE) {
		int64_t merged;
		if ((err = seg_merge_segments(db->h, &merged)) != NULL)
			goto done;
		in->generations = 1;
	}
	if (!in->fresh && (err = ws_maybe_merge(db->h)) != NULL)
		goto done;
	if ((err = docmeta_stat_set(db->h, "segments", in->generations)) !=
	    NULL || (in->seg_rows && (err = docmeta_stat_set(db->h,
	    "next segment", in->seg)) != NULL))
		goto done;
	if ((err = db_exec(db, "COMMIT")) != NULL)
		goto done;
	/*
	 * Committed: the point of no return.  Nothing after this may report
	 * the ingest failed (the caller would remove a new file).  A failed
	 * switch back to WAL leaves a good database in rollback-journal
	 * mode; the next writer's open switches it (pl_db_open).
	 */
	db->segs = -1;
	if (stats) {
		*stats = in->stats;
		stats->flushes = in->flushes;
		stats->no_wal = 0;
	}
	if (in->fresh && sqlite3_exec(db->h, "PRAGMA journal_mode = WAL",
	    NULL, NULL, NULL) != SQLITE_OK && stats)
		stats->no_wal = 1;
done:
	if (err)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	ingest_free(in);
	return err;
}

const struct pl_error *
pl_db_optimize(struct pl_db *db, int64_t *terms, int64_t *rows)
{
	const struct pl_error *err;

	*terms = *rows = 0;
	if (!db->writable)
		return pl_error_fmt(PL_ERR_USAGE, "%s: opened read-only",
		    db->path);
	if (pl_db_is_empty(db))
		return pl_error_fmt(PL_ERR_DATA,
		    "%s: empty database (nothing was ever ingested)", db->path);
	if ((err = db_exec(db, "BEGIN IMMEDIATE")) != NULL)
		return db_lock_err(db, err);
	if ((err = seg_fold_all(db->h, terms, rows)) != NULL ||
	    (err = ws_fold_all(db->h)) != NULL ||
	    (err = docmeta_stat_set(db->h, "segments", 0)) != NULL ||
	    (err = db_exec(db, "COMMIT")) != NULL) {
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		*terms = *rows = 0;
		return err;
	}
	db->segs = -1;
	return NULL;
}

/* Reindex. */

struct rdoc {
	char		*ext_id, *source, *title, *lang, *meta, *text;
	size_t		 textlen;
	int64_t		 day;
	int		 prec;
};

static char *
col_dup(sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);

	return v ? strdup(v) : NULL;
}

const struct pl_error *
pl_db_reindex(struct pl_db *db, void (*progress)(void *, size_t, size_t),
    void *arg)
{
	const struct pl_error *err = NULL;
	struct pl_ingest *in = NULL;
	sqlite3_stmt *st = NULL;
	struct rdoc *docs = NULL;
	size_t n = 0, cap = 0, i;
	int rc;

	if (pl_db_is_empty(db))
		return pl_error_fmt(PL_ERR_DATA, "%s: empty database (nothing "
		    "was ever ingested)", db->path);
	db->reindexing = 1;
	if ((err = pl_ingest_begin(db, NULL, &in)) != NULL)
		goto done;
	/* Every document as stored, in id order. */
	if ((err = db_prepare(db, "SELECT ext_id, day, precision, source, title, "
	    "lang, meta, text FROM doc ORDER BY id", &st)) != NULL)
		goto done;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct rdoc *r;
		const char *prec = (const char *)sqlite3_column_text(st, 2);
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 1024;
			struct rdoc *nd = realloc(docs, nc * sizeof(*nd));
			if (nd == NULL) {
				err = pl_error_nomem();
				goto done;
			}
			docs = nd;
			cap = nc;
		}
		r = &docs[n++];
		memset(r, 0, sizeof(*r));
		r->day = sqlite3_column_int64(st, 1);
		r->prec = prec && strcmp(prec, "month") == 0 ? PL_PREC_MONTH :
		    prec && strcmp(prec, "year") == 0 ? PL_PREC_YEAR :
		    PL_PREC_DAY;
		r->textlen = (size_t)sqlite3_column_bytes(st, 7);
		if ((r->ext_id = col_dup(st, 0)) == NULL ||
		    (r->source = col_dup(st, 3)) == NULL ||
		    (r->title = col_dup(st, 4)) == NULL ||
		    (r->lang = col_dup(st, 5)) == NULL ||
		    (r->text = col_dup(st, 7)) == NULL ||
		    (sqlite3_column_type(st, 6) != SQLITE_NULL &&
		    (r->meta = col_dup(st, 6)) == NULL)) {
			err = pl_error_nomem();
			goto done;
		}
	}
	if (rc != SQLITE_DONE) {
		err = db_err(db->h, db->path);
		goto done;
	}
	sqlite3_finalize(st);
	st = NULL;
	/* The old index goes; documents come back under ids 1..n. */
	if ((err = db_exec(db, "DELETE FROM doc_tokens; DELETE FROM doc; "
	    "DELETE FROM term; DELETE FROM hgram; DELETE FROM term_seg; "
	    "DELETE FROM term_seg0; "
	    "DELETE FROM doc_meta; DELETE FROM stat; DELETE FROM word; "
	    "DELETE FROM word_period")) != NULL)
		goto done;
	in->wseg = 0;
	in->first_doc = 1;
	in->next_term = 1;
	in->had_terms = 0;
	in->seg = 1;
	in->segs_any = 0;
	in->generations = 0;
	in->budget = (size_t)1 << 30;	/* as plenum ingest's default */
	for (i = 0; i < n; i++) {
		struct pl_doc d;
		enum pl_add_result res;
		char day[11];

		memset(&d, 0, sizeof(d));
		pl_date_format(docs[i].day, day);
		d.id = docs[i].ext_id;
		d.date = day;
		d.day = docs[i].day;
		d.prec = (enum pl_precision)docs[i].prec;
		d.source = docs[i].source;
		d.title = docs[i].title;
		d.lang = docs[i].lang;
		d.text = docs[i].text;
		d.textlen = docs[i].textlen;
		d.meta = docs[i].meta;
		if ((err = pl_ingest_add(in, &d, &res, NULL)) != NULL) {
			err = pl_error_wrap(err, "document '%s'",
			    docs[i].ext_id);
			goto done;
		}
		if (progress)
			progress(arg, i + 1, n);
	}
	if ((err = db_setting_put(db, "tokenizer", TOKVER)) != NULL)
		goto done;
	err = pl_ingest_commit(in, NULL);
	in = NULL;
done:
	sqlite3_finalize(st);
	if (in)
		pl_ingest_abort(in);
	for (i = 0; i < n; i++) {
		free(docs[i].ext_id);
		free(docs[i].source);
		free(docs[i].title);
		free(docs[i].lang);
		free(docs[i].meta);
		free(docs[i].text);
	}
	free(docs);
	db->reindexing = 0;
	return err;
}
