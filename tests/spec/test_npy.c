/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/spec/npy.c: .npy files of every supported dtype, built here
 * byte by byte as numpy.save() writes them, plus malformed headers.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spec/spec_io.h"

static char path[] = "/tmp/shmplot-npy-XXXXXX";

/* Writes a version-major .npy file with the given header dict and data. */
static void write_npy(int major, const char *dict, const void *data,
		      size_t bytes)
{
	size_t pre = major == 1 ? 10 : 12;
	size_t len = strlen(dict) + 1;
	size_t pad = (64 - (pre + len) % 64) % 64;
	size_t hlen = len + pad;
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fwrite("\x93NUMPY", 1, 6, f);
	fputc(major, f);
	fputc(0, f);
	for (size_t i = 0; i < (major == 1 ? 2u : 4u); i++)
		fputc((int)((hlen >> (8 * i)) & 0xff), f);
	fputs(dict, f);
	for (size_t i = 0; i < pad; i++)
		fputc(' ', f);
	fputc('\n', f);
	fwrite(data, 1, bytes, f);
	fclose(f);
}

static void check_values(const char *descr, const void *data, size_t size,
			 size_t n, const double *want)
{
	char dict[200], err[256];
	snprintf(dict, sizeof dict,
		 "{'descr': '%s', 'fortran_order': False, 'shape': (%zu,), }",
		 descr, n);
	write_npy(1, dict, data, size * n);
	sp_array_info info;
	if (sp_npy_probe(path, &info, err, sizeof err))
		fail_msg("%s: %s", descr, err);
	assert_int_equal(info.n, n);
	assert_int_equal(info.itemsize, size);
	double got[8];
	assert_int_equal(sp_array_read(path, &info, got, err, sizeof err), 0);
	for (size_t i = 0; i < n; i++)
		if (got[i] != want[i])
			fail_msg("%s[%zu]: %g != %g", descr, i, got[i],
				 want[i]);
}

/* The host is little-endian (x86-64, aarch64): memory order is file order. */
static void test_dtypes(void **state)
{
	(void)state;
	const double f8[4] = {1.5, -2.25, 1e300, 0};
	check_values("<f8", f8, 8, 4, f8);
	const float f4[3] = {0.5f, -3.0f, 1e30f};
	const double f4d[3] = {0.5, -3.0, (double)1e30f};
	check_values("<f4", f4, 4, 3, f4d);
	const int8_t i1[3] = {-128, 0, 127};
	const double i1d[3] = {-128, 0, 127};
	check_values("|i1", i1, 1, 3, i1d);
	const int16_t i2[3] = {-32768, 1, 32767};
	const double i2d[3] = {-32768, 1, 32767};
	check_values("<i2", i2, 2, 3, i2d);
	const int32_t i4[3] = {INT32_MIN, -1, INT32_MAX};
	const double i4d[3] = {INT32_MIN, -1, INT32_MAX};
	check_values("<i4", i4, 4, 3, i4d);
	const int64_t i8[3] = {-((int64_t)1 << 53), 42, (int64_t)1 << 53};
	const double i8d[3] = {-9007199254740992.0, 42, 9007199254740992.0};
	check_values("<i8", i8, 8, 3, i8d);
	const uint8_t u1[2] = {0, 255};
	const double u1d[2] = {0, 255};
	check_values("|u1", u1, 1, 2, u1d);
	const uint16_t u2[2] = {0, 65535};
	const double u2d[2] = {0, 65535};
	check_values("<u2", u2, 2, 2, u2d);
	const uint32_t u4[2] = {0, UINT32_MAX};
	const double u4d[2] = {0, UINT32_MAX};
	check_values("<u4", u4, 4, 2, u4d);
	const uint64_t u8[2] = {7, (uint64_t)1 << 60};
	const double u8d[2] = {7, 1152921504606846976.0};
	check_values("<u8", u8, 8, 2, u8d);
}

/* Format 2.0 (4-byte header length) and a dict in another key order. */
static void test_version2(void **state)
{
	(void)state;
	const double v[2] = {3, 4};
	write_npy(2, "{'shape': (2,), 'fortran_order': False, 'descr': '<f8'}",
		  v, sizeof v);
	sp_array_info info;
	char err[256];
	assert_int_equal(sp_npy_probe(path, &info, err, sizeof err), 0);
	assert_int_equal(info.n, 2);
	assert_int_equal(info.offset % 64, 0); /* numpy aligns data to 64 */
}

/* A 2-D array (rows, cols) in C order: rows * cols values row after
 * row, and its shape. */
