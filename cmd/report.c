/*
 * report.c - plenum report: the weekly review as one self-contained HTML
 * page, with its charts (PNG and SVG) and tables (TSV) beside it.  What
 * each section computes and why: docs/REPORT.md.
 *
 * The sections are computed from the library's modules (keyness, series,
 * newterms, burst, changes, kwic) into tables, drawn with plots/ and
 * written with lib/html.c.  The page is built in a temporary directory
 * beside DIR and swapped into place, so a reader never sees half a
 * report.  Nothing on the page depends on the clock: the same database
 * and arguments give the same bytes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <ftw.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "plenum/burst.h"
#include "plenum/changes.h"
#include "plenum/date.h"
#include "plenum/diff.h"
#include "plenum/html.h"
#include "plenum/keyness.h"
#include "plenum/kwic.h"
#include "plenum/newterms.h"
#include "plenum/plot.h"
#include "plenum/report.h"
#include "plenum/series.h"
#include "plenum/token.h"
#include "cli.h"
#include "commands.h"

static const char usage_str[] =
	"usage: plenum report [--db FILE] [--period week|month|quarter|year]\n"
	"                     [--at PERIOD] [--baseline N] [--watch FILE]\n"
	"                     [--source S ...] [--where K=V ...] [-v] -o DIR\n";

#define SPARK_N		26	/* periods in a sparkline and the charts */
#define KEY_UP		15	/* rising terms shown */
#define KEY_DOWN	10	/* falling terms shown */
#define NEW_N		12	/* new terms shown */
#define NEW_MIN		3	/* uses of a new term in the period */
#define REPORTS_LIST	12	/* the period's reports are listed up to this */
#define EV_LINES	3	/* evidence lines per term */
#define MAX_Q		0.05	/* key terms shown */

/* A term the page highlights, with its evidence. */
struct hl {
	char		*expr;		/* the expression, as plenum takes it */
	struct pl_term	*term;
	const char	*why;		/* rising, falling, watched, new */
	int		 before;	/* evidence from the baseline */
	size_t		 nev;		/* evidence lines found */
};

/* A command line that reproduces a table or chart. */
struct method {
	char		*what;
	char		*cmd;
};

struct report {
	struct pl_db		*db;
	struct pl_corpus	*c;
	struct pl_docfilter	 filter;	/* --source, --where */
	struct pl_period	 p;
	int			 zh;
	const char		*dbname;	/* the file name, no directories */
	const char		*watchfile;
	char			*dir;		/* -o, trailing slashes dropped */
	char			*tmp;		/* where it is built */
	char			*cmdline;	/* the report's own, reproducible */
	char			**srcargs;	/* --source S --where K=V, as given */
	int			 nsrcargs;
	int64_t			 win_from;	/* the charts' first day */
	size_t			 nwin;		/* periods in the window */
	int64_t			*win;		/* their first days */
	/* tables */
	struct pl_table		 glance, sources, days, volume, key, spark;
	struct pl_table		 watch, wseries, newt, bursts, changes, ev;
	struct pl_table		 reports;	/* the period's, when few */
	struct pl_table		 changed, chgsrc, chged, chgph;
	struct chgpair {
		size_t	 row, prev;	/* corpus rows: the report, the one before */
		int	 shown;		/* its redline is on the page */
	}			*chgpair;	/* one per row of changed */
	size_t			 nchg;
	struct hl		*hl;
	size_t			 nhl, nkey, nwatch, nnew;
	struct method		*m;
	size_t			 nm;
	FILE			*out;
	int			 verbose;	/* -v: timings on stderr */
	double			 t0;
};

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* With -v: how long the step just done took. */
static void
lap(struct report *r, const char *what)
{
	double t = now_s();

	if (r->verbose)
		cli_warnx("%s: %.3f s", what, t - r->t0);
	r->t0 = t;
}

/* ---- small helpers ------------------------------------------------ */

static void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (p == NULL) {
		cli_warnx("out of memory");
		exit(1);
	}
	return p;
}

static char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL) {
		cli_warnx("out of memory");
		exit(1);
	}
	return p;
}

static char *
xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0) {
		cli_warnx("out of memory");
		exit(1);
	}
	return s;
}

/* A growing argument vector for the command lines of the Method. */
struct args {
	char	*v[256];
	char	*own[256];
	int	 n, nown;
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
		cli_warnx("out of memory");
		exit(1);
	}
	va_end(ap);
	if (a->nown < 255)
		a->own[a->nown++] = s;
	arg(a, s);
}

static char *
args_done(struct args *a)
{
	char *s = cli_quote_args("plenum", a->n, a->v);
	int i;

	for (i = 0; i < a->nown; i++)
		free(a->own[i]);
	if (s == NULL) {
		cli_warnx("out of memory");
		exit(1);
	}
	return s;
}

/* "plenum NAME --db DB" and the filters. */
static void
args_start(struct report *r, struct args *a, const char *name)
{
	int i;

	memset(a, 0, sizeof(*a));
	arg(a, name);
	arg(a, "--db");
	arg(a, r->dbname);
	for (i = 0; i < r->nsrcargs; i++)
		arg(a, r->srcargs[i]);
}

static void
method_add(struct report *r, const char *what, struct args *a)
{
	struct method *m = realloc(r->m, (r->nm + 1) * sizeof(*m));

	if (m == NULL) {
		cli_warnx("out of memory");
		exit(1);
	}
	r->m = m;
	m[r->nm].what = xstrdup(what);
	m[r->nm].cmd = args_done(a);
	r->nm++;
}

static void
date_iso(int64_t d, char buf[11])
{
	pl_date_format(d, buf);
}

