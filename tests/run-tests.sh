#!/bin/sh
# run-tests.sh - run plenum's unit tests and end-to-end scripts, read their
# TAP output and print one line per program and a total.
#
# usage: tests/run-tests.sh [-v] [BUILDDIR]
#
#	BUILDDIR	where the unit test binaries were built; every
#			BUILDDIR/unit/*-test is run (default: build/tests
#			under the project root)
#	-v		show every program's full output (and pass -v to
#			the tests/t scripts)
#
# Then every tests/t/t[0-9]*.sh is run with bash ($TEST_SHELL overrides).
# All programs run from the project root with stdin from /dev/null and,
# when timeout(1) exists, a limit of $TEST_TIMEOUT seconds (default 300).
#
# A program's tests are its "ok" / "not ok" lines; "ok ... # skip" is a
# skipped test, "not ok ... # TODO" is neither a pass nor a failure and is
# counted as skipped, and "1..0 # SKIP reason" skips the whole program
# (counted as one skipped test).  A program adds one failure when it exits
# non-zero without a "not ok" line (a crash), when it passes without
# printing a plan, or when its plan does not match the tests it ran.
#
# With $VALGRIND set (make valgrind), every unit test and every plenum
# the scripts run goes through it (a wrapper first on PATH), and a program
# under which valgrind reported an error fails with that report.  Only
# the scripts in $VALGRIND_SCRIPTS (shell patterns; default: the basics,
# ingest, queries, damaged databases and the fuzz replays) run, since
# valgrind is some 30 times slower; VALGRIND_SCRIPTS='*' runs them all.
#
# The last line is "N passed, N failed", with ", N skipped" when something
# was skipped.  Exit status: 0 when nothing failed, 1 otherwise, 2 on a
# usage error.

verbose=0
while test $# -gt 0; do
	case $1 in
	-v|--verbose)
		verbose=1
		shift ;;
	-h|--help)
		echo "usage: run-tests.sh [-v] [builddir]"
		exit 0 ;;
	--)
		shift
		break ;;
	-*)
		echo "usage: run-tests.sh [-v] [builddir]" >&2
		exit 2 ;;
	*)
		break ;;
	esac
done
if test $# -gt 1; then
	echo "usage: run-tests.sh [-v] [builddir]" >&2
	exit 2
fi

