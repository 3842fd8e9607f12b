// Utilisation history per GPU series, bounded: a fixed ring of (seconds, percent) samples per
// series, enough for the idle window and the sparklines; series not seen for a while are dropped.
// And `:gpuidle` from it: pods whose devices stayed below a threshold for the whole window, with
// the GPU-hours held idle and, given prices per GPU model, what they cost. Pure apart from the
// ring's own mutation.
import type {GpuTelemetryRow} from './dcgm.js';

export const DEFAULT_HISTORY_SAMPLES = 240; // one hour at the exporter's 15 s

class Ring {
	readonly at: Uint32Array; // epoch seconds
	readonly util: Float32Array;
	size = 0;
	head = 0; // next write

	constructor(capacity: number) {
		this.at = new Uint32Array(capacity);
		this.util = new Float32Array(capacity);
	}

	push(atSeconds: number, util: number): void {
		if (this.lastAt() === atSeconds) return; // the same scrape twice
		this.at[this.head] = atSeconds;
		this.util[this.head] = util;
		this.head = (this.head + 1) % this.at.length;
		this.size = Math.min(this.size + 1, this.at.length);
	}

	/** The newest sample's time (epoch seconds); -1 when empty. */
	lastAt(): number {
		return this.size === 0 ? -1 : this.at[(this.head - 1 + this.at.length) % this.at.length]!;
	}

	/** Samples newest first. */
	*newest(): Generator<[number, number]> {
		for (let i = 1; i <= this.size; i++) {
			const index = (this.head - i + this.at.length) % this.at.length;
			yield [this.at[index]!, this.util[index]!];
		}
	}
}

export class UtilHistory {
	private readonly rings = new Map<string, Ring>();
	private sweptAt = 0;

	constructor(
		private readonly capacity = DEFAULT_HISTORY_SAMPLES,
		/** A series unseen this long is forgotten (its GPU or pod is gone). */
		private readonly forgetAfterMs = 15 * 60_000,
	) {}

	/** Records one round's rows at `nowMs`; forgets stale series. */
	record(rows: readonly GpuTelemetryRow[], nowMs: number): void {
		const seconds = Math.floor(nowMs / 1000);
		for (const row of rows) {
			if (row.util === undefined) continue;
			let ring = this.rings.get(row.key);
			if (!ring) {
				ring = new Ring(this.capacity);
				this.rings.set(row.key, ring);
			}
			ring.push(seconds, row.util);
		}
		// Forgetting is not urgent: look for stale series once a minute, not every round.
		if (seconds - this.sweptAt < 60) return;
		this.sweptAt = seconds;
		const stale = seconds - Math.floor(this.forgetAfterMs / 1000);
		for (const [key, ring] of this.rings) if (ring.lastAt() < stale) this.rings.delete(key);
	}

	/** Oldest first, the last `count` utilisations of a series (for a sparkline). */
	recent(key: string, count: number): number[] {
		const ring = this.rings.get(key);
		if (!ring) return [];
		// Index arithmetic, not the generator: the device panes read every series each round.
		const capacity = ring.at.length;
		const length = Math.min(count, ring.size);
		const out = new Array<number>(length);
		for (let i = 0; i < length; i++) out[length - 1 - i] = ring.util[(ring.head - 1 - i + capacity) % capacity]!;
		return out;
	}

	/**
	 * How long (ms) the series has stayed below `threshold` up to its newest sample, as far as the
	 * history reaches; 0 when the newest sample is at or above it.
	 */
	idleFor(key: string, threshold: number): number {
		const ring = this.rings.get(key);
		if (!ring) return 0;
		// Index arithmetic rather than the generator: this runs for every GPU every round.
		const capacity = ring.at.length;
		let oldestIdle = -1;
		for (let i = 1; i <= ring.size; i++) {
			const index = (ring.head - i + capacity) % capacity;
			if (ring.util[index]! >= threshold) break;
			oldestIdle = ring.at[index]!;
		}
		return oldestIdle < 0 ? 0 : (ring.lastAt() - oldestIdle) * 1000;
	}

	/**
	 * The idle run of a series with what the history can vouch for: how long it stayed below
	 * `threshold` up to its newest sample, how far back the kept samples reach, and whether every
	 * kept sample was below it (then the run may be longer than what was observed).
	 */
	idleRun(key: string, threshold: number): IdleRun {
		const ring = this.rings.get(key);
		if (!ring || ring.size === 0) return {idleMs: 0, observedMs: 0, whole: false};
		const capacity = ring.at.length;
		const oldest = ring.at[(ring.head - ring.size + capacity) % capacity]!;
		const idleMs = this.idleFor(key, threshold);
		const newest = ring.util[(ring.head - 1 + capacity) % capacity]!;
		const observedMs = (ring.lastAt() - oldest) * 1000;
		return {idleMs, observedMs, whole: newest < threshold && idleMs === observedMs};
	}

	get series(): number {
		return this.rings.size;
	}

	/** Bytes of sample storage per series (the typed arrays; the map entry and key come on top). */
	get bytesPerSeries(): number {
		return this.capacity * (Uint32Array.BYTES_PER_ELEMENT + Float32Array.BYTES_PER_ELEMENT);
	}
}

export interface IdleRun {
	idleMs: number;
	/** From the oldest kept sample to the newest. */
	observedMs: number;
	/** Every kept sample is below the threshold: the history does not reach the run's start. */
	whole: boolean;
}

