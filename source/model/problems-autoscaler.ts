// Is a node coming? The cluster autoscaler's verdict on a pending pod, read from what it
// publishes: its events on the pod (TriggeredScaleUp, NotTriggerScaleUp, FailedScaleUp) and
// its status ConfigMap (kube-system/cluster-autoscaler-status; node groups with sizes and
// health). Both are untrusted text; callers sanitise before printing.
import {load} from 'js-yaml';
import {humanDuration} from './age.js';
import type {GpuEventInput} from './gpu-triage.js';

export interface NodeGroupStatus {
	name: string;
	health?: string;
	/** Registered nodes now. */
	registered?: number;
	ready?: number;
	/** The size the cloud provider was asked for. */
	target?: number;
	minSize?: number;
	maxSize?: number;
	/** 'InProgress', 'NoActivity', 'Backoff'. */
	scaleUp?: string;
}

export interface AutoscalerStatus {
	health?: string;
	groups: NodeGroupStatus[];
}

const AUTOSCALER_REASONS = new Set(['TriggeredScaleUp', 'NotTriggerScaleUp', 'FailedScaleUp']);

/**
 * Parses the status ConfigMap's `status` key. The autoscaler writes YAML since 1.30
 * (clusterWide, nodeGroups[].health.{status,nodeCounts,cloudProviderTarget,minSize,maxSize});
 * older ones write a text report ('Name: gpu-h100' / 'Health: Healthy (ready=2 … cloudProviderTarget=3 (minSize=0, maxSize=3))').
 */
export function parseAutoscalerStatus(text: string | undefined): AutoscalerStatus | undefined {
	if (!text) return undefined;
	let doc: unknown;
	try {
		doc = load(text);
	} catch {
		doc = undefined;
	}
	if (doc && typeof doc === 'object' && ('nodeGroups' in doc || 'clusterWide' in doc)) return fromYaml(doc as Record<string, unknown>);
	return fromText(text);
}

const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function fromYaml(doc: Record<string, unknown>): AutoscalerStatus {
	const groups: NodeGroupStatus[] = [];
	for (const item of Array.isArray(doc.nodeGroups) ? doc.nodeGroups : []) {
		const g = obj(item);
		const name = str(g?.name);
		if (!g || !name) continue;
		const health = obj(g.health);
		const registered = obj(obj(health?.nodeCounts)?.registered);
		const group: NodeGroupStatus = {name};
		const set = <K extends keyof NodeGroupStatus>(key: K, value: NodeGroupStatus[K] | undefined) => {
			if (value !== undefined) group[key] = value;
		};
		set('health', str(health?.status));
		set('registered', num(registered?.total));
		set('ready', num(registered?.ready));
		set('target', num(health?.cloudProviderTarget));
		set('minSize', num(health?.minSize));
		set('maxSize', num(health?.maxSize));
		set('scaleUp', str(obj(g.scaleUp)?.status));
		groups.push(group);
	}
	const status: AutoscalerStatus = {groups};
	const health = str(obj(obj(doc.clusterWide)?.health)?.status);
	if (health) status.health = health;
	return status;
}

function fromText(text: string): AutoscalerStatus | undefined {
	const groups: NodeGroupStatus[] = [];
	let health: string | undefined;
	let current: NodeGroupStatus | undefined;
	for (const line of text.split('\n')) {
		const name = /^\s*Name:\s*(\S+)/.exec(line);
		if (name) {
			current = {name: name[1]!};
			groups.push(current);
			continue;
		}
		const h = /^\s*Health:\s*(\w+)(.*)$/.exec(line);
		if (h) {
			if (!current) health = h[1];
			else {
				current.health = h[1]!;
				const field = (key: string) => {
					const m = new RegExp(`\\b${key}=(\\d+)`).exec(h[2]!);
					return m ? Number(m[1]) : undefined;
				};
				for (const [key, prop] of [['registered', 'registered'], ['ready', 'ready'], ['cloudProviderTarget', 'target'], ['minSize', 'minSize'], ['maxSize', 'maxSize']] as const) {
					const value = field(key);
					if (value !== undefined) current[prop] = value;
				}
			}
			continue;
		}
		const up = /^\s*ScaleUp:\s*(\w+)/.exec(line);
		if (up && current) current.scaleUp = up[1]!;
	}
	if (groups.length === 0 && health === undefined) return undefined;
	return {groups, ...(health ? {health} : {})};
}

/** The newest autoscaler event per pod (by uid, else namespace/name), as latestFailedScheduling does for the scheduler. */
export function latestAutoscalerEvents(events: readonly GpuEventInput[]): Map<string, GpuEventInput> {
	const latest = new Map<string, GpuEventInput>();
	for (const event of events) {
		if (!event.reason || !AUTOSCALER_REASONS.has(event.reason)) continue;
		if (event.involved.kind !== undefined && event.involved.kind !== 'Pod') continue;
		for (const key of [event.involved.uid, `${event.involved.namespace ?? ''}/${event.involved.name}`]) {
			if (!key) continue;
			const seen = latest.get(key);
			if (!seen || (event.lastSeen ?? 0) >= (seen.lastSeen ?? 0)) latest.set(key, event);
		}
	}
	return latest;
}

/** '[{gpu-h100 2->3 (max: 3)}]' → the groups and sizes of a TriggeredScaleUp message. */
export function parseScaleUp(message: string): Array<{group: string; from: number; to: number; max?: number}> {
	const out: Array<{group: string; from: number; to: number; max?: number}> = [];
	for (const m of message.matchAll(/\{(\S+) (\d+)->(\d+)(?: \(max: (\d+)\))?\}/g)) {
		out.push({group: m[1]!, from: Number(m[2]), to: Number(m[3]), ...(m[4] !== undefined ? {max: Number(m[4])} : {})});
	}
	return out;
}

/**
 * One line: 'a node is coming (gpu-h100: 2 → 3, 40s ago)', 'no node will come (gpu-h100 at
 * max size 2)', 'scale-up failed (…)' — or undefined when the autoscaler has said nothing.
 * A scale-up stays 'coming' while its group's target is above its registered nodes.
 */
export function autoscalerVerdict(event: GpuEventInput | undefined, status: AutoscalerStatus | undefined, now: number): string | undefined {
	if (!event) return undefined;
	const ago = event.lastSeen !== undefined ? `, ${humanDuration(Math.max(0, now - event.lastSeen))} ago` : '';
	const message = (event.message ?? '').replace(/\s+/g, ' ').trim();
	if (event.reason === 'TriggeredScaleUp') {
		const ups = parseScaleUp(message);
		if (ups.length === 0) return `a node is coming${ago ? ` (${ago.slice(2)})` : ''}`;
		return `a node is coming (${ups.map(u => `${u.group}: ${u.from} → ${u.to}`).join(', ')}${ago})`;
	}
	if (event.reason === 'FailedScaleUp') return `scale-up failed (${message}${ago})`;
	// NotTriggerScaleUp: name the groups at their max size when the status says which.
	const full = (status?.groups ?? []).filter(g => g.maxSize !== undefined && (g.target ?? g.registered ?? -1) >= g.maxSize);
	if (/max node group size reached/.test(message) && full.length > 0) {
		return `no node will come (${full.map(g => `${g.name} at max size ${g.maxSize}`).join(', ')})`;
	}
	const why = /didn't trigger scale-up(?: \(([^)]*)\))?: (.*)$/.exec(message);
	return `no node will come (${why ? why[2] : message})`;
}
