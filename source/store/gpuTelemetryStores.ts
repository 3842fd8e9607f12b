// Stores over the DCGM telemetry poller for the GPU panes: per-device rows, the `:gpuidle` rows
// (joined with the pods store for the owning workload), and the `:gpu` node rows joined with
// their health verdict. Each recomputes lazily, at most once per change of any source, and
// notifies at most once per frame; the projections are the pure functions in source/model.
import type {BaseRow, OwnerRef} from '../model/types.js';
import {gpuHealthProblems, type GpuProblem, type GpuTelemetryRow} from '../model/dcgm.js';
import {gpuIdleRows, type UtilHistory} from '../model/dcgm-history.js';
import {gpuDeviceRows, gpuHealthByNode, type GpuDeviceRow, type NodeGpuHealth} from '../model/gpu-devices.js';
import {gpuIdlePaneRows, workloadOf, type GpuIdlePaneRow} from '../model/gpu-idle.js';
import {FrameNotifier, defaultFrameMs, nextVersion, snapshotOf, type RowStore, type Snapshot} from './rowStore.js';

/** What the GPU telemetry poller offers (GpuTelemetryPoller satisfies it). */
export interface GpuTelemetrySource {
	snapshot(): {version: number; rows: readonly GpuTelemetryRow[]; problems: readonly GpuProblem[]; /** Distinct GPUs each node's exporter reports (:problems' missing-GPU check). */ gpusByNode: ReadonlyMap<string, number>; sampledAt?: number; note?: string};
	subscribe(listener: () => void): () => void;
	readonly history: UtilHistory;
}

interface Versioned {
	snapshot(): {version: number};
	subscribe(listener: () => void): () => void;
}

/** Samples kept on each row for its sparkline (a minute-scale picture at the 15 s scrape: 24 = 6 min). */
export const SPARK_SAMPLES = 24;

/** A store whose rows are computed from other stores' snapshots, again only when one of them changed. */
export class ComputedStore<R extends BaseRow> implements RowStore<R> {
	private readonly notifier: FrameNotifier;
	private readonly detach: Array<() => void>;
	private cached: Snapshot<R> | undefined;
	private seen: number[] = [];

	constructor(
		private readonly sources: readonly Versioned[],
		private readonly compute: () => R[],
		frameMs = defaultFrameMs,
	) {
		this.notifier = new FrameNotifier(frameMs);
		this.detach = sources.map((source) => source.subscribe(() => this.notifier.changed()));
	}

	subscribe(listener: () => void): () => void {
		return this.notifier.subscribe(listener);
	}

	snapshot(): Snapshot<R> {
		const versions = this.sources.map((source) => source.snapshot().version);
		if (this.cached && versions.every((v, i) => v === this.seen[i])) return this.cached;
		this.seen = versions;
		this.cached = snapshotOf(this.compute(), nextVersion());
		return this.cached;
	}

	close(): void {
		for (const off of this.detach) off();
		this.notifier.cancel();
	}
}

/** One row per GPU and MIG instance, with health and a short history. */
export function gpuDevicesStore(telemetry: GpuTelemetrySource, frameMs?: number): ComputedStore<GpuDeviceRow> {
	return new ComputedStore([telemetry], () => {
		const shot = telemetry.snapshot();
		return gpuDeviceRows(shot.rows, shot.problems, (key) => telemetry.history.recent(key, SPARK_SAMPLES), shot.sampledAt);
	}, frameMs);
}

export interface GpuIdleSettings {
	thresholdPct: number;
	windowMs: number;
	pricePerHour?: Readonly<Record<string, number>>;
}

type PodLike = BaseRow & {owners?: OwnerRef[]};

