#!/bin/bash
# bench/assoc.sh — co-occurrence and keyness on ungd: plenum cooc and
# plenum keyness, and the whole-corpus bigram association table against
# NLTK's BigramCollocationFinder, same corpus, same run.
#
# Writes one Markdown section to stdout (make bench appends it to
# bench/RESULTS.md); progress and problems go to stderr.  See bench/README.md.
#
# Environment:
#   PLENUM          plenum binary (default ./plenum, relative to the project root)
#   BENCH_RUNS      runs per row; the median is reported (default 3)
#   BENCH_CORPORA   directory holding ungd/docs.jsonl (default ../shared/corpora)
#   BENCH_UNGD_DB   an ungd database already ingested from that file (read
#                   only); if unset, the script ingests one into a temporary
#                   directory first (not timed)
set -eu

cd "$(dirname "$0")/.."
PLENUM=${PLENUM:-./plenum}
RUNS=${BENCH_RUNS:-3}
CORPORA=${BENCH_CORPORA:-../shared/corpora}
PY=/usr/bin/python3
TIME=/usr/bin/time
UNGD=$CORPORA/ungd/docs.jsonl

note() { printf 'bench: %s\n' "$*" >&2; }

if [ ! -r "$UNGD" ]; then
	note "$UNGD not found; nothing to benchmark" \
	    "(set BENCH_CORPORA to the directory holding ungd/)"
	exit 0
fi
case $RUNS in
'' | *[!0-9]* | 0) note "BENCH_RUNS must be a positive integer, not '$RUNS'"; exit 2 ;;
esac
if [ ! -x "$TIME" ]; then
	note "$TIME is missing (Debian package 'time'): apt-get install -y time"
	exit 1
fi
if [ ! -x "$PLENUM" ]; then
	note "plenum binary $PLENUM not found or not executable"
	exit 1
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/plenum-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
: >"$TMP/rows"    # task \t tool \t median \t times \t RSS MB \t rows out
: >"$TMP/notes"

DB=${BENCH_UNGD_DB:-}
if [ -z "$DB" ]; then
	DB=$TMP/ungd.db
	note "ingesting $UNGD into $DB (not timed)"
	"$PLENUM" ingest -q --db "$DB" "$UNGD"
fi

# measure TASK TOOL COMMAND...: $RUNS runs under /usr/bin/time, one row.
measure() {
	task=$1 tool=$2
	shift 2
	times=() rss=0
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		i=$((i + 1))
		note "$task: $tool (run $i/$RUNS)"
		if ! "$TIME" -f '%e %M' -o "$TMP/time" "$@" \
		    >"$TMP/out" 2>"$TMP/err"; then
			note "$task: $tool failed:"
			tail -n 5 "$TMP/err" >&2
			printf '%s\t%s\tfailed\t\t\t\n' "$task" "$tool" >>"$TMP/rows"
			printf -- '- %s / %s: **failed** (%s)\n' "$task" "$tool" \
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
	nout=$(wc -l <"$TMP/out")
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$task" "$tool" "$median" \
	    "${list%, }" "$rssmb" "$nout" >>"$TMP/rows"
	case $tool in
	plenum*) said="$(sed -n 2p "$TMP/out" | cut -f1-4)" ;;
	*) said="$(tail -n 1 "$TMP/out")" ;;
	esac
	printf -- '- %s / %s: %s lines; "%s"\n' "$task" "$tool" "$nout" \
	    "$said" >>"$TMP/notes"
}

skip() {
	note "$1: $2 skipped: $3"
	printf '%s\t%s\tskipped\t\t\t\n' "$1" "$2" >>"$TMP/rows"
	printf -- '- %s / %s: skipped — %s\n' "$1" "$2" "$3" >>"$TMP/notes"
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
	skip "bigram association table, count ≥ 5, PMI and G²" \
	    "NLTK BigramCollocationFinder" "python3-nltk not installed"
fi

# ---------------------------------------------------------------- report

isnum() { case $1 in '' | *[!0-9.]*) return 1 ;; esac; }
field() { # field TASK-PREFIX TOOL-PREFIX COLUMN
	awk -F '\t' -v t="$1" -v o="$2" -v k="$3" \
	    'index($1, t) == 1 && index($2, o) == 1 { print $k; exit }' "$TMP/rows"
}

cpu=$(awk -F ': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
[ -n "$cpu" ] || cpu="unknown CPU"
ram=$(awk '/^MemTotal/ { printf "%.0f GB RAM", $2 * 1024 / 1e9 }' /proc/meminfo)
if rev=$(git rev-parse --short HEAD 2>/dev/null); then
	git diff --quiet HEAD 2>/dev/null || rev="$rev (with uncommitted changes)"
else
	rev=uncommitted
fi
load=$(cut -d ' ' -f1-3 /proc/loadavg)

echo "## Co-occurrence and keyness benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "Machine: $(uname -m), $cpu, $(nproc) cores, $ram; load average" \
    "$load at the end of the run. Commit: $rev. Corpus: ungd" \
    "(5,684 speeches, 11.9 M tokens), ingested before the run." \
    "Median of $RUNS run(s) per row, wall time of the whole process;" \
    "peak RSS is the largest of the runs. Ratio = row's median /" \
    "plenum's median on the same task."
echo
echo "| task | tool | median s | runs (all times) | peak RSS MB | lines out | ratio |"
echo "| --- | --- | ---: | --- | ---: | ---: | ---: |"
while IFS="$(printf '\t')" read -r task tool median times rssmb nout; do
	base=$(field "$task" plenum 3)
	ratio=—
	if isnum "$median" && isnum "$base"; then
		ratio=$(awk -v a="$median" -v b="$base" \
		    'BEGIN { if (b > 0) printf "%.2f×", a / b; else print "—" }')
	fi
	isnum "$median" || { times=—; rssmb=—; nout=—; }
	echo "| $task | $tool | $median | $times | $rssmb | $nout | $ratio |"
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
c=$(field "collocates of development, ±5" plenum 3)
k=$(field "keyness of 2020 against the rest" plenum 3)
b=$(field "bigram association" plenum 3)
n=$(field "bigram association" NLTK 3)
t1=unknown t2=unknown t3=unknown
isnum "$c" && t1="$c < 1"
isnum "$k" && t2="$k < 1"
isnum "$b" && isnum "$n" && t3="$n >= 10 * $b"
printf 'Targets: %s; %s; %s.\n' \
    "$(check "collocates of a frequent node < 1 s" "$t1" "$c s")" \
    "$(check "keyness of a year against the rest < 1 s" "$t2" "$k s")" \
    "$(check "bigram table ≥ 10× faster than NLTK" "$t3" \
        "$(awk -v a="${n:-0}" -v b="${b:-0}" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "—" }')")"
echo
echo "Outputs (last run):"
echo
cat "$TMP/notes"
echo
