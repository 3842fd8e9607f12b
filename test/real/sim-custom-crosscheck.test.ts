// The simulator's printing of custom resources (a CRD's additionalPrinterColumns) and of the
// CustomResourceDefinitions themselves, against a real kube-apiserver: the same columns, and
// for each object the real server printed, the same cells. Generic panes show exactly these
// tables, so this is what ':pytorchjobs' or ':crd' shows on both. Runs only under
// `npm run test:real` (KUBEDECK_TEST_KUBECONFIG).
import {after, before, describe, it, test} from 'node:test';
import assert from 'node:assert/strict';
import {KubeConfig} from '@kubernetes/client-node';
import {genericPrinter, printers} from '../../source/sim/server/printers/index.js';
import {customPrinter} from '../../source/sim/server/printers/custom.js';
import type {PrinterColumn} from '../../source/sim/contracts.js';
import {apiJson, rawRequest, TABLE_ACCEPT} from './real-api.js';
import {corpusPlace, type TableResponse} from './pod-corpus.js';

const place = corpusPlace('kd-custom');
const group = `g${place.suffix.replace(/[^a-z0-9]/g, '')}.crosscheck.kubedeck.io`;
const crdName = `gadgets.${group}`;
const columns: PrinterColumn[] = [
	{name: 'Size', type: 'integer', jsonPath: '.spec.size'},
	{name: 'Ratio', type: 'number', jsonPath: '.spec.ratio'},
	{name: 'On', type: 'boolean', jsonPath: '.spec.on'},
	{name: 'Phase', type: 'string', jsonPath: '.status.phase'},
	{name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status'},
	{name: 'Note', type: 'string', jsonPath: '.spec.note', priority: 1},
	{name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp'},
];
const definition = {
	apiVersion: 'apiextensions.k8s.io/v1',
	kind: 'CustomResourceDefinition',
	metadata: {name: crdName, labels: {'kubedeck.io/crosscheck': place.suffix}},
	spec: {
		group,
		scope: 'Namespaced',
		names: {plural: 'gadgets', singular: 'gadget', kind: 'Gadget'},
		versions: [{
			name: 'v1', served: true, storage: true, additionalPrinterColumns: columns,
			schema: {openAPIV3Schema: {type: 'object', properties: {
				spec: {type: 'object', properties: {size: {type: 'integer'}, ratio: {type: 'number'}, on: {type: 'boolean'}, note: {type: 'string'}}},
				status: {type: 'object', 'x-kubernetes-preserve-unknown-fields': true},
			}}},
		}],
	},
};
const objects = [
	{metadata: {name: 'full'}, spec: {size: 3, ratio: 0.25, on: true, note: 'a note'}, status: {phase: 'Running', conditions: [{type: 'Other', status: 'False'}, {type: 'Ready', status: 'True'}]}},
	{metadata: {name: 'bare'}, spec: {}},
];

const kubeconfigPath = process.env.KUBEDECK_TEST_KUBECONFIG;
const skipReason = kubeconfigPath ? undefined : (process.env.KUBEDECK_REAL_SKIP_REASON ?? 'needs a real cluster: KUBEDECK_TEST_KUBECONFIG is unset (run npm run test:real)');

const shape = (cs: TableResponse['columnDefinitions']) => cs.map((c) => `${c.name}:${c.type}:${c.format}:${c.priority}`);

if (skipReason) {
	test('custom resources and CRDs as the real apiserver prints them', {skip: skipReason}, () => {});
} else {
	describe('custom resources and CRDs: as the real apiserver prints them', () => {
		const kc = new KubeConfig();
		let gadgets: {table: TableResponse; before: number; after: number};
		let crds: TableResponse;
		const collection = `/apis/${group}/v1/namespaces/${place.namespace}/gadgets`;

		before(async () => {
			kc.loadFromFile(kubeconfigPath!);
			await apiJson(kc, 'POST', '/api/v1/namespaces', {body: {apiVersion: 'v1', kind: 'Namespace', metadata: {name: place.namespace}}});
			await apiJson(kc, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {body: definition});
			// The real server serves a new CRD once it is Established.
			const deadline = Date.now() + 30_000;
			while ((await rawRequest(kc, 'GET', collection)).status !== 200) {
				if (Date.now() > deadline) throw new Error(`${crdName} was never served`);
				await new Promise((r) => setTimeout(r, 200));
			}
			for (const body of objects) await apiJson(kc, 'POST', collection, {body: {apiVersion: `${group}/v1`, kind: 'Gadget', ...body}});
			const started = Date.now();
			const table = await apiJson<TableResponse>(kc, 'GET', `${collection}?includeObject=Object`, {accept: TABLE_ACCEPT});
			gadgets = {table, before: started, after: Date.now()};
			crds = await apiJson<TableResponse>(kc, 'GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions?labelSelector=${encodeURIComponent(`kubedeck.io/crosscheck=${place.suffix}`)}&includeObject=Object`, {accept: TABLE_ACCEPT});
		});

		after(async () => {
			await rawRequest(kc, 'DELETE', `/api/v1/namespaces/${place.namespace}`).catch(() => undefined);
			await rawRequest(kc, 'DELETE', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crdName}`).catch(() => undefined);
		});

		it('a custom resource: Name, then the additionalPrinterColumns, typed cells equal', () => {
			const printer = customPrinter(columns);
			assert.deepEqual(shape(printer.columns), shape(gadgets.table.columnDefinitions));
			assert.deepEqual(gadgets.table.rows.map((r) => r.object.metadata.name).sort(), ['bare', 'full']);
			for (const row of gadgets.table.rows) {
				const early = printer.cells(row.object, gadgets.before);
				const late = printer.cells(row.object, gadgets.after);
				assert.deepEqual(JSON.stringify(early) === JSON.stringify(row.cells) ? early : late, row.cells, row.object.metadata.name);
			}
		});

		it('CustomResourceDefinition: the same columns and cells (what :crd shows)', () => {
			const printer = printers['CustomResourceDefinition'] ?? genericPrinter;
			assert.deepEqual(shape(printer.columns), shape(crds.columnDefinitions));
			assert.equal(crds.rows.length, 1);
			for (const row of crds.rows) assert.deepEqual(printer.cells(row.object, Date.now()), row.cells, row.object.metadata.name);
		});
	});
}
