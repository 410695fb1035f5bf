#!/bin/sh

test_description='every fuzz harness replays its seed corpus and the inputs past findings left (tests/fuzz/corpus)'
. "$(dirname "$0")/test-lib.sh"

bindir=${PLENUM_FUZZ_DIR:-${PLENUM_BIN_DIR:-$ROOT/build}/tests/fuzz}
if ! test -x "$bindir/fuzz-date"; then
	skip_all "no harnesses in $bindir (make builds them)"
fi

for name in reader-jsonl reader-json reader-csv reader-tsv reader-text \
	token table term date db; do
	test_expect_success "fuzz-$name replays tests/fuzz/corpus/$name" "
		n=\$(ls \"\$ROOT/tests/fuzz/corpus/$name\" | wc -l) &&
		test \$n -gt 0 &&
		${VALGRIND:+$VALGRIND --log-file=vg.log} \"$bindir/fuzz-$name\" \"\$ROOT/tests/fuzz/corpus/$name\" >out &&
		echo \"\$n inputs\" >expect &&
		test_cmp expect out &&
		if test -n \"\${VALGRIND:-}\"; then ! test -s vg.log || { cat vg.log; false; }; fi
	"
done

test_done
