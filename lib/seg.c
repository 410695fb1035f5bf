/*
 * seg.c - plenum's Chinese word segmenter (docs/TOKENIZER.md, "Chinese").
 *
 * A run of Han characters is cut in three steps:
 *  1. words of the user dictionary, leftmost longest: they always win;
 *  2. in what is left, the most probable path through the word graph
 *     (every dictionary word starting at every character, with jieba's
 *     unigram log probabilities; official terms score 0, numerals -6);
 *  3. runs of single characters that are not a word together are cut
 *     again by a character HMM (B/M/E/S states, jieba's finalseg model),
 *     which finds unknown words such as names.
 * The lexicon is a trie compiled at build time (build-aux/seglex.py), its
 * nodes in a table hashed by (parent, character code), and linked into
 * the binary's read-only data: nothing is loaded at run time.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"

/* The blob, from build/gen/seglex.c (an .incbin of seglex.bin). */
extern const unsigned char pl_seglex_blob[];

/* build-aux/seglex.py's slot table: a node of the trie per slot. */
struct sslot {
	uint32_t	 parent;	/* slot of the parent node */
	uint32_t	 cw;		/* character code | has children << 16 */
	float		 logp;		/* word: < 0; term: 0; no word: +1 */
};

#define CODE(n)		(L.slots[n].cw & 0xffffu)
#define KIDS(n)		(L.slots[n].cw >> 16)

#define NUM_LOGP	(-6.0)
#define MIN_LOGP	(-3.14e100)	/* jieba's MIN_FLOAT */

struct lex {
	const struct sslot	*slots;
	uint32_t		 nslots, ncodes;
	uint32_t		 hash_lo, hash_mask;
	uint32_t		 root_lo, root_n;
	const uint16_t		*code;		/* root_n codes */
	const uint32_t		*extra;		/* nextra (cp, code) pairs */
	uint32_t		 nextra;
	const float		*emit;		/* (ncodes + 1) x 4 */
	const uint64_t		*pairs;		/* two-character prefixes */
	uint32_t		 pair_mask;
	uint32_t		 nwords, nterms;
	double			 start[4], trans[4][4];
	double			 unknown;	/* log(1) - log(total) */
};

static struct lex L;
static int L_ready;

static double
fix(float f)
{
	return isinf(f) ? MIN_LOGP : (double)f;
}

/* Reads the header once; the blob is static, so this is cheap. */
static void
lex_open(void)
{
	const unsigned char *b = pl_seglex_blob;
	uint32_t u[15];
	float f[24];
	int i, j;

	if (L_ready)
		return;
	memcpy(u, b + 8, sizeof(u));
	memcpy(f, b + 8 + sizeof(u), sizeof(f));
	L.nslots = u[0];
	L.ncodes = u[1];
	L.root_lo = u[2];
	L.root_n = u[3];
	L.nwords = u[4];
	L.nterms = u[5];
	L.nextra = u[6];
	L.hash_lo = u[7];
	L.hash_mask = u[8] - 1;
	L.slots = (const struct sslot *)(const void *)(b + u[9]);
	L.code = (const uint16_t *)(const void *)(b + u[10]);
	L.extra = (const uint32_t *)(const void *)(b + u[11]);
	L.emit = (const float *)(const void *)(b + u[12]);
	L.pairs = (const uint64_t *)(const void *)(b + u[13]);
	L.pair_mask = u[14] - 1;
	for (i = 0; i < 4; i++)
		L.start[i] = fix(f[i]);
	for (i = 0; i < 4; i++)
		for (j = 0; j < 4; j++)
			L.trans[i][j] = fix(f[4 + 4 * i + j]);
	L.unknown = f[20];
	L_ready = 1;
}

/* The character code of code point cp, 0 when no word or HMM has it. */
static inline uint32_t
cp_code(uint32_t cp)
{
	size_t lo = 0, hi = L.nextra;

	if (cp - L.root_lo < L.root_n)
		return L.code[cp - L.root_lo];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (L.extra[2 * mid] < cp)
			lo = mid + 1;
		else if (L.extra[2 * mid] > cp)
			hi = mid;
		else
			return L.extra[2 * mid + 1];
	}
	return 0;
}

