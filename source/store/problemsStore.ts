// The :problems rows as a store: collectProblems over the pods, nodes, deployments, events,
// HPA and statefulset/job/PVC stores, recomputed lazily at most once per change of any of them (and every `tickMs`, since
// "pending longer than 2 minutes" becomes true without any object changing). The autoscaler's
// status ConfigMap is read through an injected loader (values are not kept in configmap rows),
// again only when an autoscaler event changed, so the store itself does no I/O of its own.
import type {PodRow} from '../model/pods.js';
import type {NodeRow} from '../model/nodes.js';
import type {DeploymentRow} from '../model/deployments.js';
import type {EventRow} from '../model/events.js';
import type {HpaRow} from '../model/hpa.js';
import type {ProblemRow} from '../model/problems.js';
import type {ProblemObjectRow} from '../model/problems-objects.js';
import {collectProblems, type CollectOptions} from '../model/problems-collect.js';
import type {GpuHealthInput} from '../model/problems-gpu.js';
import {parseAutoscalerStatus, type AutoscalerStatus} from '../model/problems-autoscaler.js';
import {FrameNotifier, defaultFrameMs, nextVersion, snapshotOf, type RowStore, type Snapshot} from './rowStore.js';

export interface ProblemSources {
	pods: RowStore<PodRow>;
	nodes: RowStore<NodeRow>;
	deployments: RowStore<DeploymentRow>;
	events: RowStore<EventRow>;
	/** HPAs, cluster-wide (at max, unable to scale); optional so a caller without them still works. */
	hpas?: RowStore<HpaRow>;
	/** Statefulsets, jobs and PVCs projected to their problems (problemObjects.ts); optional as hpas is. */
	objects?: RowStore<ProblemObjectRow>;
	/** The `status` text of kube-system/cluster-autoscaler-status; undefined when absent. */
	autoscalerStatus?: () => Promise<string | undefined>;
	/** GPU telemetry (the DCGM poller, or Prometheus): its health findings join the nodes' rows. */
	gpuHealth?: GpuHealthSource;
}

/** Where GPU health comes from: a versioned snapshot and change notifications. */
export interface GpuHealthSource {
	snapshot(): GpuHealthInput & {version: number};
	subscribe(listener: () => void): () => void;
}

export interface ProblemsStoreOptions extends CollectOptions {
	frameMs?: number;
	/** How often the rows are recomputed without a change (pending thresholds, "40s ago"). */
	tickMs?: number;
	clock?: () => number;
}

const AUTOSCALER_REASONS = new Set(['TriggeredScaleUp', 'NotTriggerScaleUp', 'FailedScaleUp']);

export class ProblemsStore implements RowStore<ProblemRow> {
	private readonly notifier: FrameNotifier;
	private readonly detach: Array<() => void>;
	private cached: Snapshot<ProblemRow> | undefined;
	private seen: number[] = [];
	private tick = 0;
	private timer: NodeJS.Timeout | undefined;
	private autoscaler: AutoscalerStatus | undefined;
	private autoscalerKey = '';
	private readonly clock: () => number;

	constructor(
		private readonly sources: ProblemSources,
		private readonly options: ProblemsStoreOptions = {},
	) {
		this.clock = options.clock ?? Date.now;
		this.notifier = new FrameNotifier(options.frameMs ?? defaultFrameMs);
		const changed = () => this.notifier.changed();
		this.detach = [sources.pods, sources.nodes, sources.deployments, sources.events, ...(sources.hpas ? [sources.hpas] : []), ...(sources.objects ? [sources.objects] : []), ...(sources.gpuHealth ? [sources.gpuHealth] : [])].map((store) => store.subscribe(changed));
	}

	subscribe(listener: () => void): () => void {
		const off = this.notifier.subscribe(listener);
		if (!this.timer) {
			this.timer = setInterval(() => {
				this.tick++;
				this.notifier.changed();
			}, this.options.tickMs ?? 10_000);
			this.timer.unref();
		}
		return off;
	}

	snapshot(): Snapshot<ProblemRow> {
		const snaps = [this.sources.pods.snapshot(), this.sources.nodes.snapshot(), this.sources.deployments.snapshot(), this.sources.events.snapshot()] as const;
		const hpas = this.sources.hpas?.snapshot();
		const objects = this.sources.objects?.snapshot();
		const gpu = this.sources.gpuHealth?.snapshot();
		const versions = [...snaps.map((s) => s.version), hpas?.version ?? -1, objects?.version ?? -1, this.tick, gpu?.version ?? -1];
		if (this.cached && versions.every((v, i) => v === this.seen[i])) return this.cached;
		const [pods, nodes, deployments, events] = snaps;
		this.refreshAutoscaler(events.rows);
		const rows = collectProblems({pods: pods.rows, nodes: nodes.rows, deployments: deployments.rows, events: events.rows, ...(hpas ? {hpas: hpas.rows} : {}), ...(objects ? {objects: objects.rows} : {}), ...(this.autoscaler ? {autoscaler: this.autoscaler} : {}), ...(gpu ? {gpuHealth: gpu} : {})}, this.clock(), this.options);
		this.seen = versions;
		this.cached = snapshotOf(rows, nextVersion());
		return this.cached;
	}

	/** Reloads the status ConfigMap when the autoscaler's events changed; the answer triggers one more frame. */
	private refreshAutoscaler(events: readonly EventRow[]): void {
		const load = this.sources.autoscalerStatus;
		if (!load) return;
		let key = '';
		for (const event of events) if (AUTOSCALER_REASONS.has(event.reason)) key += `${event.uid}:${event.count}:${event.lastSeen ?? ''};`;
		if (key === this.autoscalerKey || key === '') return;
		this.autoscalerKey = key;
		load().then(
			(text) => {
				this.autoscaler = parseAutoscalerStatus(text);
				this.seen = [];
				this.notifier.changed();
			},
			() => {
				// No ConfigMap (no autoscaler, or no RBAC to read kube-system): the events alone speak.
			},
		);
	}

	close(): void {
		for (const off of this.detach) off();
		if (this.timer) clearInterval(this.timer);
		this.notifier.cancel();
	}
}
