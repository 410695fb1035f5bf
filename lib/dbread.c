/*
 * dbread.c - reading a corpus: documents by filter, postings, terms, the
 * Han bigram index, token streams and metadata keys.
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

/* Queries. */

void
pl_docfilter_init(struct pl_docfilter *f)
{
	memset(f, 0, sizeof(*f));
	f->from = INT64_MIN;
	f->to = INT64_MAX;
}

void
pl_docfilter_release(struct pl_docfilter *f)
{
	if (f == NULL)
		return;
	free(f->mask);
	f->mask = NULL;
}

const struct pl_error *
pl_db_each_doc_where(struct pl_db *db, const char *key, const char *value,
    void (*fn)(void *, int64_t), void *arg)
{
	const struct pl_error *err = NULL;
	sqlite3_stmt *st = NULL;
	int rc;

	/* The key goes in as a bound JSON path: '$."key"', quotes escaped
	 * by json_quote(). */
	if ((err = db_prepare(db, "SELECT id FROM doc WHERE meta IS NOT NULL "
	    "AND CAST(json_extract(meta, '$.' || json_quote(?1)) AS TEXT) = ?2",
	    &st)) != NULL)
		return err;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(arg, sqlite3_column_int64(st, 0));
	if (rc != SQLITE_DONE)
		err = db_err(db->h, db->path);
	sqlite3_finalize(st);
	return err;
}

const struct pl_error *
pl_db_docs(struct pl_db *db, const struct pl_docfilter *f,
    struct pl_table *out)
{
	const struct pl_error *err = NULL;
	struct pl_table t;
	sqlite3_stmt *st = NULL;
	sqlite3_str *sql = NULL;
	char *sqltext = NULL;
	size_t ns = 0, k, row;
	int rc, col;

	pl_table_init(&t);
	if (f->sources)
		while (f->sources[ns] != NULL)
			ns++;
	sql = sqlite3_str_new(db->h);
	sqlite3_str_appendall(sql, "SELECT ext_id, date, precision, source, "
	    "title, lang, tokens FROM doc WHERE day BETWEEN ?1 AND ?2");
	if (ns > 0) {
		/* One placeholder per source; the values are bound. */
		sqlite3_str_appendall(sql, " AND source IN (");
		for (k = 0; k < ns; k++)
			sqlite3_str_appendf(sql, "%s?%d", k ? ", " : "",
			    (int)k + 3);
		sqlite3_str_appendall(sql, ")");
	}
	sqlite3_str_appendall(sql, " ORDER BY day, id");
	if (sqlite3_str_errcode(sql) != SQLITE_OK)
		goto nomem;
	sqltext = sqlite3_str_finish(sql);
	sql = NULL;
	if (sqltext == NULL)
		goto nomem;
	if ((err = db_prepare(db, sqltext, &st)) != NULL)
		goto done;
	sqlite3_bind_int64(st, 1, f->from);
	sqlite3_bind_int64(st, 2, f->to);
	for (k = 0; k < ns; k++)
		sqlite3_bind_text(st, (int)k + 3, f->sources[k], -1,
		    SQLITE_STATIC);
	if ((err = pl_table_add_col(&t, "id", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&t, "date", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&t, "precision", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&t, "source", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&t, "title", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&t, "lang", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&t, "tokens", PL_COL_INT)) != NULL)
		goto done;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (f->limit && t.nrows >= f->limit)
			break;
		if ((err = pl_table_add_row(&t)) != NULL)
			goto done;
		row = t.nrows - 1;
		for (col = 0; col < 6; col++)
			if ((err = pl_table_set_str(&t, row, (size_t)col,
			    (const char *)sqlite3_column_text(st, col))) != NULL)
				goto done;
		pl_table_set_int(&t, row, 6, sqlite3_column_int64(st, 6));
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		err = db_err(db->h, db->path);
		goto done;
	}
	pl_table_release(out);
	*out = t;
	pl_table_init(&t);
	goto done;
nomem:
	err = pl_error_nomem();
done:
	sqlite3_finalize(st);
	sqlite3_free(sqlite3_str_finish(sql));
	sqlite3_free(sqltext);
	pl_table_release(&t);
	return err;
}

