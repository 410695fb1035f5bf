#!/bin/sh
#
# plenum report, "What changed since the last one": a hand-made corpus
# with a serial source (board: two statements, "alpha" became "beta" and
# one sentence with markup in it was dropped), a daily-news-like feed (20
# unrelated items in the month) and a source with two unrelated notes.
# Expected by hand: one redline (board), the feed named and not compared,
# the unrelated pair listed without a redline; the page escapes the
# texts.  On fomc-statements (skipped without ../shared): 2008-Q4 shows
# the move to a 0 to 1/4 percent target range, the pairs are those a
# python3 script finds over the JSONL, and each row equals plenum diff's.

test_description='plenum report: what changed since the last one'
. "$(dirname "$0")/test-lib.sh"

if ! test_have_prog python3; then
	skip_all 'needs python3'
fi
LC_ALL=C.UTF-8
PYTHONUTF8=1
export LC_ALL PYTHONUTF8

# col FILE KEYCOL KEY COL: the COL of the row whose KEYCOL is KEY.
col() {
	awk -F '\t' -v kc="$2" -v k="$3" -v c="$4" '
	NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	$h[kc] == k { print $h[c]; exit }' "$1"
}

test_expect_success 'fixture: a series, a feed, two unrelated notes' '
	python3 - <<-\PY &&
	import json
	d = [dict(id="b1", date="2024-01-10", source="board",
	          title="Board statement",
	          text="The board kept the rate at alpha percent. "
	               "Risks <b>remain</b> & grow. Growth is steady."),
	     dict(id="b2", date="2024-02-14", source="board",
	          title="Board statement <script>x</script>",
	          text="The board kept the rate at beta percent. "
	               "Growth is steady.")]
	w = ("apple river stone cloud paper music garden window silver "
	     "forest tiger lemon harbor candle mirror planet violin desert "
	     "engine castle").split()
	for i in range(20):
	    a, b = w[i], w[(i * 7 + 3) % 20]
	    d.append(dict(id="n%02d" % i, date="2024-02-%02d" % (i + 1),
	                  source="news", title="Item %d" % i,
	                  text="The %s met the %s today. People saw a %s "
	                       "near the %s." % (a, b, b, a)))
	d.append(dict(id="m1", date="2024-02-03", source="misc", title="Note",
	              text="Quarterly volumes of timber exports rose sharply."))
	d.append(dict(id="m2", date="2024-02-20", source="misc", title="Note",
	              text="Students celebrated graduation with fireworks."))
	with open("c.jsonl", "w") as f:
	    for x in d:
	        f.write(json.dumps(x) + "\n")
	PY
	plenum ingest -q --db c.db c.jsonl &&
	plenum report --db c.db --period month --at 2024-02 -o rep >/dev/null &&
	test_path_is_file rep/data/changed.tsv &&
	test_path_is_file rep/data/changed-sources.tsv &&
	test_path_is_file rep/data/changed-edits.tsv
'

test_expect_success 'the serial source: alpha became beta, in the TSV' '
	printf "%s\n" "doc	prev	op	sentence	old	new" \
	    "b2	b1	replace	changed	alpha	beta" \
	    "b2	b1	delete	removed	Risks <b>remain</b> & grow.	" >expect &&
	test_cmp expect rep/data/changed-edits.tsv &&
	test "$(col rep/data/changed.tsv doc b2 prev)" = b1 &&
	test "$(col rep/data/changed-sources.tsv source board redlines)" = 1
'

test_expect_success 'the phrases that entered and left, as plenum diff --phrases' '
	plenum diff --db c.db --phrases --format tsv b2 b1 |
	    awk -F "\t" "NR > 1 { print \"b2\tb1\t\" \$1 \"\t\" \$2 \"\t\" \$4 }" >want &&
	sed 1d rep/data/changed-phrases.tsv >got &&
	test_cmp want got &&
	grep -q "^b2	b1	entered	rate at beta	1$" got &&
	grep -q "^b2	b1	left	alpha percent	1$" got &&
	grep -F "<b>Phrases entered</b>: <span class=\"term\" title=\"rate at beta\">rate at beta</span>" rep/index.html
