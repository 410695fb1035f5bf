#!/bin/sh
#
# plenum new on the trend fixture (tests/data/trends/corpus.jsonl), by
# hand.  The yearly texts (2004 has none; every report is on 06-15):
#   2001 fall fall fall fall wobble flat pad pad pad pad
#   2002 rise fall fall fall wobble wobble wobble flat pad pad
#   2003 rise rise fall fall wobble wobble flat pad pad pad
#   2005 rise rise rise fall wobble wobble wobble wobble wobble flat
#   2006 rise rise rise rise wobble wobble wobble wobble flat pad
# Words: only "rise" is new after 2001 (first 2002, once; 9 uses later).
# Trigrams first seen in 2005 or later: "rise rise rise" (1 in 2005, 2
# in 2006), "rise fall wobble" (2005), "rise rise wobble" and
# "rise wobble wobble" (2006); every other one occurs by 2003.

test_description='plenum new: first appearances by hand'
. "$(dirname "$0")/test-lib.sh"

F=$ROOT/tests/data/trends/corpus.jsonl

test_expect_success 'ingest the fixture' '
	plenum ingest -q --db t.db "$F"
'

test_expect_success '--since --to: the one word first used in 2002' '
	plenum new --db t.db --since 2002 --to 2002 --ngram 1 --min-count 1 >out &&
	cat >expect <<-\EOT &&
	term	n	count	docs	first	last	later
	rise	1	1	1	2002-06-15	2002-06-15	9
	EOT
	test_cmp expect out
'

test_expect_success '--since: trigrams new from 2005, by count then term' '
	plenum new --db t.db --since 2005 --ngram 3 --min-count 1 >out &&
	cat >expect <<-\EOT &&
	term	n	count	docs	first	last	later
	rise rise rise	3	3	2	2005-06-15	2006-06-15	0
	rise fall wobble	3	1	1	2005-06-15	2005-06-15	0
	rise rise wobble	3	1	1	2006-06-15	2006-06-15	0
	rise wobble wobble	3	1	1	2006-06-15	2006-06-15	0
	EOT
	test_cmp expect out
'

test_expect_success '--week: 2005-06-15 is in 2005-W24; later uses counted' '
	plenum new --db t.db --week 2005-W24 --ngram 3 --min-count 1 >out &&
	cat >expect <<-\EOT &&
	term	n	count	docs	first	last	later
	rise fall wobble	3	1	1	2005-06-15	2005-06-15	0
	rise rise rise	3	1	1	2005-06-15	2005-06-15	2
	EOT
	test_cmp expect out
'

test_expect_success '--min-count (default 2) and --min-docs' '
	plenum new --db t.db --since 2005 --ngram 3 | cut -f 1 >got &&
	printf "term\nrise rise rise\n" >expect &&
	test_cmp expect got &&
	plenum new --db t.db --since 2005 --ngram 3 --min-docs 3 >got &&
	test_line_count = 1 got
'

test_expect_success 'a week with no reports is an error; bad periods are usage errors' '
	test_expect_code 1 plenum new --db t.db --week 2004-W10 2>err &&
	grep "no documents in the period" err &&
	test_expect_code 2 plenum new --db t.db 2>err &&
	grep "no period" err &&
	test_expect_code 2 plenum new --db t.db --since 2002 --week 2005-W24 2>err &&
	grep "one or the other" err &&
	test_expect_code 2 plenum new --db t.db --week 2005-W54 2>err &&
	grep -- "--week: expected an ISO week" err
'

test_expect_success '--absent: a word back after a gap, with its previous use' '
	# pad: 2001, 2002, 2003, none in 2005, once in 2006.  From 2006-01-01
	# 365 days back is 2005-01-01: pad last used 2003-06-15, so it is
	# back; rise, wobble and flat were used in 2005.
	plenum new --db t.db --since 2006 --ngram 1 --min-count 1 --absent 365 >out &&
	cat >expect <<-\EOT &&
	term	n	count	docs	first	last	later	previous
	pad	1	1	1	2006-06-15	2006-06-15	0	2003-06-15
	EOT
	test_cmp expect out &&
	# 1200 days back is 2002-09-18: the 2003 use is inside the gap.
	plenum new --db t.db --since 2006 --ngram 1 --min-count 1 --absent 1200 >out &&
	test_line_count = 1 out &&
	# a first use has an empty previous (2001-06-15 is within 400 days)
	plenum new --db t.db --since 2002 --to 2002 --ngram 1 --min-count 1 --absent 400 >out &&
	printf "term\tn\tcount\tdocs\tfirst\tlast\tlater\tprevious\nrise\t1\t1\t1\t2002-06-15\t2002-06-15\t9\t\n" >expect &&
	test_cmp expect out
'

test_expect_success '--absent: not a number of days' '
	test_expect_code 2 plenum new --db t.db --since 2006 --absent 0 2>err &&
	grep -- "--absent" err
'

test_done
