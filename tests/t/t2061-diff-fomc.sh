#!/bin/sh

test_description='plenum diff on ../shared/corpora/fomc-statements: the move to a 0 to 1/4 percent target range; every pair of the series rebuilds both texts'
. "$(dirname "$0")/test-lib.sh"

if ! test_have_shared || ! test -f "$SHARED/corpora/fomc-statements/docs.jsonl"; then
	skip_all "no ../shared/corpora/fomc-statements (the shared corpora are not here)"
fi
if ! test_have_prog python3; then
	skip_all 'needs python3'
fi
LC_ALL=C.UTF-8
PYTHONUTF8=1
export LC_ALL PYTHONUTF8
JSONL=$SHARED/corpora/fomc-statements/docs.jsonl
NEW=fomc-stmt-2008-12-16-fomc-statement
OLD=fomc-stmt-2008-10-29-fomc-statement

test_expect_success 'set-up: ingest fomc-statements' '
	plenum ingest --db f.db "$JSONL" 2>err &&
	grep "added 181," err
'

test_expect_success '2008-12-16 against the statement before it (2008-10-29): the 0 to 1/4 percent target range' '
	plenum diff --db f.db $NEW >actual &&
	sed -n "1,2p" actual >head &&
	printf "%s\n" "--- $OLD 2008-10-29" "+++ $NEW 2008-12-16" >expect &&
	test_cmp expect head &&
	grep -F "The Federal Open Market Committee decided today to [-lower its-]{+establish a+} target {+range+} for the federal funds rate [-50 basis points-]{+of 0+} to [-1-]{+1/4+} percent." actual &&
	plenum diff --db f.db $NEW $OLD >explicit &&
	test_cmp actual explicit
'

test_expect_success 'the same as a table and as phrases' '
	plenum diff --db f.db $NEW --format tsv >edits &&
	awk -F "\t" "\$1 == \"replace\" && \$9 == \"1\" && \$10 == \"1/4\" { n++ } END { exit n != 1 }" edits &&
	awk -F "\t" "\$1 == \"insert\" && \$10 == \"range\" && \$3 == 1 && \$4 == 1 { n++ } END { exit n != 1 }" edits &&
	plenum diff --db f.db $NEW --phrases >phrases &&
	grep "^entered	target range	2	1	" phrases &&
	grep "^entered	0 to 1/4	3	1	" phrases
'

# A second method for the counts: the redline must rebuild both texts.
# Dropping {+...+} and unwrapping [-...-] leaves the old document's words
# in order; the other way round the new one's.  Tokens come from plenum
# tokenize on the original texts from the JSONL.
test_expect_success 'every pair of the series: the redline rebuilds both documents, counts add up' '
	plenum diff --db f.db --series >series.tsv &&
	test_line_count = 181 series.tsv &&
	cat >check.py <<-\EOF &&
	import csv, json, re, subprocess, sys
	docs = {}
	for line in open(sys.argv[1]):
	    d = json.loads(line)
	    docs[d["id"]] = d["text"]
	rows = list(csv.DictReader(open("series.tsv"), delimiter="\t"))
	def toks(texts):
	    # one tokenize run: texts joined by blank lines, tokens flattened
	    out = subprocess.run(["plenum", "tokenize", "--format", "tsv"],
	        input="\n\n".join(texts), capture_output=True, text=True,
	        check=True).stdout.splitlines()[1:]
	    return [l.split("\t")[1] for l in out]
	olds, news, rold, rnew = [], [], [], []
	for r in rows:
	    red = subprocess.run(["plenum", "diff", "--db", "f.db", "--color",
	        "never", r["doc"], r["prev"]], capture_output=True, text=True,
	        check=True).stdout
	    body = red.split("\n", 3)[3].rsplit("\n\nsimilarity ", 1)[0]
	    ins = re.compile(r"\{\+(.*?)\+\}", re.S)
	    dele = re.compile(r"\[-(.*?)-\]", re.S)
	    rold.append(dele.sub(r"\1", ins.sub(" ", body)))
	    rnew.append(ins.sub(r"\1", dele.sub(" ", body)))
	    olds.append(docs[r["prev"]])
	    news.append(docs[r["doc"]])
	assert toks(rold) == toks(olds), "old texts not rebuilt"
	assert toks(rnew) == toks(news), "new texts not rebuilt"
	# kept + removed = old words, kept + added = new words, per pair
	lens_old = [len(toks([t])) for t in olds[:12]]
	lens_new = [len(toks([t])) for t in news[:12]]
	for r, lo, ln in zip(rows, lens_old, lens_new):
	    k, a, m = int(r["words_kept"]), int(r["words_added"]), int(r["words_removed"])
	    assert k + m == lo and k + a == ln, r["doc"]
	    assert abs(float(r["similarity"]) - 2 * k / (lo + ln)) < 6e-5, r["doc"]
	print(len(rows), "pairs rebuilt")
	EOF
	python3 check.py "$JSONL" >out &&
	grep "^180 pairs rebuilt$" out
'

test_expect_success '--series plots as a time series of similarity' '
	plenum plot line -i series.tsv --y similarity --dump >dump.tsv &&
	grep -c . dump.tsv >/dev/null &&
	plenum plot line -i series.tsv --y similarity -o series.png &&
	test -s series.png
'

test_done
