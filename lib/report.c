/*
 * report.c - the period a report reviews, the corpus's language, and
 * where a value stands in its history (see include/plenum/report.h,
 * docs/REPORT.md).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/keyness.h"
#include "plenum/report.h"
#include "plenum/store.h"
#include "plenum/table.h"
#include "extern.h"

#define AUTO_SHARE	0.8	/* periods with reports, to choose a kind */
#define AUTO_WINDOW	26	/* the last periods looked at */

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* The distinct days with reports that pass f, sorted; *n of them. */
static const struct pl_error *
report_days(const struct pl_corpus *c, const struct pl_docfilter *f,
    int64_t **out, size_t *n)
{
	int64_t *d;
	size_t i, k = 0, m = 0;

	if ((d = malloc((c->ndocs + 1) * sizeof(*d))) == NULL)
		return pl_error_nomem();
	for (i = 0; i < c->ndocs; i++)
		if (pl_corpus_match(c, i, f))
			d[k++] = c->docs[i].day;
	qsort(d, k, sizeof(*d), cmp_i64);
	for (i = 0; i < k; i++)
		if (m == 0 || d[m - 1] != d[i])
			d[m++] = d[i];
	*out = d;
	*n = m;
	return NULL;
}

/* The last day the reports cover: a date given as a month or a year
 * (the UN General Debate's "1995") covers all of it. */
static int64_t
last_covered(const struct pl_corpus *c, const struct pl_docfilter *f)
{
	int64_t last = INT64_MIN, e;
	size_t i;

	for (i = 0; i < c->ndocs; i++) {
		if (!pl_corpus_match(c, i, f))
			continue;
		e = c->docs[i].day;
		if (c->docs[i].prec == PL_PREC_MONTH)
			e = pl_bucket_next(PL_BUCKET_MONTH, e) - 1;
		else if (c->docs[i].prec == PL_PREC_YEAR)
			e = pl_bucket_next(PL_BUCKET_YEAR, e) - 1;
		if (e > last)
			last = e;
	}
	return last;
}

/* Days with reports in [from, to]. */
static int
days_in(const int64_t *d, size_t n, int64_t from, int64_t to)
{
	size_t lo = 0, hi = n, a;
	int k = 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d[mid] < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (a = lo; a < n && d[a] <= to; a++)
		k++;
	return k;
}

static int64_t
bucket_back(enum pl_bucket by, int64_t start, int n)
{
	while (n-- > 0)
		start = pl_bucket_start(by, start - 1);
	return start;
}

/* Median of the days with reports over the n periods before start that
 * have any; 0 when none has. */
static double
median_days(const int64_t *d, size_t nd, enum pl_bucket by, int64_t start,
    int n, int *nonempty)
{
	int v[10000], k = 0, i, j, t;
	int64_t s = start, e;

	for (i = 0; i < n && i < 10000; i++) {
		e = s - 1;
		s = pl_bucket_start(by, e);
		if ((t = days_in(d, nd, s, e)) > 0)
			v[k++] = t;
	}
	*nonempty = k;
	if (k == 0)
		return 0;
	for (i = 1; i < k; i++)
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return k % 2 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2.0;
}

/* The share of the last (up to AUTO_WINDOW) periods of kind by, up to
 * the one holding last, that have reports. */
static double
filled_share(const int64_t *d, size_t nd, enum pl_bucket by)
{
	int64_t s = pl_bucket_start(by, d[nd - 1]), first = d[0];
	int n = 0, filled = 0;

	while (n < AUTO_WINDOW) {
		int64_t e = pl_bucket_next(by, s) - 1;
		n++;
		if (days_in(d, nd, s, e) > 0)
			filled++;
		if (s <= first)
			break;
		s = pl_bucket_start(by, s - 1);
	}
	return (double)filled / n;
}

/* The bucket's name in Chinese: 周, 月, 季度, 年. */
static const char *
zh_name(enum pl_bucket by)
{
	return by == PL_BUCKET_WEEK ? "周" : by == PL_BUCKET_MONTH ? "月" :
	    by == PL_BUCKET_QUARTER ? "季度" : "年";
}

