/* SPDX-License-Identifier: GPL-2.0-only */
/* Test helpers: load the files under tests/fixtures/ (cmocka fails the test on error). */
#ifndef PK_TEST_FIXTURES_H
#define PK_TEST_FIXTURES_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arch/x86-cpuid.h"

#ifndef FIXTURES
#define FIXTURES "tests/fixtures"
#endif

/* The whole file FIXTURES/name, NUL-terminated; free() it. */
static inline char *fixture_text(const char *name)
{
	char path[512], *buf = NULL;
	size_t len = 0;
	FILE *f, *mem;
	int c;

	snprintf(path, sizeof(path), "%s/%s", FIXTURES, name);
	f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open fixture %s", path);
	mem = open_memstream(&buf, &len);
	assert_non_null(mem);
	while ((c = fgetc(f)) != EOF)
		fputc(c, mem);
	fclose(f);
	assert_int_equal(fclose(mem), 0);
	return buf;
}

/* A cpuid/ fixture: "leaf subleaf eax ebx ecx edx" lines, as pkeyctl reads them. */
static inline void fixture_leaves(const char *name, struct x86_leaves *l)
{
	char *text = fixture_text(name), *line, *save = NULL;

	memset(l, 0, sizeof(*l));
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		unsigned int leaf, sub, r[4];
		uint32_t *dst = NULL;

		if (line[0] == '#')
			continue;
		if (sscanf(line, "%x %x %x %x %x %x", &leaf, &sub, &r[0], &r[1], &r[2], &r[3]) != 6)
			fail_msg("%s: bad line '%s'", name, line);
		if (leaf == 0)
			dst = l->basic0;
		else if (leaf == 1)
			dst = l->basic1;
		else if (leaf == 7)
			dst = l->basic7;
		else if (leaf == X86_LEAF_XSTATE)
			dst = l->xstate_pkru;
		else if (leaf == X86_LEAF_HYPERVISOR)
			dst = l->hypervisor;
		else if (leaf == X86_LEAF_EXT0)
			dst = l->ext0;
		else if (leaf >= X86_LEAF_BRAND0 && leaf <= X86_LEAF_BRAND0 + 2)
			dst = l->brand[leaf - X86_LEAF_BRAND0];
		else
			fail_msg("%s: unexpected leaf 0x%x", name, leaf);
		memcpy(dst, r, sizeof(r));
	}
	free(text);
}

#endif
