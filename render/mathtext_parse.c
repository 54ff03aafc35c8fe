/* SPDX-License-Identifier: MIT */
/*
 * Mathtext, stage 1: a line of text -> the tree of what was written, with
 * the decisions matplotlib 3.6's Parser takes from the source text made
 * here (which operator is spaced, which function gets a thin space, the
 * font of each character), so the layout needs no source. No fonts: the
 * spec loader runs it to reject a formula at load. The grammar follows
 * matplotlib's (lib/matplotlib/_mathtext.py, PSF-style licence) in our own
 * recursive-descent code.
 */
#include "mathtext.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 48

typedef struct parser {
	mt_tree *t;
	const char *s;   /* the whole line, for columns in messages */
	const char *m0;  /* start of the current $...$ contents */
	const char *end; /* end of the current $...$ contents */
	const char *p;
	uint8_t font;
	int depth;
	char *err;
	size_t errlen;
	int failed;
} parser;

static int fail(parser *ps, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(parser *ps, const char *at, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	if (ps->failed)
		return -1;
	ps->failed = 1;
	va_start(ap, fmt);
	vsnprintf(ps->err, ps->errlen, fmt, ap);
	va_end(ap);
	n = strlen(ps->err);
	if (at && n < ps->errlen)
		snprintf(ps->err + n, ps->errlen - n, " at column %d",
			 (int)(at - ps->s) + 1);
	return -1;
}

static int32_t node(parser *ps, uint8_t kind)
{
	mt_tree *t = ps->t;
	mt_node *n;

	if (t->len == t->cap) {
		int32_t cap = t->cap ? t->cap * 2 : 32;
		mt_node *nn;

		if (cap > (1 << 20) ||
		    !(nn = realloc(t->n, (size_t)cap * sizeof *nn)))
			return fail(ps, NULL, "out of memory parsing math");
		t->n = nn;
		t->cap = cap;
	}
	n = &t->n[t->len];
	memset(n, 0, sizeof *n);
	n->kind = kind;
	n->font = ps->font;
	n->a = n->b = n->c = n->first = n->next = -1;
	return t->len++;
}

/* Appends child to the list whose last child is *last. */
static void append(parser *ps, int32_t list, int32_t *last, int32_t child)
{
	if (*last < 0)
		ps->t->n[list].first = child;
	else
		ps->t->n[*last].next = child;
	*last = child;
}

static void skip_ws(parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t'))
		ps->p++;
}

/* The next non-blank character after q, or 0. */
static char next_char(const parser *ps, const char *q)
{
	while (q < ps->end && (*q == ' ' || *q == '\t'))
		q++;
	return q < ps->end ? *q : 0;
}

/* The last non-blank character before q in this formula, or 0. */
static char prev_char(const parser *ps, const char *q)
{
	while (q > ps->m0 && (q[-1] == ' ' || q[-1] == '\t'))
		q--;
	return q > ps->m0 ? q[-1] : 0;
}

static uint32_t utf8_cp(const char **sp, const char *end)
{
	const unsigned char *s = (const unsigned char *)*sp;
	uint32_t c = s[0];
	int n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0, i;

	c &= n == 3 ? 0x07 : n == 2 ? 0x0f : n == 1 ? 0x1f : 0x7f;
	for (i = 1; i <= n; i++) {
		if ((const char *)s + i >= end || (s[i] & 0xc0) != 0x80) {
			*sp += i;
			return 0xfffd;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	*sp += n + 1;
	return c;
}

/* A command name after '\': letters, or one other character. */
static size_t cmd_len(const parser *ps, const char *q)
{
	size_t n = 0;

	if (q >= ps->end)
		return 0;
	while (q + n < ps->end &&
	       ((q[n] | 0x20) >= 'a' && (q[n] | 0x20) <= 'z'))
		n++;
	return n ? n : 1;
}

static int is_cmd(const char *q, size_t n, const char *name)
{
	return strlen(name) == n && memcmp(q, name, n) == 0;
}

static int32_t token_list(parser *ps, int required);
static int32_t placeable(parser *ps);

/* A character node with matplotlib's operator spacing decided. */
static int32_t char_node(parser *ps, uint32_t cp, unsigned cls, const char *at,
			 const char *after)
{
	int32_t n = node(ps, MT_CHAR);
	char pc;

	if (n < 0)
		return -1;
	ps->t->n[n].cp = cp;
	if (cls & MT_SYM_OVERUNDER)
		ps->t->n[n].flags |= MT_OVERUNDER;
	if (cls & MT_SYM_DROPSUB)
		ps->t->n[n].flags |= MT_DROPSUB | MT_SLANTSYM;
	if (cls & MT_SYM_REL) {
		ps->t->n[n].flags |= MT_SPACED;
	} else if (cls & MT_SYM_BINOP) {
		/* unary at the start, after '{' or a left delimiter */
		pc = prev_char(ps, at);
		if (pc && pc != '{' && pc != '(' && pc != '[' && pc != '<')
			ps->t->n[n].flags |= MT_SPACED;
	} else if (cls & MT_SYM_PUNCT) {
		char nc = next_char(ps, after);

		pc = prev_char(ps, at);
		if (!(cp == ',' && pc == '{' && nc == '}') &&
		    !(cp == '.' && pc >= '0' && pc <= '9' && nc >= '0' &&
		      nc <= '9'))
			ps->t->n[n].flags |= MT_PUNCT;
	}
	return n;
}

static unsigned ascii_class(char c)
{
	if (c == '+' || c == '*' || c == '-')
		return MT_SYM_BINOP;
	if (c == '=' || c == '<' || c == '>' || c == ':')
		return MT_SYM_REL;
	if (c == ',' || c == ';' || c == '.' || c == '!')
		return MT_SYM_PUNCT;
	return 0;
}

static int32_t space_node(parser *ps, double em)
{
	int32_t n = node(ps, MT_SPACE);

	if (n >= 0)
		ps->t->n[n].em = em;
	return n;
}

static const char *const functions[] = {
    "arccos", "csc",  "ker",  "min", "arcsin", "deg",    "lg",  "Pr",  "arctan",
    "det",    "lim",  "sec",  "arg", "dim",    "liminf", "sin", "cos", "exp",
    "limsup", "sinh", "cosh", "gcd", "ln",     "sup",    "cot", "hom", "log",
    "tan",    "coth", "inf",  "max", "tanh",   NULL};

static int is_function(const char *q, size_t n)
{
	int i;

	for (i = 0; functions[i]; i++)
		if (is_cmd(q, n, functions[i]))
			return 1;
	return 0;
}

/* \sin and friends: upright letters, a thin space unless a delimiter or a
 * script follows (then after the script); lim, sup, max... never. */
static int32_t function(parser *ps, const char *name, size_t n)
{
	int32_t list = node(ps, MT_LIST), last = -1;
	uint8_t saved = ps->font;
	char nc = next_char(ps, ps->p);
	int overunder = is_cmd(name, n, "lim") || is_cmd(name, n, "liminf") ||
			is_cmd(name, n, "limsup") || is_cmd(name, n, "sup") ||
			is_cmd(name, n, "max") || is_cmd(name, n, "min");
	size_t i;

	if (list < 0)
		return -1;
	ps->t->n[list].flags = MT_FUNC | (overunder ? MT_OVERUNDER : 0);
	ps->font = MT_F_RM;
	for (i = 0; i < n; i++) {
		int32_t c = node(ps, MT_CHAR);
		if (c < 0)
			return -1;
		ps->t->n[c].cp = (unsigned char)name[i];
		append(ps, list, &last, c);
	}
	ps->font = saved;
	if (!strchr("|/.()[]<>^_", nc) || !nc) {
		if (!overunder) {
			int32_t sp = space_node(ps, 0.16667);
			if (sp < 0)
				return -1;
			append(ps, list, &last, sp);
		}
	}
	return list;
}

/* A '{...}' group, the '{' at ps->p; font switches inside end with it. */
static int32_t group(parser *ps, int font, int required)
{
	uint8_t saved = ps->font;
	int32_t g;

	if (ps->p >= ps->end || *ps->p != '{')
		return fail(ps, ps->p, "expected '{'");
	ps->p++;
	if (font >= 0)
		ps->font = (uint8_t)font;
	g = token_list(ps, required);
	ps->font = saved;
	if (g < 0)
		return -1;
	if (ps->p >= ps->end || *ps->p != '}')
		return fail(ps, ps->p, "missing '}'");
	ps->p++;
	return g;
}

/* An argument: a required '{...}' group, blanks skipped before it. */
static int32_t arg_group(parser *ps, const char *cmd)
{
	skip_ws(ps);
	if (ps->p >= ps->end || *ps->p != '{')
		return fail(ps, ps->p, "\\%s wants a {...} argument", cmd);
	return group(ps, -1, 1);
}

static int32_t frac(parser *ps, int style, const char *cmd)
{
	int32_t n, num, den;

	if ((num = arg_group(ps, cmd)) < 0 || (den = arg_group(ps, cmd)) < 0 ||
	    (n = node(ps, MT_FRAC)) < 0)
		return -1;
	ps->t->n[n].a = num;
	ps->t->n[n].b = den;
	ps->t->n[n].style = (uint8_t)style;
	return n;
}

static int32_t sqrt_cmd(parser *ps)
{
	int32_t n, body, root = -1;

	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == '[') {
		const char *close =
		    memchr(ps->p, ']', (size_t)(ps->end - ps->p));
		const char *save_end = ps->end;

		if (!close)
			return fail(ps, ps->p, "\\sqrt[ without ']'");
		ps->p++;
		ps->end = close;
		root = token_list(ps, 1);
		ps->end = save_end;
		if (root < 0)
			return -1;
		ps->p = close + 1;
	}
	if ((body = arg_group(ps, "sqrt")) < 0 || (n = node(ps, MT_SQRT)) < 0)
		return -1;
	ps->t->n[n].a = body;
	ps->t->n[n].b = root;
	return n;
}

static int font_name(const char *q, size_t n)
{
	if (is_cmd(q, n, "rm") || is_cmd(q, n, "sf"))
		return MT_F_RM;
	if (is_cmd(q, n, "it"))
		return MT_F_IT;
	if (is_cmd(q, n, "bf"))
		return MT_F_BF;
	if (is_cmd(q, n, "default") || is_cmd(q, n, "regular"))
		return MT_F_DEFAULT;
	return -1;
}

static const struct {
	const char *name;
	uint32_t cp;
} accents[] = {{"hat", 0x302},   {"bar", 0x304},   {"dot", 0x307},
	       {"ddot", 0x308},  {"tilde", 0x303}, {"vec", 0x20d7},
	       {"acute", 0x301}, {"grave", 0x300}, {NULL, 0}};

static int32_t accent(parser *ps, int i)
{
	int32_t n, body;

	skip_ws(ps);
	body = placeable(ps);
	if (body < 0 || (n = node(ps, MT_ACCENT)) < 0)
		return -1;
	ps->t->n[n].cp = accents[i].cp;
	ps->t->n[n].a = body;
	return n;
}

/* A backslash command that stands for a box. ps->p is after the name. */
static int32_t command(parser *ps, const char *at, const char *q, size_t n)
{
	unsigned cls;
	uint32_t cp;
	int f, i;

	if (n > 4 && memcmp(q, "math", 4) == 0 &&
	    (f = font_name(q + 4, n - 4)) >= 0) {
		skip_ws(ps);
		if (ps->p >= ps->end || *ps->p != '{')
			return fail(ps, ps->p, "\\%.*s wants a {...} argument",
				    (int)n, q);
		return group(ps, f, 0);
	}
	if (is_cmd(q, n, "frac"))
		return frac(ps, 1, "frac");
	if (is_cmd(q, n, "dfrac"))
		return frac(ps, 0, "dfrac");
	if (is_cmd(q, n, "sqrt"))
		return sqrt_cmd(ps);
	if (is_function(q, n))
		return function(ps, q, n);
	for (i = 0; accents[i].name; i++)
		if (is_cmd(q, n, accents[i].name))
			return accent(ps, i);
	if ((cp = mt_symbol(q, n)) != 0) {
		cls = mt_symbol_class(q, n);
		return char_node(ps, cp, cls, at, ps->p);
	}
	if (n > 4 && memcmp(q, "math", 4) == 0)
		return fail(ps, at,
			    "\\%.*s is not supported (mathtext "
			    "here has \\mathrm, \\mathit, \\mathbf, "
			    "\\mathsf, \\mathdefault)",
			    (int)n, q);
	return fail(ps, at, "unknown symbol \\%.*s", (int)n, q);
}

/* One placeable: a symbol, a group, a command with its arguments. */
static int32_t placeable(parser *ps)
{
	const char *at;
	unsigned cls;
	uint32_t cp;
	size_t n;

	if (++ps->depth > MAX_DEPTH)
		return fail(ps, ps->p, "formula nested too deeply");
	skip_ws(ps);
	at = ps->p;
	if (at >= ps->end) {
		ps->depth--;
		return fail(ps, at, "missing a symbol or group");
	}
	if (*at == '{') {
		int32_t g = group(ps, -1, 0);
		ps->depth--;
		return g;
	}
	if (*at == '\\') {
		int32_t r;
		const char *q = at + 1;

		n = cmd_len(ps, q);
		if (n == 0) {
			ps->depth--;
			return fail(ps, at, "a lone '\\' at the end");
		}
		ps->p = q + n;
		if (n == 1 && strchr("%${}_#|", *q)) {
			r = char_node(ps, (unsigned char)*q,
				      *q == '{' ? MT_SYM_LEFTDELIM : 0, at,
				      ps->p);
		} else {
			r = command(ps, at, q, n);
		}
		ps->depth--;
		return r;
	}
	if (*at == '}' || *at == '^' || *at == '_' || *at == '$' ||
	    *at == '\'' || *at == '~' || *at == '&') {
		ps->depth--;
		return fail(ps, at, "unexpected '%c'", *at);
	}
	cp = utf8_cp(&ps->p, ps->end);
	ps->depth--;
	cls = cp < 0x80 ? ascii_class((char)cp) : 0;
	if (cp == '-' || cp == 0x2212) {
		cp = 0x2212; /* mathtext sets '-' as U+2212, a minus */
		cls = MT_SYM_BINOP;
	}
	return char_node(ps, cp, cls, at, ps->p);
}

/* Spaces: \, \: \> \; \! \  ~ \quad \qquad \enspace \thinspace \/,
 * \hspace{f}. Returns 1 and *out, or 0 when p is not one. */
static int space_cmd(parser *ps, int32_t *out)
{
	static const struct {
		const char *name;
		double em;
	} sp[] = {{",", 0.16667}, {"thinspace", 0.16667}, {"/", 0.16667},
		  {">", 0.22222}, {":", 0.22222},         {";", 0.27778},
		  {" ", 0.33333}, {"enspace", 0.5},       {"quad", 1},
		  {"qquad", 2},   {"!", -0.16667},        {NULL, 0}};
	const char *q;
	size_t n;
	int i;

	if (*ps->p == '~') {
		ps->p++;
		*out = space_node(ps, 0.33333);
		return 1;
	}
	if (*ps->p != '\\')
		return 0;
	q = ps->p + 1;
	n = cmd_len(ps, q);
	for (i = 0; sp[i].name; i++)
		if (is_cmd(q, n, sp[i].name)) {
			ps->p = q + n;
			*out = space_node(ps, sp[i].em);
			return 1;
		}
	if (is_cmd(q, n, "hspace")) {
		char *e;
		double f;

		ps->p = q + n;
		skip_ws(ps);
		if (ps->p >= ps->end || *ps->p != '{')
			return (*out = fail(ps, ps->p,
					    "\\hspace wants {a number}")),
			       1;
		f = strtod(ps->p + 1, &e);
		if (e == ps->p + 1 || e >= ps->end || *e != '}' || !(f == f))
			return (*out = fail(ps, ps->p,
					    "\\hspace wants {a number}")),
			       1;
		ps->p = e + 1;
		*out = space_node(ps, f);
		return 1;
	}
	return 0;
}

/* A font switch (\rm \it \bf \sf \default \regular): to the group's end. */
static int font_switch(parser *ps)
{
	const char *q = ps->p + 1;
	size_t n;
	int f;

	if (*ps->p != '\\')
		return 0;
	n = cmd_len(ps, q);
	if ((f = font_name(q, n)) < 0)
		return 0;
	ps->p = q + n;
	ps->font = (uint8_t)f;
	return 1;
}

/*
 * A nucleus (maybe none) with its scripts and primes. The thin space of a
 * function followed by a script goes after the script.
 */
static int32_t subsuper(parser *ps)
{
	int32_t nuc = -1, sub = -1, sup = -1, n, last = -1;
	int primes = 0;
	mt_tree *t = ps->t;

	skip_ws(ps);
	if (*ps->p != '^' && *ps->p != '_' && *ps->p != '\'')
		if ((nuc = placeable(ps)) < 0)
			return -1;
	for (;;) {
		const char *at;
		int32_t *slot;

		skip_ws(ps);
		at = ps->p;
		if (at >= ps->end || (*at != '^' && *at != '_'))
			break;
		slot = *at == '^' ? &sup : &sub;
		if (*slot >= 0)
			return fail(ps, at, "double %s",
				    *at == '^' ? "superscript" : "subscript");
		ps->p++;
		if ((*slot = placeable(ps)) < 0)
			return -1;
	}
	while (ps->p < ps->end && *ps->p == '\'') {
		primes++;
		ps->p++;
	}
	if (sub < 0 && sup < 0 && !primes)
		return nuc;
	if (primes) {
		if (sup < 0 && (sup = node(ps, MT_LIST)) < 0)
			return -1;
		if (t->n[sup].kind != MT_LIST) {
			int32_t l = node(ps, MT_LIST);
			if (l < 0)
				return -1;
			t->n[l].first = sup;
			sup = l;
		}
		for (last = t->n[sup].first; last >= 0 && t->n[last].next >= 0;)
			last = t->n[last].next;
		while (primes--) {
			int32_t c = node(ps, MT_CHAR);
			if (c < 0)
				return -1;
			t->n[c].cp = 0x2032;
			append(ps, sup, &last, c);
		}
	}
	if ((n = node(ps, MT_SUBSUP)) < 0)
		return -1;
	t->n[n].a = nuc;
	t->n[n].b = sub;
	t->n[n].c = sup;
	if (nuc >= 0 && (t->n[nuc].flags & (MT_FUNC | MT_OVERUNDER)) == MT_FUNC)
		t->n[n].flags |= MT_THINAFTER;
	return n;
}

/* Tokens until '}' or the end; required: at least one. A list node. */
static int32_t token_list(parser *ps, int required)
{
	int32_t list = node(ps, MT_LIST), last = -1, tok;
	uint8_t saved = ps->font;

	if (list < 0)
		return -1;
	for (;;) {
		skip_ws(ps);
		if (ps->p >= ps->end || *ps->p == '}')
			break;
		if (font_switch(ps))
			continue;
		if (!space_cmd(ps, &tok))
			tok = subsuper(ps);
		if (tok < 0)
			return -1;
		append(ps, list, &last, tok);
	}
	ps->font = saved;
	if (required && last < 0)
		return fail(ps, ps->p, "empty group");
	return list;
}

/* The plain text from p to e ("\$" is "$"), in the text's own font. */
static int32_t plain(parser *ps, const char *p, const char *e)
{
	int32_t list = node(ps, MT_LIST), last = -1;

	if (list < 0)
		return -1;
	ps->font = MT_F_DEFAULT;
	while (p < e) {
		int32_t c;
		uint32_t cp;

		if (p[0] == '\\' && p + 1 < e && p[1] == '$') {
			cp = '$';
			p += 2;
		} else {
			cp = utf8_cp(&p, e);
		}
		if ((c = node(ps, MT_CHAR)) < 0)
			return -1;
		ps->t->n[c].cp = cp;
		append(ps, list, &last, c);
	}
	return list;
}

/* The end of the $...$ that starts at p (at its '$'), or NULL. */
static const char *math_end(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		if (*p == '\\' && p + 1 < end) {
			p++;
			continue;
		}
		if (*p == '$')
			return p;
	}
	return NULL;
}

/* A plain part: up to the next '$' that is not "\$". */
static const char *plain_end(const char *p, const char *end)
{
	for (; p < end; p++) {
		if (*p == '\\' && p + 1 < end && p[1] == '$')
			p++;
		else if (*p == '$')
			return p;
	}
	return end;
}

static int parse_line(parser *ps, const char *s, const char *end)
{
	int32_t root = node(ps, MT_LIST), last = -1, part;
	const char *p = s;

	if (root < 0)
		return -1;
	ps->t->root = root;
	for (;;) {
		const char *pe = plain_end(p, end), *me;

		if ((part = plain(ps, p, pe)) < 0)
			return -1;
		append(ps, root, &last, part);
		if (pe >= end)
			return 0;
		if (!(me = math_end(pe, end)))
			return fail(ps, pe, "a '$' without its closing '$'");
		ps->m0 = ps->p = pe + 1;
		ps->end = me;
		ps->font = MT_F_IT; /* mathtext.default */
		if ((part = token_list(ps, 1)) < 0)
			return -1;
		if (ps->p != me)
			return fail(ps, ps->p, "unexpected '%c'", *ps->p);
		ps->t->n[part].flags |= MT_MATH;
		append(ps, root, &last, part);
		p = me + 1;
	}
}

int mt_parse(const char *s, size_t len, mt_tree *t, char *err, size_t errlen)
{
	parser ps;
	char dummy[8];

	memset(t, 0, sizeof *t);
	memset(&ps, 0, sizeof ps);
	ps.t = t;
	ps.s = s;
	ps.err = err ? err : dummy;
	ps.errlen = err ? errlen : sizeof dummy;
	if (ps.errlen)
		ps.err[0] = 0;
	if (parse_line(&ps, s, s + len) != 0 || ps.failed) {
		mt_tree_free(t);
		return -1;
	}
	return 0;
}

void mt_tree_free(mt_tree *t)
{
	free(t->n);
	memset(t, 0, sizeof *t);
}

int mt_is_math(const char *s, size_t len)
{
	const char *e = s + len, *p;
	size_t dollars = 0;

	if (!s || !memchr(s, '$', len))
		return 0; /* plain text: one memchr */
	for (p = s; p < e; p++) {
		if (*p == '\\' && p + 1 < e && p[1] == '$')
			p++;
		else if (*p == '$')
			dollars++;
	}
	return dollars > 0 && dollars % 2 == 0;
}

int mt_check(const char *s, char *err, size_t errlen)
{
	const char *line = s;

	if (!s || !strchr(s, '$'))
		return 0;
	for (;;) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		mt_tree t;

		if (mt_is_math(line, n)) {
			if (mt_parse(line, n, &t, err, errlen) != 0)
				return -1;
			mt_tree_free(&t);
		}
		if (!nl)
			return 0;
		line = nl + 1;
	}
}
