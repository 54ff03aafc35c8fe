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

#include "render.h"
#include "spec/spec_colors.h"

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
	assert_false(sp_color_parse("#ff88", &rgb));
	assert_false(sp_color_parse("#", &rgb));
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
	assert_false(sp_color_parse("Red", &rgb));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hex),
	    cmocka_unit_test(test_tab10),
	    cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
