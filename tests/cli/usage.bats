#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-only
# The command line: usage errors, help, version, global options in either place.

load helpers

@test "no command is a usage error" {
	run --separate-stderr pk
	assert_usage_error
	[[ $stderr == *"no command"* ]]
}

@test "unknown command is a usage error" {
	run --separate-stderr pk frobnicate
	assert_usage_error
	[[ $stderr == *"unknown command 'frobnicate'"* ]]
}

@test "a prefix of a command is not the command" {
	run --separate-stderr pk pro
	assert_usage_error
}

@test "unknown option before the command is a usage error" {
	run --separate-stderr pk --bogus probe
	assert_usage_error
	[[ $stderr == *"--bogus"* ]]
}

@test "unknown option after the command is a usage error" {
	run --separate-stderr pk probe --bogus
	assert_usage_error
	[[ $stderr == *"--bogus"* ]]
}

@test "unknown short option is a usage error" {
	run --separate-stderr pk probe -x
	assert_usage_error
}

@test "bad --format is a usage error" {
	run --separate-stderr pk --format xml probe
	assert_usage_error
	[[ $stderr == *"unknown format 'xml'"* ]]
	run --separate-stderr pk probe --format=yaml
	assert_usage_error
}

@test "--format without a value is a usage error" {
	run --separate-stderr pk probe --format
	assert_usage_error
}

@test "an extra argument is a usage error" {
	run --separate-stderr pk probe extra
	assert_usage_error
	[[ $stderr == *"unexpected argument 'extra'"* ]]
}

@test "help of an unknown command is a usage error" {
	run --separate-stderr pk help nosuch
	assert_usage_error
	run --separate-stderr pk help probe probe
	assert_usage_error
}

@test "--help goes to stdout, exit 0, and lists the commands" {
	run --separate-stderr pk --help
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[[ $output == *"Usage: pkeyctl"* ]]
	[[ $output == *"  probe "* ]]
	[[ $output == *"  help "* ]]
	[[ $output == *EXAMPLES* ]]
}

@test "pkeyctl help prints the same as --help" {
	run --separate-stderr pk help
	[ "$status" -eq 0 ]
	help_out=$output
	run --separate-stderr pk --help
	[ "$output" = "$help_out" ]
}

@test "probe --help and help probe agree, with examples" {
	run --separate-stderr pk probe --help
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[[ $output == *"Usage: pkeyctl probe"* ]]
	[[ $output == *EXAMPLES* ]]
	probe_help=$output
	run --separate-stderr pk help probe
	[ "$status" -eq 0 ]
	[ "$output" = "$probe_help" ]
}

@test "--version prints the version" {
	run --separate-stderr pk --version
	[ "$status" -eq 0 ]
	[[ $output =~ ^pkeyctl\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
}

@test "global options work after the command too" {
	run --separate-stderr pk --json probe
	before=$output
	run --separate-stderr pk probe --json
	[ "$output" = "$before" ]
	run --separate-stderr pk probe --format json
	[ "$output" = "$before" ]
	echo "$output" | jq -e '.schema == 1'
}

@test "--help to a full disk fails with exit 2" {
	run --separate-stderr bash -c '"$0" --help >/dev/full' "$TOP/$PKEYCTL"
	[ "$status" -eq 2 ]
	[[ $stderr == *"write error"* ]]
}

@test "every command that writes a report fails with exit 2 on a full disk" {
	for cmd in "probe" "pkru --decode 5" "pkru --decode 5 --json" "maps" "maps --csv" \
		"bench --list" "bench loop --quick" "help" "help probe"; do
		run --separate-stderr bash -c "\"\$0\" $cmd >/dev/full" "$TOP/$PKEYCTL"
		[ "$status" -eq 2 ] || { echo "pkeyctl $cmd: $status"; return 1; }
		[ "$stderr" = "pkeyctl: write error: No space left on device" ] ||
			{ echo "pkeyctl $cmd: $stderr"; return 1; }
	done
}
