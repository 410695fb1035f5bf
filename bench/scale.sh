#!/bin/bash
# bench/scale.sh — the scale ladder (issue 13): synthetic English corpora of
# 25 k, 100 k, 400 k and 1 M documents built from ../shared ungd sentences
# with a fixed seed (bench/scale-gen.py), ingested by plenum, and the same
# questions asked of plenum, SQLite FTS5 (the sqlite3 shell) and DuckDB
# (node, @duckdb/node-api) in the same run.
#
# usage: bench/scale.sh [SIZE ...]      SIZE: 25k 100k 400k 1m (default 25k 100k)
#
# Writes one Markdown section to stdout; progress to stderr.  Corpora and
# databases live in $SCALE_DIR (default /tmp/plenum-scale), never in the
# project, and are kept between runs (delete the directory to rebuild).
#
# Environment:
#   PLENUM        plenum binary (default ./plenum)
#   BENCH_RUNS    runs per query row; the median is reported (default 3)
#   BENCH_CORPORA the shared corpora (default ../shared/corpora)
#   SCALE_DIR     where corpora and databases go (default /tmp/plenum-scale)
#   SCALE_PEERS   which peers to run: "fts5 duckdb" (default), or "" for none
#   DUCKDB_NODE   a directory where `npm install --ignore-scripts
#                 @duckdb/node-api` was run (default /tmp/plenum-duckdb)
#   SCALE_REBUILD 1: ingest again even when the database exists
#
# Times are whole processes (wall, and CPU = user + sys, which matters on
# a shared machine); RSS is the peak of the runs; "written" is the kernel's
# count of bytes the process wrote to storage.
set -eu

cd "$(dirname "$0")/.."
PLENUM=${PLENUM:-./plenum}
RUNS=${BENCH_RUNS:-3}
CORPORA=${BENCH_CORPORA:-../shared/corpora}
DIR=${SCALE_DIR:-/tmp/plenum-scale}
PEERS=${SCALE_PEERS-fts5 duckdb}
DUCKDB_NODE=${DUCKDB_NODE:-/tmp/plenum-duckdb}
M="/usr/bin/python3 bench/scale-measure.py"
UNGD=$CORPORA/ungd/docs.jsonl

note() { printf 'scale: %s\n' "$*" >&2; }

[ -r "$UNGD" ] || { note "$UNGD not found; nothing to measure"; exit 0; }
[ -x "$PLENUM" ] || { note "$PLENUM not built"; exit 1; }
mkdir -p "$DIR"
SIZES=${*:-25k 100k}
has_peer() { case " $PEERS " in *" $1 "*) return 0 ;; esac; return 1; }
if has_peer duckdb && [ ! -d "$DUCKDB_NODE/node_modules/@duckdb/node-api" ]; then
	note "DuckDB skipped: run 'npm install --ignore-scripts @duckdb/node-api' in $DUCKDB_NODE"
	PEERS=${PEERS/duckdb/}
fi
if has_peer fts5 && ! sqlite3 :memory: "CREATE VIRTUAL TABLE t USING fts5(x)" 2>/dev/null; then
	note "FTS5 skipped: no sqlite3 shell with FTS5"
	PEERS=${PEERS/fts5/}
fi

ROWS=$DIR/rows.$$
: >"$ROWS"	# size \t question \t tool \t wall \t cpu \t rss \t written
trap 'rm -f "$ROWS" "$DIR"/out.$$ "$DIR"/out.$$.err' EXIT

count() {
	case $1 in
	*k) echo $((${1%k} * 1000)) ;;
	*m) echo $((${1%m} * 1000000)) ;;
	*) echo "$1" ;;
	esac
}

# row SIZE QUESTION TOOL [--setup CMD] -- COMMAND...
row() {
	local size=$1 q=$2 tool=$3 runs=$RUNS res
	shift 3
	[ "$q" != ingest ] && [ "$q" != build ] || runs=1
	note "$size: $q: $tool"
	if res=$($M "$runs" "$DIR/out.$$" "$@"); then
		printf '%s\t%s\t%s\t%s\n' "$size" "$q" "$tool" "$res" >>"$ROWS"
	else
		note "$size: $q: $tool failed: $res"
		printf '%s\t%s\t%s\tfailed\t\t\t\n' "$size" "$q" "$tool" >>"$ROWS"
	fi
}

# The DuckDB runner: node with the package, SQL from the command line.
duck() {
	cat >"$DUCKDB_NODE/plenum-scale-duck.mjs" <<'EOF'
import { DuckDBInstance } from '@duckdb/node-api';
const [db, ...sqls] = process.argv.slice(2);
const inst = await DuckDBInstance.create(db);
const c = await inst.connect();
let r;
for (const s of sqls) r = await c.runAndReadAll(s);
for (const row of r.getRows()) console.log(row.join('\t'));
EOF
	echo "$DUCKDB_NODE/plenum-scale-duck.mjs"
}

