/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/tool/report.c: the --report JSON of a real batch (one
 * figure written, the rest stopped), its keys in order, its values, and a
 * report that cannot be written.
 */
#define _GNU_SOURCE

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"
#include "tool.h"

#include <shmplot/spec.h>

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char dir[] = "/tmp/shmplot-report-XXXXXX";

static const char spec_json[] =
    "{\"shmplot\": 1, \"series\": {\"y\": {\"values\": [1, 3, 2]}},"
    "\"defaults\": {\"size\": [2, 1.5]}, \"figures\": ["
    "{\"name\": \"a\", \"lines\": [{\"y\": \"y\"}]},"
    "{\"name\": \"b\\\"q\", \"lines\": [{\"y\": \"y\"}]},"
    "{\"name\": \"c\", \"lines\": [{\"y\": \"y\"}]}]}";

/* Stops the batch after the first figure, so the others are not run. */
static int stop_after_one(void *ud, const shmplot_results *res, size_t i)
{
	(void)ud;
	(void)res;
	(void)i;
	return 1;
}

static shmplot_results *render_stopped(shmplot_spec **spec)
{
	shmplot_renderer *r = NULL;
	shmplot_results *res = NULL;
	shmplot_render_opts o;
	char err[512];

	assert_int_equal(
	    shmplot_spec_load_buffer(spec, spec_json, strlen(spec_json), "."),
	    SHMPLOT_OK);
	assert_int_equal(shmplot_renderer_new(&r, NULL, err, sizeof err),
			 SHMPLOT_OK);
	shmplot_render_opts_init(&o);
	o.jobs = 1;
	o.on_result = stop_after_one;
	shmplot_render(r, shmplot_spec_data(*spec), shmplot_spec_figures(*spec),
		       shmplot_spec_count(*spec), &o, &res);
	shmplot_renderer_free(r);
	assert_non_null(res);
	return res;
}

static cJSON *read_json(const char *path)
{
	size_t len = 0;
	unsigned char *buf = tu_read_file(path, &len);
	assert_non_null(buf);
	assert_int_equal(buf[len - 1], '\n');
	cJSON *j = cJSON_ParseWithLength((const char *)buf, len);
	free(buf);
	assert_non_null(j);
	return j;
}

/* The names of an object's members, comma-separated. */
static void keys(const cJSON *o, char *out, size_t len)
{
	out[0] = '\0';
	for (const cJSON *c = o->child; c; c = c->next) {
		strncat(out, c->string, len - strlen(out) - 1);
		strncat(out, ",", len - strlen(out) - 1);
	}
}

static void test_report(void **state)
{
	shmplot_spec *spec = NULL;
	shmplot_results *res = render_stopped(&spec);
	const size_t bytes[3] = {1234, 0, 0}, index[3] = {4, 7, 10};
	cli_report_info ri = {NULL,    "out dir", 2,    3,    12,
			      1.23456, NULL,      NULL, NULL, NULL};
	char path[64], k[256];

	(void)state;
	size_t ok = shmplot_results_count(res) - shmplot_results_failed(res);
	assert_int_equal(ok, 1);
	snprintf(path, sizeof path, "%s/r.json", dir);
	assert_int_equal(cli_report_write(path, &ri, res, bytes, index),
			 SHMPLOT_OK);
	cJSON *j = read_json(path);
	keys(j, k, sizeof k);
	assert_string_equal(k, "shmplot_report,spec,out,shard,spec_figures,"
			       "figures_in_shard,ok,failed,not_run,seconds,"
			       "figures,");
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(j, "spec")));
	assert_string_equal(cJSON_GetObjectItem(j, "out")->valuestring,
			    "out dir");
	cJSON *shard = cJSON_GetObjectItem(j, "shard");
	assert_int_equal(cJSON_GetArrayItem(shard, 0)->valueint, 2);
	assert_int_equal(cJSON_GetArrayItem(shard, 1)->valueint, 3);
	assert_int_equal(cJSON_GetObjectItem(j, "figures_in_shard")->valueint,
			 3);
	/* Figures a stopped batch never finished are not run, not failed. */
	assert_int_equal(cJSON_GetObjectItem(j, "failed")->valueint, 0);
	assert_int_equal(cJSON_GetObjectItem(j, "not_run")->valueint, 2);
	assert_float_equal(cJSON_GetObjectItem(j, "seconds")->valuedouble,
			   1.235, 1e-12);

	/* Figures in batch order, each with its position in the spec. */
	cJSON *figs = cJSON_GetObjectItem(j, "figures");
	assert_int_equal(cJSON_GetArraySize(figs), 3);
	for (int i = 0; i < 3; i++) {
		cJSON *f = cJSON_GetArrayItem(figs, i);
		const char *status =
		    cJSON_GetObjectItem(f, "status")->valuestring;
		keys(f, k, sizeof k);
		assert_int_equal(cJSON_GetObjectItem(f, "index")->valueint,
				 (int)index[i]);
		if (strcmp(status, "ok") == 0) {
			assert_string_equal(k, "index,name,status,seconds,"
					       "file,bytes,");
			assert_int_equal(
			    cJSON_GetObjectItem(f, "bytes")->valueint,
			    (int)bytes[i]);
		} else {
			assert_string_equal(status, "not-run");
			assert_string_equal(
			    k, "index,name,status,seconds,message,");
		}
	}
	/* A name with a quote comes back as it was. */
	assert_string_equal(
	    cJSON_GetObjectItem(cJSON_GetArrayItem(figs, 1), "name")
		->valuestring,
	    "b\"q");
	cJSON_Delete(j);
	unlink(path);
	shmplot_results_free(res);
	shmplot_spec_free(spec);
}

