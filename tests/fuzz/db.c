/*
 * db.c - opening a damaged database.  The input is a list of edits to a
 * good corpus database: SQL updates that put hostile values where plenum
 * reads ids, days, counts, settings and blobs, and raw byte patches of the
 * file.  Each edit is one selector byte, an 8-byte value, a length byte
 * and that many bytes.  The damaged file is then opened and queried the
 * way the commands do; every answer is a table or an error, never a
 * crash, a hang or a huge allocation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "plenum/freq.h"
#include "plenum/kwic.h"
#include "plenum/query.h"
#include "plenum/series.h"
#include "plenum/store.h"
#include "plenum/table.h"
#include "corpusdb.h"
#include "fuzz.h"

static unsigned char	*good;
static size_t		 goodlen;
static char		 path[128];

static const char *const edits[] = {
	"UPDATE doc SET id = ?1 WHERE id = (SELECT min(id) FROM doc)",
	"UPDATE doc SET id = ?1 WHERE id = (SELECT max(id) FROM doc)",
	"UPDATE doc SET day = ?1 WHERE id = (SELECT max(id) FROM doc)",
	"UPDATE doc SET day = ?1 WHERE id = (SELECT min(id) FROM doc)",
	"UPDATE doc SET tokens = ?1 WHERE id = (SELECT min(id) FROM doc)",
	"UPDATE doc SET sentences = ?1",
	"UPDATE doc SET date = ?2 WHERE id % 2 = ?1 % 2",
	"UPDATE doc SET ext_id = ?2 WHERE id = (SELECT min(id) FROM doc)",
	"UPDATE doc SET meta = ?2 WHERE id = (SELECT max(id) FROM doc)",
	"UPDATE doc SET source = ?2 WHERE id = (SELECT max(id) FROM doc)",
	"DELETE FROM doc WHERE id = (SELECT min(id) FROM doc)",
	"UPDATE doc_tokens SET ids = ?2 WHERE doc = (SELECT min(doc) FROM "
	    "doc_tokens)",
	"UPDATE doc_tokens SET spans = ?2 WHERE doc = (SELECT min(doc) FROM "
	    "doc_tokens)",
	"UPDATE doc_tokens SET ids = substr(ids, 1, ?1 % 64) || ?2 || "
	    "substr(ids, ?1 % 64 + 1 + length(?2))",
	"UPDATE doc_tokens SET doc = ?1 WHERE doc = (SELECT max(doc) FROM "
	    "doc_tokens)",
	"UPDATE term SET postings = substr(postings, 1, ?1 % 64) || ?2 || "
	    "substr(postings, ?1 % 64 + 1 + length(?2))",
	"UPDATE term SET postings = ?2 WHERE text = (SELECT min(text) FROM "
	    "term WHERE n = 1)",
	"UPDATE term SET id = ?1 WHERE text = (SELECT max(text) FROM term "
	    "WHERE n = 1)",
	"UPDATE term SET cf = ?1, df = ?1 WHERE n = 1",
	"UPDATE term SET n = ?1 WHERE text = (SELECT min(text) FROM term)",
	"UPDATE setting SET value = ?2 WHERE key = (SELECT key FROM setting "
	    "ORDER BY key LIMIT 1 OFFSET abs(?1 % 8))",
	"UPDATE setting SET value = CAST(?1 AS TEXT) WHERE key = (SELECT key "
	    "FROM setting ORDER BY key LIMIT 1 OFFSET abs(?1 % 8))",
	"DELETE FROM setting WHERE key = (SELECT key FROM setting ORDER BY "
	    "key LIMIT 1 OFFSET abs(?1 % 8))",
	"DELETE FROM term WHERE text = (SELECT min(text) FROM term)",
};
#define NEDITS	(sizeof(edits) / sizeof(edits[0]))

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char src[128];
	FILE *fp;
	long n;

	(void)argc;
	(void)argv;
	snprintf(src, sizeof(src), "%s/good.db", fuzz_tmpdir());
	snprintf(path, sizeof(path), "%s/bad.db", fuzz_tmpdir());
	fuzz_make_corpus(src);
	/* one file, no -wal: checkpointed by the close */
	if ((fp = fopen(src, "rb")) == NULL || fseek(fp, 0, SEEK_END) != 0 ||
	    (n = ftell(fp)) <= 0 || fseek(fp, 0, SEEK_SET) != 0 ||
	    (good = malloc((size_t)n)) == NULL ||
	    fread(good, 1, (size_t)n, fp) != (size_t)n)
		abort();
	goodlen = (size_t)n;
	fclose(fp);
	return 0;
}

