// Everything unhealthy now, across kinds, worst first: the rules of problems-*.ts applied to
// the session's rows, with each pending pod's scheduler message and autoscaler verdict joined
// from the events. Pure: the store (source/store/problemsStore.ts) calls it once per change.
import type {PodRow} from './pods.js';
import type {NodeRow} from './nodes.js';
import type {DeploymentRow} from './deployments.js';
import type {EventRow} from './events.js';
import type {GpuOptions} from './gpu.js';
import {latestFailedScheduling} from './gpu-triage.js';
import {podProblem, type PodProblemInput, type PodRuleOptions} from './problems-pods.js';
import {nodeProblem} from './problems-nodes.js';
import {deploymentProblem, hpaRowProblem} from './problems-workloads.js';
import type {HpaRow} from './hpa.js';
import {autoscalerVerdict, latestAutoscalerEvents, type AutoscalerStatus} from './problems-autoscaler.js';
import type {ProblemObjectRow} from './problems-objects.js';
import {sortProblems, type Problem, type ProblemRow} from './problems.js';
import {gpuProblemsByNode, nodeProblemWithGpu, type GpuHealthInput} from './problems-gpu.js';
import {oldestSinceByController} from './problems-since.js';

export interface ProblemInputs {
	pods: readonly PodRow[];
	nodes: readonly NodeRow[];
	deployments: readonly DeploymentRow[];
	events: readonly EventRow[];
	/** HPAs (autoscaling/v2), when the session watches them. */
	hpas?: readonly HpaRow[];
	/** Statefulsets, jobs and PVCs, each already projected to its problem (problems-objects.ts). */
	objects?: readonly ProblemObjectRow[];
	/** The cluster autoscaler's status ConfigMap, parsed; undefined when there is none. */
	autoscaler?: AutoscalerStatus;
	/** GPU health from the DCGM telemetry (XID, row remap, throttling, GPUs missing), when it runs. */
	gpuHealth?: GpuHealthInput;
}

export interface CollectOptions extends Pick<PodRuleOptions, 'pendingAfterMs' | 'notReadyAfterMs'> {
	gpu?: GpuOptions;
}

/** The join a pending pod's rule asks for: its newest FailedScheduling and autoscaler events. */
export function pendingWhyFrom(events: readonly EventRow[], autoscaler: AutoscalerStatus | undefined, now: number): PodRuleOptions['pendingWhy'] {
	const scheduler = latestFailedScheduling(events);
	const scaler = latestAutoscalerEvents(events);
	return (pod: PodProblemInput) => {
		const key = `${pod.namespace ?? ''}/${pod.name}`;
		const byName = scheduler.byName.get(key);
		const failed = scheduler.byUid.get(pod.uid) ?? (byName && (!byName.involved.uid || byName.involved.uid === pod.uid) ? byName : undefined);
		const verdict = autoscalerVerdict(scaler.get(pod.uid) ?? scaler.get(key), autoscaler, now);
		if (!failed?.message && !verdict) return undefined;
		return {...(failed?.message ? {scheduler: failed.message} : {}), ...(verdict ? {autoscaler: verdict} : {})};
	};
}


export function collectProblems(inputs: ProblemInputs, now: number, options: CollectOptions = {}): ProblemRow[] {
	const found: Problem[] = [];
	const podProblems: Array<{owners: PodRow['owners']; since?: number}> = [];
	const pendingWhy = pendingWhyFrom(inputs.events, inputs.autoscaler, now);
	const podOptions: PodRuleOptions = {pendingWhy};
	if (options.pendingAfterMs !== undefined) podOptions.pendingAfterMs = options.pendingAfterMs;
	if (options.notReadyAfterMs !== undefined) podOptions.notReadyAfterMs = options.notReadyAfterMs;
	const podParts = new Map<string, Pick<ProblemRow, 'containers' | 'defaultContainer' | 'node' | 'owners' | 'labels'>>();
	for (const pod of inputs.pods) {
		const problem = podProblem(pod, now, podOptions);
		if (!problem) continue;
		found.push(problem);
		podProblems.push({owners: pod.owners, ...(problem.since !== undefined ? {since: problem.since} : {})});
		podParts.set(pod.uid, {
			containers: pod.containers,
			...(pod.defaultContainer !== undefined ? {defaultContainer: pod.defaultContainer} : {}),
			...(pod.node !== undefined ? {node: pod.node} : {}),
			...(pod.owners !== undefined ? {owners: pod.owners} : {}),
			...(pod.labels !== undefined ? {labels: pod.labels} : {}),
		});
	}
	const gpuByNode = inputs.gpuHealth ? gpuProblemsByNode(inputs.nodes, inputs.gpuHealth, now) : undefined;
	for (const node of inputs.nodes) {
		const gpu = gpuByNode?.get(node.name);
		const problem = gpu ? nodeProblemWithGpu(node, gpu, options.gpu) : nodeProblem(node, options.gpu);
		if (problem) found.push(problem);
	}
	for (const deployment of inputs.deployments) {
		const problem = deploymentProblem(deployment);
		if (problem) found.push(problem);
	}
	for (const hpa of inputs.hpas ?? []) {
		const problem = hpaRowProblem(hpa);
		if (problem) found.push(problem);
	}
	// A statefulset keeps no time for its replicas not ready: it has been so since its oldest problem pod.
	const podSince = oldestSinceByController(podProblems);
	for (const row of inputs.objects ?? []) {
		const problem = row.problem;
		if (!problem) continue;
		const since = problem.kind === 'StatefulSet' && problem.since === undefined ? podSince.get(problem.uid) : undefined;
		found.push(since === undefined ? problem : {...problem, since});
	}
	return sortProblems(found).map((problem): ProblemRow => (problem.kind === 'Pod' ? {...problem, ...podParts.get(problem.uid)} : {...problem}));
}
