#!/bin/sh
#
# The four query commands end to end on a hand-counted fixture.
#
# tests/data/terms/fixture.jsonl, tokens by sentence (stopwords: the, of,
# and, we):
#   a 2020-12-28 (Mon, 2020-W53), S1, 14 tokens:
#     the rule of law matters | rule of law | the rule | of law we speak
#   b 2021-01-03 (Sun, 2020-W53), S2, 6 tokens:
#     development and developing countries need law
#   c 2021-01-11 (Mon, 2021-W02), S1, 6 tokens:
#     peace and development peace and security
# so: law 3+1+0 = 4; "rule of law" 2 (not "the rule. Of law");
# develop* 0+2+1 = 3; peace 2 (in c only); week 2021-W01 has no reports.

test_description='freq, query, kwic and series on a hand-counted fixture'
. "$(dirname "$0")/test-lib.sh"

F=$ROOT/tests/data/terms/fixture.jsonl

test_expect_success 'ingest the fixture' '
	plenum ingest -q --db t.db "$F" &&
	test "$(sqlite3 t.db "SELECT group_concat(tokens) FROM doc ORDER BY id")" = "14,6,6"
'

test_expect_success 'query --by doc: counts, tokens and per10k per document' '
	plenum query --db t.db law >out &&
	cat >expect <<-\EOT &&
	term	doc	date	source	title	count	tokens	per10k
	law	a	2020-12-28	S1	Monday	3	14	2142.8571428571427
	law	b	2021-01-03	S2	Sunday	1	6	1666.6666666666667
	EOT
	test_cmp expect out
'

test_expect_success 'a phrase does not match across a sentence boundary' '
	plenum query --db t.db "rule of law" --by source >out &&
	cat >expect <<-\EOT &&
	term	group	date	count	docs	group_docs	tokens	per10k
	rule of law	S1		2	1	2	20	1000
	rule of law	S2		0	0	1	6	0
	EOT
	test_cmp expect out
'

test_expect_success 'prefix, alternatives and a label' '
	plenum query --db t.db --by source "dev=develop*|peace" >out &&
	cat >expect <<-\EOT &&
	term	group	date	count	docs	group_docs	tokens	per10k
	dev	S1		3	1	2	20	1500
	dev	S2		2	1	1	6	3333.3333333333335
	EOT
	test_cmp expect out
'

test_expect_success 'series by week: 2020-W53, an empty week, then 2021-W02' '
	plenum series --db t.db --by week law >out &&
	cat >expect <<-\EOT &&
	term	bucket	start	end	count	docs	bucket_docs	bucket_tokens	value
	law	2020-W53	2020-12-28	2021-01-03	4	2	2	20	2000
	law	2021-W01	2021-01-04	2021-01-10	0	0	0	0	
	law	2021-W02	2021-01-11	2021-01-17	0	0	1	6	0
	EOT
	test_cmp expect out
'

# Garwood interval for k = 0: lower 0, upper = chi2(0.975; 2)/2 = -ln(0.025).
# Wilson interval for 1 of 1 at z = 1.959963984540054: lower =
# 1/(1 + z^2), upper 1 (computed here with python3's math module).
test_expect_success 'series --ci: Garwood bound at zero, Wilson for docs' '
	plenum series --db t.db --by week --value count --ci peace \
		--format json >out.json &&
	python3 - <<-\EOT
	import json, math
	rows = json.load(open("out.json"))
	w53 = rows[0]
	assert w53["value"] == 0 and w53["lower"] == 0, w53
	assert abs(w53["upper"] + math.log(0.025)) < 1e-9, w53
	assert rows[1]["value"] is None and rows[1]["lower"] is None, rows[1]
	EOT
	plenum series --db t.db --by week --value docs --ci peace \
		--format json >docs.json &&
	python3 - <<-\EOT
	import json
	r = json.load(open("docs.json"))[2]
	z = 1.959963984540054
	assert r["value"] == 1.0, r
	assert abs(r["lower"] - 1 / (1 + z * z)) < 1e-12, r
	assert abs(r["upper"] - 1.0) < 1e-12, r
	EOT
'

test_expect_success 'series --smooth 3 averages the weeks with reports' '
	plenum series --db t.db --by week --value count --smooth 3 law >out &&
	cut -f 1,2,9,10 out >got &&
	printf "term\tbucket\tvalue\tsmooth\nlaw\t2020-W53\t4\t4\nlaw\t2021-W01\t\t2\nlaw\t2021-W02\t0\t0\n" >expect &&
	test_cmp expect got
