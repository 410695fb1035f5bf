/*
 * store.h - the corpus database (docs/SCHEMA.md).  lib/db.c is the only
 * file that includes sqlite3.h or writes SQL.
 */
#ifndef PLENUM_STORE_H
#define PLENUM_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "plenum/corpus.h"
#include "plenum/error.h"
#include "plenum/table.h"
#include "plenum/token.h"

#define PL_SCHEMA_VERSION	5

struct pl_db;

enum {
	PL_DB_READ = 0,		/* open an existing database read-only */
	PL_DB_WRITE = 1,	/* open read-write */
	PL_DB_CREATE = 2	/* with PL_DB_WRITE: create if missing */
};

/* Opens the database at path.  Free with pl_db_close(). */
const struct pl_error *pl_db_open(const char *path, int flags,
    struct pl_db **);
/*
 * How long a database opened after this call waits for another process
 * that holds its lock (an ingest): seconds (-1: keep the defaults, one
 * hour for writers and a minute for readers); notify (may be NULL) is
 * called once, after 0.2 s, when a wait begins.
 */
void pl_db_set_wait(int seconds, void (*notify)(void *, const char *path,
    int seconds), void *arg);
/* Closes and frees; returns a close error if any.  NULL is a no-op. */
const struct pl_error *pl_db_close(struct pl_db *);
/* The path it was opened with; borrowed. */
const char *pl_db_path(const struct pl_db *);
/* 1 if the database has no corpus settings yet (never ingested into). */
int pl_db_is_empty(struct pl_db *);

/*
 * The corpus's tokenizer, made from its stored settings; borrowed, valid
 * until pl_db_close().  Fails on a database never ingested into.
 */
const struct pl_error *pl_db_tokenizer(struct pl_db *,
    struct pl_tokenizer **);

/* Ingest: one transaction adding documents. */
struct pl_ingest;

struct pl_ingest_opts {
	int			 replace;	/* a known id with new content replaces the old */
	const struct pl_tokcfg	*cfg;		/* settings for a new corpus; NULL: defaults.
						   On an existing corpus, settings that differ
						   are an error. */
	int			 cfg_given;	/* PL_CFG_* bits: the settings the user
						   gave; on an existing corpus those must
						   match what it was created with */
	size_t			 memory;	/* bytes the in-memory index may use
						   before it is written out as a
						   segment (same transaction);
						   0: no limit */
};

enum {
	PL_CFG_NGRAMS = 1,
	PL_CFG_T2S = 2,
	PL_CFG_STOPLANGS = 4,
	PL_CFG_DICT = 8,
	PL_CFG_STOPWORDS = 16
};

enum pl_add_result {
	PL_ADD_ADDED,		/* new document */
	PL_ADD_PRESENT,		/* same id and content already there: nothing to do */
	PL_ADD_DUPLICATE,	/* same text under another id: skipped */
	PL_ADD_REPLACED		/* same id, new content, --replace */
};

struct pl_ingest_stats {
	uint64_t	 added, present, duplicates, replaced;
	uint64_t	 tokens;	/* tokens of the added documents */
	uint64_t	 new_terms;	/* terms the corpus did not have */
	uint64_t	 flushes;	/* times the index was written out to
					   stay within the memory budget,
					   the final write included */
	int		 no_wal;	/* committed, but the switch to WAL
					   mode failed (the next writer
					   tries again) */
};

/* Starts an ingest (BEGIN IMMEDIATE).  The database is locked until
 * pl_ingest_commit() or pl_ingest_abort(). */
const struct pl_error *pl_ingest_begin(struct pl_db *,
    const struct pl_ingest_opts *, struct pl_ingest **);
/*
 * Adds one document.  *res says what happened; for PL_ADD_DUPLICATE,
 * *other (if not NULL) is set to the id of the document with the same
 * text (borrowed, valid until the next call).  A document that cannot be
 * added (empty text, invalid UTF-8, a known id with other content and no
 * replace) is a PL_ERR_DATA/PL_ERR_PARSE error; the ingest can go on.
 */
const struct pl_error *pl_ingest_add(struct pl_ingest *,
    const struct pl_doc *, enum pl_add_result *res, const char **other);
/*
 * Like pl_ingest_add, for a document already tokenized (toks borrowed)
 * by a tokenizer made with this corpus's settings (see
 * pl_ingest_tokenizer()); toks NULL: tokenize here.
 */
const struct pl_error *pl_ingest_add_tokens(struct pl_ingest *,
    const struct pl_doc *, const struct pl_tokens *toks,
    enum pl_add_result *res, const char **other);
