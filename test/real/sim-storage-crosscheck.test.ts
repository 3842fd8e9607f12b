// The simulator's printers for Secret, Ingress, PersistentVolumeClaim, PersistentVolume and
// CronJob, fed objects a real kube-apiserver stored and printed (as sim-kinds-crosscheck does for
// the older kinds): the column definitions and every row's cells must match.
// Runs only under `npm run test:real` (KUBEDECK_TEST_KUBECONFIG).
import {after, before, describe, it, test} from 'node:test';
import assert from 'node:assert/strict';
import {KubeConfig} from '@kubernetes/client-node';
import {printers} from '../../source/sim/server/printers/index.js';
import {apiJson, rawRequest, TABLE_ACCEPT} from './real-api.js';
import {corpusPlace, type Json, type TableResponse} from './pod-corpus.js';

const kubeconfigPath = process.env.KUBEDECK_TEST_KUBECONFIG;
const skipReason = kubeconfigPath ? undefined : (process.env.KUBEDECK_REAL_SKIP_REASON ?? 'needs a real cluster: KUBEDECK_TEST_KUBECONFIG is unset (run npm run test:real)');

const place = corpusPlace('kd-simstore');
const ns = place.namespace;
const labels = {'kubedeck.io/crosscheck': place.suffix};
const selector = `labelSelector=${encodeURIComponent(`kubedeck.io/crosscheck=${place.suffix}`)}`;
const pvName = `kd-simstore-${place.suffix}`;

const jobTemplate = (app: string, extra: Json = {}): Json => ({
	metadata: {labels: {app}},
	spec: {containers: [{name: 'web', image: 'example/web:1'}, {name: 'log', image: 'example/log:2'}], ...extra},
});

interface Sample {
	kind: string;
	/** Collection path (namespaced ones under the corpus namespace). */
	path: string;
	objects: Json[];
	/** List query narrowing to our objects (the default is the label selector). */
	query?: string;
	/** Objects a controller makes: wait until the list has some. */
	made?: boolean;
}

const samples: Sample[] = [
	{
		kind: 'Secret', path: `/api/v1/namespaces/${ns}/secrets`,
		objects: [
			{metadata: {name: 'creds', labels}, data: {user: 'dXNlcg==', password: 'cGFzcw=='}},
			{metadata: {name: 'tls', labels}, type: 'kubernetes.io/tls', data: {'tls.crt': 'Y2VydA==', 'tls.key': 'a2V5'}},
			{metadata: {name: 'empty', labels}},
		],
	},
	{
		kind: 'Ingress', path: `/apis/networking.k8s.io/v1/namespaces/${ns}/ingresses`,
		objects: [
			{metadata: {name: 'plain', labels}, spec: {defaultBackend: {service: {name: 'web', port: {number: 80}}}}},
			{metadata: {name: 'hosts', labels}, spec: {ingressClassName: 'nginx', tls: [{hosts: ['a.example']}], rules: [{host: 'a.example'}, {http: {paths: [{path: '/', pathType: 'Prefix', backend: {service: {name: 'web', port: {number: 80}}}}]}}, {host: 'b.example'}, {host: 'c.example'}, {host: 'd.example'}]}},
		],
	},
	{
		kind: 'PersistentVolumeClaim', path: `/api/v1/namespaces/${ns}/persistentvolumeclaims`,
		objects: [
			{metadata: {name: 'data', labels}, spec: {accessModes: ['ReadWriteOnce'], storageClassName: 'kd-none', resources: {requests: {storage: '1Gi'}}}},
			{metadata: {name: 'legacy', labels, annotations: {'volume.beta.kubernetes.io/storage-class': 'old'}}, spec: {accessModes: ['ReadWriteMany', 'ReadOnlyMany'], volumeMode: 'Block', resources: {requests: {storage: '5Gi'}}}},
		],
	},
	{
		kind: 'PersistentVolume', path: '/api/v1/persistentvolumes',
		objects: [{metadata: {name: pvName, labels}, spec: {capacity: {storage: '10Gi'}, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'kd-none', claimRef: {namespace: ns, name: 'elsewhere'}, hostPath: {path: '/tmp/kd'}}}],
	},
	{
		kind: 'CronJob', path: `/apis/batch/v1/namespaces/${ns}/cronjobs`,
		objects: [
			{metadata: {name: 'nightly', labels}, spec: {schedule: '0 3 * * *', timeZone: 'Etc/UTC', suspend: true, jobTemplate: {spec: {template: jobTemplate('nightly', {restartPolicy: 'Never'})}}}},
			{metadata: {name: 'plain', labels}, spec: {schedule: '*/5 * * * *', suspend: true, jobTemplate: {spec: {template: jobTemplate('plain', {restartPolicy: 'OnFailure'})}}}},
		],
	},
];

if (skipReason) {
	console.error(`\n*** ${skipReason} ***\n`);
	test('the simulator\'s Secret, Ingress, PVC, PV and CronJob printers against a real apiserver', {skip: skipReason}, () => {});
} else describe('the simulator prints secrets, ingresses, volumes, claims and cron jobs as the real apiserver does', () => {
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
		await rawRequest(kc, 'DELETE', `/api/v1/persistentvolumes/${pvName}`).catch(() => undefined);
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
