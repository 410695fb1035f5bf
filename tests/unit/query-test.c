/*
 * query-test.c - term expressions and per-document counts on a tiny
 * corpus whose counts are worked out by hand, and series buckets.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plenum/match.h"
#include "plenum/query.h"
#include "plenum/series.h"
#include "tap.h"
#include "fixture.h"


static const char *
parse_error(struct pl_corpus *c, const char *expr)
{
	static char msg[1100];
	const struct pl_error *err;
	struct pl_term *t;

	if ((err = pl_term_parse(c, expr, &t)) == NULL) {
		pl_term_free(t);
		return "ok";
	}
	snprintf(msg, sizeof(msg), "%s", err->msg);
	return msg;
}

int
main(void)
{
	struct fixture fx;
	struct pl_corpus *c = NULL;
	struct pl_doc d[4];
	struct pl_term *t;

	/*
	 * d1 (2020-12-31): "The rule of law. Rule of law matters; the rule
	 *   of law is the rule."  -> rule 4, law 3, "rule of law" 3 (the
	 *   last "the rule" ends the sentence), "law matters" 1.
	 * d2 (2021-01-02): "Development and developing countries. Law."
	 *   -> develop* 2 (development, developing), law 1.
	 * d3 (2021-01-04): "The rule. Of law we speak."  -> "rule of law" 0
	 *   (crosses a sentence), rule 1, law 1.
	 */
	d[0] = mkdoc("d1", "2020-12-31", "The rule of law. Rule of law "
	    "matters; the rule of law is the rule.");
	d[1] = mkdoc("d2", "2021-01-02", "Development and developing "
	    "countries. Law.");
	d[2] = mkdoc("d3", "2021-01-04", "The rule. Of law we speak.");
	if (fixture_open(&fx, "query", "q.db") == -1)
		return 1;
	ok(fixture_ingest(&fx, NULL, d, 3) == 0, "corpus of 3 documents");
	if (!ok(pl_corpus_open(fx.db, &c) == NULL && c->ndocs == 3,
	    "corpus opened for queries"))
		return tap_done();

	is_int(fixture_total(c, "rule"), 5, "rule: 4 + 0 + 1");
	is_int(fixture_total(c, "LAW"), 5, "LAW (case folded): 3 + 1 + 1");
	is_int(fixture_total(c, "rule of law"), 3,
	    "indexed trigram, not across a sentence");
	is_int(fixture_total(c, "\"rule of law\""), 3, "quoted phrase");
	is_int(fixture_total(c, "the rule of law"), 2, "scanned 4-word phrase");
	/* d1 has "the rule" 3 times, d3 once ("The rule."). */
	is_int(fixture_total(c, "the rule"), 4, "phrase starting with a stopword");
	/* d1 3 times, d3 once ("Of law we speak"). */
	is_int(fixture_total(c, "of law"), 4, "phrase of law (scanned)");
	is_int(fixture_total(c, "develop*"), 2, "prefix: development, developing");
	is_int(fixture_total(c, "law|develop*"), 7, "alternatives summed");
	is_int(fixture_total(c, "nothing"), 0, "unknown word: zero, no error");
	is_int(fixture_total(c, "no such phrase"), 0, "unknown phrase: zero");

	ok(pl_term_parse(c, "lex=law|rule", &t) == NULL &&
	    strcmp(t->label, "lex") == 0 && t->nalts == 2, "label parsed");
	pl_term_free(t);
	ok(pl_term_parse(c, "a|b", &t) == NULL &&
	    strcmp(t->label, "a|b") == 0, "label defaults to the expression");
	pl_term_free(t);
	is_str(parse_error(c, "a||b"), "term 'a||b': empty alternative at "
	    "column 3", "empty alternative names its column");
	is_str(parse_error(c, "|a"), "term '|a': empty alternative at "
	    "column 1", "leading bar");
	is_str(parse_error(c, "a|"), "term 'a|': empty alternative at "
	    "column 3", "trailing bar");
	is_str(parse_error(c, "\"rule of"), "term '\"rule of': unclosed "
	    "quote at column 1", "unclosed quote");
	is_str(parse_error(c, "de*v"), "term 'de*v': '*' only at the end of "
	    "a word, at column 3", "star inside a word");
	is_str(parse_error(c, "=law"), "term '=law': empty label before '=' "
	    "at column 1", "empty label");
	is_str(parse_error(c, "rule of*"), "term 'rule of*': a prefix (*) "
	    "must be one word, at column 1", "prefix of a phrase");

	/* Weekly series: 2020-12-31 and 2021-01-02 are in 2020-W53,
	 * 2021-01-04 in 2021-W01. */
	{
		struct pl_series_opts o;
		struct pl_table tab;
		struct pl_term *terms[1];
		pl_table_init(&tab);
		pl_series_opts_defaults(&o);
		o.by = PL_BUCKET_WEEK;
		pl_term_parse(c, "law", &terms[0]);
		ok(pl_series(c, terms, 1, &o, &tab) == NULL && tab.nrows == 2,
		    "two weekly buckets");
		is_str(pl_table_cell(&tab, 0, 1)->v.s, "2020-W53", "first week");
		is_int(pl_table_cell(&tab, 0, 4)->v.i, 4, "law in 2020-W53");
		is_int(pl_table_cell(&tab, 0, 6)->v.i, 2, "2 documents");
		is_str(pl_table_cell(&tab, 1, 1)->v.s, "2021-W01", "second week");
		/* Daily: 2021-01-01 and 01-03 have no documents. */
		o.by = PL_BUCKET_DAY;
		ok(pl_series(c, terms, 1, &o, &tab) == NULL && tab.nrows == 5,
		    "five daily buckets, dense");
		ok(pl_table_cell(&tab, 1, 8)->null &&
		    pl_table_cell(&tab, 1, 6)->v.i == 0,
		    "a day without documents has no value");
		ok(!pl_table_cell(&tab, 2, 8)->null,
		    "a day with documents has a value");
		pl_term_free(terms[0]);
		pl_table_release(&tab);
	}
	pl_corpus_free(c);
	c = NULL;

	/*
	 * A leap day and Chinese phrases.  d4 (2024-02-29): 疫情防控工作。
	 * 坚持疫情防控。 -> 疫情防控 (the indexed bigram 疫情 防控) twice;
	 * d5 (2024-03-01): 疫情。防控。 -> 0 (across a sentence boundary).
	 */
	d[0] = mkdoc("d4", "2024-02-29", "\xe7\x96\xab\xe6\x83\x85\xe9\x98"
	    "\xb2\xe6\x8e\xa7\xe5\xb7\xa5\xe4\xbd\x9c\xe3\x80\x82\xe5\x9d"
	    "\x9a\xe6\x8c\x81\xe7\x96\xab\xe6\x83\x85\xe9\x98\xb2\xe6\x8e"
	    "\xa7\xe3\x80\x82");
	d[1] = mkdoc("d5", "2024-03-01", "\xe7\x96\xab\xe6\x83\x85\xe3\x80"
	    "\x82\xe9\x98\xb2\xe6\x8e\xa7\xe3\x80\x82");
	/*
	 * 二十大 in d6 (2024-03-05), whose full-width letters and digits NFKC
	 * changes (the text is normalised before matching): 3 times, once
	 * after ＡＢ (ab二十大); in d7 (2024-03-06), already normalised Han
	 * and punctuation (matched in the stored text as it is): twice.
	 */
	d[2] = mkdoc("d6", "2024-03-05", "二十大。ＡＢ二十大，Ｇ２０二十大。");
	d[3] = mkdoc("d7", "2024-03-06", "二十大和二十大。");
	ok(fixture_ingest(&fx, NULL, d, 4) == 0 && pl_corpus_open(fx.db, &c) ==
	    NULL, "Chinese documents added");
	is_int(fixture_total(c, "二十大"), 5,
	    "二十大: 3 in normalised d6, 2 in d7 as stored");
	is_int(fixture_total(c, "ab二十大"), 1, "ab二十大 in ＡＢ二十大 (NFKC)");
	is_int(fixture_total(c, "g20二十大"), 1, "g20二十大 in Ｇ２０二十大");
	is_int(fixture_total(c, "大和二"), 1, "大和二 across words in d7");
	/* 疫情防控 */
	is_int(fixture_total(c, "\xe7\x96\xab\xe6\x83\x85\xe9\x98\xb2\xe6\x8e"
	    "\xa7"), 2, "Chinese phrase: twice in d4, not across d5's break");
	{
		struct pl_series_opts o;
		struct pl_table tab;
		struct pl_term *terms[1];
		pl_table_init(&tab);
		pl_series_opts_defaults(&o);
		o.by = PL_BUCKET_DAY;
		o.filter.from = pl_days_from_civil(2024, 2, 28);
		o.filter.to = pl_days_from_civil(2024, 3, 1);
		pl_term_parse(c, "\xe7\x96\xab\xe6\x83\x85", &terms[0]);
		ok(pl_series(c, terms, 1, &o, &tab) == NULL && tab.nrows == 3,
		    "2024-02-28 .. 2024-03-01 is three days (leap year)");
		is_str(pl_table_cell(&tab, 1, 1)->v.s, "2024-02-29",
		    "the leap day has its own bucket");
		is_int(pl_table_cell(&tab, 1, 4)->v.i, 2, "two hits on it");
		ok(pl_table_cell(&tab, 0, 8)->null, "2024-02-28: no reports");
		o.by = PL_BUCKET_MONTH;
		ok(pl_series(c, terms, 1, &o, &tab) == NULL && tab.nrows == 2 &&
		    strcmp(pl_table_cell(&tab, 0, 3)->v.s, "2024-02-29") == 0,
		    "February 2024 ends on the 29th");
		pl_term_free(terms[0]);
		pl_table_release(&tab);
	}
	pl_corpus_free(c);
	fixture_remove(&fx);
	return tap_done();
}
