// SPDX-License-Identifier: GPL-2.0-only
/* Benchmark results: the model bench and plot share, their document, and loading saved ones. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "results.h"

/* The per-operation figures of a result: JSON key, table label, where in pk_stats, decimals. */
static const struct {
	const char *key, *label;
	size_t offset;
	int digits;
} stat_columns[] = {
	{ "ns_median", "MEDIAN NS", offsetof(struct pk_stats, median), 1 },
	{ "ns_min", "MIN", offsetof(struct pk_stats, min), 1 },
	{ "ns_mean", "MEAN", offsetof(struct pk_stats, mean), 1 },
	{ "ns_p5", "P5", offsetof(struct pk_stats, p5), 1 },
	{ "ns_p95", "P95", offsetof(struct pk_stats, p95), 1 },
	{ "ns_p99", "P99", offsetof(struct pk_stats, p99), 1 },
	{ "ns_stddev", "STDDEV", offsetof(struct pk_stats, stddev), 1 },
	{ "cv", "CV", offsetof(struct pk_stats, cv), 3 },
};

/* Column i of *st, to read or to set. */
static double *stat_at(struct pk_stats *st, size_t i)
{
	return (double *)((char *)st + stat_columns[i].offset);
}

#define N_STATS (sizeof(stat_columns) / sizeof(stat_columns[0]))

void pk_results_out(struct out *o, const struct pk_results *r, bool compared)
{
	const struct pk_context *c = &r->ctx;

	out_section(o, "context", "Context");
	out_str(o, "pkeyctl", "pkeyctl", c->version);
	out_str(o, "cpu", "CPU", c->cpu);
	out_str(o, "kernel", "kernel", c->kernel);
	out_str(o, "hypervisor", "hypervisor", c->hypervisor[0] ? c->hypervisor : NULL);
	out_bool(o, "emulated", "emulated CPU (not hardware timings)", c->emulated);
	if (c->tsc_hz > 0)
		out_double(o, "tsc_hz", "TSC frequency (Hz)", c->tsc_hz, 0);
	else
		out_null(o, "tsc_hz", "TSC frequency (Hz)");
	out_int(o, "cpu_pinned", "pinned to CPU", c->cpu_pinned);
	out_str(o, "cycles", "core cycles", c->cycles_source);
	out_str(o, "date", "date", c->date);
	out_int(o, "samples", "samples per benchmark", c->samples);
	out_double(o, "min_time_ms", "minimum sample time (ms)", c->min_time_ms, 1);
	out_end_section(o);

	out_array(o, "results", "Results (per operation; ns less the empty loop)");
	for (size_t i = 0; i < r->n; i++) {
		const struct pk_result *x = &r->v[i];
		struct pk_stats s = x->ns;

		out_row(o);
		out_str(o, "name", "BENCHMARK", x->name);
		if (x->region)
			out_int(o, "region_bytes", "REGION", (long long)x->region);
		else
			out_null(o, "region_bytes", "REGION");
		out_bool(o, "measured", "RAN", x->measured);
		for (size_t k = 0; k < N_STATS; k++)
			if (x->measured)
				out_double(o, stat_columns[k].key, stat_columns[k].label,
					   *stat_at(&s, k), stat_columns[k].digits);
			else
				out_null(o, stat_columns[k].key, stat_columns[k].label);
		if (x->measured) {
			out_int(o, "samples", "N", (long long)s.n);
			out_int(o, "batch", "BATCH", (long long)x->batch);
		} else {
			out_null(o, "samples", "N");
			out_null(o, "batch", "BATCH");
		}
		if (x->measured && x->ticks_valid)
			out_double(o, "tsc_ticks", "TICKS", x->ticks_median, 1);
		else
			out_null(o, "tsc_ticks", "TICKS");
		if (x->measured && x->cycles_valid)
			out_double(o, "cycles", "CYCLES", x->cycles_median, 1);
		else
			out_null(o, "cycles", "CYCLES");
		if (compared) {
			if (x->ratio > 0)
				out_double(o, "ratio", "RATIO", x->ratio, 2);
			else
				out_null(o, "ratio", "RATIO");
		}
		out_str(o, "reason", "NOTE", x->measured ? NULL : x->reason);
		out_end_row(o);
	}
	out_end_array(o);
}

void pk_results_title(const struct pk_context *ctx, char *buf, size_t len)
{
	snprintf(buf, len, "pkeyctl bench: %s, Linux %s, %s%s: %s", ctx->cpu, ctx->kernel,
		 ctx->hypervisor[0] ? "under " : "bare metal", ctx->hypervisor,
		 ctx->emulated ? "EMULATED CPU, emulator timings, not hardware figures"
			       : "CPU not emulated");
}

