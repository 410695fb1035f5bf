/*
 * plot.c - plenum plot: draw a table as a chart (PNG, SVG or PDF).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/plot.h"
#include "cli.h"
#include "commands.h"

static const char usage_str[] =
	"usage: plenum plot line [-i TABLE] -o OUT.png|svg|pdf [--title T] "
	"[--subtitle T]\n"
	"                   [--caption T] [--ylabel T] [--x COL] [--y COL] "
	"[--group COL]\n"
	"                   [--width PX] [--height PX] [--scale N] [--dump]\n";

/* The table format from a file name, or from the first byte. */
static int
input_format(const char *path, FILE *fp)
{
	size_t n = strlen(path);
	int c;

	if (n > 4 && strcmp(path + n - 4, ".csv") == 0)
		return PL_FMT_CSV;
	if (n > 6 && strcmp(path + n - 6, ".jsonl") == 0)
		return PL_FMT_JSONL;
	if (n > 5 && strcmp(path + n - 5, ".json") == 0)
		return PL_FMT_JSON;
	c = getc(fp);
	if (c != EOF)
		ungetc(c, fp);
	return c == '[' ? PL_FMT_JSON : c == '{' ? PL_FMT_JSONL : PL_FMT_TSV;
}

int
cmd_plot(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "caption",	required_argument,	NULL, 'c' },
		{ "dump",	no_argument,		NULL, 'D' },
		{ "group",	required_argument,	NULL, 'g' },
		{ "height",	required_argument,	NULL, 'H' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "input",	required_argument,	NULL, 'i' },
		{ "output",	required_argument,	NULL, 'o' },
		{ "scale",	required_argument,	NULL, 's' },
		{ "subtitle",	required_argument,	NULL, 'S' },
		{ "title",	required_argument,	NULL, 't' },
		{ "width",	required_argument,	NULL, 'W' },
		{ "x",		required_argument,	NULL, 'x' },
		{ "y",		required_argument,	NULL, 'y' },
		{ "ylabel",	required_argument,	NULL, 'Y' },
		{ NULL,		0,			NULL, 0 }
	};
	const struct pl_error *err;
	struct pl_plotcfg cfg;
	struct pl_table t, d;
	struct pl_plot *p = NULL;
	const char *in = "-", *outp = NULL;
	FILE *fp = stdin;
	int ch, dump = 0, rc = 1;

	pl_plotcfg_defaults(&cfg);
	while ((ch = getopt_long(argc, argv, "hi:o:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			cfg.caption = optarg;
			break;
		case 'D':
			dump = 1;
			break;
		case 'g':
			cfg.groupcol = optarg;
			break;
		case 'H':
			cfg.height = (double)cli_long("--height", optarg, 100,
			    20000);
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
			cfg.scale = (double)cli_long("--scale", optarg, 1, 4);
			break;
		case 'S':
			cfg.subtitle = optarg;
			break;
		case 't':
			cfg.title = optarg;
			break;
		case 'W':
			cfg.width = (double)cli_long("--width", optarg, 100,
			    20000);
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
		default:
			cli_usage(usage_str, 2);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1 || strcmp(argv[0], "line") != 0) {
		cli_warnx(argc == 0 ? "no chart kind: expected line" :
		    "unknown chart kind '%s': expected line", argv[0]);
		cli_usage(usage_str, 2);
	}
	if (outp == NULL && !dump) {
		cli_warnx("no output: name it with -o OUT.png, .svg or .pdf");
		cli_usage(usage_str, 2);
	}
	pl_table_init(&t);
	pl_table_init(&d);
	if (strcmp(in, "-") != 0 && (fp = fopen(in, "r")) == NULL) {
		cli_warnx("%s: %s", in, strerror(errno));
		goto done;
	}
	if ((err = pl_table_read(fp, strcmp(in, "-") ? in : "<stdin>",
	    (enum pl_format)input_format(in, fp), &t)) != NULL ||
	    (err = pl_plot_line(&t, &cfg, &p)) != NULL ||
	    (outp != NULL && (err = pl_plot_write(p, outp)) != NULL)) {
		cli_error(err);
		goto done;
	}
	if (dump) {
		if ((err = pl_plot_dump(p, &d)) != NULL) {
			cli_error(err);
			goto done;
		}
		rc = cli_finish(cli_write_table(&d, PL_FMT_TSV));
	} else
		rc = cli_finish(0);
done:
	if (fp != stdin && fp != NULL)
		fclose(fp);
	pl_plot_free(p);
	pl_table_release(&t);
	pl_table_release(&d);
	return rc;
}
