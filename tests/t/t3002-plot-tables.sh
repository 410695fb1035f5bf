#!/bin/sh
#
# plenum plot reads every table plenum writes: each command's real table
# is piped into "plenum plot" with no kind and no columns, and the layout
# (--dump) is checked: the chart chosen, the columns it drew, the axis
# titles and their units, where a yearly and a weekly value sit on the
# time axis, and that an event on the last day of the range is kept.
#
# Time placement, by hand on tests/data/terms/fixture.jsonl (see t3001):
# law is in a (2020-12-28) and b (2021-01-03), both ISO week 2020-W53
# (Monday 28 December to Sunday 3 January), so the weekly point is drawn
# on Thursday 2020-12-31; 2021-W02 ends on Sunday 2021-01-17, the last
# day of the axis.  By year, 2020 is drawn on 1 July 2020 and 2021 on
# 1 July 2021.  Positions in pixels are turned back into days with the
# panel's own ticks (value = day number, pos = pixel), independently of
# the plot code.
#
# The other tables (keyness, cooc, trends, bursts, changes, new) come from
# the UN General Debate sample in ../shared (skipped without it).

test_description='plenum plot: every table kind, default chart, columns, titles'
. "$(dirname "$0")/test-lib.sh"

F=$ROOT/tests/data/terms/fixture.jsonl

if ! test_have_prog python3; then
	skip_all 'needs python3'
fi

# day PIXEL_X < dump: the day number at pixel x, from panel 0's x ticks.
cat >day.py <<'EOF'
import sys
x = float(sys.argv[1]); t = []
for l in sys.stdin:
    f = l.rstrip("\n").split("\t")
    if f[0] == "panel-xtick" and f[3] == "0":
        t.append((float(f[4]), float(f[8])))
(p0, v0), (p1, v1) = t[0], t[-1]
print(round(v0 + (x - p0) * (v1 - v0) / (p1 - p0)))
EOF
# days DATE: the day number of an ISO date (days since 1970-01-01).
days() {
	python3 -c 'import datetime,sys; print((datetime.date.fromisoformat(sys.argv[1]) - datetime.date(1970,1,1)).days)' "$1"
}
# field ROLE NAME COL < dump: column COL (1-based) of the first row.
field() {
	awk -F '\t' -v r="$1" -v n="$2" -v c="$3" \
	    '$1 == r && (n == "" || $3 == n) { print $c; exit }'
}

test_expect_success 'ingest the fixture' '
	plenum ingest -q --db t.db "$F"
'

test_expect_success 'series by week: a line, on the ISO Thursday, event on the last day kept' '
	plenum series --db t.db --by week law |
	plenum plot --dump --data w.tsv --event 2021-01-17=last >d.tsv &&
	# the columns: bucket and value (the numbers plotted)
	printf "series\tx\ty\nlaw\t2020-12-31\t2000\nlaw\t2021-01-07\t\nlaw\t2021-01-14\t0\n" >expect &&
	test_cmp expect w.tsv &&
	# the first point, in pixels, is on Thursday 31 December
	x=$(awk -F "\t" "\$1 == \"series\" && \$4 == 0 { print \$5; exit }" d.tsv) &&
	test "$(python3 day.py $x <d.tsv)" = "$(days 2020-12-31)" &&
	# the event on Sunday 17 January, the last day of the last week
	test "$(field event "" 9 <d.tsv)" = "$(days 2021-01-17)" &&
	field event-label last 3 <d.tsv | grep -q last &&
	# the event label stays inside the panel
	px1=$(field panel "" 7 <d.tsv) &&
	lx2=$(field event-label last 7 <d.tsv) &&
	python3 -c "import sys; assert float(sys.argv[1]) <= float(sys.argv[2]) + 0.01" $lx2 $px1 &&
	# axis titles with units; the week shown as the interval it is
	field ylabel "mentions per 10,000 tokens" 3 <d.tsv | grep -q . &&
	field xtitle "" 3 <d.tsv | grep -q "ISO week" &&
	test "$(field latest "" 9 <d.tsv)" = "$(days 2021-01-11)" &&
	# one series: named at the end of its line, no legend keys
	field legend law 3 <d.tsv | grep -q law &&
	! grep -q "^legend-key" d.tsv
'

