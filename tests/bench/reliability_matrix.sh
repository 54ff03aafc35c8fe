#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Issue 15's reliability matrix, for the output side, as one script (too
# slow for ctest; the tests in tests/tool/output_faults.sh run a share of
# each row):
#   reliability_matrix.sh SHMPLOT [SIGNAL_RUNS_PER_SIGNAL (30)]
# 1. SIGINT/TERM/HUP/QUIT/KILL at random points of a batch (output_faults.sh
#    signals): no segment, worker, temporary file or truncated PNG left;
# 2. 20 concurrent runs of one spec into one directory;
# 3. 4 concurrent runs each in its own PID namespace, into one directory
#    (output_faults.sh names);
# 4. low ulimit -n, -u, -v, -f: exit status, figures written, nothing left.
# Prints one line per row; exit 1 if any row lost something.
set -u
exe=$1
runs=${2:-30}
here=$(cd "$(dirname "$0")/../tool" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bad=0
note() { printf '%s\n' "$*"; }
gen_spec() {
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
left() { # left DIR: temporary files in DIR
	find "$1" -mindepth 1 \( -name '.*' -o -name '*tmp*' \) 2>/dev/null | wc -l
}
segs() { ls /dev/shm | grep -c '^shmplot-'; }

# 1. signals
t0=$(date +%s)
out=$(SIGNAL_FIGS=${SIGNAL_FIGS:-300} SIGNAL_POINTS=${SIGNAL_POINTS:-20} SIGNAL_RUNS=$runs bash "$here/output_faults.sh" "$exe" signals 2>&1)
rc=$?
note "signals: $((5 * runs)) runs (INT TERM HUP QUIT KILL x $runs):" \
	"$(grep '^signals:' <<<"$out"); failures: $(grep -c '^FAIL' <<<"$out");" \
	"ulimit -f cases included; $(($(date +%s) - t0)) s"
[ "$rc" = 0 ] || { bad=1; grep '^FAIL' <<<"$out" | head -5; }

# 2. 20 concurrent runs into one directory
gen_spec 100 "$work/s.json"
"$exe" render -q -j1 -o "$work/ref" "$work/s.json"
segs_before=$(segs)
pids=()
for k in $(seq 20); do
	"$exe" render -q -j2 -o "$work/c20" "$work/s.json" 2>"$work/c20.err$k" &
	pids+=($!)
done
fails=0
for p in "${pids[@]}"; do wait "$p" || fails=$((fails + 1)); done
diffs=0
for f in "$work/ref"/*.png; do cmp -s "$f" "$work/c20/${f##*/}" || diffs=$((diffs + 1)); done
note "concurrent: 20 runs x 100 figures into one directory: $fails failed runs," \
	"$diffs PNGs missing or different, $(left "$work/c20") temporary files," \
	"$(($(segs) - segs_before)) segments left"
[ $((fails + diffs)) = 0 ] && [ "$(left "$work/c20")" = 0 ] || bad=1

# 3. PID namespaces (and stale temporary files of PID 1)
out=$(bash "$here/output_faults.sh" "$exe" names 2>&1)
rc=$?
note "namespaces: 6 rounds x 4 concurrent runs each in its own PID namespace," \
	"5 runs among stale PID-1 temporary files, a directory named f3.png:" \
	"exit $rc ($([ "$rc" = 0 ] && echo all passed || echo "$(grep -c '^FAIL' <<<"$out") failures"))"
[ "$rc" = 0 ] || [ "$rc" = 77 ] || { bad=1; grep '^FAIL' <<<"$out" | head -5; }

# 4. low limits: each run's status, figures written, what is left
gen_spec 300 "$work/s300.json"
gen_spec 300 "$work/s300small.json" 20 # a 20-point segment: -f hits figures
limit_run() { # limit_run LABEL ULIMIT_ARGS RENDER_ARGS...
	local label=$1 lim=$2 d=$work/lim-$1 rc n
	shift 2
	(
		ulimit $lim
		exec "$exe" render -q -o "$d" "$@" "$work/${spec:-s300}.json"
	) 2>"$work/lim.err"
	rc=$?
	n=$(ls "$d" 2>/dev/null | wc -l)
	note "limit $label (ulimit $lim $*): exit $rc, $n of 300 written," \
		"$(left "$d") temporary files, $(($(segs) - segs_before)) segments;" \
		"$(head -c 160 "$work/lim.err" | tr '\n' ' ')"
	[ "$(left "$d")" = 0 ] || bad=1
	# every PNG written is whole
	for f in "$d"/*.png; do
		[ -e "$f" ] || continue
		cmp -s "$f" "$work/ref-${spec:-s300}/${f##*/}" || {
			note "  $label: ${f##*/} not whole"
			bad=1
		}
	done
}
"$exe" render -q -o "$work/ref-s300" "$work/s300.json"
"$exe" render -q -o "$work/ref-s300small" "$work/s300small.json"
limit_run nofile "-n 64" -j30
limit_run nofile_j8 "-n 64" -j8
limit_run nproc "-u 20" -j8
limit_run as "-v 400000" -j2
limit_run as_low "-v 120000" -j2
limit_run fsize_segment "-f 1" -j2
spec=s300small limit_run fsize "-f 1" -j2
spec=s300small limit_run fsize_mid "-f 2" -j2
sleep 1
note "workers left: $(pgrep -fc -- "$work" || true)"
exit "$bad"
