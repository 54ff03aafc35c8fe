/*
 * The batch description a spawned worker executable reads: figures, font
 * path and options, serialized by the parent into a sealed memfd.
 *
 * A forked worker inherits the parent's spr_figure structures; a spawned one
 * starts from an empty address space, so they cross as plain data (the
 * pathos lesson: only data can go to a fresh process, never pointers). The
 * decoder trusts nothing: every length is bounds-checked and every value is
 * range-checked as the public API checks it, so a corrupt or truncated
 * description is an error message, never a crash. It is fuzzed.
 *
 * Layout, native byte order (parent and worker run on the same machine):
 *   u32 magic, u32 version, u32 nfig, i32 png_level, i32 want_pixels,
 *   str font_path, i32 fault[nfig], figure[nfig]
 * where str is u32 length (UINT32_MAX = NULL) and that many bytes, and
 *   figure = str name, f64 width_in, height_in, dpi, i32 rows, cols,
 *            u32 share, axes[rows * cols]
 *   axes   = str title, xlabel, ylabel, f64 xlim[2], ylim[2],
 *            i32 has_xlim, has_ylim, xscale, yscale, grid, legend,
 *            pole_segments, exact, u32 nlines, line[nlines]
 *   line   = u32 x, y, str label, u32 color, f64 alpha, width_pt,
 *            i32 style, marker, f64 marker_pt
 */
#define _GNU_SOURCE
#include "worker/worker.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define BLOB_MAGIC    0x53504231u /* "SPB1" */
#define BLOB_VERSION  1u
#define BLOB_NO_STR   UINT32_MAX
#define BLOB_NAME_MAX 127
#define BLOB_GRID_MAX 16
#define BLOB_TEXT_MAX (1u << 20)
#define BLOB_MAX_FIGS (1u << 24)

/* ---- writing ---- */

typedef struct wbuf {
	unsigned char *p;
	size_t len, cap;
	int oom;
} wbuf;

static void put(wbuf *w, const void *src, size_t n)
{
	if (w->oom)
		return;
	if (n > w->cap - w->len) {
		size_t cap = w->cap ? w->cap : 4096;
		while (n > cap - w->len) {
			if (sp_mul(cap, 2, &cap)) {
				w->oom = 1;
				return;
			}
		}
		unsigned char *p = realloc(w->p, cap);
		if (!p) {
			w->oom = 1;
			return;
		}
		w->p = p;
		w->cap = cap;
	}
	memcpy(w->p + w->len, src, n);
	w->len += n;
}

static void put_u32(wbuf *w, uint32_t v)
{
	put(w, &v, sizeof v);
}

static void put_i32(wbuf *w, int v)
{
	int32_t x = v;
	put(w, &x, sizeof x);
}

static void put_f64(wbuf *w, double v)
{
	put(w, &v, sizeof v);
}

static void put_str(wbuf *w, const char *s)
{
	if (!s) {
		put_u32(w, BLOB_NO_STR);
		return;
	}
	size_t n = strlen(s);
	if (n >= BLOB_NO_STR) {
		w->oom = 1;
		return;
	}
	put_u32(w, (uint32_t)n);
	put(w, s, n);
}

static void put_figure(wbuf *w, const spr_figure *f)
{
	put_str(w, f->name);
	put_f64(w, f->width_in);
	put_f64(w, f->height_in);
	put_f64(w, f->dpi);
	put_i32(w, f->rows);
	put_i32(w, f->cols);
	put_u32(w, f->share);
	for (int i = 0; i < f->rows * f->cols; i++) {
		const spr_axes *a = &f->axes[i];
		put_str(w, a->title);
		put_str(w, a->xlabel);
		put_str(w, a->ylabel);
		put_f64(w, a->xlim[0]);
		put_f64(w, a->xlim[1]);
		put_f64(w, a->ylim[0]);
		put_f64(w, a->ylim[1]);
		put_i32(w, a->has_xlim);
		put_i32(w, a->has_ylim);
		put_i32(w, a->xscale);
		put_i32(w, a->yscale);
		put_i32(w, a->grid);
		put_i32(w, a->legend);
		put_i32(w, a->pole_segments);
		put_i32(w, a->exact);
		put_u32(w, (uint32_t)a->nlines);
		for (size_t k = 0; k < a->nlines; k++) {
			const spr_line *l = &a->lines[k];
			put_u32(w, l->x);
			put_u32(w, l->y);
			put_str(w, l->label);
			put_u32(w, l->color);
			put_f64(w, l->alpha);
			put_f64(w, l->width_pt);
			put_i32(w, l->style);
			put_i32(w, l->marker);
			put_f64(w, l->marker_pt);
		}
	}
}

