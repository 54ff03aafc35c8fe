/* SPDX-License-Identifier: MIT */
/*
 * Numbers in a spec are written the C way ("10.5"), whatever locale the
 * calling program has set: a library caller that ran setlocale(LC_ALL, "")
 * under de_DE.UTF-8 must not get CSV cells "10.5" as NaN. Our own parsers
 * use sp_strtod(); cJSON reads numbers through the thread's locale (it
 * swaps '.' for the first byte of localeconv()'s decimal point, which
 * breaks under a multi-byte one such as ps_AF's U+066B), so the loader
 * runs its passes in the C locale with sp_c_locale_enter().
 */
#define _GNU_SOURCE
#include "spec/spec_io.h"

#include <locale.h>
#include <pthread.h>
#include <stdlib.h>

static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void make_c_locale(void)
{
	c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

/* The C locale object, or (locale_t)0 if it cannot be made. */
static locale_t get_c_locale(void)
{
	pthread_once(&c_locale_once, make_c_locale);
	return c_locale;
}

double sp_strtod(const char *s, char **end)
{
	locale_t c = get_c_locale();
	/* Without a locale object the thread's own is the best there is. */
	return c ? strtod_l(s, end, c) : strtod(s, end);
}

void *sp_c_locale_enter(void)
{
	locale_t c = get_c_locale();
	return c ? uselocale(c) : NULL;
}

void sp_c_locale_leave(void *saved)
{
	if (saved)
		uselocale((locale_t)saved);
}
