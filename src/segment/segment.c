/* SPDX-License-Identifier: MIT */
/*
 * The data segment: one POSIX shared-memory object holding a header, a table
 * of named series and the series' doubles, each 64-byte aligned.
 *
 * The object's name exists only for the few microseconds between shm_open()
 * and shm_unlink(), so a process killed at any later point leaves nothing in
 * /dev/shm. Memory is reserved with posix_fallocate() so a full tmpfs is an
 * error here, not a SIGBUS in a worker later. Sealing replaces the writable
 * mapping with one made from a read-only descriptor: after that not even
 * mprotect() can make the data writable again, so a stray write from a worker
 * faults. The read-only descriptor (O_CLOEXEC) stays open after sealing: it
 * is what a spawned worker executable maps (sp_segment_map()).
 */
#define _GNU_SOURCE
#include "segment/segment.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#define SEG_MAGIC    0x544f4c504d485300ull /* "\0SHMPLOT" little-endian */
#define SEG_VERSION  1u
#define SEG_ALIGN    64u
#define SEG_NAME_MAX 64u

typedef struct seg_header {
	uint64_t magic;
	uint32_t version;
	uint32_t header_bytes;
	uint64_t total_bytes;
	uint64_t data_offset; /* start of the doubles area */
	uint64_t data_used;   /* bytes used in the doubles area */
	uint32_t max_series;
	uint32_t nseries;
	uint64_t max_points; /* the capacity the caller asked for */
	uint64_t used_points;
} seg_header;

typedef struct seg_entry {
	char name[SEG_NAME_MAX];
	uint64_t offset; /* from the start of the mapping; 64-byte aligned */
	uint64_t n;
	/* 0: a 1-D series; else a 2-D one of n / cols rows (row-major). A
	 * segment written before 2-D series had zeros here: all 1-D. */
	uint64_t cols;
	/* SEG_EXTREMES: lo and hi are the least and greatest of the values
	 * (all finite, none NaN), recorded by whoever computed them (a
	 * segment written before had zeros here: none recorded) */
	uint32_t flags;
	uint32_t pad0;
	double lo, hi;
	uint8_t pad[16];
} seg_entry;

#define SEG_EXTREMES 0x1u

_Static_assert(sizeof(seg_header) == 64, "header is one cache line");
_Static_assert(sizeof(seg_entry) == 128, "entries keep 64-byte alignment");

struct shmplot_data {
	unsigned char *base;
	size_t bytes;
	int ro_fd; /* read-only descriptor, O_CLOEXEC, kept for spawning */
	int sealed;
	seg_header *hdr;
	seg_entry *table;
	/*
	 * A reusable segment (sp_data_new_reusable): base is a read-only
	 * mapping from the start and rw a writable one of the same pages,
	 * kept (hdr and table are in it), so the segment can be filled
	 * again. NULL: an ordinary segment (written through base until the
	 * seal remaps it read-only).
	 */
	unsigned char *rw;
	uint64_t keep_id; /* reusable: nonzero, unique to this segment */
	size_t touched;   /* reusable: rw[0, touched) has been written */
	char errmsg[SP_ERRLEN];
};

static size_t align_up(size_t v)
{
	return (v + (SEG_ALIGN - 1)) & ~(size_t)(SEG_ALIGN - 1);
}

/*
 * Reserves the object's pages; posix_fallocate returns its error. The free
 * space is checked first so that an impossible size fails at once instead
 * of filling the tmpfs on the way. tmpfs gives back everything one call
 * reserved when a signal interrupts it, so under a fast interval timer a
 * single big call could retry forever: after an EINTR, reserve in chunks
 * and retry only the chunk that was interrupted.
 */
