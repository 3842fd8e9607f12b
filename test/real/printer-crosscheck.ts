// Runs a printer cross-check against a real kube-apiserver: create the sample objects in a
// fresh namespace, read each kind's Table back (includeObject=Object), and require the
// simulator's printer to give the same columns and, for every row, the same cells. Shared by
// sim-kinds-crosscheck and sim-storage-crosscheck; each skips (one reported skip) without
// KUBEDECK_TEST_KUBECONFIG.
import {after, before, describe, it, test} from 'node:test';
import assert from 'node:assert/strict';
import {KubeConfig} from '@kubernetes/client-node';
import {printers} from '../../source/sim/server/printers/index.js';
import {apiJson, rawRequest, TABLE_ACCEPT} from './real-api.js';
import type {Json, TableResponse} from './pod-corpus.js';

export interface Sample {
	kind: string;
	/** Collection path (namespaced ones under the corpus namespace). */
	path: string;
	objects: Json[];
	/** List query narrowing to our objects (the default is the label selector). */
	query?: string;
	/** Objects a controller makes: wait until the list has some. */
	made?: boolean;
}

export interface Crosscheck {
	title: string;
	namespace: string;
	labels: Record<string, string>;
	/** The default list query: our objects' label selector. */
	selector: string;
	samples: Sample[];
	/** Cluster-scoped objects to delete afterwards (the namespace goes too). */
	cleanup: string[];
}

export function crosscheckPrinters({title, namespace: ns, labels, selector, samples, cleanup}: Crosscheck): void {
	const kubeconfigPath = process.env.KUBEDECK_TEST_KUBECONFIG;
	const skipReason = kubeconfigPath ? undefined : (process.env.KUBEDECK_REAL_SKIP_REASON ?? 'needs a real cluster: KUBEDECK_TEST_KUBECONFIG is unset (run npm run test:real)');
	if (skipReason) {
		console.error(`\n*** ${skipReason} ***\n`);
		test(`${title} against a real apiserver`, {skip: skipReason}, () => {});
		return;
	}
	describe(`${title}: as the real apiserver prints them`, () => {
		const kc = new KubeConfig();
		const tables = new Map<string, {table: TableResponse; before: number; after: number}>();

		before(async () => {
			kc.loadFromFile(kubeconfigPath!);
			await apiJson(kc, 'POST', '/api/v1/namespaces', {body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name: ns, labels}}});
			for (const s of samples) {
				const apiVersion = s.path.startsWith('/api/') ? 'v1' : s.path.split('/').slice(2, 4).join('/');
				for (const body of s.objects) await apiJson(kc, 'POST', s.path, {body: {apiVersion, kind: s.kind, ...body}});
			}
			const deadline = Date.now() + 20_000;
			for (const s of samples) {
				for (;;) {
					const started = Date.now();
					const table = await apiJson<TableResponse>(kc, 'GET', `${s.path}?${s.query ?? selector}&includeObject=Object`, {accept: TABLE_ACCEPT});
					tables.set(s.kind, {table, before: started, after: Date.now()});
					if (!s.made || table.rows.length > 0 || Date.now() > deadline) break;
					await new Promise((r) => setTimeout(r, 200));
				}
			}
		});

		after(async () => {
			await rawRequest(kc, 'DELETE', `/api/v1/namespaces/${ns}`).catch(() => undefined);
			for (const path of cleanup) await rawRequest(kc, 'DELETE', path).catch(() => undefined);
		});

		for (const s of samples) {
			it(`${s.kind}: the same columns and, for each object the real server printed, the same cells`, () => {
				const read = tables.get(s.kind);
				const printer = printers[s.kind];
				assert.ok(read && printer, `a table and a printer for ${s.kind}`);
				const shape = (columns: TableResponse['columnDefinitions']) => columns.map((c) => `${c.name}:${c.type}:${c.format}:${c.priority}`);
				assert.deepEqual(shape(printer.columns), shape(read.table.columnDefinitions));
				// Controllers may add objects that carry our labels (EndpointSlices copy their Service's): all are compared.
				const printed = read.table.rows.map((r) => r.object.metadata.name);
				for (const body of s.objects) assert.ok(printed.includes((body.metadata as {name: string}).name), `${s.kind} ${(body.metadata as {name: string}).name} printed`);
				assert.ok(printed.length > 0, `rows for ${s.kind}`);
				for (const row of read.table.rows) {
					const early = printer.cells(row.object, read.before);
					const late = printer.cells(row.object, read.after);
					assert.deepEqual(JSON.stringify(early) === JSON.stringify(row.cells) ? early : late, row.cells, `${s.kind} ${row.object.metadata.name}`);
				}
			});
		}
	});
}
