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
 * on kept workers (perf). The results own the buffer
 * (shmplot_results_free unmaps it); a memfd has no name to leak.
 *
 * A renderer that keeps its workers also keeps a few small buffers
 * (SP_PIXCACHE_MAX of at most SP_PIXBUF_KEEP_MAX bytes) once their results
 * are freed, and its workers keep their mappings of them (worker/main.c):
 * the next batch writes into pages that are already there. On this
 * project's machines a fresh page's first write costs far more than the
 * pixels (measured: 26 ms to write 1.44 MB into a fresh memfd, 0.4 ms
 * into the same pages again), so a loop of batches with pixels would
 * otherwise pay that on every figure, in the workers. The cache is shared
 * by the renderer and the results it lent buffers to (a mutex, a count of
 * references), so results may outlive their renderer and be freed from
 * any thread.
 *
 * A process forked since neither takes from nor gives back to its
 * parent's cache (the memfds are shared with the parent: a child's batch
 * would write into the parent's pixels), and never takes its mutex:
 * another thread of the parent may have held it at the fork, and the
 * child's copy would stay locked for ever (a child freeing its inherited
 * renderer or results would hang). So in a child the cache is only a
 * count: freeing an inherited result unmaps and closes the child's copy
 * of its buffer, and the last reference frees the child's copies of the
 * buffers kept. A thread inside the mutex at the fork holds a reference
 * (every locked section does), so the child then never reaches the last
 * one and leaves that copy of the cache alone: a leak of its copies for
 * the child's life, never a hang. The child's own renderer gets a cache of
 * its own (warm.c). pthread_atfork would have meant a list of every cache
 * in the process and handlers the caller did not ask for.
 */
#define _GNU_SOURCE
#include "pool/parent.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

struct sp_pixcache {
	pthread_mutex_t mu; /* taken in process pid only */
	int refs;  /* atomic: the renderer's (while open) + one per lent */
	pid_t pid; /* the process whose cache this is; never changes */
	/* under mu: */
	int open;  /* the renderer still keeps it */
	int lent;  /* buffers lent to results that will come back */
	int nfree; /* buffers kept, in free[] */
	sp_pixbuf free[SP_PIXCACHE_MAX];
};

static void destroy(sp_pixbuf *pb)
{
	if (pb->map)
		munmap(pb->map, pb->len);
	if (pb->fd >= 0)
		close(pb->fd);
	pb->map = NULL;
	pb->fd = -1;
	pb->len = 0;
}

sp_pixcache *sp_pixcache_new(void)
{
	sp_pixcache *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	if (pthread_mutex_init(&c->mu, NULL) != 0) {
		free(c);
		return NULL;
	}
	c->refs = 1;
	c->open = 1;
	c->pid = getpid();
	return c;
}

int sp_pixcache_ours(const sp_pixcache *c)
{
	return c && c->pid == getpid();
}

/*
 * Drops a reference (after the caller's locked section, if any); the last
 * one frees c and the buffers still in it (in a forked child: its copies).
 */
