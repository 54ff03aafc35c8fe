#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A real Slurm run of the README's Slurm example (issue 20 item 7):
#   slurm.sh SHMPLOT README.md
# starts a single-node Slurm on this machine (munged, slurmctld, slurmd,
# as root, in a temporary directory with its own slurm.conf and free
# ports), submits the README's job script unchanged as its 8-task job
# array (--cpus-per-task=1 on the command line: this node has fewer CPUs
# than the example asks for), waits, and checks that the shards together
# are the whole run byte for byte and that the eight reports account for
# every figure exactly once. Skipped (77) without slurm-wlm and munge, or
# when not root. Every daemon is stopped and the directory removed on
# every path.
set -u
exe=$1
readme=$2
for tool in slurmctld slurmd sbatch squeue sinfo scancel munged mungekey; do
	command -v "$tool" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin
	command -v "$tool" >/dev/null 2>&1 || {
		echo "skipped: $tool not found (apt-get install slurm-wlm munge)"
		exit 77
	}
done
[ "$(id -u)" = 0 ] || {
	echo "skipped: a private Slurm needs root"
	exit 77
}

T=$(mktemp -d /tmp/shmplot-slurm.XXXXXX)
chmod 755 "$T"
export SLURM_CONF=$T/slurm.conf
pids=()
cleanup() {
	# jobs first, then the daemons, then anything still running from $T
	cd / || true
	if [ -n "$(squeue -h -t active 2>/dev/null)" ]; then
		timeout 5 scancel --full --quiet >/dev/null 2>&1
	fi
	kill "${pids[@]}" 2>/dev/null
	for _ in $(seq 1 50); do # until none is running (a zombie has ended)
		running=0
		for p in "${pids[@]}"; do
			st=$(cut -d' ' -f3 "/proc/$p/stat" 2>/dev/null)
			[ -n "$st" ] && [ "$st" != Z ] && running=1
		done
		[ "$running" = 0 ] && break
		sleep 0.1
	done
	kill -9 "${pids[@]}" 2>/dev/null
	wait 2>/dev/null
	# job steps left behind by slurmd: whatever still runs in $T
	for d in $(find /proc/[0-9]*/cwd -maxdepth 0 -lname "$T*" 2>/dev/null); do
		d=${d#/proc/}
		d=${d%/cwd}
		[ "$d" = $$ ] || kill -9 "$d" 2>/dev/null
	done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
failed=0
fail() {
	echo "FAIL: $*" >&2
	failed=1
}
die() {
	echo "FAIL: $*" >&2
	for log in "$T"/*.log; do
		[ -f "$log" ] && { echo "== $log"; tail -n 20 "$log"; } >&2
	done
	exit 1
}

# A TCP port nothing listens on (nor on the next one).
free_port() {
	local p
	for _ in $(seq 1 200); do
		p=$((20000 + RANDOM % 30000))
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && continue
		(exec 3<>"/dev/tcp/127.0.0.1/$((p + 1))") 2>/dev/null && continue
		echo "$p"
		return 0
	done
	return 1
}

# --- munge, with its own key and socket --------------------------------------
mkdir -p "$T/munge" "$T/state" "$T/spool" "$T/work/bin"
chmod 700 "$T/munge"
mungekey --create --keyfile="$T/munge/munge.key" >/dev/null 2>&1 ||
	dd if=/dev/urandom of="$T/munge/munge.key" bs=1024 count=1 2>/dev/null
chmod 600 "$T/munge/munge.key"
munged --foreground --force --socket="$T/munge/munge.sock" \
	--key-file="$T/munge/munge.key" --log-file="$T/munged.log" \
	--pid-file="$T/munge/munged.pid" --seed-file="$T/munge/munged.seed" \
	2>>"$T/munged.log" &
pids+=($!)
for _ in $(seq 1 50); do
	[ -S "$T/munge/munge.sock" ] && break
	sleep 0.1
done
[ -S "$T/munge/munge.sock" ] || die "munged did not start"

# --- slurm.conf: this host, free ports, no cgroups, no accounting -----------
host=$(hostname -s)
ctld_port=$(free_port) || die "no free port"
slurmd_port=$(free_port) || die "no free port"
node=$(slurmd -C | head -n 1 | sed 's/ *UpTime=.*//')
cat >"$SLURM_CONF" <<CONF
ClusterName=shmplottest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$T/munge/munge.sock
CredType=cred/munge
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
MailProg=/bin/true
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=shmplot Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -D -f "$SLURM_CONF" >>"$T/slurmctld.log" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >>"$T/slurmd.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 200); do # until the node is idle
	state=$(sinfo -h -N -o %t 2>/dev/null)
	[ "$state" = idle ] && break
	sleep 0.1
done
[ "$state" = idle ] || die "the node did not come up (state '$state')"

# --- the README's job script, unchanged -------------------------------------
cd "$T/work" || die "no work dir"
sed -n '/^<!-- slurm-example -->$/,/^```$/p' "$readme" | sed '1,2d;$d' >job.sh
grep -q '^#SBATCH --array=1-8$' job.sh || die "no Slurm example in $readme"
grep -q -- '--shard "$SLURM_ARRAY_TASK_ID/8"' job.sh || die "the example has no --shard"
ln -s "$exe" bin/shmplot
export PATH=$T/work/bin:$PATH
# 21 small figures: shards of 3 and 2
{
	echo '{"shmplot": 1, "series": {"x": {"linspace": [0, "4pi", 500]},'
	echo '"y": {"sin": "x"}}, "defaults": {"size": [2, 1.5], "dpi": 50},'
	echo '"figures": ['
	for i in $(seq 1 21); do
		[ "$i" = 1 ] || echo ","
		echo "{\"name\": \"f$i\", \"title\": \"$i\", \"lines\": [{\"x\": \"x\", \"y\": \"y\", \"width\": $i}]}"
	done
	echo ']}'
} >spec.json
"$exe" render -q -o "$T/whole" spec.json || die "the whole run failed"

job=$(sbatch --parsable --cpus-per-task=1 job.sh 2>"$T/sbatch.err") ||
	die "sbatch: $(cat "$T/sbatch.err")"
job=${job%%;*}
# until every task has ended (squeue keeps ended jobs for MinJobAge, 300 s)
for _ in $(seq 1 600); do
	states=$(squeue -h -t all -j "$job" -o %T 2>/dev/null | sort | uniq -c | tr -s ' \n' ' ')
	echo "$states" | grep -q 'PENDING\|RUNNING\|CONFIGURING\|COMPLETING' || break
	sleep 0.1
done
[ "$states" = " 8 COMPLETED " ] || {
	cat slurm-*.out >&2 2>/dev/null
	die "job array $job: $states"
}

# --- the shards are the whole run, and the reports account for it -----------
diff -r "$T/whole" out >/dev/null || fail "the shards' union differs from the whole run"
[ "$(ls out | wc -l)" = 21 ] || fail "$(ls out | wc -l) files in out/, not 21"
[ "$(ls reports | wc -l)" = 8 ] || fail "$(ls reports | wc -l) reports, not 8"
for k in $(seq 1 8); do
	grep -q "\"shard\":\[$k,8\]" "reports/$k.json" || fail "reports/$k.json is not shard $k/8"
	grep -q '"failed":0,"not_run":0' "reports/$k.json" || fail "reports/$k.json: $(head -n 1 "reports/$k.json")"
done
idx=$(cat reports/*.json | grep -o '"index":[0-9]*' | cut -d: -f2 | sort -n | tr '\n' ' ')
[ "$idx" = "$(seq 0 20 | tr '\n' ' ')" ] || fail "figure indexes in the reports: $idx"
[ "$(cat reports/*.json | grep -c '"status":"ok"')" = 21 ] || fail "not 21 figures ok in the reports"
# -q with --progress: each task's log has its progress and nothing else
for log in slurm-*.out; do
	grep -q "^shmplot render: [0-9]*/[0-9]* figures, 0 failed" "$log" || fail "$log has no progress: $(cat "$log")"
done
[ "$(ls slurm-*.out | wc -l)" = 8 ] || fail "$(ls slurm-*.out | wc -l) task logs, not 8"

[ "$failed" = 0 ] && echo "slurm: 8 shards = the whole run, 21 figures reported"
exit "$failed"
