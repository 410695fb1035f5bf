#!/usr/bin/env python3
# vocab_check.py - checks a plenum table's term column against the
# documented rules of docs/STOPWORDS.md ("Clean vocabulary lists"),
# independently of lib/vocab.c: no number, date or date part, and no Han
# n-gram shown with a space between two Han characters.
#
# usage: vocab_check.py TABLE.tsv [MAX_SINGLE_HAN]
# Prints the offending rows and exits 1 when there is one.
import re
import sys

NUM = "0-9〇零一二三四五六七八九十百千万亿两"
UNITS = "届次年月日号个项条名位岁周天倍批轮期家所座艘架辆台件种类人户元份场篇章款吨米时分秒多余"
number = re.compile(r"^第?[%s][%s.,:/%%\-]*[%s]*$" % (NUM, NUM, UNITS))
ordinal = re.compile(r"^[0-9]+(st|nd|rd|th)$")
terms = set()
with open(sys.argv[3] if len(sys.argv) > 3 else "data/terms-zh.txt",
          encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith("#"):
            terms.add(line)
spaced = re.compile(r"[\u4e00-\u9fff] [\u4e00-\u9fff]")


def is_number(w):
    if w in ("年", "月", "日", "号"):
        return True
    if w in terms:
        return False
    return bool(number.match(w) or ordinal.match(w))


bad = 0
single = 0
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
head = rows[0]
col = head.index("term")
for r in rows[1:]:
    t = r[col]
    words = t.split(" ")
    if is_number(words[0]) or is_number(words[-1]):
        print("number or date: %s" % t)
        bad = 1
    if spaced.search(t):
        print("spaced Han n-gram: %s" % t)
        bad = 1
    if len(t) == 1 and "\u4e00" <= t <= "\u9fff":
        single += 1
if len(sys.argv) > 2 and single > int(sys.argv[2]):
    print("%d single-character words, at most %s allowed" % (single, sys.argv[2]))
    bad = 1
sys.exit(bad)
