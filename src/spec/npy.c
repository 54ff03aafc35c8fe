/* SPDX-License-Identifier: MIT */
/*
 * NumPy .npy and raw float64 files for batch specs. Only the header is read
 * while the spec is validated (so the data segment can be sized exactly);
 * the values are read later straight into the segment, never into a second
 * heap copy, so an array as large as the segment costs no extra memory.
 *
 * The .npy header is a Python dict literal; this parses exactly the subset
 * numpy.save() writes ({'descr': ..., 'fortran_order': ..., 'shape': ...}).
 */
#define _GNU_SOURCE
#include "core/core.h"
#include "spec/spec_io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NPY_MAGIC     "\x93NUMPY"
#define NPY_MAGIC_LEN 6
#define NPY_V1_PREFIX 10     /* magic, version, 2-byte header length */
#define NPY_V2_PREFIX 12     /* magic, version, 4-byte header length */
#define NPY_MAX_HDR   65536u /* numpy itself refuses longer headers */
#define NPY_MAX_DIMS  4      /* extents kept (1-D and 2-D are read) */
#define ARRAY_MAX_PTS ((size_t)1 << 33)
#define READ_BLOCK    ((size_t)1 << 16) /* bytes read and converted at once */

typedef struct cur {
	const char *p, *end;
} cur;

static void skip_ws(cur *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' ||
				 *c->p == '\n' || *c->p == '\r'))
		c->p++;
}

static int eat(cur *c, char ch)
{
	skip_ws(c);
	if (c->p < c->end && *c->p == ch) {
		c->p++;
		return 1;
	}
	return 0;
}

/*
 * A quoted Python string without escapes, copied (up to outlen - 1 bytes);
 * 1 if there was one.
 */
static int quoted(cur *c, char *out, size_t outlen)
{
	skip_ws(c);
	if (c->p >= c->end || (*c->p != '\'' && *c->p != '"'))
		return 0;
	char q = *c->p++;
	size_t n = 0;
	while (c->p < c->end && *c->p != q) {
		if (*c->p == '\\' || n + 1 >= outlen)
			return 0;
		out[n++] = *c->p++;
	}
	if (c->p >= c->end)
		return 0;
	c->p++;
	out[n] = '\0';
	return 1;
}

static int word(cur *c, const char *w)
{
	skip_ws(c);
	size_t n = strlen(w);
	if ((size_t)(c->end - c->p) >= n && memcmp(c->p, w, n) == 0) {
		c->p += n;
		return 1;
	}
	return 0;
}

/*
 * "(n,)" or "()" or "(a, b)": the number of dims and the first extents;
 * 1 if it is such a tuple.
 */
static int shape(cur *c, size_t dims[NPY_MAX_DIMS], int *ndim)
{
	*ndim = 0;
	if (!eat(c, '('))
		return 0;
	for (;;) {
		if (eat(c, ')'))
			return 1;
		skip_ws(c);
		if (c->p >= c->end || *c->p < '0' || *c->p > '9')
			return 0;
		size_t v = 0;
		while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
			if (sp_mul(v, 10, &v) ||
			    sp_add(v, (size_t)(*c->p - '0'), &v))
				return 0;
			c->p++;
		}
		if (*ndim < NPY_MAX_DIMS)
			dims[*ndim] = v;
		(*ndim)++;
		if (!eat(c, ','))
			return eat(c, ')');
	}
}

static const struct {
	const char *descr;
	int dtype;
	size_t size;
} dtypes[] = {
    {"<f8", SP_F8, 8}, {"<f4", SP_F4, 4}, {"<i8", SP_I8, 8}, {"<i4", SP_I4, 4},
    {"<i2", SP_I2, 2}, {"|i1", SP_I1, 1}, {"<i1", SP_I1, 1}, {"=i1", SP_I1, 1},
    {"<u8", SP_U8, 8}, {"<u4", SP_U4, 4}, {"<u2", SP_U2, 2}, {"|u1", SP_U1, 1},
    {"<u1", SP_U1, 1}, {"=u1", SP_U1, 1},
};

