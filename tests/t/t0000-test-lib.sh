#!/bin/sh

test_description='the test library itself'
. "$(dirname "$0")/test-lib.sh"

# This must stay the first test: nothing has touched the trash yet.
test_expect_success 'trash directory is the cwd and empty at start' '
	test "$(pwd)" = "$TRASH_DIRECTORY" &&
	test "$TRASH_DIRECTORY" = "$ROOT/tests/trash/t0000-test-lib" &&
	test -z "$(ls -A)"
'

test_expect_success 'environment is set up' '
	test "$LC_ALL" = C &&
	test "$TZ" = UTC &&
	test -z "${PLENUM_DB+set}" &&
	case $PATH in "${PLENUM_BIN_DIR:-$ROOT}":*) true ;; *) false ;; esac &&
	case $SHARED in /*/shared) true ;; *) false ;; esac &&
	test -f "$ROOT/tests/t/test-lib.sh"
'

test_expect_success 'each body starts in the trash directory' '
	mkdir sub && cd sub && test "$(pwd)" = "$TRASH_DIRECTORY/sub"
'

test_expect_success 'previous cd did not leak' '
	test "$(pwd)" = "$TRASH_DIRECTORY"
'

test_expect_success 'test_cmp accepts equal files, shows a diff otherwise' '
	printf "a\nb\n" >expect &&
	printf "a\nb\n" >actual &&
	test_cmp expect actual &&
	printf "a\nc\n" >actual &&
	! test_cmp expect actual >diff.out 2>&1 &&
	grep "^-b" diff.out &&
	grep "^+c" diff.out
'

test_expect_success 'test_must_fail passes on an ordinary failure' '
	test_must_fail sh -c "exit 1" &&
	test_must_fail false &&
	test_must_fail sh -c "exit 125"
'

test_expect_success 'test_must_fail fails when the command succeeds' '
	( ! test_must_fail true 2>err ) &&
	grep "command succeeded" err
'

test_expect_success 'test_must_fail fails on a crash' '
	( ! test_must_fail sh -c "ulimit -c 0; kill -SEGV \$\$" 2>err ) &&
	grep "died by signal 11" err
'

test_expect_success 'test_must_fail fails on a missing command' '
	( ! test_must_fail ./no-such-command 2>err ) &&
	grep "command not found" err
'

test_expect_success 'test_expect_code' '
	test_expect_code 0 true &&
	test_expect_code 2 sh -c "exit 2" &&
	( ! test_expect_code 0 sh -c "exit 3" 2>err ) &&
	grep "exit status 3, want 0" err
'

test_expect_success 'test_line_count' '
	printf "1\n2\n3\n" >three &&
	test_line_count = 3 three &&
	test_line_count -gt 2 three &&
	( ! test_line_count = 2 three 2>err ) &&
	grep "has 3 lines" err &&
	: >empty &&
	test_line_count = 0 empty &&
	( ! test_line_count = 0 no-such-file 2>/dev/null )
'

test_expect_success 'test_have_prog' '
	test_have_prog sh &&
	! test_have_prog no-such-program-plenum
'

# Run small scripts against a copy of the library in a fake project tree
# and check their TAP output, exit status and trash handling.
test_expect_success 'set up a fake project for nested scripts' '
	mkdir -p fake/tests/t &&
	cp "$ROOT/tests/t/test-lib.sh" fake/tests/t/ &&
	cat >fake/tests/t/t9001-mixed.sh <<-\EOF &&
	test_description="mixed results"
	. "$(dirname "$0")/test-lib.sh"
	test_expect_success "passes" "echo hidden-output && true"
	test_expect_success "fails" "echo shown-output && false"
	test_skip "skipped" "no reason at all"
	test_done
	EOF
	cat >fake/tests/t/t9002-pass.sh <<-\EOF &&
	test_description="all pass"
	. "$(dirname "$0")/test-lib.sh"
	test_expect_success "one" "echo body-output"
	test_done
	EOF
	cat >fake/tests/t/t9003-skip.sh <<-\EOF &&
	test_description="skip all"
	. "$(dirname "$0")/test-lib.sh"
	skip_all "nothing to do"
	EOF
	cat >fake/tests/t/t9004-noend.sh <<-\EOF
	test_description="forgets test_done"
	. "$(dirname "$0")/test-lib.sh"
	test_expect_success "one" "true"
	EOF
'

for sh in sh bash
do
	if ! test_have_prog $sh; then
		test_skip "nested scripts under $sh" "no $sh"
		continue
	fi

	test_expect_success "failing script under $sh: TAP and exit status" "
		test_expect_code 1 $sh fake/tests/t/t9001-mixed.sh >out &&
		cat >expect <<-\EOF &&
		ok 1 - passes
		not ok 2 - fails
		ok 3 # skip skipped (no reason at all)
		1..3
		EOF
		grep -v '^#' out >actual &&
		test_cmp expect actual &&
		grep '^# shown-output' out &&
		! grep hidden-output out &&
		test_path_is_dir fake/tests/trash/t9001-mixed
	"

	test_expect_success "passing script under $sh cleans its trash" "
		$sh fake/tests/t/t9002-pass.sh >out &&
		grep '^ok 1 - one\$' out &&
		grep '^1\\.\\.1\$' out &&
		! grep body-output out &&
		test_path_is_missing fake/tests/trash/t9002-pass
	"

	test_expect_success "-v under $sh shows body output" "
		$sh fake/tests/t/t9002-pass.sh -v >out &&
		grep '^# body-output' out
	"

	test_expect_success "skip_all under $sh" "
		$sh fake/tests/t/t9003-skip.sh >out &&
		echo '1..0 # SKIP nothing to do' >expect &&
		test_cmp expect out &&
		test_path_is_missing fake/tests/trash/t9003-skip
	"

	test_expect_success "missing test_done under $sh is an error" "
		test_must_fail $sh fake/tests/t/t9004-noend.sh >out &&
		grep 'before test_done' out
	"
done

if test_have_shared; then
	test_expect_success 'shared corpora are found' '
		test_path_is_dir "$SHARED/corpora"
	'
else
	test_skip 'shared corpora are found' "no $SHARED/corpora"
fi

test_done
