/*
 * table-test.c - unit tests for lib/table.c: writers against hand-written
 * expected output, write/read round trips, reader errors, accessors.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/error.h"
#include "plenum/table.h"

#include "tap.h"

static const char *fmt_names[] = { "tsv", "csv", "json", "jsonl" };

static const char sample_tsv[] =
    "name\tn\tx\tp\n"
    "plain\t42\t0.1\t2.50\n"
    "tab\\there\\nnew\\\\back\\r\001\t-7\t1e-300\t\n"
    "comma, \"quoted\"\t9223372036854775807\t\t1.00\n"
    "共同富裕\t-9223372036854775808\t123456.789\t-0.50\n"
    " lead\t\t\t\n";

static const char sample_csv[] =
    "name,n,x,p\r\n"
    "plain,42,0.1,2.50\r\n"
    "\"tab\there\nnew\\back\r\001\",-7,1e-300,\r\n"
    "\"comma, \"\"quoted\"\"\",9223372036854775807,,1.00\r\n"
    "共同富裕,-9223372036854775808,123456.789,-0.50\r\n"
    "\" lead\",,,\r\n";

#define JROW1 "{\"name\":\"plain\",\"n\":42,\"x\":0.1,\"p\":2.50}"
#define JROW2 "{\"name\":\"tab\\there\\nnew\\\\back\\r\\u0001\",\"n\":-7," \
    "\"x\":1e-300,\"p\":null}"
#define JROW3 "{\"name\":\"comma, \\\"quoted\\\"\"," \
    "\"n\":9223372036854775807,\"x\":null,\"p\":1.00}"
#define JROW4 "{\"name\":\"共同富裕\",\"n\":-9223372036854775808," \
    "\"x\":123456.789,\"p\":-0.50}"
#define JROW5 "{\"name\":\" lead\",\"n\":null,\"x\":null,\"p\":null}"

static const char sample_json[] =
    "[\n" JROW1 ",\n" JROW2 ",\n" JROW3 ",\n" JROW4 ",\n" JROW5 "\n]\n";

static const char sample_jsonl[] =
    JROW1 "\n" JROW2 "\n" JROW3 "\n" JROW4 "\n" JROW5 "\n";

static const char *sample_out[] = {
	sample_tsv, sample_csv, sample_json, sample_jsonl
};

/* Makes the sample table; returns 0 on success. */
static int
make_sample(struct pl_table *t)
{
	static const char *names[] = {
		"plain", "tab\there\nnew\\back\r\001", "comma, \"quoted\"",
		"共同富裕", " lead"
	};
	size_t r;

	pl_table_init(t);
	if (pl_table_add_col(t, "name", PL_COL_STR) != NULL ||
	    pl_table_add_col(t, "n", PL_COL_INT) != NULL ||
	    pl_table_add_col(t, "x", PL_COL_REAL) != NULL ||
	    pl_table_add_col(t, "p", PL_COL_REAL) != NULL)
		return -1;
	pl_table_set_prec(t, 3, 2);
	for (r = 0; r < 5; r++) {
		if (pl_table_add_row(t) != NULL ||
		    pl_table_set_str(t, r, 0, names[r]) != NULL)
			return -1;
	}
	pl_table_set_int(t, 0, 1, 42);
	pl_table_set_int(t, 1, 1, -7);
	pl_table_set_int(t, 2, 1, INT64_MAX);
	pl_table_set_int(t, 3, 1, INT64_MIN);
	pl_table_set_real(t, 0, 2, 0.1);
	pl_table_set_real(t, 1, 2, 1e-300);
	pl_table_set_real(t, 3, 2, 123456.789);
	pl_table_set_real(t, 0, 3, 2.5);
	pl_table_set_real(t, 2, 3, 1.0);
	pl_table_set_real(t, 3, 3, -0.5);
	return 0;
}

/* Writes t in fmt to a string the caller frees; NULL on error. */
static char *
write_str(const struct pl_table *t, enum pl_format fmt)
{
	const struct pl_error *err;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	fp = open_memstream(&buf, &len);
	if (fp == NULL)
		return NULL;
	err = pl_table_write(t, fp, fmt);
	if (fclose(fp) != 0 || err != NULL) {
		if (err != NULL)
			printf("# write: %s\n", err->msg);
		free(buf);
		return NULL;
	}
	return buf;
}

