#!/usr/bin/env bash
# Builds the real control plane (test/real, one binary `realcluster`) and KWOK
# into the version-keyed cache dir, skipping whatever is already there.
# Cold builds take long on 2 cores: the build runs under `nice` so it does not
# starve interactive work on the same machine.
#
# Exit codes: 0 built or already present, 3 Go toolchain or module proxy
# unavailable (callers turn that into a loud skip), other = build failure.
set -euo pipefail
source "$(dirname "$0")/cluster-lib.sh"

if ! command -v go >/dev/null 2>&1; then
	echo "skipped: the Go toolchain (go) is not on PATH" >&2
	exit 3
fi
if [[ -z "$K8S_VERSION" ]]; then
	echo "cluster-build: cannot read the k8s.io/kubernetes version from $KUBEDECK_REAL_DIR/go.mod" >&2
	exit 1
fi
mkdir -p "$BIN_DIR"

if [[ ! -x "$BIN_DIR/realcluster" ]]; then
	# Fetch modules first so that "no proxy" is told apart from a compile error.
	if ! (cd "$KUBEDECK_REAL_DIR" && go mod download) >"$BIN_DIR/../download.log" 2>&1; then
		tail -n 5 "$BIN_DIR/../download.log" >&2
		echo "skipped: could not download Go modules for k8s.io/kubernetes $K8S_VERSION (module proxy unreachable?)" >&2
		exit 3
	fi
	minor="${K8S_VERSION#v1.}"; minor="${minor%%.*}"
	# /version of every component reports the real release, as an upstream
	# build would (hack/lib/version.sh sets the same variables).
	ldflags="-s -w"
	for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
		ldflags+=" -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
		ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
	done
	log "building realcluster (k8s.io/kubernetes $K8S_VERSION) into $BIN_DIR — a cold build takes a long time"
	start=$(date +%s)
	(cd "$KUBEDECK_REAL_DIR" && nice -n 10 go build -trimpath -ldflags "$ldflags" -o "$BIN_DIR/realcluster.tmp" .)
	mv "$BIN_DIR/realcluster.tmp" "$BIN_DIR/realcluster"
	log "built realcluster in $(( $(date +%s) - start ))s"
fi

if [[ ! -x "$BIN_DIR/kwok" ]]; then
	log "installing kwok $KWOK_VERSION into $BIN_DIR"
	start=$(date +%s)
	if ! (cd "$BIN_DIR" && GOBIN="$BIN_DIR" GOFLAGS=-mod=mod nice -n 10 go install "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"); then
		echo "skipped: could not install sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION (module proxy unreachable?)" >&2
		exit 3
	fi
	log "installed kwok in $(( $(date +%s) - start ))s"
fi

# Regenerated every time (it is cheap, from the module cache) so an edit to
# this script never meets a stale copy.
if true; then
	# The lifecycle stages ship as YAML in the kwok module (kwokctl embeds the
	# same defaults): node initialise + lease heartbeat, and the "fast" pod
	# lifecycle (ready at once, Job pods complete, deleted once terminating).
	# "general" adds 1-6s random delays per step, which only slows the suite.
	kwok_dir="$(go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
	stages="$kwok_dir/kustomize/stage"
	if [[ -z "$kwok_dir" || ! -d "$stages" ]]; then
		echo "cluster-build: kwok stages not found in the module cache ($stages)" >&2
		exit 1
	fi
	{
		for f in "$stages"/node/fast/*.yaml "$stages"/node/heartbeat-with-lease/*.yaml "$stages"/pod/fast/*.yaml; do
			[[ "$(basename "$f")" == kustomization.yaml ]] && continue
			echo "---"
			if [[ "$(basename "$f")" == pod-delete.yaml ]]; then
				# A kubelet needs a moment to stop containers; removing the pod in
				# the same instant as the DELETE hides the Terminating state that
				# clients (and kubedeck) must handle.
				sed 's/^  next:$/  delay:\n    durationMilliseconds: 1000\n  next:/' "$f"
			else
				cat "$f"
			fi
		done
	} > "$BIN_DIR/kwok-stages.yaml.tmp"
	grep -q 'durationMilliseconds: 1000' "$BIN_DIR/kwok-stages.yaml.tmp" || { echo "cluster-build: could not add the pod-delete delay" >&2; exit 1; }
	mv "$BIN_DIR/kwok-stages.yaml.tmp" "$BIN_DIR/kwok-stages.yaml"
fi
