#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# How `shmplot render` writes its output when things go wrong, run on the
# built tool, each case many times (many runs or many instants, never one):
#   output_faults.sh SHMPLOT CASE
# names: temporary names that never collide (runs in separate PID
#   namespaces into one directory, stale temporary files of a killed run
#   with PID 1), a directory where a figure's file should go failing only
#   that figure (exit 1, the others written).
# Exit 77 (skipped) where the case needs what this machine does not allow.
set -u
exe=$1
case=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
fail() {
	echo "FAIL: $*" >&2
	failed=1
}
gen_spec() { # gen_spec N FILE [POINTS]: N small figures f1..fN
	local n=$1 f=$2 pts=${3:-200} i
	{
		printf '{"shmplot": 1, "series": {"x": {"linspace": [0, "4pi", %s]}, "y": {"sin": "x"}},\n' "$pts"
		printf ' "defaults": {"size": [2, 1], "dpi": 50}, "figures": [\n'
		for ((i = 1; i <= n; i++)); do
			printf '  {"name": "f%d", "lines": [{"x": "x", "y": "y"}]}%s\n' \
				"$i" "$([ "$i" -lt "$n" ] && echo ,)"
		done
		printf ']}\n'
	} >"$f"
}
no_temps() { # no_temps DIR WHAT: nothing but NAME.png files in DIR
	local left
	left=$(find "$1" -mindepth 1 -name '.*' -o -mindepth 1 -name '*tmp*' | head -3)
	[ -z "$left" ] || fail "$2: temporary files left: $left"
}
same_pngs() { # same_pngs REF DIR WHAT: every PNG of REF in DIR, the same bytes
	local f
	for f in "$1"/*.png; do
		cmp -s "$f" "$2/${f##*/}" || fail "$3: ${f##*/} missing or different"
	done
}

names() {
	gen_spec 100 "$work/s.json"
	"$exe" render -q -o "$work/ref" "$work/s.json" || fail "reference run"
	# a directory where f3.png should go: that figure fails, 99 written
	mkdir -p "$work/clash/f3.png" "$work/clash/f50.png/x"
	"$exe" render -o "$work/clash" "$work/s.json" >"$work/out" 2>"$work/err"
	rc=$?
	[ "$rc" = 1 ] || fail "a directory named f3.png: exit $rc, not 1: $(head -c 300 "$work/err")"
	grep -q "f3.png: Is a directory" "$work/err" || fail "no message for f3.png: $(cat "$work/err")"
	grep -q "^98 of 100 figures written .*(2 failed)" "$work/out" ||
		fail "summary: $(cat "$work/out")"
	rmdir "$work/clash/f3.png"
	rm -r "$work/clash/f50.png"
	[ "$(ls "$work/clash" | wc -l)" = 98 ] || fail "$(ls "$work/clash" | wc -l) files, not 98"
	cp "$work/ref/f3.png" "$work/ref/f50.png" "$work/clash/"
	same_pngs "$work/ref" "$work/clash" "clash"
	no_temps "$work/clash" "clash"

	unshare -p -f true 2>/dev/null || {
		echo "skipped: no PID namespaces here (unshare -p -f)"
		exit 77
	}
	# stale temporary files of a killed run whose PID was 1 (the names
	# shmplot used: .NAME.png.tmp.PID.SERIAL): passed over
	for round in 1 2 3 4 5; do
		d=$work/stale$round
		mkdir -p "$d"
		for i in 0 1 2 3 4 5; do
			: >"$d/.f$((i + 1)).png.tmp.1.$i"
		done
		unshare -p -f "$exe" render -q -o "$d" "$work/s.json" 2>"$work/err" ||
			fail "stale temporary files, round $round: $(head -c 300 "$work/err")"
		same_pngs "$work/ref" "$d" "stale round $round"
		[ "$(ls -A "$d" | wc -l)" = 106 ] || fail "stale round $round: $(ls -A "$d" | wc -l) entries"
	done
	# four runs of one spec at once, each in its own PID namespace (all
	# are PID 1), into one directory; six rounds
	for round in $(seq 6); do
		d=$work/ns$round
		pids=()
		for k in 1 2 3 4; do
			unshare -p -f "$exe" render -q -j2 -o "$d" "$work/s.json" \
				2>"$work/err$k" &
			pids+=($!)
		done
		for k in 1 2 3 4; do
			wait "${pids[$((k - 1))]}" ||
				fail "namespace run $k of round $round: $(head -c 300 "$work/err$k")"
		done
		same_pngs "$work/ref" "$d" "namespaces round $round"
		no_temps "$d" "namespaces round $round"
	done
}

case $case in
names) names ;;
*)
	echo "unknown case $case" >&2
	exit 2
	;;
esac
[ "$failed" = 0 ] && echo "output_faults $case: all passed"
exit "$failed"
