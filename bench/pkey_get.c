// SPDX-License-Identifier: GPL-2.0-only
/* pkey_get: glibc's pkey_get(3), RDPKRU behind a call and a key check. */
#include <sys/mman.h>

#include "bench.h"

static const char *unsupported(const struct pk_bench_env *env)
{
	if (!env->glibc_wrappers)
		return "glibc has no pkey_get (before 2.27)";
	return pk_bench_needs_keys(env);
}

static int setup(struct pk_bench_run *r)
{
	return pk_bench_key(r);
}

static void run(struct pk_bench_run *r, uint64_t n)
{
	while (n--)
		pkey_get(r->key);
}

const struct pk_bench bench_pkey_get = {
	.name = "pkey_get",
	.summary = "glibc pkey_get(3) of one key",
	.unsupported = unsupported,
	.setup = setup,
	.run = run,
	.teardown = pk_bench_release,
};
