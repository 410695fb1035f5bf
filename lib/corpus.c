/*
 * corpus.c - document readers: JSON Lines, CSV, TSV and text/Markdown
 * files with YAML-style front matter (see include/plenum/corpus.h).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <jansson.h>

#include "plenum/corpus.h"
#include "extern.h"
#include "records.h"

struct pl_reader {
	struct pl_reader_opts	 opts;
	char			**files;	/* what is left to read */
	size_t			 nfiles, next;
	uint64_t		 done_bytes, total_bytes;
	/* the current file */
	char			*path;
	FILE			*fp;
	int			 is_stdin;
	enum pl_infmt		 fmt;
	size_t			 lineno;
	size_t			 skipped;	/* blank lines read while sniffing */
	char			*line;
	size_t			 linecap;
	/* CSV/TSV: the whole file and the header */
	char			*data;
	size_t			 dlen, dpos;
	char			**hdr;
	size_t			 nhdr;
	int			 col[5];	/* id date source title text */
	/* the current document and its storage */
	struct pl_doc		 doc;
	char			*s_id, *s_date, *s_source, *s_title, *s_lang,
				*s_text, *s_meta;
	json_t			*json;
	json_t			*array;		/* a .json file's array */
	char			**fields;
	size_t			 nfields, fcap;
	struct recscan		 scan;		/* over data */
	int			 file_done;	/* text file already returned */
};

void
pl_reader_opts_defaults(struct pl_reader_opts *o)
{
	memset(o, 0, sizeof(*o));
}

/*
 * The one UTF-8 validator (extern.h): the length of the valid sequence
 * at s (at most n bytes), or 0: no overlong forms, no surrogates, nothing
 * above U+10FFFF.  The readers, CSV headers, the table writer and the
 * commands' checks (cli.c, plot.c) go through it; the tokenizer and the
 * normaliser decode with utf8proc_iterate(), whose rules are the same
 * (unit/records-test holds both to 13 sequences).
 */
size_t
utf8_seq(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len, i;
	uint32_t c;

	if (n == 0)
		return 0;
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
		c = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		c = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		c = p[0] & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	return len;
}

long
pl_utf8_check(const char *s, size_t len)
{
	size_t i = 0, n;

	while (i < len) {
		if ((n = utf8_seq(s + i, len - i)) == 0)
			return (long)i;
		i += n;
	}
	return -1;
}

static int
has_ext(const char *path, const char *ext)
{
	size_t pl = strlen(path), el = strlen(ext);

	return pl > el && strcasecmp(path + pl - el, ext) == 0;
}

static enum pl_infmt
fmt_of(const char *path)
{
	if (has_ext(path, ".jsonl") || has_ext(path, ".ndjson") ||
	    has_ext(path, ".json"))
		return PL_IN_JSONL;
	if (has_ext(path, ".csv"))
		return PL_IN_CSV;
	if (has_ext(path, ".tsv") || has_ext(path, ".tab"))
		return PL_IN_TSV;
	return PL_IN_TEXT;
}

