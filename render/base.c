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

void spr_map_init(spr_map *m, double lo, double hi, double p0, double p1,
		  int log)
{
	m->log = log;
	m->t0 = log ? log10(lo) : lo;
	m->t1 = log ? log10(hi) : hi;
	m->p0 = p0;
	m->p1 = p1;
	m->k = (p1 - p0) / (m->t1 - m->t0);
	if (!isfinite(m->k))
		m->k = 0; /* span beyond double range: everything at p0 */
}
