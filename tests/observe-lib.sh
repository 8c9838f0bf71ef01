# tests/observe-lib.sh: constructed repetitions for the observe tests
# (t5000, t5050, t5070, t5080, t5100), sourced after lib.sh.

# mk_clients DB RUNTIME RW CLIENTS MB/S [REP]: a json+ run of RW (fio3
# fixture) with its bandwidth set (decimal MB/s), backend b, CLIENTS
# clients, repetition REP when given.
n_mk=0
mk_clients() {
	n_mk=$((n_mk + 1))
	case $3 in
	*read) sed "0,/\"bw_bytes\" : [0-9]*/s//\"bw_bytes\" : ${5}000000/" ;;
	*) sed "/\"write\" : {/,/bw_bytes/ s/\"bw_bytes\" : [0-9]*/\"bw_bytes\" : ${5}000000/" ;;
	esac <"$FIX/fio3/jsonplus-$3.json" >in$n_mk.json && fio_unique in$n_mk.json &&
	"$FIOSCOPE" ingest --quiet --db "$1" --set runtime="$2" --set backend=b \
		--set clients="$4" ${6:+--set rep=$6} in$n_mk.json
}
# mk DB RUNTIME RW MB/S REP: the same, one client.
mk() {
	mk_clients "$1" "$2" "$3" 1 "$4" "$5"
}
# reps DB RUNTIME RW V1 V2...: one repetition per value
reps() {
	db=$1 rt=$2 rw=$3 r=0
	shift 3
	for v; do
		r=$((r + 1))
		mk "$db" "$rt" "$rw" "$v" "$r" || return 1
	done
}
