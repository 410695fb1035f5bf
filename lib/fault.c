/*
 * fault.c - fault injection for the unit tests (fault.h).
 */
#include <stdatomic.h>
#include <string.h>

#include "fault.h"

static atomic_long alloc_left;
static const char *_Atomic text_marker;

void
fault_alloc_after(long n)
{
	atomic_store(&alloc_left, n > 0 ? n : 0);
}

int
fault_alloc(void)
{
	long n = atomic_load_explicit(&alloc_left, memory_order_relaxed);

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
