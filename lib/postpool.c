/*
 * postpool.c - posting lists in memory during an ingest (postpool.h).
 *
 * A list is a chain of chunks in one pool: a chunk is a 4-byte link to
 * the next (in 4-byte units, 0 for none) and then data.  A list's first
 * chunk holds 12 bytes of data, each next one twice the size up to 2 KiB,
 * so the 1.7 million n-grams of cctv-xwlb seen in a single document take
 * 16 bytes each, and a frequent word's list grows in few links.  The
 * design is Lucene's in-memory postings (byte slices in shared blocks),
 * simplified: the chunk sizes follow from a chunk's place in its chain,
 * so no size is stored.  Before, each (term, document, count) was a
 * 12-byte triple, grouped by term with a counting sort at commit
 * (docs/STORAGE.md).
 */
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "postpool.h"

#define LEVEL_MAX	7	/* chunks of 16 << 7 = 2 KiB at most */
#define UNITS_MAX	UINT32_MAX

static size_t
chunk_bytes(unsigned level)
{
	return (size_t)16 << level;
}

void
postpool_init(struct postpool *pp)
{
	memset(pp, 0, sizeof(*pp));
}

void
postpool_release(struct postpool *pp)
{
	free(pp->p);
	postpool_init(pp);
}

/* A new chunk of the given level: its offset in 4-byte units, or 0. */
static uint32_t
chunk_new(struct postpool *pp, unsigned level, int *err)
{
	size_t want = chunk_bytes(level), at;

	if (pp->n == 0)
		pp->n = 4;	/* offset 0 means none */
	at = pp->n;
	if ((at + want) / 4 > UNITS_MAX) {
		*err = -2;
		return 0;
	}
	if (at + want > pp->cap) {
		size_t nc = pp->cap ? pp->cap : 1 << 20;
		unsigned char *np;
		while (nc < at + want)
			nc *= 2;
		if ((np = realloc(pp->p, nc)) == NULL) {
			*err = -1;
			return 0;
		}
		pp->p = np;
		pp->cap = nc;
	}
	memset(pp->p + at, 0, 4);
	pp->n = at + want;
	return (uint32_t)(at / 4);
}

int
postpool_add(struct postpool *pp, struct postlist *l, uint32_t doc,
    uint32_t count)
{
	unsigned char v[10];
	size_t nv = 0, k, room;
	uint64_t x;
	int err = 0;

	for (x = (uint64_t)(doc - l->last); x >= 0x80; x >>= 7)
		v[nv++] = (unsigned char)(x | 0x80);
	v[nv++] = (unsigned char)x;
	for (x = count; x >= 0x80; x >>= 7)
		v[nv++] = (unsigned char)(x | 0x80);
	v[nv++] = (unsigned char)x;
	if (l->head == 0) {
		if ((l->head = l->tail = chunk_new(pp, 0, &err)) == 0)
			return err;
		l->pos = 0;
		l->level = 0;
	}
	for (k = 0; k < nv;) {
		unsigned char *c = pp->p + (size_t)l->tail * 4;
		room = chunk_bytes(l->level) - 4 - l->pos;
		if (room == 0) {
			unsigned lv = l->level < LEVEL_MAX ? l->level + 1u :
			    LEVEL_MAX;
			uint32_t nc = chunk_new(pp, lv, &err);
			if (nc == 0)
				return err;
			c = pp->p + (size_t)l->tail * 4;  /* pool may move */
			memcpy(c, &nc, 4);
			l->tail = nc;
			l->pos = 0;
			l->level = (uint8_t)lv;
			continue;
		}
		if (room > nv - k)
			room = nv - k;
		memcpy(c + 4 + l->pos, v + k, room);
		l->pos = (uint16_t)(l->pos + room);
		k += room;
	}
	l->last = doc;
	return 0;
}

int
postpool_get(const struct postpool *pp, const struct postlist *l,
    struct buf *b)
{
	uint32_t at = l->head, next;
	unsigned level = 0;

	while (at != 0) {
		const unsigned char *c = pp->p + (size_t)at * 4;
		size_t len = at == l->tail ? l->pos : chunk_bytes(level) - 4;
		if (buf_add(b, c + 4, len) == -1)
			return -1;
		if (at == l->tail)
			break;
		memcpy(&next, c, 4);
		at = next;
		if (level < LEVEL_MAX)
			level++;
	}
	return 0;
}

const void *
postpool_next(const struct postpool *pp, const struct postlist *l)
{
	if (l->tail == 0)
		return NULL;
	return pp->p + (size_t)l->tail * 4 + 4 + l->pos;
}
