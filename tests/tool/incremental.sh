# SPDX-License-Identifier: MIT
# `shmplot render --incremental` (issue 22), through the CLI:
#   series  one series of a 1,000-figure spec changed: exactly its 100
#           figures render, the others are skipped; every file equals a
#           plain run's of the changed spec; --report marks "skipped";
#           without --incremental everything renders and no manifest is read.
#   files   a CSV changed with its size and mtime kept renders its figures;
#           touching it renders nothing; three outputs deleted render three;
#           an output edited by hand (same size, also with its mtime put
#           back) renders again; a copy of the directory renders nothing; a
#           truncated manifest renders everything with a note.
#   shards  8 shards at once into one directory, then a whole run skips
#           every figure; the same bytes as a plain run.
#   inputs  a changed default renders exactly the figures that do not set
#           it; a changed main font (SHMPLOT_FONT: another path, then a
#           byte more) renders everything; a changed build (the test-hook
#           tool, SHMPLOT_TEST_CODE_ID standing in for another build ID of
#           shmplot or FreeType) renders everything; --progress counts
#           skipped figures as done; a --format png run keeps the SVG
#           files' entries.
#   definition  series keyed by their definitions (test-hook tool, which
#           says what was filled): nothing changed fills no series; a 2M
#           point generator changed renders and fills exactly its figures
#           and series; another definition of the same values renders
#           (the trade-off); a raw file touched renders nothing, changed
#           with its size and mtime kept renders its figures; shards fill
#           their own; every file as a plain run's.
#   values  a spec refused for its values (an errorbar's negative yerr,
#           found only once the series are computed) creates nothing with
#           --incremental either: no directory, manifest or report, the
#           same messages and exit code as a plain run (also a shard); into
#           an existing directory, it and its manifest are left as they were.
# usage: incremental.sh SHMPLOT CASE [SHMPLOT_WITH_TEST_HOOKS]
set -u
exe=$1
case_=$2
hooks=${3:-}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fails=0
bad() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# A spec of n small figures; figure i draws series s(i mod 10), s3 = x * $1.
spec() {
	local n=$1 k3=$2 i k sep=""
	printf '{"shmplot": 1, "series": {"x": {"linspace": [0, 6, 40]}'
	for ((k = 0; k < 10; k++)); do
		if ((k == 3)); then m=$k3; else m=$k; fi
		printf ', "s%d": {"mul": ["x", %s]}' $k "$m"
	done
	printf '}, "defaults": {"size": [1, 0.75], "dpi": 40}, "figures": ['
	for ((i = 0; i < n; i++)); do
		printf '%s{"name": "f%04d", "lines": [{"x": "x", "y": "s%d"}]}' \
			"$sep" $i $((i % 10))
		sep=,
	done
	printf ']}\n'
}

# Runs an incremental render; checks its summary's written and skipped.
run() {
	local want_w=$1 want_s=$2 what=$3
	shift 3
	out=$("$exe" render -j2 --incremental "$@" 2>"$dir/err") ||
		bad "$what: exit $?: $(cat "$dir/err")"
	echo "$what: $out"
	case $out in
	"$want_w of "*" ($want_s skipped, 0 failed, 0 not run)") ;;
	*) bad "$what: wanted $want_w written, $want_s skipped: $out" ;;
	esac
}

# Every figure file of $1 is byte-identical to $2's (same names).
same_files() {
	local a=$1 b=$2 f n=0
	for f in "$b"/*.*; do
		cmp -s "$f" "$a/${f##*/}" || bad "${f##*/} differs from a plain run"
		n=$((n + 1))
	done
	[ "$(ls "$a" | wc -l)" -eq $n ] || bad "$a: not the $n files of $b"
}

