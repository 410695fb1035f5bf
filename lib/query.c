/*
 * query.c - term expressions and per-document counts (see
 * include/plenum/query.h and docs/QUERIES.md); the corpus in memory is
 * loaded by corpus-index.c.
 */
#include <stdlib.h>
#include <string.h>

#include "plenum/match.h"
#include "plenum/query.h"
#include "plenum/token.h"
#include "extern.h"

int
pl_corpus_match(const struct pl_corpus *c, size_t row,
    const struct pl_docfilter *f)
{
	const struct pl_cdoc *d = &c->docs[row];
	size_t k;

	if (f == NULL)
		return 1;
	if (d->day < f->from || d->day > f->to)
		return 0;
	if (f->mask != NULL && !f->mask[row])
		return 0;
	if (f->sources == NULL || f->sources[0] == NULL)
		return 1;
	for (k = 0; f->sources[k] != NULL; k++)
		if (strcmp(f->sources[k], c->sources[d->source]) == 0)
			return 1;
	return 0;
}

struct wherectx {
	struct pl_corpus	*c;
	uint8_t			*hit;
};

static void
where_hit(void *arg, int64_t doc)
{
	struct wherectx *w = arg;

	if (doc >= 0 && doc <= w->c->maxid && w->c->row_of[doc] >= 0)
		w->hit[w->c->row_of[doc]] = 1;
}

const struct pl_error *
pl_corpus_where(struct pl_corpus *c, struct pl_docfilter *f, const char *key,
    const char *value)
{
	const struct pl_error *err;
	struct wherectx w;
	size_t i;

	w.c = c;
	if ((w.hit = calloc(c->ndocs ? c->ndocs : 1, 1)) == NULL)
		return pl_error_nomem();
	if ((err = pl_db_each_doc_where(c->db, key, value, where_hit, &w)) !=
	    NULL) {
		free(w.hit);
		return err;
	}
	if (f->mask == NULL)
		f->mask = w.hit;
	else {
		for (i = 0; i < c->ndocs; i++)
			f->mask[i] &= w.hit[i];
		free(w.hit);
	}
	return NULL;
}

/* Term expressions. */

void
pl_term_free(struct pl_term *t)
{
	size_t i, k;

	if (t == NULL)
		return;
	for (i = 0; i < t->nalts; i++) {
		for (k = 0; k < t->alts[i].nwords; k++)
			free(t->alts[i].words[k]);
		free(t->alts[i].words);
		free(t->alts[i].chars);
	}
	free(t->alts);
	free(t->label);
	free(t);
}

/*
 * Does s[a, b) (between two words of a query phrase) hold sentence-ending
 * punctuation?  In a query, "inflation. expectations" asks for a phrase
 * across a sentence break whether or not the tokenizer would end a
 * sentence there.
 */
static int
gap_ends_sentence(const char *s, size_t a, size_t b)
{
	static const char *const enders[] = { ".", "!", "?", "\xe3\x80\x82",
	    "\xef\xbc\x81", "\xef\xbc\x9f", "\xef\xbd\xa1" };
	size_t i, k;

	for (i = a; i < b; i++)
		for (k = 0; k < sizeof(enders) / sizeof(enders[0]); k++)
			if (strncmp(s + i, enders[k], strlen(enders[k])) == 0 &&
			    i + strlen(enders[k]) <= b)
				return 1;
	return 0;
}

/*
 * A Han alternative written as one run of characters (no space or
 * punctuation) matches its normalised characters (plenum/match.h); one
 * with spaces or punctuation stays a phrase of tokens.
 */
static const struct pl_error *
han_chars(struct pl_corpus *c, const char *expr, const char *s, size_t len,
    struct pl_alt *a)
{
	struct pl_normer *nm;
	const char *t;
	size_t n;
	long runs;

	if ((nm = pl_normer_new(pl_tokenizer_cfg(c->tk)->t2s)) == NULL)
		return pl_error_nomem();
	runs = pl_normer_run(nm, s, len, 0);
	if (runs < 0) {
		pl_normer_free(nm);
		return pl_error_fmt(PL_ERR_USAGE, "term '%s': invalid UTF-8",
		    expr);
	}
	t = pl_normer_text(nm, &n);
	if (runs == 1 && (a->chars = strndup(t, n)) == NULL) {
		pl_normer_free(nm);
		return pl_error_nomem();
	}
	pl_normer_free(nm);
	return NULL;
}

