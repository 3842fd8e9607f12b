// A session's usage joins: pods and nodes joined with metrics.k8s.io samples (one poller each)
// and the pods with GPU telemetry from the DCGM exporters, each started by the first store that
// asks for it and stopped with the session. Kept apart from the watch bookkeeping in sessionWatches.ts.
import type {Transport} from './transport.js';
import type {RowStore} from '../store/rowStore.js';
import type {WatchStatus} from './watchStatus.js';
import {RowsWithUsage} from '../store/usageJoin.js';
import {UsagePoller, usageStatus} from './metrics.js';
import {GpuTelemetryPoller, type GpuTelemetryPollerOptions} from './metrics-gpu-poller.js';
import {UsageDecoder, usageTables, type UsageResource} from './usageDecoder.js';

export type {UsageResource} from './usageDecoder.js';

export class SessionUsage {
	private readonly joins = new Map<UsageResource, RowsWithUsage<never>>();
	private readonly pollers = new Map<UsageResource, UsagePoller>();
	private gpuTelemetry: GpuTelemetryPoller | undefined;
	/** Large metrics lists are decoded off the main thread (usageDecoder.ts). */
	private readonly decoder = new UsageDecoder();
	private closed = false;

	constructor(
		private readonly transport: Transport,
		private readonly frameMs: number | undefined,
		private readonly onStatus: () => void,
		/** The settings' gpu.* (and prometheus.*) knobs for the GPU telemetry poller. */
		private readonly gpuOptions: GpuTelemetryPollerOptions = {},
	) {}

	/** The rows joined with usage; the poller (and for pods the GPU telemetry) starts with the first caller. */
	joined(resource: UsageResource, rows: RowStore<never>): RowStore<never> {
		const existing = this.joins.get(resource);
		if (existing) return existing;
		const poller = new UsagePoller(this.transport, {resource, toTable: usageTables[resource], decoder: this.decoder});
		poller.subscribe(this.onStatus);
		this.pollers.set(resource, poller);
		const keyOf = (row: {name: string; namespace?: string}): string => (resource === 'pods' ? `${row.namespace ?? ''}/${row.name}` : row.name);
		const gpu = resource === 'pods' ? this.gpu() : undefined;
		const joined = new RowsWithUsage<never>(rows, poller, keyOf, this.frameMs, gpu);
		this.joins.set(resource, joined);
		if (!this.closed) poller.start();
		return joined;
	}

	/** The session's one GPU telemetry poller (pods pane, :problems, the GPU panes), started by the first caller. */
	gpu(): GpuTelemetryPoller {
		if (!this.gpuTelemetry) {
			this.gpuTelemetry = new GpuTelemetryPoller(this.transport, this.gpuOptions);
			this.gpuTelemetry.subscribe(this.onStatus);
			if (!this.closed) this.gpuTelemetry.start();
		}
		return this.gpuTelemetry;
	}

	status(resource: string): WatchStatus | undefined {
		const poller = resource === 'pods' || resource === 'nodes' ? this.pollers.get(resource) : undefined;
		return poller ? usageStatus(poller.snapshot(), poller.startedAt) : undefined;
	}

	/** The GPU telemetry's trouble as a pods-pane badge (Prometheus failing, exporters failing); undefined while all is well. */
	gpuStatus(resource: string): WatchStatus | undefined {
		const snapshot = resource === 'pods' ? this.gpuTelemetry?.snapshot() : undefined;
		if (!snapshot?.trouble) return undefined;
		return {state: 'error', since: snapshot.sampledAt ?? 0, message: snapshot.trouble, ...(snapshot.sampledAt !== undefined ? {dataAt: snapshot.sampledAt} : {})};
	}

	close(): void {
		this.closed = true;
		for (const poller of this.pollers.values()) poller.stop();
		this.gpuTelemetry?.stop();
		for (const join of this.joins.values()) join.close();
		this.decoder.close();
	}
}
