/* SPDX-License-Identifier: MIT */
/*
 * One figure through shmplot's C API: a damped oscillation, written to the
 * PNG file named on the command line.
 *
 *   damped OUT.png
 */
#include <shmplot.h>

#include <math.h>
#include <stdio.h>

#define N 400

static int die(const char *what, const char *msg)
{
	fprintf(stderr, "damped: %s: %s\n", what, msg);
	return 1;
}

int main(int argc, char **argv)
{
	char err[512];
	shmplot_data *data;
	shmplot_figure *fig;
	shmplot_renderer *r;
	shmplot_results *res;
	double *x, *y;
	shmplot_series ix, iy;
	size_t len;

	if (argc != 2)
		return die("usage", "damped OUT.png");
	if (shmplot_data_new(&data, 2, 2 * N, err, sizeof err))
		return die("data", err);
	if (shmplot_data_alloc(data, "t", N, &x, &ix) ||
	    shmplot_data_alloc(data, "y", N, &y, &iy))
		return die("data", shmplot_data_errmsg(data));
	for (int i = 0; i < N; i++) {
		x[i] = 10.0 * i / (N - 1);
		y[i] = exp(-0.3 * x[i]) * cos(2 * x[i]);
	}
	if (shmplot_data_seal(data))
		return die("seal", shmplot_data_errmsg(data));

	if (shmplot_figure_new(&fig, "damped", 6, 3, 100, err, sizeof err))
		return die("figure", err);
	shmplot_axes *ax = shmplot_figure_axes(fig, 0, 0);
	if (shmplot_axes_plot(ax, ix, iy, "exp(-0.3 t) cos(2 t)", NULL) ||
	    shmplot_axes_set_title(ax, "damped oscillation") ||
	    shmplot_axes_set_legend(ax, SHMPLOT_LEGEND_UPPER_RIGHT))
		return die("figure", shmplot_figure_errmsg(fig));

	if (shmplot_renderer_new(&r, NULL, err, sizeof err))
		return die("renderer", err);
	if (shmplot_render(r, data, &fig, 1, NULL, &res) != SHMPLOT_OK)
		return die("render", res ? shmplot_results_message(res, 0)
					 : shmplot_renderer_errmsg(r));
	const unsigned char *png = shmplot_results_png(res, 0, &len);
	FILE *f = fopen(argv[1], "wb");
	if (f == NULL || fwrite(png, 1, len, f) != len || fclose(f) != 0)
		return die(argv[1], "cannot write");

	shmplot_results_free(res);
	shmplot_renderer_free(r);
	shmplot_figure_free(fig);
	shmplot_data_free(data);
	return 0;
}
