// SPDX-License-Identifier: GPL-2.0-only
/* wrpkru: a domain switch, WRPKRU alternating allow and deny of one key. */
#include "arch/arch.h"
#include "bench.h"

static void run(struct pk_bench_run *r, uint64_t n)
{
	arch_bench_wrpkru(n, r->allow, r->deny);
}

const struct pk_bench bench_wrpkru = {
	.name = "wrpkru",
	.summary = "WRPKRU: allow, then deny, one key (a domain switch each)",
	.unsupported = pk_bench_needs_keys,
	.setup = pk_bench_key,
	.run = run,
	.teardown = pk_bench_release,
};
