// The simulator's Pod Table against the real kube-apiserver's, for the pod-corpus states and more.
// Two checks per pod: (1) the simulator's printer, fed the exact object the real server printed
// (the Table row's includeObject=Object), prints all nine cells the real server printed; (2) the
// same pod put on the simulator through its API (create, status subresource, delete) comes out of
// the simulator's Table with the same READY, STATUS, RESTARTS and wide cells. Runs only under
// `npm run test:real` (KUBEDECK_TEST_KUBECONFIG).
import {after, before, describe, it, test} from 'node:test';
import assert from 'node:assert/strict';
import {KubeConfig} from '@kubernetes/client-node';
import {printers} from '../../source/sim/server/printers/index.js';
import {startSim, type Sim} from '../../source/sim/index.js';
import {corpus, corpusPlace, createCorpus, printerCorpus, readCorpusTable, removeCorpus, type TableResponse} from './pod-corpus.js';

const kubeconfigPath = process.env.KUBEDECK_TEST_KUBECONFIG;
const skipReason = kubeconfigPath ? undefined : (process.env.KUBEDECK_REAL_SKIP_REASON ?? 'needs a real cluster: KUBEDECK_TEST_KUBECONFIG is unset (run npm run test:real)');

const cases = [...corpus, ...printerCorpus];
// One place for both clusters, so the Node cell (the corpus node's name) matches too.
const place = corpusPlace('kd-simprint');
const AGE = 4;

const rowOf = (table: TableResponse | undefined, name: string) => table?.rows.find((r) => r.cells[0] === name);

if (skipReason) {
	console.error(`\n*** ${skipReason} ***\n`);
	test('the simulator\'s pod Table cross-check against a real apiserver', {skip: skipReason}, () => {});
} else describe('the simulator prints pods as the real apiserver does', () => {
	const kc = new KubeConfig();
	const simKc = new KubeConfig();
	let sim: Sim | undefined;
	let real: {table: TableResponse; before: number; after: number} | undefined;
	let simulated: TableResponse | undefined;

	before(async () => {
		kc.loadFromFile(kubeconfigPath!);
		await createCorpus(kc, place, cases, {node: true});
		real = await readCorpusTable(kc, place, 'Object');
		// Lifecycle at real speed: nothing of the world's may race the written statuses. The
		// simulator gets no Node for the corpus: a pod bound to a missing node has no kubelet.
		sim = await startSim({scenario: 'empty', speed: 1, seed: 1});
		simKc.loadFromFile(sim.kubeconfigPath);
		await createCorpus(simKc, place, cases, {node: false});
		simulated = (await readCorpusTable(simKc, place, 'None')).table;
	});

	after(async () => {
		await removeCorpus(kc, place, cases, {node: true});
		await sim?.close();
	});

	it('the same Pod columns: names, types, formats and priorities', () => {
		const shape = (columns: TableResponse['columnDefinitions']) => columns.map((c) => `${c.name}:${c.type}:${c.format}:${c.priority}`);
		assert.deepEqual(shape(printers.Pod!.columns), shape(real!.table.columnDefinitions));
		assert.deepEqual(shape(simulated!.columnDefinitions), shape(real!.table.columnDefinitions));
	});

	for (const c of cases) {
		it(`${c.name}: the sim printer, given the real server's object, prints its whole row (${c.serverStatus})`, () => {
			const row = rowOf(real?.table, c.name);
			assert.ok(row, `no real table row for ${c.name}`);
			assert.equal(row.cells[2], c.serverStatus, `corpus entry ${c.name} did not produce the state it is meant to test`);
			// The server printed between before and after; a cell that ticks over in that window may match either end.
			const early = printers.Pod!.cells(row.object, real!.before);
			const late = printers.Pod!.cells(row.object, real!.after);
			assert.deepEqual(JSON.stringify(early) === JSON.stringify(row.cells) ? early : late, row.cells);
		});

		it(`${c.name}: the simulator, given the same pod through its API, prints the same cells but AGE`, () => {
			const realRow = rowOf(real?.table, c.name);
			const simRow = rowOf(simulated, c.name);
			assert.ok(realRow && simRow, `rows for ${c.name}: real ${Boolean(realRow)}, simulator ${Boolean(simRow)}`);
			const withoutAge = (cells: unknown[]) => cells.filter((_, i) => i !== AGE);
			assert.deepEqual(withoutAge(simRow.cells), withoutAge(realRow.cells));
		});
	}
});
