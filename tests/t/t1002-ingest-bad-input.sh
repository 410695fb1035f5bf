#!/bin/sh

test_description='plenum ingest: bad input is reported by file, line and field, and changes nothing'
. "$(dirname "$0")/test-lib.sh"

if ! test_have_prog sqlite3 || ! test_have_prog python3; then
	skip_all 'needs the sqlite3 CLI and python3'
fi
PYTHONUTF8=1
export PYTHONUTF8

# Every failing ingest below runs against base.db, which already holds two
# documents; afterwards its dump and its bytes must be what they were.
unchanged() {
	sqlite3 base.db .dump >dump.after &&
	test_cmp dump.before dump.after &&
	cmp base.db base.orig &&
	test_path_is_missing base.db-journal
}

# bad_ingest ARGS...: plenum ingest --db base.db ARGS must exit 1 and print
# its messages on stderr (file "err", also shown when a test fails),
# nothing on stdout.
bad_ingest() {
	test_expect_code 1 plenum ingest --db base.db "$@" >out 2>err
	bad_rc=$?
	cat err
	test "$bad_rc" = 0 &&
	test_line_count = 0 out
}

# the last line of a failed ingest of N bad records
summary() {
	if test "$1" = 1; then
		echo "plenum ingest: 1 bad record: nothing was ingested (fix them, or use --skip-bad to ingest the rest)"
	else
		echo "plenum ingest: $1 bad records: nothing was ingested (fix them, or use --skip-bad to ingest the rest)"
	fi
}

test_expect_success 'setup: a corpus with two documents' '
	cat >good.jsonl <<-\EOF &&
	{"id": "g1", "date": "2020-01-01", "text": "The first good document."}
	{"id": "g2", "date": "2020-02-01", "text": "The second good document."}
	EOF
	plenum ingest -q --db base.db good.jsonl &&
	sqlite3 base.db .dump >dump.before &&
	cp base.db base.orig &&
	echo 2 >expect &&
	sqlite3 base.db "SELECT count(*) FROM doc" >actual &&
	test_cmp expect actual
'

