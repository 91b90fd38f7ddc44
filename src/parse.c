// SPDX-License-Identifier: GPL-2.0-only
/* The one checked parser for numbers given on the command line or in scripts. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

int pk_parse_uint(const char *s, unsigned long long min, unsigned long long max,
		  unsigned long long *out)
{
	int base = 10;
	unsigned long long v;
	char *end;

	if (strncmp(s, "0x", 2) == 0 || strncmp(s, "0X", 2) == 0) {
		base = 16;
		s += 2;
	}
	/* strtoull() accepts blanks, signs and "-1" as a huge value: refuse them first. */
	if (!isxdigit((unsigned char)s[0]) || (base == 10 && !isdigit((unsigned char)s[0])))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, base);
	if (*end != '\0')
		return -EINVAL;
	if (errno == ERANGE || v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}
