#!/usr/bin/python3
"""trends_scipy.py - the peer of `plenum trends` in bench/trends.sh.

Reads a wide count table (made by bench/trends.sh from `plenum series`,
outside the timing): rows @start, @end (the first and last day of each
bucket with reports), @tokens (its tokens), then one row per term with
its count in each bucket.  Does the screen `plenum trends` does, with
pandas and scipy: rate = count * 10000 / tokens, time = bucket middle in
years; per term scipy.stats.linregress, theilslopes (95%), kendalltau,
spearmanr, the Mann-Kendall S, tie-corrected Var(S), Z with continuity
correction and p; Benjamini-Hochberg q over the terms; sorted by q.
Writes the table as TSV on stdout (or to --out) and a summary line on
stderr.
"""
import argparse
import datetime
import sys

import numpy as np
import pandas as pd
from scipy import stats

EPOCH = datetime.date(1970, 1, 1).toordinal()


def days(s):
    return datetime.date.fromisoformat(s).toordinal() - EPOCH


def mann_kendall(y):
    n = len(y)
    d = np.sign(y[None, :] - y[:, None])
    s = float(np.triu(d, 1).sum())
    _, t = np.unique(y, return_counts=True)
    var = (n * (n - 1) * (2 * n + 5) - (t * (t - 1) * (2 * t + 5)).sum()) / 18.0
    if var <= 0:
        return s, var, np.nan, np.nan
    z = (s - 1) / np.sqrt(var) if s > 0 else (s + 1) / np.sqrt(var) if s < 0 else 0.0
    return s, var, z, 2 * stats.norm.sf(abs(z))


def bh(p):
    p = np.asarray(p, dtype=float)
    q = np.full(len(p), np.nan)
    ok = np.isfinite(p)
    idx = np.flatnonzero(ok)
    if len(idx) == 0:
        return q
    order = idx[np.argsort(p[idx], kind="stable")]
    m = len(order)
    raw = p[order] * m / np.arange(1, m + 1)
    q[order] = np.minimum(np.minimum.accumulate(raw[::-1])[::-1], 1.0)
    return q


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("table")
    ap.add_argument("--out")
    a = ap.parse_args()
    df = pd.read_csv(a.table, sep="\t", index_col=0, dtype=str,
                     keep_default_na=False)
    start = [days(s) for s in df.loc["@start"]]
    end = [days(s) for s in df.loc["@end"]]
    tokens = df.loc["@tokens"].astype(np.int64).to_numpy()
    t = 0.5 * (np.asarray(start) + np.asarray(end)) / 365.2425
    counts = df.drop(index=["@start", "@end", "@tokens"]).astype(np.int64)
    rates = counts.to_numpy() * 10000.0 / tokens
    rows = []
    with np.errstate(all="ignore"):
        for term, y, c in zip(counts.index, rates, counts.to_numpy()):
            lr = stats.linregress(t, y)
            ts = stats.theilslopes(y, t, 0.95)
            kt = stats.kendalltau(t, y)
            s, var, z, p = mann_kendall(y)
            sp = stats.spearmanr(t, y)
            rows.append((term, len(t), int(c.sum()), lr.slope, lr.stderr,
                         lr.pvalue, ts.slope, ts.low_slope, ts.high_slope,
                         s, var, kt.correlation, z, p, sp.correlation,
                         sp.pvalue))
    out = pd.DataFrame(rows, columns=[
        "term", "n", "count", "slope", "slope_se", "slope_p", "sen_slope",
        "sen_lower", "sen_upper", "mk_s", "mk_var", "mk_tau", "mk_z", "mk_p",
        "spearman_rho", "spearman_p"])
    out["q"] = bh(out["mk_p"])
    out = out.sort_values(["q", "term"], na_position="last")
    out.to_csv(a.out if a.out else sys.stdout, sep="\t", index=False)
    print("%d terms over %d buckets, %d with q < 0.05"
          % (len(out), len(t), int((out["q"] < 0.05).sum())), file=sys.stderr)


if __name__ == "__main__":
    main()
