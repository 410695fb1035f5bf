/*
 * vocab.c - the vocabulary filter and the shown form of terms (see
 * include/plenum/vocab.h, docs/STOPWORDS.md).
 */
#include <stdlib.h>
#include <string.h>

#include "plenum/token.h"
#include "plenum/vocab.h"
#include "extern.h"

void
pl_vocab_init(struct pl_vocab *v)
{
	memset(v, 0, sizeof(*v));
}

void
pl_vocab_release(struct pl_vocab *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->nexclude; i++)
		free(v->exclude[i]);
	free(v->exclude);
	pl_vocab_init(v);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

const struct pl_error *
pl_vocab_exclude(struct pl_vocab *v, struct pl_tokenizer *tk,
    const char *list, const char *name)
{
	const struct pl_error *err = NULL;
	struct pl_tokens t;
	struct buf b;
	const char *p, *eol;
	size_t lineno = 0, cap = v->nexclude;

	pl_tokens_init(&t);
	buf_init(&b);
	for (p = list; p != NULL && *p != '\0'; p = eol ? eol + 1 : NULL) {
		size_t len, i;
		char **nv;
		eol = strchr(p, '\n');
		len = eol ? (size_t)(eol - p) : strlen(p);
		lineno++;
		if (len == 0 || *p == '#')
			continue;
		if ((err = pl_tokenize(tk, p, len, &t)) != NULL) {
			err = pl_error_wrap(err, "%s:%zu", name, lineno);
			goto done;
		}
		if (t.n == 0)
			continue;
		b.n = 0;
		for (i = 0; i < t.n; i++)
			if ((i > 0 && buf_add(&b, " ", 1) == -1) ||
			    buf_add(&b, PL_TOKEN_STR(&t, i), t.v[i].nlen) == -1)
				goto nomem;
		if (v->nexclude == cap) {
			cap = cap ? cap * 2 : 64;
			if ((nv = realloc(v->exclude, cap * sizeof(*nv))) ==
			    NULL)
				goto nomem;
			v->exclude = nv;
		}
		if ((v->exclude[v->nexclude] = strndup((char *)b.p, b.n)) ==
		    NULL)
			goto nomem;
		v->nexclude++;
	}
	qsort(v->exclude, v->nexclude, sizeof(*v->exclude), cmp_str);
	goto done;
nomem:
	err = pl_error_nomem();
done:
	pl_tokens_release(&t);
	buf_release(&b);
	return err;
}

/* Decodes one code point of valid UTF-8 at s[*i]. */
static uint32_t
next_cp(const unsigned char *s, size_t *i)
{
	uint32_t c = s[*i];

	if (c < 0x80)
		*i += 1;
	else if (c < 0xe0) {
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

static int
is_han(uint32_t c)
{
	return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
	    (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x323af) ||
	    c == 0x3007;
}

static int
is_numeral(uint32_t c)
{
	static const uint32_t v[] = { 0x3007, 0x96f6, 0x4e00, 0x4e8c, 0x4e09,
	    0x56db, 0x4e94, 0x516d, 0x4e03, 0x516b, 0x4e5d, 0x5341, 0x767e,
	    0x5343, 0x4e07, 0x4ebf, 0x4e24 };
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (v[i] == c)
			return 1;
	return 0;
}

int
pl_word_is_number(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, digits = 0;
	uint32_t c;

	if (len == 0)
		return 0;
	if (len == 3 && (memcmp(s, "年", 3) == 0 || memcmp(s, "月", 3) == 0 ||
	    memcmp(s, "日", 3) == 0 || memcmp(s, "号", 3) == 0))
		return 1;
	if (seg_is_term(s, len))
		return 0;
	if (len >= 3 && memcmp(s, "第", 3) == 0)
		i = 3;
	while (i < len) {
		size_t at = i;
		c = next_cp(u, &i);
		if ((c >= '0' && c <= '9') || is_numeral(c))
			digits++;
		else if (digits == 0)
			return 0;
		else if (c == '.' || c == ',' || c == ':' || c == '/' ||
		    c == '-' || c == '%' || seg_is_unit(c, 1) ||
		    c == 0x591a || c == 0x4f59)	/* 多 余 */
			continue;
		else if (at + 2 == len && (memcmp(s + at, "st", 2) == 0 ||
		    memcmp(s + at, "nd", 2) == 0 || memcmp(s + at, "rd", 2) == 0 ||
		    memcmp(s + at, "th", 2) == 0))
			return 1;	/* 20th */
		else
			return 0;
	}
	return digits > 0;
}

/* The first and last words of a stored term. */
static int
ends_number(const char *term)
{
	const char *sp = strchr(term, ' '), *last;

	if (sp == NULL)
		return pl_word_is_number(term, strlen(term));
	if (pl_word_is_number(term, (size_t)(sp - term)))
		return 1;
	last = strrchr(term, ' ') + 1;
	return pl_word_is_number(last, strlen(last));
}

static size_t
han_chars(const char *term, int *has_han)
{
	const unsigned char *u = (const unsigned char *)term;
	size_t i = 0, n = 0, len = strlen(term);
	uint32_t c;

	*has_han = 0;
	while (i < len) {
		c = next_cp(u, &i);
		if (c == ' ')
			continue;
		if (is_han(c))
			*has_han = 1;
		n++;
	}
	return n;
}

int
pl_vocab_keep(const struct pl_vocab *v, const char *term, int64_t df,
    int64_t ndocs)
{
	int han;

	if ((v == NULL || !v->keep_numbers) && ends_number(term))
		return 0;
	if (v == NULL)
		return 1;
	if (v->min_chars > 1 && han_chars(term, &han) <
	    (size_t)v->min_chars && han)
		return 0;
	if (v->max_df > 0 && ndocs > 0 && (double)df > v->max_df *
	    (double)ndocs)
		return 0;
	if (v->nexclude > 0 && bsearch(&term, v->exclude, v->nexclude,
	    sizeof(*v->exclude), cmp_str) != NULL)
		return 0;
	return 1;
}

const char *
pl_term_show(const char *term, char *buf, size_t cap)
{
	const unsigned char *u = (const unsigned char *)term;
	size_t i = 0, o = 0, len;
	uint32_t prev = 0;

	if (strchr(term, ' ') == NULL || (len = strlen(term)) >= cap)
		return term;
	while (i < len) {
		size_t at = i;
		uint32_t c = next_cp(u, &i);
		if (c == ' ' && is_han(prev) && i < len) {
			size_t j = i;
			if (is_han(next_cp(u, &j)))
				continue;	/* drop it, keep prev */
		}
		memcpy(buf + o, term + at, i - at);
		o += i - at;
		prev = c;
	}
	buf[o] = '\0';
	return buf;
}

const struct pl_error *
pl_table_set_term(struct pl_table *t, size_t row, size_t col, const char *term)
{
	char buf[PL_TERM_SHOW_MAX];

	return pl_table_set_str(t, row, col, pl_term_show(term, buf, sizeof(buf)));
}
