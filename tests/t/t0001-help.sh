#!/bin/sh

test_description='plenum -h, --help, help, --version and every command'"'"'s -h and bad options'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'plenum -h, --help and help print usage on stdout, exit 0' '
	for h in -h --help help; do
		plenum $h >out 2>err &&
		test_line_count = 0 err &&
		grep "^usage: plenum " out &&
		grep "^commands:" out || return 1
	done
'

test_expect_success 'the three help forms print the same text' '
	plenum -h >h1 &&
	plenum --help >h2 &&
	plenum help >h3 &&
	test_cmp h1 h2 &&
	test_cmp h1 h3
'

test_expect_success 'plenum --version prints "plenum " and a version' '
	plenum --version >out 2>err &&
	test_line_count = 0 err &&
	test_line_count = 1 out &&
	grep -E "^plenum [0-9]+\.[0-9]+(\.[0-9]+)?([-+.~][0-9A-Za-z.+~-]*)?$" out
'

# The command names as "plenum help" lists them: the indented lines after
# "commands:" up to the next blank line, first word of each.
test_expect_success 'plenum help lists the commands' '
	plenum help >help.out &&
	sed -n "/^commands:/,/^\$/p" help.out |
		sed -n "s/^[ 	][ 	]*\([a-z][a-z0-9-]*\)[ 	].*/\1/p" >commands &&
	test_line_count -ge 4 commands &&
	for c in docs info ingest tokenize; do
		grep -x "$c" commands || return 1
	done
'

test_expect_success 'every listed command: NAME -h prints its usage on stdout, exit 0' '
	test -s commands &&
	while read c; do
		plenum "$c" -h >out 2>err &&
		test_line_count = 0 err &&
		head -n 1 out >first &&
		grep "^usage: plenum $c\( \|\$\)" first || {
			echo "plenum $c -h: bad usage output" >&2
			cat out err >&2
			return 1
		}
	done <commands
'

test_expect_success 'every listed command: --help equals -h' '
	while read c; do
		plenum "$c" -h >h1 &&
		plenum "$c" --help >h2 &&
		test_cmp h1 h2 || return 1
	done <commands
'

test_expect_success 'every listed command: plenum help NAME equals NAME -h' '
	while read c; do
		plenum "$c" -h >h1 &&
		plenum help "$c" >h2 2>err &&
		test_line_count = 0 err &&
		test_cmp h1 h2 || return 1
	done <commands
'

test_expect_success 'every listed command: a bogus option exits 2, usage on stderr' '
	while read c; do
		test_expect_code 2 plenum "$c" --bogus-option >out 2>err &&
		test_line_count = 0 out &&
		grep "^usage: plenum $c" err || {
			echo "plenum $c --bogus-option: no usage on stderr" >&2
			cat err >&2
			return 1
		}
	done <commands
'

# docs/STYLE.md: commands print "prog: context: message" on stderr, prog
# being "plenum NAME" (cli_warnx); getopt'"'"'s own message must follow suit.
test_expect_success 'every listed command: the bad-option message starts with "plenum NAME: "' '
	while read c; do
		test_expect_code 2 plenum "$c" --bogus-option 2>err &&
		head -n 1 err >first &&
		grep "^plenum $c: .*bogus-option" first || {
			echo "plenum $c --bogus-option: first line is:" >&2
			cat first >&2
			return 1
		}
	done <commands
'

test_expect_success 'plenum nosuchcommand exits 2 and names the command' '
	test_expect_code 2 plenum nosuchcommand >out 2>err &&
	test_line_count = 0 out &&
	grep "nosuchcommand" err
'

test_expect_success 'plenum help nosuchcommand exits 2' '
	test_expect_code 2 plenum help nosuchcommand >out 2>err &&
	test_line_count = 0 out &&
	grep "nosuchcommand" err
'

test_expect_success 'plenum with no arguments exits 2, usage on stderr' '
	test_expect_code 2 plenum >out 2>err &&
	test_line_count = 0 out &&
	grep "^usage: plenum" err
'

test_expect_success 'plenum --bogus-option exits 2, usage on stderr' '
	test_expect_code 2 plenum --bogus-option >out 2>err &&
	test_line_count = 0 out &&
	grep "^usage: plenum" err
'

if test -c /dev/full && test -w /dev/full; then
	test_expect_success 'a failed write of the help text exits 1 with a message' '
		test_expect_code 1 plenum help >/dev/full 2>err &&
		grep "stdout" err &&
		test_expect_code 1 plenum --version >/dev/full 2>err &&
		grep "stdout" err &&
		test_expect_code 1 plenum ingest -h >/dev/full 2>err &&
		grep "^plenum ingest: stdout" err
	'
else
	test_skip 'a failed write of the help text exits 1 with a message' 'no writable /dev/full'
fi

test_done
