/* SPDX-License-Identifier: MIT */
/*
 * A program built against shmplot.h 0.1 (the copy in tests/abi/0.1, whose
 * option structures had no size) and linked as it was then (against a
 * library without symbol versions, tests/abi/CMakeLists.txt), run against
 * today's libshmplot.so: every option it sets must still take effect.
 */
#include <shmplot.h>
#include <shmplot/diff.h>

#include <stdio.h>
#include <string.h>

#define N 300

static int fails;

#define CHECK(c)                                                               \
	do {                                                                   \
		if (!(c)) {                                                    \
			fprintf(stderr, "old_caller: %s:%d: %s\n", __FILE__,   \
				__LINE__, #c);                                 \
			fails++;                                               \
		}                                                              \
	} while (0)

static int on_result(void *userdata, const shmplot_results *res, size_t i)
{
	size_t len = 0;
	(void)i;
	if (shmplot_results_png(res, i, &len) && len > 0)
		++*(int *)userdata;
	return 0;
}

int main(void)
{
	char err[512];
	shmplot_data *data;
	shmplot_figure *figs[2];
	shmplot_renderer *r;
	shmplot_results *res, *stored;
	shmplot_render_opts opts;
	shmplot_diff_opts dopts;
	shmplot_diff *d;
	double *x, *y;
	shmplot_series ix, iy;
	size_t len[2], slen;
	int w, h, calls = 0, i;

	if (shmplot_data_new(&data, 2, 2 * N, err, sizeof err) ||
	    shmplot_data_alloc(data, "x", N, &x, &ix) ||
	    shmplot_data_alloc(data, "y", N, &y, &iy))
		return fprintf(stderr, "old_caller: %s\n", err), 1;
	for (i = 0; i < N; i++) {
		x[i] = i;
		y[i] = (i * 7919) % 101;
	}
	CHECK(shmplot_data_seal(data) == SHMPLOT_OK);
	for (i = 0; i < 2; i++) {
		CHECK(shmplot_figure_new(&figs[i], i ? "b" : "a", 4, 3, 50, err,
					 sizeof err) == SHMPLOT_OK);
		shmplot_axes *ax = shmplot_figure_axes(figs[i], 0, 0);
		CHECK(shmplot_axes_plot(ax, ix, iy, NULL, NULL) == SHMPLOT_OK);
		CHECK(shmplot_axes_set_title(ax, i ? "b" : "a") == SHMPLOT_OK);
	}
	CHECK(shmplot_renderer_new(&r, NULL, err, sizeof err) == SHMPLOT_OK);

	/* every 0.1 field: jobs, timeout, pixels, callback, user data */
	shmplot_render_opts_init(&opts);
	CHECK(opts.png_level == -1 && opts.jobs == 0 && !opts.cancel);
	opts.jobs = 2;
	opts.timeout_s = 60;
	opts.want_pixels = 1;
	opts.on_result = on_result;
	opts.userdata = &calls;
	CHECK(shmplot_render(r, data, figs, 2, &opts, &res) == SHMPLOT_OK);
	CHECK(calls == 2);
	CHECK(shmplot_results_count(res) == 2);
	CHECK(shmplot_results_pixels(res, 0, &w, &h, NULL) != NULL);
	CHECK(w == 200 && h == 150);
	CHECK(shmplot_results_png(res, 0, &len[0]) && len[0] > 0);
	CHECK(shmplot_results_png(res, 1, &len[1]) && len[1] > 0);

	/*
	 * png_level 0 (stored) is read at its place: a far bigger file (90 KB
	 * against the default's 21.5 KB for this zig-zag line: the default's
	 * deflate looks for matches at few distances; 16 KB with libdeflate)
	 */
	shmplot_render_opts_init(&opts);
	opts.png_level = 0;
	CHECK(shmplot_render(r, data, figs, 1, &opts, &stored) == SHMPLOT_OK);
	CHECK(shmplot_results_png(stored, 0, &slen) && slen > 3 * len[0]);
	shmplot_results_free(stored);

	/* discard_outputs, after the callback */
	calls = 0;
	shmplot_render_opts_init(&opts);
	opts.on_result = on_result;
	opts.userdata = &calls;
	opts.discard_outputs = 1;
	CHECK(shmplot_render(r, data, figs, 2, &opts, &stored) == SHMPLOT_OK);
	CHECK(calls == 2 && !shmplot_results_png(stored, 0, &slen));
	shmplot_results_free(stored);

	/* the diff options: exact says different, a tolerance accepts */
	const unsigned char *a = shmplot_results_png(res, 0, &len[0]);
	const unsigned char *b = shmplot_results_png(res, 1, &len[1]);
	shmplot_diff_opts_init(&dopts);
	CHECK(dopts.window == 8 && dopts.max_delta == 0);
	CHECK(shmplot_diff_new(&d, &dopts, err, sizeof err) == SHMPLOT_OK);
	CHECK(shmplot_diff_buffers(d, a, len[0], b, len[1]) == SHMPLOT_OK);
	CHECK(shmplot_diff_get(d)->verdict == SHMPLOT_DIFF_DIFFERENT);
	CHECK(shmplot_diff_get(d)->diff_pixels > 0);
	CHECK(shmplot_diff_get(d)->window == 8);
	shmplot_diff_free(d);
	dopts.max_delta = 255;
	dopts.max_pixels = UINT64_MAX;
	dopts.window = 4;
	CHECK(shmplot_diff_new(&d, &dopts, err, sizeof err) == SHMPLOT_OK);
	CHECK(shmplot_diff_buffers(d, a, len[0], b, len[1]) == SHMPLOT_OK);
	CHECK(shmplot_diff_get(d)->verdict == SHMPLOT_DIFF_WITHIN_TOLERANCE);
	CHECK(shmplot_diff_get(d)->window == 4);
	shmplot_diff_free(d);
	dopts.window = 0; /* out of range: still checked */
	CHECK(shmplot_diff_new(&d, &dopts, err, sizeof err) ==
	      SHMPLOT_E_INVALID);

	shmplot_results_free(res);
	shmplot_renderer_free(r);
	for (i = 0; i < 2; i++)
		shmplot_figure_free(figs[i]);
	shmplot_data_free(data);
	if (fails == 0)
		printf("old_caller: the 0.1 ABI works (library %s)\n",
		       shmplot_version());
	return fails != 0;
}
