#!/bin/sh

test_description='every command has a man page whose SYNOPSIS matches its usage'
. "$(dirname "$0")/test-lib.sh"

# For each command that "plenum help" lists, docs/man/plenum-NAME.1 must
# exist, have the sections NAME SYNOPSIS DESCRIPTION EXIT STATUS EXAMPLES,
# pass "mandoc -T lint" without errors (when mandoc is installed), and have
# a SYNOPSIS naming the same options, in the same order, as "plenum NAME -h"
# (git's t0450 idea).  The same goes for plenum.1 and "plenum -h".
#
# The SYNOPSIS is rendered to plain text with mandoc, else groff, else
# nroff; with none of them, the options are read from the mdoc source.
# T0002_RENDER=mandoc|groff|nroff|source forces one (to test the fallbacks).

MANDIR=$ROOT/docs/man
BS=$(printf '\b')

if test -n "${T0002_RENDER:-}"; then
	render=$T0002_RENDER
elif test_have_prog mandoc; then
	render=mandoc
elif test_have_prog groff; then
	render=groff
elif test_have_prog nroff; then
	render=nroff
else
	render=source
fi
echo "# SYNOPSIS read with: $render"

# render_page FILE: the page as plain text, one long line per paragraph
# where possible, without overstrike or escape sequences.
render_page() {
	case $render in
	mandoc)
		mandoc -T ascii -O width=250 "$1" ;;
	groff)
		GROFF_NO_SGR=1 groff -mandoc -Tascii -rLL=250n -P-c "$1" \
		    2>/dev/null ;;
	nroff)
		GROFF_NO_SGR=1 nroff -mandoc -rLL=250n "$1" 2>/dev/null ;;
	*)
		return 1 ;;
	esac | sed -e "s/.$BS//g" -e 's/\x1b\[[0-9;]*m//g'
}