/* Reads len bytes of s as a table named name. */
static const struct pl_error *
read_mem(const char *s, size_t len, const char *name, enum pl_format fmt,
    struct pl_table *out)
{
	const struct pl_error *err;
	FILE *fp;

	fp = tmpfile();
	if (fp == NULL)
		return pl_error_from_errno("tmpfile");
	if (fwrite(s, 1, len, fp) != len || fseek(fp, 0, SEEK_SET) != 0) {
		err = pl_error_from_errno("tmpfile");
		fclose(fp);
		return err;
	}
	err = pl_table_read(fp, name, fmt, out);
	fclose(fp);
	return err;
}

static const struct pl_error *
read_str(const char *s, const char *name, enum pl_format fmt,
    struct pl_table *out)
{
	return read_mem(s, strlen(s), name, fmt, out);
}

/* Returns 1 if both tables have the same columns, types and cells. */
static int
same_table(const struct pl_table *a, const struct pl_table *b)
{
	const struct pl_cell *x, *y;
	size_t r, c;

	if (a->ncols != b->ncols || a->nrows != b->nrows) {
		printf("# shape %zux%zu vs %zux%zu\n", a->nrows, a->ncols,
		    b->nrows, b->ncols);
		return 0;
	}
	for (c = 0; c < a->ncols; c++) {
		if (strcmp(a->cols[c].name, b->cols[c].name) != 0 ||
		    a->cols[c].type != b->cols[c].type) {
			printf("# column %zu: '%s' %d vs '%s' %d\n", c,
			    a->cols[c].name, (int)a->cols[c].type,
			    b->cols[c].name, (int)b->cols[c].type);
			return 0;
		}
	}
	for (r = 0; r < a->nrows; r++) {
		for (c = 0; c < a->ncols; c++) {
			x = pl_table_cell(a, r, c);
			y = pl_table_cell(b, r, c);
			if (x->null != y->null)
				goto differ;
			if (x->null)
				continue;
			if (a->cols[c].type == PL_COL_STR &&
			    strcmp(x->v.s, y->v.s) != 0)
				goto differ;
			if (a->cols[c].type == PL_COL_INT && x->v.i != y->v.i)
				goto differ;
			if (a->cols[c].type == PL_COL_REAL && x->v.d != y->v.d)
				goto differ;
		}
	}
	return 1;
differ:
	printf("# cell (%zu, %zu) differs\n", r, c);
	return 0;
}

static void
test_write(void)
{
	struct pl_table t;
	char *s;
	int f;

	ok(make_sample(&t) == 0, "build the sample table");
	for (f = PL_FMT_TSV; f <= PL_FMT_JSONL; f++) {
		s = write_str(&t, (enum pl_format)f);
		is_str(s, sample_out[f], fmt_names[f]);
		free(s);
	}
	pl_table_release(&t);
}

