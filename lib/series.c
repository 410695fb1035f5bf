/*
 * series.c - term series over dense calendar buckets, and counts per
 * document or group (see include/plenum/series.h, docs/QUERIES.md).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "plenum/match.h"
#include "plenum/series.h"
#include "extern.h"

void
pl_series_opts_defaults(struct pl_series_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->by = PL_BUCKET_MONTH;
	o->value = PL_VALUE_PER10K;
	pl_docfilter_init(&o->filter);
}

int
pl_value_parse(const char *s)
{
	if (strcmp(s, "per10k") == 0)
		return PL_VALUE_PER10K;
	if (strcmp(s, "docs") == 0)
		return PL_VALUE_DOCS;
	if (strcmp(s, "count") == 0)
		return PL_VALUE_COUNT;
	return -1;
}

/* Exact (Garwood) 95% Poisson interval for a count k. */
static void
poisson_ci(int64_t k, double *lo, double *hi)
{
	*lo = k == 0 ? 0.0 : 0.5 * gsl_cdf_chisq_Pinv(0.025, 2.0 * (double)k);
	*hi = 0.5 * gsl_cdf_chisq_Pinv(0.975, 2.0 * (double)k + 2.0);
}

/* Wilson 95% score interval for k successes in n. */
static void
wilson_ci(int64_t k, int64_t n, double *lo, double *hi)
{
	double z = gsl_cdf_ugaussian_Pinv(0.975), p = (double)k / (double)n;
	double nn = (double)n, d = 1.0 + z * z / nn;
	double mid = (p + z * z / (2.0 * nn)) / d;
	double w = z * sqrt(p * (1.0 - p) / nn + z * z / (4.0 * nn * nn)) / d;

	*lo = mid - w < 0 ? 0 : mid - w;
	*hi = mid + w > 1 ? 1 : mid + w;
}

static const struct pl_error *
add_cols(struct pl_table *t, const char *const *names,
    const enum pl_coltype *types, size_t n)
{
	const struct pl_error *err;
	size_t i;

	for (i = 0; i < n; i++)
		if ((err = pl_table_add_col(t, names[i], types[i])) != NULL)
			return err;
	return NULL;
}

static void
date_cell(struct pl_table *t, size_t row, size_t col, int64_t day)
{
	char buf[11];

	pl_date_format(day, buf);
	pl_table_set_str(t, row, col, buf);
}

