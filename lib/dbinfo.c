/*
 * dbinfo.c - plenum info: the corpus summarised from stored figures.
 */
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <sqlite3.h>

#include "plenum/match.h"
#include "plenum/store.h"
#include "docmeta.h"
#include "segment.h"
#include "extern.h"
#include "db-int.h"

/* Appends info rows from a query returning (key, documents, tokens, value). */
static const struct pl_error *
info_rows(struct pl_db *db, struct pl_table *t, const char *section,
    const char *sql)
{
	const struct pl_error *err = NULL;
	sqlite3_stmt *st = NULL;
	size_t row;
	int rc, c;

	if ((err = db_prepare(db, sql, &st)) != NULL)
		return err;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((err = pl_table_add_row(t)) != NULL)
			goto done;
		row = t->nrows - 1;
		if ((err = pl_table_set_str(t, row, 0, section)) != NULL ||
		    (err = pl_table_set_str(t, row, 1,
		    (const char *)sqlite3_column_text(st, 0))) != NULL)
			goto done;
		for (c = 1; c <= 2; c++)
			if (sqlite3_column_type(st, c) != SQLITE_NULL)
				pl_table_set_int(t, row, (size_t)c + 1,
				    sqlite3_column_int64(st, c));
		if (sqlite3_column_type(st, 3) != SQLITE_NULL &&
		    (err = pl_table_set_str(t, row, 4,
		    (const char *)sqlite3_column_text(st, 3))) != NULL)
			goto done;
	}
	if (rc != SQLITE_DONE)
		err = db_err(db->h, db->path);
done:
	sqlite3_finalize(st);
	return err;
}

/* One group of documents in the summary: a source, a year, a language. */
struct infogrp {
	const char	*key;		/* borrowed from the figures' labels */
	char		 name[16];	/* or its own text (years, precisions) */
	int64_t		 docs, tokens, first, last;
};

static const struct pl_error *
info_row(struct pl_table *t, const char *section, const char *key,
    int64_t docs, int64_t tokens, const char *value)
{
	const struct pl_error *err;
	size_t row;

	if ((err = pl_table_add_row(t)) != NULL)
		return err;
	row = t->nrows - 1;
	if ((err = pl_table_set_str(t, row, 0, section)) != NULL ||
	    (err = pl_table_set_str(t, row, 1, key)) != NULL)
		return err;
	if (docs >= 0)
		pl_table_set_int(t, row, 2, docs);
	if (tokens >= 0)
		pl_table_set_int(t, row, 3, tokens);
	if (value != NULL && (err = pl_table_set_str(t, row, 4, value)) != NULL)
		return err;
	return NULL;
}

static const char *
grp_key(const struct infogrp *g)
{
	return g->key ? g->key : g->name;
}

static int
cmp_grp_key(const void *a, const void *b)
{
	return strcmp(grp_key(a), grp_key(b));
}

static int
cmp_grp_count(const void *a, const void *b)
{
	const struct infogrp *x = a, *y = b;

	if (x->docs != y->docs)
		return x->docs > y->docs ? -1 : 1;
	return strcmp(grp_key(x), grp_key(y));
}

/* Adds document r to group slot g. */
static void
grp_add(struct infogrp *g, const struct pl_docfig *r)
{
	if (g->docs == 0 || r->day < g->first)
		g->first = r->day;
	if (g->docs == 0 || r->day > g->last)
		g->last = r->day;
	g->docs++;
	g->tokens += r->tokens;
}

/* Groups in use, compacted to the front; returns their number. */
static size_t
grp_compact(struct infogrp *g, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (g[i].docs > 0)
			g[k++] = g[i];
	return k;
}

/* Years 1 .. 9999: the groups of pl_db_info(), by year - 1. */
#define NYEARS	9999

/*
 * A source's running figures: 24 bytes, not an infogrp's 56, since the
 * sources are visited in document order (50,000 of them at 10^6
 * documents: the array should stay in the cache).
 */
struct srcacc {
	int64_t		 tokens;
	uint32_t	 docs;
	int32_t		 first, last;
};

/* The running summary of pl_db_info(). */
struct infoacc {
	struct srcacc	*sacc;
	struct infogrp	*src, *lang, *year, prec[3];
	int64_t		*ystart;	/* first day of year k + 1 */
	int64_t		 docs, tokens, sentences, first, last;
};

