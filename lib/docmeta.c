/*
 * docmeta.c - every document's figures (day, precision, tokens,
 * sentences, source, language) in compact blocks: written by the ingest,
 * read in one go by queries and plenum info (docs/STORAGE.md).
 *
 * A block holds the documents with ids in [b << 16, (b + 1) << 16), each
 * as varints: id minus the previous id (the first: minus b << 16), day
 * (zigzag), precision, tokens, sentences, source label, language label.
 * An ingest rewrites only the blocks it touches: the last one, when it
 * appends, and those holding documents it replaces.
 */
#include <stdlib.h>
#include <string.h>

#include "plenum/date.h"
#include "docmeta.h"

const char docmeta_schema_sql[] =
	"CREATE TABLE label(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  text TEXT NOT NULL UNIQUE\n"
	");\n"
	"CREATE TABLE doc_meta(\n"
	"  block INTEGER PRIMARY KEY,\n"
	"  n INTEGER NOT NULL,\n"
	"  data BLOB NOT NULL\n"
	");\n"
	"CREATE TABLE stat(\n"
	"  key TEXT PRIMARY KEY,\n"
	"  value INTEGER NOT NULL\n"
	") WITHOUT ROWID;\n";

static const struct pl_error *
sqlerr(sqlite3 *h, const char *what)
{
	return pl_error_fmt(PL_ERR_DB, "%s: %s", what, sqlite3_errmsg(h));
}

void
docmeta_w_init(struct docmeta_w *w)
{
	memset(w, 0, sizeof(*w));
	strmap_init(&w->labels);
}

void
docmeta_w_release(struct docmeta_w *w)
{
	if (w == NULL)
		return;
	free(w->add);
	free(w->del);
	strmap_release(&w->labels);
	memset(w, 0, sizeof(*w));
}

static const struct pl_error *
load_labels(struct docmeta_w *w, sqlite3 *h)
{
	sqlite3_stmt *st = NULL;
	const char *t;
	long e;
	int rc, added;

	if (sqlite3_prepare_v2(h, "SELECT id, text FROM label", -1, &st,
	    NULL) != SQLITE_OK)
		return sqlerr(h, "reading labels");
	w->next_label = 1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		t = (const char *)sqlite3_column_text(st, 1);
		if (t == NULL || id < 1 || id >= UINT32_MAX) {
			sqlite3_finalize(st);
			return pl_error_fmt(PL_ERR_DAMAGED, "database "
			    "damaged: label %lld is not a text with an id "
			    "from 1 (rebuild it with 'plenum reindex')",
			    (long long)id);
		}
		e = strmap_put(&w->labels, t, (size_t)sqlite3_column_bytes(st,
		    1), (uint32_t)id, &added);
		if (e == -1) {
			sqlite3_finalize(st);
			return pl_error_nomem();
		}
		if (id >= w->next_label)
			w->next_label = id + 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sqlerr(h, "reading labels");
	w->loaded = 1;
	return NULL;
}

