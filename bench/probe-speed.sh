#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# How fast scripts can ask "are protection keys usable?": pkeyctl probe -q against
# /bin/true and grep -qw pku /proc/cpuinfo, in one hyperfine run, and the ratios.
# Target: at most 2x /bin/true, no slower than the grep.
#   bench/probe-speed.sh [PKEYCTL]     (default: build/pkeyctl)
set -eu
pk=${1:-build/pkeyctl}
[ -x "$pk" ] || { echo "probe-speed: no $pk (run make first)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "probe-speed: hyperfine missing (scripts/install-deps all)" >&2; exit 2; }
json=$(mktemp)
trap 'rm -f "$json"' EXIT
# -N: no intermediate shell; -i: probe exits 4 where keys are not usable, which is its answer.
hyperfine -N -i --warmup 50 --min-runs 500 --export-json "$json" \
	/bin/true 'grep -qw pku /proc/cpuinfo' "$pk probe -q" >&2
jq -r '
	[.results[] | {(.command): .median}] | add as $m
	| ($m | to_entries[] | "\(.key)\tmedian \(.value * 1e6 | floor) us"),
	  "pkeyctl/true\t\($m["'"$pk"' probe -q"] / $m["/bin/true"] * 100 | round / 100)",
	  "pkeyctl/grep\t\($m["'"$pk"' probe -q"] / $m["grep -qw pku /proc/cpuinfo"] * 100 | round / 100)"
' "$json"
