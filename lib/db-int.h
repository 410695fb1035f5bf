/*
 * db-int.h - what the store's files share, private to lib/: the database
 * handle and the SQLite helpers of db.c.  db.c opens, migrates and
 * configures a database; ingest.c writes documents, the index, its
 * segments and reindexes; dbread.c reads documents and the index;
 * dbids.c reads many documents' token ids with one statement; dbinfo.c
 * summarises a corpus for plenum info.
 */
#ifndef PL_DB_INT_H
#define PL_DB_INT_H

#include <time.h>

#include <sqlite3.h>

#include "plenum/store.h"
#include "extern.h"

struct segreader;

struct pl_db {
	sqlite3			*h;
	char			*path;
	int			 writable;
	/* statements reused by queries, finalized in pl_db_close() */
	sqlite3_stmt		*st_postings, *st_doc_tokens, *st_word_id,
				*st_word_text, *st_ext_id, *st_hgram, *st_doc_text;
	struct segreader	*segr;		/* while segs is known */
	int			 segs;		/* term_seg has rows: 1, 0, or
						   -1 not known yet */
	struct buf		 post;		/* a merged posting list */
	int64_t			 each_term_id;	/* of pl_db_each_term's term */
	int			 reindexing;	/* pl_db_reindex(): any
						   tokenizer version */
	struct pl_tokenizer	*tk;
	char			*user_dict;	/* settings kept for tk */
	char			*user_stop;
	/* waiting for another process's lock (busy_wait) */
	int			 wait_s;
	int			 told;
	struct timespec		 wait_t0;
};

const struct pl_error *	db_err(sqlite3 *h, const char *what);
/* The tokenizer version a database records (PL_TOKENIZER_VERSION). */
#define STR2(x)	#x
#define STR(x)	STR2(x)
#define TOKVER	STR(PL_TOKENIZER_VERSION)

extern const char db_schema_sql[];

const struct pl_error *	db_lock_err(struct pl_db *db, const struct pl_error *err);
const struct pl_error *	db_prepare(struct pl_db *db, const char *sql, sqlite3_stmt **st);
const struct pl_error *	db_exec(struct pl_db *db, const char *sql);
const struct pl_error *	db_step_done(struct pl_db *db, sqlite3_stmt *st);
int	db_user_version(struct pl_db *db);
const struct pl_error *	db_setting_put(struct pl_db *db, const char *key, const char *val);
const struct pl_error *	db_load_cfg(struct pl_db *db, struct pl_tokcfg *cfg);
const struct pl_error *	db_cached(struct pl_db *db, sqlite3_stmt **st, const char *sql);

#endif
