#!/bin/sh
#
# plenum plot end to end: series, freq and query tables drawn as every
# chart kind in PNG, SVG and PDF; the numbers plotted (--data) checked
# against the hand-counted fixture; provenance; atomic writes; bad input;
# the Chinese font fallback.
#
# tests/data/terms/fixture.jsonl (see t2050): law occurs 3 times in a
# (14 tokens, 2020-12-28) and once in b (6 tokens, 2021-01-03), both in
# 2020-W53, so that week is 4 / 20 * 10000 = 2000 per 10k; 2021-W01 has no
# reports (a gap); 2021-W02 has c (6 tokens, no law): 0.

test_description='plenum plot: every kind, every format, data and errors'
. "$(dirname "$0")/test-lib.sh"

F=$ROOT/tests/data/terms/fixture.jsonl

test_expect_success 'ingest the fixture' '
	plenum ingest -q --db t.db "$F"
'

test_expect_success 'series | plot line: the numbers plotted, gap included' '
	plenum series --db t.db --by week law >s.tsv &&
	plenum plot line -i s.tsv -o line.png --data line.tsv &&
	printf "series\tx\ty\nlaw\t2020-12-31\t2000\nlaw\t2021-01-07\t\nlaw\t2021-01-14\t0\n" >expect &&
	test_cmp expect line.tsv
'

png_size() {
	python3 -c "import struct,sys; b=open(sys.argv[1],\"rb\").read(24); assert b[1:4]==b\"PNG\"; print(\"%dx%d\" % struct.unpack(\">II\", b[16:24]))" "$1"
}

test_expect_success 'PNG has the asked size; 2x and inches at 300 dpi' '
	plenum plot line -i s.tsv -o a.png --width 640 --height 360 &&
	test "$(png_size a.png)" = 640x360 &&
	plenum plot line -i s.tsv -o b.png --width 640 --height 360 --scale 2 &&
	test "$(png_size b.png)" = 1280x720 &&
	plenum plot line -i s.tsv -o c.png --width 4in --height 3in &&
	test "$(png_size c.png)" = 1200x900
'

test_expect_success 'every kind in every format: PNG size, SVG parses as XML, PDF' '
	plenum freq --db t.db --top 5 >f.tsv &&
	plenum query --db t.db --by doc law peace develop* >q.tsv &&
	printf "term_a\tterm_b\to11\nlaw\tpeace\t1\nlaw\trule\t2\npeace\trule\t3\n" >m.tsv &&
	for kind in line multiples bar heatmap dispersion network; do
		case $kind in
		line|multiples) in=s.tsv; extra= ;;
		bar) in=f.tsv; extra= ;;
		heatmap) in=s.tsv; extra="--x bucket --y term" ;;
		dispersion) in=q.tsv; extra= ;;
		network) in=m.tsv; extra= ;;
		esac
		for ext in png svg pdf; do
			plenum plot $kind -i $in $extra -o k-$kind.$ext \
				--title "$kind" --width 700 --height 400 2>err &&
			test_path_is_file k-$kind.$ext &&
			! test -s err || return 1
		done
		test "$(png_size k-$kind.png)" = 700x400 &&
		python3 -c "import xml.etree.ElementTree as E,sys; r=E.parse(sys.argv[1]).getroot(); assert r.tag.endswith(\"svg\"), r.tag" k-$kind.svg &&
		head -c 5 k-$kind.pdf | grep -q "^%PDF-" || return 1
	done
'

test_expect_success 'bar --data: the counts of the fixture, largest first' '
	plenum plot bar -i f.tsv -o f.png --data f-data.tsv &&
	head -n 3 f-data.tsv >top &&
	printf "label\tvalue\nlaw\t4\n" >expect &&
	head -n 2 top >top2 &&
	test_cmp expect top2
'

