/* SPDX-License-Identifier: GPL-2.0-only */
/* The benchmark record: one file per benchmark, one line in registry.c. */
#ifndef PK_BENCH_H
#define PK_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What the machine offers, for the benchmarks to say whether they can run here. */
struct pk_bench_env {
	bool keys_usable;	 /* the probe's verdict */
	const char *keys_reason; /* its reason id when not usable */
	bool glibc_wrappers;	 /* pkey_get()/pkey_set() exist */
};

/* One run of one benchmark: its state between setup, the hot loop and teardown. */
struct pk_bench_run {
	size_t region;	      /* bytes, for region sweeps; 0 otherwise */
	size_t page;	      /* the page size */
	void *mem;	      /* memory the benchmark mapped */
	size_t len;	      /* its length */
	int key;	      /* a key the benchmark allocated, or -1 */
	uint32_t pkru;	      /* PKRU before the run, restored at teardown */
	uint32_t allow, deny; /* the two PKRU values a switch alternates between */
	void *extra;	      /* anything else the benchmark keeps */
};

struct pk_bench {
	const char *name;
	const char *summary;
	/* Run once per region size (pk_sweep_sizes) rather than once. */
	bool sweep;
	/* NULL when it can run here, else why not (never run, so never a SIGILL). */
	const char *(*unsupported)(const struct pk_bench_env *env);
	/* Outside the timing: 0, or -errno (the benchmark is then reported as failed). */
	int (*setup)(struct pk_bench_run *r);
	/* The hot loop: n operations, nothing else. */
	void (*run)(struct pk_bench_run *r, uint64_t n);
	void (*teardown)(struct pk_bench_run *r);
};

/* The registry: every benchmark, in the order they run and print; NULL-terminated. */
extern const struct pk_bench *const pk_benches[];

/* Region sizes of a sweep: the full list, and the --quick one; 0-terminated. */
extern const size_t pk_sweep_sizes[];
extern const size_t pk_sweep_sizes_quick[];

/* Helpers the benchmarks share (common.c). */
const char *pk_bench_needs_keys(const struct pk_bench_env *env);
/* The same, and glibc's pkey_get()/pkey_set() (2.27 and later). */
const char *pk_bench_needs_glibc_pkeys(const struct pk_bench_env *env);
/* The hot loop of mprotect and sweep_mprotect: no access, then read/write, of r->mem. */
void pk_bench_mprotect_toggle(struct pk_bench_run *r, uint64_t n);
/* Map len bytes read/write and touch every page, so that page tables are populated. */
int pk_bench_map(struct pk_bench_run *r, size_t len);
/* Allocate a key with rights 0 and note PKRU: allow = as now, deny = the key access-disabled. */
int pk_bench_key(struct pk_bench_run *r);
/* Undo what pk_bench_map and pk_bench_key did: PKRU back, key freed, memory unmapped. */
void pk_bench_release(struct pk_bench_run *r);

#define PK_BENCH(id) extern const struct pk_bench bench_##id

PK_BENCH(loop);
PK_BENCH(getppid);
PK_BENCH(rdpkru);
PK_BENCH(wrpkru);
PK_BENCH(pkey_get);
PK_BENCH(pkey_set);
PK_BENCH(pkey_alloc_free);
PK_BENCH(pkey_mprotect);
PK_BENCH(mprotect);
PK_BENCH(pkey_fault);
PK_BENCH(sweep_mprotect);
PK_BENCH(sweep_wrpkru);

#endif