/* 1 if a document with this id and the same content is already stored. */
int pl_ingest_known(struct pl_ingest *, const struct pl_doc *);
/* The corpus's tokenizer; borrowed.  Not for use from other threads:
 * make one per thread from pl_tokenizer_cfg(). */
const struct pl_tokenizer *pl_ingest_tokenizer(const struct pl_ingest *);

/*
 * Reads every document from rd into the ingest, tokenizing on nthreads
 * worker threads (0: in this thread) while this thread indexes; documents
 * are added in input order.  Bad records are passed to ev->bad and
 * counted in *nbad; reading goes on.  Returns an error only for what
 * ends the ingest (out of memory, an I/O error reading the input, the
 * database), named by file and line; the rule and the messages do not
 * depend on nthreads.
 */
struct pl_ingest_events {
	/* a bad record: err's message names file, line and field */
	void	(*bad)(void *arg, const struct pl_error *err);
	/* a document taken (res says how); other as in pl_ingest_add */
	void	(*added)(void *arg, const struct pl_doc *,
		    enum pl_add_result res, const char *other);
	void	 *arg;
};

const struct pl_error *pl_ingest_reader(struct pl_ingest *,
    struct pl_reader *rd, int nthreads, const struct pl_ingest_events *ev,
    uint64_t *nbad);

/* Writes the term index and commits; frees the ingest in any case. */
const struct pl_error *pl_ingest_commit(struct pl_ingest *,
    struct pl_ingest_stats *);
/* Rolls everything back and frees; NULL is a no-op. */
void pl_ingest_abort(struct pl_ingest *);

/*
 * Merges every term's segments into its base row, in one transaction
 * (plenum optimize); *terms and *rows say how many terms and segment rows.
 */
const struct pl_error *pl_db_optimize(struct pl_db *, int64_t *terms,
    int64_t *rows);

/* Queries answered as tables. */

struct pl_docfilter {
	int64_t		 from, to;	/* inclusive day range; INT64_MIN/MAX: open */
	const char	**sources;	/* borrowed; NULL-terminated, or NULL: all */
	size_t		 limit;		/* 0: all */
	uint8_t		*mask;		/* owned; per query row (see query.h), 1 = in;
					   NULL: no metadata condition */
};

void pl_docfilter_init(struct pl_docfilter *);
/* Frees the mask; the filter can be used again. */
void pl_docfilter_release(struct pl_docfilter *);

/*
 * Calls fn with the id of every document whose metadata (the JSON object
 * of the input's other fields) has key equal to value, compared as text.
 */
const struct pl_error *pl_db_each_doc_where(struct pl_db *, const char *key,
    const char *value, void (*fn)(void *, int64_t doc), void *arg);

/* Documents: id, date, precision, source, title, lang, tokens. */
const struct pl_error *pl_db_docs(struct pl_db *, const struct pl_docfilter *,
    struct pl_table *out);

/*
 * Corpus summary as a long table (section, key, documents, tokens, value):
 * totals, date range, per source, per year, and the settings.
 */
const struct pl_error *pl_db_info(struct pl_db *, struct pl_table *out);

/*
 * Reading the index (for lib/query.c and the analysis modules).
 */

/* One document's figures, from the compact doc_meta blocks. */
struct pl_docfig {
	uint32_t	 id;		/* doc.id */
	int32_t		 day;
	uint32_t	 tokens, sentences;
	uint32_t	 source, lang;	/* label ids: index into labels */
	uint8_t		 prec;		/* enum pl_precision */
};

struct pl_docfigs {
	struct pl_docfig *v;		/* in id order */
	size_t		 n;
	char		**labels;	/* by label id; NULL where unused */
	size_t		 nlabels;
	uint32_t	*bytext;	/* the label ids in strcmp order of
					   their texts */
	size_t		 nbytext;
};

/*
 * Every document's figures, read in one go (about 9 bytes a document),
 * not one row per document.  Release with pl_docfigs_release().
 */
const struct pl_error *pl_db_docfigs(struct pl_db *, struct pl_docfigs *);
void pl_docfigs_release(struct pl_docfigs *);

/* A document's id from the input and title, as strings the caller frees;
 * either out pointer may be NULL. */
const struct pl_error *pl_db_doc_names(struct pl_db *, int64_t doc,
    char **ext_id, char **title);

/*
 * The posting list of a term (normalised text, n-gram words joined by one
 * space) as a copy the caller frees with free(3); *p NULL and *len 0 if
 * the term is not in the corpus.  *cf and *df may be NULL.
 */
