// SPDX-License-Identifier: GPL-2.0-only
/* Entry point: global options, the command table, and the one map from results to exit codes. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "parse.h"
#include "pkeyctl.h"

const char *argp_program_version = "pkeyctl " PKEYCTL_VERSION;

/* The command table: a command is its cmd-NAME.c file plus one line here. */
const struct pk_cmd pk_commands[] = {
	{ "probe", "tell whether protection keys are usable here, and why", &cmd_probe_argp,
	  cmd_probe },
	{ "alloc", "allocate protection keys and show PKRU before and after", &cmd_alloc_argp,
	  cmd_alloc },
	{ "free", "free keys (a new process owns none: see script)", &cmd_free_argp, cmd_free },
	{ "script", "run a sequence of key steps in one process", &cmd_script_argp, cmd_script },
	{ "pkru", "show PKRU: this thread's, another process's, or a value", &cmd_pkru_argp,
	  cmd_pkru },
	{ "maps", "show which memory carries which protection key", &cmd_maps_argp, cmd_maps },
	{ "check", "test that the kernel enforces protection keys", &cmd_check_argp, cmd_check },
	{ "bench", "measure what protection keys cost, with statistics and charts", &cmd_bench_argp,
	  cmd_bench },
	{ "plot", "chart saved bench results, or compare two runs", &cmd_plot_argp, cmd_plot },
	{ "help", "show help for pkeyctl or one command", &cmd_help_argp, cmd_help },
	{ NULL, NULL, NULL, NULL },
};

const struct pk_cmd *pk_find_command(const char *name)
{
	/* Exact names only: a prefix that matches today breaks scripts tomorrow. */
	for (const struct pk_cmd *c = pk_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/* Exit codes are part of the interface: see EXIT STATUS in pkeyctl(1). */
static int pk_exit_code(enum pk_status st)
{
	switch (st) {
	case PK_OK:
		return 0;
	case PK_FAILED:
		return 1;
	case PK_ENV_ERROR:
		return 2;
	case PK_NO_KEYS:
		return 3;
	case PK_UNSUPPORTED:
		return 4;
	case PK_USAGE:
		return EX_USAGE;
	}
	return 2;
}

int pk_usage_error(const struct argp_state *state, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", state->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EX_USAGE;
}

enum pk_status pk_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "pkeyctl %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return PK_USAGE;
}

int pk_arg_uint(const struct argp_state *state, const char *what, const char *arg,
		unsigned long long min, unsigned long long max, unsigned long long *out)
{
	int err = pk_parse_uint(arg, min, max, out);

	if (err == -EINVAL)
		return pk_usage_error(state, "invalid %s '%s': not a number", what, arg);
	if (err)
		return pk_usage_error(state, "%s '%s' out of range (%llu-%llu)", what, arg, min,
				      max);
	return 0;
}

void pk_error(const char *cmd, int err, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "pkeyctl: %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (err < 0)
		fprintf(stderr, ": %s", strerror(-err));
	fputc('\n', stderr);
}

/* --quiet wins over any --format: the document is built and dropped. */
static enum out_format format_of(const struct pk_opts *opts)
{
	return opts->quiet ? OUT_NONE : opts->format;
}

struct out *pk_out_new(const struct pk_opts *opts, const char *cmd)
{
	return out_new(format_of(opts), cmd);
}

struct out *pk_out_new_record(const struct pk_opts *opts, const char *cmd)
{
	return out_new_record(format_of(opts), cmd);
}

/* Why a write to stdout failed, for close_stdout() to say once. */
static int stdout_errno;

enum pk_status pk_emit(struct out *o, const char *cmd)
{
	int err = out_finish(o, stdout);

	/* A failed write leaves stdout's error flag set; close_stdout() reports it. */
	if (err && ferror(stdout))
		stdout_errno = -err;
	else if (err)
		pk_error(cmd, err, "cannot build the output");
	return err ? PK_ENV_ERROR : PK_OK;
}

enum { OPT_FORMAT = 0x100, OPT_CSV };

static const struct argp_option global_options[] = {
	{ NULL, 0, NULL, 0, "Global options:", -1 },
	{ "format", OPT_FORMAT, "FORMAT", 0, "output format: text (default), json or csv (tables)",
	  -1 },
	{ "json", 'j', NULL, 0, "same as --format=json", -1 },
	{ "csv", OPT_CSV, NULL, 0, "same as --format=csv", -1 },
	{ "quiet", 'q', NULL, 0, "print nothing; only the exit status tells", -1 },
	{ 0 },
};

static error_t global_parse(int key, char *arg, struct argp_state *state)
{
	struct pk_opts *opts = state->input;
	int err;

	switch (key) {
	case OPT_FORMAT:
		err = out_format_parse(arg, &opts->format);
		if (err)
			return pk_usage_error(state, "unknown format '%s' (expected %s)", arg,
					      out_format_names());
		return 0;
	case 'j':
		opts->format = OUT_JSON;
		return 0;
	case OPT_CSV:
		opts->format = OUT_CSV;
		return 0;
	case 'q':
		opts->quiet = true;
		return 0;
	case ARGP_KEY_ARG:
		/* Reached only when the command's own parser took no arguments. */
		return pk_usage_error(state, "unexpected argument '%s'", arg);
	}
	return ARGP_ERR_UNKNOWN;
}

static const struct argp global_argp = {
	global_options, global_parse, NULL, NULL, NULL, NULL, NULL
};

struct parse_ctx {
	void *input;
	struct pk_opts *opts;
};

static error_t wrap_parse(int key, char *arg, struct argp_state *state)
{
	struct parse_ctx *ctx = state->input;

	(void)arg;
	if (key == ARGP_KEY_INIT) {
		state->child_inputs[0] = ctx->input;
		state->child_inputs[1] = ctx->opts;
		/*
		 * getopt already said what was wrong in one line; without a
		 * stream argp adds no second "Try --help" line and does not
		 * exit, so pk_parse returns and main.c picks the exit code.
		 */
		state->err_stream = NULL;
	}
	return ARGP_ERR_UNKNOWN;
}

static error_t parse(const struct argp *argp, int argc, char **argv, unsigned int flags,
		     void *input, struct pk_opts *opts)
{
	struct argp_child kids[3] = { { argp, 0, NULL, 0 }, { &global_argp, 0, NULL, 0 } };
	/* argp's own wrapping trick: a level above whose children are the command and the globals.
	 */
	const struct argp top = { NULL, wrap_parse, NULL, NULL, kids, NULL, NULL };
	struct parse_ctx ctx = { input, opts };

	return argp_parse(&top, argc, argv, flags | ARGP_IN_ORDER, NULL, &ctx);
}

enum pk_status pk_parse(const struct argp *argp, int argc, char **argv, void *input,
			struct pk_opts *opts)
{
	return parse(argp, argc, argv, 0, input, opts) ? PK_USAGE : PK_OK;
}

void pk_print_help(const struct argp *argp, const char *name)
{
	/* Through argp_parse, so the text is exactly what --help prints. */
	char *argv[] = { (char *)name, "--help", NULL };
	struct pk_opts opts = { 0 };

	parse(argp, 2, argv, ARGP_NO_EXIT, NULL, &opts);
}

struct root_input {
	int cmd_index;
};

static error_t root_parse(int key, char *arg, struct argp_state *state)
{
	struct root_input *in = state->input;

	switch (key) {
	case ARGP_KEY_ARG:
		if (!pk_find_command(arg))
			return pk_usage_error(state, "unknown command '%s' (see 'pkeyctl help')",
					      arg);
		/* The rest of the line is the command's to parse. */
		in->cmd_index = state->next - 1;
		state->next = state->argc;
		return 0;
	case ARGP_KEY_NO_ARGS:
		/* pk_print_help() parses a lone --help with ARGP_NO_EXIT: no command needed. */
		if (state->flags & ARGP_NO_EXIT)
			return 0;
		return pk_usage_error(state, "no command given (see 'pkeyctl help')");
	}
	return ARGP_ERR_UNKNOWN;
}

/* The command list comes from the table, so --help cannot drift from it. */
static char *root_help_filter(int key, const char *text, void *input)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)input;
	if (key != ARGP_KEY_HELP_POST_DOC)
		return (char *)text;
	f = open_memstream(&buf, &len);
	if (!f)
		return (char *)text;
	fputs("Commands:\n", f);
	for (const struct pk_cmd *c = pk_commands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fprintf(f, "\n%s", text ? text : "");
	if (fclose(f))
		return (char *)text;
	return buf;
}

