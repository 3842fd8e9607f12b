#!/usr/bin/env bash
# Starts a real Kubernetes control plane on loopback for kubedeck's test:real:
# kube-apiserver (etcd embedded), kube-controller-manager, kube-scheduler, all
# built from the upstream k8s.io/kubernetes module, and KWOK as the kubelets of
# fake nodes shaped like the demo scenario's (GPU nodes included), and
# metrics-server reading KWOK's kubelet resource metrics (metrics.k8s.io, as
# `kubectl top` reads it) when it can be installed.
#
# Prints the kubeconfig path on stdout (last line) and its content on stderr.
# PIDs of everything started are recorded in $RUN_DIR/pids for cluster-down.sh.
# Exit codes: 0 up, 3 cannot build (no Go / no module proxy: callers skip), else failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/cluster-lib.sh"
repo="$(cd "$here/.." && pwd)"

t0=$(date +%s)
"$here/cluster-build.sh" || exit $?
# metrics-server is optional: without it (no module proxy, a failed build) the
# cluster comes up without metrics.k8s.io and the metrics tests skip, saying so.
METRICS_SERVER_VERSION="${KUBEDECK_METRICS_SERVER_VERSION:-v0.8.0}"
metrics_server="$BIN_DIR/metrics-server-$METRICS_SERVER_VERSION"
if [[ ! -x "$metrics_server" ]]; then
	log "installing metrics-server $METRICS_SERVER_VERSION into $BIN_DIR"
	ms_gobin="$(mktemp -d)"
	if (cd "$ms_gobin" && GOBIN="$ms_gobin" GOFLAGS=-mod=mod nice -n 10 go install "sigs.k8s.io/metrics-server/cmd/metrics-server@$METRICS_SERVER_VERSION") >&2; then
		mv "$ms_gobin/metrics-server" "$metrics_server"
	else
		log "could not install metrics-server $METRICS_SERVER_VERSION: the cluster will not serve metrics.k8s.io"
	fi
	rm -rf "$ms_gobin"
fi
t_built=$(date +%s)

if [[ -s "$RUN_DIR/pids" ]]; then
	log "a cluster from an earlier cluster-up is recorded in $RUN_DIR/pids; stopping it first"
	"$here/cluster-down.sh"
fi
rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR/logs"
chmod 700 "$RUN_DIR"