static void
put_file(const unsigned char *p, size_t n)
{
	FILE *fp;
	char side[160];

	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
	if ((fp = fopen(path, "wb")) == NULL || fwrite(p, 1, n, fp) != n ||
	    fclose(fp) != 0)
		abort();
}

/* Applies the edits; returns 0, or -1 when the input is not usable. */
static int
damage(const uint8_t *data, size_t size)
{
	unsigned char *img = NULL;
	sqlite3 *h = NULL;
	sqlite3_stmt *st;
	size_t i, len, nimg = 0;
	uint64_t u;
	int sel;

	put_file(good, goodlen);
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		abort();
	sqlite3_exec(h, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	while (size >= 10) {
		sel = data[0];
		for (u = 0, i = 1; i <= 8; i++)
			u = u << 8 | data[i];
		len = data[9];
		data += 10;
		size -= 10;
		if (len > size)
			len = size;
		if (sel >= 0x80) {
			/* a byte patch, after the SQL edits */
			if (img == NULL) {
				sqlite3_close(h);
				h = NULL;
				if ((img = malloc(goodlen + 1)) == NULL)
					abort();
				{
					FILE *fp = fopen(path, "rb");

					if (fp == NULL)
						abort();
					nimg = fread(img, 1, goodlen + 1, fp);
					fclose(fp);
				}
			}
			for (i = 0; i < len && nimg > 0; i++)
				img[(u + i) % nimg] = data[i];
		} else if (h != NULL) {
			if (sqlite3_prepare_v2(h, edits[sel % NEDITS], -1, &st,
			    NULL) != SQLITE_OK)
				abort();
			sqlite3_bind_int64(st, 1, (sqlite3_int64)u);
			sqlite3_bind_blob(st, 2, data, (int)len,
			    SQLITE_TRANSIENT);
			sqlite3_step(st);
			sqlite3_finalize(st);
		}
		data += len;
		size -= len;
	}
	if (h != NULL)
		sqlite3_close(h);
	if (img != NULL)
		put_file(img, nimg);
	free(img);
	return 0;
}

static void
query(struct pl_corpus *c, const char *expr)
{
	struct pl_term *t = NULL;
	struct pl_series_opts so;
	struct pl_kwic_opts ko;
	struct pl_table tab;

	if (pl_term_parse(c, expr, &t) != NULL)
		return;
	pl_series_opts_defaults(&so);
	so.by = PL_BUCKET_WEEK;
	pl_table_init(&tab);
	pl_series(c, &t, 1, &so, &tab);
	pl_table_release(&tab);
	pl_table_init(&tab);
	pl_query(c, &t, 1, PL_GROUP_DOC, &so.filter, &tab);
	pl_table_release(&tab);
	pl_kwic_opts_defaults(&ko);
	pl_table_init(&tab);
	pl_kwic(c, t, &ko, &tab);
	pl_table_release(&tab);
	pl_term_free(t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pl_docfilter f;
	struct pl_freq_opts fo;
	struct pl_corpus *c = NULL;
	struct pl_tokenizer *tk;
	struct pl_table tab;
	struct pl_db *db = NULL;

	if (damage(data, size) == -1)
		return 0;
	if (pl_db_open(path, PL_DB_READ, &db) != NULL)
		goto done;
	pl_docfilter_init(&f);
	pl_table_init(&tab);
	pl_db_info(db, &tab);
	pl_table_release(&tab);
	pl_table_init(&tab);
	pl_db_docs(db, &f, &tab);
	pl_table_release(&tab);
	if (pl_db_tokenizer(db, &tk) != NULL ||
	    pl_corpus_open(db, &c) != NULL)
		goto done;
	query(c, "inflation");
	query(c, "rule of law");
	query(c, "疫情");
	query(c, "pandemic=covid|coronavirus|develop*");
	pl_freq_opts_defaults(&fo);
	fo.n = 2;
	pl_table_init(&tab);
	pl_freq(c, &fo, &tab);
	pl_table_release(&tab);
done:
	pl_corpus_free(c);
	pl_db_close(db);
	return 0;
}