/* build-aux/seglex.py's slot_hash(). */
static inline uint32_t
slot_hash(uint32_t parent, uint32_t code)
{
	uint32_t x = parent * 0x9e3779b1u + code * 0x85ebca77u;

	x ^= x >> 15;
	x *= 0x2c1b3c6du;
	x ^= x >> 12;
	return x;
}

/*
 * May the root's child n (a first character) have a child for code c?
 * No when the pair filter's bit for hash x is clear: the two characters
 * begin no word.
 */
static inline int
pair_maybe(uint32_t n, uint32_t x)
{
	x &= L.pair_mask;
	return n >= L.hash_lo || (L.pairs[x >> 6] >> (x & 63) & 1);
}

/* The child of node n for character code c, or 0 (the root is no child). */
static inline uint32_t
child(uint32_t n, uint32_t c)
{
	uint32_t h, cc, x;

	if (c == 0)
		return 0;
	if (n == 0)
		return CODE(c) == c ? c : 0;
	if (!pair_maybe(n, x = slot_hash(n, c)))
		return 0;
	for (h = x & L.hash_mask;; h = (h + 1) & L.hash_mask) {
		const struct sslot *e = &L.slots[L.hash_lo + h];
		if ((cc = e->cw & 0xffffu) == 0)
			return 0;
		if (cc == c && e->parent == n)
			return L.hash_lo + h;
	}
}

/*
 * Asks the cache for the slot where the child of node n for code c would
 * be (its first probe); the graph does so a few characters ahead, since
 * walking the trie is otherwise a chain of cache misses.
 */
static inline void
prefetch_child(uint32_t n, uint32_t c)
{
	uint32_t x;

	if (n != 0 && c != 0 && KIDS(n) && pair_maybe(n, x = slot_hash(n, c)))
		__builtin_prefetch(&L.slots[L.hash_lo + (x & L.hash_mask)]);
}

/* The node of the character codes c[0..n), or 0. */
static uint32_t
lookup(const uint32_t *c, size_t n)
{
	uint32_t nd = 0;
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if ((nd = child(nd, c[i])) == 0 || (i + 1 < n && !KIDS(nd)))
			return 0;
	return nd;
}

/* Decodes valid UTF-8 (the tokenizer checked it). */
static uint32_t
utf8_next(const unsigned char *s, size_t *i)
{
	uint32_t c = s[*i];

	if (c < 0x80) {
		(*i)++;
		return c;
	}
	if (c < 0xe0) {
		c = ((c & 0x1f) << 6) | (s[*i + 1] & 0x3f);
		*i += 2;
	} else if (c < 0xf0) {
		c = ((c & 0x0f) << 12) | ((uint32_t)(s[*i + 1] & 0x3f) << 6) |
		    (s[*i + 2] & 0x3f);
		*i += 3;
	} else {
		c = ((c & 0x07) << 18) | ((uint32_t)(s[*i + 1] & 0x3f) << 12) |
		    ((uint32_t)(s[*i + 2] & 0x3f) << 6) | (s[*i + 3] & 0x3f);
		*i += 4;
	}
	return c;
}

int
seg_is_term(const char *s, size_t len)
{
	uint32_t cp[64], nd;
	size_t i = 0, n = 0;

	lex_open();
	while (i < len && n < 64)
		cp[n++] = cp_code(utf8_next((const unsigned char *)s, &i));
	if (i < len)
		return 0;
	nd = lookup(cp, n);
	return nd != 0 && L.slots[nd].logp == 0;
}

void
seg_lexicon_size(size_t *words, size_t *terms)
{
	lex_open();
	*words = L.nwords;
	*terms = L.nterms;
}

/* Numerals. */

static int
is_numeral(uint32_t c)
{
	switch (c) {
	case 0x3007:	/* 〇 */
	case 0x96f6:	/* 零 */
	case 0x4e00: case 0x4e8c: case 0x4e09: case 0x56db: case 0x4e94:
	case 0x516d: case 0x4e03: case 0x516b: case 0x4e5d:	/* 一 .. 九 */
	case 0x5341: case 0x767e: case 0x5343: case 0x4e07: case 0x4ebf:
		/* 十 百 千 万 亿 */
		return 1;
	default:
		return 0;
	}
}