test_expect_success 'series by year: the year at 1 July' '
	plenum series --db t.db --by year law |
	plenum plot --dump --data y.tsv >d.tsv &&
	# 2020: a alone, 3 / 14 * 10000; 2021: b and c, 1 / 12 * 10000
	printf "series\tx\ty\nlaw\t2020-07-01\t2142.8571428571427\nlaw\t2021-07-01\t833.3333333333334\n" >expect &&
	test_cmp expect y.tsv &&
	x=$(awk -F "\t" "\$1 == \"series\" && \$4 == 0 { print \$5; exit }" d.tsv) &&
	test "$(python3 day.py $x <d.tsv)" = "$(days 2020-07-01)" &&
	field xtitle "" 3 <d.tsv | grep -q "year (points at 1 July)"
'

test_expect_success 'series --value count: integer ticks and a count title' '
	plenum series --db t.db --by week --value count law |
	plenum plot --dump >d.tsv &&
	field ylabel "mentions (count)" 3 <d.tsv | grep -q . &&
	awk -F "\t" "\$1 == \"panel-ytick\" { print \$9 }" d.tsv >ticks &&
	test "$(wc -l <ticks)" -ge 2 &&
	! grep -q "\." ticks
'

test_expect_success 'series | plot heatmap: years read back as numbers are categories' '
	plenum series --db t.db --by year law peace |
	plenum plot heatmap --dump >d.tsv &&
	grep -q "^xlabel	text	2020	" d.tsv &&
	grep -q "^colorbar-title	text	mentions per 10,000 tokens" d.tsv
'

test_expect_success 'query --by week: a line over the groups, on Thursdays' '
	plenum query --db t.db --by week law |
	plenum plot --dump --data q.tsv >d.tsv &&
	head -2 q.tsv | tail -1 | cut -f2 >got &&
	echo 2020-12-31 >expect &&
	test_cmp expect got &&
	field ylabel "mentions per 10,000 tokens" 3 <d.tsv | grep -q .
'

test_expect_success 'query by document: a dispersion plot' '
	plenum query --db t.db law | plenum plot --dump >d.tsv &&
	test "$(grep -c "^hit	" d.tsv)" = 2
'

test_expect_success 'kwic: a dispersion plot of the hits' '
	plenum kwic --db t.db law | plenum plot --dump >d.tsv &&
	# a has Law, law, law; b has law
	test "$(grep -c "^hit	" d.tsv)" = 4
'

test_expect_success 'freq: bars of the counts, whole-number ticks' '
	plenum freq --db t.db --top 3 | plenum plot --dump --data f.tsv >d.tsv &&
	head -2 f.tsv >got &&
	printf "label\tvalue\nlaw\t4\n" >expect &&
	test_cmp expect got &&
	field xtitle "occurrences (count)" 3 <d.tsv | grep -q . &&
	awk -F "\t" "\$1 == \"panel-xtick\" { print \$9 }" d.tsv >ticks &&
	! grep -q "\." ticks
'

test_expect_success 'freq --by: faceted bars, one panel per group' '
	plenum freq --db t.db --by source --top 2 |
	plenum plot --dump >d.tsv &&
	awk -F "\t" "\$1 == \"panel\" { print \$3 }" d.tsv >got &&
	printf "S1\nS2\n" >expect &&
	test_cmp expect got &&
	grep -q "^panel-title	text	S1" d.tsv
'

test_expect_success 'freq --by --plot: facets with the groups named, caption without the path' '
	plenum freq --db "$PWD/t.db" --by source --top 2 --plot fb.png >/dev/null &&
	test_path_is_file fb.png &&
	python3 -c "