int sp_blob_encode(const sp_batch *b, const char *font_path,
		   unsigned char **out, size_t *len)
{
	wbuf w = {0};
	*out = NULL;
	*len = 0;
	if (b->nfig > BLOB_MAX_FIGS)
		return -1;
	put_u32(&w, BLOB_MAGIC);
	put_u32(&w, BLOB_VERSION);
	put_u32(&w, (uint32_t)b->nfig);
	put_i32(&w, b->png_level);
	put_i32(&w, b->want_pixels);
	put_str(&w, font_path);
	for (size_t i = 0; i < b->nfig; i++) {
#ifdef SHMPLOT_TEST_HOOKS
		put_i32(&w, b->faults ? b->faults[i].kind : 0);
#else
		put_i32(&w, 0);
#endif
	}
	for (size_t i = 0; i < b->nfig; i++)
		put_figure(&w, b->figs[i]);
	if (w.oom) {
		free(w.p);
		return -1;
	}
	*out = w.p;
	*len = w.len;
	return 0;
}

shmplot_status sp_blob_create(const sp_batch *b, const char *font_path,
			      int *out, char *err, size_t errlen)
{
	unsigned char *buf;
	size_t len;
	*out = -1;
	if (sp_blob_encode(b, font_path, &buf, &len) != 0)
		return sp_error(err, errlen, SHMPLOT_E_NOMEM,
				"out of memory describing %zu figures to "
				"workers",
				b->nfig);
	int fd = memfd_create("shmplot-batch", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0) {
		int e = errno;
		free(buf);
		return sp_error(err, errlen, SHMPLOT_E_SYSTEM,
				"memfd_create: %s", strerror(e));
	}
	for (size_t off = 0; off < len;) {
		ssize_t n = write(fd, buf + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = n < 0 ? errno : ENOSPC;
			free(buf);
			close(fd);
			return sp_error(
			    err, errlen,
			    e == ENOSPC || e == ENOMEM ? SHMPLOT_E_NOSPACE
						       : SHMPLOT_E_SYSTEM,
			    "writing %zu bytes of batch description "
			    "for workers: %s",
			    len, strerror(e));
		}
		off += (size_t)n;
	}
	free(buf);
	/* Workers may only read it; nobody can change it under them. */
	fcntl(fd, F_ADD_SEALS,
	      F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
	*out = fd;
	return SHMPLOT_OK;
}

/* ---- the font a batch names ---- */

static void release_font_file(void *ctx)
{
	sp_file_free(ctx);
	free(ctx);
}

shmplot_status sp_font_load(const char *path, spr_font **out, char *err,
			    size_t errlen)
{
	char why[SP_ERRLEN];
	*out = NULL;
	sp_file *f = calloc(1, sizeof *f);
	if (!f)
		return sp_error(err, errlen, SHMPLOT_E_NOMEM,
				"out of memory loading font %s", path);
	/* populated anonymous memory: one call, no fault a page, and no
	 * SIGBUS should the file be truncated later */
	if (sp_file_read(path, SPR_MAX_FONT_BYTES, f, why, sizeof why)) {
		free(f);
		return sp_error(err, errlen, SHMPLOT_E_FONT,
				"cannot open font %s: %s", path, why);
	}
	if (spr_font_new(f->data, f->len, path, release_font_file, f, out, why,
			 sizeof why) != 0) {
		release_font_file(f);
		return sp_error(err, errlen, SHMPLOT_E_FONT, "%s", why);
	}
	return SHMPLOT_OK;
}

/* ---- reading ---- */

typedef struct rbuf {
	const unsigned char *p;
	size_t left;
	const char *bad; /* first problem found */
} rbuf;

static int get(rbuf *r, void *dst, size_t n)
{
	if (r->bad)
		return -1;
	if (n > r->left) {
		r->bad = "truncated";
		return -1;
	}
	memcpy(dst, r->p, n);
	r->p += n;
	r->left -= n;
	return 0;
}

static uint32_t get_u32(rbuf *r)
{
	uint32_t v = 0;
	get(r, &v, sizeof v);
	return v;
}

static int get_i32(rbuf *r)
{
	int32_t v = 0;
	get(r, &v, sizeof v);
	return v;
}

static double get_f64(rbuf *r)
{
	double v = 0;
	get(r, &v, sizeof v);
	return v;
}

static int valid_utf8(const unsigned char *p, size_t n)
{
	size_t i = 0;
	while (i < n) {
		int extra = p[i] < 0x80         ? 0
			    : (p[i] >> 5) == 6  ? 1
			    : (p[i] >> 4) == 14 ? 2
			    : (p[i] >> 3) == 30 ? 3
						: -1;
		if (extra < 0 || (size_t)extra >= n - i)
			return extra == 0;
		for (int k = 1; k <= extra; k++)
			if ((p[i + (size_t)k] & 0xc0) != 0x80)
				return 0;
		i += (size_t)extra + 1;
	}
	return 1;
}

/*
 * A string of at most max bytes, no NUL inside, valid UTF-8. *out is NULL
 * for a NULL string (allowed only if nullable).
 */
static void get_str(rbuf *r, char **out, size_t max, int nullable)
{
	*out = NULL;
	uint32_t n = get_u32(r);
	if (r->bad)
		return;
	if (n == BLOB_NO_STR) {
		if (!nullable)
			r->bad = "missing string";
		return;
	}
	if (n > max || n > r->left) {
		r->bad = "string too long";
		return;
	}
	if (memchr(r->p, 0, n) || !valid_utf8(r->p, n)) {
		r->bad = "string is not NUL-free UTF-8";
		return;
	}
	char *s = malloc((size_t)n + 1);
	if (!s) {
		r->bad = "out of memory";
		return;
	}
	memcpy(s, r->p, n);
	s[n] = '\0';
	r->p += n;
	r->left -= n;
	*out = s;
}

static void free_spec(spr_figure *f)
{
	if (!f)
		return;
	int n = f->axes ? f->rows * f->cols : 0;
	for (int i = 0; i < n; i++) {
		spr_axes *a = &f->axes[i];
		for (size_t k = 0; k < a->nlines; k++)
			free(a->lines[k].label);
		free(a->lines);
		free(a->title);
		free(a->xlabel);
		free(a->ylabel);
	}
	free(f->axes);
	free(f->name);
	free(f);
}

static int good_lim(const double lim[2])
{
	return isfinite(lim[0]) && isfinite(lim[1]) && lim[0] < lim[1];
}

/* The smallest encoding of a line, to bound nlines before allocating. */
#define LINE_MIN_BYTES (3 * 4 + 4 + 3 * 8 + 2 * 4)

static void get_line(rbuf *r, spr_line *l)
{
	l->x = get_u32(r);
	l->y = get_u32(r);
	get_str(r, &l->label, BLOB_TEXT_MAX, 1);
	l->color = get_u32(r);
	l->alpha = get_f64(r);
	l->width_pt = get_f64(r);
	l->style = get_i32(r);
	l->marker = get_i32(r);
	l->marker_pt = get_f64(r);
	if (r->bad)
		return;
	if ((l->color > 0xffffff && l->color != SPR_DEFAULT_COLOR) ||
	    !(l->alpha >= 0 && l->alpha <= 1) ||
	    !(l->width_pt >= 0 && l->width_pt <= 100) ||
	    l->style < SPR_LS_SOLID || l->style > SPR_LS_NONE ||
	    l->marker < SPR_MK_NONE || l->marker > SPR_MK_CROSS ||
	    !(l->marker_pt > 0 && l->marker_pt <= 200))
		r->bad = "line style out of range";
}

static void get_axes(rbuf *r, spr_axes *a)
{
	get_str(r, &a->title, BLOB_TEXT_MAX, 1);
	get_str(r, &a->xlabel, BLOB_TEXT_MAX, 1);
	get_str(r, &a->ylabel, BLOB_TEXT_MAX, 1);
	a->xlim[0] = get_f64(r);
	a->xlim[1] = get_f64(r);
	a->ylim[0] = get_f64(r);
	a->ylim[1] = get_f64(r);
	a->has_xlim = get_i32(r);
	a->has_ylim = get_i32(r);
	a->xscale = get_i32(r);
	a->yscale = get_i32(r);
	a->grid = get_i32(r);
	a->legend = get_i32(r);
	a->pole_segments = get_i32(r);
	a->exact = get_i32(r);
	uint32_t n = get_u32(r);
	if (r->bad)
		return;
	if ((a->has_xlim != 0 && a->has_xlim != 1) ||
	    (a->has_ylim != 0 && a->has_ylim != 1) ||
	    (a->has_xlim && !good_lim(a->xlim)) ||
	    (a->has_ylim && !good_lim(a->ylim)) ||
	    (a->xscale != SPR_SCALE_LINEAR && a->xscale != SPR_SCALE_LOG) ||
	    (a->yscale != SPR_SCALE_LINEAR && a->yscale != SPR_SCALE_LOG) ||
	    (a->grid != 0 && a->grid != 1) || a->legend < SPR_LEG_NONE ||
	    a->legend > SPR_LEG_CENTER ||
	    (a->pole_segments != 0 && a->pole_segments != 1) ||
	    (a->exact != 0 && a->exact != 1)) {
		r->bad = "axes settings out of range";
		return;
	}
	if (n > r->left / LINE_MIN_BYTES) {
		r->bad = "line count exceeds the data";
		return;
	}
	if (n == 0)
		return;
	a->lines = calloc(n, sizeof *a->lines);
	if (!a->lines) {
		r->bad = "out of memory";
		return;
	}
	a->cap = n;
	for (uint32_t k = 0; k < n && !r->bad; k++) {
		get_line(r, &a->lines[k]);
		a->nlines = k + 1;
	}
}

/* The smallest encoding of an axes. */
#define AXES_MIN_BYTES (3 * 4 + 4 * 8 + 7 * 4 + 4)

static spr_figure *get_figure(rbuf *r)
{
	spr_figure *f = calloc(1, sizeof *f);
	if (!f) {
		r->bad = "out of memory";
		return NULL;
	}
	get_str(r, &f->name, BLOB_NAME_MAX, 0);
	f->width_in = get_f64(r);
	f->height_in = get_f64(r);
	f->dpi = get_f64(r);
	f->rows = get_i32(r);
	f->cols = get_i32(r);
	f->share = get_u32(r);
	if (r->bad)
		goto out;
	if (!f->name[0] || strchr(f->name, '/')) {
		r->bad = "bad figure name";
		goto out;
	}
	double w = round(f->width_in * f->dpi);
	double h = round(f->height_in * f->dpi);
	if (!(f->width_in > 0) || !(f->height_in > 0) || !(f->dpi > 0) ||
	    !isfinite(f->width_in) || !isfinite(f->height_in) ||
	    !isfinite(f->dpi) || !(w >= 1 && h >= 1) || w > SPR_MAX_DIM ||
	    h > SPR_MAX_DIM || w * h > (double)SPR_MAX_PIXELS) {
		r->bad = "figure size out of range";
		goto out;
	}
	if (f->rows < 1 || f->rows > BLOB_GRID_MAX || f->cols < 1 ||
	    f->cols > BLOB_GRID_MAX ||
	    (f->share & ~(SPR_SHARE_X | SPR_SHARE_Y))) {
		r->bad = "figure grid out of range";
		goto out;
	}
	size_t n = (size_t)f->rows * (size_t)f->cols;
	if (n > r->left / AXES_MIN_BYTES) {
		r->bad = "axes count exceeds the data";
		goto out;
	}
	f->axes = calloc(n, sizeof *f->axes);
	if (!f->axes) {
		r->bad = "out of memory";
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		f->axes[i].legend = SPR_LEG_NONE;
	for (size_t i = 0; i < n && !r->bad; i++)
		get_axes(r, &f->axes[i]);
out:
	if (r->bad) {
		free_spec(f);
		return NULL;
	}
	return f;
}

void sp_blob_free(sp_blob *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->nfig && b->figs; i++)
		free_spec(b->figs[i]);
	free(b->figs);
	free(b->faults);
	free(b->font_path);
	free(b);
}

int sp_blob_decode(const unsigned char *buf, size_t len, sp_blob **out,
		   char *err, size_t errlen)
{
	rbuf r = {buf, len, NULL};
	*out = NULL;
	sp_blob *b = calloc(1, sizeof *b);
	if (!b) {
		sp_error(err, errlen, SHMPLOT_E_NOMEM, "out of memory");
		return -1;
	}
	uint32_t magic = get_u32(&r);
	uint32_t version = get_u32(&r);
	uint32_t nfig = get_u32(&r);
	b->png_level = get_i32(&r);
	b->want_pixels = get_i32(&r);
	if (!r.bad && (magic != BLOB_MAGIC || version != BLOB_VERSION))
		r.bad = "not a batch description of this shmplot version";
	if (!r.bad && (b->png_level < -1 || b->png_level > 9 ||
		       (b->want_pixels != 0 && b->want_pixels != 1)))
		r.bad = "options out of range";
	/* Each figure needs a fault word and a few dozen bytes. */
	if (!r.bad && (nfig > BLOB_MAX_FIGS || nfig > r.left / 8))
		r.bad = "figure count exceeds the data";
	get_str(&r, &b->font_path, 4096, 0);
	if (!r.bad && nfig) {
		b->figs = calloc(nfig, sizeof *b->figs);
		b->faults = calloc(nfig, sizeof *b->faults);
		if (!b->figs || !b->faults)
			r.bad = "out of memory";
	}
	for (uint32_t i = 0; i < nfig && !r.bad; i++) {
		b->faults[i] = get_i32(&r);
		if (!r.bad && (b->faults[i] < 0 || b->faults[i] > 16))
			r.bad = "fault kind out of range";
	}
	for (uint32_t i = 0; i < nfig && !r.bad; i++) {
		b->figs[i] = get_figure(&r);
		b->nfig = i + 1;
	}
	if (!r.bad && r.left)
		r.bad = "trailing bytes";
	if (r.bad) {
		sp_error(err, errlen, SHMPLOT_E_INVALID,
			 "batch description: %s (at byte %zu of %zu)", r.bad,
			 len - r.left, len);
		sp_blob_free(b);
		return -1;
	}
	b->nfig = nfig;
	*out = b;
	return 0;
}
