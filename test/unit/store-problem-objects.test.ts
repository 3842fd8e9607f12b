// The statefulsets, jobs and PVCs behind :problems: projected at ingest to their problem (a
// list's items carry no kind), attached only once discovery lists each kind, and joined into
// the :problems rows.
import test from 'node:test';
import assert from 'node:assert/strict';
import type {KubeObject} from '../../source/model/types.js';
import {problemObjectKinds, projectProblemObject, type ProblemObjectRow} from '../../source/model/problems-objects.js';
import {ProblemObjectStores} from '../../source/store/problemObjects.js';
import {createRowStore, type MutableRowStore} from '../../source/store/rowStore.js';
import {collectProblems} from '../../source/model/problems-collect.js';

const kindOf = (resource: string) => problemObjectKinds.find(k => k.resource === resource)!;

// As a list item: no apiVersion, no kind.
const failedJob: KubeObject = {
	metadata: {uid: 'j1', name: 'nightly-report', namespace: 'payments', creationTimestamp: '2026-12-05T01:00:00Z'},
	spec: {backoffLimit: 2},
	status: {failed: 3, conditions: [{type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', lastTransitionTime: '2026-12-05T01:10:00Z'}]},
};
const pendingClaim: KubeObject = {metadata: {uid: 'c1', name: 'scratch', namespace: 'ml-training', creationTimestamp: '2026-12-05T01:00:00Z'}, spec: {storageClassName: 'gp3'}, status: {phase: 'Pending'}};
const healthySet: KubeObject = {metadata: {uid: 's1', name: 'redis', namespace: 'production'}, spec: {replicas: 3}, status: {replicas: 3, readyReplicas: 3}};

test('a list item (no kind) is projected to its problem by the kind of its resource', () => {
	const row = projectProblemObject(kindOf('jobs.batch'))(failedJob);
	assert.equal(row.uid, 'j1');
	assert.equal(row.severity, 'error');
	assert.equal(row.problem?.kind, 'Job');
	assert.equal(row.problem?.reason, 'failed: BackoffLimitExceeded: Job has reached the specified backoff limit');
	const claim = projectProblemObject(kindOf('persistentvolumeclaims.'))(pendingClaim);
	assert.equal(claim.problem?.kind, 'PersistentVolumeClaim');
	assert.equal(claim.problem?.since, Date.parse('2026-12-05T01:00:00Z'));
});

test('a healthy object keeps no problem, only who it is', () => {
	const row = projectProblemObject(kindOf('statefulsets.apps'))(healthySet);
	assert.deepEqual(row, {uid: 's1', name: 'redis', namespace: 'production', severity: 'ok'});
});

test('a kind is attached once discovery lists it, and only once', async () => {
	const served = new Set<string>(['jobs.batch']);
	const opened: string[] = [];
	const stores = new Map<string, MutableRowStore<ProblemObjectRow>>();
	const objects = new ProblemObjectStores(problemObjectKinds, {
		served: resource => served.has(resource),
		open: kind => {
			opened.push(kind.resource);
			const store = createRowStore<ProblemObjectRow>({frameMs: 1});
			stores.set(kind.resource, store);
			return store;
		},
	}, 1);
	assert.deepEqual(opened, ['jobs.batch']);
	objects.attach();
	assert.deepEqual(opened, ['jobs.batch'], 'attach is idempotent');
	served.add('statefulsets.apps');
	served.add('persistentvolumeclaims.');
	objects.attach();
	assert.deepEqual(opened, ['jobs.batch', 'statefulsets.apps', 'persistentvolumeclaims.']);

	stores.get('jobs.batch')!.upsert(projectProblemObject(kindOf('jobs.batch'))(failedJob));
	stores.get('persistentvolumeclaims.')!.upsert(projectProblemObject(kindOf('persistentvolumeclaims.'))(pendingClaim));
	stores.get('statefulsets.apps')!.upsert(projectProblemObject(kindOf('statefulsets.apps'))(healthySet));
	const first = objects.snapshot();
	assert.equal(first.rows.length, 3);
	assert.equal(objects.snapshot(), first, 'unchanged stores: the same snapshot');

	const rows = collectProblems({pods: [], nodes: [], deployments: [], events: [], objects: first.rows}, Date.parse('2026-12-05T02:00:00Z'));
	assert.deepEqual(rows.map(r => [r.kind, r.name, r.severity]), [['Job', 'nightly-report', 'error'], ['PersistentVolumeClaim', 'scratch', 'warn']]);
	objects.close();
});

// Opening a watch announces its status at once ('listing'), and the session's status listeners
// call attach() again: a second attach() arrives while the first is still inside open(). Before
// the fix it opened the same kind again, whose watch announced again... until the stack
// overflowed (seen on the real-cluster :problems test, where Listeners swallowed each overflow).
test('attach() re-entered from inside open() (a watch announcing its status) opens each kind once', () => {
	const served = new Set<string>();
	const opened: string[] = [];
	let objects: ProblemObjectStores | undefined;
	objects = new ProblemObjectStores(problemObjectKinds, {
		served: resource => served.has(resource),
		open: kind => {
			opened.push(kind.resource);
			// What the session's status listener does when the new watch says 'listing'.
			objects?.attach();
			return createRowStore<ProblemObjectRow>({frameMs: 1});
		},
	}, 1);
	served.add('jobs.batch');
	served.add('statefulsets.apps');
	objects.attach();
	assert.deepEqual(opened, ['statefulsets.apps', 'jobs.batch'], 'each once, in the order of the kinds');
	assert.deepEqual(objects.resources(), ['statefulsets.apps', 'jobs.batch']);
	objects.close();
});
