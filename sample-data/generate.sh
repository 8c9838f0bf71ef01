#!/bin/bash
# sample-data/generate.sh -- regenerate fioscope's sample campaign.
#
#   bash sample-data/generate.sh
#
# Real fio runs on THIS machine, shaped with fio's own rate/thinktime options
# to look like a study of container runtimes on BeeGFS over NVMe. They are
# not BeeGFS measurements: see README.md beside this script.
#
# It writes sample-data/rep1 (60 scenarios: 5 runtimes x 4 patterns x 1/8/64
# clients), sample-data/rep2 and rep3 (repetitions of write and randread at 8
# clients, every runtime) and sample-data/generated.txt, replacing the old
# ones only once everything ran. About 20 minutes on an otherwise idle 2-core
# machine (80 runs of 8 s; starting 64 fio processes two at a time, see
# launch below), 31 minutes on a shared one (waiting for quiet, see below).
#
# Needs: fio (made with Debian's fio 3.33), flock (util-linux), gzip, python3.
# All I/O goes to small files in a private `mktemp -d` directory under /tmp
# (/var/tmp if O_DIRECT fails on /tmp, e.g. tmpfs), removed at exit together
# with any fio this script started.
#
# Environment: FIO (fio binary, default "fio"), RUNTIME (seconds per run,
# default 8), SIZE (file per job, default 8m), LAUNCH_BATCH (clients started
# at once before waiting for them to reach the barrier, default 2),
# MIN_OVERLAP (default 0.92) and TRIES (default 3): a concurrent scenario
# whose clients' run windows overlap less than MIN_OVERLAP is run again, at
# most TRIES times in all. QUIET_BUSY (percent, default 60) and QUIET_WAIT
# (seconds, default 45): before each scenario, wait until the CPUs are less
# than QUIET_BUSY% busy over one second, for at most QUIET_WAIT seconds
# (completion latency on a shared VM suffers from other CPU-heavy work).
# ONLY=REGEX runs only the matching "repN/runtime/rw/clients" scenarios into
# a scratch directory and keeps sample-data/ as it is (for trying things out).
set -eu

# ====================================================================== SHAPING
# Per-JOB bandwidth cap, KiB/s (fio --rate=<N>k). Every client runs numjobs=4
# jobs, so a client moves 4 x N and a scenario's aggregate is clients x 4 x N.
# The ratios to bare-metal follow the reference study's published findings
# (see README.md): runc = bare-metal - 1.5%; virtio-fs with DAX close to bare
# metal for (rand)read with few clients, above it for sequential write,
# slightly below for random write; virtio-fs without DAX below DAX; 9p far
# below and scaling worst, except for random write where it beats both
# virtio-fs variants.
#
#  runtime             rw          1 client  8 clients  64 clients
RATES='
   bare-metal          read          16384      5120      1024
   bare-metal          randread      12288      4096       768
   bare-metal          write         12288      3584       640
   bare-metal          randwrite      8192      2560       512
   runc                read          16138      5043      1009
   runc                randread      12104      4035       756
   runc                write         12104      3530       630
   runc                randwrite      8069      2522       504
   kata-virtiofs-dax   read          15892      4762       870
   kata-virtiofs-dax   randread      11796      3768       630
   kata-virtiofs-dax   write         14254      4086       717
   kata-virtiofs-dax   randwrite      7373      2227       430
   kata-virtiofs       read          12780      3379       532
   kata-virtiofs       randread       9093      2540       369
   kata-virtiofs       write         10568      2796       435
   kata-virtiofs       randwrite      5243      1434       246
   kata-9p             read           6144      1024       171
   kata-9p             randread       4608       768       128
   kata-9p             write          5120       768       128
   kata-9p             randwrite      7782      2381       461
'
# Latency shaping: burst size B per runtime. B=1: plain rate-paced I/O.
# B>1: --thinktime_blocks=B --thinktime=T with T = 0.9 x B x 64 KiB / rate:
# each job stalls T after every B I/Os, then the rate limiter lets it catch
# up with a burst of up to B I/Os in flight at once (iodepth=8), so the
# average bandwidth stays at the cap while completion latency grows with the
# queueing inside each burst. B is lowered to (I/Os per job)/16 when a job
# does too few I/Os for bursts (else the stall cut by the end of the run
# would cost bandwidth); below 2, no thinktime.
BURST='
   bare-metal          1
   runc                1
   kata-virtiofs-dax   2
   kata-virtiofs       4
   kata-9p             8
