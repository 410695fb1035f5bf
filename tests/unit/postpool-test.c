/*
 * postpool-test.c - the in-memory posting lists (lib/postpool.c) give the
 * bytes a direct varint encoding gives, across chunk boundaries; the
 * pl_feed table (lib/feed.c) stores the rows a feed makes, and a feed's
 * error comes back as it was, with none of its rows kept.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "extern.h"
#include "feed.h"
#include "postpool.h"
#include "tap.h"

static uint64_t rng = 88172645463325252ULL;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

static void
test_hand(void)
{
	static const unsigned char want[] = { 0x05, 0x01, 0xa7, 0x02, 0x02 };
	struct postpool pp;
	struct postlist l;
	struct buf b;

	postpool_init(&pp);
	memset(&l, 0, sizeof(l));
	buf_init(&b);
	ok(postpool_add(&pp, &l, 5, 1) == 0 && postpool_add(&pp, &l, 300, 2) ==
	    0, "two postings added");
	ok(postpool_get(&pp, &l, &b) == 0 && b.n == sizeof(want) &&
	    memcmp(b.p, want, sizeof(want)) == 0,
	    "(5, 1), (300, 2) is 05 01 a7 02 02 (gap 295, count 2)");
	memset(&l, 0, sizeof(l));
	b.n = 0;
	ok(postpool_get(&pp, &l, &b) == 0 && b.n == 0, "an empty list");
	buf_release(&b);
	postpool_release(&pp);
}

/* Many lists growing side by side against buf_varint, list by list. */
static void
test_random(void)
{
	enum { NL = 500, NP = 200000 };
	struct postpool pp;
	struct postlist *l = calloc(NL, sizeof(*l));
	struct buf *ref = calloc(NL, sizeof(*ref));
	uint32_t *last = calloc(NL, sizeof(*last));
	struct buf b;
	size_t i, bad = 0, longest = 0;
	int fail = 0;

	postpool_init(&pp);
	buf_init(&b);
	for (i = 0; i < NP && !fail; i++) {
		/* a few lists take most postings, as frequent words do */
		uint32_t k = rnd(4) ? rnd(8) : rnd(NL);
		uint32_t doc = last[k] + 1 + (rnd(3) ? rnd(100) : rnd(1u << 24));
		uint32_t cnt = rnd(5) ? 1 + rnd(3) : rnd(1u << 21);
		if (postpool_add(&pp, &l[k], doc, cnt) != 0 ||
		    buf_varint(&ref[k], doc - last[k]) == -1 ||
		    buf_varint(&ref[k], cnt) == -1)
			fail = 1;
		last[k] = doc;
	}
	ok(!fail, "%d postings added", NP);
	for (i = 0; i < NL; i++) {
		b.n = 0;
		if (postpool_get(&pp, &l[i], &b) == -1 || b.n != ref[i].n ||
		    (b.n > 0 && memcmp(b.p, ref[i].p, b.n) != 0))
			bad++;
		if (ref[i].n > longest)
			longest = ref[i].n;
		buf_release(&ref[i]);
	}
	is_int((int64_t)bad, 0, "every list reads back as its varints");
	ok(longest > 20000, "the longest list (%zu bytes) spans many 2 KiB "
	    "chunks", longest);
	buf_release(&b);
	postpool_release(&pp);
	free(l);
	free(ref);
	free(last);
}

struct rows {
	int	 n, fail_at;
};

static int
next_row(void *arg, struct feed_val *v, const struct pl_error **err)
{
	struct rows *r = arg;
	static char text[16];

	if (r->n == r->fail_at) {
		*err = pl_error_fmt(PL_ERR_DATA, "row %d: made to fail", r->n);
		return -1;
	}
	if (r->n == 3)
		return 0;
	snprintf(text, sizeof(text), "t%d", r->n);
	v[0] = (struct feed_val){ SQLITE_TEXT, 0, text, strlen(text) };
	v[1] = (struct feed_val){ SQLITE_INTEGER, 10 * r->n, NULL, 0 };
	v[2] = (struct feed_val){ SQLITE_BLOB, 0, "\x01\x02", 2 };
	r->n++;
	return 1;
}

static int64_t
count(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	int64_t n = -1;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void
test_feed(void)
{
	static const char ins[] = "INSERT INTO t(a, b, c) SELECT c0, c1, c2 "
	    "FROM pl_feed WHERE feed = ?1";
	const struct pl_error *err;
	struct rows r = { 0, -1 };
	struct feed f = { next_row, &r, 0, { 0, 0, "" } };
	sqlite3 *h;

	if (sqlite3_open(":memory:", &h) != SQLITE_OK ||
	    feed_register(h) != SQLITE_OK ||
	    sqlite3_exec(h, "CREATE TABLE t(a TEXT PRIMARY KEY, b INTEGER, "
	    "c BLOB) WITHOUT ROWID", NULL, NULL, NULL) != SQLITE_OK) {
		ok(0, "an in-memory database with pl_feed");
		return;
	}
	ok(feed_run(h, ins, &f) == NULL, "three rows fed");
	is_int(count(h, "SELECT count(*) FROM t"), 3, "three rows stored");
	is_int(count(h, "SELECT sum(b) FROM t WHERE c = x'0102'"), 30,
	    "their values (0 + 10 + 20) and blobs");
	is_int(count(h, "SELECT count(*) FROM pl_feed"), 0,
	    "pl_feed without a feed has no rows");
	r.n = 0;
	err = feed_run(h, ins, &f);
	ok(err != NULL && strstr(err->msg, "UNIQUE") != NULL,
	    "the same rows again: SQLite's constraint error (%s)",
	    err ? err->msg : "none");
	sqlite3_exec(h, "DELETE FROM t", NULL, NULL, NULL);
	r.n = 0;
	r.fail_at = 2;
	err = feed_run(h, ins, &f);
	ok(err != NULL && err->code == PL_ERR_DATA &&
	    strcmp(err->msg, "row 2: made to fail") == 0,
	    "the feed's own error comes back (%s)", err ? err->msg : "none");
	is_int(count(h, "SELECT count(*) FROM t"), 0,
	    "a failed feed leaves none of its rows");
	sqlite3_close(h);
}

int
main(void)
{
	test_hand();
	test_random();
	test_feed();
	return tap_done();
}
