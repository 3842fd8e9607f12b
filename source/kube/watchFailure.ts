// What a watch does after a failed request: which state it shows, what it says, how long it
// waits, and whether a credential re-read elsewhere ends the wait early. A pure decision, so
// each answer a server can give is one row of a table test.
import type {KubeError} from './kubeError.js';
import {backoffDelay} from './timing.js';
import {forbiddenMessage, type WatchState, type WatchTuning} from './watchStatus.js';

/** The longest pause a server's Retry-After can impose on a watch before it asks again. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

export interface FailureSubject {
	/** For messages: "pods in namespace payments". */
	describe: string;
	resource: string;
	namespace?: string;
	clusterScoped?: boolean;
}

export interface FailurePause {
	state: WatchState;
	message: string;
	ms: number;
	/** A wait for credentials or permissions ends when the credentials are read again elsewhere. */
	untilRenewed: boolean;
	/** Whether this failure counts towards the backoff (a 403 or a 4xx does not grow it). */
	counts: boolean;
}

/**
 * `failures` is the number of failures before this one that counted; the caller adds one when
 * `counts` is true and resets it when a stream opens.
 */
export function failurePause(api: KubeError, failures: number, tuning: WatchTuning, subject: FailureSubject, random: () => number = Math.random): FailurePause {
	if (api.status === 403) {
		return {state: 'forbidden', message: forbiddenMessage(subject.resource, subject.namespace, subject.clusterScoped), ms: tuning.deniedRetryMs, untilRenewed: true, counts: false};
	}
	// Credentials belong to the connection, not to this resource: a 401's message says it all.
	// The transport already read them again once; the next attempts come at the pace it can read
	// them again, then with the backoff, so a login fixed meanwhile needs no restart.
	if (api.status === 401) {
		const pause = Math.max(tuning.authRetryMs ?? 0, backoffDelay(failures + 1, tuning.backoffInitialMs, tuning.backoffMaxMs, random));
		return {state: 'error', message: api.message, ms: Math.min(tuning.deniedRetryMs, pause), untilRenewed: true, counts: true};
	}
	if (api.status >= 400 && api.status < 500 && api.status !== 429 && api.status !== 408) {
		// 400 (a label selector the server rejects), 404: retrying fast will not help.
		return {state: 'error', message: `${subject.describe}: ${api.message}`, ms: tuning.deniedRetryMs, untilRenewed: false, counts: false};
	}
	// A server that says how long to wait (429, 503 with Retry-After) is taken at its word, within reason.
	const asked = Math.min(api.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS);
	const ms = Math.max(asked, backoffDelay(failures + 1, tuning.backoffInitialMs, tuning.backoffMaxMs, random));
	return {state: 'reconnecting', message: `${subject.describe}: ${api.message} — retrying in ${(ms / 1000).toFixed(1)}s`, ms, untilRenewed: false, counts: true};
}
