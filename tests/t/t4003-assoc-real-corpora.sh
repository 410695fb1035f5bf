#!/bin/sh
#
# plenum cooc and keyness on two shared corpora (fomc-statements, English,
# and sample-zh, Chinese), checked against counts that
# tests/data/assoc/crosscheck.py computes in Python straight from the
# stored token ids: every collocate's o11, node_freq, coll_freq, span and
# n for a window, sentences and documents, and every term's counts for a
# year against the rest; measures.py re-computes the measures and q.

test_description='cooc and keyness on real corpora, checked against python'
. "$(dirname "$0")/test-lib.sh"

if ! test_have_shared; then
	skip_all "no shared corpora at $SHARED/corpora"
fi
EN=$SHARED/corpora/fomc-statements/docs.jsonl
ZH=$SHARED/corpora/sample-zh/docs.jsonl
if ! test -f "$EN" || ! test -f "$ZH"; then
	skip_all "no $EN or $ZH"
fi
if ! test_have_prog python3; then
	skip_all 'needs python3'
fi
PYTHONUTF8=1
export PYTHONUTF8

X=$ROOT/tests/data/assoc/crosscheck.py
M=$ROOT/tests/data/assoc/measures.py
STOP=$ROOT/data/stopwords-en.txt,$ROOT/data/stopwords-zh.txt

test_expect_success 'ingest fomc-statements and sample-zh' '
	plenum ingest -q --db en.db "$EN" &&
	plenum ingest -q --db zh.db "$ZH"
'

# check DB WORD SPAN [MINROWS]: plenum's counts equal python's for every
# collocate (the node matched as whole tokens, --words, as crosscheck.py
# reads the stored token ids), and there are more than MINROWS (default 20) of them.
check() {
	python3 "$X" cooc "$1" "$2" "$3" "$STOP" | LC_ALL=C sort >expect &&
	plenum cooc --keep-numbers --db "$1" --span "$(echo "$3" | sed "s/:\([0-9]*\):.*/:\1/")" \
		--words --all --top 0 "$2" >out &&
	sed 1d out | cut -f1,2,4-7 | LC_ALL=C sort >got &&
	test "$(wc -l <got)" -gt "${4:-20}" &&
	test_cmp expect got &&
	python3 "$M" cooc out
}

for span in window:5:5 sentence doc; do
	test_expect_success "fomc: collocates of inflation, $span" "
		check en.db inflation $span
	"
	test_expect_success "sample-zh: collocates of 发展, $span" "
		check zh.db 发展 $span
	"
done

# pandemic is in 19 of the 181 statements: below a quarter, so the
# collocates' frequencies come from their posting lists, not a full scan.
test_expect_success 'fomc: collocates of a rare word (posting-list path)' '
	check en.db pandemic window:5:5 10 &&
	python3 "$X" cooc en.db pandemic window:2:0 "$STOP" | LC_ALL=C sort >expect &&
	plenum cooc --keep-numbers --db en.db --left 2 --right 0 --all --top 0 pandemic >out &&
	sed 1d out | cut -f1,2,4-7 | LC_ALL=C sort >got &&
	test_cmp expect got
'

test_expect_success 'fomc: keyness of 2008 against the other years' '
	python3 "$X" keyness en.db 2008 "$STOP" | LC_ALL=C sort >expect &&
	plenum keyness --keep-numbers --db en.db --target 2008 --top 0 >out &&
	sed 1d out | cut -f1,3-6 | LC_ALL=C sort >got &&
	test "$(wc -l <got)" -gt 500 &&
	test_cmp expect got &&
	python3 "$M" keyness out 1 "$(wc -l <expect)"
'

test_done
