# SPDX-License-Identifier: GPL-2.0-only
# Shared set-up for the CLI tier: the binary under test and a few assertions.
bats_require_minimum_version 1.5.0

PKEYCTL=${PKEYCTL:-build/pkeyctl}
TOP=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
MAN="$TOP/man/pkeyctl.1"
COMPLETION="$TOP/completions/pkeyctl.bash"

pk() {
	"$TOP/$PKEYCTL" "$@"
}

# A usage error: exit 64, nothing on stdout, exactly one line on stderr.
assert_usage_error() {
	[ "$status" -eq 64 ] || { echo "status $status, expected 64"; return 1; }
	[ -z "$output" ] || { echo "stdout not empty: $output"; return 1; }
	[ "$(printf '%s\n' "$stderr" | wc -l)" -eq 1 ] || { echo "stderr: $stderr"; return 1; }
	[[ $stderr == pkeyctl* ]] || { echo "stderr: $stderr"; return 1; }
}

# The exit status probe must give on this machine, from the kernel's own word.
expected_probe_status() {
	if grep -qw ospke /proc/cpuinfo; then echo 0; else echo 4; fi
}

# Every leaf path of a JSON document, "a.b.c", one per line, sorted.
json_paths() {
	jq -r 'paths(type != "object" and type != "array") | map(tostring) | join(".")' | sort
}
