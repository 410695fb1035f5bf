/*
 * match-test.c - the term matcher on hand-made documents whose counts are
 * worked out by hand: overlaps, clause punctuation, sentence breaks,
 * mixed scripts and traditional characters under t2s; counts and
 * per-document occurrences agree.
 */
#include <stdlib.h>
#include <string.h>

#include "plenum/match.h"
#include "plenum/query.h"
#include "tap.h"
#include "fixture.h"


/* The same by walking every candidate's occurrences (what kwic and cooc
 * see), or -1. */
static int64_t
occurrences(struct pl_corpus *c, const char *expr)
{
	struct pl_term *t;
	struct pl_matcher *m = NULL;
	struct pl_mdoc md;
	uint32_t *rows = NULL;
	size_t n = 0, i;
	int64_t sum = -1;

	pl_mdoc_init(&md);
	if (pl_term_parse(c, expr, &t) != NULL)
		return -1;
	if (pl_matcher_new(c, t, &m) == NULL &&
	    pl_matcher_candidates(m, NULL, &rows, &n) == NULL) {
		sum = 0;
		for (i = 0; i < n; i++) {
			if (pl_matcher_doc(m, rows[i], &md) != NULL) {
				sum = -2;
				break;
			}
			sum += (int64_t)md.nocc;
		}
	}
	free(rows);
	pl_mdoc_release(&md);
	pl_matcher_free(m);
	pl_term_free(t);
	return sum;
}

static int
code(struct pl_corpus *c, const char *expr)
{
	const struct pl_error *err;
	struct pl_term *t;

	if ((err = pl_term_parse(c, expr, &t)) == NULL) {
		pl_term_free(t);
		return 0;
	}
	return err->code;
}

static void
both(struct pl_corpus *c, const char *expr, int64_t want, const char *what)
{
	char name[256];

	snprintf(name, sizeof(name), "%s: count", what);
	is_int(fixture_total(c, expr), want, name);
	snprintf(name, sizeof(name), "%s: occurrences", what);
	is_int(occurrences(c, expr), want, name);
}

/* pl_normer_bigrams' keys, collected in the order they come. */
struct keys {
	uint64_t	 v[4096];
	size_t		 n;
};

static void
add_key(void *arg, uint64_t key)
{
	struct keys *k = arg;

	if (k->n < 4096)
		k->v[k->n] = key;
	k->n++;
}

/*
 * 3000 Han characters of 64 (many repeats, so the sort sees long runs
 * of equal keys): the bigrams must come distinct and ascending, and be
 * exactly the pairs a 64 x 64 table of the text's pairs holds.
 */
static void
test_bigrams(void)
{
	static char text[3000 * 3];
	static struct keys got;
	unsigned char seen[64][64];
	struct pl_normer *nm;
	uint32_t x = 12345, prev = 0, c;
	size_t i, n = 0, want = 0, bad = 0;

	memset(seen, 0, sizeof(seen));
	for (i = 0; i < 3000; i++) {
		x = x * 1103515245 + 12345;
		c = 0x4E00 + (x >> 16) % 64;
		text[n++] = (char)(0xE0 | c >> 12);
		text[n++] = (char)(0x80 | (c >> 6 & 0x3F));
		text[n++] = (char)(0x80 | (c & 0x3F));
		if (i > 0)
			seen[prev - 0x4E00][c - 0x4E00] = 1;
		prev = c;
	}
	if ((nm = pl_normer_new(0)) == NULL) {
		ok(0, "pl_normer_new");
		return;
	}
	ok(pl_normer_bigrams(nm, text, n, add_key, &got) == 0,
	    "bigrams of 3000 Han characters");
	for (x = 0; x < 64; x++)
		for (c = 0; c < 64; c++) {
			if (!seen[x][c])
				continue;
			if (want >= got.n || got.v[want] !=
			    ((uint64_t)(0x4E00 + x) << 21 | (0x4E00 + c)))
				bad++;
			want++;
		}
	is_int((long)got.n, (long)want, "as many bigrams as distinct pairs");
	is_int((long)bad, 0, "the bigrams are the distinct pairs, ascending");
	pl_normer_free(nm);
}

