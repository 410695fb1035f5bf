/*
 * extern.h - helpers shared inside lib/ only; not part of the public API.
 */
#ifndef PLENUM_EXTERN_H
#define PLENUM_EXTERN_H

#include <stddef.h>
#include <stdint.h>

/* A growable byte buffer. */
struct buf {
	unsigned char	*p;
	size_t		 n, cap;
};

void	 buf_init(struct buf *);
void	 buf_release(struct buf *);
/* Make room for extra more bytes; 0 or -1 (out of memory). */
int	 buf_grow(struct buf *, size_t extra);
int	 buf_add(struct buf *, const void *, size_t);
/* Appends an unsigned LEB128 varint. */
int	 buf_varint(struct buf *, uint64_t);

/*
 * Decodes a varint at *p (not past end); advances *p.  Returns -1 on a
 * truncated or overlong value.
 */
int	 varint_get(const unsigned char **p, const unsigned char *end,
	    uint64_t *v);

/* 64-bit hash of len bytes. */
uint64_t hash_bytes(const void *, size_t len);

/*
 * A string -> uint32 map with open addressing.  Keys are copied into an
 * arena that lives as long as the map; strmap_key() returns them.
 */
struct strmap {
	uint64_t	*slots;		/* 0 = empty, else hash high half << 32
				   | entry index + 1 */
	size_t		 nslots;
	struct smentry {
		uint64_t	 hash;
		uint32_t	 off;	/* key offset in arena */
		uint32_t	 len;
		uint32_t	 val;
	}		*ents;
	size_t		 n, cap;
	char		*arena;
	size_t		 alen, acap;
};

void	 strmap_init(struct strmap *);
void	 strmap_release(struct strmap *);
/* Index of the entry for key, or -1. */
long	 strmap_find(const struct strmap *, const char *, size_t);
/*
 * Index of the entry for key, inserting it with value val if absent
 * (*added set to 1).  Returns -1 when out of memory.
 */
long	 strmap_put(struct strmap *, const char *, size_t, uint32_t val,
	    int *added);
#define	 strmap_key(m, i)	((m)->arena + (m)->ents[(i)].off)

#endif /* PLENUM_EXTERN_H */
