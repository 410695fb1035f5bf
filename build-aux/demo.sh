#!/bin/sh
# demo.sh - the main job on the embedded corpus: ingest seeds/ into a fresh
# database under out/ and summarise it.  Run by 'make demo'.
set -eu
cd "$(dirname "$0")/.."
mkdir -p out
rm -f out/demo.db out/demo.db-wal out/demo.db-shm
./plenum ingest --db out/demo.db seeds/
echo
./plenum info --db out/demo.db
echo
echo "database: out/demo.db (try: ./plenum docs --db out/demo.db)"
