/*
 * segment.c - posting lists in segments (docs/STORAGE.md, "Segments").
 *
 * A term's postings are its row in term (the base) followed by its rows
 * in term_seg, one per later ingest (or memory flush) that saw it, in
 * segment order.  Documents get increasing ids, so the segments hold
 * increasing, disjoint document ranges and a term's whole list is the
 * concatenation, each segment's first gap re-based on the last document
 * before it.  An ingest into a big corpus therefore writes only its own
 * postings instead of rewriting every list it touches; plenum optimize
 * (and an ingest, when segments pile up) merges them.
 */
#include <stdlib.h>
#include <string.h>

#include "segment.h"

const char segment_schema_sql[] =
	"CREATE TABLE term_seg(\n"
	"  text TEXT NOT NULL,\n"
	"  seg INTEGER NOT NULL,\n"
	"  cf INTEGER NOT NULL,\n"
	"  df INTEGER NOT NULL,\n"
	"  postings BLOB NOT NULL,\n"
	"  PRIMARY KEY (text, seg)\n"
	") WITHOUT ROWID;\n";

static const struct pl_error *
sqlerr(sqlite3 *h, const char *what)
{
	return pl_error_fmt(PL_ERR_DB, "%s: %s", what, sqlite3_errmsg(h));
}

int
postings_append(struct buf *out, int64_t *last, const unsigned char *p,
    size_t len)
{
	const unsigned char *end = p + len, *rest;
	uint64_t d, c;
	int64_t doc;

	if (len == 0)
		return 0;
	if (varint_get(&p, end, &d) == -1 || varint_get(&p, end, &c) == -1)
		return -1;
	doc = (int64_t)d;		/* the first gap counts from 0 */
	if (doc <= *last && *last > 0)
		return -1;
	if (buf_varint(out, (uint64_t)(doc - *last)) == -1 ||
	    buf_varint(out, c) == -1)
		return -2;
	/* The rest is copied as it is; its gaps give the new last. */
	rest = p;
	while (p < end) {
		if (varint_get(&p, end, &d) == -1 ||
		    varint_get(&p, end, &c) == -1)
			return -1;
		doc += (int64_t)d;
	}
	if (buf_add(out, rest, (size_t)(end - rest)) == -1)
		return -2;
	*last = doc;
	return 0;
}

const struct pl_error *
seg_has_any(sqlite3 *h, int *any)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*any = 0;
	if (sqlite3_prepare_v2(h, "SELECT EXISTS (SELECT 1 FROM term_seg)", -1,
	    &st, NULL) != SQLITE_OK)
		return sqlerr(h, "term_seg");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*any = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? NULL : sqlerr(h, "term_seg");
}

const struct pl_error *
seg_merge_term(sqlite3 *h, sqlite3_stmt *segs, const char *text, int tlen,
    struct buf *out, int64_t *cf, int64_t *df, int *nseg)
{
	const struct pl_error *err = NULL;
	int64_t last = 0;
	int rc, r;

	/* The base is already in out: find its last document. */
	if (out->n > 0) {
		struct buf tmp;
		buf_init(&tmp);
		r = postings_append(&tmp, &last, out->p, out->n);
		buf_release(&tmp);
		if (r != 0)
			return r == -1 ? pl_error_fmt(PL_ERR_DAMAGED,
			    "database damaged: term '%.*s': corrupt posting "
			    "list", tlen, text) :
			    pl_error_nomem();
	}
	if (nseg)
		*nseg = 0;
	sqlite3_bind_text(segs, 1, text, tlen, SQLITE_STATIC);
	while ((rc = sqlite3_step(segs)) == SQLITE_ROW) {
		r = postings_append(out, &last, sqlite3_column_blob(segs, 2),
		    (size_t)sqlite3_column_bytes(segs, 2));
		if (r != 0) {
			err = r == -1 ? pl_error_fmt(PL_ERR_DAMAGED,
			    "database damaged: term '%.*s': corrupt segment "
			    "posting list", tlen, text) :
			    pl_error_nomem();
			break;
		}
		*cf += sqlite3_column_int64(segs, 0);
		*df += sqlite3_column_int64(segs, 1);
		if (nseg)
			(*nseg)++;
	}
	if (err == NULL && rc != SQLITE_DONE)
		err = sqlerr(h, "reading term_seg");
	sqlite3_reset(segs);
	return err;
}

