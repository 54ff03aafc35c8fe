/* SPDX-License-Identifier: MIT */
/*
 * shmplot-worker: the executable shmplot_render() spawns instead of forking
 * when the caller has other threads (see pool/spawn.c). Not meant to be run
 * by hand.
 *
 * It is started with fd 3 = its socket to the parent, fd 4 = the data
 * segment (read-only), fd 5 = the batch description (a sealed memfd),
 * fd 6 = the batch's pixel buffer if it asks for pixels, and argv
 * "--parent PID". It maps both, loads the font, says it is ready
 * (SP_PART_READY: its first figure's time limit starts then, not at the
 * spawn) and then runs the very same job loop as a forked worker
 * (sp_worker_serve in child.c). If setting up fails, it still says it is
 * ready and answers every job it is handed, with the reason as the
 * figure's error, so the caller sees why rather than a bare exit status.
 *
 * With "--warm IDLE_MS" (a renderer that keeps its workers, pool/warm.c)
 * it starts with fd 3 alone and serves batch after batch: each comes as
 * an SP_PART_BATCH header carrying the segment, the description and the
 * pixel buffer (with pixels) as descriptors, is answered with
 * SP_PART_READY once set up, and ends with SP_PART_END, when all are
 * unmapped but the last few small pixel buffers
 * (SP_PIXMAPS_KEPT), which the parent's renderer reuses: a later batch's
 * pixels then go into pages this worker has mapped already, where a fresh
 * page's first write costs more than the pixels (pool/pixbuf.c). The
 * font is loaded once. Idle for IDLE_MS (0: never) between batches, it
 * exits.
 */
#define _GNU_SOURCE
#include "segment/segment.h"
#include "worker/worker.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define FD_SOCK 3
#define FD_SEG  4
#define FD_BLOB 5
#define FD_PIX  6

/*
 * The data segment's pages are mapped in at once (MAP_POPULATE) up to this
 * size: a worker reads most of the series it draws, and on the benchmark
 * VM mapping 32 MB in one call took 1.2 ms against 18.6 ms a fault at a
 * time (the seed job at 1,000,000 points). Past it, pages fault in as
 * they are read, so a huge segment of which a figure reads a little does
 * not cost its whole mapping.
 */
#define SEG_POPULATE_MAX ((size_t)256 << 20)

/*
 * Maps all of fd read-only (prot: or writable; flags: MAP_SHARED and any
 * more): *p, *len bytes.
 */
static shmplot_status map_prot(int fd, int prot, int flags, const char *what,
			       const void **p, size_t *len, char *err,
			       size_t errlen)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || st.st_size <= 0)
		return sp_error(err, errlen, SHMPLOT_E_SYSTEM,
				"shmplot-worker: no %s on fd %d", what, fd);
	if ((size_t)st.st_size > SEG_POPULATE_MAX)
		flags &= ~MAP_POPULATE;
	void *m = mmap(NULL, (size_t)st.st_size, prot, flags, fd, 0);
	if (m == MAP_FAILED)
		return sp_error(err, errlen, SHMPLOT_E_SYSTEM,
				"shmplot-worker: cannot map the %s: %s", what,
				strerror(errno));
	*p = m;
	*len = (size_t)st.st_size;
	return SHMPLOT_OK;
}

/*
 * All of fd read into *p (malloc'd, *len bytes): the batch description,
 * small and read once. Mapped, it cost a mapping and an unmapping a batch,
 * and on the benchmark VM every change of the page tables is dear.
 */
static shmplot_status read_fd(int fd, const char *what, unsigned char **p,
			      size_t *len, char *err, size_t errlen)
{
	struct stat st;
	*p = NULL;
	if (fstat(fd, &st) != 0 || st.st_size <= 0)
		return sp_error(err, errlen, SHMPLOT_E_SYSTEM,
				"shmplot-worker: no %s on fd %d", what, fd);
	size_t n = (size_t)st.st_size, got = 0;
	unsigned char *buf = malloc(n);
	if (!buf)
		return sp_error(err, errlen, SHMPLOT_E_NOMEM,
				"shmplot-worker: out of memory for the %s",
				what);
	while (got < n) {
		ssize_t k = pread(fd, buf + got, n - got, (off_t)got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			free(buf);
			return sp_error(err, errlen, SHMPLOT_E_SYSTEM,
					"shmplot-worker: cannot read the %s: "
					"%s",
					what, k < 0 ? strerror(errno) : "EOF");
		}
		got += (size_t)k;
	}
	*p = buf;
	*len = n;
	return SHMPLOT_OK;
}

