/*
 * reportpage.c - plenum report's page: one self-contained HTML file of
 * the tables lib/reportsec.c computed, every string from the data
 * escaped (pl_html_text), the charts inlined as PNG data (see
 * include/plenum/report.h and docs/REPORT.md).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/date.h"
#include "plenum/diff.h"
#include "plenum/html.h"
#include "plenum/report.h"
#include "plenum/token.h"
#include "report-int.h"

#define cstr	report_cstr
#define cnum	report_cnum
#define cell	report_cell

/* The page being written. */
struct page {
	const struct pl_report	*r;
	FILE			*out;
	const char		*dir;	/* where the charts are */
	const struct pl_error	*err;	/* the first error */
};

/* The fixed text in the page's language. */
#define ZH(w)		REPORT_ZH((w)->r)
#define L(w, en, zh)	(ZH(w) ? (zh) : (en))


const char *const report_wd_en[7] = { "Mon", "Tue", "Wed", "Thu", "Fri",
    "Sat", "Sun" };
static const char *const mon_en[] = { "Jan", "Feb", "Mar", "Apr", "May",
    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
static const char *const month_en[] = { "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October",
    "November", "December" };
static const char *const wd_zh[] = { "周一", "周二", "周三", "周四", "周五",
    "周六", "周日" };

/* A day as a reader of the corpus writes it: 2022年11月6日, 6 Nov 2022. */
void
pl_report_date(const struct pl_report *r, int64_t d, int year, char *buf,
    size_t n)
{
	int y, m, dd;

	pl_civil_from_days(d, &y, &m, &dd);
	if (REPORT_ZH(r) && year)
		snprintf(buf, n, "%d年%d月%d日", y, m, dd);
	else if (REPORT_ZH(r))
		snprintf(buf, n, "%d月%d日", m, dd);
	else if (year)
		snprintf(buf, n, "%d %s %d", dd, mon_en[m - 1], y);
	else
		snprintf(buf, n, "%d %s", dd, mon_en[m - 1]);
}

static const char *
weekday(const struct pl_report *r, int64_t d)
{
	int w = pl_weekday(d) - 1;

	if (w < 0 || w > 6)
		return "";
	return REPORT_ZH(r) ? wd_zh[w] : report_wd_en[w];
}

/* The period in words: "Week 44, 2022: 31 Oct to 6 Nov 2022". */
static void
period_human(const struct pl_report *r, enum pl_bucket by, int64_t from,
    int64_t to, char *buf, size_t n)
{
	char a[40], b[40];
	int y, m, d, iy, w;

	pl_civil_from_days(from, &y, &m, &d);
	pl_report_date(r, from, 0, a, sizeof(a));
	pl_report_date(r, to, 1, b, sizeof(b));
	switch (by) {
	case PL_BUCKET_WEEK:
		pl_iso_week(from, &iy, &w);
		if (REPORT_ZH(r))
			snprintf(buf, n, "%d年第%d周（%s至%s）", iy, w, a, b);
		else
			snprintf(buf, n, "Week %d of %d (%s to %s)", w, iy, a, b);
		break;
	case PL_BUCKET_MONTH:
		if (REPORT_ZH(r))
			snprintf(buf, n, "%d年%d月", y, m);
		else
			snprintf(buf, n, "%s %d", month_en[m - 1], y);
		break;
	case PL_BUCKET_QUARTER:
		if (REPORT_ZH(r))
			snprintf(buf, n, "%d年第%d季度（%s至%s）", y, (m + 2) / 3,
			    a, b);
		else
			snprintf(buf, n, "Q%d %d (%s to %s)", (m + 2) / 3, y, a,
			    b);
		break;
	default:
		snprintf(buf, n, REPORT_ZH(r) ? "%d年" : "%d", y);
	}
}

const char *
pl_report_noun(const struct pl_report *r, enum pl_bucket by)
{
	if (REPORT_ZH(r))
		return by == PL_BUCKET_WEEK ? "周" : by == PL_BUCKET_MONTH ?
		    "月" : by == PL_BUCKET_QUARTER ? "季度" : "年";
	return by == PL_BUCKET_WEEK ? "week" : by == PL_BUCKET_MONTH ? "month" :
	    by == PL_BUCKET_QUARTER ? "quarter" : "year";
}

const char *
pl_report_count_noun(const struct pl_report *r, enum pl_bucket by)
{
	if (REPORT_ZH(r))
		return by == PL_BUCKET_WEEK ? "周" : by == PL_BUCKET_MONTH ?
		    "个月" : by == PL_BUCKET_QUARTER ? "个季度" : "年";
	return by == PL_BUCKET_WEEK ? "weeks" : by == PL_BUCKET_MONTH ?
	    "months" : by == PL_BUCKET_QUARTER ? "quarters" : "years";
}

static const char *
review_name(const struct pl_report *r, enum pl_bucket by)
{
	if (REPORT_ZH(r))
		return by == PL_BUCKET_WEEK ? "周度回顾" : by ==
		    PL_BUCKET_MONTH ? "月度回顾" : by == PL_BUCKET_QUARTER ?
		    "季度回顾" : "年度回顾";
	return by == PL_BUCKET_WEEK ? "Weekly review" : by == PL_BUCKET_MONTH ?
	    "Monthly review" : by == PL_BUCKET_QUARTER ? "Quarterly review" :
	    "Yearly review";
}


/* The page's <img>: the PNG drawn beside it, as a data URI. */
static void
put_img(struct page *w, const char *name, const char *alt, double width)
{
	unsigned char *data = NULL, *p;
	size_t len = 0, cap = 0, n;
	char *path = NULL;
	FILE *fp;

	if (w->err != NULL)
		return;
	if (asprintf(&path, "%s/%s.png", w->dir, name) < 0) {
		w->err = pl_error_nomem();
		return;
	}
	if ((fp = fopen(path, "rb")) == NULL) {
		w->err = pl_error_from_errno(path);
		free(path);
		return;
	}
	do {
		if (len + 65536 > cap) {
			cap = cap ? cap * 2 : 1 << 18;
			if ((p = realloc(data, cap)) == NULL) {
				w->err = pl_error_nomem();
				goto done;
			}
			data = p;
		}
		n = fread(data + len, 1, cap - len, fp);
		len += n;
	} while (n > 0);
	if (ferror(fp)) {
		w->err = pl_error_from_errno(path);
		goto done;
	}
	fprintf(w->out, "<figure><img width=\"%g\" alt=\"", width);
	pl_html_text(w->out, alt);
	fputs("\" src=\"", w->out);
	if ((w->err = pl_html_data_uri(w->out, "image/png", data, len)) != NULL)
		goto done;
	fprintf(w->out, "\"><figcaption>%s<code>%s.png</code>, "
	    "<code>%s.svg</code></figcaption></figure>\n", L(w, "Files: ",
	    "文件："), name, name);
done:
	fclose(fp);
	free(data);
	free(path);
}

static void
put(struct page *w, const char *s)
{
	fputs(s, w->out);
}

static void
text(struct page *w, const char *s)
{
	pl_html_text(w->out, s);
}

/* An integer with thousands separators. */
static void
put_int(struct page *w, double v)
{
	char buf[32], out[48];
	size_t n, i, k = 0;

	if (isnan(v)) {
		put(w, "–");
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
	put(w, out);
}

static void
put_real(struct page *w, double v, int prec, int sign)
{
	if (isnan(v))
		put(w, "–");
	else
		fprintf(w->out, sign ? "%+.*f" : "%.*f", prec, v);
}

static void
put_q(struct page *w, double q)
{
	if (isnan(q))
		put(w, "–");
	else if (q < 0.001)
		fprintf(w->out, "%.0e", q);
	else
		fprintf(w->out, "%.3f", q);
}

static void
put_date(struct page *w, const char *iso)
{
	const struct pl_report *r = w->r;
	int64_t d;
	enum pl_precision p;
	char buf[40];

	if (pl_date_parse(iso, strlen(iso), &d, &p) == -1 ||
	    p != PL_PREC_DAY) {
		text(w, iso);
		return;
	}
	pl_report_date(r, d, 1, buf, sizeof(buf));
	fprintf(w->out, "<time datetime=\"%s\">%s</time>", iso, buf);
}

/* The sparkline of highlighted term i. */
static void
put_spark(struct page *w, size_t i)
{
	const struct pl_report *r = w->r;
	double v[512];
	size_t k, n = 0;
	const char *label = r->hl[i].term->label;

	for (k = 0; k < r->spark.nrows && n < 512; k++)
		if (strcmp(cstr(&r->spark, k, "term"), label) == 0)
			v[n++] = cnum(&r->spark, k, "value");
	if (n == 0) {
		put(w, "–");
		return;
	}
	pl_html_sparkline(w->out, v, n, 120, 24, label);
}

/* A term as its readers write it: the tokens of Chinese (and other
 * unspaced scripts) joined without the spaces plenum's expressions put
 * between them. */
static void
term_text(struct page *w, const char *s)
{
	const char *p;

	for (p = s; *p; p++) {
		if (*p == ' ' && p > s && (unsigned char)p[-1] >= 0x80 &&
		    (unsigned char)p[1] >= 0x80)
			continue;
		pl_html_textn(w->out, p, 1);
	}
}

/* The term, linked to its evidence. */
static void
put_term(struct page *w, const char *label)
{
	const struct pl_report *r = w->r;
	long i = report_hl_find(r, label);

	if (i >= 0 && r->hl[i].nev > 0)
		fprintf(w->out, "<a href=\"#ev-%ld\">", i);
	put(w, "<span class=\"term\" title=\"");
	text(w, label);
	put(w, "\">");
	term_text(w, label);
	put(w, "</span>");
	if (i >= 0 && r->hl[i].nev > 0)
		put(w, "</a>");
}

/*
 * Row i of t as <tr>, one cell a word of spec, "column:format": T a
 * term (linked to its evidence), t text, i an integer, rN a number with
 * N decimals, sN the same signed, aN its absolute value, xN a ratio
 * (N decimals and a times sign), q a q-value, S the sparkline of the
 * row's term (column "term").  Numbers are right-aligned.
 */
static void
put_row(struct page *w, const struct pl_table *t, size_t i, const char *spec)
{
	char buf[256], *p, *tok;

	snprintf(buf, sizeof(buf), "%s", spec);
	put(w, "<tr>");
	for (p = buf; (tok = strsep(&p, " ")) != NULL;) {
		char *f = strchr(tok, ':');
		int prec;
		double v;

		*f++ = '\0';
		prec = f[1] >= '0' && f[1] <= '9' ? f[1] - '0' : 0;
		v = cnum(t, i, tok);
		put(w, strchr("TtS", *f) != NULL ? "<td>" : "<td class=\"n\">");
		switch (*f) {
		case 'T':
			put_term(w, cstr(t, i, tok));
			break;
		case 't':
			text(w, cstr(t, i, tok));
			break;
		case 'i':
			put_int(w, v);
			break;
		case 'r':
		case 's':
		case 'x':
			put_real(w, v, prec, *f == 's');
			if (*f == 'x')
				put(w, "&times;");
			break;
		case 'a':
			put_real(w, fabs(v), prec, 0);
			break;
		case 'q':
			put_q(w, v);
			break;
		case 'S': {
			long h = report_hl_find(w->r, cstr(t, i, tok));
			if (h >= 0)
				put_spark(w, (size_t)h);
			break;
		}
		}
		put(w, "</td>");
	}
	put(w, "</tr>\n");
}

static void
sec_glance(struct page *w)
{
	const struct pl_report *r = w->r;
	const struct pl_table *g = &r->glance;
	size_t i;
	const char *noun = pl_report_noun(r, r->p.by);
	int daily = pl_table_col(&r->days, "weekday") >= 0;

	if (ZH(w)) {
		put(w, "<p class=\"summary\">本");
		fprintf(w->out, "%s共 <strong>", noun);
		put_int(w, cnum(g, 0, "period"));
		put(w, "</strong> 篇报告、<strong>");
		put_int(w, cnum(g, 1, "period"));
		put(w, "</strong> 词次，");
		if (r->p.nobase)
			fprintf(w->out, "分布在 %d 天；此前没有报告。</p>\n",
			    r->p.days);
		else {
			fprintf(w->out, "此前 %d %s的中位数为每%s ", r->p.nbase,
			    pl_report_count_noun(r, r->p.by), noun);
			put_int(w, cnum(g, 0, "baseline_median"));
			put(w, " 篇（");
			put_int(w, cnum(g, 0, "baseline_min"));
			put(w, " 至 ");
			put_int(w, cnum(g, 0, "baseline_max"));
			put(w, " 篇）、");
			put_int(w, cnum(g, 1, "baseline_median"));
			fprintf(w->out, " 词次。有报告的天数：%d（中位数 %g）。"
			    "</p>\n", r->p.days, r->p.base_days);
		}
	} else {
		fprintf(w->out, "<p class=\"summary\"><strong>");
		put_int(w, cnum(g, 0, "period"));
		fprintf(w->out, "</strong> reports and <strong>");
		put_int(w, cnum(g, 1, "period"));
	}
	if (ZH(w))
		;
	else if (r->p.nobase)
		fprintf(w->out, "</strong> tokens this %s, on %d day%s; no "
		    "reports before it.</p>\n", noun, r->p.days,
		    r->p.days == 1 ? "" : "s");
	else {
		fprintf(w->out, "</strong> tokens this %s, against a median "
		    "of ", noun);
		put_int(w, cnum(g, 0, "baseline_median"));
		put(w, " reports (");
		put_int(w, cnum(g, 0, "baseline_min"));
		put(w, " to ");
		put_int(w, cnum(g, 0, "baseline_max"));
		put(w, ") and ");
		put_int(w, cnum(g, 1, "baseline_median"));
		fprintf(w->out, " tokens per %s over the %d %ss before. "
		    "Reports on %d day%s (median %g).</p>\n", noun,
		    r->p.nbase, noun, r->p.days, r->p.days == 1 ? "" : "s",
		    r->p.base_days);
	}
	if (r->has_volume)
		put_img(w, "volume", L(w, "Reports per period", "每期报告数"),
		    1000);
	put(w, L(w, "<div class=\"cols\">\n<table><caption>By source"
	    "</caption><thead><tr><th>source</th><th>reports</th>"
	    "<th>tokens</th><th>baseline median</th></tr></thead><tbody>\n",
	    "<div class=\"cols\">\n<table><caption>按来源</caption>"
	    "<thead><tr><th>来源</th><th>报告</th><th>词次</th>"
	    "<th>基线中位数</th></tr></thead><tbody>\n"));
	for (i = 0; i < r->sources.nrows; i++)
		put_row(w, &r->sources, i, "source:t documents:i tokens:i "
		    "baseline_median:r1");
	if (ZH(w))
		fprintf(w->out, "</tbody></table>\n<table><caption>按%s"
		    "</caption><thead><tr><th>%s</th><th>报告</th><th>词次"
		    "</th></tr></thead><tbody>\n", daily ? "日" : "月",
		    daily ? "日期" : "月份");
	else
		fprintf(w->out, "</tbody></table>\n<table><caption>By %s"
		    "</caption><thead><tr><th>%s</th><th>reports</th>"
		    "<th>tokens</th></tr></thead><tbody>\n", daily ? "day" :
		    "month", daily ? "day" : "month");
	for (i = 0; i < r->days.nrows; i++) {
		const struct pl_cell *dc = cell(&r->days, i, "documents");
		int none = dc->null || dc->v.i == 0;
		fprintf(w->out, "<tr%s><td>", none ? " class=\"empty\"" : "");
		if (daily) {
			/* the rows are the period's days in order */
			put_date(w, cstr(&r->days, i, "date"));
			fprintf(w->out, " %s", weekday(r, r->p.from +
			    (int64_t)i));
		} else {
			char mh[40];
			int64_t d;
			enum pl_precision p;
			pl_date_parse(cstr(&r->days, i, "month"), 7, &d, &p);
			period_human(r, PL_BUCKET_MONTH, d, d, mh, sizeof(mh));
			text(w, mh);
		}
		if (dc->null)
			put(w, L(w, "</td><td colspan=\"2\">after the data ends",
			    "</td><td colspan=\"2\">数据截止之后"));
		else if (none)
			put(w, L(w, "</td><td colspan=\"2\">no reports",
			    "</td><td colspan=\"2\">无报告"));
		else {
			put(w, "</td><td class=\"n\">");
			put_int(w, (double)dc->v.i);
			put(w, "</td><td class=\"n\">");
			put_int(w, cnum(&r->days, i, "tokens"));
		}
		put(w, "</td></tr>\n");
	}
	put(w, "</tbody></table>\n</div>\n");
	if (r->reports.nrows == 0)
		return;
	put(w, L(w, "<table><caption>The reports of the period</caption>"
	    "<thead><tr><th>date</th><th>source</th><th>title</th>"
	    "<th>tokens</th><th>id</th></tr></thead><tbody>\n",
	    "<table><caption>本期报告</caption><thead><tr><th>日期</th>"
	    "<th>来源</th><th>标题</th><th>词次</th><th>编号</th></tr>"
	    "</thead><tbody>\n"));
	for (i = 0; i < r->reports.nrows; i++) {
		put(w, "<tr><td>");
		put_date(w, cstr(&r->reports, i, "date"));
		put(w, "</td><td>");
		text(w, cstr(&r->reports, i, "source"));
		put(w, "</td><td><cite>");
		text(w, cstr(&r->reports, i, "title"));
		put(w, "</cite></td><td class=\"n\">");
		put_int(w, cnum(&r->reports, i, "tokens"));
		put(w, "</td><td><code>");
		text(w, cstr(&r->reports, i, "doc"));
		put(w, "</code></td></tr>\n");
	}
	put(w, "</tbody></table>\n");
}

static void
key_table(struct page *w, const char *dir)
{
	const struct pl_report *r = w->r;
	size_t i;
	int any = 0;

	for (i = 0; i < r->key.nrows; i++)
		any |= strcmp(cstr(&r->key, i, "direction"), dir) == 0;
	if (ZH(w)) {
		fprintf(w->out, "<h3>%s</h3>\n", *dir == 'r' ? "上升" : "下降");
		if (!any) {
			fprintf(w->out, "<p class=\"none\">没有 q &le; %g 的%s"
			    "词语（至少出现 5 次的词和短语）。</p>\n", MAX_Q,
			    *dir == 'r' ? "上升" : "下降");
			return;
		}
		fprintf(w->out, "<table class=\"key\"><thead><tr><th>词语"
		    "</th><th title=\"本%s出现次数\">次数</th><th title=\""
		    "本%s使用它的报告数\">报告</th><th>每万词次</th>"
		    "<th>基线每万词次</th><th title=\"频率比的以 2 为底的对数"
		    "\">对数比</th><th title=\"对数似然\">G&sup2;</th>"
		    "<th title=\"Benjamini-Hochberg\">q</th><th>最近 %zu %s"
		    "</th></tr></thead><tbody>\n", pl_report_noun(r, r->p.by),
		    pl_report_noun(r, r->p.by), r->nwin,
		    pl_report_count_noun(r, r->p.by));
	} else {
	fprintf(w->out, "<h3>%s</h3>\n", *dir == 'r' ? "Rising" : "Falling");
	if (!any) {
		fprintf(w->out, "<p class=\"none\">No %s term at q &le; %g "
		    "(words and phrases with at least 5 uses).</p>\n", dir,
		    MAX_Q);
		return;
	}
	fprintf(w->out, "<table class=\"key\"><thead><tr><th>term</th>"
	    "<th title=\"uses this %s\">count</th><th title=\"reports "
	    "using it this %s\">reports</th><th>per 10k</th>"
	    "<th>baseline per 10k</th><th title=\"log2 of the rate ratio\">"
	    "log ratio</th><th title=\"log-likelihood\">G&sup2;</th>"
	    "<th title=\"Benjamini-Hochberg\">q</th><th>last %zu %ss</th>"
	    "</tr></thead><tbody>\n", pl_report_noun(r, r->p.by),
	    pl_report_noun(r, r->p.by), r->nwin, pl_report_noun(r, r->p.by));
	}
	for (i = 0; i < r->key.nrows; i++)
		if (strcmp(cstr(&r->key, i, "direction"), dir) == 0)
			put_row(w, &r->key, i, "term:T target_count:i "
			    "target_docs:i target_per10k:r2 reference_per10k:r2 "
			    "log_ratio:s2 g2:a1 q:q term:S");
	put(w, "</tbody></table>\n");
}

static void
sec_key(struct page *w)
{
	const struct pl_report *r = w->r;
	const char *noun = pl_report_noun(r, r->p.by);
	/* the same rule as the key-term screen (five reports or more) */
	int single = cnum(&r->glance, 0, "period") >= 5;

	if (ZH(w))
		fprintf(w->out, "<p>本%s比此前 %d %s用得更多（上升）或更少"
		    "（下降）的词和双词短语，按对数似然 G&sup2; 排序，保留 "
		    "Benjamini-Hochberg q 不超过 %g 的。含数字的词语（多为日期）"
		    "%s不列出；完整列表见“方法”中的命令。每个词语链接到它的"
		    "例句。</p>\n", noun, r->p.nbase, pl_report_count_noun(r, r->p.by),
		    MAX_Q, single ? "和本期只在一篇报告中出现的词语" : "");
	else
		fprintf(w->out, "<p>Words and two-word phrases used more "
		    "(rising) or less (falling) this %s than in the %d %ss "
		    "before, by log-likelihood G&sup2;, kept when the "
		    "Benjamini-Hochberg q is at most %g. Terms with a number "
		    "(mostly dates)%s are left out; the full lists are in the "
		    "commands under Method. Each term links to its lines.</p>\n",
		    noun, r->p.nbase, noun, MAX_Q, single ? " and terms used "
		    "in a single report of the period" : "");
	if (r->p.nobase) {
		if (ZH(w))
			fprintf(w->out, "<p class=\"none\">未计算：本%s之前"
			    "没有可比较的报告。</p>\n", noun);
		else
			fprintf(w->out, "<p class=\"none\">Not computed: no "
			    "reports before this %s to compare with.</p>\n",
			    noun);
		return;
	}
	key_table(w, "rising");
	key_table(w, "falling");
	if (r->has_key)
		put_img(w, "key", L(w, "Key terms by log ratio",
		    "关键词语（按对数比）"), 1000);
}

static void
sec_watch(struct page *w)
{
	const struct pl_report *r = w->r;
	const char *noun = pl_report_noun(r, r->p.by);
	size_t i;

	if (r->watchfile == NULL) {
		put(w, L(w, "<p class=\"none\">No watch list. Pass <code>"
		    "--watch FILE</code>: one term a line, as for <code>plenum "
		    "series --terms</code> (<code>pandemic=covid|coronavirus"
		    "</code> sums alternatives under a label).</p>\n",
		    "<p class=\"none\">没有关注列表。用 <code>--watch FILE"
		    "</code> 指定：每行一个词语，格式同 <code>plenum series "
		    "--terms</code>（<code>防控=疫情防控|防疫</code> 把几种说法"
		    "合计在一个标签下）。</p>\n"));
		return;
	}
	if (ZH(w)) {
		fprintf(w->out, "<p>本%s和上一%s每万词次的提及数；z 是本%s相对"
		    "此前 %d %s的均值和标准差的标准分，百分位是本%s在该词语"
		    "所有有报告的各%s中的位置。</p>\n", noun, noun, noun,
		    r->p.nbase, pl_report_count_noun(r, r->p.by), noun, noun);
		fprintf(w->out, "<table class=\"watch\"><thead><tr><th>词语"
		    "</th><th>次数</th><th>本%s</th><th>上%s</th><th>变化</th>"
		    "<th>基线均值</th><th>z</th><th>百分位</th><th>最近 %zu %s"
		    "</th></tr></thead><tbody>\n", noun, noun, r->nwin,
		    pl_report_count_noun(r, r->p.by));
	} else {
		fprintf(w->out, "<p>Mentions per 10,000 tokens this %s and "
		    "the %s before; z is this %s against the mean and standard "
		    "deviation of the %d %ss before it, and the percentile "
		    "where it stands among every %s of the term's history with "
		    "reports.</p>\n", noun, noun, noun, r->p.nbase, noun, noun);
		fprintf(w->out, "<table class=\"watch\"><thead><tr><th>term"
		    "</th><th>count</th><th>this %s</th><th>%s before</th>"
		    "<th>change</th><th>baseline mean</th><th>z</th>"
		    "<th>percentile</th><th>last %zu %ss</th></tr></thead>"
		    "<tbody>\n", noun, noun, r->nwin, noun);
	}
	for (i = 0; i < r->watch.nrows; i++)
		put_row(w, &r->watch, i, "term:T count:i value:r2 previous:r2 "
		    "change:s2 baseline_mean:r2 z:s1 percentile:r0 term:S");
	put(w, "</tbody></table>\n");
	if (r->has_watch)
		put_img(w, "watch", L(w, "Watch list, small multiples",
		    "关注列表，小多图"), 1000);
}

/* The first evidence line of a term, as a short quote. */
static void
put_line(struct page *w, size_t row, int cite)
{
	const struct pl_report *r = w->r;
	const struct pl_table *e = &r->ev;

	put(w, "<q>");
	text(w, cstr(e, row, "left"));
	put(w, "<mark>");
	text(w, cstr(e, row, "match"));
	put(w, "</mark>");
	text(w, cstr(e, row, "right"));
	put(w, "</q>");
	if (!cite)
		return;
	put(w, "<br><small class=\"cite\"><code>");
	text(w, cstr(e, row, "doc"));
	put(w, "</code> · ");
	put_date(w, cstr(e, row, "date"));
	put(w, " · ");
	text(w, cstr(e, row, "source"));
	put(w, " · <cite>");
	text(w, cstr(e, row, "title"));
	put(w, "</cite></small>");
}

static long
ev_first(const struct pl_report *r, const char *label)
{
	size_t k;

	for (k = 0; k < r->ev.nrows; k++)
		if (strcmp(cstr(&r->ev, k, "term"), label) == 0)
			return (long)k;
	return -1;
}

static void
sec_new(struct page *w)
{
	const struct pl_report *r = w->r;
	size_t i;
	long e;

	if (ZH(w))
		fprintf(w->out, "<p>本%s之前 %d %s里没有任何报告用过的词和短语："
		    "从未用过的，或久未出现后又回来的（列出此前最后一次使用的"
		    "日期）。按分词后的词计：同样的字出现在别的词里，如“新品种”"
		    "里的“新品”，不算用过。至少出现 %d 次%s；含数字的词语不列出。"
		    "</p>\n", pl_report_noun(r, r->p.by), SPARK_N,
		    pl_report_count_noun(r, r->p.by), NEW_MIN,
		    cnum(&r->glance, 0, "period") >= 5 ? "、至少见于 2 篇报告" :
		    "");
	else
		fprintf(w->out, "<p>Words and phrases that no report of the "
		    "%d %s before this %s used as a word: never used before, "
		    "or back after an absence (the date of the last earlier "
		    "use is shown). Counted among the tokens: the same letters "
		    "inside another word do not count. At least %d uses%s; "
		    "terms with a number left out.</p>\n", SPARK_N,
		    pl_report_count_noun(r, r->p.by),
		    pl_report_noun(r, r->p.by), NEW_MIN,
		    cnum(&r->glance, 0, "period") >= 5 ? " in at least 2 "
		    "reports" : "");
	if (r->newt.nrows == 0) {
		put(w, L(w, "<p class=\"none\">No new terms.</p>\n",
		    "<p class=\"none\">没有新词语。</p>\n"));
		return;
	}
	put(w, L(w, "<table class=\"new\"><thead><tr><th>term</th>"
	    "<th>count</th><th>reports</th><th>first use</th>"
	    "<th>used before</th><th>first line</th></tr></thead><tbody>\n",
	    "<table class=\"new\"><thead><tr><th>词语</th><th>次数</th>"
	    "<th>报告</th><th>本期首次</th><th>此前最后使用</th><th>首个例句"
	    "</th></tr></thead><tbody>\n"));
	for (i = 0; i < r->newt.nrows; i++) {
		const char *term = cstr(&r->newt, i, "term");
		put(w, "<tr><td>");
		put_term(w, term);
		put(w, "</td><td class=\"n\">");
		put_int(w, cnum(&r->newt, i, "count"));
		put(w, "</td><td class=\"n\">");
		put_int(w, cnum(&r->newt, i, "docs"));
		put(w, "</td><td>");
		put_date(w, cstr(&r->newt, i, "first"));
		put(w, "</td><td>");
		if (*cstr(&r->newt, i, "previous") != '\0')
			put_date(w, cstr(&r->newt, i, "previous"));
		else
			put(w, L(w, "never", "从未"));
		put(w, "</td><td class=\"line\">");
		if ((e = ev_first(r, term)) >= 0)
			put_line(w, (size_t)e, 0);
		put(w, "</td></tr>\n");
	}
	put(w, "</tbody></table>\n");
}

static void
sec_bursts(struct page *w)
{
	const struct pl_report *r = w->r;
	size_t i, n;
	const char *noun = pl_report_noun(r, r->p.by);

	for (n = 0; n < r->nhl && strcmp(r->hl[n].why, "new") != 0; n++)
		;
	if (ZH(w))
		fprintf(w->out, "<p>在 %zu 个上升、下降和关注的词语中：与本%s"
		    "重叠的 Kleinberg 突发（频率较高的连续若干%s），以及基线"
		    "开始以来的 PELT 变点（频率的持续变化）。</p>\n", n, noun,
		    pl_report_count_noun(r, r->p.by));
	else
		fprintf(w->out, "<p>Among the %zu rising, falling and watched "
		    "terms: Kleinberg bursts (a stretch of %ss at a higher "
		    "rate) that overlap this %s, and PELT change points (a "
		    "lasting shift in the rate) since the start of the "
		    "baseline.</p>\n", n, noun, noun);
	if (r->p.nobase) {
		fprintf(w->out, L(w, "<p class=\"none\">Not computed: no "
		    "reports before this %s.</p>\n", "<p class=\"none\">未计算"
		    "：本%s之前没有报告。</p>\n"), noun);
		return;
	}
	put(w, L(w, "<h3>Bursts</h3>\n", "<h3>突发</h3>\n"));
	if (r->bursts.nrows == 0)
		fprintf(w->out, L(w, "<p class=\"none\">No burst overlaps "
		    "%s.</p>\n", "<p class=\"none\">没有与 %s 重叠的突发。"
		    "</p>\n"), r->p.label);
	else {
		fprintf(w->out, L(w, "<table><thead><tr><th>term</th>"
		    "<th>level</th><th>from</th><th>to</th><th>%ss</th>"
		    "<th>count</th><th>expected</th><th>ratio</th></tr></thead>"
		    "<tbody>\n", "<table><thead><tr><th>词语</th><th>级别</th>"
		    "<th>起</th><th>止</th><th>%s数</th><th>次数</th>"
		    "<th>期望</th><th>倍数</th></tr></thead><tbody>\n"), noun);
		for (i = 0; i < r->bursts.nrows; i++)
			put_row(w, &r->bursts, i, "term:T level:i start:t end:t "
			    "buckets:i count:i expected:r1 ratio:x1");
		put(w, "</tbody></table>\n");
	}
	put(w, L(w, "<h3>Change points</h3>\n", "<h3>变点</h3>\n"));
	if (r->changes.nrows == 0) {
		fprintf(w->out, L(w, "<p class=\"none\">No change point since "
		    "%s.</p>\n", "<p class=\"none\">%s 以来没有变点。</p>\n"),
		    cstr(&r->volume, r->nwin > (size_t)r->p.nbase ? r->nwin - 1 -
		    (size_t)r->p.nbase : 0, "bucket"));
		return;
	}
	put(w, L(w, "<table><thead><tr><th>term</th><th>changed in</th>"
	    "<th>rate before</th><th>rate after</th><th>ratio</th>"
	    "<th>after: uses</th></tr></thead><tbody>\n",
	    "<table><thead><tr><th>词语</th><th>变化于</th><th>此前频率</th>"
	    "<th>此后频率</th><th>倍数</th><th>此后次数</th></tr></thead>"
	    "<tbody>\n"));
	for (i = 0; i < r->changes.nrows; i++)
		put_row(w, &r->changes, i, "term:T change:t rate_before:r2 "
		    "rate:r2 ratio:x2 count:i");
	put(w, L(w, "</tbody></table>\n<p class=\"note\">Rates per 10,000 "
	    "tokens, over each segment between change points.</p>\n",
	    "</tbody></table>\n<p class=\"note\">频率为每万词次，按变点之间"
	    "的各段计算。</p>\n"));
}

/* Why a term is highlighted, in the page's language. */
static const char *
why_text(const struct page *w, const char *why)
{
	if (!ZH(w))
		return why;
	return strcmp(why, "rising") == 0 ? "上升" : strcmp(why,
	    "falling") == 0 ? "下降" : strcmp(why, "watched") == 0 ? "关注" :
	    strcmp(why, "new") == 0 ? "新词" : why;
}

static void
sec_evidence(struct page *w)
{
	const struct pl_report *r = w->r;
	size_t i, k;

	fprintf(w->out, L(w, "<p>Up to %d lines for each highlighted term, "
	    "from different reports where it has them, in date order: from "
	    "this %s, or for a falling term from the baseline.</p>\n",
	    "<p>每个重点词语最多 %d 条例句，尽量取自不同的报告，按日期排列："
	    "取自本%s，下降的词语取自基线。</p>\n"), EV_LINES,
	    pl_report_noun(r, r->p.by));
	for (i = 0; i < r->nhl; i++) {
		const char *label = r->hl[i].term->label;
		fprintf(w->out, "<div class=\"ev\" id=\"ev-%zu\"><h3>", i);
		term_text(w, label);
		fprintf(w->out, " <small>%s</small></h3>\n", why_text(w,
		    r->hl[i].why));
		if (r->hl[i].nev == 0) {
			put(w, L(w, "<p class=\"none\">No lines in the period."
			    "</p></div>\n", "<p class=\"none\">本期没有例句。"
			    "</p></div>\n"));
			continue;
		}
		put(w, "<ul>\n");
		for (k = 0; k < r->ev.nrows; k++)
			if (strcmp(cstr(&r->ev, k, "term"), label) == 0 &&
			    strcmp(cstr(&r->ev, k, "why"), r->hl[i].why) == 0) {
				put(w, "<li>");
				put_line(w, k, 1);
				put(w, "</li>\n");
			}
		put(w, "</ul></div>\n");
	}
}


/* The phrases of pair doc that changed as change ("entered", "left"). */
static void
put_chg_phrases(struct page *w, const char *doc, const char *change)
{
	const struct pl_report *r = w->r;
	size_t k, n = 0;

	for (k = 0; k < r->chgph.nrows; k++) {
		if (strcmp(cstr(&r->chgph, k, "doc"), doc) != 0 ||
		    strcmp(cstr(&r->chgph, k, "change"), change) != 0)
			continue;
		if (n++ == 0 && ZH(w))
			fprintf(w->out, "<p class=\"phr\"><b>%s的短语</b>：",
			    strcmp(change, "entered") == 0 ? "新出现" : "消失");
		else if (n == 1)
			fprintf(w->out, "<p class=\"phr\"><b>Phrases %s</b>: ",
			    change);
		else
			put(w, L(w, "; ", "；"));
		put_term(w, cstr(&r->chgph, k, "phrase"));
	}
	if (n > 0)
		put(w, "</p>\n");
}


/* The summary row of pair i (rows of r->changed are in pair order). */
static void
put_chg_row(struct page *w, size_t i)
{
	const struct pl_report *r = w->r;
	const struct pl_table *t = &r->changed;
	const char *title = pl_corpus_title(r->c, r->chgpair[i].row);

	put(w, "<tr><td>");
	text(w, cstr(t, i, "source"));
	put(w, "</td><td>");
	put_date(w, cstr(t, i, "date"));
	put(w, " <small><cite>");
	text(w, title);
	put(w, "</cite></small></td><td>");
	put_date(w, cstr(t, i, "prev_date"));
	put(w, "</td><td class=\"n\">");
	put_real(w, cnum(t, i, "similarity"), 2, 0);
	put(w, "</td><td class=\"n\">");
	put_int(w, cnum(t, i, "words_added"));
	put(w, "</td><td class=\"n\">");
	put_int(w, cnum(t, i, "words_removed"));
	put(w, "</td><td class=\"n\">");
	put_int(w, cnum(t, i, "sentences_changed"));
	put(w, "</td><td class=\"n\">");
	put_int(w, cnum(t, i, "sentences_added"));
	put(w, "</td><td class=\"n\">");
	put_int(w, cnum(t, i, "sentences_removed"));
	put(w, "</td><td>");
	if (r->chgpair[i].shown)
		fprintf(w->out, "<a href=\"#chg-%zu\">%s</a>", i, L(w,
		    "redline", "修订对照"));
	else if (cnum(t, i, "similarity") < CHG_MIN_SIM)
		put(w, L(w, "unrelated", "无关"));
	else
		put(w, L(w, "over the page's limit", "超出本页上限"));
	put(w, "</td></tr>\n");
}

static void
sec_changed(struct page *w)
{
	const struct pl_report *r = w->r;
	const struct pl_table *s = &r->chgsrc;
	struct pl_diff d;
	size_t i, nfeed = 0;

	fprintf(w->out, L(w, "<p>For each source with at most %d reports in "
	    "this %s, each of them against the report before it from the same "
	    "source (<code>plenum diff</code>). Similarity is the share of "
	    "words kept, 2&nbsp;&times;&nbsp;kept / (old + new). Below %.2f "
	    "two reports share almost no sentence: they are listed as "
	    "unrelated, without a redline. A source with more reports in "
	    "the %s is a feed (daily news: one item does not follow "
	    "from the last) and is not compared.</p>\n", "<p>本期报告不超过 "
	    "%d 篇的来源（每%s），每篇与同一来源的上一篇比较（<code>plenum "
	    "diff</code>）。相似度是保留词的比例，2&nbsp;&times;&nbsp;保留 / "
	    "（旧 + 新）。低于 %.2f 时两篇几乎没有相同的句子：列为无关，不给"
	    "修订对照。本%s报告更多的来源是信息流（每日新闻：一条并不承接"
	    "上一条），不作比较。</p>\n"), CHG_MAX_DOCS,
	    pl_report_noun(r, r->p.by), CHG_MIN_SIM, pl_report_noun(r, r->p.by));
	if (r->nchg > 0) {
		put(w, L(w, "<table class=\"chg\"><thead><tr><th>source</th>"
		    "<th>report</th><th>against</th><th>similarity</th>"
		    "<th>words added</th><th>words removed</th>"
		    "<th>sentences changed</th><th>sentences added</th>"
		    "<th>sentences removed</th>"
		    "<th></th></tr></thead><tbody>\n",
		    "<table class=\"chg\"><thead><tr><th>来源</th>"
		    "<th>报告</th><th>对比</th><th>相似度</th>"
		    "<th>增加词数</th><th>删除词数</th>"
		    "<th>改动句数</th><th>增加句数</th>"
		    "<th>删除句数</th>"
		    "<th></th></tr></thead><tbody>\n"));
		for (i = 0; i < r->nchg; i++)
			put_chg_row(w, i);
		put(w, "</tbody></table>\n");
	} else
		fprintf(w->out, L(w, "<p class=\"none\">No report of this %s "
		    "has one before it to compare with.</p>\n",
		    "<p class=\"none\">本%s没有可与上一篇比较的报告。</p>\n"),
		    pl_report_noun(r, r->p.by));
	for (i = 0; i < s->nrows; i++)
		nfeed += cnum(s, i, "reports") > CHG_MAX_DOCS;
	if (nfeed > 0) {
		size_t k = 0;
		if (ZH(w))
			fprintf(w->out, "<p class=\"note\">未比较的信息流 %zu "
			    "个：", nfeed);
		else
			fprintf(w->out, "<p class=\"note\">Not compared, %zu "
			    "feed%s: ", nfeed, nfeed == 1 ? "" : "s");
		for (i = 0; i < s->nrows; i++) {
			if (cnum(s, i, "reports") <= CHG_MAX_DOCS)
				continue;
			if (k++ == 8) {
				fprintf(w->out, L(w, ", and %zu more", "，另有 %zu "
				    "个"), nfeed - 8);
				break;
			}
			if (k > 1)
				put(w, L(w, ", ", "、"));
			text(w, cstr(s, i, "source"));
			put(w, L(w, " (", "（"));
			put_int(w, cnum(s, i, "reports"));
			put(w, L(w, " reports)", " 篇）"));
		}
		put(w, L(w, ".</p>\n", "。</p>\n"));
	}
	for (i = 0; i < r->nchg && !r->chgpair[i].shown; i++)
		;
	if (i < r->nchg)
		put(w, L(w, "<p class=\"legend\">In each redline below: "
		    "<del>struck out</del>, in the report before only; "
		    "<ins>underlined</ins>, in this report only; "
		    "<del class=\"mv\">purple</del>, a sentence moved.</p>\n",
		    "<p class=\"legend\">以下修订对照中：<del>删除线</del>，只见"
		    "于上一篇；<ins>下划线</ins>，只见于本篇；<del class=\"mv\">"
		    "紫色</del>，句子移动了位置。</p>\n"));
	pl_diff_init(&d);
	for (i = 0; i < r->nchg; i++) {
		const struct pl_cdoc *doc = &r->c->docs[r->chgpair[i].row];
		const char *ext = pl_corpus_ext_id(r->c, r->chgpair[i].row);
		const char *pext = pl_corpus_ext_id(r->c, r->chgpair[i].prev);
		if (!r->chgpair[i].shown)
			continue;
		if (w->err == NULL)
			w->err = pl_diff_docs(r->c, r->chgpair[i].prev,
			    r->chgpair[i].row, &d);
		if (w->err != NULL)
			break;
		fprintf(w->out, "<div class=\"chg\" id=\"chg-%zu\"><h3>", i);
		text(w, r->c->sources[doc->source]);
		put(w, ": ");
		put_date(w, cstr(&r->changed, i, "date"));
		put(w, L(w, " <small>against ", " <small>对比 "));
		put_date(w, cstr(&r->changed, i, "prev_date"));
		put(w, " · <code>");
		text(w, ext);
		put(w, L(w, "</code> against <code>", "</code> 对比 <code>"));
		text(w, pext);
		put(w, "</code></small></h3>\n");
		put_chg_phrases(w, ext, "entered");
		put_chg_phrases(w, ext, "left");
		pl_diff_html(w->out, &d);
		put(w, "</div>\n");
	}
	pl_diff_release(&d);
}

static void
sec_method(struct page *w)
{
	const struct pl_report *r = w->r;
	char a[11], b[11], f[11], t[11];
	size_t i;

	pl_date_format(r->p.first_day, a);
	pl_date_format(r->p.last_day, b);
	pl_date_format(r->p.from, f);
	pl_date_format(r->p.to, t);
	put(w, L(w, "<dl>\n<dt>Corpus</dt><dd><code>",
	    "<dl>\n<dt>语料</dt><dd><code>"));
	text(w, r->dbname);
	fprintf(w->out, L(w, "</code>: %zu reports in the database; those "
	    "reviewed run from %s to %s", "</code>：数据库中共 %zu 篇报告；"
	    "所回顾的报告从 %s 到 %s"), r->c->ndocs, a, b);
	if (r->nsrcargs > 0) {
		put(w, L(w, ", narrowed by <code>", "，限定为 <code>"));
		for (i = 0; i < (size_t)r->nsrcargs; i++) {
			if (i > 0)
				put(w, " ");
			text(w, r->srcargs[i]);
		}
		put(w, "</code>");
	}
	fprintf(w->out, L(w, ".</dd>\n<dt>Period</dt><dd>%s, %s to %s: ",
	    "。</dd>\n<dt>期间</dt><dd>%s，%s 至 %s："), r->p.label, f, t);
	text(w, L(w, r->p.why, r->p.why_zh));
	pl_date_format(r->p.base_from, a);
	pl_date_format(r->p.from - 1, b);
	if (ZH(w))
		fprintf(w->out, "。</dd>\n<dt>基线</dt><dd>此前 %d %s，从 %s "
		    "到 %s。</dd>\n<dt>软件</dt><dd>plenum %s。</dd>\n"
		    "<dt>本报告</dt><dd><pre>", r->p.nbase,
		    pl_report_count_noun(r, r->p.by), a, b, PL_VERSION);
	else
		fprintf(w->out, ".</dd>\n<dt>Baseline</dt><dd>The %d %ss "
		    "before it, from %s to %s.</dd>\n<dt>Software</dt><dd>"
		    "plenum %s.</dd>\n<dt>This report</dt><dd><pre>",
		    r->p.nbase, pl_report_noun(r, r->p.by), a, b, PL_VERSION);
	text(w, r->cmdline);
	put(w, L(w, "</pre></dd>\n</dl>\n<h3>The commands behind each table "
	    "and chart</h3>\n<p>Run beside the database; each prints the "
	    "table the page's numbers come from.</p>\n<ol class=\"cmds\">\n",
	    "</pre></dd>\n</dl>\n<h3>每个表格和图表背后的命令</h3>\n"
	    "<p>在数据库所在目录运行；每条命令打印出页面数字所依据的表格。</p>\n<ol class=\"cmds\">\n"));
	for (i = 0; i < r->nm; i++) {
		if (i == 0 || strcmp(r->m[i].what, r->m[i - 1].what) != 0) {
			if (i > 0)
				put(w, "</li>\n");
			put(w, "<li>");
			text(w, L(w, r->m[i].what, r->m[i].what_zh));
			put(w, L(w, ":", "："));
		}
		put(w, "<pre>");
		text(w, r->m[i].cmd);
		put(w, "</pre>");
	}
	if (r->nm > 0)
		put(w, "</li>\n");
	put(w, L(w, "</ol>\n<p>Files beside this page: <code>volume</code>, "
	    "<code>key</code> and <code>watch</code> as PNG and SVG (each "
	    "records the command line that made it), and every table in "
	    "<code>data/*.tsv</code>. docs/REPORT.md says what each section "
	    "computes and why.</p>\n", "</ol>\n<p>本页旁边的文件：<code>"
	    "volume</code>、<code>key</code> 和 <code>watch</code> 的 PNG 和 "
	    "SVG（各自记录了生成它的命令），以及 <code>data/*.tsv</code> 中"
	    "的每个表格。docs/REPORT.md 说明每一节计算什么、为什么。</p>\n"));
}

/*
 * The page's sections, in order.  A new section is one function and
 * one row here.
 */
static const struct section {
	const char	*id;
	const char	*title;
	const char	*title_zh;
	void		(*write)(struct page *);
} sections[] = {
	{ "glance",	"At a glance",		"概览",		sec_glance },
	{ "key",	"Rising and falling",	"上升与下降",	sec_key },
	{ "watch",	"Watch list",		"关注列表",	sec_watch },
	{ "new",	"New this period",	"本期新词",	sec_new },
	{ "bursts",	"Bursts and change points", "突发与变点", sec_bursts },
	{ "evidence",	"Evidence",		"例证",		sec_evidence },
	{ "changed",	"What changed since the last one", "与上一篇相比",
	    sec_changed },
	{ "method",	"Method",		"方法",		sec_method },
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

const struct pl_error *
pl_report_page(const struct pl_report *r, const char *dir, FILE *fp)
{
	struct page pg = { r, fp, dir, NULL }, *w = &pg;
	char ph[160], last[40];
	size_t i;

	period_human(r, r->p.by, r->p.from, r->p.to, ph, sizeof(ph));
	fprintf(w->out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content="
	    "\"width=device-width, initial-scale=1\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
	    "'none'; img-src data:; style-src 'unsafe-inline'\">\n"
	    "<meta name=\"generator\" content=\"plenum %s\">\n<title>%s%s%s%s"
	    " · ", ZH(w) ? "zh" : "en", PL_VERSION, review_name(r, r->p.by),
	    r->p.partial ? L(w, " (partial)", "（不完整）") : "", L(w, ": ",
	    "："), r->p.label);
	text(w, r->dbname);
	fprintf(w->out, "</title>\n<style>\n%s%s</style>\n</head>\n<body>\n"
	    "<header>\n<h1>%s%s%s%s</h1>\n<p class=\"lede\">", css,
	    pl_diff_html_css, review_name(r, r->p.by), r->p.partial ? L(w,
	    " (partial)", "（不完整）") : "", L(w, ": ", "："), r->p.label);
	text(w, ph);
	put(w, " · <code>");
	text(w, r->dbname);
	if (ZH(w))
		fprintf(w->out, "</code> · 对比此前 %d %s</p>\n", r->p.nbase,
		    pl_report_count_noun(r, r->p.by));
	else
		fprintf(w->out, "</code> · against the %d %ss before</p>\n",
		    r->p.nbase, pl_report_noun(r, r->p.by));
	if (r->p.nobase)
		fprintf(w->out, L(w, "<p class=\"partial\">No baseline: this "
		    "is the first %s of the data, so there is nothing to compare "
		    "it with; key terms, bursts and change points are left "
		    "out, and every term is new.</p>\n", "<p class=\"partial\">"
		    "没有基线：这是数据的第一%s，没有可比较的对象；关键词语、突发"
		    "和变点不列出，所有词语都是新的。</p>\n"),
		    pl_report_noun(r, r->p.by));
	if (r->p.partial) {
		const char *noun = pl_report_noun(r, r->p.by);
		pl_report_date(r, r->p.last_day, 1, last, sizeof(last));
		if (ZH(w))
			fprintf(w->out, "<p class=\"partial\">本%s不完整：报告"
			    "截至 %s，本%s尚未结束，计数不是整%s的。</p>\n",
			    noun, last, noun, noun);
		else
			fprintf(w->out, "<p class=\"partial\">Partial %s: the "
			    "reports end on %s, before the %s is over, so its "
			    "counts are not those of a whole %s.</p>\n", noun,
			    last, noun, noun);
	}
	put(w, "<nav><ol>");
	for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++)
		fprintf(w->out, "<li><a href=\"#%s\">%s</a></li>",
		    sections[i].id, L(w, sections[i].title,
		    sections[i].title_zh));
	put(w, "</ol></nav>\n</header>\n");
	for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		fprintf(w->out, "<section id=\"%s\">\n<h2>%s</h2>\n",
		    sections[i].id, L(w, sections[i].title,
		    sections[i].title_zh));
		sections[i].write(w);
		put(w, "</section>\n");
	}
	put(w, "</body>\n</html>\n");
	if (w->err == NULL && ferror(fp))
		w->err = pl_error_fmt(PL_ERR_IO, "index.html: write error");
	return w->err;
}
