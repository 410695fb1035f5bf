#!/bin/sh

test_description='plenum diff on hand-made pairs: a word changed, a sentence added, moved, identical, one side empty (English and Chinese); tables, series, HTML, errors'
. "$(dirname "$0")/test-lib.sh"

LC_ALL=C.UTF-8
export LC_ALL

test_expect_success 'set-up: ingest the pairs' '
	plenum ingest --db t.db "$ROOT/tests/data/diff/pairs.jsonl" 2>err &&
	grep "added 16," err
'

# The expected redlines below are written by hand from the texts in
# tests/data/diff/pairs.jsonl.  Counts: e1 and e2 have 14 words (the
# committee raised the rate to 2 percent / inflation is low / growth is
# solid), e3 and e4 16; z1 and z2 15 (会议 强调 要 坚持 稳中求进 工作 总
# 基调 / 要 扩大 国内 需求 / 经济运行 总体 平稳, as the segmenter splits
# them), z3 and z4 18 (要 深化改革 开放 added).

test_expect_success 'English: a word changed' '
	plenum diff --db t.db e2 >actual &&
	cat >expect <<-\EOF &&
	--- e1 2020-01-01
	+++ e2 2020-02-01

	The committee raised the rate to [-2-]{+3+} percent. Inflation is low.

	Growth is solid.

	similarity 0.929: 13 words kept, 1 added, 1 removed
	sentences: 2 kept, 1 changed, 0 added, 0 removed, 0 moved
	entered rate to 3; 3 percent
	left rate to 2; 2 percent
	EOF
	test_cmp expect actual
'

test_expect_success 'English: a word changed, as a table (offsets are bytes)' '
	plenum diff --db t.db e2 e1 --format tsv >actual &&
	printf "op\tsentence\told_sentence\tnew_sentence\told_offset\told_length\tnew_offset\tnew_length\told\tnew\n" >expect &&
	printf "replace\tchanged\t1\t1\t33\t1\t33\t1\t2\t3\n" >>expect &&
	test_cmp expect actual
'

test_expect_success 'English: a sentence added' '
	plenum diff --db t.db e3 >actual &&
	cat >expect <<-\EOF &&
	--- e2 2020-02-01
	+++ e3 2020-03-01

	The committee raised the rate to 3 percent. Inflation is low. {+Unemployment fell.+}

	Growth is solid.

	similarity 0.933: 14 words kept, 2 added, 0 removed
	sentences: 3 kept, 0 changed, 1 added, 0 removed, 0 moved
	entered unemployment fell
	EOF
	test_cmp expect actual
'

test_expect_success 'English: a sentence moved (shown at both places, words kept)' '
	plenum diff --db t.db e4 >actual &&
	cat >expect <<-\EOF &&
	--- e3 2020-03-01
	+++ e4 2020-04-01

	{+Growth is solid.+} The committee raised the rate to 3 percent. Inflation is low. Unemployment fell.

	[-Growth is solid.-]

	similarity 1.000: 16 words kept, 0 added, 0 removed
	sentences: 3 kept, 0 changed, 0 added, 0 removed, 1 moved
	EOF
	test_cmp expect actual &&
	plenum diff --db t.db e4 --format csv >actual &&
	printf "op,sentence,old_sentence,new_sentence,old_offset,old_length,new_offset,new_length,old,new\r\n" >expect &&
	printf "move,moved,4,1,82,16,0,16,Growth is solid.,Growth is solid.\r\n" >>expect &&
	test_cmp expect actual
'

# The comma in "Unemployment, fell" ends a clause, so the phrase
# "unemployment fell" is gone although no word is.
test_expect_success 'English: identical words (case and punctuation differ), and a document against itself' '
	plenum diff --db t.db e5 >actual &&
	cat >expect <<-\EOF &&
	--- e4 2020-04-01
	+++ e5 2020-05-01

	GROWTH is solid! The Committee raised the rate to 3 percent. Inflation is low? Unemployment, fell.

	similarity 1.000: 16 words kept, 0 added, 0 removed
	sentences: 4 kept, 0 changed, 0 added, 0 removed, 0 moved
	left unemployment fell
	EOF
	test_cmp expect actual &&
	plenum diff --db t.db e3 e3 --format tsv >actual &&
	test_line_count = 1 actual
