/* SPDX-License-Identifier: GPL-2.0-only */
/* The hooks every architecture provides: what the CPU says, and PKRU access. */
#ifndef PK_ARCH_H
#define PK_ARCH_H

#include <stdbool.h>
#include <stdint.h>

/* What the CPU itself reports about protection keys. */
struct pk_cpu {
	const char *arch; /* "x86_64", or what uname says elsewhere */
	bool is_x86;
	char vendor[16];	     /* CPUID vendor string, e.g. "AuthenticAMD" */
	char brand[64];		     /* brand string, e.g. "AMD EPYC 7B13 64-Core Processor" */
	int family, model, stepping; /* display family and model */
	bool hypervisor;	     /* CPUID.1:ECX[31] */
	const char *hypervisor_name; /* "KVM", "QEMU", ...; NULL when none is named */
	/* Microarchitecture known to have PKU in silicon, NULL when not known to. */
	const char *hw_pku_uarch;
	bool leaf7_valid;      /* CPUID.0:EAX >= 7 */
	bool pku;	       /* CPUID.(7,0):ECX[3] */
	bool ospke;	       /* CPUID.(7,0):ECX[4], CR4.PKE as the OS left it */
	bool osxsave;	       /* CPUID.1:ECX[27]: XGETBV is allowed */
	bool xcr0_pkru;	       /* XCR0[9]: XSAVE manages PKRU (valid when osxsave) */
	bool xsave_leaf_valid; /* CPUID.0:EAX >= 0xD */
	uint32_t pkru_xsave_size, pkru_xsave_offset; /* CPUID.(0xD,9).EAX/EBX */
};

/* Fill cpu from the hardware; reads CPUID once per process. 0 or -errno. */
int arch_cpu_read(struct pk_cpu *cpu);

/*
 * This thread's PKRU. -EOPNOTSUPP unless arch_cpu_read() saw OSPKE=1 in
 * this process: RDPKRU without CR4.PKE is #UD, a SIGILL.
 */
int arch_read_pkru(uint32_t *pkru);

/*
 * Set this thread's PKRU (WRPKRU). -EOPNOTSUPP unless OSPKE=1 was seen;
 * -EPERM for a value that would change key 0's bits: code, stack and libc
 * live on key 0.
 */
int arch_write_pkru(uint32_t pkru);

/*
 * PKRU of thread tid, which the caller has stopped under ptrace, from its
 * XSAVE state (PTRACE_GETREGSET, NT_X86_XSTATE). -EOPNOTSUPP where XSAVE
 * does not carry PKRU; -errno from ptrace.
 */
int arch_thread_pkru(int tid, uint32_t *pkru);

/* Whether arch_ticks() has a cycle counter to read (x86: RDTSCP, CPUID 0x80000001 EDX[27]). */
bool arch_ticks_available(void);
/* The cycle counter, ordered: RDTSCP waits for earlier instructions, LFENCE holds later ones. */
uint64_t arch_ticks(void);

/*
 * The hot loops of the PKRU benchmarks, here because they are instructions:
 * n RDPKRUs; n WRPKRUs alternating a and b (a domain switch each). Same
 * conditions as arch_read_pkru() and arch_write_pkru(); PKRU is left as b
 * or a, the caller restores it.
 */
int arch_bench_rdpkru(uint64_t n);
int arch_bench_wrpkru(uint64_t n, uint32_t a, uint32_t b);

#endif
