// source/kube/watchFailure.ts: what a watch shows and how long it waits after each kind of failure.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {KubeError} from '../../source/kube/kubeError.js';
import {failurePause, MAX_RETRY_AFTER_MS} from '../../source/kube/watchFailure.js';
import {defaultTuning} from '../../source/kube/watchStatus.js';

const subject = {describe: 'pods in namespace shop', resource: 'pods', namespace: 'shop'};
// random() = 1 gives the full backoff step, so the expected waits are exact.
const top = () => 1;

test('each failure maps to its state, wait, renewal and whether it grows the backoff', () => {
	const cases: Array<{error: KubeError; failures: number; state: string; ms: number; untilRenewed: boolean; counts: boolean; says: RegExp}> = [
		{error: new KubeError(403, 'Forbidden', 'no'), failures: 3, state: 'forbidden', ms: defaultTuning.deniedRetryMs, untilRenewed: true, counts: false, says: /pods/},
		// 401: at least the credential re-read pace (5 s), never longer than the denied retry.
		{error: new KubeError(401, 'Unauthorized', 'login expired'), failures: 0, state: 'error', ms: 5000, untilRenewed: true, counts: true, says: /^login expired$/},
		{error: new KubeError(401, 'Unauthorized', 'login expired'), failures: 9, state: 'error', ms: defaultTuning.deniedRetryMs / 2, untilRenewed: true, counts: true, says: /login expired/},
		{error: new KubeError(400, 'BadRequest', 'bad selector'), failures: 0, state: 'error', ms: defaultTuning.deniedRetryMs, untilRenewed: false, counts: false, says: /^pods in namespace shop: bad selector$/},
		{error: new KubeError(404, 'NotFound', 'gone'), failures: 2, state: 'error', ms: defaultTuning.deniedRetryMs, untilRenewed: false, counts: false, says: /gone/},
		// 5xx, 429, 408 and network errors back off: 500 ms doubling per failure up to 30 s.
		{error: new KubeError(503, 'ServiceUnavailable', 'down'), failures: 0, state: 'reconnecting', ms: 500, untilRenewed: false, counts: true, says: /retrying in 0\.5s/},
		{error: new KubeError(0, 'ConnectionRefused', 'refused'), failures: 3, state: 'reconnecting', ms: 4000, untilRenewed: false, counts: true, says: /refused — retrying in 4\.0s/},
		{error: new KubeError(408, 'Timeout', 'slow'), failures: 20, state: 'reconnecting', ms: 30_000, untilRenewed: false, counts: true, says: /30\.0s/},
		// A Retry-After is taken at its word, within the cap.
		{error: new KubeError(429, 'TooManyRequests', 'slow down', {retryAfterMs: 7000}), failures: 0, state: 'reconnecting', ms: 7000, untilRenewed: false, counts: true, says: /7\.0s/},
		{error: new KubeError(503, 'ServiceUnavailable', 'later', {retryAfterMs: 3_600_000}), failures: 0, state: 'reconnecting', ms: MAX_RETRY_AFTER_MS, untilRenewed: false, counts: true, says: /300\.0s/},
	];
	for (const c of cases) {
		const pause = failurePause(c.error, c.failures, defaultTuning, subject, top);
		const label = `${c.error.status} after ${c.failures}`;
		assert.equal(pause.state, c.state, label);
		assert.equal(pause.ms, c.ms, label);
		assert.equal(pause.untilRenewed, c.untilRenewed, label);
		assert.equal(pause.counts, c.counts, label);
		assert.match(pause.message, c.says, label);
	}
});

test('a cluster-scoped 403 gets the cluster-scoped hint', () => {
	const pause = failurePause(new KubeError(403, 'Forbidden', 'no'), 0, defaultTuning, {describe: 'nodes', resource: 'nodes', clusterScoped: true}, top);
	assert.doesNotMatch(pause.message, /namespace shop/);
	assert.match(pause.message, /nodes/);
});
