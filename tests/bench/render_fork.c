/*
 * What a forked worker's first figure costs over its second, with and
 * without spr_font_prewarm() in the parent: the seed's figure1 (1,000
 * points) rendered twice in each of R fresh children. Not a test.
 *
 *   render_fork [R]
 */
#include "render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef SHMPLOT_DEFAULT_FONT
#define SHMPLOT_DEFAULT_FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#endif

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* first and second render times (ms) in R children */
static void run(const spr_figure *f, const spr_series *s, const spr_font *font,
		int reps, double *first, double *second)
{
	double a[200], b[200];

	for (int r = 0; r < reps; r++) {
		int fd[2];
		double t[2] = {0, 0};
		pid_t pid;
		if (pipe(fd))
			exit(1);
		pid = fork();
		if (pid == 0) {
			char err[256];
			for (int k = 0; k < 2; k++) {
				cairo_surface_t *out;
				double t0 = now_s();
				if (spr_render(f, s, 3, font, &out, err,
					       sizeof err))
					_exit(1);
				t[k] = (now_s() - t0) * 1e3;
				cairo_surface_destroy(out);
			}
			if (write(fd[1], t, sizeof t) != sizeof t)
				_exit(1);
			_exit(0);
		}
		close(fd[1]);
		if (read(fd[0], t, sizeof t) != sizeof t)
			exit(1);
		close(fd[0]);
		waitpid(pid, NULL, 0);
		a[r] = t[0];
		b[r] = t[1];
	}
	*first = median(a, reps);
	*second = median(b, reps);
}

int main(int argc, char **argv)
{
	int reps = argc > 1 ? atoi(argv[1]) : 31;
	static double x[1000], ys[1000], yc[1000];
	spr_series s[3] = {{x, 1000}, {ys, 1000}, {yc, 1000}};
	spr_figure f;
	spr_axes ax;
	spr_line l[2];
	spr_font *font;
	char err[256];
	double f0, s0, f1, s1;

	if (reps < 1 || reps > 200)
		reps = 31;
	for (int i = 0; i < 1000; i++) {
		x[i] = 4 * M_PI * i / 999.0;
		ys[i] = sin(x[i]);
		yc[i] = cos(x[i]);
	}
	memset(&f, 0, sizeof f);
	memset(&ax, 0, sizeof ax);
	memset(l, 0, sizeof l);
	f.width_in = 12;
	f.height_in = 3;
	f.dpi = 100;
	f.rows = f.cols = 1;
	f.axes = &ax;
	ax.lines = l;
	ax.nlines = ax.cap = 2;
	ax.legend = SPR_LEG_BEST;
	for (int i = 0; i < 2; i++) {
		l[i].x = 0;
		l[i].y = (uint32_t)(1 + i);
		l[i].label = i ? "cos(x)" : "sin(x)";
		l[i].color = SPR_DEFAULT_COLOR;
		l[i].alpha = 1;
		l[i].width_pt = 1.5;
		l[i].marker_pt = 6;
	}
	/* a fresh font for each variant: no glyphs cached by the other */
	if (spr_font_load(SHMPLOT_DEFAULT_FONT, &font, err, sizeof err))
		return 1;
	run(&f, s, font, reps, &f0, &s0);
	spr_font_free(font);
	if (spr_font_load(SHMPLOT_DEFAULT_FONT, &font, err, sizeof err))
		return 1;
	if (spr_font_prewarm(font, 100))
		return 1;
	run(&f, s, font, reps, &f1, &s1);
	spr_font_free(font);
	printf("figure1 in a fresh child, median of %d (ms):\n", reps);
	printf("  no prewarm: first %.3f, second %.3f, extra %.3f\n", f0, s0,
	       f0 - s0);
	printf("  prewarm:    first %.3f, second %.3f, extra %.3f\n", f1, s1,
	       f1 - s1);
	return 0;
}