#define RESERVE_CHUNK ((size_t)8 << 20)
static shmplot_status reserve(int fd, size_t bytes, char *err, size_t errlen)
{
	struct statvfs vfs;
	int rc = 0;
	if (fstatvfs(fd, &vfs) == 0 && vfs.f_blocks &&
	    (unsigned long long)vfs.f_bavail * vfs.f_frsize < bytes)
		rc = ENOSPC;
#ifdef SHMPLOT_TEST_HOOKS
	if (!rc)
		rc = sp_test_sysfault(SP_CALL_FALLOCATE);
#endif
	if (!rc)
		rc = posix_fallocate(fd, 0, (off_t)bytes);
	if (rc == EINTR) {
		rc = 0;
		for (size_t off = 0, len; !rc && off < bytes; off += len) {
			len = bytes - off < RESERVE_CHUNK ? bytes - off
							  : RESERVE_CHUNK;
			do
				rc =
				    posix_fallocate(fd, (off_t)off, (off_t)len);
			while (rc == EINTR);
		}
	}
	if (!rc)
		return SHMPLOT_OK;
	return sp_error(
	    err, errlen, rc == ENOSPC ? SHMPLOT_E_NOSPACE : SHMPLOT_E_SYSTEM,
	    "cannot reserve %zu bytes of shared memory in /dev/shm: "
	    "%s",
	    bytes, strerror(rc));
}

/* *id: the random bits of the object's name (never 0). */
static shmplot_status open_object(int *rw, int *ro, uint64_t *id, char *err,
				  size_t errlen)
{
	for (int attempt = 0; attempt < 16; attempt++) {
		unsigned char rnd[8];
		char name[64];
		if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd)
			return sp_error(err, errlen, SHMPLOT_E_SYSTEM,
					"getrandom: %s", strerror(errno));
		memcpy(id, rnd, sizeof *id);
		*id |= !*id;
		snprintf(name, sizeof name,
			 "/shmplot-%ld-%02x%02x%02x%02x%02x%02x%02x%02x",
			 (long)getpid(), rnd[0], rnd[1], rnd[2], rnd[3], rnd[4],
			 rnd[5], rnd[6], rnd[7]);
		int fd =
		    shm_open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno == EEXIST)
			continue;
		if (fd < 0)
			return sp_error(err, errlen, SHMPLOT_E_SYSTEM,
					"shm_open %s: %s", name,
					strerror(errno));
		int rfd = shm_open(name, O_RDONLY | O_CLOEXEC, 0);
		int saved = errno;
		shm_unlink(name);
		if (rfd < 0) {
			close(fd);
			return sp_error(err, errlen, SHMPLOT_E_SYSTEM,
					"shm_open %s read-only: %s", name,
					strerror(saved));
		}
		*rw = fd;
		*ro = rfd;
		return SHMPLOT_OK;
	}
	return sp_error(err, errlen, SHMPLOT_E_SYSTEM,
			"shm_open: no free name after 16 attempts");
}

/*
 * The bytes of a segment for max_series series of total_points points in
 * all, and of its series table. SHMPLOT_E_INVALID, SHMPLOT_E_NOMEM.
 */
static shmplot_status segment_size(size_t max_series, size_t total_points,
				   size_t *bytes, size_t *table, char *err,
				   size_t errlen)
{
	size_t data_bytes, pad;
	if (max_series == 0 || max_series > SHMPLOT_MAX_SERIES)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"max_series must be 1..%u, not %zu",
				SHMPLOT_MAX_SERIES, max_series);
	/* Each series may waste up to SEG_ALIGN bytes of alignment padding. */
	if (sp_mul(max_series, sizeof(seg_entry), table) ||
	    sp_mul(total_points, sizeof(double), &data_bytes) ||
	    sp_mul(max_series, SEG_ALIGN, &pad) ||
	    sp_add(data_bytes, pad, bytes) ||
	    sp_add(*bytes, sizeof(seg_header) + *table, bytes) ||
	    *bytes > (size_t)INT64_MAX)
		return sp_error(err, errlen, SHMPLOT_E_NOMEM,
				"a segment of %zu series and %zu points "
				"overflows the address space",
				max_series, total_points);
	return SHMPLOT_OK;
}

