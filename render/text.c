/* SPDX-License-Identifier: MIT */
/*
 * The text of the decorations, on top of font.c's measure and draw: tick
 * labels with a superscript exponent (log axes), labels and titles that
 * shrink rather than leave the figure.
 */
#include "draw.h"

/* The exponent: 70% of the size, raised by 36% of the base size. */
spr_label_box spr_tick_label_measure(const spr_ctx *r, const char *base,
				     const char *sup)
{
	spr_text_box b = spr_text_measure(r->cr, r->font, base, r->fs);
	spr_label_box lb = {b.width, b.ascent, b.descent, b.width};

	if (sup && *sup) {
		spr_text_box s =
		    spr_text_measure(r->cr, r->font, sup, r->fs * 0.7);
		lb.w += s.width;
		lb.asc = fmax(lb.asc, r->fs * 0.36 + s.ascent);
	}
	return lb;
}

void spr_tick_label_draw(const spr_ctx *r, const char *base, const char *sup,
			 double x, double y)
{
	spr_text_box b;

	spr_text_draw(r->cr, r->font, base, r->fs, x, y, 0);
	if (sup && *sup) {
		b = spr_text_measure(r->cr, r->font, base, r->fs);
		spr_text_draw(r->cr, r->font, sup, r->fs * 0.7, x + b.width,
			      y - r->fs * 0.36, 0);
	}
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
