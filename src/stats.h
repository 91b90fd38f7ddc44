/* SPDX-License-Identifier: GPL-2.0-only */
/* Pure: summary statistics of benchmark samples, and batch-size calibration. */
#ifndef PK_STATS_H
#define PK_STATS_H

#include <stddef.h>
#include <stdint.h>

struct pk_stats {
	size_t n;
	double min, max, mean, median, p5, p95, p99;
	double stddev; /* sample standard deviation (n - 1) */
	double cv;     /* stddev / mean; 0 when the mean is 0 */
};

/*
 * Summarise n samples (n >= 1). The samples are sorted in place.
 * Percentiles interpolate linearly between closest ranks (Hyndman and
 * Fan's type 7, R's and NumPy's default).
 */
void pk_stats_compute(double *samples, size_t n, struct pk_stats *st);

/* The p-th percentile (0-100) of n sorted samples, type 7. */
double pk_percentile(const double *sorted, size_t n, double p);

/*
 * The next batch size while calibrating: batch iterations took elapsed_ns;
 * a sample should last at least min_ns. Grows at least twofold and at most
 * a hundredfold per step, and never past max_batch; returns batch itself
 * once a sample is long enough.
 */
uint64_t pk_next_batch(uint64_t batch, uint64_t elapsed_ns, uint64_t min_ns, uint64_t max_batch);

#endif
