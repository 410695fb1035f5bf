#!/bin/sh

test_description='messages said once and right: term errors, stdout failures, out-of-range numbers'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'a corpus' '
	printf "{\"id\":\"a\",\"date\":\"2022-01-03\",\"text\":\"Inflation rose.\"}\n" >c.jsonl &&
	plenum ingest --db c.db c.jsonl 2>/dev/null
'

test_expect_success 'a term that is not UTF-8 is named once (alt_words formatted into the buffer it read)' '
	test_expect_code 2 plenum series --db c.db "$(printf "ab\377cd")" 2>err &&
	test_line_count = 1 err &&
	grep "^plenum series: term .ab.cd.: invalid UTF-8 at byte 2$" err
'

test_expect_success 'a failed write to stdout is reported once' '
	test_expect_code 1 plenum freq --db c.db >/dev/full 2>err &&
	cat err &&
	test_line_count = 1 err &&
	grep "^plenum freq: stdout: No space left on device$" err
'

test_expect_success 'a number too large for --top says so' '
	test_expect_code 2 plenum freq --db c.db --top 99999999999999999999999 2>err &&
	grep "too large" err &&
	test_expect_code 2 plenum freq --db c.db --top -99999999999999999999999 2>err &&
	grep "too small" err
'

test_done
