# SPDX-License-Identifier: MIT
# PDF and SVG output (issue 18), through the CLI:
#   gallery   every gallery figure (and the seed batch) as PNG, PDF and SVG in
#             one run; the PDF rasterised by pdftoppm (pdftocairo -transp
#             for a clear figure) and the SVG by
#             rsvg-convert at the figure's size compared with the PNG through
#             `shmplot diff`: same size, and the root-mean-square difference
#             of anti-aliasing and rasteriser rounding (a wrong or missing
#             item costs 30 or more); pdftotext finds titles and tick labels.
#   determinism  byte-identical PDF and SVG across two runs and -j1 / -j2.
#   large     a 10,000,000-point seed batch: PDF and SVG under 1 MB each;
#             with exact, every point is in the SVG.
# usage: vector_output.sh SHMPLOT GALLERY_DIR CASE
# Skipped (77) without poppler-utils and librsvg2-bin.
set -u
exe=$1
gal=$2
case_=$3
for t in pdftoppm pdftocairo pdftotext rsvg-convert pdfinfo; do
	command -v $t >/dev/null || { echo "SKIP: $t missing"; exit 77; }
done
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fails=0
bad() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# The rms field of `shmplot diff --json`, or "size" after a size mismatch;
# the pixel counts (differing, anti-aliasing, counted) go to counts_of.
rms_of() {
	local j
	j=$("$exe" diff --json --aa forgive "$1" "$2")
	case $j in *'"verdict":"size-mismatch"'*) echo size; return ;; esac
	echo "$j" | sed -E 's/.*"rms":([0-9.e+-]+).*/\1/'
	echo "$j" | sed -E 's/.*"diff_pixels":([0-9]+),"aa_pixels":([0-9]+),"counted_pixels":([0-9]+).*/\1 px differ (\2 aa, \3 counted)/' \
		>"$dir/counts_of"
}

# Width, height and dpi of a PNG written by shmplot (IHDR, pHYs).
png_geometry() {
	/usr/bin/python3 - "$1" <<'EOF'
import struct, sys
d = open(sys.argv[1], "rb").read()
w, h = struct.unpack(">II", d[16:24])
i = d.find(b"pHYs")
ppm = struct.unpack(">I", d[i + 4:i + 8])[0] if i > 0 else 3937
print(w, h, round(ppm * 0.0254))
EOF
}

