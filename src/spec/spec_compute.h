/* SPDX-License-Identifier: MIT */
/*
 * Private to src/spec/: the compute engine that fills generated series.
 * The generators' tables (compute.c), splitting an elementwise
 * computation across forked helpers (parfill.c) and glibc's vector math
 * kernels (vecmath.c).
 */
#ifndef SHMPLOT_SPEC_COMPUTE_H
#define SHMPLOT_SPEC_COMPUTE_H

#include "worker/worker.h"

/* A function of one series: {"sin": "x"} is sin of each element of x. */
typedef struct sp_unary {
	const char *name;
	double (*fn)(double);
} sp_unary;

extern const sp_unary sp_unary_table[];
extern const size_t sp_unary_count;

/*
 * Operators on two operands, each a series or a constant; each has a word
 * ("add") and a symbol ("+").
 */
enum sp_binop { SP_OP_ADD, SP_OP_SUB, SP_OP_MUL, SP_OP_DIV, SP_OP_POW };
#define SP_NBINOP (SP_OP_POW + 1)

extern const char *const sp_binop_words[SP_NBINOP];
extern const char *const sp_binop_syms[SP_NBINOP];

/*
 * Calls fn over [0, n) split across up to one process per CPU when n is
 * large and the caller is single-threaded, else inline. Returns
 * SHMPLOT_OK when every element is computed (the values never depend on
 * the split), or SHMPLOT_E_INTERRUPTED soon after *cancel (may be NULL)
 * is set, its helpers killed and reaped and the values unfinished.
 */
shmplot_status sp_parallel_fill(size_t n, sp_fill_fn fn, void *ctx,
				volatile int *cancel);

/* An elementwise kernel: y[i] = f(x[i]) for i < n (vecmath.c). */
typedef void (*sp_vec_fn)(const double *x, double *y, size_t n);

/*
 * The vector kernel of the libm function called name ("sin", "exp", ...),
 * or NULL when there is none, the CPU cannot run it, or
 * SHMPLOT_NO_VECTOR_MATH is set: then use the scalar function.
 */
sp_vec_fn sp_vec_kernel(const char *name);

/*
 * The least and greatest of v[0 .. n) folded into *lo and *hi (start them
 * at +inf and -inf): NaN is left out, +-inf kept. Vectorised where the
 * compiler targets SSE2; the same result on every path.
 */
void sp_extremes(const double *v, size_t n, double *lo, double *hi);

#endif /* SHMPLOT_SPEC_COMPUTE_H */
