/* SPDX-License-Identifier: MIT */
/* Rules about text: valid UTF-8, and what a figure name may be. */
#include "core/core.h"

#include <string.h>

int sp_utf8_valid(const unsigned char *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned c = p[i];
		size_t extra;

		if (c < 0x80) {
			i++;
			continue;
		}
		/* 0xc0, 0xc1 only start overlong forms; 0xf5.. exceed U+10FFFF
		 */
		extra = c >= 0xc2 && c < 0xe0   ? 1
			: c >= 0xe0 && c < 0xf0 ? 2
			: c >= 0xf0 && c < 0xf5 ? 3
						: 0;
		if (extra == 0 || extra >= n - i)
			return 0;
		for (size_t k = 1; k <= extra; k++)
			if ((p[i + k] & 0xc0) != 0x80)
				return 0;
		/* overlong 3- and 4-byte forms, surrogates, > U+10FFFF */
		if ((c == 0xe0 && p[i + 1] < 0xa0) ||
		    (c == 0xed && p[i + 1] >= 0xa0) ||
		    (c == 0xf0 && p[i + 1] < 0x90) ||
		    (c == 0xf4 && p[i + 1] >= 0x90))
			return 0;
		i += extra + 1;
	}
	return 1;
}

shmplot_status sp_check_figure_name(const char *name, char *err, size_t errlen)
{
	size_t len = name ? strlen(name) : 0;

	if (len == 0 || len > SHMPLOT_MAX_FIGURE_NAME)
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"a figure name must be 1 to %d bytes, not %zu",
				SHMPLOT_MAX_FIGURE_NAME, len);
	for (const unsigned char *c = (const unsigned char *)name; *c; c++) {
		if (*c < 0x20 || *c == 0x7f)
			return sp_error(err, errlen, SHMPLOT_E_INVALID,
					"figure name contains a control "
					"character (0x%02x)",
					*c);
		if (*c == '/' || *c == '\\')
			return sp_error(err, errlen, SHMPLOT_E_INVALID,
					"figure name \"%s\" contains '%c'; "
					"names are file names, not paths",
					name, *c);
	}
	if (name[0] == '.' || strstr(name, ".."))
		return sp_error(
		    err, errlen, SHMPLOT_E_INVALID,
		    "figure name \"%s\" %s; that could name a "
		    "hidden or parent path",
		    name, name[0] == '.' ? "starts with '.'" : "contains '..'");
	if (!sp_utf8_valid((const unsigned char *)name, len))
		return sp_error(err, errlen, SHMPLOT_E_INVALID,
				"figure name is not valid UTF-8");
	return SHMPLOT_OK;
}
