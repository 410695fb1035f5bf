/*
 * reportsec.c - the tables of plenum report's sections, computed with the
 * analysis modules (see include/plenum/report.h; what each section
 * computes and why: docs/REPORT.md).  Every step also records the
 * command line that reproduces its table, for the page's Method.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/burst.h"
#include "plenum/changes.h"
#include "plenum/date.h"
#include "plenum/diff.h"
#include "plenum/keyness.h"
#include "plenum/kwic.h"
#include "plenum/newterms.h"
#include "plenum/report.h"
#include "plenum/series.h"
#include "plenum/token.h"
#include "report-int.h"

#define TRY(x)		do { if ((err = (x)) != NULL) goto done; } while (0)
#define TRY_CTX(x, ctx)	do { if ((err = (x)) != NULL) { \
				err = pl_error_wrap(err, "%s", (ctx)); \
				goto done; } } while (0)
#define ALLOC(p, n, size) do { if (((p) = calloc((n) != 0 ? (n) : 1, \
				(size))) == NULL) { err = pl_error_nomem(); \
				goto done; } } while (0)

/* ---- tables ------------------------------------------------------- */

static const struct pl_cell nocell = { 1, { NULL } };

/* The cell of column col (a column the report made: always there; a
 * null cell otherwise). */
const struct pl_cell *
report_cell(const struct pl_table *t, size_t row, const char *col)
{
	long k = pl_table_col(t, col);

	return k < 0 ? &nocell : pl_table_cell(t, row, (size_t)k);
}

const char *
report_cstr(const struct pl_table *t, size_t row, const char *col)
{
	const struct pl_cell *c = report_cell(t, row, col);

	return c->null ? "" : c->v.s;
}

double
report_cnum(const struct pl_table *t, size_t row, const char *col)
{
	long k = pl_table_col(t, col);
	int ok = 1;
	double v;

	if (k < 0)
		return NAN;
	v = pl_table_num(t, row, (size_t)k, &ok);
	return ok ? v : NAN;
}

#define cstr	report_cstr
#define cnum	report_cnum

/* Adds the columns of spec: "name:s name:i name:r ...". */
static const struct pl_error *
add_cols(struct pl_table *t, const char *spec)
{
	const struct pl_error *err = NULL;
	char buf[1024], *p, *tok;

	snprintf(buf, sizeof(buf), "%s", spec);
	for (p = buf; err == NULL && (tok = strsep(&p, " ")) != NULL;) {
		char *c = strchr(tok, ':');
		*c = '\0';
		err = pl_table_add_col(t, tok, c[1] == 's' ? PL_COL_STR :
		    c[1] == 'i' ? PL_COL_INT : PL_COL_REAL);
	}
	return err;
}

static const struct pl_error *
row_add(struct pl_table *t, size_t *row)
{
	const struct pl_error *err = pl_table_add_row(t);

	if (err == NULL)
		*row = t->nrows - 1;
	return err;
}

static const struct pl_error *
set_s(struct pl_table *t, size_t row, const char *col, const char *s)
{
	return pl_table_set_str(t, row, (size_t)pl_table_col(t, col), s);
}

static void
set_i(struct pl_table *t, size_t row, const char *col, int64_t v)
{
	pl_table_set_int(t, row, (size_t)pl_table_col(t, col), v);
}

static void
set_r(struct pl_table *t, size_t row, const char *col, double v)
{
	pl_table_set_real(t, row, (size_t)pl_table_col(t, col), v);
}


/* ---- the Method's command lines ----------------------------------- */

/* A growing argument vector; out of memory is reported by method_add. */
struct args {
	char	*v[256];
	char	*own[256];
	int	 n, nown, oom;
};

static void
arg(struct args *a, const char *s)
{
	if (a->n < 255)
		a->v[a->n++] = (char *)s;
}

static void
argf(struct args *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
argf(struct args *a, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0) {
		a->oom = 1;
		s = NULL;
	}
	va_end(ap);
	if (s == NULL)
		return;
	if (a->nown < 255)
		a->own[a->nown++] = s;
	arg(a, s);
}

/* "plenum NAME --db DB" and the filters. */
static void
args_start(const struct pl_report *r, struct args *a, const char *name)
{
	int i;

	memset(a, 0, sizeof(*a));
	arg(a, name);
	arg(a, "--db");
	arg(a, r->dbname);
	for (i = 0; i < r->nsrcargs; i++)
		arg(a, r->srcargs[i]);
}

/* Adds a's command line to the Method, as what (in English and
 * Chinese); frees a's strings. */
static const struct pl_error *
method_add(struct pl_report *r, const char *what, const char *what_zh,
    struct args *a)
{
	struct pl_report_method *m;
	char *cmd = a->oom ? NULL : pl_quote_args("plenum", a->n, a->v);
	int i;

	for (i = 0; i < a->nown; i++)
		free(a->own[i]);
	a->nown = 0;
	if (cmd == NULL)
		return pl_error_nomem();
	if ((m = realloc(r->m, (r->nm + 1) * sizeof(*m))) == NULL) {
		free(cmd);
		return pl_error_nomem();
	}
	r->m = m;
	if ((m[r->nm].what = strdup(what)) == NULL) {
		free(cmd);
		return pl_error_nomem();
	}
	if ((m[r->nm].what_zh = strdup(what_zh)) == NULL) {
		free(m[r->nm].what);
		free(cmd);
		return pl_error_nomem();
	}
	m[r->nm].cmd = cmd;
	r->nm++;
	return NULL;
}

/* A filter over [from, to] with the user's sources and metadata (the
 * mask is borrowed: never release the copy). */
static struct pl_docfilter
sub_filter(const struct pl_report *r, int64_t from, int64_t to)
{
	struct pl_docfilter f = r->filter;

	f.from = from;
	f.to = to;
	f.limit = 0;
	return f;
}

/* ---- period window ---------------------------------------------- */

const struct pl_error *
pl_report_window(struct pl_report *r)
{
	int64_t s = r->p.from, first = pl_bucket_start(r->p.by, r->p.first_day);
	size_t n = SPARK_N, i;

	if (r->win != NULL)
		return NULL;
	if ((size_t)r->p.nbase + 1 > n)
		n = (size_t)r->p.nbase + 1;
	if ((r->win = calloc(n, sizeof(*r->win))) == NULL)
		return pl_error_nomem();
	for (i = 0; i < n; i++) {
		r->win[n - 1 - i] = s;
		if (s <= first || i + 1 == n)
			break;
		s = pl_bucket_start(r->p.by, s - 1);
	}
	/* i + 1 periods were filled, at the end */
	r->nwin = i + 1 < n ? i + 1 : n;
	memmove(r->win, r->win + (n - r->nwin), r->nwin * sizeof(*r->win));
	r->win_from = r->win[0];
	return NULL;
}

/* Index of the window period holding day d, or -1. */
static long
win_index(const struct pl_report *r, int64_t d)
{
	size_t lo = 0, hi = r->nwin;

	if (d < r->win_from || d > r->p.to)
		return -1;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (r->win[mid] <= d)
			lo = mid;
		else
			hi = mid;
	}
	return (long)lo;
}

/* ---- 1. at a glance ------------------------------------------------ */

