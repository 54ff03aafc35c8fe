/* SPDX-License-Identifier: MIT */
/*
 * Mathtext, stage 2: the box model of TeX as matplotlib 3.6 keeps it
 * (lib/matplotlib/_mathtext.py: Node, Char, Kern, Hlist, Vlist, Rule,
 * Glue, ship; PSF-style licence), in our own C: the same packing, the same
 * shrinking (a box, its kerns and shifts times 0.7 a level, at most five
 * times), the same ship-out, so glyphs land where matplotlib puts them.
 */
#include "mathtext_box.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int32_t mb_new(mb_arena *a, uint8_t kind)
{
	mb_node *n;

	if (a->failed)
		return -1;
	if (a->len == a->cap) {
		int32_t cap = a->cap ? a->cap * 2 : 64;
		mb_node *nn;

		if (cap > (1 << 22) ||
		    !(nn = realloc(a->n, (size_t)cap * sizeof *nn))) {
			a->failed = 1;
			return -1;
		}
		a->n = nn;
		a->cap = cap;
	}
	n = &a->n[a->len];
	memset(n, 0, sizeof *n);
	n->kind = kind;
	n->first = n->last = n->next = -1;
	return a->len++;
}

int32_t mb_kern(mb_arena *a, double w)
{
	int32_t k = mb_new(a, MB_KERN);

	if (k >= 0)
		a->n[k].width = w;
	return k;
}

int32_t mb_box(mb_arena *a, double w, double h, double d)
{
	int32_t b = mb_new(a, MB_BOX);

	if (b >= 0) {
		a->n[b].width = w;
		a->n[b].height = h;
		a->n[b].depth = d;
	}
	return b;
}

int32_t mb_glue_ss(mb_arena *a)
{
	int32_t g = mb_new(a, MB_GLUE);

	if (g >= 0) {
		a->n[g].gstretch = 1;
		a->n[g].gso = 1;
		a->n[g].gshrink = -1;
		a->n[g].gsho = 1;
	}
	return g;
}

int32_t mb_glue_fill(mb_arena *a)
{
	int32_t g = mb_new(a, MB_GLUE);

	if (g >= 0) {
		a->n[g].gstretch = 1;
		a->n[g].gso = 2;
	}
	return g;
}

int32_t mb_hrule(mb_arena *a, double thickness)
{
	int32_t r = mb_new(a, MB_RULE);

	if (r >= 0) {
		a->n[r].infw = 1;
		a->n[r].height = a->n[r].depth = thickness * 0.5;
	}
	return r;
}

void mb_append(mb_arena *a, int32_t list, int32_t child)
{
	if (list < 0 || child < 0)
		return;
	if (a->n[list].last < 0)
		a->n[list].first = child;
	else
		a->n[a->n[list].last].next = child;
	a->n[child].next = -1;
	a->n[list].last = child;
}

int32_t mb_list(mb_arena *a, uint8_t kind, const int32_t *kids, int nkids)
{
	int32_t l = mb_new(a, kind);
	int i;

	for (i = 0; l >= 0 && i < nkids; i++) {
		if (kids[i] < 0) {
			a->failed = 1;
			return -1;
		}
		mb_append(a, l, kids[i]);
	}
	return l;
}

void mb_hlist_kern(mb_arena *a, int32_t list,
		   double (*kern)(void *ctx, const mb_node *x,
				  const mb_node *y),
		   void *ctx)
{
	int32_t c;

	if (list < 0)
		return;
	for (c = a->n[list].first; c >= 0;) {
		int32_t nx = a->n[c].next;
		double d = 0;

		if (a->n[c].kind == MB_CHAR) {
			d = a->n[c].m.advance - a->n[c].width;
			if (nx >= 0 && a->n[nx].kind == MB_CHAR)
				d += kern(ctx, &a->n[c], &a->n[nx]);
		}
		if (d != 0) {
			int32_t k = mb_kern(a, d);
			if (k < 0)
				return;
			a->n[c].next = k;
			a->n[k].next = nx;
			if (nx < 0)
				a->n[list].last = k;
		}
		c = nx;
	}
}

/* List._set_glue: the highest order of glue present takes the excess. */
static void set_glue(mb_node *l, double x, int sign, const double tot[4])
{
	int o = 3;

	while (o > 0 && tot[o] == 0)
		o--;
	l->glue_order = (uint8_t)o;
	l->glue_sign = (int8_t)sign;
	if (tot[o] != 0)
		l->glue_set = x / tot[o];
	else
		l->glue_sign = 0;
}

