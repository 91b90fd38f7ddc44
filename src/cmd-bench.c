// SPDX-License-Identifier: GPL-2.0-only
/* pkeyctl bench: microbenchmarks of protection keys, with statistics, output files and charts. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "bench/harness.h"
#include "pkeyctl.h"
#include "plot.h"
#include "probe.h"
#include "verdict.h"

#define MAX_SAMPLES	100000ull
#define MAX_MIN_TIME_MS 10000ull

enum {
	OPT_LIST = 'l',
	OPT_SAMPLES = 's',
	OPT_MIN_TIME = 'm',
	OPT_OUTPUT = 'o',
	OPT_PLOT = 'P',
	OPT_COMPARE = 'c',
	OPT_QUICK = 0x200
};

struct bench_args {
	bool list, quick, plot;
	unsigned long long samples, min_ms;
	const char *output, *plot_file, *compare;
	const struct pk_bench *only[32];
	int nonly;
};

static const struct argp_option bench_options[] = {
	{ "list", OPT_LIST, NULL, 0, "list the benchmarks, and whether each can run here", 0 },
	{ "quick", OPT_QUICK, NULL, 0, "a short run: 10 samples of 2 ms, three region sizes", 0 },
	{ "samples", OPT_SAMPLES, "N", 0, "samples per benchmark (default 30)", 0 },
	{ "min-time", OPT_MIN_TIME, "MS", 0,
	  "each sample lasts at least MS milliseconds (default 10)", 0 },
	{ 0 },
};

/* What bench and plot share, as an argp child of both: where results and charts go. */
static const struct argp_option report_options[] = {
	{ "output", OPT_OUTPUT, "FILE", 0,
	  "also write the results to FILE, whole or not at all (.json, .csv, else --format)", 0 },
	{ "plot", OPT_PLOT, "FILE", OPTION_ARG_OPTIONAL,
	  "draw the results with gnuplot: on the terminal, or into FILE (.png, .svg, .pdf)", 0 },
	{ "compare", OPT_COMPARE, "OLD.json", 0,
	  "show each benchmark's median as a ratio to a saved run's", 0 },
	{ 0 },
};

static const struct pk_bench *find_bench(const char *name)
{
	for (const struct pk_bench *const *b = pk_benches; *b; b++)
		if (strcmp((*b)->name, name) == 0)
			return *b;
	return NULL;
}

