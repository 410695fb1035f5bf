/*
 * records.c - the one CSV/TSV record scanner (records.h).
 */
#include <string.h>

#include "records.h"
#include "extern.h"

void
recscan_init(struct recscan *s, const char *d, size_t len, int csv)
{
	memset(s, 0, sizeof(*s));
	s->d = d;
	s->len = len;
	s->csv = csv;
}

/* The length of the line break at i (LF, CRLF or CR), or 0. */
static size_t
eol(const struct recscan *s, size_t i)
{
	if (i >= s->len)
		return 0;
	if (s->d[i] == '\n')
		return 1;
	if (s->d[i] == '\r')
		return i + 1 < s->len && s->d[i + 1] == '\n' ? 2 : 1;
	return 0;
}

static int
put(struct buf *f, char c)
{
	return buf_add(f, &c, 1);
}

int
recscan_next(struct recscan *s, int (*add)(void *, const char *, size_t),
    void *arg, size_t *start, const struct pl_error **err)
{
	const char *d = s->d;
	size_t i = s->pos, end = s->len, k, nf = 0;
	char sep = s->csv ? ',' : '\t';
	struct buf f;
	int quoted, rc = -1;

	*err = NULL;
	buf_init(&f);
	/* Blank lines: no record where records have two or more fields. */
	if (s->nfields != 1)
		while ((k = eol(s, i)) > 0) {
			s->line++;
			i += k;
		}
	if (i >= end) {
		s->pos = i;
		return 0;
	}
	*start = s->line + 1;
	for (;;) {
		quoted = 0;
		f.n = 0;
		if (s->csv && i < end && d[i] == '"') {
			size_t qline = s->line + 1;
			quoted = 1;
			for (i++;; i++) {
				if (i >= end) {
					*err = pl_error_fmt(PL_ERR_PARSE,
					    "unterminated quoted field "
					    "(started on line %zu)", qline);
					goto done;
				}
				if (d[i] == '"') {
					if (i + 1 < end && d[i + 1] == '"') {
						i++;
						if (put(&f, '"') == -1)
							goto nomem;
						continue;
					}
					i++;
					break;
				}
				if ((k = eol(s, i)) > 0)
					s->line++;
				/* a CRLF inside quotes is kept as read */
				if (k == 2) {
					if (buf_add(&f, d + i, 2) == -1)
						goto nomem;
					i++;
					continue;
				}
				if (put(&f, d[i]) == -1)
					goto nomem;
			}
		}
		while (i < end && d[i] != sep && eol(s, i) == 0) {
			if (quoted) {
				*err = pl_error_fmt(PL_ERR_PARSE,
				    "unexpected character after a closing "
				    "quote in field %zu", nf + 1);
				goto done;
			}
			if (!s->csv && d[i] == '\\' && i + 1 < end) {
				char c = d[i + 1];
				char o = c == 't' ? '\t' : c == 'n' ? '\n' :
				    c == 'r' ? '\r' : c == '\\' ? '\\' : 0;
				if (o) {
					if (put(&f, o) == -1)
						goto nomem;
					i += 2;
					continue;
				}
			}
			if (put(&f, d[i]) == -1)
				goto nomem;
			i++;
		}
		if (f.n > 0 && memchr(f.p, '\0', f.n) != NULL) {
			*err = pl_error_fmt(PL_ERR_PARSE, "field %zu: NUL byte "
			    "(not text)", nf + 1);
			goto done;
		}
		if (put(&f, '\0') == -1 || add(arg, (const char *)f.p,
		    f.n - 1) == -1)
			goto nomem;
		nf++;
		if (i < end && d[i] == sep) {
			i++;
			continue;
		}
		if ((k = eol(s, i)) > 0) {
			i += k;
			s->line++;
		} else
			s->line++;	/* the last line, with no break */
		break;
	}
	rc = 1;
	s->pos = i;
	goto done;
nomem:
	*err = pl_error_nomem();
done:
	if (rc == -1)
		s->pos = end;	/* reading does not loop */
	buf_release(&f);
	return rc;
}
