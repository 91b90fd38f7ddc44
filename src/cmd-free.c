// SPDX-License-Identifier: GPL-2.0-only
/* pkeyctl free KEY...: script's free step from the command line. */
#include <errno.h>
#include <stdio.h>

#include "pkeyctl.h"
#include "pkru.h"
#include "session.h"

struct free_args {
	struct step steps[PK_NR_KEYS];
	int n;
};

static error_t free_parse(int key, char *arg, struct argp_state *state)
{
	struct free_args *a = state->input;
	unsigned long long k;
	int err;

	switch (key) {
	case ARGP_KEY_ARG:
		if (a->n == PK_NR_KEYS)
			return pk_usage_error(state, "too many keys");
		/* Key 0 is the default key: the kernel never hands it out, nor takes it back. */
		err = pk_arg_uint(state, "key", arg, 1, PK_NR_KEYS - 1, &k);
		if (err)
			return err;
		a->steps[a->n].op = STEP_FREE;
		snprintf(a->steps[a->n++].key, PK_NAME_MAX, "%llu", k);
		return 0;
	case ARGP_KEY_NO_ARGS:
		return pk_usage_error(state, "no key given");
	}
	return ARGP_ERR_UNKNOWN;
}

const struct argp cmd_free_argp = {
	NULL,
	free_parse,
	"KEY...",
	"Free protection keys of this process with pkey_free(2). Keys belong to the process "
	"that allocated them, and a freshly started pkeyctl owns none, so this reports each key "
	"as not allocated; to allocate and free within one process, use 'pkeyctl script'.\v"
	"Exit status: 0 freed, 1 a key was not allocated, 4 protection keys not usable here, "
	"64 a key outside 1-15.\n"
	"\n"
	"EXAMPLES\n"
	"  pkeyctl free 1\n"
	"  printf 'alloc k\\nfree k\\n' | pkeyctl script\n",
	NULL,
	NULL,
	NULL,
};

enum pk_status cmd_free(int argc, char **argv, struct pk_opts *opts)
{
	struct free_args a = { .n = 0 };
	enum pk_status st = pk_parse(&cmd_free_argp, argc, argv, &a, opts);
	struct pk_session *s;

	if (st != PK_OK)
		return st;
	st = pk_require_keys("free");
	if (st != PK_OK)
		return st;
	s = pk_session_new(opts, "free");
	if (!s) {
		pk_error("free", -ENOMEM, "cannot start");
		return PK_ENV_ERROR;
	}
	for (int i = 0; i < a.n && st == PK_OK; i++)
		st = pk_session_run(s, &a.steps[i], 0);
	pk_session_free(s);
	return st;
}
