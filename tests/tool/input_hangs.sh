#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Waits that a signal must end, and inputs that must not wait at all, run
# on the built tool, each case many times (never one instant):
#   input_hangs.sh SHMPLOT CASE
# helpers: the processes that compute series in parallel while a spec
#   loads. One stopped (SIGSTOP) and the run sent SIGINT, SIGTERM, SIGHUP
#   or SIGQUIT at random instants, and runs signalled at random instants
#   of the computation with none stopped: exit 130 (or 0 if the run was
#   done first), no process of the run and no segment left. A helper
#   stopped and no signal: killed, its part computed again, exit 0 and the
#   same PNG as a run left alone.
# fifos: a FIFO as the spec with no writer yet, and standard input that
#   never ends, sent each of those signals at random instants: exit 130,
#   "interrupted"; a FIFO as the spec with a writer: rendered as the file;
#   a FIFO as a CSV, .npy or raw data file and as either input of `diff`:
#   at once, exit 65, "FILE: is a FIFO, not a regular file".
# A watchdog kills any run still going after 60 s: a regression fails, it
# does not hang ctest.
set -u
exe=$1
case=$2
work=$(mktemp -d)
# (only this shell: a watchdog killed just after its fork may still run
# the trap it was forked with)
trap '[ "$BASHPID" = $$ ] && rm -rf "$work"' EXIT
failed=0
fail() {
	echo "FAIL: $*" >&2
	failed=1
}
# start CMD...: runs CMD in the background (as $pid; standard input from
# $in if set) with SIGINT and SIGQUIT not ignored (bash ignores them in
# background commands without job control, and shmplot keeps a signal
# ignored at start ignored), and a watchdog that SIGKILLs it after 60 s.
start() {
	(
		trap - INT QUIT
		[ -n "${in:-}" ] && exec "$@" <"$in"
		exec "$@"
	) &
	pid=$!
	(
		sleep "${WATCHDOG:-60}"
		kill -KILL "$pid" 2>/dev/null
	) &
	dog=$!
}
# finish WHAT EXPECTED...: waits for $pid; fails unless its status is one
# of EXPECTED (137 is the watchdog: it hung); then nothing of the run left.
finish() {
	local what=$1 rc ok=0 e
	shift
	wait "$pid"
	rc=$?
	kill "$dog" 2>/dev/null
	wait "$dog" 2>/dev/null
	for e in "$@"; do [ "$rc" = "$e" ] && ok=1; done
	if [ "$rc" = 137 ]; then
		fail "$what: still running after ${WATCHDOG:-60} s (killed)"
	elif [ "$ok" = 0 ]; then
		fail "$what: exit $rc, not $*: $(head -c 300 "$work/err")"
	fi
	last_rc=$rc
	# the helpers are the run's children (their parent is $pid)
	for _ in $(seq 100); do
		[ -z "$(pgrep -P "$pid")" ] && ! kill -0 "$pid" 2>/dev/null && break
		sleep 0.02
	done
	[ -z "$(pgrep -P "$pid")" ] || fail "$what: processes left: $(pgrep -P "$pid")"
	ls /dev/shm | grep -q "^shmplot-$pid-" && fail "$what: segment left"
}
# waiting: until $pid is shmplot (exec'd) and asleep, so in its wait: its
# signal handlers are in place (a signal before them is a plain death)
waiting() {
	local st
	for _ in $(seq 2000); do
		st=$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null) || return
		[ "$(readlink "/proc/$pid/exe")" = "$(readlink -f "$exe")" ] &&
			[ "$st" = S ] && return
		sleep 0.002
	done
}
# sleep_ms N: a random 0 .. N-1 ms
sleep_ms() {
	sleep "$(printf '0.%03d' $((RANDOM % $1)))"
}

# Series worth computing (8 x 4M points, helpers split them), one small
# figure: the time goes into computing, not drawing.
big_spec() {
	local pts=$1
	cat >"$work/big.json" <<EOF
{"shmplot": 1, "series": {
  "x": {"linspace": [0, 1, $pts]}, "a": {"sin": "x"}, "b": {"cos": "x"},
  "c": {"exp": "x"}, "d": {"sqrt": "x"}, "e": {"tan": "x"},
  "f": {"atan": "x"}, "g": {"log": "x"},
  "s": {"linspace": [0, 1, 10]}, "t": {"sin": "s"}},
 "defaults": {"size": [2, 1], "dpi": 50},
 "figures": [{"name": "small", "lines": [{"x": "s", "y": "t"}]}]}
EOF
}
# first_helper: the first child of $pid (a series helper: workers start
# only once the spec is loaded), or "" if the run ended first
first_helper() {
	local c
	for _ in $(seq 2000); do
		c=$(pgrep -P "$pid" | head -1)
		[ -n "$c" ] && {
			echo "$c"
			return
		}
		kill -0 "$pid" 2>/dev/null || return
		sleep 0.002
	done
}

