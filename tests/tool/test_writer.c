/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/tool/writer.c: every figure pushed reaches the write
 * function exactly once, in push order, with its own name and bytes (all
 * formats), on one thread that is not the caller's and takes no
 * asynchronous signal, all before cli_queue_drain() returns; the queue
 * holds at most its bound while the writer is held up, and the caller's
 * buffers may change as soon as a push returns. No assertion depends on
 * how long anything takes.
 */
#define _GNU_SOURCE

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tool.h"

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NPUSH 300

typedef struct seen {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t caller;
	size_t next;      /* the index the next call must carry */
	int bad;          /* out of order, or bytes or name not pushed */
	int on_caller;    /* calls on the pushing thread */
	int blocked_sigs; /* calls whose thread blocked SIGINT and SIGTERM */
	int unblocked_segv;
	int held, gate; /* a write waits while gate is 0 (held counts) */
} seen;

static void fill(unsigned char *b, size_t len, size_t i, int k)
{
	for (size_t j = 0; j < len; j++)
		b[j] = (unsigned char)(i * 31 + j + (size_t)k * 7);
}

/* Figure i carries i % 50 bytes of PNG, none of PDF, i % 7 of SVG. */
static size_t len_of(size_t i, int k)
{
	return k == 0 ? i % 50 : k == 2 ? i % 7 : 0;
}

static int job_ok(const cli_job *job)
{
	char name[32];
	unsigned char want[64];

	snprintf(name, sizeof name, "f%zu", job->i);
	if (strcmp(job->name, name) != 0 || job->secs != (double)job->i ||
	    job->data[1] != NULL)
		return 0;
	for (int k = 0; k < CLI_NFORMATS; k += 2) {
		size_t len = len_of(job->i, k);
		fill(want, len, job->i, k);
		if (!job->data[k] || job->len[k] != len ||
		    memcmp(job->data[k], want, len) != 0)
			return 0;
	}
	return 1;
}

static void fake_write(void *ud, const cli_job *job)
{
	seen *s = ud;
	sigset_t cur;

	pthread_sigmask(SIG_SETMASK, NULL, &cur);
	pthread_mutex_lock(&s->mu);
	s->held++;
	pthread_cond_broadcast(&s->cv);
	while (!s->gate)
		pthread_cond_wait(&s->cv, &s->mu);
	s->held--;
	if (job->i != s->next++ || !job_ok(job))
		s->bad++;
	s->on_caller += pthread_equal(pthread_self(), s->caller) != 0;
	s->blocked_sigs +=
	    sigismember(&cur, SIGINT) == 1 && sigismember(&cur, SIGTERM) == 1;
	s->unblocked_segv += sigismember(&cur, SIGSEGV) == 0;
	pthread_mutex_unlock(&s->mu);
}

static void push(cli_queue *q, size_t i)
{
	unsigned char png[64], svg[64];
	const unsigned char *data[CLI_NFORMATS] = {png, NULL, svg};
	size_t len[CLI_NFORMATS] = {len_of(i, 0), 0, len_of(i, 2)};
	char name[32];

	fill(png, len[0], i, 0);
	fill(svg, len[2], i, 2);
	snprintf(name, sizeof name, "f%zu", i);
	assert_int_equal(cli_queue_push(q, i, name, (double)i, data, len), 0);
	/* the queue keeps its own copy */
	memset(png, 0xee, sizeof png);
	memset(svg, 0xee, sizeof svg);
}

static seen *seen_new(void)
{
	seen *s = calloc(1, sizeof *s);

	assert_non_null(s);
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	s->caller = pthread_self();
	s->gate = 1;
	return s;
}

static void seen_free(seen *s)
{
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
	free(s);
}

static void test_written_once_in_order_off_thread(void **state)
{
	seen *s = seen_new();
	cli_queue *q = NULL;

	(void)state;
	assert_int_equal(cli_queue_new(&q, fake_write, s), 0);
	for (size_t i = 0; i < NPUSH; i++)
		push(q, i);
	cli_queue_drain(q);
	/* all written by the time drain returns, nothing after it */
	assert_int_equal(s->next, NPUSH);
	cli_queue_free(q);
	assert_int_equal(s->next, NPUSH);
	assert_int_equal(s->bad, 0);
	assert_int_equal(s->on_caller, 0);
	/* signals stay with the caller's thread, faults with the writer */
	assert_int_equal(s->blocked_sigs, NPUSH);
	assert_int_equal(s->unblocked_segv, NPUSH);
	seen_free(s);
}

typedef struct pusher {
	cli_queue *q;
	size_t pushed; /* under s->mu */
	seen *s;
} pusher;

static void *push_thread(void *arg)
{
	pusher *p = arg;

	for (size_t i = 0; i < NPUSH; i++) {
		push(p->q, i);
		pthread_mutex_lock(&p->s->mu);
		p->pushed++;
		pthread_cond_broadcast(&p->s->cv);
		pthread_mutex_unlock(&p->s->mu);
	}
	return NULL;
}

/*
 * While the writer is held inside its first figure, pushes stop at the
 * bound (64 figures waiting, the one being written among them) instead
 * of growing the queue; released, every figure is written.
 */
static void test_bounded_while_writer_held(void **state)
{
	seen *s = seen_new();
	pusher p = {.s = s};
	pthread_t t;

	(void)state;
	s->gate = 0;
	assert_int_equal(cli_queue_new(&p.q, fake_write, s), 0);
	assert_int_equal(pthread_create(&t, NULL, push_thread, &p), 0);
	pthread_mutex_lock(&s->mu);
	while (s->held == 0 || p.pushed < 64)
		pthread_cond_wait(&s->cv, &s->mu);
	pthread_mutex_unlock(&s->mu);
	/* Give the pusher every chance to go past the bound: it must be
	 * blocked in its 65th push, whatever the scheduling. */
	for (int k = 0; k < 1000; k++)
		sched_yield();
	pthread_mutex_lock(&s->mu);
	assert_int_equal(p.pushed, 64);
	s->gate = 1;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	pthread_join(t, NULL);
	cli_queue_free(p.q);
	assert_int_equal(s->next, NPUSH);
	assert_int_equal(s->bad, 0);
	seen_free(s);
}

/* A queue freed without a push starts no thread and writes nothing. */
static void test_unused_queue(void **state)
{
	seen *s = seen_new();
	cli_queue *q = NULL;

	(void)state;
	assert_int_equal(cli_queue_new(&q, fake_write, s), 0);
	cli_queue_free(q);
	cli_queue_free(NULL);
	assert_int_equal(s->next, 0);
	seen_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_written_once_in_order_off_thread),
	    cmocka_unit_test(test_bounded_while_writer_held),
	    cmocka_unit_test(test_unused_queue),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