case $case_ in
series)
	spec 1000 3 >"$dir/a.json"
	spec 1000 3.5 >"$dir/b.json"
	run 1000 0 "first run" -o "$dir/o" "$dir/a.json"
	[ -f "$dir/o/.shmplot-manifest.1-of-1" ] || bad "no manifest written"
	run 0 1000 "nothing changed" -o "$dir/o" "$dir/a.json"
	run 100 900 "s3 changed" -o "$dir/o" --report "$dir/r.json" "$dir/b.json"
	grep -q '"figures_in_shard":1000,"ok":1000,"skipped":900,' "$dir/r.json" ||
		bad "report's counts: $(head -c 300 "$dir/r.json")"
	[ "$(grep -c '"status":"skipped"' "$dir/r.json")" -eq 900 ] ||
		bad "report: not 900 figures skipped"
	grep -q '"name":"f0003","status":"ok"' "$dir/r.json" ||
		bad "report: f0003 not rendered"
	grep -q '"index":4,"name":"f0004","status":"skipped","seconds":0.000000,"file":"f0004.png","bytes":[1-9]' \
		"$dir/r.json" || bad "report: f0004 not skipped"
	"$exe" render -q -j2 -o "$dir/plain" "$dir/b.json" || bad "plain run"
	[ ! -e "$dir/plain/.shmplot-manifest.1-of-1" ] ||
		bad "a plain run wrote a manifest"
	mv "$dir/o/.shmplot-manifest.1-of-1" "$dir/manifest"
	same_files "$dir/o" "$dir/plain"
	mv "$dir/manifest" "$dir/o/.shmplot-manifest.1-of-1"
	out=$("$exe" render -j2 -o "$dir/o" "$dir/b.json")
	case $out in "1000 of 1000 figures written to"*"(0 failed, 0 not run)") ;;
	*) bad "a plain run skipped something: $out" ;; esac
	;;
files)
	cat >"$dir/d.csv" <<'CSV'
a,b
1.5,4.0
2.5,3.0
1.5,2.0
CSV
	{
		printf '{"shmplot": 1, "series": {"a": {"csv": "d.csv", "column": "a"},'
		printf ' "b": {"csv": "d.csv", "column": "b"}},'
		printf ' "defaults": {"size": [1, 0.75], "dpi": 40}, "figures": ['
		for ((i = 0; i < 20; i++)); do
			((i)) && printf ','
			printf '{"name": "g%02d", "lines": [{"y": "%s"}]}' $i \
				$([ $i -lt 10 ] && echo a || echo b)
		done
		printf ']}\n'
	} >"$dir/c.json"
	run 20 0 "first run" -o "$dir/o" "$dir/c.json"
	cp -p "$dir/d.csv" "$dir/ref.csv"
	sed -i 's/^2.5,/3.5,/' "$dir/d.csv" # same size
	touch -r "$dir/ref.csv" "$dir/d.csv" # same mtime
	[ "$(stat -c %s.%Y "$dir/d.csv")" = "$(stat -c %s.%Y "$dir/ref.csv")" ] ||
		bad "the CSV's size or mtime changed"
	run 10 10 "column a changed, same size and mtime" -o "$dir/o" "$dir/c.json"
	touch "$dir/d.csv"
	run 0 20 "CSV touched" -o "$dir/o" "$dir/c.json"
	rm "$dir/o/g03.png" "$dir/o/g11.png" "$dir/o/g19.png"
	run 3 17 "three deleted" -o "$dir/o" "$dir/c.json"
	# the same size, other bytes: as an editor saving over it
	size=$(stat -c %s "$dir/o/g05.png")
	printf 'X' | dd of="$dir/o/g05.png" bs=1 seek=$((size - 5)) conv=notrunc \
		2>/dev/null
	run 1 19 "one edited by hand" -o "$dir/o" "$dir/c.json"
	# an output's mtime put back after the edit: its ctime still moved
	cp -p "$dir/o/g06.png" "$dir/g06.png"
	printf 'Y' | dd of="$dir/o/g06.png" bs=1 seek=100 conv=notrunc 2>/dev/null
	touch -r "$dir/g06.png" "$dir/o/g06.png"
	run 1 19 "one edited, its mtime put back" -o "$dir/o" "$dir/c.json"
	# a copied directory: new inodes and times, the same bytes
	cp -r "$dir/o" "$dir/copy"
	run 0 20 "a copy of the directory" -o "$dir/copy" "$dir/c.json"
	rm -rf "$dir/copy"
	truncate -s -10 "$dir/o/.shmplot-manifest.1-of-1"
	run 20 0 "manifest truncated" -o "$dir/o" "$dir/c.json"
	grep -q 'note: .*shmplot-manifest.1-of-1 is not a whole manifest' \
		"$dir/err" || bad "no note on the truncated manifest: $(cat "$dir/err")"
	[ "$(grep -c 'note:' "$dir/err")" -eq 1 ] ||
		bad "not one note on the truncated manifest: $(cat "$dir/err")"
	run 0 20 "after the truncated manifest" -o "$dir/o" "$dir/c.json"
	"$exe" render -q -j2 -o "$dir/plain" "$dir/c.json" || bad "plain run"
	rm "$dir/o/.shmplot-manifest.1-of-1"
	same_files "$dir/o" "$dir/plain"
	;;
