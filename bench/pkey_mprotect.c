// SPDX-License-Identifier: GPL-2.0-only
/* pkey_mprotect: toggling one page between read/write and no access, with a key. */
#include <sys/mman.h>

#include "bench.h"
#include "sys.h"

static int setup(struct pk_bench_run *r)
{
	int err = pk_bench_map(r, r->page);

	return err ? err : pk_bench_key(r);
}

static void run(struct pk_bench_run *r, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		pk_sys_pkey_mprotect(r->mem, r->len, i & 1 ? PROT_READ | PROT_WRITE : PROT_NONE,
				     r->key);
}

const struct pk_bench bench_pkey_mprotect = {
	.name = "pkey_mprotect",
	.summary = "pkey_mprotect(2) of one page: no access, then read/write",
	.unsupported = pk_bench_needs_keys,
	.setup = setup,
	.run = run,
	.teardown = pk_bench_release,
};
