// The store keeps each object as JSON text; reading objects (a full table listing parses every
// pod) must not leave a second, parsed copy of every object alive.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import {SimStore} from '../../source/sim/store.js';
import {renderTable} from '../../source/sim/server/table.js';
import type {KubeObject} from '../../source/model/types.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function settledHeap(): Promise<number> {
	// WeakRef targets live at least until the current job ends: let it end, then collect.
	for (let i = 0; i < 3; i++) {
		await new Promise(resolve => setImmediate(resolve));
		gc();
	}
	return process.memoryUsage().heapUsed;
}

function pod(i: number): KubeObject {
	const name = `app-${i}`;
	return {
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: {name, namespace: 'scale', uid: '', labels: {app: 'app', 'pod-template-hash': 'abc12'}},
		spec: {nodeName: `node-${i % 50}`, containers: [{name: 'app', image: 'nginx:1.27.3', resources: {requests: {cpu: '10m', memory: '32Mi'}}}], restartPolicy: 'Always'},
		status: {
			phase: 'Running',
			podIP: `10.1.${i >> 8}.${i & 255}`,
			conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(type => ({type, status: 'True', lastProbeTime: null, lastTransitionTime: '2026-11-27T10:00:00Z'})),
			containerStatuses: [{name: 'app', image: 'nginx:1.27.3', imageID: '', ready: true, restartCount: 0, started: true, state: {running: {startedAt: '2026-11-27T10:00:00Z'}}, lastState: {}}],
		},
	};
}

test('a full table listing leaves no parsed copy of every record behind', async () => {
	const count = 5000;
	const store = new SimStore();
	for (let i = 0; i < count; i++) store.create('pods', pod(i));
	// Some records written through mutate (the world's path), which hands the store a parsed object.
	for (let i = 0; i < count; i += 2) store.mutate('pods', 'scale', `app-${i}`, o => ((o.metadata.annotations ??= {}).touched = 'yes'));
	const type = store.typeFor('pods')!;
	const before = await settledHeap();
	// Only the answer's size is kept: the text itself is garbage once sent.
	const bytes = JSON.stringify(renderTable(type, store.records('pods').map(r => r.object), {}, Date.now())).length;
	assert.ok(bytes > count * 100);
	const after = await settledHeap();
	const perRecord = (after - before) / count;
	// A parsed pod like these costs ~2–3 KB of heap; its JSON record stays either way.
	assert.ok(perRecord < 250, `heap grew by ${Math.round(perRecord)} bytes per record after the listing`);
	// Reads still see the current object.
	assert.equal(store.record('pods', 'scale', 'app-0')!.object.metadata.annotations?.touched, 'yes');
});
