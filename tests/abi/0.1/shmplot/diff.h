/* SPDX-License-Identifier: MIT */
/*
 * shmplot image diff: compare two images for image-diff tests.
 *
 * Both images are decoded (PNG files, PNG buffers, or raw RGBA8 pixels;
 * 16-bit PNGs at their full precision), then compared pixel by pixel on
 * premultiplied values computed exactly (colour times alpha, no rounding),
 * so fully transparent pixels are equal whatever their colour and nothing
 * else hides a difference: a 16-bit difference below 8-bit precision, or
 * the colour of a pixel with alpha 1, counts. PNG metadata (text, time,
 * pHYs, gamma, compression level, filters, chunk order) never matters: two
 * files with the same pixels are identical.
 *
 * The default is exact: any differing pixel makes the images DIFFERENT. A
 * tolerance is explicit and has two parts, both of which must hold: the
 * largest channel difference (max_delta) and the number of differing pixels
 * (max_pixels). Pixels that look like anti-aliasing (pixelmatch's detector)
 * are counted separately and forgiven only with SHMPLOT_DIFF_AA_FORGIVE.
 * A tolerance that was declared but not needed is reported
 * (tolerance_unused), so tolerances do not creep.
 *
 * Conventions are those of <shmplot.h>: status codes, messages on the
 * handle, the library never prints or exits. A shmplot_diff handle may be
 * used from any thread, but not from two threads at once.
 */
#ifndef SHMPLOT_DIFF_H
#define SHMPLOT_DIFF_H

#include <shmplot.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The JSON schema version written by `shmplot diff --json`. */
#define SHMPLOT_DIFF_JSON_VERSION 1

typedef enum shmplot_diff_verdict {
	SHMPLOT_DIFF_IDENTICAL = 0,        /* same pixels (maybe not bytes) */
	SHMPLOT_DIFF_WITHIN_TOLERANCE = 1, /* differ, but within tolerance */
	SHMPLOT_DIFF_DIFFERENT = 2,        /* differ beyond tolerance */
	SHMPLOT_DIFF_SIZE_MISMATCH = 3     /* width or height differ */
} shmplot_diff_verdict;

/* Static lower-case name of a verdict ("identical", "within-tolerance",
 * "different", "size-mismatch"). Never NULL. Thread-safe. */
SHMPLOT_API const char *shmplot_diff_verdict_str(shmplot_diff_verdict v);

typedef enum shmplot_diff_aa {
	/* Anti-aliasing pixels count like any other differing pixel. */
	SHMPLOT_DIFF_AA_REPORT = 0,
	/* Anti-aliasing pixels are left out of both tolerance checks. */
	SHMPLOT_DIFF_AA_FORGIVE = 1
} shmplot_diff_aa;

/* Which input a failed call was about (shmplot_diff_errinput()). */
typedef enum shmplot_diff_input {
	SHMPLOT_DIFF_INPUT_NONE = 0,
	SHMPLOT_DIFF_INPUT_EXPECTED = 1,
	SHMPLOT_DIFF_INPUT_ACTUAL = 2,
	SHMPLOT_DIFF_INPUT_OUTPUT = 3 /* a diff or panel image being written */
} shmplot_diff_input;

typedef struct shmplot_diff_opts {
	/* Largest channel difference (0..255) a differing pixel may have,
	 * in 8-bit steps; a difference smaller than one step (16-bit
	 * images, low alpha) rounds up to 1. Default 0. */
	unsigned max_delta;
	/* Number of differing pixels allowed. Default 0. UINT64_MAX: any. */
	uint64_t max_pixels;
	shmplot_diff_aa aa; /* default SHMPLOT_DIFF_AA_REPORT */
	/* Side of the square window searched for the densest cluster of
	 * differences (1..256). Default 8. */
	int window;
	/* Decoding limits, against hostile or broken files. 0 = default:
	 * 16384 pixels per side (at most 65536), 40,000,000 pixels in all
	 * (at most 2^32 - 1), 256 MiB of file, 8 MiB per ancillary chunk. */
	uint32_t max_side;
	uint64_t max_total_pixels;
	size_t max_file_bytes;
	size_t max_chunk_bytes;
} shmplot_diff_opts;

/* Fills opts with the defaults (exact comparison). Thread-safe. */
SHMPLOT_API void shmplot_diff_opts_init(shmplot_diff_opts *opts);

/* The outcome of the last successful comparison on a handle. */
typedef struct shmplot_diff_result {
	shmplot_diff_verdict verdict;
	int same_bytes;       /* the two inputs were byte-identical files */
	int tolerance_unused; /* a tolerance was declared but the images are
				 identical: tighten or remove it */
	int expected_width, expected_height;
	int actual_width, actual_height;
	uint64_t diff_pixels; /* pixels that differ at all */
	uint64_t aa_pixels;   /* of those, pixels that look like AA */
	/* Pixels that count against the tolerance: diff_pixels, less
	 * aa_pixels when AA is forgiven. */
	uint64_t counted_pixels;
	unsigned max_delta; /* largest channel difference, all diff pixels */
	unsigned counted_max_delta; /* same over counted pixels only */
	/* Bounding box of the differing pixels (w = h = 0 when none). */
	int bbox_x, bbox_y, bbox_w, bbox_h;
	/* The window x window square holding the most differing pixels:
	 * top-left corner and count (0 when none). */
	int window, window_x, window_y;
	uint64_t window_pixels;
	/* Root mean square of the channel differences over all pixels, for
	 * information only: it never decides the verdict. */
	double rms;
} shmplot_diff_result;

