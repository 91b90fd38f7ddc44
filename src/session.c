// SPDX-License-Identifier: GPL-2.0-only
/* Run script steps in this process: its keys and mapped regions, one result record per step. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "arch/arch.h"
#include "fault.h"
#include "parse.h"
#include "pkru.h"
#include "session.h"
#include "sys.h"

struct named_key {
	char name[PK_NAME_MAX];
	int key; /* -1: the slot is free */
};

struct region {
	char name[PK_NAME_MAX];
	void *addr;
	size_t len;
};

#define PK_MAX_REGIONS 64

struct pk_session {
	const struct pk_opts *opts;
	const char *cmd;
	struct named_key keys[PK_NR_KEYS];
	struct region regions[PK_MAX_REGIONS];
	int nregions;
};

struct pk_session *pk_session_new(const struct pk_opts *opts, const char *cmd)
{
	struct pk_session *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->opts = opts;
	s->cmd = cmd;
	for (int i = 0; i < PK_NR_KEYS; i++)
		s->keys[i].key = -1;
	return s;
}

void pk_session_free(struct pk_session *s)
{
	if (!s)
		return;
	for (int i = 0; i < PK_NR_KEYS; i++)
		if (s->keys[i].key >= 0)
			pk_sys_pkey_free(s->keys[i].key);
	for (int i = 0; i < s->nregions; i++)
		munmap(s->regions[i].addr, s->regions[i].len);
	free(s);
}

/* "pkeyctl: script: line 3: alloc: MSG", the line left out for the command line. */
static void step_error(struct pk_session *s, int line, const struct step *st, int err,
		       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void step_error(struct pk_session *s, int line, const struct step *st, int err,
		       const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line)
		pk_error(s->cmd, err, "line %d: %s: %s", line, pk_step_name(st->op), msg);
	else
		pk_error(s->cmd, err, "%s", msg);
}

static struct named_key *find_key(struct pk_session *s, const char *name)
{
	for (int i = 0; i < PK_NR_KEYS; i++)
		if (s->keys[i].key >= 0 && strcmp(s->keys[i].name, name) == 0)
			return &s->keys[i];
	return NULL;
}

/* A key by name (allocated in this session) or by number. -1 for an unknown name. */
static int resolve_key(struct pk_session *s, const char *ref)
{
	unsigned long long n;
	struct named_key *k;

	if (pk_parse_uint(ref, 0, PK_NR_KEYS - 1, &n) == 0)
		return (int)n;
	k = find_key(s, ref);
	return k ? k->key : -1;
}

static struct region *find_region(struct pk_session *s, const char *name)
{
	for (int i = 0; i < s->nregions; i++)
		if (strcmp(s->regions[i].name, name) == 0)
			return &s->regions[i];
	return NULL;
}

static struct out *record(struct pk_session *s, const struct step *st, int line)
{
	struct out *o = pk_out_new_record(s->opts, s->cmd);

	if (!o)
		return NULL;
	if (line)
		out_int(o, "line", "line", line);
	else
		out_null(o, "line", "line");
	out_str(o, "step", "step", pk_step_name(st->op));
	return o;
}

/* A key as the step named it: its name (null when given by number) and its number. */
static void out_key(struct out *o, const char *ref, int key)
{
	unsigned long long n;

	out_str(o, "name", "name", pk_parse_uint(ref, 0, PK_NR_KEYS - 1, &n) ? ref : NULL);
	out_int(o, "key", "key", key);
}

static int do_alloc(struct pk_session *s, const struct step *st, struct out *o)
{
	struct named_key *slot = NULL;
	uint32_t pkru = 0;
	int k;

	for (int i = 0; i < PK_NR_KEYS && !slot; i++)
		if (s->keys[i].key < 0)
			slot = &s->keys[i];
	k = pk_sys_pkey_alloc(0, st->rights);
	if (k < 0)
		return k;
	if (!slot) {
		pk_sys_pkey_free(k);
		return -ENOSPC;
	}
	snprintf(slot->name, sizeof(slot->name), "%s", st->key);
	slot->key = k;
	arch_read_pkru(&pkru);
	out_key(o, st->key, k);
	out_str(o, "rights", "rights", pk_rights_name(st->rights));
	out_hex32(o, "pkru", "pkru", pkru);
	return 0;
}

static int do_free(struct pk_session *s, const struct step *st, struct out *o, int key)
{
	struct named_key *named = find_key(s, st->key);
	int err = pk_sys_pkey_free(key);

	if (err)
		return err;
	if (named)
		named->key = -1;
	out_key(o, st->key, key);
	return 0;
}

static int do_set(const struct step *st, struct out *o, int key)
{
	uint32_t pkru;
	int err = arch_read_pkru(&pkru);

	if (!err)
		err = arch_write_pkru(pk_pkru_with(pkru, key, st->rights));
	if (err)
		return err;
	arch_read_pkru(&pkru);
	out_key(o, st->key, key);
	out_str(o, "rights", "rights", pk_rights_name(st->rights));
	out_hex32(o, "pkru", "pkru", pkru);
	return 0;
}

static int do_get(const struct step *st, struct out *o, int key)
{
	uint32_t pkru;
	int err = arch_read_pkru(&pkru);

	if (err)
		return err;
	out_key(o, st->key, key);
	out_str(o, "rights", "rights", pk_rights_name(pk_pkru_rights(pkru, key)));
	out_str(o, "meaning", "meaning", pk_pkru_meaning(pkru, key));
	return 0;
}

