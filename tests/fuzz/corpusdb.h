/*
 * corpusdb.h - a small corpus database for the harnesses that need one
 * (term, db): English and Chinese documents over three years.
 */
#ifndef PLENUM_FUZZ_CORPUSDB_H
#define PLENUM_FUZZ_CORPUSDB_H

/* Creates the database at path; aborts on failure. */
void	fuzz_make_corpus(const char *path);

#endif
