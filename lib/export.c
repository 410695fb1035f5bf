/*
 * export.c - plenum export: documents, vocabulary and per-document term
 * counts as TSV files partitioned by month, with a schema file, for
 * ClickHouse, DuckDB, Spark SQL or BigQuery (docs/SCALE.md).
 *
 * Fields are escaped as ClickHouse's TabSeparated format reads them:
 * \t, \n, \r and \\ inside a field.  Each file starts with a header row
 * (TabSeparatedWithNames; DuckDB's read_csv with header = true).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "plenum/export.h"
#include "extern.h"

static const char schema_sql[] =
	"-- plenum export: load with ClickHouse (see docs/SCALE.md), e.g.\n"
	"--   clickhouse-client --multiquery < schema.sql\n"
	"--   for f in documents/*.tsv; do clickhouse-client -q \\\n"
	"--     'INSERT INTO documents FORMAT TabSeparatedWithNames' < $f; done\n"
	"-- and the same for counts/*.tsv and vocabulary.tsv.\n"
	"CREATE TABLE documents (\n"
	"  doc UInt32,        -- document number (counts.doc)\n"
	"  id String,         -- the id from the input\n"
	"  date Date,         -- YYYY-MM-DD; the first day for month or year precision\n"
	"  source String,\n"
	"  title String,\n"
	"  lang String,\n"
	"  tokens UInt32,     -- the document's tokens: the exposure of rates\n"
	"  meta String        -- JSON object of the input's other fields, or empty\n"
	") ENGINE = MergeTree() PARTITION BY toYYYYMM(date) ORDER BY (date, doc);\n"
	"CREATE TABLE vocabulary (\n"
	"  term UInt32,       -- counts.term\n"
	"  text String,       -- normalised; n-grams are words joined by one space\n"
	"  n UInt8,           -- words in the term\n"
	"  cf UInt64,         -- occurrences in the corpus\n"
	"  df UInt32          -- documents containing it\n"
	") ENGINE = MergeTree() ORDER BY term;\n"
	"CREATE TABLE counts (\n"
	"  doc UInt32,\n"
	"  term UInt32,\n"
	"  n UInt32           -- occurrences of term in doc\n"
	") ENGINE = MergeTree() ORDER BY (term, doc);\n";

struct month {
	char		 key[8];	/* YYYY-MM */
	FILE		*docs, *counts;
};

struct ex {
	const char		*dir;
	struct pl_db		*db;
	struct month		*m;
	size_t			 nm;
	uint32_t		*month_of;	/* doc id -> month index + 1 */
	size_t			 nmonth_of;
	struct pl_export_stats	 st;
	int64_t			 term;
	FILE			*vocab;
	const struct pl_error	*werr;
};

static void
put_esc(FILE *f, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		switch (*s) {
		case '\t':
			fputs("\\t", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		default:
			putc(*s, f);
		}
	}
}

static const struct pl_error *
open_file(const char *dir, const char *sub, const char *name,
    const char *header, FILE **out)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s%s%s/%s", dir, sub[0] ? "/" : "", sub,
	    name);
	if ((f = fopen(path, "w")) == NULL)
		return pl_error_from_errno(path);
	fputs(header, f);
	*out = f;
	return NULL;
}

static const struct pl_error *
make_dir(const char *dir, const char *sub)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s%s%s", dir, sub[0] ? "/" : "", sub);
	if (mkdir(path, 0777) == -1 && errno != EEXIST)
		return pl_error_from_errno(path);
	return NULL;
}

/* The month of a YYYY-MM-DD date, its files opened on first use. */
static const struct pl_error *
month_for(struct ex *x, const char *date, size_t *idx)
{
	const struct pl_error *err;
	struct month *nm, *m;
	char name[16];
	size_t i;

	for (i = x->nm; i > 0; i--)
		if (strncmp(x->m[i - 1].key, date, 7) == 0) {
			*idx = i - 1;
			return NULL;
		}
	if ((nm = realloc(x->m, (x->nm + 1) * sizeof(*nm))) == NULL)
		return pl_error_nomem();
	x->m = nm;
	m = &x->m[x->nm];
	memset(m, 0, sizeof(*m));
	memcpy(m->key, date, 7);
	m->key[7] = '\0';
	x->nm++;
	snprintf(name, sizeof(name), "%s.tsv", m->key);
	if ((err = open_file(x->dir, "documents", name, "doc\tid\tdate\t"
	    "source\ttitle\tlang\ttokens\tmeta\n", &m->docs)) != NULL ||
	    (err = open_file(x->dir, "counts", name, "doc\tterm\tn\n",
	    &m->counts)) != NULL)
		return err;
	*idx = x->nm - 1;
	return NULL;
}