int
main(void)
{
	struct fixture fx;
	struct pl_ingest_opts io;
	struct pl_tokcfg cfg;
	struct pl_corpus *c = NULL;
	struct pl_doc d[8];
	size_t nd = 0;

	d[nd++] = mkdoc("d1", "2022-01-01", "go go go. go go");
	d[nd++] = mkdoc("d2", "2022-01-02", "Inflation, expectations rose; "
	    "inflation expectations fell.");
	d[nd++] = mkdoc("d3", "2022-01-03", "党的二十大和二十届二中全会。"
	    "疫情，防控。疫情防控工作。美国总统和美国。哈哈哈哈。");
	d[nd++] = mkdoc("d4", "2022-01-04", "G20峰会在5G时代召开。二十。大会。"
	    "二十 大会。");
	d[nd++] = mkdoc("d5", "2022-01-05", "臺灣的經濟發展。");
	/* U+2F06 KANGXI RADICAL TWO, 二 after NFKC */
	d[nd++] = mkdoc("d6", "2022-01-06", "党的\xe2\xbc\x86十大开幕。");
	memset(&io, 0, sizeof(io));
	pl_tokcfg_defaults(&cfg);
	cfg.t2s = 1;
	io.cfg = &cfg;
	if (fixture_open(&fx, "match", "m.db") == -1)
		return 1;
	ok(fixture_ingest(&fx, &io, d, nd) == 0, "corpus of 6 documents");
	if (!ok(pl_corpus_open(fx.db, &c) == NULL && c->ndocs == nd,
	    "corpus opened"))
		return tap_done();

	/* Overlaps: "go go" in "go go go" once, then once more. */
	both(c, "go go", 2, "go go: occurrences never overlap");
	both(c, "go", 5, "go");
	both(c, "go|go go", 3, "alternatives together, longest first");
	/* Clause punctuation. */
	both(c, "inflation expectations", 1, "indexed bigram stops at a comma");
	is_int(code(c, "inflation, expectations"), PL_ERR_USAGE,
	    "a phrase across a comma is a usage error");
	is_int(code(c, "inflation. expectations"), PL_ERR_USAGE,
	    "a phrase across a period is a usage error");
	is_int(code(c, "疫情。防控"), PL_ERR_USAGE,
	    "a Chinese phrase across 。 is a usage error");
	/* Han characters, whatever the segmenter did. */
	both(c, "二十大", 2, "二十大 in 二十大和 (not across 。 or a space), "
	    "and in \xe2\xbc\x86十大 (a Kangxi radical, 二 after NFKC)");
	both(c, "大和", 1, "大和 straddles words");
	both(c, "疫情防控", 1, "疫情防控 not across ，");
	both(c, "美国", 2, "美国, also inside 美国总统");
	both(c, "哈哈", 2, "哈哈 in 哈哈哈哈: twice, not three times");
	both(c, "美国|美国总统", 2, "the longer alternative wins at a place");
	both(c, "大会", 2, "大会 twice in d4");
	/* Mixed scripts and folding. */
	both(c, "G20峰会", 1, "G20峰会");
	both(c, "g20峰会", 1, "g20峰会 case-folded");
	both(c, "Ｇ２０峰会", 1, "full-width Ｇ２０峰会 (NFKC)");
	both(c, "5G", 1, "5G (a token)");
	/* Traditional characters under t2s. */
	both(c, "台湾", 1, "台湾 finds 臺灣");
	both(c, "臺灣", 1, "臺灣 finds 臺灣");
	both(c, "经济发展", 1, "经济发展 finds 經濟發展");
	both(c, "没有的词", 0, "an absent term: zero");
	{
		int absent = 0;
		char *near = NULL;
		struct pl_term *t;
		ok(pl_term_parse(c, "inflatoin", &t) == NULL &&
		    pl_term_absent(c, t, &absent, &near) == NULL && absent &&
		    near != NULL && strcmp(near, "'inflation'") == 0,
		    "a misspelt word is absent, with a suggestion (%s)",
		    near ? near : "none");
		free(near);
		pl_term_free(t);
		near = NULL;
		ok(pl_term_parse(c, "inflation", &t) == NULL &&
		    pl_term_absent(c, t, &absent, &near) == NULL && !absent,
		    "a word the corpus has is not absent");
		free(near);
		pl_term_free(t);
	}
	/* --words: whole tokens only. */
	both(c, "统和美", 1, "统和美 cuts through two words");
	c->match_words = 1;
	is_int(fixture_total(c, "统和美"), 0,
	    "--words: 统和美 is no sequence of whole tokens");
	c->match_words = 0;
	is_int(pl_edit_distance("inflation", "inflatoin", 3), 2,
	    "edit distance counts a swap as 2");
	is_int(pl_edit_distance("二十大", "二十小", 3), 1,
	    "edit distance by code point");
	pl_corpus_free(c);
	fixture_remove(&fx);
	test_bigrams();
	return tap_done();
}
