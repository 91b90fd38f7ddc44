// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests: the output layer's renderers, JSON escaping, and write failures. */
#include <errno.h>

#include <jansson.h>

#include "fixtures.h"
#include "out.h"

static void build(struct out *o)
{
	out_section(o, "cpu", "CPU");
	out_str(o, "brand", "brand", "quote \" backslash \\ tab \t bell \a");
	out_int(o, "family", "family", 25);
	out_bool(o, "pku", "PKU", false);
	out_hex32(o, "pkru", "PKRU", 0x55555554);
	out_str(o, "missing", "missing", NULL);
	out_end_section(o);
	out_int(o, "keys", "keys", -1);
}

/* Render into memory; the text, to free(). */
static char *render(enum out_format fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct out *o = out_new(fmt, "probe");

	assert_non_null(f);
	assert_non_null(o);
	build(o);
	assert_int_equal(out_finish(o, f), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void test_json(void **state)
{
	char *text = render(OUT_JSON);
	json_error_t jerr;
	json_t *doc = json_loads(text, 0, &jerr), *cpu;

	(void)state;
	assert_non_null(doc);
	assert_int_equal(json_integer_value(json_object_get(doc, "schema")), OUT_SCHEMA_VERSION);
	assert_string_equal(json_string_value(json_object_get(doc, "command")), "probe");
	cpu = json_object_get(doc, "cpu");
	assert_true(json_is_object(cpu));
	/* Control characters and quotes survive the round trip. */
	assert_string_equal(json_string_value(json_object_get(cpu, "brand")),
			    "quote \" backslash \\ tab \t bell \a");
	assert_int_equal(json_integer_value(json_object_get(cpu, "family")), 25);
	assert_true(json_is_false(json_object_get(cpu, "pku")));
	assert_string_equal(json_string_value(json_object_get(cpu, "pkru")), "0x55555554");
	assert_true(json_is_null(json_object_get(cpu, "missing")));
	assert_int_equal(json_integer_value(json_object_get(doc, "keys")), -1);
	assert_non_null(strstr(text, "\\u0007"));
	json_decref(doc);
	free(text);
}

static void test_text(void **state)
{
	char *text = render(OUT_TEXT);

	(void)state;
	/* Labels padded to one column, nested rows indented by two. */
	assert_non_null(strstr(text, "CPU\n  brand    quote"));
	assert_non_null(strstr(text, "  family   25\n"));
	assert_non_null(strstr(text, "  PKU      no\n"));
	assert_non_null(strstr(text, "  PKRU     0x55555554\n"));
	assert_non_null(strstr(text, "  missing  -\n"));
	assert_non_null(strstr(text, "keys       -1\n"));
	free(text);
}

static void test_none(void **state)
{
	char *text = render(OUT_NONE);

	(void)state;
	assert_string_equal(text, "");
	free(text);
}

static void test_unbalanced(void **state)
{
	struct out *o = out_new(OUT_TEXT, "probe");

	(void)state;
	out_section(o, "a", "A");
	assert_int_equal(out_finish(o, stdout), -EINVAL);
	o = out_new(OUT_JSON, "probe");
	out_end_section(o);
	assert_int_equal(out_finish(o, stdout), -EINVAL);
}

static void test_write_error(void **state)
{
	FILE *full = fopen("/dev/full", "w");
	struct out *o = out_new(OUT_JSON, "probe");

	(void)state;
	assert_non_null(full);
	build(o);
	assert_int_equal(out_finish(o, full), -ENOSPC);
	fclose(full);
}

static void test_format_names(void **state)
{
	enum out_format fmt = OUT_NONE;

	(void)state;
	assert_int_equal(out_format_parse("json", &fmt), 0);
	assert_int_equal(fmt, OUT_JSON);
	assert_int_equal(out_format_parse("text", &fmt), 0);
	assert_int_equal(fmt, OUT_TEXT);
	assert_int_equal(out_format_parse("JSON", &fmt), -EINVAL);
	assert_int_equal(out_format_parse("", &fmt), -EINVAL);
}

static void table(struct out *o)
{
	out_array(o, "keys", "Keys");
	for (int k = 0; k < 3; k++) {
		out_row(o);
		out_int(o, "key", "KEY", k * 7);
		out_str(o, "meaning", "MEANING", k ? "no access" : "read/write");
		out_end_row(o);
	}
	out_end_array(o);
}

static char *render_with(enum out_format fmt, bool record, void (*fill)(struct out *o))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct out *o = record ? out_new_record(fmt, "pkru") : out_new(fmt, "pkru");

	assert_non_null(f);
	fill(o);
	assert_int_equal(out_finish(o, f), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void test_table_text(void **state)
{
	char *text = render_with(OUT_TEXT, false, table);

	(void)state;
	assert_string_equal(text, "Keys\n"
				  "  KEY  MEANING\n"
				  "  0    read/write\n"
				  "  7    no access\n"
				  "  14   no access\n");
	free(text);
}

static void test_table_json(void **state)
{
	char *text = render_with(OUT_JSON, false, table);
	json_t *doc = json_loads(text, 0, NULL), *keys;

	(void)state;
	assert_non_null(doc);
	keys = json_object_get(doc, "keys");
	assert_true(json_is_array(keys));
	assert_int_equal(json_array_size(keys), 3);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(keys, 2), "key")), 14);
	json_decref(doc);
	free(text);
}