static void
test_write_edge(void)
{
	struct pl_table t;
	const struct pl_error *err;
	char *s;
	FILE *fp;

	/* No rows. */
	pl_table_init(&t);
	pl_table_add_col(&t, "a", PL_COL_INT);
	pl_table_add_col(&t, "b c", PL_COL_STR);
	s = write_str(&t, PL_FMT_TSV);
	is_str(s, "a\tb c\n", "tsv with no rows is the header");
	free(s);
	s = write_str(&t, PL_FMT_CSV);
	is_str(s, "a,b c\r\n", "csv with no rows is the header");
	free(s);
	s = write_str(&t, PL_FMT_JSON);
	is_str(s, "[]\n", "json with no rows is []");
	free(s);
	s = write_str(&t, PL_FMT_JSONL);
	is_str(s, "", "jsonl with no rows is empty");
	free(s);
	pl_table_release(&t);

	/* JSON escapes DEL and replaces invalid UTF-8; names are escaped. */
	pl_table_init(&t);
	pl_table_add_col(&t, "s\"", PL_COL_STR);
	pl_table_add_row(&t);
	pl_table_set_str(&t, 0, 0, "a\177b\377c\x1f" "d\xe4\xb8");
	s = write_str(&t, PL_FMT_JSONL);
	is_str(s, "{\"s\\\"\":\"a\\u007fb\xef\xbf\xbd" "c\\u001f"
	    "d\xef\xbf\xbd\xef\xbf\xbd\"}\n", "json control bytes, bad UTF-8");
	free(s);
	s = write_str(&t, PL_FMT_CSV);
	is_str(s, "\"s\"\"\"\r\na\177b\377c\x1f" "d\xe4\xb8\r\n",
	    "csv passes bytes through");
	free(s);

	/* CSV quotes leading and trailing blanks only. */
	pl_table_set_str(&t, 0, 0, "in side");
	s = write_str(&t, PL_FMT_CSV);
	is_str(s, "\"s\"\"\"\r\nin side\r\n", "csv inner space not quoted");
	free(s);
	pl_table_set_str(&t, 0, 0, "trail\t");
	s = write_str(&t, PL_FMT_CSV);
	is_str(s, "\"s\"\"\"\r\n\"trail\t\"\r\n", "csv trailing tab quoted");
	free(s);
	pl_table_release(&t);

	/* Reals: shortest round trip, fixed precision. */
	pl_table_init(&t);
	pl_table_add_col(&t, "r", PL_COL_REAL);
	pl_table_add_col(&t, "q", PL_COL_REAL);
	pl_table_set_prec(&t, 1, 0);
	pl_table_add_row(&t);
	pl_table_add_row(&t);
	pl_table_set_real(&t, 0, 0, 1.0 / 3);
	pl_table_set_real(&t, 0, 1, 1234.6);
	pl_table_set_real(&t, 1, 0, 1e21);
	pl_table_set_int(&t, 1, 1, -3);
	s = write_str(&t, PL_FMT_TSV);
	is_str(s, "r\tq\n0.3333333333333333\t1235\n1e+21\t-3\n",
	    "real formatting");
	free(s);

	/* A full device. */
	fp = fopen("/dev/full", "w");
	if (fp != NULL) {
		err = pl_table_write(&t, fp, PL_FMT_TSV);
		ok(err != NULL && err->code == PL_ERR_IO,
		    "write to /dev/full fails");
		is_str(err != NULL ? err->msg : NULL,
		    "write: No space left on device", "write error message");
		fclose(fp);
	} else {
		ok(1, "# SKIP no /dev/full");
		ok(1, "# SKIP no /dev/full");
	}
	pl_table_release(&t);
}

static void
test_roundtrip(void)
{
	const struct pl_error *err;
	struct pl_table t, back;
	char *s;
	int f;

	make_sample(&t);
	for (f = PL_FMT_TSV; f <= PL_FMT_JSONL; f++) {
		s = write_str(&t, (enum pl_format)f);
		pl_table_init(&back);
		err = s != NULL ? read_str(s, "rt", (enum pl_format)f, &back) :
		    pl_error_fmt(PL_ERR_IO, "no output");
		if (err != NULL)
			printf("# %s\n", err->msg);
		ok(err == NULL && same_table(&t, &back),
		    "%s round trip: same cells and types", fmt_names[f]);
		pl_table_release(&back);
		free(s);
	}
	pl_table_release(&t);
}

