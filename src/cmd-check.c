// SPDX-License-Identifier: GPL-2.0-only
/* pkeyctl check: does the kernel enforce protection keys? Each case in a child of its own. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arch/arch.h"
#include "fault.h"
#include "pkeyctl.h"
#include "pkru.h"
#include "sys.h"

/* A case that has not answered by then is stuck: its child is killed and it fails. */
#define CASE_TIMEOUT_S 10

enum result { R_PASS, R_FAIL, R_SKIP };

struct case_result {
	enum result result;
	char expected[160];
	char seen[160];
};

const struct argp cmd_check_argp = {
	NULL,
	NULL,
	NULL,
	"Test that the kernel enforces protection keys, the way the kernel's protection_keys "
	"selftest does. Each case runs in a child process of its own, so that one failure "
	"cannot take the run down, and is reported PASS, FAIL or SKIP with what was expected "
	"and what was seen.\v"
	"Exit status: 0 every case passed, 1 a case failed, 4 protection keys not usable here.\n"
	"\n"
	"EXAMPLES\n"
	"  pkeyctl check\n"
	"  pkeyctl check --json | jq -r '.cases[] | select(.result != \"PASS\") | .name'\n",
	NULL,
	NULL,
	NULL,
};

static void say(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(char *buf, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(((struct case_result *)0)->seen), fmt, ap);
	va_end(ap);
}

/* A fresh page tagged with a fresh key of the given rights; the key, or -errno. */
static int tagged_page(unsigned int rights, void **page)
{
	long size = sysconf(_SC_PAGESIZE);
	void *p = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		       0);
	int key, err;

	if (p == MAP_FAILED)
		return -errno;
	key = pk_sys_pkey_alloc(0, rights);
	if (key < 0)
		return key;
	err = pk_sys_pkey_mprotect(p, (size_t)size, PROT_READ | PROT_WRITE, key);
	if (err)
		return err;
	*page = p;
	return key;
}

static void describe(char *buf, const struct pk_fault *f)
{
	if (f->faulted)
		say(buf, "SIGSEGV, si_code %d, si_pkey %d", f->code, f->pkey);
	else
		say(buf, "no fault");
}

/* Touch a page tagged with rights; a fault with SEGV_PKUERR and the key, or none. */
static void touch_case(struct case_result *r, unsigned int rights, bool write, bool must_fault)
{
	struct pk_fault f;
	void *p;
	int key = tagged_page(rights, &p);

	if (key < 0) {
		say(r->seen, "setting up: %s", strerror(-key));
		return;
	}
	if (must_fault)
		say(r->expected, "SIGSEGV, si_code %d (SEGV_PKUERR), si_pkey %d", SEGV_PKUERR, key);
	else
		say(r->expected, "no fault");
	pk_touch(p, write, &f);
	describe(r->seen, &f);
	if (must_fault ? f.faulted && f.code == SEGV_PKUERR && f.pkey == key : !f.faulted)
		r->result = R_PASS;
}

static void case_write_wd(struct case_result *r)
{
	touch_case(r, PK_RIGHTS_DISABLE_WRITE, true, true);
}

static void case_read_wd(struct case_result *r)
{
	touch_case(r, PK_RIGHTS_DISABLE_WRITE, false, false);
}

static void case_read_ad(struct case_result *r)
{
	touch_case(r, PK_RIGHTS_DISABLE_ACCESS, false, true);
}

static void case_write_ad(struct case_result *r)
{
	touch_case(r, PK_RIGHTS_DISABLE_ACCESS, true, true);
}