static int
wanted_file(const char *name)
{
	static const char *const exts[] = { ".jsonl", ".ndjson", ".json",
	    ".csv", ".tsv", ".tab", ".txt", ".md", ".markdown", NULL };
	size_t i;

	if (name[0] == '.')
		return 0;
	for (i = 0; exts[i] != NULL; i++)
		if (has_ext(name, exts[i]))
			return 1;
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const struct pl_error *
add_file(struct pl_reader *r, const char *path)
{
	char **nf;
	struct stat sb;

	if ((nf = realloc(r->files, (r->nfiles + 1) * sizeof(*nf))) == NULL)
		return pl_error_nomem();
	r->files = nf;
	if ((r->files[r->nfiles] = strdup(path)) == NULL)
		return pl_error_nomem();
	r->nfiles++;
	if (strcmp(path, "-") != 0 && stat(path, &sb) == 0)
		r->total_bytes += (uint64_t)sb.st_size;
	return NULL;
}

/* Collects the wanted files under dir, sorted, recursively. */
static const struct pl_error *
walk(struct pl_reader *r, const char *dir)
{
	const struct pl_error *err = NULL;
	DIR *d;
	struct dirent *de;
	char **names = NULL, *p;
	size_t n = 0, i;
	struct stat sb;

	if ((d = opendir(dir)) == NULL)
		return pl_error_from_errno(dir);
	while ((de = readdir(d)) != NULL) {
		char **nn;
		if (de->d_name[0] == '.')
			continue;
		if ((nn = realloc(names, (n + 1) * sizeof(*nn))) == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		names = nn;
		if ((names[n] = strdup(de->d_name)) == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		n++;
	}
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n && err == NULL; i++) {
		if (asprintf(&p, "%s/%s", dir, names[i]) == -1) {
			err = pl_error_nomem();
			break;
		}
		if (stat(p, &sb) == -1)
			err = pl_error_from_errno(p);
		else if (S_ISDIR(sb.st_mode))
			err = walk(r, p);
		else if (S_ISREG(sb.st_mode) && wanted_file(names[i]))
			err = add_file(r, p);
		free(p);
	}
done:
	closedir(d);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return err;
}

const struct pl_error *
pl_reader_open(const char *path, const struct pl_reader_opts *opts,
    struct pl_reader **out)
{
	const struct pl_error *err = NULL;
	struct pl_reader *r;
	struct stat sb;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return pl_error_nomem();
	if (opts)
		r->opts = *opts;
	else
		pl_reader_opts_defaults(&r->opts);
	if (strcmp(path, "-") == 0)
		err = add_file(r, "-");
	else if (stat(path, &sb) == -1)
		err = pl_error_from_errno(path);
	else if (S_ISDIR(sb.st_mode)) {
		err = walk(r, path);
		if (err == NULL && r->nfiles == 0)
			err = pl_error_fmt(PL_ERR_NOTFOUND,
			    "%s: no .jsonl, .csv, .tsv, .txt or .md files in "
			    "this directory", path);
	} else
		err = add_file(r, path);
	if (err) {
		pl_reader_free(r);
		return err;
	}
	*out = r;
	return NULL;
}

static void
doc_clear(struct pl_reader *r)
{
	size_t i;

	free(r->s_id);
	free(r->s_date);
	free(r->s_source);
	free(r->s_title);
	free(r->s_lang);
	free(r->s_text);
	free(r->s_meta);
	r->s_id = r->s_date = r->s_source = r->s_title = r->s_lang =
	    r->s_text = r->s_meta = NULL;
	if (r->json)
		json_decref(r->json);
	r->json = NULL;
	for (i = 0; i < r->nfields; i++)
		free(r->fields[i]);
	r->nfields = 0;
	memset(&r->doc, 0, sizeof(r->doc));
}

static void
file_close(struct pl_reader *r)
{
	size_t i;

	if (r->fp && !r->is_stdin)
		fclose(r->fp);
	r->fp = NULL;
	free(r->path);
	r->path = NULL;
	free(r->data);
	r->data = NULL;
	r->dlen = r->dpos = 0;
	for (i = 0; i < r->nhdr; i++)
		free(r->hdr[i]);
	free(r->hdr);
	r->hdr = NULL;
	r->nhdr = 0;
	r->lineno = 0;
	r->file_done = 0;
	if (r->array)
		json_decref(r->array);
	r->array = NULL;
}

void
pl_reader_free(struct pl_reader *r)
{
	size_t i;

	if (r == NULL)
		return;
	doc_clear(r);
	file_close(r);
	for (i = 0; i < r->nfiles; i++)
		free(r->files[i]);
	free(r->files);
	free(r->fields);
	free(r->line);
	free(r);
}

void
pl_reader_progress(const struct pl_reader *r, uint64_t *done,
    uint64_t *total)
{
	*done = r->done_bytes;
	*total = r->total_bytes;
}

/* Reads the whole of fp into r->data. */
static const struct pl_error *
slurp(struct pl_reader *r)
{
	struct buf b;
	char tmp[65536];
	size_t n;

	buf_init(&b);
	while ((n = fread(tmp, 1, sizeof(tmp), r->fp)) > 0)
		if (buf_add(&b, tmp, n) == -1) {
			buf_release(&b);
			return pl_error_nomem();
		}
	if (ferror(r->fp)) {
		buf_release(&b);
		return pl_error_from_errno(r->path);
	}
	if (buf_add(&b, "", 1) == -1) {
		buf_release(&b);
		return pl_error_nomem();
	}
	r->data = (char *)b.p;
	r->dlen = b.n - 1;
	r->dpos = 0;
	r->done_bytes += r->dlen;
	return NULL;
}

/* Parses and checks a date field; msg names the field. */
static const struct pl_error *
take_date(struct pl_reader *r, const char *s, size_t len)
{
	if (pl_date_parse(s, len, &r->doc.day, &r->doc.prec) == -1)
		return pl_error_fmt(PL_ERR_PARSE,
		    "field 'date': expected YYYY-MM-DD, YYYY-MM or YYYY, "
		    "got \"%.*s\"", (int)(len > 40 ? 40 : len), s);
	if ((r->s_date = strndup(s, len)) == NULL)
		return pl_error_nomem();
	r->doc.date = r->s_date;
	return NULL;
}

/* An id made from the text when the record has none: "sha256:" + 16 hex. */
static const struct pl_error *
hash_id(struct pl_reader *r)
{
	char *h = g_compute_checksum_for_data(G_CHECKSUM_SHA256,
	    (const guchar *)r->doc.text, r->doc.textlen);

	if (h == NULL)
		return pl_error_nomem();
	if (asprintf(&r->s_id, "sha256:%.16s", h) == -1) {
		r->s_id = NULL;
		g_free(h);
		return pl_error_nomem();
	}
	g_free(h);
	r->doc.id = r->s_id;
	return NULL;
}

static const char *
json_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
		return "an integer";
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	case JSON_NULL:
		return "null";
	}
	return "something else";
}

