/*
 * plot.c - plenum plot: draw a table as a chart (PNG, SVG or PDF).
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "plenum/date.h"
#include "plenum/corpus.h"
#include "plenum/file.h"
#include "plenum/plot.h"
#include "cli.h"
#include "commands.h"

static const char usage_str[] =
	"usage: plenum plot [KIND] [-i TABLE] -o OUT.png|svg|pdf [--data FILE] "
	"[--dump]\n"
	"                   [--title T] [--subtitle T] [--caption T] "
	"[--xlabel T] [--ylabel T]\n"
	"                   [--x COL] [--y COL] [--group COL] [--label COL] "
	"[--value COL]\n"
	"                   [--lower COL] [--upper COL] [--width N[in]] "
	"[--height N[in]]\n"
	"                   [--dpi N] [--scale N] [--theme default|print|dark] "
	"[--font F]\n"
	"                   [--markers] [--smooth N] [--event DATE[=LABEL]] "
	"[--top N]\n"
	"                   [--free-y] [--ncol N] [--values | --no-values]\n"
	"                   [--neg-label T] [--pos-label T] [--threshold X] "
	"[--max-edges N]\n"
	"                   [--seed N] [--over SERIES] [--outline-text] "
	"[--lang zh|en] [--db FILE]\n"
	"kinds: auto (the default: chosen from the table), line, bar, heatmap,\n"
	"       multiples, dispersion, network, facets, ranked, intervals,\n"
	"       segments\n";

/* The table format from a file name, or else from the first line. */
static int
input_format(const char *path, const char *buf)
{
	size_t n = strlen(path), k;

	if (n > 4 && strcasecmp(path + n - 4, ".csv") == 0)
		return PL_FMT_CSV;
	if (n > 4 && strcasecmp(path + n - 4, ".tsv") == 0)
		return PL_FMT_TSV;
	if (n > 6 && strcasecmp(path + n - 6, ".jsonl") == 0)
		return PL_FMT_JSONL;
	if (n > 5 && strcasecmp(path + n - 5, ".json") == 0)
		return PL_FMT_JSON;
	buf += strspn(buf, " \t\r\n");
	if (*buf == '[')
		return PL_FMT_JSON;
	if (*buf == '{')
		return PL_FMT_JSONL;
	k = strcspn(buf, "\n");
	if (memchr(buf, '\t', k) == NULL && memchr(buf, ',', k) != NULL)
		return PL_FMT_CSV;
	return PL_FMT_TSV;
}

/* A size: pixels, or inches with an "in" suffix (96 pixels each). */
static double
size_arg(const char *opt, const char *arg, int *inches)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	*inches = strcmp(end, "in") == 0;
	if (errno || end == arg || (*end && !*inches) || !(v > 0)) {
		cli_warnx("%s: '%s' is not a size (expected pixels, e.g. 1600, "
		    "or inches, e.g. 6.5in)", opt, arg);
		exit(2);
	}
	v = *inches ? v * 96 : v;
	if (v < 100 || v > 20000) {
		cli_warnx("%s: %s is out of range (100 to 20000 pixels)", opt,
		    arg);
		exit(2);
	}
	return v;
}

/* Writes t as TSV to path atomically (pl_file_write_atomic). */
static int
write_data(const char *path, const struct pl_table *t)
{
	const struct pl_error *err;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	if ((fp = open_memstream(&buf, &len)) == NULL) {
		cli_warnx("--data: %s: %s", path, strerror(errno));
		return 1;
	}
	err = pl_table_write(t, fp, PL_FMT_TSV);
	if (fclose(fp) == EOF && err == NULL)
		err = pl_error_nomem();
	if (err == NULL)
		err = pl_file_write_atomic(path, buf, len);
	free(buf);
	if (err != NULL) {
		cli_error(err);
		return 1;
	}
	return 0;
}

enum {
	OPT_DATA = 2000, OPT_DPI, OPT_EVENT, OPT_FONT, OPT_FREEY, OPT_LABEL,
	OPT_LANG,
	OPT_LOWER, OPT_MARKERS, OPT_MAXEDGES, OPT_NCOL, OPT_NEGLABEL,
	OPT_NOVALUES, OPT_OUTLINE, OPT_OVER, OPT_POSLABEL, OPT_SEED, OPT_SMOOTH, OPT_THEME,
	OPT_THRESHOLD, OPT_TOP, OPT_UPPER, OPT_VALUE, OPT_VALUES, OPT_XLABEL
};

