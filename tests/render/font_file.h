/* SPDX-License-Identifier: MIT */
/*
 * For the renderer's tests and tools, which link render/ alone: a font
 * file read into malloc'ed memory and handed to spr_font_new() (the
 * runtime reads it with sp_file_read(); render/ reads no files).
 */
#ifndef SHMPLOT_TESTS_FONT_FILE_H
#define SHMPLOT_TESTS_FONT_FILE_H

#include "render.h"

#include <stdio.h>
#include <stdlib.h>

/* spr_font_new() over the bytes of path; 0, or -1 with a message. */
static inline int font_file_load(const char *path, spr_font **out, char *err,
				 size_t errlen)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	long len = -1;

	*out = NULL;
	if (f && fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) > 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)len)) &&
	    fread(buf, 1, (size_t)len, f) == (size_t)len) {
		fclose(f);
		if (spr_font_new(buf, (size_t)len, path, free, buf, out, err,
				 errlen) == 0)
			return 0;
		free(buf);
		return -1;
	}
	if (f)
		fclose(f);
	free(buf);
	snprintf(err, errlen, "cannot read font %s", path);
	return -1;
}

#endif /* SHMPLOT_TESTS_FONT_FILE_H */
