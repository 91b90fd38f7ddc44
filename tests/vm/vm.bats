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

# --- keys, PKRU and enforcement (alloc, free, script, pkru, maps, check) ---

jq_of() { local c=$1 id=$2; shift 2; jq -e "$@" "$R/$c/$id.out"; }

@test "max: alloc --all gets 15 keys, 1 to 15" {
	[ "$(rc max alloc-all)" -eq 0 ]
	jq_of max alloc-all '.allocated == 15 and ([.keys[].key] == [range(1; 16)])'
	jq_of max alloc-all '.pkru_before == "0x55555554" and .pkru_after == "0x00000000"'
}

@test "max: alloc --rights disable-write sets WD for each key" {
	[ "$(rc max alloc-two)" -eq 0 ]
	grep -Eq '^PKRU after +0x55555568$' "$R/max/alloc-two.out"
	grep -Eq '^  1 +read-only' "$R/max/alloc-two.out"
}

@test "max: free in a new process says it owns no keys, exit 1" {
	[ "$(rc max free)" -eq 1 ]
	[ ! -s "$R/max/free.out" ]
	grep -q 'key 1 is not allocated in this process (a new pkeyctl process owns no keys' \
		"$R/max/free.err"
}

@test "max: pkru shows this thread's initial PKRU" {
	[ "$(rc max pkru-self)" -eq 0 ]
	jq_of max pkru-self '.pkru == "0x55555554" and (.keys | length) == 16'
	jq_of max pkru-self '.keys[0].meaning == "read/write" and .keys[1].ad and (.keys[1].wd | not)'
}

@test "max: script faults on a write under WD (si_code 4, the key), then writes once allowed" {
	[ "$(rc max script-json)" -eq 0 ]
	f="$R/max/script-json.out"
	key=$(jq -s '.[] | select(.step == "alloc") | .key' "$f")
	[ "$key" -ge 1 ]
	jq -e -s --argjson k "$key" '
		[.[] | select(.step == "write")] as $w
		| ($w | length) == 2
		and $w[0].faulted and $w[0].si_code == 4 and $w[0].si_pkey == $k
		and ($w[1].faulted | not)' "$f"
	jq -e -s '[.[] | select(.step == "read")][0].faulted == false' "$f"
	jq -e -s '[.[] | select(.step == "get")] | .[0].meaning == "read-only" and .[1].meaning == "read/write"' "$f"
	jq -e -s '[.[] | select(.step == "free")] | length == 1' "$f"
	jq -e -s 'all(.[]; .schema == 1 and .command == "script" and (.line | type == "number"))' "$f"
}

@test "max: script text gives one line per step, the same results" {
	[ "$(rc max script-text)" -eq 0 ]
	[ "$(wc -l <"$R/max/script-text.out")" -eq "$(wc -l <"$R/max/script-json.out")" ]
	grep -q '^line=9 step=write region=r faulted=yes si_code=4 si_pkey=1 expected=fault$' \
		"$R/max/script-text.out"
}

@test "max: a script whose expectation fails names the line, exit 1" {
	[ "$(rc max script-expect-fails)" -eq 1 ]
	grep -qx 'pkeyctl: script: line 7: write: expected no fault, got a fault' \
		"$R/max/script-expect-fails.err"
}

@test "max: a script that runs out of keys stops at the 16th alloc, exit 3" {
	[ "$(rc max script-out-of-keys)" -eq 3 ]
	[ "$(grep -c 'step=alloc' "$R/max/script-out-of-keys.out")" -eq 15 ]
	grep -qx 'pkeyctl: script: line 18: alloc: out of keys' "$R/max/script-out-of-keys.err"
}

@test "max: check passes every case" {
	[ "$(rc max check)" -eq 0 ]
	jq_of max check '(.cases | length) == 12 and .failed == 0 and .skipped == 0 and .passed == 12'
	jq_of max check 'all(.cases[]; .result == "PASS")'
	[ "$(rc max check-text)" -eq 0 ]
	[ "$(grep -c ' PASS ' "$R/max/check-text.out")" -eq 12 ]
}

@test "max: maps of itself shows key 0 everywhere" {
	[ "$(rc max maps-self)" -eq 0 ]
	jq_of max maps-self '.pkeys_enabled and all(.mappings[]; .pkey == 0) and (.keys | length) == 1'
}