const struct pl_error *
pl_report_period(const struct pl_corpus *c, const struct pl_docfilter *f,
    int by, const char *at, int nbase, struct pl_period *out)
{
	const struct pl_error *err = NULL;
	struct pl_period p;
	struct pl_slice s;
	int64_t *d = NULL, start;
	size_t nd = 0;
	int nonempty;
	char lab[24];

	memset(&p, 0, sizeof(p));
	memset(&s, 0, sizeof(s));
	if ((err = report_days(c, f, &d, &nd)) != NULL)
		return err;
	if (nd == 0) {
		err = pl_error_fmt(PL_ERR_DATA, "no reports%s", f->sources ||
		    f->mask ? " match --source and --where" : " in the database");
		goto done;
	}
	p.first_day = d[0];
	p.last_day = last_covered(c, f);
	p.nbase = nbase;
	if (at != NULL) {
		if ((err = pl_slice_parse(c, at, 0, &s)) != NULL)
			goto done;
		if (!s.dated || s.nsources > 0 || s.bucket < PL_BUCKET_WEEK ||
		    pl_bucket_start((enum pl_bucket)s.bucket, s.from) != s.from) {
			err = pl_error_fmt(PL_ERR_USAGE, "--at: expected a week "
			    "(2022-W42), month (2022-10), quarter (2022-Q4) or "
			    "year (2022), got '%s'", at);
			goto done;
		}
		if (by >= 0 && by != s.bucket) {
			err = pl_error_fmt(PL_ERR_USAGE, "--at %s is a %s, not a "
			    "%s: drop --period or name a %s", at,
			    pl_bucket_name((enum pl_bucket)s.bucket),
			    pl_bucket_name((enum pl_bucket)by),
			    pl_bucket_name((enum pl_bucket)by));
			goto done;
		}
		p.by = (enum pl_bucket)s.bucket;
		p.from = s.from;
		p.to = pl_bucket_next(p.by, p.from) - 1;
		pl_bucket_label(p.by, p.from, p.label);
		if (days_in(d, nd, p.from, p.to) == 0) {
			char a[11], b[11];
			pl_date_format(p.first_day, a);
			pl_date_format(p.last_day, b);
			err = pl_error_fmt(PL_ERR_DATA, "--at %s: no reports in "
			    "that %s (the reports run from %s to %s)", p.label,
			    pl_bucket_name(p.by), a, b);
			goto done;
		}
		snprintf(p.why, sizeof(p.why), "chosen with --at %s", at);
		snprintf(p.why_zh, sizeof(p.why_zh), "由 --at %s 指定", at);
	} else {
		if (by < 0) {
			int b;
			double share = 0;
			p.auto_by = 1;
			for (b = PL_BUCKET_WEEK; b <= PL_BUCKET_YEAR; b++) {
				share = filled_share(d, nd, (enum pl_bucket)b);
				if (share >= AUTO_SHARE)
					break;
			}
			if (b > PL_BUCKET_YEAR)
				b = PL_BUCKET_YEAR;
			by = b;
		}
		p.by = (enum pl_bucket)by;
		start = pl_bucket_start(p.by, d[nd - 1]);
		p.to = pl_bucket_next(p.by, start) - 1;
		/* The last period is complete when the data reaches its end
		 * or it has as many report days as its baseline's median. */
		if (p.last_day < p.to && (double)days_in(d, nd, start, p.to) <
		    median_days(d, nd, p.by, start, nbase, &nonempty)) {
			pl_bucket_label(p.by, start, lab);
			start = pl_bucket_start(p.by, start - 1);
		} else
			lab[0] = '\0';
		/* The latest period with reports from there back. */
		while (days_in(d, nd, start, pl_bucket_next(p.by, start) - 1)
		    == 0)
			start = pl_bucket_start(p.by, start - 1);
		p.from = start;
		p.to = pl_bucket_next(p.by, start) - 1;
		pl_bucket_label(p.by, p.from, p.label);
		if (lab[0] != '\0') {
			snprintf(p.why, sizeof(p.why), "the latest complete %s "
			    "(%s has reports on fewer days than usual so far: "
			    "pass --at %s to review it)", pl_bucket_name(p.by),
			    lab, lab);
			snprintf(p.why_zh, sizeof(p.why_zh), "最近一个完整的%s"
			    "（%s 到目前为止有报告的天数少于平常：用 --at %s "
			    "回顾它）", zh_name(p.by), lab, lab);
		} else {
			snprintf(p.why, sizeof(p.why), "the latest complete %s",
			    pl_bucket_name(p.by));
			snprintf(p.why_zh, sizeof(p.why_zh), "最近一个完整的%s",
			    zh_name(p.by));
		}
		if (p.auto_by) {
			size_t k = strlen(p.why);
			snprintf(p.why + k, sizeof(p.why) - k, "; by %s, as "
			    "the finest of week, month, quarter, year in which "
			    "reports come in at least 80%% of periods (pass "
			    "--period to choose)", pl_bucket_name(p.by));
			k = strlen(p.why_zh);
			snprintf(p.why_zh + k, sizeof(p.why_zh) - k, "；按%s，"
			    "即周、月、季度、年中至少 80%% 的期间有报告的最细"
			    "一级（用 --period 选择）", zh_name(p.by));
		}
	}
	p.days = days_in(d, nd, p.from, p.to);
	p.base_from = bucket_back(p.by, p.from, nbase);
	p.base_days = median_days(d, nd, p.by, p.from, nbase, &nonempty);
	/* Partial: the data ends inside it, on fewer report days than
	 * the baseline's median (so the default never is). */
	p.partial = p.last_day < p.to && (double)p.days < p.base_days;
	if (nonempty == 0) {
		size_t k = strlen(p.why);
		snprintf(p.why + k, sizeof(p.why) - k, "; the first %s of the "
		    "data, with no reports before it to compare with",
		    pl_bucket_name(p.by));
		k = strlen(p.why_zh);
		snprintf(p.why_zh + k, sizeof(p.why_zh) - k, "；数据的第一%s，"
		    "此前没有可比较的报告", zh_name(p.by));
	} else if (p.last_day < p.to && !p.partial) {
		char b[11];
		size_t k = strlen(p.why);
		pl_date_format(p.last_day, b);
		snprintf(p.why + k, sizeof(p.why) - k, "; taken as complete "
		    "although the reports end on %s, before the %s does, "
		    "because it already has reports on as many days (%d) as "
		    "the median %s of its baseline", b, pl_bucket_name(p.by),
		    p.days, pl_bucket_name(p.by));
		k = strlen(p.why_zh);
		snprintf(p.why_zh + k, sizeof(p.why_zh) - k, "；报告虽截至 %s、"
		    "早于本%s结束，仍视为完整，因为有报告的天数（%d）已与基线"
		    "的中位数相同", b, zh_name(p.by), p.days);
	}
	if (nonempty == 0 && p.first_day >= p.from) {
		/* The first period of the data: nothing to compare with,
		 * which the page says; the sections that need a baseline
		 * are left out. */
		p.nobase = 1;
	} else if (nonempty == 0) {
		err = pl_error_fmt(PL_ERR_DATA, "%s: the %d %s%s before it "
		    "have no reports to compare with: choose a later --at, a "
		    "longer --baseline or a longer --period", p.label, nbase,
		    pl_bucket_name(p.by), nbase == 1 ? "" : "s");
		goto done;
	}
	*out = p;
done:
	pl_slice_release(&s);
	free(d);
	return err;
}