helpers() {
	[ "$(nproc)" -ge 2 ] || {
		echo "skipped: one CPU, series are computed without helpers"
		exit 77
	}
	local sig k h stopped=0 nohelper=0 done0=0 stop130=0
	big_spec 4000000
	"$exe" render -q -o "$work/ref" "$work/big.json" || fail "reference run"
	for sig in INT TERM HUP QUIT; do
		# a helper stopped, then the signal 0-300 ms later
		for k in 1 2 3; do
			start "$exe" render -q -o "$work/h" "$work/big.json" 2>"$work/err"
			h=$(first_helper)
			if [ -n "$h" ]; then
				kill -STOP "$h" 2>/dev/null && stopped=$((stopped + 1))
			else
				nohelper=$((nohelper + 1))
			fi
			sleep_ms 300
			kill -s "$sig" "$pid" 2>/dev/null
			finish "SIG$sig, helper $h stopped" 130 0
			[ "$last_rc" = 130 ] && stop130=$((stop130 + 1))
			[ "$last_rc" = 130 ] && ! grep -q "interrupted" "$work/err" &&
				fail "SIG$sig, helper stopped: $(cat "$work/err")"
		done
		# no helper stopped: the signal at a random instant of the load
		for k in 1 2 3; do
			start "$exe" render -q -o "$work/h" "$work/big.json" 2>"$work/err"
			h=$(first_helper)
			sleep_ms 150
			kill -s "$sig" "$pid" 2>/dev/null
			finish "SIG$sig during the computation" 130 0
			[ "$last_rc" = 0 ] && done0=$((done0 + 1))
		done
	done
	# a helper stopped and nothing else: the run still ends, whole
	for k in 1 2 3; do
		rm -rf "$work/alone"
		start "$exe" render -q -o "$work/alone" "$work/big.json" 2>"$work/err"
		h=$(first_helper)
		[ -n "$h" ] && kill -STOP "$h" 2>/dev/null
		finish "helper $h stopped, no signal" 0
		cmp -s "$work/ref/small.png" "$work/alone/small.png" ||
			fail "helper stopped, no signal: small.png missing or different"
		[ -n "$h" ] && kill -0 "$h" 2>/dev/null && fail "stopped helper $h still there"
	done
	echo "helpers: $stop130 of 12 runs with a stopped helper ended 130" \
		"($stopped helpers stopped, $nohelper runs done before one was seen);" \
		"$done0 of 12 signalled runs had finished first"
}

fifos() {
	local sig k kind
	mkfifo "$work/fifo"
	mkfifo "$work/stdin"
	printf '{"shmplot": 1, "series": {"x": {"linspace": [0, 1, 50]}, "y": {"sin": "x"}},\n "figures": [{"name": "f", "lines": [{"x": "x", "y": "y"}]}]}\n' >"$work/s.json"
	"$exe" render -q -o "$work/ref" "$work/s.json" || fail "reference run"
	for sig in INT TERM HUP QUIT; do
		for k in 1 2 3; do
			# the FIFO as the spec, no writer ever
			start "$exe" render -q -o "$work/o" "$work/fifo" 2>"$work/err"
			waiting
			sleep_ms 300
			kill -s "$sig" "$pid" 2>/dev/null
			finish "FIFO spec, SIG$sig" 130
			grep -q "interrupted" "$work/err" || fail "FIFO spec, SIG$sig: $(cat "$work/err")"
			grep -q "Interrupted system call" "$work/err" && fail "FIFO spec, SIG$sig: EINTR reported"
			# standard input whose writer never finishes
			sleep 100 >"$work/stdin" &
			writer=$!
			in=$work/stdin start "$exe" render -q -o "$work/o" - 2>"$work/err"
			waiting
			sleep_ms 300
			kill -s "$sig" "$pid" 2>/dev/null
			finish "stdin, SIG$sig" 130
			grep -q "interrupted" "$work/err" || fail "stdin, SIG$sig: $(cat "$work/err")"
			kill "$writer"
			wait "$writer" 2>/dev/null
		done
	done
	# with a writer (coming 0-300 ms later): rendered as from the file
	for k in 1 2 3; do
		rm -rf "$work/o"
		(
			sleep_ms 300
			cat "$work/s.json" >"$work/fifo"
		) &
		start "$exe" render -q -o "$work/o" "$work/fifo" 2>"$work/err"
		finish "FIFO spec with a writer" 0
		cmp -s "$work/ref/f.png" "$work/o/f.png" || fail "FIFO spec with a writer: f.png"
	done
	# a FIFO as a data file: refused at once, naming it
	for kind in csv npy raw; do
		if [ "$kind" = csv ]; then
			def='{"csv": "fifo", "column": 0}'
		else
			def="{\"$kind\": \"fifo\"}"
		fi
		printf '{"shmplot": 1, "series": {"x": %s}, "figures": [{"name": "f", "lines": [{"y": "x"}]}]}\n' \
			"$def" >"$work/$kind.json"
		start "$exe" render -q -o "$work/o" "$work/$kind.json" 2>"$work/err"
		finish "FIFO as a $kind file" 65
		grep -q "series.x.*fifo: is a FIFO, not a regular file" "$work/err" ||
			fail "FIFO as a $kind file: $(cat "$work/err")"
	done
	# and as either input of diff
	start "$exe" diff "$work/fifo" "$work/ref/f.png" 2>"$work/err"
	finish "diff, FIFO expected" 65
	grep -q "fifo: is a FIFO, not a regular file" "$work/err" || fail "diff expected: $(cat "$work/err")"
	start "$exe" diff "$work/ref/f.png" "$work/fifo" 2>"$work/err"
	finish "diff, FIFO actual" 65
	grep -q "fifo: is a FIFO, not a regular file" "$work/err" || fail "diff actual: $(cat "$work/err")"
	echo "fifos: 12 FIFO specs and 12 endless standard inputs signalled, 3 FIFO specs" \
		"written to, 3 FIFO data files, 2 FIFO diff inputs"
}

case $case in
helpers) helpers ;;
fifos) fifos ;;
*)
	echo "unknown case $case" >&2
	exit 2
	;;
esac
[ "$failed" = 0 ] && echo "input_hangs $case: all passed"
exit "$failed"
