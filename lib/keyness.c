/*
 * keyness.c - key terms of a target slice against a reference (see
 * include/plenum/keyness.h and docs/STATISTICS.md).
 *
 * Every term of the requested length is read once from the index with
 * its posting list, as freq does; each posting adds to the target's or
 * the reference's count by the document's slice.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/cooc.h"
#include "plenum/date.h"
#include "plenum/keyness.h"
#include "plenum/stats.h"
#include "plenum/token.h"
#include "extern.h"

/* Measures. */

void
pl_keyness_measures(double a, double b, double c, double d, double smooth,
    struct pl_keyness *k)
{
	struct pl_assoc m;
	double ra, rb;

	/* The 2x2 table: the term and the other tokens, target and
	 * reference; the target's row is its c tokens. */
	pl_assoc_measures(a, c, a + b, c + d, 0, 0, &m);
	k->g2 = m.g2;
	k->p = m.p;
	k->chi2 = m.chi2;
	if (!(c > 0) || !(d > 0)) {
		k->log_ratio = k->pdiff = k->simple_maths = k->bic = NAN;
		return;
	}
	ra = (a > 0 ? a : 0.5) / c;
	rb = (b > 0 ? b : 0.5) / d;
	k->log_ratio = log2(ra / rb);
	k->pdiff = 100.0 * (a / c - rb) / rb;
	k->simple_maths = (a / c * 1e6 + smooth) / (b / d * 1e6 + smooth);
	k->bic = isnan(m.g2) ? NAN : fabs(m.g2) - log(c + d);
}

static const char *const knames[PL_K_COUNT] = {
	"g2", "chi2", "log_ratio", "pdiff", "simple_maths", "bic"
};

int
pl_kmeasure_parse(const char *s)
{
	int i;

	for (i = 0; i < PL_K_COUNT; i++)
		if (strcmp(s, knames[i]) == 0)
			return i;
	return -1;
}

static double
kvalue(const struct pl_keyness *k, int m)
{
	switch (m) {
	case PL_K_G2:
		return k->g2;
	case PL_K_CHI2:
		return k->chi2;
	case PL_K_LOG_RATIO:
		return k->log_ratio;
	case PL_K_PDIFF:
		return k->pdiff;
	case PL_K_SIMPLE_MATHS:
		return k->simple_maths;
	case PL_K_BIC:
		return k->bic;
	default:
		return NAN;
	}
}

void
pl_keyness_opts_defaults(struct pl_keyness_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->n = 1;
	o->measure[0] = PL_K_G2;
	o->nmeasure = 1;
	o->top = 50;
	o->min_count = 5;
	o->smooth = 1;
	o->max_q = 1;
	o->side = 3;
	pl_docfilter_init(&o->filter);
}

/* Slices. */

void
pl_slice_release(struct pl_slice *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nsources; i++)
		free(s->sources[i]);
	free(s->sources);
	memset(s, 0, sizeof(*s));
}

