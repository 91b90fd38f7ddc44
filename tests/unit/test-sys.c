// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests: the system call layer's pure parts. */
#include "fixtures.h"
#include "sys.h"

static void test_glibc_wrappers(void **state)
{
	(void)state;
	assert_false(pk_glibc_has_pkey_wrappers("2.26"));
	assert_true(pk_glibc_has_pkey_wrappers("2.27"));
	assert_true(pk_glibc_has_pkey_wrappers("2.36"));
	assert_true(pk_glibc_has_pkey_wrappers("3.0"));
	assert_false(pk_glibc_has_pkey_wrappers("1.99"));
	assert_false(pk_glibc_has_pkey_wrappers("unknown"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_glibc_wrappers),
	};

	return cmocka_run_group_tests_name("sys", tests, NULL, NULL);
}