'
RUNTIME_LIST="bare-metal runc kata-virtiofs-dax kata-virtiofs kata-9p"
RW_LIST="read randread write randwrite"
CLIENTS_LIST="1 8 64"
# Special scenarios (rep1 unless said):
LOGS_RW=read LOGS_CLIENTS=8          # every runtime: bw/iops/lat logs, log_avg_msec=250
STATUS_SCENARIO=bare-metal/randwrite/8   # --status-interval=1: several JSON documents
SEQUENTIAL_SCENARIO=runc/randwrite/8     # clients one after another, no overlap
REP_RWS="write randread" REP_CLIENTS=8 REPS="2 3"   # extra repetitions, every runtime
# =============================================================================

FIO=${FIO:-fio}
RUNTIME=${RUNTIME:-8}
SIZE=${SIZE:-8m}
MIN_OVERLAP=${MIN_OVERLAP:-0.92}
TRIES=${TRIES:-3}
ONLY=${ONLY:-}
LAUNCH_BATCH=${LAUNCH_BATCH:-2}
QUIET_BUSY=${QUIET_BUSY:-60}
QUIET_WAIT=${QUIET_WAIT:-45}
HERE=$(cd "$(dirname "$0")" && pwd)
BS_KIB=64

log() { printf '%s\n' "generate.sh: $*" >&2; }
die() { log "$*"; exit 1; }

for tool in "$FIO" flock gzip python3; do
    command -v "$tool" >/dev/null || die "$tool not found"
done

declare -A RATE BURSTOF
while read -r rt rw r1 r8 r64; do
    [ -n "$rt" ] || continue
    RATE[$rt/$rw/1]=$r1 RATE[$rt/$rw/8]=$r8 RATE[$rt/$rw/64]=$r64
done <<<"$RATES"
while read -r rt b; do
    [ -n "$rt" ] && BURSTOF[$rt]=$b
done <<<"$BURST"

