// SPDX-License-Identifier: MIT
/*
 * Builds shmplot figures from the descriptions shmplot/_record.py keeps
 * (plain tuples, so the package records without touching C until a batch
 * renders). A description:
 *   (name, width_in, height_in, dpi, rows, cols, share, figops, axes)
 *   figops: [("t" | "n" | "C", field, value)]
 *                                          shmplot_figure_set_text/number/color
 *   axes:   [(row, col, ops)]
 *   ops:    ("title" | "xlabel" | "ylabel", str), ("xlim" | "ylim", lo, hi),
 *           ("xscale" | "yscale", scale), ("linthresh", axis, lt, ls),
 *           ("grid" | "legend" | "exact" | "poles", int),
 *           ("margins", x, y), ("aspect", a), ("facecolor", rgb),
 *           ("item", kind, fields), ("axis", axis, fields),
 *           ("options", "legend" | "title" | "xlabel" | "ylabel", fields),
 *           ("ticks", axis, [float], [str] | None),
 *           ("twin", "x" | "y", ops, twin_legend)
 *   fields: [(type, field, value)], type one of n (number), c (choice),
 *           s (series: an index into the batch's arrays), C (0xRRGGBB),
 *           t (text), a (numbers), S (strings)
 * Every failing call raises with the figure's message, which names the
 * figure, the kind and the field.
 */
#include "pyshmplot.h"

#include <stdlib.h>
#include <string.h>

typedef struct ctx {
	shmplot_figure *fig;
	const shmplot_series *ids;
	size_t nids;
} ctx;

static int fail(ctx *c, shmplot_status st)
{
	pysp_raise(st, shmplot_figure_errmsg(c->fig));
	return -1;
}

static int bad(const char *what)
{
	PyErr_Format(PyExc_TypeError, "shmplot: bad figure description (%s)",
		     what);
	return -1;
}

/* A sequence of floats as a malloc'ed array; *n its length. */
static double *doubles(PyObject *seq, size_t *n)
{
	PyObject *f = PySequence_Fast(seq, "expected a sequence of numbers");
	if (!f)
		return NULL;
	Py_ssize_t len = PySequence_Fast_GET_SIZE(f);
	double *v = malloc(sizeof *v * (size_t)(len ? len : 1));
	if (!v) {
		Py_DECREF(f);
		PyErr_NoMemory();
		return NULL;
	}
	for (Py_ssize_t i = 0; i < len; i++) {
		v[i] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(f, i));
		if (v[i] == -1.0 && PyErr_Occurred()) {
			free(v);
			Py_DECREF(f);
			return NULL;
		}
	}
	Py_DECREF(f);
	*n = (size_t)len;
	return v;
}

/* A sequence of str as a malloc'ed array of pointers into the objects
 * (kept alive by *keep, which the caller releases). */
static const char **strings(PyObject *seq, size_t *n, PyObject **keep)
{
	PyObject *f = PySequence_Fast(seq, "expected a sequence of str");
	if (!f)
		return NULL;
	Py_ssize_t len = PySequence_Fast_GET_SIZE(f);
	const char **v = malloc(sizeof *v * (size_t)(len ? len : 1));
	if (!v) {
		Py_DECREF(f);
		PyErr_NoMemory();
		return NULL;
	}
	for (Py_ssize_t i = 0; i < len; i++) {
		v[i] = PyUnicode_AsUTF8(PySequence_Fast_GET_ITEM(f, i));
		if (!v[i]) {
			free(v);
			Py_DECREF(f);
			return NULL;
		}
	}
	*keep = f;
	*n = (size_t)len;
	return v;
}

