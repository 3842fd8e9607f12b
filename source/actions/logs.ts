// Following a container's log like `kubectl logs -f`, but surviving the stream ending while
// the pod still runs (API server timeouts, kubelet restarts, log rotation): it reconnects with
// sinceTime and drops what it already delivered, so no line is shown twice or lost. Logs are
// read-only, so there is no read-only check here, but they still go through this layer.
import type {KubeObject} from '../model/types.js';
import {KubeError} from '../kube/kubeError.js';
import {backoffDelay, sleep} from '../kube/timing.js';
import type {Transport} from '../kube/transport.js';
import {objectPathFor} from './paths.js';

export interface LogStreamOptions {
	namespace: string;
	pod: string;
	container?: string;
	/** Default true. */
	follow?: boolean;
	tailLines?: number;
	sinceSeconds?: number;
	previous?: boolean;
	/** First pause before reconnecting; doubles (with jitter) up to 30 s while the server keeps failing. */
	reconnectDelayMs?: number;
	/** Longer lines are cut here (default 1 MiB) so a runaway writer cannot eat memory. */
	maxLineLength?: number;
}

export interface LogLine {
	text: string;
	/** epoch ms from the server's timestamp (always requested; the view decides whether to show it). */
	time?: number;
	/** The server's RFC 3339 timestamp with nanoseconds, as sent. */
	timestamp?: string;
	truncated?: boolean;
}

export type LogEndKind = 'completed' | 'podDeleted' | 'podTerminated' | 'error' | 'stopped';

export interface LogStreamHandlers {
	onLine(line: LogLine): void;
	onStatus?(state: 'connecting' | 'streaming' | 'reconnecting', message?: string): void;
	onEnd?(end: {kind: LogEndKind; message: string}): void;
}

export interface LogStream {
	stop(): void;
	/** Settles when the stream has ended for good (after onEnd). */
	done: Promise<void>;
}

/** "2026-01-02T03:04:05.123456789Z" → a key that sorts in time order, plus epoch ms. */
export function parseLogTimestamp(text: string): {key: string; ms: number} | undefined {
	const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(text);
	if (!m) return undefined;
	const fraction = (m[2] ?? '').padEnd(9, '0');
	const seconds = Date.parse(`${m[1]}${m[3]}`);
	if (Number.isNaN(seconds)) return undefined;
	// Normalised to UTC seconds + 9 fraction digits so string order is time order.
	const utc = new Date(seconds).toISOString().slice(0, 19);
	return {key: `${utc}.${fraction}`, ms: seconds + Number(fraction.slice(0, 3))};
}

function logQuery(options: LogStreamOptions, since: {sinceTime?: string; first: boolean}): Record<string, string | number | undefined> {
	const fresh = since.sinceTime === undefined && since.first;
	return {
		container: options.container,
		follow: options.follow !== false && !options.previous ? 'true' : undefined,
		previous: options.previous ? 'true' : undefined,
		timestamps: 'true',
		sinceTime: since.sinceTime,
		// Only the first connection asks for a tail or a window; a resume asks from where it was.
		tailLines: fresh ? options.tailLines : undefined,
		sinceSeconds: fresh ? options.sinceSeconds : undefined,
	};
}

