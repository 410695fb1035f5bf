#!/bin/sh
#
# plenum keyness end to end on the hand-counted fixture of t4001.
#
# tests/data/assoc/fixture.jsonl:
#   d1 2021-01-04 (2021-W01) S1: red fox jumps | red fox sleeps | blue sky   8 tokens
#   d2 2021-01-05 (2021-W01) S1: red car | fox runs fast | red fox           7 tokens
#   d3 2021-01-12 (2021-W02) S2: blue car | green fox                        4 tokens
# Target S2 (d3, c = 4 tokens) against the rest (d1 + d2, d = 15):
#   green 1/0 (only in the target), blue 1/1, car 1/1, fox 1/4,
#   red 0/4, jumps sleeps sky runs fast 0/1: ten terms tested.
# Relative frequencies: green 1/4 vs 0; blue, car 1/4 vs 1/15 -> target;
# fox 1/4 = 0.25 < 4/15 = 0.267 -> reference.
# Every row's measures and the q-values over the ten terms are re-computed
# by tests/data/assoc/measures.py.

test_description='plenum keyness on a hand-counted fixture'
. "$(dirname "$0")/test-lib.sh"

F=$ROOT/tests/data/assoc/fixture.jsonl
M=$ROOT/tests/data/assoc/measures.py

test_expect_success 'ingest the fixture' '
	plenum ingest -q --db t.db "$F"
'

test_expect_success 'a source against the rest: counts, tokens, order' '
	plenum keyness --db t.db --target S2 --min-count 1 --top 0 >out &&
	cut -f1-6 out >got &&
	cat >expect <<-\EOT &&
	term	key	target_count	reference_count	target_tokens	reference_tokens
	green	target	1	0	4	15
	blue	target	1	1	4	15
	car	target	1	1	4	15
	red	reference	0	4	4	15
	fast	reference	0	1	4	15
	jumps	reference	0	1	4	15
	runs	reference	0	1	4	15
	sky	reference	0	1	4	15
	sleeps	reference	0	1	4	15
	fox	reference	1	4	4	15
	EOT
	test_cmp expect got &&
	python3 "$M" keyness out 1 10
'

test_expect_success 'the header names every column of the contract' '
	head -n 1 out >got &&
	printf "term\tkey\ttarget_count\treference_count\ttarget_tokens\treference_tokens\ttarget_per10k\treference_per10k\tg2\tp\tq\tchi2\tlog_ratio\tpdiff\tsimple_maths\tbic\ttarget_docs\treference_docs\n" >expect &&
	test_cmp expect got
'

# green, only in the target: the zero is taken as 0.5 for Log Ratio and
# %DIFF: log2((1/4) / (0.5/15)) = log2(7.5); %DIFF = 100 (1/4 - 1/30) /
# (1/30) = 650; simple maths (250000 + 1) / (0 + 1) = 250001.
test_expect_success 'a term only in the target: the zero-frequency correction' '
	awk -F "\t" "\$1 == \"green\" { print \$13, \$14, \$15 }" out >got &&
	python3 -c "
