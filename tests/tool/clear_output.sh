# SPDX-License-Identifier: MIT
# Figures with a clear background ("transparent": true, facecolor "none")
# through the CLI: an RGBA PNG (colour type 6) whose corner is transparent,
# the same bytes at -j1 and -j2 when the figure is big enough to be shared
# between the workers (a clear figure is encoded whole, never in stripes),
# beside an opaque RGB figure in the same batch; the SVG without the
# page-filling background rectangle an opaque figure has.
# usage: clear_output.sh SHMPLOT
set -u
exe=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fails=0
bad() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# byte N (0-based) of a file, as a decimal number
byte_at() {
	od -An -tu1 -j"$2" -N1 "$1" | tr -d ' '
}

cat > "$dir/spec.json" <<'JSON'
{"shmplot": 1,
 "series": {"x": {"linspace": [0, 10, 200000]}, "y": {"sin": "x"}},
 "figures": [
  {"name": "big", "size": [20, 16], "transparent": true,
   "lines": [{"x": "x", "y": "y", "label": "sin"}], "title": "clear"},
  {"name": "face_none", "facecolor": "none",
   "lines": [{"x": "x", "y": "y"}]},
  {"name": "opaque", "lines": [{"x": "x", "y": "y"}]}]}
JSON

for j in 1 2; do
	"$exe" render -q -j$j -o "$dir/j$j" "$dir/spec.json" ||
		bad "render -j$j exited $?"
done
# the big figure alone: on two workers the last figure started is shared,
# and a clear one must not be cut in stripes
cat > "$dir/alone.json" <<'JSON'
{"shmplot": 1,
 "series": {"x": {"linspace": [0, 10, 200000]}, "y": {"sin": "x"}},
 "figures": [
  {"name": "big", "size": [20, 16], "transparent": true,
   "lines": [{"x": "x", "y": "y", "label": "sin"}], "title": "clear"}]}
JSON
"$exe" render -q -j2 -o "$dir/alone" "$dir/alone.json" ||
	bad "render of big alone exited $?"
for f in big face_none; do
	p=$dir/j2/$f.png
	[ -s "$p" ] || { bad "$f.png missing"; continue; }
	[ "$(byte_at "$p" 25)" = 6 ] || bad "$f.png is not RGBA (colour type $(byte_at "$p" 25))"
	cmp -s "$p" "$dir/j1/$f.png" || bad "$f.png differs between -j1 and -j2"
done
cmp -s "$dir/alone/big.png" "$dir/j1/big.png" || bad "big.png differs when rendered alone at -j2"
[ "$(byte_at "$dir/j2/opaque.png" 25)" = 2 ] || bad "opaque.png is not RGB"

"$exe" render -q --format svg -o "$dir/svg" "$dir/spec.json" || bad "svg render exited $?"
grep -q '<rect x="0" y="0" width="1440" height="1152" style="fill:rgb(100%,100%,100%)' "$dir/svg/big.svg" &&
	bad "big.svg paints a white background"
grep -q '<rect x="0" y="0" width="460.8" height="345.6" style="fill:rgb(100%,100%,100%)' "$dir/svg/opaque.svg" ||
	bad "opaque.svg has no white background (the check above would prove nothing)"

[ $fails = 0 ] && echo "clear backgrounds: ok"
exit $((fails > 0))
