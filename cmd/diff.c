/*
 * diff.c - plenum diff: what changed since the last document of the same
 * source, word by word, and how much each document of a series changed.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plenum/date.h"
#include "plenum/diff.h"
#include "plenum/html.h"
#include "cli.h"
#include "commands.h"

static const char usage_str[] =
	"usage: plenum diff [--db FILE] [--format tsv|csv|json|jsonl|html] "
	"[--summary | --phrases]\n"
	"                   [--color auto|always|never] [--source S ...] "
	"[--where K=V ...]\n"
	"                   [--title TEXT] DOC [DOC2]\n"
	"       plenum diff --series [--db FILE] [--format tsv|csv|json|jsonl] "
	"[--from DATE]\n"
	"                   [--to DATE] [--source S ...] [--where K=V ...] "
	"[--title TEXT]\n";

/* Phrases shown under the redline, per change; --phrases lists all. */
#define SHOW_PHRASES	12
#define HTML_PHRASES	60

enum { OUT_TEXT, OUT_EDITS, OUT_SUMMARY, OUT_PHRASES };

/*
 * A document's id from the input, or its title (title 1), read from the
 * database (the corpus in memory keeps only figures); the strings live
 * in a small ring, so a few can be used at once.
 */
static const char *
doc_name(const struct pl_corpus *c, size_t row, int title)
{
	static char *ring[4];
	static int next;
	char *s = NULL;

	if (title)
		pl_db_doc_names(c->db, c->docs[row].id, NULL, &s);
	else
		pl_db_doc_names(c->db, c->docs[row].id, &s, NULL);
	free(ring[next]);
	ring[next] = s;
	next = (next + 1) % 4;
	return s ? s : "?";
}

static const char *
doc_line(const struct pl_corpus *c, size_t row, char *day)
{
	pl_date_format(c->docs[row].day, day);
	return doc_name(c, row, 0);
}

/* The redline as text: [-old-]{+new+}, coloured when colour is set. */
static void
put_redline(const struct pl_diff *d, int colour)
{
	size_t i;

	for (i = 0; i < d->npieces; i++) {
		const struct pl_diff_piece *p = &d->pieces[i];
		const char *s = (p->side ? d->ntext : d->otext) + p->off;
		int moved = p->kind == PL_DIFF_MOVED;
		if (p->op == PL_DIFF_EQUAL) {
			fwrite(s, 1, p->len, stdout);
			continue;
		}
		if (colour)
			fputs(p->op == PL_DIFF_DELETE ?
			    (moved ? "\033[2;35m" : "\033[1;31m") :
			    (moved ? "\033[2;36m" : "\033[1;32m"), stdout);
		fputs(p->op == PL_DIFF_DELETE ? "[-" : "{+", stdout);
		fwrite(s, 1, p->len, stdout);
		fputs(p->op == PL_DIFF_DELETE ? "-]" : "+}", stdout);
		if (colour)
			fputs("\033[0m", stdout);
	}
	putchar('\n');
}

static void
put_phrases(const struct pl_table *ph, const char *change)
{
	size_t i, shown = 0, more = 0;

	for (i = 0; i < ph->nrows; i++) {
		if (strcmp(pl_table_cell(ph, i, 0)->v.s, change) != 0)
			continue;
		if (shown == SHOW_PHRASES) {
			more++;
			continue;
		}
		printf("%s %s", shown ? ";" : change, pl_table_cell(ph, i, 1)->v.s);
		shown++;
	}
	if (more)
		printf("; ... and %zu more (--phrases lists them)", more);
	if (shown)
		putchar('\n');
}

static void
put_stats(const struct pl_diff_stats *s, FILE *fp)
{
	fprintf(fp, "similarity %.3f: %lld words kept, %lld added, %lld removed"
	    "\n", s->similarity, (long long)s->kept, (long long)s->added,
	    (long long)s->removed);
	fprintf(fp, "sentences: %lld kept, %lld changed, %lld added, "
	    "%lld removed, %lld moved\n", (long long)s->s_kept,
	    (long long)s->s_changed, (long long)s->s_added,
	    (long long)s->s_removed, (long long)s->s_moved);
}

static void
show_text(const struct pl_corpus *c, const struct pl_diff *d,
    const struct pl_table *ph, int colour)
{
	char od[11], nd[11];
	const char *oid = doc_line(c, d->orow, od), *nid = doc_line(c, d->nrow,
	    nd);

	if (colour)
		fputs("\033[1m", stdout);
	printf("--- %s %s\n+++ %s %s\n", oid, od, nid, nd);
	if (colour)
		fputs("\033[0m", stdout);
	putchar('\n');
	put_redline(d, colour);
	putchar('\n');
	put_stats(&d->st, stdout);
	put_phrases(ph, "entered");
	put_phrases(ph, "left");
}

static void
html_str(const char *s)
{
	pl_html_textn(stdout, s, strlen(s));
}

