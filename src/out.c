// SPDX-License-Identifier: GPL-2.0-only
/* The output layer: the only code that writes results, one renderer per format. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "out.h"

#define OUT_MAX_DEPTH 8

struct out_val {
	enum { V_STR, V_INT, V_BOOL, V_HEX32, V_NULL } type;
	const char *s;
	long long i;
	bool b;
	uint32_t x;
};

struct text_row {
	int depth;
	char *label;
	char *value; /* NULL for a section heading */
};

struct out;

/* One renderer: what it does with a section, a value, and the finished document. */
struct out_ops {
	void (*section)(struct out *o, const char *key, const char *title);
	void (*end_section)(struct out *o);
	void (*value)(struct out *o, const char *key, const char *label, const struct out_val *v);
	int (*render)(struct out *o, FILE *f);
	void (*destroy)(struct out *o);
};

struct out {
	const struct out_ops *ops;
	int err;   /* first error while building: -ENOMEM or -EINVAL */
	int depth; /* current section depth */
	/* text */
	struct text_row *rows;
	size_t nrows, cap;
	/* json */
	json_t *stack[OUT_MAX_DEPTH + 1];
};

static const struct {
	const char *name;
	enum out_format fmt;
} formats[] = {
	{ "text", OUT_TEXT },
	{ "json", OUT_JSON },
};

int out_format_parse(const char *name, enum out_format *fmt)
{
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(formats[i].name, name) == 0) {
			*fmt = formats[i].fmt;
			return 0;
		}
	return -EINVAL;
}

const char *out_format_names(void)
{
	return "text, json";
}

/* --- text: aligned "label  value" rows under headings --- */

static void text_add(struct out *o, const char *label, const char *value)
{
	struct text_row *r;

	if (o->nrows == o->cap) {
		size_t cap = o->cap ? 2 * o->cap : 32;
		struct text_row *rows = realloc(o->rows, cap * sizeof(*rows));

		if (!rows) {
			o->err = -ENOMEM;
			return;
		}
		o->rows = rows;
		o->cap = cap;
	}
	r = &o->rows[o->nrows];
	r->depth = o->depth;
	r->label = strdup(label);
	r->value = value ? strdup(value) : NULL;
	if (!r->label || (value && !r->value)) {
		free(r->label);
		free(r->value);
		o->err = -ENOMEM;
		return;
	}
	o->nrows++;
}

static void text_section(struct out *o, const char *key, const char *title)
{
	(void)key;
	text_add(o, title, NULL);
}

static void text_end_section(struct out *o)
{
	(void)o;
}

static void text_value(struct out *o, const char *key, const char *label, const struct out_val *v)
{
	char buf[32];
	const char *s = buf;

	(void)key;
	switch (v->type) {
	case V_STR:
		s = v->s;
		break;
	case V_INT:
		snprintf(buf, sizeof(buf), "%lld", v->i);
		break;
	case V_BOOL:
		s = v->b ? "yes" : "no";
		break;
	case V_HEX32:
		snprintf(buf, sizeof(buf), "0x%08x", v->x);
		break;
	case V_NULL:
		s = "-";
		break;
	}
	text_add(o, label, s);
}

static int text_render(struct out *o, FILE *f)
{
	int width = 0;

	for (size_t i = 0; i < o->nrows; i++) {
		int w = 2 * o->rows[i].depth + (int)strlen(o->rows[i].label);

		if (o->rows[i].value && w > width)
			width = w;
	}
	for (size_t i = 0; i < o->nrows; i++) {
		const struct text_row *r = &o->rows[i];
		int indent = 2 * r->depth;

		if (!r->value) {
			/* A blank line before each top-level section but the first. */
			if (r->depth == 0 && i > 0)
				fputc('\n', f);
			fprintf(f, "%*s%s\n", indent, "", r->label);
		} else {
			fprintf(f, "%*s%-*s  %s\n", indent, "", width - indent, r->label, r->value);
		}
	}
	return 0;
}

static void text_destroy(struct out *o)
{
	for (size_t i = 0; i < o->nrows; i++) {
		free(o->rows[i].label);
		free(o->rows[i].value);
	}
	free(o->rows);
}

static const struct out_ops text_ops = {
	text_section, text_end_section, text_value, text_render, text_destroy,
};

/* --- json: one object, sections as nested objects, through jansson --- */

static void json_put(struct out *o, const char *key, json_t *v)
{
	if (!v || json_object_set_new(o->stack[o->depth], key, v))
		o->err = -ENOMEM;
}

static void json_section(struct out *o, const char *key, const char *title)
{
	json_t *obj = json_object();

	(void)title;
	if (!obj) {
		o->err = -ENOMEM;
		return;
	}
	json_put(o, key, obj);
	/* out_section() already refused to go deeper than OUT_MAX_DEPTH. */
	o->stack[o->depth + 1] = obj;
}