/* Writes an empty header for max_series series, total_points points. */
static void lay_out(shmplot_data *d, size_t max_series, size_t total_points,
		    size_t table)
{
	memset(d->hdr, 0, sizeof *d->hdr);
	d->hdr->magic = SEG_MAGIC;
	d->hdr->version = SEG_VERSION;
	d->hdr->header_bytes = sizeof(seg_header);
	d->hdr->total_bytes = d->bytes;
	d->hdr->data_offset = align_up(sizeof(seg_header) + table);
	d->hdr->max_series = (uint32_t)max_series;
	d->hdr->max_points = total_points;
}

/* Both kinds of segment; bytes: at least what the series need. */
static shmplot_status data_new(shmplot_data **out, size_t max_series,
			       size_t total_points, size_t bytes, int reusable,
			       char *err, size_t errlen)
{
	size_t table = 0, need = 0;
	if (!out)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"shmplot_data_new: out is NULL");
	*out = NULL;
	shmplot_status st =
	    segment_size(max_series, total_points, &need, &table, err, errlen);
	if (st != SHMPLOT_OK)
		return st;
	if (bytes < need)
		bytes = need;

	shmplot_data *d = calloc(1, sizeof *d);
	if (!d)
		return sp_error(err, errlen, SHMPLOT_E_NOMEM, "out of memory");
	d->ro_fd = -1;
	int fd = -1;
	uint64_t id = 0;
	st = open_object(&fd, &d->ro_fd, &id, err, errlen);
	if (st)
		goto fail;
	st = reserve(fd, bytes, err, errlen);
	if (st != SHMPLOT_OK)
		goto fail;
	unsigned char *w =
	    mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (w != MAP_FAILED && reusable) {
		d->rw = w;
		w = mmap(NULL, bytes, PROT_READ, MAP_SHARED, d->ro_fd, 0);
		d->keep_id = id;
	}
	if (w == MAP_FAILED) {
		st = sp_error(err, errlen,
			      errno == ENOMEM ? SHMPLOT_E_NOMEM
					      : SHMPLOT_E_SYSTEM,
			      "mmap of %zu bytes: %s", bytes, strerror(errno));
		goto fail;
	}
	close(fd);
	d->base = w;
	d->bytes = bytes;
	d->hdr = (seg_header *)(d->rw ? d->rw : d->base);
	d->table = (seg_entry *)((unsigned char *)d->hdr + sizeof(seg_header));
	lay_out(d, max_series, total_points, table);
	*out = d;
	return SHMPLOT_OK;
fail:
	if (d->rw)
		munmap(d->rw, bytes);
	if (fd >= 0)
		close(fd);
	if (d->ro_fd >= 0)
		close(d->ro_fd);
	free(d);
	return st;
}

shmplot_status shmplot_data_new(shmplot_data **out, size_t max_series,
				size_t total_points, char *err, size_t errlen)
{
	return data_new(out, max_series, total_points, 0, 0, err, errlen);
}

shmplot_status sp_data_new_reusable(shmplot_data **out, size_t bytes,
				    size_t max_series, size_t total_points,
				    char *err, size_t errlen)
{
	return data_new(out, max_series, total_points, bytes, 1, err, errlen);
}

int sp_data_reuse(shmplot_data *d, size_t max_series, size_t total_points)
{
	size_t bytes = 0, table = 0;
	if (!d || !d->rw ||
	    segment_size(max_series, total_points, &bytes, &table, NULL, 0) ||
	    bytes > d->bytes)
		return 0;
	lay_out(d, max_series, total_points, table);
	d->sealed = 0;
	d->errmsg[0] = '\0';
	return 1;
}

uint64_t sp_data_keep_id(const shmplot_data *d)
{
	return d && d->sealed ? d->keep_id : 0;
}

void shmplot_data_free(shmplot_data *d)
{
	if (!d)
		return;
	if (d->base)
		munmap(d->base, d->bytes);
	if (d->rw)
		munmap(d->rw, d->bytes);
	if (d->ro_fd >= 0)
		close(d->ro_fd);
	free(d);
}