shards)
	spec 1000 3 >"$dir/a.json"
	pids=""
	for k in 1 2 3 4 5 6 7 8; do
		"$exe" render -q -j1 --incremental --shard $k/8 -o "$dir/o" \
			"$dir/a.json" 2>"$dir/err$k" &
		pids="$pids $!"
	done
	for p in $pids; do wait $p || bad "a shard failed: $(cat "$dir"/err*)"; done
	[ "$(ls -A "$dir/o" | grep -c '^\.shmplot-manifest\.[1-8]-of-8$')" -eq 8 ] ||
		bad "not 8 manifest parts: $(ls -A "$dir/o" | grep manifest)"
	run 0 1000 "whole run after 8 shards" -o "$dir/o" "$dir/a.json"
	[ "$(ls -A "$dir/o" | grep -c '^\.shmplot-manifest')" -eq 1 ] ||
		bad "the shards' parts are still there: $(ls -A "$dir/o" | grep manifest)"
	run 0 1000 "again" -o "$dir/o" "$dir/a.json"
	run 0 125 "one shard again" --shard 3/8 -o "$dir/o" "$dir/a.json"
	"$exe" render -q -j2 -o "$dir/plain" "$dir/a.json" || bad "plain run"
	rm "$dir/o"/.shmplot-manifest.*
	same_files "$dir/o" "$dir/plain"
	;;
inputs)
	# f0-f4 set their own dpi; f5-f9 take the default's
	mk() {
		local i sep=""
		printf '{"shmplot": 1, "series": {"x": {"linspace": [0, 6, 40]},'
		printf ' "y": {"sin": "x"}}, "defaults": {"size": [1, 0.75],'
		printf ' "dpi": %s}, "figures": [' "$1"
		for ((i = 0; i < 10; i++)); do
			printf '%s{"name": "f%d", %s"title": "t", "lines": [{"x": "x", "y": "y"}]}' \
				"$sep" $i "$( ((i < 5)) && echo '"dpi": 40, ')"
			sep=,
		done
		printf ']}\n'
	}
	mk 40 >"$dir/a.json"
	mk 41 >"$dir/b.json"
	run 10 0 "first run" -o "$dir/o" "$dir/a.json"
	run 5 5 "default dpi changed" -o "$dir/o" "$dir/b.json"
	grep -q 'no manifest' "$dir/err" && bad "a 'no manifest' note with one"
	# --progress: the skipped figures count as done
	"$exe" render -j2 --incremental --progress -o "$dir/o" "$dir/b.json" \
		>/dev/null 2>"$dir/err" || bad "--progress run"
	tail -1 "$dir/err" | grep -q '^shmplot render: 10/10 figures, 0 failed' ||
		bad "--progress after skipping 10: $(cat "$dir/err")"
	"$exe" render -j2 --incremental --progress -o "$dir/o" "$dir/a.json" \
		>/dev/null 2>"$dir/err" || bad "--progress run"
	tail -1 "$dir/err" | grep -q '^shmplot render: 10/10 figures, 0 failed' ||
		bad "--progress after 5 skipped, 5 rendered: $(cat "$dir/err")"
	# the main font: another file with the same bytes, then a byte more
	font=$(fc-match -f '%{file}' DejaVuSans 2>/dev/null)
	[ -f "$font" ] || font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
	cp "$font" "$dir/font.ttf"
	SHMPLOT_FONT=$dir/font.ttf run 10 0 "another font file" -o "$dir/o" \
		"$dir/a.json"
	SHMPLOT_FONT=$dir/font.ttf run 0 10 "the same font file" -o "$dir/o" \
		"$dir/a.json"
	printf '\0\0\0\0' >>"$dir/font.ttf"
	SHMPLOT_FONT=$dir/font.ttf run 10 0 "the font file changed" -o "$dir/o" \
		"$dir/a.json"
	# formats: a PNG-only run keeps the SVG files' entries
	run 10 0 "png and svg" --format png,svg -o "$dir/o" "$dir/a.json"
	run 0 10 "png only" --format png -o "$dir/o" "$dir/a.json"
	run 0 10 "png and svg again" --format png,svg -o "$dir/o" "$dir/a.json"
	"$exe" render -q -j2 --format png,svg -o "$dir/plain" "$dir/a.json" ||
		bad "plain run"
	mv "$dir/o/.shmplot-manifest.1-of-1" "$dir/manifest"
	same_files "$dir/o" "$dir/plain"
	mv "$dir/manifest" "$dir/o/.shmplot-manifest.1-of-1"
	# the build: the test-hook tool is another build; then its shmplot
	# code or its FreeType "changes" (another build ID)
	if [ -n "$hooks" ]; then
		exe=$hooks
		run 10 0 "another build" -o "$dir/o" "$dir/a.json"
		run 0 10 "the same build" -o "$dir/o" "$dir/a.json"
		SHMPLOT_TEST_CODE_ID=shmplot run 10 0 "shmplot rebuilt" \
			-o "$dir/o" "$dir/a.json"
		SHMPLOT_TEST_CODE_ID=libfreetype.so. run 10 0 \
			"FreeType updated" -o "$dir/o" "$dir/a.json"
		SHMPLOT_TEST_CODE_ID=libfreetype.so. run 0 10 \
			"FreeType the same again" -o "$dir/o" "$dir/a.json"
	else
		bad "no test-hook tool given"
	fi
	;;
