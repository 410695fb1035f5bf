#!/bin/sh
# deps.sh - install the Debian packages plenum needs to build, test and
# draw, when any is missing (with --test-tools, also the optional tools some
# tests use and skip without; with --bench, those and the benchmark peers;
# with --fuzz, clang, libFuzzer and valgrind for make fuzz, make valgrind
# and CI).  As root it runs one apt-get install line
# (after apt-get update when the package lists are empty); otherwise it
# prints that line for you to run.  See README.md for why each is there.
set -eu

pkgs="gcc make pkg-config libc6-dev
libsqlite3-dev sqlite3
libgsl-dev
libcairo2-dev libpango1.0-dev libglib2.0-dev libpng-dev zlib1g-dev
libutf8proc-dev
libjansson-dev
python3-jieba
libopencc-dev libopencc-data
fonts-dejavu-core fonts-noto-cjk
python3 mandoc poppler-utils"

# Optional test tools: t5010 opens plenum report's page in headless
# chromium (and says it skipped without it).
test_tools="chromium"
if [ "${1:-}" = --test-tools ]; then
	pkgs="$pkgs $test_tools"
fi

# make fuzz and CI (.ci/run) add clang and its libFuzzer runtime; without
# them make fuzz skips with a message.
if [ "${1:-}" = --fuzz ]; then
	pkgs="$pkgs clang libclang-rt-14-dev valgrind"
fi

# make bench adds the peers it measures against (each bench script skips a
# peer that is missing and says which package brings it), and ClickHouse,
# which t1021 uses (skipped with a message without it) to check the SQL
# of docs/SCALE.md on plenum export's files.
if [ "${1:-}" = --bench ]; then
	pkgs="$pkgs $test_tools time libfriso-dev friso-dict python3-numpy python3-scipy python3-pandas
python3-nltk python3-sklearn python3-matplotlib gnuplot-nox
clickhouse-server clickhouse-client"
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "deps: not a Debian system; install the equivalents of:" $pkgs >&2
	exit 0
fi

missing=
for p in $pkgs; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case $st in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

line="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing Debian packages; run as root:" >&2
	echo "  $line" >&2
	exit 1
fi
if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e '^lock$' -e '^partial$' || true)" ]; then
	echo "deps: apt-get update" >&2
	DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
fi
echo "deps: $line" >&2
DEBIAN_FRONTEND=noninteractive $line >&2
