// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests: PKRU bit logic, rights names, key sets, XSAVE-image decoding, number parsing. */
#include <errno.h>

#include "fixtures.h"
#include "parse.h"
#include "pkru.h"

static void test_bits(void **state)
{
	(void)state;
	assert_int_equal(PKRU_AD(0), 0x1);
	assert_int_equal(PKRU_WD(0), 0x2);
	assert_int_equal(PKRU_AD(15), 0x40000000);
	assert_int_equal(PKRU_WD(15), 0x80000000);
	/* The init value: AD for keys 1-15, key 0 open. */
	assert_int_equal(pk_pkru_rights(PKRU_INIT, 0), 0);
	for (int k = 1; k < PK_NR_KEYS; k++)
		assert_int_equal(pk_pkru_rights(PKRU_INIT, k), PK_RIGHTS_DISABLE_ACCESS);
}

static void test_with(void **state)
{
	(void)state;
	/* Seen on a PKU machine: keys 1 and 2 allocated with rights 0 give 0x55555540. */
	assert_int_equal(pk_pkru_with(pk_pkru_with(PKRU_INIT, 1, 0), 2, 0), 0x55555540);
	/* pkey_alloc(0, PKEY_DISABLE_WRITE) for key 1 sets its WD bit only. */
	assert_int_equal(pk_pkru_with(PKRU_INIT, 1, PK_RIGHTS_DISABLE_WRITE), 0x55555558);
	assert_int_equal(pk_pkru_with(0, 15, PK_RIGHTS_DISABLE_ACCESS | PK_RIGHTS_DISABLE_WRITE),
			 0xc0000000);
	/* Other keys untouched, stray rights bits ignored. */
	assert_int_equal(pk_pkru_with(0xffffffff, 3, 0), 0xffffff3f);
	assert_int_equal(pk_pkru_with(0, 1, 0xfc), 0);
}

static void test_meaning(void **state)
{
	(void)state;
	assert_string_equal(pk_pkru_meaning(0, 4), "read/write");
	assert_string_equal(pk_pkru_meaning(PKRU_WD(4), 4), "read-only");
	assert_string_equal(pk_pkru_meaning(PKRU_AD(4), 4), "no access");
	assert_string_equal(pk_pkru_meaning(PKRU_AD(4) | PKRU_WD(4), 4), "no access");
	assert_int_equal(pk_pkru_no_access(PKRU_INIT), 0xfffe);
	assert_int_equal(pk_pkru_read_only(PKRU_INIT), 0);
	assert_int_equal(pk_pkru_read_only(0x55555568), 0x6);
	assert_int_equal(pk_pkru_no_access(0x55555568), 0xfff8);
}

static void test_keys_format(void **state)
{
	char buf[64];

	(void)state;
	pk_keys_format(0xfffe, buf, sizeof(buf));
	assert_string_equal(buf, "1-15");
	pk_keys_format(0, buf, sizeof(buf));
	assert_string_equal(buf, "none");
	pk_keys_format(0x1 | 0x4 | 0x8 | 0x10 | 0x8000, buf, sizeof(buf));
	assert_string_equal(buf, "0,2-4,15");
	pk_keys_format(0x6, buf, sizeof(buf));
	assert_string_equal(buf, "1-2");
}

static void test_rights_names(void **state)
{
	unsigned int r = 99;

	(void)state;
	assert_int_equal(pk_rights_parse("none", &r), 0);
	assert_int_equal(r, 0);
	assert_int_equal(pk_rights_parse("disable-write", &r), 0);
	assert_int_equal(r, PK_RIGHTS_DISABLE_WRITE);
	assert_int_equal(pk_rights_parse("disable-access", &r), 0);
	assert_int_equal(r, PK_RIGHTS_DISABLE_ACCESS);
	assert_int_equal(pk_rights_parse("rw", &r), -EINVAL);
	assert_int_equal(pk_rights_parse("", &r), -EINVAL);
	assert_int_equal(pk_rights_parse("Disable-Write", &r), -EINVAL);
	/* Every name round-trips. */
	for (unsigned int v = 0; v < 3; v++) {
		assert_int_equal(pk_rights_parse(pk_rights_name(v), &r), 0);
		assert_int_equal(r, v);
	}
	assert_string_equal(pk_rights_name(3), "disable-access");
}

/* A standard-format XSAVE image with PKRU at the offset QEMU's -cpu max reports. */
static void test_xsave(void **state)
{
	unsigned char img[4096] = { 0 };
	uint64_t bv = 1ull << 9;
	uint32_t v = 0x55555568, pkru = 1;

	(void)state;
	memcpy(img + 0xa80, &v, sizeof(v));
	/* XSTATE_BV bit 9 clear: PKRU is in its init state, 0, whatever the bytes say. */
	assert_int_equal(pk_xsave_pkru(img, sizeof(img), 0xa80, &pkru), 0);
	assert_int_equal(pkru, 0);
	memcpy(img + 512, &bv, sizeof(bv));
	assert_int_equal(pk_xsave_pkru(img, sizeof(img), 0xa80, &pkru), 0);
	assert_int_equal(pkru, 0x55555568);
	/* Too short for the header, or for PKRU at that offset; an offset inside the header. */
	assert_int_equal(pk_xsave_pkru(img, 519, 0xa80, &pkru), -EINVAL);
	assert_int_equal(pk_xsave_pkru(img, 0xa82, 0xa80, &pkru), -EINVAL);
	assert_int_equal(pk_xsave_pkru(img, sizeof(img), 520, &pkru), -EINVAL);
}

static void test_parse_uint(void **state)
{
	unsigned long long v = 7;

	(void)state;
	assert_int_equal(pk_parse_uint("15", 1, 15, &v), 0);
	assert_int_equal(v, 15);
	assert_int_equal(pk_parse_uint("0x55555554", 0, UINT32_MAX, &v), 0);
	assert_int_equal(v, 0x55555554);
	assert_int_equal(pk_parse_uint("0XfF", 0, 255, &v), 0);
	assert_int_equal(v, 255);
	assert_int_equal(pk_parse_uint("16", 1, 15, &v), -ERANGE);
	assert_int_equal(pk_parse_uint("0", 1, 15, &v), -ERANGE);
	assert_int_equal(pk_parse_uint("99999999999999999999999", 0, ~0ull, &v), -ERANGE);
	assert_int_equal(pk_parse_uint("0x100000000", 0, UINT32_MAX, &v), -ERANGE);
	const char *bad[] = { "", "-1", "+1", " 1", "1 ", "1x", "0x", "abc", "0xg", "1.5", "٣" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (pk_parse_uint(bad[i], 0, ~0ull, &v) != -EINVAL)
			fail_msg("'%s' parsed", bad[i]);
	assert_int_equal(v, 0xff); /* untouched by failures */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bits),	     cmocka_unit_test(test_with),
		cmocka_unit_test(test_meaning),	     cmocka_unit_test(test_keys_format),
		cmocka_unit_test(test_rights_names), cmocka_unit_test(test_xsave),
		cmocka_unit_test(test_parse_uint),
	};

	return cmocka_run_group_tests_name("pkru", tests, NULL, NULL);
}