/* A string field (NULL if absent or null); error on another type. */
static const struct pl_error *
json_str(json_t *o, const char *key, const char **out, size_t *len)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (len)
		*len = 0;
	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_string(v))
		return pl_error_fmt(PL_ERR_PARSE,
		    "field '%s': expected a string, got %s", key,
		    json_type_name(v));
	*out = json_string_value(v);
	if (len)
		*len = json_string_length(v);
	return NULL;
}

static const struct pl_error *take_object(struct pl_reader *, json_t *);

/*
 * The key of the top-level member whose value holds byte off of a JSON
 * object text, found by a scan of its strings (for messages about bytes
 * that the JSON parser cannot be given).  Returns 0 if there is none.
 */
static int
json_key_at(const char *s, size_t off, char *key, size_t keysz)
{
	size_t i, start = 0, end = 0;
	int depth = 0, instr = 0, have = 0, expect_key = 0;

	key[0] = '\0';
	for (i = 0; i < off; i++) {
		char c = s[i];
		if (instr) {
			if (c == '\\')
				i++;
			else if (c == '"') {
				instr = 0;
				end = i;
				if (expect_key && depth == 1) {
					size_t j = i + 1;
					while (s[j] == ' ' || s[j] == '\t')
						j++;
					if (s[j] == ':') {
						size_t n = end - start;
						if (n >= keysz)
							n = keysz - 1;
						memcpy(key, s + start, n);
						key[n] = '\0';
						have = 1;
					}
				}
			}
			continue;
		}
		if (c == '"') {
			instr = 1;
			start = i + 1;
		} else if (c == '{' || c == '[') {
			depth++;
			expect_key = c == '{';
		} else if (c == '}' || c == ']')
			depth--;
		else if (c == ',' && depth == 1)
			expect_key = 1;
		else if (c == ':' && depth == 1)
			expect_key = 0;
	}
	return have;
}

static const struct pl_error *
next_jsonl(struct pl_reader *r, const struct pl_doc **out)
{
	const struct pl_error *err;
	json_error_t jerr;
	json_t *o;
	ssize_t n;
	long bad;

	for (;;) {
		errno = 0;
		n = getline(&r->line, &r->linecap, r->fp);
		if (n == -1) {
			if (ferror(r->fp))
				return pl_error_from_errno(r->path);
			*out = NULL;
			return NULL;
		}
		r->lineno++;
		r->done_bytes += (uint64_t)n;
		while (n > 0 && (r->line[n - 1] == '\n' || r->line[n - 1] == '\r'))
			n--;
		if (strspn(r->line, " \t\r\n") < (size_t)n)
			break;
	}
	if ((bad = pl_utf8_check(r->line, (size_t)n)) != -1) {
		char key[64];
		if (json_key_at(r->line, (size_t)bad, key, sizeof(key)))
			return pl_error_fmt(PL_ERR_PARSE, "field '%s': invalid "
			    "UTF-8 at byte %ld of the line", key, bad + 1);
		return pl_error_fmt(PL_ERR_PARSE,
		    "invalid UTF-8 at byte %ld of the line", bad + 1);
	}
	if ((o = json_loadb(r->line, (size_t)n, JSON_REJECT_DUPLICATES,
	    &jerr)) == NULL)
		return pl_error_fmt(PL_ERR_PARSE,
		    "invalid JSON at column %d: %s", jerr.column, jerr.text);
	r->json = o;
	if ((err = take_object(r, o)) != NULL)
		return err;
	r->doc.line = r->lineno;
	*out = &r->doc;
	return NULL;
}

