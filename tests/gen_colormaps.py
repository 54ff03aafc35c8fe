#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Writes shmplot's colormap tables from matplotlib 3.6's own colormaps.

Run with Debian's python3-matplotlib (both outputs are committed):

    /usr/bin/python3 tests/gen_colormaps.py render/colormap_data.c \
        render/colormap_listed.c tests/data/colormaps_mpl.txt

render/colormap_data.c (and colormap_listed.c, the 256-colour lists) holds each map's source data as matplotlib keeps it:
the colour list of a ListedColormap (viridis & co, tab10 ...), the colour
stops of a map made by from_list (ColorBrewer's), or the (x, y0, y1) rows per channel of a LinearSegmentedColormap (jet, coolwarm ...). render/colormap.c builds the 256-entry
table from the rows as matplotlib's _create_lookup_table does, so the C tables
are matplotlib's to the last bit; floats are repr()s (strtod reads back the
identical double).

tests/data/colormaps_mpl.txt is what tests/render/test_colormap.c checks that
against, one line a name (every map and its _r twin, from matplotlib's
registry):  name  N  fnv1a64(lut[:N, :3] as little-endian doubles)
then lut[0], lut[N // 2], lut[N - 1] as 9 repr()s (for a readable failure).
"""
import struct
import sys

import matplotlib

matplotlib.use("Agg")
from matplotlib import colormaps, colors  # noqa: E402

assert matplotlib.__version__.startswith("3.6"), matplotlib.__version__

# Each with its _r twin. The default (image.cmap) first. Maps whose
# segment data are Python functions (gnuplot, afmhot ...) are left out.
NAMES = [
    "viridis", "plasma", "inferno", "magma", "cividis",
    "Greys", "gray", "binary", "Blues", "Greens", "Oranges", "Reds",
    "Purples", "YlOrRd", "hot",
    "RdBu", "RdYlBu", "Spectral", "PiYG", "coolwarm", "bwr", "seismic",
    "jet",
    "tab10", "tab20", "Set1", "Paired",
]

ORIGIN = {
    "viridis": "BIDS/colormap, van der Walt, Smith & Firing: CC0",
    "plasma": "BIDS/colormap, van der Walt & Smith: CC0",
    "inferno": "BIDS/colormap, van der Walt & Smith: CC0",
    "magma": "BIDS/colormap, van der Walt & Smith: CC0",
    "cividis": "Nunez, Anderton & Renslow, PLOS ONE 13(7) e0199239 (2018), "
    "via matplotlib (matplotlib licence)",
    "tab10": "Tableau 10 via Vega, in matplotlib's _cm.py",
    "tab20": "Tableau 20 via Vega, in matplotlib's _cm.py",
}
BREWER = {"Greys", "Blues", "Greens", "Oranges", "Reds", "Purples", "YlOrRd",
          "RdBu", "RdYlBu", "Spectral", "PiYG", "Set1", "Paired"}


def origin(name):
    if name in ORIGIN:
        return ORIGIN[name]
    if name in BREWER:
        return "ColorBrewer, Cynthia Brewer (Apache-style licence)"
    return "matplotlib's _cm.py (matplotlib licence)"


def fnv1a64(data):
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def nums(vals):
    """The values as repr()s, packed into lines of at most 80 columns."""
    lines, cur = [], ""
    for v in vals:
        item = repr(float(v)) + ","
        if cur and 8 + len(cur) + 1 + len(item) > 80:
            lines.append(cur)
            cur = ""
        cur = f"{cur} {item}" if cur else item
    lines.append(cur)
    return "\n".join("\t" + ln for ln in lines)


def array(out, ident, vals, static=True):
    kw = "static const" if static else "const"
    out.append(f"{kw} double {ident}[] = {{\n{nums(vals)}\n}};\n")


def stops_of(cm):
    """The colour list a from_list map was made of, or None: rows at
    numpy's linspace(0, 1, n) (i * (1 / (n - 1)), the last exactly 1) with
    y0 == y1, checked bit for bit."""
    chans = [cm._segmentdata[ch] for ch in ("red", "green", "blue")]
    n = len(chans[0])
    if any(len(c) != n for c in chans) or n < 2:
        return None
    step = 1.0 / (n - 1)
    for k in range(n):
        x = 1.0 if k == n - 1 else k * step
        for c in chans:
            if float(c[k][0]) != x or float(c[k][1]) != float(c[k][2]):
                return None
    return [float(c[k][1]) for k in range(n) for c in chans]


def emit_map(out, name, cm, big):
    """The map's data into out (or big, for 256-entry listed maps); its
    entry of the source table."""
    ident = "d_" + name
    if isinstance(cm, colors.ListedColormap):
        rgba = colors.to_rgba_array(cm.colors)
        assert (rgba[:, 3] == 1).all() and len(rgba) == cm.N
        flat = [v for row in rgba for v in row[:3]]
        if cm.N == 256:
            ident = "spr_cmap_" + name
            big.append(f"/* {name}: {origin(name)} */\n")
            array(big, ident, flat, static=False)
            out.append(f"extern const double {ident}[];\n")
        else:
            array(out, ident, flat)
        return f'{{"{name}", {cm.N}, {ident}, 0, {{NULL, NULL, NULL}}, {{0, 0, 0}}}}'
    assert isinstance(cm, colors.LinearSegmentedColormap), name
    assert cm.N == 256 and cm._gamma == 1.0
    if "alpha" in cm._segmentdata:
        assert all(r[1] == 1 and r[2] == 1 for r in cm._segmentdata["alpha"])
    stops = stops_of(cm)
    if stops:
        array(out, ident, stops)
        return (f'{{"{name}", {cm.N}, {ident}, {len(stops) // 3}, '
                "{NULL, NULL, NULL}, {0, 0, 0}}")
    parts = []
    for c, ch in enumerate(("red", "green", "blue")):
        rows = cm._segmentdata[ch]
        assert not callable(rows) and len(rows) <= 64, name
        array(out, f"{ident}_{c}", [float(v) for row in rows for v in row])
        parts.append((f"{ident}_{c}", len(rows)))
    segs = ", ".join(p[0] for p in parts)
    counts = ", ".join(str(p[1]) for p in parts)
    return f'{{"{name}", {cm.N}, NULL, 0, {{{segs}}}, {{{counts}}}}}'


HEAD = f"""/* SPDX-License-Identifier: MIT */
/*
 * Written by tests/gen_colormaps.py from matplotlib {matplotlib.__version__}'s
 * colormaps (do not edit): each map's data as matplotlib keeps it: a colour
 * list (ListedColormap), the colour stops of a map made with from_list, or
 * (x, y0, y1) rows per channel (LinearSegmentedColormap), from which
 * colormap.c builds the table.
 *
 * Origins and licences of the data: viridis, plasma, inferno and magma are
 * by Nathaniel J. Smith and Stefan van der Walt (viridis also Eric Firing),
 * released under CC0 (BIDS/colormap). cividis is by Jamie R. Nunez,
 * Christopher R. Anderton and Ryan S. Renslow (PLOS ONE 13(7), 2018), as
 * matplotlib ships it. The ColorBrewer maps (Greys, Blues, RdBu, Set1,
 * Paired ...) are Cynthia A. Brewer's, under the Apache-style ColorBrewer
 * licence: "This product includes color specifications and designs
 * developed by Cynthia Brewer (http://colorbrewer.org/)". tab10 and tab20
 * are Tableau's palettes as Vega and matplotlib publish them. gray,
 * binary, hot, jet, coolwarm (Kenneth Moreland's), bwr and seismic are
 * matplotlib's own data, under the matplotlib licence (Copyright (c)
 * 2012- Matplotlib Development Team; BSD-style).
 */
"""


def write_c(path, big_path):
    out, big, entries = [], [], []
    for name in NAMES:
        cm = colormaps[name]
        if not (isinstance(cm, colors.ListedColormap) and cm.N == 256):
            out.append(f"/* {name}: {origin(name)} */\n")
        entries.append(emit_map(out, name, cm, big))
    names = []
    for name in NAMES:
        names += [f'"{name}"', f'"{name}_r"']
    inc = '#include "colormap.h"\n\n#include <stddef.h>\n\n'
    tail = "\nconst spr_cmap_src spr_cmap_srcs[SPR_CMAP_COUNT / 2] = {\n"
    tail += ",\n".join("\t" + e for e in entries) + "};\n\n"
    tail += ("const char *const spr_cmap_names[SPR_CMAP_COUNT + 1] = {\n\t"
             + ", ".join(names) + ", NULL};\n")
    with open(path, "w") as f:
        f.write(HEAD + inc + "/* clang-format off */\n" + "".join(out)
                + "/* clang-format on */\n" + tail)
    with open(big_path, "w") as f:
        f.write(HEAD + inc + "/* clang-format off */\n" + "".join(big)
                + "/* clang-format on */\n")
    return len(names)


def write_ref(path):
    with open(path, "w") as f:
        for base in NAMES:
            for name in (base, base + "_r"):
                cm = colormaps[name]
                cm._init()
                lut = cm._lut[:cm.N, :3]
                h = fnv1a64(struct.pack(f"<{lut.size}d", *lut.ravel()))
                picks = [lut[0], lut[cm.N // 2], lut[cm.N - 1]]
                f.write(f"{name} {cm.N} {h:016x} "
                        + " ".join(repr(float(v)) for p in picks for v in p)
                        + "\n")


if __name__ == "__main__":
    n = write_c(sys.argv[1], sys.argv[2])
    write_ref(sys.argv[3])
    print(f"{n} names; SPR_CMAP_COUNT must be {n}", file=sys.stderr)
