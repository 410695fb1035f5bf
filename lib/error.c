/*
 * error.c - the library's error values (see include/plenum/error.h).
 *
 * Errors live in a small ring of thread-local slots, as got's do: a new
 * error takes the next slot, so an error still held (or being wrapped,
 * or formatted into a new one) is not overwritten by the next few.  Every
 * message is formatted into a local buffer first, so an argument may
 * point into any slot.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "plenum/error.h"

#define NSLOTS	8

static _Thread_local struct pl_error	slots[NSLOTS];
static _Thread_local unsigned		next_slot;

static struct pl_error *
slot_new(enum pl_errcode code, int sys_errno, const char *msg)
{
	struct pl_error *e = &slots[next_slot++ % NSLOTS];

	e->code = code;
	e->sys_errno = sys_errno;
	snprintf(e->msg, sizeof(e->msg), "%s", msg);
	return e;
}

/* Writes "a: b" into msg (PL_ERROR_MSG bytes), truncated to fit. */
static void
join(char *msg, const char *a, const char *b)
{
	size_t cap = PL_ERROR_MSG - 1, n, k;

	n = strlen(a);
	if (n > cap)
		n = cap;
	memcpy(msg, a, n);
	if (n + 2 <= cap) {
		memcpy(msg + n, ": ", 2);
		n += 2;
		k = strlen(b);
		if (k > cap - n)
			k = cap - n;
		memcpy(msg + n, b, k);
		n += k;
	}
	msg[n] = '\0';
}

const struct pl_error *
pl_error_fmt(enum pl_errcode code, const char *fmt, ...)
{
	char msg[PL_ERROR_MSG];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return slot_new(code, 0, msg);
}

const struct pl_error *
pl_error_from_errno(const char *context)
{
	char msg[PL_ERROR_MSG];
	int e = errno;

	join(msg, context, strerror(e));
	return slot_new(PL_ERR_IO, e, msg);
}

const struct pl_error *
pl_error_from_errno_fmt(const char *fmt, ...)
{
	char ctx[PL_ERROR_MSG];
	int e = errno;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ctx, sizeof(ctx), fmt, ap);
	va_end(ap);
	errno = e;
	return pl_error_from_errno(ctx);
}

const struct pl_error *
pl_error_from_code(int errnum, const char *context)
{
	char msg[PL_ERROR_MSG];

	join(msg, context, strerror(errnum));
	return slot_new(errnum == ENOMEM ? PL_ERR_NOMEM : PL_ERR_IO, errnum,
	    msg);
}

const struct pl_error *
pl_error_nomem(void)
{
	return slot_new(PL_ERR_NOMEM, ENOMEM, "out of memory");
}

const struct pl_error *
pl_error_wrap(const struct pl_error *e, const char *fmt, ...)
{
	char ctx[PL_ERROR_MSG], msg[PL_ERROR_MSG];
	va_list ap;

	if (e == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(ctx, sizeof(ctx), fmt, ap);
	va_end(ap);
	join(msg, ctx, e->msg);
	return slot_new(e->code, e->sys_errno, msg);
}
