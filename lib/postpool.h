/*
 * postpool.h - posting lists built in memory while an ingest counts: per
 * term a chain of byte chunks in one shared pool, each list already in
 * its stored form (docs/SCHEMA.md: varint document gap, varint count).
 */
#ifndef PL_POSTPOOL_H
#define PL_POSTPOOL_H

#include <stddef.h>
#include <stdint.h>

struct buf;

struct postpool {
	unsigned char	*p;
	size_t		 n, cap;	/* bytes used, allocated */
};

/* One term's list; all zero is the empty list. */
struct postlist {
	uint32_t	 head, tail;	/* first and last chunk, in 4-byte
					   units; 0: none */
	uint32_t	 last;		/* last document added */
	uint16_t	 pos;		/* bytes used in the last chunk */
	uint8_t		 level;		/* the last chunk's size class */
};

void	 postpool_init(struct postpool *);
void	 postpool_release(struct postpool *);
/*
 * Appends (doc, count) to l; doc is above the list's last document.
 * Returns 0, -1 when out of memory, -2 past the pool's 16 GiB.
 */
int	 postpool_add(struct postpool *, struct postlist *l, uint32_t doc,
	    uint32_t count);
/* Appends l's bytes to b; 0, or -1 when out of memory. */
int	 postpool_get(const struct postpool *, const struct postlist *l,
	    struct buf *b);
/* Where the next byte of l goes, for a prefetch (NULL: none yet). */
const void *postpool_next(const struct postpool *, const struct postlist *l);

#endif
