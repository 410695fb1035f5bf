/*
 * token.c - the tokenizer over arbitrary bytes.  Valid UTF-8 must
 * tokenize (anything else is an "invalid UTF-8" error); every token lies
 * inside the input, its normal form is NUL-terminated inside the buffer,
 * sentence numbers never go down.
 */
#include <stdlib.h>
#include <string.h>

#include "plenum/corpus.h"
#include "plenum/token.h"
#include "fuzz.h"

static struct pl_tokenizer *tk;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (pl_tokenizer_new(NULL, &tk) != NULL)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct pl_error *err;
	struct pl_tokens t;
	const char *s = (const char *)data;
	size_t i;
	uint32_t sent = 0;

	pl_tokens_init(&t);
	err = pl_tokenize(tk, s, size, &t);
	if (err != NULL) {
		if (pl_utf8_check(s, size) == -1)
			abort();	/* valid text refused */
		goto done;
	}
	for (i = 0; i < t.n; i++) {
		const struct pl_token *k = &t.v[i];

		if ((size_t)k->off + k->len > size || k->len == 0)
			abort();
		if ((size_t)k->norm + k->nlen >= t.nlen ||
		    t.norm[k->norm + k->nlen] != '\0' ||
		    strlen(t.norm + k->norm) != k->nlen)
			abort();
		if (k->sent < sent)
			abort();
		sent = k->sent;
		if (pl_utf8_check(s + k->off, k->len) != -1)
			abort();
	}
done:
	pl_tokens_release(&t);
	return 0;
}
