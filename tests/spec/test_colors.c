/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/spec/colors.c: every spelling of a colour a spec accepts,
 * the tab10 names being the renderer's own palette, and what is refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "render.h"
#include "spec/spec_colors.h"

#include <cjson/cJSON.h>

static uint32_t color(const char *s)
{
	uint32_t rgb = 0xdeadbeef;
	if (!sp_color_parse(s, &rgb))
		fail_msg("\"%s\" is not a colour", s);
	return rgb;
}

static void test_hex(void **state)
{
	(void)state;
	assert_int_equal(color("#ff8800"), 0xff8800);
	assert_int_equal(color("#FF8800"), 0xff8800);
	assert_int_equal(color("#f80"), 0xff8800); /* each digit doubled */
	assert_int_equal(color("#000"), 0x000000);
	uint32_t rgb;
	assert_false(sp_color_parse("#ff88zz", &rgb));
	assert_false(sp_color_parse("#ff88f", &rgb));
	assert_false(sp_color_parse("#", &rgb));
}

static double alpha_of(const char *s, uint32_t *rgb)
{
	double a = -1;
	if (!sp_color_parse_alpha(s, rgb, &a))
		fail_msg("\"%s\" is not a colour", s);
	return a;
}

/* "#rrggbbaa" and "#rgba" carry an opacity; sp_color_parse() refuses
 * them, where no opacity is taken. */
static void test_hex_alpha(void **state)
{
	(void)state;
	uint32_t rgb;
	assert_true(alpha_of("#ff880080", &rgb) == 128 / 255.0);
	assert_int_equal(rgb, 0xff8800);
	assert_true(alpha_of("#f808", &rgb) == 0x88 / 255.0);
	assert_int_equal(rgb, 0xff8800);
	assert_true(alpha_of("#ff8800ff", &rgb) == 1);
	assert_true(alpha_of("steelblue", &rgb) == 1);
	assert_false(sp_color_parse("#ff880080", &rgb));
	assert_true(sp_color_parse("#ff8800ff", &rgb));
	assert_false(sp_color_parse_alpha("#ff880080f", &rgb, &(double){0}));
}

/* matplotlib's to_rgba of a number string: a grey level in [0, 1]. */
static void test_grey(void **state)
{
	(void)state;
	uint32_t rgb;
	assert_int_equal(color("0.5"), 0x808080);
	assert_int_equal(color(".8"), 0xcccccc);
	assert_int_equal(color("0"), 0x000000);
	assert_int_equal(color("1"), 0xffffff);
	assert_int_equal(color("0.25"), 0x404040);
	assert_false(sp_color_parse("1.5", &rgb));
	assert_false(sp_color_parse("-0.1", &rgb));
	assert_false(sp_color_parse("nan", &rgb));
	assert_false(sp_color_parse(" 0.5", &rgb));
	assert_false(sp_color_parse("0.5x", &rgb));
}

/* "C0".."C9" and "tab:..." are spr_tab10, in matplotlib's order. */
static void test_tab10(void **state)
{
	(void)state;
	static const char *const tab[SPR_TAB10_N] = {
	    "tab:blue",  "tab:orange", "tab:green", "tab:red",   "tab:purple",
	    "tab:brown", "tab:pink",   "tab:gray",  "tab:olive", "tab:cyan"};
	for (int i = 0; i < SPR_TAB10_N; i++) {
		char c[3] = {'C', (char)('0' + i), '\0'};
		assert_int_equal(color(c), spr_tab10[i]);
		assert_int_equal(color(tab[i]), spr_tab10[i]);
	}
	assert_int_equal(color("tab:grey"), color("tab:gray"));
	assert_int_equal(color("C0"), 0x1f77b4); /* matplotlib's blue */
	uint32_t rgb;
	assert_false(sp_color_parse("C10", &rgb));
	assert_false(sp_color_parse("tab:black", &rgb));
	assert_false(sp_color_parse("tab:", &rgb));
}

