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

/* One class per status; index = shmplot_status. */
static PyObject *status_exc[SHMPLOT_E_IO + 1];

static const struct {
	shmplot_status st;
	const char *name;
	const char *doc;
	PyObject **base2; /* a builtin it also derives from, or NULL */
} exc_table[] = {
    {SHMPLOT_E_INVALID, "InvalidError", "A bad argument (SHMPLOT_E_INVALID).",
     &PyExc_ValueError},
    {SHMPLOT_E_NOMEM, "NoMemoryError", "Out of memory (SHMPLOT_E_NOMEM).",
     &PyExc_MemoryError},
    {SHMPLOT_E_NOSPACE, "NoSpaceError",
     "No room in /dev/shm for the data segment (SHMPLOT_E_NOSPACE).",
     &PyExc_OSError},
    {SHMPLOT_E_SYSTEM, "SystemCallError",
     "A system call failed (SHMPLOT_E_SYSTEM).", &PyExc_OSError},
    {SHMPLOT_E_STATE, "StateError",
     "Call not allowed now, e.g. adding to a sealed segment "
     "(SHMPLOT_E_STATE).",
     NULL},
    {SHMPLOT_E_NOT_FOUND, "NotFoundError",
     "No series with that name (SHMPLOT_E_NOT_FOUND).", &PyExc_LookupError},
    {SHMPLOT_E_FONT, "FontError",
     "The font file could not be loaded (SHMPLOT_E_FONT).", NULL},
    {SHMPLOT_E_FIGURES, "FigureError",
     "Some figures of the batch failed (render(check=True)).", NULL},
    {SHMPLOT_E_INTERRUPTED, "InterruptedError",
     "The batch was stopped (SHMPLOT_E_INTERRUPTED).", NULL},
    {SHMPLOT_E_PNG, "PNGError", "PNG data could not be encoded or decoded.",
     NULL},
    {SHMPLOT_E_IO, "FileError", "Reading or writing a file failed.",
     &PyExc_OSError},
};

PyObject *pysp_raise(shmplot_status st, const char *msg)
{
	PyObject *cls = pysp_error;
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

static PyMethodDef methods[] = {
    {"render", (PyCFunction)(void (*)(void))pysp_render,
     METH_VARARGS | METH_KEYWORDS,
     "render(arrays, figures, data=None, jobs=0, timeout=-1, pixels=False, "
     "formats=1) -> list of (name, status, message, outputs, pixels)"},
    {"render_spec", (PyCFunction)(void (*)(void))pysp_render_spec,
     METH_VARARGS | METH_KEYWORDS,
     "render_spec(json, base_dir=None, jobs=0, timeout=-1, pixels=False, "
     "formats=1) -> list as render()"},
    {"parse_color", parse_color, METH_O,
     "parse_color(str) -> (rgb, alpha) or None"},
    {"color_names", color_names, METH_NOARGS, "color_names() -> tuple"},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_shmplot",
				    "shmplot's C extension (private: use the "
				    "shmplot package).",
				    -1, methods};

static int add_exceptions(PyObject *m)
{
	pysp_error = PyErr_NewExceptionWithDoc(
	    "shmplot.Error",
	    "Base class of shmplot's errors; str() is the library's message.",
	    NULL, NULL);
	if (!pysp_error || PyModule_AddObjectRef(m, "Error", pysp_error) < 0)
		return -1;
	for (size_t i = 0; i < sizeof exc_table / sizeof *exc_table; i++) {
		char qual[64];
		snprintf(qual, sizeof qual, "shmplot.%s", exc_table[i].name);
		PyObject *bases =
		    exc_table[i].base2
			? PyTuple_Pack(2, pysp_error, *exc_table[i].base2)
			: PyTuple_Pack(1, pysp_error);
		if (!bases)
			return -1;
		PyObject *cls = PyErr_NewExceptionWithDoc(
		    qual, exc_table[i].doc, bases, NULL);
		Py_DECREF(bases);
		if (!cls ||
		    PyModule_AddObjectRef(m, exc_table[i].name, cls) < 0)
			return -1;
		status_exc[exc_table[i].st] = cls;
	}
	return 0;
}

PyMODINIT_FUNC PyInit__shmplot(void);
PyMODINIT_FUNC PyInit__shmplot(void)
{
	PyObject *m = PyModule_Create(&module);
	if (!m)
		return NULL;
	if (add_exceptions(m) < 0 || PyType_Ready(&pysp_data_type) < 0 ||
	    PyType_Ready(&pysp_region_type) < 0 ||
	    PyModule_AddObjectRef(m, "Data", (PyObject *)&pysp_data_type) < 0 ||
	    PyModule_AddStringConstant(m, "version", shmplot_version()) < 0 ||
	    PyModule_AddIntConstant(m, "MAX_SERIES_NAME",
				    SHMPLOT_MAX_SERIES_NAME) < 0) {
		Py_DECREF(m);
		return NULL;
	}
	return m;
}
