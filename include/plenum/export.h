/*
 * export.h - the corpus as files another engine loads (plenum export,
 * docs/SCALE.md): TabSeparatedWithNames files partitioned by month and a
 * schema file.
 */
#ifndef PLENUM_EXPORT_H
#define PLENUM_EXPORT_H

#include <stdint.h>

#include "plenum/error.h"
#include "plenum/store.h"

struct pl_export_opts {
	int		 ngrams;	/* 0: every indexed n-gram; 1: words only */
};

struct pl_export_stats {
	uint64_t	 documents, terms, counts, months;
};

void pl_export_opts_defaults(struct pl_export_opts *);

/*
 * Writes dir/schema.sql, dir/vocabulary.tsv, dir/documents/YYYY-MM.tsv and
 * dir/counts/YYYY-MM.tsv (creating dir if needed).  opts NULL: defaults.
 */
const struct pl_error *pl_export(struct pl_db *, const char *dir,
    const struct pl_export_opts *, struct pl_export_stats *);

#endif /* PLENUM_EXPORT_H */
