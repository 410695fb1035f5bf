/*
 * report.c - plenum report: the weekly review as one self-contained HTML
 * page, with its charts (PNG and SVG) and tables (TSV) beside it.  What
 * each section computes and why: docs/REPORT.md.
 *
 * This file parses the options, runs the library's steps in order
 * (lib/reportsec.c computes the tables, plots/report.c draws the charts,
 * lib/reportpage.c writes the page), and puts the directory in place:
 * the page is built in a temporary directory beside DIR and swapped in,
 * so a reader never sees half a report.  Nothing on the page depends on
 * the clock: the same database and arguments give the same bytes.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "plenum/date.h"
#include "plenum/report.h"
#include "plenum/reportplot.h"
#include "cli.h"
#include "commands.h"

static const char usage_str[] =
	"usage: plenum report [--db FILE] [--period week|month|quarter|year]\n"
	"                     [--at PERIOD] [--baseline N] [--watch FILE]\n"
	"                     [--lang auto|en|zh] [--source S ...]\n"
	"                     [--where K=V ...] [-v] -o DIR\n";

static int	 verbose;	/* -v: timings on stderr */
static double	 t0;

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* With -v: how long the step just done took. */
static void
lap(const char *what)
{
	double t = now_s();

	if (verbose)
		cli_warnx("%s: %.3f s", what, t - t0);
	t0 = t;
}

static void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (p == NULL) {
		cli_warnx("out of memory");
		exit(1);
	}
	return p;
}

static char *
xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0) {
		cli_warnx("out of memory");
		exit(1);
	}
	return s;
}

/* Prints the error of a step and exits: 2 for a usage error, else 1. */
static void
fail_if(const struct pl_error *err)
{
	if (err != NULL) {
		cli_error(err);
		exit(err->code == PL_ERR_USAGE ? 2 : 1);
	}
}

/* The build directory and the directory it becomes. */
struct out {
	char	*dir;		/* -o, trailing slashes dropped */
	char	*tmp;		/* where it is built */
};

