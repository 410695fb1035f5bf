/*
 * sticky-test.c - tables and plots keep their first failure (as a cairo
 * status), so a builder that ignores what the setters return still
 * cannot write a table with a lost cell or a chart with a lost label:
 * every allocation of the build is made to fail in turn (fault.h), and
 * each time the write (or the plot) fails with "out of memory" and
 * writes nothing, until the build allocates no more and the output is
 * the one of an undisturbed build.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/plot.h"
#include "plenum/table.h"
#include "fault.h"
#include "tap.h"

#define NROWS	40

/* A table built as the commands build theirs: no setter result checked. */
static void
build(struct pl_table *t)
{
	char buf[32];
	size_t r;

	pl_table_init(t);
	pl_table_add_col(t, "term", PL_COL_STR);
	pl_table_add_col(t, "count", PL_COL_INT);
	pl_table_add_col(t, "share", PL_COL_REAL);
	pl_table_add_col(t, "note", PL_COL_STR);
	for (r = 0; r < NROWS; r++) {
		pl_table_add_row(t);
		snprintf(buf, sizeof(buf), "term%zu", r);
		pl_table_set_str(t, r, 0, buf);
		pl_table_set_int(t, r, 1, (int64_t)r * 3);
		pl_table_set_real(t, r, 2, (double)r / 4);
		pl_table_set_str(t, r, 3, r % 2 ? "odd" : "even");
	}
}

/* Writes t as TSV into a string (freed by the caller); *errp the result. */
static char *
write_tsv(const struct pl_table *t, const struct pl_error **errp)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);

	if (fp == NULL)
		return NULL;
	*errp = pl_table_write(t, fp, PL_FMT_TSV);
	fclose(fp);
	return s;
}

static char *
dump(const struct pl_plot *p)
{
	const struct pl_error *err;
	struct pl_table t;
	char *s;

	pl_table_init(&t);
	if (pl_plot_dump(p, &t) != NULL)
		return NULL;
	s = write_tsv(&t, &err);
	pl_table_release(&t);
	return s;
}

static void
series(struct pl_table *t)
{
	static const char *const days[] = { "2022-01-01", "2022-02-01",
	    "2022-03-01" };
	size_t i, r;

	pl_table_init(t);
	pl_table_add_col(t, "term", PL_COL_STR);
	pl_table_add_col(t, "start", PL_COL_STR);
	pl_table_add_col(t, "value", PL_COL_REAL);
	for (i = 0; i < 6; i++) {
		pl_table_add_row(t);
		r = t->nrows - 1;
		pl_table_set_str(t, r, 0, i < 3 ? "rates" : "inflation");
		pl_table_set_str(t, r, 1, days[i % 3]);
		pl_table_set_real(t, r, 2, (double)(i * 7 % 5));
	}
}

int
main(void)
{
	const struct pl_error *err;
	struct pl_table t;
	struct pl_plotcfg cfg;
	struct pl_plot *p;
	char *want, *got;
	long k, nfail, bad;

	/* The undisturbed table, with two rows checked by hand. */
	build(&t);
	want = write_tsv(&t, &err);
	ok(err == NULL && want != NULL && strncmp(want, "term\tcount\tshare\t"
	    "note\nterm0\t0\t0\teven\nterm1\t3\t0.25\todd\n", 50) == 0,
	    "undisturbed table: header and rows as built");
	pl_table_release(&t);

	/* Each allocation in turn fails, once. */
	nfail = bad = 0;
	for (k = 1; k < 100000; k++) {
		fault_alloc_after(k);
		build(&t);
		fault_alloc_after(0);
		got = write_tsv(&t, &err);
		pl_table_release(&t);
		if (err == NULL) {
			is_str(got, want, "the first build with no failure "
			    "writes the whole table");
			free(got);
			break;
		}
		if (err->code != PL_ERR_NOMEM || (got != NULL && *got != '\0'))
			bad++;
		free(got);
		nfail++;
	}
	is_int(bad, 0, "every failed allocation: the write says out of "
	    "memory and writes nothing");
	ok(nfail >= 2 * NROWS, "a failure at each of %ld allocations (>= one "
	    "per string cell)", nfail);

	/* The first failure is the one kept. */
	build(&t);
	pl_table_set_str(&t, 0, 1, "text in an INT column");
	fault_alloc_after(1);
	pl_table_set_str(&t, 1, 0, "lost");
	fault_alloc_after(0);
	got = write_tsv(&t, &err);
	ok(err != NULL && err->code == PL_ERR_USAGE &&
	    strstr(err->msg, "column 'count' is not text") != NULL &&
	    got != NULL && *got == '\0', "the status is the first failure");
	ok(pl_table_status(&t) != NULL, "pl_table_status reports it");
	free(got);
	pl_table_release(&t);
	free(want);

	/* Plots: the layout of an undisturbed line chart, then each
	 * allocation of the plot (items, names, its data table) failing. */
	series(&t);
	pl_plotcfg_defaults(&cfg);
	cfg.width = 600;
	cfg.height = 300;
	cfg.title = "Rates and inflation";
	if ((err = pl_plot_new(PL_PLOT_LINE, &t, &cfg, &p)) != NULL) {
		printf("# %s\n", err->msg);
		return 1;
	}
	want = dump(p);
	ok(want != NULL && strstr(want, "Rates and inflation") != NULL &&
	    strstr(want, "\tinflation\t") != NULL, "undisturbed plot: title "
	    "and series labels in the layout");
	pl_plot_free(p);
	nfail = bad = 0;
	for (k = 1; k < 100000; k++) {
		fault_alloc_after(k);
		err = pl_plot_new(PL_PLOT_LINE, &t, &cfg, &p);
		fault_alloc_after(0);
		if (err == NULL) {
			got = dump(p);
			pl_plot_free(p);
			is_str(got, want, "the first plot with no failure has "
			    "the whole layout");
			free(got);
			break;
		}
		if (err->code != PL_ERR_NOMEM)
			bad++;
		nfail++;
	}
	is_int(bad, 0, "every failed allocation: the plot says out of "
	    "memory (no chart without its labels)");
	ok(nfail > 10, "a failure at each of %ld allocations", nfail);
	free(want);
	pl_table_release(&t);
	return tap_done();
}
