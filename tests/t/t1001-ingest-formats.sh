#!/bin/sh

test_description='plenum ingest reads JSON Lines, CSV, TSV, text/Markdown, stdin; plenum docs lists them'
. "$(dirname "$0")/test-lib.sh"

if ! test_have_prog sqlite3 || ! test_have_prog python3; then
	skip_all 'needs the sqlite3 CLI and python3'
fi
PYTHONUTF8=1
export PYTHONUTF8
DATA=$ROOT/tests/data/ingest

# The token and sentence counts below are counted by hand:
#   "The Committee met. It agreed."             5 tokens, 2 sentences
#   "Rates rose again"                          3, 1
#   "Year-level report here."                   3, 1 (year-level is one)
#   "Rates, he said, rose. ""Yes"" indeed.
#    New line here."                            9, 3
#   "Plain text"                                2, 1

# rows DB: the doc rows that do not depend on the tokenizer's guesses.
rows() {
	sqlite3 -separator '|' "$1" "SELECT ext_id, date, precision, source,
	    title, tokens, sentences FROM doc ORDER BY ext_id"
}

# check_days DB: doc.day is the number of days from 1970-01-01 to doc.date,
# computed again with python.
check_days() {
	sqlite3 -separator '|' "$1" "SELECT date, day FROM doc" >days &&
	python3 -c '
import datetime, sys
bad = 0
for line in open("days"):
    date, day = line.rstrip("\n").split("|")
    want = (datetime.date.fromisoformat(date) - datetime.date(1970, 1, 1)).days
    if int(day) != want:
        print("day of %s: got %s, want %d" % (date, day, want)); bad = 1
sys.exit(bad)'
}

test_expect_success 'JSON Lines: documents, dates, precision, counts' '
	plenum ingest -q --db j.db "$DATA/formats.jsonl" &&
	cat >expect <<-\EOF &&
	42|2022-03-01|month|ECB||3|1
	j1|2022-01-05|day|Fed|Jan|5|2
	j3|2021-01-01|year|||3|1
	EOF
	rows j.db >actual &&
	test_cmp expect actual &&
	check_days j.db
'

test_expect_success 'JSON Lines: the text is stored as written' '
	sqlite3 j.db "SELECT text FROM doc WHERE ext_id = '"'j1'"'" >actual &&
	echo "The Committee met. It agreed." >expect &&
	test_cmp expect actual
'

test_expect_success 'JSON Lines: extra fields are kept in doc.meta as JSON' '
	sqlite3 j.db "SELECT ext_id, meta FROM doc WHERE meta IS NOT NULL" >meta &&
	python3 -c "
