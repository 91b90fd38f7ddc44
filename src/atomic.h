/* SPDX-License-Identifier: GPL-2.0-only */
/* Files written whole or not at all: a temporary file beside the target, then rename(2). */
#ifndef PK_ATOMIC_H
#define PK_ATOMIC_H

#include <stdio.h>

struct pk_atomic {
	char *path, *tmp;
	FILE *f;
};

/*
 * Create the temporary file now, so an unwritable path fails before any
 * work. SIGINT, SIGTERM and SIGHUP remove it. 0, or -errno.
 */
int pk_atomic_open(struct pk_atomic *a, const char *path);
/* Flush, sync and rename over the target. 0, or -errno (the target untouched). */
int pk_atomic_commit(struct pk_atomic *a);
/* Remove the temporary file; the target stays as it was. */
void pk_atomic_abort(struct pk_atomic *a);

#endif
