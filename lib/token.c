/*
 * token.c - the tokenizer (see include/plenum/token.h, docs/TOKENIZER.md).
 *
 * One pass over the UTF-8 input.  Letters and digits (Unicode categories
 * L, M, N) make words, with joiners for internal apostrophes, hyphens and
 * number punctuation; URLs and e-mail addresses are single tokens; runs of
 * Han characters go to plenum's segmenter (seg.c).  Every token is normalised with utf8proc
 * (NFKC + case folding), and sentence breaks are decided on the way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <opencc/opencc.h>
#include <utf8proc.h>

#include "plenum/token.h"
#include "extern.h"

struct pl_tokenizer {
	struct pl_tokcfg	 cfg;
	char			*user_dict;	/* owned copies */
	char			*user_stop;
	struct strmap		 stop;
	struct seg		*seg;		/* made on the first Han character */
	opencc_t		 opencc;	/* with cfg.t2s, loaded lazily */
	utf8proc_int32_t	*ubuf;		/* normalisation buffer */
	size_t			 ucap;
};

void
pl_tokcfg_defaults(struct pl_tokcfg *c)
{
	memset(c, 0, sizeof(*c));
	c->ngram_max = 3;
	c->t2s = 0;
	memcpy(c->stoplangs, "en,zh", 6);
}

void
pl_tokens_init(struct pl_tokens *t)
{
	memset(t, 0, sizeof(*t));
}

void
pl_tokens_release(struct pl_tokens *t)
{
	if (t == NULL)
		return;
	free(t->v);
	free(t->norm);
	pl_tokens_init(t);
}

/* Character classes. */

static int
is_han(int32_t c)
{
	return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
	    (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x323af) ||
	    c == 0x3007;
}

/* Letter, mark or number, but not Han. */
static int
is_word(int32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9');
	if (is_han(c))
		return 0;
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

static int
is_letter(int32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	if (is_han(c))
		return 0;
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return 1;
	default:
		return 0;
	}
}

static int
is_digit(int32_t c)
{
	if (c < 0x80)
		return c >= '0' && c <= '9';
	return utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
}

static int
is_upper(int32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	return utf8proc_category(c) == UTF8PROC_CATEGORY_LU ||
	    utf8proc_category(c) == UTF8PROC_CATEGORY_LT;
}

static int
is_lower(int32_t c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

static int
is_apos(int32_t c)
{
	return c == '\'' || c == 0x2019 || c == 0x02bc;
}

static int
is_hyphen(int32_t c)
{
	return c == '-' || c == 0x2010 || c == 0x2011;
}

static int
is_space(int32_t c)
{
	if (c < 0x80)
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v';
	return c == 0x85 || c == 0xa0 || c == 0x3000 ||
	    utf8proc_category(c) == UTF8PROC_CATEGORY_ZS ||
	    c == 0x2028 || c == 0x2029;
}

/* Closing quotes and brackets that may follow a sentence end. */
static int
is_closer(int32_t c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' ||
	    c == 0x2019 || c == 0x201d || c == 0xbb || c == 0x300d ||
	    c == 0x300f || c == 0xff09 || c == 0x3011 || c == 0x300b;
}

/*
 * Decodes the code point at s[i] (i < len); sets *n to its length.
 * Returns -1 for invalid UTF-8.
 */
static inline int32_t
decode(const char *s, size_t len, size_t i, size_t *n)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t r;
	unsigned char b = (unsigned char)s[i];

	if (b < 0x80) {
		*n = 1;
		return b;
	}
	r = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
	    (utf8proc_ssize_t)(len - i), &c);
	if (r < 0)
		return -1;
	*n = (size_t)r;
	return c;
}

/* Code point at i, or 0 at or past the end (or for invalid input). */
static int32_t
peek(const char *s, size_t len, size_t i, size_t *n)
{
	int32_t c;

	*n = 0;
	if (i >= len)
		return 0;
	c = decode(s, len, i, n);
	if (c < 0) {
		*n = 0;
		return 0;
	}
	return c;
}