/*
 * Answers every job with msg until the parent closes the socket (_exit) or,
 * for a warm worker, ends the batch (returns).
 */
static void refuse_all(const char *msg)
{
	for (;;) {
		sp_job job;
		ssize_t n;
		do
			n = recv(FD_SOCK, &job, sizeof job, MSG_WAITALL);
		while (n < 0 && errno == EINTR);
		if (n != (ssize_t)sizeof job)
			_exit(0);
		if (job.part == SP_PART_END)
			return;
		sp_msg m;
		memset(&m, 0, sizeof m);
		m.magic = SP_MSG_MAGIC;
		m.job = job.fig;
		m.part = job.part;
		m.status = 1;
		m.msg_len = (uint32_t)strnlen(msg, SP_MAX_MSG_LEN - 1);
		if (sp_send_all(FD_SOCK, &m, sizeof m) ||
		    sp_send_all(FD_SOCK, msg, m.msg_len))
			_exit(0);
	}
}

/*
 * Sends the parent a bare header of part: SP_PART_READY once set up (the
 * first figure's time limit starts now, not at the spawn), SP_PART_END when
 * a kept worker's batch is over. _exit if the parent has gone.
 */
static void say(int32_t part)
{
	sp_msg m;
	memset(&m, 0, sizeof m);
	m.magic = SP_MSG_MAGIC;
	m.part = part;
	if (sp_send_all(FD_SOCK, &m, sizeof m))
		_exit(0);
}

/* A pixel buffer's mapping a warm worker keeps between batches. */
typedef struct pixmap {
	dev_t dev;
	ino_t ino;
	void *map; /* NULL: a free entry */
	size_t len;
	unsigned long used;                   /* when last used, in batches */
	unsigned char done[SP_PIXDONE_BYTES]; /* sp_batch.pix_done */
} pixmap;

/*
 * The mapping of a reusable data segment (segment.h: sp_data_new_reusable)
 * a warm worker keeps between batches: the parent fills the same pages
 * again for its next batch, which this worker then reads through pages it
 * has mapped already (on the benchmark VM a page's first read through a
 * new mapping costs more than the reading: 32 MB 40-50 ms, 2.5 ms again).
 */
typedef struct segmap {
	uint64_t id; /* sp_data_keep_id(); 0: a free entry */
	dev_t dev;
	ino_t ino;
	const void *map;
	size_t len;
} segmap;

/* What a batch holds mapped and allocated, released at its end. */
typedef struct held {
	const void *seg;
	size_t seg_len;
	uint64_t seg_id; /* the batch's sp_data_keep_id(), 0: none */
	int seg_kept;    /* seg is *kseg's: not unmapped at the end */
	segmap *kseg;    /* warm: the one kept; cold: NULL */
	const void *pix; /* the pixel buffer, mapped writable */
	size_t pix_len;
	int pix_kept; /* pix is one of kept[]: not unmapped at the end */
	unsigned char *pix_done; /* its pages faulted in (kept[].done) */
	pixmap *kept;            /* warm: SP_PIXMAPS_KEPT entries; cold: NULL */
	unsigned long batches;
	spr_series *views;
	sp_blob *blob;
	void *faults;
	spr_font *font; /* kept across batches while its path stays */
} held;

static void release(held *h)
{
	if (h->seg && !h->seg_kept)
		munmap((void *)h->seg, h->seg_len);
	if (h->pix && !h->pix_kept)
		munmap((void *)h->pix, h->pix_len);
	free(h->views);
	sp_blob_free(h->blob);
	free(h->faults);
	h->seg = NULL;
	h->seg_kept = 0;
	h->pix = NULL;
	h->pix_kept = 0;
	h->pix_done = NULL;
	h->views = NULL;
	h->blob = NULL;
	h->faults = NULL;
}

/*
 * The pixel buffer on fd, writable, into h: a warm worker's kept mapping
 * of the same file if it has one, else mapped now (and kept if small,
 * instead of the least recently used).
 */
