#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-only
# --help, the man page and the bash completion cannot drift from the command table.

load helpers

# The commands as the binary's own table lists them in --help.
commands() {
	pk --help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }'
}

# The long options a command's --help shows.
long_options() {
	pk "$1" --help | grep -o -- '--[a-z][a-z-]*' | sort -u
}

@test "--help lists at least probe and help" {
	run commands
	[[ $output == *probe* ]]
	[[ $output == *help* ]]
}

@test "every command has a man page entry and completion" {
	for c in $(commands); do
		grep -q "^\.B $c\$\|^\.BR $c " "$MAN" || { echo "man: no entry for $c"; return 1; }
		grep -Eq "^	([a-z]+ \| )*$c( \| [a-z]+)*\)" "$COMPLETION" ||
			{ echo "completion: no case for $c"; return 1; }
		grep -q "commands=\".*\\b$c\\b.*\"" "$COMPLETION" || { echo "completion: $c not listed"; return 1; }
	done
}

@test "the man page and completion name no command the binary lacks" {
	listed=$(sed -n 's/^\tlocal commands="\(.*\)"$/\1/p' "$COMPLETION" | tr ' ' '\n' | sort)
	[ "$listed" = "$(commands | sort)" ]
	man_cmds=$(sed -n '/^\.SH COMMANDS/,/^\.SH /p' "$MAN" | sed -n '/^\.TP/{n;p}' |
		awk '{ print $2 }' | sort)
	[ "$man_cmds" = "$(commands | sort)" ]
}

@test "every long option of every command is in the man page and completion" {
	for c in $(commands); do
		for o in $(long_options "$c"); do
			grep -q -- "${o//-/\\\\-}" "$MAN" || { echo "man: $c $o"; return 1; }
			grep -q -- "$o" "$COMPLETION" || { echo "completion: $c $o"; return 1; }
		done
	done
}

@test "every command's help has EXAMPLES" {
	for c in $(commands); do
		pk "$c" --help | grep -qx EXAMPLES || { echo "no EXAMPLES in $c --help"; return 1; }
	done
}

@test "every probe reason id is documented in the man page" {
	ids=$(pk probe --help | sed -n '/^Reason ids:/,/^$/p' | awk 'NR > 1 && NF { print $1 }')
	[ "$(wc -w <<<"$ids")" -ge 9 ]
	for id in $ids; do
		grep -qx ".B ${id//-/\\\\-}" "$MAN" || { echo "man: reason $id"; return 1; }
	done
}

@test "the man page is clean roff" {
	run bash -c 'LC_ALL=C.UTF-8 groff -man -ww -z "$0" 2>&1' "$MAN"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "bash completion knows every benchmark of the registry" {
	listed=$(sed -n 's/^\tlocal benches="\(.*\)"$/\1/p' "$COMPLETION" | tr ' ' '\n' | sort)
	[ "$listed" = "$(pk bench --list --json | jq -r '.benchmarks[].name' | sort)" ]
}

@test "bash completion completes commands, options and formats" {
	run bash -c '
		source "$0"
		c() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _pkeyctl; echo "${COMPREPLY[*]}"; }
		c pkeyctl pr
		c pkeyctl probe --js
		c pkeyctl --format ""
		c pkeyctl --format = j
		c pkeyctl help p
		c pkeyctl alloc --rights d
		c pkeyctl pkru --
		c pkeyctl alloc --rights = disable-a
		c pkeyctl bench sweep_
		c pkeyctl bench --min' "$COMPLETION"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = probe ]
	[ "${lines[1]}" = --json ]
	[ "${lines[2]}" = "text json csv" ]
	[ "${lines[3]}" = json ]
	[ "${lines[4]}" = "probe pkru plot" ]
	[ "${lines[5]}" = "disable-write disable-access" ]
	[[ ${lines[6]} == "--pid --tid --decode --format --json"* ]]
	[ "${lines[7]}" = disable-access ]
	[ "${lines[8]}" = "sweep_mprotect sweep_wrpkru" ]
	[ "${lines[9]}" = --min-time ]
}
