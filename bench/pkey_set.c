// SPDX-License-Identifier: GPL-2.0-only
/* pkey_set: glibc's pkey_set(3), alternating allow and deny: RDPKRU, WRPKRU and checks. */
#include <sys/mman.h>

#include "bench.h"

static void run(struct pk_bench_run *r, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		pkey_set(r->key, i & 1 ? PKEY_DISABLE_ACCESS : 0);
}

const struct pk_bench bench_pkey_set = {
	.name = "pkey_set",
	.summary = "glibc pkey_set(3): allow, then deny, one key",
	.unsupported = pk_bench_needs_glibc_pkeys,
	.setup = pk_bench_key,
	.run = run,
	.teardown = pk_bench_release,
};
