/*
 * html.c - HTML escaping (see include/plenum/html.h).
 */
#include <stdio.h>

#include "plenum/html.h"

void
pl_html_escape(FILE *fp, const char *s, size_t len)
{
	size_t i, run = 0;
	const char *ref;

	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '&':
			ref = "&amp;";
			break;
		case '<':
			ref = "&lt;";
			break;
		case '>':
			ref = "&gt;";
			break;
		case '"':
			ref = "&quot;";
			break;
		case '\'':
			ref = "&#39;";
			break;
		default:
			continue;
		}
		fwrite(s + run, 1, i - run, fp);
		fputs(ref, fp);
		run = i + 1;
	}
	fwrite(s + run, 1, len - run, fp);
}
