/*
 * match.c - the one term matcher (see include/plenum/match.h and
 * docs/QUERIES.md).
 *
 * Token alternatives (words, prefixes, phrases) are matched on the stored
 * token ids; Han alternatives on the normalised character runs of the
 * stored text.  Candidate documents come from posting lists (tokens) and
 * the Han bigram index (characters).  Every occurrence found is a byte
 * range of the text; overlapping ones are resolved once, leftmost and then
 * longest first, so every command counts the same occurrences.
 */
#include <stdlib.h>
#include <string.h>

#include <opencc/opencc.h>
#include <utf8proc.h>

#include "plenum/match.h"
#include "plenum/token.h"
#include "extern.h"

/* Normalised character runs. */

struct pl_normer {
	int		 t2s;
	opencc_t	 cc;		/* loaded lazily */
	char		*out;
	size_t		 n, cap;
	uint32_t	*src, *srcend;
	size_t		 mcap;
	char		*tmp;		/* pl_normalize() output */
	size_t		 tcap;
	/* distinct bigram keys of one call */
	uint64_t	*set;
	size_t		 nset, setcap;
	/* per BMP code point, its class (CL_ bits), filled as met */
	uint8_t		*cls;
};

/*
 * Character classes, cached per BMP code point so that utf8proc is asked
 * once per distinct character rather than once or twice per character of
 * every candidate text (the normaliser's main cost).  CL_STABLE: NFKC and
 * case folding leave the code point alone unchanged, so a unit of it
 * without combining marks is copied as it is.
 */
#define CL_KNOWN	0x01
#define CL_RUN		0x02	/* letter, mark, number or Han: in a run */
#define CL_MARK		0x04	/* combining mark */
#define CL_STABLE	0x08
#define CL_HAN		0x10

struct pl_normer *
pl_normer_new(int t2s)
{
	struct pl_normer *nm = calloc(1, sizeof(*nm));

	if (nm)
		nm->t2s = t2s;
	return nm;
}

void
pl_normer_free(struct pl_normer *nm)
{
	if (nm == NULL)
		return;
	if (nm->cc)
		opencc_close(nm->cc);
	free(nm->out);
	free(nm->src);
	free(nm->srcend);
	free(nm->tmp);
	free(nm->set);
	free(nm->cls);
	free(nm);
}

static int32_t
dec(const char *s, size_t len, size_t i, size_t *n)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
	    (utf8proc_ssize_t)(len - i), &c);

	if (r <= 0) {
		*n = 1;
		return -1;
	}
	*n = (size_t)r;
	return c;
}

/* The tokenizer's Han characters (lib/token.c is_han). */
static int
han(int32_t c)
{
	return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
	    (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x323af) ||
	    c == 0x3007;
}

int
pl_has_han(const char *s, size_t len)
{
	size_t i, n;
	int32_t c;

	for (i = 0; i < len; i += n)
		if ((c = dec(s, len, i, &n)) >= 0 && han(c))
			return 1;
	return 0;
}

/* Letters, marks and numbers (and Han) make runs; all else breaks them. */
static int
runchar(int32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9');
	if (han(c))
		return 1;
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		break;
	}
	return 0;
}

static int
mark(int32_t c)
{
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return 1;
	default:
		break;
	}
	return 0;
}

static int
room(struct pl_normer *nm, size_t extra, int want_map)
{
	size_t need = nm->n + extra + 1, nc;

	if (need > nm->cap) {
		char *no;
		for (nc = nm->cap ? nm->cap : 1024; nc < need; nc *= 2)
			;
		if ((no = realloc(nm->out, nc)) == NULL)
			return -1;
		nm->out = no;
		nm->cap = nc;
	}
	if (want_map && need > nm->mcap) {
		uint32_t *a, *b;
		for (nc = nm->mcap ? nm->mcap : 1024; nc < need; nc *= 2)
			;
		if ((a = realloc(nm->src, nc * sizeof(*a))) != NULL)
			nm->src = a;
		if ((b = a ? realloc(nm->srcend, nc * sizeof(*b)) : NULL) !=
		    NULL)
			nm->srcend = b;
		if (b == NULL)
			return -1;
		nm->mcap = nc;
	}
	return 0;
}

/* Appends bytes p[0, n) that came from input [a, b). */
static int
put(struct pl_normer *nm, const char *p, size_t n, size_t a, size_t b,
    int want_map)
{
	size_t k;

	if (room(nm, n, want_map) == -1)
		return -1;
	memcpy(nm->out + nm->n, p, n);
	if (want_map)
		for (k = 0; k < n; k++) {
			nm->src[nm->n + k] = (uint32_t)a;
			nm->srcend[nm->n + k] = (uint32_t)b;
		}
	nm->n += n;
	return 0;
}

/*
 * Appends s[a, b) as it is, mapped to [a, b), without growing the
 * buffers: pl_normer_run() keeps room for the rest of its input.
 */
static inline void
put_raw(struct pl_normer *nm, const char *s, size_t a, size_t b,
    int want_map)
{
	size_t k, n = b - a;

	memcpy(nm->out + nm->n, s + a, n);
	if (want_map)
		for (k = 0; k < n; k++) {
			nm->src[nm->n + k] = (uint32_t)a;
			nm->srcend[nm->n + k] = (uint32_t)b;
		}
	nm->n += n;
}

/* Appends NFKC + case folding of s[a, b), all mapped to [a, b). */
static int
put_norm(struct pl_normer *nm, const char *s, size_t a, size_t b,
    int want_map)
{
	size_t used = 0;

	if (pl_normalize(s + a, b - a, &nm->tmp, &used, &nm->tcap) == -1)
		return -1;
	return put(nm, nm->tmp, used - 1, a, b, want_map);
}

/*
 * A Han run s[a, b) under t2s: converted by OpenCC as one run, as the
 * tokenizer does, then normalised; output code points map to input code
 * points one to one where the counts agree, else proportionally.
 */