/* ---- the directory ------------------------------------------------ */

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static int
rm_tree(const char *path)
{
	return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The build directory, removed at exit unless it was swapped in. */
static char *build_dir;

static void
cleanup(void)
{
	if (build_dir != NULL)
		rm_tree(build_dir);
}

/* Makes DIR.tmp-XXXXXX and DIR.tmp-XXXXXX/data beside DIR. */
static void
make_build_dir(struct out *r)
{
	struct stat st;
	char *idx;

	if (stat(r->dir, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			cli_warnx("-o %s: exists and is not a directory", r->dir);
			exit(1);
		}
		idx = xasprintf("%s/index.html", r->dir);
		if (access(idx, F_OK) != 0 && rmdir(r->dir) != 0) {
			cli_warnx("-o %s: exists and holds no report "
			    "(no index.html): name a new or report directory",
			    r->dir);
			exit(1);
		}
		free(idx);
	}
	r->tmp = xasprintf("%s.tmp-XXXXXX", r->dir);
	if (mkdtemp(r->tmp) == NULL) {
		cli_warnx("%s: %s", r->tmp, strerror(errno));
		exit(1);
	}
	build_dir = r->tmp;
	atexit(cleanup);
	idx = xasprintf("%s/data", r->tmp);
	if (mkdir(idx, 0777) == -1) {
		cli_warnx("%s: %s", idx, strerror(errno));
		exit(1);
	}
	free(idx);
	/* mkdtemp makes it 0700; a report is for reading. */
	{
		mode_t um = umask(0);
		umask(um);
		chmod(r->tmp, 0777 & ~um);
	}
}

/* Puts the build directory in DIR's place: swapped in one step where the
 * kernel can (renameat2 RENAME_EXCHANGE), else moved aside first. */
static void
swap_in(struct out *r)
{
	struct stat st;

	if (stat(r->dir, &st) == -1) {
		if (rename(r->tmp, r->dir) == -1)
			goto fail;
		build_dir = NULL;
		return;
	}
#ifdef RENAME_EXCHANGE
	if (renameat2(AT_FDCWD, r->tmp, AT_FDCWD, r->dir,
	    RENAME_EXCHANGE) == 0) {
		/* the old report is now at r->tmp; cleanup removes it */
		return;
	}
#endif
	{
		char *old = xasprintf("%s.old-XXXXXX", r->dir);
		if (mkdtemp(old) == NULL || rmdir(old) == -1 ||
		    rename(r->dir, old) == -1)
			goto fail;
		if (rename(r->tmp, r->dir) == -1) {
			rename(old, r->dir);
			goto fail;
		}
		rm_tree(old);
		free(old);
		build_dir = NULL;
	}
	return;
fail:
	cli_warnx("-o %s: %s", r->dir, strerror(errno));
	exit(1);
}

static const char *
base_name(const char *p)
{
	const char *s = strrchr(p, '/');

	return s != NULL && s[1] != '\0' ? s + 1 : p;
}

/* ---- the command ---------------------------------------------------- */

int
cmd_report(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "at",		required_argument,	NULL, 'a' },
		{ "baseline",	required_argument,	NULL, 'B' },
		{ "db",		required_argument,	NULL, 'd' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "lang",	required_argument,	NULL, 'l' },
		{ "output",	required_argument,	NULL, 'o' },
		{ "period",	required_argument,	NULL, 'p' },
		{ "source",	required_argument,	NULL, CLI_OPT_SOURCE },
		{ "verbose",	no_argument,		NULL, 'v' },
		{ "watch",	required_argument,	NULL, 'w' },
		{ "where",	required_argument,	NULL, CLI_OPT_WHERE },
		{ NULL,		0,			NULL, 0 }
	};
	struct pl_report r;
	struct out o;
	struct pl_db *db = NULL;
	struct pl_docfilter filter, lf;
	const struct pl_error *err;
	const char *dbopt = NULL, *at = NULL, *out = NULL, *langopt = NULL;
	char lang[16], bl[16], **srcargs, **av, *cmdline = NULL;
	char *wtext = NULL, **wlines = NULL, *path;
	int ch, by = -1, i, rc = 1, nsrc = 0, nbase = 8, nav = 0, nw = 0;
	size_t n;
	FILE *fp;

	pl_report_init(&r);
	memset(&o, 0, sizeof(o));
	pl_docfilter_init(&filter);
	t0 = now_s();
	srcargs = xcalloc((size_t)argc * 2, sizeof(*srcargs));
	while ((ch = getopt_long(argc, argv, "ho:v", longopts, NULL)) != -1) {
		if (ch == CLI_OPT_SOURCE || ch == CLI_OPT_WHERE) {
			cli_filter_option(ch, optarg, &filter);
			srcargs[nsrc++] = ch == CLI_OPT_SOURCE ?
			    (char *)"--source" : (char *)"--where";
			srcargs[nsrc++] = optarg;
			continue;
		}
		switch (ch) {
		case 'B':
			nbase = (int)cli_long("--baseline", optarg, 1, 520);
			break;
		case 'a':
			at = optarg;
			break;
		case 'd':
			dbopt = optarg;
			break;
		case 'h':
			cli_usage(usage_str, 0);
		case 'l':
			if (pl_report_lang_parse(optarg) == -1) {
				cli_warnx("--lang: expected auto, en or zh, got "
				    "'%s'", optarg);
				rc = 2;
				goto done;
			}
			langopt = strcmp(optarg, "auto") == 0 ? NULL : optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'p':
			by = pl_bucket_parse(optarg);
			if (by < PL_BUCKET_WEEK) {
				cli_warnx("--period: expected week, month, "
				    "quarter or year, got '%s'", optarg);
				rc = 2;
				goto done;
			}
			break;
		case 'v':
			verbose = 1;
			break;
		case 'w':
			r.watchfile = optarg;
			break;
		default:
			cli_usage(usage_str, 2);
		}
	}
	if (optind != argc) {
		cli_warnx("no arguments besides options");
		cli_usage(usage_str, 2);
	}
	if (out == NULL || *out == '\0') {
		cli_warnx("no output directory: name one with -o DIR");
		cli_usage(usage_str, 2);
	}
	if ((o.dir = strdup(out)) == NULL) {
		cli_warnx("out of memory");
		goto done;
	}
	for (n = strlen(o.dir); n > 1 && o.dir[n - 1] == '/'; n--)
		o.dir[n - 1] = '\0';
	if (cli_open_corpus(dbopt, &db, &r.c, &filter) == -1)
		goto done;
	if ((err = pl_corpus_names(r.c)) != NULL) {
		cli_error(err);
		goto done;
	}
	r.filter = filter;
	r.srcargs = srcargs;
	r.nsrcargs = nsrc;
	r.dbname = base_name(cli_db_path(dbopt));
	if ((err = pl_report_period(r.c, &filter, by, at, nbase,
	    &r.p)) != NULL) {
		cli_error(err);
		rc = err->code == PL_ERR_USAGE ? 2 : 1;
		goto done;
	}
	lf = filter;
	lf.from = r.p.base_from;
	lf.to = r.p.to;
	lf.limit = 0;
	fail_if(pl_report_lang(db, &lf, lang));
	/* The page speaks the corpus's language unless --lang says. */
	r.lang = (enum pl_report_lang)pl_report_lang_parse(langopt != NULL ?
	    langopt : lang);
	if ((int)r.lang == -1)
		r.lang = PL_REPORT_EN;
	if (r.watchfile != NULL) {
		if ((wtext = cli_read_file(r.watchfile, NULL)) == NULL)
			goto done;
		if ((nw = cli_term_lines(wtext, &wlines)) == -1) {
			cli_warnx("out of memory");
			goto done;
		}
		if (nw == 0) {
			cli_warnx("--watch: %s: no terms in the file",
			    r.watchfile);
			goto done;
		}
	}

	/* The report's own command line, as one reproduces it. */
	av = xcalloc((size_t)nsrc + 16, sizeof(*av));
	av[nav++] = (char *)"--db";
	av[nav++] = (char *)r.dbname;
	av[nav++] = (char *)"--period";
	av[nav++] = (char *)pl_bucket_name(r.p.by);
	av[nav++] = (char *)"--at";
	av[nav++] = r.p.label;
	av[nav++] = (char *)"--baseline";
	snprintf(bl, sizeof(bl), "%d", r.p.nbase);
	av[nav++] = bl;
	if (r.watchfile != NULL) {
		av[nav++] = (char *)"--watch";
		av[nav++] = (char *)r.watchfile;
	}
	if (langopt != NULL) {
		av[nav++] = (char *)"--lang";
		av[nav++] = (char *)langopt;
	}
	for (i = 0; i < nsrc; i++)
		av[nav++] = srcargs[i];
	av[nav++] = (char *)"-o";
	av[nav++] = (char *)base_name(o.dir);
	cmdline = pl_quote_args("plenum report", nav, av);
	free(av);
	if (cmdline == NULL) {
		cli_warnx("out of memory");
		goto done;
	}
	r.cmdline = cmdline;

	fail_if(pl_report_window(&r));
	make_build_dir(&o);
	lap("period and language");
	fail_if(pl_report_glance(&r));
	lap("at a glance");
	fail_if(pl_report_key(&r));
	lap("rising and falling");
	fail_if(pl_report_watch(&r, wlines, (size_t)nw));
	lap("watch list");
	fail_if(pl_report_new(&r));
	lap("new terms");
	fail_if(pl_report_spark(&r));
	lap("sparklines");
	fail_if(pl_report_bursts(&r));
	lap("bursts and change points");
	fail_if(pl_report_evidence(&r));
	lap("evidence");
	fail_if(pl_report_changed(&r));
	lap("what changed");
	fail_if(pl_report_charts(&r, o.tmp));
	lap("charts");
	fail_if(pl_report_data(&r, o.tmp));
	path = xasprintf("%s/index.html", o.tmp);
	if ((fp = fopen(path, "w")) == NULL) {
		cli_warnx("%s: %s", path, strerror(errno));
		goto done;
	}
	err = pl_report_page(&r, o.tmp, fp);
	if (fclose(fp) == EOF && err == NULL)
		err = pl_error_from_errno(path);
	free(path);
	fail_if(err);
	swap_in(&o);
	lap("page and files");
	printf("%s/index.html\n", o.dir);
	rc = cli_finish(0);
done:
	pl_report_release(&r);
	free(wlines);
	free(wtext);
	free(cmdline);
	free(srcargs);
	free(o.dir);
	if (build_dir == NULL)
		free(o.tmp);
	pl_docfilter_release(&filter);
	pl_corpus_free(r.c);
	pl_db_close(db);
	return rc;
}
