#!/bin/sh

test_description='the store at scale: segments, the memory budget, plenum optimize, per-document figures, migration from schema 1, waiting for another ingest'
. "$(dirname "$0")/test-lib.sh"

if ! test_have_prog sqlite3 || ! test_have_prog python3; then
	skip_all 'needs the sqlite3 CLI and python3'
fi

# Every answer that reads the index, in one file.
answers() {
	for q in "series --by month alpha" "series --by year alpha|gamma*" \
	    "series --by quarter delta epsilon" "freq --top 40" \
	    "freq --top 40 --ngram 2 --from 2011-01-01 --to 2012-12-31" \
	    "kwic --limit 0 beta" "cooc --top 20 alpha" \
	    "keyness --target 2012 --top 20" "info" "docs"; do
		echo "== $q" &&
		plenum $q --db "$1" || return 1
	done
}

test_expect_success 'setup: 400 generated documents of plain words' '
	python3 - <<-\EOF
	import json, random
	r = random.Random(7)
	words = "alpha beta gamma gammas delta epsilon zeta eta theta iota kappa lambda".split()
	with open("all.jsonl", "w") as f:
	    for i in range(400):
	        sents = [" ".join(r.choice(words) for _ in range(r.randint(3, 12)))
	                 for _ in range(r.randint(1, 6))]
	        f.write(json.dumps({"id": "d%d" % i,
	            "date": "%d-%02d-%02d" % (2010 + i % 5, 1 + i % 12, 1 + i % 28),
	            "source": "s%d" % (i % 7),
	            "text": ". ".join(sents) + "."}) + "\n")
	EOF
	head -n 150 all.jsonl >a.jsonl &&
	sed -n "151,300p" all.jsonl >b.jsonl &&
	sed -n "301,400p" all.jsonl >c.jsonl &&
	plenum ingest -q --db one.db all.jsonl &&
	answers one.db >one.out
'

test_expect_success 'three ingests (segments) answer like one' '
	plenum ingest -q --db three.db a.jsonl &&
	plenum ingest -q --db three.db b.jsonl &&
	plenum ingest -q --db three.db c.jsonl &&
	test "$(sqlite3 three.db "SELECT count(DISTINCT seg) FROM term_segs")" = 2 &&
	answers three.db >three.out &&
	test_cmp one.out three.out
'

nextseg="SELECT value FROM stat WHERE key = 'next segment'"
delseg="DELETE FROM stat WHERE key = 'next segment'"
test_expect_success 'the next segment number is stored, and a file without it is scanned once' '
	test "$(sqlite3 three.db "$nextseg")" = \
	    "$(sqlite3 three.db "SELECT max(seg) + 1 FROM term_segs")" &&
	plenum ingest -q --db old.db a.jsonl &&
	plenum ingest -q --db old.db b.jsonl &&
	sqlite3 old.db "$delseg" &&
	test -z "$(sqlite3 old.db "$nextseg")" &&
	plenum ingest -q --db old.db c.jsonl &&
	test "$(sqlite3 old.db "SELECT count(DISTINCT seg) FROM term_segs")" = 2 &&
	test "$(sqlite3 old.db "$nextseg")" = \
	    "$(sqlite3 old.db "SELECT max(seg) + 1 FROM term_segs")" &&
	answers old.db >old.out &&
	test_cmp one.out old.out
'

test_expect_success 'a 1M memory budget flushes segments and answers the same' '
	plenum ingest -q --memory 1M --db mem.db all.jsonl &&
	test "$(sqlite3 mem.db "SELECT count(*) > 0 FROM term_segs")" = 1 &&
	answers mem.db >mem.out &&
	test_cmp one.out mem.out
'

test_expect_success '--memory: a bad size is a usage error' '
	test_expect_code 2 plenum ingest --memory 12Q --db x.db a.jsonl 2>err &&
	grep "^plenum ingest: --memory: .12Q. is not a size" err &&
	test_expect_code 2 plenum ingest --memory 100K --db x.db a.jsonl 2>err &&
	grep "too small" err &&
	test_path_is_missing x.db
'

test_expect_success 'segments: cf and df add up to the fresh corpus (second method: SQL)' '
	q="SELECT text, n, cf + coalesce((SELECT sum(cf) FROM term_segs s
	    WHERE s.text = t.text), 0), df + coalesce((SELECT sum(df) FROM
	    term_segs s WHERE s.text = t.text), 0) FROM term t ORDER BY text" &&
	sqlite3 one.db "$q" >expect &&
	sqlite3 three.db "$q" >actual &&
	test_cmp expect actual &&
	sqlite3 mem.db "$q" >actual &&
	test_cmp expect actual
'

test_expect_success 'more than eight generations of segments are merged into one row per term' '
	plenum ingest -q --db many.db a.jsonl &&
	split -l 10 --additional-suffix=.jsonl b.jsonl part. &&
	for p in part.*; do plenum ingest -q --db many.db $p || return 1; done &&
	plenum ingest -q --db many.db c.jsonl &&
	test "$(sqlite3 many.db "SELECT max(c) FROM (SELECT count(*) c FROM
	    term_segs GROUP BY text)")" -le 9 &&
	answers many.db >many.out &&
	test_cmp one.out many.out
