#!/bin/sh
# run.sh - runs libFuzzer harnesses for a bounded time each.
#
# usage: tests/fuzz/run.sh DIR SECONDS NAME...
#
# Runs DIR/fuzz-NAME for SECONDS seconds on a scratch copy of its seed
# corpus tests/fuzz/corpus/NAME (the committed seeds are never written),
# with the dictionary tests/fuzz/NAME.dict when there is one.  A finding
# (crash, sanitizer report, leak, timeout of 10 s, allocation of more than
# 2 GB) stops that harness; its input is kept as DIR/crash-NAME-* and
# replayed by the next make check once copied into
# tests/fuzz/corpus/NAME.  Prints one line per harness: executions,
# seconds, corpus size.  Writes them to DIR/summary.tsv too.  Exit status
# 1 when any harness had a finding.
set -u
dir=$1
secs=$2
shift 2
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/plenum-fuzz.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
fail=0
printf 'harness\texecutions\tseconds\texec_per_s\tcorpus\tresult\n' > "$dir/summary.tsv"
for name in "$@"; do
	bin=$dir/fuzz-$name
	seeds=$root/tests/fuzz/corpus/$name
	work=$tmp/$name
	mkdir -p "$work"
	dict=
	test -f "$root/tests/fuzz/$name.dict" &&
		dict="-dict=$root/tests/fuzz/$name.dict"
	case $name in reader-*) test -f "$root/tests/fuzz/reader.dict" &&
		dict="-dict=$root/tests/fuzz/reader.dict" ;; esac
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-malloc_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$dir/crash-$name-" $dict \
		"$work" "$seeds" >"$tmp/$name.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/$name.log" | tail -n 1)
	took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$tmp/$name.log" | tail -n 1)
	test -n "$took" || took=$secs
	ncorp=$(ls "$work" | wc -l)
	if test "$rc" -eq 0; then
		res=ok
	else
		res="FINDING (exit $rc)"
		fail=1
	fi
	rate=$(awk -v r="${runs:-0}" -v s="$took" 'BEGIN { printf "%d", (s > 0 ? r / s : r) }')
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "${runs:-0}" "$took" "$rate" \
		"$ncorp" "$res" >> "$dir/summary.tsv"
	printf 'fuzz-%-14s %10s runs in %4ss (%s/s), corpus %s: %s\n' "$name" \
		"${runs:-0}" "$took" "$rate" "$ncorp" "$res"
	if test "$rc" -ne 0; then
		grep -E -A 30 '^==[0-9]+==|runtime error|ERROR: libFuzzer|SUMMARY' \
			"$tmp/$name.log" | head -n 60 | sed 's/^/    /'
		ls "$dir"/crash-"$name"-* 2>/dev/null | sed 's/^/    input: /'
	fi
done
exit $fail
