// :problems on the demo cluster through a real session: the node whose GPU fell off the bus is
// one row that leads with its XID, read from the DCGM exporters the session scrapes.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {demoOnly, startTestCluster, type TestCluster} from './cluster.js';
import {waitFor} from './sim-helpers.js';
import {openSession, type Session} from '../../source/kube/session.js';
import {createProblemsPane} from '../../source/ui/panes/problemsPane.js';
import type {ProblemRow} from '../../source/model/problems.js';

let cluster: TestCluster;
let session: Session;
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubedeck-problems-gpu-'));

before(async () => {
	if (demoOnly) return;
	cluster = await startTestCluster({scenario: 'demo', speed: 50, seed: 7});
	session = await openSession(cluster.kubeConfig, {allNamespaces: true, discovery: {cacheDir}});
});
after(async () => {
	await session?.close();
	await cluster?.stop();
	fs.rmSync(cacheDir, {recursive: true, force: true});
});

test('the failing GPU node shows in :problems with its XID', {skip: demoOnly}, async () => {
	const pane = createProblemsPane();
	const store = pane.store!(session, true);
	const off = store.subscribe(() => {});
	try {
		const row = await waitFor('the failing node with its XID', () => (store.snapshot().rows as readonly ProblemRow[]).find((r) => r.kind === 'Node' && r.name === 'gpu-h100-2' && /XID 79/.test(r.reason)));
		assert.equal(row.severity, 'error');
		assert.match(row.reason, /^GPU 3: XID 79 \(fallen off the bus\)/);
		assert.match(row.reason, /device plugin failing/);
		assert.match(row.reason, /row remap pending/);
		const nodeRows = (store.snapshot().rows as readonly ProblemRow[]).filter((r) => r.kind === 'Node' && r.name === 'gpu-h100-2');
		assert.equal(nodeRows.length, 1, 'one row per node');
	} finally {
		off();
	}
});
