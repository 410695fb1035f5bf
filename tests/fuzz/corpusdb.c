/*
 * corpusdb.c - the harnesses' corpus (see corpusdb.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plenum/corpus.h"
#include "plenum/store.h"
#include "corpusdb.h"

static const char *const texts[][3] = {
	{ "a1", "2021-03-01", "The committee discussed inflation and the "
	    "rule of law. Inflation expectations rose." },
	{ "a2", "2021-11-15", "Growth slowed; the committee kept rates "
	    "unchanged. Developments in housing were mixed." },
	{ "a3", "2022-06", "Rule of law, covid, coronavirus and the pandemic "
	    "response dominated the meeting." },
	{ "z1", "2022-10-16", "会议强调，坚持全面依法治国，推进法治中国建设。"
	    "疫情防控取得重大成果。" },
	{ "z2", "2023", "中共中央政治局召开会议，分析研究经济形势，部署经济工作。"
	    "一𠀀字符也要处理。" },
	{ "a4", "2023-12-31", "Inflation has eased. The pandemic is over; the "
	    "committee will develop new tools." }
};

void
fuzz_make_corpus(const char *path)
{
	struct pl_ingest *in;
	struct pl_db *db;
	struct pl_doc d;
	enum pl_add_result res;
	const char *other;
	size_t i;

	remove(path);
	if (pl_db_open(path, PL_DB_WRITE | PL_DB_CREATE, &db) != NULL ||
	    pl_ingest_begin(db, NULL, &in) != NULL)
		abort();
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		memset(&d, 0, sizeof(d));
		d.id = texts[i][0];
		d.date = texts[i][1];
		if (pl_date_parse(d.date, strlen(d.date), &d.day, &d.prec) != 0)
			abort();
		d.source = i % 2 ? "plenary" : "committee";
		d.title = d.id;
		d.text = texts[i][2];
		d.textlen = strlen(d.text);
		d.meta = i % 2 ? "{\"kind\":\"x\"}" : NULL;
		d.file = "fuzz";
		d.line = i + 1;
		if (pl_ingest_add(in, &d, &res, &other) != NULL)
			abort();
	}
	if (pl_ingest_commit(in, NULL) != NULL || pl_db_close(db) != NULL)
		abort();
}
