// SPDX-License-Identifier: GPL-2.0-only
/* The pkey system calls, called directly so pkeyctl does not depend on glibc's wrappers. */
#include <errno.h>
#include <gnu/libc-version.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sys.h"

/* Since Linux 4.9; a libc too old to name them gets ENOSYS, like the kernel would give. */
static long pk_syscall_ret(long r)
{
	return r < 0 ? -errno : r;
}

int pk_sys_pkey_alloc(unsigned int flags, unsigned int rights)
{
#ifdef SYS_pkey_alloc
	return (int)pk_syscall_ret(syscall(SYS_pkey_alloc, flags, rights));
#else
	(void)flags, (void)rights;
	return -ENOSYS;
#endif
}

int pk_sys_pkey_free(int key)
{
#ifdef SYS_pkey_free
	return (int)pk_syscall_ret(syscall(SYS_pkey_free, key));
#else
	(void)key;
	return -ENOSYS;
#endif
}

int pk_sys_pkey_mprotect(void *addr, size_t len, int prot, int key)
{
#ifdef SYS_pkey_mprotect
	return (int)pk_syscall_ret(syscall(SYS_pkey_mprotect, addr, len, prot, key));
#else
	(void)addr, (void)len, (void)prot, (void)key;
	return -ENOSYS;
#endif
}

const char *pk_glibc_version(void)
{
	return gnu_get_libc_version();
}

bool pk_glibc_has_pkey_wrappers(const char *version)
{
	unsigned int major, minor;

	/* pkey_alloc(2), VERSIONS: "glibc 2.27". */
	if (sscanf(version, "%u.%u", &major, &minor) != 2)
		return false;
	return major > 2 || (major == 2 && minor >= 27);
}
