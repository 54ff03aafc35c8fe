/* SPDX-License-Identifier: MIT */
/*
 * Files a spec names: where a relative name points, and reading a whole
 * file (the spec itself, a CSV table) with a message that names it.
 */
#define _GNU_SOURCE
#include "spec/spec_io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * sp_file_read()'s message for a file it cannot open starts with this;
 * ours name the file there instead.
 */
#define OPEN_FAILED "cannot open: "

/* Names path in a reader's message why (st: the reader's status). */
static shmplot_status name_reason(shmplot_status st, const char *why,
				  const char *path, const char *open_verb,
				  char *err, size_t errlen)
{
	if (strcmp(path, "-") == 0)
		path = "standard input";
	if (strncmp(why, OPEN_FAILED, strlen(OPEN_FAILED)) == 0)
		return sp_error(err, errlen, st, "%s %s: %s", open_verb, path,
				why + strlen(OPEN_FAILED));
	return sp_error(err, errlen, st, "cannot read %s: %s", path, why);
}

shmplot_status sp_named_file_read(const char *path, size_t max_bytes,
				  const char *open_verb, sp_file *out,
				  char *err, size_t errlen)
{
	char why[SP_ERRLEN];
	shmplot_status st = sp_file_read(path, max_bytes, out, why, sizeof why);
	if (st == SHMPLOT_OK)
		return st;
	return name_reason(st, why, path, open_verb, err, errlen);
}

shmplot_status sp_named_stream_read(const char *path, size_t max_bytes,
				    volatile int *cancel, const char *open_verb,
				    sp_file *out, char *err, size_t errlen)
{
	char why[SP_ERRLEN];
	shmplot_status st =
	    sp_file_read_stream(path, max_bytes, cancel, out, why, sizeof why);
	if (st == SHMPLOT_OK)
		return st;
	if (st == SHMPLOT_E_INTERRUPTED) /* not the file's fault */
		return sp_error(err, errlen, st, "%s", why);
	return name_reason(st, why, path, open_verb, err, errlen);
}

shmplot_status sp_spec_path(const char *base_dir, const char *file, char **out)
{
	if (file[0] == '/' || !base_dir || !*base_dir ||
	    strcmp(base_dir, ".") == 0)
		*out = strdup(file);
	else if (asprintf(out, "%s/%s", base_dir, file) < 0)
		*out = NULL;
	return *out ? SHMPLOT_OK : SHMPLOT_E_NOMEM;
}
