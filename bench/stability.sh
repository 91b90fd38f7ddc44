#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# How much does the getppid median move from run to run? Five invocations of
# `pkeyctl bench getppid`, their medians, and the coefficient of variation across them.
# Target: at most 5%.
#   bench/stability.sh [PKEYCTL] [RUNS]     (default: build/pkeyctl 5)
set -eu
pk=${1:-build/pkeyctl}
runs=${2:-5}
[ -x "$pk" ] || { echo "stability: no $pk (run make first)" >&2; exit 2; }
i=0
while [ "$i" -lt "$runs" ]; do
	"$pk" bench getppid --json | jq '.results[] | select(.name == "getppid") | .ns_median'
	i=$((i + 1))
done | awk '
	{ v[NR] = $1; s += $1; printf "run %d\t%.2f ns\n", NR, $1 }
	END {
		m = s / NR
		for (i = 1; i <= NR; i++) d += (v[i] - m) ^ 2
		sd = sqrt(d / (NR - 1))
		printf "mean\t%.2f ns\nCV\t%.2f%% (%s)\n", m, 100 * sd / m, (sd / m <= 0.05) ? "within 5%" : "ABOVE 5%"
	}'
