#!/bin/bash
# bench/ingest.sh — ingest speed of plenum against peers, same files, same run.
#
# Writes one Markdown section to stdout (make bench appends it to
# bench/RESULTS.md); progress and problems go to stderr.  See bench/README.md.
#
# Environment:
#   PLENUM          plenum binary (default ./plenum, relative to the project root)
#   BENCH_RUNS      runs per row; the median is reported (default 3)
#   BENCH_CORPORA   directory holding ungd/docs.jsonl and cctv-xwlb/docs.jsonl
#                   (default ../shared/corpora, relative to the project root)
set -eu

cd "$(dirname "$0")/.."
PLENUM=${PLENUM:-./plenum}
RUNS=${BENCH_RUNS:-3}
CORPORA=${BENCH_CORPORA:-../shared/corpora}
PY=/usr/bin/python3
TIME=/usr/bin/time

UNGD=$CORPORA/ungd/docs.jsonl
CCTV=$CORPORA/cctv-xwlb/docs.jsonl

note() { printf 'bench: %s\n' "$*" >&2; }

if [ ! -d "$CORPORA" ]; then
	note "corpora directory $CORPORA not found; nothing to benchmark" \
	    "(set BENCH_CORPORA to the directory holding ungd/ and cctv-xwlb/)"
	exit 0
fi
case $RUNS in
'' | *[!0-9]* | 0) note "BENCH_RUNS must be a positive integer, not '$RUNS'"; exit 2 ;;
esac
if [ ! -x "$TIME" ]; then
	note "$TIME is missing (Debian package 'time'): apt-get install -y time"
	exit 1
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/plenum-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
: >"$TMP/rows"    # corpus \t tool \t median \t times \t MB/s \t RSS MB \t DB MB
: >"$TMP/notes"   # lines for the "Notes" list under the table

# ---------------------------------------------------------------- measuring

# measure CORPUS TOOL INPUT DB COMMAND...
#   Runs COMMAND $RUNS times under /usr/bin/time and appends a row.  DB is
#   the database file to delete before each run and to size afterwards, or
#   "-" for peers.  The last line of the command's stdout (or, for plenum,
#   its stderr summary) goes into the notes.
measure() {
	corpus=$1 tool=$2 input=$3 db=$4
	shift 4
	times=() rss=0
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		i=$((i + 1))
		[ "$db" = - ] || rm -f "$db" "$db-journal" "$db-wal" "$db-shm"
		note "$corpus: $tool (run $i/$RUNS)"
		if ! "$TIME" -f '%e %M' -o "$TMP/time" "$@" \
		    >"$TMP/out" 2>"$TMP/err"; then
			note "$corpus: $tool failed:"
			tail -n 5 "$TMP/err" >&2
			tail -n 2 "$TMP/time" >&2
			printf '%s\t%s\tfailed\t\t\t\t\n' "$corpus" "$tool" >>"$TMP/rows"
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
	bytes=$(stat -L -c %s "$input")
	mbps=$(awk -v b="$bytes" -v s="$median" \
	    'BEGIN { if (s > 0) printf "%.1f", b / 1e6 / s; else print "—" }')
	rssmb=$(awk -v k="$rss" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }')
	dbmb=—
	if [ "$db" != - ]; then
		dbmb=$(stat -c %s "$db" | awk '{ printf "%.1f", $1 / 1e6 }')
	fi
	list=$(printf '%s, ' "${times[@]}")
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$corpus" "$tool" "$median" \
	    "${list%, }" "$mbps" "$rssmb" "$dbmb" >>"$TMP/rows"

	if [ "$db" = - ]; then
		said=$(tail -n 1 "$TMP/out")
	else
		said=$(tail -n 1 "$TMP/err")
	fi
	printf -- '- %s / %s: "%s"\n' "$corpus" "$tool" "$said" >>"$TMP/notes"
}

