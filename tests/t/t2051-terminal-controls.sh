#!/bin/sh

test_description='control characters in documents reach a terminal escaped (as cat -v does); TSV/CSV/JSON stay exact'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'a corpus with an OSC title change, a clear screen and a C1 control' '
	printf "{\"id\":\"e\\\\u001b]0;pwned\\\\u0007\",\"date\":\"2022-01-03\",\"text\":\"Before \\\\u001b[2J the inflation \\\\u001b]0;owned\\\\u0007 after \\\\u0085 x.\"}\n" >esc.jsonl &&
	plenum ingest --db e.db esc.jsonl 2>/dev/null
'

test_expect_success 'TSV output keeps the bytes' '
	plenum kwic --db e.db inflation >tsv &&
	printf "\033]0;owned\007" >osc &&
	grep -F "$(cat osc)" tsv
'

if ! test_have_prog script; then
	test_skip 'kwic on a terminal' 'needs script(1) for a pseudo-terminal'
else
test_expect_success 'kwic on a terminal shows them as ^[ ^G M-^E' '
	script -qc "plenum kwic --db e.db inflation" /dev/null >term &&
	! grep -F "$(cat osc)" term &&
	! grep -F "$(printf "\033[2J")" term &&
	grep -F "^[]0;owned^G after M-^E x" term &&
	grep -F "Before ^[[2J the" term &&
	grep -F "$(printf "\033[1;31minflation\033[0m")" term
'
fi

test_expect_success 'ingest messages quoting a document id are escaped' '
	printf "{\"id\":\"e\\\\u001b]0;pwned\\\\u0007\",\"date\":\"2022-01-03\",\"text\":\"Other text.\"}\n" >esc2.jsonl &&
	test_expect_code 1 plenum ingest --db e.db esc2.jsonl 2>err &&
	! grep -F "$(printf "\033]")" err &&
	grep -F "field '"'"'id'"'"': '"'"'e^[]0;pwned^G'"'"' is already in the corpus" err
'

test_done
