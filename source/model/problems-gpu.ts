// GPU health from the DCGM telemetry as :problems rows: a recent XID, a pending row remap,
// thermal or power throttling, GPUs the node says it has that no exporter reports. A node is one
// row in :problems (its uid is the row's key, so selection follows it): its GPU findings join the
// node's own problems in one line, worst first, as nodeProblem joins pressure and cordon. Pure.
import type {NodeRow} from './nodes.js';
import type {GpuProblem} from './dcgm.js';
import {missingGpuProblems} from './dcgm.js';
import {nodeProblems, type NodeProblemInput} from './problems-nodes.js';
import {sortProblems, type Problem} from './problems.js';

/** What the GPU telemetry says, as the problems collection takes it. */
export interface GpuHealthInput {
	/** Per-device findings (gpuHealthProblems without the missing-GPU check). */
	problems: readonly GpuProblem[];
	/** Distinct GPUs each node's exporter reports; empty when no exporter runs (then nothing is "missing"). */
	gpusByNode: ReadonlyMap<string, number>;
}

/** Whole NVIDIA GPUs on a node: GFD's gpu.count label, else capacity divided by the time-slicing replicas. */
export function physicalGpus(node: Pick<NodeRow, 'labels' | 'capacity'>): number {
	const labels = node.labels ?? {};
	const counted = Number(labels['nvidia.com/gpu.count']);
	if (Number.isInteger(counted) && counted > 0) return counted;
	const replicas = Math.max(1, Number(labels['nvidia.com/gpu.replicas'] ?? 1) || 1);
	return Math.floor((node.capacity['nvidia.com/gpu'] ?? 0) / replicas);
}

/** A new node's exporter (a DaemonSet pod) needs a few minutes to pull and start: not missing yet. */
export const EXPORTER_GRACE_MS = 10 * 60_000;

/** The GPU findings of every node, by node name, as problems (reasons name the GPU). */
export function gpuProblemsByNode(nodes: readonly Pick<NodeRow, 'name' | 'labels' | 'capacity' | 'createdAt'>[], health: GpuHealthInput, now = Infinity): Map<string, GpuProblem[]> {
	const byNode = new Map<string, GpuProblem[]>();
	const add = (problem: GpuProblem): void => {
		const list = byNode.get(problem.node) ?? [];
		list.push(problem);
		byNode.set(problem.node, list);
	};
	for (const problem of health.problems) add(problem);
	if (health.gpusByNode.size > 0) {
		const expected = new Map<string, number>();
		for (const node of nodes) {
			if (node.createdAt !== undefined && now - node.createdAt < EXPORTER_GRACE_MS) continue;
			const count = physicalGpus(node);
			if (count > 0) expected.set(node.name, count);
		}
		for (const problem of missingGpuProblems(health.gpusByNode, expected)) add(problem);
	}
	return byNode;
}

const asProblem = (node: Pick<NodeRow, 'uid' | 'name'>, gpu: GpuProblem): Problem => ({
	kind: 'Node',
	uid: node.uid,
	name: node.name,
	severity: gpu.severity,
	rank: 1,
	reason: gpu.gpu === undefined ? gpu.reason : `GPU ${gpu.gpu}: ${gpu.reason}`,
});

/**
 * A node's one :problems row with its GPU findings joined in: the worst first, the rest after it.
 * At equal severity a GPU finding leads: XID 79 is why the device plugin fails, and the cause is
 * what a narrow terminal should still show.
 */
export function nodeProblemWithGpu(node: NodeProblemInput, gpu: readonly GpuProblem[] | undefined, options?: Parameters<typeof nodeProblems>[1]): Problem | undefined {
	const all = sortProblems([...(gpu ?? []).map((p) => asProblem(node, p)), ...nodeProblems(node, options)]);
	if (all.length === 0) return undefined;
	return {...all[0]!, reason: all.map((p) => p.reason).join(' · ')};
}
