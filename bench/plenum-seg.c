/*
 * plenum-seg - benchmark: plenum's Chinese segmenter alone (lib/seg.c).
 *
 * Reads JSON Lines (a "text" string per line), cuts every run of Han
 * characters with seg_run() and prints the documents, Han bytes, words
 * and the segmenter's own CPU time and MB/s (reading and JSON parsing not
 * counted).  With -t it runs the whole tokenizer (pl_tokenize: words,
 * normalisation, sentences) instead and times that.  With -l it reads
 * plain lines instead and prints, for each, its tokens' byte spans in the
 * line as "offset,length" separated by spaces (for bench/seg_quality.py).
 * With -d it prints, for each JSON document, its tokens' normalised forms
 * separated by spaces, "|" between sentences (to diff the tokenizer's
 * output before and after a change).
 *
 *   cc -O2 -Iinclude -Ilib bench/plenum-seg.c build/libplenum.a \
 *      $(pkg-config --cflags --libs jansson libutf8proc opencc sqlite3 gsl glib-2.0) -lm
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "plenum/token.h"
#include "extern.h"

static double
cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A Han lead byte sequence: U+3400..U+9FFF and 〇 (3 bytes, E3..E9). */
static size_t
han_len(const unsigned char *s, size_t len, size_t i)
{
	unsigned cp;

	if (i + 2 >= len || s[i] < 0xe3 || s[i] > 0xe9)
		return 0;
	cp = ((s[i] & 0x0fu) << 12) | ((s[i + 1] & 0x3fu) << 6) |
	    (s[i + 2] & 0x3fu);
	return ((cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 &&
	    cp <= 0x9fff) || cp == 0x3007) ? 3 : 0;
}

int
main(int argc, char **argv)
{
	int whole = argc > 2 && (strcmp(argv[1], "-t") == 0 ||
	    strcmp(argv[1], "-d") == 0);
	int dump = argc > 2 && strcmp(argv[1], "-d") == 0;
	const char *path = argv[argc - 1];
	FILE *fp;
	char *line = NULL;
	size_t cap = 0, docs = 0, words = 0, hanbytes = 0, bytes = 0;
	ssize_t n;
	double t = 0;
	struct seg *sg = NULL;
	struct pl_tokenizer *tk = NULL;
	struct pl_tokens toks;

	if (argc < 2 || (fp = fopen(path, "r")) == NULL) {
		fprintf(stderr, "usage: plenum-seg [-t | -l | -d] FILE\n");
		return 2;
	}
	pl_tokens_init(&toks);
	if (seg_new(NULL, &sg) != NULL || pl_tokenizer_new(NULL, &tk) != NULL)
		return 1;
	if (argc > 2 && strcmp(argv[1], "-l") == 0) {
		while ((n = getline(&line, &cap, fp)) > 0) {
			size_t i;
			if (pl_tokenize(tk, line, (size_t)n, &toks) != NULL)
				return 1;
			for (i = 0; i < toks.n; i++)
				printf("%s%u,%u", i ? " " : "", toks.v[i].off,
				    toks.v[i].len);
			putchar('\n');
		}
		return 0;
	}
	while ((n = getline(&line, &cap, fp)) > 0) {
		json_t *o = json_loadb(line, (size_t)n, 0, NULL), *tx;
		const unsigned char *s;
		size_t len, i, k;
		double t0;

		if (o == NULL || (tx = json_object_get(o, "text")) == NULL ||
		    !json_is_string(tx)) {
			json_decref(o);
			continue;
		}
		s = (const unsigned char *)json_string_value(tx);
		len = json_string_length(tx);
		docs++;
		bytes += len;
		t0 = cpu();
		if (whole) {
			if (pl_tokenize(tk, (const char *)s, len, &toks) != NULL)
				return 1;
			words += toks.n;
			if (dump) {
				for (i = 0; i < toks.n; i++)
					printf("%s%s", i == 0 ? "" :
					    toks.v[i].sent != toks.v[i - 1].sent ?
					    " | " : " ", PL_TOKEN_STR(&toks, i));
				putchar('\n');
			}
		} else
			for (i = 0; i < len;) {
				const uint32_t *sp;
				size_t ns;
				if ((k = han_len(s, len, i)) == 0) {
					i++;
					continue;
				}
				for (k = i; k < len && han_len(s, len, k);)
					k += 3;
				if (seg_run(sg, (const char *)s + i, k - i, &sp,
				    &ns) != NULL)
					return 1;
				words += ns;
				hanbytes += k - i;
				i = k;
			}
		t += cpu() - t0;
		json_decref(o);
	}
	if (whole)
		printf("docs %zu bytes %zu tokens %zu cpu %.3f s %.1f MB/s\n",
		    docs, bytes, words, t, bytes / t / 1e6);
	else
		printf("docs %zu han_bytes %zu words %zu cpu %.3f s %.1f MB/s\n",
		    docs, hanbytes, words, t, hanbytes / t / 1e6);
	free(line);
	fclose(fp);
	pl_tokens_release(&toks);
	pl_tokenizer_free(tk);
	seg_free(sg);
	return 0;
}
