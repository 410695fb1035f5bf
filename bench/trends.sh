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
# Environment:
#   PLENUM          plenum binary (default ./plenum, relative to the project root)
#   BENCH_RUNS      runs per row; the median is reported (default 3)
#   BENCH_DBS       directory holding cctv-xwlb.db and ungd.db, ingested
#                   (default /tmp/plenum-dbs); read only
set -eu

cd "$(dirname "$0")/.."
PLENUM=${PLENUM:-./plenum}
RUNS=${BENCH_RUNS:-3}
DBS=${BENCH_DBS:-/tmp/plenum-dbs}
PY=/usr/bin/python3
TIME=/usr/bin/time

note() { printf 'bench: %s\n' "$*" >&2; }

case $RUNS in
'' | *[!0-9]* | 0) note "BENCH_RUNS must be a positive integer, not '$RUNS'"; exit 2 ;;
esac
if [ ! -d "$DBS" ]; then
	note "database directory $DBS not found; nothing to benchmark" \
	    "(set BENCH_DBS to a directory with cctv-xwlb.db and ungd.db)"
	exit 0
fi
if [ ! -x "$TIME" ]; then
	note "$TIME is missing (Debian package 'time'): apt-get install -y time"
	exit 1
fi
if [ ! -x "$PLENUM" ]; then
	note "plenum binary $PLENUM not found; build it with make"
	exit 1
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/plenum-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
: >"$TMP/rows"    # corpus \t tool \t median \t times \t RSS MB
: >"$TMP/notes"

# measure CORPUS TOOL OUT COMMAND... — $RUNS runs under /usr/bin/time; the
# command's stdout goes to OUT, its last stderr line to the notes.
measure() {
	corpus=$1 tool=$2 out=$3
	shift 3
	times=() rss=0
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		i=$((i + 1))
		note "$corpus: $tool (run $i/$RUNS)"
		if ! "$TIME" -f '%e %M' -o "$TMP/time" "$@" >"$out" \
		    2>"$TMP/err"; then
			note "$corpus: $tool failed:"
			tail -n 5 "$TMP/err" >&2
			printf '%s\t%s\tfailed\t\t\n' "$corpus" "$tool" >>"$TMP/rows"
			printf -- '- %s / %s: **failed** (%s)\n' "$corpus" "$tool" \
			    "$(tail -n 1 "$TMP/err")" >>"$TMP/notes"
			return 0
		fi
		read -r secs kb <"$TMP/time"
		times+=("$secs")
		[ "$kb" -le "$rss" ] || rss=$kb
	done
	median=$(printf '%s\n' "${times[@]}" | sort -n | awk '
		{ t[NR] = $1 }
		END { printf "%.2f", NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }')
	rssmb=$(awk -v k="$rss" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }')
	list=$(printf '%s, ' "${times[@]}")
	printf '%s\t%s\t%s\t%s\t%s\n' "$corpus" "$tool" "$median" "${list%, }" \
	    "$rssmb" >>"$TMP/rows"
	if [ -s "$TMP/err" ]; then
		printf -- '- %s / %s: "%s"\n' "$corpus" "$tool" \
		    "$(tail -n 1 "$TMP/err")" >>"$TMP/notes"
	fi
}

skip() {
	note "$1: $2 skipped: $3"
	printf '%s\t%s\tskipped\t\t\n' "$1" "$2" >>"$TMP/rows"
	printf -- '- %s / %s: skipped — %s\n' "$1" "$2" "$3" >>"$TMP/notes"
}

has_py() { "$PY" -c "import $1" 2>/dev/null; }

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

run_corpus() { # run_corpus NAME DB BY
	name=$1 db=$2 by=$3
	if [ ! -r "$db" ]; then
		note "$db not found; $name rows skipped"
		return 0
	fi
	cat "$db" >/dev/null	# warm the page cache for both tools
	measure "$name" "plenum trends --by $by (all words ≥ 20 hits)" \
	    "$TMP/$name.plenum" "$PLENUM" trends --db "$db" --by "$by" \
	    --min-count 20
	tail -n +2 "$TMP/$name.plenum" | cut -f 1 >"$TMP/$name.terms"
	printf -- '- %s / plenum: %s terms tested, %s with q < 0.05\n' "$name" \
	    "$(wc -l <"$TMP/$name.terms")" \
	    "$(awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "q") c = i; next }
	        $c != "" && $c < 0.05' "$TMP/$name.plenum" | wc -l)" \
	    >>"$TMP/notes"
	if ! has_py scipy || ! has_py pandas; then
		skip "$name" "pandas + scipy peer" \
		    "python3-scipy or python3-pandas not installed"
		return 0
	fi
	note "$name: exporting the counts for the peer (not timed)"
	wide "$db" "$by" "$TMP/$name.terms" "$TMP/$name.wide"
	measure "$name" "pandas + scipy peer" "$TMP/$name.peer" \
	    "$PY" bench/peers/trends_scipy.py "$TMP/$name.wide"
	agree "$name" "$TMP/$name.plenum" "$TMP/$name.peer"
}

run_corpus cctv-xwlb "$DBS/cctv-xwlb.db" week
run_corpus ungd "$DBS/ungd.db" year

# ---------------------------------------------------------------- report

field() {
	awk -F '\t' -v c="$1" -v t="$2" -v k="$3" \
	    '$1 == c && index($2, t) == 1 { print $k; exit }' "$TMP/rows"
}
isnum() { case $1 in '' | *[!0-9.]*) return 1 ;; esac; }

