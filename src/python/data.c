// SPDX-License-Identifier: MIT
/*
 * _shmplot.Data: a data segment the caller computes into in place.
 * alloc() returns a Region, a buffer-protocol object over one series that
 * numpy wraps without a copy (np.frombuffer keeps the Region as the array's
 * base). Each Region holds a reference to its Data, so the segment is
 * unmapped only when no array can reach it any more. After seal() a
 * Region refuses writable buffers: numpy then cannot make an array over it
 * writable again, and the package marks the arrays it handed out
 * read-only, so a write raises ValueError instead of faulting on the
 * read-only mapping.
 */
#include "pyshmplot.h"

#include <structmember.h>

typedef struct pysp_region {
	PyObject_HEAD pysp_data *owner;
	double *values;
	Py_ssize_t n;
	Py_ssize_t shape[1];
	Py_ssize_t strides[1];
} pysp_region;

static int data_init(pysp_data *self, PyObject *args, PyObject *kw)
{
	static char *kwlist[] = {"points", "series", NULL};
	Py_ssize_t points, series = 16;
	if (!PyArg_ParseTupleAndKeywords(args, kw, "n|n", kwlist, &points,
					 &series))
		return -1;
	if (self->data) {
		PyErr_SetString(PyExc_TypeError, "Data is already initialised");
		return -1;
	}
	if (points < 0 || series < 1) {
		PyErr_Format(PyExc_ValueError,
			     "Data: points must be >= 0 and series >= 1 "
			     "(got points=%zd, series=%zd)",
			     points, series);
		return -1;
	}
	char err[512] = "";
	shmplot_status st;
	Py_BEGIN_ALLOW_THREADS;
	st = shmplot_data_new(&self->data, (size_t)series, (size_t)points, err,
			      sizeof err);
	Py_END_ALLOW_THREADS;
	if (st) {
		pysp_raise(st, err);
		return -1;
	}
	return 0;
}

static void data_dealloc(pysp_data *self)
{
	shmplot_data_free(self->data);
	Py_TYPE(self)->tp_free((PyObject *)self);
}

static int data_ready(pysp_data *self)
{
	if (!self->data) {
		PyErr_SetString(PyExc_TypeError, "Data was not initialised");
		return 0;
	}
	return 1;
}

static const char *name_arg(PyObject *name)
{
	if (!PyUnicode_Check(name)) {
		PyErr_Format(PyExc_TypeError, "name: expected str, got %s",
			     Py_TYPE(name)->tp_name);
		return NULL;
	}
	return PyUnicode_AsUTF8(name);
}

static PyObject *new_region(pysp_data *self, shmplot_series id)
{
	size_t n = 0;
	const double *v = shmplot_data_values(self->data, id, &n);
	pysp_region *r = PyObject_New(pysp_region, &pysp_region_type);
	if (!r)
		return NULL;
	Py_INCREF(self);
	r->owner = self;
	r->values = (double *)v; /* writable until sealed (shmplot.h) */
	r->n = (Py_ssize_t)n;
	return (PyObject *)r;
}

/* alloc(name, n) -> (series id, Region): n zeros, written in place. */
static PyObject *data_alloc(pysp_data *self, PyObject *args)
{
	PyObject *name;
	Py_ssize_t n;
	if (!data_ready(self) || !PyArg_ParseTuple(args, "On", &name, &n))
		return NULL;
	const char *s = name_arg(name);
	if (!s)
		return NULL;
	if (n < 0)
		return PyErr_Format(PyExc_ValueError,
				    "alloc: n must be >= 0, got %zd", n);
	double *values;
	shmplot_series id;
	shmplot_status st =
	    shmplot_data_alloc(self->data, s, (size_t)n, &values, &id);
	if (st)
		return pysp_raise(st, shmplot_data_errmsg(self->data));
	PyObject *r = new_region(self, id);
	if (!r)
		return NULL;
	return Py_BuildValue("(kN)", (unsigned long)id, r);
}

/* add(name, buffer) -> series id: a copy of a C-contiguous float64
 * buffer. */
