#!/bin/sh
#
# plenum cooc end to end on a hand-counted fixture.
#
# tests/data/assoc/fixture.jsonl, tokens by position (| a sentence break):
#   d1 2021-01-04 S1:  0 red 1 fox 2 jumps | 3 red 4 fox 5 sleeps | 6 blue 7 sky
#   d2 2021-01-05 S1:  0 red 1 car | 2 fox 3 runs 4 fast | 5 red 6 fox
#   d3 2021-01-12 S2:  0 blue 1 car | 2 green 3 fox
# N = 8 + 7 + 4 = 19 tokens, 8 sentences, 3 documents; no stopwords.
#
# fox, window 1 left and 1 right (windows cross sentence breaks):
#   d1: fox@1 -> {0,2}, fox@4 -> {3,5}; d2: fox@2 -> {1,3}, fox@6 -> {5};
#   d3: fox@3 -> {2}.  span = 4 + 3 + 1 = 8 positions, node_freq 5.
#   o11: red 3 (d1@0, d1@3, d2@5), car 1, green 1, jumps 1, runs 1, sleeps 1.
#   coll_freq (corpus): red 4, car 2, the others 1.
#   e11(red) = 8 * 4 / 19 = 1.684...; e11(car) = 8 * 2 / 19 = 0.842 < 1.
# The measures of every row are re-computed from its counts by
# tests/data/assoc/measures.py (an independent implementation).

test_description='plenum cooc on a hand-counted fixture'
. "$(dirname "$0")/test-lib.sh"

F=$ROOT/tests/data/assoc/fixture.jsonl
M=$ROOT/tests/data/assoc/measures.py

test_expect_success 'ingest the fixture' '
	plenum ingest -q --db t.db "$F" &&
	test "$(sqlite3 t.db "SELECT group_concat(tokens) FROM doc ORDER BY id")" = "8,7,4"
'

test_expect_success 'window 1/1: counts by hand, ranked by o11 then collocate' '
	plenum cooc --db t.db --left 1 --right 1 --min-count 1 --measure o11 \
		fox >out &&
	cut -f1,2,4-7 out >got &&
	cat >expect <<-\EOT &&
	collocate	o11	node_freq	coll_freq	span	n
	red	3	5	4	8	19
	car	1	5	2	8	19
	green	1	5	1	8	19
	jumps	1	5	1	8	19
	runs	1	5	1	8	19
	sleeps	1	5	1	8	19
	EOT
	test_cmp expect got &&
	python3 "$M" cooc out
'

test_expect_success 'the header names every column of the contract' '
	head -n 1 out >got &&
	printf "collocate\to11\te11\tnode_freq\tcoll_freq\tspan\tn\tpmi\tnpmi\tmi3\tg2\tp\tt\tz\tdice\tlogdice\tchi2\n" >expect &&
	test_cmp expect got
'

# red, e11 = 32/19: pmi = log2(3 * 19 / 32) = log2(1.78125).
test_expect_success 'window: pmi of red is log2(57/32)' '
	awk -F "\t" "\$1 == \"red\" { print \$8 }" out >got &&
	python3 -c "import math,sys; g=float(open(\"got\").read()); sys.exit(abs(g-math.log2(57/32))>1e-12)"
'

test_expect_success 'min-count 3 (the default) keeps only red' '
	plenum cooc --db t.db --left 1 --right 1 fox | cut -f1 >got &&
	printf "collocate\nred\n" >expect &&
	test_cmp expect got
'

# red fox occurs at d1@0-1, d1@3-4, d2@5-6.  Window 1/1: d1 {2} and {2,5}
# (jumps@2 is in both spans and counts once), d2 {4}: span 3.
test_expect_success 'a phrase node; overlapping spans count a token once' '
	plenum cooc --db t.db --left 1 --right 1 --min-count 1 --measure o11 \
		"red fox" | cut -f1,2,4-7 >got &&
	cat >expect <<-\EOT &&
	collocate	o11	node_freq	coll_freq	span	n
	fast	1	3	1	3	19
	jumps	1	3	1	3	19
	sleeps	1	3	1	3	19
	EOT
	test_cmp expect got