/* Counters and units a numeral takes into its token (docs/TOKENIZER.md). */
static const char han_units[] =
    "届次年月日号个项条名位岁周天倍批轮期家所座艘架辆台件种类人户元份场篇章款吨米亩";

int
seg_is_unit(uint32_t c, int after_digits)
{
	static uint32_t u[64];
	static size_t nu;
	size_t i;

	if (nu == 0) {
		size_t k = 0;
		while (han_units[k] != '\0' && nu < 64)
			u[nu++] = utf8_next((const unsigned char *)han_units,
			    &k);
	}
	for (i = 0; i < nu; i++)
		if (u[i] == c)
			return 1;
	/* 时 分 秒 例 only after digits: 十分 is "very", 一时 "for a while",
	 * 又一例证 "one more proof". */
	return after_digits && (c == 0x65f6 || c == 0x5206 || c == 0x79d2 ||
	    c == 0x4f8b);
}

/*
 * The end of a numeral token starting at cp[k] (before end), or k when
 * none starts there: [第] numerals [多|余] [unit], where a token needs 第,
 * two numerals or a unit; 两 only as the first numeral and with a unit.
 */
static size_t
numeral_end(const uint32_t *cp, size_t k, size_t end)
{
	size_t p = k, q;
	int di = 0;

	if (cp[p] == 0x7b2c) {	/* 第 */
		di = 1;
		p++;
	}
	q = p;
	if (q < end && cp[q] == 0x4e24) {	/* 两 */
		if (di || q + 1 >= end || !seg_is_unit(cp[q + 1], 0))
			return k;
		return q + 2;
	}
	while (q < end && is_numeral(cp[q]))
		q++;
	if (q == p)
		return k;
	if (q + 1 < end && (cp[q] == 0x591a || cp[q] == 0x4f59) &&
	    seg_is_unit(cp[q + 1], 0))	/* 多 余 */
		return q + 2;
	if (q < end && seg_is_unit(cp[q], 0))
		return q + 1;
	if (di)
		return q;
	if (q - p < 2)
		return k;
	/* Words made of numerals that are not numbers. */
	if (q - p == 2 && ((cp[p] == 0x4e07 && cp[p + 1] == 0x4e00) ||
	    (cp[p] == 0x5343 && cp[p + 1] == 0x4e07) ||
	    (cp[p] == 0x4e07 && cp[p + 1] == 0x4e07) ||
	    (cp[p] == 0x4e00 && cp[p + 1] == 0x4e00)))
		return k;	/* 万一 千万 万万 一一 */
	return q;
}

/* The segmenter. */

struct seg {
	struct strmap	 user;		/* user words: val 1; prefixes: val 0 */
	size_t		 user_max;	/* longest user word, code points */
	uint32_t	*cp;
	uint32_t	*code;		/* character code of each code point */
	size_t		*bo;		/* byte offset of each code point */
	double		*score;
	uint32_t	*next;
	double		*vit;		/* Viterbi: 4 per character */
	uint8_t		*back;
	size_t		 cap;
	uint32_t	*spans;		/* out: (offset, length) pairs */
	size_t		 nspans, scap;
};

const struct pl_error *
seg_new(const char *user_dict, struct seg **out)
{
	const struct pl_error *err = NULL;
	const char *p, *eol;
	struct seg *s;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return pl_error_nomem();
	strmap_init(&s->user);
	for (p = user_dict; p != NULL && *p != '\0';
	    p = eol ? eol + 1 : NULL) {
		size_t len, i, n;
		int added;
		eol = strchr(p, '\n');
		len = eol ? (size_t)(eol - p) : strlen(p);
		while (len > 0 && (p[len - 1] == '\r' || p[len - 1] == ' ' ||
		    p[len - 1] == '\t'))
			len--;
		while (len > 0 && (*p == ' ' || *p == '\t')) {
			p++;
			len--;
		}
		if (len == 0 || *p == '#')
			continue;
		/* Every proper prefix, then the word. */
		for (i = 0, n = 0; i < len;) {
			long e;
			utf8_next((const unsigned char *)p, &i);
			if (i > len)
				break;
			n++;
			e = strmap_put(&s->user, p, i, i == len, &added);
			if (e == -1) {
				err = pl_error_nomem();
				goto done;
			}
			if (i == len)
				s->user.ents[e].val = 1;
		}
		if (n > s->user_max)
			s->user_max = n;
	}
done:
	if (err) {
		seg_free(s);
		return err;
	}
	lex_open();
	*out = s;
	return NULL;
}