static int
put_t2s(struct pl_normer *nm, const char *s, size_t a, size_t b,
    int want_map)
{
	char *conv;
	size_t nin = 0, nout = 0, i, k, m, used = 0;
	size_t *inoff = NULL;
	int rc = -1;

	if (nm->cc == NULL) {
		nm->cc = opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
		if (nm->cc == (opencc_t)-1) {
			nm->cc = NULL;
			return put_norm(nm, s, a, b, want_map);
		}
	}
	if ((conv = opencc_convert_utf8(nm->cc, s + a, b - a)) == NULL)
		return -1;
	if (pl_normalize(conv, strlen(conv), &nm->tmp, &used, &nm->tcap) ==
	    -1)
		goto done;
	used--;
	for (i = a; i < b; i += m, nin++)
		dec(s, b, i, &m);
	if ((inoff = malloc((nin + 1) * sizeof(*inoff))) == NULL)
		goto done;
	for (i = a, k = 0; i < b; i += m, k++) {
		inoff[k] = i;
		dec(s, b, i, &m);
	}
	inoff[nin] = b;
	for (i = 0; i < used; i += m, nout++)
		dec(nm->tmp, used, i, &m);
	for (i = 0, k = 0; i < used; i += m, k++) {
		size_t j = nout == nin ? k : (nout ? k * nin / nout : 0);
		dec(nm->tmp, used, i, &m);
		if (j >= nin)
			j = nin - 1;
		if (put(nm, nm->tmp + i, m, inoff[j], inoff[j + 1], want_map) ==
		    -1)
			goto done;
	}
	rc = 0;
done:
	free(inoff);
	opencc_convert_utf8_free(conv);
	return rc;
}

/*
 * Decodes the code point at s[i] like dec(), with ASCII and well-formed
 * three-byte sequences (all of the BMP's Han and CJK punctuation) decoded
 * inline; anything else goes through utf8proc, which rejects what is
 * malformed.
 */
static inline int32_t
dec_fast(const char *s, size_t len, size_t i, size_t *n)
{
	const unsigned char *p = (const unsigned char *)s + i;

	if (p[0] < 0x80) {
		*n = 1;
		return p[0];
	}
	if (p[0] >= 0xe1 && p[0] <= 0xec && i + 2 < len &&
	    (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80) {
		/* E1..EC: never overlong, never a surrogate */
		*n = 3;
		return (int32_t)((p[0] & 0x0f) << 12 | (p[1] & 0x3f) << 6 |
		    (p[2] & 0x3f));
	}
	return dec(s, len, i, n);
}

/*
 * The run bits of a character that is not a run character itself but
 * whose NFKC form is made of them: a Kangxi radical such as U+2F06 (⼆)
 * is the ideograph 二 after NFKC, so it joins the run around it, as a
 * substring count of the NFKC text sees it.
 */
static uint8_t
norm_class(const char *s, size_t len)
{
	size_t i, n;
	int32_t d;
	int allhan = 1;

	for (i = 0; i < len; i += n) {
		if ((d = dec(s, len, i, &n)) < 0 || !(han(d) || runchar(d)))
			return 0;
		if (!han(d))
			allhan = 0;
	}
	return CL_RUN | (allhan ? CL_HAN : 0);
}

/* The class of code point c (CL_ bits), computed from utf8proc. */
static uint8_t
class_of(int32_t c)
{
	char u[4], *buf = NULL;
	size_t ulen, used = 0, cap = 0;
	uint8_t k = CL_KNOWN;

	if (han(c))
		k |= CL_RUN | CL_HAN;
	else if (runchar(c))
		k |= CL_RUN;
	if (mark(c))
		k |= CL_MARK;
	ulen = (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)u);
	if (ulen > 0 && pl_normalize(u, ulen, &buf, &used, &cap) == 0) {
		if (used == ulen + 1 && memcmp(buf, u, ulen) == 0)
			k |= CL_STABLE;
		else if (!(k & CL_RUN) && used > 1)
			k |= norm_class(buf, used - 1);
	}
	free(buf);
	return k;
}

static inline uint8_t
cls(struct pl_normer *nm, int32_t c)
{
	if (c < 0x80) {
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			return CL_KNOWN | CL_RUN | CL_STABLE;
		if (c >= 'A' && c <= 'Z')
			return CL_KNOWN | CL_RUN;
		return CL_KNOWN | CL_STABLE;
	}
	if (c >= 0x4e00 && c <= 0x9fff)
		return CL_KNOWN | CL_RUN | CL_HAN | CL_STABLE;
	if (c > 0xffff || nm->cls == NULL)
		return class_of(c);
	if (nm->cls[c] == 0)
		nm->cls[c] = class_of(c);
	return nm->cls[c];
}

