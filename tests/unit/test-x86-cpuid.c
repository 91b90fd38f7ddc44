// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests: CPUID leaf decoding and the PKU model table, on CPUID dumps of real machines. */
#include "fixtures.h"

static void decode(const char *name, struct pk_cpu *cpu)
{
	struct x86_leaves l;

	fixture_leaves(name, &l);
	memset(cpu, 0, sizeof(*cpu));
	x86_decode(cpu, &l);
}

static void test_build_machine(void **state)
{
	struct pk_cpu cpu;

	(void)state;
	decode("cpuid/build-zen5-kvm.txt", &cpu);
	assert_string_equal(cpu.vendor, "AuthenticAMD");
	assert_string_equal(cpu.brand, "AMD EPYC");
	assert_int_equal(cpu.family, 0x1a);
	assert_int_equal(cpu.model, 0x02);
	assert_int_equal(cpu.stepping, 1);
	assert_true(cpu.hypervisor);
	assert_string_equal(cpu.hypervisor_name, "KVM");
	assert_true(cpu.leaf7_valid);
	assert_false(cpu.pku);
	assert_false(cpu.ospke);
	assert_true(cpu.osxsave);
	assert_string_equal(cpu.hw_pku_uarch, "Zen 5");
}

static void test_qemu_max(void **state)
{
	struct pk_cpu cpu;

	(void)state;
	decode("cpuid/qemu-max.txt", &cpu);
	assert_string_equal(cpu.brand, "QEMU TCG CPU version 2.5+");
	/* Signature 0x00060fb1: base family 0xF + extended 0; model 0xB + (6 << 4). */
	assert_int_equal(cpu.family, 0xf);
	assert_int_equal(cpu.model, 0x6b);
	assert_string_equal(cpu.hypervisor_name, "QEMU TCG");
	assert_true(cpu.pku);
	assert_true(cpu.ospke);
	assert_true(cpu.xsave_leaf_valid);
	assert_int_equal(cpu.pkru_xsave_size, 8);
	assert_int_equal(cpu.pkru_xsave_offset, 0xa80);
	assert_null(cpu.hw_pku_uarch);
}

static void test_qemu_configs_without_keys(void **state)
{
	struct pk_cpu cpu;

	(void)state;
	decode("cpuid/qemu-max-minus-pku.txt", &cpu);
	assert_false(cpu.pku);
	assert_false(cpu.ospke);
	decode("cpuid/qemu-max-nopku.txt", &cpu);
	assert_true(cpu.pku);
	assert_false(cpu.ospke);
	decode("cpuid/qemu64.txt", &cpu);
	assert_true(cpu.leaf7_valid);
	assert_false(cpu.pku);
	assert_false(cpu.ospke);
}

static void test_leaf7_absent(void **state)
{
	struct x86_leaves l;
	struct pk_cpu cpu = { 0 };

	(void)state;
	fixture_leaves("cpuid/qemu-max.txt", &l);
	/* A CPU whose highest leaf is 5 never has leaf 7 read, whatever the bytes say. */
	l.basic0[CPUID_EAX] = 5;
	x86_decode(&cpu, &l);
	assert_false(cpu.leaf7_valid);
	assert_false(cpu.pku);
	assert_false(cpu.ospke);
	assert_false(cpu.xsave_leaf_valid);
	assert_int_equal(cpu.pkru_xsave_size, 0);
}

static void test_model_table(void **state)
{
	(void)state;
	assert_non_null(x86_pku_uarch("GenuineIntel", 6, 0x55));    /* Skylake-SP */
	assert_non_null(x86_pku_uarch("GenuineIntel", 6, 0x8f));    /* Sapphire Rapids */
	assert_null(x86_pku_uarch("GenuineIntel", 6, 0x9e));	    /* Coffee Lake client */
	assert_non_null(x86_pku_uarch("AuthenticAMD", 0x19, 0x01)); /* Milan */
	assert_null(x86_pku_uarch("AuthenticAMD", 0x17, 0x31));	    /* Rome: Zen 2 */
	assert_null(x86_pku_uarch("HygonGenuine", 0x19, 0x01));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build_machine),
		cmocka_unit_test(test_qemu_max),
		cmocka_unit_test(test_qemu_configs_without_keys),
		cmocka_unit_test(test_leaf7_absent),
		cmocka_unit_test(test_model_table),
	};

	return cmocka_run_group_tests_name("x86-cpuid", tests, NULL, NULL);
}
