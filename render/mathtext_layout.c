/* SPDX-License-Identifier: MIT */
/*
 * Mathtext, stage 3: the parse tree -> boxes, built with the fonts'
 * metrics as matplotlib 3.6's Parser actions build them (symbol spacing,
 * subsuper with DejaVuSansFontConstants, _genfrac, sqrt, accent), and the
 * shipped result measured and placed as matplotlib's Agg backend
 * rasterises it (_mathtext.Output.to_raster, RendererAgg.draw_mathtext):
 * glyph origins on whole pixels of a raster padded 1 px all round, the
 * raster on whole device pixels. Our own code after matplotlib's
 * lib/matplotlib/_mathtext.py (PSF-style licence).
 */
#include "mathtext_layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* FontConstantsBase, which DejaVuSansFontConstants keeps: multiples of
 * the x-height */
#define SCRIPT_SPACE   0.05
#define SUBDROP        0.4
#define SUP1           0.7
#define SUB1           0.3
#define SUB2           0.5
#define DELTA          0.025
#define DELTA_SLANTED  0.2
#define DELTA_INTEGRAL 0.1

typedef struct builder {
	const mt_tree *t;
	mb_arena *a;
	const spr_font *const *faces; /* by MT_F_* */
	double size;                  /* px: the formula's size */
} builder;

static int32_t build(builder *b, int32_t id);
static int display_glyph(uint32_t cp);

/* Rule thickness: 0.75/12 of the size (TruetypeFonts). */
static double thickness(const builder *b)
{
	return 0.75 / 12.0 * b->size;
}

/* A char of the TeX font state, the face resolved as DejaVuFonts does:
 * in the italic font only letters (not Greek capitals) stay italic. */
static int32_t char_box(builder *b, uint32_t cp, uint8_t state, int slant)
{
	int32_t id = mb_new(b->a, MB_CHAR);
	uint8_t face = state;
	spr_glyph_mpl_metrics m;
	mb_node *n;

	double size = b->size;

	if (id < 0)
		return -1;
	if (face == MT_F_IT && !mt_italic_letter(cp))
		face = MT_F_RM;
	if (display_glyph(cp)) {
		face = MT_F_RM;
		size *= M_SQRT2;
	}
	if (spr_glyph_mpl(b->faces[face], cp, size, &m) != 0) {
		/* matplotlib's last resort for a glyph no font has */
		face = MT_F_RM;
		cp = 0xa4;
		spr_glyph_mpl(b->faces[face], cp, b->size, &m);
	}
	n = &b->a->n[id];
	n->cp = cp;
	n->font = face;
	n->state = state;
	n->slanted = (uint8_t)(face == MT_F_IT || slant);
	n->fontsize = size;
	n->m.advance = m.advance;
	n->m.width = m.width;
	n->m.height = m.height;
	n->m.iceberg = m.iceberg;
	n->m.xmin = m.xmin;
	n->m.ymin = m.ymin;
	n->m.xmax = m.xmax;
	n->m.ymax = m.ymax;
	n->width = cp == ' ' ? m.advance : m.width;
	n->height = m.iceberg;
	n->depth = -(m.iceberg - m.height);
	return id;
}

/* DejaVu Sans Display (matplotlib takes the big operators from it, and
 * Debian does not ship it) has DejaVu Sans' glyphs at sqrt(2) times the
 * size: measured, advances and ink boxes agree within 0.05%. */
static int display_glyph(uint32_t cp)
{
	return cp == 0x220f || cp == 0x2210 || cp == 0x2211 ||
	       (cp >= 0x222b && cp <= 0x2233) ||
	       (cp >= 0x22c0 && cp <= 0x22c3) ||
	       (cp >= 0x2a00 && cp <= 0x2a02) || (cp >= 0x2a0c && cp <= 0x2a1c);
}

/*
 * Glyphs matplotlib takes from fonts shmplot does not load, by their
 * metrics per pixel of size (unhinted: advance, then the ink box xmin,
 * ymin, xmax, ymax, y up): the prime from BaKoMa's cmsy10 and the radical
 * sign's STIX size variants 1 to 3. Drawn as DejaVu's glyph stretched
 * into that box, so everything around them sits where matplotlib puts it.
 */
static const double prime_cmsy10[5] = {0.27490, 0.02881, 0.04297, 0.26220,
				       0.55908};
