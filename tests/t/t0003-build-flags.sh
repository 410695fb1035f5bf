#!/bin/sh

test_description='the Makefile rebuilds when the flags change (a SANITIZE= build over a normal one used to compile nothing)'
. "$(dirname "$0")/test-lib.sh"

if ! test_have_prog make || ! test_have_prog cc; then
	skip_all 'needs make and cc'
fi

# One object in a build tree of its own, so the project's build/ is not
# touched: built, then built again with other flags.
# The make that runs the tests passes its variables down in MAKEFLAGS;
# this one must start clean.
b=$TRASH_DIRECTORY/b
obj=$b/lib/util.o
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES

test_expect_success 'an object built with one set of flags' '
	make -s -C "$ROOT" BUILD="$b" OPT=-O1 "$obj" &&
	test_path_is_file "$obj" &&
	grep -- "-O1" "$b/FLAGS"
'

test_expect_success 'the same flags: nothing is rebuilt' '
	make -C "$ROOT" BUILD="$b" OPT=-O1 "$obj" >out 2>err &&
	! grep "util.c" out &&
	test ! -s err
'

test_expect_success 'SANITIZE= over the same tree rebuilds, and says why' '
	make -C "$ROOT" BUILD="$b" OPT=-O1 SANITIZE=undefined "$obj" >out 2>err &&
	grep -- "-fsanitize=undefined .*-c lib/util.c" out &&
	grep "^make: flags changed, rebuilding" err &&
	grep -- "-fsanitize=undefined" "$b/FLAGS"
'

test_done
