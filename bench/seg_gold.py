#!/usr/bin/python3
"""Word segmentation against a hand-checked gold standard (issue 11, item 4).

The gold standard, bench/seg-gold.tsv, holds 330 sentences of
../shared/corpora/sample-zh segmented by hand under the convention of
docs/TOKENIZER.md ("Gold standard").  sample-zh's texts have no licence
that allows committing them, so the file holds only references: the
document id, the sentence's code point offsets in its "text", a hash of
the sentence (to notice a changed corpus) and the gold words as code
point spans within the sentence.  The sentences are rebuilt from
../shared when this script runs; without it the script says so and stops.

usage:
  seg_gold.py [--gold FILE] [--corpus FILE] PLENUM_SEG [FRISO_SEG]
      scores plenum (bench/plenum-seg -l), jieba (python3-jieba, lcut,
      HMM on) and friso (bench/friso-seg -p) and prints a Markdown table
  seg_gold.py --dump [--gold FILE] [--corpus FILE]
      prints the gold as text, one sentence a line, words separated by
      spaces ("n<TAB>words"), to review or correct it
  seg_gold.py --from-text TEXT [--gold FILE] [--corpus FILE]
      writes the references from such a text (the inverse of --dump),
      joining into one word the official terms of data/terms-zh.txt
      whose boundaries the hand segmentation has

Scoring: only word characters count (letters and digits, Han included;
punctuation and symbols such as % are trimmed off tokens, and tokens of
punctuation alone dropped), a word is its span (start, end), and
precision = matched / system words, recall = matched / gold words,
F1 their harmonic mean (the usual SIGHAN word-level scores).  A second
table leaves out the gold words that are numbers (digits, or numerals
with a unit or classifier, or 第 + numerals) or official terms, and any
system word overlapping one of them: that part does not depend on our
two conventions that the other segmenters do not share.
"""

import hashlib
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GOLD = os.path.join(HERE, "seg-gold.tsv")
CORPUS = os.path.join(ROOT, "..", "shared", "corpora", "sample-zh",
                      "docs.jsonl")
TERMS = os.path.join(ROOT, "data", "terms-zh.txt")

NUMERALS = "〇零一二三四五六七八九十百千万亿两数几"
UNITS = set("届次年月日号个项条名位岁周天倍批轮期家所座艘架辆台件种类人户元"
            "份场篇章款吨米时分秒例亩斤只处株班级波国") | {
    "周年", "万亩", "平方公里", "公里", "小时", "季度", "年度", "月份",
    "亿元", "万元", "万人", "万例", "亿吨", "立方米", "亿立方米", "兆瓦",
    "万公里", "万个", "万株", "万亩"}


def is_word_char(c):
    return unicodedata.category(c)[0] in "LN"


def is_number(w):
    if any(c.isdigit() for c in w if ord(c) < 128):
        return True
    m = re.match("^(第?)([%s]+)([多余]?)(.*)$" % NUMERALS, w)
    if not m:
        return False
    unit = m.group(4)
    if unit == "":
        return m.group(1) == "第" or len(m.group(2)) >= 2
    return unit in UNITS or unit[-1:] in UNITS


def sha(s):
    return hashlib.sha1(s.encode("utf-8")).hexdigest()[:10]


def load_corpus(path):
    if not os.path.exists(path):
        print("seg_gold: %s not found: the gold sentences are rebuilt "
              "from it, nothing to score" % path, file=sys.stderr)
        sys.exit(0)
    docs = {}
    with open(path, encoding="utf-8") as fp:
        for line in fp:
            if line.strip():
                d = json.loads(line)
                docs[d["id"]] = d["text"]
    return docs


def load_gold(path, docs):
    gold = []
    with open(path, encoding="utf-8") as fp:
        for lineno, line in enumerate(fp, 1):
            if line.startswith("#") or not line.strip():
                continue
            n, did, a, b, h, spans = line.rstrip("\n").split("\t")
            a, b = int(a), int(b)
            if did not in docs:
                sys.exit("%s:%d: document %s is not in the corpus"
                         % (path, lineno, did))
            s = docs[did][a:b]
            if sha(s) != h:
                sys.exit("%s:%d: the sentence at %s [%d, %d) has changed "
                         "(hash %s, expected %s)" % (path, lineno, did, a,
                                                     b, sha(s), h))
            ws = [tuple(map(int, p.split(","))) for p in spans.split()]
            gold.append((int(n), did, a, b, s, ws))
    return gold