static const char *const mon_en[] = { "Jan", "Feb", "Mar", "Apr", "May",
    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
static const char *const month_en[] = { "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October",
    "November", "December" };
static const char *const wd_en[] = { "Mon", "Tue", "Wed", "Thu", "Fri",
    "Sat", "Sun" };
static const char *const wd_zh[] = { "周一", "周二", "周三", "周四", "周五",
    "周六", "周日" };

/* A day as a reader of the corpus writes it: 2022年11月6日, 6 Nov 2022. */
static void
date_human(const struct report *r, int64_t d, int year, char *buf,
    size_t n)
{
	int y, m, dd;

	pl_civil_from_days(d, &y, &m, &dd);
	if (r->zh && year)
		snprintf(buf, n, "%d年%d月%d日", y, m, dd);
	else if (r->zh)
		snprintf(buf, n, "%d月%d日", m, dd);
	else if (year)
		snprintf(buf, n, "%d %s %d", dd, mon_en[m - 1], y);
	else
		snprintf(buf, n, "%d %s", dd, mon_en[m - 1]);
}

static const char *
weekday(const struct report *r, int64_t d)
{
	int w = pl_weekday(d) - 1;

	if (w < 0 || w > 6)
		return "";
	return r->zh ? wd_zh[w] : wd_en[w];
}

/* The period in words: "Week 44, 2022: 31 Oct to 6 Nov 2022". */
static void
period_human(const struct report *r, enum pl_bucket by, int64_t from,
    int64_t to, char *buf, size_t n)
{
	char a[40], b[40];
	int y, m, d, iy, w;

	pl_civil_from_days(from, &y, &m, &d);
	date_human(r, from, 0, a, sizeof(a));
	date_human(r, to, 1, b, sizeof(b));
	switch (by) {
	case PL_BUCKET_WEEK:
		pl_iso_week(from, &iy, &w);
		if (r->zh)
			snprintf(buf, n, "%d年第%d周（%s至%s）", iy, w, a, b);
		else
			snprintf(buf, n, "Week %d of %d (%s to %s)", w, iy, a, b);
		break;
	case PL_BUCKET_MONTH:
		if (r->zh)
			snprintf(buf, n, "%d年%d月", y, m);
		else
			snprintf(buf, n, "%s %d", month_en[m - 1], y);
		break;
	case PL_BUCKET_QUARTER:
		if (r->zh)
			snprintf(buf, n, "%d年第%d季度（%s至%s）", y, (m + 2) / 3,
			    a, b);
		else
			snprintf(buf, n, "Q%d %d (%s to %s)", (m + 2) / 3, y, a,
			    b);
		break;
	default:
		snprintf(buf, n, r->zh ? "%d年" : "%d", y);
	}
}

static const char *
period_noun(enum pl_bucket by)
{
	return by == PL_BUCKET_WEEK ? "week" : by == PL_BUCKET_MONTH ? "month" :
	    by == PL_BUCKET_QUARTER ? "quarter" : "year";
}

static const char *
review_name(enum pl_bucket by)
{
	return by == PL_BUCKET_WEEK ? "Weekly review" : by == PL_BUCKET_MONTH ?
	    "Monthly review" : by == PL_BUCKET_QUARTER ? "Quarterly review" :
	    "Yearly review";
}

static const struct pl_cell *
cell(const struct pl_table *t, size_t row, const char *col)
{
	long k = pl_table_col(t, col);

	if (k < 0) {
		cli_warnx("internal error: no column '%s'", col);
		exit(1);
	}
	return pl_table_cell(t, row, (size_t)k);
}

static const char *
cstr(const struct pl_table *t, size_t row, const char *col)
{
	const struct pl_cell *c = cell(t, row, col);

	return c->null ? "" : c->v.s;
}

static double
cnum(const struct pl_table *t, size_t row, const char *col)
{
	long k = pl_table_col(t, col);
	int ok = 1;
	double v;

	if (k < 0) {
		cli_warnx("internal error: no column '%s'", col);
		exit(1);
	}
	v = pl_table_num(t, row, (size_t)k, &ok);
	return ok ? v : NAN;
}

static void
fail_if(const struct pl_error *err, const char *ctx)
{
	if (err != NULL) {
		if (ctx != NULL)
			cli_warnx("%s: %s", ctx, err->msg);
		else
			cli_error(err);
		exit(err->code == PL_ERR_USAGE ? 2 : 1);
	}
}

static void
add_cols(struct pl_table *t, const char *spec)
{
	/* "name:s name:i name:r ..." */
	char buf[1024], *p, *tok;

	snprintf(buf, sizeof(buf), "%s", spec);
	for (p = buf; (tok = strsep(&p, " ")) != NULL;) {
		char *c = strchr(tok, ':');
		*c = '\0';
		fail_if(pl_table_add_col(t, tok, c[1] == 's' ? PL_COL_STR :
		    c[1] == 'i' ? PL_COL_INT : PL_COL_REAL), NULL);
	}
}

static size_t
row_add(struct pl_table *t)
{
	fail_if(pl_table_add_row(t), NULL);
	return t->nrows - 1;
}

static void
set_s(struct pl_table *t, size_t row, const char *col, const char *s)
{
	fail_if(pl_table_set_str(t, row, (size_t)pl_table_col(t, col), s),
	    NULL);
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

/* A filter over [from, to] with the user's sources and metadata (the
 * mask is borrowed: never release the copy). */
static struct pl_docfilter
sub_filter(const struct report *r, int64_t from, int64_t to)
{
	struct pl_docfilter f = r->filter;

	f.from = from;
	f.to = to;
	f.limit = 0;
	return f;
}

static void
write_tsv(struct report *r, const char *name, const struct pl_table *t)
{
	char *path = xasprintf("%s/data/%s", r->tmp, name);
	FILE *fp = fopen(path, "w");
	const struct pl_error *err;

	if (fp == NULL) {
		cli_warnx("%s: %s", path, strerror(errno));
		exit(1);
	}
	err = pl_table_write(t, fp, PL_FMT_TSV);
	if (fclose(fp) == EOF && err == NULL)
		err = pl_error_from_errno(path);
	fail_if(err, NULL);
	free(path);
}

/* ---- period window ---------------------------------------------- */

static void
window(struct report *r)
{
	int64_t s = r->p.from, first = pl_bucket_start(r->p.by, r->p.first_day);
	size_t n = SPARK_N, i;

	if ((size_t)r->p.nbase + 1 > n)
		n = (size_t)r->p.nbase + 1;
	r->win = xcalloc(n, sizeof(*r->win));
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
}

/* Index of the window period holding day d, or -1. */
static long
win_index(const struct report *r, int64_t d)
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

static void
compute_glance(struct report *r)
{
	const struct pl_corpus *c = r->c;
	struct pl_docfilter f = sub_filter(r, r->win_from, r->p.to);
	size_t nw = r->nwin, cur = nw - 1, i, j, nb, ns = c->nsources;
	int64_t *docs = xcalloc(nw, sizeof(*docs));
	int64_t *toks = xcalloc(nw, sizeof(*toks));
	int64_t *sdocs = xcalloc(ns * nw, sizeof(*sdocs));
	int64_t *stoks = xcalloc(ns, sizeof(*stoks));
	double *tmp = xcalloc(nw, sizeof(*tmp));
	enum pl_bucket sub = r->p.by <= PL_BUCKET_MONTH ? PL_BUCKET_DAY :
	    PL_BUCKET_MONTH;
	int64_t d, ndays;
	size_t row, k;
	char lab[24], buf[11];
	struct args a;
	struct { int64_t start, docs, toks; } *day;

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
	add_cols(&r->glance, "measure:s period:i baseline_median:r "
	    "baseline_min:i baseline_max:i");
	for (k = 0; k < 3; k++) {
		int64_t mn = INT64_MAX, mx = 0, v;
		row = row_add(&r->glance);
		set_s(&r->glance, row, "measure", k == 0 ? "documents" : k == 1 ?
		    "tokens" : "days with reports");
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

	add_cols(&r->sources, "source:s documents:i tokens:i "
	    "baseline_median:r");
	for (i = 0; i < ns; i++) {
		int any = sdocs[i * nw + cur] > 0;
		for (j = 0; j < nb; j++) {
			tmp[j] = (double)sdocs[i * nw + cur - 1 - j];
			any |= tmp[j] > 0;
		}
		if (!any)
			continue;
		row = row_add(&r->sources);
		set_s(&r->sources, row, "source", c->sources[i]);
		set_i(&r->sources, row, "documents", sdocs[i * nw + cur]);
		set_i(&r->sources, row, "tokens", stoks[i]);
		set_r(&r->sources, row, "baseline_median", median(tmp, nb));
	}
	pl_table_set_prec(&r->sources, 3, 1);

	/* By day (a week or month) or by month (a quarter or year). */
	ndays = 0;
	for (d = r->p.from; d <= r->p.to; d = pl_bucket_next(sub, d))
		ndays++;
	day = xcalloc((size_t)ndays, sizeof(*day));
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
	add_cols(&r->reports, "doc:s date:s source:s title:s tokens:i");
	for (i = 0, k = 0; i < c->ndocs; i++)
		k += pl_corpus_match(c, i, &f);
	for (i = 0; k <= REPORTS_LIST && i < c->ndocs; i++) {
		if (!pl_corpus_match(c, i, &f))
			continue;
		row = row_add(&r->reports);
		set_s(&r->reports, row, "doc", c->docs[i].ext_id);
		date_iso(c->docs[i].day, buf);
		set_s(&r->reports, row, "date", buf);
		set_s(&r->reports, row, "source", c->sources[c->docs[i].source]);
		set_s(&r->reports, row, "title", c->docs[i].title ?
		    c->docs[i].title : "");
		set_i(&r->reports, row, "tokens", c->docs[i].tokens);
	}
	add_cols(&r->days, sub == PL_BUCKET_DAY ? "date:s weekday:s documents:i "
	    "tokens:i" : "month:s documents:i tokens:i");
	for (k = 0; k < (size_t)ndays; k++) {
		row = row_add(&r->days);
		if (sub == PL_BUCKET_DAY) {
			date_iso(day[k].start, buf);
			set_s(&r->days, row, "date", buf);
			set_s(&r->days, row, "weekday", wd_en[pl_weekday(day[k].start) - 1]);
		} else {
			pl_bucket_label(sub, day[k].start, lab);
			set_s(&r->days, row, "month", lab);
		}
		if (day[k].start > r->p.last_day)
			continue;	/* after the data: unknown, not zero */
		set_i(&r->days, row, "documents", day[k].docs);
		set_i(&r->days, row, "tokens", day[k].toks);
	}
	free(day);

	add_cols(&r->volume, "bucket:s start:s documents:i tokens:i");
	for (j = 0; j < nw; j++) {
		row = row_add(&r->volume);
		pl_bucket_label(r->p.by, r->win[j], lab);
		date_iso(r->win[j], buf);
		set_s(&r->volume, row, "bucket", lab);
		set_s(&r->volume, row, "start", buf);
		set_i(&r->volume, row, "documents", docs[j]);
		set_i(&r->volume, row, "tokens", toks[j]);
	}
	args_start(r, &a, "docs");
	date_iso(r->win_from, buf);
	arg(&a, "--from");
	argf(&a, "%s", buf);
	date_iso(r->p.to, buf);
	arg(&a, "--to");
	argf(&a, "%s", buf);
	method_add(r, "data/glance.tsv, data/glance-sources.tsv, "
	    "data/glance-days.tsv, data/glance-reports.tsv, data/volume.tsv "
	    "and volume.png (the documents counted by period, source and "
	    "day)", &a);
	free(docs);
	free(toks);
	free(sdocs);
	free(stoks);
	free(tmp);
}

/* ---- highlighted terms -------------------------------------------- */

static size_t
hl_add(struct report *r, const char *expr, struct pl_term *t,
    const char *why)
{
	struct hl *h = realloc(r->hl, (r->nhl + 1) * sizeof(*h));

	if (h == NULL) {
		cli_warnx("out of memory");
		exit(1);
	}
	r->hl = h;
	memset(&h[r->nhl], 0, sizeof(*h));
	h[r->nhl].expr = xstrdup(expr);
	if (t == NULL)
		fail_if(pl_term_parse(r->c, expr, &t), NULL);
	h[r->nhl].term = t;
	h[r->nhl].why = why;
	h[r->nhl].before = strcmp(why, "falling") == 0;
	return r->nhl++;
}

/* The highlighted entry of a term, or -1. */
static long
hl_find(const struct report *r, const char *label)
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
static int
term_inside(const char *big, const char *small)
{
	char *b, *m;
	const char *p;
	int in, latin = 0;

	if (strlen(big) <= strlen(small))
		return 0;
	for (p = small; *p; p++)
		latin |= (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9');
	if (latin) {
		b = xasprintf(" %s ", big);
		m = xasprintf(" %s ", small);
	} else {
		char *q;
		b = xstrdup(big);
		m = xstrdup(small);
		for (p = q = b; *p; p++)
			if (*p != ' ')
				*q++ = *p;
		*q = '\0';
		for (p = q = m; *p; p++)
			if (*p != ' ')
				*q++ = *p;
		*q = '\0';
	}
	in = strstr(b, m) != NULL && strcmp(b, m) != 0;
	free(b);
	free(m);
	return in;
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

static void
compute_key(struct report *r)
{
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

	if (r->p.nobase) {
		add_cols(&r->key, "term:s n:i direction:s target_count:i "
		    "reference_count:i target_docs:i reference_docs:i "
		    "target_per10k:r reference_per10k:r log_ratio:r g2:r q:r");
		return;
	}
	snprintf(refs, sizeof(refs), "previous:%d", r->p.nbase);
	fail_if(pl_slice_parse(r->c, r->p.label, 0, &target), NULL);
	fail_if(pl_slice_parse(r->c, refs, 1, &ref), NULL);
	for (n = 1; n <= 2; n++) {
		pl_table_init(&kt[n - 1]);
		if (n > nmax)
			continue;
		pl_keyness_opts_defaults(&o);
		o.n = n;
		o.top = 0;
		o.side = 3;
		o.max_q = MAX_Q;
		o.filter = sub_filter(r, INT64_MIN, INT64_MAX);
		fail_if(pl_keyness(r->c, &target, &ref, &o, &kt[n - 1]),
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
		method_add(r, n == 1 ? "data/key.tsv and key.png, the words "
		    "(less the terms with a number, and those used in one "
		    "document only)" : "data/key.tsv and key.png, the "
		    "two-word phrases (as above)", &a);
		cap += kt[n - 1].nrows;
	}
	up = xcalloc(cap, sizeof(*up));
	down = xcalloc(cap, sizeof(*down));
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
	add_cols(&r->key, "term:s n:i direction:s target_count:i "
	    "reference_count:i target_docs:i reference_docs:i "
	    "target_per10k:r reference_per10k:r log_ratio:r g2:r q:r");
	for (k = 0; k < 2; k++) {
		struct krow *v = k ? down : up;
		size_t nv = k ? ndown : nup;
		for (i = 0; i < nv; i++) {
			const struct pl_table *t = v[i].t;
			size_t s = v[i].row;
			const char *term = cstr(t, s, "term");
			row = row_add(&r->key);
			set_s(&r->key, row, "term", term);
			set_i(&r->key, row, "n", v[i].n);
			set_s(&r->key, row, "direction", k ? "falling" : "rising");
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
			if (hl_find(r, term) < 0)
				hl_add(r, term, NULL, k ? "falling" : "rising");
		}
	}
	r->nkey = r->key.nrows;
	free(up);
	free(down);
	pl_table_release(&kt[0]);
	pl_table_release(&kt[1]);
	pl_slice_release(&target);
	pl_slice_release(&ref);
}

/* ---- 3. watch list ------------------------------------------------- */

static void
compute_watch(struct report *r)
{
	struct pl_series_opts o;
	struct pl_table t;
	struct pl_term **terms;
	char *text, **lines = NULL, lab[24], buf[11];
	int n, i;
	size_t row, k, nb = 0;
	double *hist;
	struct args a;

	add_cols(&r->watch, "term:s count:i value:r previous:r change:r "
	    "baseline_mean:r z:r percentile:r periods:i");
	add_cols(&r->wseries, "term:s bucket:s start:s count:i value:r");
	if (r->watchfile == NULL)
		return;
	if ((text = cli_read_file(r->watchfile, NULL)) == NULL)
		exit(1);
	if ((n = cli_term_lines(text, &lines)) == -1) {
		cli_warnx("out of memory");
		exit(1);
	}
	if (n == 0) {
		cli_warnx("--watch: %s: no terms in the file", r->watchfile);
		exit(1);
	}
	terms = xcalloc((size_t)n, sizeof(*terms));
	for (i = 0; i < n; i++) {
		const struct pl_error *err = pl_term_parse(r->c, lines[i],
		    &terms[i]);
		if (err != NULL) {
			cli_warnx("--watch: %s: %s", r->watchfile, err->msg);
			exit(err->code == PL_ERR_USAGE ? 2 : 1);
		}
	}
	pl_series_opts_defaults(&o);
	o.by = r->p.by;
	o.filter = sub_filter(r, pl_bucket_start(r->p.by, r->p.first_day),
	    r->p.to);
	pl_table_init(&t);
	fail_if(pl_series(r->c, terms, (size_t)n, &o, &t), "watch list");
	hist = xcalloc(t.nrows, sizeof(*hist));
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
		w = row_add(&r->watch);
		set_s(&r->watch, w, "term", label);
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
			size_t s = row_add(&r->wseries);
			set_s(&r->wseries, s, "term", label);
			set_s(&r->wseries, s, "bucket", cstr(&t, r0 + k, "bucket"));
			set_s(&r->wseries, s, "start", cstr(&t, r0 + k, "start"));
			set_i(&r->wseries, s, "count",
			    (int64_t)cnum(&t, r0 + k, "count"));
			set_r(&r->wseries, s, "value", hist[k]);
		}
		if (hl_find(r, label) < 0) {
			hl_add(r, lines[i], terms[i], "watched");
			terms[i] = NULL;
		}
	}
	r->nwatch = r->watch.nrows;
	args_start(r, &a, "series");
	arg(&a, "--by");
	arg(&a, pl_bucket_name(r->p.by));
	arg(&a, "--from");
	date_iso(pl_bucket_start(r->p.by, r->p.first_day), buf);
	argf(&a, "%s", buf);
	arg(&a, "--to");
	date_iso(r->p.to, buf);
	argf(&a, "%s", buf);
	arg(&a, "--terms");
	arg(&a, r->watchfile);
	method_add(r, "data/watch.tsv, data/watch-series.tsv and watch.png "
	    "(value: per 10,000 tokens; z and percentile from these rows)", &a);
	(void)lab;
	pl_table_release(&t);
	cli_terms_free(terms, n);
	free(hist);
	free(lines);
	free(text);
}

/* ---- 4. new this period -------------------------------------------- */

static void
compute_new(struct report *r)
{
	struct pl_new_opts o;
	struct pl_table t;
	size_t i, j, row;
	char buf[11];
	struct args a;
	int64_t pdocs = (int64_t)cnum(&r->glance, 0, "period");

	pl_new_opts_defaults(&o);
	o.since = r->p.from;
	o.to = r->p.to;
	o.ngram = 0;
	o.min_count = NEW_MIN;
	o.min_docs = pdocs >= 5 ? 2 : 1;
	o.top = 0;
	o.filter = sub_filter(r, INT64_MIN, INT64_MAX);
	pl_table_init(&t);
	fail_if(pl_new_terms(r->c, &o, &t), "new terms");
	add_cols(&r->newt, "term:s n:i count:i docs:i first:s last:s later:i");
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
		row = row_add(&r->newt);
		set_s(&r->newt, row, "term", term);
		set_i(&r->newt, row, "n", (int64_t)cnum(&t, i, "n"));
		set_i(&r->newt, row, "count", cnt);
		set_i(&r->newt, row, "docs", (int64_t)cnum(&t, i, "docs"));
		set_s(&r->newt, row, "first", cstr(&t, i, "first"));
		set_s(&r->newt, row, "last", cstr(&t, i, "last"));
		set_i(&r->newt, row, "later", (int64_t)cnum(&t, i, "later"));
		if (hl_find(r, term) < 0)
			hl_add(r, term, NULL, "new");
	}
	r->nnew = r->newt.nrows;
	args_start(r, &a, "new");
	arg(&a, "--since");
	date_iso(r->p.from, buf);
	argf(&a, "%s", buf);
	arg(&a, "--to");
	date_iso(r->p.to, buf);
	argf(&a, "%s", buf);
	arg(&a, "--min-count");
	argf(&a, "%d", NEW_MIN);
	arg(&a, "--min-docs");
	argf(&a, "%lld", (long long)o.min_docs);
	arg(&a, "--top");
	arg(&a, "0");
	method_add(r, "data/new.tsv (less the terms with a number, and "
	    "phrases inside a longer new phrase with the same count)", &a);
	pl_table_release(&t);
}

/* ---- sparklines ---------------------------------------------------- */

static struct pl_term **
hl_terms(const struct report *r, size_t n)
{
	struct pl_term **t = xcalloc(n, sizeof(*t));
	size_t i;

	for (i = 0; i < n; i++)
		t[i] = r->hl[i].term;
	return t;
}

static void
add_terms(struct args *a, const struct report *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		arg(a, r->hl[i].expr);
}

static void
compute_spark(struct report *r)
{
	struct pl_series_opts o;
	struct pl_term **t;
	struct args a;
	char buf[11];

	if (r->nhl == 0)
		return;
	t = hl_terms(r, r->nhl);
	pl_series_opts_defaults(&o);
	o.by = r->p.by;
	o.filter = sub_filter(r, r->win_from, r->p.to);
	fail_if(pl_series(r->c, t, r->nhl, &o, &r->spark), "sparklines");
	free(t);
	args_start(r, &a, "series");
	arg(&a, "--by");
	arg(&a, pl_bucket_name(r->p.by));
	arg(&a, "--from");
	date_iso(r->win_from, buf);
	argf(&a, "%s", buf);
	arg(&a, "--to");
	date_iso(r->p.to, buf);
	argf(&a, "%s", buf);
	add_terms(&a, r, r->nhl);
	method_add(r, "data/sparklines.tsv (the sparklines: per 10,000 "
	    "tokens)", &a);
}

/* ---- 5. bursts and change points ----------------------------------- */

/*
 * The command lines of a bursts or changes table over the first n
 * highlighted terms: the key terms with --words (as compute_bursts
 * counts them), the watched ones without.
 */
static void
method_terms(struct report *r, const char *cmd, const char *what, size_t n,
    const char *to)
{
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
		method_add(r, what, &a);
	}
}

static void
compute_bursts(struct report *r)
{
	struct pl_bursts_opts bo;
	struct pl_changes_opts co;
	struct pl_table t;
	struct pl_term **terms;
	struct pl_term **own;
	size_t n = r->nkey + r->nwatch, i, row;
	char buf[11], from[11], to[11];
	int saved;

	date_iso(r->p.from, from);
	date_iso(r->p.to, to);
	add_cols(&r->bursts, "term:s level:i start:s end:s first:s last:s "
	    "buckets:i count:i expected:r ratio:r weight:r");
	add_cols(&r->changes, "term:s change:s first:s end:s rate_before:r "
	    "rate:r ratio:r count:i");
	/* The rising, falling and watched terms come first in hl. */
	for (i = 0; i < r->nhl; i++)
		if (strcmp(r->hl[i].why, "new") == 0)
			break;
	n = i;
	if (n == 0 || r->p.nobase)
		return;
	terms = hl_terms(r, n);
	/*
	 * Key terms come from the index and the key-term table counts their
	 * tokens, so bursts and change points count them as whole tokens
	 * too (--words): the same numbers, read from the postings instead of
	 * matching characters in every document of the history.  Watched
	 * terms are counted as series counts them.
	 */
	own = xcalloc(n, sizeof(*own));
	saved = r->c->match_words;
	r->c->match_words = 1;
	for (i = 0; i < n; i++)
		if (strcmp(r->hl[i].why, "watched") != 0) {
			fail_if(pl_term_parse(r->c, r->hl[i].expr, &own[i]),
			    "term");
			terms[i] = own[i];
		}
	r->c->match_words = saved;
	pl_bursts_opts_defaults(&bo);
	bo.by = r->p.by;
	bo.filter = sub_filter(r, INT64_MIN, r->p.to);
	pl_table_init(&t);
	fail_if(pl_bursts(r->c, terms, n, &bo, &t), "bursts");
	for (i = 0; i < t.nrows; i++) {
		const char *f = cstr(&t, i, "first"), *l = cstr(&t, i, "last");
		if (strcmp(f, to) > 0 || strcmp(l, from) < 0)
			continue;
		row = row_add(&r->bursts);
		set_s(&r->bursts, row, "term", cstr(&t, i, "term"));
		set_i(&r->bursts, row, "level", (int64_t)cnum(&t, i, "level"));
		set_s(&r->bursts, row, "start", cstr(&t, i, "start"));
		set_s(&r->bursts, row, "end", cstr(&t, i, "end"));
		set_s(&r->bursts, row, "first", f);
		set_s(&r->bursts, row, "last", l);
		set_i(&r->bursts, row, "buckets", (int64_t)cnum(&t, i,
		    "buckets"));
		set_i(&r->bursts, row, "count", (int64_t)cnum(&t, i, "count"));
		set_r(&r->bursts, row, "expected", cnum(&t, i, "expected"));
		set_r(&r->bursts, row, "ratio", cnum(&t, i, "ratio"));
		set_r(&r->bursts, row, "weight", cnum(&t, i, "weight"));
	}
	pl_table_release(&t);
	method_terms(r, "bursts", "data/bursts.tsv (the bursts whose days "
	    "overlap the period)", n, to);

	pl_changes_opts_defaults(&co);
	co.by = r->p.by;
	co.filter = sub_filter(r, INT64_MIN, r->p.to);
	pl_table_init(&t);
	fail_if(pl_changes(r->c, terms, n, &co, &t), "change points");
	date_iso(r->p.base_from, buf);
	for (i = 0; i < t.nrows; i++) {
		const char *ch = cstr(&t, i, "change");
		if (*ch == '\0' || strcmp(cstr(&t, i, "first"), buf) < 0)
			continue;
		row = row_add(&r->changes);
		set_s(&r->changes, row, "term", cstr(&t, i, "term"));
		set_s(&r->changes, row, "change", ch);
		set_s(&r->changes, row, "first", cstr(&t, i, "first"));
		set_s(&r->changes, row, "end", cstr(&t, i, "end"));
		set_r(&r->changes, row, "rate_before", cnum(&t, i - 1, "rate"));
		set_r(&r->changes, row, "rate", cnum(&t, i, "rate"));
		set_r(&r->changes, row, "ratio", cnum(&t, i, "ratio"));
		set_i(&r->changes, row, "count", (int64_t)cnum(&t, i, "count"));
	}
	pl_table_release(&t);
	method_terms(r, "changes", "data/changes.tsv (the change points "
	    "from the start of the baseline to the end of the period)", n, to);
	for (i = 0; i < n; i++)
		pl_term_free(own[i]);
	free(own);
	free(terms);
}

/* ---- 6. evidence --------------------------------------------------- */

static const char *
doc_title(const struct report *r, const char *ext)
{
	size_t i;

	for (i = 0; i < r->c->ndocs; i++)
		if (strcmp(r->c->docs[i].ext_id, ext) == 0)
			return r->c->docs[i].title ? r->c->docs[i].title : "";
	return "";
}

static void
compute_evidence(struct report *r)
{
	struct pl_kwic_opts o;
	struct pl_table t;
	size_t i, k, row, first[64], nd;
	char from[11], to[11];
	struct args a;

	add_cols(&r->ev, "term:s why:s doc:s date:s source:s title:s left:s "
	    "match:s right:s");
	for (i = 0; i < r->nhl; i++) {
		struct hl *h = &r->hl[i];
		size_t pick[EV_LINES], np = 0;
		pl_kwic_opts_defaults(&o);
		o.width = 10;
		o.limit = 0;
		o.filter = h->before ? sub_filter(r, r->p.base_from,
		    r->p.from - 1) : sub_filter(r, r->p.from, r->p.to);
		pl_table_init(&t);
		fail_if(pl_kwic(r->c, h->term, &o, &t), "evidence");
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
			row = row_add(&r->ev);
			set_s(&r->ev, row, "term", h->term->label);
			set_s(&r->ev, row, "why", h->why);
			set_s(&r->ev, row, "doc", cstr(&t, s, "doc"));
			set_s(&r->ev, row, "date", cstr(&t, s, "date"));
			set_s(&r->ev, row, "source", cstr(&t, s, "source"));
			set_s(&r->ev, row, "title", doc_title(r,
			    cstr(&t, s, "doc")));
			set_s(&r->ev, row, "left", cstr(&t, s, "left"));
			set_s(&r->ev, row, "match", cstr(&t, s, "match"));
			set_s(&r->ev, row, "right", cstr(&t, s, "right"));
		}
		h->nev = np;
		pl_table_release(&t);
		args_start(r, &a, "kwic");
		arg(&a, "--from");
		date_iso(h->before ? r->p.base_from : r->p.from, from);
		arg(&a, from);
		arg(&a, "--to");
		date_iso(h->before ? r->p.from - 1 : r->p.to, to);
		arg(&a, to);
		arg(&a, "--width");
		arg(&a, "10");
		arg(&a, "--limit");
		arg(&a, "0");
		arg(&a, h->expr);
		method_add(r, "data/evidence.tsv: one document's first line, "
		    "for up to three documents from the first to the last",
		    &a);
	}
}

/* ---- charts --------------------------------------------------------- */

/* Draws t as NAME.png and NAME.svg in the build directory, with the
 * report's command line as provenance; 0, or -1 when there is nothing
 * to draw. */
static int
chart(struct report *r, const char *name, enum pl_plot_kind kind,
    const struct pl_table *t, struct pl_plotcfg *cfg)
{
	struct pl_plot *p = NULL;
	char *path;
	const char *ext[2] = { "png", "svg" };
	int i;

	if (t->nrows == 0)
		return -1;
	cfg->cmdline = r->cmdline;
	cfg->dbname = r->dbname;
	fail_if(pl_plot_new(kind, t, cfg, &p), name);
	for (i = 0; i < 2; i++) {
		path = xasprintf("%s/%s.%s", r->tmp, name, ext[i]);
		fail_if(pl_plot_write(p, path), name);
		free(path);
	}
	pl_plot_free(p);
	return 0;
}

/* The page's <img>: the PNG written beside it, as a data URI. */
static void
put_img(struct report *r, const char *name, const char *alt, double w)
{
	char *path = xasprintf("%s/%s.png", r->tmp, name);
	unsigned char *data = NULL;
	size_t len = 0, cap = 0, n;
	FILE *fp = fopen(path, "rb");

	if (fp == NULL) {
		cli_warnx("%s: %s", path, strerror(errno));
		exit(1);
	}
	do {
		if (len + 65536 > cap) {
			cap = cap ? cap * 2 : 1 << 18;
			if ((data = realloc(data, cap)) == NULL) {
				cli_warnx("out of memory");
				exit(1);
			}
		}
		n = fread(data + len, 1, cap - len, fp);
		len += n;
	} while (n > 0);
	fclose(fp);
	fprintf(r->out, "<figure><img width=\"%g\" alt=\"", w);
	pl_html_text(r->out, alt);
	fputs("\" src=\"", r->out);
	fail_if(pl_html_data_uri(r->out, "image/png", data, len), NULL);
	fprintf(r->out, "\"><figcaption>Files: <code>%s.png</code>, "
	    "<code>%s.svg</code></figcaption></figure>\n", name, name);
	free(data);
	free(path);
}

static void
caption(struct report *r, char *buf, size_t n)
{
	char a[11], b[11];

	date_iso(r->p.first_day, a);
	date_iso(r->p.last_day, b);
	snprintf(buf, n, "Source: %s, reports %s to %s. plenum %s", r->dbname,
	    a, b, PL_VERSION);
}

static int has_volume, has_key, has_watch;

static void
draw_charts(struct report *r)
{
	struct pl_plotcfg cfg;
	char title[256], sub[256], cap[256];

	caption(r, cap, sizeof(cap));
	pl_plotcfg_defaults(&cfg);
	cfg.width = 1000;
	cfg.height = 260;
	cfg.scale = 2;
	cfg.markers = 1;
	cfg.xcol = "start";
	cfg.ycol = "documents";
	snprintf(title, sizeof(title), "Reports per %s", period_noun(r->p.by));
	snprintf(sub, sizeof(sub), "The last %zu %ss; the dashed line marks "
	    "the one under review, %s", r->nwin, period_noun(r->p.by),
	    r->p.label);
	cfg.title = title;
	cfg.subtitle = sub;
	cfg.caption = cap;
	cfg.ylabel = "reports";
	cfg.nevents = 1;
	cfg.events[0].day = r->p.from;
	has_volume = chart(r, "volume", PL_PLOT_LINE, &r->volume, &cfg) == 0;

	pl_plotcfg_defaults(&cfg);
	cfg.width = 1000;
	cfg.height = 120 + 22 * (double)r->key.nrows;
	if (cfg.height < 300)
		cfg.height = 300;
	cfg.scale = 2;
	cfg.labelcol = "term";
	cfg.ycol = "log_ratio";
	cfg.top = 40;
	snprintf(title, sizeof(title), "Key terms of %s against the %d %ss "
	    "before", r->p.label, r->p.nbase, period_noun(r->p.by));
	cfg.title = title;
	cfg.subtitle = "Log ratio: log2 of the rate this period over the "
	    "baseline's rate (1 = twice as frequent)";
	cfg.caption = cap;
	cfg.ylabel = "log ratio";
	cfg.neg_label = "falling";
	cfg.pos_label = "rising";
	has_key = chart(r, "key", PL_PLOT_BAR, &r->key, &cfg) == 0;

	pl_plotcfg_defaults(&cfg);
	cfg.width = 1000;
	cfg.height = 180 + 150 * (double)((r->nwatch + 2) / 3);
	cfg.scale = 2;
	cfg.xcol = "start";
	cfg.ycol = "value";
	cfg.groupcol = "term";
	cfg.free_y = 1;
	cfg.ncol = r->nwatch < 3 ? (int)r->nwatch : 3;
	cfg.top = 30;
	cfg.nevents = 1;
	cfg.events[0].day = r->p.from;
	snprintf(title, sizeof(title), "Watch list, %s by %s",
	    period_noun(r->p.by), period_noun(r->p.by));
	cfg.title = title;
	cfg.subtitle = "Mentions per 10,000 tokens; each panel on its own "
	    "scale; the line marks the period under review";
	cfg.caption = cap;
	has_watch = chart(r, "watch", PL_PLOT_MULTIPLES, &r->wseries,
	    &cfg) == 0;
}

/* ---- the page ------------------------------------------------------- */

static void
put(struct report *r, const char *s)
{
	fputs(s, r->out);
}

static void
text(struct report *r, const char *s)
{
	pl_html_text(r->out, s);
}

/* An integer with thousands separators. */
static void
put_int(struct report *r, double v)
{
	char buf[32], out[48];
	size_t n, i, k = 0;

	if (isnan(v)) {
		put(r, "–");
		return;
	}
	snprintf(buf, sizeof(buf), "%lld", (long long)llround(v));
	n = strlen(buf);
	for (i = 0; i < n; i++) {
		if (i > 0 && buf[i - 1] != '-' && (n - i) % 3 == 0)
			out[k++] = ',';
		out[k++] = buf[i];
	}
	out[k] = '\0';
	put(r, out);
}

static void
put_real(struct report *r, double v, int prec, int sign)
{
	if (isnan(v))
		put(r, "–");
	else
		fprintf(r->out, sign ? "%+.*f" : "%.*f", prec, v);
}

static void
put_q(struct report *r, double q)
{
	if (isnan(q))
		put(r, "–");
	else if (q < 0.001)
		fprintf(r->out, "%.0e", q);
	else
		fprintf(r->out, "%.3f", q);
}

static void
put_date(struct report *r, const char *iso)
{
	int64_t d;
	enum pl_precision p;
	char buf[40];

	if (pl_date_parse(iso, strlen(iso), &d, &p) == -1 ||
	    p != PL_PREC_DAY) {
		text(r, iso);
		return;
	}
	date_human(r, d, 1, buf, sizeof(buf));
	fprintf(r->out, "<time datetime=\"%s\">%s</time>", iso, buf);
}

/* The sparkline of highlighted term i. */
static void
put_spark(struct report *r, size_t i)
{
	double v[512];
	size_t k, n = 0;
	const char *label = r->hl[i].term->label;

	for (k = 0; k < r->spark.nrows && n < 512; k++)
		if (strcmp(cstr(&r->spark, k, "term"), label) == 0)
			v[n++] = cnum(&r->spark, k, "value");
	if (n == 0) {
		put(r, "–");
		return;
	}
	pl_html_sparkline(r->out, v, n, 120, 24, label);
}

/* A term as its readers write it: the tokens of Chinese (and other
 * unspaced scripts) joined without the spaces plenum's expressions put
 * between them. */
static void
term_text(struct report *r, const char *s)
{
	const char *p;

	for (p = s; *p; p++) {
		if (*p == ' ' && p > s && (unsigned char)p[-1] >= 0x80 &&
		    (unsigned char)p[1] >= 0x80)
			continue;
		pl_html_textn(r->out, p, 1);
	}
}

/* The term, linked to its evidence. */
static void
put_term(struct report *r, const char *label)
{
	long i = hl_find(r, label);

	if (i >= 0 && r->hl[i].nev > 0)
		fprintf(r->out, "<a href=\"#ev-%ld\">", i);
	put(r, "<span class=\"term\" title=\"");
	text(r, label);
	put(r, "\">");
	term_text(r, label);
	put(r, "</span>");
	if (i >= 0 && r->hl[i].nev > 0)
		put(r, "</a>");
}

static void
sec_glance(struct report *r)
{
	const struct pl_table *g = &r->glance;
	size_t i;
	const char *noun = period_noun(r->p.by);
	int daily = pl_table_col(&r->days, "weekday") >= 0;

	if (r->p.nobase) {
		fprintf(r->out, "<p class=\"summary\"><strong>");
		put_int(r, cnum(g, 0, "period"));
		fprintf(r->out, "</strong> reports and <strong>");
		put_int(r, cnum(g, 1, "period"));
		fprintf(r->out, "</strong> tokens this %s, on %d day%s; no "
		    "reports before it.</p>\n", noun, r->p.days,
		    r->p.days == 1 ? "" : "s");
	} else {
	fprintf(r->out, "<p class=\"summary\"><strong>");
	put_int(r, cnum(g, 0, "period"));
	fprintf(r->out, "</strong> reports and <strong>");
	put_int(r, cnum(g, 1, "period"));
	fprintf(r->out, "</strong> tokens this %s, against a median of ", noun);
	put_int(r, cnum(g, 0, "baseline_median"));
	put(r, " reports (");
	put_int(r, cnum(g, 0, "baseline_min"));
	put(r, " to ");
	put_int(r, cnum(g, 0, "baseline_max"));
	put(r, ") and ");
	put_int(r, cnum(g, 1, "baseline_median"));
	fprintf(r->out, " tokens per %s over the %d %ss before. Reports "
	    "on %d day%s (median %g).</p>\n", noun, r->p.nbase, noun,
	    r->p.days, r->p.days == 1 ? "" : "s", r->p.base_days);
	}
	if (has_volume)
		put_img(r, "volume", "Reports per period", 1000);
	put(r, "<div class=\"cols\">\n<table><caption>By source</caption>"
	    "<thead><tr><th>source</th><th>reports</th><th>tokens</th>"
	    "<th>baseline median</th></tr></thead><tbody>\n");
	for (i = 0; i < r->sources.nrows; i++) {
		put(r, "<tr><td>");
		text(r, cstr(&r->sources, i, "source"));
		put(r, "</td><td class=\"n\">");
		put_int(r, cnum(&r->sources, i, "documents"));
		put(r, "</td><td class=\"n\">");
		put_int(r, cnum(&r->sources, i, "tokens"));
		put(r, "</td><td class=\"n\">");
		put_real(r, cnum(&r->sources, i, "baseline_median"), 1, 0);
		put(r, "</td></tr>\n");
	}
	fprintf(r->out, "</tbody></table>\n<table><caption>By %s</caption>"
	    "<thead><tr><th>%s</th><th>reports</th><th>tokens</th></tr>"
	    "</thead><tbody>\n", daily ? "day" : "month", daily ? "day" :
	    "month");
	for (i = 0; i < r->days.nrows; i++) {
		const struct pl_cell *dc = cell(&r->days, i, "documents");
		int none = dc->null || dc->v.i == 0;
		fprintf(r->out, "<tr%s><td>", none ? " class=\"empty\"" : "");
		if (daily) {
			/* the rows are the period's days in order */
			put_date(r, cstr(&r->days, i, "date"));
			fprintf(r->out, " %s", weekday(r, r->p.from +
			    (int64_t)i));
		} else {
			char mh[40];
			int64_t d;
			enum pl_precision p;
			pl_date_parse(cstr(&r->days, i, "month"), 7, &d, &p);
			period_human(r, PL_BUCKET_MONTH, d, d, mh, sizeof(mh));
			text(r, mh);
		}
		if (dc->null)
			put(r, "</td><td colspan=\"2\">after the data ends");
		else if (none)
			put(r, "</td><td colspan=\"2\">no reports");
		else {
			put(r, "</td><td class=\"n\">");
			put_int(r, (double)dc->v.i);
			put(r, "</td><td class=\"n\">");
			put_int(r, cnum(&r->days, i, "tokens"));
		}
		put(r, "</td></tr>\n");
	}
	put(r, "</tbody></table>\n</div>\n");
	if (r->reports.nrows == 0)
		return;
	put(r, "<table><caption>The reports of the period</caption><thead>"
	    "<tr><th>date</th><th>source</th><th>title</th><th>tokens</th>"
	    "<th>id</th></tr></thead><tbody>\n");
	for (i = 0; i < r->reports.nrows; i++) {
		put(r, "<tr><td>");
		put_date(r, cstr(&r->reports, i, "date"));
		put(r, "</td><td>");
		text(r, cstr(&r->reports, i, "source"));
		put(r, "</td><td><cite>");
		text(r, cstr(&r->reports, i, "title"));
		put(r, "</cite></td><td class=\"n\">");
		put_int(r, cnum(&r->reports, i, "tokens"));
		put(r, "</td><td><code>");
		text(r, cstr(&r->reports, i, "doc"));
		put(r, "</code></td></tr>\n");
	}
	put(r, "</tbody></table>\n");
}

static void
key_table(struct report *r, const char *dir)
{
	size_t i;
	int any = 0;

	for (i = 0; i < r->key.nrows; i++)
		any |= strcmp(cstr(&r->key, i, "direction"), dir) == 0;
	fprintf(r->out, "<h3>%s</h3>\n", *dir == 'r' ? "Rising" : "Falling");
	if (!any) {
		fprintf(r->out, "<p class=\"none\">No %s term at q &le; %g "
		    "(words and phrases with at least 5 uses).</p>\n", dir,
		    MAX_Q);
		return;
	}
	fprintf(r->out, "<table class=\"key\"><thead><tr><th>term</th>"
	    "<th title=\"uses this %s\">count</th><th title=\"reports "
	    "using it this %s\">reports</th><th>per 10k</th>"
	    "<th>baseline per 10k</th><th title=\"log2 of the rate ratio\">"
	    "log ratio</th><th title=\"log-likelihood\">G&sup2;</th>"
	    "<th title=\"Benjamini-Hochberg\">q</th><th>last %zu %ss</th>"
	    "</tr></thead><tbody>\n", period_noun(r->p.by),
	    period_noun(r->p.by), r->nwin, period_noun(r->p.by));
	for (i = 0; i < r->key.nrows; i++) {
		const char *term = cstr(&r->key, i, "term");
		if (strcmp(cstr(&r->key, i, "direction"), dir) != 0)
			continue;
		put(r, "<tr><td>");
		put_term(r, term);
		put(r, "</td><td class=\"n\">");
		put_int(r, cnum(&r->key, i, "target_count"));
		put(r, "</td><td class=\"n\">");
		put_int(r, cnum(&r->key, i, "target_docs"));
		put(r, "</td><td class=\"n\">");
		put_real(r, cnum(&r->key, i, "target_per10k"), 2, 0);
		put(r, "</td><td class=\"n\">");
		put_real(r, cnum(&r->key, i, "reference_per10k"), 2, 0);
		put(r, "</td><td class=\"n\">");
		put_real(r, cnum(&r->key, i, "log_ratio"), 2, 1);
		put(r, "</td><td class=\"n\">");
		put_real(r, fabs(cnum(&r->key, i, "g2")), 1, 0);
		put(r, "</td><td class=\"n\">");
		put_q(r, cnum(&r->key, i, "q"));
		put(r, "</td><td>");
		put_spark(r, (size_t)hl_find(r, term));
		put(r, "</td></tr>\n");
	}
	put(r, "</tbody></table>\n");
}

static void
sec_key(struct report *r)
{
	const char *noun = period_noun(r->p.by);
	/* the same rule as the key-term screen (five reports or more) */
	int single = cnum(&r->glance, 0, "period") >= 5;

	fprintf(r->out, "<p>Words and two-word phrases used more (rising) or "
	    "less (falling) this %s than in the %d %ss before, by "
	    "log-likelihood G&sup2;, kept when the Benjamini-Hochberg q is at "
	    "most %g. Terms with a number (mostly dates)%s are left out; "
	    "the full lists are in the commands under Method. Each term "
	    "links to its lines.</p>\n",
	    noun, r->p.nbase, noun, MAX_Q, single ? " and terms used in a "
	    "single report of the period" : "");
	if (r->p.nobase) {
		fprintf(r->out, "<p class=\"none\">Not computed: no reports "
		    "before this %s to compare with.</p>\n", noun);
		return;
	}
	key_table(r, "rising");
	key_table(r, "falling");
	if (has_key)
		put_img(r, "key", "Key terms by log ratio", 1000);
}

static void
sec_watch(struct report *r)
{
	const char *noun = period_noun(r->p.by);
	size_t i;

	if (r->watchfile == NULL) {
		put(r, "<p class=\"none\">No watch list. Pass <code>--watch "
		    "FILE</code>: one term a line, as for <code>plenum series "
		    "--terms</code> (<code>pandemic=covid|coronavirus</code> "
		    "sums alternatives under a label).</p>\n");
		return;
	}
	fprintf(r->out, "<p>Mentions per 10,000 tokens this %s and the %s "
	    "before; z is this %s against the mean and standard deviation "
	    "of the %d %ss before it, and the percentile where it stands "
	    "among every %s of the term's history with reports.</p>\n",
	    noun, noun, noun, r->p.nbase, noun, noun);
	fprintf(r->out, "<table class=\"watch\"><thead><tr><th>term</th>"
	    "<th>count</th><th>this %s</th><th>%s before</th><th>change</th>"
	    "<th>baseline mean</th><th>z</th><th>percentile</th>"
	    "<th>last %zu %ss</th></tr></thead><tbody>\n", noun, noun,
	    r->nwin, noun);
	for (i = 0; i < r->watch.nrows; i++) {
		const char *term = cstr(&r->watch, i, "term");
		put(r, "<tr><td>");
		put_term(r, term);
		put(r, "</td><td class=\"n\">");
		put_int(r, cnum(&r->watch, i, "count"));
		put(r, "</td><td class=\"n\">");
		put_real(r, cnum(&r->watch, i, "value"), 2, 0);
		put(r, "</td><td class=\"n\">");
		put_real(r, cnum(&r->watch, i, "previous"), 2, 0);
		put(r, "</td><td class=\"n\">");
		put_real(r, cnum(&r->watch, i, "change"), 2, 1);
		put(r, "</td><td class=\"n\">");
		put_real(r, cnum(&r->watch, i, "baseline_mean"), 2, 0);
		put(r, "</td><td class=\"n\">");
		put_real(r, cnum(&r->watch, i, "z"), 1, 1);
		put(r, "</td><td class=\"n\">");
		put_real(r, cnum(&r->watch, i, "percentile"), 0, 0);
		put(r, "</td><td>");
		if (hl_find(r, term) >= 0)
			put_spark(r, (size_t)hl_find(r, term));
		put(r, "</td></tr>\n");
	}
	put(r, "</tbody></table>\n");
	if (has_watch)
		put_img(r, "watch", "Watch list, small multiples", 1000);
}

/* The first evidence line of a term, as a short quote. */
static void
put_line(struct report *r, size_t row, int cite)
{
	const struct pl_table *e = &r->ev;

	put(r, "<q>");
	text(r, cstr(e, row, "left"));
	put(r, "<mark>");
	text(r, cstr(e, row, "match"));
	put(r, "</mark>");
	text(r, cstr(e, row, "right"));
	put(r, "</q>");
	if (!cite)
		return;
	put(r, "<br><small class=\"cite\"><code>");
	text(r, cstr(e, row, "doc"));
	put(r, "</code> · ");
	put_date(r, cstr(e, row, "date"));
	put(r, " · ");
	text(r, cstr(e, row, "source"));
	put(r, " · <cite>");
	text(r, cstr(e, row, "title"));
	put(r, "</cite></small>");
}

static long
ev_first(const struct report *r, const char *label)
{
	size_t k;

	for (k = 0; k < r->ev.nrows; k++)
		if (strcmp(cstr(&r->ev, k, "term"), label) == 0)
			return (long)k;
	return -1;
}

static void
sec_new(struct report *r)
{
	size_t i;
	long e;

	fprintf(r->out, "<p>Words and phrases that no report before this "
	    "%s used, with at least %d uses%s; terms with a number left "
	    "out.</p>\n", period_noun(r->p.by), NEW_MIN,
	    cnum(&r->glance, 0, "period") >= 5 ? " in at least 2 reports" : "");
	if (r->newt.nrows == 0) {
		put(r, "<p class=\"none\">No new terms.</p>\n");
		return;
	}
	put(r, "<table class=\"new\"><thead><tr><th>term</th><th>count</th>"
	    "<th>reports</th><th>first used</th><th>first line</th></tr>"
	    "</thead><tbody>\n");
	for (i = 0; i < r->newt.nrows; i++) {
		const char *term = cstr(&r->newt, i, "term");
		put(r, "<tr><td>");
		put_term(r, term);
		put(r, "</td><td class=\"n\">");
		put_int(r, cnum(&r->newt, i, "count"));
		put(r, "</td><td class=\"n\">");
		put_int(r, cnum(&r->newt, i, "docs"));
		put(r, "</td><td>");
		put_date(r, cstr(&r->newt, i, "first"));
		put(r, "</td><td class=\"line\">");
		if ((e = ev_first(r, term)) >= 0)
			put_line(r, (size_t)e, 0);
		put(r, "</td></tr>\n");
	}
	put(r, "</tbody></table>\n");
}

static void
sec_bursts(struct report *r)
{
	size_t i, n;
	const char *noun = period_noun(r->p.by);

	for (n = 0; n < r->nhl && strcmp(r->hl[n].why, "new") != 0; n++)
		;
	fprintf(r->out, "<p>Among the %zu rising, falling and watched terms: "
	    "Kleinberg bursts (a stretch of %ss at a higher rate) that "
	    "overlap this %s, and PELT change points (a lasting shift in "
	    "the rate) since the start of the baseline.</p>\n", n, noun,
	    noun);
	if (r->p.nobase) {
		fprintf(r->out, "<p class=\"none\">Not computed: no reports "
		    "before this %s.</p>\n", noun);
		return;
	}
	put(r, "<h3>Bursts</h3>\n");
	if (r->bursts.nrows == 0)
		fprintf(r->out, "<p class=\"none\">No burst overlaps %s.</p>\n",
		    r->p.label);
	else {
		fprintf(r->out, "<table><thead><tr><th>term</th><th>level</th>"
		    "<th>from</th><th>to</th><th>%ss</th><th>count</th>"
		    "<th>expected</th><th>ratio</th></tr></thead><tbody>\n",
		    noun);
		for (i = 0; i < r->bursts.nrows; i++) {
			put(r, "<tr><td>");
			put_term(r, cstr(&r->bursts, i, "term"));
			put(r, "</td><td class=\"n\">");
			put_int(r, cnum(&r->bursts, i, "level"));
			put(r, "</td><td>");
			text(r, cstr(&r->bursts, i, "start"));
			put(r, "</td><td>");
			text(r, cstr(&r->bursts, i, "end"));
			put(r, "</td><td class=\"n\">");
			put_int(r, cnum(&r->bursts, i, "buckets"));
			put(r, "</td><td class=\"n\">");
			put_int(r, cnum(&r->bursts, i, "count"));
			put(r, "</td><td class=\"n\">");
			put_real(r, cnum(&r->bursts, i, "expected"), 1, 0);
			put(r, "</td><td class=\"n\">");
			put_real(r, cnum(&r->bursts, i, "ratio"), 1, 0);
			put(r, "&times;</td></tr>\n");
		}
		put(r, "</tbody></table>\n");
	}
	put(r, "<h3>Change points</h3>\n");
	if (r->changes.nrows == 0) {
		fprintf(r->out, "<p class=\"none\">No change point since %s.</p>\n",
		    cstr(&r->volume, r->nwin > (size_t)r->p.nbase ? r->nwin - 1 -
		    (size_t)r->p.nbase : 0, "bucket"));
		return;
	}
	fprintf(r->out, "<table><thead><tr><th>term</th><th>changed in</th>"
	    "<th>rate before</th><th>rate after</th><th>ratio</th>"
	    "<th>after: uses</th></tr></thead><tbody>\n");
	for (i = 0; i < r->changes.nrows; i++) {
		put(r, "<tr><td>");
		put_term(r, cstr(&r->changes, i, "term"));
		put(r, "</td><td>");
		text(r, cstr(&r->changes, i, "change"));
		put(r, "</td><td class=\"n\">");
		put_real(r, cnum(&r->changes, i, "rate_before"), 2, 0);
		put(r, "</td><td class=\"n\">");
		put_real(r, cnum(&r->changes, i, "rate"), 2, 0);
		put(r, "</td><td class=\"n\">");
		put_real(r, cnum(&r->changes, i, "ratio"), 2, 0);
		put(r, "&times;</td><td class=\"n\">");
		put_int(r, cnum(&r->changes, i, "count"));
		put(r, "</td></tr>\n");
	}
	put(r, "</tbody></table>\n<p class=\"note\">Rates per 10,000 tokens, "
	    "over each segment between change points.</p>\n");
}

static void
sec_evidence(struct report *r)
{
	size_t i, k;

	fprintf(r->out, "<p>Up to %d lines for each highlighted term, from "
	    "different reports where it has them, in date order: from this "
	    "%s, or for a falling term from the baseline.</p>\n", EV_LINES,
	    period_noun(r->p.by));
	for (i = 0; i < r->nhl; i++) {
		const char *label = r->hl[i].term->label;
		fprintf(r->out, "<div class=\"ev\" id=\"ev-%zu\"><h3>", i);
		term_text(r, label);
		fprintf(r->out, " <small>%s</small></h3>\n", r->hl[i].why);
		if (r->hl[i].nev == 0) {
			put(r, "<p class=\"none\">No lines in the period.</p>"
			    "</div>\n");
			continue;
		}
		put(r, "<ul>\n");
		for (k = 0; k < r->ev.nrows; k++)
			if (strcmp(cstr(&r->ev, k, "term"), label) == 0 &&
			    strcmp(cstr(&r->ev, k, "why"), r->hl[i].why) == 0) {
				put(r, "<li>");
				put_line(r, k, 1);
				put(r, "</li>\n");
			}
		put(r, "</ul></div>\n");
	}
}

/* ---- what changed since the last one ------------------------------- */

/*
 * A source with more reports than this in the period is a feed (daily
 * news: consecutive items are unrelated), not a series: not compared.
 */
#define CHG_MAX_DOCS	3
/* Below this similarity a pair shares almost no sentence: no redline. */
#define CHG_MIN_SIM	0.15
/* At most this many redlines on the page; the rest are in the table. */
#define CHG_MAX_SHOWN	12

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

/* Up to this many phrases that entered, and as many that left, a pair. */
#define CHG_PHRASES	10

/* The phrases that entered and left d, to r->chgph, in reading order. */
static void
chg_phrases(struct report *r, const struct pl_diff *d, size_t row,
    size_t prev)
{
	struct pl_table ph;
	size_t k, e, nin = 0, nout = 0;

	pl_table_init(&ph);
	fail_if(pl_diff_phrases(r->c, d, &ph), NULL);
	for (k = 0; k < ph.nrows; k++) {
		int in = strcmp(cstr(&ph, k, "change"), "entered") == 0;
		if ((in ? nin++ : nout++) >= CHG_PHRASES)
			continue;
		e = row_add(&r->chgph);
		set_s(&r->chgph, e, "doc", r->c->docs[row].ext_id);
		set_s(&r->chgph, e, "prev", r->c->docs[prev].ext_id);
		set_s(&r->chgph, e, "change", cstr(&ph, k, "change"));
		set_s(&r->chgph, e, "phrase", cstr(&ph, k, "phrase"));
		set_i(&r->chgph, e, "count", (int64_t)cnum(&ph, k, "count"));
	}
	pl_table_release(&ph);
}

/* The phrases of pair doc that changed as change ("entered", "left"). */
static void
put_chg_phrases(struct report *r, const char *doc, const char *change)
{
	size_t k, n = 0;

	for (k = 0; k < r->chgph.nrows; k++) {
		if (strcmp(cstr(&r->chgph, k, "doc"), doc) != 0 ||
		    strcmp(cstr(&r->chgph, k, "change"), change) != 0)
			continue;
		if (n++ == 0)
			fprintf(r->out, "<p class=\"phr\"><b>Phrases %s</b>: ",
			    change);
		else
			put(r, "; ");
		put_term(r, cstr(&r->chgph, k, "phrase"));
	}
	if (n > 0)
		put(r, "</p>\n");
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
static void
compute_changed(struct report *r)
{
	struct pl_docfilter pf = sub_filter(r, r->p.from, r->p.to);
	struct pl_corpus *c = r->c;
	size_t *cnt = xcalloc(c->nsources, sizeof(*cnt));
	size_t *cmp = xcalloc(c->nsources, sizeof(*cmp));
	size_t *shown = xcalloc(c->nsources, sizeof(*shown));
	size_t *first = xcalloc(c->nsources, sizeof(*first));
	size_t *unrel = xcalloc(c->nsources, sizeof(*unrel));
	size_t *rows = xcalloc(c->ndocs, sizeof(*rows));
	size_t i, k, n = 0, nshown = 0;
	struct pl_diff d;
	struct pl_table ed;
	struct args a;

	pl_diff_init(&d);
	pl_table_init(&ed);
	add_cols(&r->chgsrc, "source:s reports:i compared:i redlines:i "
	    "note:s");
	add_cols(&r->chged, "doc:s prev:s op:s sentence:s old:s new:s");
	add_cols(&r->chgph, "doc:s prev:s change:s phrase:s count:i");
	for (i = 0; i < c->ndocs; i++)
		if (pl_corpus_match(c, i, &pf))
			cnt[c->docs[i].source]++;
	for (i = 0; i < c->ndocs; i++)
		if (pl_corpus_match(c, i, &pf) &&
		    cnt[c->docs[i].source] <= CHG_MAX_DOCS)
			rows[n++] = i;
	qsort_r(rows, n, sizeof(*rows), cmp_chg_row, c);
	r->chgpair = xcalloc(n, sizeof(*r->chgpair));
	for (i = 0; i < n; i++) {
		const struct pl_error *err;
		size_t prev, row;
		double sim;

		err = pl_diff_prev(c, rows[i], &r->filter, NULL, &prev);
		if (err != NULL && err->code == PL_ERR_NOTFOUND) {
			first[c->docs[rows[i]].source]++;
			continue;
		}
		fail_if(err, NULL);
		fail_if(pl_diff_docs(c, prev, rows[i], &d), NULL);
		fail_if(pl_diff_summary(c, &d, &r->changed), NULL);
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
			chg_phrases(r, &d, rows[i], prev);
			fail_if(pl_diff_table(&d, &ed), NULL);
			for (k = 0; k < ed.nrows; k++) {
				size_t e = row_add(&r->chged);
				set_s(&r->chged, e, "doc", c->docs[rows[i]].ext_id);
				set_s(&r->chged, e, "prev", c->docs[prev].ext_id);
				set_s(&r->chged, e, "op", cstr(&ed, k, "op"));
				set_s(&r->chged, e, "sentence",
				    cstr(&ed, k, "sentence"));
				set_s(&r->chged, e, "old", cstr(&ed, k, "old"));
				set_s(&r->chged, e, "new", cstr(&ed, k, "new"));
			}
		}
		else if (sim < CHG_MIN_SIM)
			unrel[c->docs[rows[i]].source]++;
		r->nchg++;
		memset(&a, 0, sizeof(a));
		arg(&a, "diff");
		arg(&a, "--db");
		arg(&a, r->dbname);
		arg(&a, c->docs[rows[i]].ext_id);
		arg(&a, c->docs[prev].ext_id);
		method_add(r, "What changed since the last one: the redline "
		    "and its summary (add --summary --format tsv for the row "
		    "of data/changed.tsv, --format tsv for the edits)", &a);
	}
	for (i = 0; i < c->nsources; i++) {
		if (cnt[i] == 0)
			continue;
		k = row_add(&r->chgsrc);
		set_s(&r->chgsrc, k, "source", c->sources[i]);
		set_i(&r->chgsrc, k, "reports", (int64_t)cnt[i]);
		set_i(&r->chgsrc, k, "compared", (int64_t)cmp[i]);
		set_i(&r->chgsrc, k, "redlines", (int64_t)shown[i]);
		set_s(&r->chgsrc, k, "note", chg_note(cnt[i], first[i],
		    unrel[i], cmp[i] - shown[i] - unrel[i]));
	}
	pl_table_release(&ed);
	pl_diff_release(&d);
	free(rows);
	free(first);
	free(unrel);
	free(shown);
	free(cmp);
	free(cnt);
}

/* The summary row of pair i (rows of r->changed are in pair order). */
static void
put_chg_row(struct report *r, size_t i)
{
	const struct pl_table *t = &r->changed;
	const struct pl_cdoc *doc = &r->c->docs[r->chgpair[i].row];

	put(r, "<tr><td>");
	text(r, cstr(t, i, "source"));
	put(r, "</td><td>");
	put_date(r, cstr(t, i, "date"));
	put(r, " <small><cite>");
	text(r, doc->title != NULL ? doc->title : "");
	put(r, "</cite></small></td><td>");
	put_date(r, cstr(t, i, "prev_date"));
	put(r, "</td><td class=\"n\">");
	put_real(r, cnum(t, i, "similarity"), 2, 0);
	put(r, "</td><td class=\"n\">");
	put_int(r, cnum(t, i, "words_added"));
	put(r, "</td><td class=\"n\">");
	put_int(r, cnum(t, i, "words_removed"));
	put(r, "</td><td class=\"n\">");
	put_int(r, cnum(t, i, "sentences_changed"));
	put(r, "</td><td class=\"n\">");
	put_int(r, cnum(t, i, "sentences_added"));
	put(r, "</td><td class=\"n\">");
	put_int(r, cnum(t, i, "sentences_removed"));
	put(r, "</td><td>");
	if (r->chgpair[i].shown)
		fprintf(r->out, "<a href=\"#chg-%zu\">redline</a>", i);
	else if (cnum(t, i, "similarity") < CHG_MIN_SIM)
		put(r, "unrelated");
	else
		put(r, "over the page's limit");
	put(r, "</td></tr>\n");
}

static void
sec_changed(struct report *r)
{
	const struct pl_table *s = &r->chgsrc;
	struct pl_diff d;
	size_t i, nfeed = 0;

	fprintf(r->out, "<p>For each source with at most %d reports in this "
	    "%s, each of them against the report before it from the same "
	    "source (<code>plenum diff</code>). Similarity is the share of "
	    "words kept, 2&nbsp;&times;&nbsp;kept / (old + new). Below %.2f "
	    "two reports share almost no sentence: they are listed as "
	    "unrelated, without a redline. A source with more reports in "
	    "the %s is a feed (daily news: one item does not follow "
	    "from the last) and is not compared.</p>\n", CHG_MAX_DOCS,
	    period_noun(r->p.by), CHG_MIN_SIM, period_noun(r->p.by));
	if (r->nchg > 0) {
		put(r, "<table class=\"chg\"><thead><tr><th>source</th>"
		    "<th>report</th><th>against</th><th>similarity</th>"
		    "<th>words added</th><th>words removed</th>"
		    "<th>sentences changed</th><th>sentences added</th>"
		    "<th>sentences removed</th>"
		    "<th></th></tr></thead><tbody>\n");
		for (i = 0; i < r->nchg; i++)
			put_chg_row(r, i);
		put(r, "</tbody></table>\n");
	} else
		fprintf(r->out, "<p class=\"none\">No report of this %s has "
		    "one before it to compare with.</p>\n",
		    period_noun(r->p.by));
	for (i = 0; i < s->nrows; i++)
		nfeed += cnum(s, i, "reports") > CHG_MAX_DOCS;
	if (nfeed > 0) {
		size_t k = 0;
		fprintf(r->out, "<p class=\"note\">Not compared, %zu feed%s: ",
		    nfeed, nfeed == 1 ? "" : "s");
		for (i = 0; i < s->nrows; i++) {
			if (cnum(s, i, "reports") <= CHG_MAX_DOCS)
				continue;
			if (k++ == 8) {
				fprintf(r->out, ", and %zu more", nfeed - 8);
				break;
			}
			if (k > 1)
				put(r, ", ");
			text(r, cstr(s, i, "source"));
			put(r, " (");
			put_int(r, cnum(s, i, "reports"));
			put(r, " reports)");
		}
		put(r, ".</p>\n");
	}
	for (i = 0; i < r->nchg && !r->chgpair[i].shown; i++)
		;
	if (i < r->nchg)
		put(r, "<p class=\"legend\">In each redline below: "
		    "<del>struck out</del>, in the report before only; "
		    "<ins>underlined</ins>, in this report only; "
		    "<del class=\"mv\">purple</del>, a sentence moved.</p>\n");
	pl_diff_init(&d);
	for (i = 0; i < r->nchg; i++) {
		const struct pl_cdoc *doc = &r->c->docs[r->chgpair[i].row];
		const struct pl_cdoc *prev = &r->c->docs[r->chgpair[i].prev];
		if (!r->chgpair[i].shown)
			continue;
		fail_if(pl_diff_docs(r->c, r->chgpair[i].prev,
		    r->chgpair[i].row, &d), NULL);
		fprintf(r->out, "<div class=\"chg\" id=\"chg-%zu\"><h3>", i);
		text(r, r->c->sources[doc->source]);
		put(r, ": ");
		put_date(r, cstr(&r->changed, i, "date"));
		put(r, " <small>against ");
		put_date(r, cstr(&r->changed, i, "prev_date"));
		put(r, " · <code>");
		text(r, doc->ext_id);
		put(r, "</code> against <code>");
		text(r, prev->ext_id);
		put(r, "</code></small></h3>\n");
		put_chg_phrases(r, doc->ext_id, "entered");
		put_chg_phrases(r, doc->ext_id, "left");
		pl_diff_html(r->out, &d);
		put(r, "</div>\n");
	}
	pl_diff_release(&d);
}

static void
sec_method(struct report *r)
{
	char a[11], b[11], f[11], t[11];
	size_t i;

	date_iso(r->p.first_day, a);
	date_iso(r->p.last_day, b);
	date_iso(r->p.from, f);
	date_iso(r->p.to, t);
	put(r, "<dl>\n<dt>Corpus</dt><dd><code>");
	text(r, r->dbname);
	fprintf(r->out, "</code>: %zu reports in the database; those "
	    "reviewed run from %s to %s", r->c->ndocs, a, b);
	if (r->nsrcargs > 0) {
		put(r, ", narrowed by <code>");
		for (i = 0; i < (size_t)r->nsrcargs; i++) {
			if (i > 0)
				put(r, " ");
			text(r, r->srcargs[i]);
		}
		put(r, "</code>");
	}
	fprintf(r->out, ".</dd>\n<dt>Period</dt><dd>%s, %s to %s: ",
	    r->p.label, f, t);
	text(r, r->p.why);
	fprintf(r->out, ".</dd>\n<dt>Baseline</dt><dd>The %d %ss before it, "
	    "from ", r->p.nbase, period_noun(r->p.by));
	date_iso(r->p.base_from, a);
	date_iso(r->p.from - 1, b);
	fprintf(r->out, "%s to %s.</dd>\n<dt>Software</dt><dd>plenum %s."
	    "</dd>\n<dt>This report</dt><dd><pre>", a, b, PL_VERSION);
	text(r, r->cmdline);
	put(r, "</pre></dd>\n</dl>\n<h3>The commands behind each table and "
	    "chart</h3>\n<p>Run beside the database; each prints the table "
	    "the page's numbers come from.</p>\n<ol class=\"cmds\">\n");
	for (i = 0; i < r->nm; i++) {
		if (i == 0 || strcmp(r->m[i].what, r->m[i - 1].what) != 0) {
			if (i > 0)
				put(r, "</li>\n");
			put(r, "<li>");
			text(r, r->m[i].what);
			put(r, ":");
		}
		put(r, "<pre>");
		text(r, r->m[i].cmd);
		put(r, "</pre>");
	}
	if (r->nm > 0)
		put(r, "</li>\n");
	put(r, "</ol>\n<p>Files beside this page: <code>volume</code>, "
	    "<code>key</code> and <code>watch</code> as PNG and SVG (each "
	    "records the command line that made it), and every table in "
	    "<code>data/*.tsv</code>. docs/REPORT.md says what each section "
	    "computes and why.</p>\n");
}

/*
 * The page's sections, in order.  A new section is one function and
 * one row here.
 */
static const struct section {
	const char	*id;
	const char	*title;
	void		(*write)(struct report *);
} sections[] = {
	{ "glance",	"At a glance",			sec_glance },
	{ "key",	"Rising and falling",		sec_key },
	{ "watch",	"Watch list",			sec_watch },
	{ "new",	"New this period",		sec_new },
	{ "bursts",	"Bursts and change points",	sec_bursts },
	{ "evidence",	"Evidence",			sec_evidence },
	{ "changed",	"What changed since the last one", sec_changed },
	{ "method",	"Method",			sec_method },
};

static const char css[] =
	"body{font-family:\"DejaVu Sans\",\"Noto Sans CJK SC\",\"Noto Sans "
	"SC\",sans-serif;color:#222;background:#fff;max-width:1040px;"
	"margin:0 auto;padding:16px 24px;line-height:1.45;font-size:15px}\n"
	"h1{font-size:26px;margin:8px 0 4px}h2{font-size:20px;border-bottom:"
	"1px solid #ccc;padding-bottom:3px;margin-top:32px}h3{font-size:16px;"
	"margin:18px 0 6px}h3 small{font-weight:normal;color:#666}\n"
	".lede{color:#444;margin:0 0 6px}.partial{background:#fff3cd;border:1px "
	"solid #e0c060;padding:6px 10px}\n"
	"nav ol{padding:0;margin:8px 0;list-style:none}nav li{display:inline;"
	"margin-right:14px}\n"
	"table{border-collapse:collapse;margin:8px 0 12px;font-size:14px}"
	"caption{text-align:left;font-weight:bold;padding:4px 0}\n"
	"th,td{padding:3px 8px;border-bottom:1px solid #e4e4e4;vertical-align:"
	"middle}th{text-align:left;font-weight:600;border-bottom:1px solid "
	"#999;background:#f6f6f6}\n"
	"td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:"
	"nowrap}tr.empty td{color:#999;font-style:italic}\n"
	".cols{display:flex;flex-wrap:wrap;gap:32px;align-items:flex-start}\n"
	"figure{margin:12px 0}figure img{max-width:100%;height:auto;border:1px "
	"solid #eee}figcaption{font-size:12px;color:#777}\n"
	".none,.note{color:#666;font-style:italic}.summary{font-size:16px}\n"
	"mark{background:#ffe28a;padding:0 1px}q{quotes:none}\n"
	".ev ul{margin:4px 0 12px;padding-left:20px}.ev li{margin:4px 0}"
	".cite{color:#555}td.line{font-size:13px;max-width:460px}\n"
	"pre{white-space:pre-wrap;word-break:break-all;background:#f6f6f6;"
	"padding:6px 8px;font-size:12.5px;margin:4px 0}\n"
	"a{color:#1f5fa8}svg.spark{vertical-align:middle}\n"
	"del+ins{margin-left:.2em}.chg h3 small code{font-size:12px}"
	".legend{font-size:14px}\n"
	"@media print{body{max-width:none;padding:0;font-size:11pt}nav{display:"
	"none}a{color:inherit;text-decoration:none}h2{break-after:avoid}"
	"table,figure,.ev{break-inside:avoid}th{background:none}pre{background:"
	"none;border:1px solid #ddd}}\n";

static void
write_page(struct report *r)
{
	char *path = xasprintf("%s/index.html", r->tmp);
	char ph[160], last[40];
	size_t i;

	if ((r->out = fopen(path, "w")) == NULL) {
		cli_warnx("%s: %s", path, strerror(errno));
		exit(1);
	}
	period_human(r, r->p.by, r->p.from, r->p.to, ph, sizeof(ph));
	fprintf(r->out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content="
	    "\"width=device-width, initial-scale=1\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
	    "'none'; img-src data:; style-src 'unsafe-inline'\">\n"
	    "<meta name=\"generator\" content=\"plenum %s\">\n<title>%s%s: %s"
	    " · ", r->zh ? "zh" : "en", PL_VERSION, review_name(r->p.by),
	    r->p.partial ? " (partial)" : "", r->p.label);
	text(r, r->dbname);
	fprintf(r->out, "</title>\n<style>\n%s%s</style>\n</head>\n<body>\n"
	    "<header>\n<h1>%s%s: %s</h1>\n<p class=\"lede\">", css, pl_diff_html_css,
	    review_name(r->p.by), r->p.partial ? " (partial)" : "",
	    r->p.label);
	text(r, ph);
	put(r, " · <code>");
	text(r, r->dbname);
	fprintf(r->out, "</code> · against the %d %ss before</p>\n",
	    r->p.nbase, period_noun(r->p.by));
	if (r->p.nobase)
		fprintf(r->out, "<p class=\"partial\">No baseline: this is "
		    "the first %s of the data, so there is nothing to compare "
		    "it with; key terms, bursts and change points are left "
		    "out, and every term is new.</p>\n", period_noun(r->p.by));
	if (r->p.partial) {
		date_human(r, r->p.last_day, 1, last, sizeof(last));
		fprintf(r->out, "<p class=\"partial\">Partial %s: the reports "
		    "end on %s, before the %s is over, so its counts are not "
		    "those of a whole %s.</p>\n", period_noun(r->p.by), last,
		    period_noun(r->p.by), period_noun(r->p.by));
	}
	put(r, "<nav><ol>");
	for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++)
		fprintf(r->out, "<li><a href=\"#%s\">%s</a></li>",
		    sections[i].id, sections[i].title);
	put(r, "</ol></nav>\n</header>\n");
	for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		fprintf(r->out, "<section id=\"%s\">\n<h2>%s</h2>\n",
		    sections[i].id, sections[i].title);
		sections[i].write(r);
		put(r, "</section>\n");
	}
	put(r, "</body>\n</html>\n");
	if (ferror(r->out) || fclose(r->out) == EOF) {
		cli_warnx("%s: %s", path, strerror(errno));
		exit(1);
	}
	r->out = NULL;
	free(path);
}

