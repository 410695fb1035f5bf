/*
 * ingest.c - plenum ingest: add documents to the corpus in one transaction.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "plenum/corpus.h"
#include "plenum/store.h"
#include "plenum/token.h"
#include "cli.h"
#include "commands.h"

static const char usage_str[] =
	"usage: plenum ingest [--db FILE] [--format jsonl|csv|tsv|text] "
	"[--replace] [--skip-bad]\n"
	"                     [--max-errors N] [--date DATE] [--source S] "
	"[--id-col NAME]\n"
	"                     [--date-col NAME] [--source-col NAME] "
	"[--title-col NAME]\n"
	"                     [--text-col NAME] [--ngrams N] [--stoplangs "
	"LIST] [--stopwords FILE]\n"
	"                     [--dict FILE] [--t2s] [--threads N] [--memory SIZE]\n"
	"                     [--wait SECONDS] [-q] [-v] FILE|DIR|- ...\n";

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
progress(uint64_t docs, uint64_t done, uint64_t total, double t0)
{
	double el = now_s() - t0, mb = (double)done / 1e6;
	double rate = el > 0 ? mb / el : 0;

	fprintf(stderr, "\r\033[K%s: %llu documents, %.1f MB, %.1f MB/s",
	    cli_prog, (unsigned long long)docs, mb, rate);
	if (total > done && rate > 0)
		fprintf(stderr, ", ETA %.0f s",
		    ((double)(total - done) / 1e6) / rate);
}

static void
remove_db(const char *path)
{
	char p[4096];

	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-journal", path);
	unlink(p);
}

/* What the ingest reports while it reads. */
struct ctx {
	uint64_t		 max_errors, nbad_seen, ndup, docs;
	int			 quiet, verbose, tty;
	double			 t0, lastp;
	struct pl_reader	*rd;
};

static void
on_bad(void *arg, const struct pl_error *err)
{
	struct ctx *c = arg;

	if (++c->nbad_seen <= c->max_errors) {
		if (c->tty)
			fputs("\r\033[K", stderr);
		cli_error(err);
	}
}

static void
on_added(void *arg, const struct pl_doc *doc, enum pl_add_result res,
    const char *other)
{
	struct ctx *c = arg;
	uint64_t done, total;

	c->docs++;
	if (res == PL_ADD_DUPLICATE) {
		c->ndup++;
		if (!c->quiet && (c->verbose || c->ndup <= 5)) {
			if (c->tty)
				fputs("\r\033[K", stderr);
			if (doc->line)
				cli_warnx("%s:%zu: document '%s' has the same "
				    "text as '%s'; skipped", doc->file,
				    doc->line, doc->id, other);
			else
				cli_warnx("%s: document '%s' has the same text "
				    "as '%s'; skipped", doc->file, doc->id,
				    other);
		}
	}
	if (c->tty && now_s() - c->lastp > 0.25) {
		c->lastp = now_s();
		pl_reader_progress(c->rd, &done, &total);
		progress(c->docs, done, total, c->t0);
	}
}

enum {
	OPT_REPLACE = 256, OPT_SKIP_BAD, OPT_MAX_ERRORS, OPT_DATE, OPT_SOURCE,
	OPT_ID_COL, OPT_DATE_COL, OPT_SOURCE_COL, OPT_TITLE_COL, OPT_TEXT_COL,
	OPT_NGRAMS, OPT_STOPLANGS, OPT_STOPWORDS, OPT_DICT, OPT_T2S, OPT_DB,
	OPT_FORMAT, OPT_THREADS, OPT_WAIT, OPT_MEMORY
};

