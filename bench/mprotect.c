// SPDX-License-Identifier: GPL-2.0-only
/* mprotect: toggling one page between read/write and no access, the classic way. */
#include <sys/mman.h>

#include "bench.h"

static int setup(struct pk_bench_run *r)
{
	return pk_bench_map(r, r->page);
}

static void run(struct pk_bench_run *r, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		mprotect(r->mem, r->len, i & 1 ? PROT_READ | PROT_WRITE : PROT_NONE);
}

const struct pk_bench bench_mprotect = {
	.name = "mprotect",
	.summary = "mprotect(2) of one page: no access, then read/write",
	.setup = setup,
	.run = run,
	.teardown = pk_bench_release,
};