static void empty_table(struct out *o)
{
	out_array(o, "keys", "Keys");
	out_end_array(o);
}

static void test_table_empty(void **state)
{
	char *text = render_with(OUT_TEXT, false, empty_table);

	(void)state;
	assert_string_equal(text, "Keys\n  (none)\n");
	free(text);
}

static void step(struct out *o)
{
	out_int(o, "line", "line", 3);
	out_str(o, "step", "step", "alloc");
	out_int(o, "key", "key", 1);
}

static void test_record(void **state)
{
	char *text = render_with(OUT_TEXT, true, step);

	(void)state;
	assert_string_equal(text, "line=3 step=alloc key=1\n");
	free(text);
	text = render_with(OUT_JSON, true, step);
	assert_string_equal(text,
			    "{\"schema\":1,\"command\":\"pkru\",\"line\":3,\"step\":\"alloc\","
			    "\"key\":1}\n");
	free(text);
}

/* Documents the layer refuses to render: all -EINVAL, nothing written. */
static void test_malformed(void **state)
{
	enum out_format fmts[] = { OUT_TEXT, OUT_JSON };

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		struct out *o = out_new(fmts[i], "x");

		out_row(o); /* a row outside an array */
		assert_int_equal(out_finish(o, stdout), -EINVAL);
		o = out_new(fmts[i], "x");
		out_array(o, "a", "A");
		out_row(o);
		out_array(o, "b", "B"); /* nested */
		assert_int_equal(out_finish(o, stdout), -EINVAL);
		o = out_new(fmts[i], "x");
		out_array(o, "a", "A");
		out_int(o, "k", "K", 1); /* a value straight in an array */
		assert_int_equal(out_finish(o, stdout), -EINVAL);
		o = out_new(fmts[i], "x");
		out_section(o, "s", "S");
		out_end_array(o); /* closes the wrong level */
		assert_int_equal(out_finish(o, stdout), -EINVAL);
	}
}

static void ragged(struct out *o)
{
	out_array(o, "a", "A");
	out_row(o);
	out_int(o, "x", "X", 1);
	out_end_row(o);
	out_row(o);
	out_int(o, "x", "X", 1);
	out_int(o, "y", "Y", 2);
	out_end_row(o);
	out_end_array(o);
}

static void test_ragged_table(void **state)
{
	struct out *o = out_new(OUT_TEXT, "x");

	(void)state;
	ragged(o);
	assert_int_equal(out_finish(o, stdout), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json),	    cmocka_unit_test(test_text),
		cmocka_unit_test(test_none),	    cmocka_unit_test(test_unbalanced),
		cmocka_unit_test(test_write_error), cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_table_text),  cmocka_unit_test(test_table_json),
		cmocka_unit_test(test_table_empty), cmocka_unit_test(test_record),
		cmocka_unit_test(test_malformed),   cmocka_unit_test(test_ragged_table),
	};

	return cmocka_run_group_tests_name("out", tests, NULL, NULL);
}
