/* SPDX-License-Identifier: MIT */
/*
 * The batch description a spawned worker executable reads: figures, font
 * path and options, serialized by the parent into a sealed memfd.
 *
 * A forked worker inherits the parent's spr_figure structures; a spawned one
 * starts from an empty address space, so they cross as plain data (the
 * pathos lesson: only data can go to a fresh process, never pointers). The
 * decoder trusts nothing: every length is bounds-checked and every value is
 * range-checked by the rules the figure API applies (figure/figure.h and
 * the kinds' field descriptors), so a corrupt or truncated description is
 * an error message, never a crash. It is fuzzed (tests/fuzz/fuzz_blob.c).
 *
 * Layout, native byte order (parent and worker run on the same machine):
 *   u32 magic, u32 version, u32 nfig, i32 png_level, i32 want_pixels,
 *   u32 formats,
 *   str font_path, i32 fault[nfig], figure[nfig]
 * where str is u32 length (UINT32_MAX = NULL) and that many bytes, and
 *   figure = str name, f64 width_in, height_in, dpi, i32 rows, cols,
 *            u32 share, axes[rows * cols], u32 options given, then if 1
 *            the figure kind's fields
 *   axes   = str title, xlabel, ylabel, f64 xlim[2], ylim[2],
 *            i32 has_xlim, has_ylim, xscale, yscale, grid, legend,
 *            pole_segments, exact, has_margins, f64 margins[2], aspect,
 *            u32 face,
 *            u32 nitems, item[nitems],
 *            (u32 given, then if 1 the axis kind's fields) for x and y,
 *            (u32 given, then if 1 the kind's fields) for the legend
 *            options and the title's, xlabel's and ylabel's fonts,
 *            i32 twin kind (0: none; else i32 twin_legend, axes)
 *   item   = u32 kind (its place in the kind table), then the kind's
 *            fields in the order of its descriptors: NUM f64, INT i32,
 *            COLOR and SERIES u32, TEXT str, ARRAY u32 n and f64[n],
 *            STRINGS u32 n and str[n]
 * Any kind the renderer has crosses this way without code here.
 */
#define _GNU_SOURCE
#include "figure/figure.h"
#include "worker/worker.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define BLOB_MAGIC    0x53504231u /* "SPB1" */
#define BLOB_VERSION  11u
#define BLOB_NO_STR   UINT32_MAX
#define BLOB_MAX_FIGS (1u << 24)

/* ---- writing ---- */

