/* SPDX-License-Identifier: MIT */
/*
 * shmplot-worker: the executable shmplot_render() spawns instead of forking
 * when the caller has other threads (see pool/spawn.c). Not meant to be run
 * by hand.
 *
 * It is started with fd 3 = its socket to the parent, fd 4 = the data
 * segment (read-only), fd 5 = the batch description (a sealed memfd), and
 * argv "--parent PID". It maps both, loads the font, and then runs the very
 * same job loop as a forked worker (sp_worker_main in child.c). If setting
 * up fails, it still answers every job it is handed, with the reason as the
 * figure's error, so the caller sees why rather than a bare exit status.
 */
#define _GNU_SOURCE
#include "segment/segment.h"
#include "worker/worker.h"

#include <errno.h>
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

/* Maps all of fd read-only: *p, *len bytes. */
static shmplot_status map_fd(int fd, const char *what, const void **p,
			     size_t *len, char *err, size_t errlen)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || st.st_size <= 0)
		return sp_error(err, errlen, SHMPLOT_E_SYSTEM,
				"shmplot-worker: no %s on fd %d", what, fd);
	void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED)
		return sp_error(err, errlen, SHMPLOT_E_SYSTEM,
				"shmplot-worker: cannot map the %s: %s", what,
				strerror(errno));
	*p = m;
	*len = (size_t)st.st_size;
	return SHMPLOT_OK;
}

/* Answers every job with msg until the parent closes the socket. */
static void __attribute__((noreturn)) refuse_all(const char *msg)
{
	for (;;) {
		sp_job job;
		ssize_t n;
		do
			n = recv(FD_SOCK, &job, sizeof job, MSG_WAITALL);
		while (n < 0 && errno == EINTR);
		if (n != (ssize_t)sizeof job)
			_exit(0);
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

/* The batch a forked worker would have inherited, from fds 4 and 5. */
static shmplot_status setup(sp_batch *b, char *err, size_t errlen)
{
	char why[SP_ERRLEN];
	size_t seg_len = 0, blob_len = 0;
	const void *seg = NULL, *raw = NULL;
	shmplot_status st =
	    map_fd(FD_SEG, "data segment", &seg, &seg_len, err, errlen);
	if (st == SHMPLOT_OK)
		st = map_fd(FD_BLOB, "batch description", &raw, &blob_len, err,
			    errlen);
	if (st != SHMPLOT_OK)
		return st;
	spr_series *views = NULL;
	size_t nseries = 0;
	st = sp_segment_map(seg, seg_len, &views, &nseries, why, sizeof why);
	if (st != SHMPLOT_OK)
		return sp_error(err, errlen, st, "shmplot-worker: %s", why);
	sp_blob *blob = NULL;
	if (sp_blob_decode(raw, blob_len, &blob, why, sizeof why) != 0)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"shmplot-worker: %s", why);
	munmap((void *)raw, blob_len);
	spr_font *font = NULL;
	st = sp_font_load(blob->font_path, &font, why, sizeof why);
	if (st != SHMPLOT_OK)
		return sp_error(err, errlen, st, "shmplot-worker: %s", why);
	memset(b, 0, sizeof *b);
	b->figs = (const spr_figure *const *)blob->figs;
	b->nfig = blob->nfig;
	b->series = views;
	b->nseries = nseries;
	b->font = font;
	b->png_level = blob->png_level;
	b->want_pixels = blob->want_pixels;
	b->formats = blob->formats;
#ifdef SHMPLOT_TEST_HOOKS
	sp_fault *faults = calloc(blob->nfig ? blob->nfig : 1, sizeof *faults);
	if (!faults)
		return sp_error(err, errlen, SHMPLOT_E_NOMEM,
				"shmplot-worker: out of memory");
	for (size_t i = 0; i < blob->nfig; i++)
		faults[i].kind = blob->faults[i];
	b->faults = faults;
#endif
	return SHMPLOT_OK;
}

int main(int argc, char **argv)
{
	char err[SP_ERRLEN];
	sp_batch b;
	if (argc != 3 || strcmp(argv[1], "--parent") != 0)
		return 64;
	pid_t parent = (pid_t)strtol(argv[2], NULL, 10);
	/* Die with the parent, even if it is SIGKILLed. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(0);
	if (setup(&b, err, sizeof err) != SHMPLOT_OK)
		refuse_all(err);
	sp_worker_main(FD_SOCK, &b, parent);
}
