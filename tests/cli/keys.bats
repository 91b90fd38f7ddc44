#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-only
# alloc, free, script, pkru, maps, check on the build machine: no usable keys here,
# so every command that needs them says why and exits 4; the rest works anywhere.

load helpers

setup() {
	if grep -qw ospke /proc/cpuinfo; then
		skip "this machine has usable keys: the VM tier covers that path"
	fi
	reason=$(pk probe --json | jq -r .verdict.reason)
}

# Exit 4, nothing on stdout, one line on stderr naming the probe's reason.
assert_unsupported() {
	[ "$status" -eq 4 ] || { echo "status $status"; return 1; }
	[ -z "$output" ] || { echo "stdout: $output"; return 1; }
	[ "$(printf '%s\n' "$stderr" | wc -l)" -eq 1 ] || { echo "stderr: $stderr"; return 1; }
	[[ $stderr == *"protection keys are not usable here ($reason)"* ]] || {
		echo "stderr: $stderr"
		return 1
	}
}

@test "alloc, free, pkru, check and script say why keys are not usable, exit 4" {
	printf 'alloc k\nfree k\n' >"$BATS_TEST_TMPDIR/ok.pk"
	for cmd in "alloc" "alloc --all" "alloc --count 3 --hold" "free 1" "pkru" "check" \
		"script $BATS_TEST_TMPDIR/ok.pk"; do
		run --separate-stderr pk $cmd
		assert_unsupported || { echo "pkeyctl $cmd"; return 1; }
	done
	run --separate-stderr pk pkru --json
	assert_unsupported
}

@test "pkru --pid of another process: exit 4 and the process is left running" {
	sleep 60 &
	pid=$!
	run --separate-stderr pk pkru --pid "$pid"
	assert_unsupported
	# Detached, not stopped: the tracee is still sleeping, not in a trace stop.
	state=$(awk '/^State:/ { print $2 }' "/proc/$pid/status")
	kill "$pid"
	[ "$state" = S ]
}

@test "maps lists this process's mappings and says keys are not enabled, exit 4" {
	run --separate-stderr pk maps --json
	[ "$status" -eq 4 ]
	[[ $stderr == *"protection keys are not enabled in this kernel"*"no ProtectionKey lines"* ]]
	jq -e '.schema == 1 and .command == "maps" and .pkeys_enabled == false' <<<"$output"
	jq -e '(.mappings | length) > 5 and all(.mappings[]; .pkey == null)' <<<"$output"
	jq -e 'any(.mappings[]; .path == "[stack]") and (.keys | length) == 0' <<<"$output"
	jq -e 'all(.mappings[]; (.range | test("^[0-9a-f]+-[0-9a-f]+$")) and .size_kb > 0)' <<<"$output"
}

@test "maps --pid of another process shows that process" {
	sleep 60 &
	pid=$!
	run --separate-stderr pk maps --pid "$pid" --json
	json=$output
	run --separate-stderr pk maps --pid "$pid"
	kill "$pid"
	[ "$status" -eq 4 ]
	[[ $output == *"RANGE"*"PERMS"*"PKEY"*"PATH"* ]]
	jq -e --argjson pid "$pid" '.pid == $pid' <<<"$json"
	jq -e --arg exe "$(readlink -f "$(command -v sleep)")" 'any(.mappings[]; .path == $exe)' \
		<<<"$json"
}

@test "pkru --decode works on any machine, text and JSON" {
	run --separate-stderr pk pkru --decode 0x55555568
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	grep -Eq '^PKRU +0x55555568$' <<<"$output"
	grep -Eq '^  0 +no +no +read/write$' <<<"$output"
	grep -Eq '^  1 +no +yes +read-only$' <<<"$output"
	grep -Eq '^  3 +yes +no +no access$' <<<"$output"
	run --separate-stderr pk pkru --decode 1431655764 --json
	[ "$status" -eq 0 ]
	jq -e '.source == "decode" and .pkru == "0x55555554" and (.keys | length) == 16' <<<"$output"
	jq -e '.keys[0] == {"key": 0, "ad": false, "wd": false, "meaning": "read/write"}' <<<"$output"
	jq -e 'all(.keys[1:][]; .ad and (.wd | not) and .meaning == "no access")' <<<"$output"
	run --separate-stderr pk pkru --decode 0xffffffff --json
	jq -e 'all(.keys[]; .ad and .wd and .meaning == "no access")' <<<"$output"
}

