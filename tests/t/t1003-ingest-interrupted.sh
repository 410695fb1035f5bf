#!/bin/sh

test_description='plenum ingest killed or out of space leaves the corpus as it was'
. "$(dirname "$0")/test-lib.sh"

if ! test_have_prog sqlite3 || ! test_have_prog python3; then
	skip_all 'needs the sqlite3 CLI and python3'
fi
PYTHONUTF8=1
export PYTHONUTF8

# The small corpus, counted by hand:
#   "The Committee met. It agreed."            5 tokens
#   "Rates rose again in March."               5 tokens
#   "Growth slowed; inflation stayed low."     5 tokens
# 3 documents, 15 tokens, years 2020 (2 docs, 10 tokens) and 2021.
small_corpus() {
	cat >small.jsonl <<-\EOF
	{"id": "s1", "date": "2020-01-05", "text": "The Committee met. It agreed."}
	{"id": "s2", "date": "2020-03-18", "text": "Rates rose again in March."}
	{"id": "s3", "date": "2021-06-30", "text": "Growth slowed; inflation stayed low."}
	EOF
}

dump_hash() {
	sqlite3 "$1" .dump | sha256sum
}

# check_intact DB: integrity_check is ok, the dump is what it was before
# (hash.before), and plenum info still reads the hand-counted totals.
check_intact() {
	sqlite3 "$1" "PRAGMA integrity_check" >integrity &&
	echo ok >expect &&
	test_cmp expect integrity &&
	dump_hash "$1" >hash.after &&
	test_cmp hash.before hash.after &&
	plenum info --db "$1" >info &&
	grep "^corpus	total	3	15	\$" info &&
	grep "^year	2020	2	10	\$" info &&
	grep "^year	2021	1	5	\$" info
}

# still_running PID: succeeds if PID is still running.
still_running() {
	kill -0 "$1" 2>/dev/null
}

# kill9 PID: kills PID with SIGKILL, which must be what ends it.
kill9() {
	kill -9 "$1" &&
	wait "$1"
	k_rc=$?
	test "$k_rc" = 137 || {
		echo "ingest ended with status $k_rc, not by SIGKILL" >&2
		return 1
	}
}

test_expect_success 'setup: a small corpus' '
	small_corpus &&
	plenum ingest -q --db c.db small.jsonl &&
	dump_hash c.db >hash.before &&
	check_intact c.db
'

# English-like words from random syllables, ~60 MB, reproducible.
test_expect_success 'setup: a large generated input (~60 MB of JSON Lines)' '
	cat >gen.py <<-\EOF &&
	import json, random, sys
	random.seed(1003)
	syl = ["ka", "lo", "mi", "ne", "ra", "tu", "po", "si", "de", "ven",
	       "mar", "tol", "gri", "sha", "bel", "dor", "fin", "lum", "pra", "qui"]
	words = ["".join(random.choice(syl) for _ in range(random.randint(1, 4)))
	         for _ in range(20000)]
	target = int(sys.argv[1]) * 1000000
	size = i = 0
	with open(sys.argv[2], "w") as out:
	    while size < target:
	        sents = [" ".join(random.choices(words, k=random.randint(6, 20))).capitalize() + "."
	                 for _ in range(random.randint(20, 60))]
	        line = json.dumps({"id": "big-%d" % i,
	                           "date": "2021-%02d-%02d" % (i % 12 + 1, i % 28 + 1),
	                           "source": "gen", "text": " ".join(sents)}) + "\n"
	        out.write(line)
	        size += len(line)
	        i += 1
	EOF
	python3 gen.py 60 big.jsonl &&
	test $(wc -c <big.jsonl) -ge 60000000 &&
	head -c 8000000 big.jsonl | sed "\$d" >mid.jsonl &&
	test $(wc -l <mid.jsonl) -ge 1000 &&
	head -c 3000000 big.jsonl | sed "\$d" >part.jsonl &&
	test $(wc -l <part.jsonl) -ge 500
'

test_expect_success 'kill -9 while reading: the corpus is as it was' '
	trap "kill -9 \$pid 2>/dev/null" EXIT
	plenum ingest -q --db c.db big.jsonl &
	pid=$! &&
	sleep 1 &&
	still_running $pid &&
	plenum info --db c.db >info.during &&
	grep "^corpus	total	3	15	\$" info.during &&
	still_running $pid &&
	kill9 $pid &&
	check_intact c.db
'

test_expect_success 'kill -9 while the term index is written: the corpus is as it was' '
	trap "kill -9 \$pid 2>/dev/null" EXIT
	plenum ingest -q --db c.db mid.jsonl &
	pid=$! &&
	i=0 &&
	while test $i -lt 1500 && still_running $pid; do
		test -f c.db-wal && test $(wc -c <c.db-wal) -gt 1000000 && break
		sleep 0.02
		i=$((i + 1))
	done &&
	test $(wc -c <c.db-wal) -gt 1000000 &&
	still_running $pid &&
	kill9 $pid &&
	check_intact c.db
