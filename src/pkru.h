/* SPDX-License-Identifier: GPL-2.0-only */
/* Pure bit logic of x86 PKRU values, key rights and their names. */
#ifndef PK_PKRU_H
#define PK_PKRU_H

#include <stddef.h>
#include <stdint.h>

/* Intel SDM Vol. 3A, 4.6.2: 16 keys, two bits each. */
#define PK_NR_KEYS 16
#define PKRU_AD(k) (1u << (2 * (k)))	 /* access disable */
#define PKRU_WD(k) (1u << (2 * (k) + 1)) /* write disable */

/* The kernel's init_pkru_value: AD for keys 1-15, what execve() leaves (pkeys(7)). */
#define PKRU_INIT 0x55555554u

/* Key rights as pkey_alloc(2) and pkey_set(3) take them: PKEY_DISABLE_* bits. */
#define PK_RIGHTS_DISABLE_ACCESS 0x1u
#define PK_RIGHTS_DISABLE_WRITE	 0x2u

/* The rights PKRU gives key. */
unsigned int pk_pkru_rights(uint32_t pkru, int key);
/* pkru with key's two bits replaced by rights. */
uint32_t pk_pkru_with(uint32_t pkru, int key, unsigned int rights);
/* What key allows: "read/write", "read-only" or "no access". */
const char *pk_pkru_meaning(uint32_t pkru, int key);

/* Keys whose PKRU bits match: which disallow access (AD), which only writes (WD, not AD). */
uint16_t pk_pkru_no_access(uint32_t pkru);
uint16_t pk_pkru_read_only(uint32_t pkru);
/* A set of keys as ranges, "1-3,5", or "none". */
void pk_keys_format(uint16_t keys, char *buf, size_t len);

/* Rights by name: none, disable-write, disable-access. 0, or -EINVAL. */
int pk_rights_parse(const char *name, unsigned int *rights);
/* The name of rights; "disable-access" when both bits are set (no access either way). */
const char *pk_rights_name(unsigned int rights);
/* "none, disable-write, disable-access", for messages. */
const char *pk_rights_names(void);

/*
 * PKRU from a standard-format XSAVE image (ptrace NT_X86_XSTATE) whose PKRU
 * component is at offset (CPUID.(0xD,9).EBX). XSTATE_BV (byte 512) bit 9
 * clear means PKRU is in its init state, 0, whatever the bytes hold (SDM
 * Vol. 1, 13.6). 0, or -EINVAL when the image is too short to say.
 */
int pk_xsave_pkru(const void *image, size_t len, uint32_t offset, uint32_t *pkru);

#endif