cpu=$(awk -F ': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
[ -n "$cpu" ] || cpu="unknown CPU"
ram=$(awk '/^MemTotal/ { printf "%.0f GB RAM", $2 * 1024 / 1e9 }' /proc/meminfo)
if rev=$(git rev-parse --short HEAD 2>/dev/null); then
	git diff --quiet HEAD 2>/dev/null || rev="$rev (with uncommitted changes)"
else
	rev=uncommitted
fi

echo "## Trends benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "Machine: $(uname -m), $cpu, $(nproc) cores, $ram." \
    "Commit: $rev. Median of $RUNS run(s) per row, wall time of the whole" \
    "process; peak RSS is the largest of the runs." \
    "Ratio = row's median / plenum's median on the same corpus."
echo
echo "| corpus | tool | median s | runs (all times) | peak RSS MB | ratio |"
echo "| --- | --- | ---: | --- | ---: | ---: |"
while IFS="$(printf '\t')" read -r corpus tool median times rssmb; do
	base=$(field "$corpus" plenum 3)
	ratio=—
	if isnum "$median" && isnum "$base"; then
		ratio=$(awk -v a="$median" -v b="$base" \
		    'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "—" }')
	fi
	isnum "$median" || { times=—; rssmb=—; }
	echo "| $corpus | $tool | $median | $times | $rssmb | $ratio |"
done <"$TMP/rows"
echo

check() { # check LABEL AWK-CONDITION DETAIL
	if [ "$2" = unknown ]; then
		printf '%s: not measured' "$1"
	elif awk "BEGIN { exit !($2) }"; then
		printf '%s: **pass** (%s)' "$1" "$3"
	else
		printf '%s: **FAIL** (%s)' "$1" "$3"
	fi
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "—" }'; }
pc=$(field cctv-xwlb plenum 3)
yc=$(field cctv-xwlb pandas 3)
pu=$(field ungd plenum 3)
yu=$(field ungd pandas 3)
t1=unknown t2=unknown t3=unknown
isnum "$pc" && t1="$pc < 5"
isnum "$pc" && isnum "$yc" && t2="$yc >= 20 * $pc"
isnum "$pu" && isnum "$yu" && t3="$yu >= 20 * $pu"
printf 'Targets: %s; %s; %s.\n' \
    "$(check "cctv-xwlb weekly screen < 5 s" "$t1" "${pc:-?} s")" \
    "$(check "≥ 20× faster than the peer on cctv-xwlb" "$t2" "$(ratio "${yc:-0}" "${pc:-0}")×")" \
    "$(check "≥ 20× faster than the peer on ungd" "$t3" "$(ratio "${yu:-0}" "${pu:-0}")×")"
echo
echo "Notes:"
echo
cat "$TMP/notes"
echo
