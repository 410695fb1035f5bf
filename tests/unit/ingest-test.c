/*
 * ingest-test.c - pl_ingest_reader's one rule for errors: with no
 * threads, one worker or two, the same input gives the same bad records,
 * in the same order, and the same fatal error at the same document
 * (a tokenizer out of memory injected with fault.h on one document).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plenum/corpus.h"
#include "plenum/store.h"
#include "fault.h"
#include "tap.h"
#include "testdoc.h"

#define NDOCS	300		/* more than two batches of 128 */

struct seen {
	char	 log[8192];
	size_t	 n;
	int	 added;
};

static void
on_bad(void *arg, const struct pl_error *err)
{
	struct seen *s = arg;
	int k;

	k = snprintf(s->log + s->n, sizeof(s->log) - s->n, "%s\n", err->msg);
	if (k > 0 && (size_t)k < sizeof(s->log) - s->n)
		s->n += (size_t)k;
}

static void
on_added(void *arg, const struct pl_doc *d, enum pl_add_result res,
    const char *other)
{
	struct seen *s = arg;

	(void)d;
	(void)res;
	(void)other;
	s->added++;
}

/*
 * Ingests path with nthreads into a new database; the bad records go to
 * s->log, then "fatal: MSG (code N)" or "ok: nbad N".
 */
static void
run(const char *dir, const char *path, int nthreads, struct seen *s)
{
	char db_path[256];
	struct pl_db *db = NULL;
	struct pl_ingest *in = NULL;
	struct pl_reader *rd = NULL;
	struct pl_reader_opts ro;
	struct pl_ingest_events ev;
	const struct pl_error *err;
	uint64_t nbad = 0;
	size_t room;

	memset(s, 0, sizeof(*s));
	snprintf(db_path, sizeof(db_path), "%s/t%d.db", dir, nthreads);
	unlink(db_path);
	pl_reader_opts_defaults(&ro);
	ev.bad = on_bad;
	ev.added = on_added;
	ev.arg = s;
	if ((err = pl_db_open(db_path, PL_DB_WRITE | PL_DB_CREATE, &db)) ||
	    (err = pl_ingest_begin(db, NULL, &in)) ||
	    (err = pl_reader_open(path, &ro, &rd))) {
		snprintf(s->log, sizeof(s->log), "setup: %s", err->msg);
		goto done;
	}
	err = pl_ingest_reader(in, rd, nthreads, &ev, &nbad);
	room = sizeof(s->log) - s->n;
	if (err)
		snprintf(s->log + s->n, room, "fatal: %s (code %d)\n",
		    err->msg, (int)err->code);
	else
		snprintf(s->log + s->n, room, "ok: nbad %llu\n",
		    (unsigned long long)nbad);
done:
	pl_ingest_abort(in);
	pl_reader_free(rd);
	pl_db_close(db);
	unlink(db_path);
}

int
main(void)
{
	char dir[64], path[128], cmd[256];
	struct seen s0, s1, s2;
	FILE *f;
	int i;

	if (scratch_dir("ingest", dir, sizeof(dir)) == -1)
		return 1;
	snprintf(path, sizeof(path), "%s/in.jsonl", dir);
	if ((f = fopen(path, "w")) == NULL)
		return 1;
	/* line 6: empty text (bad record); line 140: a bad date (bad
	 * record); line 201: out of memory when tokenized (fatal) */
	for (i = 1; i <= NDOCS; i++) {
		if (i == 6)
			fprintf(f, "{\"id\": \"d%d\", \"date\": \"2020-01-01\", "
			    "\"text\": \"\"}\n", i);
		else if (i == 140)
			fprintf(f, "{\"id\": \"d%d\", \"date\": \"2020-13-01\", "
			    "\"text\": \"Rates rose.\"}\n", i);
		else
			fprintf(f, "{\"id\": \"d%d\", \"date\": \"2020-01-01\", "
			    "\"text\": \"Document %d says %s.\"}\n", i, i,
			    i == 201 ? "FAULTHERE" : "little");
	}
	fclose(f);

	/* Bad records only. */
	run(dir, path, 0, &s0);
	run(dir, path, 1, &s1);
	run(dir, path, 2, &s2);
	ok(strstr(s0.log, ":6: field 'text': empty\n") != NULL &&
	    strstr(s0.log, ":140: field 'date'") != NULL &&
	    strstr(s0.log, "ok: nbad 2\n") != NULL,
	    "no threads: two bad records, by line");
	if (tap_failed)
		printf("# %s", s0.log);
	is_str(s1.log, s0.log, "one worker: the same bad records");
	is_str(s2.log, s0.log, "two workers: the same bad records");
	is_int(s0.added, NDOCS - 2, "no threads: 298 documents taken");
	is_int(s2.added, s0.added, "two workers: as many taken");

	/* A fatal error at line 201, after the two bad records. */
	fault_text_nomem("FAULTHERE");
	run(dir, path, 0, &s0);
	run(dir, path, 1, &s1);
	run(dir, path, 2, &s2);
	fault_text_nomem(NULL);
	ok(strstr(s0.log, ":6: field 'text': empty\n") != NULL &&
	    strstr(s0.log, ":140: field 'date'") != NULL &&
	    strstr(s0.log, "in.jsonl:201: field 'text': out of memory "
	    "(code 1)\n") != NULL && strstr(s0.log, "ok:") == NULL,
	    "no threads: out of memory is fatal, named by file and line");
	if (tap_failed)
		printf("# %s", s0.log);
	is_str(s1.log, s0.log, "one worker: the same, fatal at line 201 "
	    "(it used to be a bad record)");
	is_str(s2.log, s0.log, "two workers: the same");
	is_int(s0.added, 198, "no threads: 198 documents before line 201");
	is_int(s1.added, s0.added, "one worker: as many");
	is_int(s2.added, s0.added, "two workers: as many");

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return tap_done();
}
