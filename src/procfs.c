// SPDX-License-Identifier: GPL-2.0-only
/* Reading /proc files, and pure parsers of their text. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "procfs.h"

/* Read fd into buf until EOF or until size-1 bytes are there. 0, or -errno. */
static int read_some(int fd, char *buf, size_t size, size_t *len)
{
	while (*len + 1 < size) {
		ssize_t n = read(fd, buf + *len, size - 1 - *len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break;
		*len += (size_t)n;
	}
	return 0;
}

long pk_read_file(const char *path, char *buf, size_t size)
{
	size_t len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC), err;

	if (fd < 0)
		return -errno;
	err = read_some(fd, buf, size, &len);
	close(fd);
	buf[len] = '\0';
	return err ? err : (long)len;
}

/* Whether word occurs in the n bytes at s as a whole, blank-separated token. */
static bool has_token(const char *s, size_t n, const char *word)
{
	size_t wl = strlen(word);
	const char *end = s + n;

	while (s < end) {
		size_t tl;

		while (s < end && (*s == ' ' || *s == '\t' || *s == '\n'))
			s++;
		tl = 0;
		while (s + tl < end && s[tl] != ' ' && s[tl] != '\t' && s[tl] != '\n')
			tl++;
		if (tl == wl && memcmp(s, word, wl) == 0)
			return true;
		s += tl;
	}
	return false;
}

/* The line starting with key (after optional blanks, then ':'), or NULL; *len its length. */
static const char *find_line(const char *text, const char *key, const char *stop, size_t *len)
{
	size_t kl = strlen(key);

	for (const char *line = text; line && *line;) {
		const char *nl = strchr(line, '\n');
		size_t ll = nl ? (size_t)(nl - line) : strlen(line);

		if (stop && strncmp(line, stop, strlen(stop)) == 0)
			return NULL;
		if (ll > kl && strncmp(line, key, kl) == 0 && strchr(" \t:", line[kl])) {
			*len = ll;
			return line;
		}
		line = nl ? nl + 1 : NULL;
	}
	return NULL;
}

enum pk_tri pk_cpuinfo_flag(const char *cpuinfo, const char *flag)
{
	size_t len;
	const char *line = find_line(cpuinfo, "flags", NULL, &len);
	const char *colon;

	if (!line)
		return PK_UNKNOWN;
	colon = memchr(line, ':', len);
	if (!colon)
		return PK_UNKNOWN;
	colon++;
	return has_token(colon, len - (size_t)(colon - line), flag) ? PK_YES : PK_NO;
}

bool pk_cmdline_has(const char *cmdline, const char *word)
{
	/* Parameters after a lone "--" are init's, not the kernel's (kernel-parameters.rst). */
	size_t n = strlen(cmdline);

	for (const char *p = strstr(cmdline, "--"); p; p = strstr(p + 2, "--"))
		if ((p == cmdline || p[-1] == ' ') && (p[2] == ' ' || p[2] == '\n' || !p[2])) {
			n = (size_t)(p - cmdline);
			break;
		}
	return has_token(cmdline, n, word);
}

enum pk_tri pk_smaps_has_pkey(const char *smaps)
{
	size_t len;

	/* Every mapping ends with VmFlags; the key line, when there is one, comes before it. */
	if (find_line(smaps, "ProtectionKey", "VmFlags", &len))
		return PK_YES;
	return find_line(smaps, "VmFlags", NULL, &len) ? PK_NO : PK_UNKNOWN;
}

long pk_read_all(const char *path, char **buf)
{
	size_t len = 0, cap = 65536;
	char *b = malloc(cap), *nb;
	int fd = open(path, O_RDONLY | O_CLOEXEC), err = 0;

	if (fd < 0 || !b) {
		err = fd < 0 ? -errno : -ENOMEM;
		goto fail;
	}
	/* A full buffer may not be the end of the file: grow and read on. */
	while (!(err = read_some(fd, b, cap, &len)) && len + 1 == cap) {
		nb = realloc(b, 2 * cap);
		if (!nb) {
			err = -ENOMEM;
			break;
		}
		b = nb;
		cap *= 2;
	}
	if (err)
		goto fail;
	close(fd);
	b[len] = '\0';
	*buf = b;
	return (long)len;
fail:
	if (fd >= 0)
		close(fd);
	free(b);
	return err;
}

/* "start-end perms offset dev inode [path]": a mapping's first line (proc(5)). */
static bool parse_header(const char *line, size_t len, struct pk_mapping *m)
{
	unsigned long long offset, inode;
	unsigned int major, minor;
	int path_at = -1;
	char copy[4096];

	if (len >= sizeof(copy))
		len = sizeof(copy) - 1;
	memcpy(copy, line, len);
	copy[len] = '\0';
	if (sscanf(copy, "%llx-%llx %4s %llx %x:%x %llu %n", &m->start, &m->end, m->perms, &offset,
		   &major, &minor, &inode, &path_at) < 7)
		return false;
	m->path = strdup(path_at >= 0 ? copy + path_at : "");
	m->pkey = -1;
	return true;
}

int pk_smaps_parse(const char *smaps, struct pk_maps *maps)
{
	size_t cap = 0;

	memset(maps, 0, sizeof(*maps));
	for (const char *line = smaps; line && *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		struct pk_mapping m;
		int key;

		if (strncmp(line, "ProtectionKey:", 14) == 0) {
			if (maps->n == 0 || sscanf(line + 14, "%d", &key) != 1)
				goto bad;
			maps->v[maps->n - 1].pkey = key;
			maps->has_pkey_lines = true;
		} else if (len > 0 && isxdigit((unsigned char)line[0]) && memchr(line, '-', len) &&
			   parse_header(line, len, &m)) {
			if (!m.path)
				goto nomem;
			if (maps->n == cap) {
				struct pk_mapping *v =
					realloc(maps->v, (cap ? 2 * cap : 64) * sizeof(*v));

				if (!v) {
					free(m.path);
					goto nomem;
				}
				maps->v = v;
				cap = cap ? 2 * cap : 64;
			}
			maps->v[maps->n++] = m;
		} else if (maps->n == 0 && len > 0) {
			goto bad; /* smaps starts with a mapping */
		}
		line = nl ? nl + 1 : NULL;
	}
	return 0;
bad:
	pk_maps_free(maps);
	return -EINVAL;
nomem:
	pk_maps_free(maps);
	return -ENOMEM;
}

void pk_maps_free(struct pk_maps *maps)
{
	for (size_t i = 0; i < maps->n; i++)
		free(maps->v[i].path);
	free(maps->v);
	memset(maps, 0, sizeof(*maps));
}