static const struct pl_error *
put_doc(void *arg, const struct pl_docout *d)
{
	struct ex *x = arg;
	const struct pl_error *err;
	size_t mi = 0;
	FILE *f;

	if (d->date == NULL || strlen(d->date) < 10)
		return pl_error_fmt(PL_ERR_DB, "document %lld: bad date",
		    (long long)d->id);
	if ((err = month_for(x, d->date, &mi)) != NULL)
		return err;
	if ((size_t)d->id >= x->nmonth_of) {
		size_t nc = x->nmonth_of ? x->nmonth_of : 4096;
		uint32_t *n;
		while (nc <= (size_t)d->id)
			nc *= 2;
		if ((n = realloc(x->month_of, nc * sizeof(*n))) == NULL)
			return pl_error_nomem();
		memset(n + x->nmonth_of, 0, (nc - x->nmonth_of) * sizeof(*n));
		x->month_of = n;
		x->nmonth_of = nc;
	}
	x->month_of[d->id] = (uint32_t)mi + 1;
	f = x->m[mi].docs;
	fprintf(f, "%lld\t", (long long)d->id);
	put_esc(f, d->ext_id);
	fprintf(f, "\t%.10s\t", d->date);
	put_esc(f, d->source);
	putc('\t', f);
	put_esc(f, d->title);
	putc('\t', f);
	put_esc(f, d->lang);
	fprintf(f, "\t%lld\t", (long long)d->tokens);
	put_esc(f, d->meta);
	putc('\n', f);
	x->st.documents++;
	return NULL;
}

static void
put_count(void *arg, int64_t doc, int64_t n)
{
	struct ex *x = arg;
	uint32_t mi;

	if (doc < 0 || (size_t)doc >= x->nmonth_of ||
	    (mi = x->month_of[doc]) == 0) {
		if (x->werr == NULL)
			x->werr = pl_error_fmt(PL_ERR_DB, "posting names "
			    "missing document %lld", (long long)doc);
		return;
	}
	fprintf(x->m[mi - 1].counts, "%lld\t%lld\t%lld\n", (long long)doc,
	    (long long)x->term, (long long)n);
	x->st.counts++;
}

static const struct pl_error *
put_term(void *arg, const char *text, int n, int64_t cf, int64_t df,
    const unsigned char *post, size_t len)
{
	struct ex *x = arg;

	x->term = pl_db_each_term_id(x->db);
	fprintf(x->vocab, "%lld\t", (long long)x->term);
	put_esc(x->vocab, text);
	fprintf(x->vocab, "\t%d\t%lld\t%lld\n", n, (long long)cf,
	    (long long)df);
	x->st.terms++;
	if (pl_postings_each(post, len, put_count, x) == -1)
		return pl_error_fmt(PL_ERR_DAMAGED, "%s: database damaged: "
		    "term '%s': corrupt posting "
		    "list", pl_db_path(x->db), text);
	return x->werr;
}

void
pl_export_opts_defaults(struct pl_export_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->ngrams = 1;
}

/* Closes f; its error, or a write error, into *err if still NULL. */
static void
close_file(FILE *f, const char *what, const struct pl_error **err)
{
	if (f == NULL)
		return;
	if ((ferror(f) | fclose(f)) != 0 && *err == NULL)
		*err = pl_error_fmt(PL_ERR_IO, "%s: write error", what);
}

const struct pl_error *
pl_export(struct pl_db *db, const char *dir, const struct pl_export_opts *o,
    struct pl_export_stats *stats)
{
	const struct pl_error *err;
	struct pl_export_opts def;
	struct ex x;
	FILE *schema = NULL;
	size_t i;

	if (o == NULL) {
		pl_export_opts_defaults(&def);
		o = &def;
	}
	memset(&x, 0, sizeof(x));
	x.dir = dir;
	x.db = db;
	if (pl_db_is_empty(db))
		return pl_error_fmt(PL_ERR_DATA, "%s: empty database (nothing "
		    "was ever ingested)", pl_db_path(db));
	if ((err = make_dir(dir, "")) != NULL ||
	    (err = make_dir(dir, "documents")) != NULL ||
	    (err = make_dir(dir, "counts")) != NULL ||
	    (err = open_file(dir, "", "schema.sql", schema_sql, &schema)) !=
	    NULL ||
	    (err = open_file(dir, "", "vocabulary.tsv",
	    "term\ttext\tn\tcf\tdf\n", &x.vocab)) != NULL ||
	    (err = pl_db_each_doc_out(db, put_doc, &x)) != NULL ||
	    (err = pl_db_each_term(db, NULL, o->ngrams, 1, put_term, &x)) !=
	    NULL)
		goto done;
done:
	close_file(schema, "schema.sql", &err);
	close_file(x.vocab, "vocabulary.tsv", &err);
	for (i = 0; i < x.nm; i++) {
		close_file(x.m[i].docs, x.m[i].key, &err);
		close_file(x.m[i].counts, x.m[i].key, &err);
	}
	x.st.months = x.nm;
	free(x.m);
	free(x.month_of);
	if (err == NULL && stats)
		*stats = x.st;
	return err;
}
