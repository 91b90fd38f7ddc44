/* SPDX-License-Identifier: GPL-2.0-only */
/* The pkey system calls, called directly: 0 (or a key) on success, -errno on failure. */
#ifndef PK_SYS_H
#define PK_SYS_H

#include <stdbool.h>
#include <stddef.h>

int pk_sys_pkey_alloc(unsigned int flags, unsigned int rights);
int pk_sys_pkey_free(int key);
int pk_sys_pkey_mprotect(void *addr, size_t len, int prot, int key);

/* The running glibc's version string, e.g. "2.36". */
const char *pk_glibc_version(void);
/* Whether that glibc version has pkey_alloc() and friends (added in glibc 2.27). */
bool pk_glibc_has_pkey_wrappers(const char *version);

#endif
