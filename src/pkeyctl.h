/* SPDX-License-Identifier: GPL-2.0-only */
/* What every command shares: result statuses, global options, the command record. */
#ifndef PKEYCTL_H
#define PKEYCTL_H

#include <argp.h>
#include <stdbool.h>

#include "out.h"

/*
 * What a command concluded. main.c alone turns these into exit codes
 * (pk_exit_code()), so the numbers scripts rely on live in one place.
 */
enum pk_status {
	PK_OK,		/* success; for probe: keys usable */
	PK_FAILED,	/* a check or requested operation failed */
	PK_ENV_ERROR,	/* I/O, permission, a missing helper program */
	PK_NO_KEYS,	/* out of keys */
	PK_UNSUPPORTED, /* protection keys not usable here */
	PK_USAGE,	/* bad command line */
};

/* The kernel's PID_MAX_LIMIT on 64-bit: the largest pid or tid a command takes. */
#define PK_PID_MAX 4194304ull

/* Options every command accepts, before or after its name. */
struct pk_opts {
	enum out_format format;
	bool quiet;
};

/* One entry of the command table in main.c. */
struct pk_cmd {
	const char *name;
	const char *summary;
	const struct argp *argp;
	enum pk_status (*run)(int argc, char **argv, struct pk_opts *opts);
};

extern const struct pk_cmd pk_commands[];
extern const struct argp pk_root_argp;

const struct pk_cmd *pk_find_command(const char *name);

/*
 * Parse a command line with argp, the global options alongside argp's own
 * (argv[0] is "pkeyctl" or "pkeyctl NAME"). input goes to argp's parser,
 * opts to the global one. Returns PK_OK or PK_USAGE, the line on stderr
 * already written.
 */
enum pk_status pk_parse(const struct argp *argp, int argc, char **argv, void *input,
			struct pk_opts *opts);

/* Print a command's --help on stdout, as "pkeyctl NAME --help" would. */
void pk_print_help(const struct argp *argp, const char *name);

/* A document in the format the global options chose (nothing at all with -q); NULL: no memory. */
struct out *pk_out_new(const struct pk_opts *opts, const char *cmd);
/* The same for a one-line record (script's steps). */
struct out *pk_out_new_record(const struct pk_opts *opts, const char *cmd);

/*
 * Write a finished document to stdout. PK_OK, or PK_ENV_ERROR with the
 * reason on stderr (a write error is reported once, when stdout closes).
 */
enum pk_status pk_emit(struct out *o, const char *cmd);

/*
 * One line on stderr for a usage error, "pkeyctl NAME: MSG" like getopt's
 * own; returns the error an argp parser passes on to make pk_parse fail.
 */
int pk_usage_error(const struct argp_state *state, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * A number argument through the one checked parser; on error one usage
 * line ("invalid WHAT 'ARG'") and the argp error to return.
 */
int pk_arg_uint(const struct argp_state *state, const char *what, const char *arg,
		unsigned long long min, unsigned long long max, unsigned long long *out);

/*
 * PK_OK when this process can use protection keys; otherwise the probe's
 * reason on stderr and PK_UNSUPPORTED (or PK_NO_KEYS when none is free).
 */
enum pk_status pk_require_keys(const char *cmd);

/* A usage error found after parsing: "pkeyctl CMD: MSG" on stderr; returns PK_USAGE. */
enum pk_status pk_usage(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* "pkeyctl: CMD: MSG" on stderr, with ": strerror(-err)" when err < 0. */
void pk_error(const char *cmd, int err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The commands, one cmd-NAME.c each. */
#define PK_COMMAND(name)                                                                           \
	enum pk_status cmd_##name(int argc, char **argv, struct pk_opts *opts);                    \
	extern const struct argp cmd_##name##_argp
PK_COMMAND(probe);
PK_COMMAND(alloc);
PK_COMMAND(free);
PK_COMMAND(script);
PK_COMMAND(pkru);
PK_COMMAND(maps);
PK_COMMAND(check);
PK_COMMAND(bench);
PK_COMMAND(plot);
PK_COMMAND(help);

#endif
