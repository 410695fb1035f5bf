/*
 * util.c - byte buffers, varints, hashing and a string map for lib/.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plenum/file.h"
#include "extern.h"

void
buf_init(struct buf *b)
{
	b->p = NULL;
	b->n = b->cap = 0;
}

void
buf_release(struct buf *b)
{
	if (b == NULL)
		return;
	free(b->p);
	buf_init(b);
}

int
buf_grow(struct buf *b, size_t extra)
{
	size_t ncap;
	unsigned char *np;

	if (b->n + extra <= b->cap)
		return 0;
	ncap = b->cap ? b->cap : 64;
	while (ncap < b->n + extra)
		ncap *= 2;
	if ((np = realloc(b->p, ncap)) == NULL)
		return -1;
	b->p = np;
	b->cap = ncap;
	return 0;
}

int
buf_add(struct buf *b, const void *p, size_t n)
{
	if (buf_grow(b, n) == -1)
		return -1;
	if (n > 0)
		memcpy(b->p + b->n, p, n);
	b->n += n;
	return 0;
}

int
buf_varint(struct buf *b, uint64_t v)
{
	if (buf_grow(b, 10) == -1)
		return -1;
	while (v >= 0x80) {
		b->p[b->n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	b->p[b->n++] = (unsigned char)v;
	return 0;
}

/* FNV-1a over 8-byte words with a final avalanche (from MurmurHash3's fmix64). */
uint64_t
hash_bytes(const void *vp, size_t len)
{
	const unsigned char *p = vp;
	uint64_t h = 0xcbf29ce484222325ULL, w;

	while (len >= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 29;
		p += 8;
		len -= 8;
	}
	while (len > 0) {
		h = (h ^ *p++) * 0x100000001b3ULL;
		len--;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

void
strmap_init(struct strmap *m)
{
	memset(m, 0, sizeof(*m));
}

void
strmap_release(struct strmap *m)
{
	if (m == NULL)
		return;
	free(m->slots);
	free(m->ents);
	free(m->arena);
	strmap_init(m);
}

static long
lookup(const struct strmap *m, const char *s, size_t len, uint64_t h,
    size_t *slot)
{
	size_t mask = m->nslots - 1, i = h & mask;
	uint64_t e;
	uint32_t tag = (uint32_t)(h >> 32);

	while ((e = m->slots[i]) != 0) {
		/* The slot keeps the hash's high half: compare it first. */
		if ((uint32_t)(e >> 32) == tag) {
			const struct smentry *en = &m->ents[(uint32_t)e - 1];
			if (en->hash == h && en->len == len &&
			    memcmp(m->arena + en->off, s, len) == 0) {
				*slot = i;
				return (long)((uint32_t)e - 1);
			}
		}
		i = (i + 1) & mask;
	}
	*slot = i;
	return -1;
}

long
strmap_prefetch(const struct strmap *m, uint64_t h, int stage)
{
	uint64_t e;

	if (m->nslots == 0)
		return -1;
	if (stage == 0) {
		__builtin_prefetch(&m->slots[h & (m->nslots - 1)]);
		return -1;
	}
	e = m->slots[h & (m->nslots - 1)];
	if (e == 0 || (uint32_t)(e >> 32) != (uint32_t)(h >> 32) ||
	    (uint32_t)e - 1 >= m->n)
		return -1;
	if (stage == 1)
		__builtin_prefetch(&m->ents[(uint32_t)e - 1]);
	else
		__builtin_prefetch(m->arena + m->ents[(uint32_t)e - 1].off);
	return (long)((uint32_t)e - 1);
}

long
strmap_find(const struct strmap *m, const char *s, size_t len)
{
	size_t slot;

	if (m->nslots == 0)
		return -1;
	return lookup(m, s, len, hash_bytes(s, len), &slot);
}

static int
rehash(struct strmap *m, size_t nslots)
{
	uint64_t *ns;
	size_t i, j, mask = nslots - 1;

	if ((ns = calloc(nslots, sizeof(*ns))) == NULL)
		return -1;
	for (i = 0; i < m->n; i++) {
		j = m->ents[i].hash & mask;
		while (ns[j] != 0)
			j = (j + 1) & mask;
		ns[j] = (m->ents[i].hash >> 32 << 32) | (uint64_t)(i + 1);
	}
	free(m->slots);
	m->slots = ns;
	m->nslots = nslots;
	return 0;
}

long
strmap_put(struct strmap *m, const char *s, size_t len, uint32_t val,
    int *added)
{
	return strmap_put_hashed(m, s, len, hash_bytes(s, len), val, added);
}

long
strmap_put_hashed(struct strmap *m, const char *s, size_t len, uint64_t h,
    uint32_t val, int *added)
{
	size_t slot;
	long idx;

	*added = 0;
	if ((m->n + 1) * 4 >= m->nslots * 3 &&
	    rehash(m, m->nslots ? m->nslots * 2 : 64) == -1)
		return -1;
	if ((idx = lookup(m, s, len, h, &slot)) != -1)
		return idx;
	if (m->n == m->cap) {
		size_t nc = m->cap ? m->cap * 2 : 64;
		struct smentry *ne = realloc(m->ents, nc * sizeof(*ne));
		if (ne == NULL)
			return -1;
		m->ents = ne;
		m->cap = nc;
	}
	/* Keys start 4-byte aligned, so keys of uint32_t can be read in place. */
	m->alen = (m->alen + 3) & ~(size_t)3;
	if (m->alen + len + 1 > m->acap) {
		size_t nc = m->acap ? m->acap : 1024;
		char *na;
		while (nc < m->alen + len + 1)
			nc *= 2;
		if ((na = realloc(m->arena, nc)) == NULL)
			return -1;
		m->arena = na;
		m->acap = nc;
	}
	memcpy(m->arena + m->alen, s, len);
	m->arena[m->alen + len] = '\0';
	m->ents[m->n].hash = h;
	m->ents[m->n].off = (uint32_t)m->alen;
	m->ents[m->n].len = (uint32_t)len;
	m->ents[m->n].val = val;
	m->alen += len + 1;
	m->slots[slot] = (h >> 32 << 32) | (uint64_t)(m->n + 1);
	*added = 1;
	return (long)m->n++;
}

const struct pl_error *
pl_file_write_atomic(const char *path, const void *data, size_t len)
{
	const struct pl_error *err = NULL;
	const char *p = data;
	char tmp[4096];
	mode_t um;
	size_t off = 0;
	ssize_t w;
	int fd;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX", path) >=
	    sizeof(tmp))
		return pl_error_fmt(PL_ERR_USAGE, "%s: path too long", path);
	if ((fd = mkstemp(tmp)) == -1)
		return pl_error_from_errno(path);
	/* mkstemp makes it 0600; a written file follows the umask */
	um = umask(0);
	umask(um);
	if (fchmod(fd, 0666 & ~um) == -1)
		err = pl_error_from_errno(path);
	while (err == NULL && off < len) {
		if ((w = write(fd, p + off, len - off)) == -1) {
			if (errno == EINTR)
				continue;
			err = pl_error_from_errno(path);
			break;
		}
		off += (size_t)w;
	}
	if (err == NULL && fsync(fd) == -1 && errno != EINVAL)
		err = pl_error_from_errno(path);
	if (close(fd) == -1 && err == NULL)
		err = pl_error_from_errno(path);
	if (err == NULL && rename(tmp, path) == -1)
		err = pl_error_from_errno(path);
	if (err != NULL)
		unlink(tmp);
	return err;
}