/* Where the header dict is: after the magic, version and its length. */
static shmplot_status header_span(const unsigned char *buf, size_t len,
				  uint64_t file_size, size_t *start,
				  size_t *hlen, char *err, size_t errlen)
{
	if (len < NPY_V1_PREFIX || memcmp(buf, NPY_MAGIC, NPY_MAGIC_LEN) != 0)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"not a .npy file (no \\x93NUMPY magic)");
	unsigned major = buf[NPY_MAGIC_LEN];
	if (major == 1) {
		*hlen = (size_t)buf[8] | (size_t)buf[9] << 8;
		*start = NPY_V1_PREFIX;
	} else if (major == 2 || major == 3) {
		if (len < NPY_V2_PREFIX)
			return sp_error(err, errlen, SHMPLOT_E_INVALID,
					"truncated .npy header");
		*hlen = (size_t)buf[8] | (size_t)buf[9] << 8 |
			(size_t)buf[10] << 16 | (size_t)buf[11] << 24;
		*start = NPY_V2_PREFIX;
	} else {
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				".npy format version %u.%u is not supported "
				"(1.0, 2.0 and 3.0 are)",
				major, buf[NPY_MAGIC_LEN + 1]);
	}
	if (*hlen > NPY_MAX_HDR || *start + *hlen > len ||
	    *start + *hlen > file_size)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"truncated .npy header (%zu bytes announced)",
				*hlen);
	return SHMPLOT_OK;
}

/* What the header dict says. */
typedef struct npy_dict {
	char descr[16];
	int have_descr, have_order, have_shape;
	int fortran, ndim;
	size_t dims[NPY_MAX_DIMS];
} npy_dict;

#define MALFORMED "malformed .npy header: "

/* The value of one key of the dict. */
static shmplot_status dict_value(cur *c, const char *key, npy_dict *d,
				 char *err, size_t errlen)
{
	if (strcmp(key, "descr") == 0) {
		if (!quoted(c, d->descr, sizeof d->descr))
			return sp_error(err, errlen, SHMPLOT_E_INVALID,
					MALFORMED
					"descr is not a simple dtype "
					"string (structured arrays are not "
					"supported)");
		d->have_descr = 1;
	} else if (strcmp(key, "fortran_order") == 0) {
		if (word(c, "True"))
			d->fortran = 1;
		else if (!word(c, "False"))
			return sp_error(err, errlen, SHMPLOT_E_INVALID,
					MALFORMED "fortran_order is not True "
						  "or False");
		d->have_order = 1;
	} else if (strcmp(key, "shape") == 0) {
		if (!shape(c, d->dims, &d->ndim))
			return sp_error(err, errlen, SHMPLOT_E_INVALID,
					MALFORMED "shape is not a tuple of "
						  "integers");
		d->have_shape = 1;
	} else {
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				MALFORMED "unknown key '%s'", key);
	}
	return SHMPLOT_OK;
}

/* {'descr': ..., 'fortran_order': ..., 'shape': ...} in any order. */
static shmplot_status parse_dict(cur *c, npy_dict *d, char *err, size_t errlen)
{
	char key[32];
	memset(d, 0, sizeof *d);
	if (!eat(c, '{'))
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				MALFORMED "no '{'");
	while (!eat(c, '}')) {
		if (!quoted(c, key, sizeof key) || !eat(c, ':'))
			return sp_error(err, errlen, SHMPLOT_E_INVALID,
					MALFORMED "expected 'key': value");
		shmplot_status st = dict_value(c, key, d, err, errlen);
		if (st)
			return st;
		if (!eat(c, ',')) {
			if (eat(c, '}'))
				break;
			return sp_error(err, errlen, SHMPLOT_E_INVALID,
					MALFORMED "expected ',' or '}'");
		}
	}
	if (!d->have_descr || !d->have_order || !d->have_shape)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				MALFORMED "it must give descr, fortran_order "
					  "and shape");
	return SHMPLOT_OK;
}

/* An array this reads: a known dtype, 1-D or 2-D, C order; its entry in
 * *k. */
