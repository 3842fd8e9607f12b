// The scheduler's filter step as pure functions: does a pod fit a node, and if no node fits,
// the FailedScheduling message exactly in kube-scheduler's form. Filters run in the default
// profile's order and a node stops at its first failing plugin (NodeUnschedulable,
// TaintToleration, NodeAffinity, NodeResourcesFit), which is what makes the counts real.

export interface Taint {
	key: string;
	value?: string;
	effect: string;
}

export interface Toleration {
	key?: string;
	operator?: string;
	value?: string;
	effect?: string;
}

export interface SelectorRequirement {
	key: string;
	operator: string;
	values?: string[];
}

export interface NodeFacts {
	name: string;
	labels: Record<string, string>;
	taints: Taint[];
	unschedulable: boolean;
	/** In the scheduler's integer units (millicores for cpu; see world/quantity.ts), like every amount here. */
	allocatable: Record<string, number>;
	/** Sum of effective requests of non-terminal pods bound to the node. */
	used: Record<string, number>;
	podCount: number;
}

export interface PodNeeds {
	requests: Record<string, number>;
	nodeSelector?: Record<string, string>;
	/** requiredDuringSchedulingIgnoredDuringExecution terms (ORed; requirements inside a term ANDed). */
	affinityTerms?: SelectorRequirement[][];
	tolerations?: Toleration[];
}

export function tolerates(toleration: Toleration, taint: Taint): boolean {
	if (toleration.effect && toleration.effect !== taint.effect) return false;
	const operator = toleration.operator ?? 'Equal';
	if (!toleration.key) return operator === 'Exists';
	if (toleration.key !== taint.key) return false;
	return operator === 'Exists' || (toleration.value ?? '') === (taint.value ?? '');
}

function requirementMatches(requirement: SelectorRequirement, labels: Record<string, string>): boolean {
	const value = labels[requirement.key];
	const values = requirement.values ?? [];
	switch (requirement.operator) {
		case 'In':
			return value !== undefined && values.includes(value);
		case 'NotIn':
			return value === undefined || !values.includes(value);
		case 'Exists':
			return value !== undefined;
		case 'DoesNotExist':
			return value === undefined;
		case 'Gt':
			return value !== undefined && Number(value) > Number(values[0]);
		case 'Lt':
			return value !== undefined && Number(value) < Number(values[0]);
		default:
			return false;
	}
}

// The order in which NodeResourcesFit reports shortfalls: pods, cpu, memory, storage, then extended.
const BUILTIN_ORDER = ['cpu', 'memory', 'ephemeral-storage'];

/** Why the node cannot take the pod, in kube-scheduler's words; empty when it fits. */
export function nodeFailures(pod: PodNeeds, node: NodeFacts): string[] {
	const untolerated = (taint: Taint) => !(pod.tolerations ?? []).some(toleration => tolerates(toleration, taint));
	if (node.unschedulable && untolerated({key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule'})) {
		return ['node(s) were unschedulable'];
	}
	const blocking = node.taints.find(taint => (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && untolerated(taint));
	if (blocking) return [`node(s) had untolerated taint {${blocking.key}: ${blocking.value ?? ''}}`];

	const selector = pod.nodeSelector ?? {};
	const selectorOk = Object.entries(selector).every(([key, value]) => node.labels[key] === value);
	const affinityOk = !pod.affinityTerms?.length || pod.affinityTerms.some(term => term.every(requirement => requirementMatches(requirement, node.labels)));
	if (!selectorOk || !affinityOk) return ["node(s) didn't match Pod's node affinity/selector"];

	const reasons: string[] = [];
	const maxPods = node.allocatable.pods ?? 110;
	if (node.podCount + 1 > maxPods) reasons.push('Too many pods');
	const names = Object.keys(pod.requests).filter(name => name !== 'pods' && pod.requests[name]! > 0);
	names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
	for (const name of names) {
		const free = (node.allocatable[name] ?? 0) - (node.used[name] ?? 0);
		if (pod.requests[name]! > free) reasons.push(`Insufficient ${name}`);
	}
	return reasons;
}

function rank(name: string): number {
	const index = BUILTIN_ORDER.indexOf(name);
	return index === -1 ? BUILTIN_ORDER.length : index;
}

function histogram(lines: string[]): string {
	const counts = new Map<string, number>();
	for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
	const parts = [...counts].map(([reason, count]) => `${count} ${reason}`);
	// kube-scheduler sorts the "N reason" strings as a whole, count included.
	parts.sort();
	return parts.join(', ');
}

/** The FitError text: "0/6 nodes are available: …. preemption: 0/6 nodes are available: …." */
export function unschedulableMessage(failuresByNode: string[][]): string {
	const total = failuresByNode.length;
	if (total === 0) return 'no nodes available to schedule pods';
	const reasons = failuresByNode.flat();
	// Preemption can only help where the shortfall is resources; with no lower-priority pods
	// to evict it finds no victims. Everywhere else evicting pods cannot make the node fit.
	const preemption = failuresByNode.map(failures =>
		failures.every(reason => reason.startsWith('Insufficient ') || reason === 'Too many pods')
			? 'No preemption victims found for incoming pod'
			: 'Preemption is not helpful for scheduling',
	);
	return `0/${total} nodes are available: ${histogram(reasons)}. preemption: 0/${total} nodes are available: ${histogram(preemption)}.`;
}

export type Placement = {node: string} | {message: string};

/**
 * Filter, then score by least allocated CPU share (spreads load like the default
 * NodeResourcesFit scoring); ties break on name so a seed always gives the same placement.
 */
export function placePod(pod: PodNeeds, nodes: NodeFacts[]): Placement {
	const failures: string[][] = [];
	let best: {node: NodeFacts; score: number} | undefined;
	for (const node of nodes) {
		const reasons = nodeFailures(pod, node);
		failures.push(reasons);
		if (reasons.length > 0) continue;
		const cpu = node.allocatable.cpu ? ((node.used.cpu ?? 0) + (pod.requests.cpu ?? 0)) / node.allocatable.cpu : 0;
		const memory = node.allocatable.memory ? ((node.used.memory ?? 0) + (pod.requests.memory ?? 0)) / node.allocatable.memory : 0;
		const score = cpu + memory;
		if (!best || score < best.score - 1e-12 || (Math.abs(score - best.score) <= 1e-12 && node.name < best.node.name)) best = {node, score};
	}
	return best ? {node: best.node.name} : {message: unschedulableMessage(failures)};
}
