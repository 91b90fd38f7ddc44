// SPDX-License-Identifier: GPL-2.0-only
/* Pure: evidence in, one verdict out. Every branch is unit-tested on fixtures. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "verdict.h"

static const struct {
	const char *id;
	const char *hint;
} reasons[PK_REASON_COUNT] = {
	[PK_REASON_USABLE] = { "usable", "Use pkey_alloc(2), pkey_mprotect(2) and pkey_set(3); see "
					 "pkeys(7)." },
	[PK_REASON_CPU_LACKS_PKU] = { "cpu-lacks-pku",
				      "Protection keys need an Intel Xeon Scalable (Skylake-SP or "
				      "later) or AMD Zen 3 or later CPU; in a VM, a CPU model "
				      "with pku." },
	[PK_REASON_HYPERVISOR_HIDES_PKU] = { "hypervisor-hides-pku",
					     "Have the hypervisor pass PKU through: QEMU/KVM "
					     "'-cpu host' or '+pku'; in a cloud, an instance type "
					     "that exposes pku." },
	[PK_REASON_OS_DISABLED] = { "os-disabled",
				    "Remove 'nopku' from the kernel command line and reboot." },
	[PK_REASON_KERNEL_LACKS_PKEYS] = { "kernel-lacks-pkeys",
					   "Run a kernel built with "
					   "CONFIG_X86_INTEL_MEMORY_PROTECTION_KEYS=y (Linux "
					   "4.9 or later), outside any syscall-emulating "
					   "sandbox." },
	[PK_REASON_BLOCKED_BY_SECCOMP] = { "blocked-by-seccomp",
					   "Allow pkey_alloc, pkey_free and pkey_mprotect in the "
					   "seccomp profile (Docker's default allows them since "
					   "2022)." },
	[PK_REASON_NO_FREE_KEYS] = { "no-free-keys",
				     "Free keys with pkey_free(2): x86 has 15 allocatable keys per "
				     "process, one fewer once execute-only memory is in use." },
	[PK_REASON_NOT_X86] = { "not-x86",
				"Run pkeyctl on x86-64; arm64 POE and powerpc keys are not "
				"covered yet." },
	[PK_REASON_UNKNOWN] = { "unknown",
				"Report 'pkeyctl probe --json' output to the pkeyctl developers." },
};

const char *pk_reason_id(enum pk_reason reason)
{
	return reason < PK_REASON_COUNT ? reasons[reason].id : "unknown";
}

static enum pk_reason classify(const struct pk_evidence *ev)
{
	const struct pk_cpu *cpu = &ev->cpu;
	int err = -ev->alloc_first;

	/* The kernel's answer decides "usable"; CPUID only explains a "no". */
	if (ev->alloc_first >= 0)
		return PK_REASON_USABLE;
	if (err == EPERM)
		return PK_REASON_BLOCKED_BY_SECCOMP;
	if (!cpu->is_x86)
		return PK_REASON_NOT_X86;
	if (err == ENOSYS)
		return PK_REASON_KERNEL_LACKS_PKEYS;
	/*
	 * Before kernel commit dee87e09 ("x86/pkeys: Fix pkey_alloc() return
	 * value when pkeys are not supported") the first call in a process
	 * without OSPKE returned EINVAL and later ones ENOSPC.
	 */
	if (err == EINVAL && !cpu->ospke)
		err = ENOSPC;
	if (err != ENOSPC)
		return PK_REASON_UNKNOWN;
	if (cpu->ospke)
		return PK_REASON_NO_FREE_KEYS;
	if (!cpu->pku)
		return cpu->hypervisor && cpu->hw_pku_uarch ? PK_REASON_HYPERVISOR_HIDES_PKU
							    : PK_REASON_CPU_LACKS_PKU;
	if (ev->cmdline_nopku == PK_YES)
		return PK_REASON_OS_DISABLED;
	return PK_REASON_KERNEL_LACKS_PKEYS;
}

