/*
 * error-test.c - errors: a held error survives the next ones, a wrapped
 * or reformatted error does not overwrite the one it reads, codes and
 * errno numbers are kept.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "plenum/error.h"
#include "tap.h"

int
main(void)
{
	const struct pl_error *a, *b, *c, *w;
	char big[2000];
	int i;

	a = pl_error_fmt(PL_ERR_PARSE, "first %d", 1);
	b = pl_error_fmt(PL_ERR_DATA, "second");
	ok(strcmp(a->msg, "first 1") == 0 && strcmp(b->msg, "second") == 0,
	    "an error held survives the next one");
	c = pl_error_fmt(PL_ERR_USAGE, "term 'x': %s", a->msg);
	ok(strcmp(c->msg, "term 'x': first 1") == 0 &&
	    strcmp(a->msg, "first 1") == 0,
	    "an error formatted from another leaves it whole (alt_words)");
	w = pl_error_wrap(b, "ctx %s", "here");
	ok(strcmp(w->msg, "ctx here: second") == 0 && w->code == PL_ERR_DATA &&
	    strcmp(b->msg, "second") == 0, "wrap prefixes, keeps the code");
	ok(pl_error_wrap(NULL, "x") == NULL, "wrap of NULL is NULL");
	w = pl_error_wrap(w, "outer");
	ok(strcmp(w->msg, "outer: ctx here: second") == 0, "wrap of a wrap");
	errno = ENOENT;
	a = pl_error_from_errno("open: x.db");
	ok(a->code == PL_ERR_IO && a->sys_errno == ENOENT &&
	    strcmp(a->msg, "open: x.db: No such file or directory") == 0,
	    "from errno");
	errno = 0;
	a = pl_error_from_code(EAGAIN, "pthread_create");
	ok(a->sys_errno == EAGAIN && a->code == PL_ERR_IO &&
	    strstr(a->msg, "pthread_create: ") == a->msg &&
	    strcmp(a->msg, "pthread_create: Success") != 0,
	    "from a returned code, not errno");
	ok(pl_error_from_code(ENOMEM, "x")->code == PL_ERR_NOMEM,
	    "ENOMEM is out of memory");
	a = pl_error_fmt(PL_ERR_PARSE, "held");
	for (i = 0; i < 7; i++)
		pl_error_nomem();
	ok(strcmp(a->msg, "held") == 0, "held through 7 more errors");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	a = pl_error_wrap(pl_error_fmt(PL_ERR_IO, "%s", big), "%s", big);
	ok(strlen(a->msg) == PL_ERROR_MSG - 1, "long messages are cut to fit");
	return tap_done();
}