/* Digits only, len bytes; the value, or -1. */
static long
digits(const char *s, size_t len)
{
	long v = 0;
	size_t i;

	if (len == 0 || len > 6)
		return -1;
	for (i = 0; i < len; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/*
 * A bucket label of len bytes: a day, month, year, ISO week or quarter.
 * Sets its first and last day and its kind; 0, or -1 if it is none.
 */
static int
parse_label(const char *s, size_t len, int64_t *first, int64_t *last,
    int *kind)
{
	enum pl_precision p;
	long y, w;

	if (len == 8 && s[4] == '-' && (s[5] == 'W' || s[5] == 'w')) {
		if ((y = digits(s, 4)) < 1 || (w = digits(s + 6, 2)) < 1 ||
		    w > pl_iso_weeks_in_year((int)y))
			return -1;
		*first = pl_iso_week_start((int)y, (int)w);
		*kind = PL_BUCKET_WEEK;
	} else if (len == 7 && s[4] == '-' && (s[5] == 'Q' || s[5] == 'q')) {
		if ((y = digits(s, 4)) < 1 || (w = digits(s + 6, 1)) < 1 ||
		    w > 4)
			return -1;
		*first = pl_days_from_civil((int)y, (int)(3 * (w - 1) + 1), 1);
		*kind = PL_BUCKET_QUARTER;
	} else if (pl_date_parse(s, len, first, &p) == 0)
		*kind = p == PL_PREC_DAY ? PL_BUCKET_DAY : p == PL_PREC_MONTH ?
		    PL_BUCKET_MONTH : PL_BUCKET_YEAR;
	else
		return -1;
	*last = pl_bucket_next((enum pl_bucket)*kind, *first) - 1;
	return 0;
}

static const struct pl_error *
add_source(struct pl_slice *s, const char *name, size_t len)
{
	char **ns;

	if ((ns = realloc(s->sources, (s->nsources + 2) * sizeof(*ns))) ==
	    NULL)
		return pl_error_nomem();
	s->sources = ns;
	if ((ns[s->nsources] = strndup(name, len)) == NULL)
		return pl_error_nomem();
	ns[++s->nsources] = NULL;
	return NULL;
}

static int
has_source(const struct pl_corpus *c, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < c->nsources; i++)
		if (strlen(c->sources[i]) == len &&
		    memcmp(c->sources[i], name, len) == 0)
			return 1;
	return 0;
}

const struct pl_error *
pl_slice_parse(const struct pl_corpus *c, const char *text, int reference,
    struct pl_slice *out)
{
	const struct pl_error *err = NULL;
	struct pl_slice s;
	const char *p = text, *end, *dots;
	int64_t f, l, f2, l2;
	int kind, kind2;
	size_t len;
	long n;

	memset(&s, 0, sizeof(s));
	s.kind = PL_SLICE_SET;
	s.from = INT64_MIN;
	s.to = INT64_MAX;
	s.bucket = -1;
	if (reference && strcmp(text, "rest") == 0) {
		s.kind = PL_SLICE_REST;
		*out = s;
		return NULL;
	}
	if (reference && strncmp(text, "previous:", 9) == 0) {
		char *e;
		errno = 0;
		n = strtol(text + 9, &e, 10);
		if (e == text + 9 || *e != '\0' || errno || n < 1 ||
		    n > 10000)
			return pl_error_fmt(PL_ERR_USAGE, "slice '%s': expected "
			    "previous:N with N from 1 to 10000", text);
		s.kind = PL_SLICE_PREVIOUS;
		s.nprev = (int)n;
		*out = s;
		return NULL;
	}
	if (*text == '\0') {
		err = pl_error_fmt(PL_ERR_USAGE, "empty slice: expected a "
		    "date, week, quarter, range or source");
		goto done;
	}
	for (;;) {
		end = p + strcspn(p, ",");
		len = (size_t)(end - p);
		dots = NULL;
		if (len >= 2) {
			const char *q;
			for (q = p; q + 1 < end; q++)
				if (q[0] == '.' && q[1] == '.') {
					dots = q;
					break;
				}
		}
		if (len == 0) {
			err = pl_error_fmt(PL_ERR_USAGE, "slice '%s': an empty "
			    "part at column %zu", text, (size_t)(p - text) + 1);
			goto done;
		}
		if (strncmp(p, "source:", 7) == 0) {
			if (len == 7) {
				err = pl_error_fmt(PL_ERR_USAGE, "slice '%s': "
				    "'source:' names no source", text);
				goto done;
			}
			if ((err = add_source(&s, p + 7, len - 7)) != NULL)
				goto done;
		} else if (dots != NULL || parse_label(p, len, &f, &l,
		    &kind) == 0) {
			if (s.dated) {
				err = pl_error_fmt(PL_ERR_USAGE, "slice '%s': "
				    "more than one date part", text);
				goto done;
			}
			s.dated = 1;
			if (dots == NULL) {
				s.from = f;
				s.to = l;
				s.bucket = kind;
			} else {
				if (dots > p && parse_label(p, (size_t)(dots -
				    p), &f, &l, &kind) == -1) {
					err = pl_error_fmt(PL_ERR_USAGE,
					    "slice '%s': '%.*s' is not a date, "
					    "ISO week or quarter", text,
					    (int)(dots - p), p);
					goto done;
				}
				if (dots + 2 < end && parse_label(dots + 2,
				    (size_t)(end - dots - 2), &f2, &l2,
				    &kind2) == -1) {
					err = pl_error_fmt(PL_ERR_USAGE,
					    "slice '%s': '%.*s' is not a date, "
					    "ISO week or quarter", text,
					    (int)(end - dots - 2), dots + 2);
					goto done;
				}
				s.from = dots > p ? f : INT64_MIN;
				s.to = dots + 2 < end ? l2 : INT64_MAX;
				if (s.from > s.to) {
					err = pl_error_fmt(PL_ERR_USAGE,
					    "slice '%s': the range ends before "
					    "it begins", text);
					goto done;
				}
			}
		} else if (has_source(c, p, len)) {
			if ((err = add_source(&s, p, len)) != NULL)
				goto done;
		} else if (len == 8 && digits(p, 4) > 0 && p[4] == '-' &&
		    (p[5] == 'W' || p[5] == 'w') && digits(p + 6, 2) > 0) {
			err = pl_error_fmt(PL_ERR_USAGE, "slice '%s': '%.*s': "
			    "%ld has %d ISO weeks", text, (int)len, p,
			    digits(p, 4), pl_iso_weeks_in_year((int)digits(p,
			    4)));
			goto done;
		} else if (len >= 4 && digits(p, 4) > 0 && (len == 4 ||
		    p[4] == '-')) {
			err = pl_error_fmt(PL_ERR_USAGE, "slice '%s': '%.*s' is "
			    "not a valid date: expected YYYY, YYYY-MM, "
			    "YYYY-MM-DD, an ISO week (2022-W41) or a quarter "
			    "(2022-Q4)", text, (int)len, p);
			goto done;
		} else {
			err = pl_error_fmt(PL_ERR_USAGE, "slice '%s': '%.*s' is "
			    "not a date (YYYY, YYYY-MM, YYYY-MM-DD), an ISO week "
			    "(2022-W41), a quarter (2022-Q4), a range (A..B) or "
			    "a source of the corpus (source:NAME)", text,
			    (int)len, p);
			goto done;
		}
		if (*end == '\0')
			break;
		p = end + 1;
	}
done:
	if (err) {
		pl_slice_release(&s);
		return err;
	}
	*out = s;
	return NULL;
}

/* 1 if row is in the slice (dates and sources only). */
static int
slice_has(const struct pl_corpus *c, const struct pl_slice *s, size_t row)
{
	const struct pl_cdoc *d = &c->docs[row];
	size_t k;

	if (d->day < s->from || d->day > s->to)
		return 0;
	if (s->nsources == 0)
		return 1;
	for (k = 0; k < s->nsources; k++)
		if (strcmp(s->sources[k], c->sources[d->source]) == 0)
			return 1;
	return 0;
}

/* The previous:N reference of a target, as a set slice. */
static const struct pl_error *
previous_of(const struct pl_slice *t, int n, struct pl_slice *r)
{
	const struct pl_error *err;
	int64_t s;
	size_t k;
	int i;

	if (!t->dated || t->from == INT64_MIN || t->to == INT64_MAX)
		return pl_error_fmt(PL_ERR_USAGE, "--reference previous:%d: the "
		    "target needs a closed date part (a week, month, range "
		    "...) to count buckets back from", n);
	memset(r, 0, sizeof(*r));
	r->kind = PL_SLICE_SET;
	r->dated = 1;
	r->bucket = t->bucket;
	r->to = t->from - 1;
	if (t->bucket >= 0) {
		for (s = t->from, i = 0; i < n; i++)
			s = pl_bucket_start((enum pl_bucket)t->bucket, s - 1);
		r->from = s;
	} else
		r->from = t->from - (int64_t)n * (t->to - t->from + 1);
	for (k = 0; k < t->nsources; k++)
		if ((err = add_source(r, t->sources[k],
		    strlen(t->sources[k]))) != NULL) {
			pl_slice_release(r);
			return err;
		}
	return NULL;
}

/* Counting. */

struct krow {
	uint32_t		 text;		/* offset in the texts */
	int64_t			 a, b;
	int64_t			 adocs, bdocs;	/* documents with the term */
	double			 q;
	struct pl_keyness	 m;
};

struct kctx {
	struct pl_corpus		*c;
	const struct pl_keyness_opts	*o;
	uint8_t				*in;	/* per row: 1 target, 2 reference */
	struct buf			 texts;
	struct krow			*v;
	size_t				 n, cap;
	int64_t				 a, b, adocs, bdocs;
	double				 ct, cr;
};

static void
kpost(void *arg, int64_t doc, int64_t n)
{
	struct kctx *x = arg;
	int32_t row;

	if (doc < 0 || doc > x->c->maxid || (row = x->c->row_of[doc]) < 0)
		return;
	if (x->in[row] & 1) {
		x->a += n;
		x->adocs++;
	}
	if (x->in[row] & 2) {
		x->b += n;
		x->bdocs++;
	}
}

static const struct pl_error *
kterm(void *arg, const char *text, int n, int64_t cf, int64_t df,
    const unsigned char *post, size_t len)
{
	struct kctx *x = arg;
	const struct pl_keyness_opts *o = x->o;
	struct krow *r;

	(void)n;
	(void)cf;
	if ((o->n == 1 && !o->stopwords && pl_tokenizer_is_stop(x->c->tk,
	    text, strlen(text))) || !pl_vocab_keep(o->vocab, text, df,
	    (int64_t)x->c->ndocs))
		return NULL;
	x->a = x->b = x->adocs = x->bdocs = 0;
	if (pl_postings_each(post, len, kpost, x) == -1)
		return pl_error_fmt(PL_ERR_DAMAGED, "%s: database damaged: "
		    "corrupt posting list of "
		    "'%s'", pl_db_path(x->c->db), text);
	if (x->a + x->b < o->min_count)
		return NULL;
	if (x->n == x->cap) {
		size_t nc = x->cap ? x->cap * 2 : 4096;
		struct krow *nv = realloc(x->v, nc * sizeof(*nv));
		if (nv == NULL)
			return pl_error_nomem();
		x->v = nv;
		x->cap = nc;
	}
	r = &x->v[x->n++];
	memset(r, 0, sizeof(*r));
	r->text = (uint32_t)x->texts.n;
	r->a = x->a;
	r->b = x->b;
	r->adocs = x->adocs;
	r->bdocs = x->bdocs;
	pl_keyness_measures((double)r->a, (double)r->b, x->ct, x->cr,
	    o->smooth, &r->m);
	if (buf_add(&x->texts, text, strlen(text) + 1) == -1)
		return pl_error_nomem();
	return NULL;
}

struct ksort {
	const struct kctx	*x;
	int			 dir;		/* 1 target side, -1 reference */
};

static int
cmp_krow(const void *p, const void *q, void *arg)
{
	const struct krow *a = p, *b = q;
	const struct ksort *s = arg;
	const struct pl_keyness_opts *o = s->x->o;
	size_t i;

	for (i = 0; i < o->nmeasure; i++) {
		int m = o->measure[i];
		double u = kvalue(&a->m, m), v = kvalue(&b->m, m);
		/* Unsigned measures rank both sides by size; the others
		 * rank the reference side from the most negative. */
		double dir = m == PL_K_CHI2 || m == PL_K_BIC ? 1 : s->dir;
		if (isnan(u) != isnan(v))
			return isnan(u) ? 1 : -1;
		if (!isnan(u) && u != v)
			return (u - v) * dir > 0 ? -1 : 1;
	}
	return strcmp((const char *)s->x->texts.p + a->text,
	    (const char *)s->x->texts.p + b->text);
}

const struct pl_error *
pl_keyness(struct pl_corpus *c, const struct pl_slice *target,
    const struct pl_slice *reference, const struct pl_keyness_opts *o,
    struct pl_table *out)
{
	const struct pl_error *err = NULL;
	struct pl_table t;
	struct pl_slice prev;
	const struct pl_slice *ref = reference;
	struct kctx x;
	struct krow **side[2] = { NULL, NULL };
	size_t nside[2] = { 0, 0 }, i, s, lim, row;
	double *p = NULL;
	int64_t nt = 0, nr = 0, both = 0;
	struct ksort ks;

	pl_table_init(&t);
	memset(&prev, 0, sizeof(prev));
	memset(&x, 0, sizeof(x));
	x.c = c;
	x.o = o;
	buf_init(&x.texts);
	if (reference->kind == PL_SLICE_PREVIOUS) {
		if ((err = previous_of(target, reference->nprev, &prev)) !=
		    NULL)
			goto done;
		ref = &prev;
	}
	if ((x.in = calloc(c->ndocs ? c->ndocs : 1, 1)) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (i = 0; i < c->ndocs; i++) {
		if (!pl_corpus_match(c, i, &o->filter))
			continue;
		if (slice_has(c, target, i))
			x.in[i] |= 1;
		if (ref->kind == PL_SLICE_REST ? !(x.in[i] & 1) :
		    slice_has(c, ref, i))
			x.in[i] |= 2;
		if (x.in[i] & 1) {
			nt++;
			x.ct += (double)c->docs[i].tokens;
		}
		if (x.in[i] & 2) {
			nr++;
			x.cr += (double)c->docs[i].tokens;
		}
		if (x.in[i] == 3)
			both++;
	}
	if (nt == 0 || x.ct == 0) {
		err = pl_error_fmt(PL_ERR_DATA, "the target slice has no "
		    "documents%s", nt ? " with tokens" : " (check its dates "
		    "and sources against plenum info)");
		goto done;
	}
	if (nr == 0 || x.cr == 0) {
		err = pl_error_fmt(PL_ERR_DATA, "the reference slice has no "
		    "documents%s", nr ? " with tokens" : " (check its dates "
		    "and sources against plenum info)");
		goto done;
	}
	if (both > 0 && !o->allow_overlap) {
		err = pl_error_fmt(PL_ERR_USAGE, "the target and reference "
		    "share %lld of their documents; make them disjoint, or "
		    "allow it with --allow-overlap", (long long)both);
		goto done;
	}
	if ((err = pl_db_each_term(c->db, NULL, o->n, o->min_count, kterm,
	    &x)) != NULL)
		goto done;
	/* q-values over every term tested. */
	if ((p = malloc((x.n ? x.n : 1) * sizeof(*p))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	for (i = 0; i < x.n; i++)
		p[i] = x.v[i].m.p;
	if (pl_bh_qvalues(p, x.n, p) == -1) {
		err = pl_error_nomem();
		goto done;
	}
	for (s = 0; s < 2; s++)
		if ((side[s] = malloc((x.n ? x.n : 1) * sizeof(**side))) ==
		    NULL) {
			err = pl_error_nomem();
			goto done;
		}
	for (i = 0; i < x.n; i++) {
		struct krow *r = &x.v[i];
		double ft = (double)r->a / x.ct, fr = (double)r->b / x.cr;
		r->q = p[i];
		if (!(r->q <= o->max_q) && o->max_q < 1)
			continue;
		if (ft > fr && (o->side & 1))
			side[0][nside[0]++] = r;
		else if (ft < fr && (o->side & 2))
			side[1][nside[1]++] = r;
	}
	if ((err = pl_table_add_col(&t, "term", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&t, "key", PL_COL_STR)) != NULL ||
	    (err = pl_table_add_col(&t, "target_count", PL_COL_INT)) != NULL ||
	    (err = pl_table_add_col(&t, "reference_count", PL_COL_INT)) !=
	    NULL ||
	    (err = pl_table_add_col(&t, "target_tokens", PL_COL_INT)) !=
	    NULL ||
	    (err = pl_table_add_col(&t, "reference_tokens", PL_COL_INT)) !=
	    NULL ||
	    (err = pl_table_add_col(&t, "target_per10k", PL_COL_REAL)) !=
	    NULL ||
	    (err = pl_table_add_col(&t, "reference_per10k", PL_COL_REAL)) !=
	    NULL ||
	    (err = pl_table_add_col(&t, "g2", PL_COL_REAL)) != NULL ||
	    (err = pl_table_add_col(&t, "p", PL_COL_REAL)) != NULL ||
	    (err = pl_table_add_col(&t, "q", PL_COL_REAL)) != NULL ||
	    (err = pl_table_add_col(&t, "chi2", PL_COL_REAL)) != NULL ||
	    (err = pl_table_add_col(&t, "log_ratio", PL_COL_REAL)) != NULL ||
	    (err = pl_table_add_col(&t, "pdiff", PL_COL_REAL)) != NULL ||
	    (err = pl_table_add_col(&t, "simple_maths", PL_COL_REAL)) !=
	    NULL ||
	    (err = pl_table_add_col(&t, "bic", PL_COL_REAL)) != NULL ||
	    (err = pl_table_add_col(&t, "target_docs", PL_COL_INT)) != NULL ||
	    (err = pl_table_add_col(&t, "reference_docs", PL_COL_INT)) != NULL)
		goto done;
	ks.x = &x;
	for (s = 0; s < 2; s++) {
		/* Sort pointers: a copy of the rows, sorted, then printed. */
		struct krow *tmp;
		size_t k;

		if ((tmp = malloc((nside[s] ? nside[s] : 1) *
		    sizeof(*tmp))) == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		for (k = 0; k < nside[s]; k++)
			tmp[k] = *side[s][k];
		ks.dir = s == 0 ? 1 : -1;
		if (nside[s] > 1)
			qsort_r(tmp, nside[s], sizeof(*tmp), cmp_krow, &ks);
		lim = o->top && o->top < nside[s] ? o->top : nside[s];
		for (k = 0; k < lim; k++) {
			const struct krow *r = &tmp[k];
			if ((err = pl_table_add_row(&t)) != NULL) {
				free(tmp);
				goto done;
			}
			row = t.nrows - 1;
			pl_table_set_term(&t, row, 0,
			    (const char *)x.texts.p + r->text);
			pl_table_set_str(&t, row, 1, s == 0 ? "target" :
			    "reference");
			pl_table_set_int(&t, row, 2, r->a);
			pl_table_set_int(&t, row, 3, r->b);
			pl_table_set_int(&t, row, 4, (int64_t)x.ct);
			pl_table_set_int(&t, row, 5, (int64_t)x.cr);
			pl_table_set_real(&t, row, 6, (double)r->a * 1e4 /
			    x.ct);
			pl_table_set_real(&t, row, 7, (double)r->b * 1e4 /
			    x.cr);
			pl_table_set_real(&t, row, 8, r->m.g2);
			pl_table_set_real(&t, row, 9, r->m.p);
			pl_table_set_real(&t, row, 10, r->q);
			pl_table_set_real(&t, row, 11, r->m.chi2);
			pl_table_set_real(&t, row, 12, r->m.log_ratio);
			pl_table_set_real(&t, row, 13, r->m.pdiff);
			pl_table_set_real(&t, row, 14, r->m.simple_maths);
			pl_table_set_real(&t, row, 15, r->m.bic);
			pl_table_set_int(&t, row, 16, r->adocs);
			pl_table_set_int(&t, row, 17, r->bdocs);
		}
		free(tmp);
	}
	pl_table_release(out);
	*out = t;
	pl_table_init(&t);
done:
	free(side[0]);
	free(side[1]);
	free(p);
	free(x.v);
	free(x.in);
	buf_release(&x.texts);
	pl_slice_release(&prev);
	pl_table_release(&t);
	return err;
}
