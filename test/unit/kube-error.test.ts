// source/kube/kubeError.ts: every way the API (or the network) can say no, as the words a person reads.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {abortedError, errorFromResponse, KubeError, networkError, parseRetryAfter, statusError, timeoutError} from '../../source/kube/kubeError.js';

const status = (code: number, reason: string, message: string, extra: Record<string, unknown> = {}) =>
	JSON.stringify({kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message, ...extra});

test('each Status reason reads as what happened and what to do, then the server message', () => {
	const cases: Array<{status: number; body: string; reason: string; message: string}> = [
		{status: 400, body: status(400, 'BadRequest', 'container "nope" in pod "p" is not valid'), reason: 'BadRequest', message: 'container "nope" in pod "p" is not valid'},
		{status: 401, body: status(401, 'Unauthorized', 'Unauthorized'), reason: 'Unauthorized', message: 'unauthorized: the server rejected the credentials for user "ana" (expired token?); log in again or refresh the token'},
		{status: 403, body: status(403, 'Forbidden', 'pods is forbidden: User "ana" cannot list resource "pods"'), reason: 'Forbidden', message: 'forbidden for user "ana" (RBAC) — pods is forbidden: User "ana" cannot list resource "pods"'},
		{status: 404, body: status(404, 'NotFound', 'pods "web-1" not found'), reason: 'NotFound', message: 'not found (deleted meanwhile?) — pods "web-1" not found'},
		{status: 409, body: status(409, 'AlreadyExists', 'pods "web-1" already exists'), reason: 'AlreadyExists', message: 'already exists — pods "web-1" already exists'},
		{status: 409, body: status(409, 'Conflict', 'the object has been modified'), reason: 'Conflict', message: 'conflict, the object changed while kubedeck updated it; try again — the object has been modified'},
		{status: 410, body: status(410, 'Expired', 'too old resource version: 5 (9)'), reason: 'Expired', message: 'expired: the resource version is too old; list again — too old resource version: 5 (9)'},
		{status: 410, body: status(410, 'Gone', 'the history was compacted'), reason: 'Gone', message: 'expired: the resource version is too old; list again — the history was compacted'},
		{status: 422, body: status(422, 'Invalid', 'spec.replicas: Invalid value: -1'), reason: 'Invalid', message: 'the API rejected the change as invalid — spec.replicas: Invalid value: -1'},
		{status: 429, body: status(429, 'TooManyRequests', 'Cannot evict pod as it would violate the pod\'s disruption budget.'), reason: 'TooManyRequests', message: 'too many requests (a PodDisruptionBudget or rate limit); try again later — Cannot evict pod as it would violate the pod\'s disruption budget.'},
		{status: 500, body: status(500, 'InternalError', 'etcd timeout'), reason: 'InternalError', message: '500 InternalError — etcd timeout'},
		{status: 503, body: status(503, 'ServiceUnavailable', 'etcd is sad'), reason: 'ServiceUnavailable', message: '503 ServiceUnavailable — etcd is sad'},
		{status: 504, body: status(504, 'Timeout', 'request did not complete within 60s'), reason: 'Timeout', message: '504 Timeout — request did not complete within 60s'},
	];
	for (const c of cases) {
		const error = errorFromResponse(c.status, c.body, {user: 'ana'});
		assert.ok(error instanceof KubeError);
		assert.deepEqual({status: error.status, reason: error.reason, message: error.message}, {status: c.status, reason: c.reason, message: c.message}, c.body);
	}
});

test('bodies that are not a Status: the reason comes from the status code, the text from the first line', () => {
	const cases: Array<{status: number; body: string; reason: string; message: string; serverMessage: string}> = [
		{status: 502, body: 'upstream connect error\nmore detail', reason: 'BadGateway', message: '502 BadGateway — upstream connect error', serverMessage: 'upstream connect error'},
		{status: 503, body: '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>', reason: 'ServiceUnavailable', message: '503 ServiceUnavailable', serverMessage: ''},
		{status: 403, body: '', reason: 'Forbidden', message: 'forbidden (RBAC)', serverMessage: ''},
		{status: 404, body: '404 page not found\n', reason: 'NotFound', message: 'not found (deleted meanwhile?) — 404 page not found', serverMessage: '404 page not found'},
		{status: 400, body: '', reason: 'BadRequest', message: '400 BadRequest', serverMessage: ''},
		{status: 418, body: 'x'.repeat(500), reason: 'ImaTeapot', message: `418 ImaTeapot — ${'x'.repeat(200)}`, serverMessage: 'x'.repeat(200)},
		// A Status without a reason (some aggregated servers): the code names it.
		{status: 409, body: JSON.stringify({kind: 'Status', code: 409, message: 'busy'}), reason: 'Conflict', message: 'conflict, the object changed while kubedeck updated it; try again — busy', serverMessage: 'busy'},
		// JSON that is not an object at all.
		{status: 500, body: '"oops"', reason: 'InternalError', message: '500 InternalError', serverMessage: ''},
	];
	for (const c of cases) {
		const error = errorFromResponse(c.status, c.body);
		assert.deepEqual({reason: error.reason, message: error.message, serverMessage: error.serverMessage}, {reason: c.reason, message: c.message, serverMessage: c.serverMessage}, c.body.slice(0, 40));
	}
});