static uint64_t
xorshift(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Random bit patterns as doubles and ints survive every format. */
static void
test_roundtrip_random(void)
{
	const struct pl_error *err;
	struct pl_table t, back;
	uint64_t seed = 0x9e3779b97f4a7c15ULL, bits;
	double d;
	size_t r;
	char *s;
	int f;

	pl_table_init(&t);
	pl_table_add_col(&t, "d", PL_COL_REAL);
	pl_table_add_col(&t, "i", PL_COL_INT);
	for (r = 0; r < 2000; r++) {
		pl_table_add_row(&t);
		do {
			bits = xorshift(&seed);
			memcpy(&d, &bits, sizeof(d));
		} while (!isfinite(d));
		pl_table_set_real(&t, r, 0, r % 7 == 0 ? (double)bits / 7 : d);
		pl_table_set_int(&t, r, 1, (int64_t)xorshift(&seed) >>
		    (r % 64));
	}
	pl_table_set_real(&t, 1, 0, 5e-324);
	pl_table_set_real(&t, 2, 0, -0.1);
	pl_table_set_int(&t, 3, 1, 0);
	for (f = PL_FMT_TSV; f <= PL_FMT_JSONL; f++) {
		s = write_str(&t, (enum pl_format)f);
		pl_table_init(&back);
		err = s != NULL ? read_str(s, "rnd", (enum pl_format)f, &back) :
		    pl_error_fmt(PL_ERR_IO, "no output");
		if (err != NULL)
			printf("# %s\n", err->msg);
		ok(err == NULL && same_table(&t, &back),
		    "%s round trip of 2000 random reals and ints", fmt_names[f]);
		pl_table_release(&back);
		free(s);
	}
	pl_table_release(&t);
}

static void
test_read(void)
{
	const struct pl_error *err;
	struct pl_table t;
	const struct pl_cell *c;

	/* CSV: LF line ends, quoted fields over lines, doubled quotes. */
	pl_table_init(&t);
	err = read_str("a,b,c\n\"x\r\ny\",\"he said \"\"hi\"\"\",1.5\n"
	    "3,,\"2\"\n\"\",\"\"\"\",7", "in.csv", PL_FMT_CSV, &t);
	ok(err == NULL && t.nrows == 3 && t.ncols == 3, "csv: 3x3");
	if (err == NULL && t.nrows == 3) {
		is_str(pl_table_cell(&t, 0, 0)->v.s, "x\r\ny",
		    "csv: CRLF kept inside quotes");
		is_str(pl_table_cell(&t, 0, 1)->v.s, "he said \"hi\"",
		    "csv: doubled quotes");
		ok(pl_table_cell(&t, 1, 1)->null, "csv: empty field is NULL");
		ok(pl_table_cell(&t, 2, 0)->null, "csv: \"\" is NULL");
		is_str(pl_table_cell(&t, 2, 1)->v.s, "\"", "csv: \"\"\"\"");
		is_int(t.cols[0].type, PL_COL_STR, "csv: a is STR");
		is_int(t.cols[2].type, PL_COL_REAL, "csv: c is REAL");
		is_num(pl_table_cell(&t, 2, 2)->v.d, 7, 0, "csv: last field "
		    "without a line end");
	}
	pl_table_release(&t);

	/* TSV: CRLF, unknown escapes, number syntax. */
	pl_table_init(&t);
	err = read_str("a\tb\tc\r\n007\t\\q\\\t1\r\n+5\tx\\\t-0\r\n",
	    "in.tsv", PL_FMT_TSV, &t);
	ok(err == NULL && t.nrows == 2 && t.ncols == 3, "tsv: 2x3");
	if (err == NULL && t.nrows == 2) {
		is_int(t.cols[0].type, PL_COL_STR, "tsv: 007 and +5 are text");
		is_str(pl_table_cell(&t, 0, 0)->v.s, "007", "tsv: 007 kept");
		is_str(pl_table_cell(&t, 0, 1)->v.s, "\\q\\",
		    "tsv: unknown escape and final backslash kept");
		is_str(pl_table_cell(&t, 1, 1)->v.s, "x\\", "tsv: x\\");
		is_int(t.cols[2].type, PL_COL_INT, "tsv: c is INT");
		is_str(t.cols[2].name, "c", "tsv: CR stripped from header");
	}
	pl_table_release(&t);

	/* TSV: a header only. */
	pl_table_init(&t);
	err = read_str("a\tb\n", "h.tsv", PL_FMT_TSV, &t);
	ok(err == NULL && t.ncols == 2 && t.nrows == 0 &&
	    t.cols[1].type == PL_COL_STR, "tsv: header only");
	pl_table_release(&t);

	/* JSON: columns from the first object, missing keys are NULL. */
	pl_table_init(&t);
	err = read_str("[{\"z\":1,\"a\":\"x\",\"m\":true},\n{\"a\":\"y\"},"
	    "{\"m\":null,\"z\":-2,\"a\":\"\"}]", "in.json", PL_FMT_JSON, &t);
	ok(err == NULL && t.ncols == 3 && t.nrows == 3, "json: 3x3");
	if (err == NULL && t.ncols == 3 && t.nrows == 3) {
		ok(strcmp(t.cols[0].name, "z") == 0 &&
		    strcmp(t.cols[1].name, "a") == 0 &&
		    strcmp(t.cols[2].name, "m") == 0,
		    "json: columns in key order");
		is_int(t.cols[0].type, PL_COL_INT, "json: z is INT");
		ok(pl_table_cell(&t, 1, 0)->null, "json: missing key is NULL");
		ok(pl_table_cell(&t, 2, 1)->null, "json: \"\" is NULL");
		is_str(pl_table_cell(&t, 0, 2)->v.s, "true", "json: true");
		is_int(pl_table_cell(&t, 2, 0)->v.i, -2, "json: -2");
	}
	pl_table_release(&t);

	pl_table_init(&t);
	err = read_str("[]", "e.json", PL_FMT_JSON, &t);
	ok(err == NULL && t.ncols == 0 && t.nrows == 0, "json: [] is empty");
	pl_table_release(&t);

	/* JSONL: blank lines skipped, INT and REAL mix to REAL. */
	pl_table_init(&t);
	err = read_str("{\"b\":1}\n\n{\"b\":2.5}\r\n", "in.jsonl",
	    PL_FMT_JSONL, &t);
	ok(err == NULL && t.nrows == 2 && t.cols[0].type == PL_COL_REAL,
	    "jsonl: mixed numbers are REAL");
	if (err == NULL && t.nrows == 2)
		is_num(pl_table_cell(&t, 0, 0)->v.d, 1, 0, "jsonl: 1 as real");
	pl_table_release(&t);

	pl_table_init(&t);
	err = read_str("", "e.jsonl", PL_FMT_JSONL, &t);
	ok(err == NULL && t.ncols == 0 && t.nrows == 0,
	    "jsonl: empty input is an empty table");
	pl_table_release(&t);

	/* A single column: an empty line is a NULL cell. */
	pl_table_init(&t);
	err = read_str("a\n1\n\n3\n", "one.tsv", PL_FMT_TSV, &t);
	c = err == NULL && t.nrows == 3 ? pl_table_cell(&t, 1, 0) : NULL;
	ok(c != NULL && c->null && t.cols[0].type == PL_COL_INT,
	    "tsv: empty line in one column is NULL");
	pl_table_release(&t);
}

/* Checks that reading s fails with message want and leaves out alone. */
static void
read_fails(const char *s, size_t len, const char *name, enum pl_format fmt,
    const char *want, const char *what)
{
	const struct pl_error *err;
	struct pl_table out, copy;
	size_t n;

	memset(&out, 0xa5, sizeof(out));
	copy = out;
	err = read_mem(s, len, name, fmt, &out);
	ok(err != NULL && err->code == PL_ERR_PARSE, "%s: fails", what);
	n = strlen(want);
	if (n > 0 && want[n - 1] == '*') {
		/* Prefix match: the rest is jansson's text. */
		if (!ok(err != NULL && strncmp(err->msg, want, n - 1) == 0,
		    "%s: message", what))
			printf("#   got  '%s'\n", err != NULL ? err->msg : "");
		else
			printf("#   %s\n", err->msg);
	} else
		is_str(err != NULL ? err->msg : NULL, want, what);
	ok(memcmp(&out, &copy, sizeof(out)) == 0, "%s: out untouched", what);
}

#define FAILS(s, name, fmt, want, what) \
	read_fails((s), sizeof(s) - 1, (name), (fmt), (want), (what))

static void
test_read_errors(void)
{
	FAILS("a\tb\tc\n1\t2\t3\n4\t5\n", "trend.tsv", PL_FMT_TSV,
	    "trend.tsv:3: expected 3 fields, got 2", "tsv field count");
	FAILS("", "e.tsv", PL_FMT_TSV, "e.tsv: empty table (no header line)",
	    "tsv empty");
	FAILS("a\tb\ta\n", "d.tsv", PL_FMT_TSV, "d.tsv:1: duplicate column 'a'",
	    "tsv duplicate column");
	FAILS("a,b\r\n1,\"open\r\nmore\r\n", "x.csv", PL_FMT_CSV,
	    "x.csv:2: unterminated quoted field (started on line 2)",
	    "csv unterminated quote");
	FAILS("a,b\r\n\"1\r\n2\",3\r\n4\r\n", "x.csv", PL_FMT_CSV,
	    "x.csv:4: expected 2 fields, got 1", "csv field count after "
	    "a multi-line field");
	FAILS("a\n\"x\"y\n", "x.csv", PL_FMT_CSV,
	    "x.csv:2: unexpected character after a closing quote in field 1",
	    "csv junk after quote");
	FAILS("", "e.csv", PL_FMT_CSV, "e.csv: empty table (no header line)",
	    "csv empty");
	FAILS("[\n{\"a\":1},\n{\"a\":}\n]\n", "x.json", PL_FMT_JSON,
	    "x.json: line 3: *", "invalid json");
	FAILS("", "x.json", PL_FMT_JSON, "x.json: line *", "empty json");
	FAILS("[{\"a\":1},{\"a\":2,\"b\":3}]", "x.json", PL_FMT_JSON,
	    "x.json: row 2: unknown key 'b'", "json unknown key");
	FAILS("{\"a\":1}", "x.json", PL_FMT_JSON,
	    "x.json: expected an array of objects", "json not an array");
	FAILS("[{\"a\":1},2]", "x.json", PL_FMT_JSON,
	    "x.json: row 2: expected an object", "json row not an object");
	FAILS("[{\"a\":[1]}]", "x.json", PL_FMT_JSON,
	    "x.json: row 1: key 'a': arrays and objects are not supported",
	    "json nested array");
	FAILS("[{\"a\":1,\"a\":2}]", "x.json", PL_FMT_JSON,
	    "x.json: line 1: *", "json duplicate key");
	FAILS("{\"a\":1}\n{\"a\":2,\n", "x.jsonl", PL_FMT_JSONL,
	    "x.jsonl:2: *", "invalid jsonl line");
	FAILS("{\"a\":1}\n\n{\"c\":2}\n", "x.jsonl", PL_FMT_JSONL,
	    "x.jsonl:3: unknown key 'c'", "jsonl unknown key");
}

static void
test_api(void)
{
	const struct pl_error *err;
	struct pl_table t, *h;
	int okv;

	make_sample(&t);
	is_int(pl_table_col(&t, "x"), 2, "col: x is 2");
	is_int(pl_table_col(&t, "name"), 0, "col: name is 0");
	is_int(pl_table_col(&t, "nope"), -1, "col: missing is -1");
	is_int(pl_table_col(&t, NULL), -1, "col: NULL is -1");

	okv = -1;
	is_num(pl_table_num(&t, 0, 1, &okv), 42, 0, "num: INT");
	is_int(okv, 1, "num: INT ok");
	is_num(pl_table_num(&t, 3, 1, &okv), -9223372036854775808.0, 0,
	    "num: INT64_MIN");
	is_num(pl_table_num(&t, 0, 2, &okv), 0.1, 0, "num: REAL");
	is_int(okv, 1, "num: REAL ok");
	is_num(pl_table_num(&t, 2, 2, &okv), 0, 0, "num: NULL is 0");
	is_int(okv, 0, "num: NULL not ok");
	is_num(pl_table_num(&t, 0, 0, &okv), 0, 0, "num: text is 0");
	is_int(okv, 0, "num: text not ok");
	okv = 1;
	pl_table_num(&t, 99, 0, &okv);
	is_int(okv, 0, "num: out of range not ok");
	is_num(pl_table_num(&t, 0, 3, NULL), 2.5, 0, "num: ok may be NULL");
	pl_table_set_str(&t, 0, 0, "3.25");
	is_num(pl_table_num(&t, 0, 0, &okv), 3.25, 0, "num: STR 3.25");
	is_int(okv, 1, "num: STR 3.25 ok");
	pl_table_set_str(&t, 0, 0, "3.25x");
	pl_table_num(&t, 0, 0, &okv);
	is_int(okv, 0, "num: STR 3.25x not ok");
	pl_table_set_str(&t, 0, 0, "");
	pl_table_num(&t, 0, 0, &okv);
	is_int(okv, 0, "num: empty STR not ok");

	pl_table_set_real(&t, 0, 2, NAN);
	ok(pl_table_cell(&t, 0, 2)->null, "set_real: NaN is NULL");
	pl_table_set_real(&t, 0, 2, -INFINITY);
	ok(pl_table_cell(&t, 0, 2)->null, "set_real: -inf is NULL");
	pl_table_set_null(&t, 1, 0);
	ok(pl_table_cell(&t, 1, 0)->null && pl_table_cell(&t, 1, 0)->v.s ==
	    NULL, "set_null frees the string");
	pl_table_set_str(&t, 1, 0, NULL);
	ok(pl_table_cell(&t, 1, 0)->null, "set_str NULL is NULL");
	ok(pl_table_cell(&t, 5, 0) == NULL, "cell: out of range is NULL");

	err = pl_table_add_col(&t, "late", PL_COL_INT);
	ok(err != NULL && err->code == PL_ERR_USAGE, "add_col after rows");
	err = pl_table_set_str(&t, 0, 1, "x");
	ok(err != NULL && err->code == PL_ERR_USAGE, "set_str on INT column");
	err = pl_table_set_str(&t, 9, 0, "x");
	ok(err != NULL && err->code == PL_ERR_USAGE, "set_str out of range");
	is_int(t.ncols, 4, "failed add_col left ncols alone");
	pl_table_release(&t);
	ok(t.ncols == 0 && t.nrows == 0 && t.cells == NULL,
	    "release leaves an empty table");

	pl_table_init(&t);
	err = pl_table_add_row(&t);
	ok(err != NULL && err->code == PL_ERR_USAGE, "add_row needs columns");
	pl_table_add_col(&t, "a", PL_COL_STR);
	err = pl_table_add_col(&t, "a", PL_COL_INT);
	is_str(err != NULL ? err->msg : NULL, "duplicate column 'a'",
	    "add_col: duplicate name");
	pl_table_release(&t);
	pl_table_release(NULL);

	h = pl_table_alloc();
	ok(h != NULL && pl_table_add_col(h, "a", PL_COL_STR) == NULL &&
	    pl_table_add_row(h) == NULL &&
	    pl_table_set_strn(h, 0, 0, "abcdef", 3) == NULL &&
	    strcmp(pl_table_cell(h, 0, 0)->v.s, "abc") == 0,
	    "alloc, set_strn");
	pl_table_free(h);
	pl_table_free(NULL);

	is_int(pl_format_parse("tsv"), PL_FMT_TSV, "format: tsv");
	is_int(pl_format_parse("csv"), PL_FMT_CSV, "format: csv");
	is_int(pl_format_parse("json"), PL_FMT_JSON, "format: json");
	is_int(pl_format_parse("jsonl"), PL_FMT_JSONL, "format: jsonl");
	is_int(pl_format_parse("xml"), -1, "format: xml unknown");
	is_int(pl_format_parse(NULL), -1, "format: NULL unknown");
}

/* Many rows: the growth path. */
static void
test_many_rows(void)
{
	struct pl_table t;
	size_t r;
	int good = 1;

	pl_table_init(&t);
	pl_table_add_col(&t, "s", PL_COL_STR);
	pl_table_add_col(&t, "i", PL_COL_INT);
	for (r = 0; r < 10000 && good; r++) {
		good = pl_table_add_row(&t) == NULL &&
		    pl_table_set_str(&t, r, 0, "row") == NULL;
		pl_table_set_int(&t, r, 1, (int64_t)r);
	}
	ok(good && t.nrows == 10000 && pl_table_cell(&t, 9999, 1)->v.i == 9999,
	    "10000 rows");
	pl_table_release(&t);
}

int
main(void)
{
	test_write();
	test_write_edge();
	test_roundtrip();
	test_roundtrip_random();
	test_read();
	test_read_errors();
	test_api();
	test_many_rows();
	return tap_done();
}