static void case_kernel_copy(struct case_result *r)
{
	int fds[2], key;
	void *p;
	ssize_t n;

	say(r->expected, "read(2) into the page fails with EFAULT, no signal");
	key = tagged_page(PK_RIGHTS_DISABLE_ACCESS, &p);
	if (key < 0 || pipe(fds) < 0 || write(fds[1], "x", 1) != 1) {
		say(r->seen, "setting up: %s", strerror(key < 0 ? -key : errno));
		return;
	}
	/* Without a SIGSEGV handler, a signal here ends the child: the case then fails. */
	n = read(fds[0], p, 1);
	if (n < 0)
		say(r->seen, "read(2) failed with %s, no signal", strerrorname_np(errno));
	else
		say(r->seen, "read(2) returned %zd", n);
	if (n < 0 && errno == EFAULT)
		r->result = R_PASS;
}

static void case_handler_pkru(struct case_result *r)
{
	uint32_t before = 0, after = 0;
	struct pk_fault f;
	void *p;
	int key = tagged_page(PK_RIGHTS_DISABLE_ACCESS, &p);

	say(r->expected, "handler PKRU 0x%08x; the thread's PKRU back after siglongjmp", PKRU_INIT);
	/* A second key with no restriction makes the thread's PKRU differ from the init value. */
	if (key < 0 || pk_sys_pkey_alloc(0, 0) < 0) {
		say(r->seen, "setting up: cannot allocate keys");
		return;
	}
	arch_read_pkru(&before);
	pk_touch(p, false, &f);
	arch_read_pkru(&after);
	if (!f.faulted) {
		say(r->seen, "no fault");
		return;
	}
	say(r->seen, "handler PKRU 0x%08x; thread 0x%08x before, 0x%08x after", f.handler_pkru,
	    before, after);
	if (f.handler_pkru_valid && f.handler_pkru == PKRU_INIT && after == before)
		r->result = R_PASS;
}

/* A PKRU unlike the init value: key k read-only, the rest as init. */
static int custom_pkru(uint32_t *pkru)
{
	int key = pk_sys_pkey_alloc(0, PK_RIGHTS_DISABLE_WRITE);

	if (key < 0)
		return key;
	return arch_read_pkru(pkru);
}

static void case_fork(struct case_result *r)
{
	uint32_t mine, theirs = 0;
	int fds[2], status;
	pid_t pid;

	if (custom_pkru(&mine) || pipe(fds) < 0) {
		say(r->seen, "setting up: %s", strerror(errno));
		return;
	}
	say(r->expected, "the child's PKRU is the parent's, 0x%08x", mine);
	pid = fork();
	if (pid == 0) {
		uint32_t v = 0;

		arch_read_pkru(&v);
		_exit(write(fds[1], &v, sizeof(v)) == sizeof(v) ? 0 : 1);
	}
	if (pid < 0 || read(fds[0], &theirs, sizeof(theirs)) != sizeof(theirs)) {
		say(r->seen, "no answer from the child");
		return;
	}
	waitpid(pid, &status, 0);
	say(r->seen, "child 0x%08x", theirs);
	if (theirs == mine)
		r->result = R_PASS;
}

static void *thread_pkru(void *arg)
{
	arch_read_pkru(arg);
	return NULL;
}

static void case_thread(struct case_result *r)
{
	uint32_t mine, theirs = 0;
	pthread_t t;
	int err;

	if (custom_pkru(&mine)) {
		say(r->seen, "setting up: cannot allocate a key");
		return;
	}
	say(r->expected, "the new thread's PKRU is its creator's, 0x%08x", mine);
	err = pthread_create(&t, NULL, thread_pkru, &theirs);
	if (err) {
		say(r->seen, "pthread_create: %s", strerror(err));
		return;
	}
	pthread_join(t, NULL);
	say(r->seen, "thread 0x%08x", theirs);
	if (theirs == mine)
		r->result = R_PASS;
}

