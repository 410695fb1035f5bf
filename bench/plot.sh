#!/bin/bash
# bench/plot.sh — chart rendering speed of plenum plot against matplotlib
# (Agg) and gnuplot (pngcairo / svg terminals), same data, same run.
#
# The chart: a line chart of 5 series x 300 daily points with a date axis,
# title, y label and legend, 1600 x 900 pixels, to PNG and to SVG.  Every
# row is a whole process (start-up, reading the table, layout, drawing,
# writing), timed with /usr/bin/time; the table reports the median of
# BENCH_RUNS runs (default 7) and every run, wall time from date +%s%N
# around the process (/usr/bin/time's %e has only 10 ms steps), peak RSS
# from /usr/bin/time.  Writes one Markdown section
# to stdout (make bench appends it to bench/RESULTS.md).
#
# Environment: PLENUM (default ./plenum), BENCH_RUNS (default 7).
set -eu

cd "$(dirname "$0")/.."
PLENUM=${PLENUM:-./plenum}
RUNS=${BENCH_RUNS:-7}
PY=/usr/bin/python3
TIME=/usr/bin/time

note() { printf 'bench: %s\n' "$*" >&2; }

case $RUNS in
'' | *[!0-9]* | 0) note "BENCH_RUNS must be a positive integer, not '$RUNS'"; exit 2 ;;
esac
if [ ! -x "$TIME" ]; then
	note "$TIME is missing (Debian package 'time'): apt-get install -y time"
	exit 1
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/plenum-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# The data: five random walks, reproducible (awk's srand with a seed).
awk 'BEGIN {
	srand(42); print "term\tstart\tvalue"
	split("reform opening development security prosperity", names, " ")
	for (s = 1; s <= 5; s++) {
		v = 20 + 10 * s
		for (d = 0; d < 300; d++) {
			v += (rand() - 0.5) * 6; if (v < 0) v = -v
			t = mktime("2022 01 01 12 00 00") + d * 86400
			printf "%s\t%s\t%.4f\n", names[s], strftime("%Y-%m-%d", t, 1), v
		}
	}
}' >"$TMP/data.tsv"
# gnuplot reads one block per series
awk -F '\t' 'NR > 1 { if ($1 != last && NR > 2) printf "\n\n"; last = $1; print $2 "\t" $3 }' \
    "$TMP/data.tsv" >"$TMP/data.gp"

gnuplot_script() {	# TERMINAL OUT
	cat <<-EOT
	set terminal $1 size 1600,900 font "DejaVu Sans,11"
	set output "$2"
	set title "Five series, 300 days"
	set ylabel "per 10,000 tokens"
	set xdata time
	set timefmt "%Y-%m-%d"
	set format x "%b\n%Y"
	set grid ytics
	set key outside right top
	plot for [i=0:4] "$TMP/data.gp" index i using 1:2 with lines lw 1.5 title word("reform opening development security prosperity", i+1)
	EOT
}
gnuplot_script pngcairo "$TMP/gp.png" >"$TMP/png.gp"
gnuplot_script svg "$TMP/gp.svg" >"$TMP/svg.gp"

: >"$TMP/rows"
# measure FORMAT TOOL COMMAND...
measure() {
	fmt=$1 tool=$2
	shift 2
	local times=() i=0 rss=0
	while [ "$i" -lt "$RUNS" ]; do
		i=$((i + 1))
		t0=$(date +%s%N)
		if ! "$TIME" -f '%e %M' -o "$TMP/time" "$@" >"$TMP/out" 2>"$TMP/err"; then
			note "$fmt: $tool failed: $(tail -n 1 "$TMP/err")"
			printf '%s\t%s\tfailed\t\t\n' "$fmt" "$tool" >>"$TMP/rows"
			return 0
		fi
		t1=$(date +%s%N)
		read -r _ kb <"$TMP/time"
		times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')")
		[ "$kb" -le "$rss" ] || rss=$kb
	done
	median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 }
		END { printf "%.3f", NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }')
	list=$(printf '%s, ' "${times[@]}")
	printf '%s\t%s\t%s\t%s\t%s\n' "$fmt" "$tool" "$median" "${list%, }" \
	    "$(awk -v k="$rss" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }')" >>"$TMP/rows"
}
skip() {
	note "$1: $2 skipped: $3"
	printf '%s\t%s\tskipped (%s)\t\t\n' "$1" "$2" "$3" >>"$TMP/rows"
}

for fmt in png svg; do
	if [ -x "$PLENUM" ]; then
		measure $fmt "plenum plot line" "$PLENUM" plot line -i "$TMP/data.tsv" \
		    -o "$TMP/pl.$fmt" --width 1600 --height 900 \
		    --title "Five series, 300 days" --ylabel "per 10,000 tokens"
	else
		skip $fmt "plenum plot line" "no binary at $PLENUM"
	fi
	if "$PY" -c 'import matplotlib' 2>/dev/null; then
		measure $fmt "matplotlib (Agg)" "$PY" bench/peers/mpl_line.py \
		    "$TMP/data.tsv" "$TMP/mpl.$fmt"
	else
		skip $fmt "matplotlib (Agg)" "Debian package python3-matplotlib"
	fi
	if command -v gnuplot >/dev/null; then
		measure $fmt "gnuplot ($([ $fmt = png ] && echo pngcairo || echo svg))" \
		    gnuplot "$TMP/$fmt.gp"
	else
		skip $fmt gnuplot "Debian package gnuplot-nox"
	fi
done

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git status --porcelain 2>/dev/null | grep -qv '^??' && echo "+changes" || true)
echo
echo "## Plot benchmark: 5 series × 300 points, 1600 × 900 — $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit$dirty"
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr);" \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')." \
    "Whole processes, median of $RUNS runs; ratio = peer median / plenum median."
echo
echo "| format | tool | median s | ratio | runs (s) | peak RSS MB |"
echo "| --- | --- | ---: | ---: | --- | ---: |"
awk -F '\t' '
	$2 ~ /^plenum/ { base[$1] = $3 }
	{ r = ($3 ~ /^[0-9.]+$/ && base[$1] > 0) ? sprintf("%.1f×", $3 / base[$1]) : "—"
	  if ($2 ~ /^plenum/) r = "1×"
	  printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, r, $4, $5 }' "$TMP/rows"
echo
echo "Targets (issue 4): at least 10× faster than matplotlib, no slower than gnuplot."