'

test_expect_success 'English: one side empty (a document without words)' '
	plenum diff --db t.db e1 >actual &&
	cat >expect <<-\EOF &&
	--- e0 2019-12-01
	+++ e1 2020-01-01

	{+The committee raised the rate to 2 percent. Inflation is low.

	Growth is solid.+}

	similarity 0.000: 0 words kept, 14 added, 0 removed
	sentences: 0 kept, 0 changed, 3 added, 0 removed, 0 moved
	entered committee raised; raised the rate; rate to 2; 2 percent; inflation is low; growth is solid
	EOF
	test_cmp expect actual &&
	plenum diff --db t.db e0 e1 --summary >actual &&
	cut -f6-15 actual >cols &&
	printf "0.0000\t0\t0\t14\t0\t0\t0\t0\t3\t0\n" >expect &&
	sed 1d cols >actual &&
	test_cmp expect actual
'

test_expect_success 'two sentences merged into one, and one split in two: one changed sentence' '
	plenum diff --db t.db m2 >actual &&
	sed -n 4p actual >line &&
	echo "Growth is solid. The rate is 3 percent. Inflation is low; unemployment fell." >expect &&
	test_cmp expect line &&
	grep "^similarity 1.000: 13 words kept, 0 added, 0 removed$" actual &&
	grep "^sentences: 2 kept, 1 changed, 0 added, 0 removed, 0 moved$" actual &&
	plenum diff --db t.db m3 >actual &&
	sed -n 4p actual >line &&
	echo "Growth is solid. The rate is 3 percent. Inflation is low. Unemployment fell {+sharply+}!" >expect &&
	test_cmp expect line &&
	plenum diff --db t.db m3 --format tsv >actual &&
	printf "insert\tchanged\t3\t3\t75\t0\t76\t7\t\tsharply\n" >expect &&
	sed 1d actual >body &&
	test_cmp expect body
'

test_expect_success 'Chinese: a word changed (compared by word, not by character)' '
	plenum diff --db t.db z2 >actual &&
	cat >expect <<-\EOF &&
	--- z1 2020-01-01
	+++ z2 2020-02-01

	会议强调，要[-坚持-]{+推进+}稳中求进工作总基调。要扩大国内需求。经济运行总体平稳。

	similarity 0.933: 14 words kept, 1 added, 1 removed
	sentences: 2 kept, 1 changed, 0 added, 0 removed, 0 moved
	entered 推进稳中求进工作
	left 坚持稳中求进工作
	EOF
	test_cmp expect actual &&
	plenum diff --db t.db z2 --format tsv >actual &&
	printf "replace\tchanged\t1\t1\t18\t6\t18\t6\t坚持\t推进\n" >expect &&
	sed 1d actual >body &&
	test_cmp expect body
'

test_expect_success 'Chinese: a sentence added' '
	plenum diff --db t.db z3 >actual &&
	sed -n 4p actual >line &&
	echo "会议强调，要推进稳中求进工作总基调。要扩大国内需求。{+要深化改革开放。+}经济运行总体平稳。" >expect &&
	test_cmp expect line &&
	grep "^similarity 0.909: 15 words kept, 3 added, 0 removed$" actual &&
	grep "^sentences: 3 kept, 0 changed, 1 added, 0 removed, 0 moved$" actual
'

test_expect_success 'Chinese: a sentence moved' '
	plenum diff --db t.db z4 >actual &&
	sed -n 4p actual >line &&
	echo "{+经济运行总体平稳。+}会议强调，要推进稳中求进工作总基调。要扩大国内需求。要深化改革开放。[-经济运行总体平稳。-]" >expect &&
	test_cmp expect line &&
	grep "^sentences: 3 kept, 0 changed, 0 added, 0 removed, 1 moved$" actual
'

test_expect_success 'Chinese: identical, and one side empty' '
	plenum diff --db t.db z4 z4 >actual &&
	grep "^similarity 1.000: 18 words kept, 0 added, 0 removed$" actual &&
	plenum diff --db t.db z0 z1 >actual &&
	sed -n 4p actual >line &&
	echo "[-会议强调，要坚持稳中求进工作总基调。要扩大国内需求。经济运行总体平稳。-]" >expect &&
	test_cmp expect line &&
	grep "^similarity 0.000: 0 words kept, 0 added, 15 removed$" actual
