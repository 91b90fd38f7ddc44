// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests: evidence to verdict, for every reason id, on fixtures of real machines. */
#include <errno.h>

#include "fixtures.h"
#include "procfs.h"
#include "verdict.h"

/* Evidence as pk_probe() would gather it, from fixtures and an errno sequence. */
static void evidence(struct pk_evidence *ev, const char *machine, const char *cmdline, int first,
		     int second, int keys)
{
	struct x86_leaves l;
	char path[128], *cpuinfo;

	memset(ev, 0, sizeof(*ev));
	snprintf(path, sizeof(path), "cpuid/%s.txt", machine);
	fixture_leaves(path, &l);
	ev->cpu.arch = "x86_64";
	ev->cpu.is_x86 = true;
	x86_decode(&ev->cpu, &l);
	snprintf(path, sizeof(path), "cpuinfo/%s.txt", machine);
	cpuinfo = fixture_text(path);
	ev->cpuinfo_pku = pk_cpuinfo_flag(cpuinfo, "pku");
	ev->cpuinfo_ospke = pk_cpuinfo_flag(cpuinfo, "ospke");
	free(cpuinfo);
	ev->cmdline_nopku = pk_cmdline_has(cmdline, "nopku") ? PK_YES : PK_NO;
	ev->alloc_first = first;
	ev->alloc_second = second;
	ev->keys = keys;
}

static const char *decide(const struct pk_evidence *ev, struct pk_verdict *v)
{
	pk_decide(ev, v);
	assert_non_null(v->hint);
	assert_true(strlen(v->explanation) > 0);
	return pk_reason_id(v->reason);
}

static const char *build_cmdline = "console=ttyS0 quiet reboot=k panic=1 -- --firecracker-init";
static const char *guest_cmdline = "console=ttyS0 quiet panic=-1";

static void test_usable_qemu_max(void **state)
{
	struct pk_evidence ev;
	struct pk_verdict v;

	(void)state;
	evidence(&ev, "qemu-max", guest_cmdline, 1, 2, 15);
	assert_string_equal(decide(&ev, &v), "usable");
	assert_true(v.usable);
	assert_non_null(strstr(v.explanation, "15"));
}

/* This build machine: kernel 6.18 answers EINVAL first, ENOSPC after (before fix dee87e09). */
static void test_build_machine_einval_then_enospc(void **state)
{
	struct pk_evidence ev;
	struct pk_verdict v;

	(void)state;
	evidence(&ev, "build-zen5-kvm", build_cmdline, -EINVAL, -ENOSPC, 0);
	assert_string_equal(decide(&ev, &v), "hypervisor-hides-pku");
	assert_false(v.usable);
	assert_non_null(strstr(v.explanation, "Zen 5"));
	assert_non_null(strstr(v.explanation, "KVM"));
}

/* A fixed kernel says ENOSPC from the start: the same verdict. */
static void test_build_machine_enospc(void **state)
{
	struct pk_evidence ev;
	struct pk_verdict v;

	(void)state;
	evidence(&ev, "build-zen5-kvm", build_cmdline, -ENOSPC, -ENOSPC, 0);
	assert_string_equal(decide(&ev, &v), "hypervisor-hides-pku");
}

/* The same CPU with no hypervisor bit: CPUID says no PKU, and nobody hides it. */
static void test_bare_metal_without_pku(void **state)
{
	struct pk_evidence ev;
	struct pk_verdict v;

	(void)state;
	evidence(&ev, "build-zen5-kvm", build_cmdline, -ENOSPC, -ENOSPC, 0);
	ev.cpu.hypervisor = false;
	assert_string_equal(decide(&ev, &v), "cpu-lacks-pku");
}

static void test_qemu_minus_pku(void **state)
{
	struct pk_evidence ev;
	struct pk_verdict v;

	(void)state;
	/* Hypervisor present, but QEMU's family 0xF model 0x6B is no PKU model. */
	evidence(&ev, "qemu-max-minus-pku", guest_cmdline, -ENOSPC, -ENOSPC, 0);
	assert_string_equal(decide(&ev, &v), "cpu-lacks-pku");
	assert_non_null(strstr(v.explanation, "not one known"));
}

static void test_qemu64(void **state)
{
	struct pk_evidence ev;
	struct pk_verdict v;

	(void)state;
	evidence(&ev, "qemu64", guest_cmdline, -ENOSPC, -ENOSPC, 0);
	assert_string_equal(decide(&ev, &v), "cpu-lacks-pku");
}