definition)
	# series keyed by definition: an up-to-date figure's series are not
	# computed or read (the test-hook tool says what was filled)
	[ -n "$hooks" ] || bad "no test-hook tool given"
	exe=${hooks:-$exe}
	export SHMPLOT_TEST_FILLED=1
	raw() { # raw FILE LAST: 40 float64, the last one LAST
		/usr/bin/python3 -c 'import struct, sys
v = [i * 0.1 for i in range(39)] + [float(sys.argv[2])]
open(sys.argv[1], "wb").write(struct.pack("<40d", *v))' "$1" "$2"
	}
	mk() { # mk BIG_END T_DEFINITION
		local i sep=""
		printf '{"shmplot": 1, "series": {'
		printf '"big": {"linspace": [0, %s, 2000000]}, ' "$1"
		printf '"bs": {"sin": "big"}, "x": {"linspace": [0, 6, 40]}, '
		printf '"t": %s, "r": {"raw": "r.bin"}}, ' "$2"
		printf '"defaults": {"size": [1, 0.75], "dpi": 40}, "figures": ['
		for ((i = 0; i < 10; i++)); do
			if ((i < 4)); then l='"x": "big", "y": "bs"'
			elif ((i < 7)); then l='"x": "x", "y": "t"'
			else l='"x": "x", "y": "r"'; fi
			printf '%s{"name": "f%d", "lines": [{%s}]}' "$sep" $i "$l"
			sep=,
		done
		printf ']}\n'
	}
	filled() { # filled SERIES POINTS WHAT
		grep -qx "test: $1 series filled, $2 points" "$dir/err" ||
			bad "$3: not $1 series, $2 points filled: $(grep '^test:' "$dir/err")"
	}
	raw "$dir/r.bin" 3.9
	mk 10 '{"mul": ["x", 2]}' >"$dir/a.json"
	mk 10.5 '{"mul": ["x", 2]}' >"$dir/b.json"
	mk 10.5 '{"add": ["x", "x"]}' >"$dir/c.json"
	run 10 0 "first run" -o "$dir/o" "$dir/a.json"
	filled 5 4000120 "first run"
	run 0 10 "nothing changed" -o "$dir/o" "$dir/a.json"
	filled 0 0 "nothing changed"
	run 4 6 "big's definition changed" -o "$dir/o" "$dir/b.json"
	filled 2 4000000 "big's definition changed"
	"$exe" render -q -j2 -o "$dir/plain" "$dir/b.json" 2>/dev/null ||
		bad "plain run"
	mv "$dir/o/.shmplot-manifest.1-of-1" "$dir/manifest"
	same_files "$dir/o" "$dir/plain"
	mv "$dir/manifest" "$dir/o/.shmplot-manifest.1-of-1"
	# the trade-off: another definition of the same values renders
	run 3 7 "t defined anew, same values" -o "$dir/o" "$dir/c.json"
	filled 2 80 "t defined anew"
	touch "$dir/r.bin"
	run 0 10 "r.bin touched" -o "$dir/o" "$dir/c.json"
	filled 0 0 "r.bin touched"
	touch -r "$dir/r.bin" "$dir/stamp"
	raw "$dir/r.bin" 4.5
	touch -r "$dir/stamp" "$dir/r.bin"
	run 3 7 "r.bin changed, same size and mtime" -o "$dir/o" "$dir/c.json"
	filled 2 80 "r.bin changed"
	rm -rf "$dir/plain"
	"$exe" render -q -j2 -o "$dir/plain" "$dir/c.json" 2>/dev/null ||
		bad "plain run"
	mv "$dir/o/.shmplot-manifest.1-of-1" "$dir/manifest"
	same_files "$dir/o" "$dir/plain"
	# shards: each fills its own figures' series; then nothing renders
	run 2 0 "shard 1/5" --shard 1/5 -o "$dir/s" "$dir/c.json"
	filled 4 4000080 "shard 1/5"
	for k in 2 3 4 5; do
		run 2 0 "shard $k/5" --shard $k/5 -o "$dir/s" "$dir/c.json"
	done
	run 0 10 "whole run after the shards" -o "$dir/s" "$dir/c.json"
	filled 0 0 "whole run after the shards"
	rm "$dir/s"/.shmplot-manifest.*
	same_files "$dir/s" "$dir/plain"
	;;