const struct pl_error *
pl_report_lang(struct pl_db *db, const struct pl_docfilter *f, char lang[16])
{
	const struct pl_error *err;
	struct pl_docfilter g = *f;
	struct pl_table t;
	size_t r, i, nl = 0;
	long cl, ct;
	struct { char name[16]; int64_t tokens; } l[16];

	snprintf(lang, 16, "en");
	g.limit = 500;
	pl_table_init(&t);
	if ((err = pl_db_docs(db, &g, &t)) != NULL)
		goto done;
	cl = pl_table_col(&t, "lang");
	ct = pl_table_col(&t, "tokens");
	for (r = 0; cl >= 0 && ct >= 0 && r < t.nrows; r++) {
		const struct pl_cell *k = pl_table_cell(&t, r, (size_t)cl);
		const struct pl_cell *n = pl_table_cell(&t, r, (size_t)ct);
		if (k->null || n->null || strlen(k->v.s) >= 16)
			continue;
		for (i = 0; i < nl && strcmp(l[i].name, k->v.s) != 0; i++)
			;
		if (i == nl) {
			if (nl == 16)
				continue;
			snprintf(l[nl].name, 16, "%s", k->v.s);
			l[nl++].tokens = 0;
		}
		l[i].tokens += n->v.i;
	}
	for (i = 0, r = 0; i < nl; i++)
		if (l[i].tokens > l[r].tokens)
			r = i;
	if (nl > 0)
		snprintf(lang, 16, "%s", l[r].name);
done:
	pl_table_release(&t);
	return err;
}