'

# --within-sentence: d1 fox@1 keeps {0,2}, fox@4 {3,5}; d2 fox@2 loses
# car@1 (the sentence before) and keeps runs@3, fox@6 keeps red@5; d3
# fox@3 keeps green@2.  span 4 + 2 + 1 = 7, and car is gone.
test_expect_success '--within-sentence keeps the window in the sentence' '
	plenum cooc --db t.db --left 1 --right 1 --within-sentence \
		--min-count 1 --measure o11 fox >out &&
	cut -f1,2,4-7 out >got &&
	cat >expect <<-\EOT &&
	collocate	o11	node_freq	coll_freq	span	n
	red	3	5	4	7	19
	green	1	5	1	7	19
	jumps	1	5	1	7	19
	runs	1	5	1	7	19
	sleeps	1	5	1	7	19
	EOT
	test_cmp expect got &&
	python3 "$M" cooc out
'

# red, right 1 only: d1 red@0 -> fox, red@3 -> fox; d2 red@0 -> car,
# red@5 -> fox.  span 4; fox o11 3 of coll_freq 5, car 1 of 2.
test_expect_success 'asymmetric window --left 0 --right 1' '
	plenum cooc --db t.db --left 0 --right 1 --min-count 1 red >out &&
	cut -f1,2,4-7 out >got &&
	cat >expect <<-\EOT &&
	collocate	o11	node_freq	coll_freq	span	n
	fox	3	4	5	4	19
	car	1	4	2	4	19
	EOT
	test_cmp expect got &&
	python3 "$M" cooc out
'

# Sentences with fox: d1 s1 s2, d2 s2 s3, d3 s2 -> node_freq 5 of n 8.
# red is in 4 sentences, 3 of them with fox: e11 = 5 * 4 / 8 = 2.5 < 3.
# The others with fox (jumps, sleeps, runs, fast, green) are in one
# sentence each: e11 = 5/8.
test_expect_success 'sentence span: units are sentences' '
	plenum cooc --db t.db --span sentence --min-count 1 --measure o11 \
		fox >out &&
	cut -f1,2,4-7 out >got &&
	cat >expect <<-\EOT &&
	collocate	o11	node_freq	coll_freq	span	n
	red	3	5	4	5	8
	fast	1	5	1	5	8
	green	1	5	1	5	8
	jumps	1	5	1	5	8
	runs	1	5	1	5	8
	sleeps	1	5	1	5	8
	EOT
	test_cmp expect got &&
	python3 "$M" cooc out
'

# Documents: fox is in all three (node_freq 3 = n), so every o11 equals
# its e11 = 3 * df / 3: no attraction.  --all shows them with g2 0 and
# pmi 0.  red: o11 2 = coll_freq 2, a table with two empty cells.
test_expect_success 'doc span: O11 = E11 is not attraction; --all shows it' '
	plenum cooc --db t.db --span doc --min-count 1 fox 2>err >out &&
	test_line_count = 1 out &&
	grep "no collocate passes the filters" err &&
	plenum cooc --db t.db --span doc --min-count 2 --all fox >out &&
	cut -f1,2,4-7,8,11 out >got &&
	cat >expect <<-\EOT &&
	collocate	o11	node_freq	coll_freq	span	n	pmi	g2
	blue	2	3	2	3	3	0	0
	car	2	3	2	3	3	0	0
	red	2	3	2	3	3	0	0
	EOT
	test_cmp expect got
'

test_expect_success 'doc span: red is in d1 and d2, blue in d1 and d3' '
	plenum cooc --db t.db --span doc --min-count 1 --all red >out &&
	cut -f1,2,4-7 out >got &&
	cat >expect <<-\EOT &&
	collocate	o11	node_freq	coll_freq	span	n
	fox	2	2	3	2	3
	car	1	2	2	2	3
	fast	1	2	1	2	3
	jumps	1	2	1	2	3
	runs	1	2	1	2	3
	sleeps	1	2	1	2	3
	blue	1	2	2	2	3
	sky	1	2	1	2	3
	EOT
	python3 "$M" cooc out &&
	sort got >got.s && sort expect >expect.s && test_cmp expect.s got.s
