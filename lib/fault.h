/*
 * fault.h - fault injection for the unit tests, private to lib/ and
 * tests/unit.  Everything is off until a test turns it on; a site then
 * costs one atomic load.
 *
 *	fault_alloc_after(n)	the n-th fault_alloc() from now (n = 1: the
 *				next) says "fail", once; 0 turns it off
 *	fault_alloc()		1 when the allocation at this site is to fail
 *				(PL_TEST_FAIL_ALLOC=N in the environment sets
 *				n at the first call, for end-to-end tests)
 *	fault_text_nomem(s)	tokenizing a document whose text contains s
 *				fails with "out of memory" (in a worker or
 *				not: the same document either way); NULL off
 *	fault_text(text, len)	1 when that document is to fail
 */
#ifndef PL_FAULT_H
#define PL_FAULT_H

#include <stddef.h>

void	fault_alloc_after(long n);
int	fault_alloc(void);
void	fault_text_nomem(const char *s);
int	fault_text(const char *text, size_t len);

#endif
