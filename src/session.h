/* SPDX-License-Identifier: GPL-2.0-only */
/* Run script steps in this process: its keys and mapped regions, one result record per step. */
#ifndef PK_SESSION_H
#define PK_SESSION_H

#include "pkeyctl.h"
#include "script.h"

struct pk_session;

/* cmd names the command for messages ("script", "free"). NULL only when out of memory. */
struct pk_session *pk_session_new(const struct pk_opts *opts, const char *cmd);

/*
 * Run one step and print its record (line 0: from the command line). On
 * failure the reason goes to stderr, naming the line, and the status says
 * which: PK_NO_KEYS, PK_FAILED (the kernel refused, an expectation not
 * met), PK_ENV_ERROR.
 */
enum pk_status pk_session_run(struct pk_session *s, const struct step *st, int line);

/* Free every key still allocated and unmap every region. */
void pk_session_free(struct pk_session *s);

#endif
