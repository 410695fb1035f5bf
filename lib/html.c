/*
 * html.c - escaped text, data URIs and sparklines for HTML pages (see
 * include/plenum/html.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "plenum/html.h"

void
pl_html_textn(FILE *fp, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		switch (ch) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&#39;", fp);
			break;
		default:
			if ((ch < 0x20 && ch != '\t' && ch != '\n') ||
			    ch == 0x7f)
				fputc(' ', fp);
			else
				fputc(ch, fp);
		}
	}
}

void
pl_html_text(FILE *fp, const char *s)
{
	if (s != NULL)
		pl_html_textn(fp, s, strlen(s));
}

const struct pl_error *
pl_html_data_uri(FILE *fp, const char *mime, const unsigned char *data,
    size_t len)
{
	gchar *b = g_base64_encode(data, len);

	if (b == NULL)
		return pl_error_nomem();
	fprintf(fp, "data:%s;base64,", mime);
	fputs(b, fp);
	g_free(b);
	if (ferror(fp))
		return pl_error_from_errno("write");
	return NULL;
}

void
pl_html_sparkline(FILE *fp, const double *v, size_t n, double w, double h,
    const char *label)
{
	double lo = 0, hi = 0, pad = 2, x, y, dx;
	size_t i, last = n;
	int pen = 0;

	for (i = 0; i < n; i++) {
		if (isnan(v[i]))
			continue;
		if (v[i] < lo)
			lo = v[i];
		if (v[i] > hi)
			hi = v[i];
		last = i;
	}
	if (hi <= lo)
		hi = lo + 1;
	dx = n > 1 ? (w - 2 * pad) / (double)(n - 1) : 0;
	fprintf(fp, "<svg class=\"spark\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%g\" height=\"%g\" viewBox=\"0 0 %g %g\" role=\"img\"",
	    w, h, w, h);
	if (label != NULL) {
		fputs(" aria-label=\"", fp);
		pl_html_text(fp, label);
		fputc('"', fp);
	}
	fputs(">", fp);
	fprintf(fp, "<line x1=\"%g\" y1=\"%.1f\" x2=\"%g\" y2=\"%.1f\" "
	    "stroke=\"#ccc\" stroke-width=\"0.5\"/>", pad, h - pad, w - pad,
	    h - pad);
	fputs("<path fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.2\" "
	    "stroke-linejoin=\"round\" stroke-linecap=\"round\" d=\"", fp);
	for (i = 0; i < n; i++) {
		if (isnan(v[i])) {
			pen = 0;
			continue;
		}
		x = pad + dx * (double)i;
		y = h - pad - (v[i] - lo) / (hi - lo) * (h - 2 * pad);
		fprintf(fp, "%s%.1f %.1f", pen ? " L" : (i ? " M" : "M"), x, y);
		if (!pen && (i + 1 >= n || isnan(v[i + 1])))
			fprintf(fp, " L%.1f %.1f", x + 0.01, y);
		pen = 1;
	}
	fputs("\"/>", fp);
	if (last < n) {
		x = pad + dx * (double)last;
		y = h - pad - (v[last] - lo) / (hi - lo) * (h - 2 * pad);
		fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" "
		    "fill=\"#c0392b\"/>", x, y);
	}
	fputs("</svg>", fp);
}
