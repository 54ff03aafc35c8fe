/* SPDX-License-Identifier: MIT */
/*
 * The seed job through the C API: the parent computes sin, cos and tan of x
 * straight into the shared-memory segment, three figures are rendered by
 * forked workers, and both the PNG bytes and the raw pixels come back.
 *
 *   seed_figures [OUTDIR]     (writes OUTDIR/figure1.png ... when given)
 */
#include <shmplot.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define N  1000
#define PI 3.14159265358979323846

static int die(const char *what, const char *msg)
{
	fprintf(stderr, "seed_figures: %s: %s\n", what, msg);
	return 1;
}

int main(int argc, char **argv)
{
	char err[512];
	shmplot_data *data;
	if (shmplot_data_new(&data, 4, 4 * N, err, sizeof err))
		return die("data segment", err);

	/* Compute in place: no copy into the segment, none out of it. */
	double *x, *s, *c, *t;
	shmplot_series ix, is, ic, it;
	if (shmplot_data_alloc(data, "x", N, &x, &ix) ||
	    shmplot_data_alloc(data, "sin", N, &s, &is) ||
	    shmplot_data_alloc(data, "cos", N, &c, &ic) ||
	    shmplot_data_alloc(data, "tan", N, &t, &it))
		return die("series", shmplot_data_errmsg(data));
	for (int i = 0; i < N; i++) {
		x[i] = 4 * PI * i / (N - 1);
		s[i] = sin(x[i]);
		c[i] = cos(x[i]);
		t[i] = tan(x[i]);
	}
	if (shmplot_data_seal(data)) /* read-only from here on */
		return die("seal", shmplot_data_errmsg(data));

	/* figure1: sin and cos; figure2: tan; figure3: all three. */
	shmplot_figure *figs[3];
	const char *names[3] = {"figure1", "figure2", "figure3"};
	for (int f = 0; f < 3; f++) {
		if (shmplot_figure_new(&figs[f], names[f], 12, 3, 100, err,
				       sizeof err))
			return die(names[f], err);
		shmplot_axes *ax = shmplot_figure_axes(figs[f], 0, 0);
		if (f != 1) {
			shmplot_axes_plot(ax, ix, is, "sin(x)", NULL);
			shmplot_axes_plot(ax, ix, ic, "cos(x)", NULL);
		}
		if (f != 0) {
			shmplot_axes_plot(ax, ix, it, "tan(x)", NULL);
			shmplot_axes_set_ylim(ax, -5, 5);
		}
		shmplot_axes_set_legend(ax, SHMPLOT_LEGEND_BEST);
	}

	shmplot_renderer *r;
	if (shmplot_renderer_new(&r, NULL, err, sizeof err))
		return die("renderer", err);
	shmplot_render_opts opts;
	shmplot_render_opts_init(&opts);
	opts.want_pixels = 1; /* the image arrays, as well as the PNGs */
	shmplot_results *res;
	shmplot_status st = shmplot_render(r, data, figs, 3, &opts, &res);
	if (st != SHMPLOT_OK && st != SHMPLOT_E_FIGURES)
		return die("render", shmplot_renderer_errmsg(r));

	int failed = 0;
	for (size_t i = 0; i < shmplot_results_count(res); i++) {
		const char *name = shmplot_results_name(res, i);
		if (shmplot_results_status(res, i) != SHMPLOT_FIG_OK) {
			fprintf(stderr, "%s: %s: %s\n", name,
				shmplot_fig_status_str(
				    shmplot_results_status(res, i)),
				shmplot_results_message(res, i));
			failed = 1;
			continue;
		}
		size_t len;
		const unsigned char *png = shmplot_results_png(res, i, &len);
		int w, h;
		shmplot_results_pixels(res, i, &w, &h, NULL);
		printf("%s: %zu PNG bytes, %d x %d RGBA pixels, %.1f ms\n",
		       name, len, w, h, shmplot_results_seconds(res, i) * 1e3);
		if (argc > 1) {
			char path[4096];
			snprintf(path, sizeof path, "%s/%s.png", argv[1], name);
			FILE *fp = fopen(path, "wb");
			if (!fp || fwrite(png, 1, len, fp) != len) {
				perror(path);
				failed = 1;
			}
			if (fp)
				fclose(fp);
		}
	}
	shmplot_results_free(res);
	for (int f = 0; f < 3; f++)
		shmplot_figure_free(figs[f]);
	shmplot_renderer_free(r);
	shmplot_data_free(data);
	return failed;
}
