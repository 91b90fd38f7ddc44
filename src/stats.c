// SPDX-License-Identifier: GPL-2.0-only
/* Pure: summary statistics of benchmark samples, and batch-size calibration. */
#include <math.h>
#include <stdlib.h>

#include "stats.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double pk_percentile(const double *sorted, size_t n, double p)
{
	double h = (double)(n - 1) * p / 100.0;
	size_t lo = (size_t)floor(h);

	if (lo + 1 >= n)
		return sorted[n - 1];
	return sorted[lo] + (h - (double)lo) * (sorted[lo + 1] - sorted[lo]);
}

void pk_stats_compute(double *samples, size_t n, struct pk_stats *st)
{
	double sum = 0, sq = 0;

	qsort(samples, n, sizeof(*samples), cmp_double);
	st->n = n;
	st->min = samples[0];
	st->max = samples[n - 1];
	for (size_t i = 0; i < n; i++)
		sum += samples[i];
	st->mean = sum / (double)n;
	/* Two passes: sums of squares around the mean do not cancel catastrophically. */
	for (size_t i = 0; i < n; i++)
		sq += (samples[i] - st->mean) * (samples[i] - st->mean);
	st->stddev = n > 1 ? sqrt(sq / (double)(n - 1)) : 0;
	st->cv = st->mean != 0 ? st->stddev / fabs(st->mean) : 0;
	st->median = pk_percentile(samples, n, 50);
	st->p5 = pk_percentile(samples, n, 5);
	st->p95 = pk_percentile(samples, n, 95);
	st->p99 = pk_percentile(samples, n, 99);
}

uint64_t pk_next_batch(uint64_t batch, uint64_t elapsed_ns, uint64_t min_ns, uint64_t max_batch)
{
	uint64_t next;

	if (elapsed_ns >= min_ns || batch >= max_batch)
		return batch;
	/* Aim 20% past the target, so that noise does not leave a sample just short of it. */
	next = elapsed_ns ? (uint64_t)((double)batch * 1.2 * (double)min_ns / (double)elapsed_ns)
			  : batch * 100;
	if (next < 2 * batch)
		next = 2 * batch;
	if (next > 100 * batch)
		next = 100 * batch;
	return next < max_batch ? next : max_batch;
}
