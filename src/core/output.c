/* SPDX-License-Identifier: MIT */
/* The public output API (include/shmplot/output.h) over fileio.c. */
#define _GNU_SOURCE
#include "shmplot/output.h"
#include "core/core.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct shmplot_outdir {
	int fd;
	int errnum; /* of the last failed write */
	char *path;
	char errmsg[SP_ERRLEN];
};

shmplot_status shmplot_outdir_open(shmplot_outdir **out, const char *path,
				   char *errbuf, size_t errlen)
{
	char why[SP_ERRLEN];
	shmplot_outdir *d;

	if (!out)
		return sp_error(errbuf, errlen, SHMPLOT_E_INVALID,
				"shmplot_outdir_open: out is NULL");
	*out = NULL;
	if (!path || !*path)
		return sp_error(errbuf, errlen, SHMPLOT_E_INVALID,
				"the output directory name is empty");
	if (sp_mkdirs(path, why, sizeof why) != SHMPLOT_OK)
		return sp_error(errbuf, errlen, SHMPLOT_E_IO,
				"cannot create %s: %s", path, why);
	d = calloc(1, sizeof *d);
	if (!d || !(d->path = strdup(path))) {
		free(d);
		return sp_error(errbuf, errlen, SHMPLOT_E_NOMEM,
				"out of memory");
	}
	d->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (d->fd < 0) {
		int e = errno;
		free(d->path);
		free(d);
		return sp_error(errbuf, errlen, SHMPLOT_E_IO,
				"cannot open %s: %s", path, strerror(e));
	}
	sp_remove_stale_tmp(d->fd);
	*out = d;
	return SHMPLOT_OK;
}

shmplot_status shmplot_outdir_write(shmplot_outdir *dir, const char *name,
				    const void *buf, size_t len)
{
	char why[SP_ERRLEN];

	if (!dir)
		return sp_error(NULL, 0, SHMPLOT_E_INVALID,
				"shmplot_outdir_write: dir is NULL");
	if (!name || !*name || strchr(name, '/'))
		return sp_error(dir->errmsg, sizeof dir->errmsg,
				SHMPLOT_E_INVALID, "\"%s\" is not a file name",
				name ? name : "");
	dir->errnum = 0;
	if (sp_write_atomic(dir->fd, name, buf, len, why, sizeof why) !=
	    SHMPLOT_OK) {
		dir->errnum = errno;
		return sp_error(dir->errmsg, sizeof dir->errmsg, SHMPLOT_E_IO,
				"cannot write %s/%s: %s", dir->path, name, why);
	}
	return SHMPLOT_OK;
}

const char *shmplot_outdir_path(const shmplot_outdir *dir)
{
	return dir ? dir->path : NULL;
}

int shmplot_outdir_errno(const shmplot_outdir *dir)
{
	return dir ? dir->errnum : 0;
}

const char *shmplot_outdir_errmsg(const shmplot_outdir *dir)
{
	return dir ? dir->errmsg : "";
}

void shmplot_outdir_free(shmplot_outdir *dir)
{
	if (!dir)
		return;
	close(dir->fd);
	free(dir->path);
	free(dir);
}

shmplot_status shmplot_write_file(const char *path, const void *buf, size_t len,
				  char *errbuf, size_t errlen)
{
	char why[SP_ERRLEN];

	if (!path || !*path)
		return sp_error(errbuf, errlen, SHMPLOT_E_INVALID,
				"shmplot_write_file: no path");
	if (sp_write_atomic(AT_FDCWD, path, buf, len, why, sizeof why) !=
	    SHMPLOT_OK)
		return sp_error(errbuf, errlen, SHMPLOT_E_IO,
				"cannot write %s: %s", path, why);
	return SHMPLOT_OK;
}
