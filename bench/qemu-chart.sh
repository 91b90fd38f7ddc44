#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The chart in README.md: a full `pkeyctl bench` inside the VM tier's -cpu max guest (QEMU
# TCG, a real Debian kernel with PKU), saved as JSON and drawn by `pkeyctl plot`. These are
# emulator timings, and the chart's title says so.
#   bench/qemu-chart.sh     (writes bench/qemu-tcg-max.json and bench/qemu-tcg-max.png)
set -eu
cd "$(dirname "$0")/.."
make --no-print-directory all static >/dev/null
batch=$(mktemp)
trap 'rm -f "$batch"' EXIT
echo 'run bench pkeyctl bench --json' >"$batch"
PK_VM_BATCH=$batch PK_VM_CONFIGS=max tests/vm/run build/static/pkeyctl build/vm-chart
r=build/vm-chart/results/max
[ "$(cat "$r/bench.rc")" -eq 0 ] || { cat "$r/bench.err" >&2; exit 1; }
cp "$r/bench.out" bench/qemu-tcg-max.json
build/pkeyctl plot bench/qemu-tcg-max.json --plot=bench/qemu-tcg-max.png
