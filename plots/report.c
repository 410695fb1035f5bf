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

#define ZH(r)	((r)->lang == PL_REPORT_ZH)

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
	/* the page's language, not the table's guess, names the months */
	cfg->lang = ZH(r) ? "zh" : "en";
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
	snprintf(buf, n, ZH(r) ? "来源：%s，报告 %s 至 %s。plenum %s" :
	    "Source: %s, reports %s to %s. plenum %s", r->dbname, a, b,
	    PL_VERSION);
}


const struct pl_error *
pl_report_charts(struct pl_report *r, const char *dir)
{
	const struct pl_error *err;
	struct pl_plotcfg cfg;
	char title[256], sub[256], cap[256];
	const char *noun = pl_report_noun(r, r->p.by);

	caption(r, cap, sizeof(cap));
	pl_plotcfg_defaults(&cfg);
	cfg.width = 1000;
	cfg.height = 260;
	cfg.scale = 2;
	cfg.markers = 1;
	cfg.xcol = "start";
	cfg.ycol = "documents";
	if (ZH(r)) {
		snprintf(title, sizeof(title), "每%s报告数", noun);
		snprintf(sub, sizeof(sub), "最近 %zu %s；虚线标出所回顾的 %s",
		    r->nwin, pl_report_count_noun(r, r->p.by), r->p.label);
	} else {
		snprintf(title, sizeof(title), "Reports per %s", noun);
		snprintf(sub, sizeof(sub), "The last %zu %ss; the dashed line "
		    "marks the one under review, %s", r->nwin, noun,
		    r->p.label);
	}
	cfg.title = title;
	cfg.subtitle = sub;
	cfg.caption = cap;
	cfg.ylabel = ZH(r) ? "报告" : "reports";
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
	if (ZH(r))
		snprintf(title, sizeof(title), "%s 的关键词语（对比此前 %d %s）",
		    r->p.label, r->p.nbase, pl_report_count_noun(r, r->p.by));
	else
		snprintf(title, sizeof(title), "Key terms of %s against the %d "
		    "%ss before", r->p.label, r->p.nbase, noun);
	cfg.title = title;
	cfg.subtitle = ZH(r) ? "对数比：本期频率与基线频率之比的以 2 为底的"
	    "对数（1 = 频率翻倍）" : "Log ratio: log2 of the rate this period "
	    "over the baseline's rate (1 = twice as frequent)";
	cfg.caption = cap;
	cfg.ylabel = ZH(r) ? "对数比" : "log ratio";
	cfg.neg_label = ZH(r) ? "下降" : "falling";
	cfg.pos_label = ZH(r) ? "上升" : "rising";
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
	if (ZH(r))
		snprintf(title, sizeof(title), "关注列表，逐%s", noun);
	else
		snprintf(title, sizeof(title), "Watch list, %s by %s", noun,
		    noun);
	cfg.title = title;
	cfg.ylabel = ZH(r) ? "每万词次" : NULL;
	cfg.subtitle = ZH(r) ? "每万词次的提及数；各小图各自的刻度；竖线标出"
	    "所回顾的期间" : "Mentions per 10,000 tokens; each panel on its "
	    "own scale; the line marks the period under review";
	cfg.caption = cap;
	return chart(r, dir, "watch", PL_PLOT_MULTIPLES, &r->wseries, &cfg,
	    &r->has_watch);
}
