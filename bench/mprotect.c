// SPDX-License-Identifier: GPL-2.0-only
/* mprotect: toggling one page between read/write and no access, the classic way. */
#include "bench.h"

static int setup(struct pk_bench_run *r)
{
	return pk_bench_map(r, r->page);
}

const struct pk_bench bench_mprotect = {
	.name = "mprotect",
	.summary = "mprotect(2) of one page: no access, then read/write",
	.setup = setup,
	.run = pk_bench_mprotect_toggle,
	.teardown = pk_bench_release,
};
