#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# How long a whole bench run takes: `pkeyctl bench --quick` and the default run, wall clock.
# Targets: under 3 s and under 15 s.
#   bench/run-time.sh [PKEYCTL]     (default: build/pkeyctl)
set -eu
pk=${1:-build/pkeyctl}
[ -x "$pk" ] || { echo "run-time: no $pk (run make first)" >&2; exit 2; }
for args in "--quick" ""; do
	start=$(date +%s.%N)
	# shellcheck disable=SC2086 # the empty argument list is wanted
	"$pk" bench $args >/dev/null
	end=$(date +%s.%N)
	awk -v s="$start" -v e="$end" -v a="bench ${args:-(default)}" -v t="${args:+3}" 'BEGIN {
		if (t == "") t = 15
		printf "%s\t%.2f s (target under %d s: %s)\n", a, e - s, t, (e - s < t) ? "met" : "MISSED"
	}'
done
