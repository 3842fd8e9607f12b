// A fake ActionLayer for the action views: the real gate (performAction) over a fake API
// client that records every call, so read-only and confirmation rules are the shipped ones;
// rollouts, log streams and muxes are driven by the test.
import React from 'react';
import {render} from 'ink-testing-library';
import type {ActionLayer} from '../../source/actions/actionLayer.js';
import {statusError, type KubeError} from '../../source/kube/kubeError.js';
import type {ApiRequest, Transport} from '../../source/kube/transport.js';
import {memoryAuditLog} from '../../source/actions/audit.js';
import {performAction, type Intent} from '../../source/actions/gate.js';
import {parseReplicas} from '../../source/actions/mutations.js';
import type {FollowRolloutOptions, RolloutStatus} from '../../source/actions/rollout.js';
import type {LogStreamHandlers, LogStreamOptions} from '../../source/actions/logs.js';
import type {LogMuxHandlers, LogMuxOptions, LogTarget} from '../../source/actions/logMux.js';
import type {SaveLogsTarget} from '../../source/actions/saveLogs.js';
import type {KubeObject} from '../../source/model/types.js';
import type {Keymap} from '../../source/config/keymap.js';
import type {ResourceKind} from '../../source/kube/session.js';
import type {BaseRow} from '../../source/model/types.js';
import {App, type AppSettings, type StartView} from '../../views/App.js';
import {defaultPanes} from '../../source/ui/panes/defaultPanes.js';
import {paneRegistry, type PaneRegistry, type PaneSpec} from '../../source/ui/panes/panes.js';
import {driven, renderProbe, testColumns, until, type FakeSession, type RenderProbe, type TestRow} from './fakes.js';

export interface Call {
	method: string;
	path: string;
	body?: unknown;
}

export class FakeLayer implements ActionLayer {
	readonly calls: Call[] = [];
	readonly audit = memoryAuditLog();
	readonly replicas = new Map<string, number>();
	/** Pods the drain finds on a node. */
	nodePods: KubeObject[] = [];
	/** Pods whose eviction answers 429 (a PodDisruptionBudget) every time. */
	readonly guarded = new Set<string>();
	/** The next mutating call fails with this. */
	failNext?: KubeError;
	readonly rollouts: Array<{namespace: string; name: string; options: FollowRolloutOptions; finish(status: RolloutStatus): void}> = [];
	readonly streams: Array<{options: LogStreamOptions; handlers: LogStreamHandlers; stopped: boolean}> = [];
	readonly muxes: Array<{options: LogMuxOptions; handlers: LogMuxHandlers; targets: LogTarget[][]; stopped: boolean}> = [];
	readonly saved: Array<{target: SaveLogsTarget; lines: readonly string[]}> = [];
	readonly client: Transport;

	constructor(
		readonly readonly = false,
		readonly scaleCeiling = 100,
	) {
		const layer = this;
		this.client = {
			server: 'http://127.0.0.1:1',
			async request<T>(r: ApiRequest): Promise<T> {
				const method = r.method ?? 'GET';
				const path = r.query ? `${r.path}?${new URLSearchParams(r.query as Record<string, string>)}` : r.path;
				layer.calls.push({method, path, ...(r.body !== undefined ? {body: r.body} : {})});
				return layer.answer(method, path, r.body) as T;
			},
			async stream() {
				throw new Error('the fake client does not stream');
			},
			close() {},
		};
	}

	private answer(method: string, path: string, body: unknown): unknown {
		if (method !== 'GET' && this.failNext) {
			const error = this.failNext;
			this.failNext = undefined;
			throw error;
		}
		const scale = /\/namespaces\/([^/]+)\/(deployments|replicasets)\/([^/]+)\/scale$/.exec(path);
		if (scale) {
			const key = `${scale[1]}/${scale[3]}`;
			if (method === 'PATCH') this.replicas.set(key, (body as {spec: {replicas: number}}).spec.replicas);
			return {spec: {replicas: this.replicas.get(key) ?? 1}};
		}
		if (path.startsWith('/api/v1/pods?')) return {items: this.nodePods};
		const eviction = /\/namespaces\/([^/]+)\/pods\/([^/]+)\/eviction$/.exec(path);
		if (eviction) {
			if (this.guarded.has(eviction[2]!)) throw statusError(429, 'TooManyRequests', 'Cannot evict pod as it would violate the pod\'s disruption budget.');
			return {};
		}
		if (method === 'GET' && /\/pods\/[^/]+$/.test(path)) throw statusError(404, 'NotFound', 'pods not found');
		if (method === 'GET') return {metadata: {name: path.split('/').pop()}, spec: {}};
		return {};
	}

