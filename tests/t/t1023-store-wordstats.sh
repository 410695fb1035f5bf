#!/bin/sh

test_description='per-month word counts (word_period): freq, keyness and cooc from the stored counts equal a scan of the posting lists, through segments, replacements, merges, optimize and the schema 3 migration'
. "$(dirname "$0")/test-lib.sh"

if ! test_have_prog sqlite3 || ! test_have_prog python3; then
	skip_all 'needs the sqlite3 CLI and python3'
fi

# The questions the stored counts answer (whole months), and some they
# cannot (a split month, a source): each with and without --scan.
QS="freq --top 30|freq --top 0|freq --top 20 --from 2011-01-01 --to 2011-12-31|\
freq --top 20 --from 2011-03-01 --to 2012-02-29|\
freq --top 0 --stopwords --min-count 3 --min-docs 2 --to 2012-06-30|\
freq --top 10 --from 2011-01-15 --to 2011-12-31|freq --top 10 --source s1|\
keyness --target 2012 --top 0|keyness --target 2011-04 --reference 2012 --top 10|\
keyness --target 2013 --reference previous:1 --top 0 --min-count 1|\
keyness --target 2012-02-10..2012-05-31 --top 10|keyness --target 2012,s2 --top 5|\
cooc --top 10 --all alpha|cooc --top 10 --all --from 2011-01-01 --to 2011-12-31 beta|\
cooc --top 10 --all --from 2011-01-10 theta"

# answers DB [--scan]: every question's answer, in one file
answers() {
	echo "$QS" | tr '|' '\n' | while read -r q; do
		echo "== $q" &&
		plenum $q $2 --db "$1" || return 1
	done
}

# The word totals two ways: word_period's all-time rows summed over
# segments, and the term rows (base plus segments) of the words.
totals_sql="SELECT w.text, sum(p.cf), sum(p.df) FROM word_period p JOIN word w
    ON w.id = p.word WHERE p.period = 0 GROUP BY w.text HAVING sum(p.cf) > 0
    ORDER BY w.text"
terms_sql="SELECT text, cf + coalesce((SELECT sum(cf) FROM term_segs s WHERE
    s.text = t.text), 0), df + coalesce((SELECT sum(df) FROM term_segs s
    WHERE s.text = t.text), 0) FROM term t WHERE n = 1 ORDER BY text"

