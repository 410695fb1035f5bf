/*
 * write.c - PNG (libpng), SVG and PDF files with the provenance embedded,
 * assembled in memory and written atomically beside the target.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <png.h>
#include <zlib.h>

#include "plotint.h"

#ifndef PL_VERSION
#define PL_VERSION "unknown"
#endif

/* Output: the file is assembled in memory, provenance added, then
 * written beside the target and renamed over it. */
struct mem {
	unsigned char	*p;
	size_t		 n, cap;
	int		 oom;
};

static int
mem_add(struct mem *m, const void *d, size_t n)
{
	if (m->n + n > m->cap) {
		size_t nc = m->cap ? m->cap : 65536;
		unsigned char *np;
		while (nc < m->n + n)
			nc *= 2;
		if ((np = realloc(m->p, nc)) == NULL) {
			m->oom = 1;
			return -1;
		}
		m->p = np;
		m->cap = nc;
	}
	memcpy(m->p + m->n, d, n);
	m->n += n;
	return 0;
}

static cairo_status_t
mem_write(void *closure, const unsigned char *d, unsigned int n)
{
	return mem_add(closure, d, n) == 0 ? CAIRO_STATUS_SUCCESS :
	    CAIRO_STATUS_NO_MEMORY;
}

static int
ends_with(const char *s, const char *ext)
{
	size_t a = strlen(s), b = strlen(ext);

	return a > b && strcasecmp(s + a - b, ext) == 0;
}

static int
mem_str(struct mem *m, const char *s)
{
	return mem_add(m, s, strlen(s));
}

static void
xml_escape(struct mem *m, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '<':
			mem_add(m, "&lt;", 4);
			break;
		case '>':
			mem_add(m, "&gt;", 4);
			break;
		case '&':
			mem_add(m, "&amp;", 5);
			break;
		case '"':
			mem_add(m, "&quot;", 6);
			break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n')
				mem_add(m, s, 1);
		}
}

static void
provenance(const struct pl_plot *p, char *buf, size_t n)
{
	snprintf(buf, n, "plenum %s; %s chart; database: %s; command: %s",
	    PL_VERSION, pl_plot_kind_name(p->kind), p->cfg.dbname ?
	    p->cfg.dbname : "(none)", p->cfg.cmdline ? p->cfg.cmdline :
	    "(none)");
}

/* libpng's output into memory. */
static void
png_mem_write(png_structp png, png_bytep d, size_t n)
{
	if (mem_add(png_get_io_ptr(png), d, n) == -1)
		png_error(png, "out of memory");
}

static void
png_mem_flush(png_structp png)
{
	(void)png;
}

/*
 * The image surface as PNG with libpng rather than cairo's writer, to
 * choose the filter and compression, and to add pHYs (the resolution) and
 * iTXt chunks (the provenance).  A chart is mostly flat colour, so no
 * filter and zlib level 1 make the smallest and fastest file of those
 * tried on the 1600 x 900 benchmark chart (docs/PLOTS.md): 42 ms and
 * 247 KB for the whole process, against 59 ms and 340 KB with the Sub
 * filter and Z_RLE at level 6, and 110 ms with cairo's own writer
 * (adaptive filters, level 6).  Pixels are unpacked here: libpng's
 * filler and BGR transforms took 13 ms longer.
 */
static int
png_encode(const struct pl_plot *p, cairo_surface_t *sf, struct mem *out,
    double dpi)
{
	png_structp png;
	png_infop info;
	png_text txt[5];
	char desc[4096], ver[64];
	unsigned char *volatile row = NULL;
	int w = cairo_image_surface_get_width(sf);
	int h = cairo_image_surface_get_height(sf);
	int stride = cairo_image_surface_get_stride(sf), y, x, nt = 0;
	unsigned char *data;
	png_uint_32 ppm = (png_uint_32)lround(dpi / 0.0254);

	cairo_surface_flush(sf);
	data = cairo_image_surface_get_data(sf);
	if ((png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL,
	    NULL)) == NULL)
		return -1;
	if ((info = png_create_info_struct(png)) == NULL ||
	    (row = malloc((size_t)w * 3)) == NULL) {
		png_destroy_write_struct(&png, info ? &info : NULL);
		free((void *)row);
		return -1;
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		free((void *)row);
		return -1;
	}
	png_set_write_fn(png, out, png_mem_write, png_mem_flush);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
	    PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
	    PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_set_compression_level(png, 1);
	png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
	snprintf(ver, sizeof(ver), "plenum %s", PL_VERSION);
	provenance(p, desc, sizeof(desc));
	memset(txt, 0, sizeof(txt));
