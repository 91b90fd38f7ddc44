// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests: evidence to verdict, for every reason id, on fixtures of real machines. */
#include <errno.h>
#include <stdbool.h>

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

/*
 * One case a line: a machine (its CPUID and cpuinfo fixtures), a kernel
 * command line, what pkey_alloc(0, 0) answered twice, the keys counted, the
 * reason expected and, when not NULL, words the explanation must hold.
 */
static const struct verdict_case {
	const char *what;
	const char *machine;
	const char *cmdline;
	int first, second, keys;
	const char *reason;
	const char *says;
} cases[] = {
	{ "QEMU -cpu max", "qemu-max", NULL, 1, 2, 15, "usable", "15" },
	/* This build machine: kernel 6.18 answers EINVAL first, ENOSPC after (before dee87e09). */
	{ "build machine", "build-zen5-kvm", NULL, -EINVAL, -ENOSPC, 0, "hypervisor-hides-pku",
	  "Zen 5" },
	{ "build machine, fixed kernel", "build-zen5-kvm", NULL, -ENOSPC, -ENOSPC, 0,
	  "hypervisor-hides-pku", "KVM" },
	/* Hypervisor present, but QEMU's family 0xF model 0x6B is no PKU model. */
	{ "QEMU -cpu max,-pku", "qemu-max-minus-pku", NULL, -ENOSPC, -ENOSPC, 0, "cpu-lacks-pku",
	  "not one known" },
	{ "QEMU -cpu qemu64", "qemu64", NULL, -ENOSPC, -ENOSPC, 0, "cpu-lacks-pku", NULL },
	{ "nopku", "qemu-max-nopku", "console=ttyS0 quiet nopku", -ENOSPC, -ENOSPC, 0,
	  "os-disabled", "nopku" },
	{ "nopku, old kernel", "qemu-max-nopku", "nopku", -EINVAL, -ENOSPC, 0, "os-disabled",
	  NULL },
	/* PKU=1, OSPKE=0 and no nopku: CONFIG_X86_INTEL_MEMORY_PROTECTION_KEYS=n. */
	{ "kernel without pkeys", "qemu-max-nopku", NULL, -ENOSPC, -ENOSPC, 0, "kernel-lacks-pkeys",
	  "CONFIG_X86_INTEL_MEMORY_PROTECTION_KEYS" },
	/* nopku after "--" is init's argument, not the kernel's. */
	{ "nopku for init", "qemu-max-nopku", "quiet -- nopku", -ENOSPC, -ENOSPC, 0,
	  "kernel-lacks-pkeys", NULL },
	{ "no system call", "qemu-max", NULL, -ENOSYS, -ENOSYS, 0, "kernel-lacks-pkeys", "ENOSYS" },
	{ "seccomp, PKU guest", "qemu-max", NULL, -EPERM, -EPERM, 0, "blocked-by-seccomp", NULL },
	{ "seccomp, no PKU", "build-zen5-kvm", NULL, -EPERM, -EPERM, 0, "blocked-by-seccomp",
	  NULL },
	{ "keys exhausted", "qemu-max", NULL, -ENOSPC, -ENOSPC, 0, "no-free-keys", "ENOSPC" },
	/* EINVAL with OSPKE=1 is not the pre-dee87e09 quirk: nothing explains it. */
	{ "EINVAL with OSPKE", "qemu-max", NULL, -EINVAL, -EINVAL, 0, "unknown", "EINVAL" },
	{ "EIO", "build-zen5-kvm", NULL, -EIO, -EIO, 0, "unknown", "EIO" },
};

static void test_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct verdict_case *c = &cases[i];
		const char *cmdline = c->cmdline;
		struct pk_evidence ev;
		struct pk_verdict v;

		if (!cmdline)
			cmdline = strcmp(c->machine, "build-zen5-kvm") ? guest_cmdline
								       : build_cmdline;
		evidence(&ev, c->machine, cmdline, c->first, c->second, c->keys);
		print_message("case: %s\n", c->what);
		assert_string_equal(decide(&ev, &v), c->reason);
		assert_int_equal(v.usable, strcmp(c->reason, "usable") == 0);
		if (c->says && !strstr(v.explanation, c->says))
			fail_msg("%s: '%s' not in '%s'", c->what, c->says, v.explanation);
	}
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

/* Every reason id has a case above, so a new reason cannot go untested. */
static void test_every_reason_covered(void **state)
{
	(void)state;
	for (int r = 0; r < PK_REASON_COUNT; r++) {
		bool seen = r == PK_REASON_NOT_X86; /* test_not_x86 */

		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
			seen = seen || strcmp(cases[i].reason, pk_reason_id(r)) == 0;
		if (!seen)
			fail_msg("no case for reason %s", pk_reason_id(r));
	}
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
		cmocka_unit_test(test_cases),	   cmocka_unit_test(test_bare_metal_without_pku),
		cmocka_unit_test(test_not_x86),	   cmocka_unit_test(test_every_reason_covered),
		cmocka_unit_test(test_reason_ids),
	};

	return cmocka_run_group_tests_name("verdict", tests, NULL, NULL);
}