/* Normalisation. */

static utf8proc_int32_t
unify(utf8proc_int32_t c, void *data)
{
	(void)data;
	if (c == 0x2019 || c == 0x02bc)
		return '\'';
	if (c == 0x2010 || c == 0x2011)
		return '-';
	return c;
}

static int
norm_into(struct pl_tokenizer *tk, const char *s, size_t len, char **buf,
    size_t *used, size_t *cap)
{
	const utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	    UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE;
	utf8proc_int32_t *ub = tk ? tk->ubuf : NULL;
	size_t ucap = tk ? tk->ucap : 0, i, need;
	utf8proc_ssize_t r;
	int ascii = 1, rc = -1;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80) {
			ascii = 0;
			break;
		}
	/*
	 * Unified Han ideographs U+4E00..U+9FFF (lead bytes E4..E9) are
	 * unchanged by NFKC and case folding: copy them as they are.
	 */
	if (!ascii && len % 3 == 0) {
		int han = 1;
		for (i = 0; i < len; i += 3)
			if ((unsigned char)s[i] < 0xe4 ||
			    (unsigned char)s[i] > 0xe9) {
				han = 0;
				break;
			}
		ascii = han;	/* no ASCII letters in it: the copy is exact */
	}
	if (ascii) {
		need = len + 1;
		if (*used + need > *cap) {
			size_t nc = *cap ? *cap : 256;
			char *nb;
			while (nc < *used + need)
				nc *= 2;
			if ((nb = realloc(*buf, nc)) == NULL)
				return -1;
			*buf = nb;
			*cap = nc;
		}
		for (i = 0; i < len; i++) {
			char c = s[i];
			(*buf)[*used + i] = (c >= 'A' && c <= 'Z') ?
			    (char)(c + 32) : c;
		}
		(*buf)[*used + len] = '\0';
		*used += need;
		return 0;
	}
	for (;;) {
		r = utf8proc_decompose_custom((const utf8proc_uint8_t *)s,
		    (utf8proc_ssize_t)len, ub, (utf8proc_ssize_t)ucap, opt,
		    unify, NULL);
		if (r < 0)
			goto done;
		if ((size_t)r <= ucap)
			break;
		ucap = (size_t)r + 16;
		if ((ub = realloc(ub, ucap * sizeof(*ub))) == NULL) {
			ucap = 0;
			goto done;
		}
		if (tk) {
			tk->ubuf = ub;
			tk->ucap = ucap;
		}
	}
	r = utf8proc_normalize_utf32(ub, r, opt);
	if (r < 0)
		goto done;
	/* Re-encode by hand into the caller's buffer (4 bytes at most each). */
	need = (size_t)r * 4 + 1;
	if (*used + need > *cap) {
		size_t nc = *cap ? *cap : 256;
		char *nb;
		while (nc < *used + need)
			nc *= 2;
		if ((nb = realloc(*buf, nc)) == NULL)
			goto done;
		*buf = nb;
		*cap = nc;
	}
	{
		size_t o = *used;
		utf8proc_ssize_t k;
		for (k = 0; k < r; k++)
			o += (size_t)utf8proc_encode_char(ub[k],
			    (utf8proc_uint8_t *)*buf + o);
		(*buf)[o] = '\0';
		*used = o + 1;
	}
	rc = 0;
done:
	if (tk == NULL)
		free(ub);
	return rc;
}

int
pl_normalize(const char *s, size_t len, char **buf, size_t *used,
    size_t *cap)
{
	return norm_into(NULL, s, len, buf, used, cap);
}

