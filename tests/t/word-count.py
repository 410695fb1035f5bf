#!/usr/bin/env python3
# word-count.py JSONL WORD... - each English word's count in the texts by
# the tokenizer's rules written as a regular expression (the independent
# check of plenum's word counts in t2052): NFKC and case folding; a
# hyphenated compound is one word (counter-terrorism is not terrorism),
# but a hyphen not between two word characters is not part of a word
# ("nuclear- and non-nuclear" has nuclear once);
# a possessive 's or ’s and a closing apostrophe are not part of the word
# (terrorism's counts as terrorism).  A word regex that keeps the ASCII
# apostrophe inside words ([\w'-]+) gives 11,197 for terrorism on ungd
# where this gives plenum's 11,199: the two are "terrorism's" and
# "terrorism'" (docs/QUERIES.md).  A text seen before is skipped, as
# plenum ingest skips duplicates.
import re, sys

from jsonltexts import fold, texts

words = [fold(w) for w in sys.argv[2:]]
pats = [re.compile(r'(?<!\w)(?<!\w-)' + re.escape(w) + r'(?!\w)(?!-\w)')
        for w in words]
counts = [0] * len(words)
for text in texts(sys.argv[1]):
    for i, p in enumerate(pats):
        counts[i] += len(p.findall(text))
for w, n in zip(sys.argv[2:], counts):
    print('%s\t%d' % (w, n))