void mb_hpack(mb_arena *a, int32_t list, double w, int exactly)
{
	double h = 0, d = 0, x = 0, st[4] = {0}, sh[4] = {0};
	mb_node *l;
	int32_t c;

	if (list < 0)
		return;
	for (c = a->n[list].first; c >= 0; c = a->n[c].next) {
		const mb_node *p = &a->n[c];

		switch (p->kind) {
		case MB_CHAR:
			x += p->width;
			h = fmax(h, p->height);
			d = fmax(d, p->depth);
			break;
		case MB_GLUE:
			x += p->gw;
			st[p->gso] += p->gstretch;
			sh[p->gsho] += p->gshrink;
			break;
		case MB_KERN:
			x += p->width;
			break;
		default: /* boxes, lists, rules */
			x += p->width;
			if (!p->infh && !p->infd) {
				h = fmax(h, p->height - p->shift);
				d = fmax(d, p->depth + p->shift);
			}
			break;
		}
	}
	l = &a->n[list];
	l->height = h;
	l->depth = d;
	if (!exactly)
		w += x;
	l->width = w;
	x = w - x;
	l->glue_sign = 0;
	l->glue_order = 0;
	if (x > 0)
		set_glue(l, x, 1, st);
	else if (x < 0)
		set_glue(l, x, -1, sh);
}

void mb_vpack(mb_arena *a, int32_t list, double h, int exactly, double lim)
{
	double w = 0, d = 0, x = 0, st[4] = {0}, sh[4] = {0};
	mb_node *l;
	int32_t c;

	if (list < 0)
		return;
	for (c = a->n[list].first; c >= 0; c = a->n[c].next) {
		const mb_node *p = &a->n[c];

		if (p->kind == MB_KERN) {
			x += d + p->width;
			d = 0;
		} else if (p->kind == MB_GLUE) {
			x += d + p->gw;
			d = 0;
			st[p->gso] += p->gstretch;
			sh[p->gsho] += p->gshrink;
		} else {
			x += d + p->height;
			d = p->depth;
			if (!p->infw)
				w = fmax(w, p->width + p->shift);
		}
	}
	l = &a->n[list];
	l->width = w;
	if (d > lim) {
		x += d - lim;
		l->depth = lim;
	} else {
		l->depth = d;
	}
	if (!exactly)
		h += x;
	l->height = h;
	x = h - x;
	l->glue_sign = 0;
	l->glue_order = 0;
	if (x > 0)
		set_glue(l, x, 1, st);
	else if (x < 0)
		set_glue(l, x, -1, sh);
}

void mb_shrink(mb_arena *a, int32_t id)
{
	mb_node *n;
	int32_t c;

	if (id < 0)
		return;
	for (c = a->n[id].first; c >= 0; c = a->n[c].next)
		mb_shrink(a, c);
	n = &a->n[id];
	n->size++;
	if (n->size >= MB_SIZE_LEVELS)
		return;
	switch (n->kind) {
	case MB_KERN:
		n->width *= MB_SHRINK;
		break;
	case MB_GLUE:
		n->gw *= MB_SHRINK;
		break;
	default: /* a char's size too, then width, height, depth */
		if (n->kind == MB_CHAR)
			n->fontsize *= MB_SHRINK;
		n->width *= MB_SHRINK;
		n->height *= MB_SHRINK;
		n->depth *= MB_SHRINK;
		if (n->kind == MB_HLIST || n->kind == MB_VLIST) {
			n->shift *= MB_SHRINK;
			n->glue_set *= MB_SHRINK;
		}
		break;
	}
}

/* ---- ship ---- */

typedef struct shipper {
	mb_arena *a;
	mb_output *out;
	double cur_h, cur_v, off_h, off_v;
} shipper;

static void put_glyph(shipper *s, int32_t id, double x, double y)
{
	mb_output *o = s->out;

	if (o->ng == o->capg) {
		int32_t cap = o->capg ? o->capg * 2 : 32;
		mb_glyph *g = realloc(o->g, (size_t)cap * sizeof *g);
		if (!g) {
			o->failed = 1;
			return;
		}
		o->g = g;
		o->capg = cap;
	}
	o->g[o->ng].x = x;
	o->g[o->ng].y = y;
	o->g[o->ng++].node = id;
}

static void put_rect(shipper *s, double x1, double y1, double x2, double y2)
{
	mb_output *o = s->out;

	if (o->nr == o->capr) {
		int32_t cap = o->capr ? o->capr * 2 : 8;
		mb_rect *r = realloc(o->r, (size_t)cap * sizeof *r);
		if (!r) {
			o->failed = 1;
			return;
		}
		o->r = r;
		o->capr = cap;
	}
	o->r[o->nr].x1 = x1;
	o->r[o->nr].y1 = y1;
	o->r[o->nr].x2 = x2;
	o->r[o->nr++].y2 = y2;
}

