/*
 * extern.h - helpers shared inside lib/ only; not part of the public API.
 */
#ifndef PLENUM_EXTERN_H
#define PLENUM_EXTERN_H

#include <stddef.h>
#include <stdint.h>

#include "plenum/store.h"
#include "plenum/token.h"
#include "plenum/vocab.h"

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
 * truncated or overlong value.  Inline: posting lists and the doc_meta
 * blocks decode millions of them a query, most one byte long.
 */
static inline int
varint_get(const unsigned char **pp, const unsigned char *end, uint64_t *v)
{
	const unsigned char *p = *pp;
	uint64_t x = 0;
	int shift = 0;

	if (p < end && *p < 0x80) {
		*v = *p;
		*pp = p + 1;
		return 0;
	}
	while (p < end && shift < 64) {
		x |= (uint64_t)(*p & 0x7f) << shift;
		if ((*p++ & 0x80) == 0) {
			*v = x;
			*pp = p;
			return 0;
		}
		shift += 7;
	}
	return -1;
}

/* 1 if text[a, b) holds clause punctuation (pl_is_clause_punct()). */
int	 clause_gap(const char *text, size_t len, size_t a, size_t b);

/* 64-bit hash of len bytes. */
uint64_t hash_bytes(const void *, size_t len);

/*
 * A string -> uint32 map with open addressing.  Keys are copied into an
 * arena that lives as long as the map; strmap_key() returns them, 4-byte
 * aligned and NUL-terminated.
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
/* strmap_put with the key's hash_bytes() already computed. */
long	 strmap_put_hashed(struct strmap *, const char *, size_t, uint64_t,
	    uint32_t val, int *added);
#define	 strmap_key(m, i)	((m)->arena + (m)->ents[(i)].off)
/*
 * Cache hints for a coming lookup of a key of hash h: stage 0 fetches its
 * first slot, stage 1 (later, the slot cached) the entry it names, stage
 * 2 (the entry cached) its key.  A batch of lookups that gives them some
 * keys ahead overlaps the cache misses of a big table.  Stages 1 and 2
 * return the entry the first slot names when its hash tag matches (most
 * likely the key's entry, for the caller's own per-entry data), else -1.
 */
long	 strmap_prefetch(const struct strmap *, uint64_t h, int stage);

/*
 * The distinct n-grams of one document with their counts (grams.c): the
 * part of indexing that needs no shared state, so tokenizing threads can
 * do it.  An n-gram lies in one sentence and, for n >= 2, neither begins
 * nor ends with a stopword.
 */
struct lgram {
	uint32_t	 first;		/* index of its first token */
	uint32_t	 n;
	uint32_t	 count;
};

struct docgrams {
	struct lgram	*v;
	size_t		 n, cap;
	uint64_t	*th;		/* hash_bytes() of each token */
	uint8_t		*stop;		/* stopword flag of each token */
	uint32_t	*wl;		/* each token's distinct word, 0.. */
	uint32_t	*wfirst;	/* each distinct word's first token */
	size_t		 nw;		/* distinct words */
	size_t		 tcap;
	uint32_t	*slots;		/* scratch hash table */
	uint64_t	*gh;		/* hash of each gram */
	size_t		 nslots, ghcap;
};

void	 docgrams_init(struct docgrams *);
void	 docgrams_release(struct docgrams *);
/* Fills g from t; 0, or -1 when out of memory. */
int	 docgrams_compute(struct docgrams *g, const struct pl_tokenizer *,
	    const struct pl_tokens *t);

/*
 * pl_ingest_add_tokens with the document's n-grams (dg), the hex SHA-256
 * of its text and its distinct Han bigram keys, ascending
 * (pl_normer_bigram_keys), already computed by a tokenizing thread; each
 * may be NULL (hk: computed here).  (ingest.c)
 */
const struct pl_error *ingest_add_prepared(struct pl_ingest *,
	    const struct pl_doc *, const struct pl_tokens *,
	    const struct docgrams *dg, const char *texthash,
	    const uint64_t *hk, size_t nhk,
	    enum pl_add_result *, const char **other);

/*
 * Dense buckets, for plenum series and query (series.c) and the trend,
 * burst and change-point screens (tseries.c): from the first to the last
 * document day in range (or --from/--to), with the documents and tokens
 * of each.
 */
struct pl_corpus;
struct pl_docfilter;
struct pl_term;

struct tbuckets {
	size_t		 n;
	int		 by;		/* enum pl_bucket */
	int64_t		*start;		/* n + 1 starts: the last is the end */
	int64_t		*docs;		/* documents per bucket */
	int64_t		*tokens;
	int32_t		*of;		/* bucket of each corpus row, -1: filtered out */
};

const struct pl_error *tbuckets_make(struct pl_corpus *, int by,
	    const struct pl_docfilter *, struct tbuckets *);
void	 tbuckets_release(struct tbuckets *);

/*
 * Calls fn with each term's count in every bucket (count[b], b < n;
 * borrowed during the call) and its total in range.  With terms, those
 * (nterms of them, whatever their counts); without, every term of ngram
 * words with at least min_count hits in range, stopwords left out of
 * single words unless stopwords is set, read from the index in one pass.
 */
struct tseries_opts {
	int		 ngram;
	int64_t		 min_count;
	int		 stopwords;
	const struct pl_vocab	*vocab;
};

const struct pl_error *tseries_each(struct pl_corpus *,
	    const struct tbuckets *, const struct pl_docfilter *,
	    struct pl_term **terms, size_t nterms, const struct tseries_opts *,
	    const struct pl_error *(*fn)(void *, const char *term,
	    const int64_t *count, int64_t total), void *arg);

/*
 * Tables (table.c), for the writers and the reader: a NUL-terminated copy
 * of len bytes the caller frees, or NULL; the shortest of %.15g, %.16g,
 * %.17g that reads back as d (size >= 32).
 */
char	*table_copy_mem(const char *, size_t len);
/* pl_table_add_col() for a name known not to be there yet (the reader
 * has checked them all with a hash). */
const struct pl_error *table_add_col_unique(struct pl_table *,
	    const char *name, enum pl_coltype type);
void	 table_real_shortest(char *buf, size_t size, double d);

/*
 * The Chinese segmenter (seg.c, docs/TOKENIZER.md).  seg_new() copies
 * what it needs of user_dict (one word per line, # comments; NULL: none);
 * the lexicon itself is static data, so a segmenter costs nothing until
 * it is used.  seg_run() cuts len bytes of valid UTF-8 made only of Han
 * characters into words: *spans gets (byte offset, byte length) pairs,
 * *nspans of them, borrowed until the next call.
 */
struct seg;
const struct pl_error *seg_new(const char *user_dict, struct seg **);
void	 seg_free(struct seg *);
const struct pl_error *seg_run(struct seg *, const char *, size_t len,
	    const uint32_t **spans, size_t *nspans);
/* 1 if s (len bytes of UTF-8) is one of the official terms (data/terms-zh.txt). */
int	 seg_is_term(const char *s, size_t len);
/* 1 if code point c is a counter or unit a numeral keeps (after_digits:
 * after Arabic digits, where 时 分 秒 count too). */
int	 seg_is_unit(uint32_t c, int after_digits);
/* Number of dictionary words and official terms in the lexicon. */
void	 seg_lexicon_size(size_t *words, size_t *terms);

/* The length of the valid UTF-8 sequence at s (at most n bytes), or 0
 * (corpus.c): the one UTF-8 validator. */
size_t	 utf8_seq(const char *s, size_t n);

#endif /* PLENUM_EXTERN_H */
