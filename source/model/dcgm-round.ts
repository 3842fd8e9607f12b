// A round of GPU telemetry put together: each exporter's (or Prometheus') latest rows, kept per
// source so a source that failed or was skipped this round keeps its GPUs; at the round's end one
// snapshot — all rows, GPU use per pod, health findings, GPUs seen per node — and one sample per
// series into the bounded history. No I/O: the poller feeds it and publishes what it returns.
import {gpuHealthProblems, gpusSeenByNode, podGpuUsage, type GpuProblem, type GpuTelemetryRow, type PodGpuUsage} from './dcgm.js';
import {UtilHistory} from './dcgm-history.js';

export interface GpuTelemetrySnapshot {
	version: number;
	rows: readonly GpuTelemetryRow[];
	byPod: ReadonlyMap<string, PodGpuUsage>;
	problems: readonly GpuProblem[];
	/** Distinct GPUs each node's exporter reports (for "GPUs missing from the exporter"). */
	gpusByNode: ReadonlyMap<string, number>;
	/** When the last round ended (epoch ms). */
	sampledAt?: number;
	/** A failure worth a header line (Prometheus not usable, exporters failing or skipped); not "no exporters" on a cluster without GPUs. */
	trouble?: string;
	/** Where the rows came from: 'DCGM exporters' or 'Prometheus <where>'. */
	source?: string;
	/** One line: no exporter found, how many failed or were skipped, or why Prometheus was not used. */
	note?: string;
}

export const emptyTelemetry: GpuTelemetrySnapshot = Object.freeze({version: 0, rows: [], byPod: new Map(), problems: [], gpusByNode: new Map()});

export class GpuTelemetryRound {
	readonly history: UtilHistory;
	private readonly bySource = new Map<string, readonly GpuTelemetryRow[]>();
	private version = 0;

	constructor(history = new UtilHistory()) {
		this.history = history;
	}

	/** A source's rows from this round (replacing its last). */
	set(source: string, rows: readonly GpuTelemetryRow[]): void {
		this.bySource.set(source, rows);
	}

	/** Forgets every source (no exporter runs any more). */
	clear(): void {
		this.bySource.clear();
	}

	/** Forgets the sources not named (exporters gone since the last round). */
	keepOnly(sources: ReadonlySet<string>): void {
		for (const key of this.bySource.keys()) if (!sources.has(key)) this.bySource.delete(key);
	}

	/** The round's snapshot at `nowMs`, recording each series' sample into the history. */
	publish(nowMs: number, note?: string): GpuTelemetrySnapshot {
		const rows = [...this.bySource.values()].flat();
		this.history.record(rows, nowMs);
		this.version++;
		return {version: this.version, rows, byPod: podGpuUsage(rows), problems: gpuHealthProblems(rows), gpusByNode: gpusSeenByNode(rows), sampledAt: nowMs, ...(note ? {note} : {})};
	}
}
