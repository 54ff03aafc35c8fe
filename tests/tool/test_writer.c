/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/tool/writer.c: every PNG pushed reaches the write function
 * exactly once with its own bytes, on a writer thread (or the caller's when
 * none is wanted), all of them before cli_queue_finish() returns; the
 * queue holds at most its bound while a writer is held up; the threads take
 * no signal. No assertion depends on how long anything takes.
 */
#define _GNU_SOURCE

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tool.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#define NPUSH 300

typedef struct seen {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int count[NPUSH];
	int bad;          /* bytes or name not what was pushed */
	int on_caller;    /* calls with t = -1 */
	int on_thread;    /* calls with t >= 0 */
	int held, gate;   /* a write waits while gate is 0 (held counts) */
	int wanted;       /* threads the queue was asked for */
	int blocked_sigs; /* calls whose thread blocked SIGINT */
} seen;

static void fill(unsigned char *b, size_t len, size_t i)
{
	for (size_t k = 0; k < len; k++)
		b[k] = (unsigned char)(i * 31 + k);
}

static void fake_write(void *ud, int t, size_t i, const char *file, double secs,
		       const unsigned char *png, size_t len)
{
	seen *s = ud;
	char name[CLI_FILE_MAX];
	unsigned char want[64];
	sigset_t cur;

	snprintf(name, sizeof name, "f%zu.png", i);
	fill(want, len, i);
	pthread_sigmask(SIG_SETMASK, NULL, &cur);
	pthread_mutex_lock(&s->mu);
	s->held++;
	pthread_cond_broadcast(&s->cv);
	while (!s->gate)
		pthread_cond_wait(&s->cv, &s->mu);
	s->held--;
	if (i >= NPUSH || strcmp(file, name) != 0 || secs != (double)i ||
	    len != i % 64 || memcmp(png, want, len) != 0 ||
	    t >= (s->wanted > 0 ? s->wanted : 0))
		s->bad++;
	else
		s->count[i]++;
	if (t < 0)
		s->on_caller++;
	else
		s->on_thread++;
	s->blocked_sigs += sigismember(&cur, SIGINT) == 1;
	pthread_mutex_unlock(&s->mu);
}

static void push_all(cli_queue *q)
{
	unsigned char buf[64];
	char name[CLI_FILE_MAX];

	for (size_t i = 0; i < NPUSH; i++) {
		fill(buf, i % 64, i);
		snprintf(name, sizeof name, "f%zu.png", i);
		assert_int_equal(
		    cli_queue_push(q, i, name, (double)i, buf, i % 64), 0);
	}
}

static void run(int nthreads)
{
	seen *s = calloc(1, sizeof *s);
	cli_queue *q = NULL;

	assert_non_null(s);
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	s->gate = 1;
	s->wanted = nthreads;
	assert_int_equal(cli_queue_start(&q, nthreads, fake_write, s), 0);
	push_all(q);
	cli_queue_finish(q);
	assert_int_equal(s->bad, 0);
	for (size_t i = 0; i < NPUSH; i++)
		assert_int_equal(s->count[i], 1);
	if (nthreads == 0) {
		assert_int_equal(s->on_caller, NPUSH);
	} else {
		assert_int_equal(s->on_thread, NPUSH);
		/* signals stay with the caller's thread */
		assert_int_equal(s->blocked_sigs, NPUSH);
	}
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
	free(s);
}

static void test_no_threads_writes_in_caller(void **state)
{
	(void)state;
	run(0);
}

static void test_one_thread(void **state)
{
	(void)state;
	run(1);
}

static void test_many_threads(void **state)
{
	(void)state;
	run(5);
}

typedef struct pusher {
	cli_queue *q;
	size_t pushed; /* under s->mu */
	seen *s;
} pusher;

static void *push_thread(void *arg)
{
	pusher *p = arg;
	unsigned char buf[64];
	char name[CLI_FILE_MAX];

	for (size_t i = 0; i < NPUSH; i++) {
		fill(buf, i % 64, i);
		snprintf(name, sizeof name, "f%zu.png", i);
		cli_queue_push(p->q, i, name, (double)i, buf, i % 64);
		pthread_mutex_lock(&p->s->mu);
		p->pushed++;
		pthread_cond_broadcast(&p->s->cv);
		pthread_mutex_unlock(&p->s->mu);
	}
	return NULL;
}

/* A writer held up: pushes stop at the bound instead of piling up. */
static void test_bounded_while_held(void **state)
{
	seen *s = calloc(1, sizeof *s);
	pusher p = {0};
	pthread_t th;

	(void)state;
	assert_non_null(s);
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	s->wanted = 1;
	assert_int_equal(cli_queue_start(&p.q, 1, fake_write, s), 0);
	p.s = s;
	assert_int_equal(pthread_create(&th, NULL, push_thread, &p), 0);
	/* the writer holds one figure; wait until the pusher is stuck */
	pthread_mutex_lock(&s->mu);
	while (!s->held)
		pthread_cond_wait(&s->cv, &s->mu);
	size_t before;
	do {
		before = p.pushed;
		pthread_mutex_unlock(&s->mu);
		for (int k = 0; k < 200; k++)
			sched_yield();
		pthread_mutex_lock(&s->mu);
	} while (p.pushed != before);
	/* one being written, at most the bound waiting, one blocked push */
	assert_true(p.pushed < NPUSH);
	assert_true(p.pushed <= 1 + 64 + 1);
	s->gate = 1;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	pthread_join(th, NULL);
	cli_queue_finish(p.q);
	assert_int_equal(s->bad, 0);
	for (size_t i = 0; i < NPUSH; i++)
		assert_int_equal(s->count[i], 1);
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_no_threads_writes_in_caller),
	    cmocka_unit_test(test_one_thread),
	    cmocka_unit_test(test_many_threads),
	    cmocka_unit_test(test_bounded_while_held),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