/* The fields of one JSON record (the object o, kept by the caller). */
static const struct pl_error *
take_object(struct pl_reader *r, json_t *o)
{
	const struct pl_error *err;
	json_t *v, *meta;
	const char *s, *key;
	size_t len;
	char num[32];

	if (!json_is_object(o))
		return pl_error_fmt(PL_ERR_PARSE,
		    "expected a JSON object, got %s", json_type_name(o));
	if ((err = json_str(o, "text", &s, &len)) != NULL)
		return err;
	if (s == NULL)
		return pl_error_fmt(PL_ERR_PARSE, "field 'text': missing");
	if (memchr(s, '\0', len) != NULL)
		return pl_error_fmt(PL_ERR_PARSE,
		    "field 'text': contains a NUL character");
	r->doc.text = s;
	r->doc.textlen = len;
	if (len == 0 || strspn(s, " \t\r\n") == len)
		return pl_error_fmt(PL_ERR_PARSE, "field 'text': empty");
	if ((err = json_str(o, "date", &s, &len)) != NULL)
		return err;
	if (s == NULL)
		return pl_error_fmt(PL_ERR_PARSE,
		    "field 'date': missing (expected YYYY-MM-DD)");
	if ((err = take_date(r, s, len)) != NULL)
		return err;
	v = json_object_get(o, "id");
	if (v == NULL || json_is_null(v)) {
		if ((err = hash_id(r)) != NULL)
			return err;
	} else if (json_is_string(v)) {
		if (json_string_length(v) == 0)
			return pl_error_fmt(PL_ERR_PARSE, "field 'id': empty");
		r->doc.id = json_string_value(v);
	} else if (json_is_integer(v)) {
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		if ((r->s_id = strdup(num)) == NULL)
			return pl_error_nomem();
		r->doc.id = r->s_id;
	} else
		return pl_error_fmt(PL_ERR_PARSE,
		    "field 'id': expected a string or an integer, got %s",
		    json_type_name(v));
	if ((err = json_str(o, "source", &r->doc.source, NULL)) != NULL ||
	    (err = json_str(o, "title", &r->doc.title, NULL)) != NULL ||
	    (err = json_str(o, "lang", &r->doc.lang, NULL)) != NULL)
		return err;
	if (r->doc.source == NULL)
		r->doc.source = r->opts.source ? r->opts.source : "";
	if (r->doc.title == NULL)
		r->doc.title = "";
	/* Everything else is kept as metadata. */
	if ((meta = json_object()) == NULL)
		return pl_error_nomem();
	json_object_foreach(o, key, v) {
		if (strcmp(key, "id") == 0 || strcmp(key, "date") == 0 ||
		    strcmp(key, "source") == 0 || strcmp(key, "title") == 0 ||
		    strcmp(key, "text") == 0 || strcmp(key, "lang") == 0)
			continue;
		json_object_set(meta, key, v);
	}
	if (json_object_size(meta) > 0) {
		r->s_meta = json_dumps(meta, JSON_COMPACT);
		r->doc.meta = r->s_meta;
	}
	json_decref(meta);
	return NULL;
}

/*
 * A .json file holding one array of objects.  Errors name the record
 * (1-based) instead of a line.
 */
static const struct pl_error *
next_jsonarray(struct pl_reader *r, const struct pl_doc **out)
{
	const struct pl_error *err;
	json_error_t jerr;
	long bad;

	if (r->data == NULL) {
		if ((err = slurp(r)) != NULL)
			return err;
		if ((bad = pl_utf8_check(r->data, r->dlen)) != -1) {
			r->dpos = 1;
			return pl_error_fmt(PL_ERR_PARSE,
			    "invalid UTF-8 at byte %ld", bad + 1);
		}
		if ((r->array = json_loadb(r->data, r->dlen,
		    JSON_REJECT_DUPLICATES, &jerr)) == NULL) {
			r->dpos = 1;
			r->doc.line = (size_t)jerr.line + r->skipped;
			return pl_error_fmt(PL_ERR_PARSE,
			    "invalid JSON at column %d: %s", jerr.column,
			    jerr.text);
		}
		if (!json_is_array(r->array)) {
			r->dpos = 1;
			return pl_error_fmt(PL_ERR_PARSE, "expected an array "
			    "of objects, or one object per line");
		}
		r->dpos = 0;
	}
	if (r->array == NULL || r->dpos >= json_array_size(r->array)) {
		*out = NULL;
		return NULL;
	}
	r->lineno = ++r->dpos;
	if ((err = take_object(r, json_array_get(r->array, r->dpos - 1))) !=
	    NULL)
		return pl_error_wrap(err, "record %zu", r->dpos);
	r->doc.line = 0;
	*out = &r->doc;
	return NULL;
}

/* CSV and TSV. */

/* Takes one field of a record into r->fields (recscan_next's add). */
static int
field_add(void *arg, const char *s, size_t len)
{
	struct pl_reader *r = arg;
	char **nf, *copy;

	if (r->nfields == r->fcap) {
		size_t nc = r->fcap ? r->fcap * 2 : 16;
		if ((nf = realloc(r->fields, nc * sizeof(*nf))) == NULL)
			return -1;
		r->fields = nf;
		r->fcap = nc;
	}
	if ((copy = malloc(len + 1)) == NULL)
		return -1;
	memcpy(copy, s, len + 1);
	r->fields[r->nfields++] = copy;
	return 0;
}

