/*
 * records-test.c - ingest (pl_reader) and the table reader (pl_table_read)
 * read CSV and TSV with one scanner (lib/records.h), so the same fixture
 * gives both the same records and the same errors: blank lines, CRLF and
 * lone CR line ends, quoted separators, line breaks and quotes, TSV
 * escapes; an unterminated quote, junk after a quote, a NUL byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plenum/corpus.h"
#include "plenum/table.h"
#include "plenum/token.h"
#include "tap.h"
#include "testdoc.h"

static char dir[64];

struct fix {
	const char	*name;		/* file name: .csv or .tsv */
	const char	*data;
	size_t		 len;		/* 0: strlen(data) */
	const char	*want;		/* "id|text;" per record, or the error
					   after "FILE:LINE: " */
	size_t		 line;		/* the error's line */
};

#define S(x) x, sizeof(x) - 1

static const struct fix fixes[] = {
	{ "crlf.csv", S("id,date,text\r\n\r\na1,2020-01-01,\"Hello, "
	    "\"\"world\"\"\r\nsecond line\"\r\n\r\n\r\na2,2020-01-02,Plain\r\n"
	    "\r\n"), "a1|Hello, \"world\"\r\nsecond line;a2|Plain;", 0 },
	{ "blank.tsv", S("\nid\tdate\ttext\n\na1\t2020-01-01\tTab\\there\\n"
	    "line\n\n\na2\t2020-01-02\tBack\\\\slash \\q kept\n\n"),
	    "a1|Tab\there\nline;a2|Back\\slash \\q kept;", 0 },
	{ "cr.csv", S("id,date,text\ra1,2020-01-01,one\ra2,2020-01-02,two\r"),
	    "a1|one;a2|two;", 0 },
	{ "open.csv", S("id,date,text\na1,2020-01-01,ok\n\na2,2020-01-02,"
	    "\"open\nmore\n"), "unterminated quoted field (started on line "
	    "4)", 4 },
	{ "junk.csv", S("id,date,text\na1,2020-01-01,\"x\"y\n"),
	    "unexpected character after a closing quote in field 3", 2 },
	{ "nul.tsv", S("id\tdate\ttext\na1\t2020-01-01\tnu\0l\n"),
	    "field 3: NUL byte (not text)", 2 },
};

static void
write_file(const char *path, const char *d, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f != NULL) {
		fwrite(d, 1, len, f);
		fclose(f);
	}
}

/* Records as "id|text;", or "FILE:LINE: msg" of the first error. */
static void
by_ingest(const char *path, char *out, size_t size)
{
	struct pl_reader_opts ro;
	struct pl_reader *rd;
	const struct pl_doc *d;
	const struct pl_error *err;
	size_t n = 0;

	out[0] = '\0';
	pl_reader_opts_defaults(&ro);
	if ((err = pl_reader_open(path, &ro, &rd)) != NULL) {
		snprintf(out, size, "open: %s", err->msg);
		return;
	}
	while ((err = pl_reader_next(rd, &d)) == NULL && d != NULL)
		n += (size_t)snprintf(out + n, size - n, "%s|%.*s;", d->id,
		    (int)d->textlen, d->text);
	if (err)
		snprintf(out, size, "%s", err->msg);
	pl_reader_free(rd);
}

static void
by_table(const char *path, const char *name, char *out, size_t size)
{
	struct pl_table t;
	const struct pl_error *err;
	FILE *fp = fopen(path, "rb");
	size_t r, n = 0;
	long ci, ct;

	out[0] = '\0';
	pl_table_init(&t);
	if (fp == NULL)
		return;
	err = pl_table_read(fp, name, strstr(name, ".csv") ? PL_FMT_CSV :
	    PL_FMT_TSV, &t);
	fclose(fp);
	if (err) {
		snprintf(out, size, "%s", err->msg);
		return;
	}
	ci = pl_table_col(&t, "id");
	ct = pl_table_col(&t, "text");
	for (r = 0; r < t.nrows && ci >= 0 && ct >= 0; r++)
		n += (size_t)snprintf(out + n, size - n, "%s|%s;",
		    pl_table_cell(&t, r, (size_t)ci)->v.s,
		    pl_table_cell(&t, r, (size_t)ct)->v.s);
	pl_table_release(&t);
}

int
main(void)
{
	char path[256], want[512], a[2048], b[2048], cmd[128];
	const char *bname;
	size_t i;

	if (scratch_dir("records", dir, sizeof(dir)) == -1)
		return 1;
	for (i = 0; i < sizeof(fixes) / sizeof(fixes[0]); i++) {
		const struct fix *f = &fixes[i];
		snprintf(path, sizeof(path), "%s/%s", dir, f->name);
		write_file(path, f->data, f->len);
		by_ingest(path, a, sizeof(a));
		by_table(path, path, b, sizeof(b));
		if (f->line)
			snprintf(want, sizeof(want), "%s:%zu: %s", path,
			    f->line, f->want);
		else
			snprintf(want, sizeof(want), "%s", f->want);
		bname = f->name;
		snprintf(cmd, sizeof(cmd), "ingest reads %s", bname);
		is_str(a, want, cmd);
		snprintf(cmd, sizeof(cmd), "the table reader reads %s alike",
		    bname);
		is_str(b, want, cmd);
	}

	/* One column: a blank line is an empty cell (the writer writes it
	 * so); the table reads back as written. */
	{
		struct pl_table t;
		FILE *fp;

		snprintf(path, sizeof(path), "%s/one.tsv", dir);
		write_file(path, "x\na\n\nb\n", 7);
		pl_table_init(&t);
		fp = fopen(path, "rb");
		ok(fp != NULL && pl_table_read(fp, "one.tsv", PL_FMT_TSV, &t) ==
		    NULL && t.nrows == 3 && pl_table_cell(&t, 1, 0)->null,
		    "one column: a blank line is a row with an empty cell");
		if (fp)
			fclose(fp);
		pl_table_release(&t);
	}
	/* One UTF-8 rule: the validator of the readers and the table
	 * writer (pl_utf8_check) and the tokenizer accept and refuse the
	 * same sequences. */
	{
		static const char *const seqs[] = { "caf\xc3\xa9",
		    "\xf0\x9f\x98\x80", "\xe4\xb8\x80\xf0\xa0\x80\x80",
		    "\xc0\x80", "\xc1\xbf", "\xe0\x80\x80",
		    "\xed\xa0\x80", "\xed\xbf\xbf", "\xf4\x90\x80\x80",
		    "\xf5\x80\x80\x80", "\xe2\x82", "\x80", "a\xff" "b" };
		struct pl_tokcfg cfg;
		struct pl_tokenizer *tk = NULL;
		struct pl_tokens toks;
		size_t k, agree = 0;

		pl_tokcfg_defaults(&cfg);
		pl_tokens_init(&toks);
		if (pl_tokenizer_new(&cfg, &tk) == NULL) {
			for (k = 0; k < sizeof(seqs) / sizeof(seqs[0]); k++) {
				int v1 = pl_utf8_check(seqs[k],
				    strlen(seqs[k])) == -1;
				int v2 = pl_tokenize(tk, seqs[k],
				    strlen(seqs[k]), &toks) == NULL;
				agree += v1 == v2 && v1 == (k < 3);
			}
			pl_tokenizer_free(tk);
		}
		pl_tokens_release(&toks);
		is_int((int64_t)agree, 13, "pl_utf8_check and the tokenizer "
		    "agree on 3 valid and 10 invalid sequences");
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return tap_done();
}
