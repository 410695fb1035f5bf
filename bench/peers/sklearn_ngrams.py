#!/usr/bin/python3
"""Benchmark peer: an n-gram index built with scikit-learn.

Reads JSON Lines (objects with a "text" field) and runs
CountVectorizer(ngram_range=(1, 3), lowercase=True).fit_transform on the
texts (sklearn's default token pattern, n-grams across the whole document).
From the document-term matrix it takes column sums (count of each n-gram)
and the number of non-zero rows per column (document frequency), i.e.
term -> (count, df).

Prints the vocabulary size (and total n-gram occurrences).

usage: sklearn_ngrams.py FILE.jsonl
"""

import json
import sys

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer


def main():
    if len(sys.argv) != 2:
        print("usage: sklearn_ngrams.py FILE.jsonl", file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as fp:
        texts = [json.loads(line)["text"] for line in fp if line.strip()]

    vec = CountVectorizer(ngram_range=(1, 3), lowercase=True)
    x = vec.fit_transform(texts).tocsc()
    count = np.asarray(x.sum(axis=0)).ravel()   # occurrences per n-gram
    df = np.diff(x.indptr)                      # documents per n-gram
    assert len(count) == len(df) == len(vec.vocabulary_)

    print(f"{len(vec.vocabulary_)} distinct 1-3-grams, "
          f"{int(count.sum())} occurrences, {len(texts)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