static int set_field(ctx *c, shmplot_item *it, PyObject *f)
{
	const char *type, *field;
	PyObject *v;
	if (!PyArg_ParseTuple(f, "ssO", &type, &field, &v))
		return -1;
	shmplot_status st = SHMPLOT_OK;
	switch (type[0]) {
	case 'n': {
		double d = PyFloat_AsDouble(v);
		if (d == -1.0 && PyErr_Occurred())
			return -1;
		st = shmplot_item_set_number(it, field, d);
		break;
	}
	case 'c':
	case 't': {
		const char *s = v == Py_None ? NULL : PyUnicode_AsUTF8(v);
		if (v != Py_None && !s)
			return -1;
		st = type[0] == 'c' ? shmplot_item_set_choice(it, field, s)
				    : shmplot_item_set_text(it, field, s);
		break;
	}
	case 's': {
		Py_ssize_t k = PyLong_AsSsize_t(v);
		if (k == -1 && PyErr_Occurred())
			return -1;
		if (k < 0 || (size_t)k >= c->nids)
			return bad("series index");
		st = shmplot_item_set_series(it, field, c->ids[k]);
		break;
	}
	case 'C': {
		unsigned long rgb = PyLong_AsUnsignedLong(v);
		if (PyErr_Occurred())
			return -1;
		st = shmplot_item_set_color(it, field, (uint32_t)rgb);
		break;
	}
	case 'a': {
		size_t n;
		double *d = doubles(v, &n);
		if (!d)
			return -1;
		st = shmplot_item_set_array(it, field, d, n);
		free(d);
		break;
	}
	case 'S': {
		size_t n;
		PyObject *keep = NULL;
		const char **s = strings(v, &n, &keep);
		if (!s)
			return -1;
		st = shmplot_item_set_strings(it, field, s, n);
		free(s);
		Py_DECREF(keep);
		break;
	}
	default:
		return bad("field type");
	}
	return st ? fail(c, st) : 0;
}

static int set_fields(ctx *c, shmplot_item *it, PyObject *fields)
{
	PyObject *f = PySequence_Fast(fields, "fields");
	if (!f)
		return -1;
	int rc = 0;
	for (Py_ssize_t i = 0; !rc && i < PySequence_Fast_GET_SIZE(f); i++)
		rc = set_field(c, it, PySequence_Fast_GET_ITEM(f, i));
	Py_DECREF(f);
	return rc;
}

static int apply_ops(ctx *c, shmplot_axes *ax, PyObject *ops);

static int axis_char(const char *s)
{
	return (s[0] == 'x' || s[0] == 'y') && !s[1] ? s[0] : 0;
}

static int op_ticks(ctx *c, shmplot_axes *ax, PyObject *op)
{
	const char *axis;
	PyObject *ticks, *labels;
	if (!PyArg_ParseTuple(op, "ssOO", &(const char *){0}, &axis, &ticks,
			      &labels) ||
	    !axis_char(axis))
		return PyErr_Occurred() ? -1 : bad("ticks axis");
	size_t n, nl = 0;
	double *v = doubles(ticks, &n);
	if (!v)
		return -1;
	PyObject *keep = NULL;
	const char **s = NULL;
	if (labels != Py_None && !(s = strings(labels, &nl, &keep))) {
		free(v);
		return -1;
	}
	shmplot_status st = SHMPLOT_OK;
	if (s && nl != n) {
		PyErr_Format(PyExc_ValueError,
			     "set_%cticks: %zu labels for %zu ticks", axis[0],
			     nl, n);
		st = SHMPLOT_E_INVALID;
	} else {
		st = shmplot_axes_set_ticks(ax, axis[0], v, n, s);
	}
	free(v);
	free(s);
	Py_XDECREF(keep);
	if (st && PyErr_Occurred())
		return -1;
	return st ? fail(c, st) : 0;
}

static int op_twin(ctx *c, shmplot_axes *ax, PyObject *op)
{
	const char *axis;
	PyObject *ops;
	int legend;
	if (!PyArg_ParseTuple(op, "ssOp", &(const char *){0}, &axis, &ops,
			      &legend))
		return -1;
	shmplot_axes *twin;
	shmplot_status st = axis[0] == 'x' ? shmplot_axes_twinx(ax, &twin)
					   : shmplot_axes_twiny(ax, &twin);
	if (!st && legend)
		st = shmplot_axes_set_twin_legend(twin, 1);
	if (st)
		return fail(c, st);
	return apply_ops(c, twin, ops);
}

