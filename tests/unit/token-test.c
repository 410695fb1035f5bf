/*
 * token-test.c - the tokenizer: normalisation, word rules, sentences,
 * Chinese segmentation, offsets, stopwords, invalid UTF-8.
 *
 * Expected strings are written by hand from the rules in
 * docs/TOKENIZER.md: tokens joined by one space, sentences by " | ".
 */
#include <stdlib.h>
#include <string.h>

#include "plenum/token.h"
#include "tap.h"

static struct pl_tokens toks;
static char out[8192];

static const char *
tokenize(struct pl_tokenizer *tk, const char *text)
{
	const struct pl_error *err;
	size_t i, n = 0;

	out[0] = '\0';
	if ((err = pl_tokenize(tk, text, strlen(text), &toks)) != NULL) {
		snprintf(out, sizeof(out), "error: %s", err->msg);
		return out;
	}
	for (i = 0; i < toks.n; i++) {
		const char *sep = i == 0 ? "" :
		    toks.v[i].sent != toks.v[i - 1].sent ? " | " : " ";
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s", sep,
		    PL_TOKEN_STR(&toks, i));
	}
	return out;
}

/* The test name is the text with newlines shown as \n. */
static const char *
name(const char *text)
{
	static char buf[512];
	size_t i, n = 0;

	for (i = 0; text[i] != '\0' && n + 3 < sizeof(buf); i++) {
		if (text[i] == '\n') {
			buf[n++] = '\\';
			buf[n++] = 'n';
		} else
			buf[n++] = text[i];
	}
	buf[n] = '\0';
	return buf;
}

#define T(text, want)	is_str(tokenize(tk, text), want, name(text))