@test "bad numbers, keys and rights are usage errors" {
	for cmd in "pkru --decode 0x100000000" "pkru --decode -1" "pkru --decode pkru" \
		"pkru --decode ''" "pkru --pid 0" "pkru --pid 12x" "pkru --tid 99999999" \
		"pkru --decode 1 --pid 1" "free 0" "free 16" "free one" "free" \
		"alloc --count 0" "alloc --count 16" "alloc --rights rw" "alloc --all --count 2" \
		"maps --pid -5" "check now" "script a b"; do
		eval "run --separate-stderr pk $cmd"
		assert_usage_error || { echo "pkeyctl $cmd"; return 1; }
	done
}

@test "bad script lines are usage errors naming the line, before anything runs" {
	f="$BATS_TEST_TMPDIR/bad.pk"
	printf '# a comment\nalloc k\nfrobnicate\n' >"$f"
	run --separate-stderr pk script "$f"
	assert_usage_error
	[ "$stderr" = "pkeyctl: script: line 3: unknown step 'frobnicate'" ]
	printf 'map r\ntag r k\n' >"$f"
	run --separate-stderr pk script "$f"
	assert_usage_error
	[ "$stderr" = "pkeyctl: script: line 2: no key named 'k' at this point" ]
	printf 'alloc k\nset 0 none\n' >"$f"
	run --separate-stderr pk script "$f"
	[[ $stderr == *"line 2: key 0's rights are never changed" ]]
	run --separate-stderr bash -c 'printf "alloc k rw\n" | "$0" script -' "$TOP/$PKEYCTL"
	assert_usage_error
	[ "$stderr" = "pkeyctl: script: line 1: unknown rights 'rw' (expected none, disable-write, disable-access)" ]
	run --separate-stderr bash -c 'printf "write r\n" | "$0" script' "$TOP/$PKEYCTL"
	assert_usage_error
}

@test "a script that cannot be read is an environment error" {
	run --separate-stderr pk script /nonexistent/steps.pk
	[ "$status" -eq 2 ]
	[ "$stderr" = "pkeyctl: script: cannot open /nonexistent/steps.pk: No such file or directory" ]
}

@test "a process that does not exist: exit 2" {
	sleep 0 &
	gone=$!
	wait "$gone"
	run --separate-stderr pk pkru --pid "$gone"
	[ "$status" -eq 2 ]
	[ "$stderr" = "pkeyctl: pkru: no process with pid $gone" ]
	run --separate-stderr pk maps --pid "$gone"
	[ "$status" -eq 2 ]
	[ "$stderr" = "pkeyctl: maps: no process with pid $gone" ]
	[ -z "$output" ]
}

@test "a process we may not trace or read: exit 2 with the reason" {
	[ "$(id -u)" -eq 0 ] || skip "needs root to run pkeyctl as another user"
	# A copy nobody can reach: the checkout may sit in a directory only root can enter.
	bin=$(mktemp -d /tmp/pkeyctl-nobody.XXXXXX)
	chmod 755 "$bin"
	cp "$TOP/$PKEYCTL" "$bin/pkeyctl"
	sleep 60 &
	pid=$!
	run --separate-stderr setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$bin/pkeyctl" pkru --pid "$pid"
	[ "$status" -eq 2 ]
	[[ $stderr == "pkeyctl: pkru: cannot trace pid $pid"*"Operation not permitted" ]]
	run --separate-stderr setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$bin/pkeyctl" maps --pid "$pid"
	kill "$pid"
	rm -rf "$bin"
	[ "$status" -eq 2 ]
	[[ $stderr == "pkeyctl: maps: cannot read /proc/$pid/smaps: Permission denied" ]]
}
