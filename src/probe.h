/* SPDX-License-Identifier: GPL-2.0-only */
/* Gather the evidence about protection keys into a struct: no decisions, no printing. */
#ifndef PK_PROBE_H
#define PK_PROBE_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/arch.h"
#include "procfs.h"

struct pk_evidence {
	struct pk_cpu cpu;
	char kernel_release[65];
	enum pk_tri cpuinfo_pku, cpuinfo_ospke; /* /proc/cpuinfo flags */
	enum pk_tri cmdline_nopku;		/* "nopku" on /proc/cmdline */
	enum pk_tri smaps_pkey;			/* "ProtectionKey:" in /proc/self/smaps */
	/* pkey_alloc(0, 0) twice: a key, or -errno (pre-dee87e09 kernels: EINVAL, then ENOSPC). */
	int alloc_first, alloc_second;
	int keys;	 /* how many keys this process could allocate */
	bool pkru_valid; /* RDPKRU was allowed (CPUID OSPKE=1) */
	uint32_t pkru;	 /* PKRU before any allocation */
	const char *glibc_version;
	bool glibc_wrappers;
};

/*
 * Gather everything. Every key allocated is freed before returning.
 * 0, or -errno when the probe could not run (CPUID unreadable, a key
 * that would not be freed).
 */
int pk_probe(struct pk_evidence *ev);

#endif
