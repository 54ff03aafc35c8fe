// SPDX-License-Identifier: MIT
/*
 * shmplot._shmplot: module init, the exception classes, and the small
 * helpers the pure-Python package calls (colour names as the spec reads
 * them, status names). Everything matplotlib-shaped lives in the package's .py
 * files.
 */
#include "pyshmplot.h"

#include "spec/spec_colors.h"

PyObject *pysp_error;

/* One class per status, index = shmplot_status (shmplot/_errors.py,
 * handed over by set_errors() when the package loads this module). */
static PyObject *status_exc[SHMPLOT_E_IO + 1];

PyObject *pysp_raise(shmplot_status st, const char *msg)
{
	PyObject *cls = pysp_error ? pysp_error : PyExc_RuntimeError;
	if ((int)st > 0 &&
	    (size_t)st < sizeof status_exc / sizeof *status_exc &&
	    status_exc[st])
		cls = status_exc[st];
	if (!msg || !*msg)
		msg = shmplot_status_str(st);
	PyErr_SetString(cls, msg);
	return NULL;
}

/* parse_color(s) -> (0xRRGGBB, alpha) or None: matplotlib's to_rgba for a
 * string, as a spec reads it. */
static PyObject *parse_color(PyObject *self, PyObject *arg)
{
	const char *s = PyUnicode_AsUTF8(arg);
	if (!s)
		return NULL;
	uint32_t rgb;
	double alpha;
	if (!sp_color_parse_alpha(s, &rgb, &alpha))
		Py_RETURN_NONE;
	return Py_BuildValue("(kd)", (unsigned long)rgb, alpha);
}

/* color_names() -> tuple of the named colours (for suggestions). */
static PyObject *color_names(PyObject *self, PyObject *unused)
{
	PyObject *t = PyTuple_New((Py_ssize_t)sp_color_names_n);
	for (size_t i = 0; t && i < sp_color_names_n; i++) {
		PyObject *s = PyUnicode_FromString(sp_color_names[i].name);
		if (!s) {
			Py_DECREF(t);
			return NULL;
		}
		PyTuple_SET_ITEM(t, (Py_ssize_t)i, s);
	}
	return t;
}

/* set_errors(base, {status: class}): the package's exception classes. */
static PyObject *set_errors(PyObject *self, PyObject *args)
{
	PyObject *base, *map, *k, *v;
	Py_ssize_t pos = 0;
	if (!PyArg_ParseTuple(args, "OO!", &base, &PyDict_Type, &map))
		return NULL;
	while (PyDict_Next(map, &pos, &k, &v)) {
		long st = PyLong_AsLong(k);
		if (st == -1 && PyErr_Occurred())
			return NULL;
		if (st > 0 &&
		    (size_t)st < sizeof status_exc / sizeof *status_exc)
			Py_XSETREF(status_exc[st], Py_NewRef(v));
	}
	Py_XSETREF(pysp_error, Py_NewRef(base));
	Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"set_errors", set_errors, METH_VARARGS,
     "set_errors(base, {status: class})"},
    {"render", (PyCFunction)(void (*)(void))pysp_render,
     METH_VARARGS | METH_KEYWORDS,
     "render(arrays, figures, data=None, jobs=0, timeout=-1, pixels=False, "
     "formats=1) -> list of (name, status, message, outputs, pixels)"},
    {"render_spec", (PyCFunction)(void (*)(void))pysp_render_spec,
     METH_VARARGS | METH_KEYWORDS,
     "render_spec(json, base_dir=None, jobs=0, timeout=-1, pixels=False, "
     "formats=1) -> list as render()"},
    {"keys", (PyCFunction)(void (*)(void))pysp_keys,
     METH_VARARGS | METH_KEYWORDS,
     "keys(arrays, figures, data=None, format=1) -> list of 32-hex keys"},
    {"parse_color", parse_color, METH_O,
     "parse_color(str) -> (rgb, alpha) or None"},
    {"color_names", color_names, METH_NOARGS, "color_names() -> tuple"},
    {"warm_pids", pysp_warm_pids, METH_NOARGS,
     "warm_pids() -> pids of the workers kept between batches"},
    {"warm_close", pysp_warm_close, METH_NOARGS,
     "warm_close(): reaps the workers kept between batches"},
    {"warm_after_fork", pysp_warm_after_fork, METH_NOARGS,
     "warm_after_fork(): in a forked child, lets the parent's workers go"},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_shmplot",
				    "shmplot's C extension (private: use the "
				    "shmplot package).",
				    -1, methods};

PyMODINIT_FUNC PyInit__shmplot(void);
PyMODINIT_FUNC PyInit__shmplot(void)
{
	PyObject *m = PyModule_Create(&module);
	if (!m)
		return NULL;
	if (PyType_Ready(&pysp_data_type) < 0 ||
	    PyType_Ready(&pysp_region_type) < 0 ||
	    PyType_Ready(&pysp_pixels_type) < 0 ||
	    PyModule_AddObjectRef(m, "Data", (PyObject *)&pysp_data_type) < 0 ||
	    PyModule_AddStringConstant(m, "version", shmplot_version()) < 0 ||
	    PyModule_AddIntConstant(m, "MAX_SERIES_NAME",
				    SHMPLOT_MAX_SERIES_NAME) < 0) {
		Py_DECREF(m);
		return NULL;
	}
	return m;
}
