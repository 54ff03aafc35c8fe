/*
 * Test-only fault injection (faults.c), compiled into the test library
 * and the test worker only: nothing here exists in a shipped build, and
 * every caller guards its use with #ifdef SHMPLOT_TEST_HOOKS.
 */
#ifndef SHMPLOT_TESTHOOKS_H
#define SHMPLOT_TESTHOOKS_H

#include "shmplot.h"

#include <stddef.h>

/*
 * Test-only system faults, from SHMPLOT_TEST_SYSFAULT="what=ERRNO,...":
 * returns the errno to fake for what ("fallocate", "fork"), or 0.
 */
int sp_test_sysfault(const char *what);

/* Test-only faults a worker injects into one figure (SHMPLOT_TEST_FAULT). */
enum sp_fault_kind {
	SP_FAULT_NONE = 0,
	SP_FAULT_SEGV,        /* dereference NULL */
	SP_FAULT_ABORT,       /* abort() */
	SP_FAULT_HANG,        /* never answer */
	SP_FAULT_EXIT,        /* _exit(3) before answering */
	SP_FAULT_TRUNCATE,    /* send half the message, then _exit(0) */
	SP_FAULT_WRITE,       /* write to the sealed data segment */
	SP_FAULT_SLOW,        /* sleep 200 ms, then render normally */
	SP_FAULT_SLOW_STRIPES /* SLOW, and 100 ms more for each PNG stripe */
};
typedef struct sp_fault {
	int kind;
} sp_fault;

/*
 * Faults for the figures of a batch from SHMPLOT_TEST_FAULT
 * ("figname:kind[,...]"): a malloc'd array of nfig, or NULL when none.
 */
sp_fault *sp_test_faults(shmplot_figure *const *figs, size_t nfig);

/* Restarts the SHMPLOT_TEST_SYSFAULT call counts (each batch counts anew). */
void sp_test_sysfault_reset(void);

#endif /* SHMPLOT_TESTHOOKS_H */
