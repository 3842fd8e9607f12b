// A stand-in for the DCGM telemetry poller: rows published by the test, recorded into a real
// bounded history, problems computed as the poller computes them.
import {gpuHealthProblems, gpusSeenByNode, type GpuProblem, type GpuTelemetryRow} from '../../source/model/dcgm.js';
import {UtilHistory} from '../../source/model/dcgm-history.js';
import type {GpuTelemetrySource} from '../../source/store/gpuTelemetryStores.js';

export const T0 = Date.parse('2026-12-05T06:00:00Z');
export const MIN = 60_000;

export function telemetryRow(key: string, util: number | undefined, pod?: string, extra: Partial<GpuTelemetryRow> = {}): GpuTelemetryRow {
	const [node, gpu, migId] = key.split('/');
	const row: GpuTelemetryRow = {key, node: node!, gpu: gpu!, uuid: `GPU-${key}`, model: 'NVIDIA H100 80GB HBM3', throttle: [], holders: pod ? [{namespace: 'ml', pod, container: 'main'}] : [], ...extra};
	if (util !== undefined) row.util = util;
	if (migId !== undefined && !row.mig) row.mig = {profile: '3g.40gb', id: migId};
	return row;
}

export class FakeTelemetry implements GpuTelemetrySource {
	readonly history = new UtilHistory();
	private current: {version: number; rows: readonly GpuTelemetryRow[]; problems: readonly GpuProblem[]; gpusByNode: ReadonlyMap<string, number>; sampledAt?: number} = {version: 0, rows: [], problems: [], gpusByNode: new Map()};
	private readonly listeners = new Set<() => void>();

	snapshot() {
		return this.current;
	}

	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** One scrape round at `at`. */
	publish(rows: GpuTelemetryRow[], at: number): void {
		this.history.record(rows, at);
		this.current = {version: this.current.version + 1, rows, problems: gpuHealthProblems(rows), gpusByNode: gpusSeenByNode(rows), sampledAt: at};
		for (const listener of this.listeners) listener();
	}

	/** Rounds every 15 s for `minutes`, rows by time; returns the last round's time. */
	feed(rows: (t: number) => GpuTelemetryRow[], minutes: number, from = T0): number {
		let last = from;
		for (let t = from; t <= from + minutes * MIN; t += 15_000) {
			this.publish(rows(t), t);
			last = t;
		}
		return last;
	}
}
