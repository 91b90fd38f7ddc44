// SPDX-License-Identifier: GPL-2.0-only
/* Architectures pkeyctl does not drive yet: the hooks say "not available". */
#include <errno.h>
#include <string.h>
#include <sys/utsname.h>

#include "arch.h"

int arch_cpu_read(struct pk_cpu *cpu)
{
	static struct utsname u;

	memset(cpu, 0, sizeof(*cpu));
	cpu->arch = uname(&u) == 0 ? u.machine : "unknown";
	return 0;
}

int arch_read_pkru(uint32_t *pkru)
{
	(void)pkru;
	return -EOPNOTSUPP;
}

int arch_write_pkru(uint32_t pkru)
{
	(void)pkru;
	return -EOPNOTSUPP;
}

int arch_thread_pkru(int tid, uint32_t *pkru)
{
	(void)tid, (void)pkru;
	return -EOPNOTSUPP;
}

bool arch_ticks_available(void)
{
	return false;
}

uint64_t arch_ticks(void)
{
	return 0;
}

int arch_bench_rdpkru(uint64_t n)
{
	(void)n;
	return -EOPNOTSUPP;
}

int arch_bench_wrpkru(uint64_t n, uint32_t a, uint32_t b)
{
	(void)n, (void)a, (void)b;
	return -EOPNOTSUPP;
}
