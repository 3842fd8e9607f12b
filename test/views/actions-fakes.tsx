// A fake ActionLayer for the action views: the real gate (performAction) over a fake API
// client that records every call, so read-only and confirmation rules are the shipped ones;
// rollouts, log streams and muxes are driven by the test.
import React, {useState} from 'react';
import {Box, Text, useInput} from 'ink';
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
import {resolveKey, type Keymap} from '../../source/config/keymap.js';
import type {Session} from '../../source/kube/session.js';
import {useActionController} from '../../views/actions/useActions.js';
import {ActionBody, ActionLine, isBodyOverlay, isLineOverlay} from '../../views/actions/ActionViews.js';
import type {ActionSettings, Selection} from '../../views/actions/controller.js';
import {driven, tick} from './fakes.js';

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

	shellHint(namespace: string, pod: string, container?: string) {
		return `kubectl -n ${namespace} exec -it ${pod}${container ? ` -c ${container}` : ''} -- sh`;
	}
}

export interface HarnessProps {
	layer: ActionLayer | undefined;
	session: Session;
	keymap: Keymap;
	settings?: ActionSettings;
	/** The pane's contexts and selection, as the App would pass them. */
	contexts: string[];
	selection: Selection;
	height?: number;
	width?: number;
}

/** The App's wiring of the controller in miniature: one key handler, overlay first, then the key map. */
export function Harness(props: HarnessProps) {
	const [message, setMessage] = useState<{text: string; level: string}>();
	const height = props.height ?? 16;
	const controller = useActionController({
		layer: props.layer,
		session: props.session,
		keymap: props.keymap,
		settings: props.settings ?? {},
		say: (text, level) => setMessage({text, level}),
		bodyHeight: () => height,
	});
	useInput((input, key) => {
		if (controller.key(input, key)) return;
		const hit = resolveKey(props.keymap, props.contexts, input, key);
		if (hit) controller.start(hit.action, props.selection);
	});
	const overlay = controller.overlay();
	return (
		<Box flexDirection="column">
			{isBodyOverlay(overlay) ? (
				<ActionBody overlay={overlay!} height={height} width={props.width ?? 100} now={Date.now()} onPick={(v) => controller.pick(v)} tailLines={props.settings?.logTailLines ?? 200} />
			) : (
				<Text>[table {props.selection.row?.name ?? ''}]</Text>
			)}
			{isLineOverlay(overlay) ? <ActionLine overlay={overlay!} /> : null}
			<Text>status: {message ? `${message.level}: ${message.text}` : ''}</Text>
		</Box>
	);
}

export function startHarness(props: HarnessProps) {
	return driven(render(<Harness {...props} />));
}

/** Waits until the frame matches (async work: the gate, a fake call). */
export async function frameMatching(frame: () => string, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (pattern.test(frame())) return frame();
		await tick(20);
	}
	throw new Error(`frame never matched ${pattern}:\n${frame()}`);
}
