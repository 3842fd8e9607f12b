import {test} from 'node:test';
import assert from 'node:assert/strict';
import {containerRows, containerColumns} from '../../source/model/containers.js';
import {formatBytes as formatted} from '../../source/model/quantity.js';
import type {KubeObject} from '../../source/model/types.js';

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);

function pod(spec: Record<string, unknown>, status: Record<string, unknown>): KubeObject {
	return {metadata: {name: 'web-1', namespace: 'shop', uid: 'u1'}, spec, status};
}

const cell = (id: string, row: Parameters<(typeof containerColumns)[number]['cell']>[0]) => containerColumns.find((c) => c.id === id)!.cell(row, NOW);

test('state text per container status', () => {
	const cases: Array<{name: string; status: Record<string, unknown> | undefined; state: string; severity: string; age: string}> = [
		{name: 'running', status: {ready: true, restartCount: 0, state: {running: {startedAt: '2026-11-27T11:55:00Z'}}}, state: 'Running', severity: 'ok', age: '5m'},
		{name: 'crashloop', status: {ready: false, restartCount: 7, state: {waiting: {reason: 'CrashLoopBackOff'}}}, state: 'Waiting: CrashLoopBackOff', severity: 'error', age: '-'},
		{name: 'creating', status: {ready: false, state: {waiting: {reason: 'ContainerCreating'}}}, state: 'Waiting: ContainerCreating', severity: 'warn', age: '-'},
		{name: 'oom', status: {ready: false, state: {terminated: {reason: 'OOMKilled', exitCode: 137, startedAt: '2026-11-27T10:00:00Z'}}}, state: 'Terminated: OOMKilled (exit 137)', severity: 'error', age: '120m'},
		{name: 'done', status: {ready: false, state: {terminated: {reason: 'Completed', exitCode: 0}}}, state: 'Terminated: Completed (exit 0)', severity: 'done', age: '-'},
		{name: 'signal', status: {state: {terminated: {signal: 9, exitCode: 0}}}, state: 'Terminated: Signal:9 (exit 0)', severity: 'done', age: '-'},
		{name: 'unreported', status: undefined, state: 'Waiting', severity: 'warn', age: '-'},
		{name: 'notready', status: {ready: false, state: {running: {}}}, state: 'Running', severity: 'warn', age: '-'},
	];
	for (const c of cases) {
		const [row] = containerRows(pod({containers: [{name: 'app', image: 'img'}]}, {containerStatuses: c.status ? [{name: 'app', ...c.status}] : []}));
		assert.equal(row!.state, c.state, c.name);
		assert.equal(row!.severity, c.severity, c.name);
		assert.equal(cell('age', row!), c.age, c.name);
	}
});

test('types, order, readiness, restarts, ports and resources', () => {
	const rows = containerRows(
		pod(
			{
				initContainers: [
					{name: 'migrate', image: 'db:1'},
					{name: 'proxy', image: 'envoy:1', restartPolicy: 'Always', ports: [{containerPort: 15001, name: 'admin'}]},
				],
				containers: [
					{
						name: 'app',
						image: 'web:2',
						ports: [{containerPort: 8080}, {containerPort: 53, protocol: 'UDP'}],
						resources: {requests: {cpu: '250m', memory: '128Mi'}, limits: {cpu: '1', memory: '1Gi'}},
					},
				],
			},
			{
				initContainerStatuses: [
					{name: 'migrate', ready: false, restartCount: 0, state: {terminated: {reason: 'Completed', exitCode: 0}}},
					{name: 'proxy', ready: true, restartCount: 1, state: {running: {startedAt: '2026-11-27T11:00:00Z'}}},
				],
				containerStatuses: [{name: 'app', ready: true, restartCount: 3, state: {running: {startedAt: '2026-11-27T11:59:30Z'}}}],
			},
		),
	);
	assert.deepEqual(
		rows.map((r) => [r.name, r.type, r.image, String(r.ready), r.restarts, r.ports]),
		[
			['migrate', 'init', 'db:1', 'false', 0, ''],
			['proxy', 'sidecar', 'envoy:1', 'true', 1, 'admin:15001'],
			['app', 'app', 'web:2', 'true', 3, '8080,53/UDP'],
		],
	);
	const app = rows[2]!;
	assert.equal(app.uid, 'u1/app');
	assert.deepEqual(app.pod, {name: 'web-1', namespace: 'shop', uid: 'u1'});
	assert.equal(app.namespace, 'shop');
	assert.deepEqual(
		['cpuRequest', 'cpuLimit', 'memRequest', 'memLimit'].map((id) => cell(id, app)),
		['250m', '1', formatted(128 * 2 ** 20), formatted(2 ** 30)],
	);
	assert.deepEqual(['cpuRequest', 'memLimit'].map((id) => cell(id, rows[0]!)), ['-', '-']);
	assert.equal(cell('age', app), '30s');
	// Wide-only columns are the resource ones.
	assert.deepEqual(containerColumns.filter((c) => c.wide).map((c) => c.title), ['CPU/R', 'CPU/L', 'MEM/R', 'MEM/L']);
});

test('a pod without containers has no rows', () => {
	assert.deepEqual(containerRows({metadata: {name: 'x', uid: 'u'}}), []);
});