values)
	mk() { # mk K: yerr = x * K (negative for K < 0)
		printf '{"shmplot": 1, "series": {"x": {"linspace": [0, 6, 40]},'
		printf ' "e": {"mul": ["x", %s]}}, "defaults": {"size": [1, 0.75],' "$1"
		printf ' "dpi": 40}, "figures": [{"name": "good", "lines": [{"x": "x",'
		printf ' "y": "x"}]}, {"name": "bad", "lines": [{"kind": "errorbar",'
		printf ' "x": "x", "y": "x", "yerr": "e"}]}]}\n'
	}
	mk 0.1 >"$dir/good.json"
	mk -0.1 >"$dir/bad.json"
	# refused: exit 65, nothing made, the messages of a plain run
	refused() { # refused WHAT ARGS...: a plain run, then --incremental
		local what=$1 rc
		shift
		"$exe" render -j2 "$@" 2>"$dir/plain.err"
		rc=$?
		[ $rc -eq 65 ] || bad "$what: a plain run exited $rc"
		grep -q 'errorbar: yerr must not contain negative' "$dir/plain.err" ||
			bad "$what: a plain run's messages: $(cat "$dir/plain.err")"
		"$exe" render -j2 --incremental "$@" 2>"$dir/inc.err"
		rc=$?
		[ $rc -eq 65 ] || bad "$what: --incremental exited $rc"
		cmp -s "$dir/plain.err" "$dir/inc.err" ||
			bad "$what: not a plain run's messages: $(cat "$dir/inc.err")"
	}
	refused "new directory" -o "$dir/o" --report "$dir/r.json" "$dir/bad.json"
	[ ! -e "$dir/o" ] || bad "new directory: created: $(ls -A "$dir/o")"
	[ ! -e "$dir/r.json" ] || bad "new directory: a report written"
	refused "shard 2/2" --shard 2/2 -o "$dir/o" "$dir/bad.json"
	[ ! -e "$dir/o" ] || bad "shard 2/2: created: $(ls -A "$dir/o")"
	run 2 0 "first run" -o "$dir/o" "$dir/good.json"
	ls -lA --time-style=+%s.%N "$dir/o" >"$dir/before"
	cp "$dir/o/.shmplot-manifest.1-of-1" "$dir/manifest"
	refused "existing directory" -o "$dir/o" "$dir/bad.json"
	ls -lA --time-style=+%s.%N "$dir/o" | cmp -s - "$dir/before" ||
		bad "existing directory: changed: $(ls -lA "$dir/o")"
	cmp -s "$dir/o/.shmplot-manifest.1-of-1" "$dir/manifest" ||
		bad "existing directory: the manifest changed"
	run 0 2 "the good spec again" -o "$dir/o" "$dir/good.json"
	;;
*)
	echo "unknown case $case_"
	exit 2
	;;
esac
[ $fails -eq 0 ] || exit 1
echo PASS
