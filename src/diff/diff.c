/* SPDX-License-Identifier: MIT */
/*
 * The public image-diff handle (include/shmplot/diff.h): options, the three
 * kinds of input (PNG files, PNG buffers, raw pixels), the result, and
 * writing the diff image or the panel. The comparison is compare.c's; the
 * pictures are image.c's and panel.c's.
 */
#define _POSIX_C_SOURCE 200809L

#include "diff/imgdiff.h"

#include <fcntl.h>
#include <stdlib.h>

const char *shmplot_diff_verdict_str(shmplot_diff_verdict v)
{
	switch (v) {
	case SHMPLOT_DIFF_IDENTICAL:
		return "identical";
	case SHMPLOT_DIFF_WITHIN_TOLERANCE:
		return "within-tolerance";
	case SHMPLOT_DIFF_DIFFERENT:
		return "different";
	case SHMPLOT_DIFF_SIZE_MISMATCH:
		return "size-mismatch";
	}
	return "unknown";
}

/* The options' size when they got one (0.2); later fields add to it. */
#define SP_DIFF_OPTS_MIN_SIZE                                                  \
	(offsetof(shmplot_diff_opts, max_chunk_bytes) + sizeof(size_t))

void shmplot_diff_opts_init_size(shmplot_diff_opts *opts, size_t size)
{
	shmplot_diff_opts def;
	memset(&def, 0, sizeof def);
	def.aa = SHMPLOT_DIFF_AA_REPORT;
	def.window = 8;
	sp_sized_init(opts, size, &def, sizeof def);
}

static shmplot_status check_opts(const shmplot_diff_opts *o, char *errbuf,
				 size_t errlen)
{
	if (o->max_delta > 255)
		return sp_error(errbuf, errlen, SHMPLOT_E_INVALID,
				"max_delta %u is out of range 0..255",
				o->max_delta);
	if (o->aa != SHMPLOT_DIFF_AA_REPORT && o->aa != SHMPLOT_DIFF_AA_FORGIVE)
		return sp_error(errbuf, errlen, SHMPLOT_E_INVALID,
				"aa mode %d is not REPORT or FORGIVE",
				(int)o->aa);
	if (o->window < 1 || o->window > 256)
		return sp_error(errbuf, errlen, SHMPLOT_E_INVALID,
				"window %d is out of range 1..256", o->window);
	/* Bounded so that panel sizes fit an int and window counts a
	 * uint32_t. */
	if (o->max_side > SPD_MAX_SIDE_LIMIT)
		return sp_error(errbuf, errlen, SHMPLOT_E_INVALID,
				"max_side %u is above %u",
				(unsigned)o->max_side, SPD_MAX_SIDE_LIMIT);
	if (o->max_total_pixels > UINT32_MAX)
		return sp_error(errbuf, errlen, SHMPLOT_E_INVALID,
				"max_total_pixels is above %u", UINT32_MAX);
	return SHMPLOT_OK;
}

shmplot_status shmplot_diff_new(shmplot_diff **out,
				const shmplot_diff_opts *opts, char *errbuf,
				size_t errlen)
{
	shmplot_diff_opts o;
	shmplot_diff *d;
	shmplot_status st;

	*out = NULL;
	shmplot_diff_opts_init(&o);
	st = SHMPLOT_OK;
	if (opts != NULL)
		st = sp_sized_copy(&o, sizeof o, opts, SP_DIFF_OPTS_MIN_SIZE,
				   "shmplot_diff_opts", errbuf, errlen);
	if (st == SHMPLOT_OK)
		st = check_opts(&o, errbuf, errlen);
	if (st != SHMPLOT_OK)
		return st;
	d = calloc(1, sizeof *d);
	if (d == NULL)
		return sp_error(errbuf, errlen, SHMPLOT_E_NOMEM,
				"out of memory");
	d->opts = o;
	d->lim.max_side = o.max_side ? o.max_side : SPD_DEFAULT_MAX_SIDE;
	d->lim.max_total_pixels = o.max_total_pixels
				      ? o.max_total_pixels
				      : SPD_DEFAULT_MAX_TOTAL_PIXELS;
	d->lim.max_file_bytes =
	    o.max_file_bytes ? o.max_file_bytes : SPD_DEFAULT_MAX_FILE_BYTES;
	d->lim.max_chunk_bytes =
	    o.max_chunk_bytes ? o.max_chunk_bytes : SPD_DEFAULT_MAX_CHUNK_BYTES;
	*out = d;
	return SHMPLOT_OK;
}

/* Forgets the images and the result, not the error. */
static void drop(shmplot_diff *d)
{
	spd_image_clear(&d->exp);
	spd_image_clear(&d->act);
	free(d->cls);
	d->cls = NULL;
	memset(&d->res, 0, sizeof d->res);
	d->have_result = 0;
}

