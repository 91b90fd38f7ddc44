// SPDX-License-Identifier: GPL-2.0-only
/* The timing harness: pin, warm up, calibrate the batch, sample, subtract the empty loop. */
#include <errno.h>
#include <linux/perf_event.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "arch/arch.h"
#include "harness.h"
#include "stats.h"

#define MAX_BATCH	   (1ull << 32)
#define TSC_CALIBRATION_NS 20000000ull

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint64_t read_cycles(const struct pk_clock *c)
{
	uint64_t v = 0;

	if (c->perf_fd >= 0 && read(c->perf_fd, &v, sizeof(v)) != sizeof(v))
		v = 0;
	return v;
}

/* Core cycles of this thread: kernel and user if allowed, else user only, else say why not. */
static void open_cycles(struct pk_clock *c)
{
	struct perf_event_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_HARDWARE;
	attr.config = PERF_COUNT_HW_CPU_CYCLES;
	attr.exclude_hv = 1;
	c->perf_fd = (int)syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
	if (c->perf_fd >= 0) {
		snprintf(c->cycles_source, sizeof(c->cycles_source), "perf: user and kernel");
		return;
	}
	/* perf_event_paranoid 2 allows user-space counting only. */
	attr.exclude_kernel = 1;
	c->perf_fd = (int)syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
	if (c->perf_fd >= 0) {
		snprintf(c->cycles_source, sizeof(c->cycles_source), "perf: user space only");
		return;
	}
	snprintf(c->cycles_source, sizeof(c->cycles_source), "unavailable: perf_event_open: %s",
		 strerror(errno));
}

int pk_clock_init(struct pk_clock *c)
{
	cpu_set_t set;
	uint64_t t0, t1, k0, k1;

	memset(c, 0, sizeof(*c));
	/* One CPU: no migration between samples, one TSC, one cache. */
	c->cpu = sched_getcpu();
	if (c->cpu < 0)
		return -errno;
	CPU_ZERO(&set);
	CPU_SET(c->cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) < 0)
		return -errno;
	open_cycles(c);
	c->ticks = arch_ticks_available();
	if (c->ticks) {
		t0 = now_ns();
		k0 = arch_ticks();
		do
			t1 = now_ns();
		while (t1 - t0 < TSC_CALIBRATION_NS);
		k1 = arch_ticks();
		c->tsc_hz = (double)(k1 - k0) * 1e9 / (double)(t1 - t0);
	}
	return 0;
}

void pk_clock_close(struct pk_clock *c)
{
	if (c->perf_fd >= 0)
		close(c->perf_fd);
	c->perf_fd = -1;
}

struct sample {
	uint64_t ns, ticks, cycles;
};

static struct sample timed(const struct pk_bench *b, struct pk_bench_run *r, uint64_t n,
			   const struct pk_clock *c)
{
	struct sample s;
	uint64_t c0 = read_cycles(c), t0 = now_ns(), k0 = c->ticks ? arch_ticks() : 0;

	b->run(r, n);
	s.ticks = c->ticks ? arch_ticks() - k0 : 0;
	s.ns = now_ns() - t0;
	s.cycles = read_cycles(c) - c0;
	return s;
}

static double median_of(double *v, size_t n)
{
	struct pk_stats st;

	pk_stats_compute(v, n, &st);
	return st.median;
}

void pk_bench_measure(const struct pk_bench *b, size_t region, const struct pk_bench_opts *o,
		      struct pk_clock *c, struct pk_result *res)
{
	struct pk_bench_run r = { .region = region, .key = -1 };
	double *ns = calloc(o->samples, sizeof(double));
	double *ticks = calloc(o->samples, sizeof(double));
	double *cycles = calloc(o->samples, sizeof(double));
	bool baseline = b == &bench_loop;
	uint64_t batch = 1, next;
	int err = 0;

	r.page = (size_t)sysconf(_SC_PAGESIZE);
	res->region = region;
	if (!ns || !ticks || !cycles) {
		err = -ENOMEM;
		goto out;
	}
	if (b->setup)
		err = b->setup(&r);
	if (err)
		goto out;
	/*
	 * Calibrate twice: the first pass warms up caches, page tables and (in an
	 * emulator) translated code, whose one-time cost would otherwise stop the
	 * batch at a size too small; the second finds the batch for min_ns.
	 */
	for (int pass = 0; pass < 2; pass++) {
		batch = 1;
		while ((next = pk_next_batch(batch, timed(b, &r, batch, c).ns, o->min_ns,
					     MAX_BATCH)) != batch)
			batch = next;
	}
	timed(b, &r, batch, c); /* one more warm-up at the final batch size */
	for (unsigned int i = 0; i < o->samples; i++) {
		struct sample s = timed(b, &r, batch, c);

		/* Per operation, less the empty loop's cost per iteration (0 for the loop itself).
		 */
		ns[i] = (double)s.ns / (double)batch - c->loop_ns;
		ticks[i] = (double)s.ticks / (double)batch - c->loop_ticks;
		cycles[i] = (double)s.cycles / (double)batch - c->loop_cycles;
	}
	if (b->teardown)
		b->teardown(&r);
	pk_stats_compute(ns, o->samples, &res->ns);
	res->batch = batch;
	res->measured = true;
	res->ticks_valid = c->ticks;
	res->ticks_median = c->ticks ? median_of(ticks, o->samples) : 0;
	res->cycles_valid = c->perf_fd >= 0;
	res->cycles_median = c->perf_fd >= 0 ? median_of(cycles, o->samples) : 0;
	if (baseline) {
		c->loop_ns = res->ns.median;
		c->loop_ticks = res->ticks_median;
		c->loop_cycles = res->cycles_median;
	}
out:
	if (err) {
		if (b->teardown && err != -ENOMEM)
			b->teardown(&r);
		snprintf(res->reason, sizeof(res->reason), "setup failed: %s", strerror(-err));
	}
	free(ns);
	free(ticks);
	free(cycles);
}