const struct pl_error *
pl_db_each_doc_out(struct pl_db *db,
    const struct pl_error *(*fn)(void *, const struct pl_docout *), void *arg)
{
	const struct pl_error *err = NULL;
	sqlite3_stmt *st = NULL;
	struct pl_docout d;
	int rc;

	if ((err = db_prepare(db, "SELECT id, ext_id, date, source, title, lang, "
	    "tokens, meta FROM doc ORDER BY id", &st)) != NULL)
		return err;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		d.id = sqlite3_column_int64(st, 0);
		d.ext_id = (const char *)sqlite3_column_text(st, 1);
		d.date = (const char *)sqlite3_column_text(st, 2);
		d.source = (const char *)sqlite3_column_text(st, 3);
		d.title = (const char *)sqlite3_column_text(st, 4);
		d.lang = (const char *)sqlite3_column_text(st, 5);
		d.tokens = sqlite3_column_int64(st, 6);
		d.meta = (const char *)sqlite3_column_text(st, 7);
		if ((err = fn(arg, &d)) != NULL)
			break;
	}
	if (err == NULL && rc != SQLITE_DONE)
		err = db_err(db->h, db->path);
	sqlite3_finalize(st);
	return err;
}

/* Reading the index. */

/* Prepares *st once; it stays cached in the db. */
const struct pl_error *
db_cached(struct pl_db *db, sqlite3_stmt **st, const char *sql)
{
	if (*st != NULL)
		return NULL;
	return db_prepare(db, sql, st);
}

/* Whether any term has segments, asked once per open database. */
static const struct pl_error *
segs_known(struct pl_db *db)
{
	const struct pl_error *err;

	if (db->segs >= 0)
		return NULL;
	segreader_free(db->segr);
	db->segr = NULL;
	if ((err = seg_has_any(db->h, &db->segs)) != NULL ||
	    (err = segreader_new(db->h, &db->segr)) != NULL) {
		db->segs = -1;
		return err;
	}
	return NULL;
}

static void *
blobdup(const void *p, size_t len)
{
	unsigned char *q = malloc(len ? len : 1);

	if (q != NULL && len > 0)
		memcpy(q, p, len);
	return q;
}

const struct pl_error *
pl_db_docfigs(struct pl_db *db, struct pl_docfigs *out)
{
	const struct pl_error *err;

	if ((err = docmeta_read(db->h, out)) != NULL)
		return pl_error_wrap(err, "%s", db->path);
	return NULL;
}

const struct pl_error *
pl_db_doc_names(struct pl_db *db, int64_t doc, char **ext_id, char **title)
{
	const struct pl_error *err;
	sqlite3_stmt *st;
	int rc;

	if (ext_id)
		*ext_id = NULL;
	if (title)
		*title = NULL;
	if ((err = db_cached(db, &db->st_ext_id, "SELECT ext_id, title FROM doc "
	    "WHERE id = ?")) != NULL)
		return err;
	st = db->st_ext_id;
	sqlite3_bind_int64(st, 1, doc);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if ((ext_id && (*ext_id = strdup((const char *)
		    sqlite3_column_text(st, 0))) == NULL) ||
		    (title && (*title = strdup((const char *)
		    sqlite3_column_text(st, 1))) == NULL)) {
			if (ext_id) {
				free(*ext_id);
				*ext_id = NULL;
			}
			err = pl_error_nomem();
		}
	} else if (rc == SQLITE_DONE)
		err = pl_error_fmt(PL_ERR_NOTFOUND, "%s: no document %lld",
		    db->path, (long long)doc);
	else
		err = db_err(db->h, db->path);
	sqlite3_reset(st);
	return err;
}

const struct pl_error *
pl_db_postings(struct pl_db *db, const char *text, unsigned char **p,
    size_t *len, int64_t *cf, int64_t *df)
{
	const struct pl_error *err;
	sqlite3_stmt *st;
	int rc;

	*p = NULL;
	*len = 0;
	if (cf)
		*cf = 0;
	if (df)
		*df = 0;
	if ((err = db_cached(db, &db->st_postings, "SELECT postings, cf, df "
	    "FROM term WHERE text = ?")) != NULL)
		return err;
	if ((err = segs_known(db)) != NULL)
		return err;
	st = db->st_postings;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		int64_t c = sqlite3_column_int64(st, 1);
		int64_t d = sqlite3_column_int64(st, 2);
		*len = (size_t)sqlite3_column_bytes(st, 0);
		if (db->segs) {
			/* The base, then the segments after it. */
			db->post.n = 0;
			if (buf_add(&db->post, sqlite3_column_blob(st, 0),
			    *len) == -1)
				err = pl_error_nomem();
			else
				err = seg_merge_term(db->h, db->segr, text,
				    -1, &db->post, &c, &d, NULL);
			*len = db->post.n;
			if (err == NULL &&
			    (*p = blobdup(db->post.p, *len)) == NULL)
				err = pl_error_nomem();
		} else if ((*p = blobdup(sqlite3_column_blob(st, 0), *len)) ==
		    NULL)
			err = pl_error_nomem();
		if (cf)
			*cf = c;
		if (df)
			*df = d;
	} else if (rc != SQLITE_DONE)
		err = db_err(db->h, db->path);
	sqlite3_reset(st);
	if (err) {
		free(*p);
		*p = NULL;
		*len = 0;
	}
	return err;
}

