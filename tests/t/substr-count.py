#!/usr/bin/env python3
# substr-count.py JSONL TERM... - each term's plain substring count in the
# NFKC-normalised, case-folded texts (str.count: leftmost, non-overlapping),
# the independent check of plenum's Han term matching (t2051).  A text
# seen before is skipped, as plenum ingest skips duplicates.
import sys

from jsonltexts import fold, texts

terms = [fold(t) for t in sys.argv[2:]]
counts = [0] * len(terms)
for text in texts(sys.argv[1]):
    for i, t in enumerate(terms):
        counts[i] += text.count(t)
for t, n in zip(sys.argv[2:], counts):
    print('%s\t%d' % (t, n))
