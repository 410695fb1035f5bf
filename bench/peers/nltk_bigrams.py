#!/usr/bin/python3
"""Benchmark peer: NLTK's BigramCollocationFinder over a corpus.

Reads JSON Lines (objects with a "text" field), lower-cases each text,
splits it into sentences on [.!?] followed by whitespace and tokenizes
each sentence with the regex \\w+(?:['’-]\\w+)* (as counter_ngrams.py
does).  Builds a BigramCollocationFinder from the sentences (so no bigram
crosses a sentence), applies apply_freq_filter(MIN) and, with a stopword
file, apply_word_filter for those words (plenum's index has no bigram
that begins or ends with a stopword), then scores every remaining bigram
by PMI and by likelihood ratio (BigramAssocMeasures), as
plenum cooc --bigrams --all --top 0 does.

Prints the number of bigrams scored and the top three by likelihood ratio.

usage: nltk_bigrams.py [--min N] [--stopwords FILE] FILE.jsonl
"""

import argparse
import json
import re

from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

TOKEN = re.compile(r"\w+(?:['’-]\w+)*")
SENTENCE_END = re.compile(r"[.!?]\s+")


def sentences(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            text = json.loads(line).get("text", "")
            for s in SENTENCE_END.split(text.lower()):
                words = TOKEN.findall(s)
                if words:
                    yield words


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--min", type=int, default=5)
    ap.add_argument("--stopwords")
    ap.add_argument("file")
    a = ap.parse_args()
    finder = BigramCollocationFinder.from_documents(sentences(a.file))
    finder.apply_freq_filter(a.min)
    if a.stopwords:
        with open(a.stopwords, encoding="utf-8") as f:
            stop = {w.strip() for w in f
                    if w.strip() and not w.startswith("#")}
        finder.apply_word_filter(lambda w: w in stop)
    bam = BigramAssocMeasures()
    pmi = finder.score_ngrams(bam.pmi)
    lr = finder.score_ngrams(bam.likelihood_ratio)
    top = ", ".join("%s %s %.0f" % (w1, w2, s) for (w1, w2), s in lr[:3])
    print("%d bigrams scored by pmi and likelihood ratio (%d); top: %s" %
          (len(pmi), len(lr), top))


if __name__ == "__main__":
    main()