static void
html_doc(const struct pl_corpus *c, size_t row, const char *label)
{
	const struct pl_cdoc *x = &c->docs[row];
	char day[11];

	pl_date_format(x->day, day);
	printf("<tr><th>%s</th><td>", label);
	html_str(day);
	fputs("</td><td><code>", stdout);
	html_str(doc_name(c, row, 0));
	fputs("</code></td><td>", stdout);
	html_str(doc_name(c, row, 1));
	fputs("</td></tr>\n", stdout);
}

static void
html_phrases(const struct pl_table *ph, const char *change,
    const char *heading)
{
	size_t i, shown = 0, more = 0;

	printf("<h2>%s</h2>\n<p class=\"phr\">", heading);
	for (i = 0; i < ph->nrows; i++) {
		if (strcmp(pl_table_cell(ph, i, 0)->v.s, change) != 0)
			continue;
		if (shown == HTML_PHRASES) {
			more++;
			continue;
		}
		printf("%s<%s>", shown ? " " : "", change[0] == 'e' ? "ins" :
		    "del");
		html_str(pl_table_cell(ph, i, 1)->v.s);
		printf("</%s>", change[0] == 'e' ? "ins" : "del");
		if (pl_table_cell(ph, i, 3)->v.i > 1)
			printf("&#8239;&#215;%lld",
			    (long long)pl_table_cell(ph, i, 3)->v.i);
		shown++;
	}
	if (shown == 0)
		fputs("none", stdout);
	if (more)
		printf(" &#8230; and %zu more (<code>plenum diff --phrases</code> "
		    "lists them all)", more);
	fputs("</p>\n", stdout);
}

/* One self-contained page: inline style, no script, nothing fetched. */
static void
show_html(const struct pl_corpus *c, const struct pl_diff *d,
    const struct pl_table *ph)
{
	const struct pl_diff_stats *s = &d->st;

	fputs("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'\">\n<title>", stdout);
	html_str(doc_name(c, d->nrow, 0));
	fputs(" against ", stdout);
	html_str(doc_name(c, d->orow, 0));
	printf("</title>\n<style>\n"
	    "body{font:16px/1.55 'DejaVu Serif','Noto Serif CJK SC',serif;"
	    "max-width:52em;margin:2em auto;padding:0 1em;color:#222}\n"
	    "h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em}\n"
	    "table{border-collapse:collapse;font-size:.9em}"
	    "th,td{text-align:left;padding:.15em .8em .15em 0;"
	    "vertical-align:top}\n"
	    "%s"
	    ".phr del,.phr ins{padding:0 .2em;margin-right:.2em;"
	    "white-space:nowrap}\n"
	    ".key{font-size:.85em;color:#555}\n"
	    "</style>\n</head>\n<body>\n<h1>What changed</h1>\n<table>\n",
	    pl_diff_html_css);
	html_doc(c, d->orow, "old");
	html_doc(c, d->nrow, "new");
	fputs("</table>\n<h2>Summary</h2>\n<table>\n", stdout);
	printf("<tr><th>similarity</th><td>%.3f</td><td>share of both "
	    "documents' words kept</td></tr>\n", s->similarity);
	printf("<tr><th>words</th><td>%lld kept, %lld added, %lld removed"
	    "</td><td>of %lld old and %lld new</td></tr>\n",
	    (long long)s->kept, (long long)s->added, (long long)s->removed,
	    (long long)s->old_words, (long long)s->new_words);
	printf("<tr><th>sentences</th><td>%lld kept, %lld changed, %lld added, "
	    "%lld removed, %lld moved</td><td>of %lld old and %lld new</td>"
	    "</tr>\n</table>\n", (long long)s->s_kept, (long long)s->s_changed,
	    (long long)s->s_added, (long long)s->s_removed,
	    (long long)s->s_moved, (long long)s->old_sents,
	    (long long)s->new_sents);
	fputs("<h2>Redline</h2>\n<p class=\"key\"><del>removed</del> "
	    "<ins>added</ins> <del class=\"mv\">moved from</del> "
	    "<ins class=\"mv\">moved to</ins>; words are compared as the "
	    "corpus stores them (case and punctuation are not compared)</p>\n",
	    stdout);
	pl_diff_html(stdout, d);
	html_phrases(ph, "entered", "Phrases that entered");
	html_phrases(ph, "left", "Phrases that left");
	fputs("</body>\n</html>\n", stdout);
}

static int
parse_color(const char *arg)
{
	if (strcmp(arg, "auto") == 0)
		return -1;
	if (strcmp(arg, "always") == 0)
		return 1;
	if (strcmp(arg, "never") == 0)
		return 0;
	cli_warnx("--color: expected auto, always or never, got '%s'", arg);
	exit(2);
}

