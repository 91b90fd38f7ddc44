// SPDX-License-Identifier: GPL-2.0-only
/* The output layer: the only code that writes results, one renderer per format. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "out.h"

#define OUT_MAX_DEPTH 8

struct out_val {
	enum { V_STR, V_INT, V_BOOL, V_HEX32, V_NULL, V_DBL } type;
	const char *s;
	long long i;
	bool b;
	uint32_t x;
	double d;
	int digits;
};

enum level { L_SECTION, L_ARRAY, L_ROW };

/* text: a heading, a "label  value" row, or a finished table line */
struct text_row {
	enum { T_HEADING, T_PAIR, T_LINE } kind;
	int depth;
	char *label;
	char *value;
};

/* text: the table being collected for the current array */
struct text_table {
	int depth;
	char **head; /* the first row's labels */
	size_t nhead, headcap;
	char **cells; /* values, row-major */
	size_t ncells, cap;
	size_t row_start; /* index of the current row's first cell */
	bool headed;	  /* the first row is complete */
};

struct out;

/* One renderer: what it does with structure, values, and the finished document. */
struct out_ops {
	void (*open)(struct out *o, enum level lv, const char *key, const char *title);
	void (*close)(struct out *o, enum level lv);
	void (*value)(struct out *o, const char *key, const char *label, const struct out_val *v);
	int (*render)(struct out *o, FILE *f);
	void (*destroy)(struct out *o);
};

struct out {
	const struct out_ops *ops;
	int err;   /* first error while building */
	int depth; /* levels open */
	enum level levels[OUT_MAX_DEPTH];
	bool record; /* one line */
	bool quiet;  /* build, render nothing */
	/* text */
	struct text_row *rows;
	size_t nrows, cap;
	struct text_table table;
	bool in_table;
	/* csv: the section keys open, and the scalars outside any array as path, value pairs */
	const char *path[OUT_MAX_DEPTH];
	struct text_table pairs;
	/* json */
	json_t *stack[OUT_MAX_DEPTH + 1];
};

static const struct {
	const char *name;
	enum out_format fmt;
} formats[] = {
	{ "text", OUT_TEXT },
	{ "json", OUT_JSON },
	{ "csv", OUT_CSV },
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
	static char names[64];

	/* From the table, so the message cannot miss a format. */
	if (!names[0])
		for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
			snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s",
				 i ? ", " : "", formats[i].name);
	return names;
}

static void *grow(struct out *o, void *arr, size_t *cap, size_t n, size_t size)
{
	void *p;

	if (n < *cap)
		return arr;
	p = realloc(arr, (*cap ? 2 * *cap : 32) * size);
	if (!p) {
		o->err = -ENOMEM;
		return NULL;
	}
	*cap = *cap ? 2 * *cap : 32;
	return p;
}

/* --- text: aligned "label  value" rows under headings; arrays as tables --- */

static char *text_format(const struct out_val *v)
{
	char buf[32];

	switch (v->type) {
	case V_STR:
		return strdup(v->s);
	case V_INT:
		snprintf(buf, sizeof(buf), "%lld", v->i);
		break;
	case V_BOOL:
		snprintf(buf, sizeof(buf), "%s", v->b ? "yes" : "no");
		break;
	case V_HEX32:
		snprintf(buf, sizeof(buf), "0x%08x", v->x);
		break;
	case V_NULL:
		snprintf(buf, sizeof(buf), "-");
		break;
	case V_DBL:
		snprintf(buf, sizeof(buf), "%.*f", v->digits, v->d);
		break;
	}
	return strdup(buf);
}

/* Takes ownership of label and value. */
static void text_add(struct out *o, int kind, char *label, char *value)
{
	struct text_row *rows = grow(o, o->rows, &o->cap, o->nrows, sizeof(*rows));

	if (!rows || !label || (kind != T_HEADING && !value)) {
		free(label);
		free(value);
		o->err = -ENOMEM;
		return;
	}
	o->rows = rows;
	rows[o->nrows++] = (struct text_row){ kind, o->depth, label, value };
}

static void str_add(struct out *o, char ***arr, size_t *n, size_t *cap, char *s)
{
	char **p = grow(o, *arr, cap, *n, sizeof(**arr));

	if (!p || !s) {
		free(s);
		o->err = -ENOMEM;
		return;
	}
	*arr = p;
	p[(*n)++] = s;
}

