/*
 * cli.c - helpers shared by the commands (see cli.h).
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plenum/match.h"
#include "plenum/corpus.h"
#include "plenum/date.h"
#include "plenum/plot.h"
#include "plenum/query.h"
#include "plenum/report.h"
#include "plenum/store.h"
#include "cli.h"

const char *cli_prog = "plenum";

void
cli_warnx(const char *fmt, ...)
{
	char msg[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	fprintf(stderr, "%s: ", cli_prog);
	/* messages quote documents and file names: no raw controls */
	cli_put_safe(stderr, msg, (size_t)n < sizeof(msg) ? (size_t)n :
	    sizeof(msg) - 1);
	fputc('\n', stderr);
}

void
cli_put_safe(FILE *fp, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, run = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = p[i];
		int c1 = c == 0xc2 && i + 1 < len && p[i + 1] >= 0x80 &&
		    p[i + 1] <= 0x9f;

		if (c >= 0x20 && c != 0x7f && !c1)
			continue;
		fwrite(s + run, 1, i - run, fp);
		if (c1) {
			/* U+0080..U+009F, the C1 controls: M-^@ .. M-^_ */
			fprintf(fp, "M-^%c", p[i + 1] - 0x80 + '@');
			i++;
		} else
			fprintf(fp, "^%c", c == 0x7f ? '?' : c + '@');
		run = i + 1;
	}
	fwrite(s + run, 1, len - run, fp);
}

void
cli_error(const struct pl_error *err)
{
	if (err != NULL)
		cli_warnx("%s", err->msg);
}

void
cli_usage(const char *usage, int status)
{
	FILE *fp = status == 0 ? stdout : stderr;

	fputs(usage, fp);
	if (status == 0)
		exit(cli_finish(0));
	exit(status);
}

long
cli_long(const char *opt, const char *arg, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (end == arg || *end != '\0') {
		cli_warnx("%s: '%s' is not a number", opt, arg);
		exit(2);
	}
	if ((errno == ERANGE && v == LONG_MAX) || v > max) {
		cli_warnx("%s: %s is too large (at most %ld)", opt, arg, max);
		exit(2);
	}
	if (errno == ERANGE || v < min) {
		cli_warnx("%s: %s is too small (at least %ld)", opt, arg, min);
		exit(2);
	}
	return v;
}

double
cli_double(const char *opt, const char *arg, double min, double max)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (end == arg || *end != '\0' || errno == ERANGE || !isfinite(v)) {
		cli_warnx("%s: expected a number, got '%s'", opt, arg);
		exit(2);
	}
	if (v < min || v > max) {
		cli_warnx("%s: %s is out of range (%g to %g)", opt, arg, min,
		    max);
		exit(2);
	}
	return v;
}

int
cli_list(const char *opt, const char *arg, int (*parse)(const char *),
    const char *expected, int *out, int max)
{
	char *s, *p, *tok;
	int m, n = 0;

	if ((s = strdup(arg)) == NULL) {
		cli_warnx("out of memory");
		exit(1);
	}
	for (p = s; (tok = strsep(&p, ",")) != NULL;) {
		if ((m = parse(tok)) == -1) {
			cli_warnx("%s: expected %s, got '%s'", opt, expected,
			    tok);
			free(s);
			exit(2);
		}
		if (n < max)
			out[n++] = m;
	}
	free(s);
	return n;
}

int64_t
cli_date(const char *opt, const char *arg, int end)
{
	int64_t day;
	enum pl_precision p;

	if (pl_date_parse(arg, strlen(arg), &day, &p) == -1) {
		cli_warnx("%s: expected YYYY-MM-DD, YYYY-MM or YYYY, got '%s'",
		    opt, arg);
		exit(2);
	}
	if (end && p == PL_PREC_MONTH)
		day = pl_bucket_next(PL_BUCKET_MONTH, day) - 1;
	else if (end && p == PL_PREC_YEAR)
		day = pl_bucket_next(PL_BUCKET_YEAR, day) - 1;
	return day;
}

int
cli_format(const char *arg)
{
	int f = pl_format_parse(arg);

	if (f == -1) {
		cli_warnx("--format: expected tsv, csv, json or jsonl, got '%s'",
		    arg);
		exit(2);
	}
	return f;
}

