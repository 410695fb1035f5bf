#!/bin/sh

test_description='the Han bigram index within the ingest memory budget: flushed and appended, the same index and counts'
. "$(dirname "$0")/test-lib.sh"

if ! test_have_prog sqlite3 || ! test_have_prog python3; then
	skip_all 'needs the sqlite3 CLI and python3'
fi

# The whole Han bigram index, key by key, as text.
hgram() {
	sqlite3 "$1" "SELECT key, hex(docs) FROM hgram ORDER BY key"
}

test_expect_success 'setup: 300 generated Chinese documents' '
	python3 - <<-\EOF
	import json, random
	r = random.Random(11)
	chars = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"
	def sent():
	    return "".join(r.choice(chars) for _ in range(r.randint(4, 18)))
	with open("all.jsonl", "w", encoding="utf-8") as f:
	    for i in range(300):
	        text = "".join(sent() + r.choice("，、；。") for _ in range(r.randint(3, 20))) + "。"
	        f.write(json.dumps({"id": "d%d" % i,
	            "date": "%d-%02d-%02d" % (2010 + i % 5, 1 + i % 12, 1 + i % 28),
	            "text": text}, ensure_ascii=False) + "\n")
	EOF
	head -n 120 all.jsonl >a.jsonl &&
	sed -n "121,300p" all.jsonl >b.jsonl &&
	plenum ingest -q --db one.db all.jsonl &&
	hgram one.db >one.hg &&
	test "$(wc -l <one.hg)" -gt 1000
'

# With --memory 1M the bigram tables alone (their first allocation is
# 1.25 MB) pass the budget after every document, so every document's
# bigrams are written and appended to the rows before the next.
test_expect_success 'a 1M budget flushes the bigrams and writes the same index' '
	plenum ingest -q --memory 1M --db mem.db all.jsonl &&
	hgram mem.db >mem.hg &&
	test_cmp one.hg mem.hg
'

test_expect_success 'two ingests under the budget append to the same index' '
	plenum ingest -q --memory 1M --db two.db a.jsonl &&
	plenum ingest -q --memory 1M --db two.db b.jsonl &&
	hgram two.db >two.hg &&
	test_cmp one.hg two.hg
'

test_expect_success 'Han terms count the same as str.count on every database' '
	python3 "$ROOT/tests/t/substr-count.py" all.jsonl 的一 国家 中大 发展 \
		的 >expect &&
	for db in one.db mem.db two.db; do
		for t in 的一 国家 中大 发展 的; do
			printf "%s\t%s\n" "$t" "$(plenum query --db $db --by year "$t" |
			    awk -F"\t" "NR > 1 { s += \$4 } END { print s + 0 }")"
		done >actual.$db &&
		test_cmp expect actual.$db || return 1
	done
'

test_done