int
pl_is_clause_punct(int32_t c)
{
	switch (c) {
	case ',': case ';': case ':': case '(': case ')': case '[': case ']':
	case '{': case '}': case '"':
	case 0x2013: case 0x2014: case 0x2015:	/* dashes */
	case 0x2018: case 0x2019: case 0x201c: case 0x201d: /* quotes */
	case 0x2026:				/* ellipsis */
	case 0x3001:				/* 、 */
	case 0x3008: case 0x3009: case 0x300a: case 0x300b: case 0x300c:
	case 0x300d: case 0x300e: case 0x300f: case 0x3010: case 0x3011:
	case 0x3014: case 0x3015: case 0x3016: case 0x3017:	/* brackets */
	case 0xfe50: case 0xfe51: case 0xfe54: case 0xfe55: /* small forms */
	case 0xff02: case 0xff08: case 0xff09: case 0xff0c: case 0xff1a:
	case 0xff1b: case 0xff3b: case 0xff3d: case 0xff5b: case 0xff5d:
	case 0xff64:				/* half-width 、 */
		return 1;
	}
	return 0;
}

/* Token output. */

static const struct pl_error *
emit(struct pl_tokenizer *tk, struct pl_tokens *out, const char *text,
    size_t off, size_t len, uint32_t sent, const char *form, size_t flen)
{
	struct pl_token *t;
	size_t start;

	if (out->n == out->cap) {
		size_t nc = out->cap ? out->cap * 2 : 256;
		struct pl_token *nv = realloc(out->v, nc * sizeof(*nv));
		if (nv == NULL)
			return pl_error_nomem();
		out->v = nv;
		out->cap = nc;
	}
	start = out->nlen;
	if (form == NULL) {
		form = text + off;
		flen = len;
	}
	if (norm_into(tk, form, flen, &out->norm, &out->nlen,
	    &out->ncap) == -1)
		return pl_error_nomem();
	if (out->nlen - start == 1) {
		/* Normalised to nothing (only ignorable characters). */
		out->nlen = start;
		return NULL;
	}
	t = &out->v[out->n++];
	t->off = (uint32_t)off;
	t->len = (uint32_t)len;
	t->norm = (uint32_t)start;
	t->nlen = (uint32_t)(out->nlen - start - 1);
	t->sent = sent;
	t->clause = 0;	/* set by pl_tokenize() */
	return NULL;
}

/* Stopwords. */

static const struct pl_error *
add_stopwords(struct pl_tokenizer *tk, const char *list)
{
	const struct pl_error *err = NULL;
	const char *p = list, *eol;
	char *nb = NULL;
	size_t used, cap = 0;
	int added;

	while (p != NULL && *p != '\0') {
		size_t len;
		eol = strchr(p, '\n');
		len = eol ? (size_t)(eol - p) : strlen(p);
		while (len > 0 && (p[len - 1] == '\r' || p[len - 1] == ' ' ||
		    p[len - 1] == '\t'))
			len--;
		while (len > 0 && (*p == ' ' || *p == '\t')) {
			p++;
			len--;
		}
		if (len > 0 && *p != '#') {
			used = 0;
			if (norm_into(tk, p, len, &nb, &used, &cap) == -1) {
				err = pl_error_fmt(PL_ERR_PARSE,
				    "stopword list: invalid UTF-8 in '%.*s'",
				    (int)len, p);
				goto done;
			}
			if (strmap_put(&tk->stop, nb, used - 1, 1,
			    &added) == -1) {
				err = pl_error_nomem();
				goto done;
			}
		}
		p = eol ? eol + 1 : NULL;
	}
done:
	free(nb);
	return err;
}

int
pl_tokenizer_is_stop(const struct pl_tokenizer *tk, const char *s,
    size_t len)
{
	return strmap_find(&tk->stop, s, len) != -1;
}

size_t
pl_tokenizer_nstop(const struct pl_tokenizer *tk)
{
	return tk->stop.n;
}

const struct pl_tokcfg *
pl_tokenizer_cfg(const struct pl_tokenizer *tk)
{
	return &tk->cfg;
}

static char *
dupnull(const char *s)
{
	return s ? strdup(s) : NULL;
}

