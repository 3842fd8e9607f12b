// Node problem rules: down, under pressure, cordoned; and for GPU nodes, a failing device
// plugin (allocatable 0) or accelerators lost (allocatable below capacity), judged by the
// same GPU accounting as :gpu (gpu.ts).
import type {NodeRow} from './nodes.js';
import {sortProblems, type Problem} from './problems.js';
import {gpuNodeRowFromAllocation, type GpuOptions} from './gpu.js';
import {formatCount} from './quantity.js';
import {CORDONED, sinceField} from './problems-since.js';

export type NodeProblemInput = Pick<NodeRow, 'uid' | 'name' | 'createdAt' | 'labels' | 'status' | 'ready' | 'unschedulable' | 'pressures' | 'allocatable' | 'capacity' | 'gpuAllocated' | 'gpuPods'> &
	Partial<Pick<NodeRow, 'problemSince' | 'unreachable'>>;

/** Every problem of one node (a node can be cordoned and lose GPUs at once), worst first. */
export function nodeProblems(node: NodeProblemInput, options?: GpuOptions): Problem[] {
	const base = {kind: 'Node', uid: node.uid, name: node.name};
	// Each finding is as old as the state it names; the device plugin's findings have no time (allocatable keeps none).
	const since = (key: string) => sinceField(node.problemSince?.[key]);
	const out: Problem[] = [];
	if (!node.ready) out.push({...base, severity: 'error', rank: 0, reason: node.unreachable || node.status.split(',')[0] === 'Unknown' ? 'node unreachable (Ready Unknown)' : 'NotReady', ...since('Ready')});
	const gpu = gpuNodeRowFromAllocation({...node, taints: []}, node.gpuAllocated ?? {}, node.gpuPods, options);
	if (gpu?.unavailable) {
		out.push({...base, severity: 'error', rank: 1, reason: `GPU device plugin failing: allocatable 0 of ${formatCount(gpu.capacity)} ${gpu.accelerator}`.trimEnd()});
	} else if (gpu && gpu.capacity > 0 && gpu.allocatable < gpu.capacity) {
		out.push({...base, severity: 'warn', rank: 1, reason: `GPUs lost: allocatable ${formatCount(gpu.allocatable)} of ${formatCount(gpu.capacity)}`});
	}
	for (const pressure of node.pressures) out.push({...base, severity: 'warn', rank: 1, reason: pressure, ...since(pressure)});
	if (node.unschedulable) out.push({...base, severity: 'warn', rank: 2, reason: 'cordoned (SchedulingDisabled)', ...since(CORDONED)});
	return out;
}

/** One problem per node: the worst, with the others named after it ('NotReady · MemoryPressure'). */
export function nodeProblem(node: NodeProblemInput, options?: GpuOptions): Problem | undefined {
	const all = sortProblems(nodeProblems(node, options));
	if (all.length === 0) return undefined;
	return {...all[0]!, reason: all.map(p => p.reason).join(' · ')};
}
