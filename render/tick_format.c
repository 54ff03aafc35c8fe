// SPDX-License-Identifier: MIT
/*
 * A tick axis' own label format, the two forms matplotlib users write:
 * FormatStrFormatter's printf style ("%.2f", "%d km": Python's `fmt % x`)
 * and StrMethodFormatter's str.format style ("{x:.0%}", "{x:,.2f} m":
 * `fmt.format(x=x, pos=pos)`). An honest subset of each: one conversion
 * d i f F e E g G s (printf, with the flags - + space 0 # and a width);
 * in braces {x} or {pos}, the spec [sign][0][width][,|_][.precision]
 * [type] with type f F e E g G % or none. Anything else is refused with
 * a reason, never drawn wrongly. The numbers are written as Python
 * writes them (an ASCII minus: neither formatter uses U+2212), whatever
 * the C locale's radix character.
 */
#include "mathtext.h"
#include "render_internal.h"
#include "ticks.h"

#include <ctype.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* snprintf with the locale's radix replaced by '.'. */
static void c_format(char *buf, size_t len, const char *cfmt, double x)
{
	const char *dp = localeconv()->decimal_point;
	char tmp[400];
	size_t dl = dp ? strlen(dp) : 0, o = 0;

	/* cfmt is one conversion of a double, built and checked here */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	snprintf(tmp, sizeof tmp, cfmt, x);
#pragma GCC diagnostic pop
	for (const char *p = tmp; *p && o + 1 < len;) {
		if (dl && strncmp(p, dp, dl) == 0 && strcmp(dp, ".") != 0) {
			buf[o++] = '.';
			p += dl;
		} else {
			buf[o++] = *p++;
		}
	}
	buf[o] = 0;
}

/* Python's repr(float): the shortest digits that read back as x. */
static void py_repr(char *buf, size_t len, double x)
{
	char e[64], cf[16];
	int p, ex;

	if (isnan(x) || isinf(x)) {
		snprintf(buf, len, "%s",
			 isnan(x) ? "nan"
			 : x > 0  ? "inf"
				  : "-inf");
		return;
	}
	for (p = 1; p < 17; p++) {
		snprintf(cf, sizeof cf, "%%.%de", p - 1);
		c_format(e, sizeof e, cf, x);
		if (strtod(e, NULL) == x)
			break;
	}
	snprintf(cf, sizeof cf, "%%.%de", p - 1);
	c_format(e, sizeof e, cf, x);
	ex = atoi(strchr(e, 'e') + 1);
	if (ex < -4 || ex >= 16) {
		/* mantissa digits, exponent as Python: e+16, e-05 */
		char *m = strchr(e, 'e');
		*m = 0;
		snprintf(buf, len, "%se%c%02d", e, ex < 0 ? '-' : '+', abs(ex));
		return;
	}
	snprintf(cf, sizeof cf, "%%.%df", p - 1 - ex > 0 ? p - 1 - ex : 0);
	c_format(buf, len, cf, x);
	if (!strchr(buf, '.') && strlen(buf) + 2 < len)
		strcat(buf, ".0");
}

/* One printf conversion at s ('%' already passed): its end, or NULL. */
static const char *printf_conv(const char *s, char *cfmt, size_t clen,
			       char *type)
{
	const char *p = s;
	size_t n;

	while (*p && strchr("-+ 0#", *p))
		p++;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.') {
		p++;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (!*p || !strchr("diFfeEgGs", *p))
		return NULL;
	*type = *p;
	n = (size_t)(p - s);
	if (n + 4 > clen)
		return NULL;
	cfmt[0] = '%';
	memcpy(cfmt + 1, s, n);
	/* %d, %i: Python truncates the float; %s: its repr */
	if (*p == 'd' || *p == 'i') {
		strcpy(cfmt + 1 + n, ".0f");
	} else {
		cfmt[1 + n] = *p;
		cfmt[2 + n] = 0;
	}
	return p + 1;
}

/* The parts of a "{x:spec}" field. */
typedef struct fmt_spec {
	char sign;  /* '-', '+', ' ' */
	int zero;   /* '0' before the width */
	int width;  /* 0: none */
	char group; /* ',', '_' or 0 */
	int prec;   /* -1: none */
	char type;  /* f F e E g G % or 0 */
	int is_pos; /* {pos} */
} fmt_spec;

