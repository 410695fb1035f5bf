#!/bin/sh

test_description='plenum tokenize rules and output formats; plenum info rows and formats'
. "$(dirname "$0")/test-lib.sh"

if ! test_have_prog sqlite3 || ! test_have_prog python3; then
	skip_all 'needs the sqlite3 CLI and python3'
fi
PYTHONUTF8=1
export PYTHONUTF8

# toks TEXT: the tokens of TEXT, one a line.
toks() {
	printf "%s" "$1" | plenum tokenize --format tsv >toks.tsv &&
	sed 1d toks.tsv | cut -f2
}

# sents TEXT: "sentence<TAB>token" lines.
sents() {
	printf "%s" "$1" | plenum tokenize --format tsv >toks.tsv &&
	sed 1d toks.tsv | cut -f1,2
}

test_expect_success 'NFKC and case folding: fullwidth, upper and lower case are one term' '
	toks "Ｃｏｍｍｉｔｔｅｅ COMMITTEE committee" >actual &&
	printf "committee\ncommittee\ncommittee\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'NFKC and case folding: ß, ligatures' '
	toks "Straße STRASSE ﬁnance" >actual &&
	printf "strasse\nstrasse\nfinance\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'apostrophes: possessive dropped, inner kept, curly same as straight' '
	toks "committee'"'"'s don'"'"'t committee’s Don’t countries'"'"' o'"'"'clock" >actual &&
	cat >expect <<-\EOF &&
	committee
	don'"'"'t
	committee
	don'"'"'t
	countries
	o'"'"'clock
	EOF
	test_cmp expect actual
'

test_expect_success 'hyphens join, dashes split' '
	toks "long-term COVID-19 1995–2000 well—known" >actual &&
	cat >expect <<-\EOF &&
	long-term
	covid-19
	1995
	2000
	well
	known
	EOF
	test_cmp expect actual
'

test_expect_success 'numbers: 4-1/2, 2022, 20th, 1,000, 2.5 and friends' '
	toks "4-1/2 2022 20th 1,000 2.5 1,000,000 10:30 1,2,3 \$4.25 2.5% G20" >actual &&
	cat >expect <<-\EOF &&
	4-1/2
	2022
	20th
	1,000
	2.5
	1,000,000
	10:30
	1
	2
	3
	4.25
	2.5
	g20
	EOF
	test_cmp expect actual
'

test_expect_success 'URLs and e-mail addresses are one token; a trailing period is not part of it' '
	sents "See https://www.example.org/a.html. Then (www.un.org) or press@un.org." >actual &&
	cat >expect <<-\EOF &&
	1	see
	1	https://www.example.org/a.html
	2	then
	2	www.un.org
	2	or
	2	press@un.org
	EOF
	test_cmp expect actual
'

test_expect_success 'sentences end at . ! ? and 。！？' '
	sents "One. Two! Three? Four 五。六！七？八" >actual &&
	cat >expect <<-\EOF &&
	1	one
	2	two
	3	three
	4	four
	4	五
	5	六
	6	七
	7	八
	EOF
	test_cmp expect actual
'

test_expect_success 'no sentence end after Mr., Dr., U.S., No. 5 or an initial' '
	sents "Mr. Smith met Dr. Jones. U.S. policy changed. No. 5 won. J. Powell spoke." >actual &&
	cat >expect <<-\EOF &&
	1	mr
	1	smith
	1	met
	1	dr
	1	jones
	2	u.s.
	2	policy
	2	changed
	3	no
	3	5
	3	won
	4	j
	4	powell
	4	spoke
	EOF
	test_cmp expect actual
'

test_expect_success 'a blank line ends a sentence, a single line break does not' '
	sents "$(printf "first line\nstill first\n\nsecond para")" >actual &&
	cat >expect <<-\EOF &&
	1	first
	1	line
	1	still
	1	first
	2	second
	2	para
	EOF
	test_cmp expect actual
'

test_expect_success 'a period before a lower-case word does not end a sentence' '
	sents "It rose approx. three percent in the U.S. economy. Then fell." >actual &&
	cut -f1 actual | uniq -c | sed "s/^ *//" >counts &&
	printf "9 1\n2 2\n" >expect &&
	test_cmp expect counts
'

test_expect_success 'mixed Chinese, English and numbers' '
	sents "2022年G20峰会。Leaders met in Bali on 15 November." >actual &&
	cat >expect <<-\EOF &&
	1	2022年
	1	g20
	1	峰会
	2	leaders
	2	met
	2	in
	2	bali
	2	on
	2	15
	2	november
	EOF
	test_cmp expect actual
'

test_expect_success 'the text format: two spaces between tokens, a line per sentence' '
	printf "The Committee met. It agreed." | plenum tokenize >actual &&
	printf "the  committee  met\nit  agreed\n" >expect &&
	test_cmp expect actual &&
	printf "" | plenum tokenize >actual &&
	test_line_count = 0 actual
'

