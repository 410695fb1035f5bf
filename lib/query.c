/*
 * query.c - term expressions and per-document counts (see
 * include/plenum/query.h and docs/QUERIES.md); the corpus in memory is
 * loaded by corpus-index.c.
 */
#include <stdlib.h>
#include <string.h>

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
	}
	free(t->alts);
	free(t->label);
	free(t);
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
		return pl_error_fmt(PL_ERR_DB, "%s: corrupt posting list",
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

/* Postings of one indexed term, added to the counts. */
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
	size_t i, len = 0;
	char *s, *p;

	for (i = 0; i < alt->nwords; i++)
		len += strlen(alt->words[i]) + 1;
	if ((s = malloc(len + 1)) == NULL)
		return NULL;
	p = s;
	for (i = 0; i < alt->nwords; i++) {
		size_t n = strlen(alt->words[i]);
		if (i > 0)
			*p++ = ' ';
		memcpy(p, alt->words[i], n);
		p += n;
	}
	*p = '\0';
	return s;
}

struct cand {
	int64_t	*docs;
	size_t	 n, cap;
	int	 nomem;
};

static void
add_cand(void *arg, int64_t doc, int64_t n)
{
	struct cand *c = arg;

	(void)n;
	if (c->n == c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 256;
		int64_t *nd = realloc(c->docs, nc * sizeof(*nd));
		if (nd == NULL) {
			c->nomem = 1;
			return;
		}
		c->docs = nd;
		c->cap = nc;
	}
	c->docs[c->n++] = doc;
}

/*
 * A phrase that is not an indexed n-gram: scan the token sequences of the
 * documents that hold its rarest word.
 */
static const struct pl_error *
add_phrase_scan(struct addctx *a, const struct pl_alt *alt)
{
	const struct pl_error *err = NULL;
	int64_t *ids = NULL, df, best = -1, cf;
	unsigned char *post = NULL, *tok = NULL, *bestpost = NULL;
	size_t i, len, bestlen = 0, toklen, k, m = alt->nwords;
	struct cand cd = { NULL, 0, 0, 0 };
	int64_t *win = NULL;

	if ((ids = calloc(m, sizeof(*ids))) == NULL ||
	    (win = calloc(m, sizeof(*win))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (i = 0; i < m; i++) {
		if ((err = pl_db_word_id(a->c->db, alt->words[i], &ids[i])) !=
		    NULL)
			goto done;
		if (ids[i] == 0)
			goto done;	/* a word the corpus lacks: no hits */
		if ((err = pl_db_postings(a->c->db, alt->words[i], &post, &len,
		    &cf, &df)) != NULL)
			goto done;
		if (best == -1 || df < best) {
			free(bestpost);
			bestpost = post;
			bestlen = len;
			best = df;
		} else
			free(post);
		post = NULL;
	}
	if (pl_postings_each(bestpost, bestlen, add_cand, &cd) == -1) {
		err = pl_error_fmt(PL_ERR_DB, "corrupt posting list");
		goto done;
	}
	if (cd.nomem) {
		err = pl_error_nomem();
		goto done;
	}
	for (k = 0; k < cd.n; k++) {
		int32_t row;
		const unsigned char *p, *end;
		uint64_t v;
		size_t filled = 0;
		int64_t hits = 0;

		if (cd.docs[k] > a->c->maxid ||
		    (row = a->c->row_of[cd.docs[k]]) < 0 ||
		    !pl_corpus_match(a->c, (size_t)row, a->f))
			continue;
		if ((err = pl_db_doc_tokens(a->c->db, cd.docs[k], &tok,
		    &toklen, NULL, NULL, NULL, NULL)) != NULL)
			goto done;
		/* A window of the last m ids; a sentence break empties it. */
		p = tok;
		end = tok + toklen;
		while (p < end) {
			if (varint_get(&p, end, &v) == -1) {
				err = pl_error_fmt(PL_ERR_DB,
				    "corrupt token list");
				goto done;
			}
			if (v == 0) {
				filled = 0;
				continue;
			}
			if (filled == m) {
				memmove(win, win + 1, (m - 1) * sizeof(*win));
				filled--;
			}
			win[filled++] = (int64_t)v;
			if (filled == m &&
			    memcmp(win, ids, m * sizeof(*win)) == 0)
				hits++;
		}
		free(tok);
		tok = NULL;
		a->count[row] += hits;
	}
done:
	free(ids);
	free(win);
	free(post);
	free(bestpost);
	free(tok);
	free(cd.docs);
	return err;
}

const struct pl_error *
pl_term_counts(struct pl_corpus *c, const struct pl_term *t,
    const struct pl_docfilter *f, int64_t **out)
{
	const struct pl_error *err = NULL;
	const struct pl_tokcfg *cfg = pl_tokenizer_cfg(c->tk);
	struct addctx a;
	size_t i;
	char *text = NULL;

	if ((a.count = calloc(c->ndocs ? c->ndocs : 1, sizeof(*a.count))) ==
	    NULL)
		return pl_error_nomem();
	a.c = c;
	a.f = f;
	for (i = 0; i < t->nalts && err == NULL; i++) {
		const struct pl_alt *alt = &t->alts[i];
		const char *first = alt->words[0];
		const char *last = alt->words[alt->nwords - 1];

		if (alt->prefix)
			err = pl_db_each_term(c->db, first, 1, 1,
			    add_prefix_term, &a);
		else if (alt->nwords == 1)
			err = add_term(&a, first);
		else if (alt->nwords <= (size_t)cfg->ngram_max &&
		    !pl_tokenizer_is_stop(c->tk, first, strlen(first)) &&
		    !pl_tokenizer_is_stop(c->tk, last, strlen(last))) {
			/* An indexed n-gram. */
			if ((text = join_words(alt)) == NULL)
				err = pl_error_nomem();
			else
				err = add_term(&a, text);
			free(text);
			text = NULL;
		} else
			err = add_phrase_scan(&a, alt);
	}
	if (err) {
		free(a.count);
		return err;
	}
	*out = a.count;
	return NULL;
}
