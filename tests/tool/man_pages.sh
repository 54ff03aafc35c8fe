#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The manual pages (issue 20 item 4):
#   man_pages.sh SHMPLOT BUILD_DIR SOURCE_DIR
# installs the build into a temporary prefix and finds each page there as
# man(1) would (MANPATH=PREFIX/share/man man -w PAGE, then man PAGE), and
# checks that each page's options are exactly those of the --help it
# documents. Skipped (77) when scdoc was not found at configure time.
set -u
exe=$1
build=$2
src=$3
mandir=$src/src/tool/man
[ -f "$build/src/tool/man/shmplot-render.1" ] || {
	echo "skipped: the manual pages were not built (apt-get install scdoc)"
	exit 77
}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
failed=0
fail() {
	echo "FAIL: $*" >&2
	failed=1
}

cmake --install "$build" --prefix "$T/prefix" >"$T/install.log" 2>&1 ||
	{ cat "$T/install.log"; exit 1; }
export MANPATH=$T/prefix/share/man
for page in shmplot.1 shmplot-render.1 shmplot-diff.1 shmplot-spec.5; do
	name=${page%.*}
	sec=${page##*.}
	file=$MANPATH/man$sec/$page
	[ -f "$file" ] || { fail "$file not installed"; continue; }
	grep -q "^\.TH \"$name\" \"$sec\"" "$file" || fail "$file has no .TH $name $sec"
	if command -v man >/dev/null 2>&1; then
		found=$(man -w "$sec" "$name" 2>&1)
		[ "$found" = "$file" ] || fail "man -w $sec $name: $found"
		MANWIDTH=80 man "$sec" "$name" 2>/dev/null >"$T/$name.txt"
		grep -q "^ *$name - " "$T/$name.txt" || fail "man $name has no NAME line: $(head -c 300 "$T/$name.txt")"
	fi
done

# Each page's OPTIONS are exactly its --help's options.
options_of_help() { # the -x, --long pairs and the --long options
	grep -o -- '^ *-[a-zA-Z], --[a-z][a-z-]*\|^ *--[a-z][a-z-]*' |
		sed 's/^ *//' | sort -u
}
check_options() { # check_options PAGE.scd HELP-COMMAND...
	local page=$1
	shift
	"$@" | options_of_help >"$T/help.opts"
	tr -d '*' <"$page" | sed -n '/^# OPTIONS/,/^# [A-Z]/p' |
		grep -o -- '^-[a-zA-Z], --[a-z][a-z-]*\|^--[a-z][a-z-]*' |
		sort -u >"$T/page.opts"
	[ -s "$T/help.opts" ] || fail "no options in: $*"
	diff "$T/help.opts" "$T/page.opts" >"$T/opts.diff" ||
		fail "$page and '$*' differ in options (< help, > page): $(cat "$T/opts.diff")"
}
check_options "$mandir/shmplot.1.scd" "$exe" --help
check_options "$mandir/shmplot-render.1.scd" "$exe" render --help
check_options "$mandir/shmplot-diff.1.scd" "$exe" diff --help
# the commands of shmplot(1) are those of shmplot --help
"$exe" --help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }' >"$T/help.cmds"
sed -n '/^# COMMANDS/,/^# [A-Z]/p' "$mandir/shmplot.1.scd" | grep '^\*[a-z]' |
	sed 's/^\*\([a-z]*\)\*.*/\1/' >"$T/page.cmds"
diff "$T/help.cmds" "$T/page.cmds" >/dev/null ||
	fail "commands differ: help $(tr '\n' ' ' <"$T/help.cmds"), page $(tr '\n' ' ' <"$T/page.cmds")"

[ "$failed" = 0 ] && echo "man pages: installed, found by man, options as --help"
exit "$failed"