static void test_names(void **state)
{
	(void)state;
	assert_int_equal(color("r"), 0xff0000);
	assert_int_equal(color("k"), 0x000000);
	assert_int_equal(color("c"), 0x00bfbf); /* matplotlib's, not CSS */
	assert_int_equal(color("red"), 0xff0000);
	assert_int_equal(color("grey"), 0x808080);
	assert_int_equal(color("orange"), 0xffa500);
	uint32_t rgb;
	assert_false(sp_color_parse("blu", &rgb));
	assert_false(sp_color_parse("", &rgb));
	/* matplotlib looks names of two letters or more up in lower case */
	assert_int_equal(color("Red"), 0xff0000);
	assert_int_equal(color("SteelBlue"), 0x4682b4);
	assert_int_equal(color("TAB:Blue"), 0x1f77b4);
	assert_false(sp_color_parse("R", &rgb));
}

/* The CSS4 table, values as matplotlib 3.6's to_hex gives them. */
static void test_css4(void **state)
{
	(void)state;
	assert_int_equal(sp_color_names_n, 148 + 8);
	assert_int_equal(color("steelblue"), 0x4682b4);
	assert_int_equal(color("navy"), 0x000080);
	assert_int_equal(color("rebeccapurple"), 0x663399);
	assert_int_equal(color("darkslategrey"), 0x2f4f4f);
	assert_int_equal(color("darkslategray"), 0x2f4f4f);
	assert_int_equal(color("aliceblue"), 0xf0f8ff);
	assert_int_equal(color("yellowgreen"), 0x9acd32);
	assert_int_equal(color("green"), 0x008000);
	assert_int_equal(color("g"), 0x008000);
	assert_int_equal(color("y"), 0xbfbf00);
	for (size_t i = 1; i < sp_color_names_n; i++)
		assert_true(strcmp(sp_color_names[i - 1].name,
				   sp_color_names[i].name) < 0);
}

/* One JSON colour through sp_json_color(): its kind, rgb and alpha, and
 * the problem listed (NULL: none). */
static int json_color(const char *json, uint32_t *rgb, double *alpha,
		      const char **s, char *problem, size_t len)
{
	sp_problems pr = {0};
	cJSON *it = cJSON_Parse(json);
	assert_non_null(it);
	int k =
	    sp_json_color(&pr, it, "figures[0].lines[0].color", s, rgb, alpha);
	problem[0] = 0;
	if (pr.errors.n)
		snprintf(problem, len, "%s", pr.errors.v[0]);
	/* the string, if any, outlives the tree in the test */
	if (k == SP_COLOR_STRING)
		*s = strcmp(*s, "navy") == 0 ? "navy" : "?";
	cJSON_Delete(it);
	sp_problems_free(&pr);
	return k;
}

/* matplotlib's (r, g, b[, a]) tuples as JSON arrays of numbers 0..1;
 * strings pass through; anything else is listed with its path. */
static void test_tuples(void **state)
{
	uint32_t rgb = 0;
	double alpha = 0;
	const char *s = NULL;
	char why[512];

	(void)state;
	assert_int_equal(
	    json_color("[0.1, 0.2, 0.5]", &rgb, &alpha, &s, why, sizeof why),
	    SP_COLOR_TUPLE);
	/* to_hex rounds: 25.5 -> 26, 51, 127.5 -> 128 */
	assert_int_equal(rgb, 0x1a3380);
	assert_true(alpha == 1);
	assert_int_equal(
	    json_color("[1, 0, 0, 0.25]", &rgb, &alpha, &s, why, sizeof why),
	    SP_COLOR_TUPLE);
	assert_int_equal(rgb, 0xff0000);
	assert_true(alpha == 0.25);
	assert_int_equal(
	    json_color("\"navy\"", &rgb, &alpha, &s, why, sizeof why),
	    SP_COLOR_STRING);
	assert_string_equal(s, "navy");
	static const char *const bad[] = {
	    "[0.1, 0.2]",      "[0, 0, 2]", "[0, \"a\", 0]",
	    "[0, 0, 0, 0, 1]", "7",         "{\"r\": 1}"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(
		    json_color(bad[i], &rgb, &alpha, &s, why, sizeof why),
		    SP_COLOR_BAD);
		assert_non_null(strstr(why, "figures[0].lines[0].color"));
		assert_non_null(strstr(why, "[r, g, b]"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hex),    cmocka_unit_test(test_tab10),
	    cmocka_unit_test(test_names),  cmocka_unit_test(test_hex_alpha),
	    cmocka_unit_test(test_grey),   cmocka_unit_test(test_css4),
	    cmocka_unit_test(test_tuples),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
