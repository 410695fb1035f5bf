/*
 * table.c - the table reader over arbitrary bytes; the first byte picks
 * the format.  A table it reads is written and read back: the second
 * writing must equal the first (the reader and the writers agree).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/table.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* Writes t in fmt into a new buffer; aborts on failure. */
static char *
render(const struct pl_table *t, enum pl_format fmt, size_t *len)
{
	char *buf = NULL;
	FILE *fp;

	if ((fp = open_memstream(&buf, len)) == NULL)
		abort();
	if (pl_table_write(t, fp, fmt) != NULL)
		abort();
	if (fclose(fp) != 0)
		abort();
	return buf;
}

static int
readmem(const void *p, size_t n, enum pl_format fmt, struct pl_table *t)
{
	FILE *fp;
	int rc;

	if (n == 0)
		fp = fopen("/dev/null", "r");
	else
		fp = fmemopen((void *)p, n, "r");
	if (fp == NULL)
		abort();
	rc = pl_table_read(fp, "fuzz", fmt, t) == NULL ? 0 : -1;
	fclose(fp);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pl_table t1, t2;
	enum pl_format fmt;
	char *b1 = NULL, *b2 = NULL;
	size_t n1, n2;

	if (size < 1)
		return 0;
	fmt = (enum pl_format)(data[0] % 4);
	pl_table_init(&t1);
	pl_table_init(&t2);
	if (readmem(data + 1, size - 1, fmt, &t1) == -1)
		goto done;
	b1 = render(&t1, fmt, &n1);
	if (readmem(b1, n1, fmt, &t2) == -1)
		abort();	/* the writer wrote what the reader refuses */
	b2 = render(&t2, fmt, &n2);
	if (n1 != n2 || memcmp(b1, b2, n1) != 0)
		abort();
done:
	free(b1);
	free(b2);
	pl_table_release(&t1);
	pl_table_release(&t2);
	return 0;
}
