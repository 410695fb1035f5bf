/*
 * pipeline.c - ingest with tokenizing threads (pl_ingest_reader).
 *
 * Documents are read in batches by the calling thread.  While worker
 * threads tokenize batch k+1 (each with its own tokenizer: the segmenter and the
 * normalisation buffers are not shared), the calling thread adds batch k
 * to the database, in input order, so document numbers do not depend on
 * timing.  Only the calling thread touches SQLite.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "plenum/match.h"
#include "plenum/store.h"
#include "extern.h"
#include "fault.h"

#define BATCH	128

struct item {
	struct pl_doc		 doc;
	char			*strs[9];	/* owned copies behind doc */
	struct pl_tokens	 toks;
	struct docgrams		 dg;		/* its n-grams */
	uint64_t		*hk;		/* its Han bigram keys, ascending */
	size_t			 nhk, hkcap;
	char			 hash[65];	/* SHA-256 of the text, hex */
	int			 skip;		/* already stored: no work */
	int			 failed;	/* read or tokenize error */
	struct pl_error		 err;		/* copy of that error */
};

struct batch {
	struct item		 it[BATCH];
	size_t			 n;
};

struct pool {
	pthread_mutex_t		 mu;
	pthread_cond_t		 work, done;
	struct batch		*cur;		/* being tokenized */
	size_t			 next, finished;
	int			 quit;
	const struct pl_tokcfg	*cfg;
	const struct pl_error	*fatal;		/* a worker could not start */
	struct pl_error		 fatal_copy;
};

static void
item_clear(struct item *it)
{
	size_t k;

	for (k = 0; k < sizeof(it->strs) / sizeof(it->strs[0]); k++) {
		free(it->strs[k]);
		it->strs[k] = NULL;
	}
	memset(&it->doc, 0, sizeof(it->doc));
	it->skip = it->failed = 0;
}

static int
dup_into(struct item *it, int k, const char *s, size_t len, const char **out)
{
	if (s == NULL) {
		*out = NULL;
		return 0;
	}
	if ((it->strs[k] = malloc(len + 1)) == NULL)
		return -1;
	memcpy(it->strs[k], s, len);
	it->strs[k][len] = '\0';
	*out = it->strs[k];
	return 0;
}

static int
item_copy(struct item *it, const struct pl_doc *d)
{
	it->doc = *d;
	if (dup_into(it, 0, d->id, d->id ? strlen(d->id) : 0, &it->doc.id) ||
	    dup_into(it, 1, d->date, d->date ? strlen(d->date) : 0,
	    &it->doc.date) ||
	    dup_into(it, 2, d->source, d->source ? strlen(d->source) : 0,
	    &it->doc.source) ||
	    dup_into(it, 3, d->title, d->title ? strlen(d->title) : 0,
	    &it->doc.title) ||
	    dup_into(it, 4, d->lang, d->lang ? strlen(d->lang) : 0,
	    &it->doc.lang) ||
	    dup_into(it, 5, d->text, d->textlen, &it->doc.text) ||
	    dup_into(it, 6, d->meta, d->meta ? strlen(d->meta) : 0,
	    &it->doc.meta) ||
	    dup_into(it, 7, d->file, d->file ? strlen(d->file) : 0,
	    &it->doc.file))
		return -1;
	return 0;
}

/* The document's Han bigram keys, copied out of the worker's normer. */
static int
item_keys(struct item *it, struct pl_normer *nm)
{
	const uint64_t *keys;
	size_t n;

	if (pl_normer_bigram_keys(nm, it->doc.text, it->doc.textlen, &keys,
	    &n) == -1)
		return -1;
	if (n > it->hkcap) {
		uint64_t *nk = realloc(it->hk, n * sizeof(*nk));
		if (nk == NULL)
			return -1;
		it->hk = nk;
		it->hkcap = n;
	}
	if (n > 0)
		memcpy(it->hk, keys, n * sizeof(*keys));
	it->nhk = n;
	return 0;
}