/*
 * Parses one record into r->fields with the scanner the table reader
 * uses too (records.h has the rules).  *start is set to the line the
 * record starts on; *got to 0 at the end of the data.
 */
static const struct pl_error *
next_record(struct pl_reader *r, int *got, size_t *start)
{
	const struct pl_error *err = NULL;
	size_t i;
	int rc;

	for (i = 0; i < r->nfields; i++)
		free(r->fields[i]);
	r->nfields = 0;
	recscan_init(&r->scan, r->data, r->dlen, r->fmt == PL_IN_CSV);
	r->scan.pos = r->dpos;
	r->scan.line = r->lineno;
	r->scan.nfields = r->nhdr;
	rc = recscan_next(&r->scan, field_add, r, start, &err);
	r->dpos = r->scan.pos;
	r->lineno = r->scan.line;
	*got = rc == 1;
	return err;
}

static int
find_col(struct pl_reader *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nhdr; i++)
		if (strcasecmp(r->hdr[i], name) == 0)
			return (int)i;
	return -1;
}

static const struct pl_error *
csv_header(struct pl_reader *r)
{
	const struct pl_error *err;
	static const char *const defs[] = { "id", "date", "source", "title",
	    "text" };
	const char *names[5];
	size_t start, i, j;
	int got, k;

	r->doc.line = 1;
	if ((err = next_record(r, &got, &start)) != NULL)
		return err;
	if (!got)
		return pl_error_fmt(PL_ERR_PARSE, "empty file (expected a "
		    "header line naming the columns)");
	r->doc.line = start;
	r->hdr = r->fields;
	r->nhdr = r->nfields;
	r->fields = NULL;
	r->nfields = r->fcap = 0;
	for (i = 0; i < r->nhdr; i++) {
		long bad = pl_utf8_check(r->hdr[i], strlen(r->hdr[i]));

		if (bad != -1)
			return pl_error_fmt(PL_ERR_PARSE, "header: column %zu: "
			    "invalid UTF-8 at byte %ld of its name", i + 1,
			    bad + 1);
		for (j = 0; j < i; j++)
			if (strcasecmp(r->hdr[i], r->hdr[j]) == 0)
				return pl_error_fmt(PL_ERR_PARSE, "header: "
				    "column '%s' appears twice (columns %zu "
				    "and %zu)", r->hdr[i], j + 1, i + 1);
	}
	names[0] = r->opts.id_col ? r->opts.id_col : defs[0];
	names[1] = r->opts.date_col ? r->opts.date_col : defs[1];
	names[2] = r->opts.source_col ? r->opts.source_col : defs[2];
	names[3] = r->opts.title_col ? r->opts.title_col : defs[3];
	names[4] = r->opts.text_col ? r->opts.text_col : defs[4];
	for (k = 0; k < 5; k++)
		r->col[k] = find_col(r, names[k]);
	if (r->col[1] == -1)
		return pl_error_fmt(PL_ERR_PARSE, "no '%s' column in the "
		    "header (name it with --date-col)", names[1]);
	if (r->col[4] == -1)
		return pl_error_fmt(PL_ERR_PARSE, "no '%s' column in the "
		    "header (name it with --text-col)", names[4]);
	return NULL;
}

