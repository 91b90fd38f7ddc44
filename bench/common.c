// SPDX-License-Identifier: GPL-2.0-only
/* What the benchmarks share: the keys check, mapped memory, a key, and undoing both. */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "arch/arch.h"
#include "bench.h"
#include "pkru.h"
#include "sys.h"

const char *pk_bench_needs_keys(const struct pk_bench_env *env)
{
	return env->keys_usable ? NULL : env->keys_reason;
}

const char *pk_bench_needs_glibc_pkeys(const struct pk_bench_env *env)
{
	if (!env->glibc_wrappers)
		return "glibc has no pkey_get/pkey_set (before 2.27)";
	return pk_bench_needs_keys(env);
}

void pk_bench_mprotect_toggle(struct pk_bench_run *r, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		mprotect(r->mem, r->len, i & 1 ? PROT_READ | PROT_WRITE : PROT_NONE);
}

int pk_bench_map(struct pk_bench_run *r, size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return -errno;
	/* Populated, so that mprotect() has page-table entries to change, as in real use. */
	for (size_t off = 0; off < len; off += r->page)
		((volatile char *)p)[off] = 1;
	r->mem = p;
	r->len = len;
	return 0;
}

int pk_bench_key(struct pk_bench_run *r)
{
	int err = arch_read_pkru(&r->pkru);

	if (err)
		return err;
	r->key = pk_sys_pkey_alloc(0, 0);
	if (r->key < 0)
		return r->key;
	arch_read_pkru(&r->allow);
	r->deny = pk_pkru_with(r->allow, r->key, PK_RIGHTS_DISABLE_ACCESS);
	return 0;
}

void pk_bench_release(struct pk_bench_run *r)
{
	if (r->key >= 0) {
		arch_write_pkru(r->pkru);
		pk_sys_pkey_free(r->key);
		r->key = -1;
	}
	if (r->mem) {
		munmap(r->mem, r->len);
		r->mem = NULL;
	}
}
