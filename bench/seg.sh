#!/bin/bash
# seg.sh - Chinese segmentation and ingest of cctv-xwlb: plenum's own
# segmenter (lib/seg.c, bench/plenum-seg.c) against friso alone
# (bench/friso-seg.c) and python3-jieba alone (bench/peers/jieba_seg.py),
# and plenum ingest, all in one run on one machine; then the quality table
# of bench/seg_quality.py.  Writes one Markdown section to stdout.
# Run from the project root: bash bench/seg.sh (or make bench BENCH=seg).
#
# Targets (issue 11): the segmenter cuts >= 30 MB/s of Han text (its own
# CPU time, single thread); plenum ingest of cctv-xwlb is >= 4x faster
# than jieba segmenting the same texts alone.
set -eu
. bench/lib.sh
bench_setup 3
CCTV=$CORPORA/cctv-xwlb/docs.jsonl
if [ ! -r "$CCTV" ]; then
	note "$CCTV not found; nothing to measure"
	exit 0
fi
LIBS="jansson libutf8proc opencc sqlite3 gsl glib-2.0"
# shellcheck disable=SC2046
cc -O2 -D_GNU_SOURCE -Iinclude -Ilib bench/plenum-seg.c build/libplenum.a \
    $(pkg-config --cflags --libs $LIBS) -lm -lpthread -o "$TMP/plenum-seg"
have_friso=no
# shellcheck disable=SC2046
if pkg-config --exists friso jansson 2>/dev/null &&
    cc -O2 bench/friso-seg.c $(pkg-config --cflags --libs friso jansson) \
    -o "$TMP/friso-seg" 2>/dev/null; then
	have_friso=yes
fi
cat "$CCTV" >/dev/null

# run TOOL COMMAND... : $RUNS runs; wall and CPU (user+sys) medians.
: >"$TMP/seg-rows"
run() {
	local tool=$1 i=0 w c
	local walls=() cpus=()
	shift
	while [ "$i" -lt "$RUNS" ]; do
		i=$((i + 1))
		note "$tool (run $i/$RUNS)"
		rm -f "$TMP/x.db" "$TMP/x.db-wal" "$TMP/x.db-shm"
		"$TIME" -f '%e %U %S' -o "$TMP/time" "$@" >"$TMP/out" 2>"$TMP/err" || {
			note "$tool failed"; tail -n 3 "$TMP/err" >&2; return 0; }
		read -r w u s <"$TMP/time"
		walls+=("$w")
		cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')")
	done
	med() { printf '%s\n' "$@" | sort -n | awk '{ t[NR] = $1 }
		END { printf "%.2f", NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'; }
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$(med "${walls[@]}")" \
	    "$(med "${cpus[@]}")" "$(printf '%s ' "${walls[@]}")" \
	    "$(printf '%s ' "${cpus[@]}")" "$(tail -n 1 "$TMP/out")" >>"$TMP/seg-rows"
}

run "plenum segmenter alone (C, lib/seg.c)" "$TMP/plenum-seg" "$CCTV"
seg_line=$(tail -n 1 "$TMP/out")
run "plenum tokenizer alone (words, normalisation, sentences)" "$TMP/plenum-seg" -t "$CCTV"
tok_line=$(tail -n 1 "$TMP/out")
run "plenum ingest (1-3-grams, 2 threads)" "$PLENUM" ingest -q --db "$TMP/x.db" "$CCTV"
if [ "$have_friso" = yes ]; then
	run "friso segmentation alone (C)" "$TMP/friso-seg" "$CCTV"
fi
if bench_has_py jieba; then
	run "jieba segmentation alone (Python)" "$PY" bench/peers/jieba_seg.py "$CCTV"
fi

rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD 2>/dev/null || rev="$rev (with uncommitted changes)"
cpu=$(awk -F ': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
echo "## Chinese segmentation benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "Machine: $(uname -m), $cpu, $(nproc) cores, shared with other builds" \
    "and tests while it ran (load average $(cut -d' ' -f1-3 /proc/loadavg))," \
    "so wall times are inflated; CPU time (user+sys) is the fairer" \
    "comparison.  Commit: $rev.  cctv-xwlb, $(stat -L -c %s "$CCTV" |
    awk '{ printf "%.1f MB", $1 / 1e6 }'); median of $RUNS runs."
echo
echo "| tool | wall s | CPU s | wall runs | CPU runs |"
echo "| --- | ---: | ---: | --- | --- |"
while IFS="$(printf '\t')" read -r tool w c ws cs said; do
	echo "| $tool | $w | $c | $ws | $cs |"
done <"$TMP/seg-rows"
echo
echo "plenum-seg (last run) says: \`$seg_line\`; with -t: \`$tok_line\`" \
    "(MB/s over the segmenter's or tokenizer's own CPU time, JSON reading" \
    "excluded)."
echo
field() { awk -F '\t' -v t="$1" -v k="$2" 'index($1, t) == 1 { print $k; exit }' "$TMP/seg-rows"; }
ingest=$(field "plenum ingest" 3)
jieba=$(field "jieba" 3)
friso=$(field "friso" 3)
segmbs=$(echo "$seg_line" | awk '{ print $(NF - 1) }')
t1=unknown t2=unknown
bench_isnum "$segmbs" && t1="$segmbs >= 30"
bench_isnum "$ingest" && bench_isnum "$jieba" && t2="$jieba >= 4 * $ingest"
printf 'Targets: %s; %s.  Ingest vs friso alone (CPU): %s×.\n' \
    "$(bench_check "segmenter ≥ 30 MB/s" "$t1" "$segmbs MB/s")" \
    "$(bench_check "ingest ≥ 4× faster than jieba alone (CPU)" "$t2" \
        "$(bench_ratio "$jieba" "$ingest")×")" \
    "$(bench_ratio "$friso" "$ingest")"
echo
if [ "$have_friso" = yes ] && bench_has_py jieba; then
	echo "### Quality: official terms, names and numerals in cctv-xwlb sentences"
	echo
	echo "bench/seg_quality.py over the test list bench/seg-terms.txt: up to 40"
	echo "sentences of cctv-xwlb per term; \"one token\" is the share of the"
	echo "term's occurrences that come out as exactly one token, \"no token"
	echo "across a boundary\" the share where no token crosses its start or end."
	echo
	"$PY" bench/seg_quality.py "$CCTV" bench/seg-terms.txt "$TMP/plenum-seg" \
	    "$TMP/friso-seg" 40
	echo
fi
if [ -r "$CORPORA/sample-zh/docs.jsonl" ]; then
	echo "### Quality: the hand-checked gold standard (sample-zh)"
	echo
	echo "bench/seg_gold.py over bench/seg-gold.tsv (330 sentences of"
	echo "sample-zh, segmented by hand under the convention of"
	echo "docs/TOKENIZER.md, \"Gold standard\"): word-level precision,"
	echo "recall and F1 over word characters; the second half leaves out"
	echo "numbers and official terms, where our convention is our own."
	echo
	fseg=""
	[ "$have_friso" = yes ] && fseg="$TMP/friso-seg"
	"$PY" bench/seg_gold.py --corpus "$CORPORA/sample-zh/docs.jsonl" \
	    "$TMP/plenum-seg" $fseg
	echo
fi