'

test_expect_success 'plenum optimize folds every segment into the base rows' '
	plenum optimize --db many.db >opt.tsv &&
	head -n 1 opt.tsv >actual &&
	printf "terms\tsegments\n" >expect &&
	test_cmp expect actual &&
	test "$(sed -n 2p opt.tsv | cut -f1)" -gt 0 &&
	test "$(sqlite3 many.db "SELECT count(*) FROM term_segs")" = 0 &&
	answers many.db >opt.out &&
	test_cmp one.out opt.out &&
	plenum optimize --db many.db >opt2.tsv &&
	printf "terms\tsegments\n0\t0\n" >expect &&
	test_cmp expect opt2.tsv
'

test_expect_success 'replacing documents across segments answers like a fresh corpus' '
	python3 - <<-\EOF &&
	import json
	docs = [json.loads(l) for l in open("all.jsonl")]
	chg = [dict(docs[3], text="alpha beta. beta beta gamma."),
	       dict(docs[200], text="zeta zeta zeta."),
	       dict(docs[350], date="2013-06-06", text="delta epsilon delta epsilon.")]
	open("chg.jsonl", "w").write("".join(json.dumps(d) + "\n" for d in chg))
	by = {d["id"]: d for d in chg}
	open("final.jsonl", "w").write("".join(json.dumps(by.get(d["id"], d)) + "\n"
	    for d in docs if d["id"] not in by) +
	    "".join(json.dumps(d) + "\n" for d in chg))
	EOF
	plenum ingest -q --replace --db three.db chg.jsonl &&
	plenum ingest -q --db final.db final.jsonl &&
	for q in "series --by month alpha" "series --by year zeta|delta" \
	    "freq --top 40" "info"; do
		plenum $q --db final.db >expect &&
		plenum $q --db three.db >actual &&
		test_cmp expect actual || return 1
	done
'

test_expect_success 'info: documents per source and year, tokens, dates (second method: python)' '
	python3 - <<-\EOF >expect &&
	import json, collections
	docs = [json.loads(l) for l in open("all.jsonl")]
	tok = lambda d: len(d["text"].replace(".", " ").split())
	print("corpus\ttotal\t%d\t%d\t" % (len(docs), sum(map(tok, docs))))
	print("corpus\tfirst_date\t\t\t%s" % min(d["date"] for d in docs))
	print("corpus\tlast_date\t\t\t%s" % max(d["date"] for d in docs))
	src = collections.Counter(d["source"] for d in docs)
	for s, n in sorted(src.items(), key=lambda x: (-x[1], x[0])):
	    ds = [d for d in docs if d["source"] == s]
	    print("source\t%s\t%d\t%d\t%s..%s" % (s, n, sum(map(tok, ds)),
	        min(d["date"] for d in ds), max(d["date"] for d in ds)))
	for y in sorted({d["date"][:4] for d in docs}):
	    ds = [d for d in docs if d["date"][:4] == y]
	    print("year\t%s\t%d\t%d\t" % (y, len(ds), sum(map(tok, ds))))
	EOF
	plenum info --db three.db >/dev/null &&
	plenum info --db mem.db | grep -v "^corpus	\(types\|ngrams\|sentences\|lang\|precision\)" |
	    grep -v "^setting" | sed 1d >actual &&
	test_cmp expect actual
'

test_expect_success 'kwic --limit N: the first N lines of the whole concordance' '
	plenum kwic --limit 0 --db three.db alpha >all.tsv &&
	plenum kwic --limit 7 --db three.db alpha >seven.tsv &&
	head -n 8 all.tsv >expect &&
	test_cmp expect seven.tsv
'

test_expect_success 'a schema 2 file is migrated on open, answers unchanged' '
	cp one.db old.db &&
	sqlite3 old.db "DROP TABLE doc_meta; DROP TABLE label; DROP TABLE stat;
	    DROP VIEW term_segs; DROP TABLE term_seg0;
	    DROP TABLE term_seg; DROP TABLE word; DROP TABLE word_period;
	    PRAGMA user_version = 2" &&
	answers old.db >old.out &&
	test_cmp one.out old.out &&
	test "$(sqlite3 old.db "PRAGMA user_version")" = 5 &&
	plenum ingest -q --db old.db c.jsonl
'

test_expect_success 'a corrupt doc_meta block is an error naming plenum reindex, not a wrong answer' '
	cp one.db bad.db &&
	sqlite3 bad.db "UPDATE doc_meta SET data = substr(data, 1, 10)" &&
	test_must_fail plenum series --db bad.db alpha 2>err &&
	grep "doc_meta block 0 is corrupt" err
'

test_expect_success 'a second ingest waits for the first, saying so' '
	cp one.db lock.db &&
	{ { echo "BEGIN IMMEDIATE;"; sleep 3; echo "COMMIT;"; } |
	    sqlite3 lock.db & } &&
	sleep 1 &&
	test_expect_code 1 plenum ingest -q --wait 0 --db lock.db c.jsonl 2>err &&
	grep "still holds the database after 0 s.*--wait SECONDS" err &&
	plenum ingest -q --db lock.db c.jsonl 2>err &&
	grep "another ingest is running; waiting for it to finish" err &&
	wait
'

test_done
