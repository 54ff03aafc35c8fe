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
#define NPY_MAX_HDR   65536u /* numpy itself refuses longer headers */
#define ARRAY_MAX_PTS ((size_t)1 << 33)

static int err_at(char *err, size_t errlen, const char *fmt, ...)
    SP_PRINTF(3, 4);
static int err_at(char *err, size_t errlen, const char *fmt, ...)
{
	if (err && errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

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

/* A quoted Python string without escapes; copies up to outlen - 1 bytes. */
static int quoted(cur *c, char *out, size_t outlen)
{
	skip_ws(c);
	if (c->p >= c->end || (*c->p != '\'' && *c->p != '"'))
		return -1;
	char q = *c->p++;
	size_t n = 0;
	while (c->p < c->end && *c->p != q) {
		if (*c->p == '\\' || n + 1 >= outlen)
			return -1;
		out[n++] = *c->p++;
	}
	if (c->p >= c->end)
		return -1;
	c->p++;
	out[n] = '\0';
	return 0;
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

/* "(n,)" or "()" or "(a, b)": the number of dims and the first extents. */
static int shape(cur *c, size_t dims[4], int *ndim)
{
	*ndim = 0;
	if (!eat(c, '('))
		return -1;
	for (;;) {
		if (eat(c, ')'))
			return 0;
		skip_ws(c);
		if (c->p >= c->end || *c->p < '0' || *c->p > '9')
			return -1;
		size_t v = 0;
		while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
			if (sp_mul(v, 10, &v) ||
			    sp_add(v, (size_t)(*c->p - '0'), &v))
				return -1;
			c->p++;
		}
		if (*ndim < 4)
			dims[*ndim] = v;
		(*ndim)++;
		if (!eat(c, ',')) {
			if (eat(c, ')'))
				return 0;
			return -1;
		}
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

int sp_npy_header(const unsigned char *buf, size_t len, uint64_t file_size,
		  sp_array_info *info, char *err, size_t errlen)
{
	if (len < 10 || memcmp(buf, NPY_MAGIC, 6) != 0)
		return err_at(err, errlen,
			      "not a .npy file (no \\x93NUMPY magic)");
	unsigned major = buf[6];
	size_t hlen, start;
	if (major == 1) {
		hlen = (size_t)buf[8] | (size_t)buf[9] << 8;
		start = 10;
	} else if (major == 2 || major == 3) {
		if (len < 12)
			return err_at(err, errlen, "truncated .npy header");
		hlen = (size_t)buf[8] | (size_t)buf[9] << 8 |
		       (size_t)buf[10] << 16 | (size_t)buf[11] << 24;
		start = 12;
	} else {
		return err_at(err, errlen,
			      ".npy format version %u.%u is not supported "
			      "(1.0, 2.0 and 3.0 are)",
			      major, buf[7]);
	}
	if (hlen > NPY_MAX_HDR || start + hlen > len ||
	    start + hlen > file_size)
		return err_at(err, errlen,
			      "truncated .npy header (%zu bytes announced)",
			      hlen);
	cur c = {(const char *)buf + start, (const char *)buf + start + hlen};
	char descr[16] = "", key[32];
	int have_descr = 0, have_order = 0, have_shape = 0, fortran = 0,
	    ndim = 0;
	size_t dims[4] = {0};
	if (!eat(&c, '{'))
		return err_at(err, errlen, "malformed .npy header: no '{'");
	while (!eat(&c, '}')) {
		if (quoted(&c, key, sizeof key) || !eat(&c, ':'))
			return err_at(err, errlen,
				      "malformed .npy header: expected "
				      "'key': value");
		if (strcmp(key, "descr") == 0) {
			if (quoted(&c, descr, sizeof descr))
				return err_at(err, errlen,
					      "malformed .npy header: descr "
					      "is not a simple dtype string "
					      "(structured arrays are not "
					      "supported)");
			have_descr = 1;
		} else if (strcmp(key, "fortran_order") == 0) {
			if (word(&c, "True"))
				fortran = 1;
			else if (!word(&c, "False"))
				return err_at(err, errlen,
					      "malformed .npy header: "
					      "fortran_order is not True or "
					      "False");
			have_order = 1;
		} else if (strcmp(key, "shape") == 0) {
			if (shape(&c, dims, &ndim))
				return err_at(err, errlen,
					      "malformed .npy header: shape "
					      "is not a tuple of integers");
			have_shape = 1;
		} else {
			return err_at(err, errlen,
				      "malformed .npy header: unknown key "
				      "'%s'",
				      key);
		}
		if (!eat(&c, ',')) {
			if (eat(&c, '}'))
				break;
			return err_at(err, errlen,
				      "malformed .npy header: expected ',' "
				      "or '}'");
		}
	}
	if (!have_descr || !have_order || !have_shape)
		return err_at(err, errlen,
			      "malformed .npy header: it must give descr, "
			      "fortran_order and shape");
	size_t k = 0, nd = sizeof dtypes / sizeof *dtypes;
	while (k < nd && strcmp(dtypes[k].descr, descr) != 0)
		k++;
	if (k == nd)
		return err_at(
		    err, errlen,
		    "dtype '%s' is not supported; use little-endian float64, "
		    "float32 or integers (e.g. arr.astype('<f8'))%s",
		    descr, descr[0] == '>' ? " (this one is big-endian)" : "");
	if (ndim != 1)
		return err_at(err, errlen,
			      "the array has %d dimensions; only 1-D arrays "
			      "are supported (save one column, e.g. a[:, 0])",
			      ndim);
	if (fortran)
		return err_at(err, errlen,
			      "fortran_order arrays are not supported; save "
			      "a C-ordered array (np.ascontiguousarray)");
	size_t bytes, end;
	if (dims[0] > ARRAY_MAX_PTS ||
	    sp_mul(dims[0], dtypes[k].size, &bytes) ||
	    sp_add(start + hlen, bytes, &end))
		return err_at(err, errlen, "%zu values is too many", dims[0]);
	if (end != file_size)
		return err_at(err, errlen,
			      "the header promises %zu values (%zu bytes) but "
			      "the file holds %llu bytes of data",
			      dims[0], bytes,
			      (unsigned long long)(file_size - start - hlen));
	if (dims[0] == 0)
		return err_at(err, errlen, "the array is empty");
	info->dtype = dtypes[k].dtype;
	info->itemsize = dtypes[k].size;
	info->n = dims[0];
	info->offset = start + hlen;
	return 0;
}

static int open_regular(const char *path, uint64_t *size, char *err,
			size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_at(err, errlen, "cannot open %s: %s", path,
			      strerror(errno));
	struct stat sb;
	if (fstat(fd, &sb) != 0) {
		int e = errno;
		close(fd);
		return err_at(err, errlen, "cannot read %s: %s", path,
			      strerror(e));
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		return err_at(err, errlen, "cannot read %s: not a regular file",
			      path);
	}
	*size = (uint64_t)sb.st_size;
	return fd;
}

/* pread until len bytes or EOF; returns bytes read or -1. */
static ssize_t read_full(int fd, void *buf, size_t len, uint64_t off)
{
	size_t got = 0;
	while (got < len) {
		ssize_t n =
		    pread(fd, (char *)buf + got, len - got, (off_t)(off + got));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

int sp_npy_probe(const char *path, sp_array_info *info, char *err,
		 size_t errlen)
{
	uint64_t size;
	int fd = open_regular(path, &size, err, errlen);
	if (fd < 0)
		return -1;
	/* Enough for any header numpy writes; the parser checks the rest. */
	size_t want = size < 12 + NPY_MAX_HDR ? (size_t)size : 12 + NPY_MAX_HDR;
	unsigned char *buf = malloc(want ? want : 1);
	if (!buf) {
		close(fd);
		return err_at(err, errlen, "%s: out of memory", path);
	}
	ssize_t got = read_full(fd, buf, want, 0);
	int e = errno;
	close(fd);
	if (got < 0) {
		free(buf);
		return err_at(err, errlen, "cannot read %s: %s", path,
			      strerror(e));
	}
	char why[256];
	int rc = sp_npy_header(buf, (size_t)got, size, info, why, sizeof why);
	free(buf);
	if (rc)
		return err_at(err, errlen, "%s: %s", path, why);
	return 0;
}

int sp_raw_probe(const char *path, sp_array_info *info, char *err,
		 size_t errlen)
{
	uint64_t size;
	int fd = open_regular(path, &size, err, errlen);
	if (fd < 0)
		return -1;
	close(fd);
	if (size == 0 || size % 8 != 0 || size / 8 > ARRAY_MAX_PTS)
		return err_at(err, errlen,
			      "%s: %llu bytes is not a whole, non-zero number "
			      "of float64 values",
			      path, (unsigned long long)size);
	info->dtype = SP_F8;
	info->itemsize = 8;
	info->n = (size_t)(size / 8);
	info->offset = 0;
	return 0;
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

int sp_array_read(const char *path, const sp_array_info *info, double *dst,
		  char *err, size_t errlen)
{
	uint64_t size;
	int fd = open_regular(path, &size, err, errlen);
	if (fd < 0)
		return -1;
	/*
	 * Read in blocks and convert in place; on a little-endian host
	 * float64 could be read straight into dst, but the block keeps one
	 * code path for every dtype and costs a memcpy-sized pass.
	 */
	enum { BLOCK = 1 << 16 };
	unsigned char *blk = malloc(BLOCK);
	if (!blk) {
		close(fd);
		return err_at(err, errlen, "%s: out of memory", path);
	}
	size_t per = BLOCK / info->itemsize, done = 0;
	int rc = 0;
	while (done < info->n) {
		size_t k = info->n - done < per ? info->n - done : per;
		size_t bytes = k * info->itemsize;
		ssize_t got = read_full(fd, blk, bytes,
					info->offset + done * info->itemsize);
		if (got != (ssize_t)bytes) {
			rc = err_at(err, errlen, "cannot read %s: %s", path,
				    got < 0 ? strerror(errno)
					    : "the file shrank while it was "
					      "being read");
			break;
		}
		for (size_t i = 0; i < k; i++)
			dst[done + i] =
			    convert(blk + i * info->itemsize, info->dtype);
		done += k;
	}
	free(blk);
	close(fd);
	return rc;
}
