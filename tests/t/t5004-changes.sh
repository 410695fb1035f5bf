#!/bin/sh
#
# plenum changes on a constructed corpus with one known change point.
# Twenty daily reports of 1000 tokens, 2022-03-01 to 2022-03-20, and none
# on 2022-03-21..24, then one more on 2022-03-25 (left out: no gap in
# the chain).  "shift" is used about 10 times a report up to 2022-03-10
# and about 30 from 2022-03-11 (as in tests/unit/changes-test.c: the
# split saves about 105 deviance units against a BIC penalty of
# 2 ln 21 = 6.1).  Rates: 100/10000 and 330/11000 tokens.

test_description='plenum changes: one known change point in a constructed series'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'build the corpus' '
	i=0 &&
	for r in 9 11 10 12 8 10 11 9 10 10 28 31 30 33 29 30 27 32 30 30 30; do
		i=$((i + 1)) &&
		if test $i -le 20; then
			day=$(printf "2022-03-%02d" $i)
		else
			day=2022-03-25
		fi &&
		awk -v r="$r" -v d="$day" -v i="$i" "BEGIN {
			printf \"{\\\"id\\\": \\\"%s\\\", \\\"date\\\": \\\"%s\\\", \\\"text\\\": \\\"\", d, d
			for (k = 0; k < i; k++) printf \"pad \"
			for (k = 0; k < r; k++) printf \"shift \"
			for (k = 0; k < 1000 - r - i; k++) printf \"pad \"
			printf \".\\\"}\n\" }" || return 1
	done >c.jsonl &&
	plenum ingest -q --db t.db c.jsonl
'

test_expect_success 'two segments, the change on 2022-03-11' '
	plenum changes --db t.db --by day shift >out &&
	cut -f 1-11 out >got &&
	cat >expect <<-\EOT &&
	term	segment	start	end	first	last	buckets	count	tokens	rate	change
	shift	1	2022-03-01	2022-03-10	2022-03-01	2022-03-10	10	100	10000	100	
	shift	2	2022-03-11	2022-03-25	2022-03-11	2022-03-25	11	330	11000	300	2022-03-11
	EOT
	test_cmp expect got &&
	test "$(tail -n 1 out | cut -f 12)" = 3
'

test_expect_success 'the normal cost finds the same change' '
	plenum changes --db t.db --by day --cost normal shift | cut -f 11 >got &&
	printf "change\n\n2022-03-11\n" >expect &&
	test_cmp expect got
'

test_expect_success 'a huge penalty leaves one segment; a term without hits one too' '
	plenum changes --db t.db --by day --penalty 1000 shift nosuch | cut -f 1,2,8 >got &&
	printf "term\tsegment\tcount\nshift\t1\t430\nnosuch\t1\t0\n" >expect &&
	test_cmp expect got
'

test_expect_success 'usage errors' '
	test_expect_code 2 plenum changes --db t.db 2>err &&
	grep "no term" err &&
	test_expect_code 2 plenum changes --db t.db --penalty lots shift 2>err &&
	grep -- "--penalty: expected bic, aic or a number" err &&
	test_expect_code 2 plenum changes --db t.db --cost gamma shift 2>err &&
	grep -- "--cost: expected poisson or normal" err
'

test_done
