/* SPDX-License-Identifier: MIT */
/*
 * The text of the decorations, on top of font.c's measure and draw: tick
 * labels with a superscript exponent (log axes), labels and titles that
 * shrink rather than leave the figure.
 */
#include "draw.h"

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

spr_text_box spr_fit_text(const spr_ctx *r, const char *s, double *size,
			  double avail)
{
	spr_text_box b = spr_text_measure(r->cr, r->font, s, *size);

	if (b.width > avail && avail > 0) {
		*size *= avail / b.width;
		b = spr_text_measure(r->cr, r->font, s, *size);
	}
	return b;
}

double spr_clamp_run(double c, double w, double lo, double hi)
{
	double x = c - w / 2;

	if (x + w > hi)
		x = hi - w;
	if (x < lo)
		x = lo;
	return x;
}
