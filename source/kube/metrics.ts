// Polls metrics.k8s.io/v1beta1 (pods or nodes) at the metrics window. Discovery first: when the
// API is not served, the table says so in one line and the poller only looks again every few
// minutes — never an error loop. A failing list (403, 503 from a sick metrics-server) is one line
// too, retried at the window's pace, not faster.
import type {KubeObject} from '../model/types.js';
import {emptyUsage, type UsageTable} from '../model/metrics.js';
import {Poller} from './poller.js';
import {KubeError} from './kubeError.js';
import type {Transport} from './transport.js';
import type {WatchStatus} from './watchStatus.js';
import type {UsageDecoder} from './usageDecoder.js';

export const METRICS_GROUP_VERSION = '/apis/metrics.k8s.io/v1beta1';

export interface UsagePollerOptions {
	/** 'pods' or 'nodes' under metrics.k8s.io/v1beta1. */
	resource: 'pods' | 'nodes';
	toTable(items: readonly KubeObject[]): UsageTable;
	/** Decodes the list's body straight into a table (off the main thread when large); without one, toTable. */
	decoder?: UsageDecoder;
	/** Between polls when the sample does not say (default 15 s, metrics-server's resolution). */
	intervalMs?: number;
	/** Between discovery checks while the API is absent (default 5 min). */
	absentRecheckMs?: number;
	now?: () => number;
}

export interface UsageSnapshot extends UsageTable {
	version: number;
}

/** Why a status means "no metrics API here". */
const absent = (error: unknown): boolean => error instanceof KubeError && (error.status === 404 || error.status === 503);

export class UsagePoller extends Poller {
	private table: UsageSnapshot = {...emptyUsage, version: 0};
	private served: boolean | undefined;
	/** When polling began (epoch ms), for the badge's "since" before the first answer. */
	startedAt = 0;

	constructor(
		private readonly transport: Transport,
		private readonly options: UsagePollerOptions,
	) {
		super();
	}

	snapshot(): UsageSnapshot {
		return this.table;
	}

	protected override starting(): void {
		this.startedAt = (this.options.now ?? Date.now)();
	}

	private publish(table: UsageTable): void {
		this.table = {...table, version: this.table.version + 1};
		this.listeners.notify();
	}

	/** One round; returns the delay before the next. Exported for tests through poll(). */
	override async poll(): Promise<number> {
		const interval = this.options.intervalMs ?? 15_000;
		if (this.served !== true) {
			try {
				await this.transport.request({path: METRICS_GROUP_VERSION, timeoutMs: 10_000});
				this.served = true;
			} catch (error) {
				if (!absent(error)) return this.fail(error, interval);
				this.served = false;
				this.publish({byKey: new Map(), unavailable: 'metrics.k8s.io is not served (no metrics-server): CPU/MEM columns read n/a'});
				return this.options.absentRecheckMs ?? 300_000;
			}
		}
		try {
			const path = `${METRICS_GROUP_VERSION}/${this.options.resource}`;
			const {decoder, resource} = this.options;
			const table = decoder
				? ((await this.transport.request<UsageTable | undefined>({path, timeoutMs: 10_000, decode: (body) => decoder.decode(body, resource)})) ?? this.options.toTable([]))
				: this.options.toTable((await this.transport.request<{items?: KubeObject[]}>({path, timeoutMs: 10_000}))?.items ?? []);
			this.publish(table);
			return this.nextDelay(table, interval);
		} catch (error) {
			if (absent(error)) this.served = undefined; // the APIService may have gone: ask discovery again
			return this.fail(error, interval);
		}
	}

	private fail(error: unknown, interval: number): number {
		const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
		this.publish({byKey: this.table.byKey, unavailable: `metrics unavailable: ${message}`, ...(this.table.sampledAt !== undefined ? {sampledAt: this.table.sampledAt} : {})});
		return interval;
	}

	/** The next sample is due a window after this one; poll shortly after it lands. */
	private nextDelay(table: UsageTable, interval: number): number {
		const now = (this.options.now ?? Date.now)();
		const first = table.byKey.values().next().value;
		if (table.sampledAt === undefined || first?.windowMs === undefined) return interval;
		const due = table.sampledAt + first.windowMs + 1000 - now;
		return Math.min(interval * 2, Math.max(5_000, due));
	}
}

/**
 * The poller's state as a header badge: live with the sample's age while samples come; an
 * error with its one line when the API is absent or failing; connecting before the first answer.
 */
export function usageStatus(table: UsageSnapshot, startedAt: number): WatchStatus {
	if (table.unavailable !== undefined) return {state: 'error', message: table.unavailable, since: startedAt, ...(table.sampledAt !== undefined ? {dataAt: table.sampledAt} : {})};
	if (table.version === 0) return {state: 'connecting', since: startedAt};
	return {state: 'live', since: startedAt, ...(table.sampledAt !== undefined ? {dataAt: table.sampledAt} : {})};
}
