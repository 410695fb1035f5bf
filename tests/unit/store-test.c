/*
 * store-test.c - the corpus database: ingest round trip with term counts
 * and postings worked out by hand, idempotence, duplicates, --replace,
 * abort, settings, docs and info tables.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "plenum/store.h"
#include "tap.h"
#include "testdoc.h"

static char dbpath[256];


/* "cf df postings-hex" of a term, or "none". */
static const char *
term(const char *text)
{
	static char out[256];
	struct pl_db *db;
	unsigned char *p = NULL;
	size_t len = 0, i;
	int64_t cf, df;
	int n;

	/* The term's list as queries see it: the base row and its segments
	 * (docs/STORAGE.md). */
	snprintf(out, sizeof(out), "none");
	if (pl_db_open(dbpath, PL_DB_READ, &db) != NULL)
		return "cannot open";
	if (pl_db_postings(db, text, &p, &len, &cf, &df) == NULL && p != NULL) {
		n = snprintf(out, sizeof(out), "%lld %lld ", (long long)cf,
		    (long long)df);
		for (i = 0; i < len; i++)
			n += snprintf(out + n, sizeof(out) - (size_t)n, "%02x",
			    p[i]);
	}
	free(p);
	pl_db_close(db);
	return out;
}

static long long
count(const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_open_v2(dbpath, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return v;
}

int
main(void)
{
	struct pl_db *db = NULL;
	struct pl_ingest *in = NULL;
	struct pl_ingest_stats st;
	struct pl_ingest_opts opts;
	struct pl_tokcfg cfg;
	struct pl_doc d1, d2, d3, d4;
	struct pl_table t;
	enum pl_add_result res;
	const char *other = NULL;
	const struct pl_error *err;
	char tmpl[64];

	if (scratch_dir("store", tmpl, sizeof(tmpl)) == -1)
		return 1;
	snprintf(dbpath, sizeof(dbpath), "%s/t.db", tmpl);
	pl_table_init(&t);

	ok(pl_db_open(dbpath, PL_DB_READ, &db) != NULL,
	    "a missing database is not created when reading");
	err = pl_db_open(dbpath, PL_DB_WRITE | PL_DB_CREATE, &db);
	if (!ok(err == NULL, "create database"))
		return tap_done();
	ok(pl_db_is_empty(db), "new database is empty");
	ok(pl_db_info(db, &t) != NULL, "info on an empty database fails");

	/*
	 * d1: "rule of law matters | the rule of law" (8 tokens)
	 * d2: "law matters" (2 tokens)
	 * n-grams may not begin or end with a stopword (of, the), and stay
	 * inside a sentence.
	 */
	d1 = mkdoc("d1", "2022-01-03", "Rule of law matters. The rule of law!");
	d2 = mkdoc("d2", "2022-01", "Law matters.");
	err = pl_ingest_begin(db, NULL, &in);
	ok(err == NULL, "begin ingest");
	ok(pl_ingest_add(in, &d1, &res, &other) == NULL && res == PL_ADD_ADDED,
	    "add d1");
	ok(pl_ingest_add(in, &d2, &res, &other) == NULL && res == PL_ADD_ADDED,
	    "add d2");
	d4 = mkdoc("d4", "2022-01-05", "   ");
	d4.textlen = 0;
	ok(pl_ingest_add(in, &d4, &res, &other) != NULL, "empty text refused");
	d4 = mkdoc("d4", "2022-01-05", "bad \xff byte");
	err = pl_ingest_add(in, &d4, &res, &other);
	ok(err != NULL && strstr(err->msg, "field 'text': invalid UTF-8 at "
	    "byte 4") != NULL, "invalid UTF-8 refused: %s", err ? err->msg : "");
	err = pl_ingest_commit(in, &st);
	ok(err == NULL, "commit");
	is_int((int64_t)st.added, 2, "2 added");
	is_int((int64_t)st.tokens, 10, "10 tokens");
	is_int(count("SELECT count(*) FROM doc"), 2, "2 documents stored");
	is_int(count("SELECT sentences FROM doc WHERE ext_id = 'd1'"), 2,
	    "d1 has 2 sentences");
	is_int(count("SELECT count(*) FROM doc WHERE ext_id = 'd2' AND "
	    "precision = 'month' AND date = '2022-01-01'"), 1,
	    "month precision stored with its first day");
	/* postings: varint pairs (doc delta, count): d1 = 1, d2 = 2 */
	is_str(term("law"), "3 2 01020101", "law: cf 3, df 2, (1,2) (2,1)");
	is_str(term("rule"), "2 1 0102", "rule: cf 2 in d1");
	is_str(term("the"), "1 1 0101", "stopwords stay in the index");
	is_str(term("rule of law"), "2 1 0102", "trigram within sentences");
	is_str(term("law matters"), "2 2 01010101", "bigram in both");
	is_str(term("rule of"), "none", "no bigram ending with a stopword");
	is_str(term("of law"), "none", "no bigram starting with a stopword");
	is_str(term("matters the rule"), "none", "no n-gram across sentences");
	is_int(count("SELECT count(*) FROM term WHERE n = 1"), 5,
	    "5 word types");
	is_int(count("SELECT count(*) FROM term"), 7, "7 terms in all");

	/* Again: nothing new; same text under another id: duplicate. */
	ok(pl_ingest_begin(db, NULL, &in) == NULL, "second ingest");
	ok(pl_ingest_add(in, &d1, &res, &other) == NULL &&
	    res == PL_ADD_PRESENT, "d1 again is already present");
	d3 = mkdoc("d3", "2022-02-01", "Law matters.");
	ok(pl_ingest_add(in, &d3, &res, &other) == NULL &&
	    res == PL_ADD_DUPLICATE && other && strcmp(other, "d2") == 0,
	    "same text as d2 is a duplicate");
	d4 = mkdoc("d1", "2022-01-03", "Law and order.");
	err = pl_ingest_add(in, &d4, &res, &other);
	ok(err != NULL && strstr(err->msg, "--replace") != NULL,
	    "known id with new text needs --replace");
	ok(pl_ingest_commit(in, &st) == NULL && st.added == 0 &&
	    st.present == 1 && st.duplicates == 1, "nothing added");
	is_str(term("law"), "3 2 01020101", "law unchanged");

	/* An aborted ingest changes nothing. */
	ok(pl_ingest_begin(db, NULL, &in) == NULL, "third ingest");
	d3 = mkdoc("d3", "2022-02-01", "Order and law and law.");
	ok(pl_ingest_add(in, &d3, &res, &other) == NULL, "add d3");
	pl_ingest_abort(in);
	is_int(count("SELECT count(*) FROM doc"), 2, "abort: still 2 docs");
	is_str(term("law"), "3 2 01020101", "abort: law unchanged");

	/* Replace d1: its counts leave, the new text's come in (doc 3). */
	memset(&opts, 0, sizeof(opts));
	opts.replace = 1;
	ok(pl_ingest_begin(db, &opts, &in) == NULL, "replace ingest");
	ok(pl_ingest_add(in, &d4, &res, &other) == NULL &&
	    res == PL_ADD_REPLACED, "d1 replaced");
	ok(pl_ingest_commit(in, &st) == NULL && st.replaced == 1, "commit");
	is_str(term("law"), "2 2 02010101", "law: d2 and new d1 (doc 3)");
	is_str(term("rule"), "none", "rule is gone");
	is_str(term("rule of law"), "none", "rule of law is gone");
	is_str(term("law matters"), "1 1 0201", "law matters: only d2");
	is_str(term("law and order"), "1 1 0301", "new trigram");
	is_int(count("SELECT count(*) FROM doc"), 2, "still 2 documents");

	/* Settings are fixed at creation. */
	pl_tokcfg_defaults(&cfg);
	cfg.ngram_max = 2;
	memset(&opts, 0, sizeof(opts));
	opts.cfg = &cfg;
	opts.cfg_given = 1;
	err = pl_ingest_begin(db, &opts, &in);
	ok(err != NULL && strstr(err->msg, "n-grams up to 3, not 2") != NULL,
	    "other n-gram setting refused: %s", err ? err->msg : "");

	/* docs and info tables. */
	{
		struct pl_docfilter f;
		pl_docfilter_init(&f);
		ok(pl_db_docs(db, &f, &t) == NULL && t.nrows == 2 &&
		    t.ncols == 7, "docs: 2 rows, 7 columns");
		is_str(pl_table_cell(&t, 0, 0)->v.s, "d2",
		    "docs sorted by date: d2 (2022-01-01) first");
		f.from = pl_days_from_civil(2022, 1, 2);
		ok(pl_db_docs(db, &f, &t) == NULL && t.nrows == 1 &&
		    strcmp(pl_table_cell(&t, 0, 0)->v.s, "d1") == 0,
		    "--from filter");
	}
	ok(pl_db_info(db, &t) == NULL && t.nrows > 5, "info table");
	is_str(pl_table_cell(&t, 0, 1)->v.s, "total", "first info row: total");
	is_int(pl_table_cell(&t, 0, 2)->v.i, 2, "total documents");
	is_int(pl_table_cell(&t, 0, 3)->v.i, 5, "total tokens (2 + 3)");

	ok(pl_db_close(db) == NULL, "close");
	pl_table_release(&t);
	unlink(dbpath);
	{
		char p[300];
		snprintf(p, sizeof(p), "%s-wal", dbpath);
		unlink(p);
		snprintf(p, sizeof(p), "%s-shm", dbpath);
		unlink(p);
	}
	rmdir(tmpl);
	return tap_done();
}