static void *
worker(void *arg)
{
	struct pool *p = arg;
	struct pl_tokenizer *tk = NULL;
	struct pl_normer *nm = NULL;
	const struct pl_error *err;
	struct item *it;
	size_t i;

	if ((err = pl_tokenizer_new(p->cfg, &tk)) == NULL &&
	    (nm = pl_normer_new(p->cfg->t2s)) == NULL) {
		pl_tokenizer_free(tk);
		err = pl_error_nomem();
	}
	if (err != NULL) {
		pthread_mutex_lock(&p->mu);
		p->fatal_copy = *err;
		p->fatal = &p->fatal_copy;
		pthread_cond_broadcast(&p->done);
		pthread_mutex_unlock(&p->mu);
		return NULL;
	}
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->quit && (p->cur == NULL || p->next >= p->cur->n))
			pthread_cond_wait(&p->work, &p->mu);
		if (p->quit)
			break;
		i = p->next++;
		it = &p->cur->it[i];
		pthread_mutex_unlock(&p->mu);
		if (!it->skip && !it->failed) {
			gchar *h;
			if ((err = fault_text(it->doc.text, it->doc.textlen) ?
			    pl_error_nomem() : pl_tokenize(tk, it->doc.text,
			    it->doc.textlen, &it->toks)) != NULL) {
				it->failed = 1;
				it->err = *pl_error_wrap(err, "field 'text'");
			} else if (docgrams_compute(&it->dg, tk, &it->toks) == -1 ||
			    item_keys(it, nm) == -1 ||
			    (h = g_compute_checksum_for_data(G_CHECKSUM_SHA256,
			    (const guchar *)it->doc.text, it->doc.textlen)) ==
			    NULL) {
				it->failed = 1;
				it->err = *pl_error_nomem();
			} else {
				snprintf(it->hash, sizeof(it->hash), "%s", h);
				g_free(h);
			}
		}
		pthread_mutex_lock(&p->mu);
		if (++p->finished == p->cur->n)
			pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	pl_normer_free(nm);
	pl_tokenizer_free(tk);
	return NULL;
}

/*
 * The one rule for what an error means to an ingest, with no threads or
 * any number of workers: a record that cannot be parsed or stored
 * (PL_ERR_PARSE, PL_ERR_DATA) is a bad record, counted and reported, and
 * the ingest goes on (to commit only with --skip-bad); anything else
 * (out of memory, an I/O error reading the input, a database error) is
 * fatal: the ingest stops there and rolls back.  Failures found ahead,
 * while reading or in a worker, are kept in their item and judged when
 * the item's turn comes, so what is reported, and in what order, does
 * not depend on --threads.
 */
static int
bad_record(enum pl_errcode code)
{
	return code == PL_ERR_PARSE || code == PL_ERR_DATA;
}

/* "FILE:LINE: msg" for the document of it, or "FILE: msg". */
static const struct pl_error *
item_err(const struct item *it, const struct pl_error *e)
{
	if (it->doc.file == NULL)
		return pl_error_fmt(e->code, "%s", e->msg);
	if (it->doc.line)
		return pl_error_fmt(e->code, "%s:%zu: %s", it->doc.file,
		    it->doc.line, e->msg);
	return pl_error_fmt(e->code, "%s: %s", it->doc.file, e->msg);
}

/* Reads up to BATCH documents; read errors become failed items. */
static const struct pl_error *
fill(struct pl_ingest *in, struct pl_reader *rd, struct batch *b, int *eof)
{
	const struct pl_error *err;
	const struct pl_doc *d;
	struct item *it;

	b->n = 0;
	while (!*eof && b->n < BATCH) {
		it = &b->it[b->n];
		item_clear(it);
		err = pl_reader_next(rd, &d);
		if (err != NULL) {
			it->failed = 1;
			it->err = *err;
			b->n++;
			if (!bad_record(err->code))
				*eof = 1;
			continue;
		}
		if (d == NULL) {
			*eof = 1;
			break;
		}
		if (item_copy(it, d) == -1) {
			/* judged in its turn, like any other failure */
			item_clear(it);
			it->failed = 1;
			it->err = *pl_error_nomem();
			b->n++;
			*eof = 1;
			break;
		}
		it->skip = pl_ingest_known(in, &it->doc);
		b->n++;
	}
	return NULL;
}

