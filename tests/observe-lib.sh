# tests/observe-lib.sh: constructed repetitions for the observe tests
# (t5050, t5070, t5080), sourced after lib.sh.

# mk DB RUNTIME RW MB/S REP: a json+ run of RW (fio3 fixture) with its
# bandwidth set (decimal MB/s), backend b, 1 client, repetition REP.
n_mk=0
mk() {
	n_mk=$((n_mk + 1))
	case $3 in
	*read) sed "0,/\"bw_bytes\" : [0-9]*/s//\"bw_bytes\" : ${4}000000/" ;;
	*) sed "/\"write\" : {/,/bw_bytes/ s/\"bw_bytes\" : [0-9]*/\"bw_bytes\" : ${4}000000/" ;;
	esac <"$FIX/fio3/jsonplus-$3.json" >in$n_mk.json && fio_unique in$n_mk.json &&
	"$FIOSCOPE" ingest --quiet --db "$1" --set runtime="$2" --set backend=b \
		--set clients=1 --set rep="$5" in$n_mk.json
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