'

test_expect_success '--from/--to narrow every count' '
	plenum cooc --db t.db --span doc --min-count 1 --all --to 2021-01-05 \
		fox | cut -f1,2,4-7 | sed -n "1p;/^red/p" >got &&
	printf "collocate\to11\tnode_freq\tcoll_freq\tspan\tn\nred\t2\t2\t2\t2\t2\n" >expect &&
	test_cmp expect got
'

test_expect_success 'a node with no hits: empty table, a note, exit 0' '
	plenum cooc --db t.db zebra >out 2>err &&
	test_line_count = 1 out &&
	grep "zebra.*no occurrences" err
'

test_expect_success 'stopwords are left out unless --stopwords' '
	printf "%s\n" "{\"id\":\"s\",\"date\":\"2021-02-01\",\"text\":\"The fox and the hound.\"}" >s.jsonl &&
	plenum ingest -q --db s.db s.jsonl &&
	plenum cooc --db s.db --min-count 1 fox | cut -f1 >got &&
	printf "collocate\nhound\n" >expect &&
	test_cmp expect got &&
	plenum cooc --db s.db --min-count 1 --stopwords --measure o11 fox |
		cut -f1,2 >got &&
	printf "collocate\to11\nthe\t2\nand\t1\nhound\t1\n" >expect &&
	test_cmp expect got
'

# Sentences: red 4 (s1 s2 s4 s6), fox 5, blue 2 (d1 s3, d3 s1); red and
# fox together in 3, blue with neither.  n = 8.
test_expect_success '--matrix by sentence: every ordered pair, long form' '
	plenum cooc --db t.db --matrix --span sentence red fox blue >out &&
	cut -f1-3,5-7 out >got &&
	cat >expect <<-\EOT &&
	term_a	term_b	o11	freq_a	freq_b	n
	fox	red	3	5	4	8
	red	fox	3	4	5	8
	blue	red	0	2	4	8
	red	blue	0	4	2	8
	blue	fox	0	2	5	8
	fox	blue	0	5	2	8
	EOT
	test_cmp expect got &&
	python3 "$M" matrix out
'

# Documents: red {d1,d2}, fox {d1,d2,d3}, blue {d1,d3}: red-fox 2,
# red-blue 1, fox-blue 2; n = 3.
test_expect_success '--matrix by document (the default)' '
	plenum cooc --db t.db --matrix --measure o11 red fox blue >out &&
	cut -f1-3,5-7 out | sort >got &&
	cat >expect <<-\EOT &&
	blue	fox	2	2	3	3
	blue	red	1	2	2	3
	fox	blue	2	3	2	3
	fox	red	2	3	2	3
	red	blue	1	2	2	3
	red	fox	2	2	3	3
	term_a	term_b	o11	freq_a	freq_b	n
	EOT
	test_cmp expect got &&
	python3 "$M" matrix out
'

# The fixture has ten words, so --top-terms 10 takes them all: 10 * 9
# ordered pairs, every one printed (a matrix has no --top 50 default).
test_expect_success '--matrix --top-terms N: every pair of the N words' '
	plenum cooc --db t.db --matrix --top-terms 10 >out &&
	test_line_count = 91 out &&
	cut -f1 out | sed 1d | sort -u | tr "\n" " " >got &&
	printf "blue car fast fox green jumps red runs sky sleeps " >expect &&
	test_cmp expect got &&
	python3 "$M" matrix out
'

# Indexed bigrams: red fox 3, red car 1, blue sky 1, blue car 1, fox
# jumps 1, fox sleeps 1, fox runs 1, runs fast 1, green fox 1; with
# min-count 2 only "red fox": o11 3, freq red 4, fox 5, n 19.
test_expect_success '--bigrams: the indexed bigrams with word marginals' '
	plenum cooc --db t.db --bigrams --min-count 2 >out &&
	cut -f1-4,6-8 out >got &&
	cat >expect <<-\EOT &&
	bigram	w1	w2	o11	freq_1	freq_2	n
	red fox	red	fox	3	4	5	19
	EOT
	test_cmp expect got &&
	python3 "$M" bigrams out