'

test_expect_success 'the summary row is plenum diff --summary of the pair' '
	plenum diff --db c.db --summary --format tsv b2 b1 >d.tsv &&
	grep "^board	" rep/data/changed.tsv >got &&
	sed -n 2p d.tsv >want &&
	test_cmp want got &&
	test "$(col rep/data/changed.tsv doc b2 words_kept)" = 10
'

test_expect_success 'the page: the redline with <del>/<ins>, escaped' '
	grep -F "<div class=\"redline\">The board kept the rate at <del>alpha</del><ins>beta</ins> percent. <del>Risks &lt;b&gt;remain&lt;/b&gt; &amp; grow.</del> Growth is steady.</div>" rep/index.html &&
	grep -F "Board statement &lt;script&gt;x&lt;/script&gt;" rep/index.html &&
	! grep -i "<script" rep/index.html &&
	! grep "<b>remain" rep/index.html &&
	grep -F "<pre>plenum diff --db c.db b2 b1</pre>" rep/index.html
'

test_expect_success 'the feed: named, not compared, no wall of diffs' '
	test "$(col rep/data/changed-sources.tsv source news reports)" = 20 &&
	test "$(col rep/data/changed-sources.tsv source news compared)" = 0 &&
	! grep -q "^news	" rep/data/changed.tsv &&
	! grep -q "	n[0-9][0-9]	" rep/data/changed-edits.tsv &&
	grep -F "Not compared, 1 feed: news (20 reports)." rep/index.html &&
	test "$(grep -c "<div class=\"redline\">" rep/index.html)" = 1
'

test_expect_success 'unrelated notes: listed with similarity 0, no redline' '
	test "$(col rep/data/changed.tsv doc m2 similarity)" = 0.0000 &&
	test "$(col rep/data/changed-sources.tsv source misc redlines)" = 0 &&
	col rep/data/changed-sources.tsv source misc note >note &&
	grep "1 unrelated (similarity under 0.15)" note &&
	grep -F "<td>unrelated</td>" rep/index.html
'

if test_have_shared && test -f "$SHARED/corpora/fomc-statements/docs.jsonl"; then
	test_expect_success 'fomc-statements 2008-Q4: the 0 to 1/4 percent target range' '
		J=$SHARED/corpora/fomc-statements/docs.jsonl &&
		plenum ingest -q --db fomc.db "$J" &&
		plenum report --db fomc.db --period quarter --at 2008-Q4 \
		    -o fomc >/dev/null &&
		grep -q "fomc-stmt-2008-12-16-fomc-statement	fomc-stmt-2008-10-29-fomc-statement	entered	target range	" fomc/data/changed-phrases.tsv &&
		grep -F "decided today to <del>lower its</del><ins>establish a</ins> target <ins>range</ins> for the federal funds rate <del>50 basis points</del><ins>of 0</ins> to <del>1</del><ins>1/4</ins> percent." fomc/index.html &&
		python3 - "$J" >want <<-\PY &&
		import json, sys
		d = [json.loads(l) for l in open(sys.argv[1])]
		for i, x in enumerate(d):
		    x["n"] = i
		for x in d:
		    if not "2008-10-01" <= x["date"] <= "2008-12-31":
		        continue
		    p = [y for y in d if y["source"] == x["source"] and
		         (y["date"], y["n"]) < (x["date"], x["n"])]
		    p = max(p, key=lambda y: (y["date"], y["n"]))
		    print(x["id"], p["id"])
		PY
		awk -F "\t" "NR > 1 { print \$3, \$5 }" fomc/data/changed.tsv >got &&
		test_line_count = 3 got &&
		test_cmp want got &&
		while read new old; do
			plenum diff --db fomc.db --summary --format tsv $new $old |
			    sed -n 2p || return 1
		done <got >rows &&
		sed 1d fomc/data/changed.tsv >have &&
		test_cmp rows have
	'
else
	test_skip 'fomc-statements 2008-Q4' "no shared corpora at $SHARED/corpora"
fi

test_done