long
pl_normer_run(struct pl_normer *nm, const char *s, size_t len, int want_map)
{
	size_t i = 0, n, j, m;
	long runs = 0;
	int inrun = 0;
	int32_t c;
	uint8_t k;

	nm->n = 0;
	/*
	 * Room for the whole input copied as it is: a copy never outgrows
	 * what it came from, and a NUL between runs stands where at least
	 * one byte outside a run was.  After anything that may have grown
	 * (NFKC, t2s), room is made again for the rest of the input.
	 */
	if (room(nm, len, want_map) == -1)
		return -1;
	if (nm->cls == NULL && (nm->cls = calloc(0x10000, 1)) == NULL)
		return -1;
	while (i < len) {
		c = dec_fast(s, len, i, &n);
		if (c < 0)
			return -1;
		k = cls(nm, c);
		if (!(k & CL_RUN) || ((k & CL_MARK) && !inrun)) {
			inrun = 0;
			i += n;
			continue;
		}
		if (!inrun) {
			/* A NUL between runs. */
			if (runs > 0) {
				nm->out[nm->n] = '\0';
				if (want_map)
					nm->src[nm->n] = nm->srcend[nm->n] =
					    (uint32_t)i;
				nm->n++;
			}
			runs++;
		}
		inrun = 1;
		if (c < 0x80) {
			nm->out[nm->n] = (char)((c >= 'A' && c <= 'Z') ?
			    c + 32 : c);
			if (want_map) {
				nm->src[nm->n] = (uint32_t)i;
				nm->srcend[nm->n] = (uint32_t)(i + 1);
			}
			nm->n++;
			i += n;
			continue;
		}
		if ((k & CL_HAN) && nm->t2s) {
			for (j = i + n; j < len; j += m) {
				int32_t d = dec_fast(s, len, j, &m);
				if (d < 0 || !(cls(nm, d) & CL_HAN))
					break;
			}
			if (put_t2s(nm, s, i, j, want_map) == -1 ||
			    room(nm, len - j, want_map) == -1)
				return -1;
			i = j;
			continue;
		}
		/* The code point and its combining marks. */
		for (j = i + n; j < len; j += m) {
			int32_t d = dec_fast(s, len, j, &m);
			if (d < 0 || !(cls(nm, d) & CL_MARK))
				break;
		}
		if (j == i + n && (k & CL_STABLE))
			/* NFKC and folding leave it as it is. */
			put_raw(nm, s, i, j, want_map);
		else if (put_norm(nm, s, i, j, want_map) == -1 ||
		    room(nm, len - j, want_map) == -1)
			return -1;
		i = j;
	}
	nm->out[nm->n] = '\0';
	return runs;
}

/*
 * Is s its own normalised text, up to the runs' separators?  True when
 * every character in a run is one NFKC and case folding leave alone and
 * none is a combining mark (no t2s): the normalised runs are then s's
 * runs byte for byte, so a Han term's occurrences can be found in s
 * itself, at the same offsets, without writing the normalised copy.
 * Han text with ASCII digits and punctuation passes; capitals, full-width
 * forms and compatibility ideographs do not (the caller normalises).
 */
