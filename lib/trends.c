/*
 * trends.c - trend tests of a series and the trend screen over terms
 * (see include/plenum/trends.h, docs/STATISTICS.md "Trend tests").
 *
 * Term rate series are mostly zeros.  Pairs of zero buckets add nothing
 * to Mann-Kendall's S and give Theil-Sen slopes of exactly 0, so they are
 * counted, not enumerated: the work per term is O(n * nonzero), and the
 * order statistics of the pairwise slopes are found by selection, not by
 * sorting them.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>

#include "plenum/stats.h"
#include "plenum/trends.h"
#include "extern.h"

/* Days in a mean Gregorian year: the time axis is in these years. */
#define YEAR_DAYS	365.2425

static int
cmp_by_value(const void *a, const void *b, void *arg)
{
	const double *y = arg;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;

	if (y[i] < y[j])
		return -1;
	if (y[i] > y[j])
		return 1;
	return i < j ? -1 : i > j;
}

/*
 * Average ranks (1-based) of y into rank, using order (scratch, n);
 * returns the tie sums: *tsum = sum t(t-1)(2t+5), *tpairs = sum t(t-1)/2.
 */
static void
ranks(const double *y, size_t n, size_t *order, double *rank, double *tsum,
    double *tpairs)
{
	size_t i, j, k;

	for (i = 0; i < n; i++)
		order[i] = i;
	qsort_r(order, n, sizeof(*order), cmp_by_value, (void *)y);
	*tsum = *tpairs = 0;
	for (i = 0; i < n; i = j) {
		double t;
		for (j = i + 1; j < n && y[order[j]] == y[order[i]]; j++)
			;
		for (k = i; k < j; k++)
			rank[order[k]] = 0.5 * (double)(i + j - 1) + 1.0;
		t = (double)(j - i);
		*tsum += t * (t - 1) * (2 * t + 5);
		*tpairs += t * (t - 1) / 2;
	}
}

/*
 * The k-th smallest (0-based) of a[lo..hi], by Floyd and Rivest's
 * SELECT (CACM 18(3), 1975, algorithm 489): about n + min(k, n - k)
 * comparisons.  Leaves a[lo..hi] partitioned around position k.
 */
static void
swapd(double *a, long i, long j)
{
	double t = a[i];

	a[i] = a[j];
	a[j] = t;
}

static double
kth(double *a, long lo, long hi, long k)
{
	while (hi > lo) {
		double t;
		long i, j;
		if (hi - lo > 600) {
			double n = (double)(hi - lo + 1), m = (double)(k - lo + 1);
			double z = log(n), s = 0.5 * exp(2 * z / 3);
			double sd = 0.5 * sqrt(z * s * (n - s) / n) *
			    (m - n / 2 < 0 ? -1 : 1);
			long nl = (long)((double)k - m * s / n + sd);
			long nr = (long)((double)k + (n - m) * s / n + sd);
			kth(a, nl > lo ? nl : lo, nr < hi ? nr : hi, k);
		}
		t = a[k];
		i = lo;
		j = hi;
		swapd(a, lo, k);
		if (a[hi] > t)
			swapd(a, hi, lo);
		while (i < j) {
			swapd(a, i, j);
			i++;
			j--;
			while (a[i] < t)
				i++;
			while (a[j] > t)
				j--;
		}
		if (a[lo] == t)
			swapd(a, lo, j);
		else {
			j++;
			swapd(a, j, hi);
		}
		if (j <= k)
			lo = j + 1;
		if (k <= j)
			hi = j - 1;
	}
	return a[k];
}

/*
 * The pairwise slopes: the na of a[] plus zblock more that are exactly 0
 * (pairs of zeros); nneg of a[] are negative and nzero are 0.  Each
 * selection leaves a[] partitioned around the rank it found (kept in
 * piv, sorted), so later ones only search between two such ranks.
 */
struct slopes {
	double	*a;
	size_t	 na, nneg, nzero, zblock;
	long	 piv[8];
	int	 npiv;
};

static double
array_rank(struct slopes *s, long k)
{
	long lo = 0, hi = (long)s->na - 1;
	int i, at;
	double v;

	for (at = 0; at < s->npiv && s->piv[at] < k; at++)
		lo = s->piv[at] + 1;
	if (at < s->npiv && s->piv[at] == k)
		return s->a[k];
	if (at < s->npiv)
		hi = s->piv[at] - 1;
	v = kth(s->a, lo, hi, k);
	if (s->npiv < (int)(sizeof(s->piv) / sizeof(s->piv[0]))) {
		for (i = s->npiv; i > at; i--)
			s->piv[i] = s->piv[i - 1];
		s->piv[at] = k;
		s->npiv++;
	}
	return v;
}

