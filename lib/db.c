/*
 * db.c - the corpus database: opening, schema and migrations, settings,
 * the tokenizer a corpus was built with.  ingest.c, dbread.c and dbinfo.c
 * hold the rest of the store (db-int.h).
 *
 * These are the only files that include sqlite3.h.  The schema is described
 * for users in docs/SCHEMA.md and the design choices in docs/STORAGE.md.
 */
#include <sys/stat.h>

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
#include "feed.h"
#include "segment.h"
#include "wordstat.h"
#include "extern.h"
#include "db-int.h"

#ifndef PL_VERSION
#define PL_VERSION "0.1.0"
#endif

/* The Han bigram index (schema version 2): key cp1 << 21 | cp2, the
 * documents as varint id gaps. */
#define HGRAM_SQL \
	"CREATE TABLE hgram(\n" \
	"  key INTEGER PRIMARY KEY,\n" \
	"  docs BLOB NOT NULL\n" \
	");\n"

/* Set by pl_db_set_wait(), used by the databases opened after it. */
static int wait_writer = 3600, wait_reader = 60;
static void (*wait_notify)(void *, const char *, int);
static void *wait_arg;

void
pl_db_set_wait(int seconds, void (*notify)(void *, const char *path,
    int seconds), void *arg)
{
	if (seconds >= 0)
		wait_writer = wait_reader = seconds;
	wait_notify = notify;
	wait_arg = arg;
}

/*
 * SQLite's busy handler: another process holds the lock.  Says so once
 * (through the notify callback), then polls for up to wait_s seconds.
 */
static int
busy_wait(void *arg, int calls)
{
	struct pl_db *db = arg;
	struct timespec now, pause = { 0, 20 * 1000 * 1000 };
	double elapsed;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (calls == 0) {
		db->wait_t0 = now;
		db->told = 0;
	}
	elapsed = (double)(now.tv_sec - db->wait_t0.tv_sec) +
	    (double)(now.tv_nsec - db->wait_t0.tv_nsec) / 1e9;
	if (elapsed >= db->wait_s)
		return 0;
	if (!db->told && elapsed >= 0.2 && wait_notify != NULL) {
		db->told = 1;
		wait_notify(wait_arg, db->path, db->wait_s);
	}
	nanosleep(&pause, NULL);
	return 1;
}

/* The error for a lock we gave up waiting for, else the usual one. */
const struct pl_error *
db_lock_err(struct pl_db *db, const struct pl_error *err)
{
	if ((sqlite3_errcode(db->h) & 0xff) != SQLITE_BUSY)
		return err;
	return pl_error_fmt(PL_ERR_DB, "%s: another process (an ingest?) "
	    "still holds the database after %d s of waiting (plenum ingest "
	    "--wait SECONDS waits longer)", db->path, db->wait_s);
}

const char db_schema_sql[] =
	"CREATE TABLE setting(\n"
	"  key TEXT PRIMARY KEY,\n"
	"  value TEXT NOT NULL\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE doc(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  ext_id TEXT NOT NULL UNIQUE,\n"
	"  date TEXT NOT NULL,\n"
	"  day INTEGER NOT NULL,\n"
	"  precision TEXT NOT NULL CHECK (precision IN ('day','month','year')),\n"
	"  source TEXT NOT NULL DEFAULT '',\n"
	"  title TEXT NOT NULL DEFAULT '',\n"
	"  lang TEXT NOT NULL DEFAULT '',\n"
	"  tokens INTEGER NOT NULL,\n"
	"  sentences INTEGER NOT NULL,\n"
	"  hash TEXT NOT NULL,\n"
	"  meta TEXT,\n"
	"  text TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX doc_day ON doc(day);\n"
	"CREATE INDEX doc_hash ON doc(hash);\n"
	"CREATE TABLE doc_tokens(\n"
	"  doc INTEGER PRIMARY KEY REFERENCES doc(id) ON DELETE CASCADE,\n"
	"  ids BLOB NOT NULL,\n"
	"  spans BLOB NOT NULL\n"
	");\n"
	"CREATE TABLE term(\n"
	"  text TEXT PRIMARY KEY,\n"
	"  id INTEGER NOT NULL,\n"
	"  n INTEGER NOT NULL,\n"
	"  cf INTEGER NOT NULL,\n"
	"  df INTEGER NOT NULL,\n"
	"  postings BLOB NOT NULL\n"
	") WITHOUT ROWID;\n"
	"CREATE UNIQUE INDEX term_word ON term(id) WHERE n = 1;\n"
	HGRAM_SQL;

