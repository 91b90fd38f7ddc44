// SPDX-License-Identifier: GPL-2.0-only
/* sweep_mprotect: one access switch of a populated region by mprotect(2), per region size. */
#include <sys/mman.h>

#include "bench.h"

static int setup(struct pk_bench_run *r)
{
	return pk_bench_map(r, r->region);
}

static void run(struct pk_bench_run *r, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		mprotect(r->mem, r->len, i & 1 ? PROT_READ | PROT_WRITE : PROT_NONE);
}

const struct pk_bench bench_sweep_mprotect = {
	.name = "sweep_mprotect",
	.summary = "switch access to a region by mprotect(2), 4 KiB to 64 MiB",
	.sweep = true,
	.setup = setup,
	.run = run,
	.teardown = pk_bench_release,
};
