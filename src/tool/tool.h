/* Private to the CLI: the `shmplot diff` subcommand. */
#ifndef SHMPLOT_CLI_DIFF_H
#define SHMPLOT_CLI_DIFF_H

/*
 * Runs `shmplot diff`; argv[0] is "diff". Returns the process exit status
 * (0 same or within tolerance, 1 different, 2 size mismatch, 3 expected
 * missing, 64 usage, 65 bad PNG, 70 internal, 74 cannot write output).
 */
int cli_diff_main(int argc, char **argv);

#endif /* SHMPLOT_CLI_DIFF_H */
