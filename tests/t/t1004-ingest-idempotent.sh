#!/bin/sh

test_description='plenum ingest: re-ingesting changes nothing, duplicates are skipped, --replace is exact'
. "$(dirname "$0")/test-lib.sh"

if ! test_have_prog sqlite3 || ! test_have_prog python3; then
	skip_all 'needs the sqlite3 CLI and python3'
fi
PYTHONUTF8=1
export PYTHONUTF8

# terms DB: the term statistics, in a stable order.
# (cf and df: the base row's plus its segments', docs/SCHEMA.md)
terms() {
	sqlite3 "$1" "SELECT text, n, cf + coalesce((SELECT sum(cf) FROM
	    term_segs s WHERE s.text = t.text), 0), df + coalesce((SELECT
	    sum(df) FROM term_segs s WHERE s.text = t.text), 0) FROM term t
	    ORDER BY text"
}

# postings DB: every term's posting list decoded by python (varint pairs of
# doc-id delta and count), doc ids turned into the documents' own ids.
postings() {
	python3 - "$1" <<-\EOF
	import sqlite3, sys
	db = sqlite3.connect(sys.argv[1])
	ext = dict(db.execute("SELECT id, ext_id FROM doc"))
	def varints(b):
	    v = shift = 0
	    for x in b:
	        v |= (x & 0x7f) << shift
	        shift += 7
	        if not x & 0x80:
	            yield v
	            v = shift = 0
	    assert shift == 0, "truncated varint"
	segs = {}
	for text, blob, cf, df in db.execute(
	        "SELECT text, postings, cf, df FROM term_segs ORDER BY seg"):
	    segs.setdefault(text, []).append((blob, cf, df))
	for text, blob, cf, df in db.execute(
	        "SELECT text, postings, cf, df FROM term ORDER BY text"):
	    rows = []
	    last = 0
	    # the base row, then its segments: each list's first gap is from 0
	    for b, c1, d1 in [(blob, cf, df)] + segs.pop(text, []):
	        nums = list(varints(b))
	        assert len(nums) % 2 == 0, text
	        doc = 0
	        for d, c in zip(nums[0::2], nums[1::2]):
	            doc += d
	            assert doc > last, (text, "doc ids not increasing")
	            last = doc
	            rows.append((ext[doc], c))
	        if b is not blob:
	            cf += c1
	            df += d1
	    assert len(rows) == df, (text, rows, df)
	    assert sum(c for _, c in rows) == cf, (text, rows, cf)
	    print(text + "\t" + " ".join("%s:%d" % r for r in sorted(rows)))
	assert not segs, ("segments without a base row", segs)
	EOF
}

ndocs() {
	sqlite3 "$1" "SELECT count(*) FROM doc"
}

# Every token is counted once among the 1-grams.
unigram_total() {
	sqlite3 "$1" "SELECT (SELECT sum(cf) FROM term WHERE n = 1) +
	    coalesce((SELECT sum(s.cf) FROM term_segs s JOIN term t USING (text)
	    WHERE t.n = 1), 0) = (SELECT sum(tokens) FROM doc)" >same &&
	echo 1 >one &&
	test_cmp one same
}

test_expect_success 'setup: a corpus of three documents' '
	cat >v1.jsonl <<-\EOF &&
	{"id": "a", "date": "2020-01-01", "text": "The rule of law matters. Law and order prevail."}
	{"id": "b", "date": "2020-02-01", "text": "Order of business: the budget. Budget cuts."}
	{"id": "c", "date": "2020-03-01", "source": "S", "text": "Rates rose. The budget balanced."}
	EOF
	plenum ingest -q --db c.db v1.jsonl &&
	echo 3 >expect &&
	ndocs c.db >actual &&
	test_cmp expect actual &&
	sqlite3 c.db ".dump term" >term.before &&
	sqlite3 c.db ".dump doc" >doc.before &&
	sqlite3 c.db ".dump doc_tokens" >toks.before &&
	unigram_total c.db
'

test_expect_success 'the same file again adds nothing and says "already present"' '
	plenum ingest --db c.db v1.jsonl 2>err &&
	cat err &&
	grep "added 0," err &&
	grep "already present 3" err &&
	ndocs c.db >actual &&
	test_cmp expect actual &&
	sqlite3 c.db ".dump term" >term.after &&
	test_cmp term.before term.after &&
	sqlite3 c.db ".dump doc" >doc.after &&
	test_cmp doc.before doc.after &&
	sqlite3 c.db ".dump doc_tokens" >toks.after &&
	test_cmp toks.before toks.after
'

test_expect_success 'the same file a third time, with threads off: still nothing' '
	plenum ingest --db c.db --threads 0 v1.jsonl 2>err &&
	grep "already present 3" err &&
	sqlite3 c.db ".dump term" >term.after &&
	test_cmp term.before term.after
'

test_expect_success 'the same CSV file and the same directory twice add nothing' '
	printf "id,date,text\nx1,2021-01-01,\"Csv text, once.\"\n" >once.csv &&
	mkdir dir &&
	printf "Directory text once.\n" >dir/note-2021-02-02.txt &&
	plenum ingest -q --db d.db once.csv dir &&
	sqlite3 d.db .dump >d.before &&
	plenum ingest --db d.db once.csv dir 2>err &&
	grep "already present 2" err &&
	sqlite3 d.db .dump >d.after &&
	test_cmp d.before d.after
