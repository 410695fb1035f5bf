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
		PRAGMA user_version = 2"
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

# blob NAME SQL: copies good.db to NAME.db and runs SQL on it (the token
# and posting blobs are read as they are, no rebuild).
blob() {
	cp good.db "$1.db" &&
	sqlite3 "$1.db" "PRAGMA foreign_keys=OFF; $2"
}

# Posting lists: (doc gap, count) varint pairs.  x'02' stops inside a
# pair; x'ffffffff0f01' is doc 4294967295, past every doc.id; x'01010001'
# lists doc 1 twice (a gap of 0).  Before, the last two were skipped or
# counted twice without a word.
for case in "short 02" "farid ffffffff0f01" "twice 01010001" "zero 0100"; do
	pname=${case% *} phex=${case#* }
	test_expect_success "a damaged posting list ($pname: x'$phex')" '
		blob post$pname "UPDATE term SET postings = x'"'$phex'"' WHERE text = '"'inflation'"'" &&
		expect_damaged post$pname "corrupt posting list" plenum series inflation &&
		expect_damaged post$pname "corrupt posting list" plenum query inflation &&
		expect_damaged post$pname "corrupt posting list of .inflation." plenum kwic inflation &&
		expect_damaged post$pname "corrupt posting list of .inflation." plenum freq
	'
done

# Token lists: word ids with 0 before a sentence, spans as (offset gap,
# length) pairs.  x'80' stops inside a varint; a gap of 2^32 - 1 runs
# past the text.
test_expect_success 'a damaged token list (a varint cut short)' '
	blob tokids "UPDATE doc_tokens SET ids = x'"'80'"' WHERE doc = 1" &&
	expect_damaged tokids "corrupt token list of document .a." plenum kwic rose &&
	expect_damaged tokids "corrupt token list of document 1" plenum cooc inflation
'

test_expect_success 'damaged token spans (an offset past the text)' '
	blob tokspans "UPDATE doc_tokens SET spans = x'"'ffffffff0f01'"' WHERE doc = 1" &&
	expect_damaged tokspans "corrupt token list of document .a." plenum kwic rose
'

# Term ids are 32-bit and document ids 31-bit: an ingest that would pass
# either limit stops (it used to truncate the id with a cast), and a
# term id out of range in the file is damage.
test_expect_success 'an ingest past the last 32-bit term id stops, the corpus as it was' '
	blob lastterm "UPDATE term SET id = 4294967295 WHERE text = '"'rates'"'" &&
	sqlite3 lastterm.db .dump | sha256sum >before &&
	printf "%s\n" "{\"id\": \"n\", \"date\": \"2021-04-01\", \"text\": \"Brandnew word.\"}" >new.jsonl &&
	test_expect_code 1 plenum ingest --db lastterm.db new.jsonl 2>err &&
	cat err &&
	grep "^plenum ingest: new.jsonl:1: lastterm.db: too many terms: term ids are 32-bit (4294967295 at most)\$" err &&
	test_line_count = 1 err &&
	sqlite3 lastterm.db .dump | sha256sum >after &&
	test_cmp before after
'

test_expect_success 'an ingest past the last 31-bit document id stops' '
	blob lastdoc "UPDATE doc SET id = 2147483646 WHERE id = 3; UPDATE doc_tokens SET doc = 2147483646 WHERE doc = 3" &&
	test_expect_code 1 plenum ingest --db lastdoc.db new.jsonl 2>err &&
	cat err &&
	grep "^plenum ingest: new.jsonl:1: lastdoc.db: too many documents: document ids are 31-bit (2147483646 at most)\$" err &&
	test_line_count = 1 err
'

test_expect_success 'a negative term id meets the next ingest as damage' '
	blob negterm "UPDATE term SET id = -5 WHERE text = '"'inflation'"'" &&
	printf "%s\n" "{\"id\": \"m\", \"date\": \"2021-04-01\", \"text\": \"Inflation again.\"}" >m.jsonl &&
	test_expect_code 1 plenum ingest --db negterm.db m.jsonl 2>err &&
	cat err &&
	grep "^plenum ingest: m.jsonl:1: negterm.db: database damaged: term.id -5 is out of range\$" err
'

test_done