/* A size: a number with an optional K, M or G (powers of 1024). */
static size_t
parse_size(const char *opt, const char *arg)
{
	char *end;
	double v;
	size_t mul = 1;

	v = strtod(arg, &end);
	switch (*end) {
	case 'k': case 'K':
		mul = (size_t)1 << 10;
		end++;
		break;
	case 'm': case 'M':
		mul = (size_t)1 << 20;
		end++;
		break;
	case 'g': case 'G':
		mul = (size_t)1 << 30;
		end++;
		break;
	}
	if (end == arg || *end != '\0' || !(v >= 1) || v * (double)mul >
	    (double)((size_t)1 << 40)) {
		cli_warnx("%s: '%s' is not a size such as 512M or 2G (at least "
		    "1M)", opt, arg);
		exit(2);
	}
	if (v * (double)mul < (double)((size_t)1 << 20)) {
		cli_warnx("%s: '%s' is too small (at least 1M)", opt, arg);
		exit(2);
	}
	return (size_t)(v * (double)mul);
}

/* Another ingest holds the database: say so, once. */
static void
say_waiting(void *arg, const char *path, int seconds)
{
	(void)arg;
	cli_warnx("%s: another ingest is running; waiting for it to finish "
	    "(up to %d s, --wait SECONDS)", path, seconds);
}