static void text_open(struct out *o, enum level lv, const char *key, const char *title)
{
	(void)key;
	if (lv == L_ROW) {
		o->table.row_start = o->table.ncells;
		return;
	}
	if (!o->record)
		text_add(o, T_HEADING, strdup(title), NULL);
	if (lv == L_ARRAY) {
		o->table = (struct text_table){ .depth = o->depth + 1 };
		o->in_table = true;
	}
}

static void table_row_done(struct out *o)
{
	struct text_table *t = &o->table;

	if (!t->headed)
		t->headed = true;
	else if (t->ncells - t->row_start != t->nhead)
		o->err = -EINVAL; /* every row has the first row's columns */
}

/* The table as finished lines: the header, then one line per row, columns aligned. */
static void table_render(struct out *o)
{
	struct text_table *t = &o->table;
	size_t ncols = t->nhead, widths[32] = { 0 };

	if (ncols == 0) {
		text_add(o, T_LINE, strdup(""), strdup("(none)"));
		return;
	}
	if (ncols > sizeof(widths) / sizeof(widths[0])) {
		o->err = -EINVAL;
		return;
	}
	for (size_t i = 0; i < ncols + t->ncells; i++) {
		const char *s = i < ncols ? t->head[i] : t->cells[i - ncols];
		size_t w = strlen(s);

		if (w > widths[i % ncols])
			widths[i % ncols] = w;
	}
	for (size_t r = 0; r <= t->ncells / ncols; r++) {
		char **cells = r == 0 ? t->head : t->cells + (r - 1) * ncols;
		char *line = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&line, &len);

		if (!f) {
			o->err = -ENOMEM;
			return;
		}
		for (size_t k = 0; k + 1 < ncols; k++)
			fprintf(f, "%-*s  ", (int)widths[k], cells[k]);
		fputs(cells[ncols - 1], f);
		if (fclose(f)) {
			free(line);
			o->err = -ENOMEM;
			return;
		}
		text_add(o, T_LINE, strdup(""), line);
	}
}