typedef struct shmplot_diff shmplot_diff;

/*
 * Creates a diff handle with a copy of opts (NULL: defaults). The caller
 * owns *out and frees it with shmplot_diff_free(). On failure *out is NULL
 * and, if errbuf is not NULL, up to errlen bytes of the message are copied
 * there. SHMPLOT_E_INVALID for an option out of range.
 */
SHMPLOT_API shmplot_status shmplot_diff_new(shmplot_diff **out,
					    const shmplot_diff_opts *opts,
					    char *errbuf, size_t errlen);

/* Frees the handle and the images it holds. NULL is a no-op. */
SHMPLOT_API void shmplot_diff_free(shmplot_diff *d);

/*
 * Compares the PNG files at expected_path and actual_path. Returns SHMPLOT_OK
 * when both were read, whatever the verdict (see shmplot_diff_get()).
 * SHMPLOT_E_NOT_FOUND if a file does not exist, SHMPLOT_E_IO if it cannot be
 * read or is not a regular file (a FIFO is refused, never waited on),
 * SHMPLOT_E_PNG if it is not a readable PNG or exceeds a limit (file size
 * included), SHMPLOT_E_NOMEM, SHMPLOT_E_INVALID for a NULL path. On
 * failure, shmplot_diff_errinput() says which file and shmplot_diff_errmsg()
 * what was wrong ("<path>: <what>"). Paths are not kept.
 */
SHMPLOT_API shmplot_status shmplot_diff_files(shmplot_diff *d,
					      const char *expected_path,
					      const char *actual_path);

/* As shmplot_diff_files(), on PNG files already in memory. The buffers are
 * only read during the call and stay the caller's. */
SHMPLOT_API shmplot_status shmplot_diff_buffers(shmplot_diff *d,
						const void *expected_png,
						size_t expected_len,
						const void *actual_png,
						size_t actual_len);

/*
 * As shmplot_diff_files(), on raw RGBA8 pixels (not premultiplied, rows of
 * stride bytes, as shmplot_results_pixels() returns). The pixels are copied.
 */
SHMPLOT_API shmplot_status
shmplot_diff_pixels(shmplot_diff *d, const unsigned char *exp, int exp_width,
		    int exp_height, size_t exp_stride, const unsigned char *act,
		    int act_width, int act_height, size_t act_stride);

/* The result of the last successful comparison, owned by the handle and
 * valid until the next comparison or shmplot_diff_free(). NULL before the
 * first successful comparison. */
SHMPLOT_API const shmplot_diff_result *shmplot_diff_get(const shmplot_diff *d);

/*
 * Builds the diff image of the last comparison: the expected image faded to
 * grey, pixels where the actual image has more ink (is darker) in magenta,
 * pixels where it has less ink in green, and differing pixels that look like
 * anti-aliasing in amber. On success *png receives a PNG the caller frees
 * with free(), and *len its size. SHMPLOT_E_STATE if there is no comparison
 * or the sizes differ.
 */
SHMPLOT_API shmplot_status shmplot_diff_image_png(shmplot_diff *d,
						  unsigned char **png,
						  size_t *len);

/*
 * Builds the panel of the last comparison: expected | actual | diff side by
 * side on a dark background, the differing region boxed in all three, and
 * below them the same three views of the densest window enlarged with square
 * pixels, so that even one differing pixel is visible. After a size
 * mismatch the panel shows expected | actual only. Ownership as
 * shmplot_diff_image_png(); SHMPLOT_E_STATE before any comparison.
 */
SHMPLOT_API shmplot_status shmplot_diff_panel_png(shmplot_diff *d,
						  unsigned char **png,
						  size_t *len);

/*
 * Convenience: writes the diff image or the panel to path, atomically (a
 * temporary file in the same directory, then rename; nothing is left
 * behind on failure). SHMPLOT_E_IO on failure ("<path>: <reason>"), or
 * SHMPLOT_E_INVALID for a NULL path, with errinput
 * SHMPLOT_DIFF_INPUT_OUTPUT; the errors of shmplot_diff_image_png() or
 * shmplot_diff_panel_png() otherwise.
 */
SHMPLOT_API shmplot_status shmplot_diff_write_image(shmplot_diff *d,
						    const char *path);
SHMPLOT_API shmplot_status shmplot_diff_write_panel(shmplot_diff *d,
						    const char *path);

/* The message of the last failed call on this handle ("" if none), owned
 * by the handle. */
SHMPLOT_API const char *shmplot_diff_errmsg(const shmplot_diff *d);

/* Which input the last failed call was about. */
SHMPLOT_API shmplot_diff_input shmplot_diff_errinput(const shmplot_diff *d);

#ifdef __cplusplus
}
#endif

#endif /* SHMPLOT_DIFF_H */