static int parse_spec(const char *s, const char *end, fmt_spec *f, char *why,
		      size_t len)
{
	memset(f, 0, sizeof *f);
	f->sign = '-';
	f->prec = -1;
	if (s < end && strchr("+- ", *s))
		f->sign = *s++;
	if (s < end && *s == '0')
		f->zero = 1, s++;
	while (s < end && isdigit((unsigned char)*s))
		f->width = f->width * 10 + (*s++ - '0');
	if (s < end && (*s == ',' || *s == '_'))
		f->group = *s++;
	if (s < end && *s == '.') {
		s++;
		if (s == end || !isdigit((unsigned char)*s))
			return spr_err(why, len, "a precision needs digits");
		f->prec = 0;
		while (s < end && isdigit((unsigned char)*s))
			f->prec = f->prec * 10 + (*s++ - '0');
	}
	if (s < end && strchr("fFeEgG%", *s))
		f->type = *s++;
	if (s != end)
		return spr_err(
		    why, len,
		    "format spec \"%.*s\" is not supported (supported: "
		    "[sign][0][width][,][.precision][f|e|g|%%])",
		    (int)(end - s), s);
	if (f->width > 100 || f->prec > 50)
		return spr_err(why, len, "width or precision above 100/50");
	return 0;
}

/* Thousands separators into the integer part of the digits in buf. */
static void group_digits(char *buf, size_t len, char sep)
{
	char out[256];
	size_t o = 0, i = 0, start, end;

	while (buf[i] && !isdigit((unsigned char)buf[i]))
		out[o++] = buf[i++];
	start = i;
	while (isdigit((unsigned char)buf[i]))
		i++;
	end = i;
	for (size_t k = start; k < end && o + 2 < sizeof out; k++) {
		out[o++] = buf[k];
		if ((end - k - 1) % 3 == 0 && k + 1 < end)
			out[o++] = sep;
	}
	for (; buf[i] && o + 1 < sizeof out; i++)
		out[o++] = buf[i];
	out[o] = 0;
	snprintf(buf, len, "%s", out);
}

/* format(x, spec) for a float, as Python 3 does for this subset. */
static void spec_value(char *buf, size_t len, const fmt_spec *f, double x)
{
	char core[256], cf[32], body[256];
	int prec = f->prec < 0 ? 6 : f->prec;
	const char *sign = "";
	double a = fabs(x);

	if (signbit(x) && !(x == 0 && 0))
		sign = "-";
	else if (f->sign == '+')
		sign = "+";
	else if (f->sign == ' ')
		sign = " ";
	if (f->type == '%') {
		snprintf(cf, sizeof cf, "%%.%df", prec);
		c_format(body, sizeof body, cf, a * 100);
		strcat(body, "%");
	} else if (f->type) {
		snprintf(cf, sizeof cf, "%%.%d%c", prec, f->type);
		c_format(body, sizeof body, cf, a);
	} else if (f->prec < 0) {
		py_repr(body, sizeof body, a);
	} else {
		/* 'g' that keeps a ".0" in fixed notation */
		snprintf(cf, sizeof cf, "%%.%dg", prec ? prec : 1);
		c_format(body, sizeof body, cf, a);
		if (!strpbrk(body, ".e") && isfinite(a))
			strcat(body, ".0");
	}
	if (f->group)
		group_digits(body, sizeof body, f->group);
	snprintf(core, sizeof core, "%s%s", sign, body);
	size_t n = strlen(core);
	if ((int)n >= f->width) {
		snprintf(buf, len, "%s", core);
		return;
	}
	size_t pad = (size_t)f->width - n;
	if (f->zero) /* zeros after the sign */
		snprintf(buf, len, "%s%0*d%s", sign, (int)pad, 0, body);
	else
		snprintf(buf, len, "%*s%s", (int)pad, "", core);
	if (f->zero && pad == 0)
		snprintf(buf, len, "%s", core);
}

/*
 * Walks fmt: literal text to out, each field through its conversion.
 * out NULL: only checks (why gets the reason). Returns 0 or -1.
 */