import json, sys
rows = [l.rstrip(\"\\n\").split(\"|\", 1) for l in open(\"meta\")]
assert [r[0] for r in rows] == [\"j1\"], rows
got = json.loads(rows[0][1])
want = {\"speaker\": \"Powell\", \"votes\": {\"for\": 10, \"against\": [2, \"x\"]}, \"final\": True}
assert got == want, got
"
'

test_expect_success 'JSON Lines: an integer id becomes the text id' '
	echo 42 >expect &&
	sqlite3 j.db "SELECT ext_id FROM doc WHERE source = '"'ECB'"'" >actual &&
	test_cmp expect actual &&
	sqlite3 j.db "SELECT typeof(ext_id) FROM doc WHERE ext_id = '"'42'"'" >actual &&
	echo text >expect &&
	test_cmp expect actual
'

test_expect_success 'JSON Lines: a record without an id gets one from its text' '
	printf "%s\n" "{\"date\": \"2020-01-01\", \"text\": \"No id here\"}" >noid.jsonl &&
	plenum ingest -q --db noid.db noid.jsonl &&
	sqlite3 noid.db "SELECT ext_id FROM doc" >actual &&
	printf "sha256:%s\n" "$(printf "No id here" | sha256sum | cut -c1-16)" >expect &&
	test_cmp expect actual
'

test_expect_success 'CSV (RFC 4180): quoted comma, doubled quotes, embedded newline, CRLF' '
	plenum ingest -q --db c.db "$DATA/quoted.csv" &&
	cat >expect <<-\EOF &&
	c1|2022-02-01|day|Fed||9|3
	c2|2022-02-02|day|Fed||2|1
	EOF
	rows c.db >actual &&
	test_cmp expect actual &&
	check_days c.db
'

test_expect_success 'CSV: texts and the extra column equal what python'"'"'s csv module reads' '
	sqlite3 -json c.db "SELECT ext_id, text, meta FROM doc ORDER BY ext_id" >db.json &&
	python3 -c "
import csv, json, sys
want = list(csv.DictReader(open(sys.argv[1], newline=\"\", encoding=\"utf-8\")))
got = json.load(open(\"db.json\"))
assert len(got) == len(want) == 2, (got, want)
for g, w in zip(got, want):
    assert g[\"ext_id\"] == w[\"id\"], (g, w)
    assert g[\"text\"] == w[\"text\"], (g[\"text\"], w[\"text\"])
    assert json.loads(g[\"meta\"]) == {\"note\": w[\"note\"]}, g
assert want[0][\"text\"] == \"Rates, he said, rose. \\\"Yes\\\" indeed.\\nNew line here.\"
" "$DATA/quoted.csv"
'

test_expect_success 'CSV: columns in another order, named with --text-col/--date-col/--id-col' '
	# Markets calmed down.          3 tokens, 1 sentence
	# Prices fell; output, too.     4 tokens, 1 sentence
	plenum ingest -q --db m.db --text-col Body --date-col When --id-col Ref \
		--source ECB "$DATA/mapped.csv" &&
	cat >expect <<-\EOF &&
	m1|2020-06-01|month|ECB||3|1
	m2|2020-07-15|day|ECB||4|1
	EOF
	rows m.db >actual &&
	test_cmp expect actual &&
	sqlite3 m.db "SELECT text, meta FROM doc ORDER BY ext_id" >actual &&
	cat >expect <<-\EOF &&
	Markets calmed down.|{"Where":"Frankfurt"}
	Prices fell; output, too.|{"Where":"Frankfurt"}
	EOF
	test_cmp expect actual
'

test_expect_success 'CSV: column names are matched without regard to case' '
	printf "ID,Date,Text\nu1,2020-01-02,Upper case header\n" >upper.csv &&
	plenum ingest -q --db u.db upper.csv &&
	echo "u1|2020-01-02|day|||3|1" >expect &&
	rows u.db >actual &&
	test_cmp expect actual
'

test_expect_success 'TSV: fields with \t and \n escapes' '
	# "Tab<TAB>separated words"      3 tokens, 1 sentence
	# "Two lines<LF>of text here"    5 tokens, 1 sentence (no blank line)
	plenum ingest -q --db t.db "$DATA/minutes.tsv" &&
	cat >expect <<-\EOF &&
	t1|2020-05-06|day|BoE|May|3|1
	t2|2020-05-07|day|BoE||5|1
	EOF
	rows t.db >actual &&
	test_cmp expect actual &&
	sqlite3 t.db "SELECT hex(text) FROM doc ORDER BY ext_id" >actual &&
	printf "Tab\tseparated words" | od -An -tx1 | tr -d " \n" | tr a-f A-F >expect &&
	echo >>expect &&
	printf "Two lines\nof text here" | od -An -tx1 | tr -d " \n" | tr a-f A-F >>expect &&
	echo >>expect &&
	test_cmp expect actual
'

test_expect_success 'directory: .md/.txt files, front matter, dates from names' '
	# statement: "Rates were lowered by 25 basis points."   7 tokens, 1 sentence
	# outlook:   "# Economic outlook / Growth slowed. Inflation stayed low"
	#            7 tokens, 3 sentences; title from the heading
	# minutes:   "Minutes of the meeting."                  4 tokens, 1 sentence
	# notes.dat and .hidden.md are not read.
	cp -R "$DATA/reports" reports &&
	plenum ingest -q --db d.db reports &&
	cat >expect <<-\EOF &&
	reports/2019-07-31-statement.md|2019-07-31|day|FOMC|July statement|7|1
	reports/outlook.txt|2019-10-01|month|Staff|Economic outlook|7|3
	reports/sub/minutes-2019-09-18.txt|2019-09-18|day|||4|1
	EOF
	rows d.db >actual &&
	test_cmp expect actual &&
	check_days d.db
'

test_expect_success 'directory: other front matter keys go to doc.meta' '
	sqlite3 d.db "SELECT ext_id, meta FROM doc WHERE meta IS NOT NULL" >actual &&
	echo "reports/2019-07-31-statement.md|{\"author\":\"Board\"}" >expect &&
	test_cmp expect actual
'

test_expect_success 'directory: the stored text is the file after the front matter' '
	sqlite3 d.db "SELECT hex(text) FROM doc WHERE ext_id LIKE '"'%statement.md'"'" >actual &&
	printf "Rates were lowered by 25 basis points.\n" | od -An -tx1 |
		tr -d " \n" | tr a-f A-F >expect &&
	echo >>expect &&
	test_cmp expect actual
'

test_expect_success 'single text file: date from its name' '
	printf "Budget speech today.\n" >speech-2021-03-03.txt &&
	plenum ingest -q --db n.db speech-2021-03-03.txt &&
	echo "speech-2021-03-03.txt|2021-03-03|day|||3|1" >expect &&
	rows n.db >actual &&
	test_cmp expect actual
'

test_expect_success 'single text file: --date and --source' '
	printf "Single file text.\n" >one.txt &&
	plenum ingest -q --db o.db --date 2018-05-05 --source S1 one.txt &&
	echo "one.txt|2018-05-05|day|S1||3|1" >expect &&
	rows o.db >actual &&
	test_cmp expect actual
'

test_expect_success 'single text file: --date with month and year precision' '
	printf "Monthly note.\n" >mon.txt &&
	printf "Annual review of policy.\n" >ann.txt &&
	plenum ingest -q --db p.db --date 2018-11 mon.txt &&
	plenum ingest -q --db p.db --date 2017 ann.txt &&
	cat >expect <<-\EOF &&
	ann.txt|2017-01-01|year|||4|1
	mon.txt|2018-11-01|month|||2|1
	EOF
	rows p.db >actual &&
	test_cmp expect actual &&
	check_days p.db
'

test_expect_success 'stdin (-): JSON Lines' '
	printf "%s\n" "{\"id\": \"s1\", \"date\": \"2017-01-01\", \"text\": \"From standard input\"}" |
	plenum ingest -q --db s.db - &&
	echo "s1|2017-01-01|day|||3|1" >expect &&
	rows s.db >actual &&
	test_cmp expect actual
'

test_expect_success 'stdin (-): plain text with --date' '
	printf "Plain text on stdin.\n" | plenum ingest -q --db s2.db --date 2016 - &&
	sqlite3 s2.db "SELECT date, precision, tokens, sentences FROM doc" >actual &&
	echo "2016-01-01|year|4|1" >expect &&
	test_cmp expect actual
'

test_expect_success '--format jsonl reads a file with another extension' '
	cp "$DATA/formats.jsonl" records.log &&
	plenum ingest -q --db f.db --format jsonl records.log &&
	rows j.db >expect &&
	rows f.db >actual &&
	test_cmp expect actual
'

test_expect_success 'several inputs in one run: the same rows as one file at a time' '
	plenum ingest -q --db all.db "$DATA/formats.jsonl" "$DATA/quoted.csv" \
		"$DATA/minutes.tsv" &&
	{ rows j.db && rows c.db && rows t.db; } | sort >expect &&
	rows all.db | sort >actual &&
	test_line_count = 7 actual &&
	test_cmp expect actual
'

# plenum docs on formats.jsonl + quoted.csv:
#   j3  2021-01-01 year            3
#   j1  2022-01-05 day   Fed Jan   5
#   c1  2022-02-01 day   Fed       9
#   c2  2022-02-02 day   Fed       2
#   42  2022-03-01 month ECB       3
test_expect_success 'docs: every document, by date, with the header' '
	plenum ingest -q --db docs.db "$DATA/formats.jsonl" "$DATA/quoted.csv" &&
	plenum docs --db docs.db >out &&
	cat >expect <<-\EOF &&
	id	date	precision	source	title	lang	tokens
	j3	2021-01-01	year			en	3
	j1	2022-01-05	day	Fed	Jan	en	5
	c1	2022-02-01	day	Fed		en	9
	c2	2022-02-02	day	Fed		en	2
	42	2022-03-01	month	ECB		en	3
	EOF
	test_cmp expect out
'

test_expect_success 'docs: --from and --to (a month means its last day)' '
	plenum docs --db docs.db --from 2022-01-06 --to 2022-02 | cut -f1 >out &&
	printf "id\nc1\nc2\n" >expect &&
	test_cmp expect out &&
	plenum docs --db docs.db --to 2021 | cut -f1 >out &&
	printf "id\nj3\n" >expect &&
	test_cmp expect out &&
	plenum docs --db docs.db --from 2022-02-02 | cut -f1 >out &&
	printf "id\nc2\n42\n" >expect &&
	test_cmp expect out &&
	plenum docs --db docs.db --from 2022-01-05 --to 2022-01-05 | cut -f1 >out &&
	printf "id\nj1\n" >expect &&
	test_cmp expect out
'

test_expect_success 'docs: --source (repeatable) and --limit' '
	plenum docs --db docs.db --source Fed | cut -f1 >out &&
	printf "id\nj1\nc1\nc2\n" >expect &&
	test_cmp expect out &&
	plenum docs --db docs.db --source ECB --source Fed --limit 2 | cut -f1 >out &&
	printf "id\nj1\nc1\n" >expect &&
	test_cmp expect out &&
	plenum docs --db docs.db --source nobody >out &&
	test_line_count = 1 out &&
	plenum docs --db docs.db --limit 1 --from 2022 | cut -f1 >out &&
	printf "id\nj1\n" >expect &&
	test_cmp expect out
'

test_expect_success 'docs: --format csv and json give the same rows' '
	plenum docs --db docs.db --format csv >docs.csv &&
	plenum docs --db docs.db --format json >docs.json &&
	plenum docs --db docs.db >docs.tsv &&
	python3 -c "
import csv, json
tsv = [l.rstrip(\"\\n\").split(\"\\t\") for l in open(\"docs.tsv\")]
hdr, rows = tsv[0], tsv[1:]
assert hdr == [\"id\", \"date\", \"precision\", \"source\", \"title\", \"lang\", \"tokens\"], hdr
c = list(csv.reader(open(\"docs.csv\", newline=\"\")))
assert c[0] == hdr and c[1:] == rows, c
j = json.load(open(\"docs.json\"))
assert [list(r.keys()) for r in j] == [hdr] * len(rows)
assert [[str(r[k]) for k in hdr] for r in j] == rows, j
assert all(isinstance(r[\"tokens\"], int) for r in j)
"
'

test_expect_success 'docs: a bad date or limit is a usage error (exit 2)' '
	test_expect_code 2 plenum docs --db docs.db --from 2022-13 2>err &&
	grep "^plenum docs: --from" err &&
	test_expect_code 2 plenum docs --db docs.db --limit 0 2>err &&
	grep "^plenum docs: --limit" err
'

test_expect_success 'docs: a missing database is an error and is not created' '
	test_expect_code 1 plenum docs --db nothere.db 2>err &&
	grep "nothere.db" err &&
	test_path_is_missing nothere.db
'

test_done
