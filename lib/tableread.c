/*
 * tableread.c - reads TSV, CSV, JSON or JSON Lines back into a table
 * (pl_table_read; the conventions are listed at the top of table.c).
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <jansson.h>

#include "plenum/error.h"
#include "plenum/table.h"
#include "extern.h"
#include "records.h"

#define ROWS_MIN	16
/* ------------------------------------------------------------------ */
/* Numbers as text */


/*
 * Returns 1 if s matches the JSON number grammar
 * -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, and sets *isint when it
 * has neither fraction nor exponent.
 */
static int
number_syntax(const char *s, int *isint)
{
	const char *p = s;

	*isint = 1;
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return 0;
	if (*p == '.') {
		*isint = 0;
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		*isint = 0;
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

/* Returns 1 and sets *v if s is an integer that fits int64_t. */
static int
text_int(const char *s, int64_t *v)
{
	long long x;
	int isint, saved, good;

	if (!number_syntax(s, &isint) || !isint)
		return 0;
	saved = errno;
	errno = 0;
	x = strtoll(s, NULL, 10);
	good = errno == 0 && x >= INT64_MIN && x <= INT64_MAX;
	errno = saved;
	if (good)
		*v = (int64_t)x;
	return good;
}

/* Returns 1 and sets *v if s is a finite number. */
static int
text_real(const char *s, double *v)
{
	double d;
	int isint, saved;

	if (!number_syntax(s, &isint))
		return 0;
	saved = errno;
	d = strtod(s, NULL);
	errno = saved;
	if (!isfinite(d))
		return 0;
	*v = d == 0 ? 0.0 : d;	/* -0 reads as 0, as the integer "-0" does */
	return 1;
}

/* ------------------------------------------------------------------ */
/* Reading: fields as text first, then types */

/* A record: the fields of one line (or JSON object), NULL when empty. */
struct rec {
	char	**f;
	size_t	  n;
	size_t	  cap;
};

static void
rec_clear(struct rec *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->f[i]);
	r->n = 0;
}

static void
rec_release(struct rec *r)
{
	rec_clear(r);
	free(r->f);
	r->f = NULL;
	r->cap = 0;
}

/* Appends a copy of s (NULL if len is 0); returns -1 when out of memory. */
static int
rec_add(struct rec *r, const char *s, size_t len)
{
	char **f, *copy = NULL;
	size_t cap;
	int rc = -1;

	if (r->n == r->cap) {
		if (r->cap > SIZE_MAX / sizeof(*f) / 2)
			goto done;
		cap = r->cap == 0 ? 16 : r->cap * 2;
		f = realloc(r->f, cap * sizeof(*f));
		if (f == NULL)
			goto done;
		r->f = f;
		r->cap = cap;
	}
	if (len > 0 && (copy = table_copy_mem(s, len)) == NULL)
		goto done;
	r->f[r->n++] = copy;
	rc = 0;
done:
	return rc;
}

/* Header names and rows of text cells (row-major, NULL = empty). */
struct raw {
	const char	 *name;
	char		**names;
	size_t		  ncols;
	char		**cells;
	size_t		  nrows;
	size_t		  cap;
};

static void
raw_release(struct raw *raw)
{
	size_t i;

	for (i = 0; i < raw->ncols; i++)
		free(raw->names[i]);
	free(raw->names);
	for (i = 0; i < raw->nrows * raw->ncols; i++)
		free(raw->cells[i]);
	free(raw->cells);
}


/*
 * Takes the record's fields as column names.  Errors start with
 * "<name><sep><n>", e.g. "x.tsv:1" or "x.json: row 1".
 */
static const struct pl_error *
raw_header(struct raw *raw, struct rec *rec, const char *sep, size_t n)
{
	const struct pl_error *err = NULL;
	struct strmap seen;
	size_t i;
	int added;

	/* A hash of the names: 10^5 columns took 55 s when each was
	 * compared with all before it. */
	strmap_init(&seen);
	for (i = 0; i < rec->n; i++) {
		if (rec->f[i] == NULL && (rec->f[i] = table_copy_mem("", 0)) == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		if (strmap_put(&seen, rec->f[i], strlen(rec->f[i]), 0,
		    &added) == -1) {
			err = pl_error_nomem();
			goto done;
		}
		if (!added) {
			err = pl_error_fmt(PL_ERR_PARSE,
			    "%s%s%zu: duplicate column '%s'",
			    raw->name, sep, n, rec->f[i]);
			goto done;
		}
	}
	raw->names = rec->f;
	raw->ncols = rec->n;
	rec->f = NULL;
	rec->n = rec->cap = 0;
done:
	strmap_release(&seen);
	return err;
}

/* Moves the record's fields into a new row; errors as for raw_header(). */
static const struct pl_error *
raw_row(struct raw *raw, struct rec *rec, const char *sep, size_t n)
{
	const struct pl_error *err = NULL;
	char **cells;
	size_t cap;

	if (rec->n != raw->ncols) {
		err = pl_error_fmt(PL_ERR_PARSE,
		    "%s%s%zu: expected %zu fields, got %zu", raw->name, sep, n,
		    raw->ncols, rec->n);
		goto done;
	}
	if (raw->nrows == raw->cap) {
		cap = raw->cap == 0 ? ROWS_MIN : raw->cap;
		if (raw->cap > 0) {
			if (cap > SIZE_MAX / 2) {
				err = pl_error_nomem();
				goto done;
			}
			cap *= 2;
		}
		if (cap > SIZE_MAX / raw->ncols / sizeof(*cells)) {
			err = pl_error_nomem();
			goto done;
		}
		cells = realloc(raw->cells, cap * raw->ncols * sizeof(*cells));
		if (cells == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		raw->cells = cells;
		raw->cap = cap;
	}
	memcpy(raw->cells + raw->nrows * raw->ncols, rec->f,
	    raw->ncols * sizeof(*rec->f));
	raw->nrows++;
	rec->n = 0;
done:
	return err;
}

/* Infers the column types and builds the table; raw's strings move in. */
static const struct pl_error *
raw_table(struct raw *raw, struct pl_table *out)
{
	const struct pl_error *err = NULL;
	struct pl_table t;
	struct pl_cell *cell;
	enum pl_coltype type;
	int64_t iv;
	double dv;
	char *s;
	size_t r, c;
	int allint, allreal, any;

	pl_table_init(&t);
	for (c = 0; c < raw->ncols; c++) {
		allint = allreal = 1;
		any = 0;
		for (r = 0; r < raw->nrows && (allint || allreal); r++) {
			s = raw->cells[r * raw->ncols + c];
			if (s == NULL)
				continue;
			any = 1;
			if (allint && !text_int(s, &iv))
				allint = 0;
			if (allreal && !text_real(s, &dv))
				allreal = 0;
		}
		if (!any || (!allint && !allreal))
			type = PL_COL_STR;
		else
			type = allint ? PL_COL_INT : PL_COL_REAL;
		err = table_add_col_unique(&t, raw->names[c], type);
		if (err != NULL)
			goto done;
	}
	if (raw->nrows > 0) {
		/* raw->cells holds as many pointers: no overflow. */
		t.cells = calloc(raw->nrows * raw->ncols, sizeof(*t.cells));
		if (t.cells == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		t.cap = t.nrows = raw->nrows;
	}
	for (r = 0; r < t.nrows; r++) {
		for (c = 0; c < t.ncols; c++) {
			cell = &t.cells[r * t.ncols + c];
			s = raw->cells[r * raw->ncols + c];
			cell->null = s == NULL;
			cell->v.s = NULL;
			if (s == NULL)
				continue;
			switch (t.cols[c].type) {
			case PL_COL_STR:
				cell->v.s = s;
				raw->cells[r * raw->ncols + c] = NULL;
				break;
			case PL_COL_INT:
				text_int(s, &cell->v.i);
				break;
			case PL_COL_REAL:
				text_real(s, &cell->v.d);
				break;
			}
		}
	}
	*out = t;
	pl_table_init(&t);
done:
	pl_table_release(&t);
	return err;
}

/* Reads a line with getline(3); *len is -1 at the end of the input. */
static const struct pl_error *
read_line(FILE *fp, const char *name, char **line, size_t *size,
    ssize_t *len)
{
	const struct pl_error *err = NULL;

	errno = 0;
	*len = getline(line, size, fp);
	if (*len == -1) {
		if (ferror(fp))
			err = pl_error_from_errno_fmt("read: %s", name);
		else if (errno == ENOMEM || errno == EOVERFLOW)
			err = pl_error_nomem();
	}
	return err;
}

/* rec_add for recscan_next. */
static int
rec_take(void *arg, const char *s, size_t len)
{
	return rec_add(arg, s, len);
}

/*
 * TSV and CSV: the whole stream, then its records through the scanner
 * ingest uses too (records.h: line ends, quotes, escapes, NUL bytes and
 * blank lines follow the same rules in both).
 */
static const struct pl_error *
read_delimited(FILE *fp, struct raw *raw, int csv)
{
	const struct pl_error *err = NULL;
	struct rec rec = { NULL, 0, 0 };
	struct recscan sc;
	struct buf data;
	char chunk[65536];
	size_t n, start, nrec = 0;
	int rc;

	buf_init(&data);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (buf_add(&data, chunk, n) == -1) {
			err = pl_error_nomem();
			goto done;
		}
	if (ferror(fp)) {
		err = pl_error_from_errno_fmt("read: %s", raw->name);
		goto done;
	}
	recscan_init(&sc, (const char *)data.p, data.n, csv);
	for (;;) {
		rec_clear(&rec);
		rc = recscan_next(&sc, rec_take, &rec, &start, &err);
		if (rc == 0)
			break;
		if (rc == -1) {
			if (err->code != PL_ERR_NOMEM)
				err = pl_error_fmt(err->code, "%s:%zu: %s",
				    raw->name, start, err->msg);
			goto done;
		}
		/* A header of one empty name would be written as a blank
		 * line, which is no header (records.h): refused here too. */
		if (nrec == 0 && rec.n == 1 && (rec.f[0] == NULL ||
		    rec.f[0][0] == '\0')) {
			err = pl_error_fmt(PL_ERR_PARSE, "%s:%zu: the header "
			    "names no column", raw->name, start);
			goto done;
		}
		if (nrec++ == 0) {
			err = raw_header(raw, &rec, ":", start);
			sc.nfields = raw->ncols;
		} else
			err = raw_row(raw, &rec, ":", start);
		if (err != NULL)
			goto done;
	}
	if (nrec == 0)
		err = pl_error_fmt(PL_ERR_PARSE,
		    "%s: empty table (no header line)", raw->name);
done:
	buf_release(&data);
	rec_release(&rec);
	return err;
}

/* Appends a JSON value as text; -1: out of memory, -2: not a scalar. */
static int
json_field(struct rec *rec, json_t *v)
{
	char buf[32];

	switch (json_typeof(v)) {
	case JSON_NULL:
		return rec_add(rec, NULL, 0);
	case JSON_STRING:
		return rec_add(rec, json_string_value(v), json_string_length(v));
	case JSON_INTEGER:
		snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		return rec_add(rec, buf, strlen(buf));
	case JSON_REAL:
		table_real_shortest(buf, sizeof(buf), json_real_value(v));
		return rec_add(rec, buf, strlen(buf));
	case JSON_TRUE:
		return rec_add(rec, "true", 4);
	case JSON_FALSE:
		return rec_add(rec, "false", 5);
	default:
		return -2;
	}
}

/*
 * Adds one JSON object as a row; the first one also gives the columns.
 * Errors start with "<name><sep><n>".
 */
static const struct pl_error *
json_row(struct raw *raw, struct rec *rec, json_t *obj, const char *sep,
    size_t n)
{
	const struct pl_error *err = NULL;
	const char *key;
	json_t *v;
	size_t c, found = 0;
	int rc;

	rec_clear(rec);
	if (!json_is_object(obj)) {
		err = pl_error_fmt(PL_ERR_PARSE, "%s%s%zu: expected an object",
		    raw->name, sep, n);
		goto done;
	}
	if (raw->names == NULL) {
		json_object_foreach(obj, key, v) {
			if (rec_add(rec, key, strlen(key)) == -1) {
				err = pl_error_nomem();
				goto done;
			}
		}
		if (rec->n == 0) {
			err = pl_error_fmt(PL_ERR_PARSE,
			    "%s%s%zu: object has no keys", raw->name, sep, n);
			goto done;
		}
		err = raw_header(raw, rec, sep, n);
		if (err != NULL)
			goto done;
	}
	for (c = 0; c < raw->ncols; c++) {
		v = json_object_get(obj, raw->names[c]);
		if (v == NULL) {
			rc = rec_add(rec, NULL, 0);
		} else {
			found++;
			rc = json_field(rec, v);
		}
		if (rc == -1) {
			err = pl_error_nomem();
			goto done;
		}
		if (rc == -2) {
			err = pl_error_fmt(PL_ERR_PARSE, "%s%s%zu: key '%s': "
			    "arrays and objects are not supported", raw->name,
			    sep, n, raw->names[c]);
			goto done;
		}
	}
	if (found != json_object_size(obj)) {
		json_object_foreach(obj, key, v) {
			for (c = 0; c < raw->ncols; c++)
				if (strcmp(raw->names[c], key) == 0)
					break;
			if (c == raw->ncols)
				break;
		}
		err = pl_error_fmt(PL_ERR_PARSE, "%s%s%zu: unknown key '%s'",
		    raw->name, sep, n, key != NULL ? key : "");
		goto done;
	}
	err = raw_row(raw, rec, sep, n);
done:
	return err;
}

static const struct pl_error *
read_json(FILE *fp, struct raw *raw)
{
	const struct pl_error *err = NULL;
	struct rec rec = { NULL, 0, 0 };
	json_error_t jerr;
	json_t *root, *v;
	size_t i;

	errno = 0;
	root = json_loadf(fp, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		if (ferror(fp))
			err = pl_error_from_errno_fmt("read: %s", raw->name);
		else
			err = pl_error_fmt(PL_ERR_PARSE, "%s: line %d: %s",
			    raw->name, jerr.line, jerr.text);
		goto done;
	}
	if (!json_is_array(root)) {
		err = pl_error_fmt(PL_ERR_PARSE,
		    "%s: expected an array of objects", raw->name);
		goto done;
	}
	json_array_foreach(root, i, v) {
		err = json_row(raw, &rec, v, ": row ", i + 1);
		if (err != NULL)
			goto done;
	}
done:
	json_decref(root);
	rec_release(&rec);
	return err;
}

static const struct pl_error *
read_jsonl(FILE *fp, struct raw *raw)
{
	const struct pl_error *err = NULL;
	struct rec rec = { NULL, 0, 0 };
	json_error_t jerr;
	json_t *obj = NULL;
	char *line = NULL;
	size_t size = 0, lineno = 0;
	ssize_t len;

	for (;;) {
		err = read_line(fp, raw->name, &line, &size, &len);
		if (err != NULL || len == -1)
			break;
		lineno++;
		if (strspn(line, " \t\r\n") == (size_t)len)
			continue;	/* blank line */
		obj = json_loadb(line, (size_t)len, JSON_REJECT_DUPLICATES,
		    &jerr);
		if (obj == NULL) {
			err = pl_error_fmt(PL_ERR_PARSE, "%s:%zu: %s",
			    raw->name, lineno, jerr.text);
			goto done;
		}
		err = json_row(raw, &rec, obj, ":", lineno);
		if (err != NULL)
			goto done;
		json_decref(obj);
		obj = NULL;
	}
done:
	json_decref(obj);
	free(line);
	rec_release(&rec);
	return err;
}

const struct pl_error *
pl_table_read(FILE *fp, const char *name, enum pl_format fmt,
    struct pl_table *out)
{
	const struct pl_error *err = NULL;
	struct raw raw;

	memset(&raw, 0, sizeof(raw));
	raw.name = name != NULL ? name : "-";
	switch (fmt) {
	case PL_FMT_TSV:
		err = read_delimited(fp, &raw, 0);
		break;
	case PL_FMT_CSV:
		err = read_delimited(fp, &raw, 1);
		break;
	case PL_FMT_JSON:
		err = read_json(fp, &raw);
		break;
	case PL_FMT_JSONL:
		err = read_jsonl(fp, &raw);
		break;
	default:
		err = pl_error_fmt(PL_ERR_USAGE, "read: %s: bad format %d",
		    raw.name, (int)fmt);
		break;
	}
	if (err != NULL)
		goto done;
	err = raw_table(&raw, out);
done:
	raw_release(&raw);
	return err;
}