/* Adds a tokenized batch, in order. */
static const struct pl_error *
drain(struct pl_ingest *in, struct batch *b, int tokenized,
    const struct pl_ingest_events *ev, uint64_t *nbad)
{
	const struct pl_error *err;
	enum pl_add_result res;
	const char *other = NULL;
	struct item *it;
	size_t i;

	for (i = 0; i < b->n; i++) {
		it = &b->it[i];
		if (it->failed) {
			err = item_err(it, &it->err);
			if (!bad_record(err->code))
				return err;
			(*nbad)++;
			if (ev && ev->bad)
				ev->bad(ev->arg, err);
			continue;
		}
		if (it->skip || !tokenized)
			err = pl_ingest_add(in, &it->doc, &res, &other);
		else
			err = ingest_add_prepared(in, &it->doc, &it->toks,
			    &it->dg, it->hash, it->hk, it->nhk, &res, &other);
		if (err != NULL) {
			err = item_err(it, err);
			if (!bad_record(err->code))
				return err;
			(*nbad)++;
			if (ev && ev->bad)
				ev->bad(ev->arg, err);
			continue;
		}
		if (ev && ev->added)
			ev->added(ev->arg, &it->doc, res, other);
	}
	return NULL;
}

static void
batch_free(struct batch *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < BATCH; i++) {
		item_clear(&b->it[i]);
		pl_tokens_release(&b->it[i].toks);
		docgrams_release(&b->it[i].dg);
		free(b->it[i].hk);
	}
	free(b);
}

/* Hands b to the workers and waits until they are done with it. */
static void
start(struct pool *p, struct batch *b)
{
	pthread_mutex_lock(&p->mu);
	p->cur = b;
	p->next = 0;
	p->finished = 0;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
}

static const struct pl_error *
wait_done(struct pool *p)
{
	const struct pl_error *err = NULL;

	pthread_mutex_lock(&p->mu);
	while (p->fatal == NULL && p->cur != NULL &&
	    p->finished < p->cur->n)
		pthread_cond_wait(&p->done, &p->mu);
	if (p->fatal)
		err = pl_error_fmt(p->fatal->code, "%s", p->fatal->msg);
	p->cur = NULL;
	pthread_mutex_unlock(&p->mu);
	return err;
}

const struct pl_error *
pl_ingest_reader(struct pl_ingest *in, struct pl_reader *rd, int nthreads,
    const struct pl_ingest_events *ev, uint64_t *nbad)
{
	const struct pl_error *err = NULL;
	struct batch *a = NULL, *b = NULL, *t;
	struct pool p;
	pthread_t th[16];
	int nth = 0, eof = 0, i, rc;

	memset(&p, 0, sizeof(p));
	if ((a = calloc(1, sizeof(*a))) == NULL ||
	    (b = calloc(1, sizeof(*b))) == NULL) {
		free(a);
		return pl_error_nomem();
	}
	if (nthreads <= 0) {
		/* No threads: the ingest tokenizes each document itself. */
		do {
			if ((err = fill(in, rd, a, &eof)) != NULL ||
			    (err = drain(in, a, 0, ev, nbad)) != NULL)
				break;
		} while (a->n > 0);
		goto done;
	}
	if (nthreads > 16)
		nthreads = 16;
	p.cfg = pl_tokenizer_cfg(pl_ingest_tokenizer(in));
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.work, NULL);
	pthread_cond_init(&p.done, NULL);
	for (i = 0; i < nthreads; i++) {
		if ((rc = pthread_create(&th[i], NULL, worker, &p)) != 0) {
			/* pthread_create returns its error; errno is not set */
			err = pl_error_from_code(rc, "pthread_create");
			goto stop;
		}
		nth++;
	}
	if ((err = fill(in, rd, a, &eof)) != NULL)
		goto stop;
	start(&p, a);
	while (a->n > 0) {
		if ((err = fill(in, rd, b, &eof)) != NULL)
			break;
		if ((err = wait_done(&p)) != NULL)
			break;
		if (b->n > 0)
			start(&p, b);
		if ((err = drain(in, a, 1, ev, nbad)) != NULL)
			break;
		t = a;
		a = b;
		b = t;
		if (a->n == 0)
			break;
	}
stop:
	if (nth > 0)
		wait_done(&p);
	pthread_mutex_lock(&p.mu);
	p.quit = 1;
	pthread_cond_broadcast(&p.work);
	pthread_mutex_unlock(&p.mu);
	for (i = 0; i < nth; i++)
		pthread_join(th[i], NULL);
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.work);
	pthread_cond_destroy(&p.done);
done:
	batch_free(a);
	batch_free(b);
	return err;
}
