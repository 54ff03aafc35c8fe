/* SPDX-License-Identifier: MIT */
/* Private to src/png: shmplot's own deflate for plot images (deflate_plot.c).
 */
#ifndef SHMPLOT_PNG_DEFLATE_PLOT_H
#define SHMPLOT_PNG_DEFLATE_PLOT_H

#include <stddef.h>

/*
 * Raw deflate (RFC 1951) of filtered PNG rows (filter byte 0 then bpp
 * bytes a pixel, row_bytes in all): data holds pre bytes that are already
 * in the decoder's window (0, or the row just above the first row coded:
 * the previous stripe's last), then the len bytes to code. last: the
 * stream ends here (a final block); otherwise the output ends with an
 * empty stored block, as zlib's Z_SYNC_FLUSH does, byte-aligned, so that
 * the next stripe's deflate can follow it. The bytes depend only on
 * data[0..pre+len), pre, row_bytes, bpp and last. *out is malloc'd (the
 * caller frees); returns 0, or -1 when out of memory (*out NULL).
 */
int sp_deflate_plot(const unsigned char *data, size_t pre, size_t len,
		    size_t row_bytes, int bpp, int last, unsigned char **out,
		    size_t *out_len);

#endif /* SHMPLOT_PNG_DEFLATE_PLOT_H */
