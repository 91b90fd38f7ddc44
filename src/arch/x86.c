// SPDX-License-Identifier: GPL-2.0-only
/* x86: CPUID through libcpuid, XGETBV and RDPKRU: the only file with inline assembly. */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#include <libcpuid.h>

#include "pkru.h"
#include "x86-cpuid.h"

/* Intel SDM Vol. 1, 13.1: XCR0 bit 9 is the PKRU state component. */
#define XCR0_PKRU (1ull << 9)

/* Set once CPUID OSPKE=1 was seen in this process; RDPKRU and WRPKRU are safe only then. */
static bool ospke_seen;
/* Where PTRACE_GETREGSET's XSAVE image holds PKRU; 0 when it does not. */
static uint32_t xsave_pkru_offset;

/* Large enough for any XSAVE image (AMX tiles included); the kernel copies what fits. */
#define XSAVE_MAX_SIZE (64 * 1024)

static uint64_t xgetbv(uint32_t index)
{
	uint32_t eax, edx;

	__asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(index));
	return ((uint64_t)edx << 32) | eax;
}

/* SDM Vol. 2B, RDPKRU: ECX must be 0. Spelled as bytes for older assemblers. */
static uint32_t rdpkru(void)
{
	uint32_t eax, edx;

	__asm__ volatile(".byte 0x0f, 0x01, 0xee" : "=a"(eax), "=d"(edx) : "c"(0));
	return eax;
}

/* SDM Vol. 2B, WRPKRU: ECX and EDX must be 0. */
static void wrpkru(uint32_t pkru)
{
	__asm__ volatile(".byte 0x0f, 0x01, 0xef" : : "a"(pkru), "c"(0), "d"(0) : "memory");
}

static void cpuid(uint32_t leaf, uint32_t subleaf, uint32_t regs[4])
{
	regs[CPUID_EAX] = leaf;
	regs[CPUID_EBX] = 0;
	regs[CPUID_ECX] = subleaf;
	regs[CPUID_EDX] = 0;
	cpu_exec_cpuid_ext(regs);
}

/*
 * Only the leaves pkeyctl needs: each CPUID is a VM exit under a
 * hypervisor (about 6 us on our build machines), and libcpuid's
 * cpuid_get_raw_data() runs some 90 of them.
 */
static void read_leaves(struct x86_leaves *l)
{
	uint32_t max;

	cpuid(0, 0, l->basic0);
	max = l->basic0[CPUID_EAX];
	if (max >= 1)
		cpuid(1, 0, l->basic1);
	if (max >= 7)
		cpuid(7, 0, l->basic7);
	if (max >= X86_LEAF_XSTATE)
		cpuid(X86_LEAF_XSTATE, X86_SUBLEAF_XSTATE_PKRU, l->xstate_pkru);
	/* CPUID.1:ECX[31]: leaves 0x40000000+ belong to the hypervisor. */
	if (l->basic1[CPUID_ECX] & (1u << 31))
		cpuid(X86_LEAF_HYPERVISOR, 0, l->hypervisor);
	cpuid(X86_LEAF_EXT0, 0, l->ext0);
	if (l->ext0[CPUID_EAX] >= X86_LEAF_BRAND0 + 2)
		for (uint32_t i = 0; i < 3; i++)
			cpuid(X86_LEAF_BRAND0 + i, 0, l->brand[i]);
}

int arch_cpu_read(struct pk_cpu *cpu)
{
	static struct pk_cpu cached;
	static bool done;
	struct x86_leaves l = { 0 };

	if (!done) {
		read_leaves(&l);
		cached.arch = "x86_64";
		cached.is_x86 = true;
		x86_decode(&cached, &l);
		/* XGETBV is #UD unless the OS set CR4.OSXSAVE. */
		if (cached.osxsave)
			cached.xcr0_pkru = xgetbv(0) & XCR0_PKRU;
		ospke_seen = cached.ospke;
		if (cached.ospke && cached.xcr0_pkru)
			xsave_pkru_offset = cached.pkru_xsave_offset;
		done = true;
	}
	*cpu = cached;
	return 0;
}

int arch_read_pkru(uint32_t *pkru)
{
	if (!ospke_seen)
		return -EOPNOTSUPP;
	*pkru = rdpkru();
	return 0;
}

int arch_write_pkru(uint32_t pkru)
{
	if (!ospke_seen)
		return -EOPNOTSUPP;
	if ((pkru ^ rdpkru()) & (PKRU_AD(0) | PKRU_WD(0)))
		return -EPERM;
	wrpkru(pkru);
	return 0;
}

int arch_thread_pkru(int tid, uint32_t *pkru)
{
	struct iovec iov;
	void *image;
	int err = 0;

	if (!xsave_pkru_offset)
		return -EOPNOTSUPP;
	image = calloc(1, XSAVE_MAX_SIZE);
	if (!image)
		return -ENOMEM;
	iov.iov_base = image;
	iov.iov_len = XSAVE_MAX_SIZE;
	/* The standard (non-compacted) format: PKRU sits at CPUID.(0xD,9).EBX. */
	if (ptrace(PTRACE_GETREGSET, tid, (void *)NT_X86_XSTATE, &iov) < 0)
		err = -errno;
	else
		err = pk_xsave_pkru(image, iov.iov_len, xsave_pkru_offset, pkru);
	free(image);
	return err;
}

bool arch_ticks_available(void)
{
	uint32_t regs[4];

	cpuid(X86_LEAF_EXT0, 0, regs);
	if (regs[CPUID_EAX] < X86_LEAF_EXT0 + 1)
		return false;
	cpuid(X86_LEAF_EXT0 + 1, 0, regs);
	return regs[CPUID_EDX] & (1u << 27); /* RDTSCP */
}

uint64_t arch_ticks(void)
{
	uint32_t lo, hi, aux;

	/* SDM Vol. 2B, RDTSCP: "followed by LFENCE" so later instructions wait for the read. */
	__asm__ volatile("rdtscp\n\tlfence" : "=a"(lo), "=d"(hi), "=c"(aux) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

int arch_bench_rdpkru(uint64_t n)
{
	if (!ospke_seen)
		return -EOPNOTSUPP;
	while (n--)
		(void)rdpkru();
	return 0;
}

int arch_bench_wrpkru(uint64_t n, uint32_t a, uint32_t b)
{
	if (!ospke_seen)
		return -EOPNOTSUPP;
	if ((a ^ rdpkru()) & (PKRU_AD(0) | PKRU_WD(0)) || (b ^ a) & (PKRU_AD(0) | PKRU_WD(0)))
		return -EPERM;
	for (uint64_t i = 0; i < n; i++)
		wrpkru(i & 1 ? b : a);
	return 0;
}
