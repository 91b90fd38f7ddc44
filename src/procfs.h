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

/* The whole of a file into *buf (malloc'd, NUL-terminated; free() it). Length, or -errno. */
long pk_read_all(const char *path, char **buf);

/* One mapping of /proc/PID/smaps. */
struct pk_mapping {
	unsigned long long start, end;
	char perms[5];
	int pkey;   /* its ProtectionKey, or -1 when smaps has none */
	char *path; /* "" for anonymous memory */
};

struct pk_maps {
	struct pk_mapping *v;
	size_t n;
	bool has_pkey_lines; /* any "ProtectionKey:" line: keys are enabled in that kernel */
};

/* Parse smaps text. 0, -ENOMEM, or -EINVAL for text that is not smaps. */
int pk_smaps_parse(const char *smaps, struct pk_maps *maps);
void pk_maps_free(struct pk_maps *maps);

#endif
