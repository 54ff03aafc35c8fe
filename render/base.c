/* SPDX-License-Identifier: MIT */
/*
 * What every file of the renderer uses: its one raise point (spr_err),
 * checked allocation, the tab10 palette and the data -> pixel map.
 */
#include "render_internal.h"

#include <stdio.h>
#include <stdlib.h>

const uint32_t spr_tab10[SPR_TAB10_N] = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728,
					 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f,
					 0xbcbd22, 0x17becf};

int spr_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

int spr_mul_size(size_t a, size_t b, size_t *out)
{
	if (a != 0 && b > SIZE_MAX / a)
		return -1;
	*out = a * b;
	return 0;
}

void *spr_mallocn(size_t n, size_t size)
{
	size_t total;

	if (spr_mul_size(n, size, &total) != 0 || total == 0)
		return NULL;
	return malloc(total);
}

void *spr_callocn(size_t n, size_t size)
{
	size_t total;

	if (spr_mul_size(n, size, &total) != 0 || total == 0)
		return NULL;
	return calloc(n, size);
}

static void map_init(spr_map *m, double p0, double p1);

void spr_map_init(spr_map *m, double lo, double hi, double p0, double p1,
		  int log)
{
	m->log = log;
	m->sym = 0;
	m->t0 = log ? log10(lo) : lo;
	m->t1 = log ? log10(hi) : hi;
	map_init(m, p0, p1);
}

void spr_map_init_symlog(spr_map *m, double lo, double hi, double p0, double p1,
			 double linthresh, double linscale)
{
	m->log = 0;
	m->sym = 1;
	m->lt = linthresh;
	m->lsa = linscale / (1 - 0.1);
	m->t0 = spr_symlog_fwd(lo, m->lt, m->lsa);
	m->t1 = spr_symlog_fwd(hi, m->lt, m->lsa);
	map_init(m, p0, p1);
}

/* The rest of a map whose t0, t1 are set. */
static void map_init(spr_map *m, double p0, double p1)
{
	m->p0 = p0;
	m->p1 = p1;
	m->e = 0;
	m->k = (p1 - p0) / (m->t1 - m->t0);
	if (!isfinite(m->t1 - m->t0) || !isfinite(m->k)) {
		/* a span beyond the double range (+-1e308) or too small to
		 * divide by (1e-310): scale both by the power of two that
		 * brings the larger near 1, which changes no bit of them */
		double big = fmax(fabs(m->t0), fabs(m->t1));
		m->e = big > 0 && isfinite(big) ? -ilogb(big) : 0;
		m->t0 = ldexp(m->t0, m->e);
		m->t1 = ldexp(m->t1, m->e);
		m->k = (p1 - p0) / (m->t1 - m->t0);
	}
	if (!isfinite(m->k))
		m->k = 0; /* equal limits: everything at p0 */
}
