#!/bin/bash
# bench/diff.sh — plenum diff --series over every FOMC statement (each
# against the one before it) and one redline, against a Python difflib
# peer doing the word-level part of the same series.
#
# Rows: `plenum diff --series` on fomc-statements (180 pairs), `plenum
# diff` of one pair to text and to HTML, and bench/peers/diff_difflib.py
# (difflib.SequenceMatcher over \w+ words of every pair, no sentence
# alignment, reading the JSONL itself).  Every row is a whole process;
# the table gives the median wall time and the median CPU time (user +
# sys) of BENCH_RUNS runs (default 7), because the machine may be shared.
#
# Environment: PLENUM, BENCH_RUNS, BENCH_CORPORA, BENCH_DBS (bench/lib.sh).
set -eu

cd "$(dirname "$0")/.."
. bench/lib.sh
bench_setup 7

# cpu_measure KEY TOOL OUT COMMAND... — like bench_measure, and the
# median CPU seconds (user + sys, from /usr/bin/time) into $TMP/cpu.
cpu_measure() {
	local key=$1 tool=$2 out=$3 i=0 cpus=()
	shift 3
	bench_measure "$key" "$tool" "$out" "$@" || return 1
	while [ "$i" -lt "$RUNS" ]; do
		i=$((i + 1))
		"$TIME" -f '%U %S' -o "$TMP/cpu1" "$@" >/dev/null 2>&1
		cpus+=("$(awk '{ printf "%.3f", $1 + $2 }' "$TMP/cpu1")")
	done
	printf '%s\t%s\t%s\n' "$key" "$tool" "$(printf '%s\n' "${cpus[@]}" |
	    sort -n | awk '{ t[NR] = $1 }
	    END { printf "%.3f", NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }')" >>"$TMP/cpu"
}

: >"$TMP/cpu"
src=$CORPORA/fomc-statements/docs.jsonl
if ! db=$(bench_db fomc-statements); then
	note "no fomc-statements: nothing to measure"
	exit 0
fi
cat "$db" "$src" >/dev/null
pair=fomc-stmt-2008-12-16-fomc-statement
cpu_measure series "plenum diff --series" "$TMP/series.tsv" \
    "$PLENUM" diff --db "$db" --series || true
cpu_measure pair "plenum diff (text, 2008-12-16)" "$TMP/pair.txt" \
    "$PLENUM" diff --db "$db" --color never "$pair" || true
cpu_measure pair "plenum diff --format html" "$TMP/pair.html" \
    "$PLENUM" diff --db "$db" --format html "$pair" || true
cpu_measure series "python3 difflib peer" "$TMP/peer.tsv" \
    "$PY" bench/peers/diff_difflib.py "$src" || true
printf -- '- pairs compared: plenum %s, difflib peer %s\n' \
    "$(($(wc -l <"$TMP/series.tsv") - 1))" \
    "$(($(wc -l <"$TMP/peer.tsv") - 1))" >>"$TMP/notes"
"$PY" - "$TMP/series.tsv" "$TMP/peer.tsv" >>"$TMP/notes" <<-\PYEOF || true
import csv, sys
a = {r["doc"]: float(r["similarity"]) for r in csv.DictReader(open(sys.argv[1]), delimiter="\t")}
b = {r["doc"]: float(r["similarity"]) for r in csv.DictReader(open(sys.argv[2]), delimiter="\t")}
common = sorted(set(a) & set(b))
d = [a[k] - b[k] for k in common]
n = len(d)
ma, mb = sum(a[k] for k in common) / n, sum(b[k] for k in common) / n
cov = sum((a[k] - ma) * (b[k] - mb) for k in common)
va = sum((a[k] - ma) ** 2 for k in common) ** .5
vb = sum((b[k] - mb) ** 2 for k in common) ** .5
print("- similarity, plenum (sentence-aligned) against difflib (flat word "
      "diff) on %d pairs: mean %.3f against %.3f, correlation %.3f, "
      "largest gap %.3f" % (n, ma, mb, cov / (va * vb), max(abs(x) for x in d)))
PYEOF

echo "## Diff benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "$(bench_machine) Median of $RUNS run(s) per row, wall time and CPU" \
    "time (user + sys) of the whole process; the machine was shared with" \
    "other sessions building and testing, so CPU time is the steadier figure."
echo
echo "| what | tool | median s | median CPU s | runs (wall) | peak RSS MB |"
echo "| --- | --- | ---: | ---: | --- | ---: |"
while IFS="$(printf '\t')" read -r key tool median times rssmb; do
	cpu=$(awk -F '\t' -v k="$key" -v t="$tool" '$1 == k && $2 == t { print $3 }' "$TMP/cpu")
	echo "| $key | $tool | $median | ${cpu:-—} | $times | $rssmb |"
done <"$TMP/rows"
echo
ps=$(bench_field series "plenum diff --series" 3)
py=$(bench_field series python3 3)
t1=unknown
bench_isnum "$ps" && t1="$ps < 1"
printf 'Target: %s; the difflib peer takes %s× as long.\n' \
    "$(bench_check "the whole fomc-statements series < 1 s" "$t1" "${ps:-?} s")" \
    "$(bench_ratio "${py:-0}" "${ps:-0}")"
echo
echo "Notes:"
echo
cat "$TMP/notes"
echo
