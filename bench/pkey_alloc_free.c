// SPDX-License-Identifier: GPL-2.0-only
/* pkey_alloc_free: one pkey_alloc(2) and one pkey_free(2), each under the mmap write lock. */
#include "arch/arch.h"
#include "bench.h"
#include "sys.h"

static int setup(struct pk_bench_run *r)
{
	/* pkey_alloc() rewrites the new key's PKRU bits: put PKRU back afterwards. */
	return arch_read_pkru(&r->pkru);
}

static void run(struct pk_bench_run *r, uint64_t n)
{
	(void)r;
	while (n--)
		pk_sys_pkey_free(pk_sys_pkey_alloc(0, 0));
}

static void teardown(struct pk_bench_run *r)
{
	arch_write_pkru(r->pkru);
}

const struct pk_bench bench_pkey_alloc_free = {
	.name = "pkey_alloc_free",
	.summary = "pkey_alloc(2) then pkey_free(2) of one key",
	.unsupported = pk_bench_needs_keys,
	.setup = setup,
	.run = run,
	.teardown = teardown,
};
