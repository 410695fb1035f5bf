#!/bin/sh

test_description='a damaged database is an error ("database damaged: ..."), never a crash, a hang or a huge allocation'
. "$(dirname "$0")/test-lib.sh"

if ! test_have_prog sqlite3; then
	skip_all 'needs the sqlite3 CLI'
fi

test_expect_success 'a good corpus' '
	cat >c.jsonl <<-\EOF &&
	{"id": "a", "date": "2020-01-06", "text": "Inflation rose. Rates rose."}
	{"id": "b", "date": "2020-02-03", "text": "Inflation fell."}
	{"id": "c", "date": "2021-03-01", "text": "Growth slowed."}
	EOF
	plenum ingest --db good.db c.jsonl 2>/dev/null &&
	sqlite3 good.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null &&
	plenum series --db good.db inflation >/dev/null
'

# damage NAME SQL: copies good.db to NAME.db and runs SQL on it.  The
# per-document blocks (doc_meta) are dropped with the store's other
# schema-3 tables, so the next open rebuilds them from the damaged doc
# rows, as it does for a schema-2 file: the values are checked there and
# again when the blocks are decoded.
damage() {
	cp good.db "$1.db" &&
	sqlite3 "$1.db" "PRAGMA foreign_keys=OFF; $2; DROP TABLE doc_meta;
		DROP TABLE label; DROP TABLE stat; DROP TABLE term_seg;
		DROP TABLE word; DROP TABLE word_period; DROP VIEW term_segs;
		DROP TABLE term_seg0; PRAGMA user_version = 2"
}

# expect_damaged NAME WHAT CMD...: CMD fails with status 1 and says
# "NAME.db: database damaged: WHAT"
expect_damaged() {
	name=$1 what=$2
	shift 2
	test_expect_code 1 "$@" --db "$name.db" >out 2>err &&
	cat err &&
	grep "$name.db: database damaged: $what" err &&
	test_line_count = 1 err
}

test_expect_success 'a negative doc.id' '
	damage negid "UPDATE doc SET id = -5 WHERE id = 1" &&
	expect_damaged negid "doc.id -5 is out of range" plenum series inflation &&
	expect_damaged negid "doc.id -5 is out of range" plenum kwic inflation
'

test_expect_success 'a doc.id of 3e9 (series used to ask for 12 GB)' '
	damage hugeid "UPDATE doc SET id = 3000000000 WHERE id = 3" &&
	expect_damaged hugeid "doc.id 3000000000 is out of range" \
		plenum series inflation
'

test_expect_success 'a doc.id far past the document count' '
	damage farid "UPDATE doc SET id = 200000000 WHERE id = 3" &&
	expect_damaged farid "doc.id 200000000 is out of range for 3 documents" \
		plenum series inflation
'

test_expect_success 'a day of INT64_MAX (series and trends never finished)' '
	damage maxday "UPDATE doc SET day = 9223372036854775807 WHERE id = 3" &&
	expect_damaged maxday "doc.day 9223372036854775807 is out of range" \
		plenum series inflation &&
	expect_damaged maxday "doc.day 9223372036854775807 is out of range" \
		plenum trends
'

test_expect_success 'a negative token count' '
	damage negtok "UPDATE doc SET tokens = -1 WHERE id = 2" &&
	expect_damaged negtok "doc.tokens -1 is out of range" \
		plenum freq
'

test_done
