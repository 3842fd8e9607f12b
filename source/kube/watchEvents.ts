// The lines of a watch stream as the engine reads them: one JSON event per line, and the ERROR
// event that ends a stream — 410 as the signal to relist, anything else as the server's error.
import type {KubeObject} from '../model/types.js';
import {KubeError, statusError} from './kubeError.js';

/** The resourceVersion held is too old: only a relist helps. */
export class Gone extends Error {}

export interface WatchEvent {
	type?: string;
	object?: KubeObject & {code?: number; reason?: string; message?: string; details?: {retryAfterSeconds?: number}};
}

export function parseEvent(line: string): WatchEvent {
	try {
		return JSON.parse(line) as WatchEvent;
	} catch {
		throw new KubeError(0, 'BadResponse', 'the watch stream sent a line that is not JSON');
	}
}

/** An ERROR event ends the stream: 410 as the signal to relist, anything else as the server's error. */
export function throwIfError(event: WatchEvent): void {
	const object = event.object;
	if (event.type !== 'ERROR' || !object) return;
	if (object.code === 410) throw new Gone();
	// "Too large resource version" (504) asks for a pause in its details, as an HTTP error would in Retry-After.
	const retrySeconds = object.details?.retryAfterSeconds;
	throw statusError(object.code ?? 500, object.reason || 'InternalError', object.message ?? 'the watch reported an error', typeof retrySeconds === 'number' && retrySeconds > 0 ? {retryAfterMs: retrySeconds * 1000} : {});
}
