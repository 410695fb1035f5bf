/*
 * file.h - the one way plenum writes a file (charts, --data tables).
 */
#ifndef PLENUM_FILE_H
#define PLENUM_FILE_H

#include <stddef.h>

#include "plenum/error.h"

/*
 * Writes len bytes to path atomically: a temporary file beside it, fsync,
 * then rename over path, so readers see the old file or the new one,
 * never a part.  The file gets mode 0666 less the umask (0644 under the
 * usual 022), like any file a command creates.  On error path is
 * untouched and the temporary file removed.
 */
const struct pl_error *pl_file_write_atomic(const char *path, const void *,
    size_t len);

#endif /* PLENUM_FILE_H */
