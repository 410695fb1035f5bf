/*
 * reportplot.h - the charts of plenum report (plots/report.c): drawn with
 * plots/ from the report's tables, as PNG and SVG beside its page.
 */
#ifndef PLENUM_REPORTPLOT_H
#define PLENUM_REPORTPLOT_H

#include "plenum/error.h"
#include "plenum/report.h"

/*
 * Draws volume, key and watch (.png and .svg) into dir, with r's command
 * line as provenance; sets r->has_volume, has_key and has_watch for the
 * charts drawn (a table without rows has none).
 */
const struct pl_error *pl_report_charts(struct pl_report *, const char *dir);

#endif /* PLENUM_REPORTPLOT_H */
