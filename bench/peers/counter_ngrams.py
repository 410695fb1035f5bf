#!/usr/bin/python3
"""Benchmark peer: an n-gram index built with the Python standard library.

Reads JSON Lines (objects with a "text" field), lower-cases each text,
splits it into sentences on [.!?] followed by whitespace, tokenizes each
sentence with the regex \\w+(?:['’-]\\w+)*, and counts 1- to N-grams that
do not cross a sentence boundary.  For every distinct n-gram it keeps the
total count and the document frequency (number of documents that contain
it), i.e. term -> (count, df): the same information an index holds.

Prints the number of distinct n-grams (and total n-gram occurrences).

usage: counter_ngrams.py [--max-n N] FILE.jsonl
"""

import argparse
import json
import re
import sys
from collections import Counter

TOKEN = re.compile(r"\w+(?:['’-]\w+)*")
SENTENCE_END = re.compile(r"[.!?]\s+")


def doc_ngrams(text, max_n):
    """Return a Counter of the n-grams (as space-joined strings) of text."""
    grams = Counter()
    for sentence in SENTENCE_END.split(text.lower()):
        words = TOKEN.findall(sentence)
        for n in range(1, max_n + 1):
            if n == 1:
                grams.update(words)
            else:
                grams.update(" ".join(words[i:i + n])
                             for i in range(len(words) - n + 1))
    return grams


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-n", type=int, default=3,
                    help="longest n-gram (default 3)")
    ap.add_argument("path", help="JSON Lines file")
    args = ap.parse_args()
    if args.max_n < 1:
        ap.error("--max-n must be at least 1")

    count = Counter()   # n-gram -> occurrences
    df = Counter()      # n-gram -> documents containing it
    docs = 0
    with open(args.path, encoding="utf-8") as fp:
        for line in fp:
            if not line.strip():
                continue
            grams = doc_ngrams(json.loads(line)["text"], args.max_n)
            count.update(grams)
            df.update(grams.keys())
            docs += 1

    print(f"{len(count)} distinct 1-{args.max_n}-grams, "
          f"{sum(count.values())} occurrences, {docs} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