test_expect_success '--format json: offsets give back each token'"'"'s original text' '
	printf "%s" "Ｃｏｍｍｉｔｔｅｅ’s view: don’t! 习近平说，2022年G20峰会很好。See https://www.example.org/a.html. Straße 4-1/2" >in.txt &&
	plenum tokenize --format json <in.txt >toks.json &&
	python3 - <<-\EOF
	import json, unicodedata
	data = open("in.txt", "rb").read()
	toks = json.load(open("toks.json"))
	assert len(toks) >= 12, toks
	last_end, last_sent = 0, 1
	for t in toks:
	    assert set(t) == {"sentence", "token", "text", "start", "end", "stopword"}, t
	    s, e = t["start"], t["end"]
	    assert 0 <= last_end <= s < e <= len(data), t
	    # byte offsets into the UTF-8 input
	    assert data[s:e].decode("utf-8") == t["text"], (t, data[s:e])
	    folded = unicodedata.normalize("NFKC", t["text"]).casefold()
	    if "\u2019" not in t["text"] and "\x27" not in t["text"]:
	        assert t["token"] == folded, t
	    assert t["sentence"] in (last_sent, last_sent + 1), t
	    last_end, last_sent = e, t["sentence"]
	assert toks[0]["token"] == "committee" and toks[0]["text"] == "Ｃｏｍｍｉｔｔｅｅ"
	assert [t["token"] for t in toks if "\u2019" in t["text"]] == ["don\x27t"]
	assert "https://www.example.org/a.html" in [t["text"] for t in toks]
	EOF
'

test_expect_success '--format jsonl, csv and tsv carry the same rows as json' '
	plenum tokenize --format jsonl <in.txt >toks.jsonl &&
	plenum tokenize --format csv <in.txt >toks.csv &&
	plenum tokenize --format tsv <in.txt >toks.tsv &&
	python3 - <<-\EOF
	import csv, json
	j = json.load(open("toks.json"))
	cols = ["sentence", "token", "text", "start", "end", "stopword"]
	rows = [[str(t[c]) for c in cols] for t in j]
	jl = [json.loads(l) for l in open("toks.jsonl")]
	assert jl == j
	c = list(csv.reader(open("toks.csv", newline="")))
	assert c[0] == cols and c[1:] == rows, c
	t = [l.rstrip("\n").split("\t") for l in open("toks.tsv")]
	assert t[0] == cols and t[1:] == rows, t
	EOF
'

test_expect_success 'the stopword column: on with the default lists, off with --stoplangs none' '
	printf "the law" | plenum tokenize --format tsv | sed 1d | cut -f2,6 >actual &&
	printf "the\t1\nlaw\t0\n" >expect &&
	test_cmp expect actual &&
	echo "{\"id\": \"n\", \"date\": \"2020-01-01\", \"text\": \"the law\"}" >n.jsonl &&
	plenum ingest -q --db none.db --stoplangs none n.jsonl &&
	printf "the law" | plenum tokenize --db none.db --format tsv | sed 1d | cut -f2,6 >actual &&
	printf "the\t0\nlaw\t0\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'tokenize --db uses the corpus dictionary: 扎实推进 stays one token' '
	printf "# words for this corpus\n扎实推进\n" >dict.txt &&
	echo "{\"id\": \"z\", \"date\": \"2022-10-16\", \"text\": \"扎实推进共同富裕。\"}" >z.jsonl &&
	plenum ingest -q --db zh.db --dict dict.txt z.jsonl &&
	printf "扎实推进共同富裕。" | plenum tokenize --db zh.db >actual &&
	echo "扎实推进  共同富裕" >expect &&
	test_cmp expect actual &&
	sqlite3 zh.db "SELECT count(*) FROM term WHERE text = '"'扎实推进'"'" >actual &&
	echo 1 >expect &&
	test_cmp expect actual
'

test_expect_success 'tokenize --lang zh, without the corpus, splits 扎实推进 (共同富裕 is an official term)' '
	printf "扎实推进共同富裕。" | plenum tokenize --lang zh >actual &&
	echo "扎实  推进  共同富裕" >expect &&
	test_cmp expect actual
'

test_expect_success 'tokenize: --db with --lang, a bad --lang or --format is a usage error' '
	test_expect_code 2 plenum tokenize --db zh.db --lang zh </dev/null 2>err &&
	grep "^plenum tokenize: " err &&
	test_expect_code 2 plenum tokenize --lang fr </dev/null 2>err &&
	grep "^plenum tokenize: --lang" err &&
	test_expect_code 2 plenum tokenize --format xml </dev/null 2>err &&
	grep "^plenum tokenize: --format" err &&
	test_expect_code 1 plenum tokenize --db missing.db </dev/null 2>err &&
	grep "missing.db" err &&
	test_path_is_missing missing.db
'

test_expect_success 'tokenize: invalid UTF-8 on stdin is an error with its byte offset' '
	printf "ab\\377cd" | test_expect_code 1 plenum tokenize >out 2>err &&
	grep "invalid UTF-8 at byte 3" err &&
	test_line_count = 0 out
'