static const double radical_stix[3][5] = {
    {1.05700, 0.112, -0.295, 1.089, 1.552},
    {1.12400, 0.110, -0.404, 1.157, 2.056},
    {1.07600, 0.112, -0.510, 1.110, 2.565}};

static int32_t subst_char(builder *b, uint32_t cp, const double *mt,
			  uint8_t state, double size)
{
	int32_t id = mb_new(b->a, MB_CHAR);
	mb_node *n;

	if (id < 0)
		return -1;
	n = &b->a->n[id];
	n->cp = cp;
	n->font = MT_F_RM;
	n->state = state;
	n->stretch = 1;
	n->fontsize = size;
	n->m.advance = mt[0] * size;
	n->m.xmin = mt[1] * size;
	n->m.ymin = mt[2] * size;
	n->m.xmax = mt[3] * size;
	n->m.ymax = mt[4] * size;
	n->m.width = n->m.xmax - n->m.xmin;
	n->m.iceberg = n->m.ymax;
	n->m.height = n->m.ymax - n->m.ymin;
	n->width = n->m.width;
	n->height = n->m.iceberg;
	n->depth = n->m.height - n->m.iceberg;
	return id;
}

/* Font kerning of two chars, only within one TeX font at one size. */
static double kern_of(void *ctx, const mb_node *x, const mb_node *y)
{
	builder *b = ctx;

	if (x->state != y->state || x->fontsize != y->fontsize || x->stretch)
		return 0;
	return spr_kern_mpl(b->faces[x->font], x->cp, y->cp, x->fontsize);
}

static int32_t hlist(builder *b, const int32_t *kids, int n, int kern)
{
	int32_t l = mb_list(b->a, MB_HLIST, kids, n);

	if (l < 0)
		return -1;
	if (kern)
		mb_hlist_kern(b->a, l, kern_of, b);
	mb_hpack(b->a, l, 0, 0);
	return l;
}

/* A kern of em ems: the em is the italic m's advance at the size. */
static int32_t space(builder *b, double em)
{
	spr_glyph_mpl_metrics m;

	spr_glyph_mpl(b->faces[MT_F_IT], 'm', b->size, &m);
	return mb_kern(b->a, m.advance * em);
}

/* The x-height of the state's font: the top of its 'x'. */
static double xheight(const builder *b, uint8_t state)
{
	spr_glyph_mpl_metrics m;

	spr_glyph_mpl(b->faces[state], 'x', b->size, &m);
	return m.iceberg;
}

/* HCentered(kids) packed to exactly w. */
static int32_t centered(builder *b, int32_t kid, double w)
{
	int32_t k[3];
	int32_t l;

	k[0] = mb_glue_ss(b->a);
	k[1] = kid;
	k[2] = mb_glue_ss(b->a);
	l = mb_list(b->a, MB_HLIST, k, 3);
	if (l >= 0)
		mb_hpack(b->a, l, w, 1);
	return l;
}

static int32_t symbol(builder *b, const mt_node *n)
{
	int32_t c = n->cp == 0x2032
			? subst_char(b, n->cp, prime_cmsy10, n->font, b->size)
			: char_box(b, n->cp, n->font, n->flags & MT_SLANTSYM);
	int32_t k[3];

	if (c < 0)
		return -1;
	if (n->flags & MT_OVERUNDER)
		b->a->n[c].tag = MT_OVERUNDER;
	if (n->flags & MT_DROPSUB)
		b->a->n[c].tag = MT_DROPSUB;
	if (n->flags & MT_SPACED) {
		k[0] = space(b, 0.2);
		k[1] = c;
		k[2] = space(b, 0.2);
		return hlist(b, k, 3, 1);
	}
	if (n->flags & MT_PUNCT) {
		k[0] = c;
		k[1] = space(b, 0.2);
		return hlist(b, k, 2, 1);
	}
	return c;
}

static int32_t list(builder *b, const mt_node *n)
{
	int32_t kids[64] = {0}, *k = kids, l;
	int cnt = 0, cap = 64, i = 0;
	int32_t c;

	for (c = n->first; c >= 0; c = b->t->n[c].next)
		cnt++;
	if (cnt > cap && !(k = malloc((size_t)cnt * sizeof *k)))
		return -1;
	for (c = n->first; c >= 0; c = b->t->n[c].next)
		k[i++] = build(b, c);
	l = hlist(b, k, cnt, 1);
	if (k != kids)
		free(k);
	if (l >= 0)
		b->a->n[l].tag = n->flags;
	return l;
}

