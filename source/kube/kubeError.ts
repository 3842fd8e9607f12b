// The one error every API call fails with: what the server said (or why it was not reached), in
// words a person can act on. Callers prefix what they were doing ("cannot scale deployment
// shop/web: …", "pods in namespace shop: …"); the explanation of the status itself lives here only.
import http from 'node:http';

export interface KubeErrorExtra {
	/** The API server's own words (Status.message), '' when it gave none. */
	serverMessage?: string;
	/** Status.details (name, kind, causes, retryAfterSeconds). */
	details?: Record<string, unknown>;
	/** How long the server asked us to wait (Retry-After on a 429 or 503). */
	retryAfterMs?: number;
}

/** status is the HTTP status; 0 means no answer (network, timeout, cancelled, bad credentials config). */
export class KubeError extends Error {
	readonly serverMessage: string;
	readonly details?: Record<string, unknown>;
	readonly retryAfterMs?: number;

	constructor(
		readonly status: number,
		readonly reason: string,
		message: string,
		extra: KubeErrorExtra = {},
	) {
		super(message);
		this.name = 'KubeError';
		this.serverMessage = extra.serverMessage ?? '';
		if (extra.details) this.details = extra.details;
		if (extra.retryAfterMs !== undefined) this.retryAfterMs = extra.retryAfterMs;
	}

	/** The request was cancelled by its caller (AbortSignal), not failed. */
	get aborted(): boolean {
		return this.status === 0 && this.reason === 'Aborted';
	}
}

/** Kubernetes' StatusReason for a status whose body did not name one (a proxy's page, an empty body). */
const reasonByStatus: Record<number, string> = {
	400: 'BadRequest',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'NotFound',
	405: 'MethodNotAllowed',
	406: 'NotAcceptable',
	409: 'Conflict',
	410: 'Expired',
	413: 'RequestEntityTooLarge',
	415: 'UnsupportedMediaType',
	422: 'Invalid',
	429: 'TooManyRequests',
	500: 'InternalError',
	503: 'ServiceUnavailable',
	504: 'Timeout',
};

function fallbackReason(status: number): string {
	return reasonByStatus[status] ?? (http.STATUS_CODES[status] ?? 'Error').replace(/[^A-Za-z]/g, '');
}

function seconds(ms: number): string {
	return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}

/**
 * What the status means and what to do about it; '' where the server's own message says it
 * best (a 400 names the bad field). Unlisted reasons read as "503 ServiceUnavailable".
 */
function explanation(status: number, reason: string, user: string | undefined, retryAfterMs: number | undefined): string {
	const who = user ? ` for user "${user}"` : '';
	const wait = retryAfterMs !== undefined ? `; the server asks to wait ${seconds(retryAfterMs)}` : '';
	switch (reason) {
		case 'BadRequest':
			return '';
		case 'Unauthorized':
			return `unauthorized: the server rejected the credentials${who} (expired token?); log in again or refresh the token`;
		case 'Forbidden':
			return `forbidden${who} (RBAC)`;
		case 'NotFound':
			return 'not found (deleted meanwhile?)';
		case 'AlreadyExists':
			return 'already exists';
		case 'Conflict':
			return 'conflict, the object changed while kubedeck updated it; try again';
		case 'Expired':
		case 'Gone':
			return 'expired: the resource version is too old; list again';
		case 'Invalid':
			return 'the API rejected the change as invalid';
		case 'TooManyRequests':
			return `too many requests (a PodDisruptionBudget or rate limit); try again later${wait}`;
		default:
			return `${status} ${reason}${wait}`;
	}
}

/** Builds the error for a status and the server's words; the message is explanation — server message. */
export function statusError(status: number, reason: string, serverMessage: string, context: {user?: string; retryAfterMs?: number; details?: Record<string, unknown>} = {}): KubeError {
	const explained = explanation(status, reason, context.user, context.retryAfterMs);
	// "Unauthorized" as the whole server message repeats the reason; it adds nothing.
	const server = serverMessage.toLowerCase() === reason.toLowerCase() ? '' : serverMessage;
	const message = explained && server ? `${explained} — ${server}` : explained || server || `${status} ${reason}`;
	return new KubeError(status, reason, message, {
		serverMessage,
		...(context.details ? {details: context.details} : {}),
		...(context.retryAfterMs !== undefined ? {retryAfterMs: context.retryAfterMs} : {}),
	});
}

/**
 * A 401 that stands after the transport read the credentials again (the kubeconfig files, the
 * exec or OIDC plugin) and retried once, or after that re-read itself failed (`rereadFailure`).
 * The transport reads them again on a later 401, so fixing the login needs no restart.
 */