/* The index of the series called name, or -1 if there is none. */
static long find(const shmplot_data *d, const char *name)
{
	for (uint32_t i = 0; i < d->hdr->nseries; i++)
		if (strcmp(d->table[i].name, name) == 0)
			return (long)i;
	return -1;
}

static shmplot_status check_name(shmplot_data *d, const char *name)
{
	if (!name || !*name)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_INVALID,
				"series name is empty");
	size_t len = strlen(name);
	if (len >= SEG_NAME_MAX)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_INVALID,
				"series name \"%.20s...\" is %zu bytes; the "
				"limit is %u",
				name, len, SEG_NAME_MAX - 1);
	if (find(d, name) >= 0)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_INVALID,
				"series \"%s\" already exists", name);
	return SHMPLOT_OK;
}

shmplot_status shmplot_data_alloc(shmplot_data *d, const char *name, size_t n,
				  double **values, shmplot_series *id)
{
	if (!d)
		return sp_error(NULL, 0, SHMPLOT_E_INVALID,
				"shmplot_data_alloc: data is NULL");
	if (d->sealed)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_STATE,
				"cannot add series \"%s\": the segment is "
				"sealed",
				name ? name : "");
	shmplot_status st = check_name(d, name);
	if (st)
		return st;
	seg_header *h = d->hdr;
	if (h->nseries >= h->max_series)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_NOSPACE,
				"cannot add series \"%s\": the segment was "
				"created for %u series",
				name, h->max_series);
	size_t bytes, end;
	size_t start = align_up(h->data_offset + h->data_used);
	if (n > h->max_points - h->used_points ||
	    sp_mul(n, sizeof(double), &bytes) || sp_add(start, bytes, &end) ||
	    end > d->bytes)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_NOSPACE,
				"cannot add series \"%s\" of %zu points: the "
				"segment was created for %llu points and %llu "
				"are used",
				name, n, (unsigned long long)h->max_points,
				(unsigned long long)h->used_points);
	seg_entry *e = &d->table[h->nseries];
	memcpy(e->name, name, strlen(name) + 1);
	e->offset = start;
	e->n = n;
	e->cols = 0;
	e->flags = 0;
	h->data_used = end - h->data_offset;
	h->used_points += n;
	if (id)
		*id = h->nseries;
	h->nseries++;
	if (values)
		*values = (double *)((d->rw ? d->rw : d->base) + start);
	return SHMPLOT_OK;
}

shmplot_status shmplot_data_add(shmplot_data *d, const char *name,
				const double *values, size_t n,
				shmplot_series *id)
{
	if (!d)
		return sp_error(NULL, 0, SHMPLOT_E_INVALID,
				"shmplot_data_add: data is NULL");
	if (!values && n)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_INVALID,
				"series \"%s\": values is NULL",
				name ? name : "");
	double *dst;
	shmplot_status st = shmplot_data_alloc(d, name, n, &dst, id);
	if (st)
		return st;
	size_t at = (size_t)((unsigned char *)dst - (d->rw ? d->rw : d->base));
	size_t end = at + n * sizeof(double);
	/* A reused segment's pages written before are mapped already. */
	if (end > d->touched) {
		size_t from = at > d->touched ? at : d->touched;
		sp_prefault_write((unsigned char *)dst + (from - at),
				  end - from);
		if (d->rw)
			d->touched = end;
	}
	if (n)
		memcpy(dst, values, n * sizeof(double));
	return SHMPLOT_OK;
}