'

# freq: words without stopwords.  law 4 (a 3, b 1), rule 3 (a),
# (with stopwords: of 3 in a, the 2 in a, and 3 in b and c),
# peace 2 (c), development 2 (b, c); D = 3 documents, 26 tokens.
# dp(law): v = (3/4, 1/4, 0), s = (14/26, 6/26, 6/26):
#   0.5 * (|0.75 - 0.5385| + |0.25 - 0.2308| + 0.2308) = 0.2308
test_expect_success 'freq: counts, per10k, docs, tfidf and dp by hand' '
	plenum freq --db t.db --top 4 --format json >f.json &&
	python3 - <<-\EOT
	import json, math
	rows = {r["term"]: r for r in json.load(open("f.json"))}
	assert list(rows) == ["law", "rule", "development", "peace"], list(rows)
	law = rows["law"]
	assert (law["count"], law["docs"], law["n"]) == (4, 2, 1), law
	assert abs(law["per10k"] - 4 * 10000 / 26) < 1e-9, law
	assert abs(law["tfidf"] - 4 * math.log(3 / 2)) < 1e-9, law
	dp = 0.5 * (abs(0.75 - 14/26) + abs(0.25 - 6/26) + 6/26)
	assert abs(law["dp"] - dp) < 1e-12, (law["dp"], dp)
	assert "the" not in rows and "of" not in rows
	EOT
'

test_expect_success 'freq --stopwords keeps them; --ngram 3 and --by source' '
	plenum freq --db t.db --stopwords --top 0 >out &&
	test "$(grep "^of	" out | cut -f 3)" = 3 &&
	test "$(grep "^the	" out | cut -f 3)" = 2 &&
	plenum freq --db t.db --top 0 >out0 &&
	! grep "^of	" out0 &&
	plenum freq --db t.db --ngram 3 >out3 &&
	test "$(cut -f 1,3 out3 | sed -n 2p)" = "$(printf "rule of law\t2")" &&
	plenum freq --db t.db --by source --top 1 >outs &&
	cut -f 1,2,4 outs >got &&
	printf "group\tterm\tcount\nS1\tlaw\t3\nS2\tcountries\t1\n" >expect &&
	test_cmp expect got
'

test_expect_success 'kwic: original text around each match, phrases within sentences' '
	plenum kwic --db t.db --width 2 "rule of law" >out &&
	cat >expect <<-\EOT &&
	doc	date	source	left	match	right	offset
	a	2020-12-28	S1	The 	Rule of Law	 matters. Rule	4
	a	2020-12-28	S1	Law matters. 	Rule of law	! The rule	25
	EOT
	test_cmp expect out
'

test_expect_success 'kwic --sample with a seed is reproducible and a subset' '
	plenum kwic --db t.db --limit 0 "develop*|law|peace" >all &&
	test_line_count = 10 all &&
	plenum kwic --db t.db --sample 3 --seed 5 "develop*|law|peace" >s1 &&
	plenum kwic --db t.db --sample 3 --seed 5 "develop*|law|peace" >s2 &&
	test_cmp s1 s2 &&
	test_line_count = 4 s1 &&
	sed 1d s1 | while IFS= read -r line; do
		grep -qxF "$line" all || exit 1
	done
'

test_expect_success 'unknown terms count zero; malformed ones are usage errors' '
	plenum query --db t.db --by source nosuchword >out &&
	test "$(cut -f 4 out | sed 1d | sort -u)" = 0 &&
	test_expect_code 2 plenum series --db t.db "law||peace" 2>err &&
	grep "column 5" err &&
	test_expect_code 2 plenum query --db t.db "\"rule of" 2>err &&
	grep "unclosed quote" err &&
	plenum kwic --db t.db nosuchword >out 2>err &&
	test_line_count = 1 out &&
	grep "no occurrences" err
'

test_expect_success '--where filters on metadata fields' '
	printf "{\"id\":\"x\",\"date\":\"2022-01-01\",\"text\":\"Peace now.\",\"party\":\"red\"}\n{\"id\":\"y\",\"date\":\"2022-01-02\",\"text\":\"Peace later.\",\"party\":\"blue\"}\n" >w.jsonl &&
	plenum ingest -q --db w.db w.jsonl &&
	plenum query --db w.db peace --where party=blue >out &&
	test "$(cut -f 2 out | sed 1d)" = y &&
	test_expect_code 2 plenum query --db w.db peace --where nokey
'

test_done
