// SPDX-License-Identifier: MIT
/*
 * shmplot_figure_keys(): for each figure, 16 bytes that change whenever
 * the bytes of its file in one format may change (README "Incremental
 * batches"). A key hashes, in this order:
 *  - the renderer: shmplot's version, the build IDs of the code that
 *    shapes the bytes (build_id.c: shmplot's own, the worker executable,
 *    cairo, pixman, FreeType, libpng, zlib, libdeflate, libm, libc), the
 *    cairo and libpng versions it runs with, the batch
 *    description's header as workers get it (its version, the PNG level,
 *    the format, the font's path), and the bytes of every font file it
 *    may draw from (the font, its faces, the fallback list), read once a
 *    call;
 *  - the figure as the workers get it (worker/blob.c's encoding, after
 *    every default is applied), each series reference replaced by the key
 *    of that series' values: its length, columns and every value, hashed
 *    from the sealed segment the first time a figure of the call uses it.
 * The values, not how they were made: a series recomputed to the same
 * values (a data file touched, a CSV column beside the one used changed)
 * leaves the key alone, and any change to the values changes it, however
 * they came (a generator's definition, a file's content, a caller's
 * array). Hashing runs at memory speed, a small part of what computing
 * or reading those values cost. (shmplot_spec_figure_keys(), defkey.c,
 * keys a deferred spec's series by definition instead, through the same
 * sp_keys_by() with another series callback.)
 */
#define _GNU_SOURCE
#include "figure/figure.h"
#include "incremental/inc.h"
#include "pool/pool.h"
#include "segment/segment.h"
#include "worker/worker.h"

#include <cairo.h>
#include <errno.h>
#include <fcntl.h>
#include <png.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The series of one call, each hashed once. */
typedef struct series_keys {
	const spr_series *v;
	size_t n;
	unsigned char (*key)[SP_SERIES_KEY];
	unsigned char *done;
} series_keys;

static void put_size(sp_hash *h, uint64_t v)
{
	sp_hash_update(h, &v, sizeof v);
}

static void put_text(sp_hash *h, const char *s)
{
	put_size(h, s ? strlen(s) : UINT64_MAX);
	if (s)
		sp_hash_update(h, s, strlen(s));
}

/* sp_series_key_fn: series id's key, hashed the first time it is asked. */
static void series_key(void *ctx, uint32_t id, unsigned char out[16])
{
	series_keys *sk = ctx;
	sp_hash h;

	if (id >= sk->n) { /* none, or a reference the renderer will refuse */
		memset(out, 0xff, SP_SERIES_KEY);
		memcpy(out, &id, sizeof id);
		return;
	}
	if (!sk->done[id]) {
		const spr_series *s = &sk->v[id];
		sp_hash_init(&h);
		put_text(&h, "series");
		put_size(&h, s->n);
		put_size(&h, s->cols);
		if (s->n)
			sp_hash_update(&h, s->v, s->n * sizeof *s->v);
		sp_hash_final(&h, sk->key[id]);
		sk->done[id] = 1;
	}
	memcpy(out, sk->key[id], SP_SERIES_KEY);
}

typedef struct font_ctx {
	sp_hash *h;
	unsigned char *buf; /* SP_HASH_FILE_CHUNK bytes */
	int oom;
} font_ctx;

/* Hashes the regular file at path in chunks (streamed: a font is not kept,
 * so it is not read into memory of its own, which costs a page fault a
 * page). 0, or -1 if it cannot be read whole. */
static int hash_file(sp_hash *h, const char *path, unsigned char *buf)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	uint64_t total = 0;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size > SPR_MAX_FONT_BYTES) {
		close(fd);
		return -1;
	}
	put_size(h, (uint64_t)st.st_size);
	int e = sp_hash_fd(h, fd, buf, SP_HASH_FILE_CHUNK, &total);
	close(fd);
	/* a file that changed size meanwhile: no key can say what will be
	 * drawn from it */
	return !e && total == (uint64_t)st.st_size ? 0 : -1;
}

/* A font file's path and bytes; a file that cannot be read as its path
 * and "unreadable" (an absent fallback font is not drawn from). */
static void font_file(void *ctx, const char *path)
{
	font_ctx *fc = ctx;

	if (!path) {
		fc->oom = 1;
		return;
	}
	put_text(fc->h, path);
	sp_hash mark = *fc->h;
	if (hash_file(fc->h, path, fc->buf) != 0) {
		*fc->h = mark;
		put_text(fc->h, "unreadable");
	}
}

/* sp_code_id_fn: one object's name and identity into the hash. */
static void code_id(void *ctx, const char *what, const unsigned char *id,
		    size_t len)
{
	put_text(ctx, what);
	put_size(ctx, len);
	sp_hash_update(ctx, id, len);
}

/* The renderer's part of every key of the call, into h. */
static shmplot_status renderer_part(sp_hash *h, shmplot_renderer *r,
				    const shmplot_render_opts *o,
				    shmplot_format format, char *err,
				    size_t errlen)
{
	sp_batch b = {.png_level = o->png_level, .formats = (unsigned)format};
	const char *font = shmplot_renderer_font_path(r);
	unsigned char *desc;
	size_t len;
	font_ctx fc = {.h = h};

	sp_hash_init(h);
	put_text(h, "shmplot-key 1");
	put_text(h, shmplot_version());
	sp_code_ids(code_id, h);
	put_text(h, cairo_version_string());
	put_text(h, png_get_libpng_ver(NULL));
	shmplot_status st = sp_blob_encode(&b, font, &desc, &len, err, errlen);
	if (st != SHMPLOT_OK)
		return st;
	put_size(h, len);
	sp_hash_update(h, desc, len);
	free(desc);
	if (!(fc.buf = malloc(SP_HASH_FILE_CHUNK)))
		return sp_error(err, errlen, SHMPLOT_E_NOMEM, "out of memory");
	sp_font_files(font, font_file, &fc);
	free(fc.buf);
	if (fc.oom)
		return sp_error(err, errlen, SHMPLOT_E_NOMEM, "out of memory");
	return SHMPLOT_OK;
}

