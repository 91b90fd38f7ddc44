// SPDX-License-Identifier: GPL-2.0-only
/* pkeyctl pkru: PKRU as hex and per key, for this thread, another process's threads, or a value. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arch/arch.h"
#include "pkeyctl.h"
#include "pkru.h"
#include "procfs.h"

/* Threads of one process pkeyctl reads at most. */
#define PK_MAX_THREADS 4096

enum { OPT_PID = 'p', OPT_TID = 't', OPT_DECODE = 'd' };

struct pkru_args {
	unsigned long long pid, tid, value;
	bool has_pid, has_tid, has_value;
};

static const struct argp_option pkru_options[] = {
	{ "pid", OPT_PID, "PID", 0, "read the PKRU of every thread of process PID (ptrace)", 0 },
	{ "tid", OPT_TID, "TID", 0, "read the PKRU of thread TID only", 0 },
	{ "decode", OPT_DECODE, "VALUE", 0, "decode a PKRU value (decimal or 0x hex); any machine",
	  0 },
	{ 0 },
};

static error_t pkru_parse(int key, char *arg, struct argp_state *state)
{
	struct pkru_args *a = state->input;

	switch (key) {
	case OPT_PID:
		a->has_pid = true;
		return pk_arg_uint(state, "pid", arg, 1, PK_PID_MAX, &a->pid);
	case OPT_TID:
		a->has_tid = true;
		return pk_arg_uint(state, "tid", arg, 1, PK_PID_MAX, &a->tid);
	case OPT_DECODE:
		a->has_value = true;
		return pk_arg_uint(state, "PKRU value", arg, 0, UINT32_MAX, &a->value);
	case ARGP_KEY_END:
		if (a->has_value && (a->has_pid || a->has_tid))
			return pk_usage_error(state, "--decode takes no --pid or --tid");
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

const struct argp cmd_pkru_argp = {
	pkru_options,
	pkru_parse,
	NULL,
	"Show PKRU, the register of x86 protection-key rights, as hex and as one row per key "
	"(AD: access disabled, WD: write disabled). Without options: this thread's PKRU. "
	"Another process's threads are read through ptrace (PTRACE_SEIZE, PTRACE_INTERRUPT, "
	"the XSAVE state, PTRACE_DETACH), which needs permission to trace them.\v"
	"Exit status: 0 read, 2 no such process or no permission to trace it, 4 protection "
	"keys not usable here (not for --decode).\n"
	"\n"
	"EXAMPLES\n"
	"  pkeyctl pkru\n"
	"  pkeyctl pkru --decode 0x55555554\n"
	"  pkeyctl pkru --pid 1234\n"
	"  pkeyctl pkru --pid 1234 --tid 1240 --json\n",
	NULL,
	NULL,
	NULL,
};

static void out_keys(struct out *o, uint32_t pkru)
{
	out_array(o, "keys", "Keys");
	for (int k = 0; k < PK_NR_KEYS; k++) {
		out_row(o);
		out_int(o, "key", "KEY", k);
		out_bool(o, "ad", "AD", pkru & PKRU_AD(k));
		out_bool(o, "wd", "WD", pkru & PKRU_WD(k));
		out_str(o, "meaning", "MEANING", pk_pkru_meaning(pkru, k));
		out_end_row(o);
	}
	out_end_array(o);
}

static void out_keyset(struct out *o, const char *key, const char *label, uint16_t keys)
{
	char buf[64];

	pk_keys_format(keys, buf, sizeof(buf));
	out_str(o, key, label, buf);
}

struct thread_pkru {
	int tid;
	uint32_t pkru;
};

/*
 * Stop tid under ptrace, read its PKRU, detach: always, whatever failed.
 * A signal the stop caught on its way is handed back at detach.
 */
static int trace_pkru(int tid, uint32_t *pkru)
{
	int status, err, sig = 0;

	if (ptrace(PTRACE_SEIZE, tid, NULL, NULL) < 0)
		return -errno;
	if (ptrace(PTRACE_INTERRUPT, tid, NULL, NULL) < 0) {
		err = -errno;
	} else if (waitpid(tid, &status, __WALL) < 0) {
		err = -errno;
	} else if (!WIFSTOPPED(status)) {
		return -ESRCH; /* it exited: nothing left to detach from */
	} else {
		/* ptrace(2): a signal-delivery-stop has no event in the high bits. */
		if ((status >> 16) == 0 && WSTOPSIG(status) != SIGTRAP)
			sig = WSTOPSIG(status);
		err = arch_thread_pkru(tid, pkru);
	}
	ptrace(PTRACE_DETACH, tid, NULL, (void *)(long)sig);
	return err;
}

static void explain_trace_error(int err, int pid)
{
	char scope[16] = "";

	if (err == -EPERM || err == -EACCES) {
		if (pk_read_file("/proc/sys/kernel/yama/ptrace_scope", scope, sizeof(scope)) > 0)
			scope[strcspn(scope, "\n")] = '\0';
		pk_error("pkru", err,
			 "cannot trace pid %d (Yama ptrace_scope %s; another user's process needs "
			 "CAP_SYS_PTRACE)",
			 pid, scope[0] ? scope : "unknown");
	} else if (err == -ESRCH || err == -ENOENT) {
		pk_error("pkru", 0, "no process with pid %d", pid);
	} else {
		pk_error("pkru", err, "cannot read the PKRU of pid %d", pid);
	}
}

/* The threads of pid (or just tid), each read under ptrace. Count, or -errno. */
static int read_threads(int pid, int tid, struct thread_pkru *t)
{
	char path[64];
	struct dirent *d;
	sigset_t stop, old;
	int n = 0, err = 0;
	DIR *dir;

	if (tid) {
		t[n++].tid = tid;
	} else {
		snprintf(path, sizeof(path), "/proc/%d/task", pid);
		dir = opendir(path);
		if (!dir)
			return -errno;
		while ((d = readdir(dir)) && n < PK_MAX_THREADS)
			if (d->d_name[0] != '.')
				t[n++].tid = atoi(d->d_name);
		closedir(dir);
	}
	/* Ctrl-C waits until every thread is detached, then takes effect. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	sigaddset(&stop, SIGQUIT);
	sigprocmask(SIG_BLOCK, &stop, &old);
	for (int i = 0; i < n && !err; i++)
		err = trace_pkru(t[i].tid, &t[i].pkru);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return err ? err : n;
}

static void out_one(struct out *o, const char *source, int pid, int tid, uint32_t pkru)
{
	out_str(o, "source", "source", source);
	if (pid)
		out_int(o, "pid", "pid", pid);
	else
		out_null(o, "pid", "pid");
	if (tid)
		out_int(o, "tid", "tid", tid);
	else
		out_null(o, "tid", "tid");
	out_hex32(o, "pkru", "PKRU", pkru);
	out_keys(o, pkru);
}

/* Read the threads a names; n threads into t, or an exit status with the reason on stderr. */
static enum pk_status read_process(const struct pkru_args *a, struct thread_pkru *t, int *n)
{
	struct pk_cpu cpu;
	char path[64];

	if (a->has_pid && a->has_tid) {
		snprintf(path, sizeof(path), "/proc/%llu/task/%llu", a->pid, a->tid);
		if (access(path, F_OK) < 0) {
			pk_error("pkru", 0, "pid %llu has no thread %llu", a->pid, a->tid);
			return PK_ENV_ERROR;
		}
	}
	arch_cpu_read(&cpu); /* the XSAVE layout, for arch_thread_pkru() */
	*n = read_threads((int)a->pid, (int)a->tid, t);
	if (*n == -EOPNOTSUPP)
		return pk_require_keys("pkru");
	if (*n < 0) {
		explain_trace_error(*n, a->tid ? (int)a->tid : (int)a->pid);
		return PK_ENV_ERROR;
	}
	return PK_OK;
}

static void out_threads(struct out *o, int pid, const struct thread_pkru *t, int n)
{
	out_str(o, "source", "source", "ptrace");
	out_int(o, "pid", "pid", pid);
	out_array(o, "threads", "Threads");
	for (int i = 0; i < n; i++) {
		out_row(o);
		out_int(o, "tid", "TID", t[i].tid);
		out_hex32(o, "pkru", "PKRU", t[i].pkru);
		out_keyset(o, "no_access", "NO ACCESS", pk_pkru_no_access(t[i].pkru));
		out_keyset(o, "read_only", "READ-ONLY", pk_pkru_read_only(t[i].pkru));
		out_end_row(o);
	}
	out_end_array(o);
}

enum pk_status cmd_pkru(int argc, char **argv, struct pk_opts *opts)
{
	struct pkru_args a = { 0 };
	enum pk_status st = pk_parse(&cmd_pkru_argp, argc, argv, &a, opts);
	struct thread_pkru *t = NULL;
	struct out *o;
	uint32_t pkru = 0;
	int n = 0;

	if (st != PK_OK)
		return st;
	if (a.has_pid || a.has_tid) {
		t = calloc(PK_MAX_THREADS, sizeof(*t));
		st = t ? read_process(&a, t, &n) : PK_ENV_ERROR;
		if (!t)
			pk_error("pkru", -ENOMEM, "cannot read threads");
	} else if (a.has_value) {
		pkru = (uint32_t)a.value;
	} else {
		st = pk_require_keys("pkru");
		if (st == PK_OK)
			arch_read_pkru(&pkru); /* pk_require_keys() saw OSPKE=1 */
	}
	o = st == PK_OK ? pk_out_new(opts, "pkru") : NULL;
	if (st == PK_OK && !o) {
		pk_error("pkru", -ENOMEM, "cannot build the output");
		st = PK_ENV_ERROR;
	}
	if (st != PK_OK) {
		free(t);
		return st;
	}
	if (a.has_value)
		out_one(o, "decode", 0, 0, pkru);
	else if (a.has_pid && !a.has_tid)
		out_threads(o, (int)a.pid, t, n);
	else if (t)
		out_one(o, "ptrace", (int)a.pid, t[0].tid, t[0].pkru);
	else
		out_one(o, "self", getpid(), gettid(), pkru);
	free(t);
	return pk_emit(o, "pkru");
}
