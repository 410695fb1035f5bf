#!/bin/sh
#
# Chinese vocabulary lists on cctv-xwlb (issue 11's "done when"): freq
# --top 50, freq --ngram 2 --top 30 and the keyness of 2022-W42 (the week
# of the 20th Party Congress) against the previous 8 weeks hold no
# number, date part or spaced Han n-gram (checked by
# tests/data/zh/vocab_check.py, written from docs/STOPWORDS.md and not
# from lib/vocab.c); at most 3 single-character words among the top 30
# key terms; 二十大 and 两个确立 among them, with the counts a plain
# substring search of that week's texts finds.
#
# One ingest of cctv-xwlb is shared by every case (or PLENUM_TEST_DBS/
# cctv-xwlb.db when it exists).

test_description='clean Chinese vocabulary lists on cctv-xwlb'
. "$(dirname "$0")/test-lib.sh"

CCTV=$SHARED/corpora/cctv-xwlb/docs.jsonl
DB=${PLENUM_TEST_DBS:-/nonexistent}/cctv-xwlb.db
if ! test -f "$DB"; then
	if ! test -f "$CCTV"; then
		skip_all "no $CCTV and no PLENUM_TEST_DBS/cctv-xwlb.db"
	fi
	DB=
fi
if ! test_have_prog python3; then
	skip_all 'needs python3'
fi
PYTHONUTF8=1
export PYTHONUTF8
CHECK="python3 $ROOT/tests/data/zh/vocab_check.py"
TERMS=$ROOT/data/terms-zh.txt

test_expect_success 'ingest cctv-xwlb' '
	if test -z "$DB"; then
		plenum ingest -q --db xw.db "$CCTV"
	else
		cp "$DB" xw.db
	fi
'

test_expect_success 'freq --top 50: no numbers, no date parts' '
	plenum freq --db xw.db --top 50 >top50 &&
	test $(wc -l <top50) -eq 51 &&
	$CHECK top50 50 "$TERMS"
'

test_expect_success 'freq --ngram 2 --top 30: joined, no numbers' '
	plenum freq --db xw.db --ngram 2 --top 30 >bi30 &&
	test $(wc -l <bi30) -eq 31 &&
	$CHECK bi30 30 "$TERMS" &&
	grep -q "^央视网消息	" bi30
'

test_expect_success 'keyness of 2022-W42: clean, at most 3 single characters' '
	plenum keyness --db xw.db --target 2022-W42 --reference previous:8 \
	    --side target --top 30 >key30 &&
	test $(wc -l <key30) -eq 31 &&
	$CHECK key30 3 "$TERMS"
'

test_expect_success '二十大 and 两个确立 are key terms, counted as Ctrl-F counts them' '
	grep "^二十大	" key30 &&
	grep "^两个确立	" key30 &&
	python3 "$ROOT/tests/data/zh/ctrlf.py" "$CCTV" 2022-10-17 2022-10-23 \
	    两个确立 中国式现代化 >expect &&
	for t in 两个确立 中国式现代化; do
		printf "%s\t%s\n" "$t" "$(awk -F "\t" -v t="$t" \
		    "\$1 == t { print \$3 }" key30)"
	done >actual &&
	test_cmp expect actual
'

test_expect_success '--keep-numbers brings the numbers back' '
	plenum freq --db xw.db --top 200 --keep-numbers >all200 &&
	! $CHECK all200 200 "$TERMS" >/dev/null
'

test_expect_success '--max-df drops the broadcast boilerplate' '
	plenum freq --db xw.db --top 20 --max-df 0.5 >df &&
	! grep -q "^央视网	" df &&
	! grep -q "^新闻联播	" df &&
	grep -q "^央视网	" top50
'

test_expect_success '--exclude and --min-chars' '
	printf "# mine\n发展\n央视网 消息\n" >ex &&
	plenum freq --db xw.db --top 30 --exclude ex --min-chars 2 >ex30 &&
	! grep -q "^发展	" ex30 &&
	python3 -c "import sys; sys.exit(any(len(l.split(chr(9))[0]) == 1 for l in list(open(\"ex30\", encoding=\"utf-8\"))[1:]))" &&
	plenum freq --db xw.db --ngram 2 --top 30 --exclude ex >exbi &&
	! grep -q "^央视网消息	" exbi
'

test_done
