#!/bin/sh
#
# plenum report on a daily fixture (tests/data/report/make-corpus.py):
# two reports a day from Monday 2024-01-01, each saying "harvest" once;
# from 2024-03-04 (2024-W10) report A also says "drought" twice and
# report B once.  Checked by hand and with python3 over the JSONL: the
# period chosen when the data ends mid-week, on a Saturday and on a
# Sunday; the key term's and the watch list's numbers against plenum
# keyness and plenum series; byte-for-byte repeatability; the atomic
# swap of DIR; and, in headless Chromium (skipped without it), that the
# page loads with no console error, no request, every image, and that
# hostile titles, sources and texts stay text.

test_description='plenum report: period, numbers, safety, in Chromium'
. "$(dirname "$0")/test-lib.sh"

MK=$ROOT/tests/data/report/make-corpus.py
CHECK=$ROOT/tests/tools/page-check.py

# col FILE KEYCOL KEY COL: the COL of the row whose KEYCOL is KEY.
col() {
	awk -F '\t' -v kc="$2" -v k="$3" -v c="$4" '
	NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	$h[kc] == k { print $h[c]; exit }' "$1"
}

test_expect_success 'fixtures: ends Wednesday, Saturday, Sunday' '
	python3 "$MK" 2024-03-13 >wed.jsonl &&
	python3 "$MK" 2024-03-16 >sat.jsonl &&
	python3 "$MK" 2024-03-10 >sun.jsonl &&
	python3 "$MK" 2024-03-13 --hostile >bad.jsonl &&
	for f in wed sat sun bad; do
		plenum ingest -q --db $f.db $f.jsonl || return 1
	done &&
	printf "# the watch list\nharvest\ndry=drought|arid\n" >watch.txt
'

test_expect_success 'ends on a Wednesday: the week before, complete' '
	plenum report --db wed.db --watch watch.txt -o rep >out &&
	echo rep/index.html >expect &&
	test_cmp expect out &&
	grep "<h1>Weekly review: 2024-W10</h1>" rep/index.html &&
	grep "2024-W11 has reports on fewer days than usual" rep/index.html &&
	! grep "Partial week\|(partial)" rep/index.html
'

test_expect_success 'ends on a Saturday: 6 days of 7 is not complete' '
	plenum report --db sat.db -o sat >/dev/null &&
	grep "<h1>Weekly review: 2024-W10</h1>" sat/index.html
'

test_expect_success 'ends on a Sunday: that week' '
	plenum report --db sun.db -o sun >/dev/null &&
	grep "<h1>Weekly review: 2024-W10</h1>" sun/index.html &&
	grep "2024-03-10: the latest complete week; by week" sun/index.html
'

test_expect_success '--at the partial week: asked for, and the heading says so' '
	plenum report --db wed.db --at 2024-W11 -o part >/dev/null &&
	grep "<h1>Weekly review (partial): 2024-W11</h1>" part/index.html &&
	grep "Partial week: the reports end on 13 Mar 2024" part/index.html
'

test_expect_success 'the period table: days, reports, tokens; empty days marked' '
	plenum report --db wed.db --at 2024-W11 -o part >/dev/null &&
	cat >expect <<-\EOT &&
	date	weekday	documents	tokens
	2024-03-11	Mon	2	23
	2024-03-12	Tue	2	23
	2024-03-13	Wed	2	23
	2024-03-14	Thu		
	2024-03-15	Fri		
	2024-03-16	Sat		
	2024-03-17	Sun		
	EOT
	test_cmp expect part/data/glance-days.tsv &&
	grep -c "after the data ends" part/index.html >n &&
	echo 4 >expect && test_cmp expect n
'

test_expect_success 'the key term: counts by python3, and as plenum keyness has them' '
	python3 - wed.jsonl >expect <<-\EOT &&
	import json, re, sys
	t = r = 0
	for line in open(sys.argv[1]):
	    d = json.loads(line)
	    n = re.findall(r"[a-z]+", d["text"]).count("drought")
	    if "2024-03-04" <= d["date"] <= "2024-03-10": t += n
	    elif "2024-01-08" <= d["date"] <= "2024-03-03": r += n
	print(t, r)
	EOT
	echo "21 0" >want && test_cmp want expect &&
	echo "$(col rep/data/key.tsv term drought target_count) $(col rep/data/key.tsv term drought reference_count)" >got &&
	test_cmp expect got &&
	plenum keyness --db wed.db --target 2024-W10 --reference previous:8 \
	    --side both --top 0 >k.tsv &&
	for c in target_count reference_count target_per10k reference_per10k log_ratio g2 q; do
		test "$(col k.tsv term drought $c)" = "$(col rep/data/key.tsv term drought $c)" || return 1
	done &&
	grep -F "plenum keyness --db wed.db --target 2024-W10 --reference previous:8" rep/index.html