'

# The preamble of the UN Charter as a corpus: NLTK's BigramCollocationFinder
# over its sentences with plenum's stopwords as a word filter
# (tests/data/assoc/nltk-charter.tsv, from make-fixtures.py) must find the
# same bigrams with the same counts, and score them the same.
test_expect_success '--bigrams agrees with NLTK BigramCollocationFinder' '
	plenum ingest -q --db ch.db "$ROOT/tests/data/assoc/charter.jsonl" &&
	plenum cooc --db ch.db --bigrams --all --min-count 1 --top 0 >out &&
	python3 - "$ROOT/tests/data/assoc/nltk-charter.tsv" out <<-\EOT
	import csv, math, sys
	def rows(p):
	    with open(p, newline="") as f:
	        return {r["bigram"]: r for r in csv.DictReader(f, delimiter="\t")}
	want, got = rows(sys.argv[1]), rows(sys.argv[2])
	assert set(want) == set(got), sorted(set(want) ^ set(got))
	for b, w in want.items():
	    g = got[b]
	    for x, y in [("o11", "n_ii"), ("freq_1", "n_ix"), ("freq_2", "n_xi"),
	                 ("n", "n_xx")]:
	        assert int(g[x]) == int(w[y]), (b, x, g[x], w[y])
	    for x, y, f in [("pmi", "pmi", float), ("g2", "likelihood_ratio", abs),
	                    ("chi2", "chi_sq", float), ("t", "student_t", float),
	                    ("dice", "dice", float)]:
	        assert math.isclose(f(float(g[x])), float(w[y]), rel_tol=1e-9), \
	            (b, x, g[x], w[y])
	print(len(want), "bigrams agree")
	EOT
'

# z1: 0 经济 1 发展 | 2 经济 3 增长 | 4 人民 5 生活; z2: 人民 发展.
# 经济 window 1/1: @0 -> {1}, @2 -> {1,3}: span 2; 发展 1 of 2, 增长 1 of 1.
test_expect_success 'Chinese: collocates of a Chinese word' '
	plenum ingest -q --db zh.db "$ROOT/tests/data/assoc/zh.jsonl" &&
	plenum cooc --db zh.db --left 1 --right 1 --min-count 1 --measure o11 \
		经济 >out &&
	cut -f1,2,4-7 out >got &&
	cat >expect <<-\EOT &&
	collocate	o11	node_freq	coll_freq	span	n
	发展	1	2	2	2	8
	增长	1	2	1	2	8
	EOT
	test_cmp expect got &&
	python3 "$M" cooc out
'

# fox is in every document (span = n = 3): chi-square divides by n - span
# = 0, so it is undefined: null in JSON; pmi = log2(1) = 0 is defined.
test_expect_success 'JSON output: an undefined measure is null' '
	plenum cooc --db t.db --span doc --min-count 1 --all --format json \
		fox >out.json &&
	python3 -c "import json; r=json.load(open(\"out.json\")); assert len(r) == 9 and all(x[\"chi2\"] is None and x[\"pmi\"] == 0 and x[\"n\"] == 3 for x in r), r"
'

# A generated fixture (400 documents, five months, tests/data/assoc/
# cooc-brute.py), its collocates counted by brute force from the JSON
# Lines text: a word, a prefix and alternatives (read from the token ids
# alone), phrases (the matcher), every span, --within-sentence, filters
# that take whole months (stored word counts) or cut one (a scan of the
# documents in range, or the posting lists of a rare node) and --scan
# (for windows and documents).
B=$ROOT/tests/data/assoc/cooc-brute.py
test_expect_success 'generate and ingest the brute-force fixture' '
	python3 "$B" gen g.jsonl &&
	plenum ingest -q --db g.db g.jsonl
