// SPDX-License-Identifier: GPL-2.0-only
/* Pure: the pkeyctl script language, one step per line, parsed into a struct. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"
#include "pkru.h"
#include "script.h"

/* What each step takes: its arguments, required then optional. */
enum arg { A_NONE, A_KEY, A_RIGHTS, A_REGION, A_PAGES, A_EXPECT, A_MS };

static const struct {
	const char *name;
	enum step_op op;
	enum arg args[2];
	int required;
} steps[] = {
	{ "alloc", STEP_ALLOC, { A_KEY, A_RIGHTS }, 1 },
	{ "free", STEP_FREE, { A_KEY, A_NONE }, 1 },
	{ "set", STEP_SET, { A_KEY, A_RIGHTS }, 2 },
	{ "get", STEP_GET, { A_KEY, A_NONE }, 1 },
	{ "map", STEP_MAP, { A_REGION, A_PAGES }, 1 },
	{ "tag", STEP_TAG, { A_REGION, A_KEY }, 2 },
	{ "read", STEP_READ, { A_REGION, A_EXPECT }, 1 },
	{ "write", STEP_WRITE, { A_REGION, A_EXPECT }, 1 },
	{ "pkru", STEP_PKRU, { A_NONE, A_NONE }, 0 },
	{ "sleep", STEP_SLEEP, { A_MS, A_NONE }, 1 },
};

const char *pk_step_name(enum step_op op)
{
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (steps[i].op == op)
			return steps[i].name;
	return "nothing";
}

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static bool is_name(const char *s)
{
	if (strlen(s) >= PK_NAME_MAX || (!isalpha((unsigned char)s[0]) && s[0] != '_'))
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

static int parse_arg(enum arg a, const char *w, struct step *st, char *err, size_t errlen)
{
	unsigned long long n;

	switch (a) {
	case A_KEY:
		if (!is_name(w) && pk_parse_uint(w, 0, PK_NR_KEYS - 1, &n))
			return fail(err, errlen, "bad key '%s': a name or a key number 0-%d", w,
				    PK_NR_KEYS - 1);
		snprintf(st->key, sizeof(st->key), "%s", w);
		return 0;
	case A_REGION:
		if (!is_name(w))
			return fail(err, errlen, "bad region name '%s'", w);
		snprintf(st->region, sizeof(st->region), "%s", w);
		return 0;
	case A_RIGHTS:
		if (pk_rights_parse(w, &st->rights))
			return fail(err, errlen, "unknown rights '%s' (expected %s)", w,
				    pk_rights_names());
		return 0;
	case A_PAGES:
		if (pk_parse_uint(w, 1, PK_MAX_PAGES, &st->num))
			return fail(err, errlen, "bad page count '%s': 1-%llu", w, PK_MAX_PAGES);
		return 0;
	case A_MS:
		if (pk_parse_uint(w, 0, PK_MAX_SLEEP_MS, &st->num))
			return fail(err, errlen, "bad milliseconds '%s': 0-%llu", w,
				    PK_MAX_SLEEP_MS);
		return 0;
	case A_EXPECT:
		if (strcmp(w, "ok") == 0)
			st->expect = EXPECT_OK;
		else if (strcmp(w, "fault") == 0)
			st->expect = EXPECT_FAULT;
		else
			return fail(err, errlen, "bad expectation '%s' (expected ok or fault)", w);
		return 0;
	case A_NONE:
		break;
	}
	return fail(err, errlen, "too many arguments");
}

int pk_script_parse(const char *line, struct step *st, char *err, size_t errlen)
{
	char buf[256], *words[4], *save = NULL, *w;
	int n = 0;

	memset(st, 0, sizeof(*st));
	st->num = 1;
	if (strlen(line) >= sizeof(buf))
		return fail(err, errlen, "line too long");
	snprintf(buf, sizeof(buf), "%s", line);
	/* A comment runs from '#' to the end of the line. */
	if ((w = strchr(buf, '#')))
		*w = '\0';
	for (w = strtok_r(buf, " \t\r\n", &save); w; w = strtok_r(NULL, " \t\r\n", &save)) {
		if (n == 4)
			return fail(err, errlen, "too many arguments");
		words[n++] = w;
	}
	if (n == 0)
		return 0;
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		if (strcmp(words[0], steps[i].name) != 0)
			continue;
		if (n - 1 < steps[i].required)
			return fail(err, errlen, "%s: missing argument", steps[i].name);
		if (n - 1 > 2 || (n - 1 == 2 && steps[i].args[1] == A_NONE) ||
		    (n - 1 == 1 && steps[i].args[0] == A_NONE))
			return fail(err, errlen, "%s: too many arguments", steps[i].name);
		st->op = steps[i].op;
		for (int a = 1; a < n; a++)
			if (parse_arg(steps[i].args[a - 1], words[a], st, err, errlen))
				return -EINVAL;
		return 0;
	}
	return fail(err, errlen, "unknown step '%s'", words[0]);
}
