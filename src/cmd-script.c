// SPDX-License-Identifier: GPL-2.0-only
/* pkeyctl script: a sequence of key steps in one process (keys and PKRU are per process). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pkeyctl.h"
#include "session.h"

#define PK_MAX_STEPS 10000

struct script_args {
	const char *file;
};

static error_t script_parse_opt(int key, char *arg, struct argp_state *state)
{
	struct script_args *a = state->input;

	if (key != ARGP_KEY_ARG)
		return ARGP_ERR_UNKNOWN;
	if (a->file)
		return pk_usage_error(state, "unexpected argument '%s'", arg);
	a->file = arg;
	return 0;
}

const struct argp cmd_script_argp = {
	NULL,
	script_parse_opt,
	"[FILE|-]",
	"Run a sequence of protection-key steps in one process, one step per line, from FILE or "
	"standard input. Each step prints one result line (with --json, one JSON object per "
	"line). The whole script is checked before the first step runs; a failing step names "
	"its line and stops the script.\v"
	"Steps (KEY: a name given by alloc, or a key number; REGION: a name given by map):\n"
	"  alloc KEY [RIGHTS]      allocate a key (RIGHTS: none, disable-write, disable-access)\n"
	"  free KEY                free it\n"
	"  set KEY RIGHTS          set its rights in this thread's PKRU (WRPKRU)\n"
	"  get KEY                 its rights, read from PKRU\n"
	"  map REGION [PAGES]      map PAGES (default 1) anonymous read/write pages\n"
	"  tag REGION KEY          pkey_mprotect(2) the region, read/write, with KEY\n"
	"  read REGION [ok|fault]  read each page; report a fault with si_code and si_pkey\n"
	"  write REGION [ok|fault] write each page; likewise (ok/fault: what must happen)\n"
	"  pkru                    show PKRU\n"
	"  sleep MS                sleep MS milliseconds\n"
	"  # comment\n"
	"\n"
	"Exit status: 0 every step ran, 1 a step failed or an expectation was not met, 2 the "
	"script could not be read, 3 out of keys, 4 protection keys not usable here, 64 a bad "
	"line.\n"
	"\n"
	"EXAMPLES\n"
	"  printf 'alloc k disable-write\\nmap r\\ntag r k\\nwrite r fault\\nset k none\\n"
	"write r ok\\nfree k\\n' | pkeyctl script\n"
	"  pkeyctl script --json steps.pk\n",
	NULL,
	NULL,
	NULL,
};

#define PK_MAX_NAMES 64

/* Whether name is in the first n of names; its index, or -1. */
static int name_index(char names[][PK_NAME_MAX], int n, const char *name)
{
	for (int i = 0; name[0] && i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

/*
 * Check the names before running anything: a key or region is used only
 * after alloc or map gave it, and key 0's rights are never set. 0, or
 * -EINVAL with what is wrong in err.
 */
static int check_step(const struct step *st, char keys[][PK_NAME_MAX], int *nkeys,
		      char regions[][PK_NAME_MAX], int *nregions, char *err, size_t errlen)
{
	bool numbered = st->key[0] >= '0' && st->key[0] <= '9';
	int k = name_index(keys, *nkeys, st->key);
	int r = name_index(regions, *nregions, st->region);
	const char *why = NULL;

	if (st->op == STEP_ALLOC && numbered)
		why = "alloc takes a name, not a key number";
	else if (st->op == STEP_ALLOC && k >= 0)
		why = "key '%s' is already allocated";
	else if (st->op != STEP_ALLOC && st->key[0] && !numbered && k < 0)
		why = "no key named '%s' at this point";
	else if (st->op == STEP_SET && numbered && strcmp(st->key, "0") == 0)
		why = "key %s's rights are never changed";
	else if (st->op == STEP_MAP && r >= 0)
		why = "region '%s' is already mapped";
	else if (st->op != STEP_MAP && st->region[0] && r < 0)
		why = "no region named '%s' at this point";
	else if ((st->op == STEP_ALLOC && *nkeys == PK_MAX_NAMES) ||
		 (st->op == STEP_MAP && *nregions == PK_MAX_NAMES))
		why = "more than 64 names of one kind";
	if (why) {
		/* Each message names the one thing it is about: a region if it says so, else the
		 * key. */
		snprintf(err, errlen, why, strstr(why, "region") ? st->region : st->key);
		return -EINVAL;
	}
	if (st->op == STEP_ALLOC)
		memcpy(keys[(*nkeys)++], st->key, PK_NAME_MAX);
	if (st->op == STEP_FREE && k >= 0)
		memcpy(keys[k], keys[--(*nkeys)], PK_NAME_MAX);
	if (st->op == STEP_MAP)
		memcpy(regions[(*nregions)++], st->region, PK_NAME_MAX);
	return 0;
}

/* Read and parse the whole script. The steps, or an exit status with the reason on stderr. */
static enum pk_status load(const char *file, struct step **steps, int *n)
{
	FILE *f = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
	enum pk_status st = PK_OK;
	char *line = NULL, err[160];
	char keys[PK_MAX_NAMES][PK_NAME_MAX], regions[PK_MAX_NAMES][PK_NAME_MAX];
	size_t cap = 0;
	int nkeys = 0, nregions = 0;

	*n = 0;
	if (!f) {
		pk_error("script", -errno, "cannot open %s", file);
		return PK_ENV_ERROR;
	}
	*steps = calloc(PK_MAX_STEPS, sizeof(**steps));
	if (!*steps) {
		pk_error("script", -ENOMEM, "cannot load %s", file);
		st = PK_ENV_ERROR;
	}
	while (st == PK_OK && getline(&line, &cap, f) >= 0) {
		if (*n == PK_MAX_STEPS) {
			pk_error("script", 0, "%s: more than %d lines", file, PK_MAX_STEPS);
			st = PK_USAGE;
		} else if (pk_script_parse(line, &(*steps)[*n], err, sizeof(err))) {
			pk_error("script", 0, "line %d: %s", *n + 1, err);
			st = PK_USAGE;
		} else {
			(*n)++;
		}
	}
	if (st == PK_OK && ferror(f)) {
		pk_error("script", -EIO, "cannot read %s", file);
		st = PK_ENV_ERROR;
	}
	free(line);
	if (f != stdin)
		fclose(f);
	for (int i = 0; st == PK_OK && i < *n; i++) {
		if (check_step(&(*steps)[i], keys, &nkeys, regions, &nregions, err, sizeof(err))) {
			pk_error("script", 0, "line %d: %s", i + 1, err);
			st = PK_USAGE;
		}
	}
	if (st != PK_OK) {
		free(*steps);
		*steps = NULL;
	}
	return st;
}

enum pk_status cmd_script(int argc, char **argv, struct pk_opts *opts)
{
	struct script_args a = { NULL };
	enum pk_status st = pk_parse(&cmd_script_argp, argc, argv, &a, opts);
	struct pk_session *s;
	struct step *steps;
	int n;

	if (st != PK_OK)
		return st;
	st = load(a.file ? a.file : "-", &steps, &n);
	if (st != PK_OK)
		return st;
	st = pk_require_keys("script");
	s = st == PK_OK ? pk_session_new(opts, "script") : NULL;
	if (st == PK_OK && !s) {
		pk_error("script", -ENOMEM, "cannot start");
		st = PK_ENV_ERROR;
	}
	for (int i = 0; i < n && st == PK_OK; i++)
		st = pk_session_run(s, &steps[i], i + 1);
	pk_session_free(s);
	free(steps);
	return st;
}
