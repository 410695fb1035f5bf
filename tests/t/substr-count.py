#!/usr/bin/env python3
# substr-count.py JSONL TERM... - each term's plain substring count in the
# NFKC-normalised, case-folded texts (str.count: leftmost, non-overlapping),
# the independent check of plenum's Han term matching (t2051).  A text
# seen before is skipped, as plenum ingest skips duplicates.
import hashlib, json, sys, unicodedata

terms = [unicodedata.normalize('NFKC', t).casefold() for t in sys.argv[2:]]
counts = [0] * len(terms)
seen = set()
with open(sys.argv[1], encoding='utf-8') as f:
    for line in f:
        line = line.strip()
        if not line:
            continue
        raw = json.loads(line)['text']
        h = hashlib.sha256(raw.encode('utf-8')).digest()
        if h in seen:
            continue
        seen.add(h)
        text = unicodedata.normalize('NFKC', raw).casefold()
        for i, t in enumerate(terms):
            counts[i] += text.count(t)
for t, n in zip(sys.argv[2:], counts):
    print('%s\t%d' % (t, n))
