#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# How `shmplot render` writes its output when things go wrong, run on the
# built tool, each case many times (many runs or many instants, never one):
#   output_faults.sh SHMPLOT CASE
# names: temporary names that never collide (runs in separate PID
#   namespaces into one directory, stale temporary files of a killed run
#   with PID 1), a directory where a figure's file should go failing only
#   that figure (exit 1, the others written).
# signals: SIGINT, SIGTERM, SIGHUP, SIGQUIT and SIGKILL at random instants
#   of a batch (new files and files replaced): exit 130 (or death by
#   SIGKILL), no worker, segment or temporary file left, every PNG whole;
#   a file-size limit (ulimit -f) is exit 74 "File too large" with nothing
#   truncated left, for render and for diff --panel-out.
#   Also when the writer thread meets the limit after the last figure
#   was rendered (its first write held back by strace).
# report: a full disk (a small tmpfs, as root) in 5 runs: exit 74, the
#   report lists the figure whose write failed as an error with the
#   reason, every "ok" figure's file exists with its bytes, ok + failed +
#   not_run = the figures, and the summary line adds up too.
# ignored: SIGINT and SIGHUP ignored when shmplot starts (trap '' INT,
#   nohup) stay ignored: 6 runs each sent the signal at random points
#   finish with exit 0 and every figure; SIGTERM still stops such a run.
# Exit 77 (skipped) where the case needs what this machine does not allow.
set -u
exe=$1
case=$2
work=$(mktemp -d)
# (this shell only: a subshell signalled just after its fork, before it
# has reset what it inherited, runs the EXIT trap it was forked with)
trap '[ "$BASHPID" = $$ ] && rm -rf "$work"' EXIT
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
	grep -q "^98 of 100 figures written .*(2 failed, 0 not run)" "$work/out" ||
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

# execd: waits until $pid is shmplot itself, not the subshell that starts
# it: a signal sent before the exec (a run signalled "after 0 figures")
# meets a shell, not shmplot, and kills it
execd() {
	local want
	want=$(readlink -f "$exe")
	while kill -0 "$pid" 2>/dev/null &&
		[ "$(readlink "/proc/$pid/exe")" != "$want" ]; do
		sleep 0.001
	done
}

# pngs_since DIR: the PNGs in DIR newer than the spec (this run's)
pngs_since() { # (bash builtins only: polled in a loop)
	local f c=0
	for f in "$1"/*.png; do
		[[ $f -nt $work/s.json ]] && c=$((c + 1))
	done
	echo "$c"
}
# below DIR N: fewer than N of this run's PNGs in DIR (no subshell: polled)
below() {
	local f c=0
	for f in "$1"/*.png; do
		[[ $f -nt $work/s.json ]] && c=$((c + 1))
	done
	[ "$c" -lt "$2" ]
}

# signal_run SIG N: N runs sent SIG at random instants: once a random
# number of figures (0 .. all) is written, then 0-9 ms later, so instants
# spread over the batch whatever the machine's load. Odd runs replace the
# files of an earlier run, even runs write new ones.
signal_run() {
	local sig=$1 n=$2 k d pid rc f at signo what
	signo=$(kill -l "$sig")
	for ((k = 1; k <= n; k++)); do
		d=$work/sig-$sig-$k
		# (the copies dated 1970, older than the spec: pngs_since counts
		# only this run's files, not the copies, so no signal is sent
		# before the run has written any)
		((k % 2)) && cp -r "$work/ref" "$d" && touch -d @1 "$d"/*.png
		at=$((RANDOM % nfig))
		what="$sig after $at figures"
		# (bash ignores SIGINT and SIGQUIT in background commands
		# without job control, and shmplot keeps them ignored then)
		(
			trap - INT QUIT
			exec "$exe" render -q -j2 -o "$d" "$work/s.json"
		) 2>"$work/err" &
		pid=$!
		execd
		while below "$d" "$at" && kill -0 "$pid" 2>/dev/null; do
			sleep 0.002
		done
		sleep "0.00$((RANDOM % 10))"
		kill -s "$sig" "$pid" 2>/dev/null
		wait "$pid"
		rc=$?
		case $rc in
		0) completed=$((completed + 1)) ;;
		130) stopped=$((stopped + 1)) ;;
		$((128 + signo)))
			# SIGKILL; or any signal before the handlers (nothing made)
			if [ "$sig" != KILL ] && [ "$(pngs_since "$d")" != 0 ]; then
				fail "$what: died of it after writing files"
			fi
			killed=$((killed + 1))
			;;
		*) fail "$what: exit $rc: $(head -c 300 "$work/err")" ;;
		esac
		# no worker left (forked workers keep the command line)
		for _ in $(seq 100); do
			pgrep -f -- "-o $d " >/dev/null || break
			sleep 0.02
		done
		pgrep -f -- "-o $d " >/dev/null && fail "$what: workers left"
		ls /dev/shm | grep -q "^shmplot-$pid-" && fail "$what: segment left"
		[ -d "$d" ] || continue
		# A SIGKILL between linkat and rename of a file that replaces
		# another leaves its temporary name (Linux has no replacing
		# linkat); the next run into the directory removes it once a
		# minute old. Only then, only such names, and the next run must.
		if [ "$sig" = KILL ] && ((k % 2)) &&
			[ -n "$(find "$d" -mindepth 1 -name '.f*.png.tmp.*')" ]; then
			find "$d" -mindepth 1 -name '.*' | grep -qvE '/\.f[0-9]+\.png\.tmp\.[0-9a-f]{16}$' &&
				fail "$what: other temporary files left"
			find "$d" -mindepth 1 -name '.f*.png.tmp.*' -exec touch -d '2 minutes ago' {} +
			"$exe" render -q -j2 -o "$d" "$work/s.json" 2>"$work/err" ||
				fail "$what: the run after it: exit $?"
			tidied=$((tidied + 1))
		fi
		no_temps "$d" "$what"
		for f in "$d"/*.png; do
			[ -e "$f" ] || continue
			cmp -s "$f" "$work/ref/${f##*/}" || fail "$what: ${f##*/} is not whole"
		done
	done
}

