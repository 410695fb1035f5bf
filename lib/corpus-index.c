/*
 * corpus-index.c - a corpus opened for queries: every document's day,
 * precision, length and source in memory, read from the compact doc_meta
 * blocks in one go (docs/STORAGE.md), and the document filter.
 */
#include <stdlib.h>
#include <string.h>

#include "plenum/query.h"
#include "extern.h"

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
	/* The labels used as sources, sorted: O(n log n) in the sources. */
	if ((used = calloc(f.nlabels + 1, 1)) == NULL ||
	    (rank = calloc(f.nlabels + 1, sizeof(*rank))) == NULL ||
	    (order = calloc(f.nlabels + 1, sizeof(*order))) == NULL)
		goto nomem;
	for (i = 0; i < f.n; i++)
		used[f.v[i].source] = 1;
	for (i = 0, k = 0; i < f.nlabels; i++)
		if (used[i]) {
			order[k].name = f.labels[i];
			order[k++].label = (uint32_t)i;
		}
	qsort(order, k, sizeof(*order), cmp_named);
	if ((c->sources = calloc(k + 1, sizeof(*c->sources))) == NULL)
		goto nomem;
	for (i = 0; i < k; i++) {
		rank[order[i].label] = (uint32_t)i;
		c->sources[i] = f.labels[order[i].label];
		f.labels[order[i].label] = NULL;	/* now the corpus's */
	}
	c->nsources = k;
	if ((c->docs = calloc(f.n ? f.n : 1, sizeof(*c->docs))) == NULL)
		goto nomem;
	for (i = 0; i < f.n; i++) {
		struct pl_cdoc *d = &c->docs[i];
		d->id = f.v[i].id;
		d->day = f.v[i].day;
		d->prec = f.v[i].prec;
		d->tokens = f.v[i].tokens;
		d->source = rank[f.v[i].source];
		if (d->id > c->maxid)
			c->maxid = d->id;
	}
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
	struct pl_cdoc *x;
	int32_t row;

	if (d->id < 0 || d->id > c->maxid || (row = c->row_of[d->id]) < 0)
		return NULL;
	x = &c->docs[row];
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
	c->named = 1;
	return pl_db_each_doc_out(c->db, name_doc, c);
}

void
pl_corpus_free(struct pl_corpus *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; c->named && c->docs != NULL && i < c->ndocs; i++) {
		free(c->docs[i].ext_id);
		free(c->docs[i].title);
	}
	free(c->docs);
	if (c->sources)
		for (i = 0; i < c->nsources; i++)
			free(c->sources[i]);
	free(c->sources);
	free(c->row_of);
	free(c);
}
