#!/usr/bin/python3
"""scale-gen.py - a synthetic corpus for bench/scale.sh, from real sentences.

usage: scale-gen.py CORPUS.jsonl N SEED OUT.jsonl [ID-PREFIX]

Documents are 2-5 paragraphs of 1-4 sentences each, drawn with a fixed
seed from the sentences of CORPUS (English split after . ! ?, Chinese
after 。！？), dated uniformly 2005-01-01..2024-12-31, with one of
max(100, N/20) sources.  The same arguments give the same file, byte for
byte.  The output is never committed (cctv-xwlb has no open licence).
"""
import datetime
import json
import random
import re
import sys


def sentences(path):
    out = []
    split = re.compile(r'(?<=[.!?。！？])\s*')
    with open(path, encoding='utf-8') as f:
        for line in f:
            text = json.loads(line)['text']
            for s in split.split(text):
                s = s.strip()
                if 20 <= len(s.encode('utf-8')) <= 600:
                    out.append(s)
    return out


def main():
    if len(sys.argv) not in (5, 6):
        sys.stderr.write(__doc__)
        sys.exit(2)
    src, n, seed, outp = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), \
        sys.argv[4]
    prefix = sys.argv[5] if len(sys.argv) == 6 else 'doc'
    sents = sentences(src)
    zh = any('\u4e00' <= c <= '\u9fff' for c in sents[0])
    joiner = '' if zh else ' '
    rng = random.Random(seed)
    first = datetime.date(2005, 1, 1).toordinal()
    days = datetime.date(2024, 12, 31).toordinal() - first + 1
    nsrc = max(100, n // 20)
    with open(outp, 'w', encoding='utf-8') as f:
        for i in range(n):
            paras = []
            for _ in range(rng.randint(2, 5)):
                k = rng.randint(1, 4)
                paras.append(joiner.join(
                    sents[rng.randrange(len(sents))] for _ in range(k)))
            d = datetime.date.fromordinal(first + rng.randrange(days))
            f.write(json.dumps({
                'id': '%s-%07d' % (prefix, i),
                'date': d.isoformat(),
                'source': 'source %d' % rng.randrange(nsrc),
                'title': '%s %d' % (prefix, i),
                'text': '\n\n'.join(paras),
            }, ensure_ascii=False) + '\n')


if __name__ == '__main__':
    main()
