#!/usr/bin/python3
"""The benchmark's line chart with matplotlib (Agg): 5 series over dates,
read from plenum's TSV (term, start, value), written to PNG or SVG at
1600 x 900 pixels.  Usage: mpl_line.py DATA.tsv OUT.png|OUT.svg"""
import csv
import sys
from collections import defaultdict
from datetime import date

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.dates as mdates  # noqa: E402

series = defaultdict(lambda: ([], []))
with open(sys.argv[1], newline="") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        xs, ys = series[row["term"]]
        xs.append(date.fromisoformat(row["start"]))
        ys.append(float(row["value"]) if row["value"] else float("nan"))
fig, ax = plt.subplots(figsize=(16, 9), dpi=100)
for name, (xs, ys) in series.items():
    ax.plot(xs, ys, label=name, linewidth=1.5)
ax.xaxis.set_major_locator(mdates.AutoDateLocator())
ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
ax.set_title("Five series, 300 days")
ax.set_ylabel("per 10,000 tokens")
ax.grid(axis="y", color="0.9")
ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
fig.tight_layout()
fig.savefig(sys.argv[2])
print("wrote", sys.argv[2])