typedef struct wbuf {
	unsigned char *p;
	size_t len, cap;
	int oom;
	int bad; /* an item of a kind the table does not list */
	/* sp_figure_encode(): series references written as series() says */
	sp_series_key_fn series;
	void *ctx;
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

/* The item's fields, in descriptor order. */
static void put_fields(wbuf *w, const spr_item *it)
{
	size_t nf;
	const spr_field *f = spr_kind_fields(it->kind, &nf);

	for (size_t i = 0; i < nf; i++, f++) {
		const void *v = spr_field_cptr(f, it->p);
		if (f->type == SPR_F_NUM) {
			put(w, v, sizeof(double));
		} else if (f->type == SPR_F_INT) {
			put_i32(w, *(const int *)v);
		} else if (f->type == SPR_F_TEXT) {
			put_str(w, *(char *const *)v);
		} else if (f->type == SPR_F_ARRAY) {
			const spr_array *a = v;
			put_u32(w, (uint32_t)a->n);
			if (a->n)
				put(w, a->v, a->n * sizeof(double));
		} else if (f->type == SPR_F_STRINGS) {
			const spr_strings *a = v;
			put_u32(w, (uint32_t)a->n);
			for (size_t k = 0; k < a->n; k++)
				put_str(w, a->s[k]);
		} else if (w->series && (f->type == SPR_F_SERIES ||
					 f->type == SPR_F_SERIES2D)) {
			unsigned char key[SP_SERIES_KEY];
			w->series(w->ctx, *(const uint32_t *)v, key);
			put(w, key, sizeof key);
		} else { /* COLOR, SERIES, SERIES2D */
			put_u32(w, *(const uint32_t *)v);
		}
	}
}

static void put_axes(wbuf *w, const spr_axes *a)
{
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
	put_i32(w, a->has_margins);
	put_f64(w, spr_more(a)->margins[0]);
	put_f64(w, spr_more(a)->margins[1]);
	put_f64(w, spr_more(a)->aspect);
	put_u32(w, a->face);
	put_u32(w, (uint32_t)a->nitems);
	for (size_t k = 0; k < a->nitems; k++) {
		size_t kind = spr_kind_index(a->items[k].kind);
		if (kind >= spr_kind_count()) {
			w->bad = 1; /* a kind the renderer does not list */
			return;
		}
		put_u32(w, (uint32_t)kind);
		put_fields(w, &a->items[k]);
	}
	const spr_axes_more *m = spr_more(a);
	for (int d = 0; d < 2; d++) {
		put_u32(w, m->axis[d].p != NULL);
		if (m->axis[d].p)
			put_fields(w, &m->axis[d]);
	}
	for (int k = 0; k < SPR_AXOPT_N; k++) {
		put_u32(w, m->opts[k].p != NULL);
		if (m->opts[k].p)
			put_fields(w, &m->opts[k]);
	}
	put_i32(w, m->twin ? a->twin_kind : 0);
	if (m->twin) {
		put_i32(w, a->twin_legend);
		put_axes(w, m->twin);
	}
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
	for (int i = 0; i < f->rows * f->cols; i++)
		put_axes(w, &f->axes[i]);
	put_u32(w, f->opts.p != NULL);
	if (f->opts.p)
		put_fields(w, &f->opts);
}

/* The buffer's bytes, or its failure as a status. */
static shmplot_status wbuf_done(wbuf *w, unsigned char **out, size_t *len,
				char *err, size_t errlen)
{
	if (w->oom || w->bad) {
		free(w->p);
		return w->oom ? sp_error(err, errlen, SHMPLOT_E_NOMEM,
					 "out of memory describing figures "
					 "to workers")
			      : sp_error(err, errlen, SHMPLOT_E_INVALID,
					 "a figure holds an item of a kind "
					 "the renderer does not list");
	}
	*out = w->p;
	*len = w->len;
	return SHMPLOT_OK;
}

shmplot_status sp_blob_encode(const sp_batch *b, const char *font_path,
			      unsigned char **out, size_t *len, char *err,
			      size_t errlen)
{
	wbuf w = {0};
	*out = NULL;
	*len = 0;
	if (b->nfig > BLOB_MAX_FIGS)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"%zu figures is more than a batch holds",
				b->nfig);
	put_u32(&w, BLOB_MAGIC);
	put_u32(&w, BLOB_VERSION);
	put_u32(&w, (uint32_t)b->nfig);
	put_i32(&w, b->png_level);
	put_i32(&w, b->want_pixels);
	put_u32(&w, sp_formats(b));
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
	return wbuf_done(&w, out, len, err, errlen);
}

shmplot_status sp_figure_encode(const spr_figure *f, sp_series_key_fn series,
				void *ctx, unsigned char **out, size_t *len,
				char *err, size_t errlen)
{
	wbuf w = {.series = series, .ctx = ctx};
	*out = NULL;
	*len = 0;
	put_figure(&w, f);
	return wbuf_done(&w, out, len, err, errlen);
}

shmplot_status sp_item_encode(const spr_item *it, unsigned char **out,
			      size_t *len, char *err, size_t errlen)
{
	wbuf w = {0};
	*out = NULL;
	*len = 0;
	put_fields(&w, it);
	return wbuf_done(&w, out, len, err, errlen);
}