'

# brute NODE SPAN FROM TO [OPTIONS]: plenum's counts equal the brute
# force's for every collocate (more than 20 of them).
brute() {
	node=$1 span=$2 from=$3 to=$4 &&
	shift 4 &&
	python3 "$B" cooc g.jsonl "$node" "$span" "$from" "$to" >expect &&
	plenum cooc --db g.db --all --top 0 --min-count 1 "$@" "$node" >out &&
	sed 1d out | cut -f1,2,4-7 | LC_ALL=C sort >got &&
	test "$(wc -l <got)" -gt 20 &&
	test_cmp expect got &&
	python3 "$M" cooc out
}

while read node span from to opts
do
	test_expect_success "brute force: $node, $span $from $to $opts" "
		brute '$node' $span $from $to $opts
	"
done <<-\EOT
kalo	window:5:5	-	-
kalo	window:2:0	-	-	--left 2 --right 0
kalo	window:0:3	-	-	--left 0 --right 3
kalo	window:5:5:s	-	-	--within-sentence
kalo	sentence	-	-	--span sentence
kalo	doc	-	-	--span doc
kalo	doc	-	-	--span doc --scan
mi*	doc	2022-02-01	2022-03-31	--span doc --from 2022-02-01 --to 2022-03-31
kalo	window:5:5	-	-	--scan
kalo	window:5:5	2022-02-01	2022-03-31	--from 2022-02-01 --to 2022-03-31
kalo	window:5:5	2022-02-10	-	--from 2022-02-10
mizu	window:5:5	2022-02-10	-	--from 2022-02-10
kalo	doc	2022-02-10	-	--span doc --from 2022-02-10
mi*	window:5:5	-	-
mi*	sentence	-	-	--span sentence
kalo|mizu	window:5:5	-	-
kalo|mi*	window:3:3	-	-	--left 3 --right 3
kalo|mi*	window:3:3:s	2022-02-10	-	--left 3 --right 3 --within-sentence --from 2022-02-10
EOT

# Phrases have spaces, so they are tested one by one.
test_expect_success 'brute force: a phrase that overlaps itself' '
	brute "kalo kalo" window:5:5 - -
'

test_expect_success 'brute force: a word or a longer phrase, leftmost longest' '
	brute "kalo|kalo kami" window:5:5 - - &&
	brute "kalo|kalo kami" sentence - - --span sentence
'

test_expect_success 'usage errors exit 2 and name the problem' '
	test_expect_code 2 plenum cooc --db t.db 2>err &&
	grep "no term" err &&
	test_expect_code 2 plenum cooc --db t.db --measure bogus fox 2>err &&
	grep "measure.*bogus" err &&
	test_expect_code 2 plenum cooc --db t.db --span words fox 2>err &&
	grep "span.*words" err &&
	test_expect_code 2 plenum cooc --db t.db --span doc --left 2 fox 2>err &&
	grep "left, --right and --within-sentence need a window" err &&
	test_expect_code 2 plenum cooc --db t.db --left 0 --right 0 fox 2>err &&
	grep "window is empty" err &&
	test_expect_code 2 plenum cooc --db t.db --matrix fox 2>err &&
	grep "at least two" err &&
	test_expect_code 2 plenum cooc --db t.db --matrix --span window:3 a b 2>err &&
	test_expect_code 2 plenum cooc --db t.db "a||b" 2>err &&
	grep "empty alternative" err
'

test_expect_success 'no document in range is exit 1, for every form' '
	test_expect_code 1 plenum cooc --db t.db --from 2030 fox 2>err &&
	grep "no documents match the filters" err &&
	test_expect_code 1 plenum cooc --db t.db --from 2030 --matrix fox red 2>err &&
	grep "no documents match the filters" err &&
	test_expect_code 1 plenum cooc --db t.db --from 2030 --bigrams 2>err &&
	grep "no documents match the filters" err
'

test_expect_success 'a missing database is exit 1' '
	test_expect_code 1 plenum cooc --db nothere.db fox 2>err
'

test_done
