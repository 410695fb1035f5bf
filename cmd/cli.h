/*
 * cli.h - what the commands share: messages, option parsing, the
 * database path, table output and a checked exit.  Unlike lib/, this may
 * print and exit.
 */
#ifndef PLENUM_CLI_H
#define PLENUM_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "plenum/error.h"
#include "plenum/table.h"

/* "plenum NAME", set by the dispatcher before a command runs. */
extern const char *cli_prog;

/* Prints "plenum NAME: message" on stderr. */
void	 cli_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Prints "plenum NAME: <error message>" on stderr. */
void	 cli_error(const struct pl_error *);

/*
 * Prints the usage text: to stdout and exit 0 for -h (status 0), to
 * stderr and exit 2 otherwise.
 */
void	 cli_usage(const char *usage, int status) __attribute__((noreturn));

/* Checked numbers: exit 2 with "plenum NAME: --opt: ..." when bad. */
long	 cli_long(const char *opt, const char *arg, long min, long max);
/* A finite real number in [min, max]; exits 2 when bad. */
double	 cli_double(const char *opt, const char *arg, double min, double max);
/*
 * A comma-separated list, each item turned into an int by parse (-1:
 * unknown, then "OPT: expected EXPECTED, got 'ITEM'" and exit 2); at most
 * max items are kept in out.  Returns the count.
 */
int	 cli_list(const char *opt, const char *arg, int (*parse)(const char *),
	    const char *expected, int *out, int max);
/*
 * A date option: YYYY-MM-DD, YYYY-MM or YYYY.  With end set, a partial
 * date means its last day (--to 2022 is 2022-12-31).  Exits 2 when bad.
 */
int64_t	 cli_date(const char *opt, const char *arg, int end);
/* Output format from -f/--format; exits 2 when unknown. */
int	 cli_format(const char *arg);
/* A bucket (enum pl_bucket) from --by; exits 2 when unknown. */
int	 cli_bucket(const char *arg);

/* The database path: --db if given, else $PLENUM_DB, else plenum.db. */
const char *cli_db_path(const char *opt);

/*
 * Writes a table to stdout in fmt; on error prints it and returns 1.
 */
int	 cli_write_table(const struct pl_table *, int fmt);

/*
 * Flushes stdout and returns status, or 1 after "plenum NAME: stdout:
 * <error>" if writing failed (a closed pipe exits quietly).
 */
int	 cli_finish(int status);

/* Reads a whole file ("-" is stdin) as a NUL-terminated UTF-8 string;
 * NULL after printing an error. */
char	*cli_read_file(const char *path, size_t *len);

/*
 * The filters every query command shares: --from DATE, --to DATE (both
 * inclusive; a partial --to means the end of that month or year),
 * --source S and --where KEY=VALUE on the documents' metadata (both
 * repeatable).
 */
/* Options every query command has: --db FILE, --format F, --help. */
#define CLI_COMMON_OPTIONS \
	{ "db",		required_argument,	NULL, 'd' }, \
	{ "format",	required_argument,	NULL, 'f' }, \
	{ "help",	no_argument,		NULL, 'h' }

enum {
	CLI_OPT_FROM = 1000,
	CLI_OPT_TO,
	CLI_OPT_SOURCE,
	CLI_OPT_WHERE,
	CLI_OPT_EXCLUDE,
	CLI_OPT_KEEP_NUMBERS,
	CLI_OPT_MAX_DF,
	CLI_OPT_MIN_CHARS,
	CLI_OPT_WORDS
};

/* --words: Han terms match whole tokens, not their characters (handled
 * by cli_filter_option, applied by cli_open_corpus). */
#define CLI_WORDS_OPTION \
	{ "words",	no_argument,		NULL, CLI_OPT_WORDS }

#define CLI_FILTER_OPTIONS \
	{ "from",	required_argument,	NULL, CLI_OPT_FROM }, \
	{ "source",	required_argument,	NULL, CLI_OPT_SOURCE }, \
	{ "to",		required_argument,	NULL, CLI_OPT_TO }, \
	{ "where",	required_argument,	NULL, CLI_OPT_WHERE }

struct pl_docfilter;

/* Handles one of those options into f; returns 1 if ch was one.  Exits
 * 2 on a bad date.  The source list grows as needed (freed at exit). */
int	 cli_filter_option(int ch, const char *arg, struct pl_docfilter *f);

/*
 * The vocabulary filter of every command that ranks terms
 * (include/plenum/vocab.h): --exclude FILE, --keep-numbers, --max-df F,
 * --min-chars N.
 */
#define CLI_VOCAB_OPTIONS \
	{ "exclude",	required_argument,	NULL, CLI_OPT_EXCLUDE }, \
	{ "keep-numbers", no_argument,		NULL, CLI_OPT_KEEP_NUMBERS }, \
	{ "max-df",	required_argument,	NULL, CLI_OPT_MAX_DF }, \
	{ "min-chars",	required_argument,	NULL, CLI_OPT_MIN_CHARS }

#include "plenum/vocab.h"

struct cli_vocab {
	struct pl_vocab	 v;
	const char	*exclude;	/* the --exclude file, or NULL */
};

struct pl_db;
struct pl_corpus;

/* Handles one of those options into cv; returns 1 if ch was one. */
int	 cli_vocab_option(int ch, const char *arg, struct cli_vocab *cv);
/* Reads the --exclude file with the corpus' tokenizer; -1 after printing
 * the error. */
int	 cli_vocab_open(struct cli_vocab *, struct pl_corpus *);
void	 cli_vocab_release(struct cli_vocab *);

/*
 * Opens the database named by --db (or $PLENUM_DB) and its corpus for
 * queries, and applies the --where conditions to f (if not NULL); prints
 * the error and returns -1 on failure.
 */
int	 cli_open_corpus(const char *dbopt, struct pl_db **,
	    struct pl_corpus **, struct pl_docfilter *f);

struct pl_term;

/*
 * Parses argv[0..argc) as term expressions into *terms (argc of them).
 * Returns 0, or the exit status (2 for a malformed term, 1 otherwise)
 * after printing the error.  Free with cli_terms_free().
 */
int	 cli_terms(struct pl_corpus *, int argc, char **argv,
	    struct pl_term ***terms);
void	 cli_terms_free(struct pl_term **, int n);

/*
 * Splits the text of a --terms file (a watch list) in place into *out,
 * one term expression a line; blank lines and lines starting with # are
 * skipped.  Returns the count, or -1 when out of memory.  *out (free(3)
 * it) points into text.
 */
int	 cli_term_lines(char *text, char ***out);

/*
 * "plenum NAME ARG ...", shell-quoted where needed: the command line a
 * figure records.  argv[0] is the command's name.  The caller frees it.
 */
char	*cli_command_line(int argc, char **argv);
/* "PROG ARG ..." for argv[0..argc), shell-quoted the same way; the caller
 * frees it. */
char	*cli_quote_args(const char *prog, int argc, char **argv);

/*
 * The --plot OUT shortcut: draws t as a chart of kind (an enum
 * pl_plot_kind) with the defaults, a subtitle (may be NULL), the
 * corpus (the database's file name) as caption, and the database and
 * command line as provenance.
 * Returns 0, or 1 after printing the error.
 */
int	 cli_plot(const struct pl_table *t, int kind, const char *path,
	    const char *dbopt, const char *subtitle, int argc, char **argv);

/* "Corpus: NAME.db · plenum" from a database path, in buf; NULL if none. */
const char *cli_plot_caption(const char *db, char *buf, size_t n);

#endif /* PLENUM_CLI_H */
