// SPDX-License-Identifier: GPL-2.0-only
/* Files written whole or not at all: a temporary file beside the target, then rename(2). */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"

/* The temporary file a signal must remove: one at a time in pkeyctl. */
static char *volatile pending;

static void on_signal(int sig)
{
	/* unlink(2) and raise(3) are async-signal-safe (signal-safety(7)). */
	if (pending)
		unlink(pending);
	signal(sig, SIG_DFL);
	raise(sig);
}

int pk_atomic_open(struct pk_atomic *a, const char *path)
{
	int fd, sigs[] = { SIGINT, SIGTERM, SIGHUP };
	mode_t mask;

	memset(a, 0, sizeof(*a));
	if (asprintf(&a->tmp, "%s.tmp-XXXXXX", path) < 0)
		return -ENOMEM;
	a->path = strdup(path);
	fd = a->path ? mkstemp(a->tmp) : -1;
	if (fd < 0 || !(a->f = fdopen(fd, "w"))) {
		int err = a->path ? -errno : -ENOMEM;

		if (fd >= 0) {
			close(fd);
			unlink(a->tmp);
		}
		free(a->tmp);
		free(a->path);
		return err;
	}
	/* mkstemp() makes it 0600; the file should look like any other the user writes. */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	pending = a->tmp;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], on_signal);
	return 0;
}

static void done(struct pk_atomic *a)
{
	pending = NULL;
	free(a->tmp);
	free(a->path);
	a->tmp = a->path = NULL;
	a->f = NULL;
}

int pk_atomic_commit(struct pk_atomic *a)
{
	int err = 0;

	if (fflush(a->f) || fsync(fileno(a->f)))
		err = -errno;
	if (fclose(a->f) && !err)
		err = -errno;
	if (!err && rename(a->tmp, a->path) < 0)
		err = -errno;
	if (err)
		unlink(a->tmp);
	done(a);
	return err;
}

void pk_atomic_abort(struct pk_atomic *a)
{
	if (!a->f)
		return;
	fclose(a->f);
	unlink(a->tmp);
	done(a);
}
