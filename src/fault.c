// SPDX-License-Identifier: GPL-2.0-only
/* Touch memory and report whether it faulted, with si_code, si_pkey and the handler's PKRU. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>

#include "arch/arch.h"
#include "fault.h"

static sigjmp_buf fault_jump;
/* What the handler saw: it records, it never prints (signal-safety(7)). */
static volatile sig_atomic_t seen_code, seen_pkey, seen_pkru, seen_pkru_valid;

static void on_segv(int sig, siginfo_t *si, void *ucontext)
{
	uint32_t pkru;

	(void)sig, (void)ucontext;
	seen_code = si->si_code;
	seen_pkey = si->si_code == SEGV_PKUERR ? (sig_atomic_t)si->si_pkey : -1;
	/* RDPKRU only: arch_read_pkru() checks OSPKE without a call that is not signal-safe. */
	seen_pkru_valid = arch_read_pkru(&pkru) == 0;
	seen_pkru = (sig_atomic_t)pkru;
	siglongjmp(fault_jump, 1);
}

int pk_fault_install(struct sigaction *old)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	return sigaction(SIGSEGV, &sa, old) < 0 ? -errno : 0;
}

void pk_fault_uninstall(const struct sigaction *old)
{
	sigaction(SIGSEGV, old, NULL);
}

void pk_touch_installed(void *addr, bool write, struct pk_fault *f)
{
	volatile unsigned char *p = addr;
	uint32_t saved = 0;
	bool have_pkru = arch_read_pkru(&saved) == 0;

	memset(f, 0, sizeof(*f));
	f->pkey = -1;
	/* Saving the signal mask: the handler leaves by siglongjmp with SIGSEGV blocked. */
	if (sigsetjmp(fault_jump, 1) == 0) {
		if (write)
			*p = 0x5a;
		else
			(void)*p;
		return;
	}
	f->faulted = true;
	f->code = seen_code;
	f->pkey = seen_pkey;
	f->handler_pkru_valid = seen_pkru_valid;
	f->handler_pkru = (uint32_t)seen_pkru;
	if (have_pkru)
		arch_write_pkru(saved);
}

int pk_touch(void *addr, bool write, struct pk_fault *f)
{
	struct sigaction old;
	int err = pk_fault_install(&old);

	if (err)
		return err;
	pk_touch_installed(addr, write, f);
	pk_fault_uninstall(&old);
	return 0;
}
