/*
 * Test-only fault injection: faults a worker injects into one figure, and
 * system calls made to fail. Compiled only into the test library
 * (shmplot_testhooks) and the test worker; see testhooks.h.
 */
#define _GNU_SOURCE
#include "testhooks/testhooks.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/*
 * SHMPLOT_TEST_FAULT="figname:kind[,figname:kind...]" injects a fault into
 * the worker that renders figname. Compiled into test builds only.
 */
sp_fault *sp_test_faults(shmplot_figure *const *figs, size_t nfig)
{
	const char *spec = getenv("SHMPLOT_TEST_FAULT");
	if (!spec || !*spec)
		return NULL;
	static const char *const kinds[] = {"",      "segv", "abort",
					    "hang",  "exit", "truncate",
					    "write", "slow", "slowstripes"};
	sp_fault *f = calloc(nfig ? nfig : 1, sizeof *f);
	if (!f)
		return NULL;
	char *copy = strdup(spec), *save = NULL;
	for (char *tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		char *colon = strrchr(tok, ':');
		if (!colon)
			continue;
		*colon = '\0';
		int kind = 0;
		for (int k = 1; k < (int)(sizeof kinds / sizeof *kinds); k++)
			if (strcmp(colon + 1, kinds[k]) == 0)
				kind = k;
		for (size_t i = 0; i < nfig; i++)
			if (strcmp(shmplot_figure_name(figs[i]), tok) == 0)
				f[i].kind = kind;
	}
	free(copy);
	return f;
}

/*
 * SHMPLOT_TEST_SYSFAULT="what=ERRNO[@N],..." makes the N+1-th and later
 * calls of what ("fallocate", "fork") in each shmplot_render() (or
 * shmplot_data_new()) fail with ERRNO (a name or a number).
 */
static int sysfault_calls[2];

void sp_test_sysfault_reset(void)
{
	sysfault_calls[0] = sysfault_calls[1] = 0;
}

int sp_test_sysfault(const char *what)
{
	static const struct {
		const char *name;
		int err;
	} names[] = {{"ENOSPC", ENOSPC}, {"EAGAIN", EAGAIN},
		     {"ENOMEM", ENOMEM}, {"EIO", EIO},
		     {"ENOENT", ENOENT}, {"EACCES", EACCES}};
	const char *spec = getenv("SHMPLOT_TEST_SYSFAULT");
	int *calls = &sysfault_calls[strcmp(what, "fork") == 0];
	size_t wl = strlen(what);
	for (const char *p = spec; p && *p;) {
		if (strncmp(p, what, wl) == 0 && p[wl] == '=') {
			const char *v = p + wl + 1;
			int err = atoi(v);
			for (size_t i = 0; i < sizeof names / sizeof *names;
			     i++)
				if (strncmp(v, names[i].name,
					    strlen(names[i].name)) == 0)
					err = names[i].err;
			const char *at = strpbrk(v, "@,");
			int after = at && *at == '@' ? atoi(at + 1) : 0;
			return (*calls)++ >= after ? err : 0;
		}
		p = strchr(p, ',');
		p = p ? p + 1 : NULL;
	}
	return 0;
}