static int walk(const char *fmt, double x, int pos, char *out, size_t len,
		char *why, size_t wlen)
{
	size_t o = 0;
	int fields = 0, brace = strchr(fmt, '{') != NULL;
	char piece[300];

#define EMIT(str)                                                              \
	do {                                                                   \
		for (const char *q_ = (str); out && *q_ && o + 1 < len; q_++)  \
			out[o++] = *q_;                                        \
	} while (0)

	for (const char *p = fmt; *p;) {
		if (!brace && *p == '%') {
			char cf[40], type;
			const char *e;
			if (p[1] == '%') {
				EMIT("%");
				p += 2;
				continue;
			}
			if (!(e = printf_conv(p + 1, cf, sizeof cf, &type)))
				return spr_err(
				    why, wlen,
				    "\"%s\": a conversion other than "
				    "%%d %%i %%f %%e %%g %%s",
				    fmt);
			if (++fields > 1)
				return spr_err(why, wlen,
					       "\"%s\": more than one %% "
					       "conversion for one value",
					       fmt);
			if (out && type == 's') {
				py_repr(piece, sizeof piece, x);
			} else if (out) {
				c_format(piece, sizeof piece, cf,
					 type == 'd' || type == 'i' ? trunc(x)
								    : x);
				/* -0 from truncation prints as 0 in Python */
				if ((type == 'd' || type == 'i') &&
				    trunc(x) == 0 && piece[0] == '-')
					memmove(piece, piece + 1,
						strlen(piece));
			}
			EMIT(piece);
			p = e;
		} else if (brace && (*p == '{' || *p == '}')) {
			if (p[1] == *p) {
				EMIT(*p == '{' ? "{" : "}");
				p += 2;
				continue;
			}
			const char *end = strchr(p, '}');
			if (*p == '}' || !end)
				return spr_err(why, wlen,
					       "\"%s\": unmatched brace", fmt);
			const char *colon = memchr(p, ':', (size_t)(end - p));
			const char *ne = colon ? colon : end;
			fmt_spec f;
			int is_x = ne - p - 1 == 1 && p[1] == 'x';
			int is_pos =
			    ne - p - 1 == 3 && !strncmp(p + 1, "pos", 3);
			if (!is_x && !is_pos)
				return spr_err(why, wlen,
					       "\"%s\": a field other than {x} "
					       "or {pos}",
					       fmt);
			if (parse_spec(colon ? colon + 1 : end, end, &f, why,
				       wlen))
				return -1;
			if (out)
				spec_value(piece, sizeof piece, &f,
					   is_x ? x : (double)pos);
			if (out && is_pos && !f.type && f.prec < 0)
				snprintf(piece, sizeof piece, "%d", pos);
			EMIT(piece);
			fields++;
			p = end + 1;
		} else {
			char c[2] = {*p++, 0};
			EMIT(c);
		}
	}
	if (!brace && !fields)
		return spr_err(why, wlen,
			       "\"%s\": no %% conversion for the value", fmt);
	if (out)
		out[o] = 0;
#undef EMIT
	return 0;
}

int spr_tick_label_check(const char *s, char *why, size_t len)
{
	size_t n = strlen(s);

	if (!mt_is_math(s, n))
		return 0;
	if (n >= SPR_TICK_LABEL)
		return spr_err(why, len,
			       "%zu bytes, more than the %d a tick label's "
			       "formula may have",
			       n, SPR_TICK_LABEL - 1);
	return mt_check(s, why, len) ? -1 : 0;
}

int spr_format_check(const char *fmt, char *why, size_t len)
{
	char out[4 * SPR_TICK_LABEL], mt[200];

	if (walk(fmt, 0, 0, NULL, 0, why, len))
		return -1;
	/* labels with $...$ are mathtext (matplotlib's Text): one that
	 * cannot be laid out is refused, never drawn as its source */
	spr_format_value(fmt, -1.5, 0, out, sizeof out);
	if (spr_tick_label_check(out, mt, sizeof mt))
		return spr_err(why, len,
			       "\"%s\" writes \"%s\": cannot lay out the "
			       "formula: %s",
			       fmt, out, mt);
	return 0;
}

void spr_format_value(const char *fmt, double x, int pos, char *out, size_t len)
{
	if (walk(fmt, x, pos, out, len, NULL, 0) != 0 && len)
		out[0] = 0;
}
