# bash completion for fioscope(1) and its links fioscope-CMD: commands,
# options (read from 'fioscope CMD --help'), option values, and --where
# keys and values read from the store (--db, else $FIOSCOPE_DB, else
# fioscope.db) through 'fioscope query'.

# _fioscope_reply WORD CANDIDATE...: the candidates that start with WORD.
# bash splits words at '=' (COMP_WORDBREAKS), so a reply is what follows
# the last '=' of WORD.
_fioscope_reply()
{
	local cur=$1 IFS=$'\n' pre
	shift
	COMPREPLY=($(compgen -W "$*" -- "$cur"))
	if [[ $cur == *=* && $COMP_WORDBREAKS == *=* ]]; then
		pre=${cur%=*}=
		COMPREPLY=("${COMPREPLY[@]#"$pre"}")
	fi
}

# _fioscope_sql PROG DB SQL: one value per line, from a read-only query.
_fioscope_sql()
{
	"$1" query --db "$2" --csv --no-header "$3" 2>/dev/null |
		tr -d '\r' | sed -e 's/^"\(.*\)"$/\1/' -e 's/""/"/g'
}

# _fioscope_where PROG DB WORD: --where keys (KEY=), or a key's values.
_fioscope_where()
{
	local prog=$1 db=$2 cur=$3 key sql
	local labels="WITH RECURSIVE l(rest, line) AS (SELECT labels || char(10), NULL FROM scenario WHERE labels <> '' UNION ALL SELECT substr(rest, instr(rest, char(10)) + 1), substr(rest, 1, instr(rest, char(10)) - 1) FROM l WHERE rest <> '')"
	if [[ $cur != *=* ]]; then
		compopt -o nospace 2>/dev/null
		_fioscope_reply "$cur" $(printf '%s=\n' runtime backend rw bs \
			clients iodepth numjobs ddir $(_fioscope_sql "$prog" "$db" \
			"$labels SELECT DISTINCT substr(line, 1, instr(line, '=') - 1) FROM l WHERE instr(line, '=') > 1 ORDER BY 1"))
		return
	fi
	key=${cur%%=*}
	# the key goes into the SQL: letters, digits, _ . - only
	[[ $key =~ ^[A-Za-z0-9_.-]+$ ]] || return
	case $key in
	runtime|backend|rw|iodepth|numjobs)
		sql="SELECT DISTINCT $key FROM scenario WHERE $key IS NOT NULL ORDER BY 1" ;;
	bs)
		sql="SELECT DISTINCT CASE WHEN bs % 1048576 = 0 THEN (bs / 1048576) || 'm' WHEN bs % 1024 = 0 THEN (bs / 1024) || 'k' ELSE bs END FROM scenario WHERE bs IS NOT NULL ORDER BY bs" ;;
	clients)
		sql="SELECT DISTINCT clients FROM scenario_stats WHERE clients IS NOT NULL ORDER BY 1" ;;
	ddir)
		sql="SELECT DISTINCT ddir FROM scenario_stats ORDER BY 1" ;;
	*)
		sql="$labels SELECT DISTINCT substr(line, length('$key') + 2) FROM l WHERE substr(line, 1, length('$key') + 1) = '$key=' ORDER BY 1" ;;
	esac
	_fioscope_reply "$cur" $(_fioscope_sql "$prog" "$db" "$sql" | sed "s/^/$key=/")
}

_fioscope()
{
	local line=${COMP_LINE:0:COMP_POINT} prog=${COMP_WORDS[0]} cmd start i
	local -a w
	local cur prev db=${FIOSCOPE_DB:-fioscope.db}

	# the words as the user typed them, split at blanks only
	read -r -a w <<<"$line"
	[[ $line == *[[:blank:]] ]] && w+=("")
	cur=${w[${#w[@]}-1]}
	prev=${w[${#w[@]}-2]}
	case ${prog##*/} in
	fioscope-*)
		cmd=${prog##*/fioscope-}
		cmd=${cmd#fioscope-}
		start=1 ;;
	*)
		if [[ ${#w[@]} -le 2 ]]; then
			_fioscope_reply "$cur" $("$prog" --help 2>/dev/null |
				sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p') --help --version
			return
		fi
		cmd=${w[1]}
		start=2 ;;
	esac
	for ((i = start; i < ${#w[@]} - 1; i++)); do
		case ${w[i]} in
		--db) db=${w[i+1]} ;;
		--db=*) db=${w[i]#--db=} ;;
		esac
	done
	[[ $db == "~/"* ]] && db=$HOME/${db#"~/"}
	case $prev in
	--where)
		_fioscope_where "$prog" "$db" "$cur"
		return ;;
	--db|--templates|--out|-f|--file)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--format)
		if [[ $cmd == render ]]; then
			_fioscope_reply "$cur" svg png pdf svg,png svg,png,pdf
		else
			_fioscope_reply "$cur" text md csv json html svg png pdf
		fi
		return ;;
	--metric) _fioscope_reply "$cur" bw iops p50 p99 p9999 cpu; return ;;
	--color) _fioscope_reply "$cur" auto always never; return ;;
	--size) _fioscope_reply "$cur" slide paper; return ;;
	--set)
		compopt -o nospace 2>/dev/null
		_fioscope_reply "$cur" runtime= backend= rw= bs= clients= \
			iodepth= numjobs= rep=
		return ;;
	--layout|--baseline|--jobs|--close|--min-overlap|--title) return ;;
	esac
	if [[ $cur == -* ]]; then
		if [[ $start == 1 ]]; then
			_fioscope_reply "$cur" $("$prog" --help 2>/dev/null |
				sed -n 's/^  \(-[a-zA-Z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p')
		else
			_fioscope_reply "$cur" $("$prog" "$cmd" --help 2>/dev/null |
				sed -n 's/^  \(-[a-zA-Z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p')
		fi
		return
	fi
	if [[ $cmd == ingest || $cmd == query || $cmd == rm ]]; then
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}

complete -F _fioscope fioscope fioscope-ingest fioscope-ls fioscope-observe \
	fioscope-query fioscope-render fioscope-report fioscope-rm fioscope-slides
