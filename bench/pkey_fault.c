// SPDX-License-Identifier: GPL-2.0-only
/* pkey_fault: a write under WD: the fault, SEGV_PKUERR delivery, siglongjmp, PKRU restored. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "arch/arch.h"
#include "bench.h"
#include "fault.h"
#include "pkru.h"
#include "sys.h"

static int setup(struct pk_bench_run *r)
{
	struct sigaction *old;
	int err = pk_bench_map(r, r->page);

	if (!err)
		err = pk_bench_key(r);
	if (!err)
		err = pk_sys_pkey_mprotect(r->mem, r->len, PROT_READ | PROT_WRITE, r->key);
	if (!err)
		err = arch_write_pkru(pk_pkru_with(r->allow, r->key, PK_RIGHTS_DISABLE_WRITE));
	if (err)
		return err;
	old = malloc(sizeof(*old));
	if (!old)
		return -ENOMEM;
	err = pk_fault_install(old);
	if (err) {
		free(old);
		return err;
	}
	r->extra = old;
	return 0;
}

static void run(struct pk_bench_run *r, uint64_t n)
{
	struct pk_fault f;

	while (n--)
		pk_touch_installed(r->mem, true, &f);
}

static void teardown(struct pk_bench_run *r)
{
	if (r->extra) {
		pk_fault_uninstall(r->extra);
		free(r->extra);
		r->extra = NULL;
	}
	pk_bench_release(r);
}

const struct pk_bench bench_pkey_fault = {
	.name = "pkey_fault",
	.summary = "a write under WD: fault, SEGV_PKUERR delivery, recovery",
	.unsupported = pk_bench_needs_keys,
	.setup = setup,
	.run = run,
	.teardown = teardown,
};