/* is_axis 1: ("axis", axis, fields); 2: ("options", what, fields). */
static int op_item(ctx *c, shmplot_axes *ax, PyObject *op, int is_axis)
{
	const char *what;
	PyObject *fields;
	if (!PyArg_ParseTuple(op, "ssO", &(const char *){0}, &what, &fields))
		return -1;
	shmplot_item *it;
	shmplot_status st;
	if (is_axis == 2) {
		st = shmplot_axes_options(ax, what, &it);
	} else if (is_axis) {
		if (!axis_char(what))
			return bad("axis");
		st = shmplot_axes_axis(ax, what[0], &it);
	} else {
		st = shmplot_axes_add(ax, what, &it);
	}
	if (st)
		return fail(c, st);
	return set_fields(c, it, fields);
}

/* The ops of one number or two numbers, by name. */
static int op_simple(ctx *c, shmplot_axes *ax, const char *name, PyObject *op)
{
	double a = 0, b = 0;
	const char *s = NULL;
	shmplot_status st;
	int is_text = !strcmp(name, "title") || !strcmp(name, "xlabel") ||
		      !strcmp(name, "ylabel");
	int two = !strcmp(name, "xlim") || !strcmp(name, "ylim") ||
		  !strcmp(name, "margins");
	if (is_text) {
		if (!PyArg_ParseTuple(op, "sz", &(const char *){0}, &s))
			return -1;
	} else if (two) {
		if (!PyArg_ParseTuple(op, "sdd", &(const char *){0}, &a, &b))
			return -1;
	} else if (!PyArg_ParseTuple(op, "sd", &(const char *){0}, &a)) {
		return -1;
	}
	if (!strcmp(name, "title"))
		st = shmplot_axes_set_title(ax, s);
	else if (!strcmp(name, "xlabel"))
		st = shmplot_axes_set_xlabel(ax, s);
	else if (!strcmp(name, "ylabel"))
		st = shmplot_axes_set_ylabel(ax, s);
	else if (!strcmp(name, "xlim"))
		st = shmplot_axes_set_xlim(ax, a, b);
	else if (!strcmp(name, "ylim"))
		st = shmplot_axes_set_ylim(ax, a, b);
	else if (!strcmp(name, "margins"))
		st = shmplot_axes_set_margins(ax, a, b);
	else if (!strcmp(name, "xscale"))
		st = shmplot_axes_set_xscale(ax, (shmplot_scale)a);
	else if (!strcmp(name, "yscale"))
		st = shmplot_axes_set_yscale(ax, (shmplot_scale)a);
	else if (!strcmp(name, "grid"))
		st = shmplot_axes_set_grid(ax, (int)a);
	else if (!strcmp(name, "legend"))
		st = shmplot_axes_set_legend(ax, (shmplot_legend_loc)a);
	else if (!strcmp(name, "exact"))
		st = shmplot_axes_set_exact(ax, (int)a);
	else if (!strcmp(name, "poles"))
		st = shmplot_axes_set_pole_segments(ax, (int)a);
	else if (!strcmp(name, "aspect"))
		st = shmplot_axes_set_aspect(ax, a);
	else if (!strcmp(name, "facecolor"))
		st = shmplot_axes_set_facecolor(ax, (uint32_t)a);
	else
		return bad(name);
	return st ? fail(c, st) : 0;
}

static int apply_op(ctx *c, shmplot_axes *ax, PyObject *op)
{
	if (!PyTuple_Check(op) || PyTuple_GET_SIZE(op) < 1)
		return bad("op");
	const char *name = PyUnicode_AsUTF8(PyTuple_GET_ITEM(op, 0));
	if (!name)
		return -1;
	if (!strcmp(name, "item"))
		return op_item(c, ax, op, 0);
	if (!strcmp(name, "axis"))
		return op_item(c, ax, op, 1);
	if (!strcmp(name, "options"))
		return op_item(c, ax, op, 2);
	if (!strcmp(name, "ticks"))
		return op_ticks(c, ax, op);
	if (!strcmp(name, "twin"))
		return op_twin(c, ax, op);
	if (!strcmp(name, "linthresh")) {
		const char *axis;
		double lt, ls;
		if (!PyArg_ParseTuple(op, "ssdd", &(const char *){0}, &axis,
				      &lt, &ls))
			return -1;
		shmplot_status st =
		    shmplot_axes_set_linthresh(ax, axis[0], lt, ls);
		return st ? fail(c, st) : 0;
	}
	return op_simple(c, ax, name, op);
}

