// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests: summary statistics on known samples, and batch calibration. */
#include <math.h>

#include "fixtures.h"
#include "stats.h"

static void test_known_samples(void **state)
{
	/* 1..10 shuffled: type-7 percentiles are 1 + (n - 1) * p / 100. */
	double v[] = { 7, 3, 10, 1, 5, 9, 2, 8, 4, 6 };
	struct pk_stats st;

	(void)state;
	pk_stats_compute(v, 10, &st);
	assert_int_equal(st.n, 10);
	assert_float_equal(st.min, 1, 1e-12);
	assert_float_equal(st.max, 10, 1e-12);
	assert_float_equal(st.mean, 5.5, 1e-12);
	assert_float_equal(st.median, 5.5, 1e-12);
	assert_float_equal(st.p5, 1.45, 1e-12);
	assert_float_equal(st.p95, 9.55, 1e-12);
	assert_float_equal(st.p99, 9.91, 1e-12);
	/* Sample standard deviation of 1..10: sqrt(82.5 / 9). */
	assert_float_equal(st.stddev, sqrt(82.5 / 9), 1e-12);
	assert_float_equal(st.cv, sqrt(82.5 / 9) / 5.5, 1e-12);
	/* Sorted in place. */
	for (int i = 0; i < 10; i++)
		assert_float_equal(v[i], i + 1, 1e-12);
}

static void test_edge_cases(void **state)
{
	double one[] = { 42 }, same[] = { 3, 3, 3, 3 }, zero[] = { 0, 0 };
	struct pk_stats st;

	(void)state;
	pk_stats_compute(one, 1, &st);
	assert_float_equal(st.median, 42, 0);
	assert_float_equal(st.p99, 42, 0);
	assert_float_equal(st.stddev, 0, 0);
	pk_stats_compute(same, 4, &st);
	assert_float_equal(st.p5, 3, 0);
	assert_float_equal(st.cv, 0, 0);
	pk_stats_compute(zero, 2, &st);
	assert_float_equal(st.cv, 0, 0); /* no division by a zero mean */
}

static void test_large_offset(void **state)
{
	/* Around 1e9 the naive sum of squares loses the variance; two passes keep it. */
	double v[] = { 1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16 };
	struct pk_stats st;

	(void)state;
	pk_stats_compute(v, 4, &st);
	assert_float_equal(st.stddev, sqrt(30), 1e-6);
	assert_float_equal(st.median, 1e9 + 10, 1e-6);
}

static void test_calibration(void **state)
{
	(void)state;
	/* Long enough already: stay. */
	assert_int_equal(pk_next_batch(1000, 10000000, 10000000, 1ull << 32), 1000);
	/* Aim 20% past the target: 1000 ops in 1 ms, 10 ms wanted: 12000. */
	assert_int_equal(pk_next_batch(1000, 1000000, 10000000, 1ull << 32), 12000);
	/* At least double, at most a hundredfold, at most the cap. */
	assert_int_equal(pk_next_batch(1000, 9000000, 10000000, 1ull << 32), 2000);
	assert_int_equal(pk_next_batch(1, 10, 10000000, 1ull << 32), 100);
	assert_int_equal(pk_next_batch(1, 0, 10000000, 1ull << 32), 100);
	assert_int_equal(pk_next_batch(1ull << 31, 1, 10000000, 1ull << 32), 1ull << 32);
	assert_int_equal(pk_next_batch(1ull << 32, 1, 10000000, 1ull << 32), 1ull << 32);
}

/* Calibration converges on a simulated operation of 37 ns with a fixed 2 us overhead. */
static void test_calibration_converges(void **state)
{
	uint64_t batch = 1, next, steps = 0;

	(void)state;
	while ((next = pk_next_batch(batch, 2000 + 37 * batch, 10000000, 1ull << 32)) != batch) {
		batch = next;
		steps++;
	}
	assert_true(2000 + 37 * batch >= 10000000);
	assert_true(2000 + 37 * batch < 3 * 10000000); /* not overshot wildly */
	assert_true(steps < 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_samples),	      cmocka_unit_test(test_edge_cases),
		cmocka_unit_test(test_large_offset),	      cmocka_unit_test(test_calibration),
		cmocka_unit_test(test_calibration_converges),
	};

	return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
