/*
 * report.c - the charts of plenum report (include/plenum/reportplot.h):
 * reports per period, the key terms' log ratios, and the watch list as
 * small multiples, each marking the period under review.
 */
#include <stdio.h>
#include <stdlib.h>

#include "plenum/date.h"
#include "plenum/plot.h"
#include "plenum/reportplot.h"
#include "plotint.h"

/* Draws t as dir/NAME.png and dir/NAME.svg, with the report's command
 * line as provenance; *drawn is 0 when there is nothing to draw. */
static const struct pl_error *
chart(const struct pl_report *r, const char *dir, const char *name,
    enum pl_plot_kind kind, const struct pl_table *t, struct pl_plotcfg *cfg,
    int *drawn)
{
	const struct pl_error *err = NULL;
	struct pl_plot *p = NULL;
	char *path;
	const char *ext[2] = { "png", "svg" };
	int i;

	*drawn = 0;
	if (t->nrows == 0)
		return NULL;
	cfg->cmdline = r->cmdline;
	cfg->dbname = r->dbname;
	if ((err = pl_plot_new(kind, t, cfg, &p)) != NULL)
		return pl_error_wrap(err, "%s", name);
	for (i = 0; err == NULL && i < 2; i++) {
		if (asprintf(&path, "%s/%s.%s", dir, name, ext[i]) < 0) {
			err = pl_error_nomem();
			break;
		}
		if ((err = pl_plot_write(p, path)) != NULL)
			err = pl_error_wrap(err, "%s", name);
		free(path);
	}
	pl_plot_free(p);
	*drawn = err == NULL;
	return err;
}

static void
caption(const struct pl_report *r, char *buf, size_t n)
{
	char a[11], b[11];

	pl_date_format(r->p.first_day, a);
	pl_date_format(r->p.last_day, b);
	snprintf(buf, n, "Source: %s, reports %s to %s. plenum %s", r->dbname,
	    a, b, PL_VERSION);
}

const struct pl_error *
pl_report_charts(struct pl_report *r, const char *dir)
{
	const struct pl_error *err;
	struct pl_plotcfg cfg;
	char title[256], sub[256], cap[256];

	caption(r, cap, sizeof(cap));
	pl_plotcfg_defaults(&cfg);
	cfg.width = 1000;
	cfg.height = 260;
	cfg.scale = 2;
	cfg.markers = 1;
	cfg.xcol = "start";
	cfg.ycol = "documents";
	snprintf(title, sizeof(title), "Reports per %s", pl_report_noun(r, r->p.by));
	snprintf(sub, sizeof(sub), "The last %zu %ss; the dashed line marks "
	    "the one under review, %s", r->nwin, pl_report_noun(r, r->p.by),
	    r->p.label);
	cfg.title = title;
	cfg.subtitle = sub;
	cfg.caption = cap;
	cfg.ylabel = "reports";
	cfg.nevents = 1;
	cfg.events[0].day = r->p.from;
	if ((err = chart(r, dir, "volume", PL_PLOT_LINE, &r->volume, &cfg,
	    &r->has_volume)) != NULL)
		return err;

	pl_plotcfg_defaults(&cfg);
	cfg.width = 1000;
	cfg.height = 120 + 22 * (double)r->key.nrows;
	if (cfg.height < 300)
		cfg.height = 300;
	cfg.scale = 2;
	cfg.labelcol = "term";
	cfg.ycol = "log_ratio";
	cfg.top = 40;
	snprintf(title, sizeof(title), "Key terms of %s against the %d %ss "
	    "before", r->p.label, r->p.nbase, pl_report_noun(r, r->p.by));
	cfg.title = title;
	cfg.subtitle = "Log ratio: log2 of the rate this period over the "
	    "baseline's rate (1 = twice as frequent)";
	cfg.caption = cap;
	cfg.ylabel = "log ratio";
	cfg.neg_label = "falling";
	cfg.pos_label = "rising";
	if ((err = chart(r, dir, "key", PL_PLOT_BAR, &r->key, &cfg,
	    &r->has_key)) != NULL)
		return err;

	pl_plotcfg_defaults(&cfg);
	cfg.width = 1000;
	cfg.height = 180 + 150 * (double)((r->nwatch + 2) / 3);
	cfg.scale = 2;
	cfg.xcol = "start";
	cfg.ycol = "value";
	cfg.groupcol = "term";
	cfg.free_y = 1;
	cfg.ncol = r->nwatch < 3 ? (int)r->nwatch : 3;
	cfg.top = 30;
	cfg.nevents = 1;
	cfg.events[0].day = r->p.from;
	snprintf(title, sizeof(title), "Watch list, %s by %s",
	    pl_report_noun(r, r->p.by), pl_report_noun(r, r->p.by));
	cfg.title = title;
	cfg.subtitle = "Mentions per 10,000 tokens; each panel on its own "
	    "scale; the line marks the period under review";
	cfg.caption = cap;
	return chart(r, dir, "watch", PL_PLOT_MULTIPLES, &r->wseries, &cfg,
	    &r->has_watch);
}
