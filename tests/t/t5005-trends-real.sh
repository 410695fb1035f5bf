#!/bin/sh
#
# plenum trends on the UN General Debate (../shared/corpora/ungd, ingested
# here unless PLENUM_TEST_DBS holds ungd.db), checked with
# plain python3: Z and p of every term from its S and Var(S) by the
# formula, and the Benjamini-Hochberg q-values of the whole screen
# recomputed independently.

test_description='plenum trends on ungd by year: Z, p and BH q recomputed in python'
. "$(dirname "$0")/test-lib.sh"

if ! test_have_prog python3; then
	skip_all 'needs python3'
fi
# A database already ingested (PLENUM_TEST_DBS/ungd.db) saves the ingest;
# else the shared corpus is ingested here (about 8 s).
DB=${PLENUM_TEST_DBS:-/nonexistent}/ungd.db
if ! test -r "$DB"; then
	if ! test_have_shared || ! test -r "$SHARED/corpora/ungd/docs.jsonl"; then
		skip_all "no shared corpora at $SHARED/corpora and no PLENUM_TEST_DBS"
	fi
	DB=$PWD/ungd.db
	test_expect_success 'ingest ungd' '
		plenum ingest -q --db "$DB" "$SHARED/corpora/ungd/docs.jsonl"
	'
fi

test_expect_success 'the yearly screen: 30 buckets for every term' '
	plenum trends --db "$DB" --by year >out &&
	test "$(wc -l <out)" -gt 5000 &&
	awk -F"\t" "NR == 1 && \$2 != \"n\" { print \"header\" } NR > 1 && \$2 != 30" out >bad &&
	test_line_count = 0 bad
'

test_expect_success 'Z, p and q agree with an independent recomputation' '
	python3 - out <<-\EOF
	import csv, math, sys
	rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8"), delimiter="\t"))
	worst = 0.0
	ps = []
	for r in rows:
	    if r["mk_p"] == "":
	        ps.append(None)
	        continue
	    s, v = float(r["mk_s"]), float(r["mk_var"])
	    z = (s - 1) / math.sqrt(v) if s > 0 else (s + 1) / math.sqrt(v) if s < 0 else 0.0
	    p = math.erfc(abs(z) / math.sqrt(2))
	    for got, want in ((float(r["mk_z"]), z), (float(r["mk_p"]), p)):
	        if want != 0:
	            worst = max(worst, abs(got - want) / abs(want))
	    ps.append(float(r["mk_p"]))
	idx = sorted((p, i) for i, p in enumerate(ps) if p is not None)
	m = len(idx)
	q = [None] * len(ps)
	run = 1.0
	for k in range(m - 1, -1, -1):
	    p, i = idx[k]
	    run = min(run, p * m / (k + 1))
	    q[i] = run
	for r, want in zip(rows, q):
	    if want is None:
	        assert r["q"] == "", r["term"]
	    else:
	        worst = max(worst, abs(float(r["q"]) - want) / want)
	print("# %d terms, %d tested, worst relative difference %.2g" % (len(rows), m, worst))
	sys.exit(0 if worst < 1e-9 else 1)
	EOF
'

test_expect_success 'sorted by q, and climate rises' '
	python3 - out <<-\EOF
	import csv, sys
	rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8"), delimiter="\t"))
	q = [float(r["q"]) for r in rows if r["q"] != ""]
	assert q == sorted(q), "not sorted by q"
	assert all(r["q"] == "" for r in rows[len(q):]), "untested rows not last"
	c = [r for r in rows if r["term"] == "climate"][0]
	assert float(c["mk_tau"]) > 0.5 and float(c["q"]) < 0.001
	assert float(c["sen_slope"]) > 0 and float(c["sen_lower"]) > 0
	EOF
'

test_done