static void diff_reset(shmplot_diff *d)
{
	drop(d);
	d->errinput = SHMPLOT_DIFF_INPUT_NONE;
	d->errmsg[0] = '\0';
}

void shmplot_diff_free(shmplot_diff *d)
{
	if (d == NULL)
		return;
	diff_reset(d);
	free(d);
}

const char *shmplot_diff_errmsg(const shmplot_diff *d)
{
	return d->errmsg;
}

shmplot_diff_input shmplot_diff_errinput(const shmplot_diff *d)
{
	return d->errinput;
}

const shmplot_diff_result *shmplot_diff_get(const shmplot_diff *d)
{
	return d->have_result ? &d->res : NULL;
}

static const char *input_name(shmplot_diff_input which)
{
	return which == SHMPLOT_DIFF_INPUT_EXPECTED ? "expected" : "actual";
}

/* Decodes one input; on failure the message is "<label>: <what>". */
static shmplot_status load_png(shmplot_diff *d, shmplot_diff_input which,
			       const char *label, const unsigned char *buf,
			       size_t len, spd_image *img)
{
	char msg[400];
	shmplot_status st;

	st = spd_png_decode(buf, len, &d->lim, img, msg, sizeof msg);
	if (st != SHMPLOT_OK) {
		d->errinput = which;
		return sp_error(d->errmsg, sizeof d->errmsg, st, "%s: %s",
				label, msg);
	}
	return SHMPLOT_OK;
}

shmplot_status shmplot_diff_buffers(shmplot_diff *d, const void *expected_png,
				    size_t expected_len, const void *actual_png,
				    size_t actual_len)
{
	shmplot_status st;

	diff_reset(d);
	st = load_png(d, SHMPLOT_DIFF_INPUT_EXPECTED, "expected PNG",
		      expected_png, expected_len, &d->exp);
	if (st == SHMPLOT_OK)
		st = load_png(d, SHMPLOT_DIFF_INPUT_ACTUAL, "actual PNG",
			      actual_png, actual_len, &d->act);
	if (st == SHMPLOT_OK)
		st = spd_compare(d);
	if (st == SHMPLOT_OK && expected_len == actual_len &&
	    memcmp(expected_png, actual_png, expected_len) == 0)
		d->res.same_bytes = 1;
	if (st != SHMPLOT_OK)
		drop(d);
	return st;
}

/*
 * Reads the file at path into *f and decodes it into *img; on failure the
 * message is "<path>: <what>". A file over max_file_bytes is over one of
 * the reader's limits, so SHMPLOT_E_PNG as the header says.
 */
static shmplot_status load_file(shmplot_diff *d, shmplot_diff_input which,
				const char *path, sp_file *f, spd_image *img)
{
	char msg[400];
	shmplot_status st;

	d->errinput = which;
	if (path == NULL)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_INVALID,
				"no %s file given", input_name(which));
	st = sp_file_read(path, d->lim.max_file_bytes, f, msg, sizeof msg);
	if (st == SHMPLOT_E_INVALID)
		st = SHMPLOT_E_PNG;
	if (st != SHMPLOT_OK)
		return sp_error(d->errmsg, sizeof d->errmsg, st, "%s: %s", path,
				msg);
	st = load_png(d, which, path, f->data, f->len, img);
	if (st == SHMPLOT_OK)
		d->errinput = SHMPLOT_DIFF_INPUT_NONE;
	return st;
}

shmplot_status shmplot_diff_files(shmplot_diff *d, const char *expected_path,
				  const char *actual_path)
{
	sp_file exp = {0}, act = {0};
	shmplot_status st;

	diff_reset(d);
	st = load_file(d, SHMPLOT_DIFF_INPUT_EXPECTED, expected_path, &exp,
		       &d->exp);
	if (st == SHMPLOT_OK)
		st = load_file(d, SHMPLOT_DIFF_INPUT_ACTUAL, actual_path, &act,
			       &d->act);
	if (st == SHMPLOT_OK)
		st = spd_compare(d);
	if (st == SHMPLOT_OK && exp.len == act.len &&
	    memcmp(exp.data, act.data, exp.len) == 0)
		d->res.same_bytes = 1;
	sp_file_free(&exp);
	sp_file_free(&act);
	if (st != SHMPLOT_OK)
		drop(d);
	return st;
}