int
cli_bucket(const char *arg)
{
	int b = pl_bucket_parse(arg);

	if (b == -1) {
		cli_warnx("--by: expected day, week, month, quarter or year, "
		    "got '%s'", arg);
		exit(2);
	}
	return b;
}

const char *
cli_db_path(const char *opt)
{
	const char *env;

	if (opt != NULL)
		return opt;
	env = getenv("PLENUM_DB");
	if (env != NULL && *env != '\0')
		return env;
	return "plenum.db";
}

/* Set once a failed write to stdout was reported: it is said once. */
static int stdout_reported;

int
cli_write_table(const struct pl_table *t, int fmt)
{
	const struct pl_error *err;

	if ((err = pl_table_write(t, stdout, (enum pl_format)fmt)) != NULL) {
		if (err->sys_errno == EPIPE)
			exit(0);
		if (err->code == PL_ERR_IO) {
			cli_warnx("stdout: %s", strerror(err->sys_errno ?
			    err->sys_errno : EIO));
			stdout_reported = 1;
		} else
			cli_warnx("%s", err->msg);
		return 1;
	}
	return 0;
}

int
cli_finish(int status)
{
	errno = 0;
	if (fflush(stdout) == EOF || ferror(stdout)) {
		if (errno == EPIPE)
			return status;
		if (!stdout_reported)
			cli_warnx("stdout: %s", strerror(errno ? errno : EIO));
		stdout_reported = 1;
		return 1;
	}
	return status;
}

char *
cli_read_file(const char *path, size_t *lenp)
{
	FILE *fp;
	char *p = NULL, *np;
	size_t len = 0, cap = 0, n;
	long bad;
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;

	if (strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(path, "rb")) == NULL) {
		cli_warnx("%s: %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (len + 65536 + 1 > cap) {
			cap = cap ? cap * 2 : 65536 * 2;
			if ((np = realloc(p, cap)) == NULL) {
				cli_warnx("out of memory");
				goto fail;
			}
			p = np;
		}
		n = fread(p + len, 1, cap - len - 1, fp);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		cli_warnx("%s: %s", name, strerror(errno));
		goto fail;
	}
	if (fp != stdin)
		fclose(fp);
	p[len] = '\0';
	if ((bad = pl_utf8_check(p, len)) != -1) {
		cli_warnx("%s: invalid UTF-8 at byte %ld", name, bad + 1);
		free(p);
		return NULL;
	}
	if (lenp)
		*lenp = len;
	return p;
fail:
	if (fp != stdin)
		fclose(fp);
	free(p);
	return NULL;
}

int
cli_vocab_option(int ch, const char *arg, struct cli_vocab *cv)
{
	switch (ch) {
	case CLI_OPT_EXCLUDE:
		cv->exclude = arg;
		return 1;
	case CLI_OPT_KEEP_NUMBERS:
		cv->v.keep_numbers = 1;
		return 1;
	case CLI_OPT_MAX_DF:
		cv->v.max_df = cli_double("--max-df", arg, 0, 1);
		if (cv->v.max_df == 0) {
			cli_warnx("--max-df: expected a share above 0, got "
			    "'%s'", arg);
			exit(2);
		}
		return 1;
	case CLI_OPT_MIN_CHARS:
		cv->v.min_chars = (int)cli_long("--min-chars", arg, 1, 100);
		return 1;
	default:
		return 0;
	}
}

int
cli_vocab_open(struct cli_vocab *cv, struct pl_corpus *c)
{
	const struct pl_error *err;
	char *text;
	size_t len;

	if (cv->exclude == NULL)
		return 0;
	if ((text = cli_read_file(cv->exclude, &len)) == NULL)
		return -1;
	err = pl_vocab_exclude(&cv->v, c->tk, text, cv->exclude);
	free(text);
	if (err != NULL) {
		cli_error(err);
		return -1;
	}
	return 0;
}

void
cli_vocab_release(struct cli_vocab *cv)
{
	pl_vocab_release(&cv->v);
}

/* --where conditions, applied when the corpus is opened. */
static const char **wheres;
static size_t nwheres;

