/*
 * report-test.c - lib/html.c and the pure parts of lib/report.c: escaping
 * of hostile text, data URIs, sparklines, percentile, z, numeric terms,
 * shell quoting of the Method's command lines, the page's language and
 * its dates and period nouns in English and Chinese.
 * Expected values worked out by hand in the comments.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/date.h"
#include "plenum/html.h"
#include "plenum/report.h"
#include "tap.h"

/* What fn writes, as a string the caller frees. */
static char *
capture(void (*fn)(FILE *, const void *), const void *arg)
{
	char *p = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&p, &n);

	fn(fp, arg);
	fclose(fp);
	return p;
}

static void
w_text(FILE *fp, const void *s)
{
	pl_html_text(fp, s);
}

static void
w_uri(FILE *fp, const void *s)
{
	pl_html_data_uri(fp, "image/png", s, strlen(s));
}

static const double spark_v[] = { 1, NAN, 3, 2 };

static void
w_spark(FILE *fp, const void *label)
{
	pl_html_sparkline(fp, spark_v, 4, 100, 20, label);
}

int
main(void)
{
	char *s;
	double h[] = { 1, 2, NAN, 3, 4 };

	s = capture(w_text, "<script>alert('x')</script> & \"q\"");
	is_str(s, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
	    "&quot;q&quot;", "text: < > & \" ' become entities");
	free(s);
	s = capture(w_text, "</svg><img src=x onerror=\"a()\">");
	ok(strchr(s, '<') == NULL && strchr(s, '>') == NULL &&
	    strchr(s, '"') == NULL, "text: no < > \" survive (%s)", s);
	free(s);
	s = capture(w_text, "a\x01\x1b" "b\tc\nd 中文");
	is_str(s, "a  b\tc\nd 中文", "text: control characters become "
	    "spaces, tab, newline and UTF-8 kept");
	free(s);

	/* "Man" is TWFu; "Ma" TWE=; "M" TQ== (RFC 4648) */
	s = capture(w_uri, "Man");
	is_str(s, "data:image/png;base64,TWFu", "data URI: base64 of Man");
	free(s);
	s = capture(w_uri, "Ma");
	is_str(s, "data:image/png;base64,TWE=", "data URI: padding");
	free(s);

	s = capture(w_spark, "a\"<b>");
	ok(strstr(s, " id=") == NULL, "sparkline: no ids");
	ok(strstr(s, "aria-label=\"a&quot;&lt;b&gt;\"") != NULL,
	    "sparkline: label escaped");
	/* x: 2 + 32 i (96 / 3); y: 18 - v / 3 * 16 -> 12.7, 2.0, 7.3 */
	ok(strstr(s, "d=\"M2.0 12.7 L2.0 12.7 M66.0 2.0 L98.0 7.3\"") != NULL,
	    "sparkline: a gap where the value is missing");
	ok(strstr(s, "<circle cx=\"98.0\" cy=\"7.3\"") != NULL,
	    "sparkline: the last point marked");
	free(s);

	/* 1, 2, 3, 4 (NaN skipped): 3 of 4 at or below 3 */
	is_num(pl_report_percentile(3, h, 5), 75, 1e-12, "percentile");
	is_num(pl_report_percentile(0.5, h, 5), 0, 1e-12, "percentile: 0");
	ok(isnan(pl_report_percentile(NAN, h, 5)), "percentile of NaN");
	/* mean 2.5, sd sqrt(5/3) = 1.2910; (4 - 2.5) / 1.2910 = 1.16190 */
	is_num(pl_report_z(4, h, 5), 1.5 / sqrt(5.0 / 3.0), 1e-12, "z");
	ok(isnan(pl_report_z(4, h, 1)), "z: one value is NaN");
	{
		double flat[] = { 2, 2, 2 };
		ok(isnan(pl_report_z(3, flat, 3)), "z: sd 0 is NaN");
	}

	ok(pl_report_numeric_term("11"), "numeric: 11");
	ok(pl_report_numeric_term("11 月"), "numeric: 11 月");
	ok(pl_report_numeric_term("今天 11"), "numeric: 今天 11");
	ok(pl_report_numeric_term("\xef\xbc\x91\xef\xbc\x91"), "numeric: "
	    "fullwidth １１");
	ok(pl_report_numeric_term("2.5 percent"), "numeric: 2.5 percent");
	ok(!pl_report_numeric_term("g20"), "not numeric: g20");
	ok(!pl_report_numeric_term("二十大"), "not numeric: 二十大");
	ok(!pl_report_numeric_term("rule of law"), "not numeric: rule of law");

	{
		char *av[] = { (char *)"--db", (char *)"a b.db",
		    (char *)"it's", (char *)"", (char *)"x|y",
		    (char *)"宣讲 报告", (char *)"plain" };
		s = pl_quote_args("plenum kwic", 7, av);
		/* spaces, quotes, pipes and the empty string are quoted; a
		 * quote inside becomes '\'' */
		is_str(s, "plenum kwic --db 'a b.db' 'it'\\''s' '' 'x|y' "
		    "'宣讲 报告' plain", "quote_args: as a shell reads them");
		free(s);
	}
	ok(pl_report_lang_parse("zh") == PL_REPORT_ZH &&
	    pl_report_lang_parse("zh-Hant") == PL_REPORT_ZH &&
	    pl_report_lang_parse("en") == PL_REPORT_EN &&
	    pl_report_lang_parse("auto") == PL_REPORT_EN &&
	    pl_report_lang_parse("fr") == -1, "lang_parse: zh, zh-*, en, "
	    "auto, and -1 for fr");
	{
		struct pl_report r;
		char buf[64];
		/* 6 Nov 2022 was a Sunday */
		int64_t d = pl_days_from_civil(2022, 11, 6);

		pl_report_init(&r);
		r.lang = PL_REPORT_EN;
		pl_report_date(&r, d, 1, buf, sizeof(buf));
		is_str(buf, "6 Nov 2022", "date: English");
		is_str(pl_report_noun(&r, PL_BUCKET_QUARTER), "quarter",
		    "noun: quarter");
		is_str(pl_report_count_noun(&r, PL_BUCKET_MONTH), "months",
		    "count noun: months");
		r.lang = PL_REPORT_ZH;
		pl_report_date(&r, d, 1, buf, sizeof(buf));
		is_str(buf, "2022年11月6日", "date: Chinese");
		pl_report_date(&r, d, 0, buf, sizeof(buf));
		is_str(buf, "11月6日", "date: Chinese, no year");
		is_str(pl_report_noun(&r, PL_BUCKET_WEEK), "周", "noun: 周");
		is_str(pl_report_count_noun(&r, PL_BUCKET_MONTH), "个月",
		    "count noun: 8 个月");
		is_str(pl_report_count_noun(&r, PL_BUCKET_QUARTER), "个季度",
		    "count noun: 8 个季度");
		pl_report_release(&r);
	}
	return tap_done();
}