import math, sys
lr, pd, sm = map(float, open(\"got\").read().split())
ok = abs(lr - math.log2(7.5)) < 1e-12 and abs(pd - 650) < 1e-9 and sm == 250001
sys.exit(0 if ok else 1)"
'

# red, only in the reference: %DIFF is exactly -100 (no correction
# needed), Log Ratio log2((0.5/4) / (4/15)) = log2(15/32).
test_expect_success 'a term only in the reference: pdiff -100, log ratio' '
	awk -F "\t" "\$1 == \"red\" { print \$13, \$14 }" out >got &&
	python3 -c "
import math, sys
lr, pd = map(float, open(\"got\").read().split())
sys.exit(0 if abs(lr - math.log2(15 / 32)) < 1e-12 and pd == -100 else 1)"
'

# fox is in d3 (the target) and in d1 and d2; red in d1 and d2.
test_expect_success 'target_docs and reference_docs' '
	awk -F "\t" "\$1 == \"fox\" || \$1 == \"red\" { print \$1, \$17, \$18 }" out >got &&
	printf "red 0 2\nfox 1 2\n" >expect &&
	test_cmp expect got
'

test_expect_success 'an ISO week against previous:1 is the same comparison' '
	plenum keyness --db t.db --target 2021-W02 --reference previous:1 \
		--min-count 1 --top 0 >out2 &&
	test_cmp out out2
'

# The same comparison as a day (d3 is the only document of 2021-01-12),
# as a day against the previous 8 days (2021-01-04..11: d1 and d2), and
# as a range of the quarter's first 11 days (d1, d2) for the reference.
test_expect_success 'a day, previous:N days, and a quarter' '
	plenum keyness --db t.db --target 2021-01-12 --min-count 1 --top 0 >d &&
	test_cmp out d &&
	plenum keyness --db t.db --target 2021-01-12 --reference previous:8 \
		--min-count 1 --top 0 >d &&
	test_cmp out d &&
	plenum keyness --db t.db --target S2 --reference 2021-Q1..2021-01-11 \
		--min-count 1 --top 0 >d &&
	test_cmp out d &&
	test_expect_code 1 plenum keyness --db t.db --target 2021-Q1 2>err &&
	grep "reference slice has no documents" err
'

# d1 (8 tokens) against d2 + d3 (11): red 2 and 2.  W01 from S1 (d1 + d2,
# 15) against 2021-01-11..2021-W02 (d3, 4): red 4 and 0.
test_expect_success 'ranges, open ends and source combinations' '
	plenum keyness --db t.db --target 2021-01-01..2021-01-04 \
		--reference 2021-01-05.. --min-count 1 --top 0 >a &&
	plenum keyness --db t.db --target 2021-W01,source:S1 \
		--reference 2021-01-11..2021-W02 --min-count 1 --top 0 >b &&
	awk -F "\t" "\$1 == \"red\"" a | cut -f3-6 >got &&
	printf "2\t2\t8\t11\n" >expect &&
	test_cmp expect got &&
	awk -F "\t" "\$1 == \"red\"" b | cut -f2-6 >got &&
	printf "target\t4\t0\t15\t4\n" >expect &&
	test_cmp expect got &&
	python3 "$M" keyness b 1 10
'

# Reference side by Log Ratio, most negative first: red log2((0.5/4) /
# (4/15)) = -1.09, fox log2((1/4) / (4/15)) = -0.09; fast, 0 of 4 against
# 1 of 15, gets log2((0.5/4) / (1/15)) = +0.91 from the zero correction
# on so small a target, so it ranks last although its g2 is negative.
test_expect_success '--measure log_ratio, --side, --smooth' '
	plenum keyness --db t.db --target S2 --min-count 1 --top 3 \
		--measure log_ratio --side reference --smooth 10 >out &&
	cut -f1,2 out >got &&
	printf "term\tkey\nred\treference\nfox\treference\nfast\treference\n" >expect &&
	test_cmp expect got &&
	python3 "$M" keyness out 10 -
'

test_expect_success '--max-q keeps the terms with a small q' '
	plenum keyness --db t.db --target S2 --min-count 1 --top 0 \
		--max-q 0.0001 >out &&
	test_line_count = 1 out
'

test_expect_success '--min-count 5 (the default) tests only fox' '
	plenum keyness --db t.db --target S2 --top 0 | cut -f1,11 >got &&
	test_line_count = 2 got &&
	grep "^fox	" got
'

test_expect_success '--ngram 2: red fox 0 in the target, 3 in the rest' '
	plenum keyness --db t.db --target S2 --ngram 2 --min-count 3 --top 0 \
		| cut -f1-4 >got &&
	printf "term\tkey\ttarget_count\treference_count\nred fox\treference\t0\t3\n" >expect &&
	test_cmp expect got
'

test_expect_success 'an empty target slice is a clear error (exit 1)' '
	test_expect_code 1 plenum keyness --db t.db --target 2021-W05 2>err &&
	grep "target slice has no documents" err
'

test_expect_success 'an empty reference is a clear error (exit 1)' '
	test_expect_code 1 plenum keyness --db t.db --target 2021-W01 \
		--reference previous:3 --from 2021-01-04 2>err &&
	grep "reference slice has no documents" err
'

test_expect_success 'overlapping slices: an error unless --allow-overlap' '
	test_expect_code 2 plenum keyness --db t.db --target 2021-W01 \
		--reference 2021-01 2>err &&
	grep "share 2 of their documents.*--allow-overlap" err &&
	plenum keyness --db t.db --target 2021-W01 --reference 2021-01 \
		--allow-overlap --min-count 1 --top 0 >out &&
	awk -F "\t" "\$1 == \"red\"" out | cut -f3-6 >got &&
	printf "4\t4\t15\t19\n" >expect &&
	test_cmp expect got
'

test_expect_success 'bad slices and options exit 2 and say why' '
	test_expect_code 2 plenum keyness --db t.db 2>err &&
	grep "no target" err &&
	test_expect_code 2 plenum keyness --db t.db --target nowhere 2>err &&
	grep "slice .nowhere.: .nowhere. is not a date" err &&
	test_expect_code 2 plenum keyness --db t.db --target 2021-W53 2>err &&
	grep "2021 has 52 ISO weeks" err &&
	test_expect_code 2 plenum keyness --db t.db --target 2021-02-30 2>err &&
	grep "not a valid date" err &&
	test_expect_code 2 plenum keyness --db t.db --target 2021,2022 2>err &&
	grep "more than one date part" err &&
	test_expect_code 2 plenum keyness --db t.db --target 2021-02..2021-01 2>err &&
	grep "ends before it begins" err &&
	test_expect_code 2 plenum keyness --db t.db --target S2 \
		--reference previous:2 2>err &&
	grep "closed date part" err &&
	test_expect_code 2 plenum keyness --db t.db --target S2 \
		--reference previous:x 2>err &&
	test_expect_code 2 plenum keyness --db t.db --target S2 --measure pmi 2>err &&
	grep "measure.*pmi" err &&
	test_expect_code 2 plenum keyness --db t.db --target S2 --max-q 2 2>err
'

test_done