static void table_free(struct text_table *t)
{
	for (size_t i = 0; i < t->nhead; i++)
		free(t->head[i]);
	for (size_t i = 0; i < t->ncells; i++)
		free(t->cells[i]);
	free(t->head);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

static void text_close(struct out *o, enum level lv)
{
	if (lv == L_ROW) {
		table_row_done(o);
	} else if (lv == L_ARRAY) {
		int depth = o->depth;

		o->depth = o->table.depth;
		table_render(o);
		o->depth = depth;
		table_free(&o->table);
		o->in_table = false;
	}
}

static void text_value(struct out *o, const char *key, const char *label, const struct out_val *v)
{
	(void)key;
	if (o->in_table) {
		struct text_table *t = &o->table;

		/* The first row's labels become the header. */
		if (!t->headed)
			str_add(o, &t->head, &t->nhead, &t->headcap, strdup(label));
		str_add(o, &t->cells, &t->ncells, &t->cap, text_format(v));
		return;
	}
	text_add(o, T_PAIR, strdup(label), text_format(v));
}

static int text_render(struct out *o, FILE *f)
{
	int width = 0;

	if (o->record) {
		const char *sep = "";

		for (size_t i = 0; i < o->nrows; i++)
			if (o->rows[i].kind == T_PAIR) {
				fprintf(f, "%s%s=%s", sep, o->rows[i].label, o->rows[i].value);
				sep = " ";
			}
		fputc('\n', f);
		return 0;
	}
	for (size_t i = 0; i < o->nrows; i++) {
		int w = 2 * o->rows[i].depth + (int)strlen(o->rows[i].label);

		if (o->rows[i].kind == T_PAIR && w > width)
			width = w;
	}
	for (size_t i = 0; i < o->nrows; i++) {
		const struct text_row *r = &o->rows[i];
		int indent = 2 * r->depth;

		switch (r->kind) {
		case T_HEADING:
			/* A blank line before each top-level section but the first. */
			if (r->depth == 0 && i > 0)
				fputc('\n', f);
			fprintf(f, "%*s%s\n", indent, "", r->label);
			break;
		case T_PAIR:
			fprintf(f, "%*s%-*s  %s\n", indent, "", width - indent, r->label, r->value);
			break;
		case T_LINE:
			fprintf(f, "%*s%s\n", indent, "", r->value);
			break;
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
	table_free(&o->table);
}

static const struct out_ops text_ops = {
	text_open, text_close, text_value, text_render, text_destroy,
};

/* --- json: one object, sections as objects, arrays of row objects, through jansson --- */

/* Add v to the innermost open object (under key) or array. Steals v. */
static void json_put(struct out *o, const char *key, json_t *v)
{
	json_t *parent = o->stack[o->depth];
	int r;

	if (!v) {
		o->err = -ENOMEM;
		return;
	}
	r = json_is_array(parent) ? json_array_append_new(parent, v)
				  : json_object_set_new(parent, key, v);
	if (r)
		o->err = -ENOMEM;
}

static void json_open(struct out *o, enum level lv, const char *key, const char *title)
{
	json_t *v = lv == L_ARRAY ? json_array() : json_object();

	(void)title;
	if (!v) {
		o->err = -ENOMEM;
		return;
	}
	/* Borrowed for the stack; the parent owns it. */
	o->stack[o->depth + 1] = v;
	json_put(o, key, v);
}

static void json_close(struct out *o, enum level lv)
{
	(void)o, (void)lv;
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
	case V_DBL:
		json_put(o, key, json_real(v->d));
		break;
	}
}

static int json_render(struct out *o, FILE *f)
{
	size_t flags = o->record ? JSON_COMPACT : JSON_INDENT(2);

	if (json_dumpf(o->stack[0], f, flags) < 0)
		return -ENOMEM;
	fputc('\n', f);
	return 0;
}

static void json_destroy(struct out *o)
{
	json_decref(o->stack[0]);
}

static const struct out_ops json_ops = {
	json_open, json_close, json_value, json_render, json_destroy,
};

/* --- csv: RFC 4180, the first array as a table with a header row of keys --- */

/* A value as CSV wants it: null empty, booleans true/false, reals in full. */
static char *csv_format(const struct out_val *v)
{
	char buf[40];

	switch (v->type) {
	case V_NULL:
		return strdup("");
	case V_BOOL:
		return strdup(v->b ? "true" : "false");
	case V_DBL:
		snprintf(buf, sizeof(buf), "%.17g", v->d);
		return strdup(buf);
	default:
		return text_format(v);
	}
}

static void csv_open(struct out *o, enum level lv, const char *key, const char *title)
{
	(void)title;
	o->path[o->depth] = key;
	if (lv == L_ROW)
		o->table.row_start = o->table.ncells;
	else if (lv == L_ARRAY && !o->table.headed && o->table.nhead == 0)
		o->in_table = true; /* the first array only */
}

static void csv_close(struct out *o, enum level lv)
{
	if (lv == L_ROW && o->in_table)
		table_row_done(o);
	else if (lv == L_ARRAY)
		o->in_table = false;
}

static void csv_value(struct out *o, const char *key, const char *label, const struct out_val *v)
{
	struct text_table *t = &o->table;

	(void)label;
	if (!o->in_table) {
		/* Outside the table: kept as a "section.key", value pair. */
		struct text_table *p = &o->pairs;
		char *name = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&name, &len);

		if (!f) {
			o->err = -ENOMEM;
			return;
		}
		for (int i = 0; i < o->depth; i++)
			fprintf(f, "%s.", o->path[i] ? o->path[i] : "");
		fputs(key, f);
		if (fclose(f)) {
			free(name);
			o->err = -ENOMEM;
			return;
		}
		str_add(o, &p->cells, &p->ncells, &p->cap, name);
		str_add(o, &p->cells, &p->ncells, &p->cap, csv_format(v));
		return;
	}
	if (!t->headed)
		str_add(o, &t->head, &t->nhead, &t->headcap, strdup(key));
	str_add(o, &t->cells, &t->ncells, &t->cap, csv_format(v));
}

/* RFC 4180, 2.6-2.7: quote a field holding a comma, quote, CR or LF; double its quotes. */
static void csv_field(FILE *f, const char *s, bool last)
{
	if (strpbrk(s, ",\"\r\n")) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputs(last ? "\r\n" : ",", f);
}

static int csv_render(struct out *o, FILE *f)
{
	struct text_table *t = &o->table;

	/* No array: the document's scalars as key,value rows. */
	if (t->nhead == 0) {
		csv_field(f, "key", false);
		csv_field(f, "value", true);
		for (size_t i = 0; i < o->pairs.ncells; i++)
			csv_field(f, o->pairs.cells[i], i % 2 == 1);
		return 0;
	}
	for (size_t i = 0; i < t->nhead; i++)
		csv_field(f, t->head[i], i + 1 == t->nhead);
	for (size_t i = 0; i < t->ncells; i++)
		csv_field(f, t->cells[i], (i + 1) % t->nhead == 0);
	return 0;
}

static void csv_destroy(struct out *o)
{
	text_destroy(o);
	table_free(&o->pairs);
}

static const struct out_ops csv_ops = {
	csv_open, csv_close, csv_value, csv_render, csv_destroy,
};

/* --- the public interface --- */

static struct out *new_out(enum out_format fmt, const char *command, bool record)
{
	struct out *o = calloc(1, sizeof(*o));

	if (!o)
		return NULL;
	o->record = record;
	o->ops = fmt == OUT_CSV ? &csv_ops : &text_ops;
	if (fmt == OUT_NONE)
		o->quiet = true;
	if (fmt == OUT_JSON) {
		o->ops = &json_ops;
		o->stack[0] = json_object();
		if (!o->stack[0]) {
			free(o);
			return NULL;
		}
		json_put(o, "schema", json_integer(OUT_SCHEMA_VERSION));
		json_put(o, "command", json_string(command));
	}
	return o;
}

struct out *out_new(enum out_format fmt, const char *command)
{
	return new_out(fmt, command, false);
}

struct out *out_new_record(enum out_format fmt, const char *command)
{
	return new_out(fmt, command, true);
}

static enum level top(const struct out *o)
{
	return o->depth ? o->levels[o->depth - 1] : L_SECTION;
}

static void open_level(struct out *o, enum level lv, const char *key, const char *title)
{
	/* Rows live in arrays, and only there; arrays do not nest. */
	bool ok = lv == L_ROW ? o->depth > 0 && top(o) == L_ARRAY : top(o) == L_SECTION;

	if (lv == L_ARRAY)
		for (int i = 0; i < o->depth; i++)
			ok = ok && o->levels[i] == L_SECTION;
	if (!ok || o->depth == OUT_MAX_DEPTH) {
		o->err = -EINVAL;
		return;
	}
	if (o->err)
		return;
	o->ops->open(o, lv, key, title);
	o->levels[o->depth++] = lv;
}

static void close_level(struct out *o, enum level lv)
{
	if (o->depth == 0 || top(o) != lv) {
		o->err = -EINVAL;
		return;
	}
	if (o->err)
		return;
	o->depth--;
	o->ops->close(o, lv);
}

void out_section(struct out *o, const char *key, const char *title)
{
	open_level(o, L_SECTION, key, title);
}

void out_end_section(struct out *o)
{
	close_level(o, L_SECTION);
}

void out_array(struct out *o, const char *key, const char *title)
{
	open_level(o, L_ARRAY, key, title);
}

void out_end_array(struct out *o)
{
	close_level(o, L_ARRAY);
}

void out_row(struct out *o)
{
	open_level(o, L_ROW, NULL, NULL);
}

void out_end_row(struct out *o)
{
	close_level(o, L_ROW);
}

static void out_value(struct out *o, const char *key, const char *label, struct out_val v)
{
	if (o->depth > 0 && top(o) == L_ARRAY)
		o->err = -EINVAL;
	if (!o->err)
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

void out_double(struct out *o, const char *key, const char *label, double val, int digits)
{
	out_value(o, key, label, (struct out_val){ .type = V_DBL, .d = val, .digits = digits });
}

int out_finish(struct out *o, FILE *f)
{
	char *buf = NULL;
	size_t len = 0;
	int err = o->err;

	if (!err && o->depth != 0)
		err = -EINVAL;
	/* Render to memory first: the reader gets the whole document or nothing. */
	if (!err && !o->quiet) {
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
	out_discard(o);
	return err;
}

void out_discard(struct out *o)
{
	o->ops->destroy(o);
	free(o);
}
