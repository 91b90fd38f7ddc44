// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests: the benchmark registry, and the results document (JSON, CSV) and its loader. */
#include <errno.h>
#include <unistd.h>

#include <jansson.h>

#include "bench/bench.h"
#include "fixtures.h"
#include "results.h"

static const struct pk_bench_env no_keys = { false, "protection keys not usable here (x)", true };
static const struct pk_bench_env keys = { true, NULL, true };
static const struct pk_bench_env old_glibc = { true, NULL, false };

static void test_registry(void **state)
{
	int n = 0;

	(void)state;
	for (const struct pk_bench *const *b = pk_benches; *b; b++, n++) {
		assert_non_null((*b)->name);
		assert_true(strlen((*b)->summary) > 10);
		assert_non_null((*b)->run);
		/* Names are JSON values and command-line words: lowercase ids. */
		for (const char *c = (*b)->name; *c; c++)
			assert_true((*c >= 'a' && *c <= 'z') || *c == '_');
		for (const struct pk_bench *const *o = pk_benches; o != b; o++)
			assert_string_not_equal((*o)->name, (*b)->name);
		/* What sets up state tears it down. */
		if ((*b)->setup)
			assert_non_null((*b)->teardown);
		/* Where keys are usable and glibc is new, everything runs. */
		if ((*b)->unsupported)
			assert_null((*b)->unsupported(&keys));
	}
	assert_true(n >= 12);
	assert_ptr_equal(pk_benches[0], &bench_loop); /* the baseline comes first */
}

static void test_reasons(void **state)
{
	const char *need_keys[] = {
		"rdpkru",	   "wrpkru",	    "pkey_get",	  "pkey_set",
		"pkey_alloc_free", "pkey_mprotect", "pkey_fault", "sweep_wrpkru"
	};
	const char *anywhere[] = { "loop", "getppid", "mprotect", "sweep_mprotect" };

	(void)state;
	for (const struct pk_bench *const *b = pk_benches; *b; b++) {
		const char *why = (*b)->unsupported ? (*b)->unsupported(&no_keys) : NULL;
		bool needs = false, free_ = false;

		for (size_t i = 0; i < sizeof(need_keys) / sizeof(need_keys[0]); i++)
			needs = needs || strcmp((*b)->name, need_keys[i]) == 0;
		for (size_t i = 0; i < sizeof(anywhere) / sizeof(anywhere[0]); i++)
			free_ = free_ || strcmp((*b)->name, anywhere[i]) == 0;
		assert_true(needs != free_);
		if (needs)
			assert_non_null(why);
		else
			assert_null(why);
		/* glibc's wrappers are their own condition. */
		if (strcmp((*b)->name, "pkey_get") == 0 || strcmp((*b)->name, "pkey_set") == 0)
			assert_non_null(strstr((*b)->unsupported(&old_glibc), "glibc"));
		assert_int_equal((*b)->sweep, strncmp((*b)->name, "sweep_", 6) == 0);
	}
	assert_int_equal(pk_sweep_sizes[0], 4096);
	for (int i = 0; pk_sweep_sizes[i]; i++)
		if (!pk_sweep_sizes[i + 1])
			assert_int_equal(pk_sweep_sizes[i], 64 << 20);
}

static struct pk_result sample_result(const char *name, size_t region, double median)
{
	struct pk_result x = { .region = region, .measured = true, .batch = 1000 };

	snprintf(x.name, sizeof(x.name), "%s", name);
	x.ns = (struct pk_stats){ 30,		median * 0.9,
				  median * 1.5, median * 1.01,
				  median,	median * 0.95,
				  median * 1.2, median * 1.4,
				  median * 0.1, 0.1 };
	x.ticks_valid = true;
	x.ticks_median = median * 2.6;
	return x;
}

static void sample_results(struct pk_results *r, struct pk_result *v)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->ctx.version, sizeof(r->ctx.version), "0.1.0");
	snprintf(r->ctx.cpu, sizeof(r->ctx.cpu), "Test CPU, \"quoted\"");
	snprintf(r->ctx.kernel, sizeof(r->ctx.kernel), "6.1.0");
	snprintf(r->ctx.hypervisor, sizeof(r->ctx.hypervisor), "QEMU TCG");
	r->ctx.emulated = true;
	r->ctx.samples = 30;
	r->ctx.min_time_ms = 10;
	v[0] = sample_result("getppid", 0, 110.5);
	v[1] = sample_result("sweep_mprotect", 4096, 1700);
	memset(&v[2], 0, sizeof(v[2]));
	snprintf(v[2].name, sizeof(v[2].name), "wrpkru");
	snprintf(v[2].reason, sizeof(v[2].reason), "skipped: no keys, \"here\"");
	r->v = v;
	r->n = 3;
}

