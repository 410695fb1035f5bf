#!/usr/bin/env python3
"""crosscheck.py - co-occurrence and keyness counts computed a second way,
in Python, straight from a plenum database's stored token ids (SQLite
tables doc, doc_tokens, term; docs/SCHEMA.md), for tests/t/t4003.

    crosscheck.py cooc DB WORD SPAN STOPFILE   SPAN: window:L:R, sentence, doc;
        STOPFILE: stopword files, comma-separated
        prints collocate, o11, node_freq, coll_freq, span, n for every
        collocate with o11 >= 3 that is not a stopword, sorted by collocate
    crosscheck.py keyness DB YEAR STOPFILE
        prints term, target_count, reference_count, target_tokens,
        reference_tokens for the year against the other years, for every
        word counted 5 times or more, sorted by term

The node is one word; its own word is never a collocate, and tokens of an
occurrence are never in a span (docs/STATISTICS.md).
"""
import sqlite3
import sys
from collections import Counter


def varints(blob):
    v = shift = 0
    for b in blob:
        v |= (b & 0x7F) << shift
        if b & 0x80:
            shift += 7
        else:
            yield v
            v = shift = 0


def docs(con):
    """(day, [(word id, sentence number)]) of every document, in id order."""
    for day, ids in con.execute(
            "SELECT d.day, t.ids FROM doc d JOIN doc_tokens t ON t.doc = d.id "
            "ORDER BY d.id"):
        s, toks = 0, []
        for v in varints(ids):
            if v == 0:
                s += 1
            else:
                toks.append((v, s))
        yield day, toks


def stopwords(paths):
    """The words of the comma-separated stopword files."""
    stop = set()
    for path in paths.split(","):
        with open(path, encoding="utf-8") as f:
            stop |= {w.strip() for w in f
                     if w.strip() and not w.startswith("#")}
    return stop


def cooc(db, word, span, stopfile):
    con = sqlite3.connect(db)
    text = dict(con.execute("SELECT id, text FROM term WHERE n = 1"))
    node = {v: k for k, v in text.items()}[word]
    stop = stopwords(stopfile)
    o11, freq = Counter(), Counter()
    nodef = r1 = n = 0
    for _, toks in docs(con):
        ids = [t for t, _ in toks]
        if span.startswith("window"):
            _, left, right = span.split(":")
            left, right = int(left), int(right)
            n += len(ids)
            freq.update(ids)
            at = [i for i, t in enumerate(ids) if t == node]
            nodef += len(at)
            inspan = set()
            for i in at:
                inspan.update(range(max(0, i - left), i))
                inspan.update(range(i + 1, min(len(ids), i + 1 + right)))
            inspan -= set(at)
            r1 += len(inspan)
            o11.update(ids[i] for i in inspan)
        else:
            units = {}
            for t, s in toks:
                units.setdefault(s if span == "sentence" else 0, []).append(t)
            for u in units.values():
                n += 1
                freq.update(set(u))
                if node in u:
                    nodef += 1
                    o11.update(set(t for t in u if t != node))
    if not span.startswith("window"):
        r1 = nodef
    rows = []
    for t, c in o11.items():
        if c >= 3 and t != node and text[t] not in stop:
            rows.append((text[t], c, nodef, freq[t], r1, n))
    for r in sorted(rows):
        print("\t".join(map(str, r)))


def keyness(db, year, stopfile):
    con = sqlite3.connect(db)
    text = dict(con.execute("SELECT id, text FROM term WHERE n = 1"))
    stop = stopwords(stopfile)
    a, b = Counter(), Counter()
    c = d = 0
    for day, toks in docs(con):
        y = con.execute("SELECT strftime('%Y', ?, 'unixepoch')",
                        (day * 86400,)).fetchone()[0]
        ids = [t for t, _ in toks]
        if y == year:
            a.update(ids)
            c += len(ids)
        else:
            b.update(ids)
            d += len(ids)
    for t in sorted(set(a) | set(b), key=lambda t: text[t]):
        if a[t] + b[t] >= 5 and text[t] not in stop:
            print("%s\t%d\t%d\t%d\t%d" % (text[t], a[t], b[t], c, d))


if __name__ == "__main__":
    if sys.argv[1] == "cooc":
        cooc(*sys.argv[2:6])
    else:
        keyness(*sys.argv[2:5])
