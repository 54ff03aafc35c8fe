/* SPDX-License-Identifier: MIT */
/*
 * PDF and SVG output: the figure drawn by the same code as the PNG, on
 * cairo's PDF or SVG surface, into memory.
 *
 * The page is W x H px at the figure's dpi in points (72 per inch), and
 * the drawing is scaled by 72 / dpi, so every position the PNG path
 * computes in px (layout, ticks, snapping, the M4 columns of long lines)
 * is the same here, and a rasteriser at the figure's dpi gives W x H px.
 *
 * Determinism (DESIGN: no timestamps in any output): cairo 1.16 writes
 * the surface's creation time as the PDF's /CreationDate, which setting
 * the date to NULL removes; the rest of its PDF is numbered per document.
 * Its SVG names the page group and images by a counter global to the
 * process (id="surface7", "image12"), which depends on what the worker
 * drew before; those ids are renumbered by first appearance once the
 * document is complete.
 */
#include "render_internal.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What cairo writes, collected in memory. */
typedef struct vbuf {
	unsigned char *p;
	size_t len, cap;
	int failed;
} vbuf;

/* Appends n bytes: 0, or -1 (b->failed set) out of memory. */
static int vbuf_put(vbuf *b, const void *data, size_t n)
{
	if (b->failed)
		return -1;
	if (n > b->cap - b->len) {
		size_t cap = b->cap ? b->cap : 64 * 1024;
		while (cap - b->len < n) {
			if (cap > SIZE_MAX / 2) {
				b->failed = 1;
				return -1;
			}
			cap *= 2;
		}
		unsigned char *p = realloc(b->p, cap);
		if (!p) {
			b->failed = 1;
			return -1;
		}
		b->p = p;
		b->cap = cap;
	}
	if (n)
		memcpy(b->p + b->len, data, n);
	b->len += n;
	return 0;
}

static cairo_status_t vbuf_write(void *closure, const unsigned char *data,
				 unsigned int n)
{
	return vbuf_put(closure, data, n) ? CAIRO_STATUS_WRITE_ERROR
					  : CAIRO_STATUS_SUCCESS;
}

/* The length of the decimal number at s[0 .. n), 0 if none. */
static size_t digits(const unsigned char *s, size_t n)
{
	size_t k = 0;

	while (k < n && s[k] >= '0' && s[k] <= '9')
		k++;
	return k;
}

/* The index + 1 of v in the ids seen so far, added if new; 0 when out of
 * memory. */
static size_t id_index(unsigned long **seen, size_t *n, size_t *cap,
		       unsigned long v)
{
	size_t s;

	for (s = 0; s < *n && (*seen)[s] != v; s++)
		;
	if (s < *n)
		return s + 1;
	if (*n == *cap) {
		size_t c = *cap ? 2 * *cap : 16;
		unsigned long *q = realloc(*seen, c * sizeof *q);
		if (!q)
			return 0;
		*seen = q;
		*cap = c;
	}
	(*seen)[(*n)++] = v;
	return *n;
}

/*
 * The length of the id ("surface" or "image" and a number, after id=" or
 * #) at b->p + i, 0 if there is none; *t its kind, *v its number.
 */
static size_t id_at(const vbuf *b, size_t i, int *t, unsigned long *v)
{
	static const char *const pre[] = {"id=\"", "#"};
	static const char *const kind[] = {"surface", "image"};

	for (int a = 0; a < 2; a++) {
		size_t pl = strlen(pre[a]);
		if (b->len - i < pl || memcmp(b->p + i, pre[a], pl))
			continue;
		for (int k = 0; k < 2; k++) {
			size_t kl = strlen(kind[k]), j = i + pl + kl, nd;
			if (b->len - i - pl < kl ||
			    memcmp(b->p + i + pl, kind[k], kl))
				continue;
			nd = digits(b->p + j, b->len - j);
			if (nd == 0 || nd > 9)
				return 0;
			*t = k;
			*v = 0;
			for (size_t d = 0; d < nd; d++)
				*v = *v * 10 +
				     (unsigned long)(b->p[j + d] - '0');
			return pl + kl + nd;
		}
	}
	return 0;
}

