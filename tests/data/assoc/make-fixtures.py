#!/usr/bin/env python3
"""make-fixtures.py - the reference values that tests/unit/assoc-test.c
checks plenum's association and keyness measures against, computed by
independent implementations:

  nltk-bigrams.tsv   every bigram of the text below, with the counts NLTK's
                     BigramCollocationFinder scores it from (n_ii, n_ix =
                     word_fd[w1], n_xi = word_fd[w2], n_xx = N) and NLTK's
                     BigramAssocMeasures pmi, likelihood_ratio, chi_sq,
                     student_t and dice; p is scipy's chi-square (1 df)
                     survival function of the likelihood ratio.
  charter.jsonl      the same text as a one-document corpus, and
  nltk-charter.tsv   NLTK's scores of its bigrams as plenum cooc --bigrams
                     sees them: a finder built from the sentences (so no
                     bigram crosses one), with plenum's English stopwords
                     as a word filter (plenum indexes no bigram that begins
                     or ends with a stopword): bigram, n_ii, n_ix, n_xi,
                     n_xx, pmi, likelihood_ratio, chi_sq, student_t, dice.
  scipy-keyness.tsv  2x2 keyness tables (a, b: the term in target and
                     reference; c, d: their tokens) with scipy's
                     chi2_contingency G2 (lambda_="log-likelihood") and
                     Pearson chi-square, both without continuity
                     correction, and the p-value of G2.

Run from the project root with Debian's python3-nltk and python3-scipy:
    /usr/bin/python3 tests/data/assoc/make-fixtures.py
The test itself reads only the TSV files.
"""
import os
import re

import nltk
import scipy
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder
from scipy.stats import chi2, chi2_contingency

HERE = os.path.dirname(os.path.abspath(__file__))

# The preamble of the Charter of the United Nations (1945), twice, so
# that some bigrams repeat.
TEXT = """
We the peoples of the United Nations determined to save succeeding
generations from the scourge of war, which twice in our lifetime has
brought untold sorrow to mankind, and to reaffirm faith in fundamental
human rights, in the dignity and worth of the human person, in the equal
rights of men and women and of nations large and small, and to establish
conditions under which justice and respect for the obligations arising
from treaties and other sources of international law can be maintained,
and to promote social progress and better standards of life in larger
freedom, and for these ends to practice tolerance and live together in
peace with one another as good neighbours, and to unite our strength to
maintain international peace and security, and to ensure, by the
acceptance of principles and the institution of methods, that armed
force shall not be used, save in the common interest, and to employ
international machinery for the promotion of the economic and social
advancement of all peoples, have resolved to combine our efforts to
accomplish these aims.
""" * 2

words = re.findall(r"[a-z]+", TEXT.lower())
finder = BigramCollocationFinder.from_words(words)
bam = BigramAssocMeasures()
n_xx = finder.N

with open(os.path.join(HERE, "nltk-bigrams.tsv"), "w") as f:
    f.write("# made by make-fixtures.py with NLTK %s and scipy %s\n" %
            (nltk.__version__, scipy.__version__))
    f.write("w1\tw2\tn_ii\tn_ix\tn_xi\tn_xx\tpmi\tlikelihood_ratio"
            "\tchi_sq\tstudent_t\tdice\tp\n")
    for (w1, w2), n_ii in sorted(finder.ngram_fd.items()):
        n_ix, n_xi = finder.word_fd[w1], finder.word_fd[w2]
        m = (n_ii, (n_ix, n_xi), n_xx)
        lr = bam.likelihood_ratio(*m)
        f.write("%s\t%s\t%d\t%d\t%d\t%d\t%r\t%r\t%r\t%r\t%r\t%r\n" % (
            w1, w2, n_ii, n_ix, n_xi, n_xx, bam.pmi(*m), lr,
            bam.chi_sq(*m), bam.student_t(*m), bam.dice(*m),
            float(chi2.sf(lr, 1))))

# The text as plenum ingests it, and NLTK's view of its bigrams.
import json
with open(os.path.join(HERE, "charter.jsonl"), "w") as f:
    f.write(json.dumps({"id": "charter", "date": "1945-06-26",
                        "source": "UN", "text": TEXT.strip()}) + "\n")
# Clauses: plenum's bigrams stop at sentence breaks and clause
# punctuation (docs/QUERIES.md).
sents = [re.findall(r"[a-z]+", s) for s in re.split(r"[.!?]\s+|[,;:()\"]", TEXT.lower())]
sents = [s for s in sents if s]
with open(os.path.join(HERE, "..", "..", "..", "data", "stopwords-en.txt"),
          encoding="utf-8") as f:
    stop = {w.strip() for w in f if w.strip() and not w.startswith("#")}
finder = BigramCollocationFinder.from_documents(sents)
finder.apply_word_filter(lambda w: w in stop)
with open(os.path.join(HERE, "nltk-charter.tsv"), "w") as f:
    f.write("bigram\tn_ii\tn_ix\tn_xi\tn_xx\tpmi\tlikelihood_ratio"
            "\tchi_sq\tstudent_t\tdice\n")
    for (w1, w2), n_ii in sorted(finder.ngram_fd.items()):
        n_ix, n_xi = finder.word_fd[w1], finder.word_fd[w2]
        m = (n_ii, (n_ix, n_xi), finder.N)
        f.write("%s %s\t%d\t%d\t%d\t%d\t%r\t%r\t%r\t%r\t%r\n" % (
            w1, w2, n_ii, n_ix, n_xi, finder.N, bam.pmi(*m),
            bam.likelihood_ratio(*m), bam.chi_sq(*m), bam.student_t(*m),
            bam.dice(*m)))

# a, b, c, d: zero cells, a term only in the target or the reference,
# equal rates, and large tables.
TABLES = [
    (10, 20, 1000, 4000), (20, 0, 1000, 9000), (0, 30, 1000, 9000),
    (50, 100, 10000, 40000), (1, 1, 4, 15), (0, 4, 4, 15), (1, 0, 4, 15),
    (5, 20, 1000, 4000), (1278, 2145, 356720, 11559308),
    (3, 400, 25000, 200000),
]
with open(os.path.join(HERE, "scipy-keyness.tsv"), "w") as f:
    f.write("# made by make-fixtures.py with scipy %s\n" % scipy.__version__)
    f.write("a\tb\tc\td\tg2\tchi2\tp\n")
    for a, b, c, d in TABLES:
        t = [[a, b], [c - a, d - b]]
        g2 = chi2_contingency(t, correction=False,
                              lambda_="log-likelihood")[0]
        x2 = chi2_contingency(t, correction=False)[0]
        f.write("%d\t%d\t%d\t%d\t%r\t%r\t%r\n" % (
            a, b, c, d, float(g2), float(x2), float(chi2.sf(g2, 1))))
