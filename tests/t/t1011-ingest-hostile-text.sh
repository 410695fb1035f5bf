#!/bin/sh

test_description='input that used to be refused or silently cut: BOM, NUL bytes, CSV header names, 一𠀀'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'a UTF-8 byte-order mark at the start of JSON Lines is not data' '
	printf "\357\273\277{\"id\":\"a\",\"date\":\"2022\",\"text\":\"bom first\"}\n" >bom.jsonl &&
	plenum ingest --db bom.db bom.jsonl 2>err &&
	plenum docs --db bom.db >docs &&
	grep "^a	2022-01-01	year	" docs
'

test_expect_success 'a BOM before a JSON array and a CSV header too' '
	printf "\357\273\277[{\"id\":\"j\",\"date\":\"2022\",\"text\":\"x\"}]" >bom.json &&
	printf "\357\273\277id,date,text\nc,2021,y\n" >bom.csv &&
	plenum ingest --db bom2.db bom.json bom.csv 2>err &&
	plenum docs --db bom2.db >docs &&
	grep "^j	" docs && grep "^c	" docs
'

test_expect_success 'a NUL byte in CSV, TSV or text is an error, not a cut text' '
	printf "id,date,text\na,2022,ab\000cd\n" >nul.csv &&
	printf "id\tdate\ttext\na\t2022\tab\000cd\n" >nul.tsv &&
	printf "ab\000cd" >nul.txt &&
	test_expect_code 1 plenum ingest --db nul.db nul.csv 2>err &&
	grep "nul.csv:2: field 3: NUL byte" err &&
	test_expect_code 1 plenum ingest --db nul.db nul.tsv 2>err &&
	grep "nul.tsv:2: field 3: NUL byte" err &&
	test_expect_code 1 plenum ingest --db nul.db --date 2022 nul.txt 2>err &&
	grep "nul.txt:1: NUL byte at byte 3 of the file" err &&
	test_path_is_missing nul.db || ! plenum docs --db nul.db | grep "^a	"
'

test_expect_success 'a CSV header name that is not UTF-8 is an error (its column was dropped)' '
	printf "id,date,text,k\377\na,2022,abcd,1\n" >h.csv &&
	test_expect_code 1 plenum ingest --db h.db h.csv 2>err &&
	grep "h.csv:1: header: column 4: invalid UTF-8 at byte 2 of its name" err
'

test_expect_success 'a repeated CSV header name is an error (only the last value was kept)' '
	printf "id,date,text,kind,Kind\na,2022,abcd,2,3\n" >h2.csv &&
	test_expect_code 1 plenum ingest --db h.db h2.csv 2>err &&
	grep "header: column .Kind. appears twice (columns 4 and 5)" err
'

test_expect_success 'a BMP Han character before a supplementary-plane one (一𠀀) is ingested' '
	printf "{\"id\":\"z\",\"date\":\"2022-01-01\",\"text\":\"一𠀀 和 一𠀀\"}\n" >z.jsonl &&
	plenum ingest --db z.db z.jsonl 2>err &&
	plenum series --db z.db --by year --value count 𠀀 >out &&
	cut -f1,2,5 out >got &&
	printf "term\tbucket\tcount\n𠀀\t2022\t2\n" >expect &&
	test_cmp expect got
'

test_done
