#!/usr/bin/env python3
"""measures.py - a second implementation of plenum's association and
keyness measures (Python standard library only), used by
tests/t/t4001-cooc.sh and t4002-keyness.sh to re-check every printed row
from its own counts.  The formulas follow docs/STATISTICS.md and are
written here from the papers, not from lib/cooc.c.

    measures.py cooc FILE.tsv       rows of plenum cooc (window/sentence/doc)
    measures.py matrix FILE.tsv     rows of plenum cooc --matrix
    measures.py bigrams FILE.tsv    rows of plenum cooc --bigrams
    measures.py keyness FILE.tsv SMOOTH M
                                    rows of plenum keyness; M the number of
                                    terms tested (for the q-values, which
                                    need every p), or - not to check q
Exits 1 with a message at the first value that differs (relative 1e-9).
"""
import csv
import math
import sys


def xlogx(o, e):
    return 0.0 if o == 0 else o * math.log(o / e)


def chisq1_q(x):
    # Upper tail of chi-square with 1 df: P(X >= x) = erfc(sqrt(x / 2)).
    return math.erfc(math.sqrt(x / 2.0))


def assoc(o11, r1, c1, n, f1, f2):
    o12, o21 = r1 - o11, c1 - o11
    o22 = n - r1 - c1 + o11
    e11 = r1 * c1 / n
    e12 = r1 * (n - c1) / n
    e21 = (n - r1) * c1 / n
    e22 = (n - r1) * (n - c1) / n
    m = {"e11": e11}
    m["pmi"] = math.log2(o11 / e11) if o11 > 0 else None
    m["npmi"] = (math.log2(o11 / e11) / -math.log2(o11 / n)
                 if 0 < o11 < n else None)
    m["mi3"] = math.log2(o11 ** 3 / e11) if o11 > 0 else None
    g2 = 2 * (xlogx(o11, e11) + xlogx(o12, e12) + xlogx(o21, e21) +
              xlogx(o22, e22))
    g2 = max(g2, 0.0)
    m["p"] = chisq1_q(g2)
    m["g2"] = -g2 if o11 < e11 else g2
    m["t"] = (o11 - e11) / math.sqrt(o11) if o11 > 0 else None
    m["z"] = (o11 - e11) / math.sqrt(e11)
    den = r1 * c1 * (n - r1) * (n - c1)
    m["chi2"] = n * (o11 * o22 - o12 * o21) ** 2 / den if den > 0 else None
    m["dice"] = 2 * o11 / (f1 + f2)
    m["logdice"] = 14 + math.log2(m["dice"]) if m["dice"] > 0 else None
    return m


def keyness(a, b, c, d, smooth):
    m = assoc(a, c, a + b, c + d, 0, 1)
    k = {"g2": m["g2"], "p": m["p"], "chi2": m["chi2"]}
    ra = (a if a > 0 else 0.5) / c
    rb = (b if b > 0 else 0.5) / d
    k["log_ratio"] = math.log2(ra / rb)
    k["pdiff"] = 100 * (a / c - rb) / rb
    k["simple_maths"] = (a / c * 1e6 + smooth) / (b / d * 1e6 + smooth)
    k["bic"] = abs(m["g2"]) - math.log(c + d)
    k["target_per10k"] = a * 1e4 / c
    k["reference_per10k"] = b * 1e4 / d
    return k


def bh(ps):
    """Benjamini-Hochberg q-values, in input order."""
    m = len(ps)
    order = sorted(range(m), key=lambda i: (ps[i], i))
    q = [0.0] * m
    run = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        run = min(run, ps[i] * m / rank)
        q[i] = run
    return q


def same(got, want, what):
    if want is None or (isinstance(want, float) and math.isnan(want)):
        if got not in ("", None):
            sys.exit("%s: got %s, want empty (undefined)" % (what, got))
        return
    if got == "":
        sys.exit("%s: got empty, want %r" % (what, want))
    g = float(got)
    if not math.isclose(g, want, rel_tol=1e-9, abs_tol=1e-12):
        sys.exit("%s: got %r, want %r" % (what, g, want))


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


MEASURES = ["e11", "pmi", "npmi", "mi3", "g2", "p", "t", "z", "dice",
            "logdice", "chi2"]


def check_assoc(r, o11, r1, c1, n, f1, f2, name):
    m = assoc(o11, r1, c1, n, f1, f2)
    for k in MEASURES:
        same(r[k], m[k], "%s: %s" % (name, k))


def main():
    kind, path = sys.argv[1], sys.argv[2]
    rs = rows(path)
    if not rs:
        sys.exit("%s: no rows" % path)
    for r in rs:
        if kind == "cooc":
            check_assoc(r, int(r["o11"]), int(r["span"]),
                        int(r["coll_freq"]), int(r["n"]),
                        int(r["node_freq"]), int(r["coll_freq"]),
                        r["collocate"])
        elif kind == "matrix":
            check_assoc(r, int(r["o11"]), int(r["freq_a"]),
                        int(r["freq_b"]), int(r["n"]), int(r["freq_a"]),
                        int(r["freq_b"]), r["term_a"] + "/" + r["term_b"])
        elif kind == "bigrams":
            check_assoc(r, int(r["o11"]), int(r["freq_1"]),
                        int(r["freq_2"]), int(r["n"]), int(r["freq_1"]),
                        int(r["freq_2"]), r["bigram"])
        elif kind == "keyness":
            smooth = float(sys.argv[3])
            a, b = int(r["target_count"]), int(r["reference_count"])
            c, d = int(r["target_tokens"]), int(r["reference_tokens"])
            k = keyness(a, b, c, d, smooth)
            for key, v in k.items():
                same(r[key], v, "%s: %s" % (r["term"], key))
            r["_p"] = k["p"]
        else:
            sys.exit("unknown kind %s" % kind)
    if kind == "keyness" and sys.argv[4] != "-":
        # Every tested term is printed (M rows): recompute the q-values.
        if int(sys.argv[4]) != len(rs):
            sys.exit("%d rows, but %s terms tested" % (len(rs), sys.argv[4]))
        for r, q in zip(rs, bh([r["_p"] for r in rs])):
            same(r["q"], q, "%s: q" % r["term"])
    print("%d rows checked" % len(rs))


if __name__ == "__main__":
    main()
