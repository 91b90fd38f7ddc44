/* SPDX-License-Identifier: GPL-2.0-only */
/* The timing harness: pin, warm up, calibrate the batch, sample, subtract the empty loop. */
#ifndef PK_HARNESS_H
#define PK_HARNESS_H

#include "bench.h"
#include "results.h"

struct pk_bench_opts {
	unsigned int samples;
	uint64_t min_ns; /* each sample lasts at least this long */
};

/* The clocks of one bench run, and the empty loop's cost per iteration. */
struct pk_clock {
	int cpu;       /* the CPU pinned to */
	bool ticks;    /* RDTSCP ticks available */
	double tsc_hz; /* ticks per second, measured against CLOCK_MONOTONIC */
	int perf_fd;   /* core cycles through perf_event_open(2), or -1 */
	char cycles_source[96];
	double loop_ns, loop_ticks, loop_cycles;
};

/* Pin to the current CPU, find the clocks, measure the TSC rate. 0, or -errno from pinning. */
int pk_clock_init(struct pk_clock *c);
void pk_clock_close(struct pk_clock *c);

/*
 * Measure b (at region bytes, for a sweep) into res. The loop benchmark's
 * median becomes the baseline subtracted from every later measurement.
 */
void pk_bench_measure(const struct pk_bench *b, size_t region, const struct pk_bench_opts *o,
		      struct pk_clock *c, struct pk_result *res);

#endif
