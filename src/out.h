/* SPDX-License-Identifier: GPL-2.0-only */
/* The output layer: commands describe a document; one renderer per format writes it. */
#ifndef PK_OUT_H
#define PK_OUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum out_format {
	OUT_TEXT,
	OUT_JSON,
	OUT_CSV,  /* RFC 4180: the document's first array, a header row of its keys */
	OUT_NONE, /* --quiet: the document is built and dropped */
};

/* The version of every JSON document's layout, its "schema" member. */
#define OUT_SCHEMA_VERSION 1

struct out;

/* 0 and *fmt set, or -EINVAL for a name not in the table. */
int out_format_parse(const char *name, enum out_format *fmt);
/* The accepted names, for error messages: "text, json, csv". */
const char *out_format_names(void);

/*
 * A new document; NULL only when out of memory. A record is a document on
 * one line: compact JSON, or "label=value" pairs (for streams of results).
 */
struct out *out_new(enum out_format fmt, const char *command);
struct out *out_new_record(enum out_format fmt, const char *command);

/*
 * Each member has a JSON key (stable snake_case) and a label for people.
 * Sections nest: an object in JSON, a heading with indented rows in text.
 * An array holds rows: a JSON array of objects, a table in text whose
 * column headers are the first row's labels. Arrays do not nest.
 */
void out_section(struct out *o, const char *key, const char *title);
void out_end_section(struct out *o);
void out_array(struct out *o, const char *key, const char *title);
void out_end_array(struct out *o);
void out_row(struct out *o);
void out_end_row(struct out *o);

void out_str(struct out *o, const char *key, const char *label, const char *val); /* NULL: null */
void out_int(struct out *o, const char *key, const char *label, long long val);
void out_bool(struct out *o, const char *key, const char *label, bool val);
void out_hex32(struct out *o, const char *key, const char *label, uint32_t val);
void out_null(struct out *o, const char *key, const char *label);
/* A real number; text shows it with digits decimals, JSON and CSV with full precision. */
void out_double(struct out *o, const char *key, const char *label, double val, int digits);

/*
 * Write the whole document to f and free o. 0, or -errno: -EINVAL for a
 * malformed document, -ENOMEM, or the write's error. Nothing or all of the
 * document reaches f.
 */
int out_finish(struct out *o, FILE *f);

/* Free o without writing anything. */
void out_discard(struct out *o);

#endif
