#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Reliability CI, run by .ci/run after the normal build and tests:
#  1. the whole test suite built with clang + AddressSanitizer + UBSan
#     (the asan preset); any sanitizer report fails the job;
#  2. the seed job under valgrind memcheck, workers included
#     (--trace-children=yes), with --error-exitcode=1 --leak-check=full;
#  3. each libFuzzer target for FUZZ_SECONDS (default 20) from its seed
#     corpus, in a build with coverage instrumentation and sanitizers.
# Needs (Debian): clang, libclang-rt-14-dev (libFuzzer and sanitizer
# runtimes), valgrind, plus what .ci/run installs.
set -euo pipefail
cd "$(dirname "$0")/.."

FUZZ_SECONDS=${FUZZ_SECONDS:-20}
JOBS=${JOBS:-2}
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
t_start=$SECONDS

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null &&
	! command -v valgrind >/dev/null; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y --no-install-recommends clang libclang-rt-14-dev \
		valgrind
fi

echo "== ASan + UBSan: build (asan preset)"
cmake --preset asan
cmake --build --preset asan

echo "== ASan + UBSan: whole test suite"
# handle_segv/abort=0: the fault-injection tests crash workers on purpose and
# must see the real signal, not a sanitizer report. Real memory errors are
# still caught (ASan reports them before any signal).
export ASAN_OPTIONS="detect_leaks=1:handle_segv=0:handle_sigbus=0:handle_abort=0:allow_user_segv_handler=1:abort_on_error=0:exitcode=99:log_path=$logs/asan"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=98:log_path=$logs/ubsan"
# Sanitized code is slower: smaller stress batches (the full 10,000 run in
# the normal build).
export SHMPLOT_STRESS_N=${SHMPLOT_STRESS_N_ASAN:-3000}
# test_render_spec_memory measures peak RSS, which ASan's shadow memory and
# quarantine make meaningless; it runs in the normal build.
ctest --preset asan -j "$JOBS" --output-on-failure -E '^test_render_spec_memory$'
if ls "$logs"/asan* "$logs"/ubsan* >/dev/null 2>&1; then
	echo "sanitizer reports:" >&2
	cat "$logs"/asan* "$logs"/ubsan* >&2
	exit 1
fi
unset ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS SHMPLOT_STRESS_N
echo "   (no sanitizer reports; $((SECONDS - t_start)) s so far)"

echo "== valgrind memcheck: the seed job, workers included"
if [ ! -x build/src/shmplot ]; then
	cmake --preset default -DSHMPLOT_WERROR=ON
	cmake --build --preset default
fi
out=$(mktemp -d)
valgrind --quiet --error-exitcode=1 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
	--trace-children=yes --track-fds=no \
	build/src/shmplot render -q -j 2 -o "$out"
test -s "$out/figure1.png" && test -s "$out/figure3.png"
rm -rf "$out"
# The spawned-worker path (the executable and its setup) too.
valgrind --quiet --error-exitcode=1 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
	--trace-children=yes \
	env SHMPLOT_TEST_MODE=spawn SHMPLOT_STRESS_N=40 SHMPLOT_STRESS_HANGS=0 \
	SHMPLOT_STRESS_FAULT_PCT=0 SHMPLOT_STRESS_TIMEOUT_MS=60000 SHMPLOT_FONT= \
	build/tests/system/test_stress
echo "   (valgrind clean; $((SECONDS - t_start)) s so far)"

echo "== libFuzzer: ${FUZZ_SECONDS} s per target"
CC=clang cmake -S . -B build-fuzz -DSHMPLOT_FUZZ=ON -DSHMPLOT_SANITIZE=ON \
	-DSHMPLOT_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DSHMPLOT_BUILD_SAMPLES=OFF -DCMAKE_C_FLAGS=-fsanitize=fuzzer-no-link
cmake --build build-fuzz --target fuzz_all -j "$JOBS"
for t in build-fuzz/tests/fuzz/fuzz_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	corpus=$(mktemp -d)
	cp tests/fuzz/corpus/"${name#fuzz_}"/* "$corpus"/ 2>/dev/null || true
	echo "-- $name"
	ASAN_OPTIONS=detect_leaks=1 "$t" -max_total_time="$FUZZ_SECONDS" \
		-rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
		"$corpus" 2>"$logs/$name.log" ||
		{ tail -n 60 "$logs/$name.log" >&2; exit 1; }
	grep -E '^stat::number_of_executed_units' "$logs/$name.log" || true
	rm -rf "$corpus"
done
echo "== reliability CI passed in $((SECONDS - t_start)) s"
