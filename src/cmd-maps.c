// SPDX-License-Identifier: GPL-2.0-only
/* pkeyctl maps: a process's mappings with their protection keys, and a summary per key. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "pkeyctl.h"
#include "pkru.h"
#include "procfs.h"

struct maps_args {
	unsigned long long pid;
};

static const struct argp_option maps_options[] = {
	{ "pid", 'p', "PID", 0, "the process to show (default: pkeyctl itself)", 0 },
	{ 0 },
};

static error_t maps_parse(int key, char *arg, struct argp_state *state)
{
	struct maps_args *a = state->input;

	if (key != 'p')
		return ARGP_ERR_UNKNOWN;
	return pk_arg_uint(state, "pid", arg, 1, PK_PID_MAX, &a->pid);
}

const struct argp cmd_maps_argp = {
	maps_options,
	maps_parse,
	NULL,
	"Show the mappings of a process with the protection key of each (the ProtectionKey "
	"lines of /proc/PID/smaps), and which keys are in use and how much memory each "
	"covers.\v"
	"Exit status: 0 shown, 2 no such process or no permission to read its smaps, 4 the "
	"kernel shows no protection keys (smaps has no ProtectionKey lines; the mappings are "
	"still listed).\n"
	"\n"
	"EXAMPLES\n"
	"  pkeyctl maps\n"
	"  pkeyctl maps --pid 1234\n"
	"  pkeyctl maps --pid 1234 --json | jq '.mappings[] | select(.pkey != 0)'\n",
	NULL,
	NULL,
	NULL,
};

static void out_maps(struct out *o, int pid, const struct pk_maps *m)
{
	unsigned long long kb[PK_NR_KEYS] = { 0 };
	int count[PK_NR_KEYS] = { 0 };
	char range[48];

	out_int(o, "pid", "pid", pid);
	out_bool(o, "pkeys_enabled", "protection keys in smaps", m->has_pkey_lines);
	out_array(o, "mappings", "Mappings");
	for (size_t i = 0; i < m->n; i++) {
		const struct pk_mapping *v = &m->v[i];
		unsigned long long size = (v->end - v->start) / 1024;

		out_row(o);
		snprintf(range, sizeof(range), "%llx-%llx", v->start, v->end);
		out_str(o, "range", "RANGE", range);
		out_str(o, "perms", "PERMS", v->perms);
		out_int(o, "size_kb", "KB", (long long)size);
		if (v->pkey >= 0)
			out_int(o, "pkey", "PKEY", v->pkey);
		else
			out_null(o, "pkey", "PKEY");
		out_str(o, "path", "PATH", v->path);
		out_end_row(o);
		if (v->pkey >= 0 && v->pkey < PK_NR_KEYS) {
			count[v->pkey]++;
			kb[v->pkey] += size;
		}
	}
	out_end_array(o);
	out_array(o, "keys", "Keys in use");
	for (int k = 0; k < PK_NR_KEYS; k++) {
		if (!count[k])
			continue;
		out_row(o);
		out_int(o, "key", "KEY", k);
		out_int(o, "mappings", "MAPPINGS", count[k]);
		out_int(o, "size_kb", "KB", (long long)kb[k]);
		out_end_row(o);
	}
	out_end_array(o);
}

enum pk_status cmd_maps(int argc, char **argv, struct pk_opts *opts)
{
	struct maps_args a = { 0 };
	enum pk_status st = pk_parse(&cmd_maps_argp, argc, argv, &a, opts);
	int pid, err;
	struct pk_maps m;
	char path[64], *text = NULL;
	long len;
	struct out *o;

	if (st != PK_OK)
		return st;
	pid = a.pid ? (int)a.pid : getpid();
	snprintf(path, sizeof(path), "/proc/%d/smaps", pid);
	len = pk_read_all(path, &text);
	if (len == -ENOENT) {
		pk_error("maps", 0, "no process with pid %d", pid);
		return PK_ENV_ERROR;
	}
	if (len < 0) {
		pk_error("maps", (int)len, "cannot read %s", path);
		return PK_ENV_ERROR;
	}
	err = pk_smaps_parse(text, &m);
	free(text);
	if (err) {
		pk_error("maps", err, "cannot parse %s", path);
		return PK_ENV_ERROR;
	}
	o = pk_out_new(opts, "maps");
	if (!o) {
		pk_maps_free(&m);
		pk_error("maps", -ENOMEM, "cannot build the output");
		return PK_ENV_ERROR;
	}
	out_maps(o, pid, &m);
	st = pk_emit(o, "maps");
	/* A kernel thread has no mappings at all: that says nothing about keys. */
	if (st == PK_OK && m.n > 0 && !m.has_pkey_lines) {
		pk_error("maps", 0,
			 "protection keys are not enabled in this kernel: %s has no ProtectionKey "
			 "lines",
			 path);
		st = PK_UNSUPPORTED;
	}
	pk_maps_free(&m);
	return st;
}