/* The k-th smallest of all the slopes. */
static double
slope_rank(struct slopes *s, size_t k)
{
	if (k < s->nneg)
		return array_rank(s, (long)k);
	if (k < s->nneg + s->nzero + s->zblock)
		return 0.0;
	return array_rank(s, (long)(k - s->zblock));
}

/* Hamed and Rao (1998): n/n* from the significant autocorrelations of
 * the ranks of the detrended series. */
static double
hamed_rao(const double *t, const double *y, size_t n, double sen,
    size_t *order, double *rank, double *e)
{
	double tsum, tpairs, mean = 0, den = 0, sum = 0, bound, nn = (double)n;
	size_t i, k;

	for (i = 0; i < n; i++)
		e[i] = y[i] - sen * t[i];
	ranks(e, n, order, rank, &tsum, &tpairs);
	for (i = 0; i < n; i++)
		mean += rank[i];
	mean /= nn;
	for (i = 0; i < n; i++)
		den += (rank[i] - mean) * (rank[i] - mean);
	if (den == 0)
		return NAN;
	bound = gsl_cdf_ugaussian_Pinv(0.975) / sqrt(nn);
	for (k = 1; k < n; k++) {
		double num = 0, r, m = (double)(n - k);
		for (i = 0; i + k < n; i++)
			num += (rank[i] - mean) * (rank[i + k] - mean);
		r = num / den;
		if (fabs(r) > bound)
			sum += m * (m - 1) * (m - 2) * r;
	}
	return 1.0 + 2.0 / (nn * (nn - 1) * (nn - 2)) * sum;
}

const struct pl_error *
pl_trend_test(const double *t, const double *y, size_t n, int autocorr,
    struct pl_trend *out)
{
	const struct pl_error *err = NULL;
	struct pl_trend r;
	struct slopes sl;
	size_t *order = NULL, *nzi = NULL, *zi = NULL, i, j, nnz = 0, nz = 0;
	size_t npairs;
	double *rank = NULL, *e = NULL, tsum, tpairs, nn = (double)n;
	double c0, c1, cov00, cov01, cov11, sumsq, s = 0, var, sd, z;
	double mr, sxy, syy;

