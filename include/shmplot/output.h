/* SPDX-License-Identifier: MIT */
/*
 * shmplot output files: written atomically (an unnamed file in the same
 * directory, O_TMPFILE, given its name only when whole), so a reader never
 * sees half a file and an interrupted, killed or failed write leaves
 * nothing behind. The command-line tool
 * writes every figure and report through these; a program that renders
 * batches can do the same with its results.
 *
 * Same conventions as shmplot.h: status codes, messages on the handle, the
 * library never prints. An output directory may be used from any thread,
 * but not from two at once.
 */
#ifndef SHMPLOT_OUTPUT_H
#define SHMPLOT_OUTPUT_H

#include <shmplot.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct shmplot_outdir shmplot_outdir;

/*
 * Opens the directory path for writing files into, creating it and any
 * missing parents. The caller owns *out (free with shmplot_outdir_free());
 * on failure *out is NULL and the message ("cannot create out/x: Permission
 * denied") is copied to errbuf if not NULL. SHMPLOT_E_IO, SHMPLOT_E_NOMEM,
 * SHMPLOT_E_INVALID (path NULL or empty).
 */
SHMPLOT_API shmplot_status shmplot_outdir_open(shmplot_outdir **out,
					       const char *path, char *errbuf,
					       size_t errlen);

/*
 * Writes len bytes of buf as the file name (a file name, not a path) in
 * the directory, atomically, replacing any file of that name; buf stays
 * the caller's. On failure nothing is left behind and the message
 * (shmplot_outdir_errmsg()) names the file and the reason ("cannot write
 * out/a.png: No space left on device"). SHMPLOT_E_IO, SHMPLOT_E_INVALID (a
 * name that is empty or has '/'; dir NULL, with no message).
 */
SHMPLOT_API shmplot_status shmplot_outdir_write(shmplot_outdir *dir,
						const char *name,
						const void *buf, size_t len);

/* The path the directory was opened with, owned by dir (NULL for NULL). */
SHMPLOT_API const char *shmplot_outdir_path(const shmplot_outdir *dir);

/* The message of the last failed write on dir ("" if none), owned by dir
 * and valid until the next write or shmplot_outdir_free(). */
SHMPLOT_API const char *shmplot_outdir_errmsg(const shmplot_outdir *dir);

/*
 * The errno of the last failed write on dir (0 if none, or for NULL), so
 * a caller can tell a name it cannot use (EISDIR: a directory has it)
 * from a directory or disk it cannot write (ENOSPC, EROFS, EFBIG, EACCES).
 */
SHMPLOT_API int shmplot_outdir_errno(const shmplot_outdir *dir);

/* Closes the directory. NULL is a no-op. */
SHMPLOT_API void shmplot_outdir_free(shmplot_outdir *dir);

/*
 * Writes len bytes of buf to path atomically (its directory must exist).
 * On failure nothing is left behind and the message ("cannot write
 * r/report.json: No space left on device") is copied to errbuf if not
 * NULL. SHMPLOT_E_IO, SHMPLOT_E_INVALID (path NULL or empty). Safe from
 * any thread.
 */
SHMPLOT_API shmplot_status shmplot_write_file(const char *path, const void *buf,
					      size_t len, char *errbuf,
					      size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* SHMPLOT_OUTPUT_H */