test_expect_success 'setup: 360 generated documents, six a month over five years' '
	python3 - <<-\EOF &&
	import json, random
	r = random.Random(11)
	words = ("alpha beta gamma gammas delta epsilon zeta eta theta iota "
	         "kappa lambda omicron sigma tau upsilon").split()
	with open("all.jsonl", "w") as f:
	    for i in range(360):
	        w = words[: 6 + (i // 30) % 10]
	        sents = [" ".join(r.choice(w) for _ in range(r.randint(2, 10)))
	                 for _ in range(r.randint(1, 5))]
	        m = i // 6
	        f.write(json.dumps({"id": "d%d" % i,
	            "date": "%d-%02d-%02d" % (2010 + m // 12, 1 + m % 12, 1 + i % 28),
	            "source": "s%d" % (i % 5),
	            "text": ". ".join(sents) + "."}) + "\n")
	EOF
	head -n 120 all.jsonl >a.jsonl &&
	sed -n "121,250p" all.jsonl >b.jsonl &&
	sed -n "251,360p" all.jsonl >c.jsonl &&
	plenum ingest -q --db one.db all.jsonl &&
	answers one.db >one.out &&
	test "$(grep -c "^== " one.out)" = 15
'

test_expect_success 'the stored counts give the answers a scan of every posting list gives' '
	answers one.db --scan >scan.out &&
	test_cmp scan.out one.out
'

test_expect_success 'the stored counts are what freq reads (a changed count shows, --scan does not see it)' '
	cp one.db changed.db &&
	sqlite3 changed.db "UPDATE word_period SET cf = cf + 1000 WHERE word =
	    (SELECT id FROM word WHERE text = '\''iota'\'') AND period = 0" &&
	plenum freq --top 1 --db changed.db >top.tsv &&
	test "$(sed -n 2p top.tsv | cut -f1)" = iota &&
	plenum freq --top 1 --scan --db changed.db >scan.tsv &&
	test "$(sed -n 2p scan.tsv | cut -f1)" != iota
'

test_expect_success 'freq of 2011: counts and documents (second method: python over the JSON Lines)' '
	python3 - <<-\EOF >expect &&
	import json, collections
	cnt, docs = collections.Counter(), collections.Counter()
	for l in open("all.jsonl"):
	    d = json.loads(l)
	    if not d["date"].startswith("2011"):
	        continue
	    ws = d["text"].replace(".", " ").split()
	    cnt.update(ws)
	    docs.update(set(ws))
	for w, c in sorted(cnt.items(), key=lambda x: (-x[1], x[0]))[:12]:
	    print("%s\t%d\t%d" % (w, c, docs[w]))
	EOF
	plenum freq --top 12 --stopwords --from 2011-01-01 --to 2011-12-31 \
	    --db one.db | sed 1d | cut -f1,3,5 >actual &&
	test_cmp expect actual
'

test_expect_success 'three ingests, a replacement and a memory budget answer like one corpus' '
	plenum ingest -q --db three.db a.jsonl &&
	plenum ingest -q --memory 1M --db three.db b.jsonl &&
	plenum ingest -q --db three.db c.jsonl &&
	test "$(sqlite3 three.db "SELECT count(DISTINCT seg) FROM word_period")" = 3 &&
	answers three.db >three.out &&
	test_cmp one.out three.out &&
	sqlite3 one.db "$totals_sql" >expect &&
	sqlite3 three.db "$totals_sql" >actual &&
	test_cmp expect actual &&
	sqlite3 three.db "$terms_sql" >actual &&
	test_cmp expect actual &&
	plenum ingest -q --memory 1M --db mem.db all.jsonl &&
	test "$(sqlite3 mem.db "SELECT count(*) > 0 FROM term_segs")" = 1 &&
	answers mem.db >mem.out &&
	test_cmp one.out mem.out
'

test_expect_success 'replacing documents moves their words out of their old months' '
	python3 - <<-\EOF &&
	import json
	docs = [json.loads(l) for l in open("all.jsonl")]
	chg = [dict(docs[3], text="alpha beta. beta beta gamma."),
	       dict(docs[200], text="zeta zeta zeta."),
	       dict(docs[350], date="2012-06-06", text="delta epsilon delta sigma.")]
	open("chg.jsonl", "w").write("".join(json.dumps(d) + "\n" for d in chg))
	by = {d["id"]: d for d in chg}
	open("final.jsonl", "w").write("".join(json.dumps(d) + "\n"
	    for d in docs if d["id"] not in by) +
	    "".join(json.dumps(d) + "\n" for d in chg))
	EOF
	plenum ingest -q --replace --db three.db chg.jsonl &&
	plenum ingest -q --db final.db final.jsonl &&
	answers final.db >expect &&
	answers three.db >actual &&
	test_cmp expect actual &&
	answers three.db --scan >actual &&
	test_cmp expect actual &&
	sqlite3 three.db "$terms_sql" >expect &&
	sqlite3 three.db "$totals_sql" >actual &&
	test_cmp expect actual
'

test_expect_success 'more than eight segments of counts are merged into one; optimize folds them into the base' '
	plenum ingest -q --db many.db a.jsonl &&
	split -l 12 --additional-suffix=.jsonl b.jsonl part. &&
	for p in part.*; do plenum ingest -q --db many.db $p || return 1; done &&
	plenum ingest -q --db many.db c.jsonl &&
	test "$(sqlite3 many.db "SELECT count(DISTINCT seg) FROM word_period")" -le 9 &&
	answers many.db >many.out &&
	test_cmp one.out many.out &&
	plenum optimize --db many.db >/dev/null &&
	test "$(sqlite3 many.db "SELECT group_concat(DISTINCT seg) FROM word_period")" = 0 &&
	answers many.db >opt.out &&
	test_cmp one.out opt.out
'

test_expect_success 'a schema 3 file gets its counts from the index on open, answers unchanged' '
	cp three.db old.db &&
	sqlite3 old.db "INSERT INTO term_seg SELECT text, seg, cf, df, postings
	    FROM term_seg0; DROP VIEW term_segs; DROP TABLE term_seg0;
	    DROP TABLE word; DROP TABLE word_period; PRAGMA user_version = 3" &&
	answers old.db >old.out &&
	answers three.db >expect &&
	test_cmp expect old.out &&
	test "$(sqlite3 old.db "PRAGMA user_version")" = 5 &&
	test "$(sqlite3 old.db "SELECT group_concat(DISTINCT seg) FROM word_period")" = 0 &&
	sqlite3 three.db "$totals_sql" >expect &&
	sqlite3 old.db "$totals_sql" >actual &&
	test_cmp expect actual &&
	printf "%s\n" "{\"id\": \"x1\", \"date\": \"2012-07-01\", \"text\": \"alpha omega.\"}" >x.jsonl &&
	plenum ingest -q --db old.db x.jsonl &&
	answers old.db >actual &&
	answers old.db --scan >expect &&
	test_cmp expect actual
'

test_expect_success 'a schema 4 file without term_seg0 gets it on open' '
	cp one.db v4.db &&
	sqlite3 v4.db "DROP VIEW term_segs; DROP TABLE term_seg0;
	    PRAGMA user_version = 4" &&
	answers v4.db >actual &&
	test_cmp one.out actual &&
	test "$(sqlite3 v4.db "PRAGMA user_version")" = 5 &&
	plenum ingest -q --db v4.db x.jsonl &&
	test "$(sqlite3 v4.db "SELECT count(*) > 0 FROM term_seg0")" = 1 &&
	answers v4.db >actual &&
	answers v4.db --scan >expect &&
	test_cmp expect actual
'

test_expect_success 'plenum reindex rebuilds the counts' '
	cp final.db re.db &&
	plenum reindex --db re.db >/dev/null 2>&1 &&
	answers re.db >actual &&
	answers final.db >expect &&
	test_cmp expect actual
'

test_done
