// The simulator's printers for Secret, Ingress, PVC, PV and CronJob, and for custom resources
// (additionalPrinterColumns through the JSONPath subset): the rules kubernetes' printers and
// the apiextensions table convertor apply, case by case.
// test/real/sim-storage-crosscheck.test.ts checks the built-in ones against a real kube-apiserver.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {printerFor, printers} from '../../source/sim/server/printers/index.js';
import {evaluateJsonPath, parseJsonPath} from '../../source/sim/server/printers/jsonpath.js';
import {customPrinter} from '../../source/sim/server/printers/custom.js';
import {resourceTypes} from '../../source/sim/server/resources.js';
import type {KubeObject} from '../../source/model/types.js';

const NOW = Date.parse('2026-03-01T08:00:00Z');
const at = (msAgo: number) => new Date(NOW - msAgo).toISOString().replace('.000Z', 'Z');
const obj = (body: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject => ({metadata: {name: 'x', uid: 'u', creationTimestamp: at(3_600_000), ...metadata}, ...body}) as KubeObject;
const cells = (kind: string, o: KubeObject) => printers[kind]!.cells(o, NOW);

test('Secret: type and key count, never a value', () => {
	const row = cells('Secret', obj({type: 'kubernetes.io/tls', data: {'tls.crt': 'Y2VydA==', 'tls.key': 'a2V5'}}));
	assert.deepEqual(row, ['x', 'kubernetes.io/tls', 2, '60m']);
	assert.ok(!JSON.stringify(row).includes('a2V5'));
});

test('Ingress: class, hosts (three, then "+ N more..." counting rules), sorted addresses, TLS ports', () => {
	const table: Array<[Record<string, unknown>, string[]]> = [
		[{spec: {rules: [{}]}}, ['<none>', '*', '', '80']],
		[{spec: {ingressClassName: 'nginx', rules: [{host: 'a'}, {}, {host: 'b'}], tls: [{}]}, status: {loadBalancer: {ingress: [{ip: '10.0.0.9'}, {hostname: 'lb.example'}, {ip: '10.0.0.1'}]}}}, ['nginx', 'a,b', '10.0.0.1,10.0.0.9,lb.example', '80, 443']],
		[{spec: {rules: [{}, {host: 'a'}, {host: 'b'}, {host: 'c'}, {host: 'd'}]}}, ['<none>', 'a,b,c + 2 more...', '', '80']],
		[{spec: {rules: [{host: 'a'}, {host: 'b'}, {host: 'c'}]}}, ['<none>', 'a,b,c', '', '80']],
	];
	for (const [body, expected] of table) assert.deepEqual(cells('Ingress', obj(body)).slice(1, 5), expected, JSON.stringify(body));
});

test('PersistentVolumeClaim: capacity and modes only once bound; beta class annotation wins; Terminating', () => {
	assert.deepEqual(cells('PersistentVolumeClaim', obj({spec: {storageClassName: 'fast', resources: {requests: {storage: '1Gi'}}}, status: {phase: 'Pending'}})), ['x', 'Pending', '', '', '', 'fast', '<unset>', '60m', '<unset>']);
	const bound = obj({spec: {volumeName: 'pv-1', storageClassName: 'fast', volumeMode: 'Filesystem'}, status: {phase: 'Bound', capacity: {storage: '10Gi'}, accessModes: ['ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOnce']}}, {annotations: {'volume.beta.kubernetes.io/storage-class': 'old'}, deletionTimestamp: at(0)});
	assert.deepEqual(cells('PersistentVolumeClaim', bound), ['x', 'Terminating', 'pv-1', '10Gi', 'RWO,RWX', 'old', '<unset>', '60m', 'Filesystem']);
});

test('PersistentVolume: capacity, modes, policy, claim namespace/name, reason', () => {
	const pv = obj({spec: {capacity: {storage: '100Gi'}, accessModes: ['ReadOnlyMany'], persistentVolumeReclaimPolicy: 'Delete', claimRef: {namespace: 'ml', name: 'data'}, storageClassName: 'nfs', volumeMode: 'Block'}, status: {phase: 'Released', reason: 'Gone'}});
	assert.deepEqual(cells('PersistentVolume', pv), ['x', '100Gi', 'ROX', 'Delete', 'Released', 'ml/data', 'nfs', '<unset>', 'Gone', '60m', 'Block']);
	assert.deepEqual(cells('PersistentVolume', obj({spec: {}, status: {}})).slice(1, 6), ['0', '', '', '', '']);
});

test('CronJob: schedule, time zone, suspend as True/False/<unset>, active count, last schedule, template containers', () => {
	const cj = obj({spec: {schedule: '0 3 * * *', timeZone: 'Etc/UTC', suspend: false, jobTemplate: {spec: {template: {spec: {containers: [{name: 'a', image: 'i:1'}]}}}}}, status: {active: [{}, {}], lastScheduleTime: at(5 * 60_000)}});
	assert.deepEqual(cells('CronJob', cj), ['x', '0 3 * * *', 'Etc/UTC', 'False', 2, '5m', '60m', 'a', 'i:1', '<none>']);
	assert.deepEqual(cells('CronJob', obj({spec: {schedule: '@daily'}})).slice(2, 6), ['<none>', '<unset>', 0, '<none>']);
});

test('JSONPath subset: fields, quoted fields, indexes, wildcards and filters', () => {
	const doc = {metadata: {labels: {'app.kubernetes.io/name': 'w'}}, status: {conditions: [{type: 'A', status: 'False'}, {type: 'Ready', status: 'True', n: 2}], list: [1, 2, 3]}};
	const table: Array<[string, unknown[]]> = [
		['.status.list[0]', [1]],
		['.status.list[-1]', [3]],
		['{.status.list[*]}', [1, 2, 3]],
		[".metadata.labels['app.kubernetes.io/name']", ['w']],
		['.status.conditions[?(@.type=="Ready")].status', ['True']],
		[".status.conditions[?(@.type=='A')].status", ['False']],
		['.status.conditions[?(@.n>1)].type', ['Ready']],
		['.status.missing.deeper', []],
		['status.list[1]', [2]],
	];
	for (const [path, expected] of table) assert.deepEqual(evaluateJsonPath(parseJsonPath(path), doc), expected, path);
});

test('custom resource columns: Name first, typed cells, null where nothing is found, Age when none are defined', () => {
	const printer = customPrinter([
		{name: 'Count', type: 'integer', jsonPath: '.spec.count'},
		{name: 'Ratio', type: 'number', jsonPath: '.spec.ratio'},
		{name: 'On', type: 'boolean', jsonPath: '.spec.on'},
		{name: 'Spec', type: 'string', jsonPath: '.spec.nested'},
		{name: 'Seen', type: 'date', jsonPath: '.status.seen'},
		{name: 'Missing', type: 'string', jsonPath: '.status.nope', priority: 1},
	]);
	assert.deepEqual(printer.columns.map(c => `${c.name}:${c.type}:${c.format}:${c.priority}`), ['Name:string:name:0', 'Count:integer::0', 'Ratio:number::0', 'On:boolean::0', 'Spec:string::0', 'Seen:date::0', 'Missing:string::1']);
	const o = obj({spec: {count: 2.7, ratio: 0.5, on: true, nested: {b: 1, a: [2]}}, status: {seen: at(90_000)}});
	assert.deepEqual(printer.cells(o, NOW), ['x', 2, 0.5, true, '{"a":[2],"b":1}', '90s', null]);
	assert.deepEqual(customPrinter([]).columns.map(c => c.name), ['Name', 'Age']);
});

test('a custom kind named like a built-in one prints its own columns, not the built-in printer', () => {
	const volcanoJob = {...resourceTypes.find(t => t.kind === 'Job')!, group: 'batch.volcano.sh', version: 'v1alpha1', custom: {definition: 'jobs.batch.volcano.sh', columns: [{name: 'Status', type: 'string', jsonPath: '.status.state.phase'}]}};
	assert.deepEqual(printerFor(volcanoJob).columns.map(c => c.name), ['Name', 'Status']);
});
