#!/usr/bin/python3
"""Segmentation quality on real sentences: for every term of a test list
(bench/seg-terms.txt), up to PER sentences of a JSON Lines corpus that
contain it, segmented by plenum (bench/plenum-seg -l), jieba (lcut, HMM
on) and friso (bench/friso-seg -p); for each tool the share of the
term's occurrences that come out as exactly one token ("whole") and the
share where no token crosses the term's start or end ("no straddle").

usage: seg_quality.py CORPUS.jsonl TERMS PLENUM_SEG FRISO_SEG [PER]
Prints a Markdown table; the sentences are never written anywhere else.
"""
import json
import re
import sys

import seg_gold  # plenum_spans, jieba_spans, friso_spans: one way to run each


def main():
    corpus, terms_path, pseg, fseg = sys.argv[1:5]
    per = int(sys.argv[5]) if len(sys.argv) > 5 else 40
    kinds = {}
    terms = []
    kind = "terms"
    for line in open(terms_path, encoding="utf-8"):
        line = line.strip()
        if line.startswith("# --"):
            kind = line[5:].split(" ")[0]
            continue
        if line and not line.startswith("#"):
            terms.append(line)
            kinds[line] = kind
    want = {t: [] for t in terms}
    split = re.compile(r"[。！？\n]")
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            for s in split.split(text):
                s = s.strip()
                if not s or len(s) > 300:
                    continue
                for t in terms:
                    if len(want[t]) < per and t in s:
                        want[t].append(s)
    sents = sorted({s for v in want.values() for s in v})
    # each tool's word spans per sentence (seg_gold runs the three tools)
    bounds = {
        "plenum": dict(zip(sents, seg_gold.plenum_spans(pseg, sents))),
        "jieba": dict(zip(sents, seg_gold.jieba_spans(sents))),
        "friso": dict(zip(sents, seg_gold.friso_spans(fseg, sents))),
    }
    rows = {}
    for t in terms:
        for tool in bounds:
            occ = whole = clean = 0
            for s in want[t]:
                spans = bounds[tool][s]
                starts = {a for a, _ in spans}
                ends = {b for _, b in spans}
                sset = set(spans)
                i = s.find(t)
                while i >= 0:
                    occ += 1
                    e = i + len(t)
                    whole += (i, e) in sset
                    # a token straddles the start when one begins before
                    # it and ends inside or after it, likewise the end
                    ok = not any(a < i < b for a, b in spans) and \
                        not any(a < e < b for a, b in spans)
                    clean += ok
                    i = s.find(t, e)
            rows.setdefault(kinds[t], {}).setdefault(tool, [0, 0, 0])
            r = rows[kinds[t]][tool]
            r[0] += occ
            r[1] += whole
            r[2] += clean
    print("| terms | occurrences | tool | one token | no token across a boundary |")
    print("| --- | ---: | --- | ---: | ---: |")
    total = {}
    for kind in rows:
        for tool in ("plenum", "jieba", "friso"):
            occ, whole, clean = rows[kind][tool]
            t = total.setdefault(tool, [0, 0, 0])
            for i, v in enumerate((occ, whole, clean)):
                t[i] += v
            print("| %s | %d | %s | %.1f%% | %.1f%% |" % (
                kind, occ, tool, 100.0 * whole / max(occ, 1),
                100.0 * clean / max(occ, 1)))
    for tool in ("plenum", "jieba", "friso"):
        occ, whole, clean = total[tool]
        print("| **all** | %d | %s | %.1f%% | %.1f%% |" % (
            occ, tool, 100.0 * whole / max(occ, 1), 100.0 * clean / max(occ, 1)))
    print()
    print("%d terms, %d sentences (at most %d per term)." % (
        len(terms), len(sents), per))
    return 0


if __name__ == "__main__":
    sys.exit(main())