const struct pl_error *pl_db_postings(struct pl_db *, const char *text,
    unsigned char **p, size_t *len, int64_t *cf, int64_t *df);

/*
 * Calls fn for every term with n words whose text starts with prefix
 * (n 0: any n), in text order, with its posting list (borrowed during the
 * call).  min_cf filters on corpus frequency.
 */
const struct pl_error *pl_db_each_term(struct pl_db *, const char *prefix,
    int n, int64_t min_cf,
    const struct pl_error *(*fn)(void *, const char *text, int n,
    int64_t cf, int64_t df, const unsigned char *post, size_t len),
    void *arg);

/* Inside pl_db_each_term's callback: the term's id (term.id). */
int64_t pl_db_each_term_id(const struct pl_db *);

/*
 * Every word (n = 1 term) with its counts, from the per-month counts an
 * ingest keeps (word_period): cf and df over the whole corpus, and c[k],
 * d[k] over the months i whose cls[i] has bit k set (periods[i]: year *
 * 12 + month, every month that has documents).  O(vocabulary x months),
 * no posting list read.  Words no document uses any more have cf 0.
 */
struct pl_wordcount {
	uint32_t	 text;		/* offset into texts */
	int64_t		 id, cf, df;
	int64_t		 c[2], d[2];
};

struct pl_wordcounts {
	struct pl_wordcount	*v;
	size_t			 n;
	char			*texts;
};

const struct pl_error *pl_db_word_counts(struct pl_db *,
    const int64_t *periods, const uint8_t *cls, size_t np,
    struct pl_wordcounts *);
void pl_wordcounts_release(struct pl_wordcounts *);

/* A document row as plenum export writes it (borrowed during the call). */
struct pl_docout {
	int64_t		 id, tokens;
	const char	*ext_id, *date, *source, *title, *lang;
	const char	*meta;		/* JSON object, or NULL */
};

/* Calls fn for every document in id order (a scan of the doc table). */
const struct pl_error *pl_db_each_doc_out(struct pl_db *,
    const struct pl_error *(*fn)(void *, const struct pl_docout *),
    void *arg);

/* The id of a word (n = 1), or 0 if the corpus does not have it. */
const struct pl_error *pl_db_word_id(struct pl_db *, const char *text,
    int64_t *id);

/* The text of word id as a string the caller frees, or NULL if unknown. */
const struct pl_error *pl_db_word_text(struct pl_db *, int64_t id,
    char **text);

/*
 * A document's token ids and spans (see docs/SCHEMA.md) and text, as
 * copies the caller frees with free(3); any out pointer may be NULL.
 */
const struct pl_error *pl_db_doc_tokens(struct pl_db *, int64_t doc,
    unsigned char **ids, size_t *idslen, unsigned char **spans,
    size_t *spanslen, char **text, size_t *textlen);

/*
 * Calls fn(arg, i, ids, len) with the token ids blob of docs[i] for each
 * i in order; docs holds n document ids in increasing order.  One
 * statement reads them all (lib/dbids.c).  The blob is borrowed, valid
 * during the call only (NULL when len is 0).  A missing document is a
 * PL_ERR_NOTFOUND error; an error fn returns stops the walk and is
 * returned.
 */
const struct pl_error *pl_db_each_ids(struct pl_db *, const int64_t *docs,
    size_t n, const struct pl_error *(*fn)(void *, size_t,
    const unsigned char *, size_t), void *arg);

/*
 * Calls fn with every document id under key in the Han bigram index
 * (plenum/match.h pl_normer_bigrams()); none if the key is absent.
 */
const struct pl_error *pl_db_hgram_each(struct pl_db *, uint64_t key,
    void (*fn)(void *, int64_t doc), void *arg);

/*
 * Rebuilds the index (terms, token sequences, Han bigrams) from the
 * stored texts with this plenum's tokenizer and the corpus's settings,
 * in one transaction: on any failure or interruption the database stays
 * as it was.  progress (may be NULL) is called after each document.
 */
const struct pl_error *pl_db_reindex(struct pl_db *,
    void (*progress)(void *, size_t done, size_t total), void *arg);

/* Calls fn with each distinct key of the documents' metadata. */
const struct pl_error *pl_db_meta_keys(struct pl_db *,
    void (*fn)(void *, const char *key), void *arg);

/* Decodes a posting list: the callback gets (doc id, count) in order.
 * Returns -1 on a corrupt list. */
int pl_postings_each(const unsigned char *p, size_t len,
    void (*fn)(void *, int64_t doc, int64_t count), void *arg);

#endif /* PLENUM_STORE_H */