const struct pl_error *
pl_tokenizer_new(const struct pl_tokcfg *cfg, struct pl_tokenizer **out)
{
	const struct pl_error *err = NULL;
	struct pl_tokenizer *tk;
	struct pl_tokcfg def;
	const char *p;

	if (cfg == NULL) {
		pl_tokcfg_defaults(&def);
		cfg = &def;
	}
	if (cfg->ngram_max < 1 || cfg->ngram_max > PL_NGRAM_MAX)
		return pl_error_fmt(PL_ERR_USAGE,
		    "n-gram length %d: expected 1 to %d", cfg->ngram_max,
		    PL_NGRAM_MAX);
	if ((tk = calloc(1, sizeof(*tk))) == NULL)
		return pl_error_nomem();
	tk->cfg = *cfg;
	tk->user_dict = dupnull(cfg->user_dict);
	tk->user_stop = dupnull(cfg->user_stop);
	if ((cfg->user_dict && tk->user_dict == NULL) ||
	    (cfg->user_stop && tk->user_stop == NULL)) {
		err = pl_error_nomem();
		goto done;
	}
	tk->cfg.user_dict = tk->user_dict;
	tk->cfg.user_stop = tk->user_stop;
	strmap_init(&tk->stop);
	for (p = cfg->stoplangs; *p != '\0';) {
		char lang[8];
		size_t n = strcspn(p, ",");
		const char *list;
		if (n == 0 || n >= sizeof(lang)) {
			err = pl_error_fmt(PL_ERR_USAGE,
			    "stopword language '%.*s': expected en or zh",
			    (int)n, p);
			goto done;
		}
		memcpy(lang, p, n);
		lang[n] = '\0';
		if ((list = pl_stopwords_builtin(lang)) == NULL) {
			err = pl_error_fmt(PL_ERR_USAGE,
			    "stopword language '%s': expected en or zh", lang);
			goto done;
		}
		if ((err = add_stopwords(tk, list)) != NULL)
			goto done;
		p += n;
		if (*p == ',')
			p++;
	}
	if (tk->user_stop && (err = add_stopwords(tk, tk->user_stop)) != NULL)
		goto done;
done:
	if (err) {
		pl_tokenizer_free(tk);
		return err;
	}
	*out = tk;
	return NULL;
}

void
pl_tokenizer_free(struct pl_tokenizer *tk)
{
	if (tk == NULL)
		return;
	seg_free(tk->seg);
	if (tk->opencc)
		opencc_close(tk->opencc);
	strmap_release(&tk->stop);
	free(tk->ubuf);
	free(tk->user_dict);
	free(tk->user_stop);
	free(tk);
}

/* Chinese segmentation. */

/* Number of code points in valid UTF-8. */
static size_t
ncodepoints(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

/* Byte offset of code point k in valid UTF-8. */
static size_t
cp_offset(const char *s, size_t len, size_t k)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (n == k)
				return i;
			n++;
		}
	return len;
}

/*
 * Segments the Han run text[off, off+len) and emits its words.
 * With t2s the run is converted first; spans map back by code point when
 * the conversion keeps the length.
 */
