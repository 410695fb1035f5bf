/*
 * error.c - the library's error values (see include/plenum/error.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "plenum/error.h"

static _Thread_local struct pl_error err_storage;
static _Thread_local char err_tmp[sizeof(err_storage.msg)];

/* Sets the message to "a: b", truncated to fit. */
static void
set_pair(const char *a, const char *b)
{
	size_t cap = sizeof(err_storage.msg) - 1, n = 0, k;
	char tmp[sizeof(err_storage.msg)];

	k = strlen(a);
	if (k > cap)
		k = cap;
	memcpy(tmp, a, k);
	n = k;
	if (n + 2 <= cap) {
		memcpy(tmp + n, ": ", 2);
		n += 2;
		k = strlen(b);
		if (k > cap - n)
			k = cap - n;
		memcpy(tmp + n, b, k);
		n += k;
	}
	tmp[n] = '\0';
	memcpy(err_storage.msg, tmp, n + 1);
}

const struct pl_error *
pl_error_fmt(enum pl_errcode code, const char *fmt, ...)
{
	va_list ap;

	err_storage.code = code;
	err_storage.sys_errno = 0;
	va_start(ap, fmt);
	vsnprintf(err_storage.msg, sizeof(err_storage.msg), fmt, ap);
	va_end(ap);
	return &err_storage;
}

const struct pl_error *
pl_error_from_errno(const char *context)
{
	int e = errno;

	err_storage.code = PL_ERR_IO;
	err_storage.sys_errno = e;
	set_pair(context, strerror(e));
	return &err_storage;
}

const struct pl_error *
pl_error_from_errno_fmt(const char *fmt, ...)
{
	int e = errno;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err_tmp, sizeof(err_tmp), fmt, ap);
	va_end(ap);
	errno = e;
	return pl_error_from_errno(err_tmp);
}

const struct pl_error *
pl_error_nomem(void)
{
	return pl_error_fmt(PL_ERR_NOMEM, "out of memory");
}

const struct pl_error *
pl_error_wrap(const struct pl_error *e, const char *fmt, ...)
{
	va_list ap;
	if (e == NULL)
		return NULL;
	if (e != &err_storage)
		err_storage = *e;
	va_start(ap, fmt);
	vsnprintf(err_tmp, sizeof(err_tmp), fmt, ap);
	va_end(ap);
	{
		char old[sizeof(err_storage.msg)];
		memcpy(old, err_storage.msg, sizeof(old));
		set_pair(err_tmp, old);
	}
	return &err_storage;
}