test('an error status with an empty body still gets Kubernetes\' reason for that status', () => {
	const cases: Array<[number, string]> = [
		[400, 'BadRequest'], [401, 'Unauthorized'], [403, 'Forbidden'], [404, 'NotFound'], [405, 'MethodNotAllowed'], [406, 'NotAcceptable'],
		[409, 'Conflict'], [410, 'Expired'], [413, 'RequestEntityTooLarge'], [415, 'UnsupportedMediaType'], [422, 'Invalid'],
		[429, 'TooManyRequests'], [500, 'InternalError'], [502, 'BadGateway'], [503, 'ServiceUnavailable'], [504, 'Timeout'],
	];
	for (const [code, reason] of cases) assert.equal(errorFromResponse(code, '').reason, reason, String(code));
});

test('Retry-After counts on 429 and 503 only, from the header or the Status details', () => {
	const now = Date.parse('2026-12-04T12:00:00Z');
	const cases: Array<{name: string; status: number; body: string; retryAfter?: string; want: number | undefined; message?: RegExp}> = [
		{name: '429 seconds', status: 429, body: status(429, 'TooManyRequests', 'slow down'), retryAfter: '7', want: 7000, message: /try again later; the server asks to wait 7s — slow down$/},
		{name: '503 HTTP date', status: 503, body: status(503, 'ServiceUnavailable', 'starting'), retryAfter: 'Fri, 04 Dec 2026 12:00:03 GMT', want: 3000, message: /^503 ServiceUnavailable; the server asks to wait 3s — starting$/},
		{name: '429 details only', status: 429, body: status(429, 'TooManyRequests', 'budget', {details: {retryAfterSeconds: 10}}), want: 10_000},
		{name: '429 header beats details', status: 429, body: status(429, 'TooManyRequests', 'budget', {details: {retryAfterSeconds: 10}}), retryAfter: '2', want: 2000},
		{name: '500 ignores it', status: 500, body: status(500, 'InternalError', 'x'), retryAfter: '7', want: undefined},
		{name: 'unreadable header', status: 429, body: status(429, 'TooManyRequests', 'x'), retryAfter: 'soon', want: undefined},
	];
	for (const c of cases) {
		const error = errorFromResponse(c.status, c.body, {...(c.retryAfter ? {retryAfter: c.retryAfter} : {}), now});
		assert.equal(error.retryAfterMs, c.want, c.name);
		if (c.message) assert.match(error.message, c.message, c.name);
	}
});

test('parseRetryAfter: delta-seconds, HTTP dates (past ones are now), nothing else', () => {
	const now = Date.parse('2026-12-04T12:00:00Z');
	const cases: Array<[string | undefined, number | undefined]> = [
		['0', 0],
		[' 120 ', 120_000],
		['Fri, 04 Dec 2026 12:01:00 GMT', 60_000],
		['Fri, 04 Dec 2026 11:00:00 GMT', 0],
		['-5', undefined],
		['', undefined],
		[undefined, undefined],
	];
	for (const [header, want] of cases) assert.equal(parseRetryAfter(header, now), want, String(header));
});

test('network failures say the server was not reached, and why, by error code', () => {
	const server = 'https://10.0.0.1:6443';
	const cases: Array<[string | undefined, string, string]> = [
		['ECONNREFUSED', 'ECONNREFUSED', `cannot reach ${server}: nothing is listening there`],
		['ENOTFOUND', 'ENOTFOUND', `cannot reach ${server}: the host name does not resolve`],
		['ECONNRESET', 'ECONNRESET', `cannot reach ${server}: the connection was reset`],
		['EHOSTUNREACH', 'EHOSTUNREACH', `cannot reach ${server}: no route to the host (VPN down?)`],
		['CERT_HAS_EXPIRED', 'CERT_HAS_EXPIRED', `cannot reach ${server}: the server's TLS certificate has expired`],
		['DEPTH_ZERO_SELF_SIGNED_CERT', 'DEPTH_ZERO_SELF_SIGNED_CERT', `cannot reach ${server}: the server's TLS certificate is self-signed and not trusted — check certificate-authority-data in the kubeconfig`],
		['EWHATEVER', 'EWHATEVER', `cannot reach ${server}: socket trouble`],
		[undefined, 'NetworkError', `cannot reach ${server}: socket trouble`],
	];
	for (const [code, reason, message] of cases) {
		const error = networkError(Object.assign(new Error('socket trouble'), code ? {code} : {}), server);
		assert.deepEqual({status: error.status, reason: error.reason, message: error.message}, {status: 0, reason, message});
	}
});

test('timeouts and cancellations are errors of their own, and only a cancellation is "aborted"', () => {
	assert.deepEqual([timeoutError('http://x', 30_000).message, timeoutError('http://x', 1500).message], ['no answer from http://x within 30s', 'no answer from http://x within 1.5s']);
	assert.equal(timeoutError('http://x', 10).aborted, false);
	const aborted = abortedError();
	assert.deepEqual({status: aborted.status, reason: aborted.reason, message: aborted.message, aborted: aborted.aborted}, {status: 0, reason: 'Aborted', message: 'cancelled', aborted: true});
});

test('statusError keeps the server words apart for callers that compose their own sentence', () => {
	const error = statusError(429, 'TooManyRequests', 'Cannot evict pod: budget web-pdb needs 1 healthy', {details: {name: 'web-1'}});
	assert.equal(error.serverMessage, 'Cannot evict pod: budget web-pdb needs 1 healthy');
	assert.deepEqual(error.details, {name: 'web-1'});
	assert.equal(error.name, 'KubeError');
});