const struct pl_error *
pl_db_each_term(struct pl_db *db, const char *prefix, int n, int64_t min_cf,
    const struct pl_error *(*fn)(void *, const char *, int, int64_t, int64_t,
    const unsigned char *, size_t), void *arg)
{
	const struct pl_error *err = NULL;
	sqlite3_stmt *st = NULL;
	char *hi = NULL;
	size_t pl = prefix ? strlen(prefix) : 0;
	struct buf mp;	/* a merged list; not db's: fn may query the db */
	int rc;

	buf_init(&mp);
	/*
	 * A prefix is a range of the text key: [prefix, prefix with its
	 * last byte raised).  UTF-8 sorts bytewise like code points.
	 */
	if (pl > 0) {
		if ((hi = strdup(prefix)) == NULL)
			return pl_error_nomem();
		while (pl > 0 && (unsigned char)hi[pl - 1] == 0xff)
			hi[--pl] = '\0';
		if (pl > 0)
			hi[pl - 1]++;
	}
	if ((err = segs_known(db)) != NULL)
		goto done;
	/* With segments, cf is the base's share: filter after merging. */
	if ((err = db_prepare(db, "SELECT text, n, cf, df, postings, id FROM term "
	    "WHERE text >= ?1 AND (?2 IS NULL OR text < ?2) "
	    "AND (?3 = 0 OR n = ?3) AND cf >= ?4 ORDER BY text", &st)) != NULL)
		goto done;
	sqlite3_bind_text(st, 1, prefix ? prefix : "", -1, SQLITE_STATIC);
	if (hi != NULL && pl > 0)
		sqlite3_bind_text(st, 2, hi, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_int(st, 3, n);
	sqlite3_bind_int64(st, 4, db->segs ? 0 : min_cf);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		int64_t cf = sqlite3_column_int64(st, 2);
		int64_t df = sqlite3_column_int64(st, 3);
		const unsigned char *post = sqlite3_column_blob(st, 4);
		size_t len = (size_t)sqlite3_column_bytes(st, 4);

		if (db->segs) {
			mp.n = 0;
			if (buf_add(&mp, post, len) == -1) {
				err = pl_error_nomem();
				goto done;
			}
			if ((err = seg_merge_term(db->h, db->segr, t,
			    sqlite3_column_bytes(st, 0), &mp, &cf,
			    &df, NULL)) != NULL)
				goto done;
			if (cf < min_cf)
				continue;
			post = mp.p;
			len = mp.n;
		}
		db->each_term_id = sqlite3_column_int64(st, 5);
		if ((err = fn(arg, t, sqlite3_column_int(st, 1), cf, df, post,
		    len)) != NULL)
			goto done;
	}
	if (rc != SQLITE_DONE)
		err = db_err(db->h, db->path);
done:
	sqlite3_finalize(st);
	buf_release(&mp);
	free(hi);
	return err;
}

int64_t
pl_db_each_term_id(const struct pl_db *db)
{
	return db->each_term_id;
}

const struct pl_error *
pl_db_word_id(struct pl_db *db, const char *text, int64_t *id)
{
	const struct pl_error *err;
	sqlite3_stmt *st;
	int rc;

	*id = 0;
	if ((err = db_cached(db, &db->st_word_id, "SELECT id FROM term WHERE "
	    "text = ? AND n = 1")) != NULL)
		return err;
	st = db->st_word_id;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		err = db_err(db->h, db->path);
	sqlite3_reset(st);
	return err;
}

const struct pl_error *
pl_db_word_text(struct pl_db *db, int64_t id, char **text)
{
	const struct pl_error *err;
	sqlite3_stmt *st;
	int rc;

	*text = NULL;
	if ((err = db_cached(db, &db->st_word_text, "SELECT text FROM term "
	    "WHERE id = ? AND n = 1")) != NULL)
		return err;
	st = db->st_word_text;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if ((*text = strdup((const char *)sqlite3_column_text(st,
		    0))) == NULL)
			err = pl_error_nomem();
	} else if (rc != SQLITE_DONE)
		err = db_err(db->h, db->path);
	sqlite3_reset(st);
	return err;
}

