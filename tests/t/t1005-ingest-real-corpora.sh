#!/bin/sh

test_description='plenum ingest on the shared sample corpora, checked against python'
. "$(dirname "$0")/test-lib.sh"

if ! test_have_shared; then
	skip_all "no shared corpora at $SHARED/corpora"
fi
EN=$SHARED/corpora/sample/docs.jsonl
ZH=$SHARED/corpora/sample-zh/docs.jsonl
if ! test -f "$EN" || ! test -f "$ZH"; then
	skip_all "no $EN or $ZH"
fi
if ! test_have_prog sqlite3 || ! test_have_prog python3; then
	skip_all 'needs the sqlite3 CLI and python3'
fi
PYTHONUTF8=1
export PYTHONUTF8

# facts FILE: what python reads from a JSON Lines corpus, one per line:
#   docs N           documents to expect: records minus those whose text
#                    repeats an earlier record's text (sha256 of the text)
#   first D / last D date range of those documents
#   tokens N         regex tokens on NFKC + casefolded text
# and the sorted source set in FILE.sources.
facts() {
	python3 - "$1" "$2" <<-\EOF
	import hashlib, json, re, sys, unicodedata
	word = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
	seen, kept = set(), []
	lines = 0
	with open(sys.argv[1], encoding="utf-8") as f:
	    for line in f:
	        if not line.strip():
	            continue
	        lines += 1
	        d = json.loads(line)
	        h = hashlib.sha256(d["text"].encode("utf-8")).hexdigest()
	        if h in seen:
	            continue
	        seen.add(h)
	        kept.append(d)
	tokens = sum(len(word.findall(unicodedata.normalize("NFKC", d["text"]).casefold()))
	             for d in kept)
	print("lines", lines)
	print("docs", len(kept))
	print("first", min(d["date"] for d in kept))
	print("last", max(d["date"] for d in kept))
	print("tokens", tokens)
	with open(sys.argv[2], "w", encoding="utf-8") as out:
	    for s in sorted({d.get("source") or "" for d in kept}):
	        out.write(s + "\n")
	EOF
}

fact() {
	sed -n "s/^$1 //p" "$2"
}

test_expect_success 'ingest the English sample' '
	plenum ingest -q --db en.db "$EN" &&
	facts "$EN" en.sources >en.facts &&
	cat en.facts
'

test_expect_success 'English: documents = records - repeated texts' '
	fact docs en.facts >expect &&
	sqlite3 en.db "SELECT count(*) FROM doc" >actual &&
	test_cmp expect actual &&
	test $(fact lines en.facts) = $(wc -l <"$EN")
'

test_expect_success 'English: the source set and the date range' '
	sqlite3 en.db "SELECT DISTINCT source FROM doc" | LC_ALL=C sort >actual &&
	LC_ALL=C sort en.sources >expect &&
	test_cmp expect actual &&
	{ fact first en.facts && fact last en.facts; } >expect &&
	sqlite3 en.db "SELECT min(date) FROM doc; SELECT max(date) FROM doc" >actual &&
	test_cmp expect actual
'

test_expect_success 'English: total tokens within 2% of a regex count' '
	sqlite3 en.db "SELECT sum(tokens) FROM doc" >ours &&
	fact tokens en.facts >theirs &&
	python3 -c "
