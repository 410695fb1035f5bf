/*
 * fault.c - fault injection for the unit tests (fault.h).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "fault.h"

static atomic_long alloc_left;
static const char *_Atomic text_marker;

void
fault_alloc_after(long n)
{
	(void)fault_alloc();	/* the environment first, then n */
	atomic_store(&alloc_left, n > 0 ? n : 0);
}

/* PL_TEST_FAIL_ALLOC=N in the environment: the N-th allocation of a
 * table or plot fails, for end-to-end tests of the sticky status. */
static void
from_env(void)
{
	const char *s = getenv("PL_TEST_FAIL_ALLOC");
	long n;

	if (s != NULL && (n = strtol(s, NULL, 10)) > 0)
		atomic_store(&alloc_left, n);
}

int
fault_alloc(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	long n;

	pthread_once(&once, from_env);
	n = atomic_load_explicit(&alloc_left, memory_order_relaxed);

	while (n > 0) {
		if (atomic_compare_exchange_weak(&alloc_left, &n, n - 1))
			return n == 1;
	}
	return 0;
}

void
fault_text_nomem(const char *s)
{
	atomic_store(&text_marker, s);
}

int
fault_text(const char *text, size_t len)
{
	const char *m = atomic_load_explicit(&text_marker,
	    memory_order_relaxed);

	return m != NULL && memmem(text, len, m, strlen(m)) != NULL;
}