static const struct pl_error *
next_csv(struct pl_reader *r, const struct pl_doc **out)
{
	const struct pl_error *err;
	size_t start = 0, i;
	int got;
	const char *t;
	json_t *meta;

	if (r->data == NULL) {
		if ((err = slurp(r)) != NULL)
			return err;
		if ((err = csv_header(r)) != NULL) {
			r->dpos = r->dlen;
			return err;
		}
	}
	if ((err = next_record(r, &got, &start)) != NULL) {
		r->doc.line = start;
		return err;
	}
	if (!got) {
		*out = NULL;
		return NULL;
	}
	r->doc.line = start;
	if (r->nfields != r->nhdr)
		return pl_error_fmt(PL_ERR_PARSE,
		    "expected %zu fields (as in the header), got %zu",
		    r->nhdr, r->nfields);
	for (i = 0; i < r->nfields; i++) {
		long bad = pl_utf8_check(r->fields[i], strlen(r->fields[i]));
		if (bad != -1)
			return pl_error_fmt(PL_ERR_PARSE,
			    "field '%s': invalid UTF-8 at byte %ld", r->hdr[i],
			    bad + 1);
	}
	t = r->fields[r->col[4]];
	r->doc.text = t;
	r->doc.textlen = strlen(t);
	if (strspn(t, " \t\r\n") == r->doc.textlen)
		return pl_error_fmt(PL_ERR_PARSE, "field '%s': empty",
		    r->hdr[r->col[4]]);
	t = r->fields[r->col[1]];
	if ((err = take_date(r, t, strlen(t))) != NULL) {
		if (strcmp(r->hdr[r->col[1]], "date") != 0)
			return pl_error_fmt(PL_ERR_PARSE,
			    "field '%s': expected YYYY-MM-DD, YYYY-MM or YYYY, "
			    "got \"%.40s\"", r->hdr[r->col[1]], t);
		return err;
	}
	if (r->col[0] != -1 && r->fields[r->col[0]][0] != '\0')
		r->doc.id = r->fields[r->col[0]];
	else if ((err = hash_id(r)) != NULL)
		return err;
	r->doc.source = r->col[2] != -1 ? r->fields[r->col[2]] :
	    (r->opts.source ? r->opts.source : "");
	if (r->doc.source[0] == '\0' && r->opts.source)
		r->doc.source = r->opts.source;
	r->doc.title = r->col[3] != -1 ? r->fields[r->col[3]] : "";
	if ((meta = json_object()) == NULL)
		return pl_error_nomem();
	for (i = 0; i < r->nfields; i++) {
		if ((int)i == r->col[0] || (int)i == r->col[1] ||
		    (int)i == r->col[2] || (int)i == r->col[3] ||
		    (int)i == r->col[4])
			continue;
		if (json_object_set_new(meta, r->hdr[i],
		    json_string(r->fields[i])) == -1) {
			json_decref(meta);
			return pl_error_nomem();
		}
	}
	if (json_object_size(meta) > 0) {
		r->s_meta = json_dumps(meta, JSON_COMPACT);
		r->doc.meta = r->s_meta;
	}
	json_decref(meta);
	*out = &r->doc;
	return NULL;
}

/* Text and Markdown files. */

/* Strips spaces and matching quotes around a front matter value. */
static char *
fm_value(const char *s, size_t len)
{
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '\r'))
		len--;
	if (len >= 2 && ((s[0] == '"' && s[len - 1] == '"') ||
	    (s[0] == '\'' && s[len - 1] == '\''))) {
		s++;
		len -= 2;
	}
	return strndup(s, len);
}

/* Finds a YYYY-MM-DD that is a valid date in a file name. */
static int
date_in_name(const char *path, char out[11])
{
	const char *base = strrchr(path, '/'), *p;
	int64_t day;
	enum pl_precision prec;

	base = base ? base + 1 : path;
	for (p = base; strlen(p) >= 10; p++) {
		if (p > base && p[-1] >= '0' && p[-1] <= '9')
			continue;
		if (pl_date_parse(p, 10, &day, &prec) == 0 &&
		    !(p[10] >= '0' && p[10] <= '9')) {
			memcpy(out, p, 10);
			out[10] = '\0';
			return 1;
		}
	}
	return 0;
}