test_expect_success 'provenance in PNG, SVG and PDF' '
	plenum plot line -i s.tsv -o p.png --db t.db --title "Law" &&
	plenum plot line -i s.tsv -o p.svg --db t.db --title "Law" &&
	plenum plot line -i s.tsv -o p.pdf --db t.db --title "Law" &&
	python3 - <<-\EOT
	import struct, zlib
	b = open("p.png", "rb").read()
	i, chunks = 8, {}
	while i < len(b):
	    n, = struct.unpack(">I", b[i:i+4]); t = b[i+4:i+8]; d = b[i+8:i+8+n]
	    crc, = struct.unpack(">I", b[i+8+n:i+12+n])
	    assert zlib.crc32(t + d) == crc, t
	    if t == b"iTXt":
	        k, rest = d.split(b"\0", 1)
	        chunks[k.decode()] = rest[4:].decode()
	    i += 12 + n
	assert chunks["Software"].startswith("plenum "), chunks
	assert chunks["Source"] == "t.db", chunks
	assert "plenum plot line -i s.tsv -o p.png" in chunks["Comment"], chunks
	import xml.etree.ElementTree as E
	r = E.parse("p.svg").getroot()
	ns = "{http://www.w3.org/2000/svg}"
	assert r.find(ns + "title").text == "Law"
	assert "database: t.db" in r.find(ns + "desc").text
	assert r.find(ns + "metadata") is not None
	pdf = open("p.pdf", "rb").read()
	assert b"/Creator (plenum " in pdf and b"/Title (Law)" in pdf
	EOT
'

test_expect_success 'bad input: exit 1, a clear message, the old file kept' '
	echo old >keep.png &&
	test_expect_code 1 plenum plot line -i s.tsv --y nope -o keep.png 2>err &&
	grep "no column .nope." err &&
	test "$(cat keep.png)" = old &&
	printf "term\tstart\tvalue\n" >empty.tsv &&
	test_expect_code 1 plenum plot line -i empty.tsv -o keep.png 2>err &&
	grep "empty" err &&
	printf "term\tstart\tvalue\nlaw\t2021-01-04\tmany\n" >bad.tsv &&
	test_expect_code 1 plenum plot line -i bad.tsv -o keep.png 2>err &&
	grep "row 1: column .value.: expected a number" err &&
	test_expect_code 1 plenum plot line -i s.tsv -o keep.gif 2>err &&
	grep "unknown extension" err &&
	test_path_is_missing keep.gif &&
	test_expect_code 1 plenum plot line -i s.tsv -o no/such/dir/x.png 2>err &&
	grep "no/such/dir/x.png" err &&
	test "$(cat keep.png)" = old &&
	test_expect_code 2 plenum plot pie -i s.tsv -o x.png 2>err &&
	grep "unknown chart kind .pie." err &&
	test_expect_code 2 plenum plot line -i s.tsv -o x.png --width 5 2>err &&
	test_path_is_missing x.png &&
	! ls *.tmp-* 2>/dev/null
'

test_expect_success 'reads CSV and JSON as well as TSV, and stdin' '
	plenum series --db t.db --by week law -f csv >s.csv &&
	plenum series --db t.db --by week law -f json >s.json &&
	plenum plot line -i s.csv -o csv.png --data csv.tsv &&
	plenum plot line -i s.json -o json.png --data json.tsv &&
	plenum series --db t.db --by week law | plenum plot line -o in.png --data in.tsv &&
	test_cmp line.tsv csv.tsv &&
	test_cmp line.tsv json.tsv &&
	test_cmp line.tsv in.tsv
'

