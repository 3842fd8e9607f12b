// READY, STATUS and RESTARTS: kubedeck's podStatus() against the real
// kube-apiserver's own printer (the server-side Table, the same code kubectl
// uses). Each corpus pod is created on a node no kubelet manages, its status is
// written through the status subresource, and the server's cells are compared
// with ours. Runs only under `npm run test:real` (KUBEDECK_TEST_KUBECONFIG).
import {after, before, describe, it, test} from 'node:test';
import assert from 'node:assert/strict';
import {KubeConfig} from '@kubernetes/client-node';
import {podStatus} from '../../source/model/pods.js';
import {formatAge} from '../../source/model/age.js';
import type {KubeObject} from '../../source/model/types.js';
import {corpus as statusCorpus, printerCorpus, corpusPlace, createCorpus, listCorpus, readCorpusTable, removeCorpus, type TableResponse} from './pod-corpus.js';

const kubeconfigPath = process.env.KUBEDECK_TEST_KUBECONFIG;
const skipReason = kubeconfigPath ? undefined : (process.env.KUBEDECK_REAL_SKIP_REASON ?? 'needs a real cluster: KUBEDECK_TEST_KUBECONFIG is unset (run npm run test:real)');

const place = corpusPlace('kd-xcheck');
// Every state either printer was checked on: kubedeck must print them all as the server does.
const corpus = [...statusCorpus, ...printerCorpus];

if (skipReason) {
	// One reported skip (not a silent zero) so a run without a real cluster never reads as a pass.
	console.error(`\n*** ${skipReason} ***\n`);
	test('pod READY/STATUS/RESTARTS cross-check against a real apiserver', {skip: skipReason}, () => {});
} else describe('pod READY/STATUS/RESTARTS equal the real apiserver\'s Table cells', () => {
	const kc = new KubeConfig();
	const pods = new Map<string, KubeObject>();
	let table: TableResponse | undefined;
	let tableAt = 0;

	before(async () => {
		kc.loadFromFile(kubeconfigPath!);
		await createCorpus(kc, place, corpus, {node: true});
		({table, after: tableAt} = await readCorpusTable(kc, place, 'None'));
		for (const [name, pod] of await listCorpus(kc, place)) pods.set(name, pod);
	});

	after(async () => {
		if (kubeconfigPath) await removeCorpus(kc, place, corpus, {node: true});
	});

	it('the server table has READY, STATUS and RESTARTS columns and one row per corpus pod', () => {
		assert.ok(table);
		const names = table.columnDefinitions.map((c) => c.name);
		assert.deepEqual(names.slice(0, 4), ['Name', 'Ready', 'Status', 'Restarts']);
		assert.deepEqual(table.rows.map((r) => r.cells[0]).sort(), corpus.map((c) => c.name).sort());
	});

	for (const c of corpus) {
		it(`${c.name}: server prints ${c.serverStatus}; kubedeck prints the same three cells`, () => {
			const row = table?.rows.find((r) => r.cells[0] === c.name);
			const pod = pods.get(c.name);
			assert.ok(row, `no table row for ${c.name}`);
			assert.ok(pod, `pod ${c.name} not found`);
			const [, serverReady, serverStatus, serverRestarts] = row.cells as string[];
			assert.equal(serverStatus, c.serverStatus, `corpus entry ${c.name} did not produce the state it is meant to test`);
			const ours = podStatus(pod, tableAt);
			const restartsCell = ours.lastRestartAt === undefined || ours.restarts === 0 ? `${ours.restarts}` : `${ours.restarts} (${formatAge(ours.lastRestartAt, tableAt)} ago)`;
			assert.deepEqual({ready: ours.ready, status: ours.status, restarts: restartsCell}, {ready: serverReady, status: serverStatus, restarts: String(serverRestarts)});
		});
	}
});
