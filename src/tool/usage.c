/* SPDX-License-Identifier: MIT */
/* Usage errors, in the same shape for every command. */
#include "tool.h"

#include <stdarg.h>

int cli_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
{
	const char *sp = cmd ? " " : "";
	va_list ap;

	if (!cmd)
		cmd = "";
	fprintf(stderr, "shmplot%s%s: ", sp, cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (usage)
		fputs(usage, stderr);
	fprintf(stderr, "Try 'shmplot%s%s --help'.\n", sp, cmd);
	return CLI_USAGE;
}
