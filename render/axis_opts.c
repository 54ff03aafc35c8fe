/* SPDX-License-Identifier: MIT */
/*
 * The axis kind: not a plotted item but one axis' tick options, described
 * by field descriptors as the kinds' parameters are, so the figure API
 * sets them by name, the batch serialiser carries them and the spec
 * loader reads them without code of their own. Names and defaults are
 * matplotlib 3.6's (tick_params, rcParams xtick.* / ytick.*).
 */
#include "axis_opts.h"
#include "dates.h"
#include "item.h"

#include <stddef.h>

static const char *const dir_names[] = {"out", "in", "inout"};
static const char *const ha_names[] = {"auto", "center", "left", "right"};
static const char *const mode_names[] = {"default", "anchor"};

#define MAX_FORMAT 64

#define FIELD(n, t, m)                                                         \
	.name = n, .type = t, .offset = offsetof(spr_axis_opts, m)
#define PT(n, m, d)                                                            \
	{                                                                      \
		FIELD(n, SPR_F_NUM, m), .min = 0, .max = 1000, .def = NAN,     \
					.flags = SPR_FF_AUTO, .doc = d         \
	}
#define FLAG(n, m, d, text)                                                    \
	{                                                                      \
		FIELD(n, SPR_F_INT, m), .min = 0, .max = 1, .def = d,          \
					.doc = text                            \
	}

static const spr_field axis_fields[] = {
    FLAG("fixed", fixed, 0, "ticks given: only those (an empty list too)"),
    {FIELD("ticks", SPR_F_ARRAY, ticks), .min = -HUGE_VAL, .max = HUGE_VAL,
     .maxlen = SPR_MAX_TICKS, .doc = "positions (FixedLocator)"},
    {FIELD("labels", SPR_F_STRINGS, labels), .maxlen = SPR_MAX_TICKS,
     .doc = "a label per tick, or none: formatted"},
    {FIELD("rotation", SPR_F_NUM, rotation), .min = -360, .max = 360, .def = 0,
     .doc = "tick labels, degrees counter-clockwise"},
    {FIELD("ha", SPR_F_INT, ha), .min = SPR_HA_AUTO, .max = SPR_HA_RIGHT,
     .def = SPR_HA_AUTO, .names = ha_names,
     .doc = "tick labels' horizontal alignment"},
    {FIELD("rotation_mode", SPR_F_INT, rotation_mode), .min = 0, .max = 1,
     .def = 0, .names = mode_names},
    {FIELD("format", SPR_F_TEXT, format), .maxlen = MAX_FORMAT,
     .doc = "\"%.2f\" (printf) or \"{x:.0%}\" (str.format)"},
    FLAG("minor", minor, 0, "minor ticks (AutoMinorLocator)"),
    {FIELD("direction", SPR_F_INT, direction[0]), .min = SPR_TICK_OUT,
     .max = SPR_TICK_INOUT, .def = SPR_TICK_OUT, .names = dir_names},
    {FIELD("minor_direction", SPR_F_INT, direction[1]), .min = SPR_TICK_OUT,
     .max = SPR_TICK_INOUT, .def = SPR_TICK_OUT, .names = dir_names},
    PT("length", length[0], "major tick length, pt (3.5)"),
    PT("minor_length", length[1], "minor tick length, pt (2)"),
    PT("width", width[0], "major tick width, pt (0.8)"),
    PT("minor_width", width[1], "minor tick width, pt (0.6)"),
    PT("pad", pad[0], "tick to label, pt (3.5)"),
    PT("minor_pad", pad[1], "minor tick to label, pt (3.4)"),
    PT("labelsize", labelsize, "tick labels, pt (10)"),
    {FIELD("color", SPR_F_COLOR, color), .def = 0},
    {FIELD("labelcolor", SPR_F_COLOR, labelcolor), .def = 0},
    FLAG("tick1", tick1, 1, "marks at the bottom (x) / left (y)"),
    FLAG("tick2", tick2, 0, "marks at the top (x) / right (y)"),
    FLAG("label1", label1, 1, "labels at the bottom (x) / left (y)"),
    FLAG("label2", label2, 0, "labels at the top (x) / right (y)"),
    FLAG("spine1", spine1, 1, "the spine at the bottom (x) / left (y)"),
    FLAG("spine2", spine2, 1, "the spine at the top (x) / right (y)"),
    {FIELD("linthresh", SPR_F_NUM, linthresh), .min = 1e-300, .max = 1e300,
     .def = 2, .doc = "symlog: the linear range +-linthresh (2)"},
    {FIELD("linscale", SPR_F_NUM, linscale), .min = 1e-300, .max = 1e300,
     .def = 1, .doc = "symlog: decades the linear half spans (1)"},
    {FIELD("tz", SPR_F_INT, tz), .min = -SPR_TZ_MAX_MIN, .max = SPR_TZ_MAX_MIN,
     .def = 0, .doc = "a date axis' zone: minutes east of UTC (0)"},
};

const spr_kind spr_axis_kind = {
    .name = "axis",
    .doc = "one axis' ticks",
    .size = sizeof(spr_axis_opts),
    .fields = axis_fields,
    .nfields = sizeof axis_fields / sizeof axis_fields[0],
};

static const spr_axis_opts defaults = {
    .direction = {SPR_TICK_OUT, SPR_TICK_OUT},
    .length = {NAN, NAN},
    .width = {NAN, NAN},
    .pad = {NAN, NAN},
    .labelsize = NAN,
    .tick1 = 1,
    .label1 = 1,
    .spine1 = 1,
    .spine2 = 1,
    .linthresh = 2,
    .linscale = 1,
};

const spr_axis_opts *spr_axis_opts_of(const spr_axes *ax, int d)
{
	return spr_more(ax)->axis[d].p ? spr_more(ax)->axis[d].p : &defaults;
}