static PyObject *data_add(pysp_data *self, PyObject *args)
{
	PyObject *name, *obj;
	if (!data_ready(self) || !PyArg_ParseTuple(args, "OO", &name, &obj))
		return NULL;
	const char *s = name_arg(name);
	if (!s)
		return NULL;
	Py_buffer b;
	if (PyObject_GetBuffer(obj, &b, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
		return NULL;
	if (b.itemsize != 8 || !b.format || strcmp(b.format, "d") != 0) {
		PyBuffer_Release(&b);
		return PyErr_Format(PyExc_TypeError,
				    "add: values must be float64");
	}
	shmplot_series id;
	shmplot_status st =
	    shmplot_data_add(self->data, s, b.buf, (size_t)(b.len / 8), &id);
	if (!st && b.ndim == 2)
		st = shmplot_data_set_shape(self->data, id, (size_t)b.shape[0],
					    (size_t)b.shape[1]);
	PyBuffer_Release(&b);
	if (st)
		return pysp_raise(st, shmplot_data_errmsg(self->data));
	return PyLong_FromUnsignedLong(id);
}

static PyObject *data_set_shape(pysp_data *self, PyObject *args)
{
	unsigned long id;
	Py_ssize_t rows, cols;
	if (!data_ready(self) ||
	    !PyArg_ParseTuple(args, "knn", &id, &rows, &cols))
		return NULL;
	if (rows < 1 || cols < 1)
		return PyErr_Format(PyExc_ValueError,
				    "shape: rows and cols must be >= 1");
	shmplot_status st = shmplot_data_set_shape(
	    self->data, (shmplot_series)id, (size_t)rows, (size_t)cols);
	if (st)
		return pysp_raise(st, shmplot_data_errmsg(self->data));
	Py_RETURN_NONE;
}

static PyObject *data_seal(pysp_data *self, PyObject *unused)
{
	if (!data_ready(self))
		return NULL;
	shmplot_status st = shmplot_data_seal(self->data);
	if (st)
		return pysp_raise(st, shmplot_data_errmsg(self->data));
	self->sealed = 1;
	Py_RETURN_NONE;
}

static PyObject *data_find(pysp_data *self, PyObject *name)
{
	const char *s;
	if (!data_ready(self) || !(s = name_arg(name)))
		return NULL;
	shmplot_series id;
	shmplot_status st = shmplot_data_find(self->data, s, &id);
	if (st)
		return pysp_raise(st, shmplot_data_errmsg(self->data));
	return PyLong_FromUnsignedLong(id);
}

/* region(id) -> Region over an existing series (read-only once sealed). */
static PyObject *data_region(pysp_data *self, PyObject *arg)
{
	unsigned long id = PyLong_AsUnsignedLong(arg);
	if (!data_ready(self) || PyErr_Occurred())
		return NULL;
	if (id >= shmplot_data_count(self->data))
		return pysp_raise(SHMPLOT_E_NOT_FOUND,
				  "no series with that id");
	return new_region(self, (shmplot_series)id);
}

static PyObject *data_info(pysp_data *self, PyObject *unused)
{
	if (!data_ready(self))
		return NULL;
	return Py_BuildValue("{s:n,s:n,s:O}", "count",
			     (Py_ssize_t)shmplot_data_count(self->data),
			     "bytes",
			     (Py_ssize_t)shmplot_data_bytes(self->data),
			     "sealed", self->sealed ? Py_True : Py_False);
}

static PyMethodDef data_methods[] = {
    {"alloc", (PyCFunction)data_alloc, METH_VARARGS,
     "alloc(name, n) -> (id, region)"},
    {"add", (PyCFunction)data_add, METH_VARARGS, "add(name, buffer) -> id"},
    {"set_shape", (PyCFunction)data_set_shape, METH_VARARGS,
     "set_shape(id, rows, cols)"},
    {"seal", (PyCFunction)data_seal, METH_NOARGS, "seal()"},
    {"find", (PyCFunction)data_find, METH_O, "find(name) -> id"},
    {"region", (PyCFunction)data_region, METH_O, "region(id) -> region"},
    {"info", (PyCFunction)data_info, METH_NOARGS, "info() -> dict"},
    {NULL, NULL, 0, NULL}};

PyTypeObject pysp_data_type = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "shmplot._shmplot.Data",
    .tp_basicsize = sizeof(pysp_data),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Data(points, series=16): a shared-memory data segment.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)data_init,
    .tp_dealloc = (destructor)data_dealloc,
    .tp_methods = data_methods,
};

static int region_getbuffer(pysp_region *self, Py_buffer *view, int flags)
{
	int ro = self->owner->sealed;
	if (ro && (flags & PyBUF_WRITABLE)) {
		PyErr_SetString(PyExc_BufferError,
				"the data segment is sealed: read-only");
		view->obj = NULL;
		return -1;
	}
	static char fmt[] = "d";
	view->buf = self->values;
	view->obj = (PyObject *)self;
	Py_INCREF(self);
	view->len = self->n * (Py_ssize_t)sizeof(double);
	view->readonly = ro;
	view->itemsize = sizeof(double);
	view->format = (flags & PyBUF_FORMAT) ? fmt : NULL;
	view->ndim = 1;
	self->shape[0] = self->n;
	self->strides[0] = sizeof(double);
	view->shape = (flags & PyBUF_ND) ? self->shape : NULL;
	view->strides = (flags & PyBUF_STRIDES) ? self->strides : NULL;
	view->suboffsets = NULL;
	view->internal = NULL;
	return 0;
}

static PyBufferProcs region_buffer = {
    .bf_getbuffer = (getbufferproc)region_getbuffer,
};

static void region_dealloc(pysp_region *self)
{
	Py_XDECREF(self->owner);
	PyObject_Free(self);
}

static PyObject *region_owner(pysp_region *self, void *unused)
{
	return Py_NewRef((PyObject *)self->owner);
}

static PyGetSetDef region_getset[] = {
    {"owner", (getter)region_owner, NULL, "the Data", NULL},
    {NULL, NULL, NULL, NULL, NULL}};

PyTypeObject pysp_region_type = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "shmplot._shmplot.Region",
    .tp_basicsize = sizeof(pysp_region),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "One series of a Data segment, as a buffer.",
    .tp_dealloc = (destructor)region_dealloc,
    .tp_as_buffer = &region_buffer,
    .tp_getset = region_getset,
};