def load_terms():
    terms = set()
    with open(TERMS, encoding="utf-8") as fp:
        for line in fp:
            line = line.strip()
            if line and not line.startswith("#"):
                terms.add(line)
    return terms


def trim(s, spans):
    """Spans trimmed to word characters; spans of none dropped."""
    out = []
    for a, b in spans:
        while a < b and not is_word_char(s[a]):
            a += 1
        while b > a and not is_word_char(s[b - 1]):
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def from_text(textpath, goldpath, docs, terms):
    # The sentence of each number comes from the existing references
    # (the --dump that produced the text) or from an "n<TAB>id<TAB>start
    # <TAB>end" header in a sidecar file: here, the existing gold file or
    # bench/seg-gold.src (made once when the sentences were picked).
    src = {}
    srcpath = goldpath if os.path.exists(goldpath) else None
    side = os.path.splitext(textpath)[0] + ".src"
    if os.path.exists(side):
        srcpath = side
    if srcpath is None:
        sys.exit("seg_gold: no sentence references (%s or %s)"
                 % (goldpath, side))
    with open(srcpath, encoding="utf-8") as fp:
        for line in fp:
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            src[int(f[0])] = (f[1], int(f[2]), int(f[3]))
    out = ["# bench/seg-gold.tsv: hand-checked segmentation of sample-zh "
           "sentences (docs/TOKENIZER.md, \"Gold standard\").",
           "# n, document id, code point offsets [start, end) of the "
           "sentence in its text, sha1 of the sentence (10 hex),",
           "# gold words as start,end code point spans within it.  "
           "Written by bench/seg_gold.py --from-text; the text is not "
           "committed (no licence)."]
    merged = 0
    with open(textpath, encoding="utf-8") as fp:
        for lineno, line in enumerate(fp, 1):
            if not line.strip():
                continue
            n, words = line.rstrip("\n").split("\t")
            n = int(n)
            did, a, b = src[n]
            s = docs[did][a:b]
            spans, i = [], 0
            for w in words.split():
                j = s.find(w, i)
                if j < 0 or any(is_word_char(c) for c in s[i:j]):
                    sys.exit("%s:%d: word '%s' not next in the sentence "
                             "'%s'" % (textpath, lineno, w, s))
                spans.append((j, j + len(w)))
                i = j + len(w)
            if any(is_word_char(c) for c in s[i:]):
                sys.exit("%s:%d: words missing at the end of '%s'"
                         % (textpath, lineno, s))
            # Official terms whose boundaries the words have: one word.
            k = 0
            while k < len(spans):
                best = None
                for t in terms:
                    if s.startswith(t, spans[k][0]):
                        e = spans[k][0] + len(t)
                        for m in range(k, len(spans)):
                            if spans[m][1] == e and m > k and (
                                    best is None or m > best):
                                best = m
                if best is not None:
                    spans[k:best + 1] = [(spans[k][0], spans[best][1])]
                    merged += 1
                k += 1
            out.append("%d\t%s\t%d\t%d\t%s\t%s" % (
                n, did, a, b, sha(s),
                " ".join("%d,%d" % sp for sp in spans)))
    with open(goldpath, "w", encoding="utf-8") as fp:
        fp.write("\n".join(out) + "\n")
    print("seg_gold: wrote %d sentences to %s (%d official terms joined)"
          % (len(out) - 3, goldpath, merged), file=sys.stderr)


def plenum_spans(pseg, sents):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False,
                                     encoding="utf-8") as tf:
        for s in sents:
            tf.write(s + "\n")
        path = tf.name
    try:
        out = subprocess.run([pseg, "-l", path], capture_output=True,
                             check=True, text=True).stdout.splitlines()
    finally:
        os.unlink(path)
    res = []
    for s, o in zip(sents, out):
        b = s.encode("utf-8")
        spans = []
        for p in o.split():
            off, ln = map(int, p.split(","))
            spans.append((len(b[:off].decode("utf-8")),
                          len(b[:off + ln].decode("utf-8"))))
        res.append(spans)
    return res