#define TXT(k, v) do {							\
	txt[nt].compression = PNG_ITXT_COMPRESSION_NONE;		\
	txt[nt].key = (char *)(k);					\
	txt[nt].text = (char *)(v);					\
	nt++;								\
} while (0)
	TXT("Software", ver);
	if (p->cfg.title)
		TXT("Title", p->cfg.title);
	TXT("Description", desc);
	if (p->cfg.dbname)
		TXT("Source", p->cfg.dbname);
	if (p->cfg.cmdline)
		TXT("Comment", p->cfg.cmdline);
#undef TXT
	png_set_text(png, info, txt, nt);
	png_write_info(png, info);
	for (y = 0; y < h; y++) {
		const uint32_t *px = (const uint32_t *)(void *)(data +
		    (size_t)y * (size_t)stride);
		for (x = 0; x < w; x++) {
			row[3 * x] = (unsigned char)(px[x] >> 16);
			row[3 * x + 1] = (unsigned char)(px[x] >> 8);
			row[3 * x + 2] = (unsigned char)px[x];
		}
		png_write_row(png, row);
	}
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	free((void *)row);
	return out->oom ? -1 : 0;
}

/* The font list as a CSS font-family value: every name quoted. */
static void
svg_family(struct mem *m, const char *font)
{
	const char *s = font, *e;

	while (*s) {
		size_t n;
		while (*s == ' ' || *s == ',')
			s++;
		if (*s == '\0')
			break;
		e = s + strcspn(s, ",");
		n = (size_t)(e - s);
		while (n > 0 && s[n - 1] == ' ')
			n--;
		if (m->n > 0 && m->p[m->n - 1] != '"')
			mem_str(m, ", ");
		if ((n == 10 && strncmp(s, "sans-serif", 10) == 0) ||
		    (n == 5 && strncmp(s, "serif", 5) == 0) ||
		    (n == 9 && strncmp(s, "monospace", 9) == 0))
			mem_add(m, s, n);
		else {
			mem_str(m, "'");
			mem_add(m, s, n);
			mem_str(m, "'");
		}
		s = e;
	}
}

/*
 * The text items as SVG <text> elements, so a figure's words can be
 * edited in Inkscape or Illustrator: anchored start, middle or end like
 * the layout, on the baseline pango measured, in the font list of the
 * chart (CJK fallback included), with the size, weight and colour drawn.
 */
