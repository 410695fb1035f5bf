/*
 * util.c - helpers the harnesses share (see fuzz.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"

static int	memfd = -1;
static char	memfd_path[64];
static char	tmpdir[64];

const char *
fuzz_file(const uint8_t *data, size_t size)
{
	size_t off = 0;
	ssize_t n;

	if (memfd == -1) {
		if ((memfd = memfd_create("fuzz-input", 0)) == -1) {
			perror("memfd_create");
			abort();
		}
		snprintf(memfd_path, sizeof(memfd_path), "/proc/self/fd/%d",
		    memfd);
	}
	if (ftruncate(memfd, 0) == -1) {
		perror("ftruncate");
		abort();
	}
	while (off < size) {
		if ((n = pwrite(memfd, data + off, size - off,
		    (off_t)off)) <= 0) {
			perror("pwrite");
			abort();
		}
		off += (size_t)n;
	}
	return memfd_path;
}

static void
rm_tmpdir(void)
{
	char cmd[128];

	if (tmpdir[0] != '\0') {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			fprintf(stderr, "fuzz: cannot remove %s\n", tmpdir);
	}
}

const char *
fuzz_tmpdir(void)
{
	const char *base;

	if (tmpdir[0] != '\0')
		return tmpdir;
	if ((base = getenv("TMPDIR")) == NULL || strlen(base) > 40)
		base = "/tmp";
	snprintf(tmpdir, sizeof(tmpdir), "%s/plenum-fuzz.XXXXXX", base);
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		abort();
	}
	atexit(rm_tmpdir);
	return tmpdir;
}