int
main(void)
{
	struct pl_tokenizer *tk, *tk2;
	struct pl_tokcfg cfg;
	const struct pl_error *err;
	const char *s;
	size_t i;
	int spans_ok;

	pl_tokens_init(&toks);
	err = pl_tokenizer_new(NULL, &tk);
	if (!ok(err == NULL, "tokenizer with defaults"))
		return tap_done();

	/* Normalisation: NFKC and full case folding. */
	T("\xef\xbc\xa3\xef\xbd\x8f\xef\xbd\x8d\xef\xbd\x8d\xef\xbd\x89"
	    "\xef\xbd\x94\xef\xbd\x94\xef\xbd\x85\xef\xbd\x85 COMMITTEE committee",
	    "committee committee committee");
	T("Stra\xc3\x9f" "e STRASSE", "strasse strasse");	/* ß folds to ss */
	T("\xef\xac\x81nance", "finance");			/* ﬁ ligature */
	T("Cafe\xcc\x81 Caf\xc3\xa9", "caf\xc3\xa9 caf\xc3\xa9");	/* NFC */

	/* Apostrophes. */
	T("The committee's view", "the committee view");
	T("The committee\xe2\x80\x99s view", "the committee view");
	T("We don't agree; we don\xe2\x80\x99t", "we don't agree we don't");
	T("the countries' leaders", "the countries leaders");
	T("'quoted' words", "quoted words");

	/* Hyphens. */
	T("long-term and long\xe2\x80\x90term plans", "long-term and long-term plans");
	T("COVID-19 cases", "covid-19 cases");
	T("a - b -- c", "a b c");
	T("1995\xe2\x80\x93" "2000", "1995 2000");		/* en dash splits */

	/* Numbers. */
	T("4-1/2 percent", "4-1/2 percent");
	T("In 2022, the 20th Congress", "in 2022 the 20th congress");
	T("1,000 and 2.5% and 10:30", "1,000 and 2.5 and 10:30");
	T("1,2,3", "1 2 3");
	T("$4.25 billion", "4.25 billion");

	/* URLs and e-mail. */
	T("See https://www.federalreserve.gov/a.htm. Then",
	    "see https://www.federalreserve.gov/a.htm | then");
	T("visit www.un.org, now", "visit www.un.org now");
	T("mail press@un.org today", "mail press@un.org today");

	/* Sentences. */
	T("It rose. It fell! Why? Because.",
	    "it rose | it fell | why | because");
	T("Mr. Smith met Dr. Jones.", "mr smith met dr jones");
	T("The U.S. economy grew.", "the u.s. economy grew");
	T("J. Powell spoke.", "j powell spoke");
	T("See No. 5 and Art. 2 of it.", "see no 5 and art 2 of it");
	T("He said no. Then left.", "he said no | then left");
	T("approx. three percent", "approx three percent");
	T("end of a line\nstill the same sentence", "end of a line still the same sentence");
	T("A heading\n\nFirst paragraph", "a heading | first paragraph");
	T("\"It grew.\" Then it fell.", "it grew | then it fell");
	T("Wait... Really", "wait | really");

	/* Chinese: plenum's segmenter (more in seg-test.c). */
	T("\xe7\x96\xab\xe6\x83\x85\xe9\x98\xb2\xe6\x8e\xa7",	/* 疫情防控 */
	    "\xe7\x96\xab\xe6\x83\x85 \xe9\x98\xb2\xe6\x8e\xa7");
	T("\xe4\xb9\xa0\xe8\xbf\x91\xe5\xb9\xb3\xe6\x96\xb0\xe6\x97\xb6\xe4\xbb"
	    "\xa3\xe4\xb8\xad\xe5\x9b\xbd\xe7\x89\xb9\xe8\x89\xb2\xe7\xa4\xbe\xe4"
	    "\xbc\x9a\xe4\xb8\xbb\xe4\xb9\x89",	/* 习近平新时代中国特色社会主义 */
	    "\xe4\xb9\xa0\xe8\xbf\x91\xe5\xb9\xb3 \xe6\x96\xb0\xe6\x97\xb6\xe4\xbb"
	    "\xa3 \xe4\xb8\xad\xe5\x9b\xbd\xe7\x89\xb9\xe8\x89\xb2\xe7\xa4\xbe\xe4"
	    "\xbc\x9a\xe4\xb8\xbb\xe4\xb9\x89");
	/* 会议强调。G20峰会在2022年举行！ mixed Chinese, Latin, numbers */
	T("\xe4\xbc\x9a\xe8\xae\xae\xe5\xbc\xba\xe8\xb0\x83\xe3\x80\x82G20"
	    "\xe5\xb3\xb0\xe4\xbc\x9a\xe5\x9c\xa8" "2022"
	    "\xe5\xb9\xb4\xe4\xb8\xbe\xe8\xa1\x8c\xef\xbc\x81",
	    "\xe4\xbc\x9a\xe8\xae\xae \xe5\xbc\xba\xe8\xb0\x83 | g20 "
	    "\xe5\xb3\xb0\xe4\xbc\x9a \xe5\x9c\xa8 2022\xe5\xb9\xb4 "
	    "\xe4\xb8\xbe\xe8\xa1\x8c");

	/* Offsets: every token's span is the original text. */
	s = "The Committee\xe2\x80\x99s long-term plan; \xe7\x96\xab\xe6\x83\x85"
	    "\xe9\x98\xb2\xe6\x8e\xa7 https://x.org/a. \xef\xbc\xa3\xef\xbd\x8f";
	tokenize(tk, s);
	spans_ok = toks.n == 8;
	{
		static const char *const orig[] = { "The", "Committee", "long-term",
		    "plan", "\xe7\x96\xab\xe6\x83\x85", "\xe9\x98\xb2\xe6\x8e\xa7",
		    "https://x.org/a", "\xef\xbc\xa3\xef\xbd\x8f" };
		for (i = 0; spans_ok && i < toks.n; i++)
			if (toks.v[i].len != strlen(orig[i]) ||
			    memcmp(s + toks.v[i].off, orig[i], toks.v[i].len) != 0)
				spans_ok = 0;
	}
	ok(spans_ok, "token spans point at the original text");
	is_int(toks.nsent, 2, "two sentences (\"a. \" before a capital)");

	/* Invalid UTF-8 is an error, never mangled. */
	is_str(tokenize(tk, "abc \xff def"), "error: invalid UTF-8 at byte 4",
	    "invalid byte");
	is_str(tokenize(tk, "abc \xe7\x96"), "error: invalid UTF-8 at byte 4",
	    "truncated sequence");
	is_str(tokenize(tk, "\xc0\xaf"), "error: invalid UTF-8 at byte 0",
	    "overlong encoding");
	is_str(tokenize(tk, ""), "", "empty text has no tokens");
	is_int(toks.nsent, 0, "and no sentences");

	/* Stopwords: built-in English and Chinese, normalised. */
	ok(pl_tokenizer_is_stop(tk, "the", 3), "'the' is a stopword");
	ok(pl_tokenizer_is_stop(tk, "don't", 5), "'don't' is a stopword");
	ok(!pl_tokenizer_is_stop(tk, "law", 3), "'law' is not");
	ok(!pl_tokenizer_is_stop(tk, "rule", 4), "'rule' is not");
	ok(pl_tokenizer_is_stop(tk, "\xe7\x9a\x84", 3), "'\xe7\x9a\x84' is a stopword");
	ok(!pl_tokenizer_is_stop(tk, "\xe5\x8f\x91\xe5\xb1\x95", 6),
	    "'\xe5\x8f\x91\xe5\xb1\x95' is not");

	/* A user dictionary and stopword list. */
	pl_tokcfg_defaults(&cfg);
	cfg.user_dict = "# slogans\n\xe5\x85\xb1\xe5\x90\x8c\xe5\xaf\x8c\xe8\xa3\x95\n"
	    "\xe4\xb8\xa4\xe4\xb8\xaa\xe7\xa1\xae\xe7\xab\x8b\n";
	cfg.user_stop = "Meeting\n";
	snprintf(cfg.stoplangs, sizeof(cfg.stoplangs), "en");
	err = pl_tokenizer_new(&cfg, &tk2);
	ok(err == NULL, "tokenizer with a user dictionary");
	if (err == NULL) {
		/* 推动共同富裕 */
		is_str(tokenize(tk2, "\xe6\x8e\xa8\xe5\x8a\xa8\xe5\x85\xb1\xe5\x90"
		    "\x8c\xe5\xaf\x8c\xe8\xa3\x95"),
		    "\xe6\x8e\xa8\xe5\x8a\xa8 \xe5\x85\xb1\xe5\x90\x8c\xe5\xaf\x8c"
		    "\xe8\xa3\x95", "user word kept whole");
		ok(pl_tokenizer_is_stop(tk2, "meeting", 7),
		    "user stopword, case-folded");
		ok(!pl_tokenizer_is_stop(tk2, "\xe7\x9a\x84", 3),
		    "no Chinese list with stoplangs=en");
		pl_tokenizer_free(tk2);
	}
	/* Without it the slogan is whole too: an official term. */
	is_str(tokenize(tk, "\xe5\x85\xb1\xe5\x90\x8c\xe5\xaf\x8c\xe8\xa3\x95"),
	    "\xe5\x85\xb1\xe5\x90\x8c\xe5\xaf\x8c\xe8\xa3\x95",
	    "the official terms keep it whole");

	/* Traditional to simplified. */
	pl_tokcfg_defaults(&cfg);
	cfg.t2s = 1;
	if (pl_tokenizer_new(&cfg, &tk2) == NULL) {
		/* 在國務院 -> 在 国务院 (the dictionary knows the simplified word) */
		is_str(tokenize(tk2, "\xe5\x9c\xa8\xe5\x9c\x8b\xe5\x8b\x99"
		    "\xe9\x99\xa2"), "\xe5\x9c\xa8 \xe5\x9b\xbd\xe5\x8a\xa1"
		    "\xe9\x99\xa2", "traditional folded to simplified");
		ok(toks.n == 2 && toks.v[1].off == 3 && toks.v[1].len == 9,
		    "spans stay on the traditional text");
		is_str(tokenize(tk, "\xe5\x9c\xa8\xe5\x9c\x8b\xe5\x8b\x99"
		    "\xe9\x99\xa2"), "\xe5\x9c\xa8 \xe5\x9c\x8b\xe5\x8b\x99"
		    "\xe9\x99\xa2", "without folding it stays traditional");
		pl_tokenizer_free(tk2);
	} else
		ok(0, "t2s tokenizer");

	/* Settings are checked. */
	pl_tokcfg_defaults(&cfg);
	cfg.ngram_max = 9;
	ok(pl_tokenizer_new(&cfg, &tk2) != NULL, "n-gram length 9 refused");
	pl_tokcfg_defaults(&cfg);
	snprintf(cfg.stoplangs, sizeof(cfg.stoplangs), "fr");
	ok(pl_tokenizer_new(&cfg, &tk2) != NULL, "unknown stopword list refused");

	pl_tokenizer_free(tk);
	pl_tokens_release(&toks);
	return tap_done();
}