static shmplot_status map_pixels(int fd, held *h, char *err, size_t errlen)
{
	struct stat st;
	h->batches++;
	if (h->kept && fstat(fd, &st) == 0)
		for (int i = 0; i < SP_PIXMAPS_KEPT; i++) {
			pixmap *k = &h->kept[i];
			if (k->map && k->dev == st.st_dev &&
			    k->ino == st.st_ino &&
			    k->len == (size_t)st.st_size) {
				k->used = h->batches;
				h->pix = k->map;
				h->pix_len = k->len;
				h->pix_kept = 1;
				h->pix_done = k->done;
				return SHMPLOT_OK;
			}
		}
	shmplot_status s =
	    map_prot(fd, PROT_READ | PROT_WRITE, MAP_SHARED, "pixel buffer",
		     &h->pix, &h->pix_len, err, errlen);
	if (s != SHMPLOT_OK || !h->kept || h->pix_len > SP_PIXBUF_KEEP_MAX ||
	    fstat(fd, &st) != 0)
		return s;
	pixmap *old = &h->kept[0];
	for (int i = 1; i < SP_PIXMAPS_KEPT; i++)
		if (!h->kept[i].map ||
		    (old->map && h->kept[i].used < old->used))
			old = &h->kept[i];
	if (old->map)
		munmap(old->map, old->len);
	*old = (pixmap){st.st_dev,  st.st_ino,  (void *)h->pix,
			h->pix_len, h->batches, {0}};
	h->pix_kept = 1;
	h->pix_done = old->done;
	return SHMPLOT_OK;
}

/*
 * The data segment on fd into h: a warm worker's kept mapping if it is the
 * reusable segment it mapped before (the same id and file), else mapped
 * now, and kept if reusable instead of the one kept before.
 */
static shmplot_status map_segment(int fd, held *h, char *err, size_t errlen)
{
	struct stat st;
	segmap *k = h->kseg;
	int keep = k && h->seg_id && fstat(fd, &st) == 0;
	if (keep && k->id == h->seg_id && k->dev == st.st_dev &&
	    k->ino == st.st_ino && k->len == (size_t)st.st_size) {
		h->seg = k->map;
		h->seg_len = k->len;
		h->seg_kept = 1;
		return SHMPLOT_OK;
	}
	shmplot_status s =
	    map_prot(fd, PROT_READ, MAP_SHARED | MAP_POPULATE, "data segment",
		     &h->seg, &h->seg_len, err, errlen);
	if (s != SHMPLOT_OK || !keep || h->seg_len != (size_t)st.st_size)
		return s;
	if (k->id)
		munmap((void *)k->map, k->len);
	*k = (segmap){h->seg_id, st.st_dev, st.st_ino, h->seg, h->seg_len};
	h->seg_kept = 1;
	return SHMPLOT_OK;
}

/*
 * The batch a forked worker would have inherited, from seg_fd, blob_fd
 * and, when the batch asks for pixels, pix_fd.
 */
static shmplot_status setup(int seg_fd, int blob_fd, int pix_fd, sp_batch *b,
			    held *h, char *err, size_t errlen)
{
	char why[SP_ERRLEN];
	size_t blob_len = 0;
	unsigned char *raw = NULL;
	shmplot_status st = map_segment(seg_fd, h, err, errlen);
	if (st == SHMPLOT_OK)
		st = read_fd(blob_fd, "batch description", &raw, &blob_len, err,
			     errlen);
	if (st != SHMPLOT_OK)
		return st;
	size_t nseries = 0;
	st = sp_segment_map(h->seg, h->seg_len, &h->views, &nseries, why,
			    sizeof why);
	if (st != SHMPLOT_OK) {
		free(raw);
		return sp_error(err, errlen, st, "shmplot-worker: %s", why);
	}
	st = sp_blob_decode(raw, blob_len, &h->blob, why, sizeof why);
	free(raw);
	if (st != SHMPLOT_OK)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"shmplot-worker: %s", why);
	sp_blob *blob = h->blob;
	if (blob->want_pixels) {
		st = map_pixels(pix_fd, h, err, errlen);
		if (st != SHMPLOT_OK)
			return st;
	}
	if (h->font && strcmp(spr_font_path(h->font), blob->font_path) != 0) {
		spr_font_free(h->font);
		h->font = NULL;
	}
	if (!h->font) {
		st = sp_font_load(blob->font_path, &h->font, why, sizeof why);
		if (st != SHMPLOT_OK)
			return sp_error(err, errlen, st, "shmplot-worker: %s",
					why);
	}
	sp_blob_batch(blob, b);
	b->series = h->views;
	b->nseries = nseries;
	b->font = h->font;
	b->pix_fd = -1;
	b->pix_map = (unsigned char *)h->pix;
	b->pix_map_len = h->pix_len;
	b->pix_done = h->pix_done;