static const struct pl_error *
next_text(struct pl_reader *r, const struct pl_doc **out)
{
	const struct pl_error *err;
	char *body, *p, *eol, namedate[11];
	const char *date = NULL;
	long bad;
	size_t fmline = 0;
	json_t *meta = NULL;

	if (r->file_done) {
		*out = NULL;
		return NULL;
	}
	r->file_done = 1;
	if ((err = slurp(r)) != NULL)
		return err;
	if ((bad = pl_utf8_check(r->data, r->dlen)) != -1) {
		size_t line = 1, k;
		for (k = 0; k < (size_t)bad; k++)
			if (r->data[k] == '\n')
				line++;
		r->doc.line = line;
		return pl_error_fmt(PL_ERR_PARSE,
		    "invalid UTF-8 at byte %ld of the file", bad + 1);
	}
	if ((p = memchr(r->data, '\0', r->dlen)) != NULL) {
		size_t line = 1, k;
		for (k = 0; k < (size_t)(p - r->data); k++)
			if (r->data[k] == '\n')
				line++;
		r->doc.line = line;
		return pl_error_fmt(PL_ERR_PARSE, "NUL byte at byte %zu of the "
		    "file (not text)", (size_t)(p - r->data) + 1);
	}
	body = r->data;
	/* YAML-style front matter between --- lines. */
	if (strncmp(body, "---\n", 4) == 0 || strncmp(body, "---\r\n", 5) == 0) {
		if ((meta = json_object()) == NULL)
			return pl_error_nomem();
		p = strchr(body, '\n') + 1;
		fmline = 1;
		for (;;) {
			char *colon, *key, *val;
			fmline++;
			if (*p == '\0') {
				json_decref(meta);
				r->doc.line = 1;
				return pl_error_fmt(PL_ERR_PARSE,
				    "front matter: no closing '---' line");
			}
			eol = strchr(p, '\n');
			if (eol == NULL)
				eol = p + strlen(p);
			if ((eol - p >= 3 && (strncmp(p, "---", 3) == 0 ||
			    strncmp(p, "...", 3) == 0)) &&
			    strspn(p + 3, " \t\r") == (size_t)(eol - p - 3)) {
				body = *eol ? eol + 1 : eol;
				break;
			}
			colon = *p == '#' ? NULL :
			    memchr(p, ':', (size_t)(eol - p));
			if (colon == NULL || colon == p) {
				if (strspn(p, " \t\r") != (size_t)(eol - p) &&
				    *p != '#') {
					json_decref(meta);
					r->doc.line = fmline;
					return pl_error_fmt(PL_ERR_PARSE,
					    "front matter: expected 'key: "
					    "value', got \"%.*s\"",
					    (int)(eol - p > 40 ? 40 : eol - p), p);
				}
				p = *eol ? eol + 1 : eol;
				continue;
			}
			key = fm_value(p, (size_t)(colon - p));
			val = fm_value(colon + 1, (size_t)(eol - colon - 1));
			if (key == NULL || val == NULL) {
				free(key);
				free(val);
				json_decref(meta);
				return pl_error_nomem();
			}
			if ((strcmp(key, "date") == 0 && r->s_date != NULL) ||
			    (strcmp(key, "source") == 0 && r->s_source) ||
			    (strcmp(key, "title") == 0 && r->s_title) ||
			    (strcmp(key, "id") == 0 && r->s_id) ||
			    (strcmp(key, "lang") == 0 && r->s_lang) ||
			    json_object_get(meta, key) != NULL ||
			    (strcmp(key, "id") == 0 && *val == '\0')) {
				/* a second value was kept in the metadata, an
				   empty id made a document without one */
				err = pl_error_fmt(PL_ERR_PARSE, "front "
				    "matter: key '%s' %s", key, *val == '\0' &&
				    strcmp(key, "id") == 0 ? "is empty" :
				    "appears twice");
				free(key);
				free(val);
				json_decref(meta);
				r->doc.line = fmline;
				return err;
			}
			if (strcmp(key, "date") == 0 && r->s_date == NULL) {
				r->doc.line = fmline;
				err = take_date(r, val, strlen(val));
				if (err) {
					free(key);
					free(val);
					json_decref(meta);
					return err;
				}
				date = r->s_date;
				free(val);
			} else if (strcmp(key, "source") == 0 && !r->s_source)
				r->s_source = val;
			else if (strcmp(key, "title") == 0 && !r->s_title)
				r->s_title = val;
			else if (strcmp(key, "id") == 0 && !r->s_id)
				r->s_id = val;
			else if (strcmp(key, "lang") == 0 && !r->s_lang)
				r->s_lang = val;
			else {
				if (json_object_set_new(meta, key,
				    json_string(val)) == -1) {
					free(key);
					free(val);
					json_decref(meta);
					return pl_error_nomem();
				}
				free(val);
			}
			free(key);
			p = *eol ? eol + 1 : eol;
		}
	}
	r->doc.line = 0;
	if (date == NULL) {
		const char *d = NULL;
		/* Front matter, then --date, then the file name. */
		if (r->opts.date)
			d = r->opts.date;
		else if (date_in_name(r->path, namedate))
			d = namedate;
		if (d == NULL) {
			json_decref(meta);
			return pl_error_fmt(PL_ERR_PARSE,
			    "field 'date': missing (expected 'date: "
			    "YYYY-MM-DD' in front matter, a YYYY-MM-DD in the "
			    "file name, or --date)");
		}
		if ((err = take_date(r, d, strlen(d))) != NULL) {
			json_decref(meta);
			return err;
		}
	}
	r->doc.text = body;
	r->doc.textlen = strlen(body);
	if (strspn(body, " \t\r\n") == r->doc.textlen) {
		json_decref(meta);
		return pl_error_fmt(PL_ERR_PARSE, "field 'text': empty");
	}
	if (r->s_title == NULL) {
		/* The first Markdown heading, if the text starts with one. */
		const char *q = body + strspn(body, " \t\r\n");
		if (*q == '#') {
			size_t n;
			q += strspn(q, "#");
			q += strspn(q, " \t");
			n = strcspn(q, "\r\n");
			if ((r->s_title = strndup(q, n)) == NULL) {
				json_decref(meta);
				return pl_error_nomem();
			}
		}
	}
	if (r->s_id == NULL && r->is_stdin) {
		/* Standard input has no name: the id comes from the text. */
		r->doc.text = body;
		r->doc.textlen = strlen(body);
		if ((err = hash_id(r)) != NULL) {
			json_decref(meta);
			return err;
		}
	} else if (r->s_id == NULL) {
		const char *p2 = r->path;
		while (strncmp(p2, "./", 2) == 0)
			p2 += 2 + strspn(p2 + 2, "/");
		if ((r->s_id = strdup(p2)) == NULL) {
			json_decref(meta);
			return pl_error_nomem();
		}
	}
	r->doc.id = r->s_id;
	r->doc.source = r->s_source ? r->s_source :
	    (r->opts.source ? r->opts.source : "");
	r->doc.title = r->s_title ? r->s_title : "";
	r->doc.lang = r->s_lang;
	if (meta != NULL && json_object_size(meta) > 0) {
		r->s_meta = json_dumps(meta, JSON_COMPACT);
		r->doc.meta = r->s_meta;
	}
	json_decref(meta);
	*out = &r->doc;
	return NULL;
}