/* Tokenizes one alternative (len bytes at s) into a. */
static const struct pl_error *
alt_words(struct pl_corpus *c, const char *expr, const char *s, size_t len,
    int prefix, struct pl_alt *a)
{
	const struct pl_error *err;
	struct pl_tokens toks;
	size_t i, col = (size_t)(s - expr) + 1;

	pl_tokens_init(&toks);
	/*
	 * A Han alternative in one run needs no segmenting (and so no
	 * dictionary load): its one "word" is its characters.
	 */
	if (!prefix && !c->match_words && pl_has_han(s, len)) {
		if ((err = han_chars(c, expr, s, len, a)) != NULL)
			goto done;
		if (a->chars != NULL) {
			if ((a->words = calloc(1, sizeof(*a->words))) == NULL ||
			    (a->words[0] = strdup(a->chars)) == NULL) {
				err = pl_error_nomem();
				goto done;
			}
			a->nwords = 1;
			goto done;
		}
	}
	if ((err = pl_tokenize(c->tk, s, len, &toks)) != NULL) {
		err = pl_error_fmt(PL_ERR_USAGE, "term '%s': %s", expr,
		    err->msg);
		goto done;
	}
	if (toks.n == 0) {
		err = pl_error_fmt(PL_ERR_USAGE, "term '%s': no words in the "
		    "alternative at column %zu", expr, col);
		goto done;
	}
	if (toks.nsent > 1) {
		err = pl_error_fmt(PL_ERR_USAGE, "term '%s': the phrase at "
		    "column %zu crosses a sentence boundary, so it can never "
		    "match", expr, col);
		goto done;
	}
	for (i = 1; i < toks.n; i++)
		if (gap_ends_sentence(s, toks.v[i - 1].off + toks.v[i - 1].len,
		    toks.v[i].off)) {
			err = pl_error_fmt(PL_ERR_USAGE, "term '%s': the phrase "
			    "at column %zu crosses a sentence boundary, so it "
			    "can never match", expr, col);
			goto done;
		} else if (toks.v[i].clause != toks.v[i - 1].clause) {
			err = pl_error_fmt(PL_ERR_USAGE, "term '%s': the phrase "
			    "at column %zu crosses clause punctuation (%.*s), "
			    "so it can never match", expr, col,
			    (int)(toks.v[i].off - toks.v[i - 1].off -
			    toks.v[i - 1].len), s + toks.v[i - 1].off +
			    toks.v[i - 1].len);
			goto done;
		}
	if (prefix && toks.n != 1) {
		err = pl_error_fmt(PL_ERR_USAGE, "term '%s': a prefix (*) must "
		    "be one word, at column %zu", expr, col);
		goto done;
	}
	if ((a->words = calloc(toks.n, sizeof(*a->words))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (i = 0; i < toks.n; i++) {
		if ((a->words[i] = strdup(PL_TOKEN_STR(&toks, i))) == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		a->nwords++;
	}
	a->prefix = prefix;
done:
	pl_tokens_release(&toks);
	return err;
}

const struct pl_error *
pl_term_parse(struct pl_corpus *c, const char *expr, struct pl_term **out)
{
	const struct pl_error *err = NULL;
	struct pl_term *t;
	const char *p, *start, *eq, *q;
	size_t len;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return pl_error_nomem();
	p = expr;
	/* A label: name= before any quote. */
	eq = strchr(expr, '=');
	q = strchr(expr, '"');
	if (eq != NULL && (q == NULL || eq < q)) {
		len = (size_t)(eq - expr);
		while (len > 0 && expr[len - 1] == ' ')
			len--;
		if (len == 0) {
			err = pl_error_fmt(PL_ERR_USAGE, "term '%s': empty label "
			    "before '=' at column %zu", expr,
			    (size_t)(eq - expr) + 1);
			goto done;
		}
		if ((t->label = strndup(expr, len)) == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		p = eq + 1;
	} else if ((t->label = strdup(expr)) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (;;) {
		struct pl_alt *na;
		int prefix = 0;
		const char *end;

		while (*p == ' ')
			p++;
		start = p;
		if (*p == '"') {
			start = ++p;
			if ((end = strchr(p, '"')) == NULL) {
				err = pl_error_fmt(PL_ERR_USAGE, "term '%s': "
				    "unclosed quote at column %zu", expr,
				    (size_t)(start - expr));
				goto done;
			}
			p = end + 1;
			while (*p == ' ')
				p++;
			if (*p != '\0' && *p != '|') {
				err = pl_error_fmt(PL_ERR_USAGE, "term '%s': "
				    "expected '|' or the end after a quoted "
				    "phrase at column %zu", expr,
				    (size_t)(p - expr) + 1);
				goto done;
			}
		} else {
			end = p + strcspn(p, "|\"");
			if (*end == '"') {
				err = pl_error_fmt(PL_ERR_USAGE, "term '%s': "
				    "unexpected quote at column %zu", expr,
				    (size_t)(end - expr) + 1);
				goto done;
			}
			p = end;
			while (end > start && end[-1] == ' ')
				end--;
			if (end > start && end[-1] == '*') {
				prefix = 1;
				end--;
				if (memchr(start, '*', (size_t)(end - start))) {
					err = pl_error_fmt(PL_ERR_USAGE,
					    "term '%s': '*' only at the end of "
					    "a word, at column %zu", expr,
					    (size_t)((const char *)memchr(start,
					    '*', (size_t)(end - start)) - expr) +
					    1);
					goto done;
				}
			} else if (memchr(start, '*', (size_t)(end - start))) {
				err = pl_error_fmt(PL_ERR_USAGE, "term '%s': '*' "
				    "only at the end of a word, at column %zu",
				    expr, (size_t)((const char *)memchr(start,
				    '*', (size_t)(end - start)) - expr) + 1);
				goto done;
			}
		}
		if (end == start) {
			err = pl_error_fmt(PL_ERR_USAGE, "term '%s': empty "
			    "alternative at column %zu", expr,
			    (size_t)(start - expr) + 1);
			goto done;
		}
		if ((na = realloc(t->alts, (t->nalts + 1) * sizeof(*na))) ==
		    NULL) {
			err = pl_error_nomem();
			goto done;
		}
		t->alts = na;
		memset(&t->alts[t->nalts], 0, sizeof(*na));
		t->nalts++;
		if ((err = alt_words(c, expr, start, (size_t)(end - start),
		    prefix, &t->alts[t->nalts - 1])) != NULL)
			goto done;
		if (*p == '\0')
			break;
		p++;	/* '|' */
		if (*p == '\0' || *p == '|') {
			err = pl_error_fmt(PL_ERR_USAGE, "term '%s': empty "
			    "alternative at column %zu", expr,
			    (size_t)(p - expr) + 1);
			goto done;
		}
	}
done:
	if (err) {
		pl_term_free(t);
		return err;
	}
	*out = t;
	return NULL;
}
