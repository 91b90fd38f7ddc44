/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading /proc files, and pure parsers of their text (unit-tested on fixtures). */
#ifndef PK_PROCFS_H
#define PK_PROCFS_H

#include <stdbool.h>
#include <stddef.h>

/* A fact that may be unknown: the file was unreadable or said nothing. */
enum pk_tri { PK_UNKNOWN = -1, PK_NO = 0, PK_YES = 1 };

/* Read at most size-1 bytes of path into buf, NUL-terminated. Length, or -errno. */
long pk_read_file(const char *path, char *buf, size_t size);

/* Whether the first "flags" line of /proc/cpuinfo text lists flag. */
enum pk_tri pk_cpuinfo_flag(const char *cpuinfo, const char *flag);

/* Whether a kernel command line holds word as a whole parameter. */
bool pk_cmdline_has(const char *cmdline, const char *word);

/* Whether the first mapping of /proc/PID/smaps text has a "ProtectionKey:" line. */
enum pk_tri pk_smaps_has_pkey(const char *smaps);

#endif
