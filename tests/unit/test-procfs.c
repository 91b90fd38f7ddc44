// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests: the /proc parsers (cpuinfo flags, kernel command line, smaps) and file reading. */
#include <errno.h>

#include "fixtures.h"
#include "procfs.h"

static void test_cpuinfo_flags(void **state)
{
	char *t;

	(void)state;
	t = fixture_text("cpuinfo/qemu-max.txt");
	assert_int_equal(pk_cpuinfo_flag(t, "pku"), PK_YES);
	assert_int_equal(pk_cpuinfo_flag(t, "ospke"), PK_YES);
	/* Whole words only: "pk" is a prefix of "pku", not a flag. */
	assert_int_equal(pk_cpuinfo_flag(t, "pk"), PK_NO);
	free(t);
	t = fixture_text("cpuinfo/qemu-max-nopku.txt");
	assert_int_equal(pk_cpuinfo_flag(t, "pku"), PK_YES);
	assert_int_equal(pk_cpuinfo_flag(t, "ospke"), PK_NO);
	free(t);
	t = fixture_text("cpuinfo/build-zen5-kvm.txt");
	assert_int_equal(pk_cpuinfo_flag(t, "pku"), PK_NO);
	assert_int_equal(pk_cpuinfo_flag(t, "hypervisor"), PK_YES);
	free(t);
	/* The flag as the last word of the line, and no flags line at all. */
	assert_int_equal(pk_cpuinfo_flag("flags\t\t: fpu pku\n", "pku"), PK_YES);
	assert_int_equal(pk_cpuinfo_flag("processor\t: 0\nbugs\t\t: pku\n", "pku"), PK_UNKNOWN);
	assert_int_equal(pk_cpuinfo_flag("", "pku"), PK_UNKNOWN);
}

static void test_cmdline(void **state)
{
	(void)state;
	assert_true(pk_cmdline_has("console=ttyS0 nopku quiet\n", "nopku"));
	assert_true(pk_cmdline_has("nopku", "nopku"));
	assert_true(pk_cmdline_has("quiet nopku\n", "nopku"));
	assert_false(pk_cmdline_has("nopkux quiet", "nopku"));
	assert_false(pk_cmdline_has("xnopku", "nopku"));
	assert_false(pk_cmdline_has("foo=nopku", "nopku"));
	assert_false(pk_cmdline_has("quiet -- nopku", "nopku"));
	assert_true(pk_cmdline_has("nopku a--b -- init", "nopku"));
	assert_false(pk_cmdline_has("", "nopku"));
}

static void test_smaps(void **state)
{
	char *t;

	(void)state;
	t = fixture_text("smaps/with-pkey.txt");
	assert_int_equal(pk_smaps_has_pkey(t), PK_YES);
	free(t);
	t = fixture_text("smaps/without-pkey.txt");
	assert_int_equal(pk_smaps_has_pkey(t), PK_NO);
	free(t);
	assert_int_equal(pk_smaps_has_pkey(""), PK_UNKNOWN);
}

static void test_read_file(void **state)
{
	char buf[8];

	(void)state;
	/* Truncated to the buffer, always NUL-terminated. */
	assert_int_equal(pk_read_file(FIXTURES "/smaps/with-pkey.txt", buf, sizeof(buf)), 7);
	assert_int_equal(buf[7], '\0');
	assert_int_equal(pk_read_file(FIXTURES "/no-such-file", buf, sizeof(buf)), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cpuinfo_flags),
		cmocka_unit_test(test_cmdline),
		cmocka_unit_test(test_smaps),
		cmocka_unit_test(test_read_file),
	};

	return cmocka_run_group_tests_name("procfs", tests, NULL, NULL);
}
