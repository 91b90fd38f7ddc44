// SPDX-License-Identifier: GPL-2.0-only
/* Pure bit logic of x86 PKRU values, key rights and their names. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "pkru.h"

/* SDM Vol. 1, 13.4.2: XSTATE_BV is the first 8 bytes of the XSAVE header at 512. */
#define XSAVE_HEADER_OFFSET 512
#define XFEATURE_PKRU	    9

static const struct {
	const char *name;
	unsigned int rights;
} rights_names[] = {
	{ "none", 0 },
	{ "disable-write", PK_RIGHTS_DISABLE_WRITE },
	{ "disable-access", PK_RIGHTS_DISABLE_ACCESS },
};

unsigned int pk_pkru_rights(uint32_t pkru, int key)
{
	return (pkru >> (2 * key)) & (PK_RIGHTS_DISABLE_ACCESS | PK_RIGHTS_DISABLE_WRITE);
}

uint32_t pk_pkru_with(uint32_t pkru, int key, unsigned int rights)
{
	pkru &= ~(PKRU_AD(key) | PKRU_WD(key));
	return pkru | (rights & (PK_RIGHTS_DISABLE_ACCESS | PK_RIGHTS_DISABLE_WRITE)) << (2 * key);
}

const char *pk_pkru_meaning(uint32_t pkru, int key)
{
	if (pkru & PKRU_AD(key))
		return "no access";
	return pkru & PKRU_WD(key) ? "read-only" : "read/write";
}

uint16_t pk_pkru_no_access(uint32_t pkru)
{
	uint16_t keys = 0;

	for (int k = 0; k < PK_NR_KEYS; k++)
		if (pkru & PKRU_AD(k))
			keys |= 1u << k;
	return keys;
}

uint16_t pk_pkru_read_only(uint32_t pkru)
{
	uint16_t keys = 0;

	for (int k = 0; k < PK_NR_KEYS; k++)
		if ((pkru & PKRU_WD(k)) && !(pkru & PKRU_AD(k)))
			keys |= 1u << k;
	return keys;
}

void pk_keys_format(uint16_t keys, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int k = 0; k < PK_NR_KEYS && used < len; k++) {
		int end = k;

		if (!(keys & (1u << k)))
			continue;
		while (end + 1 < PK_NR_KEYS && (keys & (1u << (end + 1))))
			end++;
		if (end > k)
			used += (size_t)snprintf(buf + used, len - used, "%s%d-%d", used ? "," : "",
						 k, end);
		else
			used += (size_t)snprintf(buf + used, len - used, "%s%d", used ? "," : "",
						 k);
		k = end;
	}
	if (!keys)
		snprintf(buf, len, "none");
}

int pk_rights_parse(const char *name, unsigned int *rights)
{
	for (size_t i = 0; i < sizeof(rights_names) / sizeof(rights_names[0]); i++)
		if (strcmp(name, rights_names[i].name) == 0) {
			*rights = rights_names[i].rights;
			return 0;
		}
	return -EINVAL;
}

const char *pk_rights_name(unsigned int rights)
{
	if (rights & PK_RIGHTS_DISABLE_ACCESS)
		return "disable-access";
	return rights & PK_RIGHTS_DISABLE_WRITE ? "disable-write" : "none";
}

const char *pk_rights_names(void)
{
	return "none, disable-write, disable-access";
}

int pk_xsave_pkru(const void *image, size_t len, uint32_t offset, uint32_t *pkru)
{
	const unsigned char *img = image;
	uint64_t xstate_bv;

	if (len < XSAVE_HEADER_OFFSET + sizeof(xstate_bv))
		return -EINVAL;
	memcpy(&xstate_bv, img + XSAVE_HEADER_OFFSET, sizeof(xstate_bv));
	if (!(xstate_bv & (1ull << XFEATURE_PKRU))) {
		*pkru = 0;
		return 0;
	}
	if (offset < XSAVE_HEADER_OFFSET + 64 || len < offset + sizeof(*pkru))
		return -EINVAL;
	memcpy(pkru, img + offset, sizeof(*pkru));
	return 0;
}