signals() {
	# (SIGNAL_FIGS, SIGNAL_POINTS: a longer batch, more signals land in it)
	nfig=${SIGNAL_FIGS:-60}
	gen_spec "$nfig" "$work/s.json" "${SIGNAL_POINTS:-20}"
	local rc
	"$exe" render -q -j2 -o "$work/ref" "$work/s.json" || fail "reference run"
	completed=0 stopped=0 killed=0 tidied=0
	for sig in INT TERM HUP QUIT KILL; do
		signal_run "$sig" "${SIGNAL_RUNS:-5}"
	done
	echo "signals: $stopped stopped (130), $killed killed," \
		"$completed completed first; $tidied SIGKILLs left a replacement's temporary name, removed by the next run"

	# a file-size limit of 1 KiB (figures are larger): exit 74 with the
	# reason, no truncated file, no temporary file
	(ulimit -f 1) 2>/dev/null || {
		echo "skipped: no ulimit -f"
		return
	}
	gen_spec 20 "$work/small.json" 20 # a segment under the limit
	(
		ulimit -f 1
		exec "$exe" render -q -o "$work/fsz" "$work/small.json"
	) 2>"$work/err"
	rc=$?
	[ "$rc" = 74 ] || fail "ulimit -f: exit $rc, not 74: $(head -c 300 "$work/err")"
	grep -q "File too large" "$work/err" || fail "ulimit -f: $(cat "$work/err")"
	no_temps "$work/fsz" "ulimit -f"
	[ -z "$(ls "$work/fsz")" ] || fail "ulimit -f: files written: $(ls "$work/fsz" | head -3)"
	# The same when the writer thread meets the limit only after the
	# workers rendered every figure: strace holds each thread's first
	# write(2) 0.3 s (the workers hand figures back without write), so the
	# batch is done first. This was exit 1, the run counted as "figures
	# failed" (a red CI run).
	# (shmplot's own exit status, through a shell)
	# (LeakSanitizer cannot run under ptrace: off for this run in the
	# sanitizer build, which checks leaks everywhere else)
	rm -f "$work/rc"
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -qq -o /dev/null -e trace=write \
		-e inject=write:delay_enter=300000:when=1 \
		prlimit --fsize=1024 -- sh -c '"$1" render -q -o "$2" "$3" 2>"$4"
			echo $? >"$5"' sh "$exe" "$work/fsz-late" \
		"$work/small.json" "$work/err" "$work/rc"
	src=$?
	rc=$(cat "$work/rc" 2>/dev/null)
	[ "$rc" = 74 ] || fail "ulimit -f, late: exit ${rc:-?} (strace $src), not 74: $(head -c 300 "$work/err")"
	grep -q "File too large" "$work/err" || fail "ulimit -f, late: $(cat "$work/err")"
	no_temps "$work/fsz-late" "ulimit -f, late"
	mkdir -p "$work/panel"
	(
		ulimit -f 1
		exec "$exe" diff "$work/ref/f1.png" "$work/ref/f2.png" \
			--panel-out "$work/panel/p.png"
	) >/dev/null 2>"$work/err"
	rc=$?
	[ "$rc" = 74 ] || fail "diff --panel-out, ulimit -f: exit $rc, not 74: $(head -c 300 "$work/err")"
	grep -q "File too large" "$work/err" || fail "diff, ulimit -f: $(cat "$work/err")"
	[ -z "$(ls -A "$work/panel")" ] || fail "diff, ulimit -f: left $(ls -A "$work/panel")"
}

