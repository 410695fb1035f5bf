/*
 * changes.c - change points by PELT (see include/plenum/changes.h,
 * docs/STATISTICS.md).
 *
 * Segment costs come from prefix sums, so each is O(1); PELT's pruning
 * keeps the candidate set small on long series.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/changes.h"
#include "extern.h"

struct costs {
	enum pl_cost	 kind;
	double		*s1, *s2;	/* prefix sums: counts and exposure,
					   or y and y^2 */
	double		 var;		/* normal: sigma^2; Poisson: the
					   dispersion phi */
};

/* The cost of points [a, b). */
static double
seg_cost(const struct costs *k, size_t a, size_t b)
{
	double x = k->s1[b] - k->s1[a], e = k->s2[b] - k->s2[a];

	if (k->kind == PL_COST_POISSON)
		/* -2 sum(c ln(lambda e_t) - lambda e_t), lambda = x / e,
		 * without sum c ln e_t, the same for every segmentation */
		return x > 0 ? -2.0 * (x * log(x / e) - x) / k->var : 0.0;
	return (e - x * x / (double)(b - a)) / k->var;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * Quasi-Poisson dispersion phi, robustly: neighbouring buckets t-1, t
 * under one rate have standardised difference z = (c_t/e_t -
 * c_t-1/e_t-1) / sqrt(l (1/e_t + 1/e_t-1)) with l = (c_t-1 + c_t) /
 * (e_t-1 + e_t), of variance phi; phi = (1.4826 median |z|)^2, at least
 * 1.  A few real changes hardly move the median.
 */
static double
dispersion(const int64_t *c, const int64_t *e, size_t n, double *scratch)
{
	double med, phi;
	size_t i, m = 0;

	for (i = 1; i < n; i++) {
		double l = (double)(c[i - 1] + c[i]) / (double)(e[i - 1] +
		    e[i]);
		if (l <= 0)
			continue;
		scratch[m++] = fabs((double)c[i] / (double)e[i] -
		    (double)c[i - 1] / (double)e[i - 1]) / sqrt(l * (1.0 /
		    (double)e[i] + 1.0 / (double)e[i - 1]));
	}
	if (m == 0)
		return 1;
	qsort(scratch, m, sizeof(*scratch), cmp_double);
	med = m % 2 ? scratch[m / 2] : 0.5 * (scratch[m / 2 - 1] +
	    scratch[m / 2]);
	phi = pow(1.4826 * med, 2);
	return phi > 1 ? phi : 1;
}

/* Robust sigma^2 of y: (1.4826 median |y_t - y_t-1| / sqrt 2)^2, else the
 * sample variance; 0 for a constant series. */
static double
robust_var(const double *y, size_t n, double *scratch)
{
	double med, mean = 0, v = 0;
	size_t i;

	if (n < 2)
		return 0;
	for (i = 1; i < n; i++)
		scratch[i - 1] = fabs(y[i] - y[i - 1]);
	qsort(scratch, n - 1, sizeof(*scratch), cmp_double);
	med = (n - 1) % 2 ? scratch[(n - 1) / 2] :
	    0.5 * (scratch[(n - 1) / 2 - 1] + scratch[(n - 1) / 2]);
	if (med > 0)
		return pow(1.4826 * med / sqrt(2.0), 2);
	for (i = 0; i < n; i++)
		mean += y[i];
	mean /= (double)n;
	for (i = 0; i < n; i++)
		v += (y[i] - mean) * (y[i] - mean);
	return v / (double)(n - 1);
}

const struct pl_error *
pl_pelt(enum pl_cost kind, const int64_t *count, const int64_t *exposure,
    const double *y, size_t n, double beta, size_t minseg, size_t **cp,
    size_t *ncp, double *scale)
{
	const struct pl_error *err = NULL;
	struct costs k;
	double *F = NULL, *val = NULL;
	size_t *last = NULL, *R = NULL, *out = NULL, nr, t, i, j, nout = 0;

	memset(&k, 0, sizeof(k));
	k.kind = kind;
	if (minseg < 1)
		minseg = 1;
	if (!(beta >= 0))
		return pl_error_fmt(PL_ERR_USAGE, "penalty must be 0 or more");
	if ((k.s1 = calloc(n + 1, sizeof(*k.s1))) == NULL ||
	    (k.s2 = calloc(n + 1, sizeof(*k.s2))) == NULL ||
	    (F = malloc((n + 1) * sizeof(*F))) == NULL ||
	    (val = malloc((n + 1) * sizeof(*val))) == NULL ||
	    (last = calloc(n + 1, sizeof(*last))) == NULL ||
	    (R = malloc((n + 1) * sizeof(*R))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (t = 0; t < n; t++) {
		if (kind == PL_COST_POISSON) {
			if (count[t] < 0 || exposure[t] <= 0) {
				err = pl_error_fmt(PL_ERR_DATA, "point %zu: "
				    "count %lld, exposure %lld", t + 1,
				    (long long)count[t],
				    (long long)exposure[t]);
				goto done;
			}
			k.s1[t + 1] = k.s1[t] + (double)count[t];
			k.s2[t + 1] = k.s2[t] + (double)exposure[t];
		} else {
			k.s1[t + 1] = k.s1[t] + y[t];
			k.s2[t + 1] = k.s2[t] + y[t] * y[t];
		}
	}
	if (kind == PL_COST_POISSON)
		k.var = dispersion(count, exposure, n, val);
	else {
		k.var = robust_var(y, n, val);
		if (!(k.var > 0))
			goto result;	/* constant: no change */
	}
	if (n < 2 * minseg)
		goto result;
	/* F[t]: the best cost of points [0, t), each change paying beta. */
	F[0] = -beta;
	nr = 0;
	R[nr++] = 0;
	for (t = minseg; t <= n; t++) {
		double best = INFINITY;
		size_t arg = 0, keep = 0;
		for (i = 0; i < nr; i++) {
			if (t - R[i] < minseg) {
				val[i] = NAN;
				continue;
			}
			val[i] = F[R[i]] + seg_cost(&k, R[i], t) + beta;
			if (val[i] < best) {
				best = val[i];
				arg = R[i];
			}
		}
		F[t] = best;
		last[t] = arg;
		/* Prune: a candidate that cannot beat F[t] now never will
		 * (the costs add up over a split, K = 0). */
		for (i = 0; i < nr; i++)
			if (isnan(val[i]) || val[i] - beta <= F[t])
				R[keep++] = R[i];
		nr = keep;
		if (t + minseg <= n)
			R[nr++] = t;
	}
	/* The change points, walking back from n. */
	for (t = n; t > 0; t = last[t])
		if (last[t] > 0)
			nout++;
	if ((out = malloc((nout ? nout : 1) * sizeof(*out))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (t = n, j = nout; t > 0; t = last[t])
		if (last[t] > 0)
			out[--j] = last[t];
result:
	if (out == NULL && (out = malloc(sizeof(*out))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	*cp = out;
	*ncp = nout;
	if (scale != NULL)
		*scale = k.var;
	out = NULL;
done:
	free(out);
	free(k.s1);
	free(k.s2);
	free(F);
	free(val);
	free(last);
	free(R);
	return err;
}

void
pl_changes_opts_defaults(struct pl_changes_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->by = PL_BUCKET_MONTH;
	o->cost = PL_COST_POISSON;
	o->penalty = PL_PEN_BIC;
	o->minseg = 2;
	pl_docfilter_init(&o->filter);
}

struct cctx {
	const struct pl_changes_opts	*o;
	const struct tbuckets		*b;
	struct pl_table			*t;
	size_t				 nb;
	size_t				*bi;
	int64_t				*r, *d;
	double				*y;
};

static void
date_cell(struct pl_table *t, size_t row, size_t col, int64_t day)
{
	char buf[11];

	pl_date_format(day, buf);
	pl_table_set_str(t, row, col, buf);
}

static const struct pl_error *
change_term(void *arg, const char *term, const int64_t *count, int64_t total)
{
	const struct pl_error *err;
	struct cctx *x = arg;
	const struct tbuckets *b = x->b;
	size_t *cp = NULL, ncp = 0, s, k, row;
	double beta, prev = NAN, scale;
	char label[24];

	(void)total;
	for (k = 0; k < x->nb; k++) {
		x->r[k] = count[x->bi[k]];
		x->d[k] = b->tokens[x->bi[k]];
		x->y[k] = (double)x->r[k] * 10000.0 / (double)x->d[k];
	}
	switch (x->o->penalty) {
	case PL_PEN_BIC:
		beta = 2.0 * log((double)x->nb);
		break;
	case PL_PEN_AIC:
		beta = 4.0;
		break;
	default:
		beta = x->o->value;
		break;
	}
	if ((err = pl_pelt(x->o->cost, x->r, x->d, x->y, x->nb, beta,
	    x->o->minseg, &cp, &ncp, &scale)) != NULL)
		return pl_error_wrap(err, "'%s'", term);
	for (s = 0; s <= ncp; s++) {
		size_t a = s == 0 ? 0 : cp[s - 1];
		size_t e = s == ncp ? x->nb : cp[s];	/* [a, e) */
		int64_t c = 0, tok = 0;
		double rate;
		for (k = a; k < e; k++) {
			c += x->r[k];
			tok += x->d[k];
		}
		rate = (double)c * 10000.0 / (double)tok;
		if ((err = pl_table_add_row(x->t)) != NULL)
			goto done;
		row = x->t->nrows - 1;
		pl_table_set_str(x->t, row, 0, term);
		pl_table_set_int(x->t, row, 1, (int64_t)s + 1);
		pl_bucket_label(b->by, b->start[x->bi[a]], label);
		pl_table_set_str(x->t, row, 2, label);
		pl_bucket_label(b->by, b->start[x->bi[e - 1]], label);
		pl_table_set_str(x->t, row, 3, label);
		date_cell(x->t, row, 4, b->start[x->bi[a]]);
		date_cell(x->t, row, 5, b->start[x->bi[e - 1] + 1] - 1);
		pl_table_set_int(x->t, row, 6, (int64_t)(e - a));
		pl_table_set_int(x->t, row, 7, c);
		pl_table_set_int(x->t, row, 8, tok);
		pl_table_set_real(x->t, row, 9, rate);
		if (s > 0) {
			pl_bucket_label(b->by, b->start[x->bi[a]], label);
			pl_table_set_str(x->t, row, 10, label);
			pl_table_set_real(x->t, row, 11, prev > 0 ?
			    rate / prev : NAN);
		}
		pl_table_set_real(x->t, row, 12, scale);
		prev = rate;
	}
done:
	free(cp);
	return err;
}

const struct pl_error *
pl_changes(struct pl_corpus *c, struct pl_term **terms, size_t nterms,
    const struct pl_changes_opts *o, struct pl_table *out)
{
	static const char *const names[] = { "term", "segment", "start",
	    "end", "first", "last", "buckets", "count", "tokens", "rate",
	    "change", "ratio", "scale" };
	static const enum pl_coltype types[] = { PL_COL_STR, PL_COL_INT,
	    PL_COL_STR, PL_COL_STR, PL_COL_STR, PL_COL_STR, PL_COL_INT,
	    PL_COL_INT, PL_COL_INT, PL_COL_REAL, PL_COL_STR, PL_COL_REAL,
	    PL_COL_REAL };
	const struct pl_error *err = NULL;
	struct pl_table t;
	struct tbuckets b;
	struct tseries_opts so;
	struct cctx x;
	size_t i;

	pl_table_init(&t);
	memset(&x, 0, sizeof(x));
	if ((err = tbuckets_make(c, o->by, &o->filter, &b)) != NULL)
		return err;
	x.o = o;
	x.b = &b;
	x.t = &t;
	if ((x.bi = malloc(b.n * sizeof(*x.bi))) == NULL ||
	    (x.r = malloc(b.n * sizeof(*x.r))) == NULL ||
	    (x.d = malloc(b.n * sizeof(*x.d))) == NULL ||
	    (x.y = malloc(b.n * sizeof(*x.y))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (i = 0; i < b.n; i++)
		if (b.docs[i] > 0 && b.tokens[i] > 0)
			x.bi[x.nb++] = i;
	if (x.nb == 0) {
		err = pl_error_fmt(PL_ERR_DATA, "no %s bucket with reports in "
		    "range", pl_bucket_name(o->by));
		goto done;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if ((err = pl_table_add_col(&t, names[i], types[i])) != NULL)
			goto done;
	memset(&so, 0, sizeof(so));
	so.ngram = 1;
	if ((err = tseries_each(c, &b, &o->filter, terms, nterms, &so,
	    change_term, &x)) != NULL)
		goto done;
	pl_table_release(out);
	*out = t;
	pl_table_init(&t);
done:
	free(x.bi);
	free(x.r);
	free(x.d);
	free(x.y);
	tbuckets_release(&b);
	pl_table_release(&t);
	return err;
}