#ifdef SHMPLOT_TEST_HOOKS
	sp_fault *faults = calloc(blob->nfig ? blob->nfig : 1, sizeof *faults);
	if (!faults)
		return sp_error(err, errlen, SHMPLOT_E_NOMEM,
				"shmplot-worker: out of memory");
	for (size_t i = 0; i < blob->nfig; i++)
		faults[i].kind = blob->faults[i];
	b->faults = faults;
	h->faults = faults;
#endif
	return SHMPLOT_OK;
}

/*
 * The next batch's job header and its descriptors (SCM_RIGHTS,
 * close-on-exec): the segment, the description and perhaps the pixel
 * buffer (fds[2], else -1). 0 at EOF or after idle_ms without one (the
 * worker then exits: the parent replaces it when it needs one again).
 */
static int next_batch(int idle_ms, int fds[3], uint64_t *seg_id)
{
	struct pollfd pfd = {FD_SOCK, POLLIN, 0};
	int r;
	do
		r = poll(&pfd, 1, idle_ms > 0 ? idle_ms : -1);
	while (r < 0 && errno == EINTR);
	if (r <= 0)
		return 0;
	sp_job job;
	union {
		char buf[CMSG_SPACE(3 * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov = {&job, sizeof job};
	struct msghdr mh;
	memset(&mh, 0, sizeof mh);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = u.buf;
	mh.msg_controllen = sizeof u.buf;
	ssize_t n;
	do
		n = recvmsg(FD_SOCK, &mh, MSG_WAITALL | MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	struct cmsghdr *c = n > 0 ? CMSG_FIRSTHDR(&mh) : NULL;
	size_t nfd = c && c->cmsg_len == CMSG_LEN(3 * sizeof(int)) ? 3 : 2;
	if (n != (ssize_t)sizeof job || job.part != SP_PART_BATCH || !c ||
	    c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
	    c->cmsg_len != CMSG_LEN(nfd * sizeof(int)) ||
	    (mh.msg_flags & MSG_CTRUNC))
		_exit(n == 0 ? 0 : 2);
	fds[2] = -1;
	memcpy(fds, CMSG_DATA(c), nfd * sizeof(int));
	*seg_id = job.pix_off; /* SP_PART_BATCH's: the segment's keep id */
	return 1;
}

/*
 * A warm worker: batch after batch on the same socket. Each batch's
 * segment and description come with its SP_PART_BATCH header; at
 * SP_PART_END both are unmapped, and the answer tells the parent so.
 */
static void __attribute__((noreturn)) warm(pid_t parent, int idle_ms)
{
	static pixmap kept[SP_PIXMAPS_KEPT];
	static segmap kseg;
	held h;
	memset(&h, 0, sizeof h);
	h.kept = kept;
	h.kseg = &kseg;
	sp_worker_init(FD_SOCK, parent);
	for (;;) {
		char err[SP_ERRLEN];
		int fds[3];
		sp_batch b;
		if (!next_batch(idle_ms, fds, &h.seg_id))
			_exit(0);
		shmplot_status st =
		    setup(fds[0], fds[1], fds[2], &b, &h, err, sizeof err);
		for (int i = 0; i < 3; i++)
			if (fds[i] >= 0)
				close(fds[i]);
		say(SP_PART_READY);
		if (st == SHMPLOT_OK)
			sp_worker_serve(FD_SOCK, &b);
		else
			refuse_all(err);
		release(&h);
		say(SP_PART_END);
	}
}

int main(int argc, char **argv)
{
	char err[SP_ERRLEN];
	sp_batch b;
	held h;
	if ((argc != 3 && argc != 5) || strcmp(argv[1], "--parent") != 0 ||
	    (argc == 5 && strcmp(argv[3], "--warm") != 0))
		return 64;
	pid_t parent = (pid_t)strtol(argv[2], NULL, 10);
	/* Die with the parent, even if it is SIGKILLed. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(0);
#ifdef SHMPLOT_TEST_HOOKS
	sp_test_worker_start();
#endif
	if (argc == 5)
		warm(parent, (int)strtol(argv[4], NULL, 10));
	memset(&h, 0, sizeof h);
	if (setup(FD_SEG, FD_BLOB, FD_PIX, &b, &h, err, sizeof err) !=
	    SHMPLOT_OK) {
		say(SP_PART_READY);
		refuse_all(err);
		_exit(0);
	}
	/* Ready once it holds nothing it should not (sp_worker_init). */
	int fd = sp_worker_init(FD_SOCK, parent);
	say(SP_PART_READY);
	sp_worker_serve(fd, &b);
	_exit(2); /* a batch's end is only for warm workers */
}