/* \frac and \dfrac: Parser._genfrac, the rule on the middle of '='. */
static int32_t frac(builder *b, const mt_node *n)
{
	double t = thickness(b), w, shift;
	int32_t num = build(b, n->a), den = build(b, n->b), cn, cd, k[5], v;
	spr_glyph_mpl_metrics eq;

	if (num < 0 || den < 0)
		return -1;
	if (n->style == 1) {
		mb_shrink(b->a, num);
		mb_shrink(b->a, den);
	}
	w = fmax(b->a->n[num].width, b->a->n[den].width);
	cn = centered(b, num, w);
	cd = centered(b, den, w);
	k[0] = cn;
	k[1] = mb_box(b->a, 0, 0, 2 * t);
	k[2] = mb_hrule(b->a, t);
	k[3] = mb_box(b->a, 0, 0, 2 * t);
	k[4] = cd;
	v = mb_list(b->a, MB_VLIST, k, 5);
	if (v < 0)
		return -1;
	mb_vpack(b->a, v, 0, 0, INFINITY);
	spr_glyph_mpl(b->faces[n->font == MT_F_IT ? MT_F_RM : n->font], '=',
		      b->size, &eq);
	shift = b->a->n[cd].height - ((eq.ymax + eq.ymin) / 2 - 3 * t);
	b->a->n[v].shift = shift;
	k[0] = v;
	k[1] = mb_box(b->a, 2 * t, 0, 0);
	return hlist(b, k, 2, 1);
}

/* The check of \sqrt for a body height + depth tall (AutoHeightChar):
 * DejaVu's own at the size when it is tall enough (within 0.2 x-height),
 * else the first STIX size variant that is, scaled to fit exactly. */
static int32_t check_char(builder *b, double height, double depth,
			  uint8_t state)
{
	int32_t c = char_box(b, 0x221a, MT_F_RM, 0), k;
	double want = height + depth, shift = 0, f;
	int i;

	if (c < 0)
		return -1;
	if (b->a->n[c].height + b->a->n[c].depth <
	    want - 0.2 * xheight(b, state)) {
		for (i = 0; i < 2; i++)
			if ((radical_stix[i][4] - radical_stix[i][2]) *
				b->size >=
			    want - 0.2 * xheight(b, state))
				break;
		f = want /
		    ((radical_stix[i][4] - radical_stix[i][2]) * b->size);
		c = subst_char(b, 0x221a, radical_stix[i], MT_F_RM,
			       b->size * f);
		if (c < 0)
			return -1;
		shift = depth - b->a->n[c].depth;
	}
	k = hlist(b, &c, 1, 1);
	if (k >= 0)
		b->a->n[k].shift = shift;
	return k;
}

/* \sqrt[root]{body}: Parser.sqrt. */
static int32_t sqrt_box(builder *b, const mt_node *n)
{
	double t = thickness(b), h, d;
	int32_t body = build(b, n->a), check, root, k[4], right, rv;

	if (body < 0)
		return -1;
	h = b->a->n[body].height - b->a->n[body].shift + 5 * t;
	d = b->a->n[body].depth + b->a->n[body].shift;
	if ((check = check_char(b, h, d, n->font)) < 0)
		return -1;
	h = b->a->n[check].height - b->a->n[check].shift;
	d = b->a->n[check].depth + b->a->n[check].shift;
	k[0] = mb_box(b->a, 2 * t, 0, 0);
	k[1] = body;
	k[2] = mb_box(b->a, 2 * t, 0, 0);
	k[2] = hlist(b, k, 3, 1);
	k[0] = mb_hrule(b->a, t);
	k[1] = mb_glue_fill(b->a);
	right = mb_list(b->a, MB_VLIST, k, 3);
	if (right < 0)
		return -1;
	/* fontsize * dpi / 1200 in matplotlib's units: 0.06 of the size */
	mb_vpack(b->a, right, h + 0.06 * b->size, 1, d);
	if (n->b >= 0) {
		root = build(b, n->b);
		mb_shrink(b->a, root);
		mb_shrink(b->a, root);
	} else {
		root = mb_box(b->a, 0.5 * b->a->n[check].width, 0, 0);
	}
	k[0] = hlist(b, &root, 1, 1);
	rv = mb_list(b->a, MB_VLIST, k, 1);
	if (rv < 0)
		return -1;
	mb_vpack(b->a, rv, 0, 0, INFINITY);
	b->a->n[rv].shift = -h * 0.6;
	k[0] = rv;
	k[1] = mb_kern(b->a, -0.5 * b->a->n[check].width);
	k[2] = check;
	k[3] = right;
	return hlist(b, k, 4, 1);
}