static const struct pl_error *
file_open(struct pl_reader *r, const char *path)
{
	int c;

	if ((r->path = strdup(strcmp(path, "-") == 0 ? "<stdin>" : path)) ==
	    NULL)
		return pl_error_nomem();
	if (strcmp(path, "-") == 0) {
		r->fp = stdin;
		r->is_stdin = 1;
	} else {
		r->is_stdin = 0;
		if ((r->fp = fopen(path, "rb")) == NULL)
			return pl_error_from_errno(path);
	}
	r->skipped = 0;
	/* A UTF-8 byte-order mark at the start is not part of the data. */
	c = getc(r->fp);
	if (c == 0xef) {
		int c2 = getc(r->fp), c3 = c2 == 0xbb ? getc(r->fp) : EOF;

		if (c2 != 0xbb || c3 != 0xbf) {
			if (!r->is_stdin) {
				if (fseek(r->fp, 0, SEEK_SET) == -1)
					return pl_error_from_errno(path);
			} else if ((c3 != EOF && ungetc(c3, r->fp) == EOF) ||
			    (c2 != EOF && ungetc(c2, r->fp) == EOF) ||
			    ungetc(c, r->fp) == EOF)
				return pl_error_from_errno(r->path);
		}
	} else if (c != EOF && ungetc(c, r->fp) == EOF)
		return pl_error_from_errno(r->path);
	r->fmt = r->opts.format;
	if (r->fmt == PL_IN_AUTO && !r->is_stdin)
		r->fmt = fmt_of(path);
	if (r->fmt == PL_IN_AUTO || r->fmt == PL_IN_JSONL) {
		/* Sniff: '[' starts a JSON array, '{' JSON Lines. */
		do {
			c = getc(r->fp);
			if (c == '\n')
				r->skipped++;
		} while (c == ' ' || c == '\t' || c == '\r' || c == '\n');
		if (c != EOF)
			ungetc(c, r->fp);
		if (c == '[')
			r->fmt = PL_IN_JSON;
		else if (r->fmt == PL_IN_AUTO)
			r->fmt = c == '{' ? PL_IN_JSONL : PL_IN_TEXT;
	}
	r->lineno = r->skipped;
	return NULL;
}

const struct pl_error *
pl_reader_next(struct pl_reader *r, const struct pl_doc **out)
{
	const struct pl_error *err = NULL;

	doc_clear(r);
	*out = NULL;
	for (;;) {
		if (r->path == NULL) {
			if (r->next >= r->nfiles)
				return NULL;
			if ((err = file_open(r, r->files[r->next++])) != NULL) {
				file_close(r);
				return err;
			}
		}
		switch (r->fmt) {
		case PL_IN_JSONL:
			err = next_jsonl(r, out);
			break;
		case PL_IN_JSON:
			err = next_jsonarray(r, out);
			break;
		case PL_IN_CSV:
		case PL_IN_TSV:
			err = next_csv(r, out);
			break;
		default:
			err = next_text(r, out);
			break;
		}
		r->doc.file = r->path;
		if (err) {
			const char *file = r->path;
			size_t line = r->fmt == PL_IN_JSONL ? r->lineno :
			    r->doc.line;
			if (err->code == PL_ERR_IO) {
				/* err already names the file */
				file_close(r);
				return err;
			}
			if (line > 0)
				err = pl_error_wrap(err, "%s:%zu", file, line);
			else
				err = pl_error_wrap(err, "%s", file);
			if (r->fmt == PL_IN_TEXT)
				file_close(r);
			*out = NULL;
			return err;
		}
		if (*out != NULL)
			return NULL;
		file_close(r);
	}
}