static error_t report_parse(int key, char *arg, struct argp_state *state)
{
	struct bench_args *a = state->input;
	enum pk_plot_target t;

	switch (key) {
	case OPT_OUTPUT:
		a->output = arg;
		return 0;
	case OPT_PLOT:
		a->plot = true;
		a->plot_file = arg;
		if (arg && pk_plot_target(arg, &t))
			return pk_usage_error(state,
					      "unknown chart type '%s' (expected .png, .svg "
					      "or .pdf)",
					      arg);
		return 0;
	case OPT_COMPARE:
		a->compare = arg;
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static const struct argp report_argp = {
	report_options, report_parse, NULL, NULL, NULL, NULL, NULL
};
static const struct argp_child report_child[] = { { &report_argp, 0, NULL, 0 }, { 0 } };

static error_t bench_parse(int key, char *arg, struct argp_state *state)
{
	struct bench_args *a = state->input;
	const struct pk_bench *b;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = a;
		return 0;
	case OPT_LIST:
		a->list = true;
		return 0;
	case OPT_QUICK:
		a->quick = true;
		return 0;
	case OPT_SAMPLES:
		return pk_arg_uint(state, "sample count", arg, 1, MAX_SAMPLES, &a->samples);
	case OPT_MIN_TIME:
		return pk_arg_uint(state, "minimum time", arg, 1, MAX_MIN_TIME_MS, &a->min_ms);
	case ARGP_KEY_ARG:
		b = find_bench(arg);
		if (!b)
			return pk_usage_error(state,
					      "unknown benchmark '%s' (see 'pkeyctl bench "
					      "--list')",
					      arg);
		if (a->nonly == (int)(sizeof(a->only) / sizeof(a->only[0])))
			return pk_usage_error(state, "too many benchmarks named");
		a->only[a->nonly++] = b;
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

const struct argp cmd_bench_argp = {
	bench_options,
	bench_parse,
	"[BENCHMARK...]",
	"Measure what protection keys cost: pkey_alloc/pkey_free, RDPKRU and WRPKRU, glibc's "
	"pkey_get/pkey_set, pkey_mprotect against mprotect, a protection-key fault, and one access "
	"switch by mprotect against WRPKRU as the region grows from 4 KiB to 64 MiB. Pinned to "
	"one CPU, each benchmark is warmed up, its batch calibrated so that a sample lasts at "
	"least --min-time, and sampled; the empty loop's cost is subtracted. Per operation: ns, "
	"TSC ticks (RDTSCP) and core cycles where perf allows, with min, median, mean, p5, p95, "
	"p99, standard deviation and coefficient of variation. Benchmarks that cannot run here "
	"are skipped with the reason. Under an emulated CPU (QEMU TCG) the figures are emulator "
	"timings, and the results say so.\v"
	"Exit status: 0 measured, 1 a benchmark failed, 2 a file could not be read or written, or "
	"no chart (gnuplot missing: the numbers are still printed and written), 4 none of the "
	"benchmarks asked for can run here.\n"
	"\n"
	"EXAMPLES\n"
	"  pkeyctl bench --list\n"
	"  pkeyctl bench --quick --plot\n"
	"  pkeyctl bench --output run.json --plot=run.png\n"
	"  pkeyctl bench getppid wrpkru --samples 100 --compare run.json\n"
	"  pkeyctl bench --csv > results.csv\n",
	report_child,
	NULL,
	NULL,
};

static void bench_list(struct out *o, const struct pk_bench_env *env)
{
	out_array(o, "benchmarks", "Benchmarks");
	for (const struct pk_bench *const *b = pk_benches; *b; b++) {
		const char *why = (*b)->unsupported ? (*b)->unsupported(env) : NULL;

		out_row(o);
		out_str(o, "name", "BENCHMARK", (*b)->name);
		out_bool(o, "runs_here", "RUNS HERE", !why);
		out_str(o, "summary", "WHAT", (*b)->summary);
		out_str(o, "reason", "WHY NOT", why);
		out_end_row(o);
	}
	out_end_array(o);
}

/* The environment the benchmarks check against, and the context results carry. */
static void gather(struct pk_bench_env *env, char *reason, size_t len, struct pk_context *ctx)
{
	struct pk_evidence ev;
	struct pk_verdict v;
	time_t now = time(NULL);

	memset(env, 0, sizeof(*env));
	if (pk_probe(&ev) == 0) {
		pk_decide(&ev, &v);
		env->keys_usable = v.usable;
		snprintf(reason, len, "protection keys not usable here (%s)",
			 pk_reason_id(v.reason));
		env->glibc_wrappers = ev.glibc_wrappers;
	} else {
		snprintf(reason, len, "protection keys not usable here (the probe failed)");
	}
	env->keys_reason = reason;
	snprintf(ctx->version, sizeof(ctx->version), "%s", PKEYCTL_VERSION);
	snprintf(ctx->cpu, sizeof(ctx->cpu), "%s", ev.cpu.brand[0] ? ev.cpu.brand : ev.cpu.arch);
	snprintf(ctx->kernel, sizeof(ctx->kernel), "%s", ev.kernel_release);
	snprintf(ctx->hypervisor, sizeof(ctx->hypervisor), "%s",
		 ev.cpu.hypervisor ? ev.cpu.hypervisor_name ? ev.cpu.hypervisor_name : "unnamed"
				   : "");
	/* TCG is QEMU's emulator: its timings are the emulator's, not the hardware's. */
	ctx->emulated = ev.cpu.hypervisor_name && strcmp(ev.cpu.hypervisor_name, "QEMU TCG") == 0;
	strftime(ctx->date, sizeof(ctx->date), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
}

static bool wanted(const struct bench_args *a, const struct pk_bench *b)
{
	for (int i = 0; i < a->nonly; i++)
		if (a->only[i] == b)
			return true;
	return a->nonly == 0;
}

static void progress(size_t done, size_t total, const char *name)
{
	int width = 30, fill = total ? (int)(done * (size_t)width / total) : width;

	fprintf(stderr, "\r[%.*s%*s] %zu/%zu %-24s", fill, "##############################",
		width - fill, "", done, total, name);
	if (done == total)
		fputs("\r\033[K", stderr);
}

/* How many results a benchmark gives: one, or one per region size for a sweep. */
static size_t runs_of(const struct pk_bench *b, const size_t *sizes)
{
	size_t n = 0;

	if (!b->sweep)
		return 1;
	while (sizes[n])
		n++;
	return n;
}

/* Measure every wanted benchmark (and the loop, the baseline, first). */
static enum pk_status measure(const struct bench_args *a, const struct pk_opts *opts,
			      struct pk_results *r)
{
	const size_t *sizes = a->quick ? pk_sweep_sizes_quick : pk_sweep_sizes;
	struct pk_bench_opts o = { a->samples, a->min_ms * 1000000ull };
	bool show = isatty(STDERR_FILENO) && !opts->quiet;
	struct pk_bench_env env;
	char reason[96];
	struct pk_clock clock;
	struct pk_result loop = { 0 };
	size_t total = 0, done = 0;
	int err;

	gather(&env, reason, sizeof(reason), &r->ctx);
	for (const struct pk_bench *const *b = pk_benches; *b; b++)
		if (wanted(a, *b))
			total += runs_of(*b, sizes);
	r->v = calloc(total, sizeof(*r->v));
	if (!r->v) {
		pk_error("bench", -ENOMEM, "cannot start");
		return PK_ENV_ERROR;
	}
	err = pk_clock_init(&clock);
	if (err) {
		pk_error("bench", err, "cannot pin to one CPU");
		return PK_ENV_ERROR;
	}
	r->ctx.tsc_hz = clock.tsc_hz;
	r->ctx.cpu_pinned = clock.cpu;
	r->ctx.samples = o.samples;
	r->ctx.min_time_ms = (double)a->min_ms;
	snprintf(r->ctx.cycles_source, sizeof(r->ctx.cycles_source), "%s", clock.cycles_source);
	/* The baseline first: every later figure is less the empty loop's cost. */
	pk_bench_measure(&bench_loop, 0, &o, &clock, &loop);
	for (const struct pk_bench *const *b = pk_benches; *b; b++) {
		const char *why = (*b)->unsupported ? (*b)->unsupported(&env) : NULL;

		if (!wanted(a, *b))
			continue;
		for (size_t i = 0; i < runs_of(*b, sizes); i++) {
			struct pk_result *x = &r->v[r->n++];

			if (show)
				progress(done, total, (*b)->name);
			if (*b == &bench_loop)
				*x = loop;
			else if (why)
				snprintf(x->reason, sizeof(x->reason), "skipped: %s", why);
			else
				pk_bench_measure(*b, (*b)->sweep ? sizes[i] : 0, &o, &clock, x);
			snprintf(x->name, sizeof(x->name), "%s", (*b)->name);
			x->region = (*b)->sweep ? sizes[i] : 0;
			done++;
		}
	}
	if (show)
		progress(done, total, "");
	pk_clock_close(&clock);
	return PK_OK;
}

/* The output format a file's extension names, else the global one. */
static enum out_format file_format(const char *path, enum out_format fallback)
{
	const char *dot = strrchr(path, '.');
	enum out_format f;

	return dot && out_format_parse(dot + 1, &f) == 0 ? f : fallback;
}

/*
 * What bench and plot share once results exist: compare, print, write
 * --output, draw. The numbers always reach stdout and the file, chart or no
 * chart.
 */
static enum pk_status report(const char *cmd, struct pk_results *r, const struct bench_args *a,
			     struct pk_atomic *file, const struct pk_opts *opts)
{
	struct pk_results old = { 0 };
	enum pk_status st = PK_OK;
	char err[256] = "";
	struct out *o;
	int e;

	if (a->compare) {
		e = pk_results_load(a->compare, &old, err, sizeof(err));
		if (e) {
			if (e == -EINVAL)
				pk_error(cmd, 0, "%s", err);
			else
				pk_error(cmd, e, "cannot read %s", a->compare);
			return PK_ENV_ERROR;
		}
		pk_results_compare(r, &old);
	}
	o = pk_out_new(opts, cmd);
	if (o) {
		pk_results_out(o, r, a->compare);
		st = pk_emit(o, cmd);
	} else {
		st = PK_ENV_ERROR;
	}
	if (file->f) {
		o = out_new(
			file_format(a->output, opts->format == OUT_NONE ? OUT_TEXT : opts->format),
			cmd);
		if (o)
			pk_results_out(o, r, a->compare);
		e = o ? out_finish(o, file->f) : -ENOMEM;
		e = e ? e : pk_atomic_commit(file);
		if (e) {
			pk_atomic_abort(file);
			pk_error(cmd, e, "cannot write %s", a->output);
			st = PK_ENV_ERROR;
		}
	}
	if (a->plot) {
		e = pk_plot(r, a->compare ? &old : NULL, a->plot_file, err, sizeof(err));
		if (e == -ENOENT)
			pk_error(cmd, 0, "no chart: gnuplot is not in PATH (install gnuplot)");
		else if (e == -EIO)
			pk_error(cmd, 0, "no chart: gnuplot failed: %s", err);
		else if (e)
			pk_error(cmd, e, "no chart");
		if (e)
			st = PK_ENV_ERROR;
	}
	pk_results_free(&old);
	return st;
}

/* Checks of bench and plot after parsing: --plot on the terminal needs text on stdout. */
static enum pk_status check_report_args(const char *cmd, const struct bench_args *a,
					const struct pk_opts *opts, struct pk_atomic *file)
{
	int e;

	if (a->plot && !a->plot_file && (opts->format != OUT_TEXT || opts->quiet))
		return pk_usage(cmd, "--plot without a FILE draws on the terminal: use it with "
				     "text output, or give --plot=FILE");
	if (!a->output)
		return PK_OK;
	e = pk_atomic_open(file, a->output);
	if (e) {
		pk_error(cmd, e, "cannot write %s", a->output);
		return PK_ENV_ERROR;
	}
	return PK_OK;
}

enum pk_status cmd_bench(int argc, char **argv, struct pk_opts *opts)
{
	struct bench_args a = { 0 };
	struct pk_atomic file = { 0 };
	struct pk_results r = { 0 };
	enum pk_status st = pk_parse(&cmd_bench_argp, argc, argv, &a, opts);
	bool measured = false, failed = false;

	if (st != PK_OK)
		return st;
	if (a.list) {
		struct pk_bench_env env;
		struct pk_context ctx;
		char reason[96];
		struct out *o = pk_out_new(opts, "bench");

		gather(&env, reason, sizeof(reason), &ctx);
		if (!o)
			return PK_ENV_ERROR;
		bench_list(o, &env);
		return pk_emit(o, "bench");
	}
	if (!a.samples)
		a.samples = a.quick ? 10 : 30;
	if (!a.min_ms)
		a.min_ms = a.quick ? 2 : 10;
	st = check_report_args("bench", &a, opts, &file);
	if (st == PK_OK)
		st = measure(&a, opts, &r);
	if (st == PK_OK) {
		for (size_t i = 0; i < r.n; i++) {
			measured = measured || r.v[i].measured;
			failed = failed ||
				 (!r.v[i].measured && strncmp(r.v[i].reason, "skipped", 7));
		}
		st = report("bench", &r, &a, &file, opts);
	}
	pk_atomic_abort(&file);
	pk_results_free(&r);
	if (st != PK_OK)
		return st;
	return failed ? PK_FAILED : measured ? PK_OK : PK_UNSUPPORTED;
}

/* pkeyctl plot lives here too: it is bench's report without the measuring. */
struct plot_args {
	struct bench_args common;
	const char *results;
};

static error_t plot_parse(int key, char *arg, struct argp_state *state)
{
	struct plot_args *a = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &a->common;
		return 0;
	case ARGP_KEY_ARG:
		if (a->results)
			return pk_usage_error(state, "unexpected argument '%s'", arg);
		a->results = arg;
		return 0;
	case ARGP_KEY_NO_ARGS:
		return pk_usage_error(state, "no results file given");
	}
	return ARGP_ERR_UNKNOWN;
}

const struct argp cmd_plot_argp = {
	NULL,
	plot_parse,
	"RESULTS.json",
	"Chart saved results of 'pkeyctl bench --json' with gnuplot, and print their table: each "
	"benchmark's median with a p5-p95 bar on a log scale, and the region sweep as two lines, "
	"mprotect and WRPKRU. With --compare, each median as a ratio to an older run's, in the "
	"table and in the chart.\v"
	"Exit status: 0 drawn, 2 a file could not be read or written, or no chart (gnuplot "
	"missing).\n"
	"\n"
	"EXAMPLES\n"
	"  pkeyctl plot run.json\n"
	"  pkeyctl plot run.json --plot=run.svg\n"
	"  pkeyctl plot new.json --compare old.json --plot=compare.png\n",
	report_child,
	NULL,
	NULL,
};

enum pk_status cmd_plot(int argc, char **argv, struct pk_opts *opts)
{
	struct plot_args a = { { 0 }, NULL };
	struct pk_atomic file = { 0 };
	struct pk_results r;
	char err[256];
	enum pk_status st = pk_parse(&cmd_plot_argp, argc, argv, &a, opts);
	int e;

	if (st != PK_OK)
		return st;
	a.common.plot = true; /* plot always draws; --plot only says where */
	st = check_report_args("plot", &a.common, opts, &file);
	if (st != PK_OK)
		return st;
	e = pk_results_load(a.results, &r, err, sizeof(err));
	if (e) {
		if (e == -EINVAL)
			pk_error("plot", 0, "%s", err);
		else
			pk_error("plot", e, "cannot read %s", a.results);
		pk_atomic_abort(&file);
		return PK_ENV_ERROR;
	}
	st = report("plot", &r, &a.common, &file, opts);
	pk_atomic_abort(&file);
	pk_results_free(&r);
	return st;
}