static const struct pl_error *
segment_han(struct pl_tokenizer *tk, struct pl_tokens *out, const char *text,
    size_t off, size_t len, uint32_t sent)
{
	const struct pl_error *err = NULL;
	const char *run = text + off;
	char *conv = NULL;
	const char *seg;
	size_t seglen;
	int samelen = 1;
	const uint32_t *sp;
	size_t nsp, w;

	if (tk->seg == NULL && (err = seg_new(tk->user_dict, &tk->seg)) != NULL)
		return err;
	seg = run;
	seglen = len;
	if (tk->cfg.t2s) {
		if (tk->opencc == NULL) {
			tk->opencc = opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
			if (tk->opencc == (opencc_t)-1) {
				tk->opencc = NULL;
				return pl_error_fmt(PL_ERR_NOTFOUND,
				    "OpenCC t2s: %s", opencc_error());
			}
		}
		if ((conv = opencc_convert_utf8(tk->opencc, run, len)) == NULL)
			return pl_error_fmt(PL_ERR_INTERNAL, "OpenCC: %s",
			    opencc_error());
		seg = conv;
		seglen = strlen(conv);
		samelen = ncodepoints(seg, seglen) == ncodepoints(run, len);
	}
	if ((err = seg_run(tk->seg, seg, seglen, &sp, &nsp)) != NULL)
		goto done;
	for (w = 0; w < nsp; w++) {
		size_t fo = sp[2 * w], fl = sp[2 * w + 1], so, sl;
		if (samelen && seg != run) {
			size_t k = ncodepoints(seg, fo);
			so = cp_offset(run, len, k);
			sl = cp_offset(run, len, k + ncodepoints(seg + fo, fl))
			    - so;
		} else if (samelen) {
			so = fo;
			sl = fl;
		} else {
			so = 0;
			sl = len;
		}
		if ((err = emit(tk, out, text, off + so, sl, sent, seg + fo,
		    fl)) != NULL)
			goto done;
	}
done:
	if (conv)
		opencc_convert_utf8_free(conv);
	return err;
}

/* Abbreviations after which a period does not end a sentence. */
static const char *const abbrevs[] = {
	"mr", "mrs", "ms", "dr", "prof", "st", "messrs", "mme", "mlle",
	"gen", "col", "lt", "sgt", "capt", "maj", "adm", "cmdr", "rev", "hon",
	"sr", "jr", "inc", "ltd", "corp", "dept", "approx", "cf", "vs", "al",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
	"nov", "dec", "amb", "pres", "sen", "rep", "gov", "h.e",
	NULL
};

/* Abbreviations that do not end a sentence when a number follows. */
static const char *const numabbrevs[] = {
	"no", "nos", "art", "arts", "para", "paras", "vol", "vols", "p", "pp",
	"fig", "figs", "sec", "ch", "chap", "op", "res",
	NULL
};

static int
in_list(const char *const *list, const char *s, size_t n)
{
	for (; *list != NULL; list++)
		if (strlen(*list) == n && memcmp(*list, s, n) == 0)
			return 1;
	return 0;
}

/* Does a URL start at s[i]? */
static int
url_start(const char *s, size_t len, size_t i)
{
	static const char *const pre[] = { "http://", "https://", "www.",
	    "ftp://", NULL };
	size_t k, n;
	char c = s[i];

	if (c != 'h' && c != 'H' && c != 'w' && c != 'W' && c != 'f' &&
	    c != 'F')
		return 0;
	for (k = 0; pre[k] != NULL; k++) {
		n = strlen(pre[k]);
		if (i + n < len && strncasecmp(s + i, pre[k], n) == 0)
			return 1;
	}
	return 0;
}

static size_t
url_end(const char *s, size_t len, size_t i)
{
	size_t n;
	int32_t c;

	while (i < len) {
		c = peek(s, len, i, &n);
		if (n == 0 || is_space(c) || is_han(c) || c == '<' ||
		    c == '>' || c == '"' || (c >= 0x3000 && c <= 0x303f) ||
		    (c >= 0xff00 && c <= 0xffef))
			break;
		i += n;
	}
	/* Trailing punctuation belongs to the sentence. */
	while (i > 0 && strchr(".,;:!?)]}'\"", s[i - 1]) != NULL)
		i--;
	return i;
}

/*
 * Scans a word that starts at s[i] (a letter or digit); returns its end
 * and sets *resume to where scanning continues (after a possessive 's).
 */
