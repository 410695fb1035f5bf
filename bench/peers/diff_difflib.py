#!/usr/bin/env python3
"""diff_difflib.py - the peer of bench/diff.sh: every document of a JSON
Lines corpus against the one before it in its source (by date, then input
order), word by word with Python's difflib.SequenceMatcher (Ratcliff /
Obershelp, what a three-line script would use), printing one row per pair:
date, id, similarity (difflib's ratio), words kept, added, removed.
Words are lower-cased runs of letters and digits (\\w+), no sentence
alignment."""
import difflib
import json
import re
import sys

WORD = re.compile(r"\w+")
docs = []
for n, line in enumerate(open(sys.argv[1], encoding="utf-8")):
    d = json.loads(line)
    docs.append((d.get("source", ""), d["date"], n, d["id"],
                 WORD.findall(d["text"].lower())))
docs.sort()
out = ["date\tdoc\tsimilarity\twords_kept\twords_added\twords_removed"]
for prev, cur in zip(docs, docs[1:]):
    if prev[0] != cur[0]:
        continue
    a, b = prev[4], cur[4]
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    kept = sum(m.size for m in sm.get_matching_blocks())
    out.append("%s\t%s\t%.4f\t%d\t%d\t%d" % (cur[1], cur[3], sm.ratio(),
               kept, len(b) - kept, len(a) - kept))
print("\n".join(out))
