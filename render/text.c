/* SPDX-License-Identifier: MIT */
/*
 * The text of the decorations, on top of font.c's measure and draw: tick
 * labels with a superscript exponent (log axes), and titles, axis labels
 * and legend entries of one or more lines, laid out as matplotlib's Text
 * lays them out at their own size whatever their length (the figure's
 * edge clips them, as it clips matplotlib's).
 */
#include "draw.h"
#include "mathtext_layout.h"

#include <string.h>

double spr_tick_gap(const spr_ctx *r, int minor)
{
	return (minor ? MINOR_LEN_PT + MINOR_PAD_PT
		      : TICK_LEN_PT + TICK_PAD_PT) *
	       r->pt;
}

/*
 * The base of a tick label, drawn at (x, y) when draw is set; returns its
 * width. A "×" in it is spaced as mathtext spaces a binary operator: 0.2
 * em each side, the em being the advance of an italic m (0.9741 size).
 */
static double label_base(const spr_ctx *r, const char *base, double x, double y,
			 int draw)
{
	const char *times = strstr(base, "\xc3\x97");
	char pre[SPR_TICK_LABEL];
	double sp = 0.2 * 0.9741 * r->fs, w;
	size_t n;

	if (!times) {
		if (draw)
			spr_text_draw(r->cr, r->font, base, r->fs, x, y, 0);
		return spr_text_measure(r->cr, r->font, base, r->fs).width;
	}
	n = (size_t)(times - base);
	if (n >= sizeof pre)
		n = sizeof pre - 1;
	memcpy(pre, base, n);
	pre[n] = 0;
	w = spr_text_measure(r->cr, r->font, pre, r->fs).width + sp;
	if (draw) {
		spr_text_draw(r->cr, r->font, pre, r->fs, x, y, 0);
		spr_text_draw(r->cr, r->font, "\xc3\x97", r->fs, x + w, y, 0);
	}
	w += spr_text_measure(r->cr, r->font, "\xc3\x97", r->fs).width + sp;
	if (draw)
		spr_text_draw(r->cr, r->font, times + 2, r->fs, x + w, y, 0);
	return w + spr_text_measure(r->cr, r->font, times + 2, r->fs).width;
}

/* The exponent: 70% of the size, raised by 36% of the base size. */
spr_label_box spr_tick_label_measure(const spr_ctx *r, const char *base,
				     const char *sup)
{
	spr_text_box b = spr_text_measure(r->cr, r->font, base, r->fs);
	double bw = label_base(r, base, 0, 0, 0);
	spr_label_box lb = {bw, b.ascent, b.descent, bw, 0, 0};

	if (sup && *sup) {
		spr_text_box s =
		    spr_text_measure(r->cr, r->font, sup, r->fs * 0.7);
		lb.w += s.width;
		lb.asc = fmax(lb.asc, r->fs * 0.36 + s.ascent);
		/* mathtext pads its raster 1 px each side of the box it
		 * measures (_mathtext.Output.to_raster), and the label box
		 * is that raster: measured against matplotlib 3.6, a
		 * top-aligned label's baseline is 2 px lower, the box 3 px
		 * taller, than plain text's measure gives */
		lb.pad_top = 2;
		lb.pad_bottom = 1;
	}
	return lb;
}

/*
 * An exponent at (x, y). A leading minus is filled as the whole-pixel bar
 * Agg draws from the hinted glyph (the outline's 0.8 px bar at 7 pt would
 * blur over two rows at half strength and look shorter).
 */
static void sup_draw(const spr_ctx *r, const char *sup, double x, double y)
{
	double sz = r->fs * 0.7, ink[4], x0, x1, yc, h;

	if (strncmp(sup, "\xe2\x88\x92", 3) != 0) {
		spr_text_draw(r->cr, r->font, sup, sz, x, y, 0);
		return;
	}
	spr_glyph_ink(r->cr, r->font, 0x2212, sz, ink);
	x0 = round(x + ink[0]);
	x1 = round(x + ink[2]);
	yc = y + (ink[1] + ink[3]) / 2;
	h = fmax(1, round(ink[3] - ink[1]));
	if (x1 > x0) {
		cairo_rectangle(r->cr, x0, floor(yc - h / 2 + 0.5), x1 - x0, h);
		cairo_fill(r->cr);
	}
	spr_text_draw(
	    r->cr, r->font, sup + 3, sz,
	    x + spr_text_measure(r->cr, r->font, "\xe2\x88\x92", sz).width, y,
	    0);
}

void spr_tick_label_draw(const spr_ctx *r, const char *base, const char *sup,
			 double x, double y)
{
	double bw;

	if (!sup || !*sup) {
		label_base(r, base, x, y, 1);
		return;
	}
	/* mathtext's raster is placed on whole pixels */
	y = round(y);
	bw = label_base(r, base, x, y, 1);
	sup_draw(r, sup, x + bw, y - round(r->fs * 0.36));
}

/* matplotlib's Text linespacing */
#define LINESPACING 1.2

/* The end of the line starting at s: its '\n' or its NUL. */
static const char *line_end(const char *s)
{
	const char *nl = strchr(s, '\n');

	return nl ? nl : s + strlen(s);
}

/* A line's box: mathtext's when it is math, else the font's (plain text
 * pays one memchr for the check). */
static spr_text_box line_measure(const spr_ctx *r, const char *s, size_t n,
				 double size)
{
	if (mt_is_math(s, n))
		return spr_math_measure_run(r->cr, r->font, s, n, size);
	return spr_text_measure_run(r->cr, r->font, s, n, size);
}

spr_mtext spr_mtext_measure(const spr_ctx *r, const char *s, double size)
{
	spr_mtext m;
	spr_text_box lp = spr_text_measure_run(r->cr, r->font, "", 0, size);
	double base = 0;

	memset(&m, 0, sizeof m);
	m.s = s;
	m.size = size;
	m.lp_ascent = lp.ascent;
	if (!s || !*s)
		return m;
	for (;;) {
		const char *e = line_end(s);
		spr_text_box b = line_measure(r, s, (size_t)(e - s), size);
		/* Text._get_layout: the first baseline one ascent below the
		 * top, each next one the previous line's descent plus 1.2
		 * ascents (of "l" at least) below the previous baseline */
		base += m.lines == 0 ? b.ascent
				     : m.descent + LINESPACING * b.ascent;
		if (m.lines == 0)
			m.ascent = b.ascent;
		m.width = fmax(m.width, b.width);
		m.descent = b.descent;
		m.lines++;
		if (!*e)
			break;
		s = e + 1;
	}
	m.height = base + m.descent;
	return m;
}

void spr_mtext_draw(const spr_ctx *r, const spr_mtext *m, double x, double y,
		    double align, double angle)
{
	/* the text's "down" (from one line to the next) on the surface */
	double dx = sin(angle), dy = cos(angle), v = 0, lead = 1;
	const char *s = m->s;

	if (!s || !m->lines)
		return;
	for (;;) {
		const char *e = line_end(s);
		/* drawn from the previous line's bottom (the box top for the
		 * first), lead ascents down to its own baseline */
		size_t n = (size_t)(e - s);
		spr_text_box b =
		    mt_is_math(s, n)
			? spr_math_draw_run(r->cr, r->font, s, n, m->size,
					    x + v * dx, y + v * dy, angle,
					    align, lead)
			: spr_text_draw_run(r->cr, r->font, s, n, m->size,
					    x + v * dx, y + v * dy, angle,
					    align, lead);
		v += lead * b.ascent + b.descent;
		lead = LINESPACING;
		if (!*e)
			break;
		s = e + 1;
	}
}