static const char *errno_name(int err, char *buf, size_t size)
{
	const char *name = strerrorname_np(err);

	if (name)
		return name;
	snprintf(buf, size, "errno %d", err);
	return buf;
}

void pk_decide(const struct pk_evidence *ev, struct pk_verdict *v)
{
	const struct pk_cpu *cpu = &ev->cpu;
	const char *cpu_name = cpu->brand[0] ? cpu->brand : cpu->vendor;
	char ebuf[32];
	const char *e = errno_name(-ev->alloc_first, ebuf, sizeof(ebuf));
	char *s = v->explanation;
	size_t n = sizeof(v->explanation);

	v->reason = classify(ev);
	v->usable = v->reason == PK_REASON_USABLE;
	v->hint = reasons[v->reason].hint;
	switch (v->reason) {
	case PK_REASON_USABLE:
		snprintf(s, n,
			 "The kernel hands out protection keys: this process could "
			 "allocate %d of them.",
			 ev->keys);
		break;
	case PK_REASON_CPU_LACKS_PKU:
		snprintf(s, n, "The CPU (%s, family 0x%x model 0x%x) does not report PKU: %s%s.",
			 cpu_name, cpu->family, cpu->model,
			 cpu->leaf7_valid ? "CPUID.(EAX=7,ECX=0):ECX[3] is 0"
					  : "it has no CPUID leaf 7 at all",
			 cpu->hypervisor ? ", and this virtual CPU's model is not one known "
					   "to have PKU in hardware"
					 : "");
		break;
	case PK_REASON_HYPERVISOR_HIDES_PKU:
		snprintf(s, n,
			 "The CPU (%s, %s) has PKU in hardware, but the hypervisor (%s) "
			 "hides it: CPUID.(EAX=7,ECX=0):ECX[3] is 0 in this guest.",
			 cpu_name, cpu->hw_pku_uarch,
			 cpu->hypervisor_name ? cpu->hypervisor_name : "unnamed");
		break;
	case PK_REASON_OS_DISABLED:
		snprintf(s, n,
			 "The CPU has PKU, but the kernel was booted with 'nopku' and left "
			 "CR4.PKE off (CPUID OSPKE=0).");
		break;
	case PK_REASON_KERNEL_LACKS_PKEYS:
		if (ev->alloc_first == -ENOSYS)
			snprintf(s, n,
				 "pkey_alloc(2) is not implemented (ENOSYS): the kernel "
				 "has no protection keys, or a sandbox such as gVisor "
				 "stands in for it.");
		else
			snprintf(s, n,
				 "The CPU has PKU, but the kernel did not enable it (CPUID "
				 "OSPKE=0) and 'nopku' is not set: the kernel was built "
				 "without CONFIG_X86_INTEL_MEMORY_PROTECTION_KEYS.");
		break;
	case PK_REASON_BLOCKED_BY_SECCOMP:
		snprintf(s, n,
			 "pkey_alloc(2) failed with EPERM: a seccomp filter blocks the "
			 "pkey system calls.");
		break;
	case PK_REASON_NO_FREE_KEYS:
		snprintf(s, n,
			 "The kernel enabled protection keys (CPUID OSPKE=1), but "
			 "pkey_alloc(2) found no free key (%s).",
			 e);
		break;
	case PK_REASON_NOT_X86:
		snprintf(s, n,
			 "This is %s: pkeyctl drives x86 protection keys only, and "
			 "pkey_alloc(2) failed with %s.",
			 cpu->arch, e);
		break;
	case PK_REASON_UNKNOWN:
	case PK_REASON_COUNT:
		snprintf(s, n,
			 "pkey_alloc(2) failed with %s, which no known cause explains "
			 "(CPUID PKU=%d, OSPKE=%d).",
			 e, cpu->pku, cpu->ospke);
		break;
	}
}