void
seg_free(struct seg *s)
{
	if (s == NULL)
		return;
	strmap_release(&s->user);
	free(s->cp);
	free(s->code);
	free(s->bo);
	free(s->score);
	free(s->next);
	free(s->vit);
	free(s->back);
	free(s->spans);
	free(s);
}

static int
grow(struct seg *s, size_t n)
{
	size_t nc = s->cap ? s->cap : 256;
	void *p;

	if (n + 1 <= s->cap)
		return 0;
	while (nc < n + 1)
		nc *= 2;
#define G(f, sz) do {						\
		if ((p = realloc(s->f, nc * (sz))) == NULL)		\
			return -1;					\
		s->f = p;						\
	} while (0)
	G(cp, sizeof(*s->cp));
	G(code, sizeof(*s->code));
	G(bo, sizeof(*s->bo));
	G(score, sizeof(*s->score));
	G(next, sizeof(*s->next));
	G(vit, 4 * sizeof(*s->vit));
	G(back, 4);
#undef G
	s->cap = nc;
	return 0;
}

static int
span(struct seg *s, size_t a, size_t b)
{
	if (s->nspans + 2 > s->scap) {
		size_t nc = s->scap ? s->scap * 2 : 256;
		uint32_t *nv = realloc(s->spans, nc * sizeof(*nv));
		if (nv == NULL)
			return -1;
		s->spans = nv;
		s->scap = nc;
	}
	s->spans[s->nspans++] = (uint32_t)s->bo[a];
	s->spans[s->nspans++] = (uint32_t)(s->bo[b] - s->bo[a]);
	return 0;
}

/* Emission log probability of character code c in state. */
static double
emit_p(uint32_t c, int state)
{
	return fix(L.emit[(size_t)c * 4 + state]);
}

/* jieba's finalseg: Viterbi over B M E S for cp[a, b), then its words. */
static int
hmm(struct seg *s, size_t a, size_t b)
{
	enum { B, M, E, S };
	static const int prev[4][2] = { { E, S }, { M, B }, { B, M }, { S, E } };
	static const int rank[4] = { 0, 2, 1, 3 };
	size_t t, n = b - a, w;
	double *V = s->vit;
	int y, st;

	for (y = 0; y < 4; y++)
		V[y] = L.start[y] + emit_p(s->code[a], y);
	for (t = 1; t < n; t++)
		for (y = 0; y < 4; y++) {
			double em = emit_p(s->code[a + t], y), best = -INFINITY;
			int k, arg = prev[y][0];
			/* jieba takes the max of (prob, state letter): ties
			 * go to the later letter, B < E < M < S. */
			for (k = 0; k < 2; k++) {
				int y0 = prev[y][k];
				double v = V[(t - 1) * 4 + y0] +
				    L.trans[y0][y] + em;
				if (v > best || (v == best && rank[y0] > rank[arg])) {
					best = v;
					arg = y0;
				}
			}
			V[t * 4 + y] = best;
			s->back[t * 4 + y] = (uint8_t)arg;
		}
	st = V[(n - 1) * 4 + E] >= V[(n - 1) * 4 + S] ? E : S;
	if (V[(n - 1) * 4 + E] == V[(n - 1) * 4 + S])
		st = S;
	/* Backtrack into next[]: 1 where a word ends after the character. */
	for (t = n; t-- > 0;) {
		s->next[a + t] = (st == E || st == S);
		if (t > 0)
			st = s->back[t * 4 + st];
	}
	for (t = 0, w = 0; t < n; t++)
		if (s->next[a + t] || t == n - 1) {
			if (span(s, a + w, a + t + 1) == -1)
				return -1;
			w = t + 1;
		}
	return 0;
}

/* Is cp[a, b) a word of the lexicon? */
static int
is_word(const struct seg *s, size_t a, size_t b)
{
	uint32_t nd = lookup(s->code + a, b - a);

	return nd != 0 && L.slots[nd].logp <= 0;
}