# The info corpus, counted by hand:
#   i1 2020-01-05 Fed "The Committee met. It agreed."          5 tokens, 2 sentences
#   i2 2020-06-01 Fed "Rates rose again"                       3, 1
#   i3 2021-03-03 ECB "Growth slowed; inflation stayed low."   5, 1
#   i4 2021 (year) ECB "Annual review."                        2, 1
test_expect_success 'info: setup' '
	cat >info.jsonl <<-\EOF &&
	{"id": "i1", "date": "2020-01-05", "source": "Fed", "text": "The Committee met. It agreed."}
	{"id": "i2", "date": "2020-06-01", "source": "Fed", "text": "Rates rose again"}
	{"id": "i3", "date": "2021-03-03", "source": "ECB", "text": "Growth slowed; inflation stayed low."}
	{"id": "i4", "date": "2021", "source": "ECB", "text": "Annual review."}
	EOF
	printf "# two lines\n共同富裕\n" >dict2.txt &&
	plenum ingest -q --db info.db --ngrams 2 --dict dict2.txt info.jsonl &&
	plenum info --db info.db >info.tsv &&
	cat info.tsv
'

test_expect_success 'info: the header and the totals, by hand and from the doc table' '
	head -n 1 info.tsv >actual &&
	printf "section\tkey\tdocuments\ttokens\tvalue\n" >expect &&
	test_cmp expect actual &&
	grep "^corpus	total	" info.tsv >actual &&
	printf "corpus\ttotal\t4\t15\t\n" >expect &&
	test_cmp expect actual &&
	sqlite3 -separator "	" info.db "SELECT count(*), sum(tokens) FROM doc" >expect &&
	grep "^corpus	total	" info.tsv | cut -f3,4 >actual &&
	test_cmp expect actual
'

test_expect_success 'info: dates, sentences, precision' '
	grep "^corpus	\(first_date\|last_date\|sentences\|precision\)" info.tsv >actual &&
	cat >expect <<-\EOF &&
	corpus	first_date			2020-01-05
	corpus	last_date			2021-03-03
	corpus	sentences			5
	corpus	precision day	3	13	
	corpus	precision year	1	2	
	EOF
	test_cmp expect actual
'

test_expect_success 'info: per-source and per-year rows' '
	grep "^\(source\|year\)	" info.tsv >actual &&
	cat >expect <<-\EOF &&
	source	ECB	2	7	2021-01-01..2021-03-03
	source	Fed	2	8	2020-01-05..2020-06-01
	year	2020	2	8	
	year	2021	2	7	
	EOF
	test_cmp expect actual
'

test_expect_success 'info: types equal the distinct 1-grams' '
	grep "^corpus	types	" info.tsv | cut -f5 >actual &&
	sqlite3 info.db "SELECT count(*) FROM term WHERE n = 1" >expect &&
	test_cmp expect actual &&
	python3 -c "
import json, re
words = set()
for l in open(\"info.jsonl\"):
    words |= set(re.findall(r\"[a-z]+\", json.loads(l)[\"text\"].lower()))
print(len(words))
" >expect &&
	test_cmp expect actual
'

test_expect_success 'info: setting rows are the setting table' '
	grep "^setting	" info.tsv | cut -f2,5 | grep -v "^user_dict	" >actual &&
	sqlite3 -separator "	" info.db "SELECT key, value FROM setting WHERE key <> '"'user_dict'"' ORDER BY key" >expect &&
	test_cmp expect actual &&
	grep "^setting	ngram_max			2\$" info.tsv &&
	grep "^setting	stoplangs			en,zh\$" info.tsv &&
	grep "^setting	t2s			0\$" info.tsv
'

test_expect_success 'info: the user dictionary row counts its lines as wc -l does' '
	echo "$(wc -l <dict2.txt | tr -d " ") lines" >expect &&
	grep "^setting	user_dict	" info.tsv | cut -f5 >actual &&
	test_cmp expect actual
'

test_expect_success 'info: --format csv and --format json hold the same values' '
	plenum info --db info.db --format csv >info.csv &&
	plenum info --db info.db --format json >info.json &&
	python3 - <<-\EOF
	import csv, json
	tsv = [l.rstrip("\n").split("\t") for l in open("info.tsv", encoding="utf-8")]
	hdr, rows = tsv[0], tsv[1:]
	c = list(csv.reader(open("info.csv", newline="", encoding="utf-8")))
	assert c[0] == hdr, c[0]
	assert c[1:] == rows, (c[1:], rows)
	j = json.load(open("info.json", encoding="utf-8"))
	assert [list(r) for r in j] == [hdr] * len(rows)
	def show(v):
	    return "" if v is None else str(v)
	assert [[show(r[k]) for k in hdr] for r in j] == rows
	for r in j:
	    for k in ("documents", "tokens"):
	        assert r[k] is None or isinstance(r[k], int), r
	total = [r for r in j if r["section"] == "corpus" and r["key"] == "total"]
	assert total == [{"section": "corpus", "key": "total", "documents": 4,
	                  "tokens": 15, "value": None}], total
	EOF
'

test_expect_success 'info: a missing database is an error and is not created' '
	test_expect_code 1 plenum info --db nothere.db 2>err &&
	grep "^plenum info: nothere.db: " err &&
	test_path_is_missing nothere.db
'

test_done
