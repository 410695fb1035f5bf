/*
 * testdoc.h - helpers the store and query unit tests share: a document
 * built in memory, and a scratch directory for a test database.
 */
#ifndef PLENUM_TESTDOC_H
#define PLENUM_TESTDOC_H

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plenum/corpus.h"

static struct pl_doc __attribute__((unused))
mkdoc(const char *id, const char *date, const char *text)
{
	struct pl_doc d;

	memset(&d, 0, sizeof(d));
	d.id = id;
	d.date = date;
	pl_date_parse(date, strlen(date), &d.day, &d.prec);
	d.source = "test";
	d.title = "";
	d.text = text;
	d.textlen = strlen(text);
	d.file = "mem";
	d.line = 1;
	return d;
}

/* Makes /tmp/plenum-NAME-PID into dir; 0 or -1. */
static int __attribute__((unused))
scratch_dir(const char *name, char *dir, size_t len)
{
	snprintf(dir, len, "/tmp/plenum-%s-%ld", name, (long)getpid());
	return mkdir(dir, 0700);
}

#endif /* PLENUM_TESTDOC_H */