static void
svg_texts(struct pl_plot *p, struct mem *m)
{
	struct mem fam = { 0 };
	size_t i;
	char buf[512];

	mem_str(&fam, "\"");
	svg_family(&fam, p->cfg.font);
	mem_str(&fam, "\"");
	mem_str(m, "<g id=\"text\">\n");
	for (i = 0; i < p->L.nitems; i++) {
		const struct pl_item *it = &p->L.items[i];
		double base, lx;
		const char *anchor;
		if (it->prim != PL_PR_TEXT || it->name == NULL || !*it->name)
			continue;
		base = plot_baseline(p, it->name, it->size, it->bold);
		if (it->ax > 0.75) {
			anchor = "end";
			lx = (1 - it->ax) * it->bw;
		} else if (it->ax > 0.25) {
			anchor = "middle";
			lx = (0.5 - it->ax) * it->bw;
		} else {
			anchor = "start";
			lx = -it->ax * it->bw;
		}
		snprintf(buf, sizeof(buf), "<text transform=\"translate(%.2f "
		    "%.2f)", it->x, it->y);
		mem_str(m, buf);
		if (it->angle != 0) {
			snprintf(buf, sizeof(buf), " rotate(%.2f)",
			    it->angle * 180 / M_PI);
			mem_str(m, buf);
		}
		snprintf(buf, sizeof(buf), "\" x=\"%.2f\" y=\"%.2f\" "
		    "text-anchor=\"%s\" font-family=", lx, -it->ay * it->bh +
		    base, anchor);
		mem_str(m, buf);
		mem_add(m, fam.p, fam.n);
		snprintf(buf, sizeof(buf), " font-size=\"%.2fpx\"%s "
		    "fill=\"#%02x%02x%02x\"", it->size, it->bold ?
		    " font-weight=\"bold\"" : "",
		    (unsigned)lround(it->rgba[0] * 255),
		    (unsigned)lround(it->rgba[1] * 255),
		    (unsigned)lround(it->rgba[2] * 255));
		mem_str(m, buf);
		if (it->rgba[3] < 1) {
			snprintf(buf, sizeof(buf), " fill-opacity=\"%.3f\"",
			    it->rgba[3]);
			mem_str(m, buf);
		}
		mem_str(m, " xml:space=\"preserve\">");
		xml_escape(m, it->name);
		mem_str(m, "</text>\n");
	}
	mem_str(m, "</g>\n");
	if (fam.oom)
		m->oom = 1;
	free(fam.p);
}

/* SVG from cairo, with <title>, <desc> and <metadata> after <svg ...>,
 * and the text as <text> elements before </svg> unless outlined. */
static int
svg_finish(struct pl_plot *p, const struct mem *in, struct mem *out)
{
	const unsigned char *s, *e, *end;
	char desc[4096];

	if ((s = memmem(in->p, in->n, "<svg", 4)) == NULL ||
	    (e = memchr(s, '>', in->n - (size_t)(s - in->p))) == NULL)
		return -1;
	e++;
	/* cairo 1.16 sizes the SVG in pt; our units are CSS pixels */
	for (const unsigned char *q = in->p; q < e; q++) {
		if (q > s && q + 2 < e && q[0] == 'p' && q[1] == 't' &&
		    q[2] == '"' && q[-1] >= '0' && q[-1] <= '9') {
			mem_str(out, "px");
			q++;
			continue;
		}
		mem_add(out, q, 1);
	}
	mem_str(out, "\n");
	if (p->cfg.title) {
		mem_str(out, "<title>");
		xml_escape(out, p->cfg.title);
		mem_str(out, "</title>\n");
	}
	provenance(p, desc, sizeof(desc));
	mem_str(out, "<desc>");
	xml_escape(out, desc);
	mem_str(out, "</desc>\n");
	mem_str(out, "<metadata><plenum:provenance xmlns:plenum=\""
	    "urn:plenum:provenance\" version=\"");
	xml_escape(out, PL_VERSION);
	mem_str(out, "\" kind=\"");
	xml_escape(out, pl_plot_kind_name(p->kind));
	mem_str(out, "\" database=\"");
	xml_escape(out, p->cfg.dbname ? p->cfg.dbname : "");
	mem_str(out, "\" command=\"");
	xml_escape(out, p->cfg.cmdline ? p->cfg.cmdline : "");
	mem_str(out, "\"/></metadata>");
	if (p->cfg.outline_text) {
		mem_add(out, e, in->n - (size_t)(e - in->p));
		return out->oom ? -1 : 0;
	}
	if ((end = memmem(e, in->n - (size_t)(e - in->p), "</svg>", 6)) ==
	    NULL)
		return -1;
	mem_add(out, e, (size_t)(end - e));
	svg_texts(p, out);
	mem_add(out, end, in->n - (size_t)(end - in->p));
	return out->oom ? -1 : 0;
}