export interface GpuIdleRow {
	namespace: string;
	pod: string;
	/** The owning workload as `Kind/name` (the caller resolves owners; the pod itself when none). */
	owner: string;
	node: string;
	devices: string[];
	model: string;
	idleForMs: number;
	/** GPUs × hours held idle; a MIG slice counts as its share of the GPU (3g → 3/7). */
	gpuHours: number;
	/** With a price for the model: what those hours cost. */
	cost?: number;
	/** false: idle over everything observed so far, but the history does not yet cover the window. */
	covered: boolean;
	/** How far back the history of its devices reaches (the shortest of them). */
	observedMs: number;
	/** Its devices' utilisation, oldest first, averaged per sample (for a sparkline). */
	recent: number[];
}

export interface GpuIdleOptions {
	thresholdPct?: number;
	windowMs?: number;
	/** Price per GPU-hour by modelName (settings gpu.pricePerHour). */
	pricePerHour?: Readonly<Record<string, number>>;
	ownerOf?(namespace: string, pod: string): string | undefined;
	/**
	 * Also list pods idle over all the history there is while it is shorter than the window
	 * (`covered: false`): on a fresh start the idle GPU shows as "idle so far" at once.
	 */
	partial?: boolean;
	/** Samples of `recent` per row (default 0: none). */
	recentSamples?: number;
}

const sliceShare = (profile: string | undefined): number => {
	const g = profile ? /^(\d+)g\./.exec(profile)?.[1] : undefined;
	return g ? Number(g) / 7 : 1;
};

/** Pods holding GPUs idle (below the threshold) for at least the window, worst first. */
export function gpuIdleRows(rows: readonly GpuTelemetryRow[], history: UtilHistory, options: GpuIdleOptions = {}): GpuIdleRow[] {
	const threshold = options.thresholdPct ?? 5;
	const windowMs = options.windowMs ?? 30 * 60_000;
	const byPod = new Map<string, GpuIdleRow>();
	for (const row of rows) {
		if (row.holders.length !== 1) continue; // a shared GPU is not one pod's to waste
		const holder = row.holders[0]!;
		const run = history.idleRun(row.key, threshold);
		const covered = run.idleMs >= windowMs;
		if (!covered && !(options.partial && run.whole)) continue;
		const idle = run.idleMs;
		const key = `${holder.namespace}/${holder.pod}`;
		const recent = options.recentSamples ? history.recent(row.key, options.recentSamples) : [];
		let entry = byPod.get(key);
		if (!entry) {
			entry = {namespace: holder.namespace, pod: holder.pod, owner: options.ownerOf?.(holder.namespace, holder.pod) ?? `Pod/${holder.pod}`, node: row.node, devices: [], model: row.model, idleForMs: idle, gpuHours: 0, covered, observedMs: run.observedMs, recent};
			byPod.set(key, entry);
		} else {
			entry.recent = meanAligned(entry.recent, entry.devices.length, recent);
		}
		entry.devices.push(row.mig ? `${row.gpu}/${row.mig.profile}#${row.mig.id}` : row.gpu);
		entry.idleForMs = Math.min(entry.idleForMs, idle);
		entry.covered &&= covered;
		entry.observedMs = Math.min(entry.observedMs, run.observedMs);
		entry.gpuHours += (idle / 3_600_000) * sliceShare(row.mig?.profile);
		const price = options.pricePerHour?.[row.model];
		if (price !== undefined) entry.cost = (entry.cost ?? 0) + (idle / 3_600_000) * sliceShare(row.mig?.profile) * price;
	}
	// Code-unit order for ties: localeCompare costs ~10× at thousands of rows a round.
	return [...byPod.values()].sort((a, b) => Number(b.covered) - Number(a.covered) || b.gpuHours - a.gpuHours || (a.pod < b.pod ? -1 : a.pod > b.pod ? 1 : 0));
}

/** Averages a new series into a running mean of `count` series, aligned at the newest sample. */
function meanAligned(mean: readonly number[], count: number, next: readonly number[]): number[] {
	const length = Math.max(mean.length, next.length);
	const out: number[] = [];
	for (let i = 0; i < length; i++) {
		const a = mean[mean.length - length + i];
		const b = next[next.length - length + i];
		out.push(a === undefined ? (b ?? 0) : b === undefined ? a : (a * count + b) / (count + 1));
	}
	return out;
}

/** Idle cost and GPU-hours per owning workload, and the total. */
export function idleByOwner(rows: readonly GpuIdleRow[]): {byOwner: Map<string, {gpuHours: number; cost?: number}>; total: {gpuHours: number; cost?: number}} {
	const byOwner = new Map<string, {gpuHours: number; cost?: number}>();
	const total: {gpuHours: number; cost?: number} = {gpuHours: 0};
	for (const row of rows) {
		const key = `${row.namespace}/${row.owner}`;
		const entry = byOwner.get(key) ?? {gpuHours: 0};
		entry.gpuHours += row.gpuHours;
		total.gpuHours += row.gpuHours;
		if (row.cost !== undefined) {
			entry.cost = (entry.cost ?? 0) + row.cost;
			total.cost = (total.cost ?? 0) + row.cost;
		}
		byOwner.set(key, entry);
	}
	return {byOwner, total};
}

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** A utilisation sparkline (0–100 %), block characters only: readable without colour. */
export function sparkline(values: readonly number[]): string {
	return values.map((v) => BLOCKS[Math.max(0, Math.min(7, Math.floor((Math.max(0, Math.min(100, v)) / 100) * 7.999)))]).join('');
}