/* Single characters cp[a, b) that the graph left alone. */
static int
flush_singles(struct seg *s, size_t a, size_t b)
{
	size_t k;

	if (b - a == 1)
		return span(s, a, b);
	if (b - a > 1 && !is_word(s, a, b))
		return hmm(s, a, b);
	for (k = a; k < b; k++)
		if (span(s, k, k + 1) == -1)
			return -1;
	return 0;
}

/*
 * The most probable path through the word graph of cp[a, b), as jieba
 * computes it: a character alone is a candidate only when it is a word or
 * when no longer word starts there; ties go to the longer word.
 */
#define PF_FAR	8
#define PF_NEAR	4

static int
graph(struct seg *s, size_t a, size_t b)
{
	size_t k, j, e, single;

	s->score[b] = 0;
	for (k = b; k-- > a;) {
		uint32_t nd = child(0, s->code[k]);
		double best = -INFINITY, v;
		size_t arg = k + 1;
		float lp;

		/*
		 * Walking the trie is a chain of cache misses: the probes
		 * of the walks to come are fetched early, for the second
		 * character PF_FAR characters ahead (its address needs no
		 * load), for the third PF_NEAR ahead (by then the second
		 * node is in cache).
		 */
		if (k >= a + PF_FAR)
			prefetch_child(s->code[k - PF_FAR],
			    s->code[k - PF_FAR + 1]);
		if (k >= a + PF_NEAR && k - PF_NEAR + 2 < b)
			prefetch_child(child(s->code[k - PF_NEAR],
			    s->code[k - PF_NEAR + 1]), s->code[k - PF_NEAR + 2]);
		if (nd != 0 && (lp = L.slots[nd].logp) <= 0)
			best = lp + s->score[k + 1];
		for (j = k + 1; nd != 0 && KIDS(nd) && j < b; j++) {
			if ((nd = child(nd, s->code[j])) == 0)
				break;
			if ((lp = L.slots[nd].logp) > 0)
				continue;
			v = lp + s->score[j + 1];
			if (v >= best) {
				best = v;
				arg = j + 1;
			}
		}
		if ((e = numeral_end(s->cp, k, b)) > k + 1 &&
		    NUM_LOGP + s->score[e] >= best) {
			best = NUM_LOGP + s->score[e];
			arg = e;
		}
		if (best == -INFINITY)
			best = L.unknown + s->score[k + 1];
		s->score[k] = best;
		s->next[k] = (uint32_t)arg;
	}
	/* Walk the path; single characters gather for the HMM. */
	for (k = a, single = a; k < b; k = e) {
		e = s->next[k];
		if (e - k == 1)
			continue;
		if (flush_singles(s, single, k) == -1 || span(s, k, e) == -1)
			return -1;
		single = e;
	}
	return flush_singles(s, single, b);
}

const struct pl_error *
seg_run(struct seg *s, const char *text, size_t len, const uint32_t **spans,
    size_t *nspans)
{
	size_t n = 0, i = 0, k, gap;

	s->nspans = 0;
	if (grow(s, len) == -1)
		return pl_error_nomem();
	while (i < len) {
		s->bo[n] = i;
		s->cp[n] = utf8_next((const unsigned char *)text, &i);
		s->code[n] = cp_code(s->cp[n]);
		n++;
	}
	s->bo[n] = len;
	/* User words, leftmost longest; the gaps go to the graph. */
	for (k = 0, gap = 0; k < n && s->user.n > 0;) {
		size_t j, best = k;
		for (j = k + 1; j <= n && j - k <= s->user_max; j++) {
			long e = strmap_find(&s->user, text + s->bo[k],
			    s->bo[j] - s->bo[k]);
			if (e == -1)
				break;
			if (s->user.ents[e].val)
				best = j;
		}
		if (best > k) {
			if ((gap < k && graph(s, gap, k) == -1) ||
			    span(s, k, best) == -1)
				return pl_error_nomem();
			k = gap = best;
		} else
			k++;
	}
	if (gap < n && graph(s, gap, n) == -1)
		return pl_error_nomem();
	*spans = s->spans;
	*nspans = s->nspans / 2;
	return NULL;
}
