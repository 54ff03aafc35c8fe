// SPDX-License-Identifier: MIT
/*
 * shmplot_spec_figure_keys(): the keys of shmplot_figure_keys() for the
 * figures of a spec loaded with defer_fill, each series keyed by its
 * definition (spec/deferred.c describes it) instead of its values, so
 * keying a batch computes no series and reads no data file into the
 * segment: `shmplot render --incremental` keys first and fills only what
 * renders. A series' key hashes "definition", its description (kind,
 * arguments, length, shape, a function's kernel, the values of inline
 * values and CSV columns), the keys of the series it is computed from,
 * and for a .npy or raw file the digest of the file's bytes, read once a
 * spec however many series read it. Each series is keyed once a spec
 * (the keys are kept in it), and only when a figure asked for uses it.
 */
#define _GNU_SOURCE
#include "incremental/inc.h"
#include "pool/pool.h"
#include "spec/spec_defs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef SHMPLOT_TEST_HOOKS
#include "testhooks/testhooks.h"
#endif

/* done[id] of a series whose key could not be made (a data file), for
 * this call only: reset to 0 before it returns */
#define FAILED 2

typedef struct def_keys {
	shmplot_spec *spec;
	size_t n;
	unsigned char (*key)[16];
	uint8_t *done;
	uint32_t *stack; /* 2 n + 2: series waiting for their sources */
	unsigned char *buf;
	sp_file_digests *files; /* the spec's */
	char *bad_file;         /* the first data file that could not be read */
	int bad_errno;
} def_keys;

static void feed(void *h, const void *p, size_t len)
{
	sp_hash_update(h, p, len);
}

static void no_feed(void *h, const void *p, size_t len)
{
	(void)h;
	(void)p;
	(void)len;
}

/* Where (dev, ino) starts looking in a table of cap slots. */
static size_t home(uint64_t dev, uint64_t ino, size_t cap)
{
	return (size_t)((dev * 0x9e3779b97f4a7c15u) ^ ino) & (cap - 1);
}

/* The slot of (dev, ino) in t (set, or the free one to fill); NULL when
 * the table cannot grow. */
static sp_file_digest *digest_slot(sp_file_digests *t, uint64_t dev,
				   uint64_t ino)
{
	if (2 * (t->n + 1) > t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 16;
		sp_file_digest *slot = calloc(cap, sizeof *slot);
		if (!slot)
			return NULL;
		for (size_t i = 0; i < t->cap; i++) {
			const sp_file_digest *e = &t->slot[i];
			if (!e->set)
				continue;
			size_t j = home(e->dev, e->ino, cap);
			while (slot[j].set)
				j = (j + 1) & (cap - 1);
			slot[j] = *e;
		}
		free(t->slot);
		t->slot = slot;
		t->cap = cap;
	}
	size_t j = home(dev, ino, t->cap);
	while (t->slot[j].set &&
	       (t->slot[j].dev != dev || t->slot[j].ino != ino))
		j = (j + 1) & (t->cap - 1);
	return &t->slot[j];
}

/* The hash of the bytes of the file open at fd and their count; 0, or an
 * errno. */
static int hash_fd(def_keys *c, int fd, unsigned char out[16])
{
	uint64_t total = 0;
	sp_hash h;

#ifdef SHMPLOT_TEST_HOOKS
	int fake = sp_test_sysfault(SP_CALL_DATAFILE);
	if (fake)
		return fake;
#endif
	if (!c->buf)
		return ENOMEM;
	sp_hash_init(&h);
	int e = sp_hash_fd(&h, fd, c->buf, SP_HASH_FILE_CHUNK, &total);
	if (e)
		return e;
	sp_hash_update(&h, &total, sizeof total);
	sp_hash_final(&h, out);
	return 0;
}

/*
 * The digest of the file at path: read and hashed the first time the
 * spec meets its device and inode, then the one kept (the "data
 * files hashed once per run", however many series read one, under
 * whatever names). 0, or an errno.
 */
static int file_digest(def_keys *c, const char *path, unsigned char out[16])
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), e = 0;
	struct stat st;

	if (fd < 0)
		return errno;
	if (fstat(fd, &st) != 0) {
		e = errno;
		close(fd);
		return e;
	}
	sp_file_digest *d =
	    digest_slot(c->files, (uint64_t)st.st_dev, (uint64_t)st.st_ino);
	if (!d)
		e = ENOMEM;
	else if (d->set)
		memcpy(out, d->sum, 16);
	else if (!(e = hash_fd(c, fd, out))) {
		d->dev = (uint64_t)st.st_dev;
		d->ino = (uint64_t)st.st_ino;
		memcpy(d->sum, out, 16);
		d->set = 1;
		c->files->n++;
	}
	close(fd);
	return e;
}

