/* SPDX-License-Identifier: MIT */
/*
 * The shmplot command-line tool: dispatch to its commands, --help and
 * --version. Uses only the public API, like any other program would.
 *
 * Exit codes (enum cli_exit in tool.h; documented in README.md and
 * --help): 0 success, 1 some figure failed (the others are written),
 * 64 usage, 65 bad input, 70 internal error, 74 cannot write output,
 * 130 interrupted (SIGINT, SIGTERM, SIGHUP, SIGQUIT); `shmplot diff` adds 1-3
 * of its own.
 */
#include "tool.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

static const char *const main_usage =
    "Usage: shmplot COMMAND [OPTIONS]\n"
    "\n"
    "Render batches of line-plot figures to PNG in parallel: the data is\n"
    "computed once into shared memory and forked workers draw one figure\n"
    "each.\n"
    "\n"
    "Commands:\n"
    "  render     render figures to PNG files (see: shmplot render "
    "--help)\n"
    "  diff       compare two PNG images (see: shmplot diff --help)\n"
    "\n"
    "Options:\n"
    "  -h, --help     show this help and exit\n"
    "  -V, --version  show the version and exit\n";

/*
 * The version, and the font text is drawn with: image baselines depend on
 * the exact font file, so a bug report (or a test) can tell which it was.
 */
static int print_version(void)
{
	char err[512] = "";
	shmplot_renderer *r = NULL;

	printf("shmplot %s\n", shmplot_version());
	if (shmplot_renderer_new(&r, NULL, err, sizeof err) != SHMPLOT_OK) {
		printf("font: none (%s)\n", err);
		return CLI_SOFTWARE;
	}
	printf("font: %s\n", shmplot_renderer_font_path(r));
	shmplot_renderer_free(r);
	return CLI_OK;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return cli_usage_error(NULL, NULL, "%s", "missing command");
	/* A file-size limit (ulimit -f) is a write error, EFBIG (exit 74 with
	 * the reason), not a silent death by SIGXFSZ. */
	signal(SIGXFSZ, SIG_IGN);
	const char *cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
		fputs(main_usage, stdout);
		return CLI_OK;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0)
		return print_version();
	if (strcmp(cmd, "render") == 0)
		return cli_render_main(argc - 1, argv + 1);
	if (strcmp(cmd, "diff") == 0)
		return cli_diff_main(argc - 1, argv + 1);
	return cli_usage_error(NULL, NULL, "unknown command '%s'", cmd);
}
