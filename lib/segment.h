/*
 * segment.h - posting lists in segments (segment.c), for the store's
 * files only.
 */
#ifndef PLENUM_SEGMENT_H
#define PLENUM_SEGMENT_H

#include <sqlite3.h>

#include "plenum/store.h"
#include "extern.h"

/* The term_seg table (schema version 3). */
extern const char segment_schema_sql[];
/* The term_seg0 table (schema version 4): the newest segments. */
extern const char segment0_schema_sql[];

/*
 * Reading a term's segments: its term_seg rows (one range), then its
 * rows in each term_seg0 segment (one probe each; at most SEG_MERGE + 1
 * segments, since an ingest merges them past that).
 */
struct segreader;

const struct pl_error *segreader_new(sqlite3 *, struct segreader **);
void	segreader_free(struct segreader *);

/*
 * Appends the posting list p (first gap from 0) to out, whose last
 * document is *last (0: out is empty), re-basing its first gap; updates
 * *last.  0, -1 for a corrupt or out-of-order list, -2 out of memory.
 */
int	postings_append(struct buf *out, int64_t *last, const unsigned char *p,
	    size_t len);

/* *any: 1 if some term has segments. */
const struct pl_error *seg_has_any(sqlite3 *, int *any);

/*
 * out holds a term's base posting list: appends its segments and adds
 * their cf and df;
 * *nseg (may be NULL) counts them.
 */
const struct pl_error *seg_merge_term(sqlite3 *, struct segreader *,
	    const char *text, int tlen, struct buf *out, int64_t *cf,
	    int64_t *df, int *nseg);

/* Merges one term's segments into its base row; *folded: how many. */
const struct pl_error *seg_fold(sqlite3 *, const char *text, int tlen,
	    int *folded);

/* Folds every term's segments (plenum optimize). */
const struct pl_error *seg_fold_all(sqlite3 *, int64_t *terms,
	    int64_t *rows);

/*
 * Merges each term's segment rows into one (the base rows stay as they
 * are): an ingest does this when segments pile up.  *terms: how many.
 */
const struct pl_error *seg_merge_segments(sqlite3 *, int64_t *terms);

#endif /* PLENUM_SEGMENT_H */
