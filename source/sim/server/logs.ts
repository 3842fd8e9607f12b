// GET pods/NAME/log: container defaulting, tail/since/limitBytes/timestamps, and follow
// as a chunked text stream fed by the world's log source.
import type {ServerResponse} from 'node:http';
import type {KubeObject} from '../../model/types.js';
import {ApiError, type LogLine, type LogSource} from '../contracts.js';
import {badRequest} from './status.js';

function containerNames(pod: KubeObject, field: 'containers' | 'initContainers' | 'ephemeralContainers'): string[] {
	const list = pod.spec?.[field];
	return Array.isArray(list) ? list.map(c => String((c as {name?: unknown}).name ?? '')) : [];
}

/** The container a log request means, with the real server's message when it cannot tell. */
export function resolveContainer(pod: KubeObject, requested: string | null): string {
	const name = pod.metadata.name;
	const containers = containerNames(pod, 'containers');
	const all = [...containers, ...containerNames(pod, 'initContainers'), ...containerNames(pod, 'ephemeralContainers')];
	if (requested) {
		if (!all.includes(requested)) throw badRequest(`container ${requested} is not valid for pod ${name}`);
		return requested;
	}
	const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
	if (annotated && all.includes(annotated)) return annotated;
	if (containers.length === 1) return containers[0]!;
	const init = containerNames(pod, 'initContainers');
	const initText = init.length > 0 ? ` or one of the init containers: [${init.join(' ')}]` : '';
	throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]${initText}`);
}

/** RFC3339Nano as Go prints it: fractional seconds without trailing zeros. */
export function rfc3339Nano(ms: number): string {
	const iso = new Date(ms).toISOString();
	return iso.replace(/\.(\d{3})Z$/, (_, frac: string) => {
		const trimmed = frac.replace(/0+$/, '');
		return trimmed ? `.${trimmed}Z` : 'Z';
	});
}

function numberParam(query: URLSearchParams, name: string): number | undefined {
	const text = query.get(name);
	if (text === null || text === '') return undefined;
	const value = Number(text);
	if (!Number.isInteger(value)) throw badRequest(`invalid ${name}: ${text}`);
	return value;
}

export function serveLogs(logs: LogSource, pod: KubeObject, query: URLSearchParams, res: ServerResponse): void {
	const container = resolveContainer(pod, query.get('container'));
	const follow = query.get('follow') === 'true' || query.get('follow') === '1';
	const previous = query.get('previous') === 'true' || query.get('previous') === '1';
	const timestamps = query.get('timestamps') === 'true' || query.get('timestamps') === '1';
	const tailLines = numberParam(query, 'tailLines');
	const sinceSeconds = numberParam(query, 'sinceSeconds');
	const limitBytes = numberParam(query, 'limitBytes');
	if (tailLines !== undefined && tailLines < 0) throw badRequest('tailLines: Invalid value: must be greater than or equal to 0');
	if (sinceSeconds !== undefined && sinceSeconds < 1) throw badRequest('sinceSeconds: Invalid value: must be greater than 0');
	if (limitBytes !== undefined && limitBytes < 1) throw badRequest('limitBytes: Invalid value: must be greater than 0');
	let sinceTime: number | undefined;
	const sinceTimeText = query.get('sinceTime');
	if (sinceTimeText) {
		sinceTime = Date.parse(sinceTimeText);
		if (Number.isNaN(sinceTime)) throw badRequest(`sinceTime: Invalid value: "${sinceTimeText}": not an RFC3339 time`);
	}
	if (sinceSeconds !== undefined) sinceTime = Date.now() - sinceSeconds * 1000;
	const namespace = pod.metadata.namespace ?? '';
	const result = logs.read(namespace, pod.metadata.name, {container, previous, sinceTime, tailLines});
	if (result instanceof ApiError) throw result;

	res.writeHead(200, {'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked'});
	let remaining = limitBytes ?? Number.POSITIVE_INFINITY;
	const format = (entry: LogLine): string => (timestamps ? `${rfc3339Nano(entry.time)} ${entry.text}\n` : `${entry.text}\n`);
	/** Writes a line; false once limitBytes is reached and the response has ended. */
	const write = (entry: LogLine): boolean => {
		if (res.writableEnded || res.destroyed) return false;
		let text = format(entry);
		if (Buffer.byteLength(text) >= remaining) {
			text = Buffer.from(text).subarray(0, remaining).toString('utf8');
			res.end(text);
			return false;
		}
		remaining -= Buffer.byteLength(text);
		res.write(text);
		return true;
	};
	for (const entry of result) if (!write(entry)) return;
	if (!follow || previous) {
		res.end();
		return;
	}
	res.flushHeaders();
	// The source may call back synchronously, before `stop` is assigned.
	let stop: (() => void) | undefined;
	let finished = false;
	stop = logs.follow(namespace, pod.metadata.name, container, entry => {
		if (!write(entry)) {
			finished = true;
			stop?.();
		}
	}, () => {
		finished = true;
		if (!res.writableEnded) res.end();
	});
	if (finished) stop();
	res.on('close', () => stop?.());
}
