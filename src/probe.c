// SPDX-License-Identifier: GPL-2.0-only
/* Gather the evidence about protection keys into a struct: no decisions, no printing. */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "probe.h"
#include "sys.h"

/* x86 has 16 keys, powerpc 32: room for every key any architecture hands out. */
#define PK_MAX_KEYS 32

static void probe_proc(struct pk_evidence *ev)
{
	/* cpuinfo: the first processor's block is enough; it fits well within this. */
	char buf[16384];
	struct utsname u;

	if (pk_read_file("/proc/cpuinfo", buf, sizeof(buf)) >= 0) {
		ev->cpuinfo_pku = pk_cpuinfo_flag(buf, "pku");
		ev->cpuinfo_ospke = pk_cpuinfo_flag(buf, "ospke");
	}
	if (pk_read_file("/proc/cmdline", buf, sizeof(buf)) >= 0)
		ev->cmdline_nopku = pk_cmdline_has(buf, "nopku") ? PK_YES : PK_NO;
	/* The first mapping decides; a page of smaps holds it. */
	if (pk_read_file("/proc/self/smaps", buf, 4096) >= 0)
		ev->smaps_pkey = pk_smaps_has_pkey(buf);
	if (uname(&u) == 0)
		snprintf(ev->kernel_release, sizeof(ev->kernel_release), "%s", u.release);
}

/* Allocate until the kernel says no, then free all: the count, or -errno if a free failed. */
static int probe_keys(struct pk_evidence *ev)
{
	int keys[PK_MAX_KEYS];
	int n = 0, err = 0;

	ev->alloc_first = pk_sys_pkey_alloc(0, 0);
	if (ev->alloc_first >= 0)
		keys[n++] = ev->alloc_first;
	ev->alloc_second = pk_sys_pkey_alloc(0, 0);
	if (ev->alloc_second >= 0)
		keys[n++] = ev->alloc_second;
	while (ev->alloc_second >= 0 && n < PK_MAX_KEYS) {
		int k = pk_sys_pkey_alloc(0, 0);

		if (k < 0)
			break;
		keys[n++] = k;
	}
	ev->keys = n;
	while (n > 0) {
		int r = pk_sys_pkey_free(keys[--n]);

		if (r < 0 && !err)
			err = r;
	}
	return err;
}

int pk_probe(struct pk_evidence *ev)
{
	int err;

	memset(ev, 0, sizeof(*ev));
	ev->cpuinfo_pku = ev->cpuinfo_ospke = ev->cmdline_nopku = ev->smaps_pkey = PK_UNKNOWN;
	err = arch_cpu_read(&ev->cpu);
	if (err)
		return err;
	probe_proc(ev);
	/* Before any allocation: pkey_alloc() itself rewrites the new key's PKRU bits. */
	ev->pkru_valid = arch_read_pkru(&ev->pkru) == 0;
	ev->glibc_version = pk_glibc_version();
	ev->glibc_wrappers = pk_glibc_has_pkey_wrappers(ev->glibc_version);
	err = probe_keys(ev);
	/*
	 * pkey_free() leaves the freed keys' PKRU bits as pkey_alloc() set them
	 * (pkeys(7)): put PKRU back, so the probe leaves this thread as it was.
	 */
	if (ev->pkru_valid)
		arch_write_pkru(ev->pkru);
	return err;
}
