/* SPDX-License-Identifier: MIT */
/*
 * Private to src/python/: the CPython extension shmplot._shmplot. It holds
 * no numpy C API (so `import shmplot` does not import numpy): arrays come in
 * through the buffer protocol as C-contiguous float64, and the pure-Python
 * package (shmplot/) turns everything else into that.
 */
#ifndef SHMPLOT_PYSHMPLOT_H
#define SHMPLOT_PYSHMPLOT_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <shmplot.h>

/* shmplot.Error and its subclasses, created at module init. */
extern PyObject *pysp_error;

/*
 * Raises the exception for status (shmplot.InvalidError for
 * SHMPLOT_E_INVALID, ...) with msg (the library's message, or the
 * status's description when msg is empty). Returns NULL.
 */
PyObject *pysp_raise(shmplot_status st, const char *msg);

/* The _shmplot.Data type (data.c) and what build.c needs of it. */
extern PyTypeObject pysp_data_type;
extern PyTypeObject pysp_region_type;
typedef struct pysp_data {
	PyObject_HEAD shmplot_data *data;
	int sealed;
} pysp_data;

/*
 * Builds figure number i of a batch from its description (build.c; the
 * format is shmplot/_record.py's): *out owns it. ids maps the batch's
 * array indices to series. -1 with an exception set.
 */
int pysp_build_figure(PyObject *desc, const shmplot_series *ids, size_t nids,
		      shmplot_figure **out);

/* _shmplot.render() and _shmplot.render_spec() (render.c). */
PyObject *pysp_render(PyObject *self, PyObject *args, PyObject *kw);
PyObject *pysp_render_spec(PyObject *self, PyObject *args, PyObject *kw);
/* _shmplot.keys(): the figures' keys for incremental batches (render.c). */
PyObject *pysp_keys(PyObject *self, PyObject *args, PyObject *kw);
/*
 * A batch's results as a Python object that frees them (a capsule), and a
 * figure's pixels as a buffer over them that keeps it alive (pixels.c).
 */
extern PyTypeObject pysp_pixels_type;
PyObject *pysp_results_owner(shmplot_results *res);
PyObject *pysp_pixels_new(PyObject *owner, const unsigned char *p, size_t len);

/* _shmplot.warm_pids() and warm_close(): the kept workers (render.c). */
PyObject *pysp_warm_pids(PyObject *self, PyObject *unused);
PyObject *pysp_warm_close(PyObject *self, PyObject *unused);
PyObject *pysp_warm_after_fork(PyObject *self, PyObject *unused);

#endif /* SHMPLOT_PYSHMPLOT_H */