	/** API calls that change something (what read-only must never send). */
	mutations(): Call[] {
		return this.calls.filter((c) => c.method !== 'GET');
	}

	perform(intent: Intent) {
		return performAction({readonly: this.readonly, audit: this.audit, client: this.client, identity: {context: 'test-ctx', user: 'tester'}, scaleCeiling: this.scaleCeiling}, intent);
	}

	async currentReplicas(_kind: string, namespace: string, name: string) {
		return {ok: true as const, replicas: this.replicas.get(`${namespace}/${name}`) ?? 1};
	}

	validateReplicas(input: string) {
		return parseReplicas(input, this.scaleCeiling);
	}

	followRollout(namespace: string, name: string, options: FollowRolloutOptions = {}): Promise<RolloutStatus> {
		return new Promise((resolve) => {
			this.rollouts.push({namespace, name, options, finish: resolve});
		});
	}

	streamLogs(options: LogStreamOptions, handlers: LogStreamHandlers) {
		const entry = {options, handlers, stopped: false};
		this.streams.push(entry);
		return {
			stop() {
				entry.stopped = true;
			},
			done: Promise.resolve(),
		};
	}

	logMux(options: LogMuxOptions, handlers: LogMuxHandlers) {
		const entry = {options, handlers, targets: [] as LogTarget[][], stopped: false};
		this.muxes.push(entry);
		return {
			setTargets(targets: readonly LogTarget[]) {
				entry.targets.push([...targets]);
			},
			sources: () => (entry.targets.at(-1) ?? []).map((t) => `${t.pod}/${t.container}`),
			async stop() {
				entry.stopped = true;
			},
		};
	}

	saveLogs(target: SaveLogsTarget, lines: readonly string[]) {
		this.saved.push({target, lines});
		return {ok: true as const, path: `/state/logs/${target.name}.log`, lines: lines.length};
	}

	close() {}

}

export interface HarnessProps {
	layer: ActionLayer | undefined;
	session: FakeSession;
	keymap: Keymap;
	settings?: AppSettings;
	/** The pane's contexts, most specific first: the first names the pane the App starts on. */
	contexts: string[];
	/** The selected row (the only row of that pane's store); undefined = an empty pane. */
	selection: {kind: string; row: BaseRow | undefined};
	/** Lines for the body (the table, or an action view in its place). */
	height?: number;
	width?: number;
	probe?: RenderProbe;
}

const startViews: Record<string, StartView> = {pods: 'pods', deployments: 'deployments', nodes: 'nodes', services: 'services'};
const stores: Record<string, ResourceKind> = {pods: 'pods', deployments: 'deployments', nodes: 'nodes', services: 'services', replicasets: 'replicasets'};

/** The shipped panes (contexts, kinds, drill-downs) over the test columns, which need no real row model. */
const actionPanes: PaneRegistry = paneRegistry([...defaultPanes().values()].map((spec) => ({...spec, columns: spec.podParts ? spec.columns : (testColumns as PaneSpec['columns'])})));

/** The App on one pane holding the selected row, with the fake action layer. */
export function Harness(props: HarnessProps) {
	const pane = props.contexts[0] ?? 'pods';
	const resource = stores[pane] ?? 'pods';
	if (props.selection.row) props.session.setRows(resource, [props.selection.row as TestRow]);
	// Header (2 lines) and footer (1) around the body, plus the line Ink must not fill.
	const rows = (props.height ?? 16) + 4;
	return (
		<App
			session={props.session}
			keymap={props.keymap}
			settings={props.settings ?? {}}
			readonly={props.layer?.readonly ?? false}
			initialView={startViews[pane] ?? 'pods'}
			panes={actionPanes}
			size={{columns: props.width ?? 250, rows}}
			onExit={() => {}}
			onSwitchContext={() => {}}
			{...(props.layer ? {actions: props.layer} : {})}
			{...(props.probe ? {probe: props.probe} : {})}
		/>
	);
}

export function startHarness(props: HarnessProps) {
	const probe = renderProbe();
	return driven(render(<Harness {...props} probe={probe} />), probe);
}

/** Waits until the frame matches (async work: the gate, a fake call). */
export async function frameMatching(frame: () => string, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
	await until(() => pattern.test(frame()), () => `${pattern}; frame:\n${frame()}`, timeoutMs);
	return frame();
}
