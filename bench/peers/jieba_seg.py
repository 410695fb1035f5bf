#!/usr/bin/python3
"""Benchmark peer: Chinese word segmentation with jieba alone.

Reads JSON Lines (objects with a "text" field), segments every text with
jieba.lcut (default dictionary, accurate mode, HMM on) and prints the
total number of tokens.  Dictionary loading is included in the time.

usage: jieba_seg.py FILE.jsonl
"""

import json
import logging
import sys

import jieba


def main():
    if len(sys.argv) != 2:
        print("usage: jieba_seg.py FILE.jsonl", file=sys.stderr)
        return 2
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    tokens = docs = 0
    with open(sys.argv[1], encoding="utf-8") as fp:
        for line in fp:
            if not line.strip():
                continue
            tokens += len(jieba.lcut(json.loads(line)["text"]))
            docs += 1
    print(f"{tokens} tokens in {docs} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
