/*
 * dbids.c - the token ids of many documents in doc.id order, read with
 * one statement (include/plenum/store.h, pl_db_each_ids).
 *
 * The statement walks doc_tokens by rowid from a start id.  The cursor
 * steps over a few unwanted rows (a step to the next row of a leaf page
 * costs less than a new descent of the b-tree) and seeks again when the
 * next wanted document is further on.  Only the ids column is asked
 * for, and the blob is lent to the callback, never copied: the join on
 * doc and the spans copy of pl_db_doc_tokens() are what a caller that
 * reads most of a corpus's documents cannot afford (docs/STORAGE.md,
 * "Collocates at 10^6 documents").
 */
#include <stdlib.h>

#include "db-int.h"

/* Documents further on than this are sought, not stepped to. */
#define IDS_GAP	16

const struct pl_error *
pl_db_each_ids(struct pl_db *db, const int64_t *docs, size_t n,
    const struct pl_error *(*fn)(void *, size_t, const unsigned char *,
    size_t), void *arg)
{
	const struct pl_error *err = NULL;
	sqlite3_stmt *st = NULL;
	size_t i;
	int64_t cur = -1;	/* the cursor's document; -1: none */
	int rc = SQLITE_DONE;

	if (n == 0)
		return NULL;
	if ((err = db_prepare(db, "SELECT doc, ids FROM doc_tokens WHERE "
	    "doc >= ? ORDER BY doc", &st)) != NULL)
		return err;
	for (i = 0; i < n; i++) {
		if (cur < 0 || docs[i] < cur || docs[i] - cur > IDS_GAP) {
			sqlite3_reset(st);
			sqlite3_bind_int64(st, 1, docs[i]);
			if ((rc = sqlite3_step(st)) != SQLITE_ROW)
				goto end;
			cur = sqlite3_column_int64(st, 0);
		}
		while (cur < docs[i]) {
			if ((rc = sqlite3_step(st)) != SQLITE_ROW)
				goto end;
			cur = sqlite3_column_int64(st, 0);
		}
		if (cur != docs[i]) {
			err = pl_error_fmt(PL_ERR_NOTFOUND, "%s: no document "
			    "%lld", db->path, (long long)docs[i]);
			goto done;
		}
		if ((err = fn(arg, i, sqlite3_column_blob(st, 1),
		    (size_t)sqlite3_column_bytes(st, 1))) != NULL)
			goto done;
	}
	goto done;
end:
	if (rc == SQLITE_DONE)
		err = pl_error_fmt(PL_ERR_NOTFOUND, "%s: no document %lld",
		    db->path, (long long)docs[i]);
	else
		err = db_err(db->h, db->path);
done:
	sqlite3_finalize(st);
	return err;
}
