/*
 * shmplot-worker: the executable shmplot_render() spawns instead of forking
 * when the caller has other threads (see spawn.c). Not meant to be run by
 * hand.
 *
 * It is started with fd 3 = its socket to the parent, fd 4 = the data
 * segment (read-only), fd 5 = the batch description (a sealed memfd), and
 * argv "--parent PID". It maps both, loads the font, and then runs the very
 * same job loop as a forked worker (sp_worker_main in worker.c). If setting
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

static const void *map_fd(int fd, size_t *len)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || st.st_size <= 0)
		return NULL;
	void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return NULL;
	*len = (size_t)st.st_size;
	return p;
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

int main(int argc, char **argv)
{
	char err[SP_ERRLEN], msg[SP_ERRLEN + 64];
	if (argc != 3 || strcmp(argv[1], "--parent") != 0)
		return 64;
	pid_t parent = (pid_t)strtol(argv[2], NULL, 10);
	/* Die with the parent, even if it is SIGKILLed. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(0);

	size_t seg_len = 0, blob_len = 0;
	const void *seg = map_fd(FD_SEG, &seg_len);
	const unsigned char *raw = map_fd(FD_BLOB, &blob_len);
	if (!seg || !raw)
		refuse_all("shmplot-worker: cannot map the data segment or the "
			   "batch description");
	spr_series *views = NULL;
	size_t nseries = 0;
	if (sp_segment_map(seg, seg_len, &views, &nseries, err, sizeof err)) {
		snprintf(msg, sizeof msg, "shmplot-worker: %s", err);
		refuse_all(msg);
	}
	sp_blob *blob = NULL;
	if (sp_blob_decode(raw, blob_len, &blob, err, sizeof err)) {
		snprintf(msg, sizeof msg, "shmplot-worker: %s", err);
		refuse_all(msg);
	}
	munmap((void *)raw, blob_len);
	spr_font *font = NULL;
	if (sp_font_load(blob->font_path, &font, err, sizeof err)) {
		snprintf(msg, sizeof msg, "shmplot-worker: %s", err);
		refuse_all(msg);
	}
	sp_batch b;
	memset(&b, 0, sizeof b);
	b.figs = (const spr_figure *const *)blob->figs;
	b.nfig = blob->nfig;
	b.series = views;
	b.nseries = nseries;
	b.font = font;
	b.png_level = blob->png_level;
	b.want_pixels = blob->want_pixels;
#ifdef SHMPLOT_TEST_HOOKS
	sp_fault *faults = calloc(blob->nfig ? blob->nfig : 1, sizeof *faults);
	if (!faults)
		refuse_all("shmplot-worker: out of memory");
	for (size_t i = 0; i < blob->nfig; i++)
		faults[i].kind = blob->faults[i];
	b.faults = faults;
#endif
	sp_worker_main(FD_SOCK, &b, parent);
}
