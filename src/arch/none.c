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
