// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests: the script language parser, on good and bad lines. */
#include "fixtures.h"
#include "pkru.h"
#include "script.h"

static void parse_ok(const char *line, struct step *st)
{
	char err[160] = "";

	if (pk_script_parse(line, st, err, sizeof(err)))
		fail_msg("'%s' refused: %s", line, err);
}

static void parse_bad(const char *line, const char *why)
{
	char err[160] = "";
	struct step st;

	if (pk_script_parse(line, &st, err, sizeof(err)) == 0)
		fail_msg("'%s' accepted", line);
	if (!strstr(err, why))
		fail_msg("'%s': '%s' not in '%s'", line, why, err);
}

static void test_good_lines(void **state)
{
	struct step st;

	(void)state;
	parse_ok("alloc k1 disable-write", &st);
	assert_int_equal(st.op, STEP_ALLOC);
	assert_string_equal(st.key, "k1");
	assert_int_equal(st.rights, PK_RIGHTS_DISABLE_WRITE);
	parse_ok("alloc data", &st);
	assert_int_equal(st.rights, 0);
	parse_ok("  free\tk1  # done with it\n", &st);
	assert_int_equal(st.op, STEP_FREE);
	assert_string_equal(st.key, "k1");
	parse_ok("free 15", &st);
	assert_string_equal(st.key, "15");
	parse_ok("set k none", &st);
	assert_int_equal(st.op, STEP_SET);
	parse_ok("get k", &st);
	assert_int_equal(st.op, STEP_GET);
	parse_ok("map buf", &st);
	assert_int_equal(st.op, STEP_MAP);
	assert_string_equal(st.region, "buf");
	assert_int_equal(st.num, 1);
	parse_ok("map buf 0x10", &st);
	assert_int_equal(st.num, 16);
	parse_ok("tag buf k", &st);
	assert_int_equal(st.op, STEP_TAG);
	assert_string_equal(st.region, "buf");
	assert_string_equal(st.key, "k");
	parse_ok("write buf fault", &st);
	assert_int_equal(st.op, STEP_WRITE);
	assert_int_equal(st.expect, EXPECT_FAULT);
	parse_ok("read buf", &st);
	assert_int_equal(st.expect, EXPECT_ANY);
	parse_ok("read buf ok\r\n", &st);
	assert_int_equal(st.expect, EXPECT_OK);
	parse_ok("pkru", &st);
	assert_int_equal(st.op, STEP_PKRU);
	parse_ok("sleep 250", &st);
	assert_int_equal(st.num, 250);
	parse_ok("", &st);
	assert_int_equal(st.op, STEP_NOTHING);
	parse_ok("   # only a comment", &st);
	assert_int_equal(st.op, STEP_NOTHING);
}

static void test_bad_lines(void **state)
{
	(void)state;
	parse_bad("frobnicate", "unknown step 'frobnicate'");
	parse_bad("Alloc k", "unknown step");
	parse_bad("alloc", "missing argument");
	parse_bad("alloc k rw", "unknown rights 'rw'");
	parse_bad("alloc k none extra", "too many arguments");
	parse_bad("alloc 1k", "bad key '1k'");
	parse_bad("free 16", "bad key '16'");
	parse_bad("free -1", "bad key");
	parse_bad("set k", "missing argument");
	parse_bad("get k extra", "too many arguments");
	parse_bad("map 9buf", "bad region name");
	parse_bad("map buf 0", "bad page count");
	parse_bad("map buf 70000", "bad page count");
	parse_bad("map buf many", "bad page count");
	parse_bad("tag buf", "missing argument");
	parse_bad("write buf maybe", "bad expectation 'maybe'");
	parse_bad("pkru now", "too many arguments");
	parse_bad("sleep", "missing argument");
	parse_bad("sleep -5", "bad milliseconds");
	parse_bad("sleep 3600001", "bad milliseconds");
	parse_bad("alloc k-1", "bad key");
	parse_bad("alloc abcdefghijklmnopqrstuvwxyzabcdefgh", "bad key");
	char long_line[400];
	memset(long_line, 'a', sizeof(long_line) - 1);
	long_line[sizeof(long_line) - 1] = '\0';
	parse_bad(long_line, "line too long");
}

static void test_step_names(void **state)
{
	(void)state;
	assert_string_equal(pk_step_name(STEP_ALLOC), "alloc");
	assert_string_equal(pk_step_name(STEP_SLEEP), "sleep");
	assert_string_equal(pk_step_name(STEP_NOTHING), "nothing");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_lines),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_step_names),
	};

	return cmocka_run_group_tests_name("script", tests, NULL, NULL);
}
