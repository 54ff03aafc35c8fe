/* SPDX-License-Identifier: MIT */
/*
 * Mathtext: the part of matplotlib 3.6's mathtext that axis labels use,
 * laid out as matplotlib lays it out with its "dejavusans" fontset.
 *
 * Three stages, each in its own file:
 *   mathtext_parse.c   string -> a small tree of what was written (no
 *                      fonts: the spec loader calls it to reject a formula
 *                      at load, with the same message the renderer gives);
 *   mathtext_box.c     TeX's box model (hlist, vlist, char, kern, rule,
 *                      glue), packing, shrinking and shipping out;
 *   mathtext_layout.c  the tree -> boxes with the fonts' metrics, as
 *                      matplotlib's Parser actions build them, and the
 *                      result measured and drawn as matplotlib's Agg backend
 *                      rasterises it.
 * A string is math only when it has an even, non-zero number of '$' that
 * are not written "\$" (matplotlib's cbook.is_math_text); plain strings
 * never reach this code.
 */
#ifndef SHMPLOT_RENDER_MATHTEXT_H
#define SHMPLOT_RENDER_MATHTEXT_H

#include <stddef.h>
#include <stdint.h>

/* The TeX font a character is set in. */
enum {
	MT_F_DEFAULT, /* the text's own font (plain parts, \mathdefault) */
	MT_F_RM,
	MT_F_IT,
	MT_F_BF,
	MT_F_N
};

/* Node kinds of the parse tree. */
enum {
	MT_CHAR,   /* one character: cp, font */
	MT_LIST,   /* a group: children from first */
	MT_SUBSUP, /* a: nucleus (-1: none), b: sub (-1), c: sup (-1) */
	MT_FRAC,   /* a: numerator, b: denominator, style 0 \dfrac, 1 \frac */
	MT_SQRT,   /* a: body, b: root index (-1: none) */
	MT_SPACE,  /* a kern of em ems (of the italic m at the outer size) */
	MT_ACCENT  /* cp: the accent, a: the accented node */
};

/* Node flags. */
enum {
	MT_SPACED = 1,     /* an operator: 0.2 em either side */
	MT_PUNCT = 2,      /* punctuation: 0.2 em after */
	MT_FUNC = 4,       /* a list that is a function name (\sin) */
	MT_OVERUNDER = 8,  /* takes its scripts above and below */
	MT_DROPSUB = 16,   /* \int, \oint */
	MT_THINAFTER = 32, /* a script after a function: \, after it */
	MT_MATH = 64,      /* a list that is one $...$ segment */
	MT_SLANTSYM = 128  /* slanted whatever its font (\int, \oint) */
};

typedef struct mt_node {
	uint8_t kind, font, style;
	uint8_t flags;
	uint32_t cp;
	double em;
	int32_t a, b, c;     /* children, see the kinds */
	int32_t first, next; /* MT_LIST's children; the next sibling */
} mt_node;

typedef struct mt_tree {
	mt_node *n;
	int32_t len, cap;
	int32_t root; /* an MT_LIST */
} mt_tree;

/* 1 when the len bytes at s are math text: an even, non-zero count of
 * '$' not written "\$". One memchr() for plain text. */
int mt_is_math(const char *s, size_t len);

/*
 * Parses s (UTF-8, one line: the caller splits at '\n') into *t. Returns 0,
 * or -1 with a message in err ("unknown symbol \foo at column 7", ...) and
 * *t empty. The tree is freed with mt_tree_free(). Thread-safe; no fonts.
 */
int mt_parse(const char *s, size_t len, mt_tree *t, char *err, size_t errlen);
void mt_tree_free(mt_tree *t);

/*
 * Checks every line of s as mt_parse() would parse it: 0 when each line
 * is plain text or a formula it can lay out, else -1 with the message.
 */
int mt_check(const char *s, char *err, size_t errlen);

/* ---- the symbol table (mathtext_symbols.c) ---- */

/* Symbol classes, as matplotlib's Parser sets them. */
enum {
	MT_SYM_BINOP = 1,
	MT_SYM_REL = 2, /* relations and arrows: spaced wherever they are */
	MT_SYM_PUNCT = 4,
	MT_SYM_OVERUNDER = 8,
	MT_SYM_DROPSUB = 16,
	MT_SYM_LEFTDELIM = 32
};

/* The code point of \name (name without the backslash, n bytes), or 0. */
uint32_t mt_symbol(const char *name, size_t n);
/* The class bits of \name, 0 if none. */
unsigned mt_symbol_class(const char *name, size_t n);
/* 1 when an italic font keeps cp italic (a letter, not a Greek capital). */
int mt_italic_letter(uint32_t cp);

#endif /* SHMPLOT_RENDER_MATHTEXT_H */