static void unref(sp_pixcache *c)
{
	if (__atomic_sub_fetch(&c->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	for (int i = 0; i < c->nfree; i++)
		destroy(&c->free[i]);
	/* A child's copy of the mutex is just memory (never taken there). */
	if (c->pid == getpid())
		pthread_mutex_destroy(&c->mu);
	free(c);
}

void sp_pixcache_close(sp_pixcache *c)
{
	if (!c)
		return;
	if (sp_pixcache_ours(c)) {
		pthread_mutex_lock(&c->mu);
		for (int i = 0; i < c->nfree; i++)
			destroy(&c->free[i]);
		c->nfree = 0;
		c->open = 0;
		pthread_mutex_unlock(&c->mu);
	}
	unref(c);
}

void sp_pixbuf_release(sp_pixcache *c, sp_pixbuf *pb)
{
	if (!c || !sp_pixcache_ours(c)) {
		destroy(pb);
		if (c)
			unref(c);
		return;
	}
	pthread_mutex_lock(&c->mu);
	c->lent--;
	if (pb->map && c->open && c->nfree < SP_PIXCACHE_MAX) {
		c->free[c->nfree++] = *pb;
		pb->map = NULL;
		pb->fd = -1;
		pb->len = 0;
	}
	pthread_mutex_unlock(&c->mu);
	destroy(pb);
	unref(c);
}

/*
 * A buffer for len bytes: 1 with a kept one in *pb (the smallest that
 * fits), 2 if a new one is to be made that will come back, 0 if a new one
 * is to be made that will not (too big, enough are out, or c is not this
 * process's). Either of the first two holds a reference to c until
 * sp_pixbuf_release().
 */
static int take(sp_pixcache *c, size_t len, sp_pixbuf *pb)
{
	int best = -1, got = 0;
	if (!sp_pixcache_ours(c))
		return 0;
	pthread_mutex_lock(&c->mu);
	for (int i = 0; i < c->nfree; i++)
		if (c->free[i].len >= len &&
		    (best < 0 || c->free[i].len < c->free[best].len))
			best = i;
	if (best >= 0) {
		*pb = c->free[best];
		c->free[best] = c->free[--c->nfree];
		got = 1;
	} else if (len <= SP_PIXBUF_KEEP_MAX && c->lent < SP_PIXCACHE_MAX) {
		got = 2;
	}
	if (got) {
		c->lent++;
		__atomic_add_fetch(&c->refs, 1, __ATOMIC_ACQ_REL);
	}
	pthread_mutex_unlock(&c->mu);
	return got;
}

#ifdef SHMPLOT_TEST_HOOKS
void sp_pixcache_test_hold(sp_pixcache *c, int hold)
{
	if (hold)
		pthread_mutex_lock(&c->mu);
	else
		pthread_mutex_unlock(&c->mu);
}
#endif

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

/* A new buffer of len bytes into *pb. SHMPLOT_E_SYSTEM (p->err). */
static shmplot_status make(sp_pool *p, size_t len, sp_pixbuf *pb)
{
	int fd = memfd_create("shmplot-pixels", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, (off_t)len) != 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		return sp_error(p->err, p->errlen, SHMPLOT_E_SYSTEM,
				"cannot make the batch's pixel buffer (%zu "
				"bytes): %s",
				len, strerror(e));
	}
	void *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED) {
		int e = errno;
		close(fd);
		return sp_error(p->err, p->errlen, SHMPLOT_E_SYSTEM,
				"cannot map the batch's pixel buffer (%zu "
				"bytes): %s",
				len, strerror(e));
	}
	pb->fd = fd;
	pb->map = m;
	pb->len = len;
	return SHMPLOT_OK;
}

shmplot_status sp_pixbuf_open(sp_pool *p, sp_batch *b)
{
	size_t total = 0;
	sp_pixbuf pb = {-1, NULL, 0};
	if (!b->want_pixels || !b->nfig)
		return SHMPLOT_OK;
	shmplot_status st = layout(p, &total);
	if (st != SHMPLOT_OK)
		return st;
	sp_pixcache *c = p->warm ? sp_warm_pixcache(p->warm) : NULL;
	int got = c ? take(c, total, &pb) : 0;
	if (got != 1) {
		st = make(p, total, &pb);
		if (st != SHMPLOT_OK) {
			if (got)
				sp_pixbuf_release(c, &pb);
			return st;
		}
	}
	p->res->pix = pb;
	p->res->pix_cache = got ? c : NULL;
	b->pix_map = pb.map;
	b->pix_map_len = pb.len;
	/* A forked worker inherits the mapping; a spawned one needs it. */
	b->pix_fd = b->mode == SP_MODE_SPAWN ? pb.fd : -1;
	return SHMPLOT_OK;
}

void sp_pixbuf_close(sp_pool *p, sp_batch *b)
{
	b->pix_fd = -1;
	/* The descriptor of a buffer that will not be kept: not one a
	 * result held (callers keep thousands). */
	if (p->res && !p->res->pix_cache && p->res->pix.fd >= 0) {
		close(p->res->pix.fd);
		p->res->pix.fd = -1;
	}
	free(p->pix_off);
	p->pix_off = NULL;
}

unsigned char *sp_pixbuf_figure(const sp_pool *p, size_t fig)
{
	return p->pix_off ? p->res->pix.map + p->pix_off[fig] : NULL;
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