static size_t
word_end(const char *s, size_t len, size_t i, size_t *resume)
{
	size_t n, n2, n3, j = i, k;
	int32_t c, nx, prev = 0;

	/* Acronyms with periods: U.S., e.g., i.e. (single letters). */
	{
		size_t p = i, count = 0;
		for (;;) {
			c = peek(s, len, p, &n);
			if (!is_letter(c))
				break;
			nx = peek(s, len, p + n, &n2);
			if (nx != '.')
				break;
			count++;
			p += n + n2;
		}
		if (count >= 2) {
			c = peek(s, len, p, &n);
			if (!is_word(c)) {
				*resume = p;
				return p;
			}
		}
	}
	for (;;) {
		while (j < len) {
			c = peek(s, len, j, &n);
			if (n == 0 || !is_word(c))
				break;
			prev = c;
			j += n;
		}
		if (j >= len)
			break;
		c = peek(s, len, j, &n);
		nx = peek(s, len, j + n, &n2);
		if (is_apos(c) && is_letter(nx)) {
			/* Possessive 's: the word ends before the apostrophe. */
			if ((nx == 's' || nx == 'S') &&
			    !is_word(peek(s, len, j + n + n2, &n3))) {
				*resume = j + n + n2;
				return j;
			}
			j += n;
			continue;
		}
		if (is_hyphen(c) && is_word(nx)) {
			j += n;
			continue;
		}
		if ((c == '.' || c == ':' || c == '/') && is_digit(prev) &&
		    is_digit(nx)) {
			j += n;
			continue;
		}
		if (c == ',' && is_digit(prev) && is_digit(nx)) {
			/* Thousands: exactly three digits follow. */
			size_t p = j + n, d = 0;
			while (d < 4 && is_digit(peek(s, len, p, &n3))) {
				p += n3;
				d++;
			}
			if (d == 3) {
				j += n;
				continue;
			}
		}
		if (c == '@' && is_word(nx)) {
			/* An e-mail address: local@domain.tld */
			k = j + n;
			while (k < len) {
				c = peek(s, len, k, &n3);
				if (n3 == 0 || !(is_word(c) || c == '.' ||
				    c == '-' || c == '_'))
					break;
				k += n3;
			}
			while (k > j && s[k - 1] == '.')
				k--;
			j = k;
		}
		break;
	}
	*resume = j;
	return j;
}

/*
 * A number in digits keeps the Han magnitude and unit after it
 * (docs/TOKENIZER.md): 2025年, 10月, 3.5万亿元, 300多人.  Returns the new end
 * of the word s[i, end), or end when it is not all digits or no unit
 * follows.
 */
static size_t
digits_unit(const char *s, size_t len, size_t i, size_t end)
{
	size_t k, n, mag = 0;
	int32_t c;

	for (k = i; k < end; k += n) {
		c = peek(s, len, k, &n);
		if (n == 0 || !(is_digit(c) || c == '.' || c == ','))
			return end;
	}
	k = end;
	for (;;) {
		c = peek(s, len, k, &n);
		if (mag < 2 && (c == 0x4e07 || c == 0x4ebf || c == 0x5343 ||
		    c == 0x767e)) {	/* 万 亿 千 百 */
			k += n;
			mag++;
			continue;
		}
		break;
	}
	if (c == 0x591a || c == 0x4f59) {	/* 多 余, then a unit */
		size_t n2;
		int32_t d = peek(s, len, k + n, &n2);
		if (n2 > 0 && seg_is_unit((uint32_t)d, 1))
			return k + n + n2;
	}
	if (n > 0 && seg_is_unit((uint32_t)c, 1))
		k += n;
	return k;
}

/*
 * Does the period at s[i] end a sentence?  last is the previous token's
 * normalised form (or NULL) and adjacent says whether it ends right at i.
 */
