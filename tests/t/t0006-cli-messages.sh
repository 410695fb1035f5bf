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

# Sticky table and plot status (lib/table.c, plots/plot.c; the unit test
# is unit/sticky-test): PL_TEST_FAIL_ALLOC=N makes the N-th allocation of
# a table or plot fail.  Whatever N, a command either says "out of memory"
# with exit 1 and writes nothing, or writes the whole answer; never a
# table with an empty cell or a chart without its labels, exit 0.
test_expect_success 'out of memory in a table: exit 1 and nothing written, or the whole table' '
	plenum freq --db c.db >want &&
	test -s want &&
	n=1 nfail=0 &&
	while test $n -le 45; do
		if PL_TEST_FAIL_ALLOC=$n plenum freq --db c.db >got 2>err; then
			test_cmp want got || return 1
		else
			test $? = 1 &&
			grep "^plenum freq: out of memory\$" err &&
			test ! -s got || return 1
			nfail=$((nfail + 1))
		fi
		n=$((n + 1))
	done &&
	test $nfail -ge 5
'

test_expect_success 'out of memory in a plot: exit 1 and no file, or the chart' '
	plenum series --db c.db --by month inflation rose >s.tsv &&
	plenum plot -i s.tsv -o got.svg &&
	mv got.svg want.svg &&
	nfail=0 &&
	for n in 1 2 3 5 8 13 21 34 55 89 144 233; do
		rm -f got.svg &&
		if PL_TEST_FAIL_ALLOC=$n plenum plot -i s.tsv -o got.svg 2>err; then
			test_cmp want.svg got.svg || return 1
		else
			test $? = 1 &&
			grep "^plenum plot: out of memory\$" err &&
			test_path_is_missing got.svg || return 1
			nfail=$((nfail + 1))
		fi
	done &&
	test $nfail -ge 3
'

test_done