export function streamLogs(api: Transport, options: LogStreamOptions, handlers: LogStreamHandlers): LogStream {
	const controller = new AbortController();
	const maxLine = options.maxLineLength ?? 1 << 20;
	const follow = options.follow !== false && !options.previous;
	let lastKey: string | undefined;
	let lastMs = 0;
	let deliveredAtLastKey = 0;
	let stopped = false;
	let ended = false;

	const finish = (kind: LogEndKind, message: string): void => {
		if (ended) return;
		ended = true;
		handlers.onEnd?.({kind, message});
	};

	/** Delivers one raw line "TIMESTAMP text", skipping what an earlier connection already gave. */
	const deliver = (raw: string, truncated: boolean, replay: {skipAtKey: number}): void => {
		// Once stopped, nothing more reaches the caller, even a line already read from the socket.
		if (stopped) return;
		const space = raw.indexOf(' ');
		const stamp = space > 0 ? parseLogTimestamp(raw.slice(0, space)) : undefined;
		if (!stamp) {
			handlers.onLine(truncated ? {text: raw, truncated} : {text: raw});
			return;
		}
		if (lastKey !== undefined) {
			if (stamp.key < lastKey) return;
			if (stamp.key === lastKey && replay.skipAtKey > 0) {
				replay.skipAtKey--;
				return;
			}
		}
		if (stamp.key === lastKey) deliveredAtLastKey++;
		else {
			lastKey = stamp.key;
			deliveredAtLastKey = 1;
		}
		lastMs = stamp.ms;
		const line: LogLine = {text: raw.slice(space + 1), time: stamp.ms, timestamp: raw.slice(0, space)};
		if (truncated) line.truncated = true;
		handlers.onLine(line);
	};

	const readOnce = async (first: boolean): Promise<void> => {
		// sinceTime has one-second precision in the API: ask from the start of that second and drop the overlap.
		const sinceTime = lastKey !== undefined ? new Date(Math.floor(lastMs / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z') : undefined;
		const replay = {skipAtKey: deliveredAtLastKey};
		await api.stream({
			path: objectPathFor('Pod', options.namespace, options.pod, 'log'),
			query: logQuery(options, {first, ...(sinceTime ? {sinceTime} : {})}),
			signal: controller.signal,
			maxLineLength: maxLine,
			onOpen: () => handlers.onStatus?.('streaming'),
			onLine: (line, truncated) => deliver(line, truncated, replay),
		});
	};

	/** Why the stream ended, by looking at the pod: gone, replaced, finished, or still running. */
	const podState = async (uid: string | undefined): Promise<{end?: {kind: LogEndKind; message: string}}> => {
		try {
			const pod = await api.request<KubeObject>({path: objectPathFor('Pod', options.namespace, options.pod), signal: controller.signal});
			if (uid !== undefined && pod.metadata.uid !== uid) {
				return {end: {kind: 'podDeleted', message: `pod ${options.namespace}/${options.pod} was deleted (a new pod with the same name now exists)`}};
			}
			const phase = (pod.status as {phase?: string} | undefined)?.phase;
			if (phase === 'Succeeded' || phase === 'Failed') {
				return {end: {kind: 'podTerminated', message: `pod ${options.namespace}/${options.pod} has terminated (${phase})`}};
			}
			return {};
		} catch (error) {
			if (error instanceof KubeError && error.status === 404) {
				return {end: {kind: 'podDeleted', message: `pod ${options.namespace}/${options.pod} was deleted`}};
			}
			return {};
		}
	};

	const loop = async (): Promise<void> => {
		handlers.onStatus?.('connecting');
		const cannot = `cannot read logs of ${options.namespace}/${options.pod}`;
		let uid: string | undefined;
		try {
			const pod = await api.request<KubeObject>({path: objectPathFor('Pod', options.namespace, options.pod), signal: controller.signal});
			uid = pod.metadata.uid;
		} catch (error) {
			if (stopped) return finish('stopped', 'stopped');
			if (error instanceof KubeError && error.status === 404) return finish('podDeleted', `pod ${options.namespace}/${options.pod} not found`);
			if (error instanceof KubeError && error.status !== 0) return finish('error', `${cannot}: ${error.message}`);
		}
		let first = true;
		let failures = 0;
		for (;;) {
			try {
				await readOnce(first);
				first = false;
				failures = 0;
				if (stopped) return finish('stopped', 'stopped');
				if (!follow) return finish('completed', 'end of log');
			} catch (error) {
				if (stopped) return finish('stopped', 'stopped');
				const status = error instanceof KubeError ? error.status : -1;
				if (status === 400 && !/waiting to start|ContainerCreating|PodInitializing/i.test((error as KubeError).serverMessage)) {
					// "container X is not valid", "previous terminated container not found": retrying cannot help.
					return finish('error', `${cannot}: ${(error as KubeError).message}`);
				}
				if (status === 401 || status === 403) return finish('error', `${cannot}: ${(error as KubeError).message}`);
				// Without follow only a lost connection is worth another try (the rest of the log is still there).
				if (!follow && status !== 0) return finish('error', `${cannot}: ${(error as Error).message}`);
				handlers.onStatus?.('reconnecting', (error as Error).message);
			}
			failures++;
			const state = await podState(uid);
			if (stopped) return finish('stopped', 'stopped');
			if (state.end) return finish(state.end.kind, state.end.message);
			handlers.onStatus?.('reconnecting', 'log stream ended while the pod is still running; resuming');
			await sleep(backoffDelay(failures, options.reconnectDelayMs ?? 1000, 30_000), controller.signal);
			if (stopped) return finish('stopped', 'stopped');
		}
	};

	const done = loop().catch((error: unknown) => finish('error', (error as Error).message));
	return {
		stop() {
			if (stopped) return;
			stopped = true;
			controller.abort();
		},
		done,
	};
}