ROOT=$(cd "$(dirname "$0")/.." && pwd) || exit 1
if test $# -eq 1; then
	case $1 in
	/*) build=$1 ;;
	*) build=$(pwd)/$1 ;;
	esac
else
	build=$ROOT/build/tests
fi
cd "$ROOT" || exit 1

tmo=${TEST_TIMEOUT:-300}
if command -v timeout >/dev/null 2>&1; then
	limit="timeout -k 10 $tmo"
else
	limit=
fi
tshell=${TEST_SHELL:-bash}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/plenum-tests.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

total_pass=0
total_fail=0
total_skip=0

vgwrap=
if test -n "${VALGRIND:-}"; then
	mkdir -p "$tmp/vg/bin" "$tmp/vg/log" || exit 1
	real=${PLENUM_BIN_DIR:-$ROOT}
	cat >"$tmp/vg/bin/plenum" <<-EOF
	#!/bin/sh
	exec $VALGRIND --log-file="$tmp/vg/log/%p.log" "$real/plenum" "\$@"
	EOF
	chmod +x "$tmp/vg/bin/plenum"
	vgwrap="$VALGRIND --log-file=$tmp/vg/log/%p.log"
	PLENUM_FUZZ_DIR=${PLENUM_FUZZ_DIR:-$build/fuzz}
	PLENUM_BIN_DIR=$tmp/vg/bin
	VALGRIND_SCRIPTS=${VALGRIND_SCRIPTS:-"t000[0-6]-* t100[1-2]-* t1010-* t1011-* t2050-*"}
	export PLENUM_BIN_DIR PLENUM_FUZZ_DIR VALGRIND
fi

# vg_errors: prints and clears what valgrind reported since the last call;
# returns 0 when it reported something.
vg_errors() {
	test -n "$vgwrap" || return 1
	found=1
	for log in "$tmp"/vg/log/*.log; do
		test -f "$log" || continue
		if test -s "$log"; then
			found=0
			head -n 30 "$log" | sed 's/^/    /'
		fi
		rm -f "$log"
	done
	return $found
}

# result NAME TEXT: print "NAME ....... TEXT" with the dots lining up.
result() {
	awk -v name="$1" -v text="$2" 'BEGIN {
		n = 44 - length(name)
		if (n < 3)
			n = 3
		dots = ""
		while (n-- > 0)
			dots = dots "."
		print name " " dots " " text
	}'
}

# run_one NAME CMD [ARG...]: run one test program and account for it.
run_one() {
	name=$1
	shift
	out=$tmp/out
	# In a subshell whose stderr is the log, so that the shell's own
	# "Segmentation fault" report goes there too.
	( $limit "$@"; exit $? ) </dev/null >"$out" 2>&1
	rc=$?

	# ok, failed, skipped, plan (-1 if none), skip_all (0/1)
	set -- $(awk '
	BEGIN { ok = 0; nok = 0; skip = 0; plan = -1; skipall = 0 }
	/^ok([ \t]|$)/ {
		if ($0 ~ /#[ \t]*[Ss][Kk][Ii][Pp]/)
			skip++
		else
			ok++
		next
	}
	/^not ok([ \t]|$)/ {
		if ($0 ~ /#[ \t]*[Tt][Oo][Dd][Oo]/)
			skip++
		else
			nok++
		next
	}
	/^1\.\.[0-9]+/ {
		p = $0
		sub(/^1\.\./, "", p)
		sub(/[^0-9].*$/, "", p)
		plan = p + 0
		if (plan == 0 && $0 ~ /#[ \t]*[Ss][Kk][Ii][Pp]/)
			skipall = 1
	}
	END { print ok, nok, skip, plan, skipall }' "$out")
	ok=$1 nok=$2 skip=$3 plan=$4 skipall=$5
	ran=$((ok + nok + skip))
	extra=

	if test "$rc" -ne 0 && test "$nok" -eq 0; then
		if test -n "$limit" && test "$rc" -eq 124; then
			extra="timed out after ${tmo}s"
		elif test "$rc" -gt 128 && test "$rc" -le 192; then
			extra="died by signal $((rc - 128))"
		else
			extra="exit status $rc without 'not ok'"
		fi
	elif test "$skipall" -eq 1; then
		:
	elif test "$plan" -lt 0; then
		extra="no plan"
	elif test "$plan" -ne "$ran"; then
		extra="planned $plan, ran $ran"
	fi

	fail=$nok
	if vg_errors >"$tmp/vgout"; then
		extra="${extra:+$extra, }valgrind reported errors"
		cat "$tmp/vgout" >>"$out"
	fi
	test -n "$extra" && fail=$((fail + 1))
	if test "$skipall" -eq 1 && test "$fail" -eq 0; then
		skip=1
	fi
	total_pass=$((total_pass + ok))
	total_fail=$((total_fail + fail))
	total_skip=$((total_skip + skip))

	test "$verbose" -eq 1 && cat "$out"

	if test "$skipall" -eq 1 && test "$fail" -eq 0; then
		reason=$(sed -n 's/^1\.\.0[ \t]*#[ \t]*[Ss][Kk][Ii][Pp][ \t]*//p' "$out" | head -n 1)
		result "$name" "skipped${reason:+: $reason}"
		return
	fi
	if test "$fail" -eq 0; then
		if test "$skip" -gt 0; then
			result "$name" "$ok ok, $skip skipped"
		else
			result "$name" "$ok ok"
		fi
		return
	fi

	if test "$nok" -gt 0; then
		text="$nok failed (of $ran)"
		test -n "$extra" && text="$text, $extra"
	else
		text="$extra (after $ok ok)"
	fi
	result "$name" "$text"
	test "$verbose" -eq 1 && return
	if test "$nok" -gt 0; then
		# each failing line and the "#" diagnostics right after it
		awk '
		/^not ok([ \t]|$)/ && $0 !~ /#[ \t]*[Tt][Oo][Dd][Oo]/ {
			show = 1; print "    " $0; next
		}
		show && /^#/ { print "    " $0; next }
		{ show = 0 }' "$out"
	else
		# a crash: the last lines it printed
		tail -n 10 "$out" | sed 's/^/    /'
	fi
}

for prog in "$build"/unit/*-test; do
	test -f "$prog" && test -x "$prog" || continue
	run_one "unit/${prog##*/}" $vgwrap "$prog"
done

for script in "$ROOT"/tests/t/t[0-9]*.sh; do
	test -f "$script" || continue
	if test -n "$vgwrap"; then
		want=1
		for pat in $VALGRIND_SCRIPTS; do
			case ${script##*/} in $pat) want=0 ;; esac
		done
		test "$want" -eq 0 || continue
	fi
	if test "$verbose" -eq 1; then
		run_one "t/${script##*/}" "$tshell" "$script" -v
	else
		run_one "t/${script##*/}" "$tshell" "$script"
	fi
done

if test "$total_skip" -gt 0; then
	echo "$total_pass passed, $total_fail failed, $total_skip skipped"
else
	echo "$total_pass passed, $total_fail failed"
fi
if test "$total_fail" -gt 0; then
	exit 1
fi
exit 0
