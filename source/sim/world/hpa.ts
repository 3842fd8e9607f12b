// HorizontalPodAutoscaler: a plausible, deterministic CPU utilisation per HPA (a slow wave
// around a per-object base, from the seed), the replica recommendation kube-controller-manager
// would make from it (ceil(current × utilisation / target), 10% tolerance, min/max clamp),
// applied one replica per sync so the demo drifts instead of jumping.
import type {KubeObject} from '../../model/types.js';
import type {EventRecorder} from './events.js';
import {fnv32a, isoTime, K, type Runtime} from './runtime.js';

interface HpaSpec {
	minReplicas?: number;
	maxReplicas?: number;
	scaleTargetRef?: {kind?: string; name?: string};
	metrics?: Array<{type?: string; resource?: {name?: string; target?: {type?: string; averageUtilization?: number}}}>;
}

/** Utilisation in percent at simulated time `t` (ms), deterministic for (seed, object). */
export function utilisationAt(seed: number, identity: string, target: number, t: number): number {
	const h = fnv32a(identity, seed >>> 0 || 1);
	const base = target * (0.7 + ((h % 1000) / 1000) * 0.6);
	const period = 8 * 60_000 + (h % 7) * 60_000;
	const phase = ((h >>> 10) % 1000) / 1000;
	return Math.max(1, Math.round(base * (1 + 0.45 * Math.sin(2 * Math.PI * (t / period + phase)))));
}

export function recommend(current: number, utilisation: number, target: number, min: number, max: number): number {
	const ratio = utilisation / target;
	const raw = Math.abs(ratio - 1) <= 0.1 ? current : Math.ceil(current * ratio);
	return Math.min(max, Math.max(min, raw));
}

export function createHpaController(rt: Runtime, record: EventRecorder): {syncAll(): void} {
	const start = rt.now();

	function sync(hpa: KubeObject): void {
		const spec = (hpa.spec ?? {}) as HpaSpec;
		const namespace = hpa.metadata.namespace ?? 'default';
		const targetName = spec.scaleTargetRef?.name;
		const min = spec.minReplicas ?? 1;
		const max = spec.maxReplicas ?? Math.max(min, 1);
		const deployment = targetName && spec.scaleTargetRef?.kind === 'Deployment' ? rt.get(K.deployments, namespace, targetName) : undefined;
		const now = rt.now();
		const stamp = isoTime(now);
		if (!deployment) {
			rt.tryMutate(K.hpas, namespace, hpa.metadata.name, target => {
				target.status = {
					currentReplicas: 0,
					desiredReplicas: 0,
					conditions: [{type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message: `the HPA controller was unable to get the target's current scale: deployments/scale.apps "${targetName}" not found`, lastTransitionTime: stamp}],
				};
			});
			return;
		}
		const metric = spec.metrics?.find(m => m.type === 'Resource' && m.resource?.name === 'cpu');
		const target = metric?.resource?.target?.averageUtilization ?? 80;
		const current = (deployment.spec?.replicas as number | undefined) ?? 1;
		// Simulated time since the world started, so speed makes the wave faster too.
		const utilisation = utilisationAt(rt.seed, `${namespace}/${hpa.metadata.name}`, target, (now - start) * rt.speed);
		const recommended = recommend(current, utilisation, target, min, max);
		const next = recommended > current ? current + 1 : recommended < current ? current - 1 : current;
		const previous = (hpa.status ?? {}) as {lastScaleTime?: string; conditions?: Array<{type: string; status: string; lastTransitionTime?: string}>};
		if (next !== current) {
			rt.tryMutate(K.deployments, namespace, deployment.metadata.name, d => {
				d.spec = {...d.spec, replicas: next};
			});
			const direction = next > current ? 'above' : 'below';
			record({kind: 'HorizontalPodAutoscaler', apiVersion: 'autoscaling/v2', namespace, name: hpa.metadata.name, uid: hpa.metadata.uid}, 'Normal', 'SuccessfulRescale', `New size: ${next}; reason: cpu resource utilization (percentage of request) ${direction} target`, {component: 'horizontal-pod-autoscaler'});
		}
		const limited = recommended >= max && current >= max ? 'TooManyReplicas' : recommended <= min && current <= min && Math.ceil((current * utilisation) / target) < min ? 'TooFewReplicas' : undefined;
		const transition = (type: string, status: string) => {
			const old = previous.conditions?.find(c => c.type === type);
			return old && old.status === status && old.lastTransitionTime ? old.lastTransitionTime : stamp;
		};
		rt.tryMutate(K.hpas, namespace, hpa.metadata.name, object => {
			object.status = {
				observedGeneration: object.metadata.generation ?? 1,
				...(next !== current ? {lastScaleTime: stamp} : previous.lastScaleTime ? {lastScaleTime: previous.lastScaleTime} : {}),
				currentReplicas: current,
				desiredReplicas: next,
				currentMetrics: [{type: 'Resource', resource: {name: 'cpu', current: {averageUtilization: utilisation, averageValue: `${Math.round(utilisation * 2.5)}m`}}}],
				conditions: [
					{type: 'AbleToScale', status: 'True', reason: next !== current ? 'SucceededRescale' : 'ReadyForNewScale', message: next !== current ? `the HPA controller was able to update the target scale to ${next}` : 'recommended size matches current size', lastTransitionTime: transition('AbleToScale', 'True')},
					{type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound', message: 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)', lastTransitionTime: transition('ScalingActive', 'True')},
					limited
						? {type: 'ScalingLimited', status: 'True', reason: limited, message: limited === 'TooManyReplicas' ? 'the desired replica count is more than the maximum replica count' : 'the desired replica count is less than the minimum replica count', lastTransitionTime: transition('ScalingLimited', 'True')}
						: {type: 'ScalingLimited', status: 'False', reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range', lastTransitionTime: transition('ScalingLimited', 'False')},
				],
			};
		});
	}

	function syncAll(): void {
		if (!rt.has(K.hpas)) return;
		for (const hpa of rt.store.list(K.hpas)) sync(hpa);
	}

	rt.every(15_000, syncAll);
	return {syncAll};
}