static const struct pl_error *
info_doc(void *arg, const struct pl_docfig *v, size_t n)
{
	struct infoacc *a = arg;
	size_t i, k;

	for (i = 0; i < n; i++) {
		const struct pl_docfig *r = &v[i];
		int64_t day = r->day;
		if (a->docs == 0 || day < a->first)
			a->first = day;
		if (a->docs == 0 || day > a->last)
			a->last = day;
		a->docs++;
		a->tokens += r->tokens;
		a->sentences += r->sentences;
		{
			struct srcacc *g = &a->sacc[r->source];
			if (g->docs == 0 || day < g->first)
				g->first = (int32_t)day;
			if (g->docs == 0 || day > g->last)
				g->last = (int32_t)day;
			g->docs++;
			g->tokens += r->tokens;
		}
		grp_add(&a->lang[r->lang], r);
		grp_add(&a->prec[r->prec < 3 ? r->prec : 0], r);
		/* The year estimated from the day, then corrected by
		 * comparing days: no calendar conversion a document. */
		k = day <= a->ystart[0] ? 0 :
		    (size_t)((day - a->ystart[0]) * 400 / 146097);
		if (k >= NYEARS)
			k = NYEARS - 1;
		while (k > 0 && day < a->ystart[k])
			k--;
		while (k + 1 < NYEARS && day >= a->ystart[k + 1])
			k++;
		grp_add(&a->year[k], r);
	}
	return NULL;
}

/*
 * The corpus summary from the per-document figures and the stored term
 * counts: no scan of the doc or term table, and no array of every
 * document's figures (the doc_meta blocks are summed one by one).
 */
