#!/bin/bash
# bench/report.sh — plenum report on cctv-xwlb (24k documents, the latest
# complete week against the 8 before, with a watch list), against the way
# to the same tables without it: the command lines its Method section
# prints, run one after another.  Every row is whole processes, BENCH_RUNS
# runs (default 5); the table gives the median wall time and the median
# CPU time (user + sys), because the machine may be shared.  Target (issue
# 12): under 3 s.  Writes one Markdown section to stdout.
#
# Environment: PLENUM, BENCH_RUNS, BENCH_CORPORA, BENCH_DBS (bench/lib.sh).
set -eu

cd "$(dirname "$0")/.."
. bench/lib.sh
bench_setup 5

db=$(bench_db cctv-xwlb) || { note "no cctv-xwlb: nothing to measure"; exit 0; }
printf '%s\n' 疫情 二十大 高质量发展 乡村振兴 '防控=疫情防控|防疫' >"$TMP/watch.txt"
PL=$(cd "$(dirname "$PLENUM")" && pwd)/$(basename "$PLENUM")

# one_run OUT CMD...: wall and CPU seconds of one whole run.
one_run() {
	local out=$1 t0 t1
	shift
	t0=$(date +%s%N)
	"$TIME" -f '%U %S' -o "$TMP/time" "$@" >"$out" 2>"$TMP/err" || {
		note "failed: $*"; tail -n 3 "$TMP/err" >&2; return 1; }
	t1=$(date +%s%N)
	awk -v a="$t0" -v b="$t1" '{ printf "%.3f %.3f\n", (b - a) / 1e9, $1 + $2 }' "$TMP/time"
}

median() { sort -n | awk '{ t[NR] = $1 } END { printf "%.3f", NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'; }

# row NAME CMD...: RUNS runs, the medians.
row() {
	local name=$1 i
	shift
	: >"$TMP/runs"
	for i in $(seq "$RUNS"); do
		note "$name (run $i/$RUNS)"
		one_run /dev/null "$@" >>"$TMP/runs" || return 1
	done
	printf '| %s | %s | %s | %s |\n' "$name" \
	    "$(awk '{ print $1 }' "$TMP/runs" | median)" \
	    "$(awk '{ print $2 }' "$TMP/runs" | median)" \
	    "$(awk '{ printf "%s%s", (NR > 1 ? ", " : ""), $1 }' "$TMP/runs")"
}

machine=$(bench_machine)
cd "$TMP"
ln -sf "$db" cctv-xwlb.db
"$PL" report --db cctv-xwlb.db --watch watch.txt -o review >/dev/null
# The Method's commands, as a script (HTML entities undone).
grep -o '<pre>plenum [^<]*' review/index.html | sed -e 's/^<pre>//' \
    -e "s/&#39;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' \
    -e 's/&amp;/\&/g' -e "s|^plenum |\"\$PL\" |" | grep -v ' report ' >method.sh
ncmd=$(wc -l <method.sh)
week=$(grep -o '<h1>[^<]*' review/index.html | sed 's/.*: //')

echo "## plenum report on cctv-xwlb ($(date -u +%Y-%m-%d))"
echo
echo "The review of $week (the latest complete week) against the 8 weeks"
echo "before, with a five-term watch list; against the $ncmd command lines its"
echo "Method section prints, run one after another (what it takes without"
echo "plenum report, before drawing a chart or writing a page)."
echo "Median of $RUNS runs; seconds."
echo
echo "| what | wall | CPU (user + sys) | runs (wall) |"
echo "| --- | ---: | ---: | --- |"
row "plenum report" "$PL" report --db cctv-xwlb.db --watch watch.txt -o review
PL=$PL row "the $ncmd commands of its Method" env PL="$PL" sh method.sh
echo
echo "Target (issue 12): under 3 s on cctv-xwlb."
echo "CPU time is the measure to read when the machine is shared (the"
echo "wall time then waits for other processes); the load average below says"
echo "how busy it was."
echo
echo "$machine"
echo
