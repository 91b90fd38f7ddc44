// SPDX-License-Identifier: GPL-2.0-only
/* sweep_mprotect: one access switch of a populated region by mprotect(2), per region size. */
#include "bench.h"

static int setup(struct pk_bench_run *r)
{
	return pk_bench_map(r, r->region);
}

const struct pk_bench bench_sweep_mprotect = {
	.name = "sweep_mprotect",
	.summary = "switch access to a region by mprotect(2), 4 KiB to 64 MiB",
	.sweep = true,
	.setup = setup,
	.run = pk_bench_mprotect_toggle,
	.teardown = pk_bench_release,
};