@test "max: pkru --pid reads another process's PKRU through ptrace" {
	[ "$(rc max pkru-other)" -eq 0 ]
	jq_of max pkru-other '.source == "ptrace" and (.threads | length) == 1'
	jq_of max pkru-other '.threads[0].pkru == "0x55555554" and .threads[0].no_access == "1-15"'
	[ "$(rc max pkru-other-tid)" -eq 0 ]
	jq_of max pkru-other-tid '.pkru == "0x55555554" and (.keys | length) == 16'
}

@test "max: pkru --pid on an alloc --hold process shows the PKRU it reports itself" {
	[ "$(rc max hold-pkru)" -eq 0 ]
	held=$(jq -r .pkru_after "$R/max/hold-report.out")
	[ "$held" = 0x55555568 ]
	jq_of max hold-pkru --arg p "$held" '.threads[0].pkru == $p'
	jq_of max hold-pkru '.threads[0].read_only == "1-2"'
	jq -e --argjson pid "$(jq .pid "$R/max/hold-report.out")" '.pid == $pid' "$R/max/hold-pkru.out"
}

@test "max: maps --pid on an alloc --hold process shows each held key's page" {
	[ "$(rc max hold-maps)" -eq 0 ]
	for k in $(jq '.keys[].key' "$R/max/hold-report.out"); do
		page=$(jq -r --argjson k "$k" '.keys[] | select(.key == $k) | .page' "$R/max/hold-report.out")
		start=${page#0x}
		jq -e --arg s "$start" --argjson k "$k" \
			'any(.mappings[]; (.range | startswith($s + "-")) and .pkey == $k)' \
			"$R/max/hold-maps.out"
		jq -e --argjson k "$k" 'any(.keys[]; .key == $k and .mappings == 1 and .size_kb == 4)' \
			"$R/max/hold-maps.out"
	done
}

@test "max: alloc --hold frees its keys and exits 0 on SIGTERM" {
	[ "$(rc max hold-exit)" -eq 0 ]
	jq_of max hold-report '.held and .allocated == 2'
}

@test "without usable keys every command exits 4 with the reason" {
	for c in max-minus-pku max-nopku qemu64; do
		reason=$(jq -r .verdict.reason "$R/$c/probe-json.out")
		for id in alloc-all alloc-two free pkru-self script-text script-json check \
			pkru-other pkru-other-tid maps-self hold-exit; do
			[ "$(rc "$c" "$id")" -eq 4 ] || { echo "$c $id: $(rc "$c" "$id")"; return 1; }
		done
		for id in alloc-all free pkru-self script-text check pkru-other; do
			[ ! -s "$R/$c/$id.out" ] || { echo "$c $id wrote output"; return 1; }
			grep -q "not usable here ($reason)" "$R/$c/$id.err" || { echo "$c $id"; return 1; }
		done
		grep -q 'no ProtectionKey lines' "$R/$c/maps-self.err"
	done
}

# --- bench: every benchmark on a CPU with keys (emulated), skips without ---

@test "max: bench --quick measures every benchmark, all positive, flagged as emulated" {
	[ "$(rc max bench)" -eq 0 ]
	f="$R/max/bench.out"
	jq -e '.context.emulated == true and .context.hypervisor == "QEMU TCG"' "$f"
	jq -e 'all(.results[]; .measured and .ns_median > 0 and .samples == 10)' "$f"
	# Every benchmark of the registry, the sweeps at three sizes each.
	diff <(jq -r '.benchmarks[].name' "$R/max/bench-list.out" | sort) \
		<(jq -r '.results[].name' "$f" | sort -u)
	jq -e '[.results[] | select(.name == "sweep_wrpkru")] | length == 3' "$f"
	jq -e 'all(.benchmarks[]; .runs_here)' "$R/max/bench-list.out"
}

@test "without usable keys bench skips the PKU benchmarks with the reason, runs the rest" {
	for c in max-minus-pku max-nopku qemu64; do
		reason=$(jq -r .verdict.reason "$R/$c/probe-json.out")
		[ "$(rc "$c" bench)" -eq 0 ] || { echo "$c: $(rc "$c" bench)"; return 1; }
		jq -e --arg r "skipped: protection keys not usable here ($reason)" '
			[.results[] | select(.measured | not) | .reason] | length == 10 and all(. == $r)' \
			"$R/$c/bench.out" || { echo "$c"; return 1; }
		jq -e '[.results[] | select(.measured) | .name] | unique ==
			["getppid", "loop", "mprotect", "sweep_mprotect"]' "$R/$c/bench.out"
		jq -e 'all(.results[] | select(.measured); .ns_median > 0)' "$R/$c/bench.out"
	done
}
