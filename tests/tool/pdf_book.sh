# SPDX-License-Identifier: MIT
# --pdf-book (issue 18 item 4), through the CLI:
#   pages  a 1,000-figure batch as one book: a valid PDF (pdfinfo) of 1,000
#          pages in batch order (each page's title, by pdftotext) at each
#          figure's own size, bookmarks by figure name (pdftohtml -xml), the
#          same bytes for -j1 and -j2, the report's page numbers.
#   crash  a figure whose worker crashes (the test-hook build,
#          SHMPLOT_TEST_FAULT) has no page: the book is still valid, with
#          the others in order, and the report says which page is missing.
# usage: pdf_book.sh SHMPLOT SHMPLOT_TESTHOOKS CASE
# Skipped (77) without poppler-utils.
set -u
exe=$1
hooks=$2
case_=$3
for t in pdfinfo pdftotext pdftohtml; do
	command -v $t >/dev/null || { echo "SKIP: $t missing"; exit 77; }
done
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fails=0
bad() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# A spec of n small figures "fig-0000" ..., titled by their names; every
# seventh is wider (its page too).
spec() {
	local n=$1 i sep=""
	printf '{"shmplot": 1, "series": {"x": {"linspace": [0, 6, 50]},'
	printf ' "y": {"sin": "x"}}, "defaults": {"size": [2, 1.5], "dpi": 50},'
	printf ' "figures": ['
	for ((i = 0; i < n; i++)); do
		if ((i % 7 == 3)); then size=', "size": [3, 1.5]'; else size=''; fi
		printf '%s{"name": "fig-%04d", "title": "fig-%04d"%s, "lines": [{"x": "x", "y": "y"}]}' \
			"$sep" $i $i "$size"
		sep=,
	done
	printf ']}\n'
}

case $case_ in
pages)
	spec 1000 >"$dir/s.json"
	for j in 1 2; do
		"$exe" render -q -j$j -o "$dir/o$j" --pdf-book "$dir/book$j.pdf" \
			--report "$dir/r$j.json" "$dir/s.json" || bad "-j$j exit $?"
	done
	cmp -s "$dir/book1.pdf" "$dir/book2.pdf" || bad "-j1 and -j2 books differ"
	info=$(pdfinfo "$dir/book2.pdf") || bad "pdfinfo refuses the book"
	echo "$info" | grep -q '^Pages: *1000$' || bad "not 1000 pages: $info"
	# page order: each page's only text is its title, among tick labels
	pdftotext "$dir/book2.pdf" - | grep -o 'fig-[0-9]*' >"$dir/got"
	for ((i = 0; i < 1000; i++)); do printf 'fig-%04d\n' $i; done >"$dir/want"
	cmp -s "$dir/got" "$dir/want" || bad "pages out of batch order"
	# page sizes: 2 x 1.5 in is 144 x 108 pt; every seventh 216 x 108
	sizes=$(pdfinfo -f 3 -l 5 "$dir/book2.pdf" |
		grep -o 'size: *[0-9.]* x [0-9.]*' | tr -s ' ')
	[ "$sizes" = "size: 144 x 108
size: 216 x 108
size: 144 x 108" ] || bad "page sizes: $sizes"
	# bookmarks: one per page, by figure name, pointing at its page
	pdftohtml -xml -stdout -i -f 1 -l 1 "$dir/book2.pdf" |
		grep -o '<item page="[0-9]*">fig-[0-9]*</item>' >"$dir/outline"
	[ "$(wc -l <"$dir/outline")" -eq 1000 ] || bad "outline entries"
	grep -q '<item page="1">fig-0000</item>' "$dir/outline" ||
		bad "outline: no fig-0000 on page 1"
	grep -q '<item page="1000">fig-0999</item>' "$dir/outline" ||
		bad "outline: no fig-0999 on page 1000"
	grep -q '"book":{"file":"[^"]*book2.pdf","pages":1000,"missing":0}' \
		"$dir/r2.json" || bad "report's book"
	grep -q '"name":"fig-0999".*"page":1000}' "$dir/r2.json" ||
		bad "report's page of fig-0999"
	echo "1000 pages, $(stat -c %s "$dir/book2.pdf") bytes"
	;;
crash)
	spec 5 >"$dir/s.json"
	SHMPLOT_TEST_FAULT=fig-0002:segv "$hooks" render -q -j2 -o "$dir/o" \
		--format png,pdf --pdf-book "$dir/book.pdf" \
		--report "$dir/r.json" "$dir/s.json" 2>"$dir/err"
	rc=$?
	[ $rc -eq 1 ] || bad "exit $rc, not 1"
	grep -q 'fig-0002: crashed' "$dir/err" || bad "no crash message"
	pdfinfo "$dir/book.pdf" | grep -q '^Pages: *4$' || bad "not 4 pages"
	got=$(pdftotext "$dir/book.pdf" - | grep -o 'fig-[0-9]*' | tr '\n' ' ')
	[ "$got" = "fig-0000 fig-0001 fig-0003 fig-0004 " ] ||
		bad "pages: $got"
	[ ! -e "$dir/o/fig-0002.pdf" ] || bad "the crashed figure has a file"
	grep -q '"book":{"file":"[^"]*","pages":4,"missing":1}' "$dir/r.json" ||
		bad "report's book"
	grep -q '"name":"fig-0002","status":"crashed".*"page":null}' \
		"$dir/r.json" || bad "report's entry of the crashed figure"
	grep -q '"name":"fig-0003".*"page":3}' "$dir/r.json" ||
		bad "report's page of fig-0003"
	;;
*)
	echo "unknown case $case_"
	exit 2
	;;
esac
[ $fails -eq 0 ] || exit 1
echo "OK: $case_"
