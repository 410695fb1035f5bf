/*
 * html.h - the pieces of an HTML page that must be right every time:
 * escaped text, images as data URIs, sparklines as inline SVG
 * (plenum report; docs/REPORT.md).  Everything is written to a FILE *
 * the caller hands in; nothing here prints on its own.
 */
#ifndef PLENUM_HTML_H
#define PLENUM_HTML_H

#include <stddef.h>
#include <stdio.h>

#include "plenum/error.h"

/*
 * Writes UTF-8 text as HTML character data that is also safe inside a
 * double- or single-quoted attribute: & < > " ' are written as entities;
 * control characters other than tab and newline become spaces.  So
 * <script>, </svg> or onerror= in the data stay text.
 */
void	 pl_html_text(FILE *, const char *s);
void	 pl_html_textn(FILE *, const char *s, size_t len);

/*
 * Writes "data:MIME;base64,..." for len bytes of data (an image's src).
 * Returns a PL_ERR_IO error if the stream reports one.
 */
const struct pl_error *pl_html_data_uri(FILE *, const char *mime,
    const unsigned char *data, size_t len);

/*
 * Writes an inline <svg> sparkline of v[0..n) (NaN: no reports, a gap),
 * w x h pixels, the last point marked, aria-label label (escaped; may be
 * NULL).  The y range runs from 0 (or the minimum, if negative) to the
 * maximum.  The markup has no ids, so many fit in one page.
 */
void	 pl_html_sparkline(FILE *, const double *v, size_t n, double w,
	    double h, const char *label);

#endif /* PLENUM_HTML_H */