const struct pl_error *
db_err(sqlite3 *h, const char *what)
{
	return pl_error_fmt(PL_ERR_DB, "%s: %s", what, sqlite3_errmsg(h));
}

const struct pl_error *
db_prepare(struct pl_db *db, const char *sql, sqlite3_stmt **st)
{
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
	    NULL) != SQLITE_OK)
		return pl_error_fmt(PL_ERR_DB, "%s (in: %s)",
		    sqlite3_errmsg(db->h), sql);
	return NULL;
}

const struct pl_error *
db_exec(struct pl_db *db, const char *sql)
{
	char *msg = NULL;
	const struct pl_error *err = NULL;

	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		err = pl_error_fmt(PL_ERR_DB, "%s: %s", pl_db_path(db),
		    msg ? msg : sqlite3_errmsg(db->h));
		sqlite3_free(msg);
	}
	return err;
}

/* Steps a statement that returns no rows, then resets it. */
const struct pl_error *
db_step_done(struct pl_db *db, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return pl_error_fmt(PL_ERR_DB, "%s: %s (in: %s)",
		    pl_db_path(db), sqlite3_errmsg(db->h), sqlite3_sql(st));
	return NULL;
}

int
db_user_version(struct pl_db *db)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int
count_tables(struct pl_db *db)
{
	sqlite3_stmt *st;
	int n = -1;

	if (sqlite3_prepare_v2(db->h,
	    "SELECT count(*) FROM sqlite_schema WHERE type = 'table'", -1,
	    &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/*
 * Schema migrations: migrations[v - 1] takes a version v file to v + 1.
 * A change to the schema appends its SQL here and bumps
 * PL_SCHEMA_VERSION.  Version 2 added the Han bigram index; version 3
 * term_seg (segment.c) and the doc_meta, label and stat tables, filled
 * from the doc and term tables by docmeta_rebuild(); version 4 the
 * per-month word counts (wordstat.c), filled from the index by
 * ws_rebuild(); version 5 term_seg0 (created by the 3 -> 4 step too).
 */
static const char *const migrations[] = {
	HGRAM_SQL,		/* 1 -> 2; the index itself needs plenum reindex */
	segment_schema_sql,	/* 2 -> 3, with docmeta_schema_sql and
				   docmeta_rebuild() */
	wordstat_schema_sql,	/* 3 -> 4, with segment0_schema_sql; filled
				   by ws_rebuild() */
	segment0_schema_sql,	/* 4 -> 5: term_seg0, for the version 4
				   files made before it existed */
	NULL
};

static const struct pl_error *
migrate(struct pl_db *db, int v)
{
	const struct pl_error *err;
	char ver[64];

	if ((err = db_exec(db, "BEGIN IMMEDIATE")) != NULL)
		return err;
	/* Another process may have migrated it while we waited. */
	if ((v = db_user_version(db)) < 1) {
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		return db_err(db->h, db->path);
	}
	for (; v < PL_SCHEMA_VERSION; v++) {
		if (migrations[v - 1] == NULL) {
			err = pl_error_fmt(PL_ERR_DB, "%s: no migration from "
			    "schema version %d", db->path, v);
			break;
		}
		if ((err = db_exec(db, migrations[v - 1])) != NULL)
			break;
		if (v == 2 && ((err = db_exec(db, docmeta_schema_sql)) != NULL ||
		    (err = docmeta_rebuild(db->h)) != NULL)) {
			if (err->code == PL_ERR_DAMAGED)
				err = pl_error_wrap(err, "%s", db->path);
			break;
		}
		if (v == 3 && ((err = db_exec(db, segment0_schema_sql)) !=
		    NULL || (err = ws_rebuild(db->h)) != NULL)) {
			if (err->code == PL_ERR_DAMAGED)
				err = pl_error_wrap(err, "%s", db->path);
			break;
		}
		snprintf(ver, sizeof(ver), "PRAGMA user_version = %d", v + 1);
		if ((err = db_exec(db, ver)) != NULL)
			break;
	}
	if (err) {
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		return err;
	}
	return db_exec(db, "COMMIT");
}

/*
 * Before SQLite's first use: no memory statistics.  Keeping them takes a
 * global mutex around every allocation, and SQLite allocates per
 * statement step; plenum never asks for them (sqlite3_memory_used).  It
 * was 2% of the commit phase of an ingest (docs/STORAGE.md).  When the
 * program has already used SQLite, sqlite3_config fails and nothing
 * changes.
 */
static void
sqlite_setup(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* Opens db->h on NAME (a path or, with SQLITE_OPEN_URI, a URI). */
static const struct pl_error *
open_handle(struct pl_db *db, const char *name, int oflags)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	const struct pl_error *err;

	(void)pthread_once(&once, sqlite_setup);
	if (sqlite3_open_v2(name, &db->h, oflags | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		err = pl_error_fmt(PL_ERR_DB, "%s: %s", db->path,
		    db->h ? sqlite3_errmsg(db->h) : "cannot open");
		sqlite3_close(db->h);
		db->h = NULL;
		return err;
	}
	sqlite3_extended_result_codes(db->h, 1);
	if (feed_register(db->h) != SQLITE_OK) {
		err = pl_error_fmt(PL_ERR_DB, "%s: %s", db->path,
		    sqlite3_errmsg(db->h));
		sqlite3_close(db->h);
		db->h = NULL;
		return err;
	}
	sqlite3_busy_handler(db->h, busy_wait, db);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_DQS_DDL, 0, (int *)NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_DQS_DML, 0, (int *)NULL);
	return db_exec(db, "PRAGMA foreign_keys = ON");
}

/* Whether PATH followed by SUFFIX is a regular file, not empty. */
static int
side_file(const char *path, const char *suffix)
{
	struct stat sb;
	char *name;
	int r;

	if ((name = g_strconcat(path, suffix, NULL)) == NULL)
		return 0;
	r = stat(name, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0;
	g_free(name);
	return r;
}

/*
 * A reader that cannot start: reading a WAL database takes its -shm and
 * -wal files, which SQLite creates beside the database, and a reader
 * that may not write there (a read-only directory, say) gets
 * SQLITE_READONLY_CANTINIT or SQLITE_CANTOPEN.  With no -wal holding
 * changes and no hot journal, the database file alone is the whole
 * database, so it is opened again as immutable (no locks, no -shm);
 * otherwise the error says what is in the way.  Immutable means a
 * writer that another user starts while we read is not seen: a
 * process that may not create -shm cannot share the writer's locks.
 */
static const struct pl_error *
open_immutable(struct pl_db *db)
{
	static const char hex[] = "0123456789ABCDEF";
	const struct pl_error *err;
	const unsigned char *p;
	GString *uri;

	if (side_file(db->path, "-journal"))
		return pl_error_fmt(PL_ERR_DB, "%s: cannot read: %s-journal, "
		    "left by an interrupted write, must be rolled back first, "
		    "and that needs write access to the database and its "
		    "directory (run any plenum command on it once as a user "
		    "who may write there)", db->path, db->path);
	if (side_file(db->path, "-wal"))
		return pl_error_fmt(PL_ERR_DB, "%s: cannot read: %s-wal holds "
		    "changes not yet in the database, and reading them needs "
		    "%s-shm, which cannot be created here (run any plenum "
		    "command on it once as a user who may write to its "
		    "directory)", db->path, db->path, db->path);
	/* file:PATH?mode=ro&immutable=1, PATH percent-encoded but for
	 * unreserved characters and '/' (a leading "//" would be a host). */
	uri = g_string_new("file:");
	for (p = (const unsigned char *)db->path; *p; p++) {
		if (g_ascii_isalnum(*p) || strchr("-._~", *p) != NULL ||
		    (*p == '/' && !(p == (const unsigned char *)db->path + 1 &&
		    p[-1] == '/')))
			g_string_append_c(uri, (char)*p);
		else {
			g_string_append_c(uri, '%');
			g_string_append_c(uri, hex[*p >> 4]);
			g_string_append_c(uri, hex[*p & 15]);
		}
	}
	g_string_append(uri, "?mode=ro&immutable=1");
	err = open_handle(db, uri->str, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
	g_string_free(uri, TRUE);
	return err;
}

const struct pl_error *
pl_db_open(const char *path, int flags, struct pl_db **out)
{
	const struct pl_error *err = NULL;
	struct pl_db *db;
	int oflags, v, ntab, rc;

	if ((flags & PL_DB_CREATE) == 0 && access(path, F_OK) == -1)
		return pl_error_fmt(PL_ERR_NOTFOUND,
		    "%s: no such database (create it with 'plenum ingest')",
		    path);
	if ((db = calloc(1, sizeof(*db))) == NULL)
		return pl_error_nomem();
	if ((db->path = strdup(path)) == NULL) {
		free(db);
		return pl_error_nomem();
	}
	db->writable = (flags & PL_DB_WRITE) != 0;
	db->segs = -1;
	db->wait_s = db->writable ? wait_writer : wait_reader;
	buf_init(&db->post);
	/*
	 * Readers open read-write when they may, never writing themselves:
	 * SQLite must be able to roll back the journal an interrupted ingest
	 * left behind before anyone can read the file.
	 */
	oflags = db->writable || access(path, W_OK) == 0 ?
	    SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
	if (flags & PL_DB_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	if ((err = open_handle(db, path, oflags)) != NULL)
		goto done;
	v = db_user_version(db);
	rc = sqlite3_extended_errcode(db->h);
	if (v < 0 && !db->writable && ((rc & 0xff) == SQLITE_READONLY ||
	    (rc & 0xff) == SQLITE_CANTOPEN)) {
		sqlite3_close(db->h);
		db->h = NULL;
		oflags = SQLITE_OPEN_READONLY;
		if ((err = open_immutable(db)) != NULL)
			goto done;
		v = db_user_version(db);
	}
	ntab = count_tables(db);
	if (v < 0 || ntab < 0) {
		err = pl_error_fmt(PL_ERR_DB, "%s: %s", path,
		    sqlite3_errmsg(db->h));
		goto done;
	}
	if (v > PL_SCHEMA_VERSION) {
		err = pl_error_fmt(PL_ERR_DB,
		    "%s: schema version %d is newer than this plenum "
		    "understands (%d)", path, v, PL_SCHEMA_VERSION);
		goto done;
	}
	if (v == 0 && ntab > 0) {
		err = pl_error_fmt(PL_ERR_DB,
		    "%s: not a plenum database (it has tables but no plenum "
		    "schema version)", path);
		goto done;
	}
	/*
	 * A reader of a file with no schema (never ingested, or the first
	 * ingest was interrupted and SQLite has just rolled it back) stops
	 * here, so that no command reads it as "no such table".
	 */
	if (v == 0 && !db->writable) {
		err = pl_error_fmt(PL_ERR_DATA,
		    "%s: empty database (nothing was ever ingested)", path);
		goto done;
	}
	if (db->writable) {
		if ((err = db_exec(db, "PRAGMA journal_mode = WAL")) != NULL ||
		    (err = db_exec(db, "PRAGMA synchronous = NORMAL")) != NULL) {
			err = db_lock_err(db, err);
			goto done;
		}
	}
	if (v > 0 && v < PL_SCHEMA_VERSION) {
		if ((oflags & SQLITE_OPEN_READWRITE) == 0) {
			err = pl_error_fmt(PL_ERR_DB, "%s: schema version %d "
			    "needs an upgrade to %d: run 'plenum reindex --db "
			    "%s' once", path, v, PL_SCHEMA_VERSION, path);
			goto done;
		}
		err = migrate(db, v);
	}
	if (err == NULL && !db->writable) {
		/*
		 * A reader reads in one transaction, so the whole command
		 * sees one snapshot and SQLite takes its locks and checks
		 * the file once instead of once per statement (a Han term's
		 * series reads ~1,300 documents one by one).  Mapping the
		 * file (PRAGMA mmap_size) was measured too and cost more
		 * in page faults and unmapping than it saved in pread()
		 * copies (bench/RESULTS.md).
		 */
		if ((err = db_exec(db, "BEGIN")) != NULL)
			err = db_lock_err(db, err);
	}
done:
	if (err) {
		char *dir = g_path_get_dirname(path);
		/* SQLite's "unable to open database file" does not say why */
		if (db->writable && err->code == PL_ERR_DB && dir != NULL &&
		    access(dir, F_OK) == -1)
			err = pl_error_fmt(PL_ERR_DB, "%s (the directory '%s' "
			    "does not exist)", err->msg, dir);
		else if (db->writable && err->code == PL_ERR_DB &&
		    dir != NULL && access(dir, W_OK) == -1)
			err = pl_error_fmt(PL_ERR_DB, "%s (a writer needs "
			    "write access to the directory '%s': SQLite keeps "
			    "its -journal, -wal and -shm files beside the "
			    "database)", err->msg, dir);
		g_free(dir);
		sqlite3_close(db->h);
		free(db->path);
		free(db);
		return err;
	}
	*out = db;
	return NULL;
}

const struct pl_error *
pl_db_close(struct pl_db *db)
{
	const struct pl_error *err = NULL;

	if (db == NULL)
		return NULL;
	sqlite3_finalize(db->st_postings);
	sqlite3_finalize(db->st_doc_tokens);
	sqlite3_finalize(db->st_word_id);
	sqlite3_finalize(db->st_word_text);
	sqlite3_finalize(db->st_ext_id);
	segreader_free(db->segr);
	buf_release(&db->post);
	sqlite3_finalize(db->st_hgram);
	sqlite3_finalize(db->st_doc_text);
	if (!db->writable && !sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
	pl_tokenizer_free(db->tk);
	if (sqlite3_close(db->h) != SQLITE_OK)
		err = db_err(db->h, db->path);
	free(db->user_dict);
	free(db->user_stop);
	free(db->path);
	free(db);
	return err;
}

const char *
pl_db_path(const struct pl_db *db)
{
	return db->path;
}

int
pl_db_is_empty(struct pl_db *db)
{
	return db_user_version(db) == 0;
}

/* Settings. */

static const struct pl_error *
setting_get(struct pl_db *db, const char *key, char **val)
{
	sqlite3_stmt *st = NULL;
	const struct pl_error *err = NULL;
	int rc;

	*val = NULL;
	if ((err = db_prepare(db, "SELECT value FROM setting WHERE key = ?",
	    &st)) != NULL)
		return err;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		if ((*val = strdup(v ? v : "")) == NULL)
			err = pl_error_nomem();
	} else if (rc != SQLITE_DONE)
		err = db_err(db->h, "reading settings");
	sqlite3_finalize(st);
	return err;
}

const struct pl_error *
db_setting_put(struct pl_db *db, const char *key, const char *val)
{
	sqlite3_stmt *st = NULL;
	const struct pl_error *err;

	if ((err = db_prepare(db, "INSERT OR REPLACE INTO setting(key, value) "
	    "VALUES (?, ?)", &st)) != NULL)
		return err;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, val, -1, SQLITE_STATIC);
	err = db_step_done(db, st);
	sqlite3_finalize(st);
	return err;
}


/*
 * Is the index built by this plenum's tokenizer?  An older one must be
 * rebuilt (plenum reindex), since queries would silently miscount.
 */
static const struct pl_error *
check_tokver(struct pl_db *db)
{
	const struct pl_error *err;
	char *v = NULL;
	int have;

	if (db->reindexing)
		return NULL;
	if ((err = setting_get(db, "tokenizer", &v)) != NULL)
		return err;
	have = v ? atoi(v) : 1;
	free(v);
	if (have < PL_TOKENIZER_VERSION)
		return pl_error_fmt(PL_ERR_DATA, "%s: indexed by tokenizer "
		    "version %d, this plenum uses version %d: run 'plenum "
		    "reindex --db %s' once", db->path, have,
		    PL_TOKENIZER_VERSION, db->path);
	if (have > PL_TOKENIZER_VERSION)
		return pl_error_fmt(PL_ERR_DATA, "%s: indexed by tokenizer "
		    "version %d, newer than this plenum's %d", db->path, have,
		    PL_TOKENIZER_VERSION);
	return NULL;
}

/* Reads the stored tokenizer settings into cfg (strings owned by db). */
const struct pl_error *
db_load_cfg(struct pl_db *db, struct pl_tokcfg *cfg)
{
	const struct pl_error *err;
	char *v = NULL;

	pl_tokcfg_defaults(cfg);
	if ((err = setting_get(db, "ngram_max", &v)) != NULL)
		return err;
	if (v == NULL)
		return pl_error_fmt(PL_ERR_DATA,
		    "%s: no corpus settings (nothing was ever ingested)",
		    db->path);
	cfg->ngram_max = atoi(v);
	free(v);
	if ((err = setting_get(db, "t2s", &v)) != NULL)
		return err;
	cfg->t2s = v != NULL && strcmp(v, "1") == 0;
	free(v);
	if ((err = setting_get(db, "stoplangs", &v)) != NULL)
		return err;
	if (v != NULL) {
		snprintf(cfg->stoplangs, sizeof(cfg->stoplangs), "%s", v);
		free(v);
	}
	free(db->user_dict);
	free(db->user_stop);
	db->user_dict = db->user_stop = NULL;
	if ((err = setting_get(db, "user_dict", &db->user_dict)) != NULL ||
	    (err = setting_get(db, "user_stopwords", &db->user_stop)) != NULL)
		return err;
	cfg->user_dict = db->user_dict;
	cfg->user_stop = db->user_stop;
	return NULL;
}

const struct pl_error *
pl_db_tokenizer(struct pl_db *db, struct pl_tokenizer **out)
{
	const struct pl_error *err;
	struct pl_tokcfg cfg;

	if (db->tk == NULL) {
		if (pl_db_is_empty(db))
			return pl_error_fmt(PL_ERR_DATA,
			    "%s: empty database (nothing was ever ingested)",
			    db->path);
		if ((err = check_tokver(db)) != NULL ||
		    (err = db_load_cfg(db, &cfg)) != NULL ||
		    (err = pl_tokenizer_new(&cfg, &db->tk)) != NULL)
			return err;
	}
	*out = db->tk;
	return NULL;
}
