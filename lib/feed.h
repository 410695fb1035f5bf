/*
 * feed.h - rows made in C, stored with one INSERT ... SELECT: the
 * eponymous virtual table pl_feed (docs/STORAGE.md, "Writing rows
 * through a feed").
 */
#ifndef PL_FEED_H
#define PL_FEED_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "plenum/error.h"

#define FEED_COLS	6	/* c0 .. c5 */

struct feed_val {
	int		 type;	/* SQLITE_INTEGER, _TEXT, _BLOB or _NULL */
	int64_t		 i;
	const void	*p;	/* text or blob, valid until the next row */
	size_t		 len;
};

struct feed {
	/*
	 * Fills v[0 .. FEED_COLS) with the next row and returns 1; returns
	 * 0 after the last row, or -1 with *err set.
	 */
	int		 (*next)(void *arg, struct feed_val *v,
			    const struct pl_error **err);
	void		*arg;
	/* set by feed_run: the feed's own error, copied */
	int		 failed;
	struct pl_error	 err;
};

/* Makes pl_feed(c0, ..., c5) known to the connection. */
int	 feed_register(sqlite3 *);
/*
 * Runs sql, an INSERT ... SELECT ... FROM pl_feed WHERE feed = ?1, with
 * the rows f gives.  Returns NULL, f's own error, or SQLite's.
 */
const struct pl_error *feed_run(sqlite3 *, const char *sql, struct feed *f);

#endif
