#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-only
# pkeyctl probe on the build machine, which has no usable protection keys.

load helpers

@test "probe text: evidence, then the verdict, exit status from the kernel's word" {
	run --separate-stderr pk probe
	[ "$status" -eq "$(expected_probe_status)" ]
	[ -z "$stderr" ]
	for heading in CPU CPUID Kernel 'pkey_alloc(0, 0)' glibc Verdict; do
		grep -qx "$heading" <<<"$output"
	done
	# The verdict comes last.
	[ "$(grep -x '[A-Za-z].*' <<<"$output" | tail -n 1)" = Verdict ]
	grep -Eq '^  reason +[a-z-]+$' <<<"$output"
	grep -Eq '^  hint +.+' <<<"$output"
}

@test "probe JSON carries exactly the members the man page documents" {
	run --separate-stderr pk probe --json
	[ "$status" -eq "$(expected_probe_status)" ]
	documented=$(sed -n '/^\.SH JSON OUTPUT/,/^The other commands/p' "$MAN" |
		grep -o '\\fB[a-z_0-9]*\.[a-z_0-9.]*\\fR' | sed 's/\\fB//; s/\\fR//' |
		{ cat; printf 'schema\ncommand\n'; } | sort)
	actual=$(json_paths <<<"$output")
	diff <(echo "$documented") <(echo "$actual")
}

@test "probe JSON: schema, types and a documented reason" {
	run --separate-stderr pk probe --json
	jq -e '
		.schema == 1 and .command == "probe"
		and (.verdict.usable | type == "boolean")
		and (.pkey_alloc.keys | type == "number")
		and (.cpuid.pku | type == "boolean")
		and (.verdict.explanation | length > 0)
		and (.verdict.hint | length > 0)' <<<"$output"
	reason=$(jq -r .verdict.reason <<<"$output")
	sed -n '/^\.SH PROBE REASONS/,/^\.SH /p' "$MAN" | grep -qx ".B ${reason//-/\\\\-}"
}

@test "probe evidence agrees with /proc and uname" {
	run --separate-stderr pk probe --json
	grep -qw pku /proc/cpuinfo && pku=true || pku=false
	grep -qw ospke /proc/cpuinfo && ospke=true || ospke=false
	jq -e --argjson pku "$pku" --argjson ospke "$ospke" --arg rel "$(uname -r)" '
		.kernel.cpuinfo_pku == $pku and .kernel.cpuinfo_ospke == $ospke
		and .kernel.release == $rel
		and .cpuid.ospke == $ospke' <<<"$output"
}

@test "probe without usable keys: errno sequence, no keys, no PKRU read" {
	grep -qw ospke /proc/cpuinfo && skip "this machine has usable keys"
	run --separate-stderr pk probe --json
	[ "$status" -eq 4 ]
	jq -e '
		.verdict.usable == false and .pkey_alloc.keys == 0
		and .pkey_alloc.first_key == null and .pkey_alloc.initial_pkru == null
		and (.pkey_alloc.first_errno == "EINVAL" or .pkey_alloc.first_errno == "ENOSPC")
		and .pkey_alloc.second_errno == "ENOSPC"' <<<"$output"
}

@test "probe names the hypervisor that hides PKU on a PKU-capable CPU model" {
	run --separate-stderr pk probe --json
	# The rule of the verdict, checked against its own evidence.
	if jq -e '.cpuid.pku == false and .cpu.hypervisor and .cpu.pku_in_hardware != null
		and (.pkey_alloc.first_errno == "EINVAL" or .pkey_alloc.first_errno == "ENOSPC")' \
		<<<"$output" >/dev/null; then
		jq -e '.verdict.reason == "hypervisor-hides-pku"' <<<"$output"
		jq -r .verdict.explanation <<<"$output" | grep -q "$(jq -r .cpu.pku_in_hardware <<<"$output")"
	else
		jq -e '.verdict.reason != "hypervisor-hides-pku"' <<<"$output"
	fi
}

@test "probe -q prints nothing and keeps the exit status" {
	run --separate-stderr pk probe -q
	[ "$status" -eq "$(expected_probe_status)" ]
	[ -z "$output" ]
	[ -z "$stderr" ]
	run --separate-stderr pk -q --json probe
	[ "$status" -eq "$(expected_probe_status)" ]
	[ -z "$output" ]
}

@test "probe to a full disk fails with exit 2 and one line" {
	run --separate-stderr bash -c '"$0" probe >/dev/full' "$TOP/$PKEYCTL"
	[ "$status" -eq 2 ]
	[ "$(printf '%s\n' "$stderr" | wc -l)" -eq 1 ]
	[[ $stderr == "pkeyctl: write error: No space left on device" ]]
	run --separate-stderr bash -c '"$0" probe --json >/dev/full' "$TOP/$PKEYCTL"
	[ "$status" -eq 2 ]
}

@test "probe -q writes nothing, so a full disk does not matter" {
	run --separate-stderr bash -c '"$0" probe -q >/dev/full' "$TOP/$PKEYCTL"
	[ "$status" -eq "$(expected_probe_status)" ]
	[ -z "$stderr" ]
}