/* Copies raw RGBA8 pixels into img, rows packed. */
static shmplot_status copy_pixels(shmplot_diff *d, shmplot_diff_input which,
				  const unsigned char *px, int w, int h,
				  size_t stride, spd_image *img)
{
	size_t row, total;

	d->errinput = which;
	if (px == NULL || w <= 0 || h <= 0)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_INVALID,
				"%s pixels: no pixels, or a %d x %d size",
				input_name(which), w, h);
	if (sp_mul((size_t)w, 4, &row) || stride < row)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_INVALID,
				"%s pixels: stride %zu is less than width * 4",
				input_name(which), stride);
	if ((uint64_t)w > d->lim.max_side || (uint64_t)h > d->lim.max_side ||
	    (uint64_t)w * (uint64_t)h > d->lim.max_total_pixels)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_INVALID,
				"%s pixels: %d x %d exceeds the size limits",
				input_name(which), w, h);
	if (sp_mul(row, (size_t)h, &total) || (img->px = malloc(total)) == NULL)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_NOMEM,
				"%s pixels: out of memory", input_name(which));
	for (int y = 0; y < h; y++)
		memcpy(img->px + (size_t)y * row, px + (size_t)y * stride, row);
	img->width = w;
	img->height = h;
	img->stride = row;
	d->errinput = SHMPLOT_DIFF_INPUT_NONE;
	return SHMPLOT_OK;
}

shmplot_status shmplot_diff_pixels(shmplot_diff *d, const unsigned char *exp,
				   int exp_width, int exp_height,
				   size_t exp_stride, const unsigned char *act,
				   int act_width, int act_height,
				   size_t act_stride)
{
	shmplot_status st;

	diff_reset(d);
	st = copy_pixels(d, SHMPLOT_DIFF_INPUT_EXPECTED, exp, exp_width,
			 exp_height, exp_stride, &d->exp);
	if (st == SHMPLOT_OK)
		st = copy_pixels(d, SHMPLOT_DIFF_INPUT_ACTUAL, act, act_width,
				 act_height, act_stride, &d->act);
	if (st == SHMPLOT_OK)
		st = spd_compare(d);
	if (st != SHMPLOT_OK)
		drop(d);
	return st;
}

/* Builds the diff image or the panel and writes it through the one atomic
 * writer; the message names the file. */
static shmplot_status write_png(shmplot_diff *d, const char *path, int panel)
{
	unsigned char *png;
	size_t len;
	char msg[300];
	shmplot_status st;

	if (path == NULL) {
		d->errinput = SHMPLOT_DIFF_INPUT_OUTPUT;
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_INVALID,
				"no output file given");
	}
	st = panel ? shmplot_diff_panel_png(d, &png, &len)
		   : shmplot_diff_image_png(d, &png, &len);
	if (st != SHMPLOT_OK)
		return st;
	st = sp_write_atomic(AT_FDCWD, path, png, len, msg, sizeof msg);
	free(png);
	if (st != SHMPLOT_OK) {
		d->errinput = SHMPLOT_DIFF_INPUT_OUTPUT;
		return sp_error(d->errmsg, sizeof d->errmsg, st, "%s: %s", path,
				msg);
	}
	return SHMPLOT_OK;
}

shmplot_status shmplot_diff_write_image(shmplot_diff *d, const char *path)
{
	return write_png(d, path, 0);
}

shmplot_status shmplot_diff_write_panel(shmplot_diff *d, const char *path)
{
	return write_png(d, path, 1);
}

#ifdef SP_COMPAT_SYMBOL
/*
 * ABI 0.1: shmplot_diff_opts without its size, for programs built against
 * shmplot/diff.h 0.1 (tests/abi runs one).
 */
typedef struct sp_diff_opts_0_1 {
	unsigned max_delta;
	uint64_t max_pixels;
	shmplot_diff_aa aa;
	int window;
	uint32_t max_side;
	uint64_t max_total_pixels;
	size_t max_file_bytes;
	size_t max_chunk_bytes;
} sp_diff_opts_0_1;

SP_COMPAT_API void sp_diff_opts_init_0_1(sp_diff_opts_0_1 *opts);
SP_COMPAT_API shmplot_status sp_diff_new_0_1(shmplot_diff **out,
					     const sp_diff_opts_0_1 *opts,
					     char *errbuf, size_t errlen);
SP_COMPAT_SYMBOL(sp_diff_opts_init_0_1, shmplot_diff_opts_init, "SHMPLOT_0.1");
SP_COMPAT_SYMBOL(sp_diff_new_0_1, shmplot_diff_new, "SHMPLOT_0.1");

void sp_diff_opts_init_0_1(sp_diff_opts_0_1 *opts)
{
	memset(opts, 0, sizeof *opts);
	opts->aa = SHMPLOT_DIFF_AA_REPORT;
	opts->window = 8;
}

shmplot_status sp_diff_new_0_1(shmplot_diff **out, const sp_diff_opts_0_1 *opts,
			       char *errbuf, size_t errlen)
{
	shmplot_diff_opts o;
	shmplot_diff_opts_init(&o);
	if (opts) {
		o.max_delta = opts->max_delta;
		o.max_pixels = opts->max_pixels;
		o.aa = opts->aa;
		o.window = opts->window;
		o.max_side = opts->max_side;
		o.max_total_pixels = opts->max_total_pixels;
		o.max_file_bytes = opts->max_file_bytes;
		o.max_chunk_bytes = opts->max_chunk_bytes;
	}
	return shmplot_diff_new(out, opts ? &o : NULL, errbuf, errlen);
}
#endif