a, b = int(open(\"ours\").read()), int(open(\"theirs\").read())
print(\"plenum %d, python %d, %.3f%%\" % (a, b, 100.0 * abs(a - b) / b))
assert abs(a - b) <= 0.02 * b
"
'

test_expect_success 'English: plenum info totals equal the doc table' '
	plenum info --db en.db >info &&
	sqlite3 -separator "	" en.db "SELECT '"'corpus'"', '"'total'"', count(*), sum(tokens), '"''"' FROM doc" >expect &&
	grep "^corpus	total	" info >actual &&
	test_cmp expect actual
'

# Three documents picked by hand, which have neither "development'"'"'s" nor
# hyphenated compounds of it, so both counts must agree exactly.
test_expect_success 'English: counts of "development" in 3 documents, from the postings' '
	sqlite3 en.db "SELECT hex(postings) FROM term WHERE text = '"'development'"'" >postings.hex &&
	sqlite3 -separator "	" en.db "SELECT id, ext_id FROM doc" >ids &&
	python3 - "$EN" <<-\EOF
	import json, re, sys, unicodedata
	word = re.compile(r"[^\W_]+(?:[\x27\u2019-][^\W_]+)*")
	picked = ["ungd-1995-CAN", "ungd-2010-IDN", "ungd-2024-SWZ"]
	texts = {}
	for line in open(sys.argv[1], encoding="utf-8"):
	    d = json.loads(line)
	    if d["id"] in picked:
	        texts[d["id"]] = unicodedata.normalize("NFKC", d["text"]).casefold()
	assert sorted(texts) == sorted(picked), texts.keys()
	# decode the postings: varint pairs (doc-id delta, count)
	blob = bytes.fromhex(open("postings.hex").read().strip())
	nums, v, shift = [], 0, 0
	for x in blob:
	    v |= (x & 0x7f) << shift
	    shift += 7
	    if not x & 0x80:
	        nums.append(v)
	        v, shift = 0, 0
	assert shift == 0 and len(nums) % 2 == 0
	ext = dict(l.rstrip("\n").split("\t") for l in open("ids", encoding="utf-8"))
	ours, doc = {}, 0
	for delta, count in zip(nums[0::2], nums[1::2]):
	    doc += delta
	    ours[ext[str(doc)]] = count
	byid = {v: int(k) for k, v in ext.items()}
	got, want = [], []
	for i in sorted(picked, key=lambda e: byid[e]):
	    t = texts[i]
	    assert not re.search(r"development[\x27\u2019-]|[-\x27\u2019]development", t), i
	    want.append((i, word.findall(t).count("development")))
	    got.append((i, ours.get(i, 0)))
	print("plenum", got)
	print("python", want)
	assert got == want
	assert all(c > 0 for _, c in want)
	EOF
'

test_expect_success 'ingest the Chinese sample' '
	plenum ingest -q --db zh.db "$ZH" &&
	facts "$ZH" zh.sources >zh.facts &&
	cat zh.facts
'

test_expect_success 'Chinese: documents, sources and date range' '
	fact docs zh.facts >expect &&
	sqlite3 zh.db "SELECT count(*) FROM doc" >actual &&
	test_cmp expect actual &&
	sqlite3 zh.db "SELECT DISTINCT source FROM doc" | LC_ALL=C sort >actual &&
	LC_ALL=C sort zh.sources >expect &&
	test_cmp expect actual &&
	{ fact first zh.facts && fact last zh.facts; } >expect &&
	sqlite3 zh.db "SELECT min(date) FROM doc; SELECT max(date) FROM doc" >actual &&
	test_cmp expect actual &&
	sqlite3 zh.db "SELECT DISTINCT lang FROM doc" >actual &&
	echo zh >expect &&
	test_cmp expect actual
'

test_expect_success 'Chinese: 疫情, 防控 and 习近平 are terms' '
	sqlite3 zh.db "SELECT text FROM term WHERE text IN ('"'疫情'"', '"'防控'"', '"'习近平'"') ORDER BY text" >actual &&
	printf "%s\n" 习近平 疫情 防控 | LC_ALL=C sort >expect &&
	LC_ALL=C sort actual >actual.sorted &&
	test_cmp expect actual.sorted
'

test_expect_success 'Chinese: 习近平 is one token wherever it occurs' '
	sqlite3 -separator " " zh.db "SELECT df, cf FROM term WHERE text = '"'习近平'"'" >actual &&
	python3 - "$ZH" >expect <<-\EOF &&
	import json, sys
	docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
	w = "\u4e60\u8fd1\u5e73"
	print(sum(1 for d in docs if w in d["text"]), sum(d["text"].count(w) for d in docs))
	EOF
	test_cmp expect actual
'

test_expect_success 'Chinese: tokenize --lang zh splits 习近平新时代中国特色社会主义' '
	printf "习近平新时代中国特色社会主义" | plenum tokenize --lang zh >actual &&
	echo "习近平  新时代  中国特色社会主义" >expect &&
	test_cmp expect actual
'

test_expect_success 'both corpora: integrity_check is ok' '
	for db in en.db zh.db; do
		sqlite3 $db "PRAGMA integrity_check" >actual &&
		echo ok >expect &&
		test_cmp expect actual || return 1
	done
'

test_done
