// SPDX-License-Identifier: GPL-2.0-only
/* pkeyctl alloc: allocate keys, show them and PKRU before and after; --hold keeps them. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "arch/arch.h"
#include "pkeyctl.h"
#include "pkru.h"
#include "sys.h"

enum { OPT_COUNT = 'n', OPT_ALL = 'a', OPT_RIGHTS = 'r', OPT_HOLD = 'H' };

struct alloc_args {
	unsigned long long count;
	bool all, hold;
	unsigned int rights;
};

static const struct argp_option alloc_options[] = {
	{ "count", OPT_COUNT, "N", 0, "allocate N keys (default 1; 1-15)", 0 },
	{ "all", OPT_ALL, NULL, 0, "allocate until the kernel says no: how many this process gets",
	  0 },
	{ "rights", OPT_RIGHTS, "RIGHTS", 0,
	  "initial rights of the keys: none (default), disable-write, disable-access", 0 },
	{ "hold", OPT_HOLD, NULL, 0,
	  "keep the keys, each tagging one page, and stay alive until SIGINT, SIGTERM or SIGHUP",
	  0 },
	{ 0 },
};

static error_t alloc_parse(int key, char *arg, struct argp_state *state)
{
	struct alloc_args *a = state->input;

	switch (key) {
	case OPT_COUNT:
		return pk_arg_uint(state, "count", arg, 1, PK_NR_KEYS - 1, &a->count);
	case OPT_ALL:
		a->all = true;
		return 0;
	case OPT_RIGHTS:
		if (pk_rights_parse(arg, &a->rights))
			return pk_usage_error(state, "unknown rights '%s' (expected %s)", arg,
					      pk_rights_names());
		return 0;
	case OPT_HOLD:
		a->hold = true;
		return 0;
	case ARGP_KEY_END:
		if (a->all && a->count)
			return pk_usage_error(state, "--all and --count exclude each other");
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

const struct argp cmd_alloc_argp = {
	alloc_options,
	alloc_parse,
	NULL,
	"Allocate protection keys with pkey_alloc(2) and show them, with this thread's PKRU "
	"before and after. The keys are freed when pkeyctl exits; --hold keeps the process "
	"and its keys alive, each key tagging one page of its own (pkey_mprotect(2)), so that "
	"'pkeyctl pkru --pid' and 'pkeyctl maps --pid' can look at it.\v"
	"Exit status: 0 allocated, 3 out of keys (fewer than --count were free), 4 protection "
	"keys not usable here.\n"
	"\n"
	"EXAMPLES\n"
	"  pkeyctl alloc\n"
	"  pkeyctl alloc --all --json | jq .allocated\n"
	"  pkeyctl alloc --count 2 --rights disable-write --hold &\n",
	NULL,
	NULL,
	NULL,
};

/* One page of its own for key, so that smaps shows the key in use. */
static int tag_page(int key, long size, void **page)
{
	void *p = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		       0);
	int err;

	if (p == MAP_FAILED)
		return -errno;
	err = pk_sys_pkey_mprotect(p, (size_t)size, PROT_READ | PROT_WRITE, key);
	if (err) {
		munmap(p, (size_t)size);
		return err;
	}
	*page = p;
	return 0;
}

static volatile sig_atomic_t hold_over;

static void on_hold_signal(int sig)
{
	(void)sig;
	hold_over = 1;
}

/* Sleep until SIGINT, SIGTERM or SIGHUP; the caller frees the keys after. */
static void hold(void)
{
	int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	sigset_t block, wait;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_hold_signal;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		sigaction(sigs[i], &sa, NULL);
		sigaddset(&block, sigs[i]);
	}
	sigprocmask(SIG_BLOCK, &block, &wait);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigdelset(&wait, sigs[i]);
	while (!hold_over)
		sigsuspend(&wait);
}

enum pk_status cmd_alloc(int argc, char **argv, struct pk_opts *opts)
{
	struct alloc_args a = { 0 };
	enum pk_status st = pk_parse(&cmd_alloc_argp, argc, argv, &a, opts);
	int keys[PK_NR_KEYS], n = 0, want, err = 0;
	void *pages[PK_NR_KEYS] = { NULL };
	long page = sysconf(_SC_PAGESIZE);
	uint32_t before = 0, after = 0;
	char addr[32];
	struct out *o;

	if (st != PK_OK)
		return st;
	st = pk_require_keys("alloc");
	if (st != PK_OK)
		return st;
	want = a.all ? PK_NR_KEYS : a.count ? (int)a.count : 1;
	arch_read_pkru(&before);
	while (n < want) {
		int k = pk_sys_pkey_alloc(0, a.rights);

		if (k < 0) {
			err = k;
			break;
		}
		keys[n++] = k;
	}
	arch_read_pkru(&after);
	for (int i = 0; a.hold && i < n; i++) {
		int terr = tag_page(keys[i], page, &pages[i]);

		if (terr) {
			pk_error("alloc", terr, "cannot tag a page with key %d", keys[i]);
			st = PK_FAILED;
			goto out;
		}
	}
	if (n == 0 || (!a.all && n < want)) {
		if (err == -ENOSPC)
			pk_error("alloc", 0, "out of keys: got %d of %d", n, want);
		else
			pk_error("alloc", err, "pkey_alloc failed after %d keys", n);
		st = err == -ENOSPC ? PK_NO_KEYS : PK_FAILED;
		goto out;
	}

	o = pk_out_new(opts, "alloc");
	if (!o) {
		pk_error("alloc", -ENOMEM, "cannot build the output");
		st = PK_ENV_ERROR;
		goto out;
	}
	out_int(o, "pid", "pid", getpid());
	out_int(o, "allocated", "keys allocated", n);
	out_str(o, "rights", "rights", pk_rights_name(a.rights));
	out_hex32(o, "pkru_before", "PKRU before", before);
	out_hex32(o, "pkru_after", "PKRU after", after);
	out_bool(o, "held", "held until a signal", a.hold);
	out_array(o, "keys", "Keys");
	for (int i = 0; i < n; i++) {
		out_row(o);
		out_int(o, "key", "KEY", keys[i]);
		out_str(o, "meaning", "MEANING", pk_pkru_meaning(after, keys[i]));
		if (pages[i]) {
			snprintf(addr, sizeof(addr), "%p", pages[i]);
			out_str(o, "page", "TAGGED PAGE", addr);
		} else {
			out_null(o, "page", "TAGGED PAGE");
		}
		out_end_row(o);
	}
	out_end_array(o);
	st = pk_emit(o, "alloc");
	if (st == PK_OK && a.hold)
		hold();
out:
	while (n > 0) {
		n--;
		if (pages[n])
			munmap(pages[n], (size_t)page);
		pk_sys_pkey_free(keys[n]);
	}
	return st;
}