static int do_map(struct pk_session *s, const struct step *st, struct out *o)
{
	size_t len = (size_t)st->num * (size_t)sysconf(_SC_PAGESIZE);
	struct region *r;
	char addr[32];
	void *p;

	if (s->nregions == PK_MAX_REGIONS)
		return -ENOMEM;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -errno;
	r = &s->regions[s->nregions++];
	snprintf(r->name, sizeof(r->name), "%s", st->region);
	r->addr = p;
	r->len = len;
	snprintf(addr, sizeof(addr), "%p", p);
	out_str(o, "region", "region", st->region);
	out_str(o, "address", "address", addr);
	out_int(o, "pages", "pages", (long long)st->num);
	return 0;
}

static int do_tag(struct pk_session *s, const struct step *st, struct out *o, int key)
{
	struct region *r = find_region(s, st->region);
	int err = pk_sys_pkey_mprotect(r->addr, r->len, PROT_READ | PROT_WRITE, key);

	if (err)
		return err;
	out_str(o, "region", "region", st->region);
	out_key(o, st->key, key);
	return 0;
}

/* Touch the first byte of each page until one faults. */
static int do_touch(struct pk_session *s, const struct step *st, struct out *o, struct pk_fault *f)
{
	struct region *r = find_region(s, st->region);
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	int err = 0;

	for (size_t off = 0; off < r->len && !err && !f->faulted; off += page)
		err = pk_touch((char *)r->addr + off, st->op == STEP_WRITE, f);
	if (err)
		return err;
	out_str(o, "region", "region", st->region);
	out_bool(o, "faulted", "faulted", f->faulted);
	if (f->faulted) {
		out_int(o, "si_code", "si_code", f->code);
		out_int(o, "si_pkey", "si_pkey", f->pkey);
	} else {
		out_null(o, "si_code", "si_code");
		out_null(o, "si_pkey", "si_pkey");
	}
	out_str(o, "expected", "expected",
		st->expect == EXPECT_OK	     ? "ok"
		: st->expect == EXPECT_FAULT ? "fault"
					     : NULL);
	return 0;
}

static int do_sleep(const struct step *st, struct out *o)
{
	struct timespec ts = { (time_t)(st->num / 1000), (long)(st->num % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0)
		if (errno != EINTR)
			return -errno;
	out_int(o, "ms", "ms", (long long)st->num);
	return 0;
}

enum pk_status pk_session_run(struct pk_session *s, const struct step *st, int line)
{
	struct pk_fault f = { 0 };
	struct out *o;
	uint32_t pkru;
	int key = -1, err = 0;
	enum pk_status status;

	if (st->op == STEP_NOTHING)
		return PK_OK;
	if (st->key[0] && st->op != STEP_ALLOC) {
		key = resolve_key(s, st->key);
		if (key < 0) {
			step_error(s, line, st, 0, "no key named '%s'", st->key);
			return PK_FAILED;
		}
	}
	if ((st->op == STEP_TAG || st->op == STEP_READ || st->op == STEP_WRITE) &&
	    !find_region(s, st->region)) {
		step_error(s, line, st, 0, "no region named '%s'", st->region);
		return PK_FAILED;
	}
	o = record(s, st, line);
	if (!o) {
		step_error(s, line, st, -ENOMEM, "cannot build the output");
		return PK_ENV_ERROR;
	}
	switch (st->op) {
	case STEP_ALLOC:
		err = do_alloc(s, st, o);
		break;
	case STEP_FREE:
		err = do_free(s, st, o, key);
		break;
	case STEP_SET:
		err = do_set(st, o, key);
		break;
	case STEP_GET:
		err = do_get(st, o, key);
		break;
	case STEP_MAP:
		err = do_map(s, st, o);
		break;
	case STEP_TAG:
		err = do_tag(s, st, o, key);
		break;
	case STEP_READ:
	case STEP_WRITE:
		err = do_touch(s, st, o, &f);
		break;
	case STEP_PKRU:
		err = arch_read_pkru(&pkru);
		if (!err)
			out_hex32(o, "pkru", "pkru", pkru);
		break;
	case STEP_SLEEP:
		err = do_sleep(st, o);
		break;
	case STEP_NOTHING:
		break;
	}
	if (err) {
		out_discard(o);
		if (err == -ENOSPC && st->op == STEP_ALLOC) {
			step_error(s, line, st, 0, "out of keys");
			return PK_NO_KEYS;
		}
		if (err == -EINVAL && st->op == STEP_FREE)
			step_error(s, line, st, 0, "key %d is not allocated in this process%s", key,
				   line ? ""
					: " (a new pkeyctl process owns no keys: allocate and "
					  "free them within one 'pkeyctl script')");
		else if (err == -EPERM && st->op == STEP_SET)
			step_error(s, line, st, 0, "key 0's rights are never changed");
		else
			step_error(s, line, st, err, "failed");
		return PK_FAILED;
	}
	status = pk_emit(o, s->cmd);
	if (status != PK_OK)
		return status;
	if ((st->expect == EXPECT_FAULT && !f.faulted) || (st->expect == EXPECT_OK && f.faulted)) {
		step_error(s, line, st, 0, "expected %s, got %s",
			   st->expect == EXPECT_FAULT ? "a fault" : "no fault",
			   f.faulted ? "a fault" : "none");
		return PK_FAILED;
	}
	return PK_OK;
}