/* ---- the directory ------------------------------------------------ */

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static int
rm_tree(const char *path)
{
	return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The build directory, removed at exit unless it was swapped in. */
static char *build_dir;

static void
cleanup(void)
{
	if (build_dir != NULL)
		rm_tree(build_dir);
}

/* Makes DIR.tmp-XXXXXX and DIR.tmp-XXXXXX/data beside DIR. */
static void
make_build_dir(struct report *r)
{
	struct stat st;
	char *idx;

	if (stat(r->dir, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			cli_warnx("-o %s: exists and is not a directory", r->dir);
			exit(1);
		}
		idx = xasprintf("%s/index.html", r->dir);
		if (access(idx, F_OK) != 0 && rmdir(r->dir) != 0) {
			cli_warnx("-o %s: exists and holds no report "
			    "(no index.html): name a new or report directory",
			    r->dir);
			exit(1);
		}
		free(idx);
	}
	r->tmp = xasprintf("%s.tmp-XXXXXX", r->dir);
	if (mkdtemp(r->tmp) == NULL) {
		cli_warnx("%s: %s", r->tmp, strerror(errno));
		exit(1);
	}
	build_dir = r->tmp;
	atexit(cleanup);
	idx = xasprintf("%s/data", r->tmp);
	if (mkdir(idx, 0777) == -1) {
		cli_warnx("%s: %s", idx, strerror(errno));
		exit(1);
	}
	free(idx);
	/* mkdtemp makes it 0700; a report is for reading. */
	{
		mode_t um = umask(0);
		umask(um);
		chmod(r->tmp, 0777 & ~um);
	}
}

/* Puts the build directory in DIR's place: swapped in one step where the
 * kernel can (renameat2 RENAME_EXCHANGE), else moved aside first. */
static void
swap_in(struct report *r)
{
	struct stat st;

	if (stat(r->dir, &st) == -1) {
		if (rename(r->tmp, r->dir) == -1)
			goto fail;
		build_dir = NULL;
		return;
	}
#ifdef RENAME_EXCHANGE
	if (renameat2(AT_FDCWD, r->tmp, AT_FDCWD, r->dir,
	    RENAME_EXCHANGE) == 0) {
		/* the old report is now at r->tmp; cleanup removes it */
		return;
	}
#endif
	{
		char *old = xasprintf("%s.old-XXXXXX", r->dir);
		if (mkdtemp(old) == NULL || rmdir(old) == -1 ||
		    rename(r->dir, old) == -1)
			goto fail;
		if (rename(r->tmp, r->dir) == -1) {
			rename(old, r->dir);
			goto fail;
		}
		rm_tree(old);
		free(old);
		build_dir = NULL;
	}
	return;
fail:
	cli_warnx("-o %s: %s", r->dir, strerror(errno));
	exit(1);
}

static const char *
base_name(const char *p)
{
	const char *s = strrchr(p, '/');

	return s != NULL && s[1] != '\0' ? s + 1 : p;
}

/* ---- the command ---------------------------------------------------- */

int
cmd_report(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "at",		required_argument,	NULL, 'a' },
		{ "baseline",	required_argument,	NULL, 'B' },
		{ "db",		required_argument,	NULL, 'd' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "output",	required_argument,	NULL, 'o' },
		{ "period",	required_argument,	NULL, 'p' },
		{ "source",	required_argument,	NULL, CLI_OPT_SOURCE },
		{ "verbose",	no_argument,		NULL, 'v' },
		{ "watch",	required_argument,	NULL, 'w' },
		{ "where",	required_argument,	NULL, CLI_OPT_WHERE },
		{ NULL,		0,			NULL, 0 }
	};
	struct report r;
	const struct pl_error *err;
	const char *dbopt = NULL, *at = NULL, *out = NULL;
	char lang[16], bl[16];
	struct args a;
	int ch, by = -1, i, rc = 1;
	size_t n;

	memset(&r, 0, sizeof(r));
	pl_docfilter_init(&r.filter);
	r.p.nbase = 8;
	r.t0 = now_s();
	r.srcargs = xcalloc((size_t)argc * 2, sizeof(*r.srcargs));
	while ((ch = getopt_long(argc, argv, "ho:v", longopts, NULL)) != -1) {
		if (ch == CLI_OPT_SOURCE || ch == CLI_OPT_WHERE) {
			cli_filter_option(ch, optarg, &r.filter);
			r.srcargs[r.nsrcargs++] = ch == CLI_OPT_SOURCE ?
			    (char *)"--source" : (char *)"--where";
			r.srcargs[r.nsrcargs++] = optarg;
			continue;
		}
		switch (ch) {
		case 'B':
			r.p.nbase = (int)cli_long("--baseline", optarg, 1, 520);
			break;
		case 'a':
			at = optarg;
			break;
		case 'd':
			dbopt = optarg;
			break;
		case 'h':
			cli_usage(usage_str, 0);
		case 'o':
			out = optarg;
			break;
		case 'p':
			by = pl_bucket_parse(optarg);
			if (by < PL_BUCKET_WEEK) {
				cli_warnx("--period: expected week, month, "
				    "quarter or year, got '%s'", optarg);
				rc = 2;
				goto done;
			}
			break;
		case 'v':
			r.verbose = 1;
			break;
		case 'w':
			r.watchfile = optarg;
			break;
		default:
			cli_usage(usage_str, 2);
		}
	}
	if (optind != argc) {
		cli_warnx("no arguments besides options");
		cli_usage(usage_str, 2);
	}
	if (out == NULL || *out == '\0') {
		cli_warnx("no output directory: name one with -o DIR");
		cli_usage(usage_str, 2);
	}
	r.dir = xstrdup(out);
	for (n = strlen(r.dir); n > 1 && r.dir[n - 1] == '/'; n--)
		r.dir[n - 1] = '\0';
	if (cli_open_corpus(dbopt, &r.db, &r.c, &r.filter) == -1)
		goto done;
	if ((err = pl_corpus_names(r.c)) != NULL) {
		cli_error(err);
		goto done;
	}
	r.dbname = base_name(cli_db_path(dbopt));
	if ((err = pl_report_period(r.c, &r.filter, by, at, r.p.nbase,
	    &r.p)) != NULL) {
		cli_error(err);
		rc = err->code == PL_ERR_USAGE ? 2 : 1;
		goto done;
	}
	{
		struct pl_docfilter lf = sub_filter(&r, r.p.base_from, r.p.to);
		fail_if(pl_report_lang(r.db, &lf, lang), NULL);
	}
	r.zh = strcmp(lang, "zh") == 0;

	/* The report's own command line, as one reproduces it. */
	memset(&a, 0, sizeof(a));
	arg(&a, "report");
	arg(&a, "--db");
	arg(&a, r.dbname);
	arg(&a, "--period");
	arg(&a, pl_bucket_name(r.p.by));
	arg(&a, "--at");
	arg(&a, r.p.label);
	arg(&a, "--baseline");
	snprintf(bl, sizeof(bl), "%d", r.p.nbase);
	arg(&a, bl);
	if (r.watchfile != NULL) {
		arg(&a, "--watch");
		arg(&a, r.watchfile);
	}
	for (i = 0; i < r.nsrcargs; i++)
		arg(&a, r.srcargs[i]);
	arg(&a, "-o");
	arg(&a, base_name(r.dir));
	r.cmdline = args_done(&a);

	window(&r);
	make_build_dir(&r);
	lap(&r, "period and language");
	compute_glance(&r);
	lap(&r, "at a glance");
	compute_key(&r);
	lap(&r, "rising and falling");
	compute_watch(&r);
	lap(&r, "watch list");
	compute_new(&r);
	lap(&r, "new terms");
	compute_spark(&r);
	lap(&r, "sparklines");
	compute_bursts(&r);
	lap(&r, "bursts and change points");
	compute_evidence(&r);
	lap(&r, "evidence");
	compute_changed(&r);
	lap(&r, "what changed");
	draw_charts(&r);
	lap(&r, "charts");
	write_tsv(&r, "glance.tsv", &r.glance);
	write_tsv(&r, "glance-sources.tsv", &r.sources);
	write_tsv(&r, "glance-days.tsv", &r.days);
	write_tsv(&r, "glance-reports.tsv", &r.reports);
	write_tsv(&r, "volume.tsv", &r.volume);
	write_tsv(&r, "key.tsv", &r.key);
	write_tsv(&r, "sparklines.tsv", &r.spark);
	write_tsv(&r, "watch.tsv", &r.watch);
	write_tsv(&r, "watch-series.tsv", &r.wseries);
	write_tsv(&r, "new.tsv", &r.newt);
	write_tsv(&r, "bursts.tsv", &r.bursts);
	write_tsv(&r, "changes.tsv", &r.changes);
	write_tsv(&r, "evidence.tsv", &r.ev);
	write_tsv(&r, "changed.tsv", &r.changed);
	write_tsv(&r, "changed-sources.tsv", &r.chgsrc);
	write_tsv(&r, "changed-edits.tsv", &r.chged);
	write_tsv(&r, "changed-phrases.tsv", &r.chgph);
	write_page(&r);
	swap_in(&r);
	lap(&r, "page and files");
	printf("%s/index.html\n", r.dir);
	rc = cli_finish(0);
done:
	pl_table_release(&r.glance);
	pl_table_release(&r.sources);
	pl_table_release(&r.days);
	pl_table_release(&r.reports);
	pl_table_release(&r.volume);
	pl_table_release(&r.key);
	pl_table_release(&r.spark);
	pl_table_release(&r.watch);
	pl_table_release(&r.wseries);
	pl_table_release(&r.newt);
	pl_table_release(&r.bursts);
	pl_table_release(&r.changes);
	pl_table_release(&r.ev);
	pl_table_release(&r.changed);
	pl_table_release(&r.chgsrc);
	pl_table_release(&r.chged);
	pl_table_release(&r.chgph);
	free(r.chgpair);
	for (n = 0; n < r.nhl; n++) {
		free(r.hl[n].expr);
		pl_term_free(r.hl[n].term);
	}
	free(r.hl);
	for (n = 0; n < r.nm; n++) {
		free(r.m[n].what);
		free(r.m[n].cmd);
	}
	free(r.m);
	free(r.win);
	free(r.cmdline);
	free(r.srcargs);
	free(r.dir);
	if (build_dir == NULL)
		free(r.tmp);
	pl_docfilter_release(&r.filter);
	pl_corpus_free(r.c);
	pl_db_close(r.db);
	return rc;
}