shmplot_status sp_blob_create(const sp_batch *b, const char *font_path,
			      int *out, char *err, size_t errlen)
{
	unsigned char *buf;
	size_t len;
	*out = -1;
	shmplot_status st =
	    sp_blob_encode(b, font_path, &buf, &len, err, errlen);
	if (st)
		return st;
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

/* ---- reading ---- */

typedef struct rbuf {
	const unsigned char *p;
	size_t left;
	const char *bad;   /* first problem found */
	const char *field; /* the item field it is in, or NULL */
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

/*
 * A "given" flag: 0 or 1, as put_* writes it. Any other value is an
 * error, so that every description that decodes encodes back to the same
 * bytes (fuzz_blob) and no corrupt one passes as a flag.
 */
static int get_flag(rbuf *r, const char *what)
{
	uint32_t v = get_u32(r);

	if (!r->bad && v > 1)
		r->bad = what;
	return !r->bad && v == 1;
}

static int get_i32(rbuf *r)
{
	int32_t v = 0;
	get(r, &v, sizeof v);
	return v;
}

/* An i32 that the axes keeps in a byte: out of lo..hi the blob is bad
 * (narrowing would turn 256 into a valid 0). */
static int get_byte_i32_in(rbuf *r, int lo, int hi)
{
	int v = get_i32(r);
	if (v < lo || v > hi) {
		if (!r->bad)
			r->bad = "axes setting out of range";
		return 0;
	}
	return v;
}

static unsigned char get_byte_i32(rbuf *r)
{
	return (unsigned char)get_byte_i32_in(r, 0, UCHAR_MAX);
}

static double get_f64(rbuf *r)
{
	double v = 0;
	get(r, &v, sizeof v);
	return v;
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
	if (memchr(r->p, 0, n) || !sp_utf8_valid(r->p, n)) {
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

/* An ARRAY field: its count, then values each f accepts. */
static void get_array(rbuf *r, const spr_field *f, spr_array *a)
{
	uint32_t n = get_u32(r);
	if (r->bad)
		return;
	if (n > f->maxlen || n > r->left / sizeof(double)) {
		r->bad = "array longer than its field allows or the data";
		return;
	}
	if (n && !(a->v = sp_malloc_ab(n, sizeof *a->v))) {
		r->bad = "out of memory";
		return;
	}
	for (a->n = 0; a->n < n && !r->bad; a->n++) {
		a->v[a->n] = get_f64(r);
		if (!spr_field_accepts(f, a->v[a->n]))
			r->bad = "array value out of range";
	}
}

/* A STRINGS field: its count, then that many strings. */
static void get_strings(rbuf *r, const spr_field *f, spr_strings *a)
{
	uint32_t n = get_u32(r);
	if (r->bad)
		return;
	if (n > f->maxlen || n > r->left / 4) {
		r->bad = "string list longer than its field allows or the data";
		return;
	}
	if (n && !(a->s = calloc(n, sizeof *a->s))) {
		r->bad = "out of memory";
		return;
	}
	for (a->n = 0; a->n < n && !r->bad; a->n++)
		get_str(r, &a->s[a->n], SPR_MAX_TEXT, 0);
}

/* A NUM, INT, COLOR or SERIES field: stored if f accepts it. */
static void get_scalar(rbuf *r, const spr_field *f, void *p)
{
	unsigned char raw[sizeof(double)] = {0};
	double v;

	if (f->type == SPR_F_NUM) {
		get(r, raw, sizeof raw);
		memcpy(&v, raw, sizeof v);
	} else if (f->type == SPR_F_INT) {
		v = get_i32(r);
	} else {
		v = get_u32(r);
	}
	if (r->bad)
		return;
	if (!spr_field_accepts(f, v)) {
		r->bad = "item value out of range";
		r->field = f->name;
		return;
	}
	spr_field_set(f, p, v);
	if (f->type == SPR_F_NUM) /* the very bits, NaN payloads too */
		memcpy(spr_field_ptr(f, p), raw, sizeof raw);
}

/* The fields of an item initialised with its kind's defaults. */
static void get_fields(rbuf *r, spr_item *it)
{
	size_t nf;
	const spr_field *f = spr_kind_fields(it->kind, &nf);

	for (size_t i = 0; i < nf && !r->bad; i++, f++) {
		void *v = spr_field_ptr(f, it->p);
		if (f->type == SPR_F_TEXT)
			get_str(r, v, f->maxlen, 1);
		else if (f->type == SPR_F_ARRAY)
			get_array(r, f, v);
		else if (f->type == SPR_F_STRINGS)
			get_strings(r, f, v);
		else
			get_scalar(r, f, it->p);
	}
}

static void free_spec(spr_figure *f)
{
	if (!f)
		return;
	int n = f->axes ? f->rows * f->cols : 0;
	for (int i = 0; i < n; i++)
		spr_axes_clear(&f->axes[i]);
	free(f->axes);
	spr_item_free(&f->opts);
	free(f->name);
	free(f);
}

/* The items of an axes: n, each a kind index and the kind's fields. */
static void get_items(rbuf *r, spr_axes *a, uint32_t n)
{
	if (n > r->left / 4) {
		r->bad = "item count exceeds the data";
		return;
	}
	for (uint32_t k = 0; k < n && !r->bad; k++) {
		const spr_kind *kind = spr_kind_at(get_u32(r));
		if (r->bad)
			return;
		if (!kind) {
			r->bad = "unknown kind of item";
			return;
		}
		spr_item *it = spr_axes_add(a, kind);
		if (!it) {
			r->bad = "out of memory";
			return;
		}
		get_fields(r, it);
	}
}

static void get_axes(rbuf *r, spr_axes *a, int depth);

/* The tick options of x and y, and a twin (not one of a twin's). */
static void get_axes_tail(rbuf *r, spr_axes *a, int depth)
{
	for (int d = 0; d < 2 && !r->bad; d++) {
		if (!get_flag(r, "bad axis options flag"))
			continue;
		if (!spr_axes_more_get(a) ||
		    spr_item_init(&a->more->axis[d], &spr_axis_kind))
			r->bad = "out of memory";
		else
			get_fields(r, &a->more->axis[d]);
	}
	for (int k = 0; k < SPR_AXOPT_N && !r->bad; k++) {
		if (!get_flag(r, "bad axes options flag"))
			continue;
		if (!spr_axes_more_get(a) ||
		    spr_item_init(&a->more->opts[k], spr_axopt_kind(k)))
			r->bad = "out of memory";
		else
			get_fields(r, &a->more->opts[k]);
	}
	int twin = get_i32(r);
	if (r->bad || !twin)
		return;
	if (depth || (twin != SPR_TWINX && twin != SPR_TWINY)) {
		r->bad = "bad twin axes";
		return;
	}
	a->twin_kind = twin;
	a->twin_legend = get_byte_i32(r);
	spr_axes_more *m = spr_axes_more_get(a);
	if (!m || !(m->twin = calloc(1, sizeof *m->twin))) {
		r->bad = "out of memory";
		return;
	}
	if (!r->bad && (a->twin_legend == 0 || a->twin_legend == 1))
		get_axes(r, m->twin, depth + 1);
	else if (!r->bad)
		r->bad = "bad twin legend flag";
}

static void get_axes(rbuf *r, spr_axes *a, int depth)
{
	get_str(r, &a->title, SPR_MAX_TEXT, 1);
	get_str(r, &a->xlabel, SPR_MAX_TEXT, 1);
	get_str(r, &a->ylabel, SPR_MAX_TEXT, 1);
	a->xlim[0] = get_f64(r);
	a->xlim[1] = get_f64(r);
	a->ylim[0] = get_f64(r);
	a->ylim[1] = get_f64(r);
	a->has_xlim = get_byte_i32(r);
	a->has_ylim = get_byte_i32(r);
	a->xscale = get_byte_i32(r);
	a->yscale = get_byte_i32(r);
	a->grid = get_byte_i32(r);
	a->legend = (signed char)get_byte_i32_in(r, SCHAR_MIN, SCHAR_MAX);
	a->pole_segments = get_byte_i32(r);
	a->exact = get_byte_i32(r);
	a->has_margins = get_byte_i32(r);
	double mx = get_f64(r), my = get_f64(r), aspect = get_f64(r);
	if (spr_axes_set_margins_aspect(a, mx, my, aspect))
		r->bad = "out of memory";
	a->face = get_u32(r);
	uint32_t n = get_u32(r);
	if (r->bad)
		return;
	if (!sp_axes_settings_ok(a)) {
		r->bad = "axes settings out of range";
		return;
	}
	get_items(r, a, n);
	if (!r->bad)
		get_axes_tail(r, a, depth);
}

/* The smallest encoding of an axes: three strings, four limits, nine
 * settings, two margins, the aspect, the face, the item count, two
 * tick-option flags, four option flags and the twin's kind. */
#define AXES_MIN_BYTES (3 * 4 + 7 * 8 + 9 * 4 + 4 + 4 + 7 * 4)

/* The figure's name, size and grid, checked by the figure API's rules. */
static void get_figure_head(rbuf *r, spr_figure *f)
{
	get_str(r, &f->name, SHMPLOT_MAX_FIGURE_NAME, 0);
	f->width_in = get_f64(r);
	f->height_in = get_f64(r);
	f->dpi = get_f64(r);
	f->rows = get_i32(r);
	f->cols = get_i32(r);
	f->share = get_u32(r);
	if (r->bad)
		return;
	if (sp_check_figure_name(f->name, NULL, 0) != SHMPLOT_OK)
		r->bad = "bad figure name";
	else if (sp_figure_check_size(f->name, f->width_in, f->height_in,
				      f->dpi, NULL, 0) != SHMPLOT_OK)
		r->bad = "figure size out of range";
	else if (f->rows < 1 || f->rows > SHMPLOT_MAX_GRID || f->cols < 1 ||
		 f->cols > SHMPLOT_MAX_GRID ||
		 (f->share & ~(SPR_SHARE_X | SPR_SHARE_Y)))
		r->bad = "figure grid out of range";
}

static spr_figure *get_figure(rbuf *r)
{
	spr_figure *f = calloc(1, sizeof *f);
	if (!f) {
		r->bad = "out of memory";
		return NULL;
	}
	get_figure_head(r, f);
	size_t n = (size_t)f->rows * (size_t)f->cols;
	if (!r->bad && n > r->left / AXES_MIN_BYTES)
		r->bad = "axes count exceeds the data";
	if (!r->bad && !(f->axes = calloc(n, sizeof *f->axes)))
		r->bad = "out of memory";
	for (size_t i = 0; i < n && !r->bad; i++)
		f->axes[i].legend = SPR_LEG_NONE;
	for (size_t i = 0; i < n && !r->bad; i++)
		get_axes(r, &f->axes[i], 0);
	if (!r->bad && get_flag(r, "bad figure options flag")) {
		if (spr_item_init(&f->opts, &spr_figure_kind))
			r->bad = "out of memory";
		else
			get_fields(r, &f->opts);
	}
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

/* The header: magic, version, options, font path, the fault words. */
static uint32_t get_head(rbuf *r, sp_blob *b)
{
	uint32_t magic = get_u32(r);
	uint32_t version = get_u32(r);
	uint32_t nfig = get_u32(r);
	b->png_level = get_i32(r);
	b->want_pixels = get_i32(r);
	b->formats = get_u32(r);
	if (!r->bad && (magic != BLOB_MAGIC || version != BLOB_VERSION))
		r->bad = "not a batch description of this shmplot version";
	if (!r->bad && (b->png_level < -1 || b->png_level > 9 ||
			(b->want_pixels != 0 && b->want_pixels != 1) ||
			b->formats == 0 || b->formats > SHMPLOT_FORMATS_ALL ||
			(b->want_pixels && !(b->formats & SHMPLOT_FORMAT_PNG))))
		r->bad = "options out of range";
	/* Each figure needs a fault word and a few dozen bytes. */
	if (!r->bad && (nfig > BLOB_MAX_FIGS || nfig > r->left / 8))
		r->bad = "figure count exceeds the data";
	get_str(r, &b->font_path, 4096, 0);
	if (!r->bad && nfig) {
		b->figs = calloc(nfig, sizeof *b->figs);
		b->faults = calloc(nfig, sizeof *b->faults);
		if (!b->figs || !b->faults)
			r->bad = "out of memory";
	}
	for (uint32_t i = 0; i < nfig && !r->bad; i++) {
		b->faults[i] = get_i32(r);
		if (!r->bad && (b->faults[i] < 0 || b->faults[i] > 16))
			r->bad = "fault kind out of range";
	}
	return nfig;
}

/* The reason of a failed decode, with where it happened. */
static shmplot_status decode_error(const rbuf *r, size_t len, char *err,
				   size_t errlen)
{
	return sp_error(err, errlen, SHMPLOT_E_INVALID,
			"batch description: %s%s%s%s (at byte %zu of %zu)",
			r->bad, r->field ? " (" : "", r->field ? r->field : "",
			r->field ? ")" : "", len - r->left, len);
}

shmplot_status sp_blob_decode(const unsigned char *buf, size_t len,
			      sp_blob **out, char *err, size_t errlen)
{
	rbuf r = {buf, len, NULL, NULL};
	*out = NULL;
	sp_blob *b = calloc(1, sizeof *b);
	if (!b)
		return sp_error(err, errlen, SHMPLOT_E_NOMEM, "out of memory");
	uint32_t nfig = get_head(&r, b);
	for (uint32_t i = 0; i < nfig && !r.bad; i++) {
		b->figs[i] = get_figure(&r);
		b->nfig = i + 1;
	}
	if (!r.bad && r.left)
		r.bad = "trailing bytes";
	if (r.bad) {
		shmplot_status st = decode_error(&r, len, err, errlen);
		sp_blob_free(b);
		return st;
	}
	b->nfig = nfig;
	*out = b;
	return SHMPLOT_OK;
}

shmplot_status sp_item_decode(const unsigned char *buf, size_t len,
			      const spr_kind *k, spr_item *out, char *err,
			      size_t errlen)
{
	rbuf r = {buf, len, NULL, NULL};
	if (spr_item_init(out, k) != 0)
		return sp_error(err, errlen, SHMPLOT_E_NOMEM, "out of memory");
	get_fields(&r, out);
	if (!r.bad && r.left)
		r.bad = "trailing bytes";
	if (r.bad) {
		shmplot_status st = decode_error(&r, len, err, errlen);
		spr_item_free(out);
		return st;
	}
	return SHMPLOT_OK;
}