const char seg_select_sql[] =
	"SELECT cf, df, postings FROM term_seg WHERE text = ? ORDER BY seg";

const struct pl_error *
seg_fold(sqlite3 *h, const char *text, int tlen, int *folded)
{
	const struct pl_error *err = NULL;
	sqlite3_stmt *base = NULL, *segs = NULL, *upd = NULL, *del = NULL;
	struct buf b;
	int64_t cf = 0, df = 0;
	int rc, nseg = 0;

	*folded = 0;
	buf_init(&b);
	if (sqlite3_prepare_v2(h, "SELECT cf, df, postings FROM term WHERE "
	    "text = ?", -1, &base, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, seg_select_sql, -1, &segs, NULL) !=
	    SQLITE_OK ||
	    sqlite3_prepare_v2(h, "UPDATE term SET cf = ?, df = ?, postings = ? "
	    "WHERE text = ?", -1, &upd, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "DELETE FROM term_seg WHERE text = ?", -1,
	    &del, NULL) != SQLITE_OK) {
		err = sqlerr(h, "folding segments");
		goto done;
	}
	sqlite3_bind_text(base, 1, text, tlen, SQLITE_STATIC);
	rc = sqlite3_step(base);
	if (rc != SQLITE_ROW) {
		/* No such term: nothing to fold (segments always follow a
		 * base row). */
		if (rc != SQLITE_DONE)
			err = sqlerr(h, "folding segments");
		goto done;
	}
	cf = sqlite3_column_int64(base, 0);
	df = sqlite3_column_int64(base, 1);
	if (buf_add(&b, sqlite3_column_blob(base, 2),
	    (size_t)sqlite3_column_bytes(base, 2)) == -1) {
		err = pl_error_nomem();
		goto done;
	}
	if ((err = seg_merge_term(h, segs, text, tlen, &b, &cf, &df,
	    &nseg)) != NULL || nseg == 0)
		goto done;
	sqlite3_bind_int64(upd, 1, cf);
	sqlite3_bind_int64(upd, 2, df);
	sqlite3_bind_blob(upd, 3, b.p, (int)b.n, SQLITE_STATIC);
	sqlite3_bind_text(upd, 4, text, tlen, SQLITE_STATIC);
	sqlite3_bind_text(del, 1, text, tlen, SQLITE_STATIC);
	if (sqlite3_step(upd) != SQLITE_DONE || sqlite3_step(del) !=
	    SQLITE_DONE) {
		err = sqlerr(h, "folding segments");
		goto done;
	}
	*folded = nseg;
done:
	sqlite3_finalize(base);
	sqlite3_finalize(segs);
	sqlite3_finalize(upd);
	sqlite3_finalize(del);
	buf_release(&b);
	return err;
}