/* The label id of text, added to the label table if new. */
static const struct pl_error *
label_id(struct docmeta_w *w, sqlite3 *h, const char *text, uint32_t *id)
{
	const struct pl_error *err;
	sqlite3_stmt *st = NULL;
	size_t len = strlen(text);
	long e;
	int added, rc;

	if (!w->loaded && (err = load_labels(w, h)) != NULL)
		return err;
	if ((e = strmap_put(&w->labels, text, len, 0, &added)) == -1)
		return pl_error_nomem();
	if (!added) {
		*id = w->labels.ents[e].val;
		return NULL;
	}
	w->labels.ents[e].val = (uint32_t)w->next_label;
	if (sqlite3_prepare_v2(h, "INSERT INTO label(id, text) VALUES (?, ?)",
	    -1, &st, NULL) != SQLITE_OK)
		return sqlerr(h, "adding a label");
	sqlite3_bind_int64(st, 1, w->next_label);
	sqlite3_bind_text(st, 2, text, (int)len, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sqlerr(h, "adding a label");
	*id = (uint32_t)w->next_label++;
	return NULL;
}

const struct pl_error *
docmeta_w_add(struct docmeta_w *w, sqlite3 *h, int64_t id, int64_t day,
    int prec, uint64_t tokens, uint64_t sentences, const char *source,
    const char *lang)
{
	const struct pl_error *err;
	struct pl_docfig *r;

	if (w->nadd == w->addcap) {
		size_t nc = w->addcap ? w->addcap * 2 : 1024;
		struct pl_docfig *na = realloc(w->add, nc * sizeof(*na));
		if (na == NULL)
			return pl_error_nomem();
		w->add = na;
		w->addcap = nc;
	}
	r = &w->add[w->nadd];
	memset(r, 0, sizeof(*r));
	r->id = (uint32_t)id;
	r->day = (int32_t)day;
	r->prec = (uint8_t)prec;
	r->tokens = tokens > UINT32_MAX ? UINT32_MAX : (uint32_t)tokens;
	r->sentences = sentences > UINT32_MAX ? UINT32_MAX :
	    (uint32_t)sentences;
	if ((err = label_id(w, h, source ? source : "", &r->source)) != NULL ||
	    (err = label_id(w, h, lang ? lang : "", &r->lang)) != NULL)
		return err;
	w->nadd++;
	return NULL;
}

const struct pl_error *
docmeta_w_del(struct docmeta_w *w, int64_t id)
{
	if (w->ndel == w->delcap) {
		size_t nc = w->delcap ? w->delcap * 2 : 64;
		uint32_t *nd = realloc(w->del, nc * sizeof(*nd));
		if (nd == NULL)
			return pl_error_nomem();
		w->del = nd;
		w->delcap = nc;
	}
	w->del[w->ndel++] = (uint32_t)id;
	return NULL;
}

static uint64_t
zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static int64_t
unzigzag(uint64_t v)
{
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

static int
encode(struct buf *b, const struct pl_docfig *r, uint32_t *prev)
{
	if (buf_varint(b, r->id - *prev) == -1 ||
	    buf_varint(b, zigzag(r->day)) == -1 ||
	    buf_varint(b, r->prec) == -1 ||
	    buf_varint(b, r->tokens) == -1 ||
	    buf_varint(b, r->sentences) == -1 ||
	    buf_varint(b, r->source) == -1 ||
	    buf_varint(b, r->lang) == -1)
		return -1;
	*prev = r->id;
	return 0;
}

/* Decodes one block's n documents, appending to *v (cap *cap). */
static const struct pl_error *
decode(int64_t block, const unsigned char *p, size_t len, size_t n,
    struct pl_docfig **v, size_t *nv, size_t *cap)
{
	const unsigned char *end;
	uint64_t x[7];
	uint32_t prev = (uint32_t)((uint64_t)block << DOCMETA_SHIFT);
	size_t i;
	int k;

	/* An empty blob comes back as NULL; each document takes 7 bytes
	 * or more, so a count the blob cannot hold is damage, caught
	 * before it sizes an allocation. */
	if (p == NULL)
		len = 0;
	if (n > len / 7)
		goto bad;
	if (n == 0) {
		if (len == 0)
			return NULL;
		goto bad;
	}
	end = p + len;
	if (*nv + n > *cap) {
		size_t nc = *cap ? *cap : 1024;
		struct pl_docfig *nd;
		while (nc < *nv + n)
			nc *= 2;
		if ((nd = realloc(*v, nc * sizeof(*nd))) == NULL)
			return pl_error_nomem();
		*v = nd;
		*cap = nc;
	}
	for (i = 0; i < n; i++) {
		struct pl_docfig *r = &(*v)[(*nv)++];
		for (k = 0; k < 7; k++)
			if (varint_get(&p, end, &x[k]) == -1)
				goto bad;
		if (x[0] > (uint64_t)INT32_MAX - prev || x[2] > PL_PREC_YEAR ||
		    x[3] > UINT32_MAX || x[4] > UINT32_MAX ||
		    x[5] > UINT32_MAX || x[6] > UINT32_MAX ||
		    (int64_t)unzigzag(x[1]) < PL_DAY_MIN ||
		    (int64_t)unzigzag(x[1]) > PL_DAY_MAX)
			goto bad;
		r->id = prev + (uint32_t)x[0];
		r->day = (int32_t)unzigzag(x[1]);
		r->prec = (uint8_t)x[2];
		r->tokens = (uint32_t)x[3];
		r->sentences = (uint32_t)x[4];
		r->source = (uint32_t)x[5];
		r->lang = (uint32_t)x[6];
		prev = r->id;
	}
	if (p != end)
		goto bad;
	return NULL;
bad:
	return pl_error_fmt(PL_ERR_DAMAGED, "database damaged: doc_meta "
	    "block %lld is corrupt (rebuild it with 'plenum reindex')",
	    (long long)block);
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Rewrites block b: its stored documents minus the deleted, plus adds. */
static const struct pl_error *
write_block(struct docmeta_w *w, sqlite3 *h, sqlite3_stmt *get,
    sqlite3_stmt *put, sqlite3_stmt *drop, int64_t b,
    const struct pl_docfig *add, size_t nadd)
{
	const struct pl_error *err = NULL;
	struct pl_docfig *v = NULL;
	size_t nv = 0, cap = 0, i, kept = 0;
	struct buf out;
	uint32_t prev = (uint32_t)((uint64_t)b << DOCMETA_SHIFT);
	int rc;

	buf_init(&out);
	sqlite3_bind_int64(get, 1, b);
	rc = sqlite3_step(get);
	if (rc == SQLITE_ROW)
		err = decode(b, sqlite3_column_blob(get, 1),
		    (size_t)sqlite3_column_bytes(get, 1),
		    (size_t)sqlite3_column_int64(get, 0), &v, &nv, &cap);
	else if (rc != SQLITE_DONE)
		err = sqlerr(h, "reading doc_meta");
	sqlite3_reset(get);
	if (err)
		goto done;
	for (i = 0; i < nv; i++) {
		if (w->ndel > 0 && bsearch(&v[i].id, w->del, w->ndel,
		    sizeof(*w->del), cmp_u32) != NULL)
			continue;
		if (encode(&out, &v[i], &prev) == -1)
			goto nomem;
		kept++;
	}
	for (i = 0; i < nadd; i++) {
		if (encode(&out, &add[i], &prev) == -1)
			goto nomem;
		kept++;
	}
	if (kept == 0) {
		sqlite3_bind_int64(drop, 1, b);
		rc = sqlite3_step(drop);
		sqlite3_reset(drop);
	} else {
		sqlite3_bind_int64(put, 1, b);
		sqlite3_bind_int64(put, 2, (int64_t)kept);
		sqlite3_bind_blob(put, 3, out.p, (int)out.n, SQLITE_STATIC);
		rc = sqlite3_step(put);
		sqlite3_reset(put);
	}
	if (rc != SQLITE_DONE)
		err = sqlerr(h, "writing doc_meta");
	goto done;
nomem:
	err = pl_error_nomem();
done:
	free(v);
	buf_release(&out);
	return err;
}

const struct pl_error *
docmeta_w_commit(struct docmeta_w *w, sqlite3 *h)
{
	const struct pl_error *err = NULL;
	sqlite3_stmt *get = NULL, *put = NULL, *drop = NULL, *stat = NULL;
	size_t i, j;
	int n, rc;

	if (sqlite3_prepare_v2(h, "SELECT n, data FROM doc_meta WHERE "
	    "block = ?", -1, &get, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "INSERT OR REPLACE INTO doc_meta(block, n, "
	    "data) VALUES (?, ?, ?)", -1, &put, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "DELETE FROM doc_meta WHERE block = ?", -1,
	    &drop, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "INSERT INTO stat(key, value) VALUES (?, ?) "
	    "ON CONFLICT(key) DO UPDATE SET value = value + excluded.value",
	    -1, &stat, NULL) != SQLITE_OK) {
		err = sqlerr(h, "doc_meta");
		goto done;
	}
	if (w->ndel > 1)
		qsort(w->del, w->ndel, sizeof(*w->del), cmp_u32);
	/*
	 * Blocks with deletions but no additions first, then the added
	 * documents (in increasing id order) block by block.  Deleted
	 * documents are older than every added one, so a block holding both
	 * is the first added document's, rewritten by the second loop.
	 */
	for (i = 0; i < w->ndel; i = j) {
		int64_t b = w->del[i] >> DOCMETA_SHIFT;
		for (j = i; j < w->ndel && (w->del[j] >> DOCMETA_SHIFT) == b;
		    j++)
			;
		if (w->nadd > 0 && (w->add[0].id >> DOCMETA_SHIFT) <= b)
			continue;	/* rewritten below */
		if ((err = write_block(w, h, get, put, drop, b, NULL, 0)) !=
		    NULL)
			goto done;
	}
	for (i = 0; i < w->nadd; i = j) {
		int64_t b = w->add[i].id >> DOCMETA_SHIFT;
		for (j = i; j < w->nadd && (w->add[j].id >> DOCMETA_SHIFT) == b;
		    j++)
			;
		if ((err = write_block(w, h, get, put, drop, b, w->add + i,
		    j - i)) != NULL)
			goto done;
	}
	for (n = 1; n <= PL_NGRAM_MAX; n++) {
		char key[32];
		if (w->terms[n] == 0)
			continue;
		snprintf(key, sizeof(key), "terms %d", n);
		sqlite3_bind_text(stat, 1, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(stat, 2, w->terms[n]);
		rc = sqlite3_step(stat);
		sqlite3_reset(stat);
		if (rc != SQLITE_DONE) {
			err = sqlerr(h, "writing stat");
			goto done;
		}
	}
done:
	sqlite3_finalize(get);
	sqlite3_finalize(put);
	sqlite3_finalize(drop);
	sqlite3_finalize(stat);
	return err;
}

static int
prec_of(const char *p)
{
	return p == NULL || p[0] == 'd' ? PL_PREC_DAY :
	    p[0] == 'm' ? PL_PREC_MONTH : PL_PREC_YEAR;
}

/*
 * A document's figures as read from the doc table, checked before they
 * size an allocation (ids index row_of) or drive a bucket loop (days):
 * values no plenum ever wrote mean a damaged or hand-made file.
 */
static const struct pl_error *
check_doc(int64_t id, int64_t day, int64_t tokens)
{
	if (id < 1 || id >= INT32_MAX)
		return pl_error_fmt(PL_ERR_DAMAGED, "database damaged: doc.id "
		    "%lld is out of range", (long long)id);
	if (day < PL_DAY_MIN || day > PL_DAY_MAX)
		return pl_error_fmt(PL_ERR_DAMAGED, "database damaged: doc.day "
		    "%lld is out of range", (long long)day);
	if (tokens < 0 || tokens > UINT32_MAX)
		return pl_error_fmt(PL_ERR_DAMAGED, "database damaged: "
		    "doc.tokens %lld is out of range", (long long)tokens);
	return NULL;
}

const struct pl_error *
docmeta_rebuild(sqlite3 *h)
{
	const struct pl_error *err = NULL;
	struct docmeta_w w;
	sqlite3_stmt *st = NULL;
	int rc;

	docmeta_w_init(&w);
	if (sqlite3_exec(h, "DELETE FROM doc_meta; DELETE FROM label; "
	    "DELETE FROM stat", NULL, NULL, NULL) != SQLITE_OK) {
		err = sqlerr(h, "doc_meta");
		goto done;
	}
	if (sqlite3_prepare_v2(h, "SELECT id, day, precision, tokens, "
	    "sentences, source, lang FROM doc ORDER BY id", -1, &st, NULL) !=
	    SQLITE_OK) {
		err = sqlerr(h, "reading documents");
		goto done;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((err = check_doc(sqlite3_column_int64(st, 0),
		    sqlite3_column_int64(st, 1),
		    sqlite3_column_int64(st, 3))) != NULL)
			goto done;
		if ((err = docmeta_w_add(&w, h, sqlite3_column_int64(st, 0),
		    sqlite3_column_int64(st, 1),
		    prec_of((const char *)sqlite3_column_text(st, 2)),
		    (uint64_t)sqlite3_column_int64(st, 3),
		    (uint64_t)sqlite3_column_int64(st, 4),
		    (const char *)sqlite3_column_text(st, 5),
		    (const char *)sqlite3_column_text(st, 6))) != NULL)
			goto done;
	}
	if (rc != SQLITE_DONE) {
		err = sqlerr(h, "reading documents");
		goto done;
	}
	sqlite3_finalize(st);
	st = NULL;
	if ((err = docmeta_w_commit(&w, h)) != NULL)
		goto done;
	if (sqlite3_exec(h, "INSERT INTO stat(key, value) SELECT 'terms ' || "
	    "n, count(*) FROM term GROUP BY n", NULL, NULL, NULL) != SQLITE_OK)
		err = sqlerr(h, "counting terms");
done:
	sqlite3_finalize(st);
	docmeta_w_release(&w);
	return err;
}

/* The labels, by id and in the order of their texts, into f. */
static const struct pl_error *
read_labels(sqlite3 *h, struct pl_docfigs *fp)
{
	const struct pl_error *err = NULL;
	struct pl_docfigs f = *fp;
	sqlite3_stmt *st = NULL;
	int rc;

	/*
	 * Label ids are dense from 1: an id past the row count is damage,
	 * refused before it sizes the array.  The labels are read in the
	 * order of their texts, from the UNIQUE index (BINARY collation:
	 * memcmp, so strcmp order for texts without NUL, checked below),
	 * so a corpus with 50,000 sources needs no sort to list them.
	 */
	if (sqlite3_prepare_v2(h, "SELECT max(id), count(*) FROM label", -1,
	    &st, NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
		err = sqlerr(h, "reading labels");
		goto done;
	}
	{
		int64_t max = sqlite3_column_int64(st, 0);
		int64_t cnt = sqlite3_column_int64(st, 1);
		if (max < 0 || max > cnt) {
			err = pl_error_fmt(PL_ERR_DAMAGED, "database "
			    "damaged: label id %lld is past the %lld "
			    "labels (rebuild it with 'plenum "
			    "reindex')", (long long)max, (long long)cnt);
			goto done;
		}
		f.nlabels = (size_t)max + 1;
	}
	sqlite3_finalize(st);
	st = NULL;
	if ((f.labels = calloc(f.nlabels, sizeof(*f.labels))) == NULL ||
	    (f.bytext = calloc(f.nlabels, sizeof(*f.bytext))) == NULL) {
		err = pl_error_nomem();
		goto done;
	}
	if (sqlite3_prepare_v2(h, "SELECT id, text FROM label ORDER BY text",
	    -1, &st, NULL) != SQLITE_OK) {
		err = sqlerr(h, "reading labels");
		st = NULL;
		goto done;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *text;
		if (id < 0 || (size_t)id >= f.nlabels ||
		    f.labels[id] != NULL)
			continue;
		if (sqlite3_column_type(st, 1) != SQLITE_TEXT) {
			err = pl_error_fmt(PL_ERR_DAMAGED, "database damaged: "
			    "label %lld is not text (rebuild it with 'plenum "
			    "reindex')", (long long)id);
			goto done;
		}
		text = (const char *)sqlite3_column_text(st, 1);
		if (text == NULL || (f.labels[id] = strdup(text)) == NULL) {
			err = pl_error_nomem();
			goto done;
		}
		f.bytext[f.nbytext++] = (uint32_t)id;
	}
	if (rc != SQLITE_DONE)
		err = sqlerr(h, "reading labels");
done:
	sqlite3_finalize(st);
	*fp = f;
	return err;
}

const struct pl_error *
docmeta_labels(sqlite3 *h, struct pl_docfigs *out)
{
	const struct pl_error *err;

	memset(out, 0, sizeof(*out));
	if ((err = read_labels(h, out)) != NULL)
		pl_docfigs_release(out);
	return err;
}

/* 1 if a document's source and language are labels of f. */
static int
labels_ok(const struct pl_docfigs *f, const struct pl_docfig *r)
{
	return r->source < f->nlabels && f->labels[r->source] != NULL &&
	    r->lang < f->nlabels && f->labels[r->lang] != NULL;
}

static const struct pl_error *
missing_label(void)
{
	return pl_error_fmt(PL_ERR_DB, "doc_meta names a missing label "
	    "(rebuild it with 'plenum reindex')");
}

const struct pl_error *
docmeta_scan(sqlite3 *h, const struct pl_docfigs *labels,
    const struct pl_error *(*fn)(void *, const struct pl_docfig *, size_t),
    void *arg)
{
	const struct pl_error *err = NULL;
	sqlite3_stmt *st = NULL;
	struct pl_docfig *v = NULL;
	size_t cap = 0, n, i;
	int rc;

	if (sqlite3_prepare_v2(h, "SELECT block, n, data FROM doc_meta "
	    "ORDER BY block", -1, &st, NULL) != SQLITE_OK)
		return sqlerr(h, "reading doc_meta");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n = 0;
		if ((err = decode(sqlite3_column_int64(st, 0),
		    sqlite3_column_blob(st, 2),
		    (size_t)sqlite3_column_bytes(st, 2),
		    (size_t)sqlite3_column_int64(st, 1), &v, &n, &cap)) !=
		    NULL)
			goto done;
		for (i = 0; i < n; i++)
			if (!labels_ok(labels, &v[i])) {
				err = missing_label();
				goto done;
			}
		if ((err = fn(arg, v, n)) != NULL)
			goto done;
	}
	if (rc != SQLITE_DONE)
		err = sqlerr(h, "reading doc_meta");
done:
	sqlite3_finalize(st);
	free(v);
	return err;
}

const struct pl_error *
docmeta_read(sqlite3 *h, struct pl_docfigs *out)
{
	const struct pl_error *err = NULL;
	struct pl_docfigs f;
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	memset(&f, 0, sizeof(f));
	/*
	 * The array sized once from the blocks' counts (read from the
	 * records' headers, not the blobs): growing it by doubling touched
	 * twice its size in new pages, which at 10^6 documents cost more
	 * than decoding.  A count the blobs cannot hold (7 bytes or more a
	 * document) is not trusted; decode() refuses it.
	 */
	if (sqlite3_prepare_v2(h, "SELECT sum(n), sum(length(data)) FROM "
	    "doc_meta", -1, &st, NULL) != SQLITE_OK) {
		err = sqlerr(h, "reading doc_meta");
		goto done;
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		int64_t n = sqlite3_column_int64(st, 0);
		int64_t len = sqlite3_column_int64(st, 1);
		if (n > 0 && n <= len / 7 && (uint64_t)n <= SIZE_MAX /
		    sizeof(*f.v) && (f.v = malloc((size_t)n *
		    sizeof(*f.v))) != NULL)
			cap = (size_t)n;
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(h, "SELECT block, n, data FROM doc_meta "
	    "ORDER BY block", -1, &st, NULL) != SQLITE_OK) {
		err = sqlerr(h, "reading doc_meta");
		goto done;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((err = decode(sqlite3_column_int64(st, 0),
		    sqlite3_column_blob(st, 2),
		    (size_t)sqlite3_column_bytes(st, 2),
		    (size_t)sqlite3_column_int64(st, 1), &f.v, &f.n, &cap)) !=
		    NULL)
			goto done;
	if (rc != SQLITE_DONE) {
		err = sqlerr(h, "reading doc_meta");
		goto done;
	}
	sqlite3_finalize(st);
	st = NULL;
	if ((err = read_labels(h, &f)) != NULL)
		goto done;
	{
		size_t i;
		for (i = 0; i < f.n; i++)
			if (!labels_ok(&f, &f.v[i])) {
				err = missing_label();
				goto done;
			}
	}
	*out = f;
	memset(&f, 0, sizeof(f));
done:
	sqlite3_finalize(st);
	pl_docfigs_release(&f);
	return err;
}

void
pl_docfigs_release(struct pl_docfigs *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nlabels; i++)
		free(f->labels[i]);
	free(f->labels);
	free(f->bytext);
	free(f->v);
	memset(f, 0, sizeof(*f));
}

const struct pl_error *
docmeta_stat(sqlite3 *h, const char *key, int64_t *val)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*val = 0;
	if (sqlite3_prepare_v2(h, "SELECT value FROM stat WHERE key = ?", -1,
	    &st, NULL) != SQLITE_OK)
		return sqlerr(h, "reading stat");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*val = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sqlerr(h, "reading stat");
	return NULL;
}

const struct pl_error *
docmeta_stat_set(sqlite3 *h, const char *key, int64_t val)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(h, "INSERT OR REPLACE INTO stat(key, value) "
	    "VALUES (?, ?)", -1, &st, NULL) != SQLITE_OK)
		return sqlerr(h, "writing stat");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, val);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? NULL : sqlerr(h, "writing stat");
}
