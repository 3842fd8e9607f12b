// A resourceVersion newer than the store's: the real API server's watch cache waits a short
// while for its own history to catch up (after a restart it can be behind what a client saw
// from another server), then gives up with a 504 "Too large resource version" whose cause says
// so and which asks the client to retry after a second. Lists answer it as an HTTP error,
// watches as a 200 followed by one ERROR event, as kube-apiserver does.
import type {ServerResponse} from 'node:http';
import {ApiError} from '../contracts.js';
import type {SimStore} from '../store.js';

/** How long the real watch cache blocks for a too-new resourceVersion before giving up. */
export const freshnessWaitMs = 3000;

const retryAfterSeconds = 1;

export function tooLargeVersion(requested: number, current: number): ApiError {
	return new ApiError(504, 'Timeout', `Timeout: Too large resource version: ${requested}, current: ${current}`, {
		causes: [{reason: 'ResourceVersionTooLarge', message: 'Too large resource version'}],
		retryAfterSeconds,
	});
}

/** The Status of a too-new version, as the body of a watch's ERROR event. */
export function tooLargeStatus(requested: number, current: number): Record<string, unknown> {
	const error = tooLargeVersion(requested, current);
	return {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: error.message, reason: error.reason, details: error.details, code: error.code};
}

/** Sets the header a list's 504 carries, for the caller that is about to throw tooLargeVersion. */
export function markRetryAfter(res: ServerResponse): void {
	if (!res.headersSent) res.setHeader('Retry-After', String(retryAfterSeconds));
}

/**
 * Resolves true as soon as the store reaches `wanted` (at once if it already has), false once
 * `waitMs` passed without it or the client went away. Listens to the store's writes, no polling.
 */
export function waitForVersion(store: SimStore, wanted: number, waitMs: number, res: ServerResponse): Promise<boolean> {
	if (store.resourceVersion >= wanted) return Promise.resolve(true);
	return new Promise(resolve => {
		const finish = (reached: boolean): void => {
			clearTimeout(timer);
			unsubscribe();
			res.off('close', gone);
			resolve(reached);
		};
		const gone = (): void => finish(false);
		const timer = setTimeout(() => finish(store.resourceVersion >= wanted), waitMs);
		const unsubscribe = store.subscribeRaw(() => {
			if (store.resourceVersion >= wanted) finish(true);
		});
		res.on('close', gone);
	});
}
