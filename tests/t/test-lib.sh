# test-lib.sh - the library every tests/t/tNNNN-*.sh script sources.
#
# A small cousin of git's t/test-lib.sh; it runs under POSIX sh and bash.
# A test script looks like this:
#
#	#!/bin/sh
#	test_description='plenum ingest reads JSON Lines'
#	. "$(dirname "$0")/test-lib.sh"
#
#	test_expect_success 'ingest one document' '
#		printf "%s\n" "{\"id\":\"a\",\"date\":\"2020-01-01\",\"text\":\"x\"}" >in.jsonl &&
#		plenum ingest --db t.db in.jsonl &&
#		test_path_is_file t.db
#	'
#
#	test_done
#
# Test bodies are &&-chained; the library does not use "set -e".  Each
# body runs in a subshell, in the trash directory, with stdin from
# /dev/null.  Its stdout and stderr are captured and shown, indented with
# "#", only when the test fails or when the script was given -v.
#
# Options a test script accepts:
#	-v, --verbose	show every body's output, not only failing ones
#	-d, --debug	keep the trash directory even when all tests pass
#
# What the library sets up:
#	LC_ALL=C TZ=UTC	exported; a test may set LC_ALL=C.UTF-8 for Unicode
#	ROOT		absolute path of the project root (two levels above
#			the script); it holds the built plenum binary, and
#			it (or $PLENUM_BIN_DIR, for a sanitizer build) is
#			first on PATH
#	SHARED		absolute path of $ROOT/../shared (may not exist)
#	TRASH_DIRECTORY	$ROOT/tests/trash/<script name without .sh>, made
#			afresh; the cwd of the script and of every body
#	PLENUM_DB, PL_DB	unset, so no test touches a user's database

if test -z "${test_description:-}"; then
	echo "Bail out! $0: set test_description before sourcing test-lib.sh"
	exit 1
fi

LC_ALL=C
TZ=UTC
export LC_ALL TZ
unset LANG LANGUAGE PLENUM_DB PL_DB

test_verbose=0
test_debug=0
for test_arg in "$@"; do
	case $test_arg in
	-v|--verbose)
		test_verbose=1 ;;
	-d|--debug)
		test_debug=1 ;;
	-h|--help)
		echo "$test_description"
		exit 0 ;;
	*)
		echo "Bail out! $0: unknown option '$test_arg'"
		exit 1 ;;
	esac
done

ROOT=$(cd "$(dirname "$0")/../.." && pwd) || {
	echo "Bail out! $0: cannot find the project root"
	exit 1
}
PATH=${PLENUM_BIN_DIR:-$ROOT}:$PATH
export ROOT PATH

if test -d "$ROOT/../shared"; then
	SHARED=$(cd "$ROOT/../shared" && pwd)
else
	SHARED=$(dirname "$ROOT")/shared
fi
export SHARED

test_name=$(basename "$0" .sh)
TRASH_DIRECTORY=$ROOT/tests/trash/$test_name
# Captured body output lives beside, not inside, the trash directory.
test_out=$ROOT/tests/trash/$test_name.out
export TRASH_DIRECTORY

rm -rf "$TRASH_DIRECTORY" "$test_out" || {
	echo "Bail out! $0: cannot remove '$TRASH_DIRECTORY'"
	exit 1
}
mkdir -p "$TRASH_DIRECTORY" || {
	echo "Bail out! $0: cannot create '$TRASH_DIRECTORY'"
	exit 1
}
cd "$TRASH_DIRECTORY" || exit 1

test_count=0
test_failed=0
test_skipped=0
test_finished=0

# A script that exits without calling test_done or skip_all (a syntax
# error, a stray "exit") must not look like a pass.
test_at_exit() {
	test_status=$?
	if test "$test_finished" = 0; then
		echo "# $0: exited (status $test_status) before test_done"
		test "$test_status" = 0 && test_status=1
	fi
	exit "$test_status"
}
trap test_at_exit EXIT

# test_indent FILE: print FILE with each line prefixed by "# ".
test_indent() {
	sed 's/^/# /' "$1"
}

# test_expect_success 'title' 'body'
#	Runs body in a subshell in the trash directory and prints
#	"ok N - title" when it returns 0, else "not ok N - title" followed
#	by the body and its output, each line prefixed by "#".
test_expect_success() {
	if test $# -ne 2; then
		echo "Bail out! test_expect_success needs 2 arguments, got $#"
		exit 1
	fi
	test_count=$((test_count + 1))
	cd "$TRASH_DIRECTORY" || exit 1
	(eval "$2") </dev/null >"$test_out" 2>&1
	test_rc=$?
	cd "$TRASH_DIRECTORY" || exit 1
	if test "$test_rc" = 0; then
		echo "ok $test_count - $1"
		test "$test_verbose" = 1 && test_indent "$test_out"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $1"
		printf '%s\n' "$2" | sed -e '/^[ 	]*$/d' -e 's/^/#	/'
		echo "# exit status $test_rc; output:"
		test_indent "$test_out"
	fi
	rm -f "$test_out"
	return 0
}