report() {
	local rc
	m=$work/full # (global: the EXIT trap unmounts it)
	gen_spec 100 "$work/s.json" 20
	mkdir -p "$m"
	mount -t tmpfs -o size=96k tmpfs "$m" 2>/dev/null || {
		echo "skipped: cannot mount a tmpfs (needs root)"
		exit 77
	}
	trap '[ "$BASHPID" = $$ ] && umount "$m" && rm -rf "$work"' EXIT
	for round in 1 2 3 4 5; do
		rm -rf "${m:?}"/*
		"$exe" render -o "$m/out" --report "$work/r.json" "$work/s.json" \
			>"$work/out" 2>"$work/err"
		rc=$?
		[ "$rc" = 74 ] || fail "full disk, round $round: exit $rc, not 74"
		grep -q "No space left" "$work/err" || fail "round $round: $(head -c 300 "$work/err")"
		/usr/bin/python3 - "$work/r.json" "$m/out" <<'PY' || fail "round $round: report"
import json, os, sys
r = json.load(open(sys.argv[1]))
figs, bad = r["figures"], []
ok = [f for f in figs if f["status"] == "ok"]
if r["ok"] != len(ok) or r["ok"] + r["failed"] + r["not_run"] != r["figures_in_shard"]:
    bad.append("counts %d + %d + %d != %d" % (r["ok"], r["failed"], r["not_run"], r["figures_in_shard"]))
for f in ok:
    p = os.path.join(sys.argv[2], f["file"])
    if not os.path.exists(p) or os.path.getsize(p) != f["bytes"] or f["bytes"] == 0:
        bad.append("%s: ok but %s" % (f["name"], "missing" if not os.path.exists(p) else "size %d" % f["bytes"]))
nospace = [f for f in figs if "No space left" in f.get("message", "")]
if len(nospace) != 1 or nospace[0]["status"] != "error":
    bad.append("write failure reported %d times: %s" % (len(nospace), nospace[:1]))
if len(os.listdir(sys.argv[2])) != len(ok):
    bad.append("%d files, %d ok" % (len(os.listdir(sys.argv[2])), len(ok)))
print("\n".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
PY
		# the summary: written + failed + not run = all
		read -r w _ n _ _ _ _ _ _ _ f _ nr _ <"$work/out"
		f=${f#(}
		[ $((w + f + nr)) = "$n" ] || fail "round $round: summary $(cat "$work/out")"
	done
}

ignored() {
	local sig k d pid rc at
	nfig=60
	gen_spec "$nfig" "$work/s.json" 20
	"$exe" render -q -j2 -o "$work/ref" "$work/s.json" || fail "reference run"
	for sig in INT HUP; do
		for ((k = 1; k <= 6; k++)); do
			d=$work/ign-$sig-$k
			at=$((RANDOM % nfig))
			(
				trap '' "$sig"
				exec "$exe" render -q -j2 -o "$d" "$work/s.json"
			) 2>"$work/err" &
			pid=$!
			execd
			while below "$d" "$at" && kill -0 "$pid" 2>/dev/null; do
				sleep 0.002
			done
			kill -s "$sig" "$pid" 2>/dev/null
			sleep 0.00$((RANDOM % 10))
			kill -s "$sig" "$pid" 2>/dev/null
			wait "$pid"
			rc=$?
			[ "$rc" = 0 ] || fail "$sig ignored, sent after $at figures: exit $rc"
			same_pngs "$work/ref" "$d" "$sig ignored, after $at figures"
		done
	done
	# SIGTERM is not ignored there: it still stops the run (130)
	(
		trap '' INT HUP
		exec "$exe" render -q -j2 -o "$work/term" "$work/s.json"
	) 2>"$work/err" &
	pid=$!
	while [ "$(pngs_since "$work/term")" -lt 1 ] && kill -0 "$pid" 2>/dev/null; do
		sleep 0.002
	done
	kill -TERM "$pid"
	wait "$pid"
	rc=$?
	[ "$rc" = 130 ] || [ "$rc" = 0 ] || fail "SIGTERM with INT ignored: exit $rc"
}

case $case in
names) names ;;
ignored) ignored ;;
report) report ;;
signals) signals ;;
*)
	echo "unknown case $case" >&2
	exit 2
	;;
esac
[ "$failed" = 0 ] && echo "output_faults $case: all passed"
exit "$failed"
