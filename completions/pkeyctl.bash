# SPDX-License-Identifier: GPL-2.0-only
# bash completion for pkeyctl. tests/cli/docs.bats keeps it in step with the command table.

_pkeyctl_pids()
{
	local p pids=()

	for p in /proc/[0-9]*; do
		pids+=("${p#/proc/}")
	done
	mapfile -t COMPREPLY < <(compgen -W "${pids[*]}" -- "$1")
}

_pkeyctl()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local commands="probe alloc free script pkru maps check bench plot help"
	local benches="loop getppid rdpkru wrpkru pkey_get pkey_set pkey_alloc_free pkey_mprotect mprotect pkey_fault sweep_mprotect sweep_wrpkru"
	local global_opts="--format --json -j --csv --quiet -q --help --usage --version"
	local cmd="" opts="" i

	# OPTION VALUE and OPTION=VALUE (bash splits words at '=').
	if [[ $prev == = && $COMP_CWORD -ge 2 ]]; then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	fi
	case $prev in
	--format)
		mapfile -t COMPREPLY < <(compgen -W "text json csv" -- "$cur")
		return
		;;
	--output | -o | --compare | -c)
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return
		;;
	--plot | -P)
		# Only --plot=FILE takes a file; a plain --plot draws on the terminal.
		[[ ${COMP_WORDS[COMP_CWORD - 1]} == = ]] && mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return
		;;
	--rights | -r)
		mapfile -t COMPREPLY < <(compgen -W "none disable-write disable-access" -- "$cur")
		return
		;;
	--pid | -p | --tid | -t)
		_pkeyctl_pids "$cur"
		return
		;;
	--count | -n | --decode | -d | --samples | -s | --min-time | -m)
		return
		;;
	esac

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
			opts=$global_opts
		else
			mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
			return
		fi
		;;
	probe | check) opts=$global_opts ;;
	alloc) opts="--count --all --rights --hold $global_opts" ;;
	free) opts=$global_opts ;;
	script)
		if [[ $cur != -* ]]; then
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
			return
		fi
		opts=$global_opts
		;;
	pkru) opts="--pid --tid --decode $global_opts" ;;
	maps) opts="--pid $global_opts" ;;
	bench)
		if [[ $cur != -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$benches" -- "$cur")
			return
		fi
		opts="--list --quick --samples --min-time --output --plot --compare $global_opts"
		;;
	plot)
		if [[ $cur != -* ]]; then
			mapfile -t COMPREPLY < <(compgen -f -X '!*.json' -- "$cur")
			return
		fi
		opts="--plot --compare --output $global_opts"
		;;
	help)
		if [[ $cur != -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
			return
		fi
		opts=$global_opts
		;;
	esac
	mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
}
complete -F _pkeyctl pkeyctl