/* The glue's share under the list's setting (ship's cur_g arithmetic). */
static double glue_amount(const mb_node *box, const mb_node *p,
			  double *cur_glue, double *cur_g)
{
	double w = p->gw - *cur_g;

	if (box->glue_sign == 1 && p->gso == box->glue_order) {
		*cur_glue += p->gstretch;
		*cur_g =
		    round(fmin(fmax(box->glue_set * *cur_glue, -1e9), 1e9));
	} else if (box->glue_sign == -1 && p->gsho == box->glue_order) {
		*cur_glue += p->gshrink;
		*cur_g =
		    round(fmin(fmax(box->glue_set * *cur_glue, -1e9), 1e9));
	}
	return w + *cur_g;
}

static void vlist_out(shipper *s, int32_t id);

static void hlist_out(shipper *s, int32_t id)
{
	const mb_node *box = &s->a->n[id];
	double base_line = s->cur_v, cur_glue = 0, cur_g = 0;
	int32_t c;

	for (c = box->first; c >= 0; c = s->a->n[c].next) {
		const mb_node *p = &s->a->n[c];

		if (p->kind == MB_CHAR) {
			put_glyph(s, c, s->cur_h + s->off_h,
				  s->cur_v + s->off_v);
			s->cur_h += p->width;
		} else if (p->kind == MB_KERN) {
			s->cur_h += p->width;
		} else if (p->kind == MB_HLIST || p->kind == MB_VLIST) {
			double edge = s->cur_h;

			if (p->first >= 0) {
				s->cur_v = base_line + p->shift;
				if (p->kind == MB_HLIST)
					hlist_out(s, c);
				else
					vlist_out(s, c);
			}
			s->cur_h = edge + p->width;
			s->cur_v = base_line;
		} else if (p->kind == MB_GLUE) {
			s->cur_h += glue_amount(box, p, &cur_glue, &cur_g);
		} else {
			double rh = p->infh ? box->height : p->height;
			double rd = p->infd ? box->depth : p->depth;
			double rw = p->width;

			if (p->kind == MB_RULE && rh > 0 && rw > 0) {
				s->cur_v = base_line + rd;
				put_rect(s, s->cur_h + s->off_h,
					 s->cur_v + s->off_v,
					 s->cur_h + s->off_h + rw,
					 s->cur_v + s->off_v + rh);
				s->cur_v = base_line;
			}
			s->cur_h += rw;
		}
	}
}

static void vlist_out(shipper *s, int32_t id)
{
	mb_node *box = &s->a->n[id];
	double left_edge = s->cur_h, cur_glue = 0, cur_g = 0;
	int32_t c;

	s->cur_v -= box->height;
	for (c = box->first; c >= 0; c = s->a->n[c].next) {
		mb_node *p = &s->a->n[c];

		if (p->kind == MB_KERN) {
			s->cur_v += p->width;
		} else if (p->kind == MB_HLIST || p->kind == MB_VLIST) {
			if (p->first < 0) {
				s->cur_v += p->height + p->depth;
			} else {
				double save_v;

				s->cur_v += p->height;
				s->cur_h = left_edge + p->shift;
				save_v = s->cur_v;
				p->width = box->width; /* as ship does */
				if (p->kind == MB_HLIST)
					hlist_out(s, c);
				else
					vlist_out(s, c);
				s->cur_v = save_v + p->depth;
				s->cur_h = left_edge;
			}
		} else if (p->kind == MB_GLUE) {
			s->cur_v += glue_amount(box, p, &cur_glue, &cur_g);
		} else if (p->kind != MB_CHAR) {
			double rw = p->infw ? box->width : p->width;
			double rh = p->height + p->depth;

			/* a box takes room only with depth (Vbox(0, d)), and a
			 * rule is painted one thickness below its place, as
			 * matplotlib's vlist_out does both */
			if (rh > 0 && p->depth > 0) {
				s->cur_v += rh;
				if (p->kind == MB_RULE)
					put_rect(s, s->cur_h + s->off_h,
						 s->cur_v + s->off_v,
						 s->cur_h + s->off_h + rw,
						 s->cur_v + s->off_v + rh);
			}
		}
	}
}

int mb_ship(mb_arena *a, int32_t box, double ox, double oy, mb_output *out)
{
	shipper s;

	memset(out, 0, sizeof *out);
	if (box < 0 || a->failed)
		return -1;
	s.a = a;
	s.out = out;
	s.cur_h = s.cur_v = 0;
	s.off_h = ox;
	s.off_v = oy + a->n[box].height;
	hlist_out(&s, box);
	return out->failed ? -1 : 0;
}

void mb_output_free(mb_output *o)
{
	free(o->g);
	free(o->r);
	memset(o, 0, sizeof *o);
}

void mb_arena_free(mb_arena *a)
{
	free(a->n);
	memset(a, 0, sizeof *a);
}
