# SPDX-License-Identifier: GPL-2.0-only
# bash completion for pkeyctl. tests/cli/docs.bats keeps it in step with the command table.

_pkeyctl()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local commands="probe help"
	local global_opts="--format --json -j --quiet -q --help --usage --version"
	local formats="text json"
	local cmd="" i

	# --format VALUE and --format=VALUE (bash splits words at '=').
	if [[ $prev == --format ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$formats" -- "$cur")
		return
	fi
	if [[ $prev == = && $COMP_CWORD -ge 2 && ${COMP_WORDS[COMP_CWORD - 2]} == --format ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$formats" -- "$cur")
		return
	fi

	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--format) ((i++)) ;;
		-*) ;;
		*)
			cmd=${COMP_WORDS[i]}
			break
			;;
		esac
	done

	case $cmd in
	"")
		if [[ $cur == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$global_opts" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
		fi
		;;
	probe)
		mapfile -t COMPREPLY < <(compgen -W "$global_opts" -- "$cur")
		;;
	help)
		if [[ $cur == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$global_opts" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
		fi
		;;
	esac
}
complete -F _pkeyctl pkeyctl