const struct argp pk_root_argp = {
	NULL,
	root_parse,
	"COMMAND [ARG...]",
	"pkeyctl -- inspect, exercise and measure Linux memory protection keys\v"
	"Run 'pkeyctl help COMMAND' or 'pkeyctl COMMAND --help' for a command's options.\n"
	"\n"
	"Exit status: 0 success (probe: keys usable), 1 a check or operation failed, "
	"2 an error in the environment, 3 out of keys, 4 protection keys not usable here, "
	"64 usage error.\n"
	"\n"
	"EXAMPLES\n"
	"  pkeyctl probe                 why protection keys are (not) usable here\n"
	"  pkeyctl probe --json          the same facts as one JSON document\n"
	"  pkeyctl probe -q && echo yes  a yes/no for scripts\n",
	NULL,
	root_help_filter,
	NULL,
};

/* util-linux's close_stdout(): a result that never reached its reader is an error. */
static void close_stdout(void)
{
	bool failed = ferror(stdout);

	errno = 0;
	if (fclose(stdout) != 0)
		failed = true;
	if (!failed)
		return;
	/* fclose()'s errno, or the earlier write's (glibc drops what a failed flush held). */
	if (errno)
		stdout_errno = errno;
	if (stdout_errno)
		fprintf(stderr, "pkeyctl: write error: %s\n", strerror(stdout_errno));
	else
		fprintf(stderr, "pkeyctl: write error\n");
	_exit(pk_exit_code(PK_ENV_ERROR));
}

int main(int argc, char **argv)
{
	struct pk_opts opts = { .format = OUT_TEXT };
	struct root_input in = { 0 };
	const struct pk_cmd *cmd;
	char name[64];

	atexit(close_stdout);
	argv[0] = "pkeyctl";
	if (pk_parse(&pk_root_argp, argc, argv, &in, &opts) != PK_OK)
		return pk_exit_code(PK_USAGE);

	cmd = pk_find_command(argv[in.cmd_index]);
	snprintf(name, sizeof(name), "pkeyctl %s", cmd->name);
	argv[in.cmd_index] = name;
	return pk_exit_code(cmd->run(argc - in.cmd_index, argv + in.cmd_index, &opts));
}
