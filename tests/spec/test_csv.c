/* SPDX-License-Identifier: MIT */
/* Tests for src/spec/csv.c: RFC 4180 quoting through libcsv, NaN cells. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spec/spec_io.h"

static sp_csv *parse(const char *text, int header, char *err, size_t errlen)
{
	sp_csv *csv = NULL;
	shmplot_status st = sp_csv_parse("t.csv", text, strlen(text), header,
					 ',', &csv, err, errlen);
	if (st)
		assert_null(csv);
	else
		assert_non_null(csv);
	return csv;
}

/* Delimiters, doubled quotes and newlines inside quotes stay in a cell. */
static void test_quoting(void **state)
{
	(void)state;
	char err[256];
	const char *text = "id,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
			   "1,\"2.5\",3,\"4\"\r\n"
			   "\"5\",6e-1,\" 7 \",8\r\n";
	sp_csv *csv = parse(text, 1, err, sizeof err);
	assert_non_null(csv);
	assert_int_equal(csv->ncols, 4);
	assert_int_equal(csv->nrows, 2);
	assert_string_equal(csv->cols[1].name, "a, b");
	assert_string_equal(csv->cols[2].name, "say \"hi\"");
	assert_string_equal(csv->cols[3].name, "two\nlines");
	size_t ix = 0;
	assert_true(sp_csv_find(csv, "a, b", &ix));
	assert_int_equal(ix, 1);
	assert_false(sp_csv_find(csv, "nope", &ix));
	assert_true(csv->cols[1].v[0] == 2.5);
	assert_true(csv->cols[0].v[1] == 5);
	assert_true(csv->cols[1].v[1] == 0.6);
	assert_true(csv->cols[2].v[1] == 7); /* blanks around a number */
	for (size_t c = 0; c < 4; c++)
		assert_int_equal(csv->cols[c].empty + csv->cols[c].bad, 0);
	sp_csv_free(csv);
}

/* Empty cells, short rows and text become NaN, each counted. */
static void test_missing_and_bad(void **state)
{
	(void)state;
	char err[256];
	const char *text = "x,y,z\n"
			   "1,,3\n"
			   "2,n/a,\"\"\n"
			   "3\n"
			   "4,nan,inf\n";
	sp_csv *csv = parse(text, 1, err, sizeof err);
	assert_non_null(csv);
	assert_int_equal(csv->nrows, 4);
	const sp_csv_col *y = &csv->cols[1], *z = &csv->cols[2];
	assert_int_equal(y->n, 4);
	assert_true(isnan(y->v[0]) && isnan(y->v[1]) && isnan(y->v[2]));
	assert_int_equal(y->empty, 2); /* row 2 empty, row 4 missing */
	assert_int_equal(y->bad, 1);
	assert_int_equal(y->bad_row, 3);
	assert_string_equal(y->bad_text, "n/a");
	assert_true(isnan(y->v[3])); /* "nan" is a number: not counted */
	assert_int_equal(z->empty, 2);
	assert_int_equal(z->bad, 0);
	assert_true(isinf(z->v[3]));
	sp_csv_free(csv);
}

static void test_no_header_and_bom(void **state)
{
	(void)state;
	char err[256];
	sp_csv *csv = parse("\xef\xbb\xbf"
			    "1,2\n3,4\n",
			    0, err, sizeof err);
	assert_non_null(csv);
	assert_int_equal(csv->nrows, 2);
	assert_null(csv->cols[0].name);
	assert_true(csv->cols[0].v[0] == 1 && csv->cols[1].v[1] == 4);
	sp_csv_free(csv);
	csv = parse("\xef\xbb\xbf"
		    "t\n1\n",
		    1, err, sizeof err);
	assert_non_null(csv);
	assert_string_equal(csv->cols[0].name, "t");
	sp_csv_free(csv);
}

static void test_errors(void **state)
{
	(void)state;
	char err[256];
	assert_null(parse("a,b\n1,2,3\n", 1, err, sizeof err));
	assert_non_null(strstr(err, "row 2 has more fields than the header"));
	/* Strict mode: text after a closing quote is malformed. */
	assert_null(parse("a,b\n1,\"2\"x\n", 1, err, sizeof err));
	assert_non_null(strstr(err, "t.csv: line 2: malformed CSV"));
	assert_null(parse("a\n\"open\n", 1, err, sizeof err));
	assert_non_null(strstr(err, "malformed CSV"));
	assert_null(parse("", 1, err, sizeof err));
	assert_non_null(strstr(err, "empty"));
	sp_csv *csv = NULL;
	assert_int_equal(
	    sp_csv_read("/nonexistent/x.csv", 1, ',', &csv, err, sizeof err),
	    SHMPLOT_E_NOT_FOUND);
	assert_string_equal(
	    err, "cannot open /nonexistent/x.csv: No such file or directory");
}

static void test_semicolon_file(void **state)
{
	(void)state;
	char path[] = "/tmp/shmplot-csv-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs("a;b\n1;2,5\n", f);
	fclose(f);
	char err[256];
	sp_csv *csv = NULL;
	assert_int_equal(sp_csv_read(path, 1, ';', &csv, err, sizeof err),
			 SHMPLOT_OK);
	assert_true(csv->cols[0].v[0] == 1);
	assert_int_equal(csv->cols[1].bad, 1); /* "2,5" is not a number */
	sp_csv_free(csv);
	unlink(path);
}

/*
 * A crash can leave a CSV file with a tail of zero bytes. Such text was
 * read as one huge field (rc 0, twice the tail in memory); it is refused,
 * saying where the first NUL is.
 */
static void test_nul_tail(void **state)
{
	(void)state;
	char err[256];
	const size_t tail = 1 << 20;
	const char head[] = "t,v\n0,1.5\n1,2.5\n";
	char *buf = calloc(1, sizeof head - 1 + tail);
	assert_non_null(buf);
	memcpy(buf, head, sizeof head - 1);
	sp_csv *csv = NULL;
	assert_int_equal(sp_csv_parse("crash.csv", buf, sizeof head - 1 + tail,
				      1, ',', &csv, err, sizeof err),
			 SHMPLOT_E_INVALID);
	assert_null(csv);
	assert_string_equal(err, "crash.csv: line 4 (byte 17): a NUL byte; "
				 "CSV text holds none (was the file cut "
				 "short by a crash?)");
	/* One NUL inside a quoted field is no better. */
	static const char quoted[] = "a\n\"x\0y\"\n";
	assert_int_equal(sp_csv_parse("q.csv", quoted, sizeof quoted - 1, 1,
				      ',', &csv, err, sizeof err),
			 SHMPLOT_E_INVALID);
	assert_non_null(strstr(err, "q.csv: line 2 (byte 5): a NUL byte"));
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_quoting),
	    cmocka_unit_test(test_missing_and_bad),
	    cmocka_unit_test(test_no_header_and_bom),
	    cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_semicolon_file),
	    cmocka_unit_test(test_nul_tail),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
