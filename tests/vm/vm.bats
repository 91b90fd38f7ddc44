#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-only
# Host-side assertions on what pkeyctl did inside the QEMU guests (tests/vm/run).
# Each guest is a real Debian kernel; only "max" has usable protection keys.
bats_require_minimum_version 1.5.0

R=${VM_RESULTS:?set by tests/vm/run}

rc() { cat "$R/$1/$2.rc"; }
out() { cat "$R/$1/$2.out"; }
err() { cat "$R/$1/$2.err"; }
json() { jq -e "$2" "$R/$1/probe-json.out"; }

configs="max max-minus-pku max-nopku qemu64"

@test "every guest booted and ran the whole batch" {
	for c in $configs; do
		[ -f "$R/$c/done" ] || { echo "$c: the batch did not finish (see $c.log)"; return 1; }
		for id in $(awk '$1 == "run" { print $2 }' "$BATS_TEST_DIRNAME/batch"); do
			[ -f "$R/$c/$id.rc" ] || { echo "$c: no result for $id"; return 1; }
		done
	done
}

@test "no command died of a signal in any guest" {
	for c in $configs; do
		for f in "$R/$c"/*.rc; do
			[ "$(cat "$f")" -lt 128 ] || { echo "$f: $(cat "$f")"; return 1; }
		done
	done
}

@test "max: keys usable, 15 keys, initial PKRU 0x55555554, exit 0" {
	[ "$(rc max probe-json)" -eq 0 ]
	json max '.verdict.usable == true and .verdict.reason == "usable"'
	json max '.pkey_alloc.keys == 15'
	json max '.pkey_alloc.initial_pkru == "0x55555554"'
	json max '.pkey_alloc.first_key == 1 and .pkey_alloc.second_key == 2'
	json max '.pkey_alloc.first_errno == null and .pkey_alloc.second_errno == null'
}

@test "max: every piece of evidence says PKU is on" {
	json max '.cpuid.leaf7 and .cpuid.pku and .cpuid.ospke'
	json max '.cpuid.osxsave and .cpuid.xcr0_pkru'
	json max '.cpuid.pkru_xsave_size == 8 and .cpuid.pkru_xsave_offset == 2688'
	json max '.kernel.cpuinfo_pku and .kernel.cpuinfo_ospke and .kernel.cmdline_nopku == false'
	json max '.kernel.smaps_protection_key == true'
	json max '.cpu.hypervisor and .cpu.hypervisor_name == "QEMU TCG"'
	json max '.kernel.release | startswith("6.")'
}

@test "max-minus-pku: cpu-lacks-pku, exit 4, no keys, PKRU never read" {
	[ "$(rc max-minus-pku probe-json)" -eq 4 ]
	json max-minus-pku '.verdict.usable == false and .verdict.reason == "cpu-lacks-pku"'
	json max-minus-pku '.pkey_alloc.keys == 0 and .pkey_alloc.initial_pkru == null'
	json max-minus-pku '.pkey_alloc.first_errno == "ENOSPC" and .pkey_alloc.second_errno == "ENOSPC"'
	json max-minus-pku '.cpuid.pku == false and .cpuid.ospke == false'
	json max-minus-pku '.kernel.cpuinfo_pku == false and .kernel.smaps_protection_key == false'
}

@test "max-nopku: os-disabled, exit 4, CPUID PKU=1 OSPKE=0" {
	[ "$(rc max-nopku probe-json)" -eq 4 ]
	json max-nopku '.verdict.usable == false and .verdict.reason == "os-disabled"'
	json max-nopku '.pkey_alloc.keys == 0 and .pkey_alloc.initial_pkru == null'
	json max-nopku '.cpuid.pku == true and .cpuid.ospke == false'
	json max-nopku '.kernel.cmdline_nopku == true'
	json max-nopku '.kernel.cpuinfo_pku == true and .kernel.cpuinfo_ospke == false'
	grep -qw nopku "$R/max-nopku/cmdline"
}

@test "qemu64: cpu-lacks-pku, exit 4, no keys" {
	[ "$(rc qemu64 probe-json)" -eq 4 ]
	json qemu64 '.verdict.usable == false and .verdict.reason == "cpu-lacks-pku"'
	json qemu64 '.pkey_alloc.keys == 0 and .pkey_alloc.initial_pkru == null'
	json qemu64 '.cpuid.pku == false and .cpuid.ospke == false'
}

@test "the text report gives the same verdict as JSON in every guest" {
	for c in $configs; do
		reason=$(jq -r .verdict.reason "$R/$c/probe-json.out")
		[ "$(rc "$c" probe-text)" -eq "$(rc "$c" probe-json)" ]
		grep -Eq "^  reason +$reason\$" "$R/$c/probe-text.out" || { echo "$c: $reason"; return 1; }
		[ ! -s "$R/$c/probe-text.err" ]
	done
}

@test "probe -q prints nothing and exits as probe does, in every guest" {
	for c in $configs; do
		[ "$(rc "$c" probe-quiet)" -eq "$(rc "$c" probe-json)" ]
		[ ! -s "$R/$c/probe-quiet.out" ]
		[ ! -s "$R/$c/probe-quiet.err" ]
	done
}

@test "probe's cpuinfo evidence matches the guest's /proc/cpuinfo" {
	for c in $configs; do
		grep -qw pku "$R/$c/cpuinfo.out" && pku=true || pku=false
		grep -qw ospke "$R/$c/cpuinfo.out" && ospke=true || ospke=false
		jq -e --argjson pku $pku --argjson ospke $ospke \
			'.kernel.cpuinfo_pku == $pku and .kernel.cpuinfo_ospke == $ospke' \
			"$R/$c/probe-json.out" || { echo "$c"; return 1; }
	done
}