# Free loopback ports, chosen by the kernel, so parallel runs on a shared
# machine do not collide.
read -r API_PORT ETCD_PORT PEER_PORT KWOK_PORT CM_PORT SCHED_PORT METRICS_PORT < <(node -e '
const net = require("node:net");
const take = () => new Promise(r => { const s = net.createServer(); s.listen(0, "127.0.0.1", () => { const p = s.address().port; r([s, p]); }); });
(async () => { const got = []; for (let i = 0; i < 7; i++) got.push(await take()); for (const [s] of got) s.close(); console.log(got.map(g => g[1]).join(" ")); })();
')

bin="$BIN_DIR/realcluster"
pki="$RUN_DIR/pki"
"$bin" certs "$pki"

b64() { base64 < "$1" | tr -d '\n'; }
write_kubeconfig() { # path server cert|token
	cat > "$1" <<KCFG
apiVersion: v1
kind: Config
clusters:
- name: kubedeck-real
  cluster:
    server: $2
    certificate-authority-data: $(b64 "$pki/ca.crt")
users:
- name: kubedeck-admin
  user:
$(if [[ "$3" == token ]]; then
	echo "    token: $token"
else
	echo "    client-certificate-data: $(b64 "$pki/admin.crt")"
	echo "    client-key-data: $(b64 "$pki/admin.key")"
fi)
contexts:
- name: kubedeck-real
  context:
    cluster: kubedeck-real
    user: kubedeck-admin
    namespace: default
current-context: kubedeck-real
KCFG
	chmod 600 "$1"
}
SERVER="https://127.0.0.1:$API_PORT"
# Two kubeconfigs for the same admin: the control plane and kwok use the client
# certificate; the one handed to tests and people uses a bearer token, which
# every client (including plain fetch with NODE_EXTRA_CA_CERTS) can send.
token="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
echo "$token,kubedeck-admin,kubedeck-admin,system:masters" > "$pki/tokens.csv"
chmod 600 "$pki/tokens.csv"
COMPONENT_KUBECONFIG="$RUN_DIR/components.kubeconfig"
write_kubeconfig "$COMPONENT_KUBECONFIG" "$SERVER" cert
write_kubeconfig "$KUBECONFIG_OUT" "$SERVER" token

: > "$RUN_DIR/pids"
start() { # name command...
	local name="$1"; shift
	# setsid: own process group, so cluster-down can stop a component and
	# anything it spawned without touching unrelated processes.
	setsid "$@" > "$RUN_DIR/logs/$name.log" 2>&1 < /dev/null &
	echo "$name $!" >> "$RUN_DIR/pids"
}
fail() {
	log "cluster-up failed: $*"
	for f in "$RUN_DIR"/logs/*.log; do
		echo "---- tail of $f" >&2
		tail -n 15 "$f" >&2
	done
	"$here/cluster-down.sh" || true
	exit 1
}

ca=(--cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key")
wait_for() { # seconds description command...
	local secs="$1" what="$2"; shift 2
	local deadline=$(( $(date +%s) + secs ))
	until "$@" > /dev/null 2>&1; do
		(( $(date +%s) < deadline )) || fail "timed out after ${secs}s waiting for $what"
		sleep 0.5
	done
}

log "starting kube-apiserver $K8S_VERSION on $SERVER (etcd embedded on 127.0.0.1:$ETCD_PORT)"
apiserver_cmd=(env \
	REALCLUSTER_ETCD_DIR="$RUN_DIR/etcd" REALCLUSTER_ETCD_CLIENT_PORT="$ETCD_PORT" REALCLUSTER_ETCD_PEER_PORT="$PEER_PORT" \
	"$bin" apiserver \
	--etcd-servers="http://127.0.0.1:$ETCD_PORT" \
	--bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$API_PORT" \
	--tls-cert-file="$pki/apiserver.crt" --tls-private-key-file="$pki/apiserver.key" \
	--client-ca-file="$pki/ca.crt" --token-auth-file="$pki/tokens.csv" \
	--service-account-issuer=https://kubernetes.default.svc.cluster.local \
	--service-account-key-file="$pki/sa.pub" --service-account-signing-key-file="$pki/sa.key" \
	--service-cluster-ip-range=10.0.0.0/24 \
	--authorization-mode=RBAC \
	`# Tests create a namespace and a pod straight after; with the ServiceAccount` \
	`# admission plugin that races the controller creating the "default" account.` \
	--disable-admission-plugins=ServiceAccount \
	--kubelet-preferred-address-types=InternalIP \
	--kubelet-client-certificate="$pki/admin.crt" --kubelet-client-key="$pki/admin.key" \
	`# The aggregator proxies metrics.k8s.io to metrics-server with this certificate;` \
	`# metrics-server authenticates it against the client CA (an admin, as kwokctl does).` \
	--proxy-client-cert-file="$pki/admin.crt" --proxy-client-key-file="$pki/admin.key" \
	--profiling=false)
# Kept for cluster-restart-apiserver.sh: a fault test stops kube-apiserver (and its
# embedded etcd) and starts it again exactly as here, on the same data and port.
declare -p apiserver_cmd SERVER > "$RUN_DIR/apiserver.cmd"
start apiserver "${apiserver_cmd[@]}"

wait_for 180 "kube-apiserver /readyz" curl -fsS "${ca[@]}" "$SERVER/readyz"
t_ready=$(date +%s)
log "kube-apiserver ready after $(( t_ready - t_built ))s"

common=(--kubeconfig="$COMPONENT_KUBECONFIG" --authentication-kubeconfig="$COMPONENT_KUBECONFIG" --authorization-kubeconfig="$COMPONENT_KUBECONFIG" --bind-address=127.0.0.1 --leader-elect=false)
start controller-manager "$bin" controller-manager "${common[@]}" --secure-port="$CM_PORT" \
	--service-account-private-key-file="$pki/sa.key" --root-ca-file="$pki/ca.crt" \
	--use-service-account-credentials=false --profiling=false
start scheduler "$bin" scheduler "${common[@]}" --secure-port="$SCHED_PORT" --profiling=false

# KWOK: node heartbeats/leases and the pod lifecycle (stages), plus a
# kubelet-like server for `kubectl logs` (the node's InternalIP and kubelet
# port point at it).
# Every container of every pod on a kwok node serves the same short log, in
# the CRI format kubelets write (timestamp stream tag message).
now_iso="$(date -u +%Y-%m-%dT%H:%M:%S)"
{
	for i in 1 2 3 4 5; do
		printf '%s.%09dZ stdout F kwok fake container log line %d\n' "$now_iso" "$i" "$i"
	done
	printf '%s.%09dZ stderr F warning: this container is simulated by kwok\n' "$now_iso" 6
} > "$RUN_DIR/container.log"
# exec, attach and port-forward on the fake kubelets (ClusterExec, ClusterAttach,
# ClusterPortForward below). exec runs the command on this machine, in its own
# working dir, as the user running the harness: tests run `sh -c ...` there.
# attach follows the container log (the logwriter's ticks). Port 8080 of every
# pod reaches a TCP echo server started here; other ports have no forward.
mkdir -p "$RUN_DIR/exec-root"
echo "kwok exec root" > "$RUN_DIR/exec-root/greeting"
start echo node -e '
const net = require("node:net"), fs = require("node:fs");
const server = net.createServer(s => { s.on("error", () => s.destroy()); s.pipe(s); });
server.listen(0, "127.0.0.1", () => fs.writeFileSync(process.argv[1], String(server.address().port)));
' "$RUN_DIR/echo.port"
wait_for 30 "the port-forward echo server" test -s "$RUN_DIR/echo.port"
ECHO_PORT="$(cat "$RUN_DIR/echo.port")"
{
	cat "$BIN_DIR/kwok-stages.yaml"
	cat <<KWOK
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterLogs
metadata:
  name: all-pods
spec:
  logs:
  - logsFile: $RUN_DIR/container.log
    previousLogsFile: $RUN_DIR/previous.log
    follow: true
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterExec
metadata:
  name: all-pods
spec:
  execs:
  - local:
      workDir: $RUN_DIR/exec-root
      envs:
      - name: KUBEDECK_EXEC
        value: kwok
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterAttach
metadata:
  name: all-pods
spec:
  attaches:
  - logsFile: $RUN_DIR/container.log
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterPortForward
metadata:
  name: all-pods
spec:
  forwards:
  - ports: [8080]
    target:
      address: 127.0.0.1
      port: $ECHO_PORT
KWOK
	if [[ -x "$metrics_server" ]]; then
		# The kubelet resource metrics KWOK serves per node at
		# /metrics/nodes/NODE/metrics/resource (metrics-server finds the path in a node
		# annotation, below), with each pod's usage from its annotations
		# kwok.x-k8s.io/usage-cpu and kwok.x-k8s.io/usage-memory (1m and 1Mi without):
		# KWOK's own stock definitions, from its module.
		kwok_dir="$(go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
		for f in "$kwok_dir/kustomize/metrics/usage/usage-from-annotation.yaml" "$kwok_dir/kustomize/metrics/resource/metrics-resource.yaml"; do
			echo "---"
			cat "$f"
		done
	fi
} > "$RUN_DIR/kwok-config.yaml"
head -n 3 "$RUN_DIR/container.log" > "$RUN_DIR/previous.log"
# Containers keep logging, so `logs -f` has something to follow.
start logwriter bash -c 'n=0; while sleep 1; do n=$((n+1)); printf "%s stdout F tick %d\n" "$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)" "$n"; done >> "$1"' logwriter "$RUN_DIR/container.log"
# --node-lease-duration-seconds: kwok's heartbeat stage renews node status only
# every 10-20 min and relies on Leases for liveness; without them the node
# lifecycle controller marks every node Unknown after its 50 s grace period,
# kwok re-initialises it, and that template drops status.addresses on every
# other pass (kubectl logs then fails: "no preferred addresses found").
start kwok "$BIN_DIR/kwok" --kubeconfig="$COMPONENT_KUBECONFIG" --config="$RUN_DIR/kwok-config.yaml" \
	--node-lease-duration-seconds=40 \
	--manage-all-nodes=false --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
	--node-ip=127.0.0.1 --node-port="$KWOK_PORT" --server-address="127.0.0.1:$KWOK_PORT" \
	--tls-cert-file="$pki/apiserver.crt" --tls-private-key-file="$pki/apiserver.key" \
	--cidr=10.244.0.1/16

log "creating the demo scenario's nodes"
(cd "$repo" && node --import tsx scripts/cluster-nodes.ts "$KUBECONFIG_OUT") || fail "could not create nodes"

ready_nodes() {
	node --import tsx "$repo/scripts/cluster-nodes.ts" --check "$KUBECONFIG_OUT"
}
wait_for 120 "kwok nodes to become Ready" ready_nodes
wait_for 60 "the default service account" curl -fsS "${ca[@]}" "$SERVER/api/v1/namespaces/default/serviceaccounts/default"

if [[ -x "$metrics_server" ]]; then
	log "starting metrics-server $METRICS_SERVER_VERSION on 127.0.0.1:$METRICS_PORT"
	# Each KWOK node's resource metrics path, where metrics-server looks for it.
	for name in $(curl -fsS "${ca[@]}" "$SERVER/api/v1/nodes" | node -e '
		let text = ""; process.stdin.on("data", c => text += c).on("end", () => {
			for (const n of JSON.parse(text).items) if (n.metadata.annotations?.["kwok.x-k8s.io/node"] === "fake") console.log(n.metadata.name);
		});'); do
		curl -fsS "${ca[@]}" -X PATCH -H 'content-type: application/merge-patch+json' \
			-d "{\"metadata\":{\"annotations\":{\"metrics.k8s.io/resource-metrics-path\":\"/metrics/nodes/$name/metrics/resource\"}}}" \
			"$SERVER/api/v1/nodes/$name" > /dev/null || fail "could not annotate node $name for metrics-server"
	done
	start metrics-server "$metrics_server" --kubeconfig="$COMPONENT_KUBECONFIG" \
		--authentication-kubeconfig="$COMPONENT_KUBECONFIG" --authorization-kubeconfig="$COMPONENT_KUBECONFIG" \
		--bind-address=127.0.0.1 --secure-port="$METRICS_PORT" \
		--tls-cert-file="$pki/apiserver.crt" --tls-private-key-file="$pki/apiserver.key" \
		--kubelet-preferred-address-types=InternalIP --kubelet-use-node-status-port --kubelet-insecure-tls \
		--metric-resolution=15s
	# The API server reaches it as an ExternalName Service on loopback (Endpoints may not
	# hold loopback addresses); the APIService skips TLS verification of its serving cert.
	curl -fsS "${ca[@]}" -X POST -H 'content-type: application/json' "$SERVER/api/v1/namespaces/kube-system/services" -d "{
		\"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\": \"metrics-server\", \"namespace\": \"kube-system\"},
		\"spec\": {\"type\": \"ExternalName\", \"externalName\": \"127.0.0.1\", \"ports\": [{\"name\": \"https\", \"port\": $METRICS_PORT}]}}" > /dev/null \
		|| fail "could not create the metrics-server Service"
	curl -fsS "${ca[@]}" -X POST -H 'content-type: application/json' "$SERVER/apis/apiregistration.k8s.io/v1/apiservices" -d "{
		\"apiVersion\": \"apiregistration.k8s.io/v1\", \"kind\": \"APIService\", \"metadata\": {\"name\": \"v1beta1.metrics.k8s.io\"},
		\"spec\": {\"group\": \"metrics.k8s.io\", \"version\": \"v1beta1\", \"insecureSkipTLSVerify\": true, \"groupPriorityMinimum\": 100, \"versionPriority\": 100,
		\"service\": {\"namespace\": \"kube-system\", \"name\": \"metrics-server\", \"port\": $METRICS_PORT}}}" > /dev/null \
		|| fail "could not register the metrics.k8s.io APIService"
	wait_for 120 "metrics.k8s.io served by metrics-server" curl -fsS "${ca[@]}" "$SERVER/apis/metrics.k8s.io/v1beta1/nodes"
fi
t_up=$(date +%s)

log "cluster up: build/check $(( t_built - t0 ))s, apiserver ready $(( t_ready - t_built ))s, nodes Ready $(( t_up - t_built ))s after start"
cat "$KUBECONFIG_OUT" >&2
echo "$KUBECONFIG_OUT"
