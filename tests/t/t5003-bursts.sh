#!/bin/sh
#
# plenum bursts on a constructed corpus with one known burst.  Ten daily
# reports of 1000 tokens, 2022-01-03 to 2022-01-12, and one on 2022-01-15
# (2022-01-13 and -14 have none: left out of the chain); the i-th report
# starts with i pads so that no two texts are the same.  "hot" is used
# 1 1 1 1 10 12 11 1 1 1 1 times (2022-01-07..09 hold the burst), "calm"
# 4 times in every report, the rest is "pad".  With 11 buckets p0 =
# 41/11000, p1 = 2 p0; the cost saved in state 1 at r hits is
# r ln 2 + (1000 - r) ln((1 - p1)/(1 - p0)): -3.05 at r = 1 (state 0 is
# cheaper), 3.22 + 4.61 + 3.92 = 11.75 over the burst, more than the
# ln 11 = 2.40 of going up.  The test recomputes it with awk.

test_description='plenum bursts: one known burst in a constructed series'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'build the corpus' '
	i=0 &&
	for spec in 03:1 04:1 05:1 06:1 07:10 08:12 09:11 10:1 11:1 12:1 15:1; do
		day=${spec%%:*} r=${spec##*:} &&
		i=$((i + 1)) &&
		awk -v r="$r" -v d="2022-01-$day" -v i="$i" "BEGIN {
			printf \"{\\\"id\\\": \\\"d%s\\\", \\\"date\\\": \\\"%s\\\", \\\"text\\\": \\\"\", d, d
			for (k = 0; k < i; k++) printf \"pad \"
			for (k = 0; k < r; k++) printf \"hot \"
			for (k = 0; k < 4; k++) printf \"calm \"
			for (k = 0; k < 996 - r - i; k++) printf \"pad \"
			printf \".\\\"}\n\" }" || return 1
	done >c.jsonl &&
	plenum ingest -q --db t.db c.jsonl &&
	test "$(sqlite3 t.db "SELECT min(tokens) || \" \" || max(tokens) FROM doc")" = "1000 1000"
'

test_expect_success 'the burst: days 2022-01-07..09, level 1, count 33' '
	plenum bursts --db t.db --by day hot calm >out &&
	cut -f 1-8 out >got &&
	cat >expect <<-\EOT &&
	term	level	start	end	first	last	buckets	count
	hot	1	2022-01-07	2022-01-09	2022-01-07	2022-01-09	3	33
	EOT
	test_cmp expect got
'

test_expect_success 'weight and expected count by the formula' '
	awk "BEGIN {
		p0 = 41 / 11000; p1 = 2 * p0
		split(\"10 12 11\", r, \" \")
		for (i = 1; i <= 3; i++)
			w += r[i] * log(2) + (1000 - r[i]) * log((1 - p1) / (1 - p0))
		printf \"%.6f %.6f\n\", 3000 * p0, w }" >expect &&
	tail -n 1 out | awk -F"\t" "{ printf \"%.6f %.6f\n\", \$9, \$11 }" >got &&
	test_cmp expect got
'

test_expect_success '--all ranks the vocabulary; calm and pad never burst' '
	plenum bursts --db t.db --by day --all --min-count 1 | cut -f 1 >got &&
	printf "term\nhot\n" >expect &&
	test_cmp expect got
'

test_expect_success 'a dearer move up (--gamma 5) removes the burst' '
	plenum bursts --db t.db --by day --gamma 5 hot >got &&
	test_line_count = 1 got
'

test_expect_success 'usage errors' '
	test_expect_code 2 plenum bursts --db t.db 2>err &&
	grep "no term: name terms or give --all" err &&
	test_expect_code 2 plenum bursts --db t.db --all hot 2>err &&
	grep "one or the other" err &&
	test_expect_code 2 plenum bursts --db t.db --s 1 hot 2>err &&
	grep -- "--s: 1 is out of range" err &&
	test_expect_code 2 plenum bursts --db t.db --gamma x hot 2>err &&
	grep -- "--gamma: expected a number" err
'

test_done