static void test_nopku(void **state)
{
	struct pk_evidence ev;
	struct pk_verdict v;

	(void)state;
	evidence(&ev, "qemu-max-nopku", "console=ttyS0 quiet panic=-1 nopku", -ENOSPC, -ENOSPC, 0);
	assert_int_equal(ev.cpuinfo_pku, PK_YES);
	assert_int_equal(ev.cpuinfo_ospke, PK_NO);
	assert_string_equal(decide(&ev, &v), "os-disabled");
	/* The same first-call EINVAL of old kernels changes nothing. */
	ev.alloc_first = -EINVAL;
	assert_string_equal(decide(&ev, &v), "os-disabled");
}

static void test_kernel_without_pkeys(void **state)
{
	struct pk_evidence ev;
	struct pk_verdict v;

	(void)state;
	/* PKU=1, OSPKE=0 and no nopku: CONFIG_X86_INTEL_MEMORY_PROTECTION_KEYS=n. */
	evidence(&ev, "qemu-max-nopku", guest_cmdline, -ENOSPC, -ENOSPC, 0);
	assert_string_equal(decide(&ev, &v), "kernel-lacks-pkeys");
	/* nopku after "--" is init's argument, not the kernel's. */
	evidence(&ev, "qemu-max-nopku", "quiet -- nopku", -ENOSPC, -ENOSPC, 0);
	assert_string_equal(decide(&ev, &v), "kernel-lacks-pkeys");
	/* No system call at all. */
	evidence(&ev, "qemu-max", guest_cmdline, -ENOSYS, -ENOSYS, 0);
	assert_string_equal(decide(&ev, &v), "kernel-lacks-pkeys");
	assert_non_null(strstr(v.explanation, "ENOSYS"));
}

static void test_seccomp(void **state)
{
	struct pk_evidence ev;
	struct pk_verdict v;

	(void)state;
	evidence(&ev, "qemu-max", guest_cmdline, -EPERM, -EPERM, 0);
	assert_string_equal(decide(&ev, &v), "blocked-by-seccomp");
	evidence(&ev, "build-zen5-kvm", build_cmdline, -EPERM, -EPERM, 0);
	assert_string_equal(decide(&ev, &v), "blocked-by-seccomp");
}

static void test_no_free_keys(void **state)
{
	struct pk_evidence ev;
	struct pk_verdict v;

	(void)state;
	evidence(&ev, "qemu-max", guest_cmdline, -ENOSPC, -ENOSPC, 0);
	assert_string_equal(decide(&ev, &v), "no-free-keys");
}

static void test_not_x86(void **state)
{
	struct pk_evidence ev;
	struct pk_verdict v;

	(void)state;
	memset(&ev, 0, sizeof(ev));
	ev.cpu.arch = "aarch64";
	ev.alloc_first = ev.alloc_second = -ENOSPC;
	assert_string_equal(decide(&ev, &v), "not-x86");
	assert_non_null(strstr(v.explanation, "aarch64"));
	/* Where the kernel hands out keys, they are usable, whatever the architecture. */
	ev.alloc_first = 1;
	ev.alloc_second = 2;
	ev.keys = 7;
	assert_string_equal(decide(&ev, &v), "usable");
}

static void test_unknown(void **state)
{
	struct pk_evidence ev;
	struct pk_verdict v;

	(void)state;
	/* EINVAL with OSPKE=1 is not the pre-dee87e09 quirk: nothing explains it. */
	evidence(&ev, "qemu-max", guest_cmdline, -EINVAL, -EINVAL, 0);
	assert_string_equal(decide(&ev, &v), "unknown");
	evidence(&ev, "build-zen5-kvm", build_cmdline, -EIO, -EIO, 0);
	assert_string_equal(decide(&ev, &v), "unknown");
	assert_non_null(strstr(v.explanation, "EIO"));
}

static void test_reason_ids(void **state)
{
	(void)state;
	for (int i = 0; i < PK_REASON_COUNT; i++) {
		assert_non_null(pk_reason_id(i));
		for (int j = 0; j < i; j++)
			assert_string_not_equal(pk_reason_id(i), pk_reason_id(j));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_usable_qemu_max),
		cmocka_unit_test(test_build_machine_einval_then_enospc),
		cmocka_unit_test(test_build_machine_enospc),
		cmocka_unit_test(test_bare_metal_without_pku),
		cmocka_unit_test(test_qemu_minus_pku),
		cmocka_unit_test(test_qemu64),
		cmocka_unit_test(test_nopku),
		cmocka_unit_test(test_kernel_without_pkeys),
		cmocka_unit_test(test_seccomp),
		cmocka_unit_test(test_no_free_keys),
		cmocka_unit_test(test_not_x86),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_reason_ids),
	};

	return cmocka_run_group_tests_name("verdict", tests, NULL, NULL);
}