double
pl_report_percentile(double v, const double *h, size_t n)
{
	size_t i, k = 0, le = 0;

	if (isnan(v))
		return NAN;
	for (i = 0; i < n; i++) {
		if (isnan(h[i]))
			continue;
		k++;
		if (h[i] <= v)
			le++;
	}
	return k == 0 ? NAN : 100.0 * (double)le / (double)k;
}

double
pl_report_z(double v, const double *b, size_t n)
{
	double m = 0, ss = 0, sd;
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (!isnan(b[i])) {
			m += b[i];
			k++;
		}
	if (k < 2 || isnan(v))
		return NAN;
	m /= (double)k;
	for (i = 0; i < n; i++)
		if (!isnan(b[i]))
			ss += (b[i] - m) * (b[i] - m);
	sd = sqrt(ss / (double)(k - 1));
	return sd > 0 ? (v - m) / sd : NAN;
}

/* 1 if the UTF-8 text [s, e) is all decimal digits (ASCII or fullwidth,
 * with . , between). */
static int
all_digits(const char *s, const char *e)
{
	int any = 0;

	while (s < e) {
		if (*s >= '0' && *s <= '9') {
			any = 1;
			s++;
		} else if ((*s == '.' || *s == ',') && any)
			s++;
		else if (e - s >= 3 && (unsigned char)s[0] == 0xef &&
		    (unsigned char)s[1] == 0xbc && (unsigned char)s[2] >= 0x90 &&
		    (unsigned char)s[2] <= 0x99) {
			any = 1;
			s += 3;
		} else
			return 0;
	}
	return any;
}

int
pl_report_numeric_term(const char *t)
{
	const char *e;

	for (;;) {
		e = strchr(t, ' ');
		if (e == NULL)
			e = t + strlen(t);
		if (all_digits(t, e))
			return 1;
		if (*e == '\0')
			return 0;
		t = e + 1;
	}
}

int
pl_report_lang_parse(const char *s)
{
	if (strcmp(s, "zh") == 0 || strncmp(s, "zh-", 3) == 0 ||
	    strncmp(s, "zh_", 3) == 0)
		return PL_REPORT_ZH;
	if (strcmp(s, "en") == 0 || strcmp(s, "auto") == 0)
		return PL_REPORT_EN;
	return -1;
}

char *
pl_quote_args(const char *prog, int argc, char *const *argv)
{
	size_t n = 16, i, k = 0;
	char *s;

	for (i = 0; i < (size_t)argc; i++)
		n += strlen(argv[i]) * 4 + 3;
	n += strlen(prog);
	if ((s = malloc(n)) == NULL)
		return NULL;
	k += (size_t)snprintf(s, n, "%s", prog);
	for (i = 0; i < (size_t)argc; i++) {
		const char *a = argv[i];
		int q = *a == '\0' || strpbrk(a, " \t\n'\"\\$`*?[]|&;<>()") != NULL;
		s[k++] = ' ';
		if (q)
			s[k++] = '\'';
		for (; *a; a++) {
			if (*a == '\'' && q) {
				memcpy(s + k, "'\\''", 4);
				k += 4;
			} else
				s[k++] = *a;
		}
		if (q)
			s[k++] = '\'';
	}
	s[k] = '\0';
	return s;
}