static char *render(const struct pk_results *r, enum out_format fmt, bool compared)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct out *o = out_new(fmt, "bench");

	pk_results_out(o, r, compared);
	assert_int_equal(out_finish(o, f), 0);
	fclose(f);
	return buf;
}

static void test_csv(void **state)
{
	struct pk_result v[3];
	struct pk_results r;
	char *csv;

	(void)state;
	sample_results(&r, v);
	csv = render(&r, OUT_CSV, false);
	/* RFC 4180: a header row, CRLF line ends, quoted fields with doubled quotes. */
	assert_true(strncmp(csv, "name,region_bytes,measured,ns_median,", 37) == 0);
	assert_non_null(strstr(csv, "\r\ngetppid,,true,110.5,"));
	assert_non_null(strstr(csv, "\r\nsweep_mprotect,4096,true,1700,"));
	assert_non_null(strstr(csv, "\r\nwrpkru,,false,,"));
	assert_non_null(strstr(csv, ",\"skipped: no keys, \"\"here\"\"\"\r\n"));
	/* Three rows and a header, every one with the same number of fields. */
	int lines = 0, fields = -1;
	for (char *l = csv; *l; lines++) {
		char *end = strstr(l, "\r\n");
		int n = 1;
		bool q = false;

		assert_non_null(end);
		for (char *c = l; c < end; c++) {
			if (*c == '"')
				q = !q;
			n += !q && *c == ',';
		}
		if (fields >= 0)
			assert_int_equal(n, fields);
		fields = n;
		l = end + 2;
	}
	assert_int_equal(lines, 4);
	free(csv);
}

static void test_json_round_trip(void **state)
{
	struct pk_result v[3];
	struct pk_results r, back;
	char path[] = "/tmp/pkeyctl-test-XXXXXX", err[256] = "", *json;
	int fd = mkstemp(path);

	(void)state;
	sample_results(&r, v);
	json = render(&r, OUT_JSON, false);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, json, strlen(json)), (ssize_t)strlen(json));
	close(fd);
	assert_int_equal(pk_results_load(path, &back, err, sizeof(err)), 0);
	assert_int_equal(back.n, 3);
	assert_string_equal(back.ctx.cpu, "Test CPU, \"quoted\"");
	assert_true(back.ctx.emulated);
	assert_string_equal(back.v[1].name, "sweep_mprotect");
	assert_int_equal(back.v[1].region, 4096);
	assert_float_equal(back.v[0].ns.median, 110.5, 1e-9);
	assert_float_equal(back.v[0].ns.p95, 110.5 * 1.2, 1e-9);
	assert_false(back.v[2].measured);
	assert_string_equal(back.v[2].reason, "skipped: no keys, \"here\"");
	/* Compared with itself, every measured ratio is 1; the skipped one has none. */
	pk_results_compare(&back, &r);
	assert_float_equal(back.v[0].ratio, 1, 1e-12);
	assert_float_equal(back.v[1].ratio, 1, 1e-12);
	assert_float_equal(back.v[2].ratio, 0, 0);
	pk_results_free(&back);
	free(json);
	unlink(path);
}

static void test_load_rejects(void **state)
{
	struct pk_results r;
	char path[] = "/tmp/pkeyctl-test-XXXXXX", err[256];
	const char *docs[] = {
		"not json", "{\"schema\": 1, \"command\": \"probe\"}",
		"{\"schema\": 2, \"command\": \"bench\", \"context\": {}, \"results\": []}",
		"{\"schema\": 1, \"command\": \"bench\", \"context\": {}, "
		"\"results\": [{}]}"
	};
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		FILE *f = fopen(path, "w");

		fputs(docs[i], f);
		fclose(f);
		err[0] = '\0';
		assert_int_equal(pk_results_load(path, &r, err, sizeof(err)), -EINVAL);
		assert_non_null(strstr(err, path));
	}
	unlink(path);
	assert_int_equal(pk_results_load(path, &r, err, sizeof(err)), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry),     cmocka_unit_test(test_reasons),
		cmocka_unit_test(test_csv),	     cmocka_unit_test(test_json_round_trip),
		cmocka_unit_test(test_load_rejects),
	};

	return cmocka_run_group_tests_name("bench", tests, NULL, NULL);
}