export function unauthorisedAfterReread(error: KubeError, user: string | undefined, rereadFailure?: string): KubeError {
	const who = user ? ` for user "${user}"` : '';
	const message = rereadFailure === undefined
		? `unauthorized: the server still rejects the credentials${who} after kubedeck read the kubeconfig again and re-ran its credential plugin (expired token?); log in again or refresh the token — kubedeck reads them again on its next request`
		: `unauthorized: the server rejected the credentials${who} (expired token?) and reading the kubeconfig again failed: ${rereadFailure}; fix it or log in again — kubedeck reads it again on its next request`;
	return new KubeError(401, error.reason, message, {serverMessage: error.serverMessage, ...(error.details ? {details: error.details} : {})});
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | undefined, now: number = Date.now()): number | undefined {
	if (!header) return undefined;
	const text = header.trim();
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	// Only an HTTP date ("Fri, 04 Dec 2026 12:00:03 GMT"): Date.parse would read "-5" as a year.
	if (!/^[A-Za-z]{3}, /.test(text)) return undefined;
	const at = Date.parse(text);
	return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The first line of a body that is not a Status (a proxy's text), short; HTML pages say nothing useful. */
function plainText(body: string): string {
	const line = body.trim().split('\n', 1)[0]?.trim() ?? '';
	return line.startsWith('<') ? '' : line.slice(0, 200);
}

/**
 * An error response (a metav1.Status, usually) as a KubeError. Pure. A Retry-After header counts
 * for 429 and 503 only, as in the API server; Status.details.retryAfterSeconds stands in for it.
 */
export function errorFromResponse(status: number, body: string, context: {user?: string; retryAfter?: string; now?: number} = {}): KubeError {
	let reason = '';
	let serverMessage = '';
	let details: Record<string, unknown> | undefined;
	try {
		const parsed = JSON.parse(body) as {reason?: unknown; message?: unknown; details?: unknown};
		if (parsed && typeof parsed === 'object') {
			if (typeof parsed.reason === 'string') reason = parsed.reason;
			if (typeof parsed.message === 'string') serverMessage = parsed.message;
			if (parsed.details && typeof parsed.details === 'object') details = parsed.details as Record<string, unknown>;
		}
	} catch {
		serverMessage = plainText(body);
	}
	let retryAfterMs: number | undefined;
	if (status === 429 || status === 503) {
		retryAfterMs = parseRetryAfter(context.retryAfter, context.now);
		const fromDetails = details?.['retryAfterSeconds'];
		if (retryAfterMs === undefined && typeof fromDetails === 'number' && fromDetails > 0) retryAfterMs = fromDetails * 1000;
	}
	return statusError(status, reason || fallbackReason(status), serverMessage, {
		...(context.user ? {user: context.user} : {}),
		...(retryAfterMs !== undefined ? {retryAfterMs} : {}),
		...(details ? {details} : {}),
	});
}

/** Why a socket could not talk to the server, by Node's error code. */
const networkHints: Record<string, string> = {
	ECONNREFUSED: 'nothing is listening there',
	ENOTFOUND: 'the host name does not resolve',
	EAI_AGAIN: 'the host name could not be resolved (DNS is not answering)',
	ECONNRESET: 'the connection was reset',
	EPIPE: 'the connection was reset',
	ETIMEDOUT: 'the connection timed out',
	EHOSTUNREACH: 'no route to the host (VPN down?)',
	ENETUNREACH: 'the network is unreachable (VPN down?)',
	CERT_HAS_EXPIRED: "the server's TLS certificate has expired",
	DEPTH_ZERO_SELF_SIGNED_CERT: "the server's TLS certificate is self-signed and not trusted — check certificate-authority-data in the kubeconfig",
	SELF_SIGNED_CERT_IN_CHAIN: "the server's TLS certificate is not trusted — check certificate-authority-data in the kubeconfig",
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's TLS certificate is not trusted — check certificate-authority-data in the kubeconfig",
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the server's TLS certificate is not trusted — check certificate-authority-data in the kubeconfig",
	ERR_TLS_CERT_ALTNAME_INVALID: "the server's TLS certificate is for another host name — check the server address (or tls-server-name) in the kubeconfig",
};

/** A socket-level failure: the server was not reached (or the connection died before an answer). */
export function networkError(error: unknown, server: string): KubeError {
	const code = (error as {code?: unknown}).code;
	const known = typeof code === 'string' ? networkHints[code] : undefined;
	const text = error instanceof Error ? error.message : String(error);
	return new KubeError(0, typeof code === 'string' ? code : 'NetworkError', `cannot reach ${server}: ${known ?? text}`);
}

export function timeoutError(server: string, ms: number): KubeError {
	return new KubeError(0, 'Timeout', `no answer from ${server} within ${seconds(ms)}`);
}

export function abortedError(): KubeError {
	return new KubeError(0, 'Aborted', 'cancelled');
}

export function connectionLostError(server: string): KubeError {
	return new KubeError(0, 'ConnectionLost', `the connection to ${server} broke before the response was complete`);
}

/** Anything thrown as a KubeError, keeping KubeErrors as they are (for callers that switch on status). */
export function asKubeError(error: unknown): KubeError {
	if (error instanceof KubeError) return error;
	return new KubeError(0, 'Error', error instanceof Error ? error.message : String(error));
}
