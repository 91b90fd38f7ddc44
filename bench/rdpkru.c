// SPDX-License-Identifier: GPL-2.0-only
/* rdpkru: reading this thread's PKRU. */
#include "arch/arch.h"
#include "bench.h"

static void run(struct pk_bench_run *r, uint64_t n)
{
	(void)r;
	arch_bench_rdpkru(n);
}

const struct pk_bench bench_rdpkru = {
	.name = "rdpkru",
	.summary = "RDPKRU: read PKRU",
	.unsupported = pk_bench_needs_keys,
	.run = run,
};