test_expect_success 'invalid JSON: file, line and column' '
	cat >bad.jsonl <<-\EOF &&
	{"id": "b1", "date": "2020-01-01", "text": "fine"}
	{"id": "b2", "date": "2020-01-01", "text": "no closing brace"
	EOF
	bad_ingest bad.jsonl &&
	test_line_count = 2 err &&
	grep "^plenum ingest: bad.jsonl:2: invalid JSON at column [0-9]" err &&
	summary 1 >expect &&
	tail -n 1 err >actual &&
	test_cmp expect actual &&
	unchanged
'

test_expect_success 'date 2022-13-45: the exact message' '
	echo "{\"id\": \"b\", \"date\": \"2022-13-45\", \"text\": \"x\"}" >bad.jsonl &&
	bad_ingest bad.jsonl &&
	{
		echo "plenum ingest: bad.jsonl:1: field '"'date'"': expected YYYY-MM-DD, YYYY-MM or YYYY, got \"2022-13-45\"" &&
		summary 1
	} >expect &&
	test_cmp expect err &&
	unchanged
'

test_expect_success 'date 2022-02-30 (no such day)' '
	printf "\n\n{\"id\": \"b\", \"date\": \"2022-02-30\", \"text\": \"x\"}\n" >bad.jsonl &&
	bad_ingest bad.jsonl &&
	grep "^plenum ingest: bad.jsonl:3: field '"'date'"': .*\"2022-02-30\"" err &&
	unchanged
'

test_expect_success 'other impossible dates: 2021-02-29, 2022-00-10, 2022-04-31, 22-01-01' '
	for d in 2021-02-29 2022-00-10 2022-04-31 22-01-01 2022-1-5; do
		echo "{\"id\": \"b\", \"date\": \"$d\", \"text\": \"x\"}" >bad.jsonl &&
		bad_ingest bad.jsonl &&
		grep "^plenum ingest: bad.jsonl:1: field '"'date'"': .*\"$d\"" err &&
		unchanged || return 1
	done
'

test_expect_success 'missing date' '
	echo "{\"id\": \"b\", \"text\": \"no date\"}" >bad.jsonl &&
	bad_ingest bad.jsonl &&
	grep "^plenum ingest: bad.jsonl:1: field '"'date'"': missing" err &&
	unchanged
'

test_expect_success 'empty text, blank text, missing text' '
	cat >bad.jsonl <<-\EOF &&
	{"id": "b1", "date": "2020-01-01", "text": ""}
	{"id": "b2", "date": "2020-01-01", "text": "  \n\t "}
	{"id": "b3", "date": "2020-01-01"}
	EOF
	bad_ingest bad.jsonl &&
	grep "^plenum ingest: bad.jsonl:1: field '"'text'"': empty" err &&
	grep "^plenum ingest: bad.jsonl:2: field '"'text'"': empty" err &&
	grep "^plenum ingest: bad.jsonl:3: field '"'text'"': missing" err &&
	summary 3 >expect &&
	tail -n 1 err >actual &&
	test_cmp expect actual &&
	unchanged
'

test_expect_success 'invalid UTF-8 in a JSON line: file, line and byte' '
	printf "{\"id\": \"g\", \"date\": \"2020-01-01\", \"text\": \"ok\"}\n{\"id\": \"b\", \"date\": \"2020-01-01\", \"text\": \"caf\\377\"}\n" >bad.jsonl &&
	byte=$(python3 -c "import sys; print(open(sys.argv[1], \"rb\").read().split(b\"\\n\")[1].index(b\"\\xff\") + 1)" bad.jsonl) &&
	bad_ingest bad.jsonl &&
	grep "^plenum ingest: bad.jsonl:2: .*invalid UTF-8.* $byte\\b" err &&
	unchanged
'

# The field is known here: the bad byte sits inside the "text" string.
test_expect_success 'invalid UTF-8 in a JSON line: the message names the field' '
	printf "{\"id\": \"b\", \"date\": \"2020-01-01\", \"text\": \"caf\\377\"}\n" >bad.jsonl &&
	bad_ingest bad.jsonl &&
	grep "^plenum ingest: bad.jsonl:1: field '"'text'"': invalid UTF-8" err &&
	unchanged
'

test_expect_success 'invalid UTF-8 in a CSV field: file, line and column name' '
	printf "id,date,text\nb1,2020-01-01,fine\nb2,2020-01-01,caf\\377\n" >bad.csv &&
	bad_ingest bad.csv &&
	grep "^plenum ingest: bad.csv:3: field '"'text'"': invalid UTF-8" err &&
	unchanged
'

test_expect_success 'invalid UTF-8 in a text file: file and line' '
	printf "Line one\nline two \\377 here\n" >bad-2020-01-01.txt &&
	bad_ingest bad-2020-01-01.txt &&
	grep "^plenum ingest: bad-2020-01-01.txt:2: invalid UTF-8" err &&
	unchanged
'

test_expect_success 'fields of the wrong type: "text": 42, "date": 20220101, "title": 5, "id": [...]' '
	cat >bad.jsonl <<-\EOF &&
	{"id": "b1", "date": "2020-01-01", "text": 42}
	{"id": "b2", "date": 20220101, "text": "x"}
	{"id": "b3", "date": "2020-01-01", "text": "x", "title": 5}
	{"id": ["b4"], "date": "2020-01-01", "text": "x"}
	[1, 2]
	EOF
	bad_ingest bad.jsonl &&
	grep "^plenum ingest: bad.jsonl:1: field '"'text'"': expected a string, got an integer" err &&
	grep "^plenum ingest: bad.jsonl:2: field '"'date'"': expected a string, got an integer" err &&
	grep "^plenum ingest: bad.jsonl:3: field '"'title'"': expected a string" err &&
	grep "^plenum ingest: bad.jsonl:4: field '"'id'"': expected a string or an integer" err &&
	grep "^plenum ingest: bad.jsonl:5: expected a JSON object" err &&
	summary 5 >expect &&
	tail -n 1 err >actual &&
	test_cmp expect actual &&
	unchanged
'

test_expect_success 'CSV row with the wrong number of fields' '
	printf "id,date,text\nr1,2020-01-01,ok\nr2,2020-01-02,too,many\nr3,2020-01-03\n" >bad.csv &&
	bad_ingest bad.csv &&
	cat >expect <<-EOF &&
	plenum ingest: bad.csv:3: expected 3 fields (as in the header), got 4
	plenum ingest: bad.csv:4: expected 3 fields (as in the header), got 2
	$(summary 2)
	EOF
	test_cmp expect err &&
	unchanged
'

test_expect_success 'CSV: line numbers count the lines of quoted fields' '
	printf "id,date,text\nq1,2020-01-01,\"multi\nline\nfield\"\nq2,2020-01-02,a,b\n" >bad.csv &&
	bad_ingest bad.csv &&
	grep "^plenum ingest: bad.csv:5: expected 3 fields (as in the header), got 4" err &&
	unchanged
'

test_expect_success 'CSV: empty date and empty text name their column' '
	printf "id,date,text\nq1,,some text\nq2,2020-01-01,\n" >bad.csv &&
	bad_ingest bad.csv &&
	grep "^plenum ingest: bad.csv:2: field '"'date'"': expected YYYY-MM-DD, YYYY-MM or YYYY, got \"\"" err &&
	grep "^plenum ingest: bad.csv:3: field '"'text'"': empty" err &&
	unchanged
'

test_expect_success 'CSV: a bad date in a --date-col column names that column' '
	printf "body,when\nSome text,2020-13-01\n" >bad.csv &&
	bad_ingest --text-col body --date-col when bad.csv &&
	grep "^plenum ingest: bad.csv:2: field '"'when'"': " err &&
	unchanged
'

# "2020-06" is accepted in a --date-col column, so the message must not
# say that only YYYY-MM-DD is.
test_expect_success 'CSV: the --date-col message lists the date forms accepted' '
	printf "body,when\nSome text,2020-13-01\n" >bad.csv &&
	bad_ingest --text-col body --date-col when bad.csv &&
	grep "^plenum ingest: bad.csv:2: field '"'when'"': expected YYYY-MM-DD, YYYY-MM or YYYY, got \"2020-13-01\"" err &&
	unchanged
'

test_expect_success 'CSV: a header without a date column (the file named once)' '
	printf "id,text\nx,hello\n" >nodate.csv &&
	bad_ingest nodate.csv &&
	cat >expect <<-EOF &&
	plenum ingest: nodate.csv:1: no '"'date'"' column in the header (name it with --date-col)
	$(summary 1)
	EOF
	test_cmp expect err &&
	unchanged
'

test_expect_success 'TSV row with the wrong number of fields' '
	printf "id\tdate\ttext\nw1\t2020-01-01\n" >bad.tsv &&
	bad_ingest bad.tsv &&
	grep "^plenum ingest: bad.tsv:2: expected 3 fields (as in the header), got 2" err &&
	unchanged
'

test_expect_success 'text file: a bad date in the front matter names its line' '
	printf -- "---\ntitle: x\ndate: 2019-02-30\n---\nBody.\n" >fm.md &&
	bad_ingest fm.md &&
	grep "^plenum ingest: fm.md:3: field '"'date'"': .*\"2019-02-30\"" err &&
	unchanged
'

test_expect_success 'text file: no date anywhere' '
	printf "No date here.\n" >nodate.txt &&
	bad_ingest nodate.txt &&
	grep "^plenum ingest: nodate.txt: field '"'date'"': missing" err &&
	unchanged
'

test_expect_success 'text file: front matter without its closing line' '
	printf -- "---\ndate: 2020-01-01\nBody without end.\n" >open.md &&
	bad_ingest open.md &&
	grep "^plenum ingest: open.md:[0-9]*: front matter" err &&
	unchanged
'

test_expect_success 'a nonexistent input file is named' '
	bad_ingest no-such-file.jsonl &&
	grep "^plenum ingest: no-such-file.jsonl: No such file or directory" err &&
	unchanged
'

if test "$(id -u)" = 0; then
	test_skip 'an unreadable input file is named' 'running as root, which can read a mode 000 file'
else
	test_expect_success 'an unreadable input file is named' '
		cp good.jsonl unreadable.jsonl &&
		chmod 000 unreadable.jsonl &&
		bad_ingest unreadable.jsonl &&
		chmod 644 unreadable.jsonl &&
		grep "^plenum ingest: unreadable.jsonl: Permission denied" err &&
		unchanged
	'
fi

test_expect_success 'an empty directory is an error' '
	mkdir empty &&
	bad_ingest empty &&
	grep "^plenum ingest: empty: no .jsonl" err &&
	unchanged
'

test_expect_success 'a bad --date is a usage error (exit 2) and changes nothing' '
	printf "Text.\n" >plain.txt &&
	test_expect_code 2 plenum ingest --db base.db --date 2022-13-45 plain.txt 2>err &&
	grep "^plenum ingest: --date: .*2022-13-45" err &&
	unchanged
'

# multi.jsonl: lines 1 and 3 are good, 2, 4, 5 and 6 are bad.
test_expect_success 'several bad records in one file: all listed, in order' '
	cat >multi.jsonl <<-\EOF &&
	{"id": "m1", "date": "2020-01-01", "text": "First fine text."}
	{"id": "m2", "date": "2020-13-01", "text": "bad date"}
	{"id": "m3", "date": "2020-01-02", "text": "Second fine text."}
	{"id": "m4", "text": "no date"}
	not json at all
	{"id": "m6", "date": "2020-01-03", "text": "   "}
	EOF
	bad_ingest multi.jsonl &&
	sed -n "s/^plenum ingest: multi.jsonl:\([0-9]*\): .*/\1/p" err >lines &&
	printf "2\n4\n5\n6\n" >expect &&
	test_cmp expect lines &&
	summary 4 >expect &&
	tail -n 1 err >actual &&
	test_cmp expect actual &&
	test_line_count = 5 err &&
	unchanged
'

test_expect_success 'bad records in several files: all listed' '
	cp multi.jsonl second.jsonl &&
	bad_ingest multi.jsonl second.jsonl &&
	grep -c "^plenum ingest: multi.jsonl:" err >n1 &&
	grep -c "^plenum ingest: second.jsonl:" err >n2 &&
	echo 4 >expect &&
	test_cmp expect n1 &&
	test_cmp expect n2 &&
	summary 8 >expect &&
	tail -n 1 err >actual &&
	test_cmp expect actual &&
	unchanged
'

test_expect_success '--max-errors 1: one message, then "... and N more"' '
	bad_ingest --max-errors 1 multi.jsonl &&
	cat >expect <<-EOF &&
	plenum ingest: multi.jsonl:2: field '"'date'"': expected YYYY-MM-DD, YYYY-MM or YYYY, got "2020-13-01"
	plenum ingest: ... and 3 more bad records
	$(summary 4)
	EOF
	test_cmp expect err &&
	unchanged
'

test_expect_success '--skip-bad: the good records are ingested, the bad listed, exit 1' '
	cp base.orig skip.db &&
	test_expect_code 1 plenum ingest --db skip.db --skip-bad multi.jsonl 2>err &&
	sed -n "s/^plenum ingest: multi.jsonl:\([0-9]*\): .*/\1/p" err >lines &&
	printf "2\n4\n5\n6\n" >expect &&
	test_cmp expect lines &&
	sqlite3 skip.db "SELECT ext_id, tokens FROM doc ORDER BY ext_id" >actual &&
	cat >expect <<-\EOF &&
	g1|4
	g2|4
	m1|3
	m3|3
	EOF
	test_cmp expect actual &&
	sqlite3 skip.db "PRAGMA integrity_check" >actual &&
	echo ok >expect &&
	test_cmp expect actual
'

test_expect_success 'a failed ingest into a new database leaves no file behind' '
	bad_ingest_new() {
		test_expect_code 1 plenum ingest --db new.db "$@" 2>err &&
		test_path_is_missing new.db &&
		test_path_is_missing new.db-journal &&
		test_path_is_missing new.db-wal &&
		test_path_is_missing new.db-shm
	} &&
	bad_ingest_new multi.jsonl &&
	bad_ingest_new no-such-file.jsonl &&
	bad_ingest_new nodate.csv &&
	bad_ingest_new good.jsonl no-such-file.jsonl
'

test_expect_success 'a known id with different content fails' '
	echo "{\"id\": \"g1\", \"date\": \"2020-01-01\", \"text\": \"Changed text of g1.\"}" >changed.jsonl &&
	bad_ingest changed.jsonl &&
	grep "already in the corpus" err &&
	unchanged
'

test_expect_success 'a known id with different content: the exact message' '
	bad_ingest changed.jsonl &&
	cat >expect <<-EOF &&
	plenum ingest: changed.jsonl:1: field '"'id'"': '"'g1'"' is already in the corpus with different content (use --replace to replace it)
	$(summary 1)
	EOF
	test_cmp expect err &&
	unchanged
'

test_expect_success 'an id twice in one input with different content: the exact message' '
	cat >twice.jsonl <<-\EOF &&
	{"id": "t1", "date": "2020-01-01", "text": "One text."}
	{"id": "t1", "date": "2020-01-01", "text": "Another text."}
	EOF
	bad_ingest twice.jsonl &&
	cat >expect <<-EOF &&
	plenum ingest: twice.jsonl:2: field '"'id'"': '"'t1'"' appears twice in this input with different content
	$(summary 1)
	EOF
	test_cmp expect err &&
	unchanged
'

test_expect_success 'a known id with different content: --replace replaces it' '
	cp base.orig repl.db &&
	plenum ingest -q --db repl.db --replace changed.jsonl &&
	sqlite3 repl.db "SELECT ext_id, text FROM doc ORDER BY ext_id" >actual &&
	cat >expect <<-\EOF &&
	g1|Changed text of g1.
	g2|The second good document.
	EOF
	test_cmp expect actual
'

# One rule for bad records and fatal errors, whatever --threads says
# (lib/pipeline.c; the fatal case is unit/ingest-test, which injects an
# out-of-memory): every kind of bad record above, in one input of more
# than two batches of 128, gives the same messages, in the same order, and
# the same exit status with no threads, one worker or two.
test_expect_success 'the same bad input gives the same messages with --threads 0, 1, 2' '
	i=1 &&
	while test $i -le 300; do
		case $i in
		7) printf "%s\n" "{\"id\": \"x$i\", \"date\": \"2020-01-01\", \"text\": \"\"}" ;;
		130) printf "%s\n" "{\"id\": \"x$i\", \"date\": \"2020-02-30\", \"text\": \"A date.\"}" ;;
		200) printf "%s\n" "not json" ;;
		257) printf "%s\n" "{\"id\": \"x1\", \"date\": \"2020-01-01\", \"text\": \"Other.\"}" ;;
		*) printf "%s\n" "{\"id\": \"x$i\", \"date\": \"2020-01-01\", \"text\": \"Text $i.\"}" ;;
		esac
		i=$((i + 1))
	done >many.jsonl &&
	printf "%s\n" "{\"id\": \"y1\", \"date\": \"2020-01-01\", \"text\": \"bad \\u0000 nul\"}" >nul.jsonl &&
	for t in 0 1 2; do
		cp base.orig th$t.db &&
		test_expect_code 1 plenum ingest --threads $t --db th$t.db many.jsonl nul.jsonl 2>err$t &&
		cp base.orig thskip$t.db &&
		test_expect_code 1 plenum ingest -q --skip-bad --threads $t --db thskip$t.db many.jsonl 2>skip$t &&
		sqlite3 thskip$t.db "SELECT count(*) FROM doc" >count$t || return 1
	done &&
	cat err0 &&
	grep "^plenum ingest: many.jsonl:7: field .text.: empty" err0 &&
	grep "^plenum ingest: many.jsonl:130: field .date." err0 &&
	grep "^plenum ingest: many.jsonl:200: invalid JSON" err0 &&
	grep "^plenum ingest: many.jsonl:257: field .id.: .x1. appears twice" err0 &&
	test_cmp err0 err1 &&
	test_cmp err0 err2 &&
	test_cmp skip0 skip1 &&
	test_cmp skip0 skip2 &&
	base_docs=$(sqlite3 base.orig "SELECT count(*) FROM doc") &&
	echo $((base_docs + 296)) >expect &&
	test_cmp expect count0 &&
	test_cmp count0 count1 &&
	test_cmp count0 count2
'

test_done
