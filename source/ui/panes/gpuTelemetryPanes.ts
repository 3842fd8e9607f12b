// The panes over DCGM telemetry: `:gpudevices` (one row per GPU and MIG instance, reached from a
// `:gpu` node with `t`, or cluster-wide by its command) and `:gpuidle` (pods holding GPUs idle,
// with GPU-hours and cost). Their rows come from stores over the session's telemetry poller
// (source/store/gpuTelemetryStores.ts); a session without telemetry gives empty stores. Each has
// a detail line under the table: the selected row's utilisation sparkline.
import type {Session} from '../../kube/session.js';
import type {BaseRow} from '../../model/types.js';
import {sparkline} from '../../model/dcgm-history.js';
import {gpuDeviceColumns, type GpuDeviceRow} from '../../model/gpu-devices.js';
import {formatMoney, gpuIdleColumns, gpuIdleSummary, type GpuIdlePaneRow} from '../../model/gpu-idle.js';
import {formatAge} from '../../model/age.js';
import {podContainers} from '../../kinds/pods.js';
import {createRowStore, type RowStore} from '../../store/rowStore.js';
import {gpuDevicesStore, gpuIdleStore, type GpuIdleSettings, type GpuTelemetrySource} from '../../store/gpuTelemetryStores.js';
import {sanitizeLine} from '../../terminal/sanitize.js';
import {pane, type PaneSpec} from './panes.js';

export const DEFAULT_GPU_IDLE: GpuIdleSettings = {thresholdPct: 5, windowMs: 30 * 60_000};

/** One store per session, made by its first caller; an empty one when the session has no telemetry. */
function perSession<R extends BaseRow>(make: (session: Session, telemetry: GpuTelemetrySource) => RowStore<R>): (session: Session) => RowStore<R> {
	const stores = new WeakMap<Session, RowStore<R>>();
	return (session) => {
		let store = stores.get(session);
		if (!store) {
			const telemetry = session.gpuTelemetry?.();
			store = telemetry ? make(session, telemetry) : createRowStore<R>();
			stores.set(session, store);
		}
		return store;
	};
}

/** `sampled 8s ago` from the rows' round, or nothing before the first. */
export function sampleAge(rows: readonly {sampledAt?: number}[], now: number): string | undefined {
	const at = rows[0]?.sampledAt;
	return at === undefined ? undefined : `sampled ${formatAge(at, now)} ago`;
}

/** The sparkline line under the table: oldest → newest, with the newest value and the span it covers. */
export function sparkLine(label: string, values: readonly number[], scrapeSeconds = 15): string {
	if (values.length === 0) return `${label}: no utilisation history yet`;
	const now = `${Math.round(values[values.length - 1]!)}% now`;
	if (values.length === 1) return `${label} util: ${sparkline(values)} ${now} (one sample so far; one more every scrape)`;
	const seconds = (values.length - 1) * scrapeSeconds;
	const span = seconds < 60 ? `${seconds}s` : `~${Math.round(seconds / 60)}m`;
	return `${label} util, last ${span}: ${sparkline(values)} ${now}`;
}

export function deviceSummary(rows: readonly GpuDeviceRow[], now: number): string {
	if (rows.length === 0) return 'no GPU telemetry (no DCGM exporter answered yet)';
	const gpus = rows.filter((r) => !r.mig).length;
	const mig = rows.length - gpus;
	const bad = rows.filter((r) => r.severity === 'error' || r.severity === 'warn').length;
	const parts = [`${gpus} GPUs${mig > 0 ? ` · ${mig} MIG instances` : ''}`, bad === 0 ? 'all healthy' : `${bad} unhealthy`, sampleAge(rows, now)];
	return parts.filter(Boolean).join(' │ ');
}

export function createGpuTelemetryPanes(idle: GpuIdleSettings = DEFAULT_GPU_IDLE): readonly PaneSpec[] {
	const devicesOf = perSession<GpuDeviceRow>((session, telemetry) => gpuDevicesStore(telemetry));
	const idleOf = perSession<GpuIdlePaneRow>((session, telemetry) => gpuIdleStore(telemetry, session.allPods(), idle));

	const devices = pane<GpuDeviceRow>({
		id: 'gpudevices',
		title: 'gpudevices',
		// The header's watch badge: the nodes the devices live on. d and y read the row's node.
		resource: 'nodes',
		objectKind: 'Node',
		namespaced: false,
		clusterWide: true,
		contexts: ['table', 'global'],
		columns: gpuDeviceColumns,
		store: (session) => devicesOf(session),
		objectOf: () => ({kind: 'Node', resource: 'nodes'}),
		severity: (row) => row.severity,
		// Every pod on the device's node, as Enter on a :gpu node gives.
		enter: (row) => ({type: 'drill', target: {pane: 'pods', nodeName: row.node, allNamespaces: true, detail: `node/${row.node}`}}),
		summary: (rows, now) => sanitizeLine(deviceSummary(rows, now)),
		// The sparkline, then what is wrong in full (the HEALTH cell has it in a few words).
		footnote: (row) => (row ? sanitizeLine([sparkLine(`${row.node} GPU ${row.device}`, row.recent), ...row.health].join(' │ ')) : undefined),
	});

	const idlePane = pane<GpuIdlePaneRow>({
		id: 'gpuidle',
		title: 'gpuidle',
		resource: 'pods',
		objectKind: 'Pod',
		namespaced: true,
		clusterWide: true,
		contexts: ['pods', 'table', 'global'],
		columns: gpuIdleColumns,
		store: (session) => idleOf(session),
		objectOf: () => ({kind: 'Pod', resource: 'pods'}),
		severity: (row) => row.severity,
		ordered: true,
		enter: podContainers,
		summary: (rows, now) => sanitizeLine([gpuIdleSummary(rows, idle.thresholdPct, idle.windowMs), sampleAge(rows, now)].filter(Boolean).join(' │ ')),
		footnote: (row, _now, rows) => (row ? sanitizeLine(idleFootnote(row, rows ?? [])) : undefined),
	});

	return [devices, idlePane];
}

/** The selected idle pod: its sparkline, and its workload's idle GPU-hours and cost over every pod of it. */
export function idleFootnote(row: GpuIdlePaneRow, rows: readonly GpuIdlePaneRow[]): string {
	const mates = rows.filter((r) => r.namespace === row.namespace && r.owner === row.owner);
	const hours = mates.reduce((sum, r) => sum + r.gpuHours, 0);
	const costs = mates.filter((r) => r.cost !== undefined);
	const cost = costs.length > 0 ? ` · ${formatMoney(costs.reduce((sum, r) => sum + r.cost!, 0))}` : '';
	return `${sparkLine(row.name, row.recent)} │ ${row.owner}: ${hours.toFixed(2)} GPU-h idle${cost} (${mates.length} ${mates.length === 1 ? 'pod' : 'pods'})`;
}
