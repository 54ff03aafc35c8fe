/*
 * Private to src/spec/: how the compute engine fills generated series.
 * Splitting an elementwise computation across forked helpers (parfill.c)
 * and glibc's vector math kernels (vecmath.c).
 */
#ifndef SHMPLOT_SPEC_COMPUTE_H
#define SHMPLOT_SPEC_COMPUTE_H

#include "worker/worker.h"

/*
 * Calls fn over [0, n) split across up to one process per CPU when n is
 * large and the caller is single-threaded, else inline. Returns when every
 * element is computed; the values never depend on the split.
 */
void sp_parallel_fill(size_t n, sp_fill_fn fn, void *ctx);

/* An elementwise kernel: y[i] = f(x[i]) for i < n (vecmath.c). */
typedef void (*sp_vec_fn)(const double *x, double *y, size_t n);

/*
 * The vector kernel of the libm function called name ("sin", "exp", ...),
 * or NULL when there is none, the CPU cannot run it, or
 * SHMPLOT_NO_VECTOR_MATH is set: then use the scalar function.
 */
sp_vec_fn sp_vec_kernel(const char *name);

#endif /* SHMPLOT_SPEC_COMPUTE_H */
