/*
 * html.h - writing HTML pages: text escaped for element content and
 * attribute values.
 */
#ifndef PLENUM_HTML_H
#define PLENUM_HTML_H

#include <stddef.h>
#include <stdio.h>

/*
 * Writes len bytes of UTF-8 text to fp with & < > " ' written as
 * character references, so it is safe inside element content and quoted
 * attribute values.  Write errors are left to ferror(fp).
 */
void pl_html_escape(FILE *fp, const char *s, size_t len);

#endif /* PLENUM_HTML_H */
