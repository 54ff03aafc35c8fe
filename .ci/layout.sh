#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Layout checks (README, "Internals"): no source file in src/ or render/
# over 800 lines, no function over 120 (unless a comment at most 12 lines
# above its body says why it "stays whole"), no header file name twice, and
# no stage including a private header of a later stage (the CLI: public
# headers only). Prints what breaks a rule; exits 1 if anything does.
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0
say() { echo "layout: $*"; fail=1; }

files=$(git ls-files 'src/*.c' 'src/*.h' 'render/*.c' 'render/*.h')

for f in $files; do
	n=$(wc -l <"$f")
	[ "$n" -le 800 ] || say "$f has $n lines (at most 800)"
done

# A function: from its opening '{' in column 0 to the '}' in column 0.
long=$(for f in $(git ls-files 'src/*.c' 'render/*.c'); do
	awk -v f="$f" '
		/stays whole/ { why = FNR }
		/^\{/ { start = FNR; whole = why && FNR - why <= 12; next }
		/^}/ && start {
			n = FNR - start + 1
			if (n > 120 && !whole)
				printf "%s:%d: a function of %d lines (at most 120)\n", f, start, n
			start = 0
		}
	' "$f"
done)
[ -z "$long" ] || say "$long"

# (tests/abi/0.1/ holds copies of an earlier public header, on purpose.)
dups=$(git ls-files '*.h' ':!tests/abi/0.1/*' | xargs -n1 basename | sort | uniq -d)
[ -z "$dups" ] || say "header names used twice: $dups"

stage() {
	case "$1" in
	core) echo 0 ;; segment) echo 1 ;; figure) echo 2 ;; png) echo 3 ;;
	worker) echo 4 ;; pool) echo 5 ;; spec) echo 6 ;; diff) echo 7 ;;
	*) echo - ;;
	esac
}
for f in $(git ls-files 'src/*.c' 'src/*.h'); do
	from=$(echo "$f" | cut -d/ -f2)
	for inc in $(sed -n 's/^#include "\([a-z_]*\)\/.*/\1/p' "$f"); do
		[ "$inc" = shmplot ] && continue
		if [ "$from" = tool ]; then
			say "$f includes a private header ($inc/): the CLI uses include/ only"
			continue
		fi
		a=$(stage "$from") b=$(stage "$inc")
		[ "$a" = - ] || [ "$b" = - ] && continue
		[ "$b" -le "$a" ] || say "$f ($from) includes $inc/, a later stage"
	done
done
exit $fail