# skip CORPUS TOOL WHY — a row that could not be run.
skip() {
	note "$1: $2 skipped: $3"
	printf '%s\t%s\tskipped\t\t\t\t\n' "$1" "$2" >>"$TMP/rows"
	printf -- '- %s / %s: skipped — %s\n' "$1" "$2" "$3" >>"$TMP/notes"
}

# has_py MODULE — does /usr/bin/python3 import MODULE?
has_py() { "$PY" -c "import $1" 2>/dev/null; }

have_plenum=yes
if [ ! -x "$PLENUM" ]; then
	have_plenum=no
	note "plenum binary $PLENUM not found or not executable; plenum rows skipped"
fi

# Read each corpus once so every tool starts from a warm page cache.
for f in "$UNGD" "$CCTV"; do
	[ ! -r "$f" ] || cat "$f" >/dev/null
done

# ---------------------------------------------------------------- ungd (English)

if [ -r "$UNGD" ]; then
	if [ "$have_plenum" = yes ]; then
		measure ungd "plenum ingest (1–3-grams)" "$UNGD" "$TMP/ungd.db" \
		    "$PLENUM" ingest --db "$TMP/ungd.db" "$UNGD"
	else
		skip ungd "plenum ingest (1–3-grams)" "no binary at $PLENUM"
	fi
	measure ungd "Python Counter 1–3-grams" "$UNGD" - \
	    "$PY" bench/peers/counter_ngrams.py "$UNGD"
	if has_py sklearn; then
		measure ungd "sklearn CountVectorizer 1–3-grams" "$UNGD" - \
		    "$PY" bench/peers/sklearn_ngrams.py "$UNGD"
	else
		skip ungd "sklearn CountVectorizer 1–3-grams" \
		    "python3-sklearn not installed"
	fi
	measure ungd "Python Counter unigrams (reference)" "$UNGD" - \
	    "$PY" bench/peers/counter_ngrams.py --max-n 1 "$UNGD"
else
	note "$UNGD not found; ungd rows skipped"
fi

# ---------------------------------------------------------------- cctv-xwlb (Chinese)

if [ -r "$CCTV" ]; then
	if [ "$have_plenum" = yes ]; then
		measure cctv-xwlb "plenum ingest" "$CCTV" "$TMP/cctv.db" \
		    "$PLENUM" ingest --db "$TMP/cctv.db" "$CCTV"
	else
		skip cctv-xwlb "plenum ingest" "no binary at $PLENUM"
	fi
	# shellcheck disable=SC2046 # pkg-config output is meant to split
	if pkg-config --exists friso jansson 2>/dev/null &&
	    cc -O2 bench/friso-seg.c $(pkg-config --cflags --libs friso jansson) \
	    -o "$TMP/friso-seg" 2>"$TMP/cc.err"; then
		measure cctv-xwlb "friso segmentation alone (C)" "$CCTV" - \
		    "$TMP/friso-seg" "$CCTV"
	else
		cat "$TMP/cc.err" >&2 2>/dev/null || true
		skip cctv-xwlb "friso segmentation alone (C)" \
		    "could not build bench/friso-seg.c (libfriso-dev, libjansson-dev)"
	fi
	if has_py jieba; then
		measure cctv-xwlb "jieba segmentation alone (Python)" "$CCTV" - \
		    "$PY" bench/peers/jieba_seg.py "$CCTV"
	else
		skip cctv-xwlb "jieba segmentation alone (Python)" \
		    "python3-jieba not installed"
	fi
else
	note "$CCTV not found; cctv-xwlb rows skipped"
fi

# ---------------------------------------------------------------- report

# field CORPUS TOOL-PREFIX COLUMN — a column of the first matching row.
field() {
	awk -F '\t' -v c="$1" -v t="$2" -v k="$3" \
	    '$1 == c && index($2, t) == 1 { print $k; exit }' "$TMP/rows"
}
isnum() { case $1 in '' | *[!0-9.]*) return 1 ;; esac; }