static shmplot_status check_array(const npy_dict *d, size_t *k, char *err,
				  size_t errlen)
{
	size_t nd = sizeof dtypes / sizeof *dtypes;
	for (*k = 0; *k < nd && strcmp(dtypes[*k].descr, d->descr) != 0;)
		(*k)++;
	if (*k == nd)
		return sp_error(
		    err, errlen, SHMPLOT_E_INVALID,
		    "dtype '%s' is not supported; use little-endian float64, "
		    "float32 or integers (e.g. arr.astype('<f8'))%s",
		    d->descr,
		    d->descr[0] == '>' ? " (this one is big-endian)" : "");
	if (d->ndim != 1 && d->ndim != 2)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"the array has %d dimensions; 1-D and 2-D "
				"arrays are supported (save a slice, e.g. "
				"a[0])",
				d->ndim);
	if (d->fortran)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"fortran_order arrays are not supported; save "
				"a C-ordered array (np.ascontiguousarray)");
	return SHMPLOT_OK;
}

shmplot_status sp_npy_header(const unsigned char *buf, size_t len,
			     uint64_t file_size, sp_array_info *info, char *err,
			     size_t errlen)
{
	size_t start = 0, hlen = 0, k, bytes, end;
	npy_dict d;
	shmplot_status st =
	    header_span(buf, len, file_size, &start, &hlen, err, errlen);
	if (st)
		return st;
	cur c = {(const char *)buf + start, (const char *)buf + start + hlen};
	if ((st = parse_dict(&c, &d, err, errlen)) ||
	    (st = check_array(&d, &k, err, errlen)))
		return st;
	size_t n = d.dims[0];
	if (d.ndim == 2 && sp_mul(d.dims[0], d.dims[1], &n))
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"%zu x %zu values is too many", d.dims[0],
				d.dims[1]);
	if (n > ARRAY_MAX_PTS || sp_mul(n, dtypes[k].size, &bytes) ||
	    sp_add(start + hlen, bytes, &end))
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"%zu values is too many", n);
	if (end != file_size)
		return sp_error(
		    err, errlen, SHMPLOT_E_INVALID,
		    "the header promises %zu values (%zu bytes) but the file "
		    "holds %llu bytes of data",
		    n, bytes, (unsigned long long)(file_size - start - hlen));
	if (n == 0)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"the array is empty");
	info->dtype = dtypes[k].dtype;
	info->itemsize = dtypes[k].size;
	info->n = n;
	info->cols = d.ndim == 2 ? d.dims[1] : 0;
	info->offset = start + hlen;
	return SHMPLOT_OK;
}

/* Opens path, a regular file, for reading; its size in *size. */
static shmplot_status open_regular(const char *path, int *fd, uint64_t *size,
				   char *err, size_t errlen)
{
	struct stat sb;
	char why[SP_ERRLEN];
	shmplot_status st = sp_open_regular(path, fd, &sb, why, sizeof why);
	if (st == SHMPLOT_OK) {
		*size = (uint64_t)sb.st_size;
		return SHMPLOT_OK;
	}
	/* (a file that does not exist was always SHMPLOT_E_IO here) */
	if (strncmp(why, "cannot open: ", 13) == 0)
		return sp_error(err, errlen, SHMPLOT_E_IO, "cannot open %s: %s",
				path, why + 13);
	return sp_error(err, errlen, SHMPLOT_E_IO, "cannot read %s: %s", path,
			why);
}

/*
 * pread until len bytes or EOF, *got of them. SHMPLOT_E_IO (errno says
 * why) on a read error.
 */
static shmplot_status read_at(int fd, void *buf, size_t len, uint64_t off,
			      size_t *got)
{
	*got = 0;
	while (*got < len) {
		ssize_t n = pread(fd, (char *)buf + *got, len - *got,
				  (off_t)(off + *got));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return SHMPLOT_E_IO;
		if (n == 0)
			break;
		*got += (size_t)n;
	}
	return SHMPLOT_OK;
}