'

test_expect_success 'the same text under another id is a duplicate and is skipped' '
	echo "{\"id\": \"a2\", \"date\": \"2021-05-05\", \"text\": \"The rule of law matters. Law and order prevail.\"}" >dup.jsonl &&
	plenum ingest --db c.db dup.jsonl 2>err &&
	cat err &&
	grep "^plenum ingest: dup.jsonl:1: document '"'a2'"' has the same text as '"'a'"'; skipped" err &&
	grep "duplicates 1" err &&
	ndocs c.db >actual &&
	test_cmp expect actual &&
	sqlite3 c.db ".dump term" >term.after &&
	test_cmp term.before term.after &&
	sqlite3 c.db ".dump doc" >doc.after &&
	test_cmp doc.before doc.after
'

test_expect_success 'two ids with one text in a single input: the second is skipped' '
	cat >pair.jsonl <<-\EOF &&
	{"id": "p1", "date": "2021-01-01", "text": "Twin text here."}
	{"id": "p2", "date": "2021-01-02", "text": "Twin text here."}
	EOF
	plenum ingest --db p.db pair.jsonl 2>err &&
	grep "document '"'p2'"' has the same text as '"'p1'"'; skipped" err &&
	sqlite3 p.db "SELECT ext_id FROM doc" >actual &&
	echo p1 >expect &&
	test_cmp expect actual &&
	sqlite3 p.db "SELECT cf, df FROM term WHERE text = '"'twin'"'" >actual &&
	echo "1|1" >expect &&
	test_cmp expect actual
'

# After the replacements below the corpus holds exactly final.jsonl.
test_expect_success '--replace: changed content replaces the document' '
	cat >v2.jsonl <<-\EOF &&
	{"id": "a", "date": "2020-01-01", "text": "A new text about the budget and law. Nothing on order."}
	EOF
	plenum ingest --db c.db --replace v2.jsonl 2>err &&
	cat err &&
	grep "replaced 1" err &&
	echo 3 >expect &&
	ndocs c.db >actual &&
	test_cmp expect actual &&
	sqlite3 c.db "SELECT text FROM doc WHERE ext_id = '"'a'"'" >actual &&
	echo "A new text about the budget and law. Nothing on order." >expect &&
	test_cmp expect actual
'

test_expect_success '--replace: terms of the old text only are gone' '
	for w in rule matters prevail "rule of law"; do
		grep "^INSERT INTO term VALUES('"'"'$w'"'"'," term.before >/dev/null &&
		sqlite3 c.db "SELECT count(*) FROM term WHERE text = '"'"'$w'"'"'" >actual &&
		echo 0 >expect &&
		test_cmp expect actual || return 1
	done
'

test_expect_success '--replace: term n, cf, df equal those of a fresh corpus of the final documents' '
	{ cat v2.jsonl && sed -n "2,3p" v1.jsonl; } >final.jsonl &&
	plenum ingest -q --db fresh.db final.jsonl &&
	terms fresh.db >expect &&
	terms c.db >actual &&
	test_cmp expect actual &&
	unigram_total c.db
'

test_expect_success '--replace: postings equal those of the fresh corpus' '
	postings fresh.db >expect &&
	postings c.db >actual &&
	test_cmp expect actual
'

test_expect_success '--replace with the same content is "already present"' '
	sqlite3 c.db .dump >c.before &&
	plenum ingest --db c.db --replace v2.jsonl 2>err &&
	grep "already present 1" err &&
	sqlite3 c.db .dump >c.after &&
	test_cmp c.before c.after
'

test_expect_success '--replace: several changes, a new date, a new document, in one run' '
	cat >v3.jsonl <<-\EOF &&
	{"id": "b", "date": "2020-02-01", "text": "Order of business: taxes. Budget cuts again and again."}
	{"id": "c", "date": "2020-04-15", "source": "S", "text": "Rates rose. The budget balanced."}
	{"id": "d", "date": "2020-05-01", "text": "Fresh document on law and budget."}
	EOF
	plenum ingest --db c.db --replace v3.jsonl 2>err &&
	cat err &&
	grep "added 1, replaced 2" err &&
	sqlite3 c.db "SELECT ext_id, date FROM doc ORDER BY ext_id" >actual &&
	cat >expect <<-\EOF &&
	a|2020-01-01
	b|2020-02-01
	c|2020-04-15
	d|2020-05-01
	EOF
	test_cmp expect actual &&
	{ cat v2.jsonl v3.jsonl; } >final2.jsonl &&
	plenum ingest -q --db fresh2.db final2.jsonl &&
	terms fresh2.db >expect &&
	terms c.db >actual &&
	test_cmp expect actual &&
	postings fresh2.db >expect &&
	postings c.db >actual &&
	test_cmp expect actual &&
	unigram_total c.db &&
	sqlite3 c.db "PRAGMA integrity_check" >actual &&
	echo ok >expect &&
	test_cmp expect actual
'

test_expect_success '--replace: a document'"'"'s tokens are stored once' '
	sqlite3 c.db "SELECT count(*) FROM doc_tokens" >actual &&
	echo 4 >expect &&
	test_cmp expect actual &&
	sqlite3 c.db "SELECT count(*) FROM doc_tokens WHERE doc NOT IN (SELECT id FROM doc)" >actual &&
	echo 0 >expect &&
	test_cmp expect actual
'

test_done