'

test_expect_success 'the watch list: values as plenum series has them' '
	plenum series --db wed.db --by week --terms watch.txt >s.tsv &&
	awk -F "\t" "\$1 == \"dry\" && \$2 == \"2024-W10\" { print \$9 }" s.tsv >expect &&
	col rep/data/watch.tsv term dry value >got &&
	test_cmp expect got &&
	awk -F "\t" "\$1 == \"harvest\" && \$2 == \"2024-W09\" { print \$9 }" s.tsv >expect &&
	col rep/data/watch.tsv term harvest previous >got &&
	test_cmp expect got &&
	test "$(col rep/data/watch.tsv term dry count)" = 21 &&
	test "$(col rep/data/watch.tsv term dry percentile)" = 100 &&
	test "$(col rep/data/watch.tsv term harvest percentile)" = 10 &&
	test "$(col rep/data/watch.tsv term harvest periods)" = 10
'

test_expect_success 'files: charts with provenance, a TSV for every table' '
	for f in volume key watch; do
		test -s rep/$f.png && test -s rep/$f.svg || return 1
		grep -q "plenum report --db wed.db --period week --at 2024-W10" rep/$f.svg || return 1
	done &&
	for f in glance glance-sources glance-days glance-reports volume key sparklines watch \
	    watch-series new bursts changes evidence; do
		test -s rep/data/$f.tsv || return 1
	done &&
	! grep -q "$TRASH_DIRECTORY" rep/index.html rep/*.svg rep/data/*.tsv
'

test_expect_success 'the same database and arguments give the same bytes' '
	mkdir a b &&
	plenum report --db wed.db --watch watch.txt -o a/rep >/dev/null &&
	plenum report --db wed.db --watch watch.txt -o b/rep >/dev/null &&
	diff -r a/rep b/rep &&
	diff -r a/rep rep
'

test_expect_success 'DIR is replaced whole, and nothing is left beside it' '
	echo stale >rep/data/stale.tsv &&
	plenum report --db wed.db --watch watch.txt -o rep/ >/dev/null &&
	test_path_is_missing rep/data/stale.tsv &&
	ls >dir &&
	! grep "tmp-\|old-" dir
'

test_expect_success 'a directory that is not a report is left alone' '
	mkdir notes && echo mine >notes/keep.txt &&
	test_must_fail plenum report --db wed.db -o notes 2>err &&
	grep "notes: exists and holds no report" err &&
	test "$(cat notes/keep.txt)" = mine
'

test_expect_success 'bad periods: clear messages, exit 2 or 1' '
	test_expect_code 2 plenum report --db wed.db --at 2024-W10 --period month -o x 2>err &&
	grep "is a week, not a month" err &&
	test_expect_code 2 plenum report --db wed.db --at 2024-03-04 -o x 2>err &&
	grep "expected a week (2022-W42), month (2022-10)" err &&
	test_expect_code 1 plenum report --db wed.db --at 2025-W10 -o x 2>err &&
	grep "no reports in that week (the reports run from 2024-01-01 to 2024-03-13)" err &&
	test_expect_code 2 plenum report --db wed.db 2>err &&
	grep "no output directory" err &&
	test_path_is_missing x
'

test_expect_success 'the first week of the data: reviewed without a baseline' '
	plenum report --db wed.db --at 2024-W01 -o first >/dev/null &&
	grep "No baseline: this is the first week of the data" first/index.html &&
	grep "the first week of the data, with no reports before it" first/index.html &&
	test "$(wc -l <first/data/key.tsv)" = 1 &&
	test "$(wc -l <first/data/new.tsv)" -gt 1
'

test_expect_success 'a yearly corpus: reviewed by year, weeks refused clearly' '
	for y in 2015 2016 2017 2018 2019 2020 2021 2022 2023 2024; do
		printf "{\"id\":\"y%s\",\"date\":\"%s-09-20\",\"text\":\"peace development climate y%s\"}\n" $y $y $y
	done >yearly.jsonl &&
	plenum ingest -q --db yearly.db yearly.jsonl &&
	plenum report --db yearly.db -o yr >/dev/null &&
	grep "<h1>Yearly review: 2024</h1>" yr/index.html &&
	test_must_fail plenum report --db yearly.db --period week -o yw 2>err &&
	grep "2024-W38: the 8 weeks before it have no reports to compare with" err
'

if test_have_prog chromium && test_have_prog python3; then
	test_expect_success 'the checker sees requests, errors and broken images' '
		cat >probe.html <<-\EOT &&
		<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/x.png">
		<script>console.error("boom")</script></body></html>
		EOT
		python3 "$CHECK" probe.html >probe.json &&
		python3 - <<-\EOT
		import json, sys
		r = json.load(open("probe.json"))
		assert r["requests"], r
		assert any("boom" in c for c in r["console"]), r
		assert r["images"] == [[True, 0]] or r["images"][0][1] == 0, r
		assert r["scripts"] == 1, r
		EOT
	'

	test_expect_success 'Chromium: no console error, no request, every image loaded' '
		python3 "$CHECK" rep/index.html >page.json &&
		python3 - <<-\EOT
		import json
		r = json.load(open("page.json"))
		assert r["console"] == [], r["console"]
		assert r["requests"] == [], r["requests"]
		assert len(r["images"]) == 3, r["images"]
		assert all(c and w > 0 for c, w in r["images"]), r["images"]
		assert r["svgs"] >= 4 and r["scripts"] == 0, r
		EOT
	'

	test_expect_success 'hostile titles, sources, texts and labels stay text' '
		printf "</svg><b onclick=x>=drought\n" >badwatch.txt &&
		plenum report --db bad.db --watch badwatch.txt -o bad >/dev/null &&
		grep -c "&lt;script&gt;window.__pwned=1&lt;/script&gt;" bad/index.html >n &&
		test "$(cat n)" -gt 0 &&
		grep "onerror=&quot;window.__pwned=1&quot;" bad/index.html &&
		grep "&lt;/svg&gt;&lt;b onclick=x&gt;" bad/index.html &&
		python3 "$CHECK" bad/index.html >bad.json &&
		python3 "$CHECK" rep/index.html >good.json &&
		python3 - <<-\EOT
		import json
		b = json.load(open("bad.json")); g = json.load(open("good.json"))
		assert not b["pwned"], b
		assert b["scripts"] == 0 and b["handlers"] == [] and b["jsurls"] == [], b
		assert set(b["tags"]) <= set(g["tags"]), set(b["tags"]) - set(g["tags"])
		assert b["console"] == [] and b["requests"] == [], b
		assert all(c and w > 0 for c, w in b["images"]), b["images"]
		EOT
	'
else
	test_skip 'Chromium checks of the page' 'no chromium or python3: build-aux/deps.sh --test-tools installs chromium'
fi

if test_have_shared; then
	test_expect_success 'sample-zh: Chinese dates, the latest complete week' '
		plenum ingest -q --db zh.db "$SHARED/corpora/sample-zh/docs.jsonl" &&
		plenum report --db zh.db -o zh >/dev/null &&
		grep "<h1>周度回顾：2022-W44</h1>" zh/index.html &&
		grep "2022年第44周（10月31日至2022年11月6日）" zh/index.html &&
		grep "2022年11月6日</time> 周日" zh/index.html &&
		grep "<h2>上升与下降</h2>" zh/index.html &&
		grep "最近一个完整的周" zh/index.html &&
		! grep "<h2>Rising and falling</h2>" zh/index.html &&
		grep "<html lang=\"zh\">" zh/index.html &&
		grep ">每周报告数<" zh/volume.svg &&
		grep ">10月31日<" zh/volume.svg &&
		plenum keyness --db zh.db --target 2022-W44 --reference previous:8 \
		    --side both --top 0 >k.tsv &&
		test "$(col zh/data/key.tsv term 宣讲 target_count)" = "$(col k.tsv term 宣讲 target_count)" &&
		test "$(col zh/data/key.tsv term 宣讲 target_count)" -gt 0 &&
		grep -q "^作宣讲报告	" zh/data/new.tsv &&
		! grep -q "^作宣讲	" zh/data/new.tsv
	'
	test_expect_success 'sample-zh: --lang en writes the page in English' '
		plenum report --db zh.db --lang en -o zh-en >/dev/null &&
		grep "<h1>Weekly review: 2022-W44</h1>" zh-en/index.html &&
		grep "Week 44 of 2022 (31 Oct to 6 Nov 2022)" zh-en/index.html &&
		grep "<html lang=\"en\">" zh-en/index.html &&
		! grep "上升与下降" zh-en/index.html &&
		grep ">Reports per week<" zh-en/volume.svg &&
		grep ">31 Oct<" zh-en/volume.svg &&
		grep "plenum report --db zh.db .*--lang en" zh-en/index.html &&
		cmp zh/data/key.tsv zh-en/data/key.tsv &&
		test_expect_code 2 plenum report --db zh.db --lang fr -o zh-fr 2>err &&
		grep "expected auto, en or zh" err
	'
	test_expect_success 'fomc-statements: by quarter without being told' '
		plenum ingest -q --db fomc.db "$SHARED/corpora/fomc-statements/docs.jsonl" &&
		plenum report --db fomc.db -o fomc >/dev/null &&
		grep "<h1>Quarterly review: " fomc/index.html &&
		grep "by quarter, as the finest of week, month, quarter, year" fomc/index.html
	'
else
	test_skip 'sample-zh and fomc-statements' "no shared corpora at $SHARED/corpora"
fi

test_done