int
cmd_ingest(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date",	required_argument,	NULL, OPT_DATE },
		{ "date-col",	required_argument,	NULL, OPT_DATE_COL },
		{ "db",		required_argument,	NULL, OPT_DB },
		{ "dict",	required_argument,	NULL, OPT_DICT },
		{ "format",	required_argument,	NULL, OPT_FORMAT },
		{ "help",	no_argument,		NULL, 'h' },
		{ "id-col",	required_argument,	NULL, OPT_ID_COL },
		{ "max-errors",	required_argument,	NULL, OPT_MAX_ERRORS },
		{ "ngrams",	required_argument,	NULL, OPT_NGRAMS },
		{ "quiet",	no_argument,		NULL, 'q' },
		{ "replace",	no_argument,		NULL, OPT_REPLACE },
		{ "skip-bad",	no_argument,		NULL, OPT_SKIP_BAD },
		{ "source",	required_argument,	NULL, OPT_SOURCE },
		{ "source-col",	required_argument,	NULL, OPT_SOURCE_COL },
		{ "stoplangs",	required_argument,	NULL, OPT_STOPLANGS },
		{ "stopwords",	required_argument,	NULL, OPT_STOPWORDS },
		{ "t2s",	no_argument,		NULL, OPT_T2S },
		{ "text-col",	required_argument,	NULL, OPT_TEXT_COL },
		{ "threads",	required_argument,	NULL, OPT_THREADS },
		{ "wait",	required_argument,	NULL, OPT_WAIT },
		{ "memory",	required_argument,	NULL, OPT_MEMORY },
		{ "title-col",	required_argument,	NULL, OPT_TITLE_COL },
		{ "verbose",	no_argument,		NULL, 'v' },
		{ NULL,		0,			NULL, 0 }
	};
	const struct pl_error *err;
	struct pl_reader_opts ropts;
	struct pl_ingest_opts iopts;
	struct pl_ingest_stats st;
	struct pl_tokcfg cfg;
	struct pl_db *db = NULL;
	struct pl_ingest *in = NULL;
	struct pl_reader *rd = NULL;
	struct pl_ingest_events ev;
	struct ctx ctx;
	const char *dbopt = NULL, *dbpath = NULL;
	char *dict = NULL, *stop = NULL;
	int ch, i, replace = 0, skip_bad = 0, quiet = 0, verbose = 0;
	int existed = 1, tty, rc = 1;
	long max_errors = 20;
	uint64_t nbad = 0, ndup = 0, docs = 0;
	double t0 = now_s(), tc;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	/*
	 * Tokenizing threads, one per core: measured on 2 cores, two workers
	 * beside the indexing thread beat one (cctv-xwlb 19.1 s -> 15.9 s).
	 */
	int nthreads = ncpu < 1 ? 1 : ncpu > 8 ? 8 : (int)ncpu;
	int wait_s = -1;

	pl_reader_opts_defaults(&ropts);
	pl_tokcfg_defaults(&cfg);
	memset(&iopts, 0, sizeof(iopts));
	iopts.memory = (size_t)1 << 30;
	while ((ch = getopt_long(argc, argv, "hqv", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			cli_usage(usage_str, 0);
		case 'q':
			quiet = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		case OPT_DATE: {
			int64_t d;
			enum pl_precision p;
			if (pl_date_parse(optarg, strlen(optarg), &d, &p) == -1) {
				cli_warnx("--date: expected YYYY-MM-DD, YYYY-MM "
				    "or YYYY, got '%s'", optarg);
				return 2;
			}
			ropts.date = optarg;
			break;
		}
		case OPT_DATE_COL:
			ropts.date_col = optarg;
			break;
		case OPT_DB:
			dbopt = optarg;
			break;
		case OPT_DICT:
			free(dict);
			if ((dict = cli_read_file(optarg, NULL)) == NULL)
				return 1;
			cfg.user_dict = dict;
			iopts.cfg_given |= PL_CFG_DICT;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "jsonl") == 0 ||
			    strcmp(optarg, "json") == 0)
				ropts.format = PL_IN_JSONL;
			else if (strcmp(optarg, "csv") == 0)
				ropts.format = PL_IN_CSV;
			else if (strcmp(optarg, "tsv") == 0)
				ropts.format = PL_IN_TSV;
			else if (strcmp(optarg, "text") == 0 ||
			    strcmp(optarg, "md") == 0)
				ropts.format = PL_IN_TEXT;
			else {
				cli_warnx("--format: expected jsonl, csv, tsv "
				    "or text, got '%s'", optarg);
				return 2;
			}
			break;
		case OPT_ID_COL:
			ropts.id_col = optarg;
			break;
		case OPT_MAX_ERRORS:
			max_errors = cli_long("--max-errors", optarg, 0,
			    1000000);
			break;
		case OPT_NGRAMS:
			cfg.ngram_max = (int)cli_long("--ngrams", optarg, 1,
			    PL_NGRAM_MAX);
			iopts.cfg_given |= PL_CFG_NGRAMS;
			break;
		case OPT_REPLACE:
			replace = 1;
			break;
		case OPT_SKIP_BAD:
			skip_bad = 1;
			break;
		case OPT_SOURCE:
			ropts.source = optarg;
			break;
		case OPT_SOURCE_COL:
			ropts.source_col = optarg;
			break;
		case OPT_STOPLANGS:
			if (strlen(optarg) >= sizeof(cfg.stoplangs)) {
				cli_warnx("--stoplangs: '%s' is too long",
				    optarg);
				return 2;
			}
			snprintf(cfg.stoplangs, sizeof(cfg.stoplangs), "%s",
			    strcmp(optarg, "none") == 0 ? "" : optarg);
			iopts.cfg_given |= PL_CFG_STOPLANGS;
			break;
		case OPT_STOPWORDS:
			free(stop);
			if ((stop = cli_read_file(optarg, NULL)) == NULL)
				return 1;
			cfg.user_stop = stop;
			iopts.cfg_given |= PL_CFG_STOPWORDS;
			break;
		case OPT_T2S:
			cfg.t2s = 1;
			iopts.cfg_given |= PL_CFG_T2S;
			break;
		case OPT_TEXT_COL:
			ropts.text_col = optarg;
			break;
		case OPT_MEMORY:
			iopts.memory = parse_size("--memory", optarg);
			break;
		case OPT_THREADS:
			nthreads = (int)cli_long("--threads", optarg, 0, 16);
			break;
		case OPT_TITLE_COL:
			ropts.title_col = optarg;
			break;
		case OPT_WAIT:
			wait_s = (int)cli_long("--wait", optarg, 0, 86400 * 7);
			break;
		default:
			cli_usage(usage_str, 2);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		cli_warnx("no input: name files, directories or - for "
		    "standard input");
		cli_usage(usage_str, 2);
	}
	{
		/* Check the settings before touching the database. */
		struct pl_tokenizer *tk;
		if ((err = pl_tokenizer_new(&cfg, &tk)) != NULL) {
			cli_error(err);
			rc = 2;
			goto out;
		}
		pl_tokenizer_free(tk);
	}
	dbpath = cli_db_path(dbopt);
	existed = access(dbpath, F_OK) == 0;
	tty = !quiet && isatty(STDERR_FILENO);
	iopts.replace = replace;
	iopts.cfg = &cfg;
	pl_db_set_wait(wait_s, say_waiting, NULL);
	if ((err = pl_db_open(dbpath, PL_DB_WRITE | PL_DB_CREATE, &db)) != NULL ||
	    (err = pl_ingest_begin(db, &iopts, &in)) != NULL) {
		cli_error(err);
		if (err->code == PL_ERR_USAGE)
			rc = 2;
		goto out;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.max_errors = (uint64_t)max_errors;
	ctx.quiet = quiet;
	ctx.verbose = verbose;
	ctx.tty = tty;
	ctx.t0 = t0;
	ev.bad = on_bad;
	ev.added = on_added;
	ev.arg = &ctx;
	for (i = 0; i < argc; i++) {
		if ((err = pl_reader_open(argv[i], &ropts, &rd)) != NULL) {
			if (++nbad <= (uint64_t)max_errors)
				cli_error(err);
			continue;
		}
		ctx.rd = rd;
		err = pl_ingest_reader(in, rd, nthreads, &ev, &nbad);
		pl_reader_free(rd);
		rd = ctx.rd = NULL;
		if (err != NULL) {
			cli_error(err);
			goto fail;
		}
	}
	ndup = ctx.ndup;
	docs = ctx.docs;
	if (tty)
		fputs("\r\033[K", stderr);
	if (nbad > (uint64_t)max_errors)
		cli_warnx("... and %llu more bad records",
		    (unsigned long long)(nbad - (uint64_t)max_errors));
	if (nbad > 0 && !skip_bad) {
		cli_warnx("%llu bad record%s: nothing was ingested (fix them, "
		    "or use --skip-bad to ingest the rest)",
		    (unsigned long long)nbad, nbad == 1 ? "" : "s");
		goto fail;
	}
	if (ndup > 5 && !verbose && !quiet)
		cli_warnx("%llu documents in all had the text of another "
		    "document and were skipped (-v lists them)",
		    (unsigned long long)ndup);
	tc = now_s();
	if (tty)
		fprintf(stderr, "%s: %llu documents read; writing the term "
		    "index...", cli_prog, (unsigned long long)docs);
	err = pl_ingest_commit(in, &st);
	in = NULL;
	if (tty)
		fputs("\r\033[K", stderr);
	if (verbose)
		cli_warnx("read and tokenized in %.2f s, index written in "
		    "%.2f s", tc - t0, now_s() - tc);
	if (err) {
		cli_error(err);
		goto fail;
	}
	if (!quiet) {
		fprintf(stderr, "%s: %s: added %llu, replaced %llu, already "
		    "present %llu, duplicates %llu, bad %llu; %llu tokens, "
		    "%llu new terms in %.1f s\n", cli_prog, dbpath,
		    (unsigned long long)st.added,
		    (unsigned long long)st.replaced,
		    (unsigned long long)st.present,
		    (unsigned long long)st.duplicates,
		    (unsigned long long)nbad,
		    (unsigned long long)st.tokens,
		    (unsigned long long)st.new_terms, now_s() - t0);
		if (st.no_wal)
			cli_warnx("%s: warning: committed, but switching the "
			    "database back to WAL mode failed (the next "
			    "ingest tries again)", dbpath);
		if (st.added == 0 && st.replaced == 0 && st.present > 0)
			cli_warnx("nothing new: every document was already in "
			    "the corpus");
	}
	rc = nbad > 0 ? 1 : 0;
	if ((err = pl_db_close(db)) != NULL) {
		cli_error(err);
		rc = 1;
	}
	db = NULL;
	goto out;
fail:
	pl_ingest_abort(in);
	in = NULL;
	pl_db_close(db);
	db = NULL;
	if (!existed)
		remove_db(dbpath);
	rc = 1;
out:
	pl_ingest_abort(in);
	if (db != NULL) {
		pl_db_close(db);
		if (!existed)
			remove_db(dbpath);
	}
	free(dict);
	free(stop);
	return rc;
}
