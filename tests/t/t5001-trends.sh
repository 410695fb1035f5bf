#!/bin/sh
#
# plenum trends end to end on a hand-made fixture.
#
# tests/data/trends/corpus.jsonl: one 10-token report a year, 2001-2006,
# none in 2004.  Counts per year (2001 2002 2003 2005 2006):
#   rise   0 1 2 3 4    S = +10 (every pair rises)
#   fall   4 3 2 1 0    S = -10
#   wobble 1 3 2 5 4    S = 8 - 2 = +6
#   pad    4 2 3 0 1    S = 2 - 8 = -6
#   flat   1 1 1 1 1    constant: not tested
# The empty year 2004 is left out, so n = 5 (not 6, not a zero).
# Var(S) = 5*4*15/18 = 16.667 (no ties); Z = (10-1)/4.0825 = 2.2045,
# p = 0.027486; Z = (6-1)/4.0825 = 1.2247, p = 0.22067.
# BH over the m = 4 tested: sorted p*m/k = 0.10994 0.054973 0.29423
# 0.22067, step-up minimum from the top: q = 0.054973 (rise, fall) and
# 0.22067 (wobble, pad).

test_description='plenum trends: MK, q-values, sorting and direction on a hand-made fixture'
. "$(dirname "$0")/test-lib.sh"

F=$ROOT/tests/data/trends/corpus.jsonl

# col NAME FILE: term and column NAME of each row (header dropped)
col() {
	awk -F'\t' -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++)
		if ($i == name) c = i; next } { print $1 "\t" $c }' "$2"
}

# pick "NAME ..." FILE: those columns of each row, tab-separated (header
# dropped)
pick() {
	awk -F'\t' -v names="$1" 'NR == 1 {
		n = split(names, want, " ")
		for (i = 1; i <= NF; i++) at[$i] = i
		next
	} {
		line = ""
		for (k = 1; k <= n; k++)
			line = line (k > 1 ? "\t" : "") $at[want[k]]
		print line
	}' "$2"
}

test_expect_success 'ingest the fixture' '
	plenum ingest -q --db t.db "$F"
'

test_expect_success 'the columns the chart of rising terms reads' '
	plenum trends --db t.db --by year --min-count 1 >out &&
	head -n 1 out >header &&
	printf "term\tn\tcount\tmean\tslope\tslope_bucket\tslope_se\tslope_t\tslope_p\tsen_slope\tsen_lower\tsen_upper\tmk_s\tmk_var\tmk_tau\tmk_z\tmk_p\tspearman_rho\tspearman_p\tq\n" >expect &&
	test_cmp expect header
'

test_expect_success 'n leaves the year without reports out; S by hand' '
	col n out | sort >got &&
	printf "fall\t5\nflat\t5\npad\t5\nrise\t5\nwobble\t5\n" >expect &&
	test_cmp expect got &&
	col mk_s out | sort >got &&
	printf "fall\t-10\nflat\t0\npad\t-6\nrise\t10\nwobble\t6\n" >expect &&
	test_cmp expect got
'

test_expect_success 'Var(S), p and BH q by hand' '
	pick "term mk_var mk_p q" out | awk -F"\t" "\$1 != \"flat\" {
		printf \"%s %.4f %.6f %.6f\n\", \$1, \$2, \$3, \$4 }" |
		sort >got &&
	cat >expect <<-\EOT &&
	fall 16.6667 0.027486 0.054973
	pad 16.6667 0.220671 0.220671
	rise 16.6667 0.027486 0.054973
	wobble 16.6667 0.220671 0.220671
	EOT
	test_cmp expect got
'

test_expect_success 'a constant series has no p and no q' '
	pick "term slope slope_p mk_p q" out | grep "^flat	" >flat &&
	printf "flat\t0\t\t\t\n" >expect &&
	test_cmp expect flat
'

test_expect_success '--sort q: q ascending, ties by |tau|, then term' '
	cut -f 1 out >got &&
	printf "term\nfall\nrise\npad\nwobble\nflat\n" >expect &&
	test_cmp expect got
'

test_expect_success '--direction up and down, --top' '
	plenum trends --db t.db --by year --min-count 1 --direction up |
		cut -f 1 >got &&
	printf "term\nrise\nwobble\n" >expect &&
	test_cmp expect got &&
	plenum trends --db t.db --by year --min-count 1 --direction down \
		--top 1 | cut -f 1 >got &&
	printf "term\nfall\n" >expect &&
	test_cmp expect got