'

test_expect_success 'phrases that entered and left, as a table' '
	plenum diff --db t.db e2 --phrases >actual &&
	cat >expect <<-\EOF &&
	change	phrase	n	count	offset
	entered	rate to 3	3	1	25
	entered	3 percent	2	1	33
	left	rate to 2	3	1	25
	left	2 percent	2	1	33
	EOF
	test_cmp expect actual
'

test_expect_success '--series: each document against the one before in its source' '
	plenum diff --db t.db --series --source en >actual &&
	cut -f2,3,5,6,7,8,9 actual >cols &&
	cat >expect <<-\EOF &&
	date	doc	prev	similarity	words_kept	words_added	words_removed
	2020-01-01	e1	e0	0.0000	0	14	0
	2020-02-01	e2	e1	0.9286	13	1	1
	2020-03-01	e3	e2	0.9333	14	2	0
	2020-04-01	e4	e3	1.0000	16	0	0
	2020-05-01	e5	e4	1.0000	16	0	0
	EOF
	test_cmp expect cols &&
	plenum diff --db t.db --series --from 2020-02 --to 2020-03 >actual &&
	cut -f3 actual >docs &&
	printf "doc\ne3\nm3\nz3\n" >expect &&
	test_cmp expect docs
'

test_expect_success '--title keeps one kind of document in the series and for the predecessor' '
	plenum diff --db t.db --series --source html >actual &&
	test_line_count = 2 actual &&
	plenum diff --db t.db --series --source html --title Rates >actual &&
	test_line_count = 1 actual &&
	plenum diff --db t.db --title Rates h2 >actual &&
	grep "^--- h1 2020-01-01" actual &&
	test_expect_code 1 plenum diff --db t.db --title nosuch h2 2>err &&
	grep "first of source .html. among those selected" err
'

test_expect_success 'colour on request: red deletions, green insertions, still marked' '
	plenum diff --db t.db e2 --color always >actual &&
	printf "The committee raised the rate to \033[1;31m[-2-]\033[0m\033[1;32m{+3+}\033[0m percent. Inflation is low.\n" >expect &&
	sed -n 4p actual >line &&
	test_cmp expect line &&
	plenum diff --db t.db e2 --color never | sed -n 4p >line &&
	! grep "$(printf "\033")" line
'

test_expect_success 'HTML: one page, everything escaped, no script, nothing fetched' '
	plenum diff --db t.db h2 --format html >page.html &&
	grep "<del>2</del><ins>3</ins>" page.html &&
	grep "Rates stay &lt; <del>2</del><ins>3</ins> &amp; steady. &lt;script&gt;alert(1)&lt;/script&gt; is text." page.html &&
	grep "&lt;b&gt;Rates&lt;/b&gt; &amp; &quot;more&quot;" page.html &&
	! grep -i "<script" page.html &&
	! grep -i "src=\|href=\|@import\|url(" page.html &&
	grep "default-src .none." page.html
'

test_expect_success 'errors: unknown id, no predecessor (exit 1, clear message)' '
	test_expect_code 1 plenum diff --db t.db nosuch 2>err &&
	grep "plenum diff: t.db: no document .nosuch." err &&
	test_expect_code 1 plenum diff --db t.db e2 nosuch 2>err &&
	grep "no document .nosuch." err &&
	test_expect_code 1 plenum diff --db t.db e0 2>err &&
	grep "plenum diff: document .e0. (2019-12-01) is the first of source .en.: no previous document" err
'

test_expect_success 'usage errors exit 2' '
	test_expect_code 2 plenum diff --db t.db 2>err &&
	grep "no document: name DOC" err &&
	test_expect_code 2 plenum diff --db t.db a b c 2>err &&
	test_expect_code 2 plenum diff --db t.db --series e1 2>err &&
	test_expect_code 2 plenum diff --db t.db --color sometimes e1 2>err &&
	grep "expected auto, always or never" err &&
	test_expect_code 2 plenum diff --db t.db --format html --summary e1 2>err &&
	test_expect_code 2 plenum diff --db t.db --from 2020 e1 2>err &&
	test_expect_code 1 plenum diff --db missing.db e1 2>err
'

test_done
