#!/usr/bin/env bash
# npm run test:real — the integration suite (and test/real) against a real
# kube-apiserver: cluster-up, run the tests with KUBEDECK_TEST_KUBECONFIG set,
# cluster-down (always, even on failure or Ctrl-C). Exits with the tests' code.
#
# Without a Go toolchain or module proxy the cluster cannot be built: the run
# then prints a loud "skipped: <reason>" and reports one skipped test (exit 0),
# never a pass.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cd "$repo"

skip() {
	echo "" >&2
	echo "************************************************************" >&2
	echo "*** test:real skipped: $1" >&2
	echo "************************************************************" >&2
	KUBEDECK_REAL_SKIP_REASON="skipped: $1" node --import tsx --test test/real/*.test.ts
	exit $?
}

if ! command -v go >/dev/null 2>&1; then
	skip "the Go toolchain (go) is not on PATH, so the real control plane cannot be built"
fi

up_log="$(mktemp)"
trap '"$here/cluster-down.sh"; rm -f "$up_log"' EXIT
trap 'exit 130' INT TERM

"$here/cluster-up.sh" > "$up_log"
code=$?
if (( code == 3 )); then
	skip "could not build the real control plane (module proxy unreachable?); see messages above"
elif (( code != 0 )); then
	echo "test:real: cluster-up failed (exit $code)" >&2
	exit "$code"
fi
kubeconfig="$(tail -n 1 "$up_log")"

# Integration tests share one real cluster; two at a time keeps the 2-core CI
# machine responsive while the control plane runs beside them.
# NODE_EXTRA_CA_CERTS: tests that use plain fetch() must trust the cluster's CA.
KUBEDECK_TEST_KUBECONFIG="$kubeconfig" NODE_EXTRA_CA_CERTS="$(dirname "$kubeconfig")/pki/ca.crt" node --import tsx --test --test-concurrency=2 \
	test/integration/*.test.ts test/real/*.test.ts
status=$?
# Fault tests restart kube-apiserver: alone, after everything else has finished.
KUBEDECK_REAL_FAULTS=1 KUBEDECK_TEST_KUBECONFIG="$kubeconfig" NODE_EXTRA_CA_CERTS="$(dirname "$kubeconfig")/pki/ca.crt" node --import tsx --test --test-concurrency=1 \
	test/real/fault-*.test.ts || status=$?
exit "$status"
