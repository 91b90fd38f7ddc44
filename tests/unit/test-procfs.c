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

static void test_smaps_parse(void **state)
{
	struct pk_maps m;
	char *t;

	(void)state;
	t = fixture_text("smaps/with-pkey.txt");
	assert_int_equal(pk_smaps_parse(t, &m), 0);
	assert_true(m.has_pkey_lines);
	/* The fixture's second mapping is cut short before its ProtectionKey line. */
	assert_int_equal(m.n, 2);
	assert_int_equal(m.v[1].pkey, -1);
	assert_int_equal(m.v[0].start, 0x400000);
	assert_int_equal(m.v[0].end, 0x401000);
	assert_string_equal(m.v[0].perms, "r--p");
	assert_int_equal(m.v[0].pkey, 0);
	assert_string_equal(m.v[0].path, "/bin/busybox");
	pk_maps_free(&m);
	free(t);

	t = fixture_text("smaps/without-pkey.txt");
	assert_int_equal(pk_smaps_parse(t, &m), 0);
	assert_false(m.has_pkey_lines);
	assert_int_equal(m.n, 2);
	assert_int_equal(m.v[0].pkey, -1);
	assert_int_equal(m.v[1].pkey, -1);
	pk_maps_free(&m);
	free(t);

	t = fixture_text("smaps/held-keys.txt");
	assert_int_equal(pk_smaps_parse(t, &m), 0);
	assert_true(m.has_pkey_lines);
	assert_int_equal(m.n, 3);
	assert_int_equal(m.v[0].pkey, 2);
	assert_string_equal(m.v[0].path, "");
	assert_int_equal(m.v[1].pkey, 1);
	assert_int_equal(m.v[2].pkey, 0);
	assert_string_equal(m.v[2].path, "[stack]");
	pk_maps_free(&m);
	free(t);
}

static void test_smaps_parse_bad(void **state)
{
	struct pk_maps m;

	(void)state;
	assert_int_equal(pk_smaps_parse("", &m), 0);
	assert_int_equal(m.n, 0);
	assert_int_equal(pk_smaps_parse("not smaps at all\n", &m), -EINVAL);
	assert_int_equal(pk_smaps_parse("ProtectionKey: 1\n", &m), -EINVAL);
	assert_int_equal(
		pk_smaps_parse("00400000-00401000 r--p 0 00:02 9 /x\nProtectionKey: x\n", &m),
		-EINVAL);
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
		cmocka_unit_test(test_cpuinfo_flags),	cmocka_unit_test(test_cmdline),
		cmocka_unit_test(test_smaps),		cmocka_unit_test(test_smaps_parse),
		cmocka_unit_test(test_smaps_parse_bad), cmocka_unit_test(test_read_file),
	};

	return cmocka_run_group_tests_name("procfs", tests, NULL, NULL);
}