static int match_words;

int
cli_filter_option(int ch, const char *arg, struct pl_docfilter *f)
{
	static const char **sources;
	static size_t n;
	const char **ns;

	switch (ch) {
	case CLI_OPT_WORDS:
		match_words = 1;
		return 1;
	case CLI_OPT_WHERE:
		if (strchr(arg, '=') == NULL || arg[0] == '=') {
			cli_warnx("--where: expected KEY=VALUE, got '%s'", arg);
			exit(2);
		}
		if ((ns = realloc(wheres, (nwheres + 1) * sizeof(*ns))) ==
		    NULL) {
			cli_warnx("out of memory");
			exit(1);
		}
		wheres = ns;
		wheres[nwheres++] = arg;
		return 1;
	case CLI_OPT_FROM:
		f->from = cli_date("--from", arg, 0);
		return 1;
	case CLI_OPT_TO:
		f->to = cli_date("--to", arg, 1);
		return 1;
	case CLI_OPT_SOURCE:
		if ((ns = realloc(sources, (n + 2) * sizeof(*ns))) == NULL) {
			cli_warnx("out of memory");
			exit(1);
		}
		sources = ns;
		sources[n++] = arg;
		sources[n] = NULL;
		f->sources = sources;
		return 1;
	default:
		return 0;
	}
}

/* A --source no document has: a warning, with the nearest sources. */
static void
warn_sources(struct pl_corpus *c, const struct pl_docfilter *f)
{
	size_t i, k;
	char *near;

	for (i = 0; f != NULL && f->sources && f->sources[i]; i++) {
		for (k = 0; k < c->nsources; k++)
			if (strcmp(c->sources[k], f->sources[i]) == 0)
				break;
		if (k < c->nsources)
			continue;
		near = pl_corpus_near_sources(c, f->sources[i]);
		if (near && *near)
			cli_warnx("warning: no document has source '%s' "
			    "(did you mean %s?)", f->sources[i], near);
		else
			cli_warnx("warning: no document has source '%s'",
			    f->sources[i]);
		free(near);
	}
}

/* A --where that no document meets: a warning, with the nearest keys. */
static void
warn_where(struct pl_corpus *c, const struct pl_docfilter *f,
    const char *key, const char *value)
{
	size_t i;
	char *near = NULL;

	for (i = 0; i < c->ndocs; i++)
		if (f->mask == NULL || f->mask[i])
			return;
	if (pl_corpus_near_keys(c, key, &near) == NULL && near && *near)
		cli_warnx("warning: no document has %s=%s (did you mean "
		    "%s?)", key, value, near);
	else
		cli_warnx("warning: no document has %s=%s", key, value);
	free(near);
}

int
cli_open_corpus(const char *dbopt, struct pl_db **db, struct pl_corpus **c,
    struct pl_docfilter *f)
{
	const struct pl_error *err;
	size_t i;

	*db = NULL;
	*c = NULL;
	if ((err = pl_db_open(cli_db_path(dbopt), PL_DB_READ, db)) != NULL ||
	    (err = pl_corpus_open(*db, c)) != NULL)
		goto fail;
	(*c)->match_words = match_words;
	warn_sources(*c, f);
	for (i = 0; f != NULL && i < nwheres; i++) {
		const char *eq = strchr(wheres[i], '=');
		char *key = strndup(wheres[i], (size_t)(eq - wheres[i]));
		if (key == NULL) {
			err = pl_error_nomem();
			goto fail;
		}
		err = pl_corpus_where(*c, f, key, eq + 1);
		if (err == NULL)
			warn_where(*c, f, key, eq + 1);
		free(key);
		if (err)
			goto fail;
	}
	return 0;
fail:
	cli_error(err);
	pl_corpus_free(*c);
	*c = NULL;
	pl_db_close(*db);
	*db = NULL;
	return -1;
}

