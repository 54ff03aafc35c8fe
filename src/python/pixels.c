// SPDX-License-Identifier: MIT
/*
 * A figure's pixels handed to Python without a copy: a buffer object over
 * the library's RGBA rows (shmplot_results_pixels, tightly packed), which
 * keeps the batch's results alive (a capsule that frees them) for as long
 * as any figure's pixels are referenced. Copying 1.44 MB a seed figure
 * into a fresh bytearray was the parent's largest cost in a warm batch
 * (memmove and the page faults of the new buffer, perf). The buffer is
 * writable: the memory is the caller's now, as a bytearray's was.
 */
#include "pyshmplot.h"

typedef struct pysp_pixels {
	PyObject_HEAD PyObject *owner; /* the capsule of the results */
	unsigned char *buf;
	Py_ssize_t len;
	Py_ssize_t shape[1], strides[1];
} pysp_pixels;

static void free_results(PyObject *capsule)
{
	shmplot_results_free(PyCapsule_GetPointer(capsule, "shmplot.results"));
}

PyObject *pysp_results_owner(shmplot_results *res)
{
	return PyCapsule_New(res, "shmplot.results", free_results);
}

static int pixels_getbuffer(pysp_pixels *self, Py_buffer *view, int flags)
{
	static char fmt[] = "B";
	view->buf = self->buf;
	view->obj = Py_NewRef((PyObject *)self);
	view->len = self->len;
	view->readonly = 0;
	view->itemsize = 1;
	view->format = (flags & PyBUF_FORMAT) ? fmt : NULL;
	view->ndim = 1;
	self->shape[0] = self->len;
	self->strides[0] = 1;
	view->shape = (flags & PyBUF_ND) ? self->shape : NULL;
	view->strides = (flags & PyBUF_STRIDES) ? self->strides : NULL;
	view->suboffsets = NULL;
	view->internal = NULL;
	return 0;
}

static PyBufferProcs pixels_buffer = {
    .bf_getbuffer = (getbufferproc)pixels_getbuffer,
};

static void pixels_dealloc(pysp_pixels *self)
{
	Py_XDECREF(self->owner);
	PyObject_Free(self);
}

static Py_ssize_t pixels_len(pysp_pixels *self)
{
	return self->len;
}

static PySequenceMethods pixels_seq = {
    .sq_length = (lenfunc)pixels_len,
};

PyTypeObject pysp_pixels_type = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "shmplot._shmplot.Pixels",
    .tp_basicsize = sizeof(pysp_pixels),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A figure's RGBA pixels, as a buffer.",
    .tp_dealloc = (destructor)pixels_dealloc,
    .tp_as_buffer = &pixels_buffer,
    .tp_as_sequence = &pixels_seq,
};

PyObject *pysp_pixels_new(PyObject *owner, const unsigned char *p, size_t len)
{
	pysp_pixels *self = PyObject_New(pysp_pixels, &pysp_pixels_type);
	if (!self)
		return NULL;
	self->owner = Py_NewRef(owner);
	self->buf =
	    (unsigned char *)p; /* results own it; the caller may write */
	self->len = (Py_ssize_t)len;
	return (PyObject *)self;
}
