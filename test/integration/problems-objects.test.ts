// :problems over the simulator's demo reads statefulsets, jobs and PVCs (discovered kinds,
// watched as objects once discovery lists them): payments/postgres with a replica not ready,
// staging/search-reindex failed past its deadline and ml-training/checkpoints-llama-70b Pending
// each appear with their reason, Enter opens each kind's own pane with the object selected, and
// `kubectl get sts,pvc,jobs -A` prints the same states from the same server.
import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {execFile, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {demoOnly, startTestCluster, type TestCluster} from './cluster.js';
import {waitFor} from './sim-helpers.js';
import {openSession, type Session} from '../../source/kube/session.js';
import {createProblemsPane} from '../../source/ui/panes/problemsPane.js';
import type {ProblemRow} from '../../source/model/problems.js';

const probe = spawnSync('kubectl', ['version', '--client'], {encoding: 'utf8'});
const missing = probe.error ? `kubectl is not installed (${probe.error.message})` : undefined;

describe(':problems lists statefulsets, jobs and PVCs (simulator demo)', {skip: demoOnly}, () => {
	let cluster: TestCluster;
	let session: Session;
	let cacheDir: string;

	before(async () => {
		cluster = await startTestCluster({scenario: 'demo'});
		cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubedeck-problems-'));
		session = await openSession(cluster.kubeConfig, {allNamespaces: true, discovery: {cacheDir}});
	});
	after(async () => {
		await session?.close();
		await cluster?.stop();
		fs.rmSync(cacheDir, {recursive: true, force: true});
	});

	it('each appears with its reason, and Enter opens its own pane with it selected', async () => {
		const pane = createProblemsPane({frameMs: 5});
		const store = pane.store!(session, true);
		const off = store.subscribe(() => {});
		try {
			const find = (rows: readonly ProblemRow[], kind: string, name: string) => rows.find(r => r.kind === kind && r.name === name);
			const rows = await waitFor('the three kinds in :problems', () => {
				const now = store.snapshot().rows as readonly ProblemRow[];
				const sts = find(now, 'StatefulSet', 'postgres');
				return sts?.reason.startsWith('1 of 3 not ready') && find(now, 'Job', 'search-reindex') && find(now, 'PersistentVolumeClaim', 'checkpoints-llama-70b') ? now : undefined;
			});
			const sts = find(rows, 'StatefulSet', 'postgres')!;
			assert.equal(sts.namespace, 'payments');
			assert.equal(sts.severity, 'warn');
			const job = find(rows, 'Job', 'search-reindex')!;
			assert.equal(job.reason, 'failed: DeadlineExceeded: Job was active longer than specified deadline');
			assert.equal(job.severity, 'error');
			assert.ok(job.since !== undefined && Date.now() - job.since > 60 * 60_000, 'failed about two hours ago');
			const pvc = find(rows, 'PersistentVolumeClaim', 'checkpoints-llama-70b')!;
			assert.equal(pvc.reason, 'Pending (storage class gp3)');
			assert.ok(pvc.since !== undefined && Date.now() - pvc.since > 30 * 60_000, 'pending since its creation, 40 minutes ago');
			assert.equal(find(rows, 'StatefulSet', 'shop-redis-master'), undefined, 'the healthy set is no problem');
			assert.equal(find(rows, 'Job', 'data-prep-20261127'), undefined, 'a completed job is no problem');

			const panes = new Map([[sts, 'statefulsets.apps'], [job, 'jobs.batch'], [pvc, 'persistentvolumeclaims.']] as const);
			for (const [row, id] of panes) {
				const enter = pane.enter?.(row);
				assert.ok(enter?.type === 'drill', `Enter on ${row.kind}`);
				assert.equal(enter.target.pane, id);
				assert.equal(enter.target.select, row.uid);
				assert.ok(session.discoveredResource(id as `${string}.${string}`), `${id} is a pane discovery made`);
				assert.deepEqual(pane.objectOf?.(row), {kind: row.kind, resource: id}, 'd and y read the object itself');
			}
		} finally {
			off();
		}
	});

	it('kubectl agrees: postgres 2/3 ready, the reindex Failed, the claim Pending', {skip: missing}, async () => {
		const kubectl = (...args: string[]) => new Promise<string>((resolve, reject) => {
			execFile('kubectl', ['--kubeconfig', cluster.kubeconfigPath, ...args], {timeout: 60_000}, (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(stdout)));
		});
		const rows = await waitFor('postgres at 2/3 in kubectl', async () => {
			const out = await kubectl('get', 'sts,pvc,jobs', '-A', '--no-headers');
			return /statefulset\.apps\/postgres +2\/3 /.test(out) ? out : undefined;
		});
		assert.match(rows, /statefulset\.apps\/shop-redis-master +1\/1 /);
		assert.match(rows, /persistentvolumeclaim\/checkpoints-llama-70b +Pending /);
		assert.match(rows, /job\.batch\/search-reindex +Failed +0\/1 /);
	});
});
