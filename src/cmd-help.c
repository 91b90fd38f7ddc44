// SPDX-License-Identifier: GPL-2.0-only
/* pkeyctl help [COMMAND]: the same text as --help, on stdout. */
#include "pkeyctl.h"

struct help_args {
	const struct pk_cmd *cmd;
};

static error_t help_parse(int key, char *arg, struct argp_state *state)
{
	struct help_args *a = state->input;

	if (key != ARGP_KEY_ARG)
		return ARGP_ERR_UNKNOWN;
	if (a->cmd)
		return pk_usage_error(state, "unexpected argument '%s'", arg);
	a->cmd = pk_find_command(arg);
	if (!a->cmd)
		return pk_usage_error(state, "unknown command '%s'", arg);
	return 0;
}

const struct argp cmd_help_argp = {
	NULL,
	help_parse,
	"[COMMAND]",
	"Show the help of pkeyctl, or of one COMMAND.\v"
	"EXAMPLES\n"
	"  pkeyctl help\n"
	"  pkeyctl help probe\n",
	NULL,
	NULL,
	NULL,
};

enum pk_status cmd_help(int argc, char **argv, struct pk_opts *opts)
{
	struct help_args a = { NULL };
	enum pk_status st = pk_parse(&cmd_help_argp, argc, argv, &a, opts);
	char name[64];

	if (st != PK_OK)
		return st;
	if (!a.cmd) {
		pk_print_help(&pk_root_argp, "pkeyctl");
		return PK_OK;
	}
	snprintf(name, sizeof(name), "pkeyctl %s", a.cmd->name);
	pk_print_help(a.cmd->argp, name);
	return PK_OK;
}
