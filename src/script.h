/* SPDX-License-Identifier: GPL-2.0-only */
/* Pure: the pkeyctl script language, one step per line, parsed into a struct. */
#ifndef PK_SCRIPT_H
#define PK_SCRIPT_H

#include <stddef.h>

enum step_op {
	STEP_NOTHING, /* a blank line or a comment */
	STEP_ALLOC,   /* alloc KEY [RIGHTS] */
	STEP_FREE,    /* free KEY */
	STEP_SET,     /* set KEY RIGHTS */
	STEP_GET,     /* get KEY */
	STEP_MAP,     /* map REGION [PAGES] */
	STEP_TAG,     /* tag REGION KEY */
	STEP_READ,    /* read REGION [ok|fault] */
	STEP_WRITE,   /* write REGION [ok|fault] */
	STEP_PKRU,    /* pkru */
	STEP_SLEEP,   /* sleep MS */
};

enum step_expect { EXPECT_ANY, EXPECT_OK, EXPECT_FAULT };

#define PK_NAME_MAX	32
#define PK_MAX_PAGES	65536ull
#define PK_MAX_SLEEP_MS 3600000ull

struct step {
	enum step_op op;
	char key[PK_NAME_MAX];	  /* a key's name, or its number */
	char region[PK_NAME_MAX]; /* a region's name */
	unsigned int rights;
	unsigned long long num; /* pages, or milliseconds */
	enum step_expect expect;
};

/*
 * Parse one line. 0, or -EINVAL with a one-line reason in err. A KEY is a
 * name ([A-Za-z_][A-Za-z0-9_]*) or a key number 0-15; a REGION is a name.
 */
int pk_script_parse(const char *line, struct step *st, char *err, size_t errlen);

/* The step's name as written in scripts: "alloc", "free", ... */
const char *pk_step_name(enum step_op op);

#endif