rung() {
	local size=$1 n src add db fdb ddb csv
	n=$(count "$size")
	src=$DIR/en-$size.jsonl
	add=$DIR/add-$size.jsonl
	db=$DIR/en-$size.db
	[ -s "$src" ] || { note "making $src"; /usr/bin/python3 bench/scale-gen.py "$UNGD" "$n" 13 "$src"; }
	[ -s "$add" ] || /usr/bin/python3 bench/scale-gen.py "$UNGD" 500 14 "$add" add
	if [ ! -s "$db" ] || [ "${SCALE_REBUILD:-0}" = 1 ]; then
		rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
		row "$size" ingest plenum -- "$PLENUM" ingest -q --db "$db" "$src"
		printf '%s\tdb MB\tplenum\t%s\t\t\t\n' "$size" \
		    "$(du -m --apparent-size "$db" | cut -f1)" >>"$ROWS"
	fi
	# sync: the copy's dirty pages would otherwise hide the ingest's writes
	# from the kernel's count (a page dirtied twice is counted once).
	row "$size" "add 500" plenum --setup "cp '$db' '$db.add'; rm -f '$db.add-wal' '$db.add-shm'; sync" \
	    -- "$PLENUM" ingest -q --db "$db.add" "$add"
	rm -f "$db.add" "$db.add-wal" "$db.add-shm"
	row "$size" "series rare" plenum -- "$PLENUM" series --db "$db" --by month blockchain
	row "$size" "series frequent" plenum -- "$PLENUM" series --db "$db" --by month development
	row "$size" "kwic --limit 20" plenum -- "$PLENUM" kwic --db "$db" --limit 20 the
	row "$size" "freq --top 50" plenum -- "$PLENUM" freq --db "$db" --top 50
	row "$size" "freq --top 50 of a year" plenum -- "$PLENUM" freq --db "$db" --top 50 --from 2010-01-01 --to 2010-12-31
	row "$size" "keyness of a year" plenum -- "$PLENUM" keyness --db "$db" --target 2010 --top 50
	row "$size" "cooc frequent node" plenum -- "$PLENUM" cooc --db "$db" --top 50 development
	row "$size" info plenum -- "$PLENUM" info --db "$db"

	if has_peer fts5; then
		fdb=$DIR/en-$size.fts5.db
		csv=$DIR/en-$size.csv
		[ -s "$csv" ] || /usr/bin/python3 -c '
import csv, json, sys
w = csv.writer(open(sys.argv[2], "w", newline=""))
w.writerow(["id", "date", "source", "text"])
for l in open(sys.argv[1]):
    d = json.loads(l)
    w.writerow([d["id"], d["date"], d["source"], d["text"]])' "$src" "$csv"
		if [ ! -s "$fdb" ] || [ "${SCALE_REBUILD:-0}" = 1 ]; then
			rm -f "$fdb"
			row "$size" build fts5 -- sqlite3 "$fdb" \
			    ".import --csv $csv docs" \
			    "CREATE VIRTUAL TABLE fts USING fts5(text, content='docs', content_rowid='rowid')" \
			    "INSERT INTO fts(rowid, text) SELECT rowid, text FROM docs" \
			    "CREATE VIRTUAL TABLE vocab USING fts5vocab(fts, row)" \
			    "CREATE INDEX docs_date ON docs(date)"
		fi
		row "$size" "series rare" fts5 -- sqlite3 "$fdb" \
		    "SELECT substr(d.date, 1, 7), count(*) FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH 'blockchain' GROUP BY 1"
		row "$size" "series frequent" fts5 -- sqlite3 "$fdb" \
		    "SELECT substr(d.date, 1, 7), count(*) FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH 'development' GROUP BY 1"
		row "$size" "kwic --limit 20" fts5 -- sqlite3 "$fdb" \
		    "SELECT d.date, snippet(fts, 0, '[', ']', '…', 12) FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH 'the' LIMIT 20"
		row "$size" "freq --top 50" fts5 -- sqlite3 "$fdb" \
		    "SELECT term, cnt FROM vocab ORDER BY cnt DESC LIMIT 50"
		row "$size" info fts5 -- sqlite3 "$fdb" \
		    "SELECT count(*), min(date), max(date) FROM docs" \
		    "SELECT source, count(*) FROM docs GROUP BY source ORDER BY 2 DESC"
	fi
	if has_peer duckdb; then
		local js words
		js=$(duck)
		ddb=$DIR/en-$size.duckdb
		words="unnest(regexp_extract_all(lower(text), '[a-z]+'))"
		if [ ! -s "$ddb" ] || [ "${SCALE_REBUILD:-0}" = 1 ]; then
			rm -f "$ddb" "$ddb.wal"
			row "$size" build duckdb -- node "$js" "$ddb" \
			    "CREATE TABLE docs AS SELECT id, CAST(date AS DATE) AS date, source, text FROM read_json('$src', format = 'newline_delimited')" \
			    "SELECT count(*) FROM docs"
		fi
		row "$size" "series rare" duckdb -- node "$js" "$ddb" \
		    "SELECT strftime(date, '%Y-%m') m, sum(len(regexp_extract_all(lower(text), '\\bblockchain\\b'))) FROM docs GROUP BY m ORDER BY m"
		row "$size" "kwic --limit 20" duckdb -- node "$js" "$ddb" \
		    "SELECT date, regexp_extract(text, '.{0,40}\\bthe\\b.{0,40}') FROM docs WHERE regexp_matches(text, '\\bthe\\b') LIMIT 20"
		row "$size" "freq --top 50" duckdb -- node "$js" "$ddb" \
		    "SELECT w, count(*) c FROM (SELECT $words AS w FROM docs) GROUP BY w ORDER BY c DESC LIMIT 50"
		row "$size" "freq --top 50 of a year" duckdb -- node "$js" "$ddb" \
		    "SELECT w, count(*) c FROM (SELECT $words AS w FROM docs WHERE year(date) = 2010) GROUP BY w ORDER BY c DESC LIMIT 50"
		row "$size" "keyness of a year" duckdb -- node "$js" "$ddb" \
		    "WITH t AS (SELECT year(date) = 2010 AS tg, $words AS w FROM docs), c AS (SELECT w, count(*) FILTER (WHERE tg) a, count(*) FILTER (WHERE NOT tg) b FROM t GROUP BY w), n AS (SELECT sum(a) na, sum(b) nb FROM c) SELECT w, 2 * (CASE WHEN a > 0 THEN a * ln(a / ((a + b) * na / (na + nb))) ELSE 0 END + CASE WHEN b > 0 THEN b * ln(b / ((a + b) * nb / (na + nb))) ELSE 0 END) g2 FROM c, n ORDER BY g2 DESC LIMIT 50"
		row "$size" info duckdb -- node "$js" "$ddb" \
		    "SELECT count(*), min(date), max(date) FROM docs" \
		    "SELECT source, count(*) FROM docs GROUP BY source ORDER BY 2 DESC"
	fi
}

