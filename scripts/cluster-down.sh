#!/usr/bin/env bash
# Stops exactly the processes cluster-up.sh started (recorded in $RUN_DIR/pids),
# newest first, TERM then KILL after a grace period. Safe to run twice.
set -uo pipefail
source "$(dirname "$0")/cluster-lib.sh"

pids_file="$RUN_DIR/pids"
if [[ ! -s "$pids_file" ]]; then
	log "cluster-down: nothing recorded in $pids_file"
	exit 0
fi

# Each component was started with setsid, so its pid is also its process
# group id; signalling the group reaches helpers it may have spawned.
mapfile -t lines < <(tac "$pids_file")
alive() { kill -0 "$1" 2>/dev/null; }
for line in "${lines[@]}"; do
	read -r name pid <<< "$line"
	if alive "$pid"; then
		log "stopping $name (pid $pid)"
		kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
	fi
done
deadline=$(( $(date +%s) + 15 ))
for line in "${lines[@]}"; do
	read -r name pid <<< "$line"
	while alive "$pid" && (( $(date +%s) < deadline )); do sleep 0.2; done
	if alive "$pid"; then
		log "$name (pid $pid) ignored SIGTERM; killing"
		kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
	fi
done
rm -f "$pids_file"
log "cluster-down: stopped"