/*
 * Renumbers cairo's process-global SVG ids 1, 2, ... per kind in order of
 * first appearance. Base64 image data cannot hold '"' or '#', and cairo
 * 1.16 writes no user text into an SVG (glyphs are paths), so the
 * patterns occur only as ids and references to them. 0, or -1 out of
 * memory.
 */
static int svg_renumber(vbuf *b)
{
	unsigned long *seen[2] = {NULL, NULL};
	size_t nseen[2] = {0, 0}, capseen[2] = {0, 0}, i = 0, run = 0;
	vbuf o = {NULL, 0, 0, 0};
	int rc = 0;

	while (i < b->len && rc == 0) {
		unsigned long v;
		int t;
		size_t n = id_at(b, i, &t, &v);
		if (n == 0) {
			i++;
			continue;
		}
		char num[32];
		size_t idx = id_index(&seen[t], &nseen[t], &capseen[t], v);
		size_t keep;
		/* copy what came before, and the id's name without its
		 * number, then the new number */
		for (keep = n; keep > 0 && b->p[i + keep - 1] >= '0' &&
			       b->p[i + keep - 1] <= '9';
		     keep--)
			;
		snprintf(num, sizeof num, "%zu", idx);
		if (idx == 0 || vbuf_put(&o, b->p + run, i - run) ||
		    vbuf_put(&o, b->p + i, keep) ||
		    vbuf_put(&o, num, strlen(num)))
			rc = -1;
		i += n;
		run = i;
	}
	if (rc == 0 && vbuf_put(&o, b->p + run, b->len - run))
		rc = -1;
	free(seen[0]);
	free(seen[1]);
	if (rc != 0) {
		free(o.p);
		return -1;
	}
	free(b->p);
	*b = o;
	return 0;
}

static cairo_surface_t *new_vector(int format, vbuf *b, double w_pt,
				   double h_pt, const char *title)
{
	cairo_surface_t *s;

	if (format == SPR_VEC_SVG)
		return cairo_svg_surface_create_for_stream(vbuf_write, b, w_pt,
							   h_pt);
	s = cairo_pdf_surface_create_for_stream(vbuf_write, b, w_pt, h_pt);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		return s;
	/* NULL deletes the entry cairo set from the clock */
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, NULL);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
				       "shmplot");
	return s;
}

int spr_render_vector(const spr_figure *fig, const spr_series *series,
		      size_t nseries, const spr_font *font, int format,
		      unsigned char **out, size_t *len, char *err,
		      size_t errlen)
{
	vbuf b = {NULL, 0, 0, 0};
	spr_target t = {0, 0, 1, 1, 0, 0};
	cairo_surface_t *s;
	int W, H, rc;

	*out = NULL;
	*len = 0;
	if (format != SPR_VEC_PDF && format != SPR_VEC_SVG)
		return spr_err(err, errlen, "unknown vector format %d", format);
	if (!fig || !(fig->dpi > 0))
		return spr_err(err, errlen, "missing figure");
	spr_figure_pixel_size(fig, &W, &H);
	if (W < 1 || H < 1 || W > SPR_MAX_DIM || H > SPR_MAX_DIM)
		W = H = 1; /* the check below says what is wrong */
	t.scale = 72.0 / fig->dpi;
	s = new_vector(format, &b, W * t.scale, H * t.scale,
		       fig->name ? fig->name : "");
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		free(b.p);
		return spr_err(err, errlen, "cannot create a %s surface",
			       format == SPR_VEC_PDF ? "PDF" : "SVG");
	}
	rc = spr_render_target(fig, series, nseries, font, s, &t, err, errlen);
	cairo_surface_finish(s);
	if (rc == 0 && cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		rc = spr_err(err, errlen, "cairo error: %s",
			     cairo_status_to_string(cairo_surface_status(s)));
	cairo_surface_destroy(s);
	if (rc == 0 && b.failed)
		rc = spr_err(err, errlen, "out of memory for the %s",
			     format == SPR_VEC_PDF ? "PDF" : "SVG");
	if (rc == 0 && format == SPR_VEC_SVG && svg_renumber(&b) != 0)
		rc = spr_err(err, errlen, "out of memory for the SVG");
	if (rc != 0) {
		free(b.p);
		return -1;
	}
	*out = b.p;
	*len = b.len;
	return 0;
}