# synopsis_from_source FILE: the words of the mdoc SYNOPSIS, macros
# dropped and "Fl" turned into dashes (".Op Fl Fl db Ar FILE" gives
# "--db FILE").
synopsis_from_source() {
	awk '
	/^\.Sh[ \t]/ {
		if (f)
			exit
		if ($0 ~ /^\.Sh[ \t]+"?SYNOPSIS"?[ \t]*$/)
			f = 1
		next
	}
	!f || /^\.\\"/ { next }
	{
		line = $0
		gsub(/\\-/, "-", line)
		gsub(/\\&/, "", line)
		gsub(/"/, "", line)
		if (line !~ /^\./) {
			printf "%s ", line
			next
		}
		sub(/^\.[ \t]*/, "", line)
		n = split(line, w, /[ \t]+/)
		pre = ""
		for (i = 1; i <= n; i++) {
			if (w[i] == "Fl") {
				pre = pre "-"
				continue
			}
			if (w[i] == "Bk" || w[i] == "Bl" || w[i] == "Bd") {
				i = n	# block options such as -words
				continue
			}
			if (w[i] ~ /^[A-Z][a-z][a-z]?$/) {	# a macro
				if (pre != "")
					printf "%s ", pre
				pre = ""
				continue
			}
			printf "%s%s ", pre, w[i]
			pre = ""
		}
		if (pre != "")
			printf "%s ", pre
	}
	END { print "" }' "$1"
}

# synopsis FILE: the SYNOPSIS section of a page as text.
synopsis() {
	if test "$render" = source; then
		synopsis_from_source "$1"
		return
	fi
	render_page "$1" >synopsis.full || return 1
	awk '
	/^SYNOPSIS[ \t]*$/ { f = 1; next }
	f && /^[^ \t]/ { exit }
	f { print }' synopsis.full
}

# sections FILE: the section names of a page, one per line.
sections() {
	if test "$render" = source; then
		sed -n 's/^\.Sh[ 	][ 	]*"\{0,1\}\([^"]*\)"\{0,1\}[ 	]*$/\1/p' "$1"
	else
		render_page "$1" | sed -n 's/^\([A-Z][A-Z ]*[A-Z]\)[ 	]*$/\1/p'
	fi
}

# options: the words of stdin that start with "-" and are longer than
# "-", one per line, in order; brackets and "|" separate words.
options() {
	sed 's/[][|]/ /g' | tr ' \t' '\n\n' | sed -n '/^-./p'
}

# squeeze: stdin as one line, runs of blanks made one space.
squeeze() {
	tr -s ' \t\n' '   ' | sed -e 's/^ //' -e 's/ $//'
}

# check_options PAGE USAGE_FILE: the options of the SYNOPSIS and of the usage
# (the text after "usage: ") are the same list.
check_options() {
	synopsis "$1" >synopsis.txt &&
	sed '1s/^usage: //' "$2" | options >expect &&
	options <synopsis.txt >actual &&
	test -s expect &&
	test_cmp expect actual
}

# check_text PAGE USAGE_FILE: the rendered SYNOPSIS says what the usage
# says, word for word (only with a renderer).
check_text() {
	synopsis "$1" | squeeze >actual &&
	sed '1s/^usage: //' "$2" | squeeze >expect &&
	test_cmp expect actual
}

check_sections() {
	sections "$1" >sections.txt &&
	for s in NAME SYNOPSIS DESCRIPTION "EXIT STATUS" EXAMPLES; do
		grep -qx "$s" sections.txt || {
			echo "$1: no section $s" >&2
			return 1
		}
	done
}

check_lint() {
	mandoc -T lint -W error "$1" >lint.out 2>&1
	lint_rc=$?
	cat lint.out
	test "$lint_rc" -lt 3 && ! grep -q -e ERROR -e UNSUPP lint.out
}

# The commands, from the list "plenum help" prints under "commands:".
commands=$(plenum help 2>/dev/null |
    awk '/^commands:/ { f = 1; next } f && /^   [a-z]/ { print $1 }')

test_expect_success 'plenum help lists the commands' '
	test -n "$commands"
'

test_expect_success 'plenum.1 exists' '
	test_path_is_file "$MANDIR/plenum.1"
'

test_expect_success 'plenum.1: SYNOPSIS has the options of plenum -h' '
	plenum -h | sed -n 1p >usage &&
	check_options "$MANDIR/plenum.1" usage
'

if test "$render" != source; then
	test_expect_success 'plenum.1: SYNOPSIS reads as plenum -h' '
		plenum -h | sed -n 1p >usage &&
		check_text "$MANDIR/plenum.1" usage
	'
fi

test_expect_success 'plenum.1: has the required sections' '
	check_sections "$MANDIR/plenum.1"
'

if test_have_prog mandoc; then
	test_expect_success 'plenum.1: mandoc -T lint finds no errors' '
		check_lint "$MANDIR/plenum.1"
	'
else
	test_skip 'plenum.1: mandoc -T lint finds no errors' 'no mandoc'
fi

for cmd in $commands; do
	page=$MANDIR/plenum-$cmd.1

	test_expect_success "plenum-$cmd.1 exists" '
		test_path_is_file "$page"
	'

	test_expect_success "plenum-$cmd.1: SYNOPSIS has the options of plenum $cmd -h" '
		plenum "$cmd" -h >usage &&
		check_options "$page" usage
	'

	if test "$render" != source; then
		test_expect_success "plenum-$cmd.1: SYNOPSIS reads as plenum $cmd -h" '
			plenum "$cmd" -h >usage &&
			check_text "$page" usage
		'
	fi

	test_expect_success "plenum-$cmd.1: has the required sections" '
		check_sections "$page"
	'

	if test_have_prog mandoc; then
		test_expect_success "plenum-$cmd.1: mandoc -T lint finds no errors" '
			test_path_is_file "$page" &&
			check_lint "$page"
		'
	else
		test_skip "plenum-$cmd.1: mandoc -T lint finds no errors" 'no mandoc'
	fi

	test_expect_success "plenum.1 refers to plenum-$cmd.1" '
		grep -q "^\.Xr plenum-$cmd 1" "$MANDIR/plenum.1"
	'
done

test_done
