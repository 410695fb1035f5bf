# bench/lib.sh — what the benchmark scripts share (sourced by bash scripts
# in bench/, from the project root): set-up and checks, timing a whole
# process several times, the rows of the result table, ingested corpora,
# and the machine line.  See bench/README.md.
#
# Environment (every script):
#   PLENUM          plenum binary (default ./plenum)
#   BENCH_RUNS      runs per row; the median is reported
#   BENCH_CORPORA   the shared corpora (default ../shared/corpora)
#   BENCH_DBS       a directory of databases already ingested from them,
#                   NAME.db for corpus NAME (read only); a corpus without
#                   one is ingested into a temporary directory first, not
#                   timed

PLENUM=${PLENUM:-./plenum}
CORPORA=${BENCH_CORPORA:-../shared/corpora}
PY=/usr/bin/python3
TIME=/usr/bin/time

note() { printf 'bench: %s\n' "$*" >&2; }

# bench_setup DEFAULT-RUNS — checks, a temporary directory $TMP (removed at
# exit) holding the table's rows ($TMP/rows) and notes ($TMP/notes).
bench_setup() {
	RUNS=${BENCH_RUNS:-$1}
	case $RUNS in
	'' | *[!0-9]* | 0)
		note "BENCH_RUNS must be a positive integer, not '$RUNS'"
		exit 2 ;;
	esac
	if [ ! -x "$TIME" ]; then
		note "$TIME is missing (Debian package 'time'): apt-get install -y time"
		exit 1
	fi
	if [ ! -x "$PLENUM" ]; then
		note "plenum binary $PLENUM not found or not executable; build it with make"
		exit 1
	fi
	TMP=$(mktemp -d "${TMPDIR:-/tmp}/plenum-bench.XXXXXX")
	trap 'rm -rf "$TMP"' EXIT
	: >"$TMP/rows"	# key \t tool \t median \t runs \t peak RSS MB [\t more]
	: >"$TMP/notes"
}

# bench_measure KEY TOOL OUT COMMAND... — runs COMMAND $RUNS times, its
# standard output to OUT and its standard error to $TMP/err, and appends a
# row: KEY, TOOL, the median seconds, every run, the peak RSS in MB.  Wall
# time is read with date +%s%N around the process (/usr/bin/time's %e
# has 10 ms steps); the RSS comes from /usr/bin/time.  A failed run makes
# a "failed" row and a note, and returns 1.
bench_measure() {
	local key=$1 tool=$2 out=$3 i=0 rss=0 t0 t1 kb median list
	local times=()
	shift 3
	while [ "$i" -lt "$RUNS" ]; do
		i=$((i + 1))
		note "$key: $tool (run $i/$RUNS)"
		t0=$(date +%s%N)
		if ! "$TIME" -f '%M' -o "$TMP/time" "$@" >"$out" 2>"$TMP/err"; then
			note "$key: $tool failed:"
			tail -n 5 "$TMP/err" >&2
			printf '%s\t%s\tfailed\t\t\n' "$key" "$tool" >>"$TMP/rows"
			printf -- '- %s / %s: **failed** (%s)\n' "$key" "$tool" \
			    "$(tail -n 1 "$TMP/err")" >>"$TMP/notes"
			return 1
		fi
		t1=$(date +%s%N)
		kb=$(tail -n 1 "$TMP/time")
		times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')")
		[ "$kb" -le "$rss" ] || rss=$kb
	done
	median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 }
		END { printf "%.3f", NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }')
	list=$(printf '%s, ' "${times[@]}")
	printf '%s\t%s\t%s\t%s\t%s\n' "$key" "$tool" "$median" "${list%, }" \
	    "$(awk -v k="$rss" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }')" \
	    >>"$TMP/rows"
}

# bench_skip KEY TOOL WHY — a row that could not be run.
bench_skip() {
	note "$1: $2 skipped: $3"
	printf '%s\t%s\tskipped\t\t\n' "$1" "$2" >>"$TMP/rows"
	printf -- '- %s / %s: skipped — %s\n' "$1" "$2" "$3" >>"$TMP/notes"
}

# bench_has_py MODULE — does /usr/bin/python3 import MODULE?
bench_has_py() { "$PY" -c "import $1" 2>/dev/null; }

bench_isnum() { case $1 in '' | *[!0-9.]*) return 1 ;; esac; }

# bench_field KEY-PREFIX TOOL-PREFIX COLUMN — a field of the first row
# whose key and tool start so.
bench_field() {
	awk -F '\t' -v t="$1" -v o="$2" -v k="$3" \
	    'index($1, t) == 1 && index($2, o) == 1 { print $k; exit }' \
	    "$TMP/rows"
}

# bench_ratio A B — A / B with one decimal, or —.
bench_ratio() {
	awk -v a="${1:-0}" -v b="${2:-0}" \
	    'BEGIN { if (a > 0 && b > 0) printf "%.1f", a / b; else print "—" }'
}

# bench_check LABEL AWK-CONDITION DETAIL — "LABEL: **pass** (DETAIL)", or
# FAIL, or "not measured" when the condition is "unknown".
bench_check() {
	if [ "$2" = unknown ]; then
		printf '%s: not measured' "$1"
	elif awk "BEGIN { exit !($2) }"; then
		printf '%s: **pass** (%s)' "$1" "$3"
	else
		printf '%s: **FAIL** (%s)' "$1" "$3"
	fi
}

# bench_db NAME — prints the path of an ingested database of corpus NAME
# ($CORPORA/NAME/docs.jsonl): $BENCH_DBS/NAME.db when there is one, else a
# new one under $TMP (ingest not timed).  Returns 1 when the corpus is
# missing.
bench_db() {
	local name=$1 src=$CORPORA/$1/docs.jsonl
	if [ -n "${BENCH_DBS:-}" ] && [ -r "$BENCH_DBS/$name.db" ]; then
		printf '%s\n' "$BENCH_DBS/$name.db"
		return 0
	fi
	if [ ! -r "$src" ]; then
		note "$src not found (set BENCH_CORPORA to the directory holding $name/)"
		return 1
	fi
	if [ ! -r "$TMP/$name.db" ]; then
		note "ingesting $src into $TMP/$name.db (not timed)"
		"$PLENUM" ingest -q --db "$TMP/$name.db" "$src" >&2 || return 1
	fi
	printf '%s\n' "$TMP/$name.db"
}

# bench_machine — one sentence: CPU, cores, RAM, kernel, load, commit.
bench_machine() {
	local cpu ram rev
	cpu=$(awk -F ': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
	ram=$(awk '/^MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo)
	if rev=$(git rev-parse --short HEAD 2>/dev/null); then
		git diff --quiet HEAD 2>/dev/null ||
		    rev="$rev (with uncommitted changes)"
	else
		rev=unknown
	fi
	printf 'Machine: %s, %s, %s cores, %s, %s; load average %s at the end of the run. Commit: %s.' \
	    "$(uname -m)" "${cpu:-unknown CPU}" "$(nproc)" "$ram" \
	    "$(uname -sr)" "$(cut -d ' ' -f1-3 /proc/loadavg)" "$rev"
}