static void json_end_section(struct out *o)
{
	(void)o;
}

static void json_value(struct out *o, const char *key, const char *label, const struct out_val *v)
{
	char buf[16];

	(void)label;
	switch (v->type) {
	case V_STR:
		json_put(o, key, json_string(v->s));
		break;
	case V_INT:
		json_put(o, key, json_integer(v->i));
		break;
	case V_BOOL:
		json_put(o, key, json_boolean(v->b));
		break;
	case V_HEX32:
		/* Register values stay hex strings: what people compare them with. */
		snprintf(buf, sizeof(buf), "0x%08x", v->x);
		json_put(o, key, json_string(buf));
		break;
	case V_NULL:
		json_put(o, key, json_null());
		break;
	}
}

static int json_render(struct out *o, FILE *f)
{
	if (json_dumpf(o->stack[0], f, JSON_INDENT(2)) < 0)
		return -ENOMEM;
	fputc('\n', f);
	return 0;
}

static void json_destroy(struct out *o)
{
	json_decref(o->stack[0]);
}

static const struct out_ops json_ops = {
	json_section, json_end_section, json_value, json_render, json_destroy,
};

/* --- none: --quiet --- */

static void none_section(struct out *o, const char *key, const char *title)
{
	(void)o, (void)key, (void)title;
}

static void none_end_section(struct out *o)
{
	(void)o;
}

static void none_value(struct out *o, const char *key, const char *label, const struct out_val *v)
{
	(void)o, (void)key, (void)label, (void)v;
}

static int none_render(struct out *o, FILE *f)
{
	(void)o, (void)f;
	return 0;
}

static void none_destroy(struct out *o)
{
	(void)o;
}

static const struct out_ops none_ops = {
	none_section, none_end_section, none_value, none_render, none_destroy,
};

/* --- the public interface --- */

struct out *out_new(enum out_format fmt, const char *command)
{
	struct out *o = calloc(1, sizeof(*o));

	if (!o)
		return NULL;
	switch (fmt) {
	case OUT_TEXT:
		o->ops = &text_ops;
		break;
	case OUT_JSON:
		o->ops = &json_ops;
		o->stack[0] = json_object();
		if (!o->stack[0]) {
			free(o);
			return NULL;
		}
		break;
	case OUT_NONE:
		o->ops = &none_ops;
		break;
	}
	if (fmt == OUT_JSON) {
		json_put(o, "schema", json_integer(OUT_SCHEMA_VERSION));
		json_put(o, "command", json_string(command));
	}
	return o;
}

void out_section(struct out *o, const char *key, const char *title)
{
	if (o->depth == OUT_MAX_DEPTH) {
		o->err = -EINVAL;
		return;
	}
	o->ops->section(o, key, title);
	o->depth++;
}

void out_end_section(struct out *o)
{
	if (o->depth == 0) {
		o->err = -EINVAL;
		return;
	}
	o->ops->end_section(o);
	o->depth--;
}

static void out_value(struct out *o, const char *key, const char *label, struct out_val v)
{
	o->ops->value(o, key, label, &v);
}

void out_str(struct out *o, const char *key, const char *label, const char *val)
{
	if (val)
		out_value(o, key, label, (struct out_val){ .type = V_STR, .s = val });
	else
		out_null(o, key, label);
}

void out_int(struct out *o, const char *key, const char *label, long long val)
{
	out_value(o, key, label, (struct out_val){ .type = V_INT, .i = val });
}

void out_bool(struct out *o, const char *key, const char *label, bool val)
{
	out_value(o, key, label, (struct out_val){ .type = V_BOOL, .b = val });
}

void out_hex32(struct out *o, const char *key, const char *label, uint32_t val)
{
	out_value(o, key, label, (struct out_val){ .type = V_HEX32, .x = val });
}

void out_null(struct out *o, const char *key, const char *label)
{
	out_value(o, key, label, (struct out_val){ .type = V_NULL });
}

int out_finish(struct out *o, FILE *f)
{
	char *buf = NULL;
	size_t len = 0;
	int err = o->err;

	if (!err && o->depth != 0)
		err = -EINVAL;
	/* Render to memory first: the reader gets the whole document or nothing. */
	if (!err) {
		FILE *mem = open_memstream(&buf, &len);

		if (!mem) {
			err = -errno;
		} else {
			err = o->ops->render(o, mem);
			if (fclose(mem) && !err)
				err = -ENOMEM;
		}
	}
	errno = 0;
	if (!err && len > 0 && (fwrite(buf, 1, len, f) != len || fflush(f)))
		err = errno ? -errno : -EIO;
	free(buf);
	o->ops->destroy(o);
	free(o);
	return err;
}
