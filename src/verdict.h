/* SPDX-License-Identifier: GPL-2.0-only */
/* Pure: evidence in, one verdict out (usable or not, one reason, an explanation, a hint). */
#ifndef PK_VERDICT_H
#define PK_VERDICT_H

#include <stdbool.h>

#include "probe.h"

/* The reason ids are an interface: documented in pkeyctl(1), stable in JSON. */
enum pk_reason {
	PK_REASON_USABLE,
	PK_REASON_CPU_LACKS_PKU,
	PK_REASON_HYPERVISOR_HIDES_PKU,
	PK_REASON_OS_DISABLED,
	PK_REASON_KERNEL_LACKS_PKEYS,
	PK_REASON_BLOCKED_BY_SECCOMP,
	PK_REASON_NO_FREE_KEYS,
	PK_REASON_NOT_X86,
	PK_REASON_UNKNOWN,
	PK_REASON_COUNT,
};

struct pk_verdict {
	bool usable;
	enum pk_reason reason;
	char explanation[320]; /* one sentence, naming the evidence it rests on */
	const char *hint;      /* what to do about it */
};

void pk_decide(const struct pk_evidence *ev, struct pk_verdict *v);

/* "usable", "cpu-lacks-pku", ... */
const char *pk_reason_id(enum pk_reason reason);

#endif