static void test_2d(void **state)
{
	(void)state;
	const float v[6] = {1, 2, 3, 4, 5, 6.5f};
	write_npy(1,
		  "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)}",
		  v, sizeof v);
	sp_array_info info;
	char err[256];
	if (sp_npy_probe(path, &info, err, sizeof err))
		fail_msg("%s", err);
	assert_int_equal(info.n, 6);
	assert_int_equal(info.cols, 3);
	double got[6];
	assert_int_equal(sp_array_read(path, &info, got, err, sizeof err), 0);
	for (int i = 0; i < 6; i++)
		assert_true(got[i] == (double)v[i]);
	/* a 1 x n and an n x 1 array are 2-D too; (n,) is 1-D */
	write_npy(1,
		  "{'descr': '<f4', 'fortran_order': False, 'shape': (6, 1)}",
		  v, sizeof v);
	assert_int_equal(sp_npy_probe(path, &info, err, sizeof err), 0);
	assert_int_equal(info.n, 6);
	assert_int_equal(info.cols, 1);
	write_npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (6,)}",
		  v, sizeof v);
	assert_int_equal(sp_npy_probe(path, &info, err, sizeof err), 0);
	assert_int_equal(info.cols, 0);
}

static void expect_bad(int major, const char *dict, size_t data_bytes,
		       const char *msg)
{
	unsigned char data[64] = {0};
	write_npy(major, dict, data, data_bytes);
	sp_array_info info;
	char err[256];
	assert_int_equal(sp_npy_probe(path, &info, err, sizeof err),
			 SHMPLOT_E_INVALID);
	if (!strstr(err, msg))
		fail_msg("want \"%s\" in \"%s\"", msg, err);
	assert_non_null(strstr(err, path)); /* names the file */
}

static void test_malformed(void **state)
{
	(void)state;
	expect_bad(1, "{'descr': '>f8', 'fortran_order': False, 'shape': (2,)}",
		   16, "big-endian");
	expect_bad(1,
		   "{'descr': '<c16', 'fortran_order': False, 'shape': (2,)}",
		   32, "dtype '<c16' is not supported");
	expect_bad(1,
		   "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2, "
		   "1)}",
		   32, "3 dimensions; 1-D and 2-D arrays are supported");
	expect_bad(1,
		   "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2)}",
		   32, "fortran_order");
	expect_bad(1,
		   "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3)}",
		   32, "promises 6 values");
	expect_bad(1,
		   "{'descr': '<f8', 'fortran_order': False, 'shape': (0, 3)}",
		   0, "the array is empty");
	expect_bad(1, "{'descr': '<f8', 'fortran_order': True, 'shape': (2,)}",
		   16, "fortran_order");
	expect_bad(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3,)}",
		   16, "promises 3 values");
	expect_bad(1, "{'descr': '<f8', 'fortran_order': False}", 16,
		   "must give descr, fortran_order and shape");
	expect_bad(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,",
		   16, "shape is not a tuple");
	expect_bad(1, "'descr': '<f8'", 16, "no '{'");
	expect_bad(1, "{'descr': '<f8', 'colour': 1}", 16, "unknown key");
	expect_bad(9, "{}", 0, "version 9.0 is not supported");
	expect_bad(1, "{'descr': [('a', '<f8')], 'fortran_order': False}", 0,
		   "structured arrays");
	/* Not .npy at all. */
	FILE *f = fopen(path, "wb");
	fputs("just text, no magic", f);
	fclose(f);
	sp_array_info info;
	char err[256];
	assert_int_equal(sp_npy_probe(path, &info, err, sizeof err),
			 SHMPLOT_E_INVALID);
	assert_non_null(strstr(err, "not a .npy file"));
	/* A header length pointing past the end of the file. */
	f = fopen(path, "wb");
	fwrite("\x93NUMPY\x01\x00\xff\x7f{", 1, 11, f);
	fclose(f);
	assert_int_equal(sp_npy_probe(path, &info, err, sizeof err),
			 SHMPLOT_E_INVALID);
	assert_non_null(strstr(err, "truncated .npy header"));
	assert_int_equal(
	    sp_npy_probe("/nonexistent.npy", &info, err, sizeof err),
	    SHMPLOT_E_IO);
	assert_string_equal(
	    err, "cannot open /nonexistent.npy: No such file or directory");
}

static void test_raw(void **state)
{
	(void)state;
	const double v[3] = {1, 2, 3.5};
	FILE *f = fopen(path, "wb");
	fwrite(v, 1, sizeof v, f);
	fclose(f);
	sp_array_info info;
	char err[256];
	assert_int_equal(sp_raw_probe(path, &info, err, sizeof err), 0);
	assert_int_equal(info.n, 3);
	double got[3];
	assert_int_equal(sp_array_read(path, &info, got, err, sizeof err), 0);
	assert_memory_equal(got, v, sizeof v);
	f = fopen(path, "wb");
	fwrite(v, 1, 12, f); /* not a whole number of doubles */
	fclose(f);
	assert_int_equal(sp_raw_probe(path, &info, err, sizeof err),
			 SHMPLOT_E_INVALID);
	assert_non_null(strstr(err, "12 bytes is not a whole"));
}

static int setup(void **state)
{
	(void)state;
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dtypes), cmocka_unit_test(test_version2),
	    cmocka_unit_test(test_2d),     cmocka_unit_test(test_malformed),
	    cmocka_unit_test(test_raw),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
