/*
 * corpus-index.c - a corpus opened for queries: every document's day,
 * precision, length and source in memory, read from the compact doc_meta
 * blocks in one go (docs/STORAGE.md), and the document filter.
 */
#include <stdlib.h>
#include <string.h>

#include "plenum/query.h"
#include "extern.h"

/* pl_corpus_open() turns the figures into rows in place. */
_Static_assert(sizeof(struct pl_cdoc) <= sizeof(struct pl_docfig),
    "a corpus row is no longer than a document's figures");

struct named {
	const char	*name;
	uint32_t	 label;
};

static int
cmp_named(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->name,
	    ((const struct named *)b)->name);
}

const struct pl_error *
pl_corpus_open(struct pl_db *db, struct pl_corpus **out)
{
	const struct pl_error *err;
	struct pl_corpus *c;
	struct pl_docfigs f;
	uint32_t *rank = NULL;
	struct named *order = NULL;
	uint8_t *used = NULL;
	size_t i, k;

	memset(&f, 0, sizeof(f));
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return pl_error_nomem();
	c->db = db;
	if ((err = pl_db_tokenizer(db, &c->tk)) != NULL ||
	    (err = pl_db_docfigs(db, &f)) != NULL)
		goto done;
	/* The labels used as sources, in the order of their texts (as
	 * docmeta_read() gives them): O(n) in the sources. */
	if ((used = calloc(f.nlabels + 1, 1)) == NULL ||
	    (rank = calloc(f.nlabels + 1, sizeof(*rank))) == NULL ||
	    (order = calloc(f.nlabels + 1, sizeof(*order))) == NULL)
		goto nomem;
	for (i = 0; i < f.n; i++)
		used[f.v[i].source] = 1;
	for (i = 0, k = 0; i < f.nbytext; i++)
		if (used[f.bytext[i]]) {
			order[k].name = f.labels[f.bytext[i]];
			order[k++].label = f.bytext[i];
		}
	/* SQLite's order is strcmp's unless a text holds a NUL. */
	for (i = 1; i < k; i++)
		if (strcmp(order[i - 1].name, order[i].name) >= 0)
			break;
	if (i < k)
		qsort(order, k, sizeof(*order), cmp_named);
	if ((c->sources = calloc(k + 1, sizeof(*c->sources))) == NULL)
		goto nomem;
	for (i = 0; i < k; i++) {
		rank[order[i].label] = (uint32_t)i;
		c->sources[i] = f.labels[order[i].label];
		f.labels[order[i].label] = NULL;	/* now the corpus's */
	}
	c->nsources = k;
	/*
	 * The figures become the corpus's rows in place: a row (24 bytes)
	 * is no longer than a figure (28), so row i never reaches figure
	 * i + 1, and 10^6 documents touch one array, not two (the pages of
	 * a new array cost more than the copy).  memcpy keeps the two types
	 * apart.
	 */
	c->docs = (struct pl_cdoc *)(void *)f.v;
	for (i = 0; i < f.n; i++) {
		struct pl_docfig g;
		struct pl_cdoc d;
		memcpy(&g, &f.v[i], sizeof(g));
		memset(&d, 0, sizeof(d));
		d.id = (int32_t)g.id;
		d.day = g.day;
		d.prec = g.prec;
		d.tokens = g.tokens;
		d.source = rank[g.source];
		memcpy(&c->docs[i], &d, sizeof(d));
		if (d.id > c->maxid)
			c->maxid = d.id;
	}
	f.v = NULL;
	if (c->docs == NULL && (c->docs = calloc(1, sizeof(*c->docs))) == NULL)
		goto nomem;
	c->ndocs = f.n;
	/*
	 * row_of is dense over ids (1..INT32_MAX, checked when doc_meta is
	 * built and decoded); ids come from SQLite's rowids, so they stay
	 * near the document count unless the file was damaged.
	 */
	if ((uint64_t)c->maxid > 16 * (uint64_t)c->ndocs + (1u << 20)) {
		err = pl_error_fmt(PL_ERR_DAMAGED, "%s: database damaged: "
		    "doc.id %lld is out of range for %zu documents",
		    pl_db_path(db), (long long)c->maxid, c->ndocs);
		goto done;
	}
	if ((c->row_of = malloc(((size_t)c->maxid + 1) *
	    sizeof(*c->row_of))) == NULL)
		goto nomem;
	for (i = 0; i <= (size_t)c->maxid; i++)
		c->row_of[i] = -1;
	for (i = 0; i < c->ndocs; i++)
		c->row_of[c->docs[i].id] = (int32_t)i;
	goto done;
nomem:
	err = pl_error_nomem();
done:
	free(used);
	free(rank);
	free(order);
	pl_docfigs_release(&f);
	if (err) {
		pl_corpus_free(c);
		return err;
	}
	*out = c;
	return NULL;
}

static const struct pl_error *
name_doc(void *arg, const struct pl_docout *d)
{
	struct pl_corpus *c = arg;
	struct pl_cname *x;
	int32_t row;

	if (d->id < 0 || d->id > c->maxid || (row = c->row_of[d->id]) < 0)
		return NULL;
	x = &c->names[row];
	free(x->ext_id);
	free(x->title);
	x->ext_id = strdup(d->ext_id ? d->ext_id : "");
	x->title = strdup(d->title ? d->title : "");
	if (x->ext_id == NULL || x->title == NULL)
		return pl_error_nomem();
	return NULL;
}

const struct pl_error *
pl_corpus_names(struct pl_corpus *c)
{
	if (c->names != NULL)
		return NULL;
	if ((c->names = calloc(c->ndocs ? c->ndocs : 1,
	    sizeof(*c->names))) == NULL)
		return pl_error_nomem();
	return pl_db_each_doc_out(c->db, name_doc, c);
}

const char *
pl_corpus_ext_id(const struct pl_corpus *c, size_t row)
{
	const char *s = c->names != NULL && row < c->ndocs ?
	    c->names[row].ext_id : NULL;

	return s != NULL ? s : "";
}

const char *
pl_corpus_title(const struct pl_corpus *c, size_t row)
{
	const char *s = c->names != NULL && row < c->ndocs ?
	    c->names[row].title : NULL;

	return s != NULL ? s : "";
}

void
pl_corpus_free(struct pl_corpus *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; c->names != NULL && i < c->ndocs; i++) {
		free(c->names[i].ext_id);
		free(c->names[i].title);
	}
	free(c->names);
	free(c->docs);
	if (c->sources)
		for (i = 0; i < c->nsources; i++)
			free(c->sources[i]);
	free(c->sources);
	free(c->row_of);
	free(c);
}