# test_skip 'title' 'reason'
#	Counts a test as skipped: prints "ok N # skip title (reason)".
test_skip() {
	test_count=$((test_count + 1))
	test_skipped=$((test_skipped + 1))
	echo "ok $test_count # skip $1 (${2:-no reason given})"
}

# skip_all 'reason'
#	Skips the whole script: prints "1..0 # SKIP reason" and exits 0.
#	Call it before the first test.
skip_all() {
	echo "1..0 # SKIP $1"
	test_finished=1
	cd "$ROOT" && rm -rf "$TRASH_DIRECTORY" "$test_out"
	rmdir "$ROOT/tests/trash" 2>/dev/null
	exit 0
}

# test_done
#	Prints the plan "1..N", removes the trash directory when nothing
#	failed (unless -d), and exits 1 if any test failed, else 0.
test_done() {
	echo "1..$test_count"
	test_finished=1
	if test "$test_failed" = 0; then
		if test "$test_skipped" = 0; then
			echo "# passed all $test_count test(s)"
		else
			echo "# passed all $test_count test(s), $test_skipped skipped"
		fi
		cd "$ROOT" || exit 1
		rm -f "$test_out"
		test "$test_debug" = 1 || rm -rf "$TRASH_DIRECTORY"
		rmdir "$ROOT/tests/trash" 2>/dev/null
		exit 0
	fi
	echo "# failed $test_failed among $test_count test(s)"
	echo "# trash directory kept: $TRASH_DIRECTORY"
	exit 1
}

# test_have_shared
#	Returns 0 when the shared corpora ($SHARED/corpora) are there:
#	if test_have_shared; then ...; else test_skip ... / skip_all ...; fi
test_have_shared() {
	test -d "$SHARED/corpora"
}

# test_have_prog NAME
#	Returns 0 when the program NAME is on PATH.
test_have_prog() {
	command -v "$1" >/dev/null 2>&1
}

# test_cmp EXPECTED ACTUAL
#	Succeeds when the two files are identical; otherwise prints
#	"diff -u EXPECTED ACTUAL" and fails.
test_cmp() {
	if test $# -ne 2; then
		echo "test_cmp: need 2 arguments, got $#" >&2
		return 1
	fi
	diff -u "$1" "$2"
}

# test_must_fail CMD [ARG...]
#	Runs CMD and succeeds only if it exits with a status from 1 to 125:
#	a command that fails the normal way.  Exit 0, 126 or 127 (cannot
#	run, not found) and any status above 125 (a signal such as SIGSEGV
#	or SIGABRT, i.e. a crash) are failures and say so on stderr.
test_must_fail() {
	"$@"
	test_mf_rc=$?
	if test "$test_mf_rc" = 0; then
		echo "test_must_fail: command succeeded: $*" >&2
		return 1
	elif test "$test_mf_rc" -gt 128 && test "$test_mf_rc" -le 192; then
		echo "test_must_fail: died by signal $((test_mf_rc - 128)): $*" >&2
		return 1
	elif test "$test_mf_rc" = 127; then
		echo "test_must_fail: command not found: $*" >&2
		return 1
	elif test "$test_mf_rc" = 126; then
		echo "test_must_fail: cannot execute: $*" >&2
		return 1
	elif test "$test_mf_rc" -gt 125; then
		echo "test_must_fail: bad exit status $test_mf_rc: $*" >&2
		return 1
	fi
	return 0
}

# test_expect_code N CMD [ARG...]
#	Runs CMD and succeeds only if its exit status is exactly N.
test_expect_code() {
	test_ec_want=$1
	shift
	"$@"
	test_ec_rc=$?
	if test "$test_ec_rc" = "$test_ec_want"; then
		return 0
	fi
	echo "test_expect_code: exit status $test_ec_rc, want $test_ec_want: $*" >&2
	return 1
}

# test_line_count OP N FILE
#	Succeeds when the number of lines in FILE compares to N with the
#	test(1) operator OP (=, -lt, -ge, ...); prints the file otherwise.
test_line_count() {
	if test $# -ne 3; then
		echo "test_line_count: usage: test_line_count OP N FILE" >&2
		return 1
	fi
	if ! test -f "$3"; then
		echo "test_line_count: no such file: $3" >&2
		return 1
	fi
	test_lc_n=$(wc -l <"$3" | tr -d ' ')
	if ! test "$test_lc_n" "$1" "$2"; then
		echo "test_line_count: $3 has $test_lc_n lines, want $1 $2:" >&2
		cat "$3" >&2
		return 1
	fi
}

# test_path_is_file PATH / test_path_is_dir PATH / test_path_is_missing PATH
#	Succeed when PATH is a regular file / a directory / absent, and say
#	which when not.
test_path_is_file() {
	test -f "$1" || { echo "test_path_is_file: not a file: $1" >&2; return 1; }
}
test_path_is_dir() {
	test -d "$1" || { echo "test_path_is_dir: not a directory: $1" >&2; return 1; }
}
test_path_is_missing() {
	if test -e "$1" || test -L "$1"; then
		echo "test_path_is_missing: exists: $1" >&2
		return 1
	fi
}
