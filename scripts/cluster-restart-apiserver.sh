#!/usr/bin/env bash
# Restarts the harness's kube-apiserver (etcd is embedded in the same process, so
# it restarts too) for fault tests: SIGTERM to its process group, an optional
# outage of DOWN_SECONDS (first argument, default 0), then the same command
# cluster-up.sh ran, on the same etcd data and port. Waits for /readyz.
# SIGKILL after 10 s of graceful shutdown (a crash, which etcd's log survives).
# Prints "down <ms> up <ms>" (stop took, start-to-ready took) on stdout.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/cluster-lib.sh"
down_seconds="${1:-0}"
pids_file="$RUN_DIR/pids"
[[ -s "$RUN_DIR/apiserver.cmd" && -s "$pids_file" ]] || { log "no cluster from cluster-up.sh in $RUN_DIR"; exit 1; }
source "$RUN_DIR/apiserver.cmd"
pid="$(awk '$1 == "apiserver" {print $2}' "$pids_file" | tail -n 1)"
[[ -n "$pid" ]] || { log "no apiserver in $pids_file"; exit 1; }
ms() { date +%s%3N; }

t0=$(ms)
kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
deadline=$(( $(date +%s) + 10 ))
while kill -0 "$pid" 2>/dev/null; do
	if (( $(date +%s) >= deadline )); then kill -KILL -- "-$pid" 2>/dev/null || true; fi
	sleep 0.1
done
t_down=$(ms)
sleep "$down_seconds"

setsid "${apiserver_cmd[@]}" >> "$RUN_DIR/logs/apiserver.log" 2>&1 < /dev/null &
new=$!
# The new pid replaces the old one, so cluster-down.sh stops the running server.
sed -i "s/^apiserver $pid\$/apiserver $new/" "$pids_file"
t_start=$(ms)
pki="$RUN_DIR/pki"
deadline=$(( $(date +%s) + 180 ))
until curl -fsS --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" "$SERVER/readyz" > /dev/null 2>&1; do
	(( $(date +%s) < deadline )) || { log "kube-apiserver not ready 180s after its restart"; exit 1; }
	sleep 0.2
done
echo "down $(( t_down - t0 )) up $(( $(ms) - t_start ))"