/* \hat{x} and friends: Parser.accent, the accent centred over the body a
 * quarter of its width in, 2t above it. */
static int32_t accent(builder *b, const mt_node *n)
{
	double t = thickness(b), w;
	int32_t body = build(b, n->a), acc, k[3], c;
	mb_node *an;

	if (body < 0 || (acc = char_box(b, n->cp, n->font, 0)) < 0)
		return -1;
	an = &b->a->n[acc];
	an->width = an->m.xmax - an->m.xmin;
	an->height = an->m.ymax - an->m.ymin;
	an->depth = 0;
	an->tag = MT_TAG_ACCENT;
	w = b->a->n[body].width;
	k[0] = mb_box(b->a, w / 4, 0, 0);
	k[1] = acc;
	c = mb_list(b->a, MB_HLIST, k, 2);
	mb_hpack(b->a, c, 0, 0);
	if ((c = centered(b, c, w)) < 0)
		return -1;
	k[0] = c;
	k[1] = mb_box(b->a, 0, 0, 2 * t);
	k[2] = hlist(b, &body, 1, 1);
	c = mb_list(b->a, MB_VLIST, k, 3);
	if (c >= 0)
		mb_vpack(b->a, c, 0, 0, INFINITY);
	return c;
}

/* The last char of a nucleus, its trailing kern dropped and its width
 * made its advance (Parser.subsuper); the nucleus as a new hlist. */
static int32_t nucleus(builder *b, int32_t nuc, int32_t *last)
{
	mb_arena *a = b->a;
	int32_t c, prev = -1, pprev = -1, l;

	*last = nuc;
	if (a->n[nuc].kind == MB_HLIST) {
		for (c = a->n[nuc].first; c >= 0; c = a->n[c].next) {
			pprev = prev;
			prev = c;
		}
		if (prev >= 0 && a->n[prev].kind == MB_KERN && pprev >= 0 &&
		    a->n[pprev].kind == MB_CHAR) {
			a->n[pprev].next = -1;
			a->n[nuc].last = pprev;
			prev = pprev;
		}
		if (prev >= 0) {
			*last = prev;
			if (a->n[prev].kind == MB_CHAR)
				a->n[prev].width = a->n[prev].m.advance;
		}
		l = mb_new(a, MB_HLIST);
		if (l < 0)
			return -1;
		a->n[l].first = a->n[nuc].first;
		a->n[l].last = a->n[nuc].last;
		a->n[l].tag = a->n[nuc].tag;
		mb_hpack(a, l, 0, 0);
		return l;
	}
	if (a->n[nuc].kind == MB_CHAR)
		a->n[nuc].width = a->n[nuc].m.advance;
	return hlist(b, &nuc, 1, 0);
}

/* \sum_a^b and lim_{x}: limits centred above and below, 3t apart. */
static int32_t overunder(builder *b, int32_t nuc, int32_t sub, int32_t sup)
{
	mb_arena *a = b->a;
	double w = a->n[nuc].width, vgap = 3 * thickness(b), shift = 0;
	int32_t k[5], v;
	int nk = 0;

	if (sup >= 0) {
		mb_shrink(a, sup);
		w = fmax(w, a->n[sup].width);
	}
	if (sub >= 0) {
		mb_shrink(a, sub);
		w = fmax(w, a->n[sub].width);
	}
	if (sup >= 0) {
		k[nk++] = centered(b, sup, w);
		k[nk++] = mb_box(a, 0, 0, vgap);
	}
	k[nk++] = centered(b, nuc, w);
	if (sub >= 0) {
		k[nk++] = mb_box(a, 0, 0, vgap);
		k[nk] = centered(b, sub, w);
		if (k[nk] < 0)
			return -1;
		shift = a->n[k[nk]].height + vgap + a->n[nuc].depth;
		nk++;
	}
	v = mb_list(a, MB_VLIST, k, nk);
	if (v < 0)
		return -1;
	mb_vpack(a, v, 0, 0, INFINITY);
	a->n[v].shift = shift;
	return hlist(b, &v, 1, 1);
}

/* The script (sub or sup) after a kern, shrunk, as an hlist. */
static int32_t script(builder *b, double kern, int32_t x)
{
	int32_t k[2], l;

	k[0] = mb_kern(b->a, kern);
	k[1] = x;
	l = hlist(b, k, 2, 1);
	mb_shrink(b->a, l);
	return l;
}

