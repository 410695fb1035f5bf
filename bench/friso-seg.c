/*
 * friso-seg — benchmark peer: Chinese word segmentation with friso alone.
 *
 * Reads JSON Lines (one object per line with a "text" string), segments
 * every text with friso (complex/MMSEG mode, UTF-8, the Debian friso-dict
 * lexicons) and prints the total number of tokens and documents.  It does
 * nothing else: no normalisation, no n-grams, no storage.  That makes it
 * the floor for a Chinese ingest, which has to segment the same text.
 *
 *   cc -O2 bench/friso-seg.c $(pkg-config --cflags --libs friso jansson) \
 *      -o friso-seg
 *   friso-seg docs.jsonl            count tokens in every "text"
 *   friso-seg -p 'SENTENCE' ...     print the tokens of each SENTENCE,
 *                                   separated by " / " (sanity check)
 *
 * Settings: friso_init_config() defaults (max_len 5, Chinese name
 * recognition on) with complex mode and add_syn = 0, so a token is a
 * segment of the text and synonyms are not appended.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <friso.h>
#include <jansson.h>

/* friso appends "friso.lex.ini" to this directory (it must end in '/'). */
#define LEX_DIR "/usr/share/friso/dict/UTF-8/"

static const char *prog = "friso-seg";

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: %s FILE.jsonl\n"
	    "       %s -p SENTENCE...\n", prog, prog);
}

/* Print the tokens of one text, " / "-separated, on one line. */
static void
print_tokens(friso_t friso, friso_config_t config, friso_task_t task,
    const char *text)
{
	int first = 1;

	friso_set_text(task, (fstring)text);
	while (config->next_token(friso, config, task) != NULL) {
		printf("%s%s", first ? "" : " / ", task->token->word);
		first = 0;
	}
	putchar('\n');
}

/* Segment the "text" of every line of path; return 0 or 1 on error. */
static int
count_file(friso_t friso, friso_config_t config, friso_task_t task,
    const char *path)
{
	FILE *fp;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long lineno = 0, docs = 0;
	unsigned long long tokens = 0;
	int rc = 0;

	if ((fp = fopen(path, "r")) == NULL) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		return 1;
	}
	while ((len = getline(&line, &cap, fp)) != -1) {
		json_error_t err;
		json_t *doc, *text;

		lineno++;
		if (len <= 1)
			continue;
		doc = json_loadb(line, (size_t)len, 0, &err);
		if (doc == NULL) {
			fprintf(stderr, "%s: %s:%lu: %s\n", prog, path,
			    lineno, err.text);
			rc = 1;
			break;
		}
		text = json_object_get(doc, "text");
		if (!json_is_string(text)) {
			fprintf(stderr, "%s: %s:%lu: \"text\": expected a "
			    "string\n", prog, path, lineno);
			json_decref(doc);
			rc = 1;
			break;
		}
		friso_set_text(task, (fstring)json_string_value(text));
		while (config->next_token(friso, config, task) != NULL)
			tokens++;
		docs++;
		json_decref(doc);
	}
	if (rc == 0 && ferror(fp)) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		rc = 1;
	}
	free(line);
	fclose(fp);
	if (rc == 0)
		printf("%llu tokens in %lu documents\n", tokens, docs);
	return rc;
}

int
main(int argc, char **argv)
{
	friso_t friso;
	friso_config_t config;
	friso_task_t task;
	int rc = 0, i;

	if (argc < 2 || strcmp(argv[1], "-h") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "-p") == 0 && argc < 3) {
		usage(stderr);
		return 2;
	}

	friso = friso_new();
	config = friso_new_config();
	friso_init_config(config);
	friso_set_mode(config, __FRISO_COMPLEX_MODE__);
	config->add_syn = 0;
	friso->charset = FRISO_UTF8;
	friso->dic = friso_dic_new();
	friso_dic_load_from_ifile(friso, config, LEX_DIR,
	    config->max_len * 3);
	if (friso_all_dic_size(friso->dic) == 0) {
		fprintf(stderr, "%s: no lexicon loaded from %s\n", prog,
		    LEX_DIR);
		return 1;
	}
	task = friso_new_task();

	if (strcmp(argv[1], "-p") == 0)
		for (i = 2; i < argc; i++)
			print_tokens(friso, config, task, argv[i]);
	else
		rc = count_file(friso, config, task, argv[1]);

	friso_free_task(task);
	friso_free_config(config);
	friso_free(friso);	/* also frees friso->dic */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: stdout: %s\n", prog, strerror(errno));
		return 1;
	}
	return rc;
}
