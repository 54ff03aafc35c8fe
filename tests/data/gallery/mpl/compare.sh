#!/bin/sh
# SPDX-License-Identifier: MIT
# compare.sh BUILD_DIR OUTDIR [NAME ...]: renders
# every gallery spec ../NAME.json with a matplotlib script NAME.py here
# with BUILD_DIR's shmplot (OUTDIR/shmplot/) and the same figures with
# matplotlib 3.6 (OUTDIR/mpl/, by NAME.py with /usr/bin/python3),
# then writes OUTDIR/panel-NAME.png (expected =
# matplotlib | actual = shmplot | diff) for every figure both drew (or the
# NAMEs given), and prints shmplot diff's summary line for each.
set -e
here=$(cd "$(dirname "$0")" && pwd)
build=$1
out=$2
shift 2
mkdir -p "$out/shmplot" "$out/mpl"
# every ../NAME.json that has a NAME.py here, or only the SPECS given
# (SPECS="images texts" sh compare.sh ...)
specs=${SPECS:-$(for py in "$here"/*.py; do
	n=$(basename "$py" .py)
	[ -f "$here/../$n.json" ] && echo "$n"
done)}
for spec in $specs; do
	"$build/src/shmplot" render -q -j2 -o "$out/shmplot" \
		"$here/../$spec.json" || echo "shmplot render $spec.json: exit $?"
	/usr/bin/python3 "$here/$spec.py" "$out/mpl" "$@"
done
for f in "$out"/mpl/*.png; do
	n=$(basename "$f" .png)
	[ -f "$out/shmplot/$n.png" ] || continue
	if [ $# -gt 0 ]; then
		case " $* " in *" $n "*) ;; *) continue ;; esac
	fi
	printf '%s: ' "$n"
	"$build/src/shmplot" diff "$f" "$out/shmplot/$n.png" \
		--panel-out "$out/panel-$n.png" || true
done
for f in "$out"/mpl/*.error.txt; do
	[ -f "$f" ] && printf '%s: matplotlib: %s' "$(basename "$f" .error.txt)" "$(cat "$f")"
done
exit 0