import sys, zlib
b = open(sys.argv[1], \"rb\").read()
assert b.count(b\"iTXt\") >= 3
" fb.png
'

test_expect_success 'series --plot: the caption names the corpus, not its path' '
	plenum series --db "$PWD/t.db" --by week law --plot s.svg >/dev/null &&
	grep -q ">Corpus: t.db" s.svg &&
	# (the path is only in the provenance metadata)
	! grep -q "<text[^>]*>[^<]*$PWD" s.svg
'

test_expect_success 'SVG: text stays text with its font family; --outline-text keeps paths' '
	plenum series --db t.db --by week law | plenum plot -o t.svg &&
	grep -q "<text [^>]*font-family=\"'"'"'DejaVu Sans'"'"'" t.svg &&
	grep -q ">mentions per 10,000 tokens</text>" t.svg &&
	plenum series --db t.db --by week law | plenum plot --outline-text -o o.svg &&
	! grep -q "<text" o.svg &&
	grep -q "<path" o.svg
'

test_expect_success 'PDF: fonts embedded' '
	if ! test_have_prog pdffonts; then
		echo "# skipped: pdffonts (Debian package poppler-utils) not installed"
		return 0
	fi
	plenum series --db t.db --by week law | plenum plot -o t.pdf &&
	pdffonts t.pdf >fonts &&
	test "$(tail -n +3 fonts | wc -l)" -ge 1 &&
	! tail -n +3 fonts | awk "{ print \$(NF-4) }" | grep -qx no
'

if test_have_shared; then
	test_expect_success 'ingest the UN General Debate sample' '
		plenum ingest -q --db u.db "$SHARED/corpora/sample/docs.jsonl"
	'
	test_expect_success 'keyness: diverging bars of signed G2' '
		plenum keyness --db u.db --target 2001 --side both --top 5 |
		plenum plot --dump --data k.tsv >d.tsv &&
		field xtitle "" 3 <d.tsv | grep -q "^signed G" &&
		awk -F "\t" "NR > 1 && \$2 < 0" k.tsv | grep -q . &&
		awk -F "\t" "NR > 1 && \$2 > 0" k.tsv | grep -q .
	'
	test_expect_success 'cooc: collocates as bars of G2' '
		plenum cooc --db u.db terrorism --top 5 >c.tsv &&
		plenum plot -i c.tsv --dump --data cd.tsv >d.tsv &&
		# the bars are the g2 column, largest first
		cut -f1,11 c.tsv | tail -n +2 | sort -t "	" -k2,2gr | head -1 | cut -f1 >expect &&
		sed -n 2p cd.tsv | cut -f1 >got &&
		test_cmp expect got &&
		field xtitle "" 3 <d.tsv | grep -q "^G"
	'
	test_expect_success 'cooc --matrix: a heatmap from 0 with a titled colour bar' '
		plenum cooc --db u.db --matrix --top-terms 4 |
		plenum plot --dump >d.tsv &&
		grep -q "^colorbar-title	text	co-occurrences (o11, count)" d.tsv &&
		grep -q "^colorbar-label	text	0	" d.tsv
	'
	test_expect_success 'trends: a ranked slope chart with intervals' '
		plenum trends --db u.db --by year --top 6 >tr.tsv &&
		plenum plot -i tr.tsv --dump --data td.tsv >d.tsv &&
		test "$(grep -c "^dot	" d.tsv)" = "$(($(wc -l <td.tsv) - 1))" &&
		grep -q "^interval	seg	climate" d.tsv &&
		# the dot of climate is its sen_slope
		awk -F "\t" "\$1 == \"climate\" { print \$10 }" tr.tsv >expect &&
		awk -F "\t" "\$1 == \"climate\" { print \$2 }" td.tsv >got &&
		test_cmp expect got &&
		field xtitle "" 3 <d.tsv | grep -q "Sen slope per year"
	'
	test_expect_success 'bursts: intervals on a time axis, to the end of the last day' '
		plenum bursts --db u.db --by year terrorism climate >b.tsv &&
		plenum plot -i b.tsv --dump --event 2024-12-31=end >d.tsv &&
		test "$(grep -c "^interval	rect" d.tsv)" = "$(($(wc -l <b.tsv) - 1))" &&
		test "$(field event "" 9 <d.tsv)" = "$(days 2024-12-31)"
	'
	test_expect_success 'changes: segment levels with the steps at change points' '
		plenum changes --db u.db --by year terrorism >ch.tsv &&
		plenum plot -i ch.tsv --dump --data cd.tsv >d.tsv &&
		test "$(grep -c "^segment	seg" d.tsv)" = "$(($(wc -l <ch.tsv) - 1))" &&
		test "$(grep -c "^change	seg" d.tsv)" = "$(($(wc -l <ch.tsv) - 2))" &&
		field ylabel "" 3 <d.tsv | grep -q "per 10,000 tokens"
	'
	test_expect_success 'changes --over series: the series under its levels' '
		plenum series --db u.db --by year terrorism >sy.tsv &&
		plenum plot -i ch.tsv --over sy.tsv --dump >d.tsv &&
		# one faint line with a point per year of the series
		test "$(grep -c "^series	line" d.tsv)" = "$(($(wc -l <sy.tsv) - 1))"
	'
	test_expect_success 'new: bars of the new terms counts' '
		plenum new --db u.db --since 2020-01-01 --top 5 >n.tsv &&
		plenum plot -i n.tsv --dump --data nd.tsv >d.tsv &&
		sed -n 2p n.tsv | cut -f1,3 >expect &&
		sed -n 2p nd.tsv >got &&
		test_cmp expect got
	'
else
	test_skip 'tables of the UN General Debate sample' \
	    "no shared corpora at $SHARED/corpora"
fi

test_done
