// Node problem rules: down, under pressure, cordoned; and for GPU nodes, a failing device
// plugin (allocatable 0) or accelerators lost (allocatable below capacity), judged by the
// same GPU accounting as :gpu (gpu.ts).
import type {NodeRow} from './nodes.js';
import {sortProblems, type Problem} from './problems.js';
import {gpuNodeRowFromAllocation, type GpuOptions} from './gpu.js';
import {formatCount} from './quantity.js';

export type NodeProblemInput = Pick<NodeRow, 'uid' | 'name' | 'createdAt' | 'labels' | 'status' | 'ready' | 'unschedulable' | 'pressures' | 'allocatable' | 'capacity' | 'gpuAllocated' | 'gpuPods'> & {
	/** When the Ready condition last changed, when known. */
	readySince?: number;
};

/** Every problem of one node (a node can be cordoned and lose GPUs at once), worst first. */
export function nodeProblems(node: NodeProblemInput, options?: GpuOptions): Problem[] {
	const base = {kind: 'Node', uid: node.uid, name: node.name};
	const since = node.readySince !== undefined ? {since: node.readySince} : {};
	const out: Problem[] = [];
	if (!node.ready) out.push({...base, severity: 'error', rank: 0, reason: node.status.split(',')[0] === 'Unknown' ? 'node unreachable (Ready Unknown)' : 'NotReady', ...since});
	const gpu = gpuNodeRowFromAllocation({...node, taints: []}, node.gpuAllocated ?? {}, node.gpuPods, options);
	if (gpu?.unavailable) {
		out.push({...base, severity: 'error', rank: 1, reason: `GPU device plugin failing: allocatable 0 of ${formatCount(gpu.capacity)} ${gpu.accelerator}`.trimEnd()});
	} else if (gpu && gpu.capacity > 0 && gpu.allocatable < gpu.capacity) {
		out.push({...base, severity: 'warn', rank: 1, reason: `GPUs lost: allocatable ${formatCount(gpu.allocatable)} of ${formatCount(gpu.capacity)}`});
	}
	for (const pressure of node.pressures) out.push({...base, severity: 'warn', rank: 1, reason: pressure});
	if (node.unschedulable) out.push({...base, severity: 'warn', rank: 2, reason: 'cordoned (SchedulingDisabled)'});
	return out;
}

/** One problem per node: the worst, with the others named after it ('NotReady · MemoryPressure'). */
export function nodeProblem(node: NodeProblemInput, options?: GpuOptions): Problem | undefined {
	const all = sortProblems(nodeProblems(node, options));
	if (all.length === 0) return undefined;
	return {...all[0]!, reason: all.map(p => p.reason).join(' · ')};
}
