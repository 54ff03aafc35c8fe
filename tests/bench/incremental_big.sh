#!/bin/bash
# SPDX-License-Identifier: MIT
# Big series and --incremental (README "Incremental batches", keys by
# definition). Not a test: run by hand, nice'd.
#
#   incremental_big.sh SHMPLOT [REPEATS]
#
# incremental_big.json: 20 figures over a 10,000,000-point linspace and 8
# series computed from it. Each repeat: a plain render into an empty
# directory, then an unchanged --incremental run into a directory the
# first repeat filled. Prints the medians, their ratio, and checks that the
# incremental directory's files equal the plain run's.
set -eu
exe=$1
reps=${2:-3}
spec=$(dirname "$0")/incremental_big.json
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

secs() { # secs CMD...: wall seconds of CMD
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >/dev/null
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc
}
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

"$exe" render -j2 -q --incremental -o "$dir/inc" "$spec"
full=() same=()
for _ in $(seq "$reps"); do
	rm -rf "$dir/plain"
	full+=("$(secs "$exe" render -j2 -q -o "$dir/plain" "$spec")")
	same+=("$(secs "$exe" render -j2 -q --incremental -o "$dir/inc" "$spec")")
done
f=$(printf '%s\n' "${full[@]}" | median)
s=$(printf '%s\n' "${same[@]}" | median)
echo "full: ${full[*]}"
echo "unchanged --incremental: ${same[*]}"
printf 'medians of %d (load now: %s): full %.3f s, unchanged %.3f s = %.2f%%\n' \
	"$reps" "$(cut -d' ' -f1-3 /proc/loadavg)" "$f" "$s" "$(echo "100 * $s / $f" | bc -l)"
diff -rq -x '.shmplot-manifest*' "$dir/plain" "$dir/inc" >/dev/null &&
	echo "every file of the incremental directory equals the plain run's"
