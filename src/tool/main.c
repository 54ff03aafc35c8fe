/* SPDX-License-Identifier: MIT */
/*
 * The shmplot command-line tool: dispatch to its commands, help and
 * --version, and the check that standard output was really written.
 * Uses only the public API, like any other program would.
 *
 * Exit codes (enum cli_exit in tool.h; documented in README.md and
 * --help): 0 success, 1 some figure failed (the others are written),
 * 64 usage, 65 bad input, 70 internal error, 74 cannot write output,
 * 130 interrupted (SIGINT, SIGTERM, SIGHUP, SIGQUIT); `shmplot diff` adds 1-3
 * of its own.
 */
#include "tool.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static const char *const main_usage =
    "usage: shmplot COMMAND [OPTIONS]\n"
    "\n"
    "Render batches of line-plot figures to PNG in parallel: the data is\n"
    "computed once into shared memory and forked workers draw one figure\n"
    "each.\n"
    "\n"
    "Commands:\n"
    "  render     render figures to PNG files (see: shmplot help render)\n"
    "  diff       compare two PNG images (see: shmplot help diff)\n"
    "  help [COMMAND]  show this help, or a command's\n"
    "\n"
    "Options:\n"
    "  -h, --help     show this help and exit\n"
    "  -V, --version  show the version and exit\n"
    "\n"
    "Manual pages: shmplot(1), shmplot-render(1), shmplot-diff(1),\n"
    "shmplot-spec(5).\n";

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

static const char *const commands[] = {"render", "diff", "help"};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

/* An unknown command, with the nearest known one if one is near. */
static int unknown_command(const char *cmd)
{
	const char *near = cli_nearest(cmd, commands, NCOMMANDS);

	if (near)
		return cli_usage_error(NULL, NULL,
				       "unknown command '%s'; did you mean "
				       "'%s'?",
				       cmd, near);
	return cli_usage_error(NULL, NULL,
			       "unknown command '%s' (commands: render, diff, "
			       "help)",
			       cmd);
}

/* `shmplot help [COMMAND]`: the help of the tool or of a command. */
static int help_main(int argc, char **argv)
{
	char help[] = "--help";
	char *sub[3] = {NULL, help, NULL};

	if (argc > 2)
		return cli_usage_error("help", NULL, "unexpected argument '%s'",
				       argv[2]);
	if (argc < 2 || strcmp(argv[1], "help") == 0) {
		fputs(main_usage, stdout);
		return CLI_OK;
	}
	sub[0] = argv[1];
	if (strcmp(argv[1], "render") == 0)
		return cli_render_main(2, sub);
	if (strcmp(argv[1], "diff") == 0)
		return cli_diff_main(2, sub);
	return unknown_command(argv[1]);
}

static int dispatch(int argc, char **argv)
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
	if (strcmp(cmd, "help") == 0)
		return help_main(argc - 1, argv + 1);
	return unknown_command(cmd);
}

/*
 * What was printed must have reached standard output: a full disk or a
 * closed pipe shows only when the buffer is flushed or the stream closed,
 * so both are checked before exiting. A run that would otherwise end 0-3
 * (success, or a verdict) ends 74 instead; a worse status is kept.
 */
static int close_stdout(int rc)
{
	int bad = fflush(stdout) != 0 || ferror(stdout);
	int err = errno;

	if (fclose(stdout) != 0 && !bad) {
		bad = 1;
		err = errno;
	}
	if (!bad)
		return rc;
	fprintf(stderr, "shmplot: cannot write standard output: %s\n",
		strerror(err));
	return rc < CLI_USAGE ? CLI_IOERR : rc;
}

int main(int argc, char **argv)
{
	return close_stdout(dispatch(argc, argv));
}
