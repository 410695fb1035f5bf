#!/bin/sh

test_description='a database in a read-only directory, or a read-only file, can be queried'
. "$(dirname "$0")/test-lib.sh"

# Root ignores file modes, so as root the reader runs as nobody
# (setpriv), for whom the root-owned directory and files made here are
# read-only; otherwise the modes are taken away with chmod.
if test "$(id -u)" = 0; then
	if ! setpriv --reuid=65534 --regid=65534 --clear-groups true \
	    2>/dev/null; then
		skip_all 'running as root without a working setpriv(1): no user for whom a directory is read-only'
	fi
	as_reader() {
		setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
	}
	lock() { chmod go-w "$@"; }
	unlock() { :; }
	share() { chmod 777 "$@"; }
else
	as_reader() { "$@"; }
	lock() { chmod a-w "$@"; }
	unlock() { chmod u+w "$@"; }
	share() { :; }
fi

small_corpus() {
	cat >small.jsonl <<-\EOF
	{"id": "s1", "date": "2020-01-05", "text": "The Committee met. It agreed."}
	{"id": "s2", "date": "2020-03-18", "text": "Rates rose again in March."}
	EOF
}

# By hand: two documents of five tokens each.
cat >docs.expect <<-\EOF
id	date	precision	source	title	lang	tokens
s1	2020-01-05	day			en	5
s2	2020-03-18	day			en	5
EOF

test_expect_success 'setup: a corpus in a directory the reader may not write' '
	small_corpus &&
	mkdir ro &&
	plenum ingest -q --db ro/f.db small.jsonl &&
	test_path_is_missing ro/f.db-wal &&
	test_path_is_missing ro/f.db-shm &&
	sqlite3_mode=$(od -An -tu1 -j18 -N2 ro/f.db | tr -d " ") &&
	test "$sqlite3_mode" = 22 &&
	lock ro ro/f.db &&
	as_reader test -r ro/f.db
'

if ! as_reader sh -c ': >ro/probe' 2>/dev/null; then
	have_ro=1
else
	have_ro=
	rm -f ro/probe
fi

if test -z "$have_ro"; then
	unlock ro ro/f.db
	skip_all 'cannot make a directory read-only for the reader here'
fi

test_expect_success 'WAL database, no -wal or -shm, read-only directory: docs, info, series' '
	as_reader plenum docs --db ro/f.db >docs &&
	test_cmp docs.expect docs &&
	as_reader plenum info --db ro/f.db >info &&
	grep "^corpus	total	2	10	\$" info &&
	as_reader plenum series --db ro/f.db --by year rates >series &&
	grep "^rates	2020	2020-01-01	2020-12-31	1	1	2	10	1000\$" series &&
	test_path_is_missing ro/f.db-wal &&
	test_path_is_missing ro/f.db-shm
'

test_expect_success 'ingest into the read-only directory says why it cannot' '
	test_expect_code 1 as_reader plenum ingest --db ro/f.db small.jsonl 2>err &&
	cat err &&
	grep "^plenum ingest: ro/f.db: .*write access to the directory .ro." err &&
	test_expect_code 1 as_reader plenum ingest --db ro/new.db small.jsonl 2>err &&
	grep "write access to the directory" err &&
	test_path_is_missing ro/new.db
'

test_expect_success 'a read-only file in a writable directory' '
	mkdir rw &&
	cp ro/f.db rw/f.db &&
	share rw &&
	lock rw/f.db &&
	as_reader plenum docs --db rw/f.db >docs &&
	test_cmp docs.expect docs
'

if test_have_prog python3 && python3 -c "import sqlite3" 2>/dev/null; then
	have_py=1
else
	have_py=
fi

# changes committed into f.db-wal and never checkpointed (the writer
# died): python writes them and leaves with os._exit().
pending_wal() {
	python3 - "$1" <<-\EOF
	import os, sqlite3, sys
	c = sqlite3.connect(sys.argv[1], isolation_level=None)
	c.execute("PRAGMA wal_autocheckpoint = 0")
	c.execute("UPDATE doc SET title = 'changed' WHERE ext_id = 's1'")
	os._exit(0)
	EOF
}

# A hot rollback journal: a transaction that spilled pages into the
# file, then the writer died.
hot_journal() {
	python3 - "$1" <<-\EOF
	import os, sqlite3, sys
	c = sqlite3.connect(sys.argv[1], isolation_level=None)
	c.execute("PRAGMA journal_mode = DELETE")
	c.execute("PRAGMA cache_size = 1")
	c.execute("BEGIN")
	c.execute("UPDATE doc SET title = 'half-written'")
	c.execute("CREATE TABLE junk(x)")
	for i in range(100):
	    c.execute("INSERT INTO junk VALUES (randomblob(5000))")
	os._exit(0)
	EOF
}

if test -n "$have_py"; then
	test_expect_success 'changes in -wal with its -shm are read' '
		mkdir wal &&
		cp small.jsonl wal/ &&
		plenum ingest -q --db wal/f.db small.jsonl &&
		pending_wal wal/f.db &&
		test -s wal/f.db-wal &&
		test_path_is_file wal/f.db-shm &&
		lock wal wal/f.db* &&
		as_reader plenum docs --db wal/f.db >docs &&
		grep "^s1	2020-01-05	day		changed	en	5\$" docs
	'

	test_expect_success 'changes in -wal without -shm: an error that says why' '
		unlock wal &&
		rm wal/f.db-shm &&
		lock wal &&
		test_expect_code 1 as_reader plenum docs --db wal/f.db >out 2>err &&
		cat err &&
		grep "^plenum docs: wal/f.db: cannot read: wal/f.db-wal holds changes not yet in the database" err &&
		test ! -s out
	'

	test_expect_success 'a writer folds the -wal in; then the reader reads it' '
		unlock wal &&
		plenum docs --db wal/f.db >/dev/null &&
		test_path_is_missing wal/f.db-wal &&
		lock wal &&
		as_reader plenum docs --db wal/f.db >docs &&
		grep "^s1	2020-01-05	day		changed	en	5\$" docs
	'

	test_expect_success 'a hot journal in a read-only directory: an error that says why' '
		mkdir hot &&
		plenum ingest -q --db hot/f.db small.jsonl &&
		hot_journal hot/f.db &&
		test -s hot/f.db-journal &&
		lock hot hot/f.db* &&
		test_expect_code 1 as_reader plenum docs --db hot/f.db >out 2>err &&
		cat err &&
		grep "^plenum docs: hot/f.db: cannot read: hot/f.db-journal, left by an interrupted write, must be rolled back first" err &&
		unlock hot hot/f.db &&
		plenum docs --db hot/f.db >docs &&
		test_cmp docs.expect docs &&
		test_path_is_missing hot/f.db-journal
	'
else
	test_skip 'pending -wal and hot journal cases' 'needs python3 with sqlite3'
fi

test_expect_success 'cleanup: writable again' '
	unlock ro ro/f.db rw rw/f.db &&
	if test -d wal; then unlock wal wal/f.db*; fi &&
	if test -d hot; then unlock hot hot/f.db*; fi
'

test_done