shmplot_status shmplot_data_set_shape(shmplot_data *d, shmplot_series id,
				      size_t rows, size_t cols)
{
	size_t n;
	if (!d)
		return sp_error(NULL, 0, SHMPLOT_E_INVALID,
				"shmplot_data_set_shape: data is NULL");
	if (id >= d->hdr->nseries)
		return sp_error(d->errmsg, sizeof d->errmsg,
				SHMPLOT_E_NOT_FOUND, "no series %u",
				(unsigned)id);
	seg_entry *e = &d->table[id];
	if (d->sealed)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_STATE,
				"cannot shape series \"%s\": the segment is "
				"sealed",
				e->name);
	if (rows == 0 || cols == 0 || sp_mul(rows, cols, &n) || n != e->n)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_INVALID,
				"series \"%s\" has %llu values, which is not "
				"%zu rows x %zu columns",
				e->name, (unsigned long long)e->n, rows, cols);
	e->cols = cols;
	return SHMPLOT_OK;
}

int shmplot_data_shape(const shmplot_data *d, shmplot_series id, size_t *rows,
		       size_t *cols)
{
	if (!d || id >= d->hdr->nseries)
		return 0;
	const seg_entry *e = &d->table[id];
	if (rows)
		*rows = e->cols ? (size_t)(e->n / e->cols) : (size_t)e->n;
	if (cols)
		*cols = (size_t)e->cols;
	return e->cols ? 2 : 1;
}

void sp_prefault_write(void *p, size_t bytes)
{
	const uintptr_t pg = 4096;
	uintptr_t a = (uintptr_t)p & ~(pg - 1);
	uintptr_t b = ((uintptr_t)p + bytes + pg - 1) & ~(pg - 1);

	if (bytes >= 128 * 1024)
		(void)madvise((void *)a, b - a, MADV_POPULATE_WRITE);
}

shmplot_status shmplot_data_seal(shmplot_data *d)
{
	if (!d)
		return sp_error(NULL, 0, SHMPLOT_E_INVALID,
				"shmplot_data_seal: data is NULL");
	if (d->sealed)
		return SHMPLOT_OK;
	if (d->rw) {
		/* base has been the read-only mapping all along */
		d->sealed = 1;
		return SHMPLOT_OK;
	}
	void *p = mmap(d->base, d->bytes, PROT_READ, MAP_SHARED | MAP_FIXED,
		       d->ro_fd, 0);
	if (p == MAP_FAILED) {
		/* Fall back to a plain write-protect: still faults. */
		if (mprotect(d->base, d->bytes, PROT_READ) != 0)
			return sp_error(
			    d->errmsg, sizeof d->errmsg, SHMPLOT_E_SYSTEM,
			    "sealing the segment: %s", strerror(errno));
	}
	d->sealed = 1;
	return SHMPLOT_OK;
}

shmplot_status shmplot_data_find(const shmplot_data *d, const char *name,
				 shmplot_series *id)
{
	if (!d || !name)
		return sp_error(NULL, 0, SHMPLOT_E_INVALID,
				"shmplot_data_find: data and name must not be "
				"NULL");
	long i = find(d, name);
	if (i < 0)
		return sp_error(NULL, 0, SHMPLOT_E_NOT_FOUND,
				"no series \"%s\"", name);
	if (id)
		*id = (shmplot_series)i;
	return SHMPLOT_OK;
}

const double *shmplot_data_values(const shmplot_data *d, shmplot_series id,
				  size_t *n)
{
	if (!d || id >= d->hdr->nseries)
		return NULL;
	if (n)
		*n = d->table[id].n;
	return (const double *)(d->base + d->table[id].offset);
}

const char *shmplot_data_name(const shmplot_data *d, shmplot_series id)
{
	if (!d || id >= d->hdr->nseries)
		return NULL;
	return d->table[id].name;
}

size_t shmplot_data_count(const shmplot_data *d)
{
	return d ? d->hdr->nseries : 0;
}

size_t shmplot_data_bytes(const shmplot_data *d)
{
	return d ? d->bytes : 0;
}

const char *shmplot_data_errmsg(const shmplot_data *d)
{
	return d ? d->errmsg : "";
}

