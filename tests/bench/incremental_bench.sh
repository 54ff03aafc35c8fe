#!/bin/bash
# SPDX-License-Identifier: MIT
# `shmplot render --incremental` against a full render (issue 22; README
# "Performance: Incremental batches"). Not a test: run by hand, nice'd.
#
#   incremental_bench.sh SHMPLOT [NFIG [REPEATS [JOBS]]]
#
# A spec of NFIG figures of batch_spec.py's kind (4 x 3 in, 100 dpi, a
# 1,000-point line, title and legend) over 100 groups of series; figure i
# draws group i mod 100, so changing one group's definition affects 1% of
# the figures. Each repeat, interleaved: a plain full render into an empty
# directory; an --incremental full render into another (the first run: all
# keys made, nothing skipped); the same again (nothing changed); the spec
# with group 7 changed (1% of the figures); back to the first spec (1%
# again). Prints each time and the medians, and the ratios to the plain run.
set -eu
exe=$1
n=${2:-10000}
reps=${3:-3}
jobs=${4:-2}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

spec() { # spec FACTOR_OF_GROUP_7
	/usr/bin/python3 - "$n" "$1" <<'PY'
import json, sys
n, f7 = int(sys.argv[1]), float(sys.argv[2])
series = {"x": {"arange": [1000]}}
for k in range(100):
    series["a%d" % k] = {"div": ["x", 50 + k * (f7 if k == 7 else 1)]}
    series["y%d" % k] = {"sin": "a%d" % k}
figs = [{"name": "fig%05d" % i, "title": "fig%05d" % i,
         "lines": [{"x": "x", "y": "y%d" % (i % 100), "label": "y"}]}
        for i in range(n)]
json.dump({"shmplot": 1, "series": series,
           "defaults": {"size": [4, 3], "dpi": 100, "legend": "best"},
           "figures": figs}, sys.stdout)
PY
}
spec 1 >"$dir/a.json"
spec 1.5 >"$dir/b.json"

# timed NAME ARGS...: runs shmplot, appends seconds to $dir/NAME
timed() {
	local name=$1 t0 t1
	shift
	t0=$(date +%s.%N)
	nice -n 10 "$exe" render -q -j"$jobs" "$@"
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc -l >>"$dir/$name"
	printf '%-12s %8.3f s\n' "$name" "$(tail -1 "$dir/$name")"
}

echo "spec: $n figures, 100 series groups; -j$jobs; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= reps; r++)); do
	rm -rf "$dir/plain" "$dir/inc"
	timed full "$dir/a.json" -o "$dir/plain"
	timed inc_first "$dir/a.json" -o "$dir/inc" --incremental
	timed inc_same "$dir/a.json" -o "$dir/inc" --incremental
	timed inc_1pct "$dir/b.json" -o "$dir/inc" --incremental
	timed inc_1pct_b "$dir/a.json" -o "$dir/inc" --incremental
done
diff -rq -x '.shmplot-manifest.*' "$dir/plain" "$dir/inc" ||
	{ echo "DIFFERENT"; exit 1; }
echo "every file of the incremental directory equals the plain run's"
median() { sort -g "$dir/$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
full=$(median full)
echo "medians of $reps (load now: $(cut -d' ' -f1-3 /proc/loadavg)):"
for k in full inc_first inc_same inc_1pct inc_1pct_b; do
	m=$(median $k)
	printf '  %-12s %8.3f s  %6.2f%% of full\n' $k "$m" \
		"$(echo "100 * $m / $full" | bc -l)"
done
