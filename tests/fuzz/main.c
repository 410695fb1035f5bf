/*
 * main.c - replays inputs through a harness without libFuzzer: every file
 * named, and every file in every directory named.  Exit status 0 when each
 * input ran (a finding aborts under the sanitizers, or is a crash), 1 when
 * an input cannot be read.  Prints "N inputs" on success.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int
run_file(const char *path)
{
	FILE *fp;
	uint8_t *buf = NULL;
	size_t n = 0, cap = 0, k;
	int rc = -1;

	if ((fp = fopen(path, "rb")) == NULL) {
		perror(path);
		return -1;
	}
	for (;;) {
		if (n == cap) {
			uint8_t *p;

			cap = cap == 0 ? 4096 : cap * 2;
			if ((p = realloc(buf, cap)) == NULL)
				goto done;
			buf = p;
		}
		k = fread(buf + n, 1, cap - n, fp);
		n += k;
		if (k == 0)
			break;
	}
	if (ferror(fp)) {
		perror(path);
		goto done;
	}
	LLVMFuzzerTestOneInput(buf, n);
	rc = 0;
done:
	fclose(fp);
	free(buf);
	return rc;
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	struct stat sb;
	struct dirent *de;
	DIR *d;
	char **names, path[4096];
	size_t n, cap, i, total = 0;
	int a, bad = 0;

	LLVMFuzzerInitialize(&argc, &argv);
	for (a = 1; a < argc; a++) {
		if (stat(argv[a], &sb) == -1) {
			perror(argv[a]);
			bad = 1;
			continue;
		}
		if (!S_ISDIR(sb.st_mode)) {
			bad |= run_file(argv[a]) != 0;
			total++;
			continue;
		}
		if ((d = opendir(argv[a])) == NULL) {
			perror(argv[a]);
			bad = 1;
			continue;
		}
		names = NULL;
		n = cap = 0;
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			if (n == cap) {
				cap = cap == 0 ? 64 : cap * 2;
				if ((names = realloc(names,
				    cap * sizeof(*names))) == NULL)
					abort();
			}
			if ((names[n++] = strdup(de->d_name)) == NULL)
				abort();
		}
		closedir(d);
		qsort(names, n, sizeof(*names), cmp);
		for (i = 0; i < n; i++) {
			snprintf(path, sizeof(path), "%s/%s", argv[a],
			    names[i]);
			bad |= run_file(path) != 0;
			total++;
			free(names[i]);
		}
		free(names);
	}
	if (!bad)
		printf("%zu inputs\n", total);
	return bad;
}
