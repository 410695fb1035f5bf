#!/bin/bash
# bench/trends.sh — the plenum trends screen against a pandas + scipy peer.
#
# Writes one Markdown section to stdout (make bench appends it to
# bench/RESULTS.md); progress and problems go to stderr.  See bench/README.md.
#
# Rows: `plenum trends --by week` over every word with at least 20 hits in
# cctv-xwlb, and `--by year` over ungd; the peer is
# bench/peers/trends_scipy.py doing the same screen (linregress,
# theilslopes, kendalltau, spearmanr, Mann-Kendall and BH per term) on the
# same terms' counts, which plenum exports before the timing starts (the
# peer does not pay for reading the index).
#
# Environment: PLENUM, BENCH_RUNS (default 3), BENCH_CORPORA, BENCH_DBS
# (bench/lib.sh); without BENCH_DBS the two corpora are ingested first.
set -eu

cd "$(dirname "$0")/.."
. bench/lib.sh
bench_setup 3

# wide DB BY TERMS OUT — the terms' counts per bucket with reports, as the
# peer reads them: rows @start, @end, @tokens, then one row per term.
wide() {
	"$PLENUM" series --db "$1" --by "$2" $(cat "$3") | awk -F '\t' '
	NR == 1 { next }
	$7 == 0 { next }		# no reports: left out, as plenum does
	{
		if (!($1 in seen)) { seen[$1] = 1; order[++nt] = $1 }
		if ($1 == order[1]) {
			nb++; st[nb] = $3; en[nb] = $4; tk[nb] = $8
		}
		row[$1] = row[$1] "\t" $5
	}
	END {
		printf "term"; for (i = 1; i <= nb; i++) printf "\tb%d", i; print ""
		printf "@start"; for (i = 1; i <= nb; i++) printf "\t%s", st[i]; print ""
		printf "@end"; for (i = 1; i <= nb; i++) printf "\t%s", en[i]; print ""
		printf "@tokens"; for (i = 1; i <= nb; i++) printf "\t%s", tk[i]; print ""
		for (k = 1; k <= nt; k++) print order[k] row[order[k]]
	}' >"$4"
}

# agree CORPUS PLENUM-OUT PEER-OUT — how far the two tables are apart on
# the terms they share: the largest relative difference of sen_slope, mk_z
# and q, and whether the top 20 by q are the same terms.
agree() {
	"$PY" - "$2" "$3" <<-\PYEOF >>"$TMP/notes" || true
	import sys
	import numpy as np, pandas as pd
	a = pd.read_csv(sys.argv[1], sep="\t", keep_default_na=False, na_values=[""])
	b = pd.read_csv(sys.argv[2], sep="\t", keep_default_na=False, na_values=[""])
	m = a.merge(b, on="term", suffixes=("_c", "_py"))
	out = []
	for c in ("sen_slope", "mk_z", "slope_p", "q"):
	    x, y = m[c + "_c"].to_numpy(float), m[c + "_py"].to_numpy(float)
	    ok = np.isfinite(x) & np.isfinite(y) & (y != 0)
	    out.append("%s %.1e" % (c, np.max(np.abs(x[ok] - y[ok]) / np.abs(y[ok])) if ok.any() else 0))
	same = len(set(a["term"][:20]) & set(b["term"][:20]))
	print("- agreement on %d common terms: max relative difference %s; top 20 by q: %d in common"
	      % (len(m), ", ".join(out), same))
	PYEOF
}

run_corpus() { # run_corpus NAME BY
	name=$1 by=$2
	if ! db=$(bench_db "$name"); then
		note "$name rows skipped"
		return 0
	fi
	cat "$db" >/dev/null	# warm the page cache for both tools
	bench_measure "$name" "plenum trends --by $by (all words ≥ 20 hits)" \
	    "$TMP/$name.plenum" "$PLENUM" trends --db "$db" --by "$by" \
	    --min-count 20 || return 0
	tail -n +2 "$TMP/$name.plenum" | cut -f 1 >"$TMP/$name.terms"
	printf -- '- %s / plenum: %s terms tested, %s with q < 0.05\n' "$name" \
	    "$(wc -l <"$TMP/$name.terms")" \
	    "$(awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "q") c = i; next }
	        $c != "" && $c < 0.05' "$TMP/$name.plenum" | wc -l)" \
	    >>"$TMP/notes"
	if ! bench_has_py scipy || ! bench_has_py pandas; then
		bench_skip "$name" "pandas + scipy peer" \
		    "python3-scipy or python3-pandas not installed"
		return 0
	fi
	note "$name: exporting the counts for the peer (not timed)"
	wide "$db" "$by" "$TMP/$name.terms" "$TMP/$name.wide"
	bench_measure "$name" "pandas + scipy peer" "$TMP/$name.peer" \
	    "$PY" bench/peers/trends_scipy.py "$TMP/$name.wide" || return 0
	agree "$name" "$TMP/$name.plenum" "$TMP/$name.peer"
}

run_corpus cctv-xwlb week
run_corpus ungd year

# ---------------------------------------------------------------- report

echo "## Trends benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "$(bench_machine) Median of $RUNS run(s) per row, wall time of the whole" \
    "process; peak RSS is the largest of the runs." \
    "Ratio = row's median / plenum's median on the same corpus."
echo
echo "| corpus | tool | median s | runs (all times) | peak RSS MB | ratio |"
echo "| --- | --- | ---: | --- | ---: | ---: |"
while IFS="$(printf '\t')" read -r corpus tool median times rssmb; do
	base=$(bench_field "$corpus" plenum 3)
	ratio=—
	if bench_isnum "$median" && bench_isnum "$base"; then
		ratio=$(awk -v a="$median" -v b="$base" \
		    'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "—" }')
	fi
	bench_isnum "$median" || { times=—; rssmb=—; }
	echo "| $corpus | $tool | $median | $times | $rssmb | $ratio |"
done <"$TMP/rows"
echo

pc=$(bench_field cctv-xwlb plenum 3)
yc=$(bench_field cctv-xwlb pandas 3)
pu=$(bench_field ungd plenum 3)
yu=$(bench_field ungd pandas 3)
t1=unknown t2=unknown t3=unknown
bench_isnum "$pc" && t1="$pc < 5"
bench_isnum "$pc" && bench_isnum "$yc" && t2="$yc >= 20 * $pc"
bench_isnum "$pu" && bench_isnum "$yu" && t3="$yu >= 20 * $pu"
printf 'Targets: %s; %s; %s.\n' \
    "$(bench_check "cctv-xwlb weekly screen < 5 s" "$t1" "${pc:-?} s")" \
    "$(bench_check "≥ 20× faster than the peer on cctv-xwlb" "$t2" "$(bench_ratio "${yc:-0}" "${pc:-0}")×")" \
    "$(bench_check "≥ 20× faster than the peer on ungd" "$t3" "$(bench_ratio "${yu:-0}" "${pu:-0}")×")"
echo
echo "Notes:"
echo
cat "$TMP/notes"
echo
