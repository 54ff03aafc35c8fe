/* SPDX-License-Identifier: MIT */
/*
 * Tests for src/core/text.c: the one UTF-8 check (sp_utf8_valid) and the
 * one figure-name rule (sp_check_figure_name), which the figure API and
 * the spec loader share.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "core/core.h"

static int valid(const char *s)
{
	return sp_utf8_valid((const unsigned char *)s, strlen(s));
}

static void test_utf8_accepts(void **state)
{
	(void)state;
	assert_true(valid(""));
	assert_true(valid("plain ASCII, with\ttabs"));
	assert_true(valid("\xc2\x80"));          /* U+0080, the first 2-byte */
	assert_true(valid("\xc3\xa9t\xc3\xa9")); /* été */
	assert_true(valid("\xdf\xbf"));          /* U+07FF, the last 2-byte */
	assert_true(valid("\xe0\xa0\x80"));      /* U+0800, the first 3-byte */
	assert_true(valid("\xed\x9f\xbf"));      /* U+D7FF, below surrogates */
	assert_true(valid("\xee\x80\x80"));      /* U+E000, above them */
	assert_true(valid("\xef\xbf\xbf"));      /* U+FFFF */
	assert_true(valid("\xf0\x90\x80\x80"));  /* U+10000 */
	assert_true(valid("\xf0\x9f\x93\x88"));  /* U+1F4C8, a chart */
	assert_true(valid("\xf4\x8f\xbf\xbf"));  /* U+10FFFF, the last */
	/* NUL is a valid character when the length says so */
	assert_true(sp_utf8_valid((const unsigned char *)"a\0b", 3));
	/* only n bytes are looked at */
	assert_true(sp_utf8_valid((const unsigned char *)"ab\xff", 2));
}

static void test_utf8_overlongs(void **state)
{
	(void)state;
	assert_false(valid("\xc0\x80")); /* NUL in 2 bytes */
	assert_false(valid("\xc0\xaf")); /* '/' in 2 bytes */
	assert_false(valid("\xc1\xbf"));
	assert_false(valid("\xe0\x80\xaf"));     /* '/' in 3 bytes */
	assert_false(valid("\xe0\x9f\xbf"));     /* U+07FF in 3 bytes */
	assert_false(valid("\xf0\x80\x80\xaf")); /* '/' in 4 bytes */
	assert_false(valid("\xf0\x8f\xbf\xbf")); /* U+FFFF in 4 bytes */
}

static void test_utf8_surrogates_and_range(void **state)
{
	(void)state;
	assert_false(valid("\xed\xa0\x80")); /* U+D800 */
	assert_false(valid("\xed\xaf\xbf")); /* U+DBFF */
	assert_false(valid("\xed\xb0\x80")); /* U+DC00 */
	assert_false(valid("\xed\xbf\xbf")); /* U+DFFF */
	/* a surrogate pair, CESU-8 style */
	assert_false(valid("\xed\xa0\xbd\xed\xb3\x88"));
	assert_false(valid("\xf4\x90\x80\x80")); /* U+110000 */
	assert_false(valid("\xf5\x80\x80\x80"));
	assert_false(valid("\xf7\xbf\xbf\xbf"));
	assert_false(valid("\xf8\x88\x80\x80\x80")); /* 5-byte forms */
	assert_false(valid("\xfc\x84\x80\x80\x80\x80"));
	assert_false(valid("\xfe"));
	assert_false(valid("\xff"));
}

static void test_utf8_truncated_and_stray(void **state)
{
	(void)state;
	assert_false(valid("\xc3"));             /* lead byte at the end */
	assert_false(valid("abc\xe2\x82"));      /* 3-byte cut after 2 */
	assert_false(valid("\xf0\x9f\x93"));     /* 4-byte cut after 3 */
	assert_false(valid("\xe2\x82x"));        /* ASCII where a tail goes */
	assert_false(valid("\xf0\x9f\x93\x41")); /* last tail byte ASCII */
	assert_false(valid("\x80"));             /* a tail byte alone */
	assert_false(valid("a\xbf"));
	assert_false(valid("\xc3\xa9\xa9")); /* one tail byte too many */
	/* a full character cut by the length */
	assert_false(sp_utf8_valid((const unsigned char *)"\xc3\xa9", 1));
	assert_false(
	    sp_utf8_valid((const unsigned char *)"\xf0\x9f\x93\x88", 3));
}

/* The rule a name breaks, by a word from its message; "" if none. */
static void expect_name(const char *name, const char *word)
{
	char err[256] = "";
	shmplot_status st = sp_check_figure_name(name, err, sizeof err);
	if (!*word) {
		if (st != SHMPLOT_OK)
			fail_msg("\"%s\" refused: %s", name ? name : "(null)",
				 err);
		return;
	}
	if (st != SHMPLOT_E_INVALID)
		fail_msg("\"%s\" accepted (status %d)", name ? name : "(null)",
			 st);
	if (!strstr(err, word))
		fail_msg("\"%s\": \"%s\" lacks \"%s\"", name ? name : "(null)",
			 err, word);
}

static void test_figure_name_rule(void **state)
{
	(void)state;
	char longest[SHMPLOT_MAX_FIGURE_NAME + 2];
	memset(longest, 'a', sizeof longest - 1);
	longest[SHMPLOT_MAX_FIGURE_NAME] = '\0';

	expect_name("figure1", "");
	expect_name("a.b", "");
	expect_name("a.", "");
	expect_name("with space", "");
	expect_name("\xc3\xa9t\xc3\xa9", "");
	expect_name(longest, "");

	expect_name(NULL, "1 to 127 bytes, not 0");
	expect_name("", "1 to 127 bytes, not 0");
	longest[SHMPLOT_MAX_FIGURE_NAME] = 'a';
	longest[SHMPLOT_MAX_FIGURE_NAME + 1] = '\0';
	expect_name(longest, "not 128");

	expect_name("a/b", "contains '/'");
	expect_name("/abs", "contains '/'");
	expect_name("a\\b", "contains '\\'");
	expect_name(".hidden", "starts with '.'");
	expect_name(".", "starts with '.'");
	expect_name("..", "starts with '.'");
	expect_name("a..b", "contains '..'");
	expect_name("a..", "contains '..'");
	expect_name("tab\there", "control character (0x09)");
	expect_name("nl\n", "control character (0x0a)");
	expect_name("del\x7f", "control character (0x7f)");
	expect_name("\xc3", "not valid UTF-8");
	expect_name("\xed\xa0\x80", "not valid UTF-8");
	expect_name("\xc0\xaf", "not valid UTF-8"); /* an overlong '/' */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_utf8_accepts),
	    cmocka_unit_test(test_utf8_overlongs),
	    cmocka_unit_test(test_utf8_surrogates_and_range),
	    cmocka_unit_test(test_utf8_truncated_and_stray),
	    cmocka_unit_test(test_figure_name_rule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
