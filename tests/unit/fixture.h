/*
 * fixture.h - a scratch database of hand-made documents, for the unit
 * tests that count terms on it (match-test, query-test): make it, ingest
 * documents into it, total a term over it, remove it.  Built on
 * testdoc.h's mkdoc() and scratch_dir().
 */
#ifndef PLENUM_FIXTURE_H
#define PLENUM_FIXTURE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "plenum/corpus.h"
#include "plenum/match.h"
#include "plenum/query.h"
#include "plenum/store.h"
#include "testdoc.h"

struct fixture {
	char		 dir[64];	/* the scratch directory */
	char		 path[128];	/* the database in it */
	struct pl_db	*db;
};

/*
 * Makes a scratch directory for test NAME and creates the database FILE
 * in it.  0 or -1.
 */
static int __attribute__((unused))
fixture_open(struct fixture *fx, const char *name, const char *file)
{
	memset(fx, 0, sizeof(*fx));
	if (scratch_dir(name, fx->dir, sizeof(fx->dir)) == -1)
		return -1;
	snprintf(fx->path, sizeof(fx->path), "%s/%s", fx->dir, file);
	if (pl_db_open(fx->path, PL_DB_WRITE | PL_DB_CREATE, &fx->db) !=
	    NULL) {
		rmdir(fx->dir);
		return -1;
	}
	return 0;
}

/*
 * Ingests the n documents d into the database in one transaction, with
 * the options io (NULL: the defaults).  0 when the commit succeeded.
 */
static int __attribute__((unused))
fixture_ingest(struct fixture *fx, const struct pl_ingest_opts *io,
    const struct pl_doc *d, size_t n)
{
	struct pl_ingest *in;
	enum pl_add_result res;
	const char *other;
	size_t i;

	if (pl_ingest_begin(fx->db, io, &in) != NULL)
		return -1;
	for (i = 0; i < n; i++)
		pl_ingest_add(in, &d[i], &res, &other);
	return pl_ingest_commit(in, NULL) == NULL ? 0 : -1;
}

/* Closes the database and removes it, its WAL files and the directory. */
static void __attribute__((unused))
fixture_remove(struct fixture *fx)
{
	char p[160];

	pl_db_close(fx->db);
	fx->db = NULL;
	unlink(fx->path);
	snprintf(p, sizeof(p), "%s-wal", fx->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", fx->path);
	unlink(p);
	rmdir(fx->dir);
}

/*
 * Total count of expr over every document by pl_term_counts(): -1 on a
 * parse error, -2 when counting failed.
 */
static int64_t __attribute__((unused))
fixture_total(struct pl_corpus *c, const char *expr)
{
	struct pl_term *t;
	int64_t *cnt, sum = 0;
	size_t i;

	if (pl_term_parse(c, expr, &t) != NULL)
		return -1;
	if (pl_term_counts(c, t, NULL, &cnt) != NULL) {
		pl_term_free(t);
		return -2;
	}
	for (i = 0; i < c->ndocs; i++)
		sum += cnt[i];
	free(cnt);
	pl_term_free(t);
	return sum;
}

#endif /* PLENUM_FIXTURE_H */