shmplot_status sp_data_set_extremes(shmplot_data *d, shmplot_series id,
				    double lo, double hi)
{
	if (d->sealed || id >= d->hdr->nseries)
		return sp_error(d->errmsg, sizeof d->errmsg, SHMPLOT_E_STATE,
				"series %u: no extremes on a sealed segment "
				"or a series it does not hold",
				(unsigned)id);
	seg_entry *e = &d->table[id];
	e->flags &= ~SEG_EXTREMES;
	/* anything but two finite values in order is not recorded */
	if (isfinite(lo) && isfinite(hi) && lo <= hi) {
		e->lo = lo;
		e->hi = hi;
		e->flags |= SEG_EXTREMES;
	}
	return SHMPLOT_OK;
}

/* The view of entry e at base. */
static spr_series view_of(const unsigned char *base, const seg_entry *e)
{
	spr_series v = {(const double *)(base + e->offset), (size_t)e->n,
			(size_t)e->cols};
	if (e->flags & SEG_EXTREMES) {
		v.extremes = 1;
		v.lo = e->lo;
		v.hi = e->hi;
	}
	return v;
}

int sp_data_is_sealed(const shmplot_data *d)
{
	return d && d->sealed;
}

shmplot_status sp_data_views(const shmplot_data *d, spr_series **views,
			     size_t *count, char *err, size_t errlen)
{
	size_t n = d->hdr->nseries;
	*count = 0;
	*views = n ? sp_malloc_ab(n, sizeof(spr_series)) : NULL;
	if (n && !*views)
		return sp_error(err, errlen, SHMPLOT_E_NOMEM,
				"out of memory for %zu series views", n);
	for (size_t i = 0; i < n; i++)
		(*views)[i] = view_of(d->base, &d->table[i]);
	*count = n;
	return SHMPLOT_OK;
}

int sp_data_fd(const shmplot_data *d)
{
	return d ? d->ro_fd : -1;
}

shmplot_status sp_segment_map(const void *base, size_t bytes,
			      spr_series **views, size_t *count, char *err,
			      size_t errlen)
{
	const unsigned char *b = base;
	seg_header h;
	*views = NULL;
	*count = 0;
	if (!base || bytes < sizeof h)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"data segment of %zu bytes is too small",
				bytes);
	memcpy(&h, b, sizeof h);
	size_t table_end;
	if (h.magic != SEG_MAGIC || h.version != SEG_VERSION ||
	    h.header_bytes != sizeof h || h.total_bytes != bytes ||
	    h.nseries > h.max_series || h.max_series > SHMPLOT_MAX_SERIES ||
	    sp_mul(h.max_series, sizeof(seg_entry), &table_end) ||
	    sp_add(table_end, sizeof h, &table_end) || table_end > bytes)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"data segment header is not valid");
	if (h.nseries == 0)
		return SHMPLOT_OK;
	spr_series *v = sp_malloc_ab(h.nseries, sizeof *v);
	if (!v)
		return sp_error(err, errlen, SHMPLOT_E_NOMEM, "out of memory");
	for (uint32_t i = 0; i < h.nseries; i++) {
		seg_entry e;
		size_t len, end;
		memcpy(&e, b + sizeof h + (size_t)i * sizeof e, sizeof e);
		if (e.offset % SEG_ALIGN || e.offset > bytes || e.n > bytes ||
		    sp_mul((size_t)e.n, sizeof(double), &len) ||
		    sp_add((size_t)e.offset, len, &end) || end > bytes ||
		    e.offset < table_end ||
		    (e.cols && (e.n == 0 || e.n % e.cols)) ||
		    (e.flags & ~SEG_EXTREMES) ||
		    ((e.flags & SEG_EXTREMES) &&
		     !(isfinite(e.lo) && isfinite(e.hi) && e.lo <= e.hi))) {
			free(v);
			return sp_error(
			    err, errlen, SHMPLOT_E_INVALID,
			    "data segment entry %u is out of bounds", i);
		}
		v[i] = view_of(b, &e);
	}
	*views = v;
	*count = h.nseries;
	return SHMPLOT_OK;
}