/* Series id's key, its sources keyed already. */
static void key_one(def_keys *c, uint32_t id)
{
	static const char tag[] = "definition";
	uint32_t src[2];
	const char *file;
	sp_hash h;

	sp_hash_init(&h);
	sp_hash_update(&h, tag, sizeof tag);
	sp_spec_series_def(c->spec, id, feed, &h, src, &file);
	int failed = 0;
	for (int k = 0; k < 2; k++)
		if (src[k] != UINT32_MAX) {
			sp_hash_update(&h, c->key[src[k]], 16);
			failed |= c->done[src[k]] == FAILED;
		}
	unsigned char sum[16];
	int e = file ? file_digest(c, file, sum) : 0;
	if (file && !e)
		sp_hash_update(&h, sum, sizeof sum);
	if (e && !c->bad_file) {
		c->bad_file = strdup(file);
		c->bad_errno = e;
	}
	sp_hash_final(&h, c->key[id]);
	c->done[id] = failed || e ? FAILED : 1;
}

/* sp_series_key_fn: series id's definition key, made the first time (its
 * sources first: a stack, not recursion, for long chains). */
static void series_key(void *ctx, uint32_t id, unsigned char out[16])
{
	def_keys *c = ctx;
	size_t top = 0;

	if (id >= c->n) { /* none, or a reference the renderer will refuse */
		memset(out, 0xff, 16);
		memcpy(out, &id, sizeof id);
		return;
	}
	c->stack[top++] = id;
	while (top) {
		uint32_t t = c->stack[top - 1], src[2];
		const char *file;
		int waits = 0;
		if (c->done[t]) {
			top--;
			continue;
		}
		sp_spec_series_def(c->spec, t, no_feed, NULL, src, &file);
		for (int k = 0; k < 2; k++)
			if (src[k] != UINT32_MAX && !c->done[src[k]]) {
				c->stack[top++] = src[k];
				waits = 1;
			}
		if (!waits) {
			key_one(c, t);
			top--;
		}
	}
	memcpy(out, c->key[id], 16);
}

shmplot_status shmplot_spec_figure_keys(shmplot_spec *spec, shmplot_renderer *r,
					shmplot_figure *const *figs,
					size_t nfig,
					const shmplot_render_opts *opts,
					shmplot_format format,
					shmplot_key *keys)
{
	def_keys c = {.spec = spec,
		      .files = spec ? sp_spec_file_digests(spec) : NULL};
	size_t errlen;

	if (!r)
		return sp_error(NULL, 0, SHMPLOT_E_INVALID,
				"shmplot_spec_figure_keys: the renderer is "
				"NULL");
	char *err = sp_renderer_errbuf(r, &errlen);
	if (!spec)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"shmplot_spec_figure_keys: the spec is NULL");
	shmplot_status st = sp_spec_key_slots(spec, &c.n, &c.key, &c.done);
	if (st == SHMPLOT_E_STATE)
		return sp_error(err, errlen, st,
				"shmplot_spec_figure_keys: the spec was not "
				"loaded with defer_fill, or is filled already");
	if (st == SHMPLOT_OK &&
	    !(c.stack = sp_malloc_ab(2 * c.n + 2, sizeof *c.stack)))
		st = SHMPLOT_E_NOMEM;
	if (st != SHMPLOT_OK)
		return sp_error(err, errlen, st, "out of memory");
	c.buf = malloc(SP_HASH_FILE_CHUNK); /* NULL: a file's series fails */
	st = sp_keys_by(r, series_key, &c, figs, nfig, opts, format, keys);
	if (st == SHMPLOT_OK && c.bad_file)
		st = c.bad_errno == ENOMEM
			 ? sp_error(err, errlen, SHMPLOT_E_NOMEM,
				    "out of memory")
			 : sp_error(err, errlen, SHMPLOT_E_IO,
				    "cannot read %s: %s", c.bad_file,
				    strerror(c.bad_errno));
	for (size_t i = 0; c.bad_file && i < c.n; i++)
		if (c.done[i] == FAILED)
			c.done[i] = 0;
	free(c.bad_file);
	free(c.buf);
	free(c.stack);
	return st;
}