int
cli_terms(struct pl_corpus *c, int argc, char **argv, struct pl_term ***out)
{
	const struct pl_error *err;
	struct pl_term **t;
	int i;

	*out = NULL;
	if ((t = calloc((size_t)argc + 1, sizeof(*t))) == NULL) {
		cli_warnx("out of memory");
		return 1;
	}
	for (i = 0; i < argc; i++) {
		char *near = NULL;
		int absent = 0;
		if ((err = pl_term_parse(c, argv[i], &t[i])) != NULL) {
			cli_error(err);
			cli_terms_free(t, i);
			return err->code == PL_ERR_USAGE ? 2 : 1;
		}
		if ((err = pl_term_absent(c, t[i], &absent, &near)) != NULL) {
			cli_error(err);
			cli_terms_free(t, i + 1);
			return 1;
		}
		if (absent && near && *near)
			cli_warnx("warning: '%s' is not in the corpus (did you "
			    "mean %s?)", argv[i], near);
		else if (absent)
			cli_warnx("warning: '%s' is not in the corpus",
			    argv[i]);
		free(near);
	}
	*out = t;
	return 0;
}

void
cli_terms_free(struct pl_term **t, int n)
{
	int i;

	if (t == NULL)
		return;
	for (i = 0; i < n; i++)
		pl_term_free(t[i]);
	free(t);
}

/* The command line, shell-quoted where needed, for the provenance. */
char *
cli_command_line(int argc, char **argv)
{
	return cli_quote_args(cli_prog, argc > 0 ? argc - 1 : 0, argv + 1);
}

char *
cli_quote_args(const char *prog, int argc, char **argv)
{
	return pl_quote_args(prog, argc, argv);
}

/*
 * A chart's caption: the corpus named by its database's file name, never
 * the path (a figure is pasted into reports; /home/me/... is private and
 * says nothing).  NULL without a database.
 */
const char *
cli_plot_caption(const char *db, char *buf, size_t n)
{
	const char *b;

	if (db == NULL || *db == '\0')
		return NULL;
	b = strrchr(db, '/');
	b = b ? b + 1 : db;
	snprintf(buf, n, "Corpus: %s \xc2\xb7 plenum", b);
	return buf;
}

int
cli_plot(const struct pl_table *t, int kind, const char *path,
    const char *dbopt, const char *subtitle, int argc, char **argv)
{
	const struct pl_error *err;
	struct pl_plotcfg cfg;
	struct pl_plot *p = NULL;
	char *cmdline = cli_command_line(argc, argv), caption[256];
	const char *first;
	size_t nmiss;

	pl_plotcfg_defaults(&cfg);
	cfg.cmdline = cmdline;
	cfg.dbname = cli_db_path(dbopt);
	cfg.subtitle = subtitle;
	cfg.caption = cli_plot_caption(cfg.dbname, caption, sizeof(caption));
	if (kind == PL_PLOT_MULTIPLES)
		cfg.free_y = 1;
	if ((err = pl_plot_new((enum pl_plot_kind)kind, t, &cfg, &p)) != NULL ||
	    (err = pl_plot_write(p, path)) != NULL) {
		cli_error(pl_error_wrap(err, "--plot"));
		pl_plot_free(p);
		free(cmdline);
		return 1;
	}
	if ((nmiss = pl_plot_missing_glyphs(p, &first)) > 0)
		cli_warnx("warning: no installed font can draw %zu character%s "
		    "(first in '%s'); they show as boxes: install "
		    "fonts-noto-cjk", nmiss, nmiss == 1 ? "" : "s", first);
	pl_plot_free(p);
	free(cmdline);
	return 0;
}

/*
 * Splits the text of a --terms file into argv-style lines: one term
 * expression a line, blank lines and lines starting with # skipped.
 */
int
cli_term_lines(char *text, char ***out)
{
	char **v = NULL, **nv, *p, *nl;
	int n = 0;

	for (p = text; *p != '\0'; p = nl) {
		char *e;
		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		else
			nl = p + strlen(p);
		for (e = p + strlen(p); e > p && (e[-1] == '\r' ||
		    e[-1] == ' ' || e[-1] == '\t'); e--)
			e[-1] = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || *p == '#')
			continue;
		if ((nv = realloc(v, (size_t)(n + 1) * sizeof(*v))) == NULL) {
			free(v);
			return -1;
		}
		v = nv;
		v[n++] = p;
	}
	*out = v;
	return n;
}