/** `:gpuidle`: idle holders, partial windows included (they say how much was observed). */
export function gpuIdleStore(telemetry: GpuTelemetrySource, pods: RowStore<PodLike>, settings: GpuIdleSettings, frameMs?: number): ComputedStore<GpuIdlePaneRow> {
	return new ComputedStore([telemetry, pods], () => {
		const shot = telemetry.snapshot();
		// Only the holders' pods are looked up: no map of every pod in the cluster per change.
		// Matched by name first, so most of the cluster's pods cost one map probe and no string.
		const holders = new Set<string>();
		for (const row of shot.rows) if (row.holders.length === 1) holders.add(row.holders[0]!.pod);
		const byName = new Map<string, PodLike>();
		for (const pod of pods.snapshot().rows) if (holders.has(pod.name)) byName.set(`${pod.namespace ?? ''}/${pod.name}`, pod);
		const idle = gpuIdleRows(shot.rows, telemetry.history, {
			thresholdPct: settings.thresholdPct,
			windowMs: settings.windowMs,
			partial: true,
			recentSamples: SPARK_SAMPLES,
			...(settings.pricePerHour ? {pricePerHour: settings.pricePerHour} : {}),
			ownerOf: (namespace, pod) => {
				const row = byName.get(`${namespace}/${pod}`);
				return row ? workloadOf(row) : undefined;
			},
		});
		return gpuIdlePaneRows(idle, settings.windowMs, shot.sampledAt, (namespace, pod) => byName.get(`${namespace}/${pod}`));
	}, frameMs);
}

/** A node row with its GPU health verdict; absent when nothing is wrong (or nothing is known). */
export type WithGpuHealth<N> = N & {gpuHealth?: NodeGpuHealth; gpuTelemetryAt?: number; /** Exporters answer for other nodes but none reports this one's GPUs: allocation only. */ gpuUnreported?: true};

/**
 * The `:gpu` nodes with their health. `expected` gives a node's GPU count where allocatable says
 * how many exist, so a GPU the exporter does not report is flagged; nodes are only held to it
 * while some exporter answers (without any, the pane says so once, rather than flag every node).
 */
export function nodesWithGpuHealth<N extends BaseRow>(nodes: RowStore<N>, telemetry: GpuTelemetrySource, expected: (node: N) => number | undefined, frameMs?: number, hasGpus: (node: N) => boolean = () => false): ComputedStore<WithGpuHealth<N>> {
	let previous = new Map<string, {source: N; health: NodeGpuHealth | undefined; at: number | undefined; unreported: boolean; joined: WithGpuHealth<N>}>();
	return new ComputedStore<WithGpuHealth<N>>([nodes, telemetry], () => {
		const shot = telemetry.snapshot();
		const rows = nodes.snapshot().rows;
		let health = new Map<string, NodeGpuHealth>();
		if (shot.rows.length > 0) {
			const counts = new Map<string, number>();
			for (const node of rows) {
				const count = expected(node);
				if (count !== undefined && count > 0) counts.set(node.name, count);
			}
			// The poller's problems plus the missing-GPU check, which needs the nodes' allocatable counts.
			health = gpuHealthByNode(gpuHealthProblems(shot.rows, counts));
		}
		// A node no exporter reports on has no verdict either way; while exporters answer for other
		// nodes, a GPU node left out (no exporter runs there) is marked so the pane can say so.
		const reported = new Set(shot.rows.map((row) => row.node));
		const next = new Map<string, {source: N; health: NodeGpuHealth | undefined; at: number | undefined; unreported: boolean; joined: WithGpuHealth<N>}>();
		const out = rows.map((node) => {
			const verdict = health.get(node.name);
			const at = verdict || reported.has(node.name) ? shot.sampledAt : undefined;
			const unreported = shot.rows.length > 0 && at === undefined && hasGpus(node);
			const before = previous.get(node.uid);
			const same = before && before.source === node && before.at === at && before.unreported === unreported && sameHealth(before.health, verdict);
			const joined: WithGpuHealth<N> = same ? before.joined : {...node, ...(verdict ? {gpuHealth: verdict} : {}), ...(at !== undefined ? {gpuTelemetryAt: at} : {}), ...(unreported ? {gpuUnreported: true as const} : {})};
			next.set(node.uid, {source: node, health: verdict, at, unreported, joined});
			return joined;
		});
		previous = next;
		return out;
	}, frameMs);
}

const sameHealth = (a: NodeGpuHealth | undefined, b: NodeGpuHealth | undefined): boolean =>
	a === b || (a !== undefined && b !== undefined && a.severity === b.severity && a.reasons.length === b.reasons.length && a.reasons.every((r, i) => r === b.reasons[i]));
