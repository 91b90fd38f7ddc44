/* SPDX-License-Identifier: GPL-2.0-only */
/* The one checked parser for numbers given on the command line or in scripts. */
#ifndef PK_PARSE_H
#define PK_PARSE_H

/*
 * A whole string as an unsigned number, decimal or 0x-prefixed hex, in
 * [min, max]. 0; -EINVAL when it is not a number (empty, a sign, blanks,
 * trailing text); -ERANGE when it is one but out of range (overflow too).
 */
int pk_parse_uint(const char *s, unsigned long long min, unsigned long long max,
		  unsigned long long *out);

#endif
