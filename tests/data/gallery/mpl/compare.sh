#!/bin/sh
# compare.sh BUILD_DIR OUTDIR [NAME ...]: renders ../fidelity.json with
# BUILD_DIR's shmplot (OUTDIR/shmplot/) and the same figures with
# matplotlib (OUTDIR/mpl/, by fidelity.py with /usr/bin/python3), then
# writes OUTDIR/panel-NAME.png (expected = matplotlib | actual = shmplot |
# diff) for every figure both drew, and prints shmplot diff's summary.
set -e
here=$(cd "$(dirname "$0")" && pwd)
build=$1
out=$2
shift 2
mkdir -p "$out/shmplot" "$out/mpl"
"$build/src/shmplot" render -q -j2 -o "$out/shmplot" "$here/../fidelity.json" ||
	echo "shmplot render: exit $?"
/usr/bin/python3 "$here/fidelity.py" "$out/mpl" "$@"
for f in "$out"/mpl/*.png; do
	n=$(basename "$f" .png)
	[ -f "$out/shmplot/$n.png" ] || continue
	printf '%s: ' "$n"
	"$build/src/shmplot" diff "$f" "$out/shmplot/$n.png" \
		--panel-out "$out/panel-$n.png" || true
done
for f in "$out"/mpl/*.error.txt; do
	[ -f "$f" ] && printf '%s: matplotlib: %s' "$(basename "$f" .error.txt)" "$(cat "$f")"
done
exit 0