const struct pl_error *
pl_db_doc_tokens(struct pl_db *db, int64_t doc, unsigned char **ids,
    size_t *idslen, unsigned char **spans, size_t *spanslen, char **text,
    size_t *textlen)
{
	const struct pl_error *err;
	sqlite3_stmt *st;
	int rc;

	if (ids == NULL && spans == NULL && text != NULL) {
		/* The text alone: one b-tree probe, not two. */
		if ((err = db_cached(db, &db->st_doc_text, "SELECT NULL, "
		    "NULL, text FROM doc WHERE id = ?")) != NULL)
			return err;
		st = db->st_doc_text;
	} else {
		if ((err = db_cached(db, &db->st_doc_tokens, "SELECT t.ids, "
		    "t.spans, d.text FROM doc_tokens t JOIN doc d ON "
		    "d.id = t.doc WHERE t.doc = ?")) != NULL)
			return err;
		st = db->st_doc_tokens;
	}
	sqlite3_bind_int64(st, 1, doc);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return pl_error_fmt(PL_ERR_NOTFOUND,
			    "%s: no document %lld", db->path, (long long)doc);
		return db_err(db->h, db->path);
	}
	if (ids) {
		*idslen = (size_t)sqlite3_column_bytes(st, 0);
		*ids = blobdup(sqlite3_column_blob(st, 0), *idslen);
	}
	if (spans) {
		*spanslen = (size_t)sqlite3_column_bytes(st, 1);
		*spans = blobdup(sqlite3_column_blob(st, 1), *spanslen);
	}
	if (text) {
		*textlen = (size_t)sqlite3_column_bytes(st, 2);
		if ((*text = malloc(*textlen + 1)) != NULL) {
			memcpy(*text, sqlite3_column_text(st, 2), *textlen);
			(*text)[*textlen] = '\0';
		}
	}
	sqlite3_reset(st);
	if ((ids && *ids == NULL) || (spans && *spans == NULL) ||
	    (text && *text == NULL)) {
		if (ids) {
			free(*ids);
			*ids = NULL;
		}
		if (spans) {
			free(*spans);
			*spans = NULL;
		}
		if (text) {
			free(*text);
			*text = NULL;
		}
		return pl_error_nomem();
	}
	return NULL;
}

int
pl_postings_each(const unsigned char *p, size_t len,
    void (*fn)(void *, int64_t, int64_t), void *arg)
{
	const unsigned char *end;
	uint64_t d, c;
	int64_t last = 0;

	if (len == 0)
		return 0;	/* p may be NULL */
	end = p + len;
	/* Damaged lists fail here, before a caller sees an id: document
	 * ids rise (gaps of at least 1) within 1..INT32_MAX - 1 (what
	 * docmeta.c accepts), counts are 1..UINT32_MAX. */
	while (p < end) {
		if (varint_get(&p, end, &d) == -1 ||
		    varint_get(&p, end, &c) == -1 || d == 0 ||
		    d >= (uint64_t)INT32_MAX - (uint64_t)last ||
		    c == 0 || c > UINT32_MAX)
			return -1;
		last += (int64_t)d;
		fn(arg, last, (int64_t)c);
	}
	return 0;
}

const struct pl_error *
pl_db_hgram_each(struct pl_db *db, uint64_t key,
    void (*fn)(void *, int64_t doc), void *arg)
{
	const struct pl_error *err;
	sqlite3_stmt *st;
	const unsigned char *p, *end;
	uint64_t v;
	int64_t last = 0;
	int rc;

	if ((err = db_cached(db, &db->st_hgram, "SELECT docs FROM hgram "
	    "WHERE key = ?")) != NULL)
		return err;
	st = db->st_hgram;
	sqlite3_bind_int64(st, 1, (int64_t)key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		p = sqlite3_column_blob(st, 0);
		end = p + sqlite3_column_bytes(st, 0);
		while (p < end) {
			if (varint_get(&p, end, &v) == -1 || v == 0 ||
			    v >= (uint64_t)INT32_MAX - (uint64_t)last) {
				sqlite3_reset(st);
				return pl_error_fmt(PL_ERR_DAMAGED, "%s: database damaged: "
				    "corrupt Han "
				    "bigram index", db->path);
			}
			last += (int64_t)v;
			fn(arg, last);
		}
	} else if (rc != SQLITE_DONE) {
		sqlite3_reset(st);
		return db_err(db->h, db->path);
	}
	sqlite3_reset(st);
	return NULL;
}

const struct pl_error *
pl_db_meta_keys(struct pl_db *db, void (*fn)(void *, const char *key),
    void *arg)
{
	const struct pl_error *err;
	sqlite3_stmt *st = NULL;
	int rc;

	if ((err = db_prepare(db, "SELECT DISTINCT j.key FROM doc, "
	    "json_each(doc.meta) j WHERE doc.meta IS NOT NULL", &st)) != NULL)
		return err;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(arg, (const char *)sqlite3_column_text(st, 0));
	if (rc != SQLITE_DONE)
		err = db_err(db->h, db->path);
	sqlite3_finalize(st);
	return err;
}