# Chinese labels: with fontconfig limited to DejaVu (no CJK glyphs) the
# missing characters are reported; with the system fonts they are not,
# and the two pictures differ where the label is.
test_expect_success 'Chinese labels: the fallback is reported without CJK fonts' '
	printf "term\tstart\tvalue\n共同富裕\t2022-01-03\t1\n共同富裕\t2022-01-10\t2\n" >zh.tsv &&
	plenum plot line -i zh.tsv -o zh.png --title 共同富裕 2>err &&
	! grep "no installed font" err &&
	dejavu=$(fc-list -f "%{file}\n" | grep -i dejavu | head -n 1) &&
	test -n "$dejavu" &&
	cat >fonts.conf <<-EOT &&
	<?xml version="1.0"?>
	<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
	<fontconfig><dir>$(dirname "$dejavu")</dir><cachedir>$PWD/fc-cache</cachedir></fontconfig>
	EOT
	FONTCONFIG_FILE=$PWD/fonts.conf plenum plot line -i zh.tsv -o boxes.png --title 共同富裕 2>err &&
	grep "no installed font can draw" err &&
	grep "fonts-noto-cjk" err &&
	! cmp -s zh.png boxes.png
'

test_expect_success 'dispersion of a kwic table (no term column): one row of hits' '
	plenum kwic --db t.db law >k.tsv &&
	plenum plot dispersion -i k.tsv -o k.png --data k-data.tsv &&
	printf "term\tx\tcount\nhits\t2020-12-28\t1\nhits\t2020-12-28\t1\nhits\t2020-12-28\t1\nhits\t2021-01-03\t1\n" >expect &&
	test_cmp expect k-data.tsv
'

test_expect_success 'a watch list: series --terms FILE | plot multiples, a panel a term' '
	printf "# watched\nlaw\n\npeace\n" >watch.txt &&
	plenum series --db t.db --by week --terms watch.txt >w.tsv &&
	plenum series --db t.db --by week law peace >w2.tsv &&
	test_cmp w2.tsv w.tsv &&
	plenum plot multiples -i w.tsv -o w.png --dump >w.dump &&
	test "$(grep -c "^panel	rect	" w.dump)" = 2 &&
	grep -q "^panel	rect	law	0" w.dump &&
	grep -q "^panel	rect	peace	1" w.dump &&
	test_expect_code 2 plenum series --db t.db --terms watch.txt law 2>err &&
	grep "one or the other" err
'

test_expect_success 'series and freq --plot: the chart, and the table still on stdout' '
	plenum series --db t.db --by week law --plot sp.svg >sp.tsv &&
	test_cmp s.tsv sp.tsv &&
	grep -q "command: plenum series --db t.db --by week --plot sp.svg law" sp.svg &&
	plenum freq --db t.db --top 5 --plot fp.png >fp.tsv &&
	test_cmp f.tsv fp.tsv &&
	test "$(png_size fp.png)" = 1000x560 &&
	test_expect_code 1 plenum freq --db t.db --plot fp.gif >/dev/null 2>err &&
	grep "plot: fp.gif: unknown extension" err
'

test_expect_success '--lang: month ticks in Chinese or English whatever the labels' '
	printf "term\tbucket\tstart\tend\tvalue\nlaw\t2021-03\t2021-03-01\t2021-03-31\t1\nlaw\t2021-04\t2021-04-01\t2021-04-30\t2\nlaw\t2021-05\t2021-05-01\t2021-05-31\t3\n" >m.tsv &&
	plenum plot line -i m.tsv -o m-en.svg &&
	plenum plot line --lang zh -i m.tsv -o m-zh.svg &&
	grep -q ">5 Apr<" m-en.svg && ! grep -q "4月" m-en.svg &&
	grep -q ">4月5日<" m-zh.svg && ! grep -q "Apr<" m-zh.svg &&
	sed "s/^law/法律/" m.tsv >mz.tsv &&
	plenum plot line -i mz.tsv -o mz.svg &&
	plenum plot line --lang en -i mz.tsv -o mz-en.svg &&
	grep -q ">4月5日<" mz.svg && grep -q ">5 Apr<" mz-en.svg &&
	! grep -q "4月" mz-en.svg &&
	test_expect_code 2 plenum plot line --lang fr -i m.tsv -o x.svg 2>err &&
	grep "lang: expected zh or en, got .fr." err && test ! -e x.svg
'

test_done