int
cmd_diff(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_OPTIONS,
		{ "color",	required_argument,	NULL, 'c' },
		{ "phrases",	no_argument,		NULL, 'p' },
		{ "series",	no_argument,		NULL, 'S' },
		{ "summary",	no_argument,		NULL, 's' },
		{ "title",	required_argument,	NULL, 't' },
		CLI_FILTER_OPTIONS,
		{ NULL,		0,			NULL, 0 }
	};
	const struct pl_error *err = NULL;
	struct pl_docfilter f;
	struct pl_table t, ph;
	struct pl_diff d;
	struct pl_db *db = NULL;
	struct pl_corpus *c = NULL;
	const char *dbopt = NULL, *title = NULL;
	int ch, fmt = -1, html = 0, series = 0, what = OUT_TEXT, colour = -1;
	int rc = 1;
	size_t orow, nrow;

	pl_docfilter_init(&f);
	pl_table_init(&t);
	pl_table_init(&ph);
	pl_diff_init(&d);
	while ((ch = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		if (cli_filter_option(ch, optarg, &f))
			continue;
		switch (ch) {
		case 'c':
			colour = parse_color(optarg);
			break;
		case 'd':
			dbopt = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "html") == 0) {
				html = 1;
				fmt = -1;
			} else {
				fmt = cli_format(optarg);
				html = 0;
			}
			break;
		case 'h':
			cli_usage(usage_str, 0);
		case 'p':
			what = OUT_PHRASES;
			break;
		case 'S':
			series = 1;
			break;
		case 's':
			what = OUT_SUMMARY;
			break;
		case 't':
			title = optarg;
			break;
		default:
			cli_usage(usage_str, 2);
		}
	}
	argc -= optind;
	argv += optind;
	if (series && (argc != 0 || what != OUT_TEXT || html)) {
		cli_warnx(argc ? "--series takes no DOC: it compares every "
		    "document with the one before" : html ? "--series: "
		    "--format html is for one pair" : "--series writes the "
		    "summary of every pair: --summary and --phrases are for "
		    "one pair");
		cli_usage(usage_str, 2);
	}
	if (!series && (argc < 1 || argc > 2)) {
		cli_warnx(argc == 0 ? "no document: name DOC (an id from "
		    "'plenum docs')" : "at most two documents: DOC [DOC2]");
		cli_usage(usage_str, 2);
	}
	if (!series && (f.from != INT64_MIN || f.to != INT64_MAX)) {
		cli_warnx("--from and --to are for --series");
		cli_usage(usage_str, 2);
	}
	if (html && what != OUT_TEXT) {
		cli_warnx("--format html is the redline page: leave out "
		    "--summary and --phrases");
		cli_usage(usage_str, 2);
	}
	if (cli_open_corpus(dbopt, &db, &c, &f) == -1)
		goto done;
	if ((err = pl_corpus_names(c)) != NULL) {
		cli_error(err);
		goto done;
	}
	if (series) {
		if ((err = pl_diff_series(c, &f, title, &t)) != NULL)
			goto fail;
		rc = cli_finish(cli_write_table(&t, fmt == -1 ? PL_FMT_TSV :
		    fmt));
		goto done;
	}
	/* DOC is the new document; DOC2, else its predecessor, the old. */
	if ((err = pl_diff_find(c, argv[0], &nrow)) != NULL)
		goto fail;
	if (argc == 2)
		err = pl_diff_find(c, argv[1], &orow);
	else
		err = pl_diff_prev(c, nrow, &f, title, &orow);
	if (err != NULL ||
	    (err = pl_diff_docs(c, orow, nrow, &d)) != NULL)
		goto fail;
	if (what == OUT_SUMMARY) {
		if ((err = pl_diff_summary(c, &d, &t)) != NULL)
			goto fail;
	} else if (what == OUT_PHRASES || fmt == -1) {
		if ((err = pl_diff_phrases(c, &d, &ph)) != NULL)
			goto fail;
	} else if ((err = pl_diff_table(&d, &t)) != NULL)
		goto fail;
	if (html) {
		show_html(c, &d, &ph);
		rc = cli_finish(0);
	} else if (what == OUT_PHRASES)
		rc = cli_finish(cli_write_table(&ph, fmt == -1 ? PL_FMT_TSV :
		    fmt));
	else if (fmt == -1 && what == OUT_TEXT) {
		if (colour == -1)
			colour = isatty(STDOUT_FILENO) &&
			    getenv("NO_COLOR") == NULL;
		show_text(c, &d, &ph, colour);
		rc = cli_finish(0);
	} else
		rc = cli_finish(cli_write_table(&t, fmt == -1 ? PL_FMT_TSV :
		    fmt));
	goto done;
fail:
	cli_error(err);
done:
	pl_diff_release(&d);
	pl_table_release(&t);
	pl_table_release(&ph);
	pl_docfilter_release(&f);
	pl_corpus_free(c);
	pl_db_close(db);
	return rc;
}
