/*
 * docmeta.h - every document's figures in compact blocks (docmeta.c),
 * shared by the store's files only (they include sqlite3.h).
 *
 * The doc table keeps one row per document with its text; a query that
 * needs only dates, sources and lengths reads the doc_meta blocks instead:
 * one row per 65,536 document ids, about 9 bytes a document, read in one
 * go (docs/STORAGE.md, "Per-document figures").
 */
#ifndef PLENUM_DOCMETA_H
#define PLENUM_DOCMETA_H

#include <sqlite3.h>

#include "plenum/store.h"
#include "extern.h"

#define DOCMETA_SHIFT	16	/* block = doc id >> DOCMETA_SHIFT */

/* The tables, created with a new corpus and by the version 2 migration. */
extern const char docmeta_schema_sql[];

/* What one ingest changes, written at its commit. */
struct docmeta_w {
	struct pl_docfig	*add;
	size_t			 nadd, addcap;
	uint32_t		*del;
	size_t			 ndel, delcap;
	struct strmap		 labels;	/* text -> label id */
	int64_t			 next_label;
	int			 loaded;
	int64_t			 terms[PL_NGRAM_MAX + 1];	/* change in
							   terms per n */
};

void	docmeta_w_init(struct docmeta_w *);
void	docmeta_w_release(struct docmeta_w *);
/* Records a new document (source and lang: text, NULL for ""). */
const struct pl_error *docmeta_w_add(struct docmeta_w *, sqlite3 *,
	    int64_t id, int64_t day, int prec, uint64_t tokens,
	    uint64_t sentences, const char *source, const char *lang);
/* Records that document id was deleted. */
const struct pl_error *docmeta_w_del(struct docmeta_w *, int64_t id);
/* Writes the changed blocks and the term counts (inside the ingest's
 * transaction). */
const struct pl_error *docmeta_w_commit(struct docmeta_w *, sqlite3 *);

/* Fills doc_meta, label and stat from the doc and term tables (the
 * version 1 -> 2 migration, inside its transaction). */
const struct pl_error *docmeta_rebuild(sqlite3 *);

/* pl_db_docfigs() on a handle. */
const struct pl_error *docmeta_read(sqlite3 *, struct pl_docfigs *);
/* Only the labels of pl_db_docfigs() (v empty). */
const struct pl_error *docmeta_labels(sqlite3 *, struct pl_docfigs *);
/*
 * Calls fn with each doc_meta block's figures in id order (valid during
 * the call), each checked against the labels read by docmeta_labels():
 * for a summary of every document without an array of them all.
 */
const struct pl_error *docmeta_scan(sqlite3 *, const struct pl_docfigs *,
	    const struct pl_error *(*)(void *, const struct pl_docfig *,
	    size_t), void *);
/* A stat value (0 when absent). */
const struct pl_error *docmeta_stat(sqlite3 *, const char *key,
	    int64_t *val);

/* Sets a stat value. */
const struct pl_error *docmeta_stat_set(sqlite3 *, const char *key,
	    int64_t val);

#endif /* PLENUM_DOCMETA_H */