def jieba_spans(sents):
    import jieba
    jieba.setLogLevel(logging.WARNING)
    res = []
    for s in sents:
        spans, i = [], 0
        for w in jieba.lcut(s):
            spans.append((i, i + len(w)))
            i += len(w)
        res.append(spans)
    return res


def friso_spans(fseg, sents):
    res = []
    for k in range(0, len(sents), 200):
        chunk = sents[k:k + 200]
        out = subprocess.run([fseg, "-p"] + chunk, capture_output=True,
                             check=True, text=True).stdout.splitlines()
        for s, o in zip(chunk, out):
            spans, i = [], 0
            for w in o.split(" / "):
                w = w.strip()
                if not w:
                    continue
                j = s.find(w, i)
                if j < 0:
                    continue
                spans.append((j, j + len(w)))
                i = j + len(w)
            res.append(spans)
    return res


def score(gold, sys_spans, terms, neutral):
    tp = ns = ng = 0
    for (n, did, a, b, s, gw), sw in zip(gold, sys_spans):
        g = trim(s, gw)
        t = trim(s, sw)
        if neutral:
            out = [(x, y) for x, y in g if is_number(s[x:y]) or
                   s[x:y] in terms]
            def hit(sp):
                return any(sp[0] < y and x < sp[1] for x, y in out)
            g = [sp for sp in g if not hit(sp)]
            t = [sp for sp in t if not hit(sp)]
        gs = set(g)
        tp += sum(1 for sp in t if sp in gs)
        ns += len(t)
        ng += len(g)
    p = tp / ns if ns else 0.0
    r = tp / ng if ng else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, ng, ns


def main():
    args = sys.argv[1:]
    goldpath, corpus = GOLD, CORPUS
    mode, text = "score", None
    pos = []
    while args:
        a = args.pop(0)
        if a == "--gold":
            goldpath = args.pop(0)
        elif a == "--corpus":
            corpus = args.pop(0)
        elif a == "--dump":
            mode = "dump"
        elif a == "--from-text":
            mode, text = "from", args.pop(0)
        else:
            pos.append(a)
    docs = load_corpus(corpus)
    terms = load_terms()
    if mode == "from":
        from_text(text, goldpath, docs, terms)
        return 0
    gold = load_gold(goldpath, docs)
    if mode == "dump":
        for n, did, a, b, s, ws in gold:
            print("%d\t%s" % (n, " ".join(s[x:y] for x, y in ws)))
        return 0
    if not pos:
        print(__doc__, file=sys.stderr)
        return 2
    sents = [g[4] for g in gold]
    tools = [("plenum", plenum_spans(pos[0], sents))]
    try:
        tools.append(("jieba", jieba_spans(sents)))
    except ImportError:
        print("seg_gold: python3-jieba not installed, jieba skipped",
              file=sys.stderr)
    if len(pos) > 1 and os.access(pos[1], os.X_OK):
        tools.append(("friso", friso_spans(pos[1], sents)))
    else:
        print("seg_gold: no friso-seg, friso skipped", file=sys.stderr)
    nw = sum(len(trim(g[4], g[5])) for g in gold)
    nnum = sum(1 for g in gold for x, y in trim(g[4], g[5])
               if is_number(g[4][x:y]))
    nterm = sum(1 for g in gold for x, y in trim(g[4], g[5])
                if g[4][x:y] in terms)
    print("| words | tool | precision | recall | F1 | gold words | "
          "tool's words |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for neutral, label in ((False, "all"),
                           (True, "without numbers and official terms")):
        for name, sp in tools:
            p, r, f, ng, ns = score(gold, sp, terms, neutral)
            print("| %s | %s | %.1f%% | %.1f%% | %.1f%% | %d | %d |"
                  % (label, name, 100 * p, 100 * r, 100 * f, ng, ns))
    print()
    print("%d sentences, %d gold words (%d numbers, %d official terms)."
          % (len(gold), nw, nnum, nterm))
    return 0


if __name__ == "__main__":
    sys.exit(main())