/*
 * A figure rendered but not written (a full disk): an "error" with the
 * write's message, no file or bytes, and counted as failed (issue 15: it
 * was "ok" with 0 bytes and counted neither ok nor failed).
 */
static void test_write_error(void **state)
{
	shmplot_spec *spec = NULL;
	shmplot_results *res = render_stopped(&spec);
	const size_t bytes[3] = {0, 0, 0};
	char why[] = "cannot write out/a.png: No space left on device";
	char *werr[3] = {NULL, NULL, NULL};
	cli_report_info ri = {NULL, "out", 1,    1,    3,
			      0.5,  werr,  NULL, NULL, NULL};
	char path[64], k[256];
	int ok_figs = 0;

	(void)state;
	for (size_t i = 0; i < 3; i++)
		if (shmplot_results_status(res, i) == SHMPLOT_FIG_OK)
			werr[i] = why, ok_figs++;
	assert_int_equal(ok_figs, 1);
	snprintf(path, sizeof path, "%s/w.json", dir);
	assert_int_equal(cli_report_write(path, &ri, res, bytes, NULL),
			 SHMPLOT_OK);
	cJSON *j = read_json(path);
	assert_int_equal(cJSON_GetObjectItem(j, "ok")->valueint, 0);
	/* the unwritten figure failed; the two the batch never ran did not */
	assert_int_equal(cJSON_GetObjectItem(j, "failed")->valueint, 1);
	assert_int_equal(cJSON_GetObjectItem(j, "not_run")->valueint, 2);
	cJSON *figs = cJSON_GetObjectItem(j, "figures");
	for (int i = 0; i < 3; i++) {
		cJSON *f = cJSON_GetArrayItem(figs, i);
		const char *status =
		    cJSON_GetObjectItem(f, "status")->valuestring;
		assert_string_not_equal(status, "ok");
		keys(f, k, sizeof k);
		assert_string_equal(k, "index,name,status,seconds,message,");
		if (werr[i]) {
			assert_string_equal(status, "error");
			assert_string_equal(
			    cJSON_GetObjectItem(f, "message")->valuestring,
			    why);
		}
	}
	cJSON_Delete(j);
	unlink(path);
	shmplot_results_free(res);
	shmplot_spec_free(spec);
}

/* No results (an empty shard): counts of 0 and no figures. */
static void test_empty(void **state)
{
	cli_report_info ri = {"s.json", ".",  1,    1,    0,
			      0,        NULL, NULL, NULL, NULL};
	char path[64];

	(void)state;
	snprintf(path, sizeof path, "%s/empty.json", dir);
	assert_int_equal(cli_report_write(path, &ri, NULL, NULL, NULL),
			 SHMPLOT_OK);
	cJSON *j = read_json(path);
	assert_string_equal(cJSON_GetObjectItem(j, "spec")->valuestring,
			    "s.json");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j, "figures")),
			 0);
	cJSON_Delete(j);
	unlink(path);
}

/* A directory that does not exist: an error, and nothing left behind. */
static void test_unwritable(void **state)
{
	cli_report_info ri = {NULL, ".", 1, 1, 0, 0, NULL, NULL, NULL, NULL};
	char path[64];

	(void)state;
	snprintf(path, sizeof path, "%s/no/r.json", dir);
	assert_int_equal(cli_report_write(path, &ri, NULL, NULL, NULL),
			 SHMPLOT_E_IO);
	assert_int_equal(rmdir(dir), 0); /* empty */
	assert_int_equal(mkdir(dir, 0700), 0);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_report),
	    cmocka_unit_test(test_write_error),
	    cmocka_unit_test(test_empty),
	    cmocka_unit_test(test_unwritable),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
