// The demo's AMD telemetry: AMD's device-metrics-exporter as its Helm chart deploys it (a
// DaemonSet in kube-system on the AMD nodes), one pod per AMD node whose :5000/metrics the
// simulator answers through pods/proxy (server/proxy.ts). Seeded last, with names drawn from no
// random suffix, so every other demo name stays as it was.
import {AMD_EXPORTER_IMAGE, AMD_EXPORTER_LABELS, AMD_EXPORTER_PORT, amdExporterPodName} from '../amdExporter.js';
import {K, type Runtime} from '../runtime.js';
import {ensure, makePod} from './build.js';
import {createdAgo, DAY, makeDaemonSet, ownerRefTo} from './past.js';

export function seedDemoAmdExporter(rt: Runtime, nodeAge: (node: string) => number): void {
	const amdNodes = rt.store.list(K.nodes).filter((node) => node.metadata.labels?.['amd.com/gpu.present'] === 'true');
	if (amdNodes.length === 0) return;
	ensure(rt, K.daemonsets, createdAgo(rt, makeDaemonSet('kube-system', 'amd-device-metrics-exporter', AMD_EXPORTER_LABELS, {name: 'metrics-exporter', image: AMD_EXPORTER_IMAGE, cpu: '100m'}, {'amd.com/gpu.present': 'true'}), 40 * DAY));
	const owner = ownerRefTo(rt, K.daemonsets, 'kube-system', 'amd-device-metrics-exporter');
	for (const node of amdNodes) {
		const name = node.metadata.name;
		const pod = makePod({namespace: 'kube-system', name: 'amd-device-metrics-exporter', podName: amdExporterPodName(name), replicas: 1, image: AMD_EXPORTER_IMAGE, cpu: '100m', memory: '128Mi', port: AMD_EXPORTER_PORT, container: 'metrics-exporter', nodeName: name, labels: AMD_EXPORTER_LABELS, owner: {apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'amd-device-metrics-exporter', uid: owner?.uid}, tolerations: [{operator: 'Exists'}]});
		ensure(rt, K.pods, createdAgo(rt, pod, Math.min(nodeAge(name), 20 * DAY)));
	}
}
