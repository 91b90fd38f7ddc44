/* SPDX-License-Identifier: GPL-2.0-only */
/* Touch memory and report whether it faulted, with si_code, si_pkey and the handler's PKRU. */
#ifndef PK_FAULT_H
#define PK_FAULT_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

struct pk_fault {
	bool faulted;
	int code;		 /* si_code: SEGV_PKUERR (4) for a protection-key fault */
	int pkey;		 /* si_pkey, when code is SEGV_PKUERR; else -1 */
	bool handler_pkru_valid; /* RDPKRU could run in the handler */
	uint32_t handler_pkru;	 /* PKRU the SIGSEGV handler ran with */
};

/*
 * Read or write the byte at addr. A SIGSEGV is caught and described in f;
 * PKRU is put back as it was before (glibc bug 22396: siglongjmp leaves the
 * handler's PKRU). 0, or -errno when the handler could not be installed.
 */
int pk_touch(void *addr, bool write, struct pk_fault *f);

/*
 * The same in two halves, for loops that touch many times: install the
 * SIGSEGV handler once (0, or -errno; old keeps the previous action),
 * touch with it in place, and put the old action back.
 */
int pk_fault_install(struct sigaction *old);
void pk_touch_installed(void *addr, bool write, struct pk_fault *f);
void pk_fault_uninstall(const struct sigaction *old);

#endif
