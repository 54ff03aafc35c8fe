/* SPDX-License-Identifier: MIT */
/*
 * The progress of a batch on stderr: on a terminal one line redrawn in
 * place (at most ten times a second), otherwise, with --progress, a plain
 * line at most once a second. Everything it keeps is a few counters,
 * whatever the batch size.
 */
#define _POSIX_C_SOURCE 200809L
#include "tool.h"

#include <string.h>

double cli_seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	       (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

void cli_progress_start(cli_progress *p, FILE *out, enum cli_progress_mode mode,
			size_t total, const struct timespec *t0)
{
	memset(p, 0, sizeof *p);
	p->out = out;
	p->mode = mode;
	p->total = total;
	p->t0 = *t0;
	p->last = -1;
}

void cli_progress_show(cli_progress *p, int final)
{
	int term = p->mode == CLI_PROGRESS_TERMINAL;
	double now = cli_seconds_since(&p->t0);
	char eta[48] = "";

	if (p->mode == CLI_PROGRESS_OFF ||
	    (!final && now - p->last < (term ? 0.1 : 1.0)))
		return;
	p->last = now;
	if (p->done && p->done < p->total)
		snprintf(eta, sizeof eta, ", ~%.0f s left",
			 now / (double)p->done * (double)(p->total - p->done));
	fprintf(p->out, "%s%zu/%zu figures, %zu failed, %.1f s elapsed%s%s",
		term ? "\r\033[K" : "shmplot render: ", p->done, p->total,
		p->failed, now, eta, term ? "" : "\n");
	p->drawn = term;
	if (final && p->drawn) {
		fputc('\n', p->out);
		p->drawn = 0;
	}
	fflush(p->out);
}

void cli_progress_clear(cli_progress *p)
{
	if (p->drawn) {
		fputs("\r\033[K", p->out);
		p->drawn = 0;
	}
}
