/* SPDX-License-Identifier: MIT */
/*
 * Figure files written off the render loop, by one thread.
 *
 * The library's loop calls on_result as each figure comes in and reads no
 * other worker's answer until it returns. A file written there (a new
 * inode; on this project's ext4 without a journal 0.1 ms of CPU into a
 * quiet directory, 1-1.7 ms when the machine freed many inodes in the
 * last minute, as a batch that replaces its files does) held every worker
 * whose answer came meanwhile: it had sent its PNG and waited for its next
 * figure. Here on_result only copies the figure's bytes into a bounded
 * queue; one thread empties it, in arrival order, so files appear in the
 * order they did. One thread, not one per worker: the file system's CPU
 * comes out of the same two cores whoever pays it, and more threads
 * runnable only preempt more often.
 *
 * The thread blocks every asynchronous signal, so Ctrl-C and kill still
 * reach the loop's thread (whose poll() they wake) and its handler.
 */
#define _GNU_SOURCE
#include "tool.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cli_queue {
	pthread_mutex_t mu; /* the queue, and the caller's bookkeeping */
	pthread_cond_t work, space;
	cli_job *head, *tail;
	size_t items, bytes;
	int closing, started, running;
	pthread_t thread;
	cli_write_fn fn;
	void *ud;
};

/* What may wait: memory stays bounded however many figures there are. */
enum { QUEUE_MAX_ITEMS = 64 };
#define QUEUE_MAX_BYTES ((size_t)64 << 20)

static void *writer_main(void *arg)
{
	cli_queue *q = arg;

	pthread_mutex_lock(&q->mu);
	for (;;) {
		while (!q->head && !q->closing)
			pthread_cond_wait(&q->work, &q->mu);
		cli_job *job = q->head;
		if (!job)
			break; /* closing, and nothing left */
		q->head = job->next;
		if (!q->head)
			q->tail = NULL;
		pthread_mutex_unlock(&q->mu);
		q->fn(q->ud, job);
		pthread_mutex_lock(&q->mu);
		/* counted until written: a full queue is one the disk is
		 * behind, whatever was taken from it */
		q->items--;
		q->bytes -= job->total;
		free(job);
		pthread_cond_signal(&q->space);
	}
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

int cli_queue_new(cli_queue **out, cli_write_fn fn, void *ud)
{
	cli_queue *q = calloc(1, sizeof *q);

	*out = NULL;
	if (!q)
		return -1;
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->work, NULL);
	pthread_cond_init(&q->space, NULL);
	q->fn = fn;
	q->ud = ud;
	*out = q;
	return 0;
}

/*
 * The thread starts with the first figure, not before: shmplot_render()
 * forks its workers only while the calling thread is the process's only
 * one (else it spawns shmplot-worker, a slower start), and by the first
 * result they are running. A worker forked later, to replace one that
 * died, is still safe: this thread holds no lock the child takes (glibc's
 * fork() leaves malloc usable in the child, which uses no stdio).
 */
static void start_thread(cli_queue *q)
{
	static const int sync_sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL,
					SIGTRAP, SIGSYS, SIGPIPE};
	sigset_t all, old;

	q->started = 1;
	/* The thread inherits this mask; the faults it may cause itself
	 * (and SIGPIPE of a closed standard output) stay its own. */
	sigfillset(&all);
	for (size_t k = 0; k < sizeof sync_sigs / sizeof *sync_sigs; k++)
		sigdelset(&all, sync_sigs[k]);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	q->running = pthread_create(&q->thread, NULL, writer_main, q) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

int cli_queue_push(cli_queue *q, size_t i, const char *name, double secs,
		   const unsigned char *const data[CLI_NFORMATS],
		   const size_t len[CLI_NFORMATS])
{
	size_t total = 0;

	for (int k = 0; k < CLI_NFORMATS; k++)
		if (data[k] && __builtin_add_overflow(total, len[k], &total))
			return -1;
	if (!q->started)
		start_thread(q);
	cli_job *job = malloc(sizeof *job + total);
	if (!job)
		return -1;
	job->next = NULL;
	job->i = i;
	job->secs = secs;
	snprintf(job->name, sizeof job->name, "%s", name);
	job->total = total;
	unsigned char *at = job->bytes;
	for (int k = 0; k < CLI_NFORMATS; k++) {
		job->data[k] = data[k] ? at : NULL;
		job->len[k] = data[k] ? len[k] : 0;
		if (data[k] && len[k])
			memcpy(at, data[k], len[k]);
		at += job->len[k];
	}
	if (!q->running) {
		/* no thread could start: write here, as before */
		q->fn(q->ud, job);
		free(job);
		return 0;
	}
	pthread_mutex_lock(&q->mu);
	/* Full: the disk is slower than the rendering; wait for it (one
	 * figure always fits, however large). */
	while (q->items && (q->items >= QUEUE_MAX_ITEMS ||
			    q->bytes + total > QUEUE_MAX_BYTES))
		pthread_cond_wait(&q->space, &q->mu);
	if (q->tail)
		q->tail->next = job;
	else
		q->head = job;
	q->tail = job;
	q->items++;
	q->bytes += total;
	pthread_cond_signal(&q->work);
	pthread_mutex_unlock(&q->mu);
	return 0;
}

void cli_queue_lock(cli_queue *q)
{
	pthread_mutex_lock(&q->mu);
}

void cli_queue_unlock(cli_queue *q)
{
	pthread_mutex_unlock(&q->mu);
}

void cli_queue_drain(cli_queue *q)
{
	if (!q || !q->running)
		return;
	pthread_mutex_lock(&q->mu);
	q->closing = 1;
	pthread_cond_signal(&q->work);
	pthread_mutex_unlock(&q->mu);
	pthread_join(q->thread, NULL);
	q->running = 0;
}

void cli_queue_free(cli_queue *q)
{
	if (!q)
		return;
	cli_queue_drain(q);
	pthread_cond_destroy(&q->work);
	pthread_cond_destroy(&q->space);
	pthread_mutex_destroy(&q->mu);
	free(q);
}
