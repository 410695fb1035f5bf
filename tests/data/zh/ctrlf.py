#!/usr/bin/env python3
# ctrlf.py - the documents of a JSON Lines corpus between two dates and how
# often each term occurs in their texts as a plain substring (Ctrl-F):
# "TERM<TAB>COUNT" lines.
# usage: ctrlf.py DOCS.jsonl FROM TO TERM...
import json
import sys

path, lo, hi = sys.argv[1:4]
want = sys.argv[4:]
n = {t: 0 for t in want}
with open(path, encoding="utf-8") as f:
    for line in f:
        d = json.loads(line)
        if lo <= d["date"][:10] <= hi:
            for t in want:
                n[t] += d["text"].count(t)
for t in want:
    print("%s\t%d" % (t, n[t]))
