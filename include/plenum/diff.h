/*
 * diff.h - what changed between two documents, word by word, aligned by
 * sentence first (plenum diff; docs/DIFF.md).
 *
 * Words are the corpus's stored tokens (normalised, so case and
 * punctuation changes are not changes; Chinese is compared word by word
 * as segmented at ingest).  Sentences are matched whole first (Myers'
 * O(ND) diff over sentence hashes); between two kept sentences, removed
 * and added sentences that share at least half their words (Dice) are
 * paired (one with one, or one with two: a split or merge) as one changed
 * sentence and diffed word by word (Myers over word
 * ids); a removed sentence identical to an added one elsewhere is a move.
 */
#ifndef PLENUM_DIFF_H
#define PLENUM_DIFF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "plenum/error.h"
#include "plenum/query.h"
#include "plenum/table.h"

/*
 * The shortest edit script between a[0..n) and b[0..m) (Myers 1986, the
 * linear-space variant): sets del[i] to 1 for each a[i] not kept and
 * ins[j] to 1 for each b[j] not kept (both arrays zeroed first).  The
 * kept elements form a longest common subsequence.
 */
const struct pl_error *pl_diff_seq(const uint64_t *a, size_t n,
    const uint64_t *b, size_t m, uint8_t *del, uint8_t *ins);

/* What happened to a sentence. */
enum pl_diff_kind {
	PL_DIFF_KEPT,		/* the same words, in the same place */
	PL_DIFF_CHANGED,	/* paired with a similar sentence, words differ */
	PL_DIFF_ADDED,		/* only in the new document */
	PL_DIFF_REMOVED,	/* only in the old document */
	PL_DIFF_MOVED		/* the same words, elsewhere */
};

enum pl_diff_op {
	PL_DIFF_EQUAL,		/* text shown as it is */
	PL_DIFF_DELETE,		/* old text, struck */
	PL_DIFF_INSERT		/* new text, inserted */
};

/* A run of text of the redline, in reading order. */
struct pl_diff_piece {
	enum pl_diff_op		 op;
	enum pl_diff_kind	 kind;	/* of its sentence */
	int			 side;	/* 0: off/len in the old text, 1: the new */
	uint32_t		 off, len;
};

/*
 * One edit: a run of words deleted, inserted or replaced inside a
 * changed sentence, a whole sentence removed or added, or a sentence
 * moved.  Sentences count from 1 (0: none); offsets are bytes in each
 * text; for an insertion the old offset is where it would go in the old
 * text, for a deletion the new offset likewise.
 */
struct pl_diff_edit {
	const char		*op;	/* "delete", "insert", "replace", "move" */
	enum pl_diff_kind	 kind;
	uint32_t		 osent, nsent;
	uint32_t		 ooff, olen, noff, nlen;
};

struct pl_diff_stats {
	int64_t		 old_words, new_words;
	int64_t		 kept;		/* words of kept and moved sentences, and
					   words kept inside changed ones */
	int64_t		 added, removed;	/* new_words - kept, old_words - kept */
	int64_t		 old_sents, new_sents;
	int64_t		 s_kept, s_changed, s_added, s_removed, s_moved;
	double		 similarity;	/* 2 kept / (old + new); 1 if both empty */
};

struct pl_diff {
	char			*otext, *ntext;	/* owned, NUL-terminated */
	size_t			 olen, nlen;
	struct pl_diff_piece	*pieces;
	size_t			 npieces;
	struct pl_diff_edit	*edits;
	size_t			 nedits;
	struct pl_diff_stats	 st;
	size_t			 orow, nrow;	/* corpus rows compared */
	/* the words, for pl_diff_phrases() */
	uint64_t		*oids, *nids;	/* word ids */
	uint32_t		*otok_off, *ntok_off;	/* their byte offsets */
	uint32_t		*otok_len, *ntok_len;	/* and lengths */
	uint32_t		*osb, *nsb;	/* first token of each sentence;
						   osb[ons] = on */
	size_t			 on, nn, ons, nns;
};

void pl_diff_init(struct pl_diff *);
void pl_diff_release(struct pl_diff *);

/*
 * Compares the documents at corpus rows orow (old) and nrow (new) into d
 * (released first).
 */
const struct pl_error *pl_diff_docs(struct pl_corpus *, size_t orow,
    size_t nrow, struct pl_diff *d);

/*
 * The corpus row of the document with external id ext_id; a PL_ERR_DATA
 * error "no document 'ID'" if there is none.
 */
const struct pl_error *pl_diff_find(const struct pl_corpus *,
    const char *ext_id, size_t *row);

/*
 * Writes the redline of d to fp as an HTML fragment: one <div
 * class="redline"> with the text escaped, deletions in <del>, insertions
 * in <ins>, moves in <del class="mv"> and <ins class="mv">.  The page
 * around it may style it with pl_diff_html_css.  Write errors are left to
 * ferror(fp).
 */
void pl_diff_html(FILE *fp, const struct pl_diff *d);
/* CSS rules for that fragment (selectors: .redline, del, ins). */
extern const char pl_diff_html_css[];

/*
 * The document before row in the same source, by date and then by ingest
 * order, among the documents f passes (NULL: all) whose title contains
 * title (NULL: any); a PL_ERR_NOTFOUND error naming the document and its
 * source if there is none.
 */
const struct pl_error *pl_diff_prev(const struct pl_corpus *, size_t row,
    const struct pl_docfilter *f, const char *title, size_t *prev);

/*
 * The edits as a table: op, sentence (kept, changed, added, removed,
 * moved), old_sentence, new_sentence, old_offset, old_length, new_offset,
 * new_length, old, new (the texts as written).
 */
const struct pl_error *pl_diff_table(const struct pl_diff *,
    struct pl_table *out);

/*
 * The summary of d as one row of the --series table (see
 * pl_diff_series), appended to out (whose columns it adds if it has
 * none).
 */
const struct pl_error *pl_diff_summary(const struct pl_corpus *,
    const struct pl_diff *, struct pl_table *out);

/*
 * Phrases that entered and left: every n-gram (1 to the corpus's
 * ngram_max words, within a clause, neither beginning nor ending with
 * a stopword, as the index counts them) found in one document and not in
 * the other.  A phrase inside a longer one that entered or left as often
 * is left out.  Columns: change (entered, left), phrase, n, count, offset
 * (of its first occurrence), in that order, each change in reading order.
 */
const struct pl_error *pl_diff_phrases(struct pl_corpus *,
    const struct pl_diff *, struct pl_table *out);

/*
 * Every document the filter passes (and whose title contains title, if
 * not NULL) against its predecessor in the same source among those:
 * source, date, doc, prev_date, prev,
 * similarity, words_kept, words_added, words_removed, sentences,
 * sentences_kept, sentences_changed, sentences_added, sentences_removed,
 * sentences_moved.  Sorted by source, then date.
 */
const struct pl_error *pl_diff_series(struct pl_corpus *,
    const struct pl_docfilter *, const char *title, struct pl_table *out);

#endif /* PLENUM_DIFF_H */
