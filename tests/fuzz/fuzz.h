/*
 * fuzz.h - what every harness in tests/fuzz/ defines.  The same sources
 * build two ways: with clang's libFuzzer (make fuzz) and, with any
 * compiler, against main.c, which replays the files or directories named
 * on its command line (make check replays the seed corpora that way).
 */
#ifndef PLENUM_FUZZ_H
#define PLENUM_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int	LLVMFuzzerInitialize(int *argc, char ***argv);
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * A path whose content is the given bytes (a memfd, rewritten on each
 * call), for APIs that read files by name.  Aborts when it cannot.
 */
const char *fuzz_file(const uint8_t *data, size_t size);

/* A directory made once per process, removed at exit. */
const char *fuzz_tmpdir(void);

#endif /* PLENUM_FUZZ_H */