static int
period_ends(const char *s, size_t len, size_t i, const char *last,
    size_t lastlen, int adjacent)
{
	size_t j = i + 1, n;
	int32_t c;
	int space = 0;

	while (j < len && s[j] == '.')	/* ellipsis */
		j++;
	for (;;) {
		c = peek(s, len, j, &n);
		if (n == 0 || !is_closer(c))
			break;
		j += n;
	}
	for (;;) {
		c = peek(s, len, j, &n);
		if (n == 0 || !is_space(c))
			break;
		space = 1;
		j += n;
	}
	if (j >= len)
		return 1;
	c = peek(s, len, j, &n);
	if (!space)
		return is_han(c);	/* "end.Next" stays one sentence */
	if (is_lower(c))
		return 0;
	if (adjacent && last != NULL) {
		if (in_list(abbrevs, last, lastlen))
			return 0;
		if (lastlen == 1 && is_upper(c) && last[0] >= 'a' &&
		    last[0] <= 'z')
			return 0;	/* an initial: J. Smith */
		if (is_digit(c) && in_list(numabbrevs, last, lastlen))
			return 0;
	}
	return 1;
}

/* Is there a blank line starting at the newline s[i]? */
static int
blank_line(const char *s, size_t len, size_t i)
{
	for (i++; i < len; i++) {
		if (s[i] == '\n')
			return 1;
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	}
	return 0;
}

const struct pl_error *
pl_tokenize(struct pl_tokenizer *tk, const char *text, size_t len,
    struct pl_tokens *out)
{
	const struct pl_error *err;
	size_t i = 0, n, end, resume, sent_first = 0, clause_first = 0, k,
	    labelled = 0;
	uint32_t sent = 0, clause = 0;
	int32_t c;

	out->n = 0;
	out->nlen = 0;
	out->nsent = 0;
	if (len > UINT32_MAX)
		return pl_error_fmt(PL_ERR_PARSE, "text longer than 4 GB");
	while (i < len) {
		c = decode(text, len, i, &n);
		if (c < 0)
			return pl_error_fmt(PL_ERR_PARSE,
			    "invalid UTF-8 at byte %zu", i);
		if (is_han(c)) {
			end = i + n;
			while (end < len) {
				size_t m;
				int32_t d = decode(text, len, end, &m);
				if (d < 0 || !is_han(d))
					break;
				end += m;
			}
			if ((err = segment_han(tk, out, text, i, end - i,
			    sent)) != NULL)
				return err;
			for (k = labelled; k < out->n; k++)
				out->v[k].clause = clause;
			labelled = out->n;
			i = end;
			continue;
		}
		if (is_word(c)) {
			if (url_start(text, len, i))
				end = resume = url_end(text, len, i);
			else
				end = word_end(text, len, i, &resume);
			if (end == i)
				end = resume = i + n;
			else if (end == resume)
				end = resume = digits_unit(text, len, i, end);
			/* Validate what the scanners skipped over. */
			{
				size_t k, m;
				for (k = i; k < end; k += m)
					if (decode(text, len, k, &m) < 0)
						return pl_error_fmt(
						    PL_ERR_PARSE,
						    "invalid UTF-8 at byte %zu",
						    k);
			}
			if ((err = emit(tk, out, text, i, end - i, sent, NULL,
			    0)) != NULL)
				return err;
			for (k = labelled; k < out->n; k++)
				out->v[k].clause = clause;
			labelled = out->n;
			i = resume;
			continue;
		}
		if (out->n > sent_first) {
			int brk = 0;
			if (c == '.') {
				const struct pl_token *t = &out->v[out->n - 1];
				brk = period_ends(text, len, i,
				    out->norm + t->norm, t->nlen,
				    t->off + t->len == i);
			} else if (c == '!' || c == '?' || c == 0x3002 ||
			    c == 0xff01 || c == 0xff1f || c == 0xff61)
				brk = 1;
			else if (c == '\n')
				brk = blank_line(text, len, i);
			if (brk) {
				sent++;
				sent_first = out->n;
			}
			if ((brk || pl_is_clause_punct(c)) &&
			    out->n > clause_first) {
				clause++;
				clause_first = out->n;
			}
		}
		i += n;
	}
	out->nsent = out->n > 0 ? out->v[out->n - 1].sent + 1 : 0;
	return NULL;
}