static shmplot_status check_args(shmplot_figure *const *figs, size_t nfig,
				 shmplot_format format, shmplot_key *keys,
				 char *err, size_t errlen)
{
	if (nfig && (!figs || !keys))
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"shmplot_figure_keys: data, figs and keys "
				"must not be NULL");
	if (format != SHMPLOT_FORMAT_PNG && format != SHMPLOT_FORMAT_PDF &&
	    format != SHMPLOT_FORMAT_SVG)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"shmplot_figure_keys: format %d is not one of "
				"SHMPLOT_FORMAT_PNG, _PDF, _SVG",
				(int)format);
	for (size_t i = 0; i < nfig; i++)
		if (!figs[i])
			return sp_error(err, errlen, SHMPLOT_E_INVALID,
					"shmplot_figure_keys: figure %zu is "
					"NULL",
					i);
	return SHMPLOT_OK;
}

/* Each figure's key: the renderer's part, then the figure's. */
static shmplot_status figure_part(const sp_hash *base, sp_series_key_fn series,
				  void *ctx, shmplot_figure *const *figs,
				  size_t nfig, shmplot_key *keys, char *err,
				  size_t errlen)
{
	for (size_t i = 0; i < nfig; i++) {
		sp_hash h = *base;
		unsigned char *desc;
		size_t len;
		shmplot_status st =
		    sp_figure_encode(sp_figure_spec(figs[i]), series, ctx,
				     &desc, &len, err, errlen);
		if (st != SHMPLOT_OK)
			return st;
		put_size(&h, len);
		sp_hash_update(&h, desc, len);
		free(desc);
		sp_hash_final(&h, keys[i].bytes);
	}
	return SHMPLOT_OK;
}

shmplot_status sp_keys_by(shmplot_renderer *r, sp_series_key_fn series,
			  void *ctx, shmplot_figure *const *figs, size_t nfig,
			  const shmplot_render_opts *opts,
			  shmplot_format format, shmplot_key *keys)
{
	shmplot_render_opts o;
	sp_hash base;
	size_t errlen;
	char *err = sp_renderer_errbuf(r, &errlen);
	shmplot_status st = check_args(figs, nfig, format, keys, err, errlen);
	if (st == SHMPLOT_OK)
		st = sp_render_opts_copy(&o, opts, err, errlen);
	if (st == SHMPLOT_OK && (o.png_level < -1 || o.png_level > 9))
		st = sp_error(err, errlen, SHMPLOT_E_INVALID,
			      "shmplot_figure_keys: png_level %d is out of "
			      "range (-1 = default, 0..9)",
			      o.png_level);
	if (st != SHMPLOT_OK || nfig == 0)
		return st;
	st = renderer_part(&base, r, &o, format, err, errlen);
	if (st == SHMPLOT_OK)
		st = figure_part(&base, series, ctx, figs, nfig, keys, err,
				 errlen);
	return st;
}

shmplot_status shmplot_figure_keys(shmplot_renderer *r,
				   const shmplot_data *data,
				   shmplot_figure *const *figs, size_t nfig,
				   const shmplot_render_opts *opts,
				   shmplot_format format, shmplot_key *keys)
{
	series_keys sk = {0};
	spr_series *views = NULL;
	size_t errlen;

	if (!r)
		return sp_error(NULL, 0, SHMPLOT_E_INVALID,
				"shmplot_figure_keys: the renderer is NULL");
	char *err = sp_renderer_errbuf(r, &errlen);
	if (!data)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"shmplot_figure_keys: data, figs and keys "
				"must not be NULL");
	if (!sp_data_is_sealed(data))
		return sp_error(err, errlen, SHMPLOT_E_STATE,
				"shmplot_figure_keys: the data is not sealed "
				"(its values could still change)");
	shmplot_status st = sp_data_views(data, &views, &sk.n, err, errlen);
	if (st != SHMPLOT_OK)
		return st;
	sk.v = views;
	sk.key = sk.n ? sp_malloc_ab(sk.n, sizeof *sk.key) : NULL;
	sk.done = sk.n ? calloc(sk.n, 1) : NULL;
	if (sk.n && (!sk.key || !sk.done))
		st = sp_error(err, errlen, SHMPLOT_E_NOMEM, "out of memory");
	if (st == SHMPLOT_OK)
		st = sp_keys_by(r, series_key, &sk, figs, nfig, opts, format,
				keys);
	free(sk.key);
	free(sk.done);
	free(views);
	return st;
}

void shmplot_key_of_bytes(const void *buf, size_t len, shmplot_key *out)
{
	if (out)
		sp_hash_bytes(buf, buf ? len : 0, out->bytes);
}

char *shmplot_key_hex(const shmplot_key *key, char out[33])
{
	static const char digits[] = "0123456789abcdef";
	for (int i = 0; i < 16; i++) {
		out[2 * i] = digits[key->bytes[i] >> 4];
		out[2 * i + 1] = digits[key->bytes[i] & 15];
	}
	out[32] = '\0';
	return out;
}