const struct pl_error *
pl_series(struct pl_corpus *c, struct pl_term **terms, size_t nterms,
    const struct pl_series_opts *o, struct pl_table *out)
{
	static const char *const names[] = { "term", "bucket", "start", "end",
	    "count", "docs", "bucket_docs", "bucket_tokens", "value" };
	static const enum pl_coltype types[] = { PL_COL_STR, PL_COL_STR,
	    PL_COL_STR, PL_COL_STR, PL_COL_INT, PL_COL_INT, PL_COL_INT,
	    PL_COL_INT, PL_COL_REAL };
	const struct pl_error *err = NULL;
	struct pl_table t;
	struct tbuckets b;
	int64_t *counts = NULL, *cnt = NULL, *dhit = NULL;
	double *val = NULL;
	size_t i, k, row, col_lo = 0, col_sm = 0;
	char label[24];

	gsl_set_error_handler_off();
	pl_table_init(&t);
	memset(&b, 0, sizeof(b));
	if ((err = tbuckets_make(c, (int)o->by, &o->filter, &b)) != NULL)
		goto done;
	if ((err = add_cols(&t, names, types, 9)) != NULL)
		goto done;
	if (o->ci) {
		col_lo = t.ncols;
		if ((err = pl_table_add_col(&t, "lower", PL_COL_REAL)) != NULL ||
		    (err = pl_table_add_col(&t, "upper", PL_COL_REAL)) != NULL)
			goto done;
	}
	if (o->smooth > 0) {
		col_sm = t.ncols;
		if ((err = pl_table_add_col(&t, "smooth", PL_COL_REAL)) != NULL)
			goto done;
	}
	if ((cnt = calloc(b.n, sizeof(*cnt))) == NULL ||
	    (dhit = calloc(b.n, sizeof(*dhit))) == NULL ||
	    (val = calloc(b.n, sizeof(*val))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (k = 0; k < nterms; k++) {
		if ((err = pl_term_counts(c, terms[k], &o->filter, &counts)) !=
		    NULL)
			goto done;
		memset(cnt, 0, b.n * sizeof(*cnt));
		memset(dhit, 0, b.n * sizeof(*dhit));
		for (i = 0; i < c->ndocs; i++)
			if (b.of[i] >= 0 && counts[i] > 0) {
				cnt[b.of[i]] += counts[i];
				dhit[b.of[i]]++;
			}
		free(counts);
		counts = NULL;
		for (i = 0; i < b.n; i++) {
			if ((err = pl_table_add_row(&t)) != NULL)
				goto done;
			row = t.nrows - 1;
			pl_bucket_label(o->by, b.start[i], label);
			pl_table_set_str(&t, row, 0, terms[k]->label);
			pl_table_set_str(&t, row, 1, label);
			date_cell(&t, row, 2, b.start[i]);
			date_cell(&t, row, 3, b.start[i + 1] - 1);
			pl_table_set_int(&t, row, 4, cnt[i]);
			pl_table_set_int(&t, row, 5, dhit[i]);
			pl_table_set_int(&t, row, 6, b.docs[i]);
			pl_table_set_int(&t, row, 7, b.tokens[i]);
			val[i] = NAN;
			if (b.docs[i] == 0)
				continue;	/* no reports: no value */
			switch (o->value) {
			case PL_VALUE_PER10K:
				val[i] = b.tokens[i] > 0 ? (double)cnt[i] *
				    10000.0 / (double)b.tokens[i] : NAN;
				break;
			case PL_VALUE_DOCS:
				val[i] = (double)dhit[i] / (double)b.docs[i];
				break;
			case PL_VALUE_COUNT:
				val[i] = (double)cnt[i];
				break;
			}
			pl_table_set_real(&t, row, 8, val[i]);
			if (o->ci) {
				double lo, hi, scale = 1.0;
				if (o->value == PL_VALUE_DOCS)
					wilson_ci(dhit[i], b.docs[i], &lo, &hi);
				else {
					poisson_ci(cnt[i], &lo, &hi);
					if (o->value == PL_VALUE_PER10K)
						scale = b.tokens[i] > 0 ?
						    10000.0 / (double)b.tokens[i] :
						    NAN;
				}
				pl_table_set_real(&t, row, col_lo, lo * scale);
				pl_table_set_real(&t, row, col_lo + 1,
				    hi * scale);
			}
		}
		if (o->smooth > 0) {
			/* Centred window of N buckets: (N-1)/2 before, N/2
			 * after; buckets without reports are left out. */
			size_t before = (size_t)(o->smooth - 1) / 2;
			size_t after = (size_t)o->smooth / 2;
			for (i = 0; i < b.n; i++) {
				size_t j, lo = i >= before ? i - before : 0;
				size_t hi = i + after < b.n ? i + after : b.n - 1;
				double sum = 0;
				int m = 0;
				for (j = lo; j <= hi; j++)
					if (!isnan(val[j])) {
						sum += val[j];
						m++;
					}
				row = t.nrows - b.n + i;
				if (m > 0)
					pl_table_set_real(&t, row, col_sm,
					    sum / m);
			}
		}
	}
	pl_table_release(out);
	*out = t;
	pl_table_init(&t);
done:
	free(counts);
	free(cnt);
	free(dhit);
	free(val);
	tbuckets_release(&b);
	pl_table_release(&t);
	return err;
}

static int
cmp_row_date(const void *a, const void *b, void *arg)
{
	const struct pl_corpus *c = arg;
	const struct pl_cdoc *x = &c->docs[*(const size_t *)a];
	const struct pl_cdoc *y = &c->docs[*(const size_t *)b];

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static double
per10k(int64_t count, int64_t tokens)
{
	return tokens > 0 ? (double)count * 10000.0 / (double)tokens : NAN;
}

const struct pl_error *
pl_query(struct pl_corpus *c, struct pl_term **terms, size_t nterms,
    int group, const struct pl_docfilter *f, struct pl_table *out)
{
	static const char *const dnames[] = { "term", "doc", "date", "source",
	    "title", "count", "tokens", "per10k" };
	static const enum pl_coltype dtypes[] = { PL_COL_STR, PL_COL_STR,
	    PL_COL_STR, PL_COL_STR, PL_COL_STR, PL_COL_INT, PL_COL_INT,
	    PL_COL_REAL };
	static const char *const gnames[] = { "term", "group", "date", "count",
	    "docs", "group_docs", "tokens", "per10k" };
	static const enum pl_coltype gtypes[] = { PL_COL_STR, PL_COL_STR,
	    PL_COL_STR, PL_COL_INT, PL_COL_INT, PL_COL_INT, PL_COL_INT,
	    PL_COL_REAL };
	const struct pl_error *err = NULL;
	struct pl_table t;
	struct tbuckets b;
	int64_t *counts = NULL, *gc = NULL, *gd = NULL, *gdocs = NULL,
	    *gtok = NULL;
	size_t *order = NULL, i, k, g, ng = 0, row;
	char label[24];

	pl_table_init(&t);
	memset(&b, 0, sizeof(b));
	if (group == PL_GROUP_DOC) {
		if ((err = add_cols(&t, dnames, dtypes, 8)) != NULL)
			goto done;
		if ((order = malloc((c->ndocs ? c->ndocs : 1) *
		    sizeof(*order))) == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		for (i = 0; i < c->ndocs; i++)
			order[i] = i;
		if (c->ndocs > 1)
			qsort_r(order, c->ndocs, sizeof(*order),
			    cmp_row_date, c);
	} else {
		if ((err = add_cols(&t, gnames, gtypes, 8)) != NULL)
			goto done;
		if (group == PL_GROUP_SOURCE)
			ng = c->nsources;
		else {
			if ((err = tbuckets_make(c, group, f,
			    &b)) != NULL)
				goto done;
			ng = b.n;
		}
		if ((gc = calloc(ng + 1, sizeof(*gc))) == NULL ||
		    (gd = calloc(ng + 1, sizeof(*gd))) == NULL ||
		    (gdocs = calloc(ng + 1, sizeof(*gdocs))) == NULL ||
		    (gtok = calloc(ng + 1, sizeof(*gtok))) == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		for (i = 0; i < c->ndocs; i++) {
			long gi = group == PL_GROUP_SOURCE ?
			    (pl_corpus_match(c, i, f) ? (long)c->docs[i].source :
			    -1) : b.of[i];
			if (gi < 0)
				continue;
			gdocs[gi]++;
			gtok[gi] += c->docs[i].tokens;
		}
	}
	for (k = 0; k < nterms; k++) {
		if ((err = pl_term_counts(c, terms[k], f, &counts)) != NULL)
			goto done;
		if (group == PL_GROUP_DOC) {
			for (i = 0; i < c->ndocs; i++) {
				const struct pl_cdoc *d = &c->docs[order[i]];
				int64_t n = counts[order[i]];
				char *ext = NULL, *title = NULL;
				if (n == 0)
					continue;
				if ((err = pl_table_add_row(&t)) != NULL ||
				    (err = pl_db_doc_names(c->db, d->id, &ext,
				    &title)) != NULL)
					goto done;
				row = t.nrows - 1;
				pl_table_set_str(&t, row, 0, terms[k]->label);
				err = pl_table_set_str(&t, row, 1, ext);
				if (err == NULL)
					err = pl_table_set_str(&t, row, 4,
					    title);
				free(ext);
				free(title);
				if (err)
					goto done;
				date_cell(&t, row, 2, d->day);
				pl_table_set_str(&t, row, 3,
				    c->sources[d->source]);
				pl_table_set_int(&t, row, 5, n);
				pl_table_set_int(&t, row, 6, d->tokens);
				pl_table_set_real(&t, row, 7,
				    per10k(n, d->tokens));
			}
		} else {
			memset(gc, 0, ng * sizeof(*gc));
			memset(gd, 0, ng * sizeof(*gd));
			for (i = 0; i < c->ndocs; i++) {
				long gi = group == PL_GROUP_SOURCE ?
				    (long)c->docs[i].source : b.of[i];
				if (gi < 0 || counts[i] == 0)
					continue;
				gc[gi] += counts[i];
				gd[gi]++;
			}
			for (g = 0; g < ng; g++) {
				if (group == PL_GROUP_SOURCE && gdocs[g] == 0)
					continue;	/* filtered out */
				if ((err = pl_table_add_row(&t)) != NULL)
					goto done;
				row = t.nrows - 1;
				pl_table_set_str(&t, row, 0, terms[k]->label);
				if (group == PL_GROUP_SOURCE)
					pl_table_set_str(&t, row, 1,
					    c->sources[g]);
				else {
					pl_bucket_label((enum pl_bucket)group,
					    b.start[g], label);
					pl_table_set_str(&t, row, 1, label);
					date_cell(&t, row, 2, b.start[g]);
				}
				pl_table_set_int(&t, row, 3, gc[g]);
				pl_table_set_int(&t, row, 4, gd[g]);
				pl_table_set_int(&t, row, 5, gdocs[g]);
				pl_table_set_int(&t, row, 6, gtok[g]);
				if (gdocs[g] > 0)
					pl_table_set_real(&t, row, 7,
					    per10k(gc[g], gtok[g]));
			}
		}
		free(counts);
		counts = NULL;
	}
	pl_table_release(out);
	*out = t;
	pl_table_init(&t);
done:
	free(counts);
	free(order);
	free(gc);
	free(gd);
	free(gdocs);
	free(gtok);
	tbuckets_release(&b);
	pl_table_release(&t);
	return err;
}
