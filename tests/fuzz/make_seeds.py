#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the seed corpora of tests/fuzz/ (run from that directory).

blob/: batch descriptions as src/worker/blob.c encodes them (native
little-endian); segment/: data segments as src/segment.c lays them out.
"""
import os
import struct

def s(text):
    if text is None:
        return struct.pack("<I", 0xFFFFFFFF)
    b = text.encode()
    return struct.pack("<I", len(b)) + b

def line(x, y, label, color=0xFFFFFFFF, marker=0, style=0, drawstyle=0):
    # an item: its kind's place in the kind table (line: 0), then its
    # fields in descriptor order
    return (struct.pack("<III", 0, x, y) + s(label) + struct.pack("<I", color) +
            struct.pack("<dd", 1.0, 1.5) + struct.pack("<ii", style, marker) +
            struct.pack("<d", 6.0) + struct.pack("<i", drawstyle) +
            # markerfacecolor, markeredgecolor, markeredgewidth,
            # markevery, markevery_at, dashes, dash_offset
            struct.pack("<IId", 0xFFFFFFFF, 0xFFFFFFFF, 1.0) +
            struct.pack("<III", 0, 0, 0) + struct.pack("<d", 0.0))

def axhline(y, label):
    # axhline: 4 (after errorbar, bar, barh); y, xmin, xmax, color, linewidth, linestyle, alpha, label
    return (struct.pack("<Iddd", 4, y, 0.0, 1.0) + struct.pack("<I", 0x1f77b4) +
            struct.pack("<d", 1.5) + struct.pack("<i", 1) +
            struct.pack("<d", 1.0) + s(label))

def axvspan(lo, hi):
    # axvspan: 7; xmin, xmax, ymin, ymax, color, facecolor, edgecolor,
    # linewidth, alpha, label
    return (struct.pack("<Idddd", 7, lo, hi, 0.0, 1.0) +
            struct.pack("<III", 0xFFFFFFFF, 0xff0000, 0xFFFFFFFF) +
            struct.pack("<dd", 1.0, 0.3) + s(None))

def step(x, y, where):
    # step: 8; x, y, where, label, color, alpha, linewidth, linestyle,
    # marker, markersize
    return (struct.pack("<IIIi", 8, x, y, where) + s("step") +
            struct.pack("<I", 0xFFFFFFFF) + struct.pack("<dd", 1.0, 1.5) +
            struct.pack("<ii", 0, 2) + struct.pack("<d", 6.0))

def axes(lines, title=None, xlabel=None, ylabel=None, ylim=None, legend=-1,
         grid=0, yscale=0, exact=0, margins=None, aspect=0.0, lopts=False,
         face=0):
    out = s(title) + s(xlabel) + s(ylabel)
    out += struct.pack("<dddd", 0, 0, *(ylim or (0, 0)))
    # has_xlim, has_ylim, xscale, yscale, grid, legend, pole_segments,
    # exact, has_margins, margins[2]
    out += struct.pack("<iiiiiiii", 0, 1 if ylim else 0, 0, yscale, grid,
                       legend, 0, exact)
    out += struct.pack("<idd", 1 if margins else 0, *(margins or (0, 0)))
    out += struct.pack("<d", aspect)
    # face: 0 the default, else 0x02000000 | rgb or 0x01000000 (none)
    out += struct.pack("<I", face)
    out += struct.pack("<I", len(lines)) + b"".join(lines)
    # x and y tick options not given
    out += struct.pack("<II", 0, 0)
    # legend options (ncols, title, fontsize, title_fontsize, frameon,
    # bbox_to_anchor, borderaxespad) if lopts; title, xlabel, ylabel
    # fonts (fontsize, fontweight, fontstyle): the title's if lopts
    if lopts:
        out += (struct.pack("<Ii", 1, 2) + s("legend") +
                struct.pack("<ddiIddd", -0.833, 12.0, 0, 2, 1.02, 1.0, 0.5))
        out += struct.pack("<Idii", 1, 14.0, 7, 1)
    else:
        out += struct.pack("<II", 0, 0)
    # no xlabel, ylabel fonts, no twin
    out += struct.pack("<IIi", 0, 0, 0)
    return out

def figure(name, ax, w=12.0, h=3.0, dpi=100.0, rows=1, cols=1, share=0,
           opts=None):
    # opts: (suptitle, supxlabel, supylabel, 8 font sizes, 4 font
    # weights, facecolor, transparent), the figure kind's fields, after a
    # u32 given flag
    out = (s(name) + struct.pack("<ddd", w, h, dpi) +
           struct.pack("<iiI", rows, cols, share) + b"".join(ax))
    if opts is None:
        return out + struct.pack("<I", 0)
    return (out + struct.pack("<I", 1) + s(opts[0]) + s(opts[1]) +
            s(opts[2]) + struct.pack("<8d", *opts[3:11]) +
            struct.pack("<4i", *opts[11:15]) +
            struct.pack("<Ii", opts[15], opts[16]))

def blob(figs, level=-1, pixels=0, formats=1, font="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
    out = struct.pack("<IIIiiI", 0x53504231, 11, len(figs), level, pixels,
                      formats)
    out += s(font) + b"".join(struct.pack("<i", 0) for _ in figs)
    return out + b"".join(figs)

seeds = {
    "empty": blob([]),
    "seed": blob([
        figure("figure1", [axes([line(0, 1, "sin"), line(0, 2, "cos")],
                                legend=0)]),
        figure("figure2", [axes([line(0, 3, "tan")], ylim=(-5, 5))]),
        figure("figure3", [axes([line(0, 1, "sin"), line(0, 2, "cos"),
                                 line(0, 3, "tan")], ylim=(-5, 5))]),
    ]),
    "grid": blob([figure("g", [axes([line(0xFFFFFFFF, 1, None, 0x1f77b4, 2, 1, 3),
                                     axhline(0.5, "h"), axvspan(0.1, 0.2),
                                     step(0, 1, 2)],
                                    title="t\u00e9", xlabel="x", ylabel="y",
                                    grid=1, yscale=1, margins=(0.1, 0),
                                    legend=2, lopts=True,
                                    face=0x02eaeaf2)
                               for _ in range(6)], rows=2, cols=3, share=3,
                        opts=("sup", None, "y", 12, -1.2, -1, 8, -0.833,
                              -1, 16, -1.2, 5, 6, 0, 11, 0xe8eef4, 0))],
                 level=9, pixels=1, formats=7),
}
# the fuzzer's find (test_blob): grid with its figure options "given"
# flag 0x25000001, which must be refused
g = bytearray(seeds["grid"])
at = g.find(bytes.fromhex("0100000003000000") + b"sup")
g[at + 3] = 0x25
seeds["options_flag_2"] = bytes(g)
os.makedirs("corpus/blob", exist_ok=True)
for name, data in seeds.items():
    with open(f"corpus/blob/{name}.bin", "wb") as f:
        f.write(data)

def segment(series, extremes=()):
    """series: (name, values) pairs; extremes: the names whose least and
    greatest values are recorded (entry flags 1, lo, hi)."""
    n = len(series)
    table = n * 128
    data_offset = (64 + table + 63) & ~63
    entries, payload, off = [], b"", data_offset
    for name, values in series:
        if name in extremes:
            tail = struct.pack("<QIIdd", 0, 1, 0, min(values), max(values))
        else:
            tail = struct.pack("<QIIdd", 0, 0, 0, 0.0, 0.0)
        entries.append(name.encode().ljust(64, b"\0") +
                       struct.pack("<QQ", off, len(values)) + tail +
                       b"\0" * 16)
        chunk = b"".join(struct.pack("<d", v) for v in values)
        chunk += b"\0" * (((len(chunk) + 63) & ~63) - len(chunk))
        payload += chunk
        off += len(chunk)
    total = data_offset + len(payload)
    hdr = struct.pack("<QIIQQQIIQQ", 0x544F4C504D485300, 1, 64, total,
                      data_offset, len(payload), n, n,
                      sum(len(v) for _, v in series),
                      sum(len(v) for _, v in series))
    body = hdr + b"".join(entries)
    body += b"\0" * (data_offset - len(body))
    return body + payload

os.makedirs("corpus/segment", exist_ok=True)
for name, data in {
    "one": segment([("x", [0.0, 1.0, 2.0])]),
    "three": segment([("x", [float(i) for i in range(10)]),
                      ("sin", [0.5] * 10), ("empty", [])]),
    "extremes": segment([("x", [3.0, -1.0, 2.0]), ("y", [1.0, 2.0])],
                        extremes=("x",)),
}.items():
    with open(f"corpus/segment/{name}.bin", "wb") as f:
        f.write(data)