for s in $SIZES; do
	rung "$s"
done

# The report: one table per rung, the plenum row and each peer's ratio.
cpu=$(awk -F ': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD 2>/dev/null || rev="$rev (with uncommitted changes)"
printf '## Scale ladder, %s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
printf 'Machine: %s, %s cores, %s; shared with other builds and tests (load average %s at the end), so CPU seconds (user + sys) matter more than wall time. Commit: %s. Median of %s runs per query (ingest and builds: one run); whole processes.\n\n' \
    "$cpu" "$(nproc)" "$(awk '/^MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo)" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "$rev" "$RUNS"
printf '| docs | question | tool | wall s | CPU s | peak RSS MB | written MB | peer CPU ÷ plenum CPU |\n'
printf '| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |\n'
awk -F '\t' '
	$3 == "plenum" { p[$1 "\t" $2] = $5 }
	{ r[NR] = $0 }
	END {
		for (i = 1; i <= NR; i++) {
			split(r[i], f, "\t")
			ratio = ""
			k = f[1] "\t" f[2]
			if (f[3] != "plenum" && (k in p) && p[k] > 0 && f[5] > 0)
				ratio = sprintf("%.1f×", f[5] / p[k])
			if (f[2] == "build" && (f[1] "\tingest" in p))
				ratio = sprintf("%.1f×", f[5] / p[f[1] "\tingest"])
			printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n",
			    f[1], f[2], f[3], f[4], f[5], f[6], f[7], ratio
		}
	}' "$ROWS"
printf '\nQueries: series of a rare word (blockchain) and a frequent one (development) by month; kwic of "the" (the first 20 lines); freq --top 50 of the corpus and of 2010; keyness of 2010 against the rest (--top 50); cooc of development (--top 50); info. FTS5 counts matching documents per month (it has no per-document counts), top 50 from fts5vocab, snippet() for kwic; DuckDB scans the text with regular expressions (it has no index). "build" rows compare with plenum'"'"'s ingest.\n\n'