/* execve() pkeyctl itself to print its PKRU: what a new program starts with. */
static void case_execve(struct case_result *r)
{
	char out[8192] = "", *at;
	unsigned int theirs;
	uint32_t mine;
	int fds[2], status;
	size_t len = 0;
	ssize_t n;
	pid_t pid;

	if (access("/proc/self/exe", X_OK) < 0) {
		say(r->seen, "no /proc/self/exe to execute");
		r->result = R_SKIP;
		return;
	}
	if (custom_pkru(&mine) || pipe(fds) < 0) {
		say(r->seen, "setting up: %s", strerror(errno));
		return;
	}
	say(r->expected, "0x%08x after execve(), from 0x%08x before", PKRU_INIT, mine);
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		execl("/proc/self/exe", "pkeyctl", "pkru", "--json", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	while (pid > 0 && len < sizeof(out) - 1 &&
	       (n = read(fds[0], out + len, sizeof(out) - 1 - len)) > 0)
		len += (size_t)n;
	out[len] = '\0';
	if (pid > 0)
		waitpid(pid, &status, 0);
	at = strstr(out, "\"pkru\": \"");
	if (!at || sscanf(at, "\"pkru\": \"0x%x\"", &theirs) != 1) {
		say(r->seen, "no PKRU in the new program's output");
		return;
	}
	say(r->seen, "0x%08x", theirs);
	if (theirs == PKRU_INIT)
		r->result = R_PASS;
}

static void case_freed_key(struct case_result *r)
{
	long size = sysconf(_SC_PAGESIZE);
	void *p;
	int key = tagged_page(0, &p), err_free, err_mprotect, err_again;

	say(r->expected, "after pkey_free: pkey_mprotect and a second pkey_free fail with EINVAL");
	if (key < 0) {
		say(r->seen, "setting up: %s", strerror(-key));
		return;
	}
	err_free = pk_sys_pkey_free(key);
	err_mprotect = pk_sys_pkey_mprotect(p, (size_t)size, PROT_READ, key);
	err_again = pk_sys_pkey_free(key);
	say(r->seen, "pkey_free %s, then pkey_mprotect %s, pkey_free %s",
	    err_free ? strerrorname_np(-err_free) : "ok",
	    err_mprotect ? strerrorname_np(-err_mprotect) : "ok",
	    err_again ? strerrorname_np(-err_again) : "ok");
	if (!err_free && err_mprotect == -EINVAL && err_again == -EINVAL)
		r->result = R_PASS;
}

static void case_exhaustion(struct case_result *r)
{
	uint16_t seen = 0;
	bool bad = false;
	char list[64];
	int n = 0, k;

	say(r->expected, "1-%d distinct keys, none of them key 0, then ENOSPC", PK_NR_KEYS - 1);
	while ((k = pk_sys_pkey_alloc(0, 0)) >= 0 && n < 2 * PK_NR_KEYS) {
		if (k == 0 || k >= PK_NR_KEYS || (seen & (1u << k)))
			bad = true;
		else
			seen |= (uint16_t)(1u << k);
		n++;
	}
	pk_keys_format(seen, list, sizeof(list));
	say(r->seen, "%d keys (%s), then %s", n, list, k < 0 ? strerrorname_np(-k) : "more");
	if (!bad && n >= 1 && n <= PK_NR_KEYS - 1 && k == -ENOSPC)
		r->result = R_PASS;
}

static void case_exec_only(struct case_result *r)
{
	long size = sysconf(_SC_PAGESIZE);
	unsigned char *p = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct pk_fault f;

	say(r->expected, "PROT_EXEC alone: runs, and a data read faults with si_code %d",
	    SEGV_PKUERR);
	if (p == MAP_FAILED) {
		say(r->seen, "setting up: %s", strerror(errno));
		return;
	}
	p[0] = 0xc3; /* ret */
	/* The kernel backs execute-only memory with a key of its own (arch_override_mprotect_pkey).
	 */
	if (mprotect(p, (size_t)size, PROT_EXEC) < 0) {
		say(r->seen, "mprotect: %s", strerror(errno));
		return;
	}
	((void (*)(void))(void *)p)();
	pk_touch(p, false, &f);
	describe(r->seen, &f);
	if (f.faulted && f.code == SEGV_PKUERR)
		r->result = R_PASS;
}

static const struct {
	const char *name;
	void (*run)(struct case_result *r);
} cases[] = {
	{ "write-under-wd-faults", case_write_wd },
	{ "read-under-wd-succeeds", case_read_wd },
	{ "read-under-ad-faults", case_read_ad },
	{ "write-under-ad-faults", case_write_ad },
	{ "kernel-copy-into-ad-efault", case_kernel_copy },
	{ "handler-runs-with-init-pkru", case_handler_pkru },
	{ "fork-inherits-pkru", case_fork },
	{ "thread-inherits-pkru", case_thread },
	{ "execve-resets-pkru", case_execve },
	{ "freed-key-refused", case_freed_key },
	{ "exhaustion-stops-at-15", case_exhaustion },
	{ "exec-only-memory-faults-on-read", case_exec_only },
};

static const char *result_name(enum result r)
{
	return r == R_PASS ? "PASS" : r == R_SKIP ? "SKIP" : "FAIL";
}

/* One case in a child: whatever it does, including dying, the parent gets a result. */
static void run_case(void (*fn)(struct case_result *r), struct case_result *r)
{
	int fds[2], status;
	pid_t pid;

	memset(r, 0, sizeof(*r));
	r->result = R_FAIL;
	if (pipe(fds) < 0 || (pid = fork()) < 0) {
		say(r->seen, "cannot start the case: %s", strerror(errno));
		return;
	}
	if (pid == 0) {
		close(fds[0]);
		alarm(CASE_TIMEOUT_S);
		fn(r);
		_exit(write(fds[1], r, sizeof(*r)) == sizeof(*r) ? 0 : 1);
	}
	close(fds[1]);
	if (read(fds[0], r, sizeof(*r)) != sizeof(*r)) {
		r->result = R_FAIL;
		say(r->seen, "the case gave no result");
	}
	close(fds[0]);
	waitpid(pid, &status, 0);
	if (WIFSIGNALED(status)) {
		r->result = R_FAIL;
		say(r->seen, "the case died of %s", sigabbrev_np(WTERMSIG(status)));
	}
}

enum pk_status cmd_check(int argc, char **argv, struct pk_opts *opts)
{
	size_t ncases = sizeof(cases) / sizeof(cases[0]);
	struct case_result results[sizeof(cases) / sizeof(cases[0])];
	enum pk_status st = pk_parse(&cmd_check_argp, argc, argv, NULL, opts);
	int count[3] = { 0 };
	struct out *o;

	if (st != PK_OK)
		return st;
	st = pk_require_keys("check");
	if (st != PK_OK)
		return st == PK_NO_KEYS ? PK_UNSUPPORTED : st;
	/* Children would print what is still buffered as their own. */
	fflush(stdout);
	for (size_t i = 0; i < ncases; i++) {
		run_case(cases[i].run, &results[i]);
		count[results[i].result]++;
	}
	o = pk_out_new(opts, "check");
	if (!o) {
		pk_error("check", -ENOMEM, "cannot build the output");
		return PK_ENV_ERROR;
	}
	out_array(o, "cases", "Cases");
	for (size_t i = 0; i < ncases; i++) {
		out_row(o);
		out_str(o, "name", "CASE", cases[i].name);
		out_str(o, "result", "RESULT", result_name(results[i].result));
		out_str(o, "expected", "EXPECTED", results[i].expected);
		out_str(o, "seen", "SEEN", results[i].seen);
		out_end_row(o);
	}
	out_end_array(o);
	out_int(o, "passed", "passed", count[R_PASS]);
	out_int(o, "failed", "failed", count[R_FAIL]);
	out_int(o, "skipped", "skipped", count[R_SKIP]);
	st = pk_emit(o, "check");
	if (st != PK_OK)
		return st;
	return count[R_FAIL] ? PK_FAILED : PK_OK;
}