	memset(&sl, 0, sizeof(sl));
	if (n < 3)
		return pl_error_fmt(PL_ERR_DATA, "%zu points: a trend test "
		    "needs at least 3", n);
	for (i = 1; i < n; i++)
		if (!(t[i] > t[i - 1]))
			return pl_error_fmt(PL_ERR_DATA, "times must increase "
			    "strictly (point %zu)", i + 1);
	for (i = 0; i < n; i++)
		if (!isfinite(y[i]) || !isfinite(t[i]))
			return pl_error_fmt(PL_ERR_DATA, "point %zu is not a "
			    "finite number", i + 1);
	npairs = n * (n - 1) / 2;
	if ((order = malloc(n * sizeof(*order))) == NULL ||
	    (nzi = malloc(n * sizeof(*nzi))) == NULL ||
	    (zi = malloc(n * sizeof(*zi))) == NULL ||
	    (rank = malloc(n * sizeof(*rank))) == NULL ||
	    (e = malloc(n * sizeof(*e))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	r.n = n;
	r.hr_factor = 1.0;

	/* OLS. */
	r.slope = r.intercept = r.slope_se = r.slope_p = NAN;
	if (gsl_fit_linear(t, 1, y, 1, n, &c0, &c1, &cov00, &cov01, &cov11,
	    &sumsq) == GSL_SUCCESS) {
		r.slope = c1;
		r.intercept = c0;
		r.slope_se = sqrt(cov11);
		if (r.slope_se > 0)
			r.slope_p = pl_t_p2(c1 / r.slope_se, nn - 2);
		else if (c1 != 0)
			r.slope_p = 0;	/* a perfect line */
	}

	/* Ranks and ties of y; the times have none. */
	ranks(y, n, order, rank, &tsum, &tpairs);

	/*
	 * The pairwise slopes, each pair once: a nonzero point with every
	 * later point and with every earlier zero; pairs of zeros (slope 0,
	 * sign 0) are only counted.  Mann-Kendall's S is the number of
	 * rising pairs minus the falling ones: sign(slope) = sign(y_j - y_i)
	 * since t_j > t_i.
	 */
	for (i = 0; i < n; i++) {
		if (y[i] == 0)
			zi[nz++] = i;
		else
			nzi[nnz++] = i;
	}
	sl.zblock = nz * (nz - (nz > 0)) / 2;
	sl.na = npairs - sl.zblock;
	if ((sl.a = malloc((sl.na ? sl.na : 1) * sizeof(*sl.a))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	{
		size_t k = 0, npos = 0, nneg = 0, nzero = 0;
		for (i = 0; i < nnz; i++) {
			size_t a = nzi[i];
			double ya = y[a], ta = t[a];
			for (j = a + 1; j < n; j++) {
				double d = (y[j] - ya) / (t[j] - ta);
				sl.a[k++] = d;
				npos += d > 0;
				nneg += d < 0;
				nzero += d == 0;
			}
			for (j = 0; j < nz && zi[j] < a; j++) {
				double d = ya / (ta - t[zi[j]]);
				sl.a[k++] = d;
				npos += d > 0;
				nneg += d < 0;
				nzero += d == 0;
			}
		}
		sl.nneg = nneg;
		sl.nzero = nzero;
		s = (double)npos - (double)nneg;
	}
	var = (nn * (nn - 1) * (2 * nn + 5) - tsum) / 18.0;
	r.mk_s = s;
	r.mk_tau = (double)npairs - tpairs > 0 ? s / sqrt((double)npairs *
	    ((double)npairs - tpairs)) : NAN;

	if (npairs % 2)
		r.sen_slope = slope_rank(&sl, npairs / 2);
	else
		r.sen_slope = 0.5 * (slope_rank(&sl, npairs / 2 - 1) +
		    slope_rank(&sl, npairs / 2));

	/* Hamed-Rao, then Z, p and Sen's interval from Var(S). */
	if (autocorr) {
		r.hr_factor = hamed_rao(t, y, n, r.sen_slope, order, rank, e);
		/* Only ever widen: a factor below 1 comes from negative
		 * autocorrelations a short series estimates poorly, and can
		 * shrink Var(S) to nothing (docs/STATISTICS.md). */
		if (r.hr_factor > 1)
			var *= r.hr_factor;
		/* ranks of y are needed again below */
		ranks(y, n, order, rank, &tsum, &tpairs);
	}
	r.mk_var = var;
	r.mk_z = r.mk_p = NAN;
	if (var > 0) {
		sd = sqrt(var);
		r.mk_z = s > 0 ? (s - 1) / sd : s < 0 ? (s + 1) / sd : 0.0;
		r.mk_p = pl_norm_p2(r.mk_z);
	}
	r.sen_lower = r.sen_upper = NAN;
	if (var >= 0 && isfinite(var)) {
		double ru, rl, np = (double)npairs;
		z = gsl_cdf_ugaussian_Pinv(0.975);
		sd = sqrt(var);
		ru = rint((np + z * sd) / 2);
		rl = rint((np - z * sd) / 2) - 1;
		if (ru > np - 1)
			ru = np - 1;
		if (rl < 0)
			rl = 0;
		r.sen_lower = slope_rank(&sl, (size_t)rl);
		r.sen_upper = slope_rank(&sl, (size_t)ru);
	}

	/* Spearman: Pearson correlation of the ranks; time ranks are 1..n. */
	mr = (nn + 1) / 2;
	sxy = syy = 0;
	for (i = 0; i < n; i++) {
		sxy += ((double)(i + 1) - mr) * (rank[i] - mr);
		syy += (rank[i] - mr) * (rank[i] - mr);
	}
	r.spearman_rho = r.spearman_p = NAN;
	if (syy > 0) {
		double sxx = nn * (nn * nn - 1) / 12.0, rho;
		rho = sxy / sqrt(sxx * syy);
		if (rho > 1)
			rho = 1;
		if (rho < -1)
			rho = -1;
		r.spearman_rho = rho;
		r.spearman_p = fabs(rho) == 1 ? 0.0 : pl_t_p2(rho *
		    sqrt((nn - 2) / ((1 - rho) * (1 + rho))), nn - 2);
	}
	*out = r;
done:
	free(order);
	free(nzi);
	free(zi);
	free(rank);
	free(e);
	free(sl.a);
	return err;
}

void
pl_trends_opts_defaults(struct pl_trends_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->by = PL_BUCKET_MONTH;
	o->ngram = 1;
	o->min_count = 20;
	o->sort = PL_TREND_SORT_Q;
	o->dir = PL_TREND_BOTH;
	pl_docfilter_init(&o->filter);
}

struct trow {
	uint32_t	 term;		/* offset in texts */
	int64_t		 count;
	double		 mean;
	struct pl_trend	 r;
	double		 q;
};

struct sctx {
	const struct pl_trends_opts	*o;
	const struct tbuckets		*b;
	size_t				 nb;	/* buckets with reports */
	size_t				*bi;	/* their indices */
	double				*t, *y;
	struct trow			*v;
	size_t				 n, cap;
	struct buf			 texts;
};

static const struct pl_error *
screen_term(void *arg, const char *term, const int64_t *count, int64_t total)
{
	const struct pl_error *err;
	struct sctx *x = arg;
	struct trow *tr;
	size_t k;
	double sum = 0;

	for (k = 0; k < x->nb; k++) {
		size_t i = x->bi[k];
		x->y[k] = (double)count[i] * 10000.0 / (double)x->b->tokens[i];
		sum += x->y[k];
	}
	if (x->n == x->cap) {
		size_t nc = x->cap ? x->cap * 2 : 1024;
		struct trow *nv = realloc(x->v, nc * sizeof(*nv));
		if (nv == NULL)
			return pl_error_nomem();
		x->v = nv;
		x->cap = nc;
	}
	tr = &x->v[x->n];
	if ((err = pl_trend_test(x->t, x->y, x->nb, x->o->autocorr, &tr->r)) !=
	    NULL)
		return pl_error_wrap(err, "'%s'", term);
	tr->term = (uint32_t)x->texts.n;
	tr->count = total;
	tr->mean = sum / (double)x->nb;
	if (buf_add(&x->texts, term, strlen(term) + 1) == -1)
		return pl_error_nomem();
	x->n++;
	return NULL;
}

/* The measure a sort and direction look at. */
static double
sort_key(const struct trow *r, enum pl_trend_sort s)
{
	switch (s) {
	case PL_TREND_SORT_SLOPE:
		return r->r.slope;
	case PL_TREND_SORT_SEN:
		return r->r.sen_slope;
	case PL_TREND_SORT_TAU:
		return r->r.mk_tau;
	case PL_TREND_SORT_Q:
		break;
	}
	return r->r.mk_s;	/* q: the direction is the sign of S */
}

struct sortarg {
	const struct sctx	*x;
	enum pl_trend_sort	 sort;
	enum pl_trend_dir	 dir;
};

static int
cmp_trow(const void *a, const void *b, void *arg)
{
	const struct sortarg *s = arg;
	const struct trow *p = a, *q = b;
	double u, v;

	if (s->sort == PL_TREND_SORT_Q) {
		u = isnan(p->q) ? 2 : p->q;
		v = isnan(q->q) ? 2 : q->q;
		if (u != v)
			return u < v ? -1 : 1;
		u = fabs(p->r.mk_tau);
		v = fabs(q->r.mk_tau);
		u = isnan(u) ? -1 : u;
		v = isnan(v) ? -1 : v;
		if (u != v)
			return u > v ? -1 : 1;
	} else {
		/* larger first (up), smaller first (down), |key| (both) */
		u = sort_key(p, s->sort);
		v = sort_key(q, s->sort);
		if (s->dir == PL_TREND_DOWN) {
			u = -u;
			v = -v;
		} else if (s->dir == PL_TREND_BOTH) {
			u = fabs(u);
			v = fabs(v);
		}
		u = isnan(u) ? -INFINITY : u;
		v = isnan(v) ? -INFINITY : v;
		if (u != v)
			return u > v ? -1 : 1;
		u = isnan(p->q) ? 2 : p->q;
		v = isnan(q->q) ? 2 : q->q;
		if (u != v)
			return u < v ? -1 : 1;
	}
	return strcmp((const char *)s->x->texts.p + p->term,
	    (const char *)s->x->texts.p + q->term);
}

const struct pl_error *
pl_trends(struct pl_corpus *c, struct pl_term **terms, size_t nterms,
    const struct pl_trends_opts *o, struct pl_table *out)
{
	static const char *const names[] = { "term", "n", "count", "mean",
	    "slope", "slope_bucket", "slope_se", "slope_t", "slope_p",
	    "sen_slope", "sen_lower", "sen_upper", "mk_s", "mk_var", "mk_tau",
	    "mk_z", "mk_p", "spearman_rho", "spearman_p", "q" };
	const struct pl_error *err = NULL;
	struct pl_table t;
	struct tbuckets b;
	struct tseries_opts so;
	struct sctx x;
	struct sortarg sa;
	double *p = NULL, span = 0;
	size_t i, k, row, lim, ncol = sizeof(names) / sizeof(names[0]);

	gsl_set_error_handler_off();
	pl_table_init(&t);
	memset(&x, 0, sizeof(x));
	buf_init(&x.texts);
	if ((err = tbuckets_make(c, o->by, &o->filter, &b)) != NULL)
		return err;
	x.o = o;
	x.b = &b;
	if ((x.bi = malloc(b.n * sizeof(*x.bi))) == NULL ||
	    (x.t = malloc(b.n * sizeof(*x.t))) == NULL ||
	    (x.y = malloc(b.n * sizeof(*x.y))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	/* Time: the middle of each bucket with reports, in years. */
	for (i = 0; i < b.n; i++)
		if (b.docs[i] > 0 && b.tokens[i] > 0) {
			x.bi[x.nb] = i;
			x.t[x.nb++] = 0.5 * (double)(b.start[i] +
			    b.start[i + 1] - 1) / YEAR_DAYS;
			span += (double)(b.start[i + 1] - b.start[i]);
		}
	if (x.nb < 3) {
		err = pl_error_fmt(PL_ERR_DATA, "%zu %s bucket%s with reports "
		    "in range: a trend test needs at least 3", x.nb,
		    pl_bucket_name(o->by), x.nb == 1 ? "" : "s");
		goto done;
	}
	span /= (double)x.nb * YEAR_DAYS;	/* mean bucket length, years */
	memset(&so, 0, sizeof(so));
	so.ngram = o->ngram;
	so.min_count = o->min_count;
	so.stopwords = o->stopwords;
	so.vocab = o->vocab;
	if ((err = tseries_each(c, &b, &o->filter, terms, nterms, &so,
	    screen_term, &x)) != NULL)
		goto done;

	/* q over every term tested. */
	if ((p = malloc((x.n ? x.n : 1) * sizeof(*p))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (i = 0; i < x.n; i++)
		p[i] = x.v[i].r.mk_p;
	if (pl_bh_qvalues(p, x.n, p) == -1) {
		err = pl_error_nomem();
		goto done;
	}
	for (i = 0, k = 0; i < x.n; i++) {
		double key;
		x.v[i].q = p[i];
		key = sort_key(&x.v[i], o->sort);
		if ((o->dir == PL_TREND_UP && !(key > 0)) ||
		    (o->dir == PL_TREND_DOWN && !(key < 0)))
			continue;
		x.v[k++] = x.v[i];
	}
	x.n = k;
	sa.x = &x;
	sa.sort = o->sort;
	sa.dir = o->dir;
	if (x.n > 1)
		qsort_r(x.v, x.n, sizeof(*x.v), cmp_trow, &sa);

	for (i = 0; i < ncol; i++)
		if ((err = pl_table_add_col(&t, names[i], i == 0 ? PL_COL_STR :
		    i == 1 || i == 2 ? PL_COL_INT : PL_COL_REAL)) != NULL)
			goto done;
	lim = o->top && o->top < x.n ? o->top : x.n;
	for (k = 0; k < lim; k++) {
		const struct trow *tr = &x.v[k];
		const struct pl_trend *r = &tr->r;
		if ((err = pl_table_add_row(&t)) != NULL)
			goto done;
		row = t.nrows - 1;
		pl_table_set_term(&t, row, 0, (const char *)x.texts.p +
		    tr->term);
		pl_table_set_int(&t, row, 1, (int64_t)r->n);
		pl_table_set_int(&t, row, 2, tr->count);
		pl_table_set_real(&t, row, 3, tr->mean);
		pl_table_set_real(&t, row, 4, r->slope);
		pl_table_set_real(&t, row, 5, r->slope * span);
		pl_table_set_real(&t, row, 6, r->slope_se);
		pl_table_set_real(&t, row, 7, r->slope_se > 0 ? r->slope /
		    r->slope_se : NAN);
		pl_table_set_real(&t, row, 8, r->slope_p);
		pl_table_set_real(&t, row, 9, r->sen_slope);
		pl_table_set_real(&t, row, 10, r->sen_lower);
		pl_table_set_real(&t, row, 11, r->sen_upper);
		pl_table_set_real(&t, row, 12, r->mk_s);
		pl_table_set_real(&t, row, 13, r->mk_var);
		pl_table_set_real(&t, row, 14, r->mk_tau);
		pl_table_set_real(&t, row, 15, r->mk_z);
		pl_table_set_real(&t, row, 16, r->mk_p);
		pl_table_set_real(&t, row, 17, r->spearman_rho);
		pl_table_set_real(&t, row, 18, r->spearman_p);
		pl_table_set_real(&t, row, 19, tr->q);
	}
	pl_table_release(out);
	*out = t;
	pl_table_init(&t);
done:
	free(p);
	free(x.bi);
	free(x.t);
	free(x.y);
	free(x.v);
	buf_release(&x.texts);
	tbuckets_release(&b);
	pl_table_release(&t);
	return err;
}