static const char *jstr(json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));

	return s ? s : "";
}

static double jnum(json_t *obj, const char *key)
{
	return json_number_value(json_object_get(obj, key));
}

int pk_results_load(const char *path, struct pk_results *r, char *err, size_t errlen)
{
	json_error_t jerr;
	json_t *doc, *ctx, *rows, *row;
	size_t i;
	FILE *f = fopen(path, "r");

	memset(r, 0, sizeof(*r));
	if (!f)
		return -errno;
	doc = json_loadf(f, 0, &jerr);
	fclose(f);
	if (!doc) {
		snprintf(err, errlen, "%s: not JSON (line %d: %s)", path, jerr.line, jerr.text);
		return -EINVAL;
	}
	ctx = json_object_get(doc, "context");
	rows = json_object_get(doc, "results");
	if (json_integer_value(json_object_get(doc, "schema")) != OUT_SCHEMA_VERSION ||
	    strcmp(jstr(doc, "command"), "bench") != 0 || !json_is_object(ctx) ||
	    !json_is_array(rows)) {
		snprintf(err, errlen, "%s: not the JSON of 'pkeyctl bench' (schema %d)", path,
			 OUT_SCHEMA_VERSION);
		json_decref(doc);
		return -EINVAL;
	}
	snprintf(r->ctx.version, sizeof(r->ctx.version), "%s", jstr(ctx, "pkeyctl"));
	snprintf(r->ctx.cpu, sizeof(r->ctx.cpu), "%s", jstr(ctx, "cpu"));
	snprintf(r->ctx.kernel, sizeof(r->ctx.kernel), "%s", jstr(ctx, "kernel"));
	snprintf(r->ctx.hypervisor, sizeof(r->ctx.hypervisor), "%s", jstr(ctx, "hypervisor"));
	snprintf(r->ctx.cycles_source, sizeof(r->ctx.cycles_source), "%s", jstr(ctx, "cycles"));
	snprintf(r->ctx.date, sizeof(r->ctx.date), "%s", jstr(ctx, "date"));
	r->ctx.emulated = json_is_true(json_object_get(ctx, "emulated"));
	r->ctx.tsc_hz = jnum(ctx, "tsc_hz");
	r->ctx.cpu_pinned = (int)json_integer_value(json_object_get(ctx, "cpu_pinned"));
	r->ctx.samples = (unsigned int)json_integer_value(json_object_get(ctx, "samples"));
	r->ctx.min_time_ms = jnum(ctx, "min_time_ms");
	r->v = calloc(json_array_size(rows) + 1, sizeof(*r->v));
	if (!r->v) {
		json_decref(doc);
		return -ENOMEM;
	}
	json_array_foreach(rows, i, row)
	{
		struct pk_result *x = &r->v[r->n++];

		snprintf(x->name, sizeof(x->name), "%s", jstr(row, "name"));
		snprintf(x->reason, sizeof(x->reason), "%s", jstr(row, "reason"));
		x->region = (size_t)json_integer_value(json_object_get(row, "region_bytes"));
		x->measured = json_is_true(json_object_get(row, "measured"));
		for (size_t k = 0; k < N_STATS; k++)
			*stat_at(&x->ns, k) = jnum(row, stat_columns[k].key);
		x->ns.n = (size_t)json_integer_value(json_object_get(row, "samples"));
		x->batch = (unsigned long long)json_integer_value(json_object_get(row, "batch"));
		x->ticks_valid = json_is_number(json_object_get(row, "tsc_ticks"));
		x->ticks_median = jnum(row, "tsc_ticks");
		x->cycles_valid = json_is_number(json_object_get(row, "cycles"));
		x->cycles_median = jnum(row, "cycles");
		if (!x->name[0]) {
			snprintf(err, errlen, "%s: result %zu has no name", path, i + 1);
			json_decref(doc);
			pk_results_free(r);
			return -EINVAL;
		}
	}
	json_decref(doc);
	return 0;
}

void pk_results_free(struct pk_results *r)
{
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

void pk_results_compare(struct pk_results *r, const struct pk_results *old)
{
	for (size_t i = 0; i < r->n; i++) {
		struct pk_result *x = &r->v[i];

		x->ratio = 0;
		for (size_t j = 0; j < old->n; j++) {
			const struct pk_result *y = &old->v[j];

			if (x->measured && y->measured && y->ns.median > 0 &&
			    strcmp(x->name, y->name) == 0 && x->region == y->region)
				x->ratio = x->ns.median / y->ns.median;
		}
	}
}
