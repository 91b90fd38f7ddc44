#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Does pkeyctl's getppid baseline agree with perf's? Runs `pkeyctl bench getppid` and
# `perf bench syscall basic` (also a getppid loop) back to back, prints both and the ratio.
# Target: within 15% (ratio 0.85-1.15).
#   bench/compare-perf.sh [PKEYCTL]     (default: build/pkeyctl)
set -eu
pk=${1:-build/pkeyctl}
[ -x "$pk" ] || { echo "compare-perf: no $pk (run make first)" >&2; exit 2; }
command -v perf >/dev/null || { echo "compare-perf: perf missing (scripts/install-deps all)" >&2; exit 2; }
ours=$("$pk" bench getppid --json | jq '.results[] | select(.name == "getppid") | .ns_median')
# perf prints "N usecs/op"; its loop overhead stays in, ours is subtracted (about 0.3 ns).
theirs=$(perf bench syscall basic 2>/dev/null | awk '/usecs\/op/ { printf "%.3f", $1 * 1000 }')
[ -n "$theirs" ] || { echo "compare-perf: perf bench syscall basic gave no figure" >&2; exit 2; }
printf 'pkeyctl getppid median\t%.1f ns\n' "$ours"
printf 'perf bench syscall basic\t%.1f ns\n' "$theirs"
awk -v a="$ours" -v b="$theirs" 'BEGIN { r = a / b; printf "ratio\t%.3f (%s)\n", r, (r >= 0.85 && r <= 1.15) ? "within 15%" : "OUTSIDE 15%" }'
