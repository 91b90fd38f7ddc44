/* SPDX-License-Identifier: GPL-2.0-only */
/* Pure decoding of x86 CPUID leaves and the table of CPUs with PKU in silicon. */
#ifndef PK_X86_CPUID_H
#define PK_X86_CPUID_H

#include <stdint.h>

#include "arch.h"

enum { CPUID_EAX, CPUID_EBX, CPUID_ECX, CPUID_EDX };

/* The CPUID leaves pkeyctl reads, as the CPU returned them; zero where not read. */
struct x86_leaves {
	uint32_t basic0[4];	 /* leaf 0: max leaf, vendor */
	uint32_t basic1[4];	 /* leaf 1: signature, OSXSAVE, hypervisor bit */
	uint32_t basic7[4];	 /* leaf 7 subleaf 0: PKU, OSPKE */
	uint32_t xstate_pkru[4]; /* leaf 0xD subleaf 9: PKRU size and offset */
	uint32_t hypervisor[4];	 /* leaf 0x40000000: hypervisor signature */
	uint32_t ext0[4];	 /* leaf 0x80000000: max extended leaf */
	uint32_t brand[3][4];	 /* leaves 0x80000002..4: brand string */
};

#define X86_LEAF_XSTATE		0xdu
#define X86_SUBLEAF_XSTATE_PKRU 9u
#define X86_LEAF_HYPERVISOR	0x40000000u
#define X86_LEAF_EXT0		0x80000000u
#define X86_LEAF_BRAND0		0x80000002u

/*
 * Decode everything but XCR0 into cpu: vendor, brand, family/model/stepping,
 * hypervisor bit and name, PKU, OSPKE, OSXSAVE, the PKRU XSAVE component,
 * and hw_pku_uarch. Leaves beyond the CPU's maximum are ignored.
 */
void x86_decode(struct pk_cpu *cpu, const struct x86_leaves *l);

/* The microarchitecture name when this CPU model has PKU in hardware, else NULL. */
const char *x86_pku_uarch(const char *vendor, int family, int model);

#endif