cpu=$(awk -F ': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
[ -n "$cpu" ] || cpu=$(LC_ALL=C lscpu 2>/dev/null |
    awk -F ': *' '/^Model name/ { print $2; exit }')
[ -n "$cpu" ] || cpu="unknown CPU"
ram=$(awk '/^MemTotal/ { printf "%.0f GB RAM", $2 * 1024 / 1e9 }' /proc/meminfo)
if rev=$(git rev-parse --short HEAD 2>/dev/null); then
	git diff --quiet HEAD 2>/dev/null || rev="$rev (with uncommitted changes)"
else
	rev=uncommitted
fi

echo "## Ingest benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "Machine: $(uname -m), $cpu, $(nproc) cores, $ram." \
    "Commit: $rev. Median of $RUNS run(s) per row, wall time of the whole" \
    "process; peak RSS is the largest of the runs. MB = 10^6 bytes." \
    "Ratio = row's median / plenum's median on the same corpus."
echo
echo "| corpus | tool | median s | runs (all times) | MB/s | peak RSS MB | DB MB | ratio |"
echo "| --- | --- | ---: | --- | ---: | ---: | ---: | ---: |"
while IFS="$(printf '\t')" read -r corpus tool median times mbps rssmb dbmb; do
	base=$(field "$corpus" plenum 3)
	ratio=—
	if isnum "$median" && isnum "$base"; then
		ratio=$(awk -v a="$median" -v b="$base" \
		    'BEGIN { if (b > 0) printf "%.2f×", a / b; else print "—" }')
	fi
	if ! isnum "$median"; then
		times=— mbps=— rssmb=— dbmb=—
	fi
	echo "| $corpus | $tool | $median | $times | $mbps | $rssmb | $dbmb | $ratio |"
done <"$TMP/rows"
echo

# Targets.
check() { # check LABEL CONDITION-AS-AWK-EXPR DETAIL
	if [ "$2" = unknown ]; then
		printf '%s: not measured' "$1"
	elif [ "$2" = failed ]; then
		printf '%s: **FAIL** (plenum ingest failed)' "$1"
	elif awk "BEGIN { exit !($2) }"; then
		printf '%s: **pass** (%s)' "$1" "$3"
	else
		printf '%s: **FAIL** (%s)' "$1" "$3"
	fi
}
p_en=$(field ungd plenum 3)
p_zh=$(field cctv-xwlb plenum 3)
counter=$(field ungd "Python Counter 1–3" 3)
sk=$(field ungd sklearn 3)
friso=$(field cctv-xwlb friso 3)
rss_en=$(field ungd plenum 6)
rss_zh=$(field cctv-xwlb plenum 6)

t1=unknown t2=unknown t3=unknown t4=unknown
isnum "$p_en" && t1="$p_en <= 8"
isnum "$p_en" && isnum "$counter" && isnum "$sk" &&
    t2="$counter >= 5 * $p_en && $sk >= 5 * $p_en"
isnum "$rss_en" && isnum "$rss_zh" && t3="$rss_en < 1000 && $rss_zh < 1000"
isnum "$p_zh" && isnum "$friso" && t4="$p_zh <= 1.5 * $friso"
[ "$p_en" != failed ] || t1=failed t2=failed t3=failed
[ "$p_zh" != failed ] || t3=failed t4=failed

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "—" }'; }
printf 'Targets: %s; %s; %s; %s.\n' \
    "$(check "ungd 1–3-grams ≤ 8 s" "$t1" "${p_en} s")" \
    "$(check "≥ 5× faster than the Counter and sklearn peers" "$t2" \
        "$(ratio "${counter:-0}" "${p_en:-0}")× and $(ratio "${sk:-0}" "${p_en:-0}")×")" \
    "$(check "peak memory < 1 GB" "$t3" "${rss_en} MB and ${rss_zh} MB")" \
    "$(check "Chinese ingest ≤ 1.5× friso segmentation alone" "$t4" \
        "$(ratio "${p_zh:-0}" "${friso:-0}")×")"
echo
echo "Outputs (last run):"
echo
cat "$TMP/notes"
echo