const struct pl_error *
seg_fold_all(sqlite3 *h, int64_t *terms, int64_t *rows)
{
	const struct pl_error *err = NULL;
	sqlite3_stmt *st = NULL;
	struct buf text;
	int rc, n;

	*terms = *rows = 0;
	buf_init(&text);
	/* One text at a time, each looked up afresh after the last fold. */
	if (sqlite3_prepare_v2(h, "SELECT text FROM term_seg WHERE text > ? "
	    "ORDER BY text LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return sqlerr(h, "term_seg");
	if (buf_add(&text, "", 1) == -1) {
		err = pl_error_nomem();
		goto done;
	}
	for (;;) {
		sqlite3_bind_text(st, 1, (const char *)text.p, (int)text.n - 1,
		    SQLITE_TRANSIENT);
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW) {
			err = sqlerr(h, "term_seg");
			goto done;
		}
		text.n = 0;
		if (buf_add(&text, sqlite3_column_text(st, 0),
		    (size_t)sqlite3_column_bytes(st, 0)) == -1 ||
		    buf_add(&text, "", 1) == -1) {
			err = pl_error_nomem();
			goto done;
		}
		sqlite3_reset(st);
		if ((err = seg_fold(h, (const char *)text.p, (int)text.n - 1,
		    &n)) != NULL)
			goto done;
		(*terms)++;
		*rows += n;
	}
done:
	sqlite3_finalize(st);
	buf_release(&text);
	return err;
}

const struct pl_error *
seg_merge_segments(sqlite3 *h, int64_t *terms)
{
	const struct pl_error *err = NULL;
	sqlite3_stmt *list = NULL, *segs = NULL, *del = NULL, *ins = NULL;
	struct buf b, text;
	int rc;

	*terms = 0;
	buf_init(&b);
	buf_init(&text);
	if (sqlite3_prepare_v2(h, "SELECT text FROM term_seg WHERE text > ? "
	    "GROUP BY text HAVING count(*) > 1 ORDER BY text LIMIT 1", -1,
	    &list, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "SELECT cf, df, postings, seg FROM term_seg "
	    "WHERE text = ? ORDER BY seg", -1, &segs, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "DELETE FROM term_seg WHERE text = ?", -1,
	    &del, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "INSERT INTO term_seg(text, seg, cf, df, "
	    "postings) VALUES (?, ?, ?, ?, ?)", -1, &ins, NULL) != SQLITE_OK) {
		err = sqlerr(h, "merging segments");
		goto done;
	}
	if (buf_add(&text, "", 1) == -1)
		goto nomem;
	for (;;) {
		int64_t cf = 0, df = 0, last = 0, seg = 0;
		int r;

		sqlite3_bind_text(list, 1, (const char *)text.p,
		    (int)text.n - 1, SQLITE_TRANSIENT);
		rc = sqlite3_step(list);
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW) {
			err = sqlerr(h, "merging segments");
			goto done;
		}
		text.n = 0;
		if (buf_add(&text, sqlite3_column_text(list, 0),
		    (size_t)sqlite3_column_bytes(list, 0)) == -1 ||
		    buf_add(&text, "", 1) == -1)
			goto nomem;
		sqlite3_reset(list);
		b.n = 0;
		sqlite3_bind_text(segs, 1, (const char *)text.p,
		    (int)text.n - 1, SQLITE_STATIC);
		while ((rc = sqlite3_step(segs)) == SQLITE_ROW) {
			r = postings_append(&b, &last,
			    sqlite3_column_blob(segs, 2),
			    (size_t)sqlite3_column_bytes(segs, 2));
			if (r != 0) {
				sqlite3_reset(segs);
				if (r == -2)
					goto nomem;
				err = pl_error_fmt(PL_ERR_DAMAGED, "database "
				    "damaged: term '%s': corrupt segment posting "
				    "list", text.p);
				goto done;
			}
			cf += sqlite3_column_int64(segs, 0);
			df += sqlite3_column_int64(segs, 1);
			seg = sqlite3_column_int64(segs, 3);
		}
		sqlite3_reset(segs);
		if (rc != SQLITE_DONE) {
			err = sqlerr(h, "merging segments");
			goto done;
		}
		sqlite3_bind_text(del, 1, (const char *)text.p,
		    (int)text.n - 1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 1, (const char *)text.p,
		    (int)text.n - 1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 2, seg);
		sqlite3_bind_int64(ins, 3, cf);
		sqlite3_bind_int64(ins, 4, df);
		sqlite3_bind_blob(ins, 5, b.p, (int)b.n, SQLITE_STATIC);
		rc = sqlite3_step(del);
		sqlite3_reset(del);
		if (rc != SQLITE_DONE || (rc = sqlite3_step(ins)) !=
		    SQLITE_DONE) {
			sqlite3_reset(ins);
			err = sqlerr(h, "merging segments");
			goto done;
		}
		sqlite3_reset(ins);
		(*terms)++;
	}
	goto done;
nomem:
	err = pl_error_nomem();
done:
	sqlite3_finalize(list);
	sqlite3_finalize(segs);
	sqlite3_finalize(del);
	sqlite3_finalize(ins);
	buf_release(&b);
	buf_release(&text);
	return err;
}
