/* SPDX-License-Identifier: MIT */
/*
 * A multithreaded caller of the installed library: a second thread is alive
 * while shmplot_render() runs, so the library must spawn its shmplot-worker
 * executable (it never forks a threaded process) and find it itself.
 *
 *   threaded_caller OUT.png     exit 0 and "threaded_caller: 2 figures"
 */
#include <shmplot.h>

#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#define N 200

static int pipefd[2];

static void *idle(void *arg)
{
	char c;
	(void)arg;
	/* blocks until main closes the pipe */
	while (read(pipefd[0], &c, 1) > 0)
		;
	return NULL;
}

static int render(const char *out)
{
	char err[512];
	shmplot_data *data;
	shmplot_figure *figs[2];
	shmplot_renderer *r;
	shmplot_results *res;
	shmplot_render_opts opts;
	double *x, *y;
	shmplot_series ix, iy;
	size_t len;
	int i;

	if (shmplot_data_new(&data, 2, 2 * N, err, sizeof err) ||
	    shmplot_data_alloc(data, "x", N, &x, &ix) ||
	    shmplot_data_alloc(data, "y", N, &y, &iy))
		return fprintf(stderr, "threaded_caller: data: %s\n", err), 1;
	for (i = 0; i < N; i++) {
		x[i] = i;
		y[i] = (double)(i % 37);
	}
	if (shmplot_data_seal(data))
		return 1;
	for (i = 0; i < 2; i++) {
		if (shmplot_figure_new(&figs[i], i ? "b" : "a", 4, 3, 50, err,
				       sizeof err) ||
		    shmplot_axes_plot(shmplot_figure_axes(figs[i], 0, 0), ix,
				      iy, NULL, NULL))
			return fprintf(stderr, "threaded_caller: %s\n", err), 1;
	}
	if (shmplot_renderer_new(&r, NULL, err, sizeof err))
		return fprintf(stderr, "threaded_caller: %s\n", err), 1;
	shmplot_render_opts_init(&opts);
	opts.jobs = 2;
	if (shmplot_render(r, data, figs, 2, &opts, &res) != SHMPLOT_OK) {
		fprintf(stderr, "threaded_caller: render: %s (%s)\n",
			shmplot_renderer_errmsg(r),
			res ? shmplot_results_message(res, 0) : "no results");
		return 1;
	}
	const unsigned char *png = shmplot_results_png(res, 1, &len);
	FILE *f = fopen(out, "wb");
	if (!png || !f || fwrite(png, 1, len, f) != len || fclose(f) != 0)
		return fprintf(stderr, "threaded_caller: cannot write\n"), 1;
	printf("threaded_caller: %zu figures\n", shmplot_results_count(res));
	shmplot_results_free(res);
	shmplot_renderer_free(r);
	for (i = 0; i < 2; i++)
		shmplot_figure_free(figs[i]);
	shmplot_data_free(data);
	return 0;
}

int main(int argc, char **argv)
{
	pthread_t t;
	int rc;
	if (argc != 2 || pipe(pipefd) != 0 ||
	    pthread_create(&t, NULL, idle, NULL) != 0)
		return 2;
	rc = render(argv[1]);
	close(pipefd[1]);
	pthread_join(t, NULL);
	return rc;
}
