// Creates, on a real cluster started by cluster-up.sh, the nodes of the demo
// scenario (source/sim/world/scenarios/demo.ts): same names, labels, taints,
// capacity/allocatable and GPU extended resources, so the GPU panes and tests
// see the same shapes on both clusters. KWOK then plays their kubelets.
//
//   node --import tsx scripts/cluster-nodes.ts KUBECONFIG          create the nodes
//   node --import tsx scripts/cluster-nodes.ts --check KUBECONFIG  exit 0 iff every kwok node is Ready
import process from 'node:process';
import {CoreV1Api, KubeConfig, type V1Node} from '@kubernetes/client-node';
import {FAULT_ANNOTATION} from '../source/sim/world/faults.js';
import {DEMO_NODES} from '../source/sim/world/scenarios/demo.js';
import {makeNode} from '../source/sim/world/scenarios/build.js';

// kwok manages only nodes carrying this annotation (--manage-nodes-with-annotation-selector).
const KWOK_ANNOTATION = 'kwok.x-k8s.io/node';

/** The demo's node as a create request for a real server; exported for the crosscheck test. */
export function realNodeFor(spec: (typeof DEMO_NODES)[number], now: number): {node: V1Node; managed: boolean} {
	const object = makeNode(spec, now) as unknown as V1Node & {metadata: {uid?: string; annotations: Record<string, string>}};
	const faulty = Boolean(object.metadata.annotations[FAULT_ANNOTATION]);
	delete object.metadata.uid;
	delete object.metadata.annotations[FAULT_ANNOTATION];
	// A node the demo shows as unreachable gets no kwok kubelet, so the real
	// node lifecycle controller marks it NotReady/Unknown on its own.
	if (!faulty) object.metadata.annotations[KWOK_ANNOTATION] = 'fake';
	else {
		// Registered already unreachable, as the demo shows it: without this the
		// scheduler would place pods on it during the controller's startup grace
		// period, and they would never start.
		object.spec = {...object.spec, taints: [...(object.spec?.taints ?? []), {key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule'}]};
	}
	// Conditions, addresses and the kubelet endpoint are the kubelet's (kwok's) to report.
	const status = object.status ?? {};
	// kwok re-renders nodeInfo through a YAML template, where an all-digit
	// machineID (the demo's hash can be one) turns into a number and breaks
	// the node's initialisation. The field means nothing here.
	const nodeInfo = status.nodeInfo ? {...status.nodeInfo, machineID: ''} : undefined;
	object.status = {capacity: status.capacity, allocatable: status.allocatable, nodeInfo};
	if (faulty) {
		const stamp = new Date(now).toISOString().replace(/\.\d+Z$/, 'Z');
		object.status.conditions = [{type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastHeartbeatTime: stamp as unknown as Date, lastTransitionTime: stamp as unknown as Date}];
	}
	return {node: object, managed: !faulty};
}

async function create(api: CoreV1Api): Promise<void> {
	const now = Date.now();
	for (const spec of DEMO_NODES) {
		const {node} = realNodeFor(spec, now);
		try {
			await api.createNode({body: node});
		} catch (error) {
			if ((error as {code?: number}).code !== 409) throw error;
		}
	}
	console.error(`created ${DEMO_NODES.length} nodes: ${DEMO_NODES.map((n) => n.name).join(', ')}`);
}

async function allReady(api: CoreV1Api): Promise<boolean> {
	const list = await api.listNode();
	const managed = list.items.filter((n) => n.metadata?.annotations?.[KWOK_ANNOTATION] === 'fake');
	const notReady = managed.filter((n) => !n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
	return managed.length > 0 && notReady.length === 0;
}

async function main(argv: string[]): Promise<number> {
	const check = argv[0] === '--check';
	const path = check ? argv[1] : argv[0];
	if (!path) {
		console.error('usage: cluster-nodes.ts [--check] KUBECONFIG');
		return 2;
	}
	const kc = new KubeConfig();
	kc.loadFromFile(path);
	const api = kc.makeApiClient(CoreV1Api);
	if (check) return (await allReady(api)) ? 0 : 1;
	await create(api);
	return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	main(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(error: unknown) => {
			console.error(`cluster-nodes: ${error instanceof Error ? error.message : String(error)}`);
			process.exit(1);
		},
	);
}
