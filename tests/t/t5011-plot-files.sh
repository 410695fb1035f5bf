#!/bin/sh

test_description='plenum plot: files written atomically with mode 0644 under umask 022; --title must be UTF-8'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'a table' '
	printf "bucket\tvalue\n2022-01-03\t1\n2022-01-10\t3\n" >s.tsv
'

test_expect_success '--data and the chart are 0644 under umask 022 (--data was 0600)' '
	(umask 022 && plenum plot line -i s.tsv -o c.svg --data d.tsv) &&
	test "$(stat -c %a d.tsv)" = 644 &&
	test "$(stat -c %a c.svg)" = 644 &&
	(umask 077 && plenum plot line -i s.tsv -o c2.svg --data d2.tsv) &&
	test "$(stat -c %a d2.tsv)" = 600 &&
	! ls *.tmp-* 2>/dev/null
'

test_expect_success 'a --title that is not UTF-8 is a usage error, no SVG that is not XML' '
	test_expect_code 2 plenum plot line -i s.tsv -o bad.svg --title "$(printf "bad \377 title")" 2>err &&
	grep "^plenum plot: --title: invalid UTF-8 at byte 5$" err &&
	test_path_is_missing bad.svg &&
	test_expect_code 2 plenum plot line -i s.tsv -o bad.svg --ylabel "$(printf "\300")" 2>err &&
	grep "^plenum plot: --ylabel: invalid UTF-8 at byte 1$" err
'

test_expect_success 'a TSV of 10^5 columns is read (was 55 s: a quadratic name check); a repeated name still found' '
	awk "BEGIN { for (i = 0; i < 100000; i++) printf \"%s%s\", (i ? \"\\t\" : \"\"), \"c\" i; print \"\"; for (i = 0; i < 100000; i++) printf \"%s%d\", (i ? \"\\t\" : \"\"), i; print \"\" }" >wide.tsv &&
	test_expect_code 1 plenum plot bar -i wide.tsv -o wide.svg 2>err &&
	grep "no label column" err &&
	sed "1s/c99999\$/c5/" wide.tsv >dup.tsv &&
	test_expect_code 1 plenum plot bar -i dup.tsv -o dup.svg 2>err &&
	grep "dup.tsv:1: duplicate column .c5." err
'

test_done
