/*
 * wordstat.h - every word's counts per month, kept by ingest for the
 * rankings (wordstat.c), for the store's files only.
 *
 * freq --top and keyness of whole months read O(vocabulary x months)
 * rows here instead of every posting list of the index
 * (docs/STORAGE.md, "Word counts per month").
 */
#ifndef PLENUM_WORDSTAT_H
#define PLENUM_WORDSTAT_H

#include <sqlite3.h>

#include "plenum/store.h"
#include "extern.h"

/* The word and word_period tables (schema version 4). */
extern const char wordstat_schema_sql[];

/* More segments than this beyond the base: an ingest merges them. */
#define WS_MERGE	8

/* The period of a day: year * 12 + month (1-12); 0 is all time. */
int64_t	ws_period(int64_t day);

/* What one ingest (or one memory flush of it) adds, by (period, word). */
struct ws_w {
	struct ws_slot {
		uint64_t	 key;	/* period << 32 | word; 0: empty */
		int64_t		 cf, df;
	}		*s;
	size_t		 nslot, used;
	int		 nomem;
};

void	ws_w_init(struct ws_w *);
void	ws_w_release(struct ws_w *);
/* Adds a document's count of one word (df +-1) to its month and to all
 * time; -1 out of memory. */
int	ws_w_add(struct ws_w *, int64_t day, uint32_t word, int64_t cf,
	    int64_t df);
/* The same with the month's period (ws_period) given. */
int	ws_w_add_period(struct ws_w *, int64_t period, uint32_t word,
	    int64_t cf, int64_t df);
/* Starts loading the slot of (period, word): a hint, no effect on the
 * counts. */
void	ws_w_prefetch(const struct ws_w *, int64_t period, uint32_t word);
/* Bytes it holds. */
size_t	ws_w_bytes(const struct ws_w *);
/* Adds the counts into segment seg (inside the ingest's transaction) and
 * empties it. */
const struct pl_error *ws_w_write(struct ws_w *, sqlite3 *, int64_t seg);
/* The segment a new ingest writes: 0 for a new corpus, else one past
 * the last. */
const struct pl_error *ws_next_seg(sqlite3 *, int fresh, int64_t *seg);
/* More than WS_MERGE segments beyond the base: merges them into one. */
const struct pl_error *ws_maybe_merge(sqlite3 *);
/* Folds every segment into the base (plenum optimize). */
const struct pl_error *ws_fold_all(sqlite3 *);
/* Fills both tables from the term index (the version 3 -> 4 migration,
 * inside its transaction). */
const struct pl_error *ws_rebuild(sqlite3 *);

#endif /* PLENUM_WORDSTAT_H */
