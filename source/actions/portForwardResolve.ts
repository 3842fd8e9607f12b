// Which pod and port a forward reaches, decided again at every new local connection, so a forward
// to a deployment, statefulset or service follows replacement pods. The choice is pure (pickReadyPod,
// containerPort, serviceTargetPort); resolveForwardTarget only reads the objects it needs.
import type {KubeObject} from '../model/types.js';
import type {Transport} from '../kube/transport.js';
import {KubeError} from '../kube/kubeError.js';

export type ForwardKind = 'Pod' | 'Deployment' | 'StatefulSet' | 'Service';

export interface ForwardTarget {
	kind: ForwardKind;
	namespace: string;
	name: string;
	/** A pod's (or workload's) container port, or a service port: a number, or a port name. */
	port: number | string;
}

export interface ResolvedTarget {
	pod: string;
	port: number;
}

interface PodShape {
	spec?: {containers?: Array<{ports?: Array<{name?: string; containerPort?: number}>}>};
	status?: {phase?: string; conditions?: Array<{type?: string; status?: string}>};
}

export function isReadyPod(pod: KubeObject): boolean {
	const {status} = pod as PodShape;
	if (pod.metadata.deletionTimestamp) return false;
	return status?.phase === 'Running' && (status.conditions ?? []).some(c => c.type === 'Ready' && c.status === 'True');
}

/** A ready pod, by name for a stable choice; undefined when none is ready. */
export function pickReadyPod(pods: readonly KubeObject[]): KubeObject | undefined {
	return pods.filter(isReadyPod).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0))[0];
}

/** A number stays a number; a name is looked up among the pod's declared container ports. */
export function containerPort(pod: KubeObject, port: number | string): number | undefined {
	if (typeof port === 'number') return port;
	if (/^\d+$/.test(port)) return Number(port);
	for (const container of (pod as PodShape).spec?.containers ?? []) {
		for (const p of container.ports ?? []) if (p.name === port && p.containerPort) return p.containerPort;
	}
	return undefined;
}

interface ServiceShape {
	spec?: {selector?: Record<string, string>; ports?: Array<{name?: string; port?: number; targetPort?: number | string}>};
}

/** The service port named or numbered `port`, as its targetPort (a number or a container port name). */
export function serviceTargetPort(service: KubeObject, port: number | string): number | string | undefined {
	const ports = (service as ServiceShape).spec?.ports ?? [];
	const wanted = typeof port === 'string' && /^\d+$/.test(port) ? Number(port) : port;
	const match = ports.find(p => (typeof wanted === 'number' ? p.port === wanted : p.name === wanted));
	if (!match) return undefined;
	return match.targetPort ?? match.port;
}

export function labelSelectorText(labels: Record<string, string>): string {
	return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
}

const workloadPath: Record<Exclude<ForwardKind, 'Pod'>, string> = {
	Deployment: '/apis/apps/v1/namespaces/%ns/deployments/%name',
	StatefulSet: '/apis/apps/v1/namespaces/%ns/statefulsets/%name',
	Service: '/api/v1/namespaces/%ns/services/%name',
};

function notResolvable(message: string): KubeError {
	return new KubeError(0, 'NoReadyPod', message);
}

/** Reason of the one failure that time mends: the target's pods exist but none is ready now (a replacement starting). */
export const NOT_READY_YET = 'NoReadyPodYet';

/** Reads the target (and its pods) now; throws a KubeError a person can act on. */
export async function resolveForwardTarget(client: Transport, target: ForwardTarget, signal?: AbortSignal): Promise<ResolvedTarget> {
	const ns = encodeURIComponent(target.namespace);
	const where = `${target.kind.toLowerCase()} ${target.namespace}/${target.name}`;
	if (target.kind === 'Pod') {
		const pod = await client.request<KubeObject>({path: `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(target.name)}`, signal});
		const port = containerPort(pod, target.port);
		if (port === undefined) throw notResolvable(`${where} declares no container port named "${target.port}"`);
		return {pod: pod.metadata.name, port};
	}
	const owner = await client.request<KubeObject>({path: workloadPath[target.kind].replace('%ns', ns).replace('%name', encodeURIComponent(target.name)), signal});
	let wantedPort: number | string = target.port;
	let labels: Record<string, string> | undefined;
	if (target.kind === 'Service') {
		labels = (owner as ServiceShape).spec?.selector;
		const targetPort = serviceTargetPort(owner, target.port);
		if (targetPort === undefined) throw notResolvable(`${where} has no port ${JSON.stringify(target.port)}`);
		wantedPort = targetPort;
	} else {
		labels = (owner.spec as {selector?: {matchLabels?: Record<string, string>}} | undefined)?.selector?.matchLabels;
	}
	if (!labels || Object.keys(labels).length === 0) throw notResolvable(`${where} has no selector: no pods to forward to`);
	const list = await client.request<{items: KubeObject[]}>({path: `/api/v1/namespaces/${ns}/pods`, query: {labelSelector: labelSelectorText(labels)}, signal});
	const pod = pickReadyPod(list.items);
	if (!pod) throw new KubeError(0, NOT_READY_YET, `${where}: no ready pod right now (${list.items.length} selected) — the forward keeps listening and tries again at the next connection`);
	const port = containerPort(pod, wantedPort);
	if (port === undefined) throw notResolvable(`pod ${target.namespace}/${pod.metadata.name} declares no container port named "${wantedPort}"`);
	return {pod: pod.metadata.name, port};
}

/** The ports the shift-f prompt is prefilled with: a pod's or a workload template's container ports, a service's ports. */
export async function forwardablePorts(client: Transport, target: Omit<ForwardTarget, 'port'>): Promise<number[]> {
	const ns = encodeURIComponent(target.namespace);
	const path = target.kind === 'Pod' ? `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(target.name)}` : workloadPath[target.kind].replace('%ns', ns).replace('%name', encodeURIComponent(target.name));
	const object = await client.request<KubeObject>({path});
	if (target.kind === 'Service') return ((object as ServiceShape).spec?.ports ?? []).map(p => p.port ?? 0).filter(p => p > 0);
	const spec = target.kind === 'Pod' ? (object as PodShape).spec : (object.spec as {template?: {spec?: PodShape['spec']}} | undefined)?.template?.spec;
	return [...new Set((spec?.containers ?? []).flatMap(c => (c.ports ?? []).map(p => p.containerPort ?? 0)).filter(p => p > 0))];
}
