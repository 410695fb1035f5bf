/*
 * diff-test.c - Myers' diff (lib/diff.c pl_diff_seq): edit scripts
 * worked by hand, and on random sequences the kept elements against an
 * LCS length from the textbook O(nm) dynamic programme, and the marks
 * against both inputs (what is kept must be a common subsequence).
 */
#include <stdlib.h>

#include "plenum/diff.h"
#include "tap.h"

static size_t
lcs(const uint64_t *a, size_t n, const uint64_t *b, size_t m)
{
	size_t *row = calloc((m + 1) * 2, sizeof(*row)), *prev = row,
	    *cur = row + m + 1, *t, i, j, r;

	for (i = 1; i <= n; i++) {
		for (j = 1; j <= m; j++)
			cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 :
			    prev[j] > cur[j - 1] ? prev[j] : cur[j - 1];
		t = prev;
		prev = cur;
		cur = t;
	}
	r = prev[m];
	free(row);
	return r;
}

/* The kept elements of a and b, in order, are the same sequence. */
static int
consistent(const uint64_t *a, size_t n, const uint8_t *del,
    const uint64_t *b, size_t m, const uint8_t *ins, size_t *kept)
{
	size_t i = 0, j = 0;

	*kept = 0;
	for (;;) {
		while (i < n && del[i])
			i++;
		while (j < m && ins[j])
			j++;
		if (i == n || j == m)
			break;
		if (a[i] != b[j])
			return 0;
		(*kept)++;
		i++, j++;
	}
	while (i < n && del[i])
		i++;
	while (j < m && ins[j])
		j++;
	return i == n && j == m;
}

static void
marks(const char *a, const char *b, const char *wdel, const char *wins)
{
	uint64_t x[64], y[64];
	uint8_t del[64], ins[64];
	char gd[65], gi[65];
	size_t n = strlen(a), m = strlen(b), i;

	memset(x, 0, sizeof(x));
	memset(y, 0, sizeof(y));
	for (i = 0; i < n; i++)
		x[i] = (uint64_t)a[i];
	for (i = 0; i < m; i++)
		y[i] = (uint64_t)b[i];
	ok(pl_diff_seq(x, n, y, m, del, ins) == NULL, "diff '%s' '%s'", a, b);
	for (i = 0; i < n; i++)
		gd[i] = del[i] ? '-' : '.';
	gd[n] = '\0';
	for (i = 0; i < m; i++)
		gi[i] = ins[i] ? '+' : '.';
	gi[m] = '\0';
	is_str(gd, wdel, "deleted");
	is_str(gi, wins, "inserted");
}

int
main(void)
{
	uint64_t a[300], b[300];
	uint8_t del[300], ins[300];
	size_t n, m, i, kept;
	int t, bad = 0, notmin = 0;

	/* By hand: one change, an insertion, a deletion, nothing common. */
	marks("abcd", "abxd", "..-.", "..+.");
	marks("abd", "abcd", "...", "..+.");
	marks("abcd", "acd", ".-..", "...");
	marks("abc", "xyz", "---", "+++");
	marks("", "ab", "", "++");
	marks("ab", "", "--", "");
	/* Myers 1986's example: several scripts of D = 5; this one's 5. */
	marks("abcabba", "cbabac", "-.-..-.", "+....+");

	srand(7);
	for (t = 0; t < 2000; t++) {
		n = (size_t)rand() % 120;
		m = (size_t)rand() % 120;
		/* a small alphabet makes many common elements */
		for (i = 0; i < n; i++)
			a[i] = (uint64_t)(rand() % (1 + t % 6));
		for (i = 0; i < m; i++)
			b[i] = t % 3 == 0 && i < n && rand() % 4 ?
			    a[i] : (uint64_t)(rand() % (1 + t % 6));
		if (pl_diff_seq(a, n, b, m, del, ins) != NULL ||
		    !consistent(a, n, del, b, m, ins, &kept))
			bad++;
		else if (kept != lcs(a, n, b, m))
			notmin++;
	}
	is_int(bad, 0, "2000 random pairs: kept elements are common to both");
	is_int(notmin, 0, "2000 random pairs: as many kept as the longest "
	    "common subsequence");
	return tap_done();
}
