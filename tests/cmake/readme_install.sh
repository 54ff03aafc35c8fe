#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs the README's "Install" section as written (its ```sh blocks, in
# order) in a scratch directory where `build` is this build and `samples`
# the source tree's, with HOME there too, then checks what it installed.
#   readme_install.sh SOURCE_DIR BUILD_DIR WORK
set -eu
src=$1 build=$2 work=$3
rm -rf "$work"
mkdir -p "$work/home"
ln -s "$build" "$work/build"
ln -s "$src/samples" "$work/samples"
awk '/^## Install/ { on = 1; next } /^## / { on = 0 }
     on && /^```sh$/ { inb = 1; next } on && inb && /^```$/ { inb = 0; next }
     on && inb { print }' "$src/README.md" >"$work/install.sh"
if [ ! -s "$work/install.sh" ]; then
	echo "readme_install: no sh block in the README's Install section" >&2
	exit 1
fi
cat "$work/install.sh"
unset PKG_CONFIG_PATH PKG_CONFIG_LIBDIR CMAKE_PREFIX_PATH SHMPLOT_WORKER
cd "$work"
HOME="$work/home" sh -ex install.sh
prefix="$work/home/.local"
for f in bin/shmplot libexec/shmplot/shmplot-worker lib/libshmplot.so.0 \
	lib/cmake/shmplot/shmplotConfig.cmake lib/pkgconfig/shmplot.pc \
	share/doc/shmplot/README.md share/doc/shmplot/LICENSE; do
	if [ ! -e "$prefix/$f" ]; then
		echo "readme_install: $prefix/$f was not installed" >&2
		exit 1
	fi
done
for f in damped.png build-downstream/damped; do
	if [ ! -e "$work/$f" ]; then
		echo "readme_install: the README's commands made no $f" >&2
		exit 1
	fi
done
echo "readme_install: the README's Install section works"
