/*
 * error.h - errors returned by the plenum library.
 *
 * Library functions return const struct pl_error *: NULL means success.
 * The error lives in thread-local storage owned by the library; callers
 * never free it.  Each new error takes the next of 8 slots, so an error
 * stays valid while the next 7 errors of its thread are made: long
 * enough to wrap it, format it into another or clean up after it.  Keep
 * it no longer (copy the message if you must).
 */
#ifndef PLENUM_ERROR_H
#define PLENUM_ERROR_H

enum pl_errcode {
	PL_ERR_OK = 0,
	PL_ERR_NOMEM,		/* out of memory */
	PL_ERR_IO,		/* a system call failed; errno kept in sys_errno */
	PL_ERR_PARSE,		/* input data is malformed */
	PL_ERR_DB,		/* SQLite reported an error */
	PL_ERR_USAGE,		/* the caller passed a bad argument or option */
	PL_ERR_NOTFOUND,	/* a named thing does not exist */
	PL_ERR_DATA,		/* data is valid but cannot be used (e.g. empty) */
	PL_ERR_STATS,		/* a statistical routine failed */
	PL_ERR_DAMAGED,		/* a database holds impossible values */
	PL_ERR_INTERNAL
};

#define PL_ERROR_MSG	1024

struct pl_error {
	enum pl_errcode	 code;
	int		 sys_errno;
	char		 msg[PL_ERROR_MSG];
};

/* Returns an error built from a printf-style message; borrowed. */
const struct pl_error *pl_error_fmt(enum pl_errcode, const char *, ...)
    __attribute__((format(printf, 2, 3)));

/* Returns "context: strerror(errno)" as a PL_ERR_IO error; borrowed. */
const struct pl_error *pl_error_from_errno(const char *context);

/* Like pl_error_from_errno with a printf-style context; borrowed. */
const struct pl_error *pl_error_from_errno_fmt(const char *, ...)
    __attribute__((format(printf, 1, 2)));

/*
 * Returns "context: strerror(errnum)" for an error number a function
 * returned rather than set in errno (pthread_create); PL_ERR_NOMEM for
 * ENOMEM, else PL_ERR_IO.  Borrowed.
 */
const struct pl_error *pl_error_from_code(int errnum, const char *context);

/* Returns a PL_ERR_NOMEM error; borrowed. */
const struct pl_error *pl_error_nomem(void);

/*
 * Returns a new error with the code of e and its message prefixed with
 * "context: "; NULL when e is NULL.  Borrowed.
 */
const struct pl_error *pl_error_wrap(const struct pl_error *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

#endif /* PLENUM_ERROR_H */