'

test_expect_success 'after a killed ingest, the next ingest works' '
	cp c.db c2.db &&
	printf "%s\n" "{\"id\": \"s4\", \"date\": \"2021-07-01\", \"text\": \"Four more words here.\"}" >more.jsonl &&
	plenum ingest -q --db c2.db more.jsonl &&
	plenum info --db c2.db >info &&
	grep "^corpus	total	4	19	\$" info &&
	sqlite3 c2.db "PRAGMA integrity_check" >integrity &&
	echo ok >expect &&
	test_cmp expect integrity
'

test_expect_success 'kill -9 during the first ingest into a new database' '
	trap "kill -9 \$pid 2>/dev/null" EXIT
	plenum ingest -q --db fresh.db mid.jsonl &
	pid=$! &&
	i=0 &&
	while test $i -lt 1500 && still_running $pid; do
		test -f fresh.db && test $(wc -c <fresh.db) -gt 1000000 && break
		sleep 0.02
		i=$((i + 1))
	done &&
	test $(wc -c <fresh.db) -gt 1000000 &&
	still_running $pid &&
	kill9 $pid &&
	mkdir copy copy2 &&
	cp fresh.db* copy/ &&
	cp fresh.db* copy2/ &&
	test_path_is_file copy/fresh.db-journal &&
	small_corpus &&
	plenum ingest -q --db fresh.db small.jsonl &&
	check_intact fresh.db
'

# Nothing was committed, so the database is empty, and a read-only command
# must say so (it cannot roll back the interrupted load itself).
test_expect_success 'after a killed first ingest, plenum info reports an empty database' '
	cd copy &&
	test_expect_code 1 plenum info --db fresh.db >out 2>err &&
	cat err &&
	grep "^plenum info: fresh.db: empty database" err
'

# Every reader, not only info: docs used to read the rolled-back file as
# "no such table: doc".
test_expect_success 'after a killed first ingest, every reader says empty database' '
	cd copy2 &&
	for c in "docs" "freq" "series rates" "kwic rates" "query rates" \
	    "trends" "export out"; do
		test_expect_code 1 plenum $c --db fresh.db >out 2>err &&
		cat err &&
		grep "^plenum ${c%% *}: fresh.db: empty database (nothing was ever ingested)\$" err &&
		test ! -s out || return 1
	done
'

# A file-size limit makes writes fail with EFBIG, like a full disk;
# SIGXFSZ is ignored so that the failing write returns an error.
test_expect_success 'a full disk (ulimit -f): exit 1, a message, the corpus as it was' '
	(
		trap "" XFSZ &&
		ulimit -f 2048 &&
		test_expect_code 1 plenum ingest --db c.db part.jsonl 2>err
	) &&
	cat err &&
	grep "^plenum ingest: .*\(I/O error\|too large\|space\)" err &&
	check_intact c.db
'

test_expect_success 'a full disk (ulimit -f) on a new database leaves no file' '
	(
		trap "" XFSZ &&
		ulimit -f 2048 &&
		test_expect_code 1 plenum ingest --db full.db part.jsonl 2>err
	) &&
	cat err &&
	grep "^plenum ingest: .*\(I/O error\|too large\|space\)" err &&
	test_path_is_missing full.db &&
	test_path_is_missing full.db-journal &&
	test_path_is_missing full.db-wal
'

# The first ingest switches the file back to WAL after COMMIT; when that
# fails (here f.db-wal is made a directory while the load runs, so SQLite
# cannot create the -wal), the ingest is committed and must say so: it
# used to exit 1 and, the file being new, remove the committed database.
test_expect_success 'a failed switch to WAL after the first commit is not a failed ingest' '
	small_corpus &&
	head -n 2 small.jsonl >two.jsonl &&
	tail -n 1 small.jsonl >one.jsonl &&
	{
		head -n 1 two.jsonl &&
		i=0 &&
		while test $i -lt 100 && ! test -e late.db-journal; do
			sleep 0.1
			i=$((i + 1))
		done &&
		mkdir late.db-wal &&
		tail -n 1 two.jsonl
	} | plenum ingest --db late.db - 2>err &&
	cat err &&
	grep "^plenum ingest: late.db: added 2, " err &&
	grep "^plenum ingest: late.db: warning: committed, but switching the database back to WAL mode failed" err &&
	plenum info --db late.db >info &&
	grep "^corpus	total	2	10	\$" info &&
	test "$(od -An -tu1 -j18 -N2 late.db | tr -d " ")" = 11 &&
	rmdir late.db-wal &&
	plenum ingest -q --db late.db one.jsonl &&
	test "$(od -An -tu1 -j18 -N2 late.db | tr -d " ")" = 22 &&
	plenum info --db late.db >info &&
	grep "^corpus	total	3	15	\$" info
'

test_done
