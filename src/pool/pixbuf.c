/* SPDX-License-Identifier: MIT */
/*
 * The pixel buffer of a batch that asks for pixels.
 *
 * Every figure's RGBA pixels have a place, page-aligned, in one unnamed
 * shared memory file (memfd) the parent maps and hands the workers (a
 * forked one inherits the mapping, a spawned or kept one gets the
 * descriptor). A worker writes a figure's pixels, or a stripe's rows, at
 * the place its job names and answers with how many bytes it wrote. So
 * pixels cross no socket: sent through one, 1.4 MB a seed figure cost the
 * worker a copy into the socket and the parent a copy out of it into
 * memory it had to fault in first, most of the parent's time in a batch
 * on kept workers (perf). The results own the mapping
 * (shmplot_results_free unmaps it); the descriptor is closed when the
 * batch ends, and a memfd has no name to leak.
 */
#define _GNU_SOURCE
#include "pool/parent.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Each figure's place in the buffer (p->pix_off) and the buffer's size. */
static shmplot_status layout(sp_pool *p, size_t *total)
{
	const sp_batch *b = p->batch;
	size_t page = (size_t)sysconf(_SC_PAGESIZE), at = 0;
	p->pix_off = sp_malloc_ab(b->nfig, sizeof *p->pix_off);
	if (!p->pix_off)
		return sp_error(p->err, p->errlen, SHMPLOT_E_NOMEM,
				"out of memory");
	for (size_t i = 0; i < b->nfig; i++) {
		int w = 0, h = 0;
		size_t bytes;
		spr_figure_pixel_size(b->figs[i], &w, &h);
		if (w < 0 || h < 0 ||
		    sp_mul((size_t)w * 4, (size_t)h, &bytes) ||
		    bytes > SIZE_MAX - page || at > SIZE_MAX - bytes - page)
			return sp_error(p->err, p->errlen, SHMPLOT_E_NOMEM,
					"the batch's pixels do not fit in "
					"memory");
		p->pix_off[i] = at;
		at += (bytes + page - 1) / page * page;
	}
	*total = at ? at : page;
	return SHMPLOT_OK;
}

shmplot_status sp_pixbuf_open(sp_pool *p, sp_batch *b)
{
	size_t total = 0;
	if (!b->want_pixels || !b->nfig)
		return SHMPLOT_OK;
	shmplot_status st = layout(p, &total);
	if (st != SHMPLOT_OK)
		return st;
	int fd = memfd_create("shmplot-pixels", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, (off_t)total) != 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		return sp_error(p->err, p->errlen, SHMPLOT_E_SYSTEM,
				"cannot make the batch's pixel buffer (%zu "
				"bytes): %s",
				total, strerror(e));
	}
	void *m = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED) {
		int e = errno;
		close(fd);
		return sp_error(p->err, p->errlen, SHMPLOT_E_SYSTEM,
				"cannot map the batch's pixel buffer (%zu "
				"bytes): %s",
				total, strerror(e));
	}
	p->res->pix_map = m;
	p->res->pix_map_len = total;
	b->pix_map = m;
	b->pix_map_len = total;
	/* A forked worker inherits the mapping; only a spawned one needs it. */
	if (b->mode == SP_MODE_SPAWN)
		b->pix_fd = fd;
	else
		close(fd);
	return SHMPLOT_OK;
}

void sp_pixbuf_close(sp_pool *p, sp_batch *b)
{
	if (b->pix_fd >= 0)
		close(b->pix_fd);
	b->pix_fd = -1;
	free(p->pix_off);
	p->pix_off = NULL;
}

unsigned char *sp_pixbuf_figure(const sp_pool *p, size_t fig)
{
	return p->pix_off ? p->res->pix_map + p->pix_off[fig] : NULL;
}

size_t sp_pixbuf_expect(const sp_pool *p, size_t fig, int32_t part)
{
	int w = 0, h = 0, y0 = 0, y1;
	if (!p->pix_off || part == SP_PART_DRAW)
		return 0;
	spr_figure_pixel_size(p->batch->figs[fig], &w, &h);
	y1 = h;
	if (part >= 0)
		sp_png_stripe_rows(w, h, part, &y0, &y1);
	return (size_t)w * 4 * (size_t)(y1 - y0);
}

void sp_pixbuf_drop(shmplot_results *res, sp_result *r)
{
	(void)res;
	/* Page-aligned: its pages go back to the system (discard_outputs). */
	size_t len = (size_t)r->width * 4 * (size_t)r->height;
	if (len)
		madvise(r->pix, len, MADV_REMOVE);
}
