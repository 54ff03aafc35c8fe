/* SPDX-License-Identifier: MIT */
/*
 * Figure files written off the render loop. The loop hands each finished
 * PNG to the library's on_result callback and reads the next answer only
 * when that returns; a file write there (an inode to allocate, an old file
 * whose blocks are freed, on a real disk 0.2-1.5 ms, much of it waiting)
 * held every worker whose answer was waiting behind it. Here on_result
 * only copies the bytes into a bounded queue; writer threads, which block
 * every signal so that the loop's thread takes them (poll() wakes on
 * Ctrl-C as before), empty it.
 */
#define _GNU_SOURCE
#include "tool.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct item {
	struct item *next;
	size_t i, len;
	double secs;
	char file[CLI_FILE_MAX];
	unsigned char png[];
} item;

struct cli_queue {
	pthread_mutex_t mu; /* the queue, and the caller's bookkeeping */
	pthread_cond_t work, space;
	item *head, *tail;
	size_t items, bytes;
	int closing;
	int wanted, started, nthreads;
	pthread_t *threads;
	cli_write_fn fn;
	void *ud;
};

/* Bounds on what waits: memory stays bounded however many figures. */
enum { QUEUE_MAX_ITEMS = 64 };
#define QUEUE_MAX_BYTES ((size_t)64 << 20)

typedef struct thread_arg {
	cli_queue *q;
	int t;
} thread_arg;

static void *writer_main(void *arg)
{
	thread_arg ta = *(thread_arg *)arg;
	cli_queue *q = ta.q;

	free(arg);
	pthread_mutex_lock(&q->mu);
	for (;;) {
		while (!q->head && !q->closing)
			pthread_cond_wait(&q->work, &q->mu);
		item *it = q->head;
		if (!it)
			break; /* closing and drained */
		q->head = it->next;
		if (!q->head)
			q->tail = NULL;
		q->items--;
		q->bytes -= it->len;
		pthread_cond_signal(&q->space);
		pthread_mutex_unlock(&q->mu);
		q->fn(q->ud, ta.t, it->i, it->file, it->secs, it->png, it->len);
		free(it);
		pthread_mutex_lock(&q->mu);
	}
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

int cli_queue_start(cli_queue **out, int nthreads, cli_write_fn fn, void *ud)
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
	q->wanted = nthreads;
	q->threads =
	    nthreads > 0 ? calloc((size_t)nthreads, sizeof *q->threads) : NULL;
	if (nthreads > 0 && !q->threads) {
		cli_queue_finish(q);
		return -1;
	}
	*out = q;
	return 0;
}

/*
 * The threads start with the first PNG, not before: shmplot_render()
 * forks its workers only while the calling thread is the process's only
 * one (else it spawns shmplot-worker, a slower start), and by the first
 * result they are running. A worker forked later (to replace one that
 * died) is still safe: these threads take no lock the child uses (glibc's
 * fork() leaves malloc consistent in the child, which uses no stdio).
 */
static void start_threads(cli_queue *q)
{
	sigset_t all, old;

	q->started = 1;
	/* Threads inherit this mask: signals go to the loop's thread. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	for (int t = 0; t < q->wanted; t++) {
		thread_arg *ta = malloc(sizeof *ta);
		if (!ta)
			break;
		ta->q = q;
		ta->t = t;
		if (pthread_create(&q->threads[t], NULL, writer_main, ta) !=
		    0) {
			free(ta);
			break;
		}
		q->nthreads++;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

int cli_queue_push(cli_queue *q, size_t i, const char *file, double secs,
		   const void *png, size_t len)
{
	if (!q->started)
		start_threads(q);
	if (q->nthreads == 0) {
		/* none wanted or none could start: write here, as before */
		q->fn(q->ud, -1, i, file, secs, png, len);
		return 0;
	}
	item *it = malloc(sizeof *it + len);
	if (!it)
		return -1;
	it->next = NULL;
	it->i = i;
	it->len = len;
	it->secs = secs;
	snprintf(it->file, sizeof it->file, "%s", file);
	memcpy(it->png, png, len);
	pthread_mutex_lock(&q->mu);
	/* Full: the disk is slower than rendering; wait for it (one item
	 * always fits, however large). */
	while (q->items && (q->items >= QUEUE_MAX_ITEMS ||
			    q->bytes + len > QUEUE_MAX_BYTES))
		pthread_cond_wait(&q->space, &q->mu);
	if (q->tail)
		q->tail->next = it;
	else
		q->head = it;
	q->tail = it;
	q->items++;
	q->bytes += len;
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

void cli_queue_finish(cli_queue *q)
{
	if (!q)
		return;
	pthread_mutex_lock(&q->mu);
	q->closing = 1;
	pthread_cond_broadcast(&q->work);
	pthread_mutex_unlock(&q->mu);
	for (int t = 0; t < q->nthreads; t++)
		pthread_join(q->threads[t], NULL);
	free(q->threads);
	pthread_cond_destroy(&q->work);
	pthread_cond_destroy(&q->space);
	pthread_mutex_destroy(&q->mu);
	free(q);
}
