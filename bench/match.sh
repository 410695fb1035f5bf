#!/bin/bash
# bench/match.sh — the term matcher against today's code (issue 10).
#
# Times, in the same run: a Chinese term's `series --by week` over all of
# cctv-xwlb, `kwic --limit 0` of a Chinese term with ~2,400 hits, and an
# English indexed word's `series` on ungd, for this plenum ($PLENUM, on
# databases indexed by it) and the previous one ($PLENUM_OLD, on
# databases it indexed).  hyperfine runs each command BENCH_RUNS times
# (default 11) after 2 warm-ups; the table gives the median wall time and
# the mean user+sys CPU time, since the machine may be shared.
#
# Environment: PLENUM, PLENUM_OLD (required), BENCH_RUNS, and the
# databases NEW_CCTV, NEW_UNGD, OLD_CCTV, OLD_UNGD (required).  With
# X10_DB (a synthetic 10x cctv-xwlb indexed by $PLENUM) it adds the
# scaling rows.
set -eu

cd "$(dirname "$0")/.."
PLENUM=${PLENUM:-./plenum}
RUNS=${BENCH_RUNS:-11}
: "${PLENUM_OLD:?PLENUM_OLD: the plenum to compare with}"
: "${NEW_CCTV:?}" "${NEW_UNGD:?}" "${OLD_CCTV:?}" "${OLD_UNGD:?}"
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine" >&2; exit 1; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/plenum-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# row LABEL TOOL COMMAND — one hyperfine measurement as a table row.
row() {
	hyperfine -N -w 2 -r "$RUNS" --export-json "$TMP/h.json" "$3" \
	    >/dev/null 2>&1 || { printf '| %s | %s | failed | | |\n' "$1" "$2"; return; }
	python3 - "$1" "$2" "$TMP/h.json" <<-\PY
	import json, sys
	r = json.load(open(sys.argv[3]))["results"][0]
	print("| %s | %s | %.1f | %.1f | %d |" % (sys.argv[1], sys.argv[2],
	    r["median"] * 1000, (r["user"] + r["system"]) * 1000, len(r["times"])))
	PY
}

echo "## Term matcher (bench/match.sh)"
echo
echo "$(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'),"
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the start: the machine was shared with"
echo "other builds, so wall times are noisy; CPU time (user+sys) is the steadier figure."
echo
echo "| command | plenum | median wall ms | mean CPU ms | runs |"
echo "| --- | --- | ---: | ---: | ---: |"
row 'cctv-xwlb `series --by week 二十大`' new "$PLENUM series --db $NEW_CCTV --by week 二十大"
row 'cctv-xwlb `series --by week 二十大`' old "$PLENUM_OLD series --db $OLD_CCTV --by week 二十大"
row 'cctv-xwlb `series --by week 美国` (13,173 hits)' new "$PLENUM series --db $NEW_CCTV --by week 美国"
row 'cctv-xwlb `series --by week 美国` (13,173 hits)' old "$PLENUM_OLD series --db $OLD_CCTV --by week 美国"
row 'cctv-xwlb `kwic --limit 0 二十大` (2,389 lines)' new "$PLENUM kwic --db $NEW_CCTV --limit 0 二十大"
row 'cctv-xwlb `kwic --limit 0 二十大`' old "$PLENUM_OLD kwic --db $OLD_CCTV --limit 0 二十大"
row 'ungd `series --by year inflation`' new "$PLENUM series --db $NEW_UNGD --by year inflation"
row 'ungd `series --by year inflation`' old "$PLENUM_OLD series --db $OLD_UNGD --by year inflation"
row 'ungd `series --by year "rule of law"`' new "$PLENUM series --db $NEW_UNGD --by year 'rule of law'"
row 'ungd `series --by year "rule of law"`' old "$PLENUM_OLD series --db $OLD_UNGD --by year 'rule of law'"
if [ -n "${X10_DB:-}" ]; then
	row '10x cctv-xwlb (240,820 docs) `series --by week 二十大`' new "$PLENUM series --db $X10_DB --by week 二十大"
	row '10x cctv-xwlb `series --by week 美国`' new "$PLENUM series --db $X10_DB --by week 美国"
	row '10x cctv-xwlb `kwic --limit 0 二十大`' new "$PLENUM kwic --db $X10_DB --limit 0 二十大"
fi
echo
