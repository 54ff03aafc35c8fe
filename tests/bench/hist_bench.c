/* SPDX-License-Identifier: MIT */
/*
 * hist's counting against one read pass over the same values (issue 16
 * item 6: at most 1.5x): hist_bench [N] [REPEATS] [avx512|avx2|scalar]
 * (the widest vector code allowed). The values (normal,
 * N default 100,000,000) lie in a POSIX shared-memory mapping read-only,
 * as a worker sees the data segment; each repeat times, interleaved:
 *   read    a sum over the values (the floor: one pass at memory speed)
 *   range   10 equal bins over a given range (one pass)
 *   known   10 equal bins over the data's range, recorded in the segment
 *           when the series was computed (one pass: a spec's series that
 *           a hist reads)
 *   auto    10 equal bins over the data's range, unknown (a min/max pass
 *           first: series written through the API)
 *   edges   10 explicit edges (binary search)
 *   fd      numpy's "fd" rule (a copy of the data for the quartiles)
 * and prints each one's median and its ratio to read's. Not a test.
 */
#include "benchutil.h"
#include "kinds/hist.h"

#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define NCASES 6
static const char *const names[NCASES] = {"read", "range", "known",
					  "auto", "edges", "fd"};

/* the data's least and greatest (as a spec's series records them) */
static double data_lo, data_hi;

static volatile double sink;

static double read_pass(const double *v, size_t n)
{
	double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
	size_t i = 0;

	for (; i + 4 <= n; i += 4) {
		s0 += v[i];
		s1 += v[i + 1];
		s2 += v[i + 2];
		s3 += v[i + 3];
	}
	for (; i < n; i++)
		s0 += v[i];
	return s0 + s1 + s2 + s3;
}

static double run(int c, const double *v, size_t n)
{
	static const double edges[] = {-5,  -3, -2, -1, -0.5, 0,
				       0.5, 1,  2,  3,  5};
	spr_hist_in in = {.v = v, .n = n, .nbins = 10};
	double t = now_s(), *e, *cnt;

	if (c == 0) {
		sink = read_pass(v, n);
		return now_s() - t;
	}
	if (c == 1) {
		in.has_range = 1;
		in.lo = -5;
		in.hi = 5;
	} else if (c == 2) {
		in.has_extremes = 1;
		in.xlo = data_lo;
		in.xhi = data_hi;
	} else if (c == 4) {
		in.edges = edges;
		in.nedges = sizeof edges / sizeof *edges;
	} else if (c == 5) {
		in.rule = SPR_HIST_FD;
	}
	if (!spr_hist_count(&in, &e, &cnt)) {
		fprintf(stderr, "hist_bench: out of memory\n");
		exit(1);
	}
	t = now_s() - t;
	sink = cnt[0];
	free(e);
	free(cnt);
	return t;
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 100000000;
	int reps = argc > 2 ? atoi(argv[2]) : 5;
	/* the widest vector code to use: avx512 (default), avx2, scalar */
	const char *vec = argc > 3 ? argv[3] : "avx512";
	char name[64];
	double *t[NCASES], *v;
	int fd;

	if (n < 1 || reps < 1 || n > SIZE_MAX / sizeof(double))
		return 64;
	if (strcmp(vec, "avx512") == 0)
		spr_hist_limit_vector(SPR_HIST_VEC_AVX512);
	else if (strcmp(vec, "avx2") == 0)
		spr_hist_limit_vector(SPR_HIST_VEC_AVX2);
	else if (strcmp(vec, "scalar") == 0)
		spr_hist_limit_vector(SPR_HIST_VEC_NONE);
	else
		return fprintf(stderr,
			       "hist_bench: %s: give avx512, avx2 or "
			       "scalar\n",
			       vec),
		       64;
	snprintf(name, sizeof name, "/shmplot-histbench-%ld", (long)getpid());
	fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return perror("shm_open"), 1;
	shm_unlink(name);
	if (ftruncate(fd, (off_t)(n * sizeof *v)))
		return perror("ftruncate"), 1;
	v = mmap(NULL, n * sizeof *v, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 0);
	if (v == MAP_FAILED)
		return perror("mmap"), 1;
	/* normal values (Box-Muller on a fixed LCG), a NaN in every 1000 */
	uint64_t s = 12345;
	for (size_t i = 0; i < n; i++) {
		s = s * 6364136223846793005ull + 1442695040888963407ull;
		double u1 = ((s >> 11) + 1.0) / 9007199254740993.0;
		s = s * 6364136223846793005ull + 1442695040888963407ull;
		double u2 = (s >> 11) / 9007199254740992.0;
		v[i] = i % 1000 == 999
			   ? NAN
			   : sqrt(-2 * log(u1)) * cos(2 * M_PI * u2);
	}
	data_lo = INFINITY;
	data_hi = -INFINITY;
	for (size_t i = 0; i < n; i++)
		if (isfinite(v[i])) {
			data_lo = fmin(data_lo, v[i]);
			data_hi = fmax(data_hi, v[i]);
		}
	mprotect(v, n * sizeof *v, PROT_READ);
	for (int c = 0; c < NCASES; c++)
		t[c] = calloc((size_t)reps, sizeof **t);
	for (int r = 0; r < reps; r++)
		for (int c = 0; c < NCASES; c++)
			t[c][r] = run(c, v, n);
	double base = median(t[0], reps);
	printf("hist_bench: %zu values, %d repeats, medians, at most %s\n", n,
	       reps, vec);
	for (int c = 0; c < NCASES; c++) {
		double m = c ? median(t[c], reps) : base;
		printf("  %-6s %8.1f ms  %5.2fx read  %6.2f GB/s\n", names[c],
		       m * 1e3, m / base, n * sizeof *v / m / 1e9);
		free(t[c]);
	}
	munmap(v, n * sizeof *v);
	close(fd);
	return 0;
}
