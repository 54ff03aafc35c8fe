// SPDX-License-Identifier: MIT
/*
 * The incremental keys' costs (not a test): key_bench [MiB [REPEATS]]
 *  - the 128-bit hash (src/incremental/hash.c) over a buffer of MiB,
 *    beside one read pass over the same buffer (the memory's speed, the
 *    peer measured in the same run);
 *  - shmplot_figure_keys() for 10,000 one-line figures over 100 series of
 *    1,000 points, the keys of a 10,000-figure incremental run.
 * Medians of REPEATS (default 7).
 */
#define _GNU_SOURCE
#include "benchutil.h"

#include "incremental/inc.h"
#include "shmplot.h"

#include <stdio.h>
#include <string.h>

static volatile uint64_t sink;

static double read_pass(const uint64_t *p, size_t n)
{
	double t = now_s();
	uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
	for (size_t i = 0; i + 4 <= n; i += 4) {
		s0 += p[i];
		s1 += p[i + 1];
		s2 += p[i + 2];
		s3 += p[i + 3];
	}
	sink = s0 + s1 + s2 + s3;
	return now_s() - t;
}

static double hash_pass(const void *p, size_t len)
{
	unsigned char out[16];
	double t = now_s();
	sp_hash_bytes(p, len, out);
	sink = out[0];
	return now_s() - t;
}

static int keys(int reps)
{
	enum { NS = 100, NP = 1000, NF = 10000 };
	char err[256];
	shmplot_data *d = NULL;
	shmplot_renderer *r = NULL;
	shmplot_figure **f = calloc(NF, sizeof *f);
	shmplot_key *k = calloc(NF, sizeof *k);
	shmplot_series ids[NS];
	double v[NP], t[32];

	if (!f || !k || shmplot_data_new(&d, NS, NS * NP, err, sizeof err) ||
	    shmplot_renderer_new(&r, NULL, err, sizeof err)) {
		fprintf(stderr, "key_bench: %s\n", err);
		return 1;
	}
	for (int s = 0; s < NS; s++) {
		for (int i = 0; i < NP; i++)
			v[i] = (s + 1) * (double)i;
		char name[16];
		snprintf(name, sizeof name, "s%d", s);
		shmplot_data_add(d, name, v, NP, &ids[s]);
	}
	shmplot_data_seal(d);
	for (int i = 0; i < NF; i++) {
		char name[16];
		snprintf(name, sizeof name, "fig%05d", i);
		shmplot_figure_new(&f[i], name, 4, 3, 100, err, sizeof err);
		shmplot_axes *ax = shmplot_figure_axes(f[i], 0, 0);
		shmplot_axes_plot(ax, ids[0], ids[i % NS], "y", NULL);
		shmplot_axes_set_title(ax, name);
	}
	for (int rep = 0; rep < reps; rep++) {
		double t0 = now_s();
		if (shmplot_figure_keys(r, d, f, NF, NULL, SHMPLOT_FORMAT_PNG,
					k) != SHMPLOT_OK) {
			fprintf(stderr, "key_bench: %s\n",
				shmplot_renderer_errmsg(r));
			return 1;
		}
		t[rep] = now_s() - t0;
	}
	printf("shmplot_figure_keys, %d one-line figures over %d series of "
	       "%d points: %.1f ms (%.2f us a figure, fonts read included)\n",
	       NF, NS, NP, median(t, reps) * 1e3, median(t, reps) * 1e6 / NF);
	for (int i = 0; i < NF; i++)
		shmplot_figure_free(f[i]);
	free(f);
	free(k);
	shmplot_data_free(d);
	shmplot_renderer_free(r);
	return 0;
}

int main(int argc, char **argv)
{
	size_t mib = argc > 1 ? strtoul(argv[1], NULL, 10) : 256;
	int reps = argc > 2 ? atoi(argv[2]) : 7;
	size_t len = mib << 20;
	uint64_t *buf = malloc(len);
	double tr[32], th[32];

	if (!buf || reps < 1 || reps > 32 || mib < 1) {
		fprintf(stderr, "usage: key_bench [MiB [REPEATS <= 32]]\n");
		return 64;
	}
	for (size_t i = 0; i < len / 8; i++)
		buf[i] = i * 0x9e3779b97f4a7c15ull;
	for (int rep = 0; rep < reps; rep++) { /* interleaved */
		tr[rep] = read_pass(buf, len / 8);
		th[rep] = hash_pass(buf, len);
	}
	double r = median(tr, reps), h = median(th, reps);
	printf("%zu MiB, medians of %d: read pass %.2f GB/s, hash %.2f GB/s "
	       "(%.2fx the read pass's time)\n",
	       mib, reps, (double)len / r / 1e9, (double)len / h / 1e9, h / r);
	free(buf);
	return keys(reps);
}
