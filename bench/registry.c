// SPDX-License-Identifier: GPL-2.0-only
/* The benchmark registry: a benchmark is its file plus one line here. */
#include "bench.h"

const struct pk_bench *const pk_benches[] = {
	&bench_loop,
	&bench_getppid,
	&bench_rdpkru,
	&bench_wrpkru,
	&bench_pkey_get,
	&bench_pkey_set,
	&bench_pkey_alloc_free,
	&bench_pkey_mprotect,
	&bench_mprotect,
	&bench_pkey_fault,
	&bench_sweep_mprotect,
	&bench_sweep_wrpkru,
	NULL,
};

#define KIB 1024u
#define MIB (1024u * 1024u)

/* One page up to 64 MiB, by fours; the quick sweep keeps both ends and the middle. */
const size_t pk_sweep_sizes[] = { 4 * KIB, 16 * KIB, 64 * KIB, 256 * KIB, 1 * MIB,
				  4 * MIB, 16 * MIB, 64 * MIB, 0 };
const size_t pk_sweep_sizes_quick[] = { 4 * KIB, 1 * MIB, 64 * MIB, 0 };