static const struct pl_error *
write_atomic(const char *path, const struct mem *m)
{
	const struct pl_error *err = NULL;
	char tmp[4096];
	mode_t um;
	size_t off = 0;
	ssize_t w;
	int fd;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX", path) >=
	    sizeof(tmp))
		return pl_error_fmt(PL_ERR_USAGE, "%s: path too long", path);
	if ((fd = mkstemp(tmp)) == -1)
		return pl_error_from_errno(path);
	um = umask(0);
	umask(um);
	(void)fchmod(fd, 0666 & ~um);
	while (off < m->n) {
		if ((w = write(fd, m->p + off, m->n - off)) == -1) {
			if (errno == EINTR)
				continue;
			err = pl_error_from_errno(path);
			break;
		}
		off += (size_t)w;
	}
	if (close(fd) == -1 && err == NULL)
		err = pl_error_from_errno(path);
	if (err == NULL && rename(tmp, path) == -1)
		err = pl_error_from_errno(path);
	if (err != NULL)
		unlink(tmp);
	return err;
}

const struct pl_error *
pl_plot_write(struct pl_plot *p, const char *path)
{
	const struct pl_error *err = NULL;
	cairo_surface_t *sf = NULL;
	cairo_t *cr = NULL;
	struct mem raw = { 0 }, fin = { 0 };
	double w = p->L.width, h = p->L.height, sc = p->cfg.scale > 0 ?
	    p->cfg.scale : 1;
	int kind, pw, ph;
	cairo_status_t st;
	char desc[4096], ver[64];

	if (ends_with(path, ".png"))
		kind = 0;
	else if (ends_with(path, ".svg"))
		kind = 1;
	else if (ends_with(path, ".pdf"))
		kind = 2;
	else
		return pl_error_fmt(PL_ERR_USAGE, "%s: unknown extension "
		    "(expected .png, .svg or .pdf)", path);
	pw = (int)lround(w * sc);
	ph = (int)lround(h * sc);
	if (kind == 0)
		sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
	else if (kind == 1)
		sf = cairo_svg_surface_create_for_stream(mem_write, &raw, w, h);
	else	/* PDF in points: 96 logical pixels to the inch */
		sf = cairo_pdf_surface_create_for_stream(mem_write, &raw,
		    w * 0.75, h * 0.75);
	if ((st = cairo_surface_status(sf)) != CAIRO_STATUS_SUCCESS) {
		err = pl_error_fmt(PL_ERR_INTERNAL, "%s: cairo: %s", path,
		    cairo_status_to_string(st));
		goto done;
	}
	if (kind == 2) {
		snprintf(ver, sizeof(ver), "plenum %s", PL_VERSION);
		provenance(p, desc, sizeof(desc));
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR,
		    ver);
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_SUBJECT,
		    desc);
		if (p->cfg.title)
			cairo_pdf_surface_set_metadata(sf,
			    CAIRO_PDF_METADATA_TITLE, p->cfg.title);
		if (p->cfg.cmdline)
			cairo_pdf_surface_set_metadata(sf,
			    CAIRO_PDF_METADATA_KEYWORDS, p->cfg.cmdline);
	}
	cr = cairo_create(sf);
	if ((err = plot_render(p, cr, kind == 0 ? pw : kind == 2 ? w * 0.75 :
	    w, kind == 0 ? ph : kind == 2 ? h * 0.75 : h, kind != 1 ||
	    p->cfg.outline_text)) != NULL)
		goto done;
	cairo_destroy(cr);
	cr = NULL;
	if (kind == 0)
		st = cairo_surface_status(sf);
	else {
		cairo_surface_finish(sf);
		st = cairo_surface_status(sf);
	}
	if (st != CAIRO_STATUS_SUCCESS || raw.oom) {
		err = raw.oom ? pl_error_nomem() : pl_error_fmt(PL_ERR_INTERNAL,
		    "%s: cairo: %s", path, cairo_status_to_string(st));
		goto done;
	}
	if ((kind == 0 && png_encode(p, sf, &fin, 96 * sc) == -1) ||
	    (kind == 1 && svg_finish(p, &raw, &fin) == -1)) {
		err = fin.oom ? pl_error_nomem() : pl_error_fmt(
		    PL_ERR_INTERNAL, "%s: unexpected output from cairo", path);
		goto done;
	}
	err = write_atomic(path, kind == 2 ? &raw : &fin);
done:
	if (cr)
		cairo_destroy(cr);
	if (sf)
		cairo_surface_destroy(sf);
	free(raw.p);
	free(fin.p);
	return err;
}
