// SPDX-License-Identifier: GPL-2.0-only
/* pkey_get: glibc's pkey_get(3), RDPKRU behind a call and a key check. */
#include <sys/mman.h>

#include "bench.h"

static void run(struct pk_bench_run *r, uint64_t n)
{
	while (n--)
		pkey_get(r->key);
}

const struct pk_bench bench_pkey_get = {
	.name = "pkey_get",
	.summary = "glibc pkey_get(3) of one key",
	.unsupported = pk_bench_needs_glibc_pkeys,
	.setup = pk_bench_key,
	.run = run,
	.teardown = pk_bench_release,
};