shmplot_status sp_npy_probe(const char *path, sp_array_info *info, char *err,
			    size_t errlen)
{
	uint64_t size;
	size_t got;
	int fd;
	shmplot_status st = open_regular(path, &fd, &size, err, errlen);
	if (st)
		return st;
	/* Enough for any header numpy writes; the parser checks the rest. */
	const size_t most = NPY_V2_PREFIX + NPY_MAX_HDR;
	size_t want = size < most ? (size_t)size : most;
	unsigned char *buf = malloc(want ? want : 1);
	if (!buf) {
		close(fd);
		return sp_error(err, errlen, SHMPLOT_E_NOMEM,
				"%s: out of memory", path);
	}
	st = read_at(fd, buf, want, 0, &got);
	int e = errno;
	close(fd);
	if (st) {
		free(buf);
		return sp_error(err, errlen, st, "cannot read %s: %s", path,
				strerror(e));
	}
	char why[SP_ERRLEN];
	st = sp_npy_header(buf, got, size, info, why, sizeof why);
	free(buf);
	if (st)
		return sp_error(err, errlen, st, "%s: %s", path, why);
	return SHMPLOT_OK;
}

shmplot_status sp_raw_probe(const char *path, sp_array_info *info, char *err,
			    size_t errlen)
{
	const size_t f8 = sizeof(double);
	uint64_t size;
	int fd;
	shmplot_status st = open_regular(path, &fd, &size, err, errlen);
	if (st)
		return st;
	close(fd);
	if (size == 0 || size % f8 != 0 || size / f8 > ARRAY_MAX_PTS)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"%s: %llu bytes is not a whole, non-zero "
				"number of float64 values",
				path, (unsigned long long)size);
	info->dtype = SP_F8;
	info->itemsize = f8;
	info->n = (size_t)(size / f8);
	info->cols = 0;
	info->offset = 0;
	return SHMPLOT_OK;
}

static uint64_t le(const unsigned char *p, size_t n)
{
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* One little-endian value of the given dtype as a double. */
static double convert(const unsigned char *p, int dtype)
{
	uint64_t u;
	switch (dtype) {
	case SP_F8: {
		double d;
		u = le(p, 8);
		memcpy(&d, &u, 8);
		return d;
	}
	case SP_F4: {
		float f;
		uint32_t w = (uint32_t)le(p, 4);
		memcpy(&f, &w, 4);
		return (double)f;
	}
	case SP_I1:
		return (double)(int8_t)p[0];
	case SP_I2:
		return (double)(int16_t)(uint16_t)le(p, 2);
	case SP_I4:
		return (double)(int32_t)(uint32_t)le(p, 4);
	case SP_I8:
		return (double)(int64_t)le(p, 8);
	case SP_U1:
		return (double)p[0];
	case SP_U2:
		return (double)(uint16_t)le(p, 2);
	case SP_U4:
		return (double)(uint32_t)le(p, 4);
	default:
		return (double)le(p, 8);
	}
}

/*
 * Reads in blocks and converts; on a little-endian host float64 could be
 * read straight into dst, but the block keeps one code path for every
 * dtype and costs a memcpy-sized pass.
 */
static shmplot_status read_blocks(int fd, const char *path,
				  const sp_array_info *info, unsigned char *blk,
				  double *dst, char *err, size_t errlen)
{
	size_t per = READ_BLOCK / info->itemsize, done = 0, got;
	while (done < info->n) {
		size_t k = info->n - done < per ? info->n - done : per;
		size_t bytes = k * info->itemsize;
		shmplot_status st = read_at(
		    fd, blk, bytes, info->offset + done * info->itemsize, &got);
		if (st || got != bytes)
			return sp_error(err, errlen, SHMPLOT_E_IO,
					"cannot read %s: %s", path,
					st ? strerror(errno)
					   : "the file shrank while it was "
					     "being read");
		for (size_t i = 0; i < k; i++)
			dst[done + i] =
			    convert(blk + i * info->itemsize, info->dtype);
		done += k;
	}
	return SHMPLOT_OK;
}

shmplot_status sp_array_read(const char *path, const sp_array_info *info,
			     double *dst, char *err, size_t errlen)
{
	uint64_t size;
	int fd;
	shmplot_status st = open_regular(path, &fd, &size, err, errlen);
	if (st)
		return st;
	unsigned char *blk = malloc(READ_BLOCK);
	if (!blk) {
		close(fd);
		return sp_error(err, errlen, SHMPLOT_E_NOMEM,
				"%s: out of memory", path);
	}
	st = read_blocks(fd, path, info, blk, dst, err, errlen);
	free(blk);
	close(fd);
	return st;
}