# ---------------------------------------------------------------- work dir
probe_direct() {  # DIR: does O_DIRECT + libaio work there?
    (cd "$1" && "$FIO" --name=probe --filename=probe.dat --size=1m --bs=64k \
        --rw=read --ioengine=libaio --iodepth=2 --direct=1 --output=/dev/null \
        >/dev/null 2>&1)
    local rc=$?
    rm -f "$1/probe.dat"
    return $rc
}
W=$(mktemp -d /tmp/fioscope-sample.XXXXXX)
PIDS=""
cleanup() {
    local pid
    for pid in $PIDS; do
        kill "$pid" 2>/dev/null || true
    done
    cd /
    rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
if ! probe_direct "$W"; then
    log "O_DIRECT does not work on the filesystem of /tmp; using /var/tmp"
    rm -rf "$W"
    W=$(mktemp -d /var/tmp/fioscope-sample.XXXXXX)
    probe_direct "$W" || die "O_DIRECT with libaio works neither in /tmp nor in /var/tmp"
fi
STAGE=$W/stage   # output tree, moved into sample-data/ at the end
IO=$W/io         # one directory per client (its data files), the gate, the ready marks
mkdir -p "$STAGE" "$IO"
FIOVER=$("$FIO" --version)
log "using $FIOVER, work dir $W, runtime ${RUNTIME}s, ${SIZE} per job"

# The job of the reference campaign (libaio, iodepth 8, direct, 4 jobs,
# group reporting, time based, 64 KiB blocks), with a short runtime.
# exec_prerun is the start barrier: each job marks itself ready and waits
# for a shared lock on ../gate, which this script holds until every job of
# every client is ready, so all clients start their I/O together.
# (fio counts its runtime after exec_prerun.)
JOB=(--name=campaign --ioengine=libaio --iodepth=8 --direct=1 --numjobs=4
     --group_reporting --time_based --runtime="$RUNTIME" --ramp_time=0
     --bs=${BS_KIB}k --size="$SIZE"
     "--exec_prerun=touch ../ready/\$\$; flock -s ../gate true")

clientname() { printf 'client%02d' "$1"; }

# Lay out every client's files once (4 jobs x SIZE each); all scenarios reuse them.
log "laying out files for 64 clients"
for i in $(seq 1 64); do
    c=$(clientname "$i")
    mkdir -p "$IO/$c"
    (cd "$IO/$c" && "$FIO" --name=campaign --numjobs=4 --size="$SIZE" --bs=${BS_KIB}k \
        --rw=read --create_only=1 --output=/dev/null) >/dev/null || die "layout of $c failed"
done
: >"$IO/gate"
exec 9<>"$IO/gate"

nready() {
    local f=("$IO"/ready/*)
    [ -e "${f[0]}" ] && echo ${#f[@]} || echo 0
}

# launch DEST N MODE ARGS...: run N fio clients writing DEST/clientNN/64k.json.
# concurrent: the script holds the gate, starts the clients LAUNCH_BATCH at a
# time and waits until all 4 jobs of each are at the barrier before starting
# the next ones (each fio measures the nanosleep granularity at startup; when
# 64 fio processes start at once it measures a long one, and then busy-waits
# that long before every rate-limited I/O, which eats the CPU and makes the
# rates miss), and then opens the gate: all jobs start together.
# sequential: no gate; client k+1 starts when client k has exited.
launch() {
    local dest=$1 n=$2 mode=$3 i c pid k
    shift 3
    rm -rf "$IO/ready"
    mkdir "$IO/ready"
    [ "$mode" = concurrent ] && flock -x 9
    PIDS=""
    for i in $(seq 1 "$n"); do
        c=$(clientname "$i")
        mkdir -p "$dest/$c"
        (cd "$IO/$c" && exec "$FIO" --eta=never --output-format=json+ \
            --output="$dest/$c/64k.json" "$@" 9>&-) &
        pid=$!
        PIDS="$PIDS $pid"
        if [ "$mode" = concurrent ] && { [ $((i % LAUNCH_BATCH)) = 0 ] || [ "$i" = "$n" ]; }; then
            k=$((i * 4))
            while [ "$(nready)" -lt "$k" ]; do
                kill -0 "$pid" 2>/dev/null || { wait "$pid" || true; flock -u 9; die "$dest/$c: fio exited before the start"; }
                sleep 0.01
            done
        elif [ "$mode" = sequential ]; then
            wait "$pid" || die "$dest/$c: fio failed"
        fi
    done
    [ "$mode" = concurrent ] && flock -u 9
    for pid in $PIDS; do
        wait "$pid" || die "$dest: a fio client failed (pid $pid)"
    done
    PIDS=""
}

RETRIES=""
LOWEST=""
BUSY_STARTS=0
WAITED=0
cpu_busy() {  # percent of CPU time not idle over the next second
    local a b t=0 k idle
    read -r -a a </proc/stat
    sleep 1
    read -r -a b </proc/stat
    for k in 1 2 3 4 5 6 7 8; do
        t=$((t + b[k] - a[k]))
    done
    idle=$((b[4] - a[4] + b[5] - a[5]))
    echo $((t > 0 ? 100 * (t - idle) / t : 0))
}
wait_quiet() {
    local w=0 busy
    while busy=$(cpu_busy) && [ "$busy" -ge "$QUIET_BUSY" ]; do
        w=$((w + 1))
        if [ "$w" -ge "$QUIET_WAIT" ]; then
            BUSY_STARTS=$((BUSY_STARTS + 1))
            log "CPUs still ${busy}% busy after ${w}s, going on"
            break
        fi
    done
    WAITED=$((WAITED + w))
}
# scenario REP RUNTIME RW CLIENTS
scenario() {
    local rep=$1 rt=$2 rw=$3 n=$4
    local id="rep$rep/$rt/$rw/$n"
    if [ -n "$ONLY" ] && ! [[ $id =~ $ONLY ]]; then
        return 0
    fi
    local rate=${RATE[$rt/$rw/$n]} b=${BURSTOF[$rt]} mode=concurrent
    local dest="$STAGE/rep$rep/$rt/beegfs-$rw/$n"
    local args=("${JOB[@]}" --rw="$rw" --rate="${rate}k")
    local ios=$((rate * RUNTIME / BS_KIB)) t0=$SECONDS try=1 ov agg c res
    [ $((ios / 16)) -lt "$b" ] && b=$((ios / 16))
    if [ "$b" -ge 2 ]; then
        args+=(--thinktime_blocks="$b" --thinktime=$((9 * b * BS_KIB * 100000 / rate)))
    fi
    if [ "$rep" = 1 ] && [ "$rw" = "$LOGS_RW" ] && [ "$n" = "$LOGS_CLIENTS" ]; then
        args+=(--write_bw_log=64k --write_iops_log=64k --write_lat_log=64k --log_avg_msec=250)
    fi
    [ "$rep" = 1 ] && [ "$rt/$rw/$n" = "$STATUS_SCENARIO" ] && args+=(--status-interval=1)
    [ "$rep" = 1 ] && [ "$rt/$rw/$n" = "$SEQUENTIAL_SCENARIO" ] && mode=sequential
    while :; do
        rm -rf "$dest"
        rm -f "$IO"/client*/64k_*.log "$IO"/client*/campaign.prerun.txt
        wait_quiet
        launch "$dest" "$n" "$mode" "${args[@]}"
        res=$(python3 "$HERE/check.py" overlap "$dest"/client*/64k.json)
        ov=${res% *} agg=${res#* }
        if [ "$mode" = concurrent ] && [ "$n" -gt 1 ] &&
                awk "BEGIN { exit !($ov < $MIN_OVERLAP) }"; then
            if [ "$try" -lt "$TRIES" ]; then
                log "$id: overlap $ov < $MIN_OVERLAP, running it again"
                RETRIES="$RETRIES $id($ov)"
                try=$((try + 1))
                continue
            fi
            log "WARNING: $id: overlap $ov < $MIN_OVERLAP after $TRIES tries, kept"
        fi
        break
    done
    for i in $(seq 1 "$n"); do
        c=$(clientname "$i")
        if compgen -G "$IO/$c/64k_*.log" >/dev/null; then
            mv "$IO/$c"/64k_*.log "$dest/$c/"
            gzip -9n "$dest/$c"/64k_*.log
        fi
        gzip -9n "$dest/$c/64k.json"
    done
    if [ "$mode" = concurrent ] && [ "$n" -gt 1 ]; then
        LOWEST=$(printf '%s\n' "$LOWEST" "$ov $id" | sed '/^$/d' | sort -n | head -1)
    fi
    log "$(printf '%-36s %3d x rate=%5dk burst=%d %-10s agg %7.1f MiB/s overlap %s (%ds)' \
        "$id" "$n" "$rate" "$b" "$mode" "$agg" "$ov" $((SECONDS - t0)))"
}

# The runtimes of one pattern and client count run one after the other, so
# that they are compared under the same conditions of the machine.
START=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
for rw in $RW_LIST; do
    for n in $CLIENTS_LIST; do
        for rt in $RUNTIME_LIST; do
            scenario 1 "$rt" "$rw" "$n"
        done
    done
done
for rep in $REPS; do
    for rw in $REP_RWS; do
        for rt in $RUNTIME_LIST; do
            scenario "$rep" "$rt" "$rw" "$REP_CLIENTS"
        done
    done
done

cat >"$STAGE/generated.txt" <<EOF
generated by sample-data/generate.sh
started:      $START
took:         ${SECONDS} s
fio:          $FIOVER
machine:      $(nproc) cores, $(uname -sr), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)
work dir fs:  $(df -PT "$W" | awk 'NR==2 {print $2}') ($(dirname "$W"))
runtime:      ${RUNTIME} s per run, ${SIZE} file per job
re-runs:      ${RETRIES:-none} (overlap below $MIN_OVERLAP)
waited:       ${WAITED} s in all for CPUs below ${QUIET_BUSY}% busy; ${BUSY_STARTS} scenario(s) started busy after ${QUIET_WAIT} s
lowest overlap of a concurrent multi-client scenario: ${LOWEST:-n/a}
EOF

if [ -n "$ONLY" ]; then
    rm -rf "${HERE:?}/try"
    mv "$STAGE" "$HERE/try"
    log "ONLY=$ONLY: results in $HERE/try (not part of the campaign), ${SECONDS}s"
    exit 0
fi
for d in rep1 rep2 rep3; do
    rm -rf "${HERE:?}/$d"
    [ -d "$STAGE/$d" ] && mv "$STAGE/$d" "$HERE/$d"
done
mv "$STAGE/generated.txt" "$HERE/generated.txt"
log "done in ${SECONDS}s; check with: python3 $HERE/check.py table"
