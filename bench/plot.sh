#!/bin/bash
# bench/plot.sh — chart rendering speed of plenum plot against matplotlib
# (Agg) and gnuplot (pngcairo / svg terminals), same data, same run.
#
# The chart: a line chart of 5 series x 300 daily points with a date axis,
# title, y label and legend, 1600 x 900 pixels, to PNG and to SVG.  Every
# row is a whole process (start-up, reading the table, layout, drawing,
# writing), timed with /usr/bin/time; the table reports the median of
# BENCH_RUNS runs (default 7) and every run (bench/lib.sh: wall time from
# date +%s%N around the process, peak RSS from /usr/bin/time).  Writes one
# Markdown section to stdout (make bench appends it to bench/RESULTS.md).
#
# Environment: PLENUM, BENCH_RUNS (bench/lib.sh).
set -eu

cd "$(dirname "$0")/.."
. bench/lib.sh
bench_setup 7

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

for fmt in png svg; do
	# plenum's binary was checked by bench_setup
	bench_measure $fmt "plenum plot line" /dev/null "$PLENUM" plot line \
	    -i "$TMP/data.tsv" -o "$TMP/pl.$fmt" --width 1600 --height 900 \
	    --title "Five series, 300 days" --ylabel "per 10,000 tokens" || true
	# SVG before <text> elements: glyphs as paths (issue 15's baseline)
	[ $fmt = svg ] && { bench_measure $fmt "outlined text (--outline-text)" \
	    /dev/null "$PLENUM" plot line --outline-text \
	    -i "$TMP/data.tsv" -o "$TMP/plo.$fmt" --width 1600 --height 900 \
	    --title "Five series, 300 days" --ylabel "per 10,000 tokens" || true; }
	if bench_has_py matplotlib; then
		bench_measure $fmt "matplotlib (Agg)" /dev/null \
		    "$PY" bench/peers/mpl_line.py "$TMP/data.tsv" \
		    "$TMP/mpl.$fmt" || true
	else
		bench_skip $fmt "matplotlib (Agg)" "Debian package python3-matplotlib"
	fi
	if command -v gnuplot >/dev/null; then
		bench_measure $fmt "gnuplot ($([ $fmt = png ] && echo pngcairo || echo svg))" \
		    /dev/null gnuplot "$TMP/$fmt.gp" || true
	else
		bench_skip $fmt gnuplot "Debian package gnuplot-nox"
	fi
done

echo
echo "## Plot benchmark: 5 series × 300 points, 1600 × 900 — $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "$(bench_machine) Whole processes, median of $RUNS runs; ratio = peer median / plenum median."
echo
echo "| format | tool | median s | ratio | runs (s) | peak RSS MB |"
echo "| --- | --- | ---: | ---: | --- | ---: |"
awk -F '\t' '
	$2 ~ /^plenum/ { base[$1] = $3 }
	{ r = ($3 ~ /^[0-9.]+$/ && base[$1] > 0) ? sprintf("%.1f×", $3 / base[$1]) : "—"
	  if ($2 ~ /^plenum/) r = "1×"
	  printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, r, $4, $5 }' "$TMP/rows"
echo
pl=$(bench_field png plenum 3)
mp=$(bench_field png matplotlib 3)
gp=$(bench_field png gnuplot 3)
t1=unknown t2=unknown
bench_isnum "$pl" && bench_isnum "$mp" && t1="$mp >= 10 * $pl"
bench_isnum "$pl" && bench_isnum "$gp" && t2="$pl <= $gp"
printf 'Targets (issue 4, PNG): %s; %s.\n' \
    "$(bench_check "≥ 10× faster than matplotlib" "$t1" "$(bench_ratio "$mp" "$pl")×")" \
    "$(bench_check "no slower than gnuplot pngcairo" "$t2" "$pl s against $gp s")"
sv=$(bench_field svg plenum 3)
so=$(bench_field svg outlined 3)
t3=unknown
# within 10%: a shared 2-core machine moves medians by that much
bench_isnum "$sv" && bench_isnum "$so" && t3="$sv <= 1.1 * $so"
printf 'Target (issue 15, SVG): %s.\n' \
    "$(bench_check "SVG with <text> no slower than outlined text" "$t3" "$sv s against $so s")"
