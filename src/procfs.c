// SPDX-License-Identifier: GPL-2.0-only
/* Reading /proc files, and pure parsers of their text. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "procfs.h"

long pk_read_file(const char *path, char *buf, size_t size)
{
	size_t len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	while (len + 1 < size) {
		ssize_t n = read(fd, buf + len, size - 1 - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = -errno;

			close(fd);
			return err;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	return (long)len;
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
