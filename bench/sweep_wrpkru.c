// SPDX-License-Identifier: GPL-2.0-only
/* sweep_wrpkru: one access switch of a populated, key-tagged region by WRPKRU, per region size. */
#include <sys/mman.h>

#include "arch/arch.h"
#include "bench.h"
#include "sys.h"

static int setup(struct pk_bench_run *r)
{
	int err = pk_bench_map(r, r->region);

	if (!err)
		err = pk_bench_key(r);
	return err ? err : pk_sys_pkey_mprotect(r->mem, r->len, PROT_READ | PROT_WRITE, r->key);
}

static void run(struct pk_bench_run *r, uint64_t n)
{
	arch_bench_wrpkru(n, r->allow, r->deny);
}

const struct pk_bench bench_sweep_wrpkru = {
	.name = "sweep_wrpkru",
	.summary = "switch access to a key-tagged region by WRPKRU, 4 KiB to 64 MiB",
	.sweep = true,
	.unsupported = pk_bench_needs_keys,
	.setup = setup,
	.run = run,
	.teardown = pk_bench_release,
};
