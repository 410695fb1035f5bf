#!/usr/bin/env python3
"""make-corpus.py LAST_DAY [--hostile] > corpus.jsonl

A daily corpus for plenum report tests: two reports a day (sources
"Daily A" and "Daily B") from Monday 2024-01-01 to LAST_DAY.  Every report
says "harvest" once; from 2024-03-04 (the Monday of 2024-W10) on, report A
also says "drought drought" and report B "drought", so drought is the key
term of 2024-W10 and later weeks.  With --hostile the titles, sources and
texts carry markup that must stay text on the page.
"""
import datetime
import json
import sys

last = datetime.date.fromisoformat(sys.argv[1])
hostile = "--hostile" in sys.argv[2:]
filler = ("council market budget river school bridge transport museum "
          "village factory").split()
d = datetime.date(2024, 1, 1)
n = 0
while d <= last:
    for k, src in enumerate(("Daily A", "Daily B")):
        words = [filler[(n + i) % len(filler)] for i in range(8)]
        words.append("harvest")
        # a word of its own, so no two texts are the same
        words.append("id" + "".join(chr(97 + int(c)) for c in "%04d" % n))
        if d >= datetime.date(2024, 3, 4):
            words += ["drought"] * (2 if k == 0 else 1)
        title = "Report %d of %s" % (k + 1, d.isoformat())
        text = " ".join(words) + "."
        if hostile:
            title = "<script>window.__pwned=1</script> " + title
            if k == 1:
                src = '</svg><img src=x onerror="window.__pwned=1">'
            text = ("<script>window.__pwned=1</script> " + text +
                    ' drought <a href="javascript:window.__pwned=1">x</a>'
                    " </svg><svg onload=window.__pwned=1> ends.")
        print(json.dumps({"id": "r%04d" % n, "date": d.isoformat(),
                          "source": src, "title": title, "text": text}))
        n += 1
    d += datetime.timedelta(days=1)
