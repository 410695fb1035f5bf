#!/bin/sh
# make-images.sh - renders the README's example charts into docs/img/ from
# two of the shared corpora (not in the repository): sample-zh (948 CCTV
# news items over nine weeks) and fomc-statements (FOMC statements
# 2006-2025).  Run from the top of the tree after 'make':
#	sh docs/img/make-images.sh [CORPORA_DIR]
set -eu
cd "$(dirname "$0")/../.."
C=${1:-../shared/corpora}
T=$(mktemp -d "${TMPDIR:-/tmp}/plenum-img.XXXXXX")
trap 'rm -rf "$T"' EXIT
P=./plenum
O=docs/img
W="--width 900 --height 520"

# The demo's job on each corpus; its tables feed the pictures.
OUT=$T/zh CORPUS=$C/sample-zh/docs.jsonl sh build-aux/demo.sh >/dev/null
OUT=$T/fomc CORPUS=$C/fomc-statements/docs.jsonl sh build-aux/demo.sh >/dev/null

$P plot multiples -i "$T/zh/weekly-trend.tsv" --free-y --markers $W \
    --event "2022-10-16=20th Party Congress" \
    --title "Words and phrases rising most, week by week" \
    --subtitle "sample-zh, ranked by Mann-Kendall (plenum trends); mentions per 10,000 tokens" \
    --caption "Source: CCTV Xinwen Lianbo, 2022-09-05 to 2022-11-06" \
    -o $O/zh-weekly.png
$P plot dispersion -i "$T/zh/dispersion.tsv" $W \
    --title "Where the leading phrases occur" \
    --subtitle "sample-zh: one tick per news item" \
    --caption "Source: CCTV Xinwen Lianbo, 2022-09-05 to 2022-11-06" \
    -o $O/zh-dispersion.png
$P plot multiples -i "$T/fomc/weekly-trend.tsv" --free-y $W \
    --title "FOMC statements: leading terms by quarter" \
    --subtitle "Mentions per 10,000 tokens" \
    --caption "Source: FOMC statements, 2006-2025" -o $O/fomc-quarterly.png
$P plot bar -i "$T/fomc/top-phrases.tsv" $W --top 15 \
    --title "FOMC statements: most frequent phrases" \
    --ylabel "occurrences" --caption "Source: FOMC statements, 2006-2025" \
    -o $O/fomc-phrases.png
$P series --db "$T/fomc/demo.db" --by year --ci inflation unemployment \
    "balance sheet" |
    $P plot line $W --event "2008-12-16=zero lower bound" \
    --event "2020-03-15=pandemic" \
    --title "FOMC statements: three themes" \
    --subtitle "Mentions per 10,000 tokens by year, with 95% intervals" \
    --caption "Source: FOMC statements, 2006-2025" -o $O/fomc-themes.png
$P keyness --db "$T/fomc/demo.db" --target 2020 --reference rest --top 12 |
    $P plot bar $W --top 12 \
    --title "FOMC statements: 2020 against all other years" \
    --subtitle "Key terms by signed log-likelihood (plenum keyness)" \
    --caption "Source: FOMC statements, 2006-2025" -o $O/fomc-keyness.png
$P cooc --db "$T/zh/demo.db" --matrix --top-terms 30 |
    $P plot network $W --title "What is said together" \
    --subtitle "sample-zh: the 30 most frequent words; edges by logDice of co-occurrence in a news item" \
    --caption "Source: CCTV Xinwen Lianbo, 2022-09-05 to 2022-11-06" \
    -o $O/zh-network.png
$P diff --db "$T/fomc/demo.db" --series --title "FOMC statement" |
    $P plot line $W --y similarity --ylabel "similarity" \
    --event "2008-12-16=0 to 1/4 percent" --event "2020-03-15=pandemic" \
    --title "How much of the previous FOMC statement each one kept" \
    --subtitle "plenum diff --series: twice the words kept over the words of both" \
    --caption "Source: FOMC statements, 2006-2025" -o $O/fomc-diff-series.png
ls -l $O/*.png
