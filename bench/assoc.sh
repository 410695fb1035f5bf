#!/bin/bash
# bench/assoc.sh — co-occurrence and keyness on ungd: plenum cooc and
# plenum keyness, and the whole-corpus bigram association table against
# NLTK's BigramCollocationFinder, same corpus, same run.
#
# Writes one Markdown section to stdout (make bench appends it to
# bench/RESULTS.md); progress and problems go to stderr.  See bench/README.md.
#
# Environment: PLENUM, BENCH_RUNS (default 3), BENCH_CORPORA, BENCH_DBS
# (bench/lib.sh); without BENCH_DBS ungd is ingested first (not timed).
set -eu

cd "$(dirname "$0")/.."
. bench/lib.sh
UNGD=$CORPORA/ungd/docs.jsonl
if [ ! -r "$UNGD" ]; then
	note "$UNGD not found; nothing to benchmark" \
	    "(set BENCH_CORPORA to the directory holding ungd/)"
	exit 0
fi
bench_setup 3
DB=$(bench_db ungd)

# measure TASK TOOL COMMAND...: one row, with the lines of output as a
# sixth column and the first result (or the peer's summary) in the notes.
measure() {
	local task=$1 tool=$2 nout said
	shift 2
	bench_measure "$task" "$tool" "$TMP/out" "$@" || return 0
	nout=$(wc -l <"$TMP/out")
	sed -i '$ s/$/\t'"$nout"'/' "$TMP/rows"
	case $tool in
	plenum*) said="$(sed -n 2p "$TMP/out" | cut -f1-4)" ;;
	*) said="$(tail -n 1 "$TMP/out")" ;;
	esac
	printf -- '- %s / %s: %s lines; "%s"\n' "$task" "$tool" "$nout" \
	    "$said" >>"$TMP/notes"
}

measure "collocates of development, ±5" "plenum cooc" \
    "$PLENUM" cooc --db "$DB" development
measure "collocates of \"rule of law\", ±5" "plenum cooc" \
    "$PLENUM" cooc --db "$DB" "rule of law"
measure "collocates of \"the international community\" (scanned phrase), ±5" \
    "plenum cooc" "$PLENUM" cooc --db "$DB" "the international community"
measure "collocates of development, by sentence" "plenum cooc" \
    "$PLENUM" cooc --db "$DB" --span sentence development
measure "collocates of development, by document" "plenum cooc" \
    "$PLENUM" cooc --db "$DB" --span doc development
measure "keyness of 2020 against the rest" "plenum keyness" \
    "$PLENUM" keyness --db "$DB" --target 2020
measure "keyness of 2020 against previous:5 years" "plenum keyness" \
    "$PLENUM" keyness --db "$DB" --target 2020 --reference previous:5
measure "30-term matrix (top 30 words), by sentence" "plenum cooc" \
    "$PLENUM" cooc --db "$DB" --matrix --top-terms 30 --span sentence --top 0
measure "bigram association table, count ≥ 5, PMI and G²" "plenum cooc" \
    "$PLENUM" cooc --db "$DB" --bigrams --min-count 5 --all --top 0
if "$PY" -c 'import nltk' 2>/dev/null; then
	measure "bigram association table, count ≥ 5, PMI and G²" \
	    "NLTK BigramCollocationFinder" \
	    "$PY" bench/peers/nltk_bigrams.py --min 5 \
	    --stopwords data/stopwords-en.txt "$UNGD"
else
	bench_skip "bigram association table, count ≥ 5, PMI and G²" \
	    "NLTK BigramCollocationFinder" "python3-nltk not installed"
fi

# ---------------------------------------------------------------- report

echo "## Co-occurrence and keyness benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "$(bench_machine) Corpus: ungd" \
    "(5,684 speeches, 11.9 M tokens), ingested before the run." \
    "Median of $RUNS run(s) per row, wall time of the whole process;" \
    "peak RSS is the largest of the runs. Ratio = row's median /" \
    "plenum's median on the same task."
echo
echo "| task | tool | median s | runs (all times) | peak RSS MB | lines out | ratio |"
echo "| --- | --- | ---: | --- | ---: | ---: | ---: |"
while IFS="$(printf '\t')" read -r task tool median times rssmb nout; do
	base=$(bench_field "$task" plenum 3)
	ratio=—
	if bench_isnum "$median" && bench_isnum "$base"; then
		ratio=$(awk -v a="$median" -v b="$base" \
		    'BEGIN { if (b > 0) printf "%.2f×", a / b; else print "—" }')
	fi
	bench_isnum "$median" || { times=—; rssmb=—; nout=—; }
	echo "| $task | $tool | $median | $times | $rssmb | $nout | $ratio |"
done <"$TMP/rows"
echo

c=$(bench_field "collocates of development, ±5" plenum 3)
k=$(bench_field "keyness of 2020 against the rest" plenum 3)
b=$(bench_field "bigram association" plenum 3)
n=$(bench_field "bigram association" NLTK 3)
t1=unknown t2=unknown t3=unknown
bench_isnum "$c" && t1="$c < 1"
bench_isnum "$k" && t2="$k < 1"
bench_isnum "$b" && bench_isnum "$n" && t3="$n >= 10 * $b"
printf 'Targets: %s; %s; %s.\n' \
    "$(bench_check "collocates of a frequent node < 1 s" "$t1" "$c s")" \
    "$(bench_check "keyness of a year against the rest < 1 s" "$t2" "$k s")" \
    "$(bench_check "bigram table ≥ 10× faster than NLTK" "$t3" \
        "$(awk -v a="${n:-0}" -v b="${b:-0}" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "—" }')")"
echo
echo "Outputs (last run):"
echo
cat "$TMP/notes"
echo
