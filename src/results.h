/* SPDX-License-Identifier: GPL-2.0-only */
/* Benchmark results: the model bench and plot share, their document, and loading saved ones. */
#ifndef PK_RESULTS_H
#define PK_RESULTS_H

#include <stdbool.h>
#include <stddef.h>

#include "out.h"
#include "stats.h"

struct pk_result {
	char name[32];
	size_t region; /* bytes, for a region sweep; 0 otherwise */
	bool measured;
	char reason[200]; /* why not, when not measured */
	struct pk_stats ns;
	bool ticks_valid, cycles_valid;
	double ticks_median, cycles_median;
	unsigned long long batch;
	double ratio; /* median against --compare's; 0 when there is nothing to compare */
};

/* Where and how results were measured: each result set carries it. */
struct pk_context {
	char version[32];
	char cpu[64];
	char kernel[65];
	char hypervisor[32]; /* "" on bare metal */
	bool emulated;	     /* QEMU TCG: emulator timings, never hardware figures */
	double tsc_hz;	     /* 0 when there is no TSC */
	int cpu_pinned;
	char cycles_source[96];
	char date[32]; /* ISO 8601, UTC */
	unsigned int samples;
	double min_time_ms;
};

struct pk_results {
	struct pk_context ctx;
	struct pk_result *v;
	size_t n;
};

/* The document of a result set (bench, plot): context, then one row per result. */
void pk_results_out(struct out *o, const struct pk_results *r, bool compared);

/* Load a saved `pkeyctl bench --json` document. 0, -errno, or -EINVAL with why in err. */
int pk_results_load(const char *path, struct pk_results *r, char *err, size_t errlen);
void pk_results_free(struct pk_results *r);

/* Set each result's ratio to its median over old's for the same benchmark and region. */
void pk_results_compare(struct pk_results *r, const struct pk_results *old);

/* A chart title: the machine, and whether its CPU was emulated. */
void pk_results_title(const struct pk_context *ctx, char *buf, size_t len);

#endif
