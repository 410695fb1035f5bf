/*
 * feed.c - the pl_feed virtual table (feed.h).
 *
 * A bulk write of millions of small rows (a new corpus's term index)
 * paid SQLite's per-statement cost on every row when each was a bound
 * INSERT: stepping, resetting, and opening and closing the b-tree
 * cursors.  One INSERT ... SELECT from a virtual table whose rows come
 * from C keeps one statement and its cursors open over all of them: the
 * 2.24 M term rows of cctv-xwlb went in 1.4 s instead of 3.6 s
 * (docs/STORAGE.md).  The feed is passed as a pointer bound to the hidden
 * column feed (sqlite3_bind_pointer, as SQLite's carray extension
 * does), so the table holds no state and the database file no schema.
 */
#include <stdlib.h>
#include <string.h>

#include "feed.h"

#define FEED_PTR	"pl_feed"

struct feed_cur {
	sqlite3_vtab_cursor	 base;
	struct feed		*f;
	struct feed_val		 v[FEED_COLS];
	sqlite3_int64		 row;
	int			 eof;
};

struct feed_vtab {
	sqlite3_vtab		 base;
};

static int
feed_connect(sqlite3 *h, void *aux, int argc, const char *const *argv,
    sqlite3_vtab **vt, char **errmsg)
{
	struct feed_vtab *t;
	int rc;

	(void)aux;
	(void)argc;
	(void)argv;
	(void)errmsg;
	rc = sqlite3_declare_vtab(h, "CREATE TABLE x(c0, c1, c2, c3, c4, c5, "
	    "feed HIDDEN)");
	if (rc != SQLITE_OK)
		return rc;
	if ((t = sqlite3_malloc(sizeof(*t))) == NULL)
		return SQLITE_NOMEM;
	memset(t, 0, sizeof(*t));
	*vt = &t->base;
	return SQLITE_OK;
}

static int
feed_disconnect(sqlite3_vtab *vt)
{
	sqlite3_free(vt);
	return SQLITE_OK;
}

/* Only "feed = ?" plans: the rows come from the bound feed. */
static int
feed_best_index(sqlite3_vtab *vt, sqlite3_index_info *ii)
{
	int i;

	(void)vt;
	for (i = 0; i < ii->nConstraint; i++) {
		const struct sqlite3_index_constraint *c = &ii->aConstraint[i];
		if (c->iColumn == FEED_COLS && c->usable &&
		    c->op == SQLITE_INDEX_CONSTRAINT_EQ) {
			ii->aConstraintUsage[i].argvIndex = 1;
			ii->aConstraintUsage[i].omit = 1;
			ii->idxNum = 1;
			ii->estimatedCost = 1;
			return SQLITE_OK;
		}
	}
	ii->idxNum = 0;
	ii->estimatedCost = 1e12;
	return SQLITE_OK;
}

static int
feed_open(sqlite3_vtab *vt, sqlite3_vtab_cursor **cp)
{
	struct feed_cur *c;

	(void)vt;
	if ((c = sqlite3_malloc(sizeof(*c))) == NULL)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof(*c));
	c->eof = 1;
	*cp = &c->base;
	return SQLITE_OK;
}

static int
feed_close(sqlite3_vtab_cursor *cp)
{
	sqlite3_free(cp);
	return SQLITE_OK;
}

static int
feed_step(struct feed_cur *c)
{
	const struct pl_error *err = NULL;
	int rc;

	memset(c->v, 0, sizeof(c->v));
	rc = c->f->next(c->f->arg, c->v, &err);
	if (rc < 0) {
		sqlite3_vtab *vt = c->base.pVtab;
		sqlite3_free(vt->zErrMsg);
		vt->zErrMsg = sqlite3_mprintf("%s", err ? err->msg :
		    "feed failed");
		if (err != NULL) {
			c->f->err = *err;
			c->f->failed = 1;
		}
		return SQLITE_ERROR;
	}
	c->eof = rc == 0;
	c->row++;
	return SQLITE_OK;
}

static int
feed_filter(sqlite3_vtab_cursor *cp, int idx, const char *idxs, int argc,
    sqlite3_value **argv)
{
	struct feed_cur *c = (struct feed_cur *)cp;

	(void)idxs;
	c->eof = 1;
	c->row = 0;
	if (idx != 1 || argc != 1 ||
	    (c->f = sqlite3_value_pointer(argv[0], FEED_PTR)) == NULL)
		return SQLITE_OK;	/* no feed: no rows */
	return feed_step(c);
}

static int
feed_next(sqlite3_vtab_cursor *cp)
{
	return feed_step((struct feed_cur *)cp);
}

static int
feed_eof(sqlite3_vtab_cursor *cp)
{
	return ((struct feed_cur *)cp)->eof;
}

static int
feed_column(sqlite3_vtab_cursor *cp, sqlite3_context *ctx, int col)
{
	struct feed_cur *c = (struct feed_cur *)cp;
	const struct feed_val *v;

	if (col < 0 || col >= FEED_COLS) {
		sqlite3_result_null(ctx);
		return SQLITE_OK;
	}
	v = &c->v[col];
	switch (v->type) {
	case SQLITE_INTEGER:
		sqlite3_result_int64(ctx, v->i);
		break;
	case SQLITE_TEXT:
		sqlite3_result_text64(ctx, v->p ? v->p : "", v->len,
		    SQLITE_STATIC, SQLITE_UTF8);
		break;
	case SQLITE_BLOB:
		sqlite3_result_blob64(ctx, v->p ? v->p : "", v->len,
		    SQLITE_STATIC);
		break;
	default:
		sqlite3_result_null(ctx);
	}
	return SQLITE_OK;
}

static int
feed_rowid(sqlite3_vtab_cursor *cp, sqlite3_int64 *row)
{
	*row = ((struct feed_cur *)cp)->row;
	return SQLITE_OK;
}

static const sqlite3_module feed_module = {
	.iVersion = 0,
	.xCreate = NULL,	/* eponymous only: never in a schema */
	.xConnect = feed_connect,
	.xBestIndex = feed_best_index,
	.xDisconnect = feed_disconnect,
	.xOpen = feed_open,
	.xClose = feed_close,
	.xFilter = feed_filter,
	.xNext = feed_next,
	.xEof = feed_eof,
	.xColumn = feed_column,
	.xRowid = feed_rowid,
};

int
feed_register(sqlite3 *h)
{
	return sqlite3_create_module(h, "pl_feed", &feed_module, NULL);
}

const struct pl_error *
feed_run(sqlite3 *h, const char *sql, struct feed *f)
{
	const struct pl_error *err = NULL;
	sqlite3_stmt *st = NULL;

	f->failed = 0;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return pl_error_fmt(PL_ERR_DB, "%s", sqlite3_errmsg(h));
	sqlite3_bind_pointer(st, 1, f, FEED_PTR, NULL);
	if (sqlite3_step(st) != SQLITE_DONE)
		err = f->failed ? pl_error_fmt(f->err.code, "%s", f->err.msg) :
		    pl_error_fmt(PL_ERR_DB, "%s", sqlite3_errmsg(h));
	sqlite3_finalize(st);
	return err;
}