static int
normer_quick(struct pl_normer *nm, const char *s, size_t len)
{
	size_t i, n;
	int32_t c;
	uint8_t k;

	if (nm->t2s)
		return 0;
	if (nm->cls == NULL && (nm->cls = calloc(0x10000, 1)) == NULL)
		return 0;
	for (i = 0; i < len; i += n) {
		const unsigned char *p = (const unsigned char *)s + i;
		if (p[0] < 0x80) {
			/* ASCII: only capitals change */
			if (p[0] >= 'A' && p[0] <= 'Z')
				return 0;
			n = 1;
			continue;
		}
		if (p[0] >= 0xe4 && p[0] <= 0xe9 && i + 2 < len &&
		    (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80) {
			/* U+4000..U+9FFF: ideographs and symbols, all stable */
			n = 3;
			continue;
		}
		if ((c = dec_fast(s, len, i, &n)) < 0)
			return 0;
		k = cls(nm, c);
		if ((k & CL_MARK) || ((k & CL_RUN) && !(k & CL_STABLE)))
			return 0;
	}
	return 1;
}

const char *
pl_normer_text(const struct pl_normer *nm, size_t *len)
{
	*len = nm->n;
	return nm->out;
}

const uint32_t *
pl_normer_src(const struct pl_normer *nm)
{
	return nm->src;
}

const uint32_t *
pl_normer_srcend(const struct pl_normer *nm)
{
	return nm->srcend;
}

/*
 * Sorts v[0..n) ascending: a quicksort (median of three, Hoare partition,
 * the smaller side recursed) finished by insertion sort.  qsort() with a
 * comparison callback was 6% of an ingest of cctv-xwlb (docs/STORAGE.md).
 */
static void
sort_u64(uint64_t *v, size_t n)
{
	uint64_t p, t;
	size_t i, j, m;

	while (n > 16) {
		m = n / 2;
		if (v[m] < v[0]) {
			t = v[m]; v[m] = v[0]; v[0] = t;
		}
		if (v[n - 1] < v[m]) {
			t = v[n - 1]; v[n - 1] = v[m]; v[m] = t;
			if (v[m] < v[0]) {
				t = v[m]; v[m] = v[0]; v[0] = t;
			}
		}
		p = v[m];
		i = 0;
		j = n - 1;
		for (;;) {
			while (v[i] < p)
				i++;
			while (p < v[j])
				j--;
			if (i >= j)
				break;
			t = v[i]; v[i] = v[j]; v[j] = t;
			i++;
			j--;
		}
		/* v[0..j] <= p <= v[j+1..n) */
		if (j + 1 < n - (j + 1)) {
			sort_u64(v, j + 1);
			v += j + 1;
			n -= j + 1;
		} else {
			sort_u64(v + j + 1, n - (j + 1));
			n = j + 1;
		}
	}
	for (i = 1; i < n; i++) {
		t = v[i];
		for (j = i; j > 0 && v[j - 1] > t; j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
}

int
pl_normer_bigram_keys(struct pl_normer *nm, const char *s, size_t len,
    const uint64_t **keys, size_t *nkeys)
{
	size_t i, n, k, m;
	int32_t c, prev = -1;

	*keys = NULL;
	*nkeys = 0;
	if (pl_normer_run(nm, s, len, 0) < 0)
		return -1;
	nm->nset = 0;
	for (i = 0; i < nm->n; i += n) {
		c = dec(nm->out, nm->n, i, &n);
		if (c >= 0 && han(c) && prev >= 0 && han(prev)) {
			if (nm->nset == nm->setcap) {
				size_t nc = nm->setcap ? nm->setcap * 2 : 1024;
				uint64_t *ns = realloc(nm->set, nc * sizeof(*ns));
				if (ns == NULL)
					return -1;
				nm->set = ns;
				nm->setcap = nc;
			}
			nm->set[nm->nset++] = (uint64_t)prev << 21 |
			    (uint64_t)c;
		}
		prev = c;
	}
	if (nm->nset > 1)
		sort_u64(nm->set, nm->nset);
	for (k = m = 0; k < nm->nset; k++)
		if (k == 0 || nm->set[k] != nm->set[m - 1])
			nm->set[m++] = nm->set[k];
	nm->nset = m;
	*keys = nm->set;
	*nkeys = m;
	return 0;
}

int
pl_normer_bigrams(struct pl_normer *nm, const char *s, size_t len,
    void (*fn)(void *, uint64_t), void *arg)
{
	const uint64_t *keys;
	size_t k, n;

	if (pl_normer_bigram_keys(nm, s, len, &keys, &n) == -1)
		return -1;
	for (k = 0; k < n; k++)
		fn(arg, keys[k]);
	return 0;
}

size_t
pl_edit_distance(const char *a, const char *b, size_t max)
{
	int32_t x[64], y[64];
	size_t na = 0, nb = 0, i, j, n, row[65], prev, cur;

	for (i = 0; a[i] && na < 64; i += n)
		x[na++] = dec(a, strlen(a), i, &n);
	for (i = 0; b[i] && nb < 64; i += n)
		y[nb++] = dec(b, strlen(b), i, &n);
	if ((na > nb ? na - nb : nb - na) > max)
		return max + 1;
	for (j = 0; j <= nb; j++)
		row[j] = j;
	for (i = 1; i <= na; i++) {
		size_t best;
		prev = row[0];
		row[0] = i;
		best = row[0];
		for (j = 1; j <= nb; j++) {
			cur = row[j];
			row[j] = prev + (x[i - 1] != y[j - 1]);
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (cur + 1 < row[j])
				row[j] = cur + 1;
			prev = cur;
			if (row[j] < best)
				best = row[j];
		}
		if (best > max)
			return max + 1;
	}
	return row[nb] > max ? max + 1 : row[nb];
}

int
clause_gap(const char *text, size_t len, size_t a, size_t b)
{
	size_t n;
	int32_t c;

	if (b > len)
		b = len;
	for (; a < b; a += n) {
		c = dec(text, b, a, &n);
		if (c >= 0 && pl_is_clause_punct(c))
			return 1;
	}
	return 0;
}

/* Documents. */

void
pl_mdoc_init(struct pl_mdoc *md)
{
	memset(md, 0, sizeof(*md));
}

void
pl_mdoc_release(struct pl_mdoc *md)
{
	if (md == NULL)
		return;
	free(md->ids);
	free(md->off);
	free(md->len);
	free(md->sent);
	free(md->clause);
	free(md->text);
	free(md->occ);
	pl_mdoc_init(md);
}

/* Reads only a stored document's text into md (no tokens). */
static const struct pl_error *
mdoc_read_text(struct pl_corpus *c, size_t row, struct pl_mdoc *md)
{
	free(md->text);
	md->text = NULL;
	md->row = row;
	md->n = 0;
	md->nocc = 0;
	return pl_db_doc_tokens(c->db, c->docs[row].id, NULL, NULL, NULL,
	    NULL, &md->text, &md->textlen);
}

/* Decodes a stored document (ids, spans, text) into md. */
static const struct pl_error *
mdoc_read(struct pl_corpus *c, size_t row, struct pl_mdoc *md)
{
	const struct pl_error *err;
	unsigned char *idb = NULL, *spb = NULL;
	size_t idl, spl, j;
	const unsigned char *p, *end;
	uint64_t v, s = 0, prev = 0;

	free(md->text);
	md->text = NULL;
	md->row = row;
	md->n = 0;
	md->nocc = 0;
	if ((err = pl_db_doc_tokens(c->db, c->docs[row].id, &idb, &idl, &spb,
	    &spl, &md->text, &md->textlen)) != NULL)
		return err;
	if (idl + 1 > md->cap) {
		size_t nc = idl + 1024;
		uint32_t **arr[] = { &md->ids, &md->off, &md->len, &md->sent,
		    &md->clause };
		for (j = 0; j < 5; j++) {
			uint32_t *na = realloc(*arr[j], nc * sizeof(*na));
			if (na == NULL) {
				err = pl_error_nomem();
				goto done;
			}
			*arr[j] = na;
		}
		md->cap = nc;
	}
	for (p = idb, end = idb + idl; p < end;) {
		if (varint_get(&p, end, &v) == -1 || v > UINT32_MAX)
			goto corrupt;
		if (v == 0) {
			s++;
			continue;
		}
		md->ids[md->n] = (uint32_t)v;
		md->sent[md->n++] = (uint32_t)s;
	}
	for (p = spb, end = spb + spl, j = 0; j < md->n; j++) {
		uint64_t gap, l;
		if (varint_get(&p, end, &gap) == -1 ||
		    varint_get(&p, end, &l) == -1)
			goto corrupt;
		if (gap > md->textlen || l > md->textlen)
			goto corrupt;	/* and prev + gap cannot wrap */
		prev += gap;
		if (prev + l > md->textlen)
			goto corrupt;
		md->off[j] = (uint32_t)prev;
		md->len[j] = (uint32_t)l;
		md->clause[j] = j == 0 ? 0 : md->clause[j - 1] +
		    (md->sent[j] != md->sent[j - 1] ||
		    clause_gap(md->text, md->textlen,
		    md->off[j - 1] + md->len[j - 1], md->off[j]));
	}
	goto done;
corrupt:
	{
		char *ext = NULL;
		pl_db_doc_names(c->db, c->docs[row].id, &ext, NULL);
		err = pl_error_fmt(PL_ERR_DAMAGED, "%s: database damaged: "
		    "corrupt token list of "
		    "document '%s'", pl_db_path(c->db), ext ? ext : "?");
		free(ext);
	}
done:
	free(idb);
	free(spb);
	return err;
}

static const struct pl_error *
occ_push(struct pl_mdoc *md, uint32_t off, uint32_t end, uint32_t tok,
    uint32_t ntok)
{
	if (md->nocc == md->occap) {
		size_t nc = md->occap ? md->occap * 2 : 64;
		struct pl_occ *no = realloc(md->occ, nc * sizeof(*no));
		if (no == NULL)
			return pl_error_nomem();
		md->occ = no;
		md->occap = nc;
	}
	md->occ[md->nocc].off = off;
	md->occ[md->nocc].end = end;
	md->occ[md->nocc].tok = tok;
	md->occ[md->nocc].ntok = ntok;
	md->nocc++;
	return NULL;
}

/* The matcher. */

struct malt {
	int		 han;		/* character matching */
	const char	*chars;		/* its normalised characters */
	size_t		 nchars;
	uint32_t	*ids;		/* token ids (0: unknown word) */
	size_t		 nwords;
	int64_t		*set;		/* prefix: word ids, sorted */
	size_t		 nset;
	int		 prefix;
};

struct pl_matcher {
	struct pl_corpus	*c;
	const struct pl_term	*t;
	struct malt		*a;
	size_t			 n;
	struct pl_normer	*nm;
	int			 need_text;	/* a Han alternative */
	int			 count_only;	/* no token positions wanted */
	/* candidates by row */
	uint8_t			*cand;
	int			 nomem;
	struct malt		*cur;
};

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static void
mark_cand(void *arg, int64_t doc, int64_t n)
{
	struct pl_matcher *m = arg;
	int32_t row;

	(void)n;
	if (doc >= 0 && doc <= m->c->maxid && (row = m->c->row_of[doc]) >= 0)
		m->cand[row] = 1;
}

static const struct pl_error *
prefix_word(void *arg, const char *text, int n, int64_t cf, int64_t df,
    const unsigned char *post, size_t len)
{
	struct pl_matcher *m = arg;
	struct malt *a = m->cur;
	const struct pl_error *err;
	int64_t id, *ns;

	(void)n;
	(void)cf;
	(void)df;
	if ((err = pl_db_word_id(m->c->db, text, &id)) != NULL)
		return err;
	if ((ns = realloc(a->set, (a->nset + 1) * sizeof(*ns))) == NULL)
		return pl_error_nomem();
	a->set = ns;
	a->set[a->nset++] = id;
	if (pl_postings_each(post, len, mark_cand, m) == -1)
		return pl_error_fmt(PL_ERR_DAMAGED, "database damaged: "
		    "corrupt posting list");
	return NULL;
}

/* Documents in the Han bigram index under key, as sorted row flags. */
struct hcand {
	struct pl_matcher	*m;
	uint8_t			*hit;
};

static void
hgram_hit(void *arg, int64_t doc)
{
	struct hcand *h = arg;
	int32_t row;

	if (doc >= 0 && doc <= h->m->c->maxid &&
	    (row = h->m->c->row_of[doc]) >= 0)
		h->hit[row] = 1;
}

/* Marks the candidates of a Han alternative: the documents holding all
 * of its character bigrams (all documents when it has none). */
static const struct pl_error *
han_cand(struct pl_matcher *m, const struct malt *a)
{
	const struct pl_error *err = NULL;
	struct pl_corpus *c = m->c;
	uint8_t *acc = NULL;
	size_t i, n, k, nb = 0;
	int32_t x, prev = -1;
	struct hcand h;

	h.m = m;
	if ((acc = malloc(c->ndocs ? c->ndocs : 1)) == NULL ||
	    (h.hit = malloc(c->ndocs ? c->ndocs : 1)) == NULL) {
		free(acc);
		return pl_error_nomem();
	}
	memset(acc, 1, c->ndocs);
	for (i = 0; i < a->nchars; i += n, prev = x) {
		x = dec(a->chars, a->nchars, i, &n);
		if (x < 0 || !han(x) || prev < 0 || !han(prev))
			continue;
		memset(h.hit, 0, c->ndocs);
		if ((err = pl_db_hgram_each(c->db, (uint64_t)prev << 21 |
		    (uint64_t)x, hgram_hit, &h)) != NULL)
			goto done;
		for (k = 0; k < c->ndocs; k++)
			acc[k] &= h.hit[k];
		nb++;
	}
	for (k = 0; k < c->ndocs; k++)
		m->cand[k] |= acc[k];
done:
	free(acc);
	free(h.hit);
	return err;
}

void
pl_matcher_free(struct pl_matcher *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; m->a && i < m->n; i++) {
		free(m->a[i].ids);
		free(m->a[i].set);
	}
	free(m->a);
	free(m->cand);
	pl_normer_free(m->nm);
	free(m);
}

const struct pl_error *
pl_matcher_new(struct pl_corpus *c, const struct pl_term *t,
    struct pl_matcher **out)
{
	const struct pl_error *err = NULL;
	struct pl_matcher *m;
	unsigned char *post = NULL;
	size_t i, w, len;
	int64_t df, best, cf, id;
	const char *rare;

	if ((m = calloc(1, sizeof(*m))) == NULL)
		return pl_error_nomem();
	m->c = c;
	m->t = t;
	m->n = t->nalts;
	if ((m->a = calloc(t->nalts ? t->nalts : 1, sizeof(*m->a))) == NULL ||
	    (m->cand = calloc(c->ndocs ? c->ndocs : 1, 1)) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (i = 0; i < t->nalts; i++) {
		const struct pl_alt *a = &t->alts[i];
		struct malt *x = &m->a[i];
		x->nwords = a->nwords;
		x->prefix = a->prefix;
		if ((x->ids = calloc(a->nwords ? a->nwords : 1,
		    sizeof(*x->ids))) == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		if (a->chars != NULL) {
			x->han = 1;
			x->chars = a->chars;
			x->nchars = strlen(a->chars);
			m->need_text = 1;
			if ((err = han_cand(m, x)) != NULL)
				goto done;
			continue;
		}
		if (a->prefix) {
			m->cur = x;
			if ((err = pl_db_each_term(c->db, a->words[0], 1, 1,
			    prefix_word, m)) != NULL)
				goto done;
			if (x->nset > 1)
				qsort(x->set, x->nset, sizeof(*x->set),
				    cmp_i64);
			continue;
		}
		rare = NULL;
		best = -1;
		for (w = 0; w < a->nwords; w++) {
			if ((err = pl_db_word_id(c->db, a->words[w], &id)) !=
			    NULL)
				goto done;
			x->ids[w] = (uint32_t)id;
			if (id == 0)
				break;	/* an unknown word: never matches */
			if ((err = pl_db_postings(c->db, a->words[w], &post,
			    &len, &cf, &df)) != NULL)
				goto done;
			free(post);
			post = NULL;
			if (best == -1 || df < best) {
				best = df;
				rare = a->words[w];
			}
		}
		if (w < a->nwords || rare == NULL) {
			x->ids[0] = 0;
			continue;
		}
		if ((err = pl_db_postings(c->db, rare, &post, &len, NULL,
		    NULL)) != NULL)
			goto done;
		if (pl_postings_each(post, len, mark_cand, m) == -1)
			err = pl_error_fmt(PL_ERR_DAMAGED, "%s: database damaged: "
			    "corrupt posting list "
			    "of '%s'", pl_db_path(c->db), rare);
		free(post);
		post = NULL;
		if (err)
			goto done;
	}
	if (m->need_text && (m->nm = pl_normer_new(
	    pl_tokenizer_cfg(c->tk)->t2s)) == NULL)
		err = pl_error_nomem();
done:
	free(post);
	if (err) {
		pl_matcher_free(m);
		return err;
	}
	*out = m;
	return NULL;
}

const struct pl_error *
pl_matcher_candidates(struct pl_matcher *m, const struct pl_docfilter *f,
    uint32_t **rows, size_t *n)
{
	struct pl_corpus *c = m->c;
	uint32_t *r;
	size_t i, k = 0;

	if ((r = malloc((c->ndocs ? c->ndocs : 1) * sizeof(*r))) == NULL)
		return pl_error_nomem();
	for (i = 0; i < c->ndocs; i++)
		if (m->cand[i] && pl_corpus_match(c, i, f))
			r[k++] = (uint32_t)i;
	*rows = r;
	*n = k;
	return NULL;
}

static int
in_set(const struct malt *a, int64_t id)
{
	return a->nset > 0 && bsearch(&id, a->set, a->nset,
	    sizeof(*a->set), cmp_i64) != NULL;
}

/* First token ending after byte off (tokens are in text order). */
static size_t
tok_after(const struct pl_mdoc *md, uint32_t off)
{
	size_t lo = 0, hi = md->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (md->off[mid] + md->len[mid] <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
cmp_occ(const void *a, const void *b)
{
	const struct pl_occ *x = a, *y = b;

	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	return x->end > y->end ? -1 : x->end < y->end;
}

/* Occurrences of a Han alternative in md's text. */
static const struct pl_error *
han_occ(struct pl_matcher *m, const struct malt *a, struct pl_mdoc *md)
{
	const struct pl_error *err;
	const char *s, *p, *hit;
	const uint32_t *src, *srcend;
	size_t n;

	if (m->count_only && normer_quick(m->nm, md->text, md->textlen)) {
		/* Counting in text that is already normalised. */
		for (p = md->text; (size_t)(p - md->text) + a->nchars <=
		    md->textlen && (hit = memmem(p, md->textlen -
		    (size_t)(p - md->text), a->chars, a->nchars)) != NULL;
		    p = hit + a->nchars) {
			uint32_t off = (uint32_t)(hit - md->text);
			if ((err = occ_push(md, off, off +
			    (uint32_t)a->nchars, 0, 0)) != NULL)
				return err;
		}
		return NULL;
	}
	if (pl_normer_run(m->nm, md->text, md->textlen, 1) < 0) {
		char *ext = NULL;
		pl_db_doc_names(m->c->db, m->c->docs[md->row].id, &ext, NULL);
		err = pl_error_fmt(PL_ERR_DB, "%s: document '%s': invalid "
		    "UTF-8 or out of memory", pl_db_path(m->c->db),
		    ext ? ext : "?");
		free(ext);
		return err;
	}
	s = pl_normer_text(m->nm, &n);
	src = pl_normer_src(m->nm);
	srcend = pl_normer_srcend(m->nm);
	for (p = s; (size_t)(p - s) + a->nchars <= n &&
	    (hit = memmem(p, n - (size_t)(p - s), a->chars, a->nchars)) !=
	    NULL; p = hit + a->nchars) {
		size_t i = (size_t)(hit - s), e = i + a->nchars - 1;
		uint32_t off = src[i], end = srcend[e];
		size_t t0 = md->n ? tok_after(md, off) : 0, t1 = t0;
		while (t1 < md->n && md->off[t1] < end)
			t1++;
		if ((err = occ_push(md, off, end, (uint32_t)t0,
		    (uint32_t)(t1 - t0))) != NULL)
			return err;
	}
	return NULL;
}

const struct pl_error *
pl_matcher_doc(struct pl_matcher *m, size_t row, struct pl_mdoc *md)
{
	const struct pl_error *err;
	size_t j, a, w, k, keep;
	int tokalts = 0;

	/* Counting Han alternatives needs only the text. */
	for (a = 0; a < m->n; a++)
		if (!m->a[a].han)
			tokalts = 1;
	if ((err = (m->count_only && !tokalts ? mdoc_read_text :
	    mdoc_read)(m->c, row, md)) != NULL)
		return err;
	tokalts = 0;
	for (a = 0; a < m->n; a++)
		if (m->a[a].han) {
			if ((err = han_occ(m, &m->a[a], md)) != NULL)
				return err;
		} else
			tokalts = 1;
	for (j = 0; tokalts && j < md->n; j++)
		for (a = 0; a < m->n; a++) {
			const struct malt *x = &m->a[a];
			size_t len = 0;
			if (x->han)
				continue;
			if (x->prefix) {
				if (in_set(x, md->ids[j]))
					len = 1;
			} else if (x->ids[0] != 0 && j + x->nwords <= md->n) {
				for (w = 0; w < x->nwords; w++)
					if (md->ids[j + w] != x->ids[w] ||
					    md->clause[j + w] != md->clause[j])
						break;
				if (w == x->nwords)
					len = w;
			}
			if (len > 0 && (err = occ_push(md, md->off[j],
			    md->off[j + len - 1] + md->len[j + len - 1],
			    (uint32_t)j, (uint32_t)len)) != NULL)
				return err;
		}
	/* One overlap rule: leftmost first, then longest; no overlaps. */
	if (md->nocc > 1)
		qsort(md->occ, md->nocc, sizeof(*md->occ), cmp_occ);
	for (k = 0, keep = 0; k < md->nocc; k++) {
		if (keep > 0 && md->occ[k].off < md->occ[keep - 1].end)
			continue;
		md->occ[keep++] = md->occ[k];
	}
	md->nocc = keep;
	return NULL;
}

/* Counting. */

struct addctx {
	struct pl_corpus		*c;
	const struct pl_docfilter	*f;
	int64_t				*count;
};

static void
add_posting(void *arg, int64_t doc, int64_t n)
{
	struct addctx *a = arg;
	int32_t row;

	if (doc < 0 || doc > a->c->maxid || (row = a->c->row_of[doc]) < 0)
		return;
	if (pl_corpus_match(a->c, (size_t)row, a->f))
		a->count[row] += n;
}

static const struct pl_error *
add_list(struct addctx *a, const unsigned char *p, size_t len)
{
	if (pl_postings_each(p, len, add_posting, a) == -1)
		return pl_error_fmt(PL_ERR_DAMAGED, "%s: database damaged: "
		    "corrupt posting list",
		    pl_db_path(a->c->db));
	return NULL;
}

static const struct pl_error *
add_prefix_term(void *arg, const char *text, int n, int64_t cf, int64_t df,
    const unsigned char *post, size_t len)
{
	(void)text;
	(void)n;
	(void)cf;
	(void)df;
	return add_list(arg, post, len);
}

static const struct pl_error *
add_term(struct addctx *a, const char *text)
{
	const struct pl_error *err;
	unsigned char *p;
	size_t len;

	if ((err = pl_db_postings(a->c->db, text, &p, &len, NULL, NULL)) !=
	    NULL)
		return err;
	err = add_list(a, p, len);
	free(p);
	return err;
}

/* The words of a phrase joined by spaces, as the index stores n-grams. */
static char *
join_words(const struct pl_alt *alt)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < alt->nwords; i++)
		if ((i > 0 && buf_add(&b, " ", 1) == -1) ||
		    buf_add(&b, alt->words[i], strlen(alt->words[i])) == -1) {
			buf_release(&b);
			return NULL;
		}
	if (buf_add(&b, "", 1) == -1) {
		buf_release(&b);
		return NULL;
	}
	return (char *)b.p;
}

/* Can two occurrences of the phrase overlap (a proper prefix equal to a
 * suffix, as in "go go")? */
static int
self_overlaps(const struct pl_alt *a)
{
	size_t k, i;

	for (k = 1; k < a->nwords; k++) {
		for (i = 0; i < k; i++)
			if (strcmp(a->words[i], a->words[a->nwords - k + i]) != 0)
				break;
		if (i == k)
			return 1;
	}
	return 0;
}

/*
 * The posting lists give the exact count, by the overlap rule, when the
 * term is one word, one prefix or one indexed n-gram that cannot overlap
 * itself, or several distinct plain words.  Returns 1 and the index key
 * kind: 0 word, 1 prefix, 2 n-gram.
 */
static int
by_index(struct pl_corpus *c, const struct pl_term *t)
{
	const struct pl_tokcfg *cfg = pl_tokenizer_cfg(c->tk);
	size_t i, k;

	for (i = 0; i < t->nalts; i++) {
		const struct pl_alt *a = &t->alts[i];
		const char *first = a->words[0];
		const char *last = a->words[a->nwords - 1];
		if (a->chars != NULL)
			return 0;
		if (t->nalts == 1) {
			if (a->prefix || a->nwords == 1)
				return 1;
			return a->nwords <= (size_t)cfg->ngram_max &&
			    !pl_tokenizer_is_stop(c->tk, first,
			    strlen(first)) &&
			    !pl_tokenizer_is_stop(c->tk, last, strlen(last)) &&
			    !self_overlaps(a);
		}
		if (a->prefix || a->nwords != 1)
			return 0;
		for (k = 0; k < i; k++)
			if (strcmp(t->alts[k].words[0], first) == 0)
				return 0;
	}
	return 1;
}

const struct pl_error *
pl_term_counts(struct pl_corpus *c, const struct pl_term *t,
    const struct pl_docfilter *f, int64_t **out)
{
	const struct pl_error *err = NULL;
	struct pl_matcher *m = NULL;
	struct pl_mdoc md;
	struct addctx a;
	uint32_t *rows = NULL;
	size_t i, nrows;
	char *text;

	pl_mdoc_init(&md);
	if ((a.count = calloc(c->ndocs ? c->ndocs : 1, sizeof(*a.count))) ==
	    NULL)
		return pl_error_nomem();
	a.c = c;
	a.f = f;
	if (by_index(c, t)) {
		for (i = 0; i < t->nalts && err == NULL; i++) {
			const struct pl_alt *alt = &t->alts[i];
			if (alt->prefix)
				err = pl_db_each_term(c->db, alt->words[0], 1,
				    1, add_prefix_term, &a);
			else if (alt->nwords == 1)
				err = add_term(&a, alt->words[0]);
			else if ((text = join_words(alt)) == NULL)
				err = pl_error_nomem();
			else {
				err = add_term(&a, text);
				free(text);
			}
		}
		goto done;
	}
	if ((err = pl_matcher_new(c, t, &m)) != NULL ||
	    (err = pl_matcher_candidates(m, f, &rows, &nrows)) != NULL)
		goto done;
	m->count_only = 1;
	for (i = 0; i < nrows; i++) {
		if ((err = pl_matcher_doc(m, rows[i], &md)) != NULL)
			goto done;
		a.count[rows[i]] = (int64_t)md.nocc;
	}
done:
	free(rows);
	pl_matcher_free(m);
	pl_mdoc_release(&md);
	if (err) {
		free(a.count);
		return err;
	}
	*out = a.count;
	return NULL;
}

/* Absent terms and suggestions. */

struct near {
	const char	*target;
	size_t		 max;
	struct {
		char	*text;
		size_t	 dist;
		int64_t	 cf;
	}		 best[3];
	size_t		 n;
	int		 nomem;
};

static void
near_offer(struct near *nr, const char *text, int64_t cf)
{
	size_t d, i, k;

	if (strcmp(text, nr->target) == 0)
		return;
	d = pl_edit_distance(nr->target, text, nr->max);
	if (d > nr->max)
		return;
	for (i = 0; i < nr->n; i++)
		if (d < nr->best[i].dist || (d == nr->best[i].dist &&
		    cf > nr->best[i].cf))
			break;
	if (i == 3)
		return;
	if (nr->n == 3)
		free(nr->best[2].text);
	else
		nr->n++;
	for (k = nr->n - 1; k > i; k--)
		nr->best[k] = nr->best[k - 1];
	nr->best[i].dist = d;
	nr->best[i].cf = cf;
	if ((nr->best[i].text = strdup(text)) == NULL)
		nr->nomem = 1;
}

static size_t
ncp(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static void
near_init(struct near *nr, const char *target)
{
	memset(nr, 0, sizeof(*nr));
	nr->target = target;
	nr->max = ncp(target) <= 4 ? 1 : 2;
}

/* The suggestions as "'a', 'b'" (caller frees), and nr released. */
static char *
near_join(struct near *nr)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < nr->n; i++) {
		if (nr->best[i].text != NULL && ((b.n > 0 &&
		    buf_add(&b, ", ", 2) == -1) || buf_add(&b, "'", 1) == -1 ||
		    buf_add(&b, nr->best[i].text, strlen(nr->best[i].text)) ==
		    -1 || buf_add(&b, "'", 1) == -1))
			nr->nomem = 1;
		free(nr->best[i].text);
	}
	nr->n = 0;
	if (buf_add(&b, "", 1) == -1 || nr->nomem) {
		buf_release(&b);
		return NULL;
	}
	return (char *)b.p;
}

static const struct pl_error *
near_word(void *arg, const char *text, int n, int64_t cf, int64_t df,
    const unsigned char *post, size_t len)
{
	(void)n;
	(void)df;
	(void)post;
	(void)len;
	near_offer(arg, text, cf);
	return NULL;
}

static const struct pl_error *
any_term(void *arg, const char *text, int n, int64_t cf, int64_t df,
    const unsigned char *post, size_t len)
{
	(void)text;
	(void)n;
	(void)cf;
	(void)df;
	(void)post;
	(void)len;
	(*(int *)arg)++;
	return NULL;
}

static void
count_doc(void *arg, int64_t doc)
{
	(void)doc;
	(*(size_t *)arg)++;
}

const struct pl_error *
pl_term_absent(struct pl_corpus *c, const struct pl_term *t, int *absent,
    char **near)
{
	const struct pl_error *err = NULL;
	const char *target = NULL;
	struct near nr;
	size_t i, w, k, n;
	int64_t id;
	int32_t x, prev;

	*absent = 0;
	*near = NULL;
	for (i = 0; i < t->nalts; i++) {
		const struct pl_alt *a = &t->alts[i];
		int gone = 0;
		if (a->chars != NULL) {
			size_t len = strlen(a->chars), docs;
			for (k = 0, prev = -1; k < len && !gone; k += n,
			    prev = x) {
				x = dec(a->chars, len, k, &n);
				if (x < 0 || !han(x) || prev < 0 || !han(prev))
					continue;
				docs = 0;
				if ((err = pl_db_hgram_each(c->db,
				    (uint64_t)prev << 21 | (uint64_t)x,
				    count_doc, &docs)) != NULL)
					return err;
				gone = docs == 0;
			}
			if (gone && target == NULL)
				target = a->chars;
		} else if (a->prefix) {
			int found = 0;
			if ((err = pl_db_each_term(c->db, a->words[0], 1, 1,
			    any_term, &found)) != NULL)
				return err;
			gone = found == 0;
			if (gone && target == NULL)
				target = a->words[0];
		} else
			for (w = 0; w < a->nwords && !gone; w++) {
				if ((err = pl_db_word_id(c->db, a->words[w],
				    &id)) != NULL)
					return err;
				if (id == 0) {
					gone = 1;
					if (target == NULL)
						target = a->words[w];
				}
			}
		if (!gone)
			return NULL;
	}
	*absent = 1;
	if (target == NULL)
		return NULL;
	near_init(&nr, target);
	if ((err = pl_db_each_term(c->db, NULL, 1, 1, near_word, &nr)) !=
	    NULL) {
		free(near_join(&nr));
		return err;
	}
	if ((*near = near_join(&nr)) == NULL)
		return pl_error_nomem();
	return NULL;
}

char *
pl_corpus_near_sources(const struct pl_corpus *c, const char *name)
{
	struct near nr;
	size_t i;

	near_init(&nr, name);
	nr.max = ncp(name) / 3 + 1;
	for (i = 0; i < c->nsources; i++)
		near_offer(&nr, c->sources[i], 0);
	return near_join(&nr);
}

static void
near_key(void *arg, const char *key)
{
	near_offer(arg, key, 0);
}

const struct pl_error *
pl_corpus_near_keys(struct pl_corpus *c, const char *key, char **near)
{
	const struct pl_error *err;
	struct near nr;

	near_init(&nr, key);
	nr.max = ncp(key) / 3 + 1;
	if ((err = pl_db_meta_keys(c->db, near_key, &nr)) != NULL) {
		free(near_join(&nr));
		return err;
	}
	if ((*near = near_join(&nr)) == NULL)
		return pl_error_nomem();
	return NULL;
}
