#!/usr/bin/env python3
"""cooc-brute.py - a generated fixture for plenum cooc and its collocates
counted by brute force from the JSON Lines text, not from the database
(tests/t/t4001-cooc.sh).

    cooc-brute.py gen OUT.jsonl
        writes 400 documents over five months (seeded), each of a few
        sentences of made-up words, the first capitalised: no stopword,
        no digit, no punctuation but the full stop, so a token is a
        lower-cased word and a sentence ends at "."
    cooc-brute.py cooc JSONL NODE SPAN [FROM [TO]]
        NODE: alternatives joined by "|", each a word, a prefix (word*)
        or a phrase (words joined by spaces); SPAN: window:L:R,
        window:L:R:s (within the sentence), sentence, doc; FROM and TO
        ISO days (inclusive, "-" for none).  Prints collocate, o11,
        node_freq, coll_freq, span, n of every collocate with o11 >= 1,
        sorted by collocate.

The rules (docs/STATISTICS.md, docs/QUERIES.md): occurrences never
overlap, the leftmost and then the longest wins; a phrase stays in one
sentence; tokens of an occurrence are never in a span, a token in two
windows counts once; the node's own words (its single-word and prefix
alternatives) are never collocates.
"""
import json
import random
import sys
from collections import Counter

SYL = ["ka", "lo", "mi", "zu", "ve", "ro", "ta", "ne", "pi", "su"]


def gen(out):
    rnd = random.Random(13)
    # Sixty made-up words, two syllables each; "kalo" is frequent, the
    # "mi" words share a prefix; a zipf-like choice for the rest.
    words = sorted({rnd.choice(SYL) + rnd.choice(SYL) for _ in range(200)})
    words = [w for w in words if w != "kalo"][:59] + ["kalo"]
    weights = [1.0 / (i + 2) for i in range(len(words))]
    weights[-1] = 0.15
    with open(out, "w", encoding="utf-8") as f:
        for i in range(400):
            month = 1 + i % 5
            day = 1 + rnd.randrange(28)
            sents = []
            for _ in range(rnd.randint(1, 5)):
                n = rnd.randint(1, 12)
                s = " ".join(rnd.choices(words, weights, k=n))
                sents.append(s[0].upper() + s[1:])
            doc = {"id": "g%d" % i, "date": "2022-%02d-%02d" % (month, day),
                   "text": ". ".join(sents) + "."}
            f.write(json.dumps(doc) + "\n")


def docs(path, lo, hi):
    """[[sentence as a list of words]] of each document in range."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if (lo and d["date"] < lo) or (hi and d["date"] > hi):
                continue
            yield [s.lower().split() for s in d["text"].split(".")
                   if s.split()]


def occurrences(toks, sent, alts):
    """(start, length) of the node's occurrences in a token list."""
    occ, j = [], 0
    while j < len(toks):
        best = 0
        for a in alts:
            if a.endswith("*"):
                m = 1 if toks[j].startswith(a[:-1]) else 0
            else:
                w = a.split()
                m = len(w) if (toks[j:j + len(w)] == w and
                               len(set(sent[j:j + len(w)])) == 1) else 0
            best = max(best, m)
        if best:
            occ.append((j, best))
            j += best
        else:
            j += 1
    return occ


def cooc(path, node, span, lo=None, hi=None):
    lo = None if lo in (None, "-") else lo
    hi = None if hi in (None, "-") else hi
    alts = node.split("|")
    vocab = set()
    for d in docs(path, lo, hi):
        for s in d:
            vocab.update(s)
    own = {w for w in vocab for a in alts
           if (a.endswith("*") and w.startswith(a[:-1])) or a == w}
    o11, freq = Counter(), Counter()
    nodef = r1 = n = 0
    for d in docs(path, lo, hi):
        toks = [w for s in d for w in s]
        sent = [i for i, s in enumerate(d) for _ in s]
        occ = occurrences(toks, sent, alts)
        if span.startswith("window"):
            parts = span.split(":")
            left, right, insent = int(parts[1]), int(parts[2]), len(parts) > 3
            n += len(toks)
            freq.update(toks)
            nodef += len(occ)
            inocc, inspan = set(), set()
            for j, m in occ:
                inocc.update(range(j, j + m))
                for k in (list(range(max(0, j - left), j)) +
                          list(range(j + m, min(len(toks), j + m + right)))):
                    if not insent or sent[k] == sent[j]:
                        inspan.add(k)
            inspan -= inocc
            r1 += len(inspan)
            o11.update(toks[k] for k in inspan)
            continue
        units = ([list(range(len(toks)))] if span == "doc" else
                 [[k for k in range(len(toks)) if sent[k] == i]
                  for i in range(len(d))])
        for u in units:
            n += 1
            freq.update({toks[k] for k in u})
            starts = [(j, m) for j, m in occ if j in u]
            if not starts:
                continue
            nodef += 1
            inocc = {k for j, m in starts for k in range(j, j + m)}
            o11.update({toks[k] for k in u if k not in inocc})
    if not span.startswith("window"):
        r1 = nodef
    for w in sorted(o11):
        if w not in own:
            print("%s\t%d\t%d\t%d\t%d\t%d" % (w, o11[w], nodef, freq[w],
                                              r1, n))


if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen(sys.argv[2])
    else:
        cooc(*sys.argv[2:])