static int apply_ops(ctx *c, shmplot_axes *ax, PyObject *ops)
{
	PyObject *f = PySequence_Fast(ops, "ops");
	if (!f)
		return -1;
	int rc = 0;
	for (Py_ssize_t i = 0; !rc && i < PySequence_Fast_GET_SIZE(f); i++)
		rc = apply_op(c, ax, PySequence_Fast_GET_ITEM(f, i));
	Py_DECREF(f);
	return rc;
}

static int apply_figops(ctx *c, PyObject *figops)
{
	PyObject *f = PySequence_Fast(figops, "figops");
	if (!f)
		return -1;
	int rc = 0;
	for (Py_ssize_t i = 0; !rc && i < PySequence_Fast_GET_SIZE(f); i++) {
		const char *type, *field;
		PyObject *v;
		if (!PyArg_ParseTuple(PySequence_Fast_GET_ITEM(f, i), "ssO",
				      &type, &field, &v)) {
			rc = -1;
			break;
		}
		shmplot_status st;
		if (type[0] == 'C') {
			unsigned long rgb = PyLong_AsUnsignedLong(v);
			if (PyErr_Occurred()) {
				rc = -1;
				break;
			}
			st = shmplot_figure_set_color(c->fig, field,
						      (uint32_t)rgb);
		} else if (type[0] == 'n') {
			double d = PyFloat_AsDouble(v);
			if (d == -1.0 && PyErr_Occurred()) {
				rc = -1;
				break;
			}
			st = shmplot_figure_set_number(c->fig, field, d);
		} else {
			const char *s =
			    v == Py_None ? NULL : PyUnicode_AsUTF8(v);
			if (v != Py_None && !s) {
				rc = -1;
				break;
			}
			st = shmplot_figure_set_text(c->fig, field, s);
		}
		if (st)
			rc = fail(c, st);
	}
	Py_DECREF(f);
	return rc;
}

static int apply_axes(ctx *c, PyObject *axes)
{
	PyObject *f = PySequence_Fast(axes, "axes");
	if (!f)
		return -1;
	int rc = 0;
	for (Py_ssize_t i = 0; !rc && i < PySequence_Fast_GET_SIZE(f); i++) {
		int row, col;
		PyObject *ops;
		if (!PyArg_ParseTuple(PySequence_Fast_GET_ITEM(f, i), "iiO",
				      &row, &col, &ops)) {
			rc = -1;
			break;
		}
		shmplot_axes *ax = shmplot_figure_axes(c->fig, row, col);
		rc = ax ? apply_ops(c, ax, ops) : bad("axes position");
	}
	Py_DECREF(f);
	return rc;
}

int pysp_build_figure(PyObject *desc, const shmplot_series *ids, size_t nids,
		      shmplot_figure **out)
{
	const char *name;
	double w, h, dpi;
	int rows, cols;
	unsigned share;
	PyObject *figops, *axes;
	*out = NULL;
	if (!PyArg_ParseTuple(desc, "sdddiiIOO", &name, &w, &h, &dpi, &rows,
			      &cols, &share, &figops, &axes))
		return -1;
	char err[512] = "";
	shmplot_figure *fig;
	shmplot_status st =
	    shmplot_figure_new(&fig, name, w, h, dpi, err, sizeof err);
	if (st) {
		pysp_raise(st, err);
		return -1;
	}
	ctx c = {fig, ids, nids};
	if ((rows != 1 || cols != 1 || share) &&
	    (st = shmplot_figure_set_grid(fig, rows, cols, share))) {
		fail(&c, st);
		shmplot_figure_free(fig);
		return -1;
	}
	if (apply_figops(&c, figops) < 0 || apply_axes(&c, axes) < 0) {
		shmplot_figure_free(fig);
		return -1;
	}
	*out = fig;
	return 0;
}
