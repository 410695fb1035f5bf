#!/usr/bin/python3
"""make-fixtures.py - the scipy side of the trend tests (tests/unit/trends-test.c).

Reads series.tsv (term, bucket, start, end, count, bucket_docs,
bucket_tokens: real series from ../shared/corpora as ingested into
/tmp/plenum-dbs, cut from `plenum series` output by the commands below)
and writes expected.tsv: for each series, the statistics computed with
scipy.stats and numpy, independently of plenum's C code.

  - time: the middle of each bucket with reports, in years of 365.2425 days
    since 1970-01-01; rate: count * 10000 / bucket_tokens.  Buckets with
    no reports (bucket_docs 0) are left out.
  - OLS: scipy.stats.linregress (slope, stderr, pvalue)
  - Theil-Sen: scipy.stats.theilslopes (slope, low_slope, high_slope, 95%)
  - Kendall tau-b: scipy.stats.kendalltau
  - Mann-Kendall S by brute force over all pairs (numpy), Var(S) with the
    tie correction [n(n-1)(2n+5) - sum t(t-1)(2t+5)]/18, Z with the
    continuity correction, p = 2 * norm.sf(|Z|)
  - Spearman: scipy.stats.spearmanr (rho, pvalue)
  - Hamed-Rao (1998) n/n*: ranks (scipy.stats.rankdata) of the series
    detrended by the Theil-Sen slope on the same times, lag
    autocorrelations as statsmodels' acf computes them, only those outside
    +-1.96/sqrt(n) summed (as in pymannkendall's hamed_rao_modification_test).

Regenerate series.tsv (needs the ingested corpora) and this file's output:

  P=./plenum; D=/tmp/plenum-dbs
  { $P series --db $D/ungd.db --by year climate terrorism covid sustainable
    $P series --db $D/cctv-xwlb.db --by week 人工智能 疫情 无人机 大模型 | tail -n +2
    $P series --db $D/fomc-statements.db --by month inflation labor pandemic | tail -n +2
  } | cut -f1-5,7,8 >tests/data/trends/series.tsv
  /usr/bin/python3 tests/data/trends/make-fixtures.py
"""
import csv
import datetime
import os
import sys

import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
EPOCH = datetime.date(1970, 1, 1).toordinal()


def days(s):
    return datetime.date.fromisoformat(s).toordinal() - EPOCH


def series():
    out = {}
    with open(os.path.join(HERE, "series.tsv"), encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            if int(r["bucket_docs"]) == 0:
                continue
            t = 0.5 * (days(r["start"]) + days(r["end"])) / 365.2425
            y = int(r["count"]) * 10000.0 / int(r["bucket_tokens"])
            out.setdefault(r["term"], ([], []))
            out[r["term"]][0].append(t)
            out[r["term"]][1].append(y)
    return out


def mann_kendall(y):
    n = len(y)
    y = np.asarray(y)
    s = 0
    for i in range(n - 1):
        s += np.sign(y[i + 1:] - y[i]).sum()
    _, counts = np.unique(y, return_counts=True)
    ties = sum(int(t) * (int(t) - 1) * (2 * int(t) + 5) for t in counts)
    var = (n * (n - 1) * (2 * n + 5) - ties) / 18.0
    if s > 0:
        z = (s - 1) / np.sqrt(var)
    elif s < 0:
        z = (s + 1) / np.sqrt(var)
    else:
        z = 0.0
    return float(s), var, z, 2 * stats.norm.sf(abs(z))


def hamed_rao(t, y, sen):
    n = len(y)
    e = np.asarray(y) - sen * np.asarray(t)
    r = stats.rankdata(e)
    d = r - r.mean()
    den = (d * d).sum()
    bound = stats.norm.ppf(0.975) / np.sqrt(n)
    acc = 0.0
    for k in range(1, n):
        rho = (d[:-k] * d[k:]).sum() / den
        if abs(rho) > bound:
            acc += (n - k) * (n - k - 1) * (n - k - 2) * rho
    return 1 + 2.0 / (n * (n - 1) * (n - 2)) * acc


def main():
    cols = ["term", "n", "slope", "slope_se", "slope_p", "sen_slope",
            "sen_lower", "sen_upper", "mk_s", "mk_var", "mk_tau", "mk_z",
            "mk_p", "spearman_rho", "spearman_p", "hr_factor"]
    w = csv.writer(sys.stdout if len(sys.argv) > 1 and sys.argv[1] == "-"
                   else open(os.path.join(HERE, "expected.tsv"), "w",
                             encoding="utf-8", newline=""),
                   delimiter="\t", lineterminator="\n")
    w.writerow(cols)
    for term, (t, y) in series().items():
        lr = stats.linregress(t, y)
        ts = stats.theilslopes(y, t, 0.95)
        kt = stats.kendalltau(t, y)
        s, var, z, p = mann_kendall(y)
        sp = stats.spearmanr(t, y)
        hr = hamed_rao(t, y, ts.slope)
        w.writerow([term, len(t)] + ["%.17g" % v for v in (
            lr.slope, lr.stderr, lr.pvalue, ts.slope, ts.low_slope,
            ts.high_slope, s, var, kt.correlation, z, p, sp.correlation,
            sp.pvalue, hr)])


if __name__ == "__main__":
    main()