case $case_ in
gallery)
	out=$dir/g
	"$exe" render -q -j2 -o "$out" --format png,pdf,svg || bad "seed batch"
	# every gallery spec but the one made to be refused (exit 1)
	for spec in "$gal"/*.json; do
		[ "$(basename "$spec")" = refused.json ] && continue
		"$exe" render -q -j2 -o "$out" --format png,pdf,svg \
			"$spec" || bad "render $spec"
	done
	n=0
	for pdf in "$out"/*.pdf; do
		name=$(basename "$pdf" .pdf)
		set -- $(png_geometry "$out/$name.png")
		w=$1 h=$2 dpi=$3
		# a clear figure (an RGBA PNG, colour type 6) against the PDF
		# rasterised without paper: pdftoppm always paints white
		if [ "$(od -An -tu1 -j25 -N1 "$out/$name.png" | tr -d ' ')" = 6 ]; then
			pdftocairo -r "$dpi" -png -transp -singlefile "$pdf" \
				"$dir/p_$name" || bad "$name: pdftocairo"
		else
			pdftoppm -r "$dpi" -png -singlefile "$pdf" "$dir/p_$name" ||
				bad "$name: pdftoppm"
		fi
		rsvg-convert -w "$w" -h "$h" "$out/$name.svg" \
			-o "$dir/s_$name.png" || bad "$name: rsvg-convert"
		rp=$(rms_of "$out/$name.png" "$dir/p_$name.png")
		cp=$(cat "$dir/counts_of" 2>/dev/null)
		rs=$(rms_of "$out/$name.png" "$dir/s_$name.png")
		cs=$(cat "$dir/counts_of" 2>/dev/null)
		echo "$name ${w}x${h}@$dpi: pdf rms $rp, $cp; svg rms $rs, $cs"
		# measured on Debian 12 (poppler 22.12, librsvg 2.54): PDF
		# rms 6..16 (poppler hints glyphs and moves thin lines onto
		# whole pixels), SVG 3.6..10.4; a figure with an item missing
		# or misplaced is 30..40
		awk -v r="$rp" 'BEGIN { exit !(r != "size" && r <= 18) }' ||
			bad "$name: PDF rasterised differs from the PNG (rms $rp)"
		awk -v r="$rs" 'BEGIN { exit !(r != "size" && r <= 12) }' ||
			bad "$name: SVG rasterised differs from the PNG (rms $rs)"
		n=$((n + 1))
	done
	[ "$n" -ge 39 ] || bad "only $n figures compared"
	# text is text: the title and the tick labels come out of the PDF
	t=$(pdftotext "$out/scatter3000.pdf" -)
	for want in "3000 N(0,1), alpha 0.2" "−4" "−2" "0" "2" "4"; do
		case $t in *"$want"*) ;; *) bad "pdftotext: no '$want'" ;; esac
	done
	# twin axes: the far side's label and log ticks; the colorbar's
	t=$(pdftotext "$out/twinx.pdf" -)
	for want in "twinx: two y scales" "count (log)" "temperature" "18" \
		"10"; do
		case $t in *"$want"*) ;; *) bad "pdftotext twinx: no '$want'" ;; esac
	done
	t=$(pdftotext "$out/scatter_colorbar.pdf" -)
	for want in "scatter, c and s, colorbar" "10" "8" "6" "−2"; do
		case $t in *"$want"*) ;; *) bad "pdftotext colorbar: no '$want'" ;; esac
	done
	t=$(pdftotext "$out/figure1.pdf" -)
	for want in "sin(x)" "cos(x)" "−0.5" "1.0" "12"; do
		case $t in *"$want"*) ;; *) bad "pdftotext: no '$want'" ;; esac
	done
	pdfinfo "$out/figure1.pdf" | grep -q "^Page size: *864 x 216 pts" ||
		bad "figure1.pdf is not 12 x 3 in"
	grep -q 'width="864pt" height="216pt"' "$out/figure1.svg" ||
		bad "figure1.svg is not 12 x 3 in"
	;;
determinism)
	for run in a b; do
		for j in 1 2; do
			"$exe" render -q -j$j -o "$dir/$run$j" --format pdf,svg ||
				bad "seed -j$j"
			"$exe" render -q -j$j -o "$dir/$run$j" --format pdf,svg \
				"$gal/fidelity.json" || bad "fidelity -j$j"
		done
	done
	n=0
	for f in "$dir"/a1/*; do
		b=$(basename "$f")
		for other in a2 b1 b2; do
			cmp -s "$f" "$dir/$other/$b" || bad "$b differs in $other"
		done
		n=$((n + 1))
	done
	[ "$n" -ge 30 ] || bad "only $n files compared"
	grep -l CreationDate "$dir"/a1/*.pdf && bad "a PDF has a creation date"
	echo "$n files byte-identical across two runs and -j1/-j2"
	;;
large)
	"$exe" render -q -j2 -n 10000000 -o "$dir/l" --format pdf,svg ||
		bad "10M-point seed batch"
	for f in "$dir"/l/*; do
		s=$(stat -c %s "$f")
		echo "$(basename "$f"): $s bytes"
		[ "$s" -lt 1000000 ] || bad "$(basename "$f") is $s bytes"
	done
	# exact: a 200,000-point line of points in no order keeps them (but
	# those matplotlib's path simplification leaves out too, ~9% here);
	# reduced, it keeps a few per pixel column
	cat >"$dir/exact.json" <<'EOF'
{"shmplot": 1, "series": {"x": {"linspace": [0, 300000, 200000]},
 "y": {"sin": "x"}},
 "figures": [{"name": "exact", "exact": true, "lines": [{"x": "x", "y": "y"}]},
             {"name": "reduced", "lines": [{"x": "x", "y": "y"}]}]}
EOF
	"$exe" render -q -o "$dir/e" --format svg "$dir/exact.json" ||
		bad "exact spec"
	ne=$(grep -o ' L ' "$dir/e/exact.svg" | wc -l)
	nr=$(grep -o ' L ' "$dir/e/reduced.svg" | wc -l)
	echo "exact: $ne segments, reduced: $nr"
	[ "$ne" -ge 180000 ] || bad "exact SVG has $ne segments"
	[ $((nr * 5)) -le "$ne" ] || bad "reduced SVG has $nr segments"
	;;
*)
	echo "unknown case $case_"
	exit 2
	;;
esac
[ $fails -eq 0 ] || exit 1
echo "OK: $case_"