static int
cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
median(double *v, size_t n)
{
	if (n == 0)
		return NAN;
	qsort(v, n, sizeof(*v), cmp_dbl);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

const struct pl_error *
pl_report_glance(struct pl_report *r)
{
	const struct pl_error *err = NULL;
	const struct pl_corpus *c = r->c;
	struct pl_docfilter f = sub_filter(r, r->win_from, r->p.to);
	size_t nw = r->nwin, cur = nw - 1, i, j, nb, ns = c->nsources;
	int64_t *docs = NULL, *toks = NULL, *sdocs = NULL, *stoks = NULL;
	double *tmp = NULL;
	enum pl_bucket sub = r->p.by <= PL_BUCKET_MONTH ? PL_BUCKET_DAY :
	    PL_BUCKET_MONTH;
	int64_t d, ndays;
	size_t row, k;
	char lab[24], buf[11];
	struct args a;
	struct { int64_t start, docs, toks; } *day = NULL;

	ALLOC(docs, nw, sizeof(*docs));
	ALLOC(toks, nw, sizeof(*toks));
	ALLOC(sdocs, ns * nw, sizeof(*sdocs));
	ALLOC(stoks, ns, sizeof(*stoks));
	ALLOC(tmp, nw, sizeof(*tmp));
	for (i = 0; i < c->ndocs; i++) {
		long w;
		if (!pl_corpus_match(c, i, &f) ||
		    (w = win_index(r, c->docs[i].day)) < 0)
			continue;
		docs[w]++;
		toks[w] += c->docs[i].tokens;
		sdocs[c->docs[i].source * nw + (size_t)w]++;
		if ((size_t)w == cur)
			stoks[c->docs[i].source] += c->docs[i].tokens;
	}
	/* The baseline: the nbase periods before the current one. */
	nb = (size_t)r->p.nbase < cur ? (size_t)r->p.nbase : cur;
	TRY(add_cols(&r->glance, "measure:s period:i baseline_median:r "
	    "baseline_min:i baseline_max:i"));
	for (k = 0; k < 3; k++) {
		int64_t mn = INT64_MAX, mx = 0, v;
		TRY(row_add(&r->glance, &row));
		TRY(set_s(&r->glance, row, "measure", k == 0 ? "documents" : k == 1 ?
		    "tokens" : "days with reports"));
		for (j = 0; j < nb; j++) {
			v = k == 0 ? docs[cur - 1 - j] : k == 1 ?
			    toks[cur - 1 - j] : 0;
			tmp[j] = (double)v;
			if (v < mn)
				mn = v;
			if (v > mx)
				mx = v;
		}
		if (k == 2) {
			/* days with reports: from the period chooser */
			set_i(&r->glance, row, "period", r->p.days);
			set_r(&r->glance, row, "baseline_median", r->p.base_days);
			continue;
		}
		set_i(&r->glance, row, "period", k == 0 ? docs[cur] : toks[cur]);
		set_r(&r->glance, row, "baseline_median", median(tmp, nb));
		if (nb > 0) {
			set_i(&r->glance, row, "baseline_min", mn);
			set_i(&r->glance, row, "baseline_max", mx);
		}
	}
	pl_table_set_prec(&r->glance, 2, 1);

	TRY(add_cols(&r->sources, "source:s documents:i tokens:i "
	    "baseline_median:r"));
	for (i = 0; i < ns; i++) {
		int any = sdocs[i * nw + cur] > 0;
		for (j = 0; j < nb; j++) {
			tmp[j] = (double)sdocs[i * nw + cur - 1 - j];
			any |= tmp[j] > 0;
		}
		if (!any)
			continue;
		TRY(row_add(&r->sources, &row));
		TRY(set_s(&r->sources, row, "source", c->sources[i]));
		set_i(&r->sources, row, "documents", sdocs[i * nw + cur]);
		set_i(&r->sources, row, "tokens", stoks[i]);
		set_r(&r->sources, row, "baseline_median", median(tmp, nb));
	}
	pl_table_set_prec(&r->sources, 3, 1);

	/* By day (a week or month) or by month (a quarter or year). */
	ndays = 0;
	for (d = r->p.from; d <= r->p.to; d = pl_bucket_next(sub, d))
		ndays++;
	ALLOC(day, (size_t)ndays, sizeof(*day));
	for (d = r->p.from, k = 0; d <= r->p.to; d = pl_bucket_next(sub, d))
		day[k++].start = d;
	f = sub_filter(r, r->p.from, r->p.to);
	for (i = 0; i < c->ndocs; i++) {
		if (!pl_corpus_match(c, i, &f))
			continue;
		for (k = (size_t)ndays; k-- > 0;)
			if (day[k].start <= c->docs[i].day)
				break;
		day[k].docs++;
		day[k].toks += c->docs[i].tokens;
	}
	/* The reports themselves, when there are few (a central bank's
	 * quarter): which statements the period is. */
	TRY(add_cols(&r->reports, "doc:s date:s source:s title:s tokens:i"));
	for (i = 0, k = 0; i < c->ndocs; i++)
		k += pl_corpus_match(c, i, &f);
	for (i = 0; k <= REPORTS_LIST && i < c->ndocs; i++) {
		if (!pl_corpus_match(c, i, &f))
			continue;
		TRY(row_add(&r->reports, &row));
		TRY(set_s(&r->reports, row, "doc", pl_corpus_ext_id(c, i)));
		pl_date_format(c->docs[i].day, buf);
		TRY(set_s(&r->reports, row, "date", buf));
		TRY(set_s(&r->reports, row, "source", c->sources[c->docs[i].source]));
		TRY(set_s(&r->reports, row, "title", pl_corpus_title(c, i)));
		set_i(&r->reports, row, "tokens", c->docs[i].tokens);
	}
	TRY(add_cols(&r->days, sub == PL_BUCKET_DAY ? "date:s weekday:s documents:i "
	    "tokens:i" : "month:s documents:i tokens:i"));
	for (k = 0; k < (size_t)ndays; k++) {
		TRY(row_add(&r->days, &row));
		if (sub == PL_BUCKET_DAY) {
			pl_date_format(day[k].start, buf);
			TRY(set_s(&r->days, row, "date", buf));
			TRY(set_s(&r->days, row, "weekday", report_wd_en[pl_weekday(day[k].start) - 1]));
		} else {
			pl_bucket_label(sub, day[k].start, lab);
			TRY(set_s(&r->days, row, "month", lab));
		}
		if (day[k].start > r->p.last_day)
			continue;	/* after the data: unknown, not zero */
		set_i(&r->days, row, "documents", day[k].docs);
		set_i(&r->days, row, "tokens", day[k].toks);
	}

	TRY(add_cols(&r->volume, "bucket:s start:s documents:i tokens:i"));
	for (j = 0; j < nw; j++) {
		TRY(row_add(&r->volume, &row));
		pl_bucket_label(r->p.by, r->win[j], lab);
		pl_date_format(r->win[j], buf);
		TRY(set_s(&r->volume, row, "bucket", lab));
		TRY(set_s(&r->volume, row, "start", buf));
		set_i(&r->volume, row, "documents", docs[j]);
		set_i(&r->volume, row, "tokens", toks[j]);
	}
	args_start(r, &a, "docs");
	pl_date_format(r->win_from, buf);
	arg(&a, "--from");
	argf(&a, "%s", buf);
	pl_date_format(r->p.to, buf);
	arg(&a, "--to");
	argf(&a, "%s", buf);
	TRY(method_add(r, "data/glance.tsv, data/glance-sources.tsv, "
	    "data/glance-days.tsv, data/glance-reports.tsv, data/volume.tsv "
	    "and volume.png (the documents counted by period, source and "
	    "day)", "data/glance.tsv、data/glance-sources.tsv、"
	    "data/glance-days.tsv、data/glance-reports.tsv、data/volume.tsv "
	    "和 volume.png（按期间、来源和日期统计的文档）", &a));
done:
	free(day);
	free(docs);
	free(toks);
	free(sdocs);
	free(stoks);
	free(tmp);
	return err;
}

/* ---- highlighted terms -------------------------------------------- */

static const struct pl_error *
hl_add(struct pl_report *r, const char *expr, struct pl_term *t,
    const char *why)
{
	const struct pl_error *err;
	struct pl_report_hl *h = realloc(r->hl, (r->nhl + 1) * sizeof(*h));
	char *e;

	if (h == NULL)
		return pl_error_nomem();
	r->hl = h;
	if ((e = strdup(expr)) == NULL)
		return pl_error_nomem();
	if (t == NULL && (err = pl_term_parse(r->c, expr, &t)) != NULL) {
		free(e);
		return err;
	}
	memset(&h[r->nhl], 0, sizeof(*h));
	h[r->nhl].expr = e;
	h[r->nhl].term = t;
	h[r->nhl].why = why;
	h[r->nhl].before = strcmp(why, "falling") == 0;
	r->nhl++;
	return NULL;
}

/* The highlighted entry of a term, or -1. */
long
report_hl_find(const struct pl_report *r, const char *label)
{
	size_t i;

	for (i = 0; i < r->nhl; i++)
		if (strcmp(r->hl[i].term->label, label) == 0)
			return (long)i;
	return -1;
}

/* 1 if big is longer and holds small: as a run of its tokens when small
 * has Latin letters or digits (un is not in sun), else as a substring
 * of its text without spaces (Chinese n-grams are shown joined, 宣讲团 in
 * 宣讲团成员). */
/* 1 if m, its spaces skipped, begins b, its spaces skipped. */
static int
nospace_prefix(const char *b, const char *m)
{
	for (;; b++, m++) {
		while (*m == ' ')
			m++;
		while (*b == ' ')
			b++;
		if (*m == '\0')
			return 1;
		if (*b != *m)
			return 0;
	}
}

static int
term_inside(const char *big, const char *small)
{
	const char *p;
	size_t lb = strlen(big), ls = strlen(small), i;
	int latin = 0;

	if (lb <= ls)
		return 0;
	for (p = small; *p; p++)
		latin |= (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9');
	if (latin) {
		/* " small " in " big " */
		for (i = 0; i + ls <= lb; i++)
			if ((i == 0 || big[i - 1] == ' ') &&
			    (big[i + ls] == '\0' || big[i + ls] == ' ') &&
			    memcmp(big + i, small, ls) == 0)
				return 1;
		return 0;
	}
	/* joined: in it, and not the same text */
	if (nospace_prefix(big, small) && nospace_prefix(small, big))
		return 0;
	for (i = 0; i < lb; i++)
		if ((big[i] != ' ' || i == 0) && nospace_prefix(big + i, small))
			return 1;
	return 0;
}

/* 1 if a term nearly always occurs inside a longer one: its count is at
 * most 5% above the longer term's (the same, when the segmenter splits
 * a name into parts: 阮 富 仲). */
static int
folded(int64_t small, int64_t big)
{
	return (double)small <= (double)big * 1.05;
}

/* ---- 2. rising and falling ---------------------------------------- */

struct krow {
	const struct pl_table	*t;
	size_t			 row;
	int			 n;
	double			 g2;
};

static int
cmp_krow(const void *a, const void *b)
{
	const struct krow *x = a, *y = b;
	double gx = fabs(x->g2), gy = fabs(y->g2);

	if (gx != gy)
		return gx < gy ? 1 : -1;
	return strcmp(cstr(x->t, x->row, "term"), cstr(y->t, y->row, "term"));
}

/* Drops the terms that occur (nearly) only inside a longer one of v. */
static void
fold_key(struct krow *v, size_t *n, const char *col)
{
	size_t i, j, k = 0;

	for (i = 0; i < *n; i++) {
		const char *a = cstr(v[i].t, v[i].row, "term");
		int drop = 0;
		for (j = 0; j < *n && !drop; j++)
			drop = j != i && term_inside(cstr(v[j].t, v[j].row,
			    "term"), a) && folded((int64_t)cnum(v[i].t,
			    v[i].row, col), (int64_t)cnum(v[j].t, v[j].row, col));
		if (!drop)
			v[k++] = v[i];
	}
	*n = k;
}

const struct pl_error *
pl_report_key(struct pl_report *r)
{
	const struct pl_error *err = NULL;
	struct pl_keyness_opts o;
	struct pl_slice target, ref;
	struct pl_table kt[2];
	struct krow *up = NULL, *down = NULL;
	size_t nup = 0, ndown = 0, i, k, row, cap = 0;
	int n, nmax = pl_tokenizer_cfg(r->c->tk)->ngram_max >= 2 ? 2 : 1;
	int64_t pdocs = (int64_t)cnum(&r->glance, 0, "period");
	int64_t mind = pdocs >= 5 ? 2 : 1;
	char refs[32];
	struct args a;

	memset(&target, 0, sizeof(target));
	memset(&ref, 0, sizeof(ref));
	pl_table_init(&kt[0]);
	pl_table_init(&kt[1]);
	if (r->p.nobase) {
		TRY(add_cols(&r->key, "term:s n:i direction:s target_count:i "
		    "reference_count:i target_docs:i reference_docs:i "
		    "target_per10k:r reference_per10k:r log_ratio:r g2:r q:r"));
		goto done;
	}
	snprintf(refs, sizeof(refs), "previous:%d", r->p.nbase);
	TRY(pl_slice_parse(r->c, r->p.label, 0, &target));
	TRY(pl_slice_parse(r->c, refs, 1, &ref));
	for (n = 1; n <= 2; n++) {
		if (n > nmax)
			continue;
		pl_keyness_opts_defaults(&o);
		o.n = n;
		o.top = 0;
		o.side = 3;
		o.max_q = MAX_Q;
		o.filter = sub_filter(r, INT64_MIN, INT64_MAX);
		TRY_CTX(pl_keyness(r->c, &target, &ref, &o, &kt[n - 1]),
		    "keyness");
		args_start(r, &a, "keyness");
		arg(&a, "--target");
		arg(&a, r->p.label);
		arg(&a, "--reference");
		arg(&a, refs);
		if (n > 1) {
			arg(&a, "--ngram");
			argf(&a, "%d", n);
		}
		arg(&a, "--side");
		arg(&a, "both");
		arg(&a, "--top");
		arg(&a, "0");
		arg(&a, "--max-q");
		argf(&a, "%g", MAX_Q);
		TRY(method_add(r, n == 1 ? "data/key.tsv and key.png, the words "
		    "(less the terms with a number, and those used in one "
		    "document only)" : "data/key.tsv and key.png, the "
		    "two-word phrases (as above)", n == 1 ? "data/key.tsv 和 "
		    "key.png，词（去掉含数字的词语和只见于一篇文档的词语）" :
		    "data/key.tsv 和 key.png，双词短语（同上）", &a));
		cap += kt[n - 1].nrows;
	}
	ALLOC(up, cap, sizeof(*up));
	ALLOC(down, cap, sizeof(*down));
	for (n = 0; n < 2; n++)
		for (i = 0; i < kt[n].nrows; i++) {
			const char *term = cstr(&kt[n], i, "term");
			int rising = strcmp(cstr(&kt[n], i, "key"), "target") == 0;
			struct krow kr = { &kt[n], i, n + 1,
			    cnum(&kt[n], i, "g2") };
			if (pl_report_numeric_term(term))
				continue;
			if (cnum(&kt[n], i, rising ? "target_docs" :
			    "reference_docs") < (double)mind)
				continue;
			if (rising)
				up[nup++] = kr;
			else
				down[ndown++] = kr;
		}
	fold_key(up, &nup, "target_count");
	fold_key(down, &ndown, "reference_count");
	qsort(up, nup, sizeof(*up), cmp_krow);
	qsort(down, ndown, sizeof(*down), cmp_krow);
	if (nup > KEY_UP)
		nup = KEY_UP;
	if (ndown > KEY_DOWN)
		ndown = KEY_DOWN;
	TRY(add_cols(&r->key, "term:s n:i direction:s target_count:i "
	    "reference_count:i target_docs:i reference_docs:i "
	    "target_per10k:r reference_per10k:r log_ratio:r g2:r q:r"));
	for (k = 0; k < 2; k++) {
		struct krow *v = k ? down : up;
		size_t nv = k ? ndown : nup;
		for (i = 0; i < nv; i++) {
			const struct pl_table *t = v[i].t;
			size_t s = v[i].row;
			const char *term = cstr(t, s, "term");
			TRY(row_add(&r->key, &row));
			TRY(set_s(&r->key, row, "term", term));
			set_i(&r->key, row, "n", v[i].n);
			TRY(set_s(&r->key, row, "direction", k ? "falling" : "rising"));
			set_i(&r->key, row, "target_count",
			    (int64_t)cnum(t, s, "target_count"));
			set_i(&r->key, row, "reference_count",
			    (int64_t)cnum(t, s, "reference_count"));
			set_i(&r->key, row, "target_docs",
			    (int64_t)cnum(t, s, "target_docs"));
			set_i(&r->key, row, "reference_docs",
			    (int64_t)cnum(t, s, "reference_docs"));
			set_r(&r->key, row, "target_per10k",
			    cnum(t, s, "target_per10k"));
			set_r(&r->key, row, "reference_per10k",
			    cnum(t, s, "reference_per10k"));
			set_r(&r->key, row, "log_ratio", cnum(t, s, "log_ratio"));
			set_r(&r->key, row, "g2", cnum(t, s, "g2"));
			set_r(&r->key, row, "q", cnum(t, s, "q"));
			if (report_hl_find(r, term) < 0)
				TRY(hl_add(r, term, NULL, k ? "falling" : "rising"));
		}
	}
	r->nkey = r->key.nrows;
done:
	free(up);
	free(down);
	pl_table_release(&kt[0]);
	pl_table_release(&kt[1]);
	pl_slice_release(&target);
	pl_slice_release(&ref);
	return err;
}

/* ---- 3. watch list ------------------------------------------------- */

const struct pl_error *
pl_report_watch(struct pl_report *r, char *const *lines, size_t n)
{
	const struct pl_error *err = NULL;
	struct pl_series_opts o;
	struct pl_table t;
	struct pl_term **terms = NULL;
	char buf[11];
	size_t i, row, k, nb = 0;
	double *hist = NULL;
	struct args a;

	pl_table_init(&t);
	TRY(add_cols(&r->watch, "term:s count:i value:r previous:r change:r "
	    "baseline_mean:r z:r percentile:r periods:i"));
	TRY(add_cols(&r->wseries, "term:s bucket:s start:s count:i value:r"));
	if (r->watchfile == NULL || n == 0)
		goto done;
	ALLOC(terms, n, sizeof(*terms));
	for (i = 0; i < n; i++)
		if ((err = pl_term_parse(r->c, lines[i], &terms[i])) != NULL) {
			err = pl_error_wrap(err, "--watch: %s", r->watchfile);
			goto done;
		}
	pl_series_opts_defaults(&o);
	o.by = r->p.by;
	o.filter = sub_filter(r, pl_bucket_start(r->p.by, r->p.first_day),
	    r->p.to);
	TRY_CTX(pl_series(r->c, terms, n, &o, &t), "watch list");
	ALLOC(hist, t.nrows, sizeof(*hist));
	for (i = 0, row = 0; i < n; i++) {
		/* rows of term i: [row, row + m) */
		size_t m = 0, cur, r0 = row, w;
		const char *label = terms[i]->label;
		while (row + m < t.nrows && strcmp(cstr(&t, row + m, "term"),
		    label) == 0)
			m++;
		row += m;
		if (m == 0)
			continue;
		cur = r0 + m - 1;
		for (k = 0; k < m; k++)
			hist[k] = cnum(&t, r0 + k, "value");
		nb = m - 1 < (size_t)r->p.nbase ? m - 1 : (size_t)r->p.nbase;
		TRY(row_add(&r->watch, &w));
		TRY(set_s(&r->watch, w, "term", label));
		set_i(&r->watch, w, "count", (int64_t)cnum(&t, cur, "count"));
		set_r(&r->watch, w, "value", hist[m - 1]);
		if (m > 1) {
			double sum = 0;
			size_t q, kk = 0;
			set_r(&r->watch, w, "previous", hist[m - 2]);
			set_r(&r->watch, w, "change", hist[m - 1] - hist[m - 2]);
			for (q = m - 1 - nb; q < m - 1; q++)
				if (!isnan(hist[q])) {
					sum += hist[q];
					kk++;
				}
			set_r(&r->watch, w, "baseline_mean", kk ? sum /
			    (double)kk : NAN);
			set_r(&r->watch, w, "z", pl_report_z(hist[m - 1],
			    hist + (m - 1 - nb), nb));
		}
		set_r(&r->watch, w, "percentile",
		    pl_report_percentile(hist[m - 1], hist, m));
		{
			size_t q, np = 0;
			for (q = 0; q < m; q++)
				np += !isnan(hist[q]);
			set_i(&r->watch, w, "periods", (int64_t)np);
		}
		for (k = m > r->nwin ? m - r->nwin : 0; k < m; k++) {
			size_t s;
			TRY(row_add(&r->wseries, &s));
			TRY(set_s(&r->wseries, s, "term", label));
			TRY(set_s(&r->wseries, s, "bucket", cstr(&t, r0 + k, "bucket")));
			TRY(set_s(&r->wseries, s, "start", cstr(&t, r0 + k, "start")));
			set_i(&r->wseries, s, "count",
			    (int64_t)cnum(&t, r0 + k, "count"));
			set_r(&r->wseries, s, "value", hist[k]);
		}
		if (report_hl_find(r, label) < 0) {
			TRY(hl_add(r, lines[i], terms[i], "watched"));
			terms[i] = NULL;
		}
	}
	r->nwatch = r->watch.nrows;
	args_start(r, &a, "series");
	arg(&a, "--by");
	arg(&a, pl_bucket_name(r->p.by));
	arg(&a, "--from");
	pl_date_format(pl_bucket_start(r->p.by, r->p.first_day), buf);
	argf(&a, "%s", buf);
	arg(&a, "--to");
	pl_date_format(r->p.to, buf);
	argf(&a, "%s", buf);
	arg(&a, "--terms");
	arg(&a, r->watchfile);
	TRY(method_add(r, "data/watch.tsv, data/watch-series.tsv and "
	    "watch.png (value: per 10,000 tokens; z and percentile from these "
	    "rows)", "data/watch.tsv、data/watch-series.tsv 和 watch.png（值："
	    "每万词次；z 和百分位由这些行算出）", &a));
done:
	pl_table_release(&t);
	for (i = 0; terms != NULL && i < n; i++)
		pl_term_free(terms[i]);
	free(terms);
	free(hist);
	return err;
}

/* ---- 4. new this period -------------------------------------------- */

const struct pl_error *
pl_report_new(struct pl_report *r)
{
	const struct pl_error *err = NULL;
	struct pl_new_opts o;
	struct pl_table t;
	size_t i, j, row;
	char buf[11];
	struct args a;
	int64_t pdocs = (int64_t)cnum(&r->glance, 0, "period");
	int64_t back = r->p.from;

	/* "New" is new to the last SPARK_N periods, the span the page's
	 * sparklines show: never used before, or back after an absence. */
	for (i = 0; i < SPARK_N; i++)
		back = pl_bucket_start(r->p.by, back - 1);
	pl_new_opts_defaults(&o);
	o.since = r->p.from;
	o.to = r->p.to;
	o.absent = r->p.from - back;
	o.ngram = 0;
	o.min_count = NEW_MIN;
	o.min_docs = pdocs >= 5 ? 2 : 1;
	o.top = 0;
	o.filter = sub_filter(r, INT64_MIN, INT64_MAX);
	pl_table_init(&t);
	TRY_CTX(pl_new_terms(r->c, &o, &t), "new terms");
	TRY(add_cols(&r->newt, "term:s n:i count:i docs:i first:s last:s "
	    "later:i previous:s"));
	for (i = 0; i < t.nrows && r->newt.nrows < NEW_N; i++) {
		const char *term = cstr(&t, i, "term");
		int64_t cnt = (int64_t)cnum(&t, i, "count");
		int dup = 0;
		if (pl_report_numeric_term(term))
			continue;
		/* A phrase that only ever occurs inside a longer new phrase
		 * (or around a shorter one) with the same count is one find,
		 * shown once: the longest. */
		for (j = 0; j < t.nrows && !dup; j++) {
			const char *o2 = cstr(&t, j, "term");
			if (j == i || pl_report_numeric_term(o2))
				continue;
			if (term_inside(o2, term) && folded(cnt,
			    (int64_t)cnum(&t, j, "count")))
				dup = 1;
		}
		if (dup)
			continue;
		TRY(row_add(&r->newt, &row));
		TRY(set_s(&r->newt, row, "term", term));
		set_i(&r->newt, row, "n", (int64_t)cnum(&t, i, "n"));
		set_i(&r->newt, row, "count", cnt);
		set_i(&r->newt, row, "docs", (int64_t)cnum(&t, i, "docs"));
		TRY(set_s(&r->newt, row, "first", cstr(&t, i, "first")));
		TRY(set_s(&r->newt, row, "last", cstr(&t, i, "last")));
		set_i(&r->newt, row, "later", (int64_t)cnum(&t, i, "later"));
		if (*cstr(&t, i, "previous") != '\0')
			TRY(set_s(&r->newt, row, "previous",
			    cstr(&t, i, "previous")));
		if (report_hl_find(r, term) < 0)
			TRY(hl_add(r, term, NULL, "new"));
	}
	r->nnew = r->newt.nrows;
	args_start(r, &a, "new");
	arg(&a, "--since");
	pl_date_format(r->p.from, buf);
	argf(&a, "%s", buf);
	arg(&a, "--to");
	pl_date_format(r->p.to, buf);
	argf(&a, "%s", buf);
	arg(&a, "--min-count");
	argf(&a, "%d", NEW_MIN);
	arg(&a, "--min-docs");
	argf(&a, "%lld", (long long)o.min_docs);
	arg(&a, "--absent");
	argf(&a, "%lld", (long long)o.absent);
	arg(&a, "--top");
	arg(&a, "0");
	TRY(method_add(r, "data/new.tsv (less the terms with a number, and "
	    "phrases inside a longer new phrase with the same count)",
	    "data/new.tsv（去掉含数字的词语，以及包含在次数相同的更长新短语"
	    "中的短语）", &a));
done:
	pl_table_release(&t);
	return err;
}

/* ---- sparklines ---------------------------------------------------- */

static struct pl_term **
hl_terms(const struct pl_report *r, size_t n)
{
	struct pl_term **t = calloc(n ? n : 1, sizeof(*t));
	size_t i;

	for (i = 0; t != NULL && i < n; i++)
		t[i] = r->hl[i].term;
	return t;
}

static void
add_terms(struct args *a, const struct pl_report *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		arg(a, r->hl[i].expr);
}

const struct pl_error *
pl_report_spark(struct pl_report *r)
{
	const struct pl_error *err = NULL;
	struct pl_series_opts o;
	struct pl_term **t = NULL;
	struct args a;
	char buf[11];

	if (r->nhl == 0)
		return NULL;
	if ((t = hl_terms(r, r->nhl)) == NULL)
		return pl_error_nomem();
	pl_series_opts_defaults(&o);
	o.by = r->p.by;
	o.filter = sub_filter(r, r->win_from, r->p.to);
	TRY_CTX(pl_series(r->c, t, r->nhl, &o, &r->spark), "sparklines");
	args_start(r, &a, "series");
	arg(&a, "--by");
	arg(&a, pl_bucket_name(r->p.by));
	arg(&a, "--from");
	pl_date_format(r->win_from, buf);
	argf(&a, "%s", buf);
	arg(&a, "--to");
	pl_date_format(r->p.to, buf);
	argf(&a, "%s", buf);
	add_terms(&a, r, r->nhl);
	TRY(method_add(r, "data/sparklines.tsv (the sparklines: per 10,000 "
	    "tokens)", "data/sparklines.tsv（迷你图：每万词次）", &a));
done:
	free(t);
	return err;
}

/* ---- 5. bursts and change points ----------------------------------- */

/*
 * The command lines of a bursts or changes table over the first n
 * highlighted terms: the key terms with --words (as compute_bursts
 * counts them), the watched ones without.
 */
static const struct pl_error *
method_terms(struct pl_report *r, const char *cmd, const char *what,
    const char *what_zh, size_t n, const char *to)
{
	const struct pl_error *err = NULL;
	struct args a;
	size_t i;
	int words, any;

	for (words = 1; words >= 0; words--) {
		for (any = 0, i = 0; i < n; i++)
			if ((strcmp(r->hl[i].why, "watched") != 0) == words)
				any = 1;
		if (!any)
			continue;
		args_start(r, &a, cmd);
		arg(&a, "--by");
		arg(&a, pl_bucket_name(r->p.by));
		arg(&a, "--to");
		arg(&a, to);
		if (words)
			arg(&a, "--words");
		for (i = 0; i < n; i++)
			if ((strcmp(r->hl[i].why, "watched") != 0) == words)
				arg(&a, r->hl[i].expr);
		TRY(method_add(r, what, what_zh, &a));
	}
done:
	return err;
}

const struct pl_error *
pl_report_bursts(struct pl_report *r)
{
	const struct pl_error *err = NULL;
	struct pl_bursts_opts bo;
	struct pl_changes_opts co;
	struct pl_table t;
	struct pl_term **terms = NULL;
	struct pl_term **own = NULL;
	size_t n = r->nkey + r->nwatch, i, row;
	char buf[11], from[11], to[11];
	int saved;

	pl_table_init(&t);
	pl_date_format(r->p.from, from);
	pl_date_format(r->p.to, to);
	TRY(add_cols(&r->bursts, "term:s level:i start:s end:s first:s last:s "
	    "buckets:i count:i expected:r ratio:r weight:r"));
	TRY(add_cols(&r->changes, "term:s change:s first:s end:s rate_before:r "
	    "rate:r ratio:r count:i"));
	/* The rising, falling and watched terms come first in hl. */
	for (i = 0; i < r->nhl; i++)
		if (strcmp(r->hl[i].why, "new") == 0)
			break;
	n = i;
	if (n == 0 || r->p.nobase)
		goto done;
	if ((terms = hl_terms(r, n)) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	/*
	 * Key terms come from the index and the key-term table counts their
	 * tokens, so bursts and change points count them as whole tokens
	 * too (--words): the same numbers, read from the postings instead of
	 * matching characters in every document of the history.  Watched
	 * terms are counted as series counts them.
	 */
	ALLOC(own, n, sizeof(*own));
	saved = r->c->match_words;
	r->c->match_words = 1;
	for (i = 0; err == NULL && i < n; i++)
		if (strcmp(r->hl[i].why, "watched") != 0) {
			err = pl_term_parse(r->c, r->hl[i].expr, &own[i]);
			terms[i] = own[i];
		}
	r->c->match_words = saved;
	TRY_CTX(err, "term");
	pl_bursts_opts_defaults(&bo);
	bo.by = r->p.by;
	bo.filter = sub_filter(r, INT64_MIN, r->p.to);
	TRY_CTX(pl_bursts(r->c, terms, n, &bo, &t), "bursts");
	for (i = 0; i < t.nrows; i++) {
		const char *f = cstr(&t, i, "first"), *l = cstr(&t, i, "last");
		if (strcmp(f, to) > 0 || strcmp(l, from) < 0)
			continue;
		TRY(row_add(&r->bursts, &row));
		TRY(set_s(&r->bursts, row, "term", cstr(&t, i, "term")));
		set_i(&r->bursts, row, "level", (int64_t)cnum(&t, i, "level"));
		TRY(set_s(&r->bursts, row, "start", cstr(&t, i, "start")));
		TRY(set_s(&r->bursts, row, "end", cstr(&t, i, "end")));
		TRY(set_s(&r->bursts, row, "first", f));
		TRY(set_s(&r->bursts, row, "last", l));
		set_i(&r->bursts, row, "buckets", (int64_t)cnum(&t, i,
		    "buckets"));
		set_i(&r->bursts, row, "count", (int64_t)cnum(&t, i, "count"));
		set_r(&r->bursts, row, "expected", cnum(&t, i, "expected"));
		set_r(&r->bursts, row, "ratio", cnum(&t, i, "ratio"));
		set_r(&r->bursts, row, "weight", cnum(&t, i, "weight"));
	}
	pl_table_release(&t);
	TRY(method_terms(r, "bursts", "data/bursts.tsv (the bursts whose "
	    "days overlap the period)", "data/bursts.tsv（与本期有重叠的突发）",
	    n, to));

	pl_changes_opts_defaults(&co);
	co.by = r->p.by;
	co.filter = sub_filter(r, INT64_MIN, r->p.to);
	pl_table_init(&t);
	TRY_CTX(pl_changes(r->c, terms, n, &co, &t), "change points");
	pl_date_format(r->p.base_from, buf);
	for (i = 0; i < t.nrows; i++) {
		const char *ch = cstr(&t, i, "change");
		if (*ch == '\0' || strcmp(cstr(&t, i, "first"), buf) < 0)
			continue;
		TRY(row_add(&r->changes, &row));
		TRY(set_s(&r->changes, row, "term", cstr(&t, i, "term")));
		TRY(set_s(&r->changes, row, "change", ch));
		TRY(set_s(&r->changes, row, "first", cstr(&t, i, "first")));
		TRY(set_s(&r->changes, row, "end", cstr(&t, i, "end")));
		set_r(&r->changes, row, "rate_before", cnum(&t, i - 1, "rate"));
		set_r(&r->changes, row, "rate", cnum(&t, i, "rate"));
		set_r(&r->changes, row, "ratio", cnum(&t, i, "ratio"));
		set_i(&r->changes, row, "count", (int64_t)cnum(&t, i, "count"));
	}
	TRY(method_terms(r, "changes", "data/changes.tsv (the change points "
	    "from the start of the baseline to the end of the period)",
	    "data/changes.tsv（从基线开始到本期结束的变点）", n, to));
done:
	pl_table_release(&t);
	for (i = 0; own != NULL && i < n; i++)
		pl_term_free(own[i]);
	free(own);
	free(terms);
	return err;
}

/* ---- 6. evidence --------------------------------------------------- */

static const char *
doc_title(const struct pl_report *r, const char *ext)
{
	size_t i;

	for (i = 0; i < r->c->ndocs; i++)
		if (strcmp(pl_corpus_ext_id(r->c, i), ext) == 0)
			return pl_corpus_title(r->c, i);
	return "";
}

const struct pl_error *
pl_report_evidence(struct pl_report *r)
{
	const struct pl_error *err = NULL;
	struct pl_kwic_opts o;
	struct pl_table t;
	size_t i, k, row, first[64], nd;
	char from[11], to[11];
	struct args a;

	pl_table_init(&t);
	TRY(add_cols(&r->ev, "term:s why:s doc:s date:s source:s title:s left:s "
	    "match:s right:s"));
	for (i = 0; i < r->nhl; i++) {
		struct pl_report_hl *h = &r->hl[i];
		size_t pick[EV_LINES], np = 0;
		pl_kwic_opts_defaults(&o);
		o.width = 10;
		o.limit = 0;
		o.filter = h->before ? sub_filter(r, r->p.base_from,
		    r->p.from - 1) : sub_filter(r, r->p.from, r->p.to);
		TRY_CTX(pl_kwic(r->c, h->term, &o, &t), "evidence");
		/* The first line of up to 64 documents, then EV_LINES of
		 * them spread from the first to the last. */
		for (k = 0, nd = 0; k < t.nrows && nd < 64; k++)
			if (k == 0 || strcmp(cstr(&t, k, "doc"),
			    cstr(&t, k - 1, "doc")) != 0)
				first[nd++] = k;
		if (nd <= EV_LINES) {
			for (k = 0; k < nd; k++)
				pick[np++] = first[k];
			/* Fewer documents than lines: more lines of them. */
			for (k = 0; np < EV_LINES && k < t.nrows; k++) {
				size_t q;
				int used = 0;
				for (q = 0; q < np; q++)
					used |= pick[q] == k;
				if (!used)
					pick[np++] = k;
			}
			/* keep date order */
			for (k = 1; k < np; k++) {
				size_t q, v = pick[k];
				for (q = k; q > 0 && pick[q - 1] > v; q--)
					pick[q] = pick[q - 1];
				pick[q] = v;
			}
		} else
			for (k = 0; k < EV_LINES; k++)
				pick[np++] = first[k * (nd - 1) / (EV_LINES - 1)];
		for (k = 0; k < np; k++) {
			size_t s = pick[k];
			TRY(row_add(&r->ev, &row));
			TRY(set_s(&r->ev, row, "term", h->term->label));
			TRY(set_s(&r->ev, row, "why", h->why));
			TRY(set_s(&r->ev, row, "doc", cstr(&t, s, "doc")));
			TRY(set_s(&r->ev, row, "date", cstr(&t, s, "date")));
			TRY(set_s(&r->ev, row, "source", cstr(&t, s, "source")));
			TRY(set_s(&r->ev, row, "title", doc_title(r,
			    cstr(&t, s, "doc"))));
			TRY(set_s(&r->ev, row, "left", cstr(&t, s, "left")));
			TRY(set_s(&r->ev, row, "match", cstr(&t, s, "match")));
			TRY(set_s(&r->ev, row, "right", cstr(&t, s, "right")));
		}
		h->nev = np;
		pl_table_release(&t);
		pl_table_init(&t);
		args_start(r, &a, "kwic");
		arg(&a, "--from");
		pl_date_format(h->before ? r->p.base_from : r->p.from, from);
		arg(&a, from);
		arg(&a, "--to");
		pl_date_format(h->before ? r->p.from - 1 : r->p.to, to);
		arg(&a, to);
		arg(&a, "--width");
		arg(&a, "10");
		arg(&a, "--limit");
		arg(&a, "0");
		arg(&a, h->expr);
		TRY(method_add(r, "data/evidence.tsv: one document's first line, "
		    "for up to three documents from the first to the last",
		    "data/evidence.tsv：每篇文档的第一条例句，从第一篇到最后一篇"
		    "最多取三篇", &a));
	}
done:
	pl_table_release(&t);
	return err;
}


/* ---- what changed since the last one ------------------------------- */

static int
cmp_chg_row(const void *a, const void *b, void *arg)
{
	const struct pl_corpus *c = arg;
	const struct pl_cdoc *x = &c->docs[*(const size_t *)a];
	const struct pl_cdoc *y = &c->docs[*(const size_t *)b];

	if (x->source != y->source)
		return x->source < y->source ? -1 : 1;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* The phrases that entered and left d, to r->chgph, in reading order. */
static const struct pl_error *
chg_phrases(struct pl_report *r, const struct pl_diff *d, size_t row,
    size_t prev)
{
	const struct pl_error *err = NULL;
	struct pl_table ph;
	size_t k, e, nin = 0, nout = 0;

	pl_table_init(&ph);
	TRY(pl_diff_phrases(r->c, d, &ph));
	for (k = 0; k < ph.nrows; k++) {
		int in = strcmp(cstr(&ph, k, "change"), "entered") == 0;
		if ((in ? nin++ : nout++) >= CHG_PHRASES)
			continue;
		TRY(row_add(&r->chgph, &e));
		TRY(set_s(&r->chgph, e, "doc",
		    pl_corpus_ext_id(r->c, row)));
		TRY(set_s(&r->chgph, e, "prev",
		    pl_corpus_ext_id(r->c, prev)));
		TRY(set_s(&r->chgph, e, "change", cstr(&ph, k, "change")));
		TRY(set_s(&r->chgph, e, "phrase", cstr(&ph, k, "phrase")));
		set_i(&r->chgph, e, "count", (int64_t)cnum(&ph, k, "count"));
	}
done:
	pl_table_release(&ph);
	return err;
}


/* Why a source of the period has fewer redlines than reports. */
static const char *
chg_note(size_t reports, size_t first, size_t unrel, size_t over)
{
	static char buf[200];
	size_t n = 0;

	buf[0] = '\0';
	if (reports > CHG_MAX_DOCS)
		return "feed: more reports in the period than a series has, "
		    "not compared";
	if (first > 0)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "its first "
		    "report has no previous one");
	if (unrel > 0)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%zu "
		    "unrelated (similarity under %.2f): no redline",
		    n ? "; " : "", unrel, CHG_MIN_SIM);
	if (over > 0)
		snprintf(buf + n, sizeof(buf) - n, "%s%zu over the page's "
		    "limit of %d redlines", n ? "; " : "", over,
		    CHG_MAX_SHOWN);
	return buf;
}

/*
 * For each source with 1 to CHG_MAX_DOCS reports in the period: each
 * report against the one before it of the same source (among those the
 * filters pass), as plenum diff DOC PREV does.  r->changed gets the
 * summary rows, r->chgsrc one row per source of the period, r->chged the
 * edits of the pairs whose redline is shown, r->chgpair the pairs.
 */
const struct pl_error *
pl_report_changed(struct pl_report *r)
{
	const struct pl_error *err = NULL;
	struct pl_docfilter pf = sub_filter(r, r->p.from, r->p.to);
	struct pl_corpus *c = r->c;
	size_t *cnt = NULL, *cmp = NULL, *shown = NULL, *first = NULL;
	size_t *unrel = NULL, *rows = NULL;
	size_t i, k, n = 0, nshown = 0;
	struct pl_diff d;
	struct pl_table ed;
	struct args a;

	pl_diff_init(&d);
	pl_table_init(&ed);
	ALLOC(cnt, c->nsources, sizeof(*cnt));
	ALLOC(cmp, c->nsources, sizeof(*cmp));
	ALLOC(shown, c->nsources, sizeof(*shown));
	ALLOC(first, c->nsources, sizeof(*first));
	ALLOC(unrel, c->nsources, sizeof(*unrel));
	ALLOC(rows, c->ndocs, sizeof(*rows));
	TRY(add_cols(&r->chgsrc, "source:s reports:i compared:i redlines:i "
	    "note:s"));
	TRY(add_cols(&r->chged, "doc:s prev:s op:s sentence:s old:s new:s"));
	TRY(add_cols(&r->chgph, "doc:s prev:s change:s phrase:s count:i"));
	for (i = 0; i < c->ndocs; i++)
		if (pl_corpus_match(c, i, &pf))
			cnt[c->docs[i].source]++;
	for (i = 0; i < c->ndocs; i++)
		if (pl_corpus_match(c, i, &pf) &&
		    cnt[c->docs[i].source] <= CHG_MAX_DOCS)
			rows[n++] = i;
	qsort_r(rows, n, sizeof(*rows), cmp_chg_row, c);
	ALLOC(r->chgpair, n, sizeof(*r->chgpair));
	for (i = 0; i < n; i++) {
		size_t prev, row;
		double sim;

		err = pl_diff_prev(c, rows[i], &r->filter, NULL, &prev);
		if (err != NULL && err->code == PL_ERR_NOTFOUND) {
			first[c->docs[rows[i]].source]++;
			err = NULL;
			continue;
		}
		TRY(err);
		TRY(pl_diff_docs(c, prev, rows[i], &d));
		TRY(pl_diff_summary(c, &d, &r->changed));
		row = r->changed.nrows - 1;
		sim = cnum(&r->changed, row, "similarity");
		cmp[c->docs[rows[i]].source]++;
		r->chgpair[r->nchg].row = rows[i];
		r->chgpair[r->nchg].prev = prev;
		r->chgpair[r->nchg].shown = sim >= CHG_MIN_SIM &&
		    nshown < CHG_MAX_SHOWN;
		if (r->chgpair[r->nchg].shown) {
			nshown++;
			shown[c->docs[rows[i]].source]++;
			TRY(chg_phrases(r, &d, rows[i], prev));
			TRY(pl_diff_table(&d, &ed));
			for (k = 0; k < ed.nrows; k++) {
				size_t e;
				TRY(row_add(&r->chged, &e));
				TRY(set_s(&r->chged, e, "doc",
				    pl_corpus_ext_id(c, rows[i])));
				TRY(set_s(&r->chged, e, "prev",
				    pl_corpus_ext_id(c, prev)));
				TRY(set_s(&r->chged, e, "op", cstr(&ed, k, "op")));
				TRY(set_s(&r->chged, e, "sentence",
				    cstr(&ed, k, "sentence")));
				TRY(set_s(&r->chged, e, "old", cstr(&ed, k, "old")));
				TRY(set_s(&r->chged, e, "new", cstr(&ed, k, "new")));
			}
		}
		else if (sim < CHG_MIN_SIM)
			unrel[c->docs[rows[i]].source]++;
		r->nchg++;
		memset(&a, 0, sizeof(a));
		arg(&a, "diff");
		arg(&a, "--db");
		arg(&a, r->dbname);
		arg(&a, pl_corpus_ext_id(c, rows[i]));
		arg(&a, pl_corpus_ext_id(c, prev));
		TRY(method_add(r, "What changed since the last one: the redline "
		    "and its summary (add --summary --format tsv for the row "
		    "of data/changed.tsv, --format tsv for the edits)",
		    "与上一篇相比：修订对照及其摘要（加 --summary --format tsv "
		    "得到 data/changed.tsv 的一行，加 --format tsv 得到各处改动）",
		    &a));
	}
	for (i = 0; i < c->nsources; i++) {
		if (cnt[i] == 0)
			continue;
		TRY(row_add(&r->chgsrc, &k));
		TRY(set_s(&r->chgsrc, k, "source", c->sources[i]));
		set_i(&r->chgsrc, k, "reports", (int64_t)cnt[i]);
		set_i(&r->chgsrc, k, "compared", (int64_t)cmp[i]);
		set_i(&r->chgsrc, k, "redlines", (int64_t)shown[i]);
		TRY(set_s(&r->chgsrc, k, "note", chg_note(cnt[i], first[i],
		    unrel[i], cmp[i] - shown[i] - unrel[i])));
	}
done:
	pl_table_release(&ed);
	pl_diff_release(&d);
	free(rows);
	free(first);
	free(unrel);
	free(shown);
	free(cmp);
	free(cnt);
	return err;
}

/* ---- the files ----------------------------------------------------- */

static const struct pl_error *
write_tsv(const char *dir, const char *name, const struct pl_table *t)
{
	const struct pl_error *err;
	char *path;
	FILE *fp;

	if (asprintf(&path, "%s/data/%s", dir, name) < 0)
		return pl_error_nomem();
	if ((fp = fopen(path, "w")) == NULL) {
		err = pl_error_from_errno(path);
		free(path);
		return err;
	}
	err = pl_table_write(t, fp, PL_FMT_TSV);
	if (fclose(fp) == EOF && err == NULL)
		err = pl_error_from_errno(path);
	free(path);
	return err;
}

const struct pl_error *
pl_report_data(const struct pl_report *r, const char *dir)
{
	const struct {
		const char		*name;
		const struct pl_table	*t;
	} files[] = {
		{ "glance.tsv",		 &r->glance },
		{ "glance-sources.tsv",	 &r->sources },
		{ "glance-days.tsv",	 &r->days },
		{ "glance-reports.tsv",	 &r->reports },
		{ "volume.tsv",		 &r->volume },
		{ "key.tsv",		 &r->key },
		{ "sparklines.tsv",	 &r->spark },
		{ "watch.tsv",		 &r->watch },
		{ "watch-series.tsv",	 &r->wseries },
		{ "new.tsv",		 &r->newt },
		{ "bursts.tsv",		 &r->bursts },
		{ "changes.tsv",	 &r->changes },
		{ "evidence.tsv",	 &r->ev },
		{ "changed.tsv",	 &r->changed },
		{ "changed-sources.tsv", &r->chgsrc },
		{ "changed-edits.tsv",	 &r->chged },
		{ "changed-phrases.tsv", &r->chgph },
	};
	const struct pl_error *err = NULL;
	size_t i;

	for (i = 0; err == NULL && i < sizeof(files) / sizeof(files[0]); i++)
		err = write_tsv(dir, files[i].name, files[i].t);
	return err;
}

/* ---- a report's lifetime ------------------------------------------ */

static struct pl_table *
report_tables(struct pl_report *r, size_t i)
{
	struct pl_table *t[] = { &r->glance, &r->sources, &r->days,
	    &r->volume, &r->key, &r->spark, &r->watch, &r->wseries, &r->newt,
	    &r->bursts, &r->changes, &r->ev, &r->reports, &r->changed,
	    &r->chgsrc, &r->chged, &r->chgph };

	return i < sizeof(t) / sizeof(t[0]) ? t[i] : NULL;
}

void
pl_report_init(struct pl_report *r)
{
	struct pl_table *t;
	size_t i;

	memset(r, 0, sizeof(*r));
	pl_docfilter_init(&r->filter);
	for (i = 0; (t = report_tables(r, i)) != NULL; i++)
		pl_table_init(t);
}

void
pl_report_release(struct pl_report *r)
{
	struct pl_table *t;
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; (t = report_tables(r, i)) != NULL; i++)
		pl_table_release(t);
	free(r->chgpair);
	for (i = 0; i < r->nhl; i++) {
		free(r->hl[i].expr);
		pl_term_free(r->hl[i].term);
	}
	free(r->hl);
	for (i = 0; i < r->nm; i++) {
		free(r->m[i].what);
		free(r->m[i].what_zh);
		free(r->m[i].cmd);
	}
	free(r->m);
	free(r->win);
	r->chgpair = NULL;
	r->hl = NULL;
	r->m = NULL;
	r->win = NULL;
	r->nchg = r->nhl = r->nm = r->nwin = 0;
}
