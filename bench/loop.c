// SPDX-License-Identifier: GPL-2.0-only
/* loop: the empty timed loop, the baseline the harness subtracts from every other benchmark. */
#include <stdatomic.h>

#include "bench.h"

static void run(struct pk_bench_run *r, uint64_t n)
{
	(void)r;
	/* A compiler barrier per iteration: the loop stays a loop, with no instruction added. */
	for (uint64_t i = 0; i < n; i++)
		atomic_signal_fence(memory_order_seq_cst);
}

const struct pk_bench bench_loop = {
	.name = "loop",
	.summary = "the empty timed loop (baseline; subtracted from the others)",
	.run = run,
};
