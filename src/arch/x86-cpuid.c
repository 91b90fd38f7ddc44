// SPDX-License-Identifier: GPL-2.0-only
/* Pure decoding of x86 CPUID leaves and the table of CPUs with PKU in silicon. */
#include <string.h>

#include "x86-cpuid.h"

/* Intel SDM Vol. 2A, CPUID: the feature bits this tool reads. */
#define CPUID1_ECX_OSXSAVE    (1u << 27)
#define CPUID1_ECX_HYPERVISOR (1u << 31)
#define CPUID7_ECX_PKU	      (1u << 3)
#define CPUID7_ECX_OSPKE      (1u << 4)

/*
 * CPU models that have PKU in silicon, so that a hypervisor which hides
 * it can be named. Intel: Xeon Scalable from Skylake-SP on (family 6,
 * models from the kernel's arch/x86/include/asm/intel-family.h); AMD:
 * Zen 3 and later (family 19h and 1Ah, models from AMD's PPRs).
 */
static const struct {
	const char *vendor;
	int family;
	int model_lo, model_hi;
	const char *uarch;
} pku_models[] = {
	{ "GenuineIntel", 6, 0x55, 0x55, "Skylake-SP/Cascade Lake/Cooper Lake" },
	{ "GenuineIntel", 6, 0x6a, 0x6a, "Ice Lake-SP" },
	{ "GenuineIntel", 6, 0x6c, 0x6c, "Ice Lake-D" },
	{ "GenuineIntel", 6, 0x8f, 0x8f, "Sapphire Rapids" },
	{ "GenuineIntel", 6, 0xcf, 0xcf, "Emerald Rapids" },
	{ "GenuineIntel", 6, 0xad, 0xae, "Granite Rapids" },
	{ "AuthenticAMD", 0x19, 0x00, 0x0f, "Zen 3 (EPYC Milan)" },
	{ "AuthenticAMD", 0x19, 0x10, 0x1f, "Zen 4 (EPYC Genoa)" },
	{ "AuthenticAMD", 0x19, 0x20, 0x5f, "Zen 3 (Ryzen)" },
	{ "AuthenticAMD", 0x19, 0x60, 0xaf, "Zen 4" },
	{ "AuthenticAMD", 0x1a, 0x00, 0xff, "Zen 5" },
};

/* Hypervisor signatures in leaf 0x40000000 EBX, ECX, EDX. */
static const struct {
	const char sig[13];
	const char *name;
} hypervisors[] = {
	{ "KVMKVMKVM\0\0\0", "KVM" },	 { "TCGTCGTCGTCG", "QEMU TCG" },
	{ "Microsoft Hv", "Hyper-V" },	 { "VMwareVMware", "VMware" },
	{ "XenVMMXenVMM", "Xen" },	 { "bhyve bhyve ", "bhyve" },
	{ " lrpepyh  vr", "Parallels" }, { "VBoxVBoxVBox", "VirtualBox" },
	{ "ACRNACRNACRN", "ACRN" },	 { "QNXQVMBSQG\0\0", "QNX" },
};

const char *x86_pku_uarch(const char *vendor, int family, int model)
{
	for (size_t i = 0; i < sizeof(pku_models) / sizeof(pku_models[0]); i++)
		if (strcmp(vendor, pku_models[i].vendor) == 0 && family == pku_models[i].family &&
		    model >= pku_models[i].model_lo && model <= pku_models[i].model_hi)
			return pku_models[i].uarch;
	return NULL;
}

static const char *hypervisor_name(const uint32_t leaf[4])
{
	char sig[12];

	memcpy(sig, &leaf[CPUID_EBX], 4);
	memcpy(sig + 4, &leaf[CPUID_ECX], 4);
	memcpy(sig + 8, &leaf[CPUID_EDX], 4);
	for (size_t i = 0; i < sizeof(hypervisors) / sizeof(hypervisors[0]); i++)
		if (memcmp(sig, hypervisors[i].sig, sizeof(sig)) == 0)
			return hypervisors[i].name;
	return NULL;
}

/* 48 bytes of EAX..EDX of three leaves, NUL-padded, often with leading blanks. */
static void decode_brand(char *out, size_t size, const uint32_t regs[3][4])
{
	char raw[49];
	const char *s = raw;
	size_t len;

	memcpy(raw, regs, 48);
	raw[48] = '\0';
	while (*s == ' ')
		s++;
	len = strlen(s);
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len >= size)
		len = size - 1;
	memcpy(out, s, len);
	out[len] = '\0';
}

void x86_decode(struct pk_cpu *cpu, const struct x86_leaves *l)
{
	uint32_t max = l->basic0[CPUID_EAX];
	uint32_t sig = l->basic1[CPUID_EAX];
	int family = (sig >> 8) & 0xf, model = (sig >> 4) & 0xf;

	/* The vendor string is EBX, EDX, ECX of leaf 0, in that order. */
	memcpy(cpu->vendor, &l->basic0[CPUID_EBX], 4);
	memcpy(cpu->vendor + 4, &l->basic0[CPUID_EDX], 4);
	memcpy(cpu->vendor + 8, &l->basic0[CPUID_ECX], 4);
	cpu->vendor[12] = '\0';

	/* SDM Vol. 2A, CPUID leaf 1: "Display Family" and "Display Model". */
	if (family == 0xf)
		family += (sig >> 20) & 0xff;
	if (family == 0x6 || family >= 0xf)
		model += ((sig >> 16) & 0xf) << 4;
	cpu->family = family;
	cpu->model = model;
	cpu->stepping = sig & 0xf;

	cpu->hypervisor = l->basic1[CPUID_ECX] & CPUID1_ECX_HYPERVISOR;
	cpu->hypervisor_name = cpu->hypervisor ? hypervisor_name(l->hypervisor) : NULL;
	cpu->osxsave = l->basic1[CPUID_ECX] & CPUID1_ECX_OSXSAVE;
	cpu->leaf7_valid = max >= 7;
	cpu->pku = cpu->leaf7_valid && (l->basic7[CPUID_ECX] & CPUID7_ECX_PKU);
	cpu->ospke = cpu->leaf7_valid && (l->basic7[CPUID_ECX] & CPUID7_ECX_OSPKE);
	cpu->xsave_leaf_valid = max >= X86_LEAF_XSTATE;
	if (cpu->xsave_leaf_valid) {
		cpu->pkru_xsave_size = l->xstate_pkru[CPUID_EAX];
		cpu->pkru_xsave_offset = l->xstate_pkru[CPUID_EBX];
	}
	cpu->brand[0] = '\0';
	if (l->ext0[CPUID_EAX] >= X86_LEAF_BRAND0 + 2)
		decode_brand(cpu->brand, sizeof(cpu->brand), l->brand);
	cpu->hw_pku_uarch = x86_pku_uarch(cpu->vendor, cpu->family, cpu->model);
}