/* x_a^b: Parser.subsuper with DejaVuSansFontConstants. */
static int32_t subsuper(builder *b, const mt_node *n)
{
	mb_arena *a = b->a;
	int32_t nuc = n->a >= 0 ? build(b, n->a) : mb_box(a, 0, 0, 0);
	int32_t sub = n->b >= 0 ? build(b, n->b) : -1;
	int32_t sup = n->c >= 0 ? build(b, n->c) : -1, last, x, y, k[3];
	double t = thickness(b), xh = xheight(b, n->font), sk, bk, lh, lb = 0;
	int slanted, drop;

	if (nuc < 0 || (n->b >= 0 && sub < 0) || (n->c >= 0 && sup < 0))
		return -1;
	if ((a->n[nuc].kind == MB_CHAR || a->n[nuc].kind == MB_HLIST) &&
	    (a->n[nuc].tag & MT_OVERUNDER) &&
	    (a->n[nuc].kind == MB_CHAR || (a->n[nuc].tag & MT_FUNC)))
		return overunder(b, nuc, sub, sup);
	if ((nuc = nucleus(b, nuc, &last)) < 0)
		return -1;
	drop = a->n[last].kind == MB_CHAR && (a->n[last].tag & MT_DROPSUB);
	slanted = a->n[last].kind == MB_CHAR && a->n[last].slanted;
	lh = a->n[last].height;
	if (drop)
		lb = a->n[last].depth;
	sk = bk = DELTA * xh;
	if (slanted) {
		sk += DELTA * xh + DELTA_SLANTED * (lh - xh * 2 / 3);
		bk = 0;
		if (drop) {
			bk = (3 * DELTA - DELTA_INTEGRAL) * lh;
			sk = (3 * DELTA + DELTA_INTEGRAL) * lh;
		}
	}
	if (sup < 0) {
		if ((x = script(b, bk, sub)) < 0)
			return -1;
		a->n[x].shift = drop ? lb + SUBDROP * xh : SUB1 * xh;
	} else {
		double up = drop ? lh - SUBDROP * xh : SUP1 * xh, down, clr;

		if ((x = script(b, sk, sup)) < 0)
			return -1;
		if (sub < 0) {
			a->n[x].shift = -up;
		} else {
			if ((y = script(b, bk, sub)) < 0)
				return -1;
			down = drop ? lb + SUBDROP * xh : SUB2 * xh;
			clr = 2 * t -
			      ((up - a->n[x].depth) - (a->n[y].height - down));
			if (clr > 0)
				up += clr;
			k[0] = x;
			k[1] = mb_kern(a, (up - a->n[x].depth) -
					      (a->n[y].height - down));
			k[2] = y;
			x = mb_list(a, MB_VLIST, k, 3);
			if (x < 0)
				return -1;
			mb_vpack(a, x, 0, 0, INFINITY);
			a->n[x].shift = down;
		}
	}
	if (!drop)
		a->n[x].width += SCRIPT_SPACE * xh;
	k[0] = nuc;
	k[1] = x;
	if (n->flags & MT_THINAFTER) {
		k[2] = space(b, 0.16667);
		return hlist(b, k, 3, 1);
	}
	return hlist(b, k, 2, 1);
}

static int32_t build(builder *b, int32_t id)
{
	const mt_node *n = &b->t->n[id];

	switch (n->kind) {
	case MT_CHAR:
		return symbol(b, n);
	case MT_LIST:
		return list(b, n);
	case MT_SUBSUP:
		return subsuper(b, n);
	case MT_FRAC:
		return frac(b, n);
	case MT_SQRT:
		return sqrt_box(b, n);
	case MT_SPACE:
		return space(b, n->em);
	case MT_ACCENT:
		return accent(b, n);
	}
	return -1;
}

int mt_layout_build(const spr_font *const faces[MT_F_N], const mt_tree *t,
		    double size, mt_layout *L)
{
	builder b;

	memset(L, 0, sizeof *L);
	memcpy(L->faces, faces, sizeof L->faces);
	b.t = t;
	b.a = &L->a;
	b.faces = faces;
	b.size = size;
	L->root = build(&b, t->root);
	if (L->root < 0 || L->a.failed) {
		mb_arena_free(&L->a);
		return -1;
	}
	return 0;
}