'

test_expect_success '--sort slope: by OLS slope, largest first or magnitude' '
	plenum trends --db t.db --by year --min-count 1 --sort slope \
		--direction up | cut -f 1 >got &&
	printf "term\nrise\nwobble\n" >expect &&
	test_cmp expect got &&
	plenum trends --db t.db --by year --min-count 1 --sort tau \
		--direction down | cut -f 1 >got &&
	printf "term\nfall\npad\n" >expect &&
	test_cmp expect got
'

test_expect_success 'q counts only the terms tested: given terms' '
	plenum trends --db t.db --by year rise wobble >out2 &&
	pick "term q" out2 | awk -F"\t" "{ printf \"%s %.6f\n\", \$1, \$2 }" >got &&
	# m = 2: 0.027486 * 2/1 = 0.054973; 0.22067 * 2/2 = 0.22067
	printf "rise 0.054973\nwobble 0.220671\n" >expect &&
	test_cmp expect got
'

test_expect_success '--min-count drops rare terms from the screen' '
	plenum trends --db t.db --by year --min-count 11 | cut -f 1 >got &&
	printf "term\nwobble\n" >expect &&
	test_cmp expect got
'

test_expect_success 'a term the corpus lacks is all zero: not tested' '
	plenum trends --db t.db --by year nosuchword >out3 &&
	test "$(pick "term n count mk_s q" out3)" = "nosuchword	5	0	0	"
'

test_expect_success '--terms FILE reads one expression a line' '
	printf "# rising\nrise\n\nfall\n" >terms &&
	plenum trends --db t.db --by year --terms terms | cut -f 1 >got &&
	printf "term\nfall\nrise\n" >expect &&
	test_cmp expect got
'

test_expect_success 'fewer than 3 buckets with reports: a clear error' '
	test_expect_code 1 plenum trends --db t.db --by year --from 2003 \
		--to 2005 rise 2>err &&
	grep "2 year buckets with reports in range: a trend test needs at least 3" err
'

test_expect_success 'bad options are usage errors' '
	test_expect_code 2 plenum trends --db t.db --sort nope 2>err &&
	grep -- "--sort: expected q, slope, sen or tau" err &&
	test_expect_code 2 plenum trends --db t.db --direction sideways 2>err &&
	grep -- "--direction: expected up, down or both" err &&
	test_expect_code 2 plenum trends --db t.db --terms x rise 2>err &&
	grep -- "--terms and TERM" err
'

test_expect_success '--autocorr keeps S and scales Var(S)' '
	plenum trends --db t.db --by year --autocorr rise >out4 &&
	test "$(pick "mk_s" out4)" = 10
'

# A Han term by its characters or, with --words, by whole tokens.  The
# segmenter cuts "主席出席。" as 主席 出席, "国家主席习近平出席。" as
# 国家主席 习近平 出席 and "全国人大代表出席。" as 全国人大 代表 出席
# (checked below).  The report of year 2000 + k (k = 1..5) has one
# 主席出席, k - 1 sentences with 国家主席 and 5 - k fillers: 14 tokens in
# each, 主席 k times by characters (15 in all, rising: S = +10) and once
# a year as a token (5, flat: S = 0).
test_expect_success '--words counts given Han terms as whole tokens' '
	printf "国家主席习近平出席。" | plenum tokenize | grep "^国家主席  习近平  出席$" &&
	printf "全国人大代表出席。" | plenum tokenize | grep "^全国人大  代表  出席$" &&
	for k in 1 2 3 4 5; do
		t="主席出席。"
		i=1
		while [ $i -le 4 ]; do
			if [ $i -lt $k ]; then t="$t国家主席习近平出席。"
			else t="$t全国人大代表出席。"; fi
			i=$((i + 1))
		done
		printf "{\"id\":\"z%d\",\"date\":\"200%d-06-01\",\"text\":\"%s\"}\n" \
			$k $k "$t"
	done >zh.jsonl &&
	plenum ingest -q --db zh.db zh.jsonl &&
	plenum trends --db zh.db --by year 主席 >chars &&
	plenum trends --db zh.db --by year --words 主席 >words &&
	test "$(pick "count mk_s" chars)" = "$(printf "15\t10")" &&
	test "$(pick "count mk_s" words)" = "$(printf "5\t0")" &&
	test "$(plenum query --db zh.db --words 主席 | cut -f 6 | sort -u)" = "$(printf "1\ncount")"
'

test_done
