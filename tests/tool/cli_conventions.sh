#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The command line's conventions, run on the built tool:
#   cli_conventions.sh SHMPLOT SAMPLES_DIR
# a spec from standard input ('-', /dev/stdin, a pipe; relative data paths
# against the current directory), stdout write errors (exit 74), -j 0, the
# help subcommand and suggestions, one "usage:" casing, diff's getopt_long
# parsing and -q, --progress with -q, and Ctrl-C's figures "not run".
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

# --- stdout write errors: exit 74, said on stderr ------------------------------
f1=$work/ref/timeseries.png
[ -f "$f1" ] || f1=$(ls "$work"/ref/*.png | head -n 1)
f2=$(ls "$work"/ref/*.png | sed -n 2p)
"$exe" diff "$f1" "$f1" >/dev/full 2>"$work/err"
rc=$?
[ "$rc" = 74 ] || fail "diff > /dev/full exited $rc, not 74"
grep -q "cannot write standard output" "$work/err" || fail "diff > /dev/full: $(cat "$work/err")"
"$exe" render -o "$work/seedfull" >/dev/full 2>"$work/err"
rc=$?
[ "$rc" = 74 ] || fail "render > /dev/full exited $rc, not 74"
ls "$work/seedfull/figure3.png" >/dev/null || fail "render > /dev/full lost its figures"
"$exe" --help >/dev/full 2>/dev/null
rc=$?
[ "$rc" = 74 ] || fail "--help > /dev/full exited $rc, not 74"
"$exe" diff "$f1" "$f2" --json >/dev/full 2>/dev/null
rc=$?
[ "$rc" = 74 ] || fail "diff (different) > /dev/full exited $rc, not 74"
# a usage error keeps its own status
"$exe" render --bogus >/dev/full 2>/dev/null
rc=$?
[ "$rc" = 64 ] || fail "render --bogus > /dev/full exited $rc, not 64"

# --- -j 0: all CPUs, as the API's jobs = 0 -----------------------------------
expect 0 "$exe" render -q -j 0 -o "$work/j0"
expect 0 "$exe" render -q -j 1 -o "$work/j1"
same_dirs "$work/j0" "$work/j1"
expect 64 "$exe" render -j -1
grep -q -- "-j/--jobs wants an integer 0..1024" "$work/err" || fail "-j -1: $(cat "$work/err")"

# --- help subcommand, suggestions, one "usage:" casing -----------------------
expect 0 "$exe" help render
head -n 1 "$work/out" | grep -q "^usage: shmplot render" || fail "help render: $(head -n 1 "$work/out")"
"$exe" render --help | cmp -s - "$work/out" || fail "help render is not render --help"
expect 0 "$exe" help diff
head -n 1 "$work/out" | grep -q "^usage: shmplot diff" || fail "help diff: $(head -n 1 "$work/out")"
expect 0 "$exe" help
head -n 1 "$work/out" | grep -q "^usage: shmplot COMMAND" || fail "help: $(head -n 1 "$work/out")"
expect 64 "$exe" rendr
grep -q "unknown command 'rendr'; did you mean 'render'?" "$work/err" || fail "rendr: $(cat "$work/err")"
expect 64 "$exe" dif a.png b.png
grep -q "did you mean 'diff'?" "$work/err" || fail "dif: $(cat "$work/err")"
expect 64 "$exe" help rednre
grep -q "did you mean 'render'?" "$work/err" || fail "help rednre: $(cat "$work/err")"
expect 64 "$exe" frobnicate
grep -q "did you mean" "$work/err" && fail "frobnicate got a suggestion: $(cat "$work/err")"
for args in "--help" "render --help" "diff --help" "help" "render --bogus" "diff"; do
	# shellcheck disable=SC2086
	"$exe" $args >"$work/out" 2>&1
	grep -q "Usage:" "$work/out" && fail "'$args' says Usage: with a capital"
	grep -q "usage:" "$work/out" || [ "$args" = "render --bogus" ] || fail "'$args' has no usage: line"
done

# --- diff: getopt_long like render, and -q ----------------------------------
expect 0 "$exe" diff -q "$f1" "$f1"
[ -s "$work/out" ] && fail "diff -q printed: $(cat "$work/out")"
expect 1 "$exe" diff "$f1" "$f2" --quiet
[ -s "$work/out" ] && fail "diff --quiet printed: $(cat "$work/out")"
expect 1 "$exe" diff "$f1" -q --json "$f2"
[ -s "$work/out" ] && fail "diff -q --json printed: $(cat "$work/out")"
expect 0 "$exe" diff "$f1" "$f2" --max-pixels=100000000 --max-del 255
grep -q "^WITHIN-TOLERANCE" "$work/out" || fail "diff --max-pixels=N --max-del: $(cat "$work/out")"
expect 3 "$exe" diff -- "$work/-q" "$f1"
expect 64 "$exe" diff -x "$f1" "$f1"
grep -q "unknown option '-x'" "$work/err" || fail "diff -x: $(cat "$work/err")"

# --- -q with --progress: the progress asked for, nothing else ----------------
expect 0 "$exe" render "$samples/analysis.json" -q --progress -o "$work/qp"
grep -q "^shmplot render: [0-9]*/[0-9]* figures, 0 failed" "$work/err" ||
	fail "-q --progress showed no progress: $(cat "$work/err")"
[ -s "$work/out" ] && fail "-q --progress printed a summary: $(cat "$work/out")"
expect 0 "$exe" render "$samples/analysis.json" -q -o "$work/q"
[ -s "$work/err" ] || [ -s "$work/out" ] && fail "-q alone printed something"

# --- Ctrl-C: the figures that never ran are "not run", not "failed" ----------
{
	echo '{"shmplot": 1, "series": {"x": {"linspace": [0, 10, 400000]},'
	echo '"y": {"sin": "x"}}, "figures": ['
	for i in $(seq 1 400); do
		[ "$i" = 1 ] || echo ","
		echo "{\"name\": \"f$i\", \"exact\": true, \"lines\": [{\"x\": \"x\", \"y\": \"y\"}]}"
	done
	echo ']}'
} >"$work/slow.json"
# job control on: a background job of a script ignores SIGINT otherwise,
# and shmplot keeps a signal ignored at its start ignored
set -m
"$exe" render "$work/slow.json" -j 1 --progress -o "$work/int" \
	--report "$work/int.json" >"$work/out" 2>"$work/err" &
pid=$!
set +m
for _ in $(seq 1 600); do # until the first figure is done (60 s at most)
	grep -q "figures" "$work/err" && break
	sleep 0.1
done
kill -INT "$pid"
wait "$pid"
rc=$?
[ "$rc" = 130 ] || fail "interrupted render exited $rc, not 130"
grep -q "(0 failed, [1-9][0-9]* not run)" "$work/out" || fail "summary: $(cat "$work/out")"
/usr/bin/python3 - "$work/int.json" <<'PY' || fail "interrupted report: $(head -c 300 "$work/int.json")"
import json, sys
r = json.load(open(sys.argv[1]))
st = [f["status"] for f in r["figures"]]
assert r["failed"] == 0 and r["not_run"] == st.count("not-run") > 0, r
assert r["ok"] == st.count("ok") and r["ok"] + r["not_run"] == 400, r
PY

[ "$failed" = 0 ] && echo "cli conventions: all passed"
exit "$failed"