int
cmd_plot(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "caption",	required_argument,	NULL, 'c' },
		{ "data",	required_argument,	NULL, OPT_DATA },
		{ "db",		required_argument,	NULL, 'd' },
		{ "dpi",	required_argument,	NULL, OPT_DPI },
		{ "dump",	no_argument,		NULL, 'D' },
		{ "event",	required_argument,	NULL, OPT_EVENT },
		{ "font",	required_argument,	NULL, OPT_FONT },
		{ "free-y",	no_argument,		NULL, OPT_FREEY },
		{ "group",	required_argument,	NULL, 'g' },
		{ "height",	required_argument,	NULL, 'H' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "input",	required_argument,	NULL, 'i' },
		{ "label",	required_argument,	NULL, OPT_LABEL },
		{ "lang",	required_argument,	NULL, OPT_LANG },
		{ "lower",	required_argument,	NULL, OPT_LOWER },
		{ "markers",	no_argument,		NULL, OPT_MARKERS },
		{ "max-edges",	required_argument,	NULL, OPT_MAXEDGES },
		{ "ncol",	required_argument,	NULL, OPT_NCOL },
		{ "neg-label",	required_argument,	NULL, OPT_NEGLABEL },
		{ "no-values",	no_argument,		NULL, OPT_NOVALUES },
		{ "outline-text", no_argument,		NULL, OPT_OUTLINE },
		{ "output",	required_argument,	NULL, 'o' },
		{ "over",	required_argument,	NULL, OPT_OVER },
		{ "pos-label",	required_argument,	NULL, OPT_POSLABEL },
		{ "scale",	required_argument,	NULL, 's' },
		{ "seed",	required_argument,	NULL, OPT_SEED },
		{ "smooth",	required_argument,	NULL, OPT_SMOOTH },
		{ "subtitle",	required_argument,	NULL, 'S' },
		{ "theme",	required_argument,	NULL, OPT_THEME },
		{ "threshold",	required_argument,	NULL, OPT_THRESHOLD },
		{ "title",	required_argument,	NULL, 't' },
		{ "top",	required_argument,	NULL, OPT_TOP },
		{ "upper",	required_argument,	NULL, OPT_UPPER },
		{ "value",	required_argument,	NULL, OPT_VALUE },
		{ "values",	no_argument,		NULL, OPT_VALUES },
		{ "width",	required_argument,	NULL, 'W' },
		{ "x",		required_argument,	NULL, 'x' },
		{ "xlabel",	required_argument,	NULL, OPT_XLABEL },
		{ "y",		required_argument,	NULL, 'y' },
		{ "ylabel",	required_argument,	NULL, 'Y' },
		{ NULL,		0,			NULL, 0 }
	};
	const struct pl_error *err;
	struct pl_plotcfg cfg;
	struct pl_table t, d;
	struct pl_plot *p = NULL;
	const char *in = "-", *outp = NULL, *datap = NULL, *first, *overp = NULL;
	struct pl_table ot;
	char *cmdline = cli_command_line(argc, argv);
	FILE *fp = NULL;
	char *inbuf = NULL, caption[256];
	size_t inlen = 0;
	int ch, dump = 0, rc = 1, kind, inches = 0, in_w = 0, in_h = 0;
	double dpi = 0;
	size_t nmiss;

	pl_plotcfg_defaults(&cfg);
	cfg.cmdline = cmdline;
	cfg.dbname = getenv("PLENUM_DB");
	while ((ch = getopt_long(argc, argv, "c:d:hi:o:t:", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'c':
			cfg.caption = optarg;
			break;
		case 'D':
			dump = 1;
			break;
		case 'd':
			cfg.dbname = optarg;
			break;
		case 'g':
			cfg.groupcol = optarg;
			break;
		case 'H':
			cfg.height = size_arg("--height", optarg, &inches);
			in_h = inches;
			break;
		case 'h':
			cli_usage(usage_str, 0);
		case 'i':
			in = optarg;
			break;
		case 'o':
			outp = optarg;
			break;
		case 's':
			cfg.scale = (double)cli_long("--scale", optarg, 1, 8);
			break;
		case 'S':
			cfg.subtitle = optarg;
			break;
		case 't':
			cfg.title = optarg;
			break;
		case 'W':
			cfg.width = size_arg("--width", optarg, &inches);
			in_w = inches;
			break;
		case 'x':
			cfg.xcol = optarg;
			break;
		case 'y':
			cfg.ycol = optarg;
			break;
		case 'Y':
			cfg.ylabel = optarg;
			break;
		case OPT_DATA:
			datap = optarg;
			break;
		case OPT_DPI:
			dpi = (double)cli_long("--dpi", optarg, 24, 1200);
			break;
		case OPT_EVENT: {
			const char *eq = strchr(optarg, '=');
			size_t len = eq ? (size_t)(eq - optarg) : strlen(optarg);
			enum pl_precision prec;
			int64_t day;
			if (cfg.nevents == PL_PLOT_MAXEVENTS) {
				cli_warnx("--event: at most %d events",
				    PL_PLOT_MAXEVENTS);
				exit(2);
			}
			if (pl_date_parse(optarg, len, &day, &prec) == -1) {
				cli_warnx("--event: '%.*s' is not a date "
				    "(expected YYYY-MM-DD[=LABEL])", (int)len,
				    optarg);
				exit(2);
			}
			cfg.events[cfg.nevents].day = day;
			cfg.events[cfg.nevents++].label = eq ? eq + 1 : NULL;
			break;
		}
		case OPT_LANG:
			if (strcmp(optarg, "zh") != 0 &&
			    strcmp(optarg, "en") != 0) {
				cli_warnx("--lang: expected zh or en, got '%s'",
				    optarg);
				exit(2);
			}
			cfg.lang = optarg;
			break;
		case OPT_FONT:
			cfg.font = optarg;
			break;
		case OPT_FREEY:
			cfg.free_y = 1;
			break;
		case OPT_LABEL:
			cfg.labelcol = optarg;
			break;
		case OPT_LOWER:
			cfg.lowercol = optarg;
			break;
		case OPT_MARKERS:
			cfg.markers = 1;
			break;
		case OPT_MAXEDGES:
			cfg.max_edges = (size_t)cli_long("--max-edges", optarg,
			    1, 100000);
			break;
		case OPT_NCOL:
			cfg.ncol = (int)cli_long("--ncol", optarg, 1, 100);
			break;
		case OPT_NEGLABEL:
			cfg.neg_label = optarg;
			break;
		case OPT_NOVALUES:
			cfg.values = 0;
			break;
		case OPT_OUTLINE:
			cfg.outline_text = 1;
			break;
		case OPT_OVER:
			overp = optarg;
			break;
		case OPT_POSLABEL:
			cfg.pos_label = optarg;
			break;
		case OPT_SEED:
			cfg.seed = (unsigned long)cli_long("--seed", optarg, 0,
			    2147483647L);
			break;
		case OPT_SMOOTH:
			cfg.smooth = (int)cli_long("--smooth", optarg, 2, 1000);
			break;
		case OPT_THEME:
			cfg.theme = optarg;
			break;
		case OPT_THRESHOLD:
			cfg.threshold = cli_double("--threshold", optarg, -HUGE_VAL,
			    HUGE_VAL);
			break;
		case OPT_TOP:
			cfg.top = (size_t)cli_long("--top", optarg, 1, 1000);
			break;
		case OPT_UPPER:
			cfg.uppercol = optarg;
			break;
		case OPT_VALUE:
			cfg.weightcol = optarg;
			break;
		case OPT_VALUES:
			cfg.values = 1;
			break;
		case OPT_XLABEL:
			cfg.xlabel = optarg;
			break;
		default:
			cli_usage(usage_str, 2);
		}
	}
	argc -= optind;
	argv += optind;
	kind = -1;	/* auto: chosen once the table is read */
	if (argc > 1 || (argc == 1 && strcmp(argv[0], "auto") != 0 &&
	    (kind = pl_plot_kind_parse(argv[0])) == -1)) {
		if (argc > 1)
			cli_warnx("one chart kind, not %d: '%s' and '%s'",
			    argc, argv[0], argv[1]);
		else
			cli_warnx("unknown chart kind '%s': expected auto, "
			    "line, bar, heatmap, multiples, dispersion, network, "
			    "facets, ranked, intervals or segments", argv[0]);
		cli_usage(usage_str, 2);
	}
	if (outp == NULL && !dump) {
		cli_warnx("no output: name it with -o OUT.png, .svg or .pdf");
		cli_usage(usage_str, 2);
	}
	{
		/* Texts drawn on the chart: an SVG with invalid UTF-8 is not
		   XML, and pango would draw boxes. */
		const struct { const char *opt, *s; } texts[] = {
			{ "--title", cfg.title }, { "--subtitle", cfg.subtitle },
			{ "--caption", cfg.caption }, { "--xlabel", cfg.xlabel },
			{ "--ylabel", cfg.ylabel }
		};
		size_t k;
		long bad;

		for (k = 0; k < sizeof(texts) / sizeof(texts[0]); k++)
			if (texts[k].s != NULL && (bad = pl_utf8_check(
			    texts[k].s, strlen(texts[k].s))) != -1) {
				cli_warnx("%s: invalid UTF-8 at byte %ld",
				    texts[k].opt, bad + 1);
				exit(2);
			}
	}
	if ((in_w || in_h) && dpi == 0)
		dpi = 300;	/* a size in inches is for print */
	if (dpi > 0)
		cfg.scale = dpi / 96;
	pl_table_init(&t);
	pl_table_init(&d);
	pl_table_init(&ot);
	if (overp != NULL) {
		FILE *of = fopen(overp, "r");
		if (of == NULL) {
			cli_warnx("--over: %s: %s", overp, strerror(errno));
			goto done;
		}
		err = pl_table_read(of, overp, (enum pl_format)input_format(overp,
		    ""), &ot);
		fclose(of);
		if (err != NULL) {
			cli_error(pl_error_wrap(err, "--over"));
			goto done;
		}
		cfg.over = &ot;
	}
	/* The whole input in memory, so the format can be told from its
	 * first line (a CSV header has commas and no tab). */
	if ((inbuf = cli_read_file(in, &inlen)) == NULL)
		goto done;
	if ((fp = fmemopen(inbuf, inlen ? inlen : 1, "r")) == NULL) {
		cli_warnx("%s: %s", in, strerror(errno));
		goto done;
	}
	if ((err = pl_table_read(fp, strcmp(in, "-") ? in : "<stdin>",
	    (enum pl_format)input_format(in, inbuf), &t)) != NULL) {
		cli_error(err);
		goto done;
	}
	if (kind == -1)
		kind = (int)pl_plot_auto_kind(&t);
	if (cfg.caption == NULL)
		cfg.caption = cli_plot_caption(cfg.dbname, caption,
		    sizeof(caption));
	if (kind == PL_PLOT_BAR && cfg.weightcol != NULL)
		cfg.ycol = cfg.weightcol;
	if ((err = pl_plot_new((enum pl_plot_kind)kind, &t, &cfg, &p)) != NULL ||
	    (outp != NULL && (err = pl_plot_write(p, outp)) != NULL)) {
		cli_error(err);
		goto done;
	}
	if ((nmiss = pl_plot_missing_glyphs(p, &first)) > 0)
		cli_warnx("warning: no installed font can draw %zu character%s "
		    "(first in '%s'); they show as boxes: install fonts-noto-cjk "
		    "or name a font with --font", nmiss, nmiss == 1 ? "" : "s",
		    first);
	if (datap != NULL && write_data(datap, pl_plot_data(p)) != 0)
		goto done;
	if (dump) {
		if ((err = pl_plot_dump(p, &d)) != NULL) {
			cli_error(err);
			goto done;
		}
		rc = cli_finish(cli_write_table(&d, PL_FMT_TSV));
	} else
		rc = cli_finish(0);
done:
	if (fp != NULL)
		fclose(fp);
	free(inbuf);
	pl_plot_free(p);
	pl_table_release(&t);
	pl_table_release(&d);
	pl_table_release(&ot);
	free(cmdline);
	return rc;
}
