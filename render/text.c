/* SPDX-License-Identifier: MIT */
/*
 * The text of the decorations, on top of font.c's measure and draw: tick
 * labels with a superscript exponent (log axes), and titles, axis labels
 * and legend entries of one or more lines, laid out as matplotlib's Text
 * lays them out at their own size whatever their length (the figure's
 * edge clips them, as it clips matplotlib's).
 */
#include "kinds/text.h"
#include "draw.h"
#include "mathtext_layout.h"

#include <stdio.h>
#include <stdlib.h>
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

/*
 * A label with an exponent is the formula matplotlib's LogFormatterSciNotation
 * writes, "$\mathdefault{10^{3}}$" or "$\mathdefault{2\times10^{-1}}$",
 * laid out by mathtext; s gets it (n bytes at least 64 + both parts).
 */
static size_t sci_formula(const char *base, const char *sup, char *s, size_t n)
{
	const char *times = strstr(base, "\xc3\x97");
	int k;

	if (times)
		k = snprintf(s, n, "$\\mathdefault{%.*s\\times%s^{%s}}$",
			     (int)(times - base), base, times + 2, sup);
	else
		k = snprintf(s, n, "$\\mathdefault{%s^{%s}}$", base, sup);
	return k < 0 || (size_t)k >= n ? 0 : (size_t)k;
}

spr_label_box spr_tick_label_measure(const spr_ctx *r, const char *base,
				     const char *sup)
{
	char s[3 * SPR_TICK_LABEL + 64];
	spr_label_box lb;
	spr_text_box b;
	size_t n;

	if ((!sup || !*sup) && mt_is_math(base, strlen(base))) {
		/* a fixed label or a formatter's output with $...$, as
		 * matplotlib's Text takes it: mathtext */
		b = spr_math_measure_run(r->cr, r->font, base, strlen(base),
					 r->fs);
		lb.w = lb.base_w = b.width;
		lb.asc = b.ascent;
		lb.desc = b.descent;
		lb.pad_top = lb.pad_bottom = 0;
		return lb;
	}
	if (!sup || !*sup || !(n = sci_formula(base, sup, s, sizeof s))) {
		b = spr_text_measure(r->cr, r->font, base, r->fs);
		lb.w = lb.base_w = label_base(r, base, 0, 0, 0);
		lb.asc = b.ascent;
		lb.desc = b.descent;
		lb.pad_top = lb.pad_bottom = 0;
		return lb;
	}
	/* mathtext's box is its raster, padded 1 px all round: measured
	 * against matplotlib 3.6, a top-aligned label's baseline is lower
	 * and its box taller than plain text's */
	b = spr_math_measure_run(r->cr, r->font, s, n, r->fs);
	lb.w = lb.base_w = b.width;
	lb.asc = b.ascent;
	lb.desc = b.descent;
	lb.pad_top = lb.pad_bottom = 0;
	return lb;
}

void spr_tick_label_draw(const spr_ctx *r, const char *base, const char *sup,
			 double x, double y)
{
	char s[3 * SPR_TICK_LABEL + 64];
	size_t n;

	if ((!sup || !*sup) && mt_is_math(base, strlen(base))) {
		spr_math_draw_run(r->cr, r->font, base, strlen(base), r->fs, x,
				  y, 0, 0, 0);
		return;
	}
	if (!sup || !*sup || !(n = sci_formula(base, sup, s, sizeof s))) {
		label_base(r, base, x, y, 1);
		return;
	}
	spr_math_draw_run(r->cr, r->font, s, n, r->fs, x, y, 0, 0, 0);
}

/* matplotlib's Text linespacing */
#define LINESPACING 1.2

/* The end of the line starting at s: its '\n' or its NUL. */
static const char *line_end(const char *s)
{
	const char *nl = strchr(s, '\n');

	return nl ? nl : s + strlen(s);
}

const char *spr_plain_text(const char *s, size_t *n, char *buf, size_t cap)
{
	const char *d = s, *e = s + *n;
	char *out;
	size_t i, k = 0;

	while ((d = memchr(d, '$', (size_t)(e - d))) &&
	       (d == s || d[-1] != '\\'))
		d++;
	if (!d)
		return s;
	out = *n < cap ? buf : malloc(*n + 1);
	if (!out)
		return NULL;
	for (i = 0; i < *n; i++) {
		if (s[i] == '\\' && i + 1 < *n && s[i + 1] == '$')
			continue;
		out[k++] = s[i];
	}
	out[k] = 0;
	*n = k;
	return out;
}

/* A line's box: mathtext's when it is math, else the font's. */
static spr_text_box line_measure(const spr_ctx *r, const spr_font *font,
				 const char *s, size_t n, double size)
{
	char buf[256];
	const char *p;
	spr_text_box b;

	if (mt_is_math(s, n))
		return spr_math_measure_run(r->cr, font, s, n, size);
	if (!(p = spr_plain_text(s, &n, buf, sizeof buf)))
		p = s;
	b = spr_text_measure_run(r->cr, font, p, n, size);
	if (p != s && p != buf)
		free((void *)p);
	return b;
}

/* Draws a line as spr_text_draw_run() does, mathtext when it is math. */
static spr_text_box line_draw(const spr_ctx *r, const spr_font *font,
			      const char *s, size_t n, double size, double x,
			      double y, double angle, double align, double lead)
{
	char buf[256];
	const char *p;
	spr_text_box b;

	if (mt_is_math(s, n))
		return spr_math_draw_run(r->cr, font, s, n, size, x, y, angle,
					 align, lead);
	if (!(p = spr_plain_text(s, &n, buf, sizeof buf)))
		p = s;
	b = spr_text_draw_run(r->cr, font, p, n, size, x, y, angle, align,
			      lead);
	if (p != s && p != buf)
		free((void *)p);
	return b;
}

spr_mtext spr_mtext_measure(const spr_ctx *r, const char *s, double size)
{
	return spr_mtext_measure_weight(r, s, size, 0);
}

spr_mtext spr_mtext_measure_weight(const spr_ctx *r, const char *s, double size,
				   int weight)
{
	return spr_mtext_measure_face(r, s, size, weight, 0);
}

spr_mtext spr_mtext_measure_face(const spr_ctx *r, const char *s, double size,
				 int weight, int style)
{
	spr_mtext m;
	const spr_font *font =
	    spr_font_styled(r->font, spr_weight_bold(weight), style != 0);
	spr_text_box lp = spr_text_measure_run(r->cr, font, "", 0, size);
	double base = 0;

	memset(&m, 0, sizeof m);
	m.font = font;
	m.s = s;
	m.size = size;
	m.lp_ascent = lp.ascent;
	if (!s || !*s)
		return m;
	for (;;) {
		const char *e = line_end(s);
		spr_text_box b =
		    line_measure(r, font, s, (size_t)(e - s), size);
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
		spr_text_box b = line_draw(r, m->font ? m->font : r->font, s,
					   (size_t)(e - s), m->size, x + v * dx,
					   y + v * dy, angle, align, lead);
		v += lead * b.ascent + b.descent;
		lead = LINESPACING;
		if (!*e)
			break;
		s = e + 1;
	}
}
