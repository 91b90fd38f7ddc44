// SPDX-License-Identifier: GPL-2.0-only
/* getppid: a null system call, the baseline for pkey_alloc/pkey_free and mprotect. */
#include <unistd.h>

#include "bench.h"

static void run(struct pk_bench_run *r, uint64_t n)
{
	(void)r;
	/* glibc does not cache getppid(): each call enters the kernel (perf bench syscall basic).
	 */
	while (n--)
		getppid();
}

const struct pk_bench bench_getppid = {
	.name = "getppid",
	.summary = "a null system call (baseline)",
	.run = run,
};