const struct pl_error *
pl_db_info(struct pl_db *db, struct pl_table *out)
{
	const struct pl_error *err = NULL;
	struct pl_table t;
	struct pl_docfigs f;
	struct infoacc a;
	struct infogrp *src, *lang, *year, *prec;
	size_t i, nsrc, nlang, nyear = 0, nprec;
	int64_t docs, tokens, sentences, first, last;
	int64_t terms[PL_NGRAM_MAX + 1];
	char buf[256], d1[11], d2[11];
	struct buf ng;
	int n;

	pl_table_init(&t);
	memset(&f, 0, sizeof(f));
	memset(&a, 0, sizeof(a));
	buf_init(&ng);
	if (pl_db_is_empty(db))
		return pl_error_fmt(PL_ERR_DATA,
		    "%s: empty database (nothing was ever ingested)", db->path);
	if ((err = pl_table_add_col(&t, "section", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&t, "key", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&t, "documents", PL_COL_INT)) != NULL ||
	    (err = pl_table_add_col(&t, "tokens", PL_COL_INT)) != NULL ||
	    (err = pl_table_add_col(&t, "value", PL_COL_STR)) != NULL)
		goto done;
	if ((err = docmeta_labels(db->h, &f)) != NULL) {
		err = pl_error_wrap(err, "%s", db->path);
		goto done;
	}
	for (n = 1; n <= PL_NGRAM_MAX; n++) {
		snprintf(buf, sizeof(buf), "terms %d", n);
		if ((err = docmeta_stat(db->h, buf, &terms[n])) != NULL)
			goto done;
	}
	nsrc = nlang = f.nlabels;
	if ((a.src = calloc(nsrc + 1, sizeof(*a.src))) == NULL ||
	    (a.sacc = calloc(nsrc + 1, sizeof(*a.sacc))) == NULL ||
	    (a.lang = calloc(nlang + 1, sizeof(*a.lang))) == NULL ||
	    (a.year = calloc(NYEARS, sizeof(*a.year))) == NULL ||
	    (a.ystart = malloc((NYEARS + 1) * sizeof(*a.ystart))) == NULL)
		goto nomem;
	for (i = 0; i <= NYEARS; i++)
		a.ystart[i] = pl_days_from_civil((int)i + 1, 1, 1);
	if ((err = docmeta_scan(db->h, &f, info_doc, &a)) != NULL) {
		err = pl_error_wrap(err, "%s", db->path);
		goto done;
	}
	for (i = 0; i < nsrc; i++) {
		a.src[i].docs = a.sacc[i].docs;
		a.src[i].tokens = a.sacc[i].tokens;
		a.src[i].first = a.sacc[i].first;
		a.src[i].last = a.sacc[i].last;
	}
	src = a.src;
	lang = a.lang;
	year = a.year;
	prec = a.prec;
	docs = a.docs;
	tokens = a.tokens;
	sentences = a.sentences;
	first = a.first;
	last = a.last;
	for (i = 0; i < f.nlabels; i++)
		src[i].key = lang[i].key = f.labels[i];
	for (i = 0; i < NYEARS; i++)
		if (year[i].docs > 0)
			snprintf(year[i].name, sizeof(year[i].name), "%04d",
			    (int)i + 1);
	nyear = grp_compact(year, NYEARS);
	for (i = 0; i < 3; i++)
		snprintf(prec[i].name, sizeof(prec[i].name), "precision %s",
		    pl_precision_name((int)i));
	nsrc = grp_compact(src, nsrc);
	nlang = grp_compact(lang, nlang);
	qsort(src, nsrc, sizeof(*src), cmp_grp_count);
	qsort(lang, nlang, sizeof(*lang), cmp_grp_key);
	nprec = grp_compact(prec, 3);
	qsort(prec, nprec, sizeof(*prec), cmp_grp_key);

	if ((err = info_row(&t, "corpus", "total", docs, tokens, NULL)) != NULL)
		goto done;
	snprintf(buf, sizeof(buf), "%lld", (long long)terms[1]);
	if ((err = info_row(&t, "corpus", "types", -1, -1, buf)) != NULL)
		goto done;
	for (n = 1; n <= PL_NGRAM_MAX; n++) {
		if (terms[n] <= 0)
			continue;
		snprintf(buf, sizeof(buf), "%s%d-grams %lld", ng.n ? ", " : "",
		    n, (long long)terms[n]);
		if (buf_add(&ng, buf, strlen(buf)) == -1)
			goto nomem;
	}
	if (buf_add(&ng, "", 1) == -1)
		goto nomem;
	pl_date_format(first, d1);
	pl_date_format(last, d2);
	snprintf(buf, sizeof(buf), "%lld", (long long)sentences);
	if ((err = info_row(&t, "corpus", "ngrams", -1, -1,
	    ng.p[0] ? (const char *)ng.p : NULL)) != NULL ||
	    (err = info_row(&t, "corpus", "first_date", -1, -1,
	    docs ? d1 : NULL)) != NULL ||
	    (err = info_row(&t, "corpus", "last_date", -1, -1,
	    docs ? d2 : NULL)) != NULL ||
	    (err = info_row(&t, "corpus", "sentences", -1, -1,
	    docs ? buf : NULL)) != NULL)
		goto done;
	for (i = 0; i < nlang; i++) {
		snprintf(buf, sizeof(buf), "lang %.240s", lang[i].key);
		if ((err = info_row(&t, "corpus", buf, lang[i].docs,
		    lang[i].tokens, NULL)) != NULL)
			goto done;
	}
	for (i = 0; i < nprec; i++)
		if ((err = info_row(&t, "corpus", prec[i].name, prec[i].docs,
		    prec[i].tokens, NULL)) != NULL)
			goto done;
	for (i = 0; i < nsrc; i++) {
		pl_date_format(src[i].first, d1);
		pl_date_format(src[i].last, d2);
		snprintf(buf, sizeof(buf), "%s..%s", d1, d2);
		if ((err = info_row(&t, "source", src[i].key, src[i].docs,
		    src[i].tokens, buf)) != NULL)
			goto done;
	}
	for (i = 0; i < nyear; i++)
		if ((err = info_row(&t, "year", year[i].name, year[i].docs,
		    year[i].tokens, NULL)) != NULL)
			goto done;
	if ((err = info_rows(db, &t, "setting",
	    "SELECT key, NULL, NULL, CASE WHEN key IN ('user_dict', "
	    "'user_stopwords') THEN (length(value) - length(replace(value, "
	    "char(10), '')) + (substr(value, -1) <> char(10))) || ' lines' "
	    "ELSE value END FROM setting "
	    "ORDER BY key")) != NULL)
		goto done;
	pl_table_release(out);
	*out = t;
	pl_table_init(&t);
	goto done;
nomem:
	err = pl_error_nomem();
done:
	free(a.sacc);
	free(a.src);
	free(a.lang);
	free(a.year);
	free(a.ystart);
	buf_release(&ng);
	pl_docfigs_release(&f);
	pl_table_release(&t);
	return err;
}
