// The simulator's printers for the kinds besides Pod, and the helpers they share: ages as
// duration.HumanDuration writes them, label selectors as their String() methods write them,
// and each kind's cells where the API server's printer has a rule worth pinning down.
// test/real/sim-kinds-crosscheck.test.ts checks them against a real kube-apiserver.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {genericPrinter, printers} from '../../source/sim/server/printers/index.js';
import {formatSelector, humanDuration, selectorText} from '../../source/sim/server/printers/format.js';
import type {KubeObject} from '../../source/model/types.js';

const NOW = Date.parse('2026-03-01T08:00:00Z');
const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const at = (msAgo: number) => new Date(NOW - msAgo).toISOString().replace('.000Z', 'Z');

test('HumanDuration: precision drops as durations grow; small skew reads 0s', () => {
	const table: Array<[number, string]> = [
		[-2500, '<invalid>'],
		[-1999, '0s'],
		[0, '0s'],
		[999, '0s'],
		[119 * S, '119s'],
		[120 * S, '2m'],
		[9 * M + 59 * S, '9m59s'],
		[10 * M + 30 * S, '10m'],
		[179 * M, '179m'],
		[3 * H, '3h'],
		[7 * H + 59 * M, '7h59m'],
		[8 * H, '8h'],
		[47 * H, '47h'],
		[2 * D, '2d'],
		[7 * D + 23 * H, '7d23h'],
		[8 * D, '8d'],
		[729 * D, '729d'],
		[730 * D, '2y'],
		[3 * 365 * D + 10 * D, '3y10d'],
		[8 * 365 * D + 40 * D, '8y'],
	];
	for (const [ms, text] of table) assert.equal(humanDuration(ms), text, `${ms}ms`);
});

test('label selectors: requirements by key, set values sorted; empty, missing and broken ones', () => {
	const table: Array<[unknown, string | undefined, string]> = [
		[undefined, '', '<none>'],
		[{}, '', '<none>'],
		[{matchLabels: {b: '2', a: '1'}}, 'a=1,b=2', 'a=1,b=2'],
		[{matchLabels: {app: 'web'}, matchExpressions: [{key: 'tier', operator: 'NotIn', values: ['db', 'cache']}, {key: 'canary', operator: 'DoesNotExist'}, {key: 'gpu', operator: 'Exists'}]}, 'app=web,!canary,gpu,tier notin (cache,db)', 'app=web,!canary,gpu,tier notin (cache,db)'],
		[{matchExpressions: [{key: 'zone', operator: 'In', values: ['b', 'a', 'b']}]}, 'zone in (a,b,b)', 'zone in (a,b,b)'],
		[{matchExpressions: [{key: 'zone', operator: 'In', values: []}]}, undefined, '<error>'],
		[{matchExpressions: [{key: 'zone', operator: 'Exists', values: ['a']}]}, undefined, '<error>'],
		[{matchExpressions: [{key: 'zone', operator: 'Gt', values: ['1']}]}, undefined, '<error>'],
	];
	for (const [selector, text, formatted] of table) {
		assert.equal(selectorText(selector), text, JSON.stringify(selector));
		assert.equal(formatSelector(selector), formatted, JSON.stringify(selector));
	}
});

const object = (fields: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject => ({metadata: {name: 'x', uid: 'u', creationTimestamp: at(2 * H), ...meta}, ...fields});
const cells = (kind: string, o: KubeObject) => printers[kind]!.cells(o, NOW);
const template = {spec: {containers: [{name: 'web', image: 'web:1'}, {name: 'log', image: 'log:2'}]}};

test('workloads: counts as numbers, the Deployment selector printed bare, the rest as <none>/<error>', () => {
	assert.deepEqual(cells('Deployment', object({spec: {replicas: 3, template}, status: {readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2}})), ['x', '2/3', 3, 2, '120m', 'web,log', 'web:1,log:2', '']);
	assert.deepEqual(cells('Deployment', object({spec: {selector: {matchExpressions: [{key: 'a', operator: 'Bogus'}]}}}))[7], '<invalid>');
	assert.deepEqual(cells('ReplicaSet', object({spec: {replicas: 2, template}, status: {replicas: 2, readyReplicas: 1}})), ['x', 2, 2, 1, '120m', 'web,log', 'web:1,log:2', '<none>']);
	assert.deepEqual(cells('StatefulSet', object({spec: {replicas: 3, template}, status: {readyReplicas: 3}})), ['x', '3/3', '120m', 'web,log', 'web:1,log:2']);
	assert.deepEqual(cells('DaemonSet', object({spec: {template: {spec: {nodeSelector: {zone: 'b', gpu: 'true'}}}}}))[6], 'gpu=true,zone=b');
});

test('jobs: the first condition of a type decides; SuccessCriteriaMet; duration to now while running', () => {
	const job = (status: Record<string, unknown>, spec: Record<string, unknown> = {completions: 2}, meta = {}) => cells('Job', object({spec, status}, meta)).slice(1, 4);
	const c = (type: string, status = 'True') => ({type, status});
	assert.deepEqual(job({conditions: [c('SuccessCriteriaMet'), c('Complete')], succeeded: 2, startTime: at(10 * M), completionTime: at(4 * M)}), ['Complete', '2/2', '6m']);
	assert.deepEqual(job({conditions: [c('Failed', 'False'), c('Failed')], startTime: at(90 * S)}), ['Running', '0/2', '90s']);
	assert.deepEqual(job({conditions: [c('SuccessCriteriaMet')]}), ['SuccessCriteriaMet', '0/2', '']);
	assert.deepEqual(job({conditions: [c('Suspended')]}, {parallelism: 3}), ['Suspended', '0/1 of 3', '']);
	assert.deepEqual(job({conditions: [c('Suspended')]}, {}, {deletionTimestamp: at(0)}), ['Terminating', '0/1', '']);
});

test('nodes: Ready or NotReady or Unknown, roles from labels, architecture after the kernel', () => {
	const node = object(
		{spec: {unschedulable: true}, status: {conditions: [{type: 'MemoryPressure', status: 'False'}, {type: 'Ready', status: 'False'}], nodeInfo: {kubeletVersion: 'v1.36.1', kernelVersion: '6.8.0', architecture: 'arm64'}, addresses: [{type: 'InternalIP', address: '10.0.0.4'}]}},
		{labels: {'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/': 'x', 'kubernetes.io/role': 'gpu', 'node-role.kubernetes.io/control-plane': ''}},
	);
	assert.deepEqual(cells('Node', node), ['x', 'NotReady,SchedulingDisabled', 'control-plane,gpu,worker', '120m', 'v1.36.1', '10.0.0.4', '<none>', '<unknown>', '6.8.0 (arm64)', '<unknown>']);
	assert.deepEqual(cells('Node', object({})).slice(1, 5), ['Unknown', '<none>', '120m', '']);
});

test('services: external IPs per type, ports with node ports, first cluster IP', () => {
	const svc = (spec: Record<string, unknown>, status: Record<string, unknown> = {}) => cells('Service', object({spec, status})).slice(1, 5);
	const ports = [{port: 80, protocol: 'TCP', nodePort: 30080}, {port: 53, protocol: 'UDP'}];
	assert.deepEqual(svc({type: 'ClusterIP', clusterIPs: ['10.96.0.10', 'fd00::10'], ports}), ['ClusterIP', '10.96.0.10', '<none>', '80:30080/TCP,53/UDP']);
	assert.deepEqual(svc({type: 'NodePort', clusterIPs: ['10.96.0.11'], externalIPs: ['1.2.3.4', '5.6.7.8']}), ['NodePort', '10.96.0.11', '1.2.3.4,5.6.7.8', '<none>']);
	assert.deepEqual(svc({type: 'LoadBalancer', clusterIPs: ['10.96.0.12'], externalIPs: ['9.9.9.9']}, {loadBalancer: {ingress: [{hostname: 'lb.example.com'}, {ip: '3.3.3.3'}, {ip: '3.3.3.3'}]}}), ['LoadBalancer', '10.96.0.12', '3.3.3.3,lb.example.com,9.9.9.9', '<none>']);
	assert.deepEqual(svc({type: 'LoadBalancer', clusterIPs: ['10.96.0.12']}), ['LoadBalancer', '10.96.0.12', '<pending>', '<none>']);
	assert.deepEqual(svc({type: 'ExternalName', externalName: 'db.example.com'}), ['ExternalName', '<none>', 'db.example.com', '<none>']);
	assert.deepEqual(svc({type: 'Weird'}), ['Weird', '<none>', '<unknown>', '<none>']);
});

test('endpoint slices: a port without a number shows its name or *; three, then a count', () => {
	const slice = object({addressType: 'IPv4', ports: [{port: 80}, {name: 'metrics'}, {}, {port: 9090}], endpoints: [{addresses: ['10.0.0.1', '10.0.0.2']}, {addresses: ['10.0.0.3']}]});
	assert.deepEqual(cells('EndpointSlice', slice), ['x', 'IPv4', '80,metrics,* + 1 more...', '10.0.0.1,10.0.0.2,10.0.0.3', '120m']);
	assert.deepEqual(cells('EndpointSlice', object({addressType: 'IPv6'})).slice(1, 4), ['IPv6', '<unset>', '<unset>']);
});

test('horizontal pod autoscalers: every metric type, two shown then a count, <unset> minimum', () => {
	const hpa = object({
		spec: {
			scaleTargetRef: {kind: 'Deployment', name: 'web'},
			maxReplicas: 10,
			metrics: [
				{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: 80}}},
				{type: 'Resource', resource: {name: 'memory', target: {type: 'AverageValue', averageValue: '100Mi'}}},
				{type: 'Pods', pods: {target: {averageValue: '10'}}},
			],
		},
		status: {currentReplicas: 3, currentMetrics: [{type: 'Resource', resource: {name: 'cpu', current: {averageUtilization: 55}}}]},
	});
	assert.deepEqual(cells('HorizontalPodAutoscaler', hpa), ['x', 'Deployment/web', 'cpu: 55%/80%, memory: <unknown>/100Mi + 1 more...', '<unset>', 10, 3, '120m']);
	const one = (metric: Record<string, unknown>, current?: Record<string, unknown>) => cells('HorizontalPodAutoscaler', object({spec: {minReplicas: 2, metrics: [metric]}, status: {currentMetrics: current ? [current] : []}})).slice(2, 4);
	assert.deepEqual(one({type: 'Resource', resource: {name: 'cpu', target: {}}}), ['cpu: <unknown>/<auto>', '2']);
	assert.deepEqual(one({type: 'Pods', pods: {target: {averageValue: '10'}}}, {type: 'Pods', pods: {current: {averageValue: '7'}}}), ['7/10', '2']);
	assert.deepEqual(one({type: 'Object', object: {target: {value: '1k'}}}), ['<unknown>/1k', '2']);
	assert.deepEqual(one({type: 'External', external: {target: {averageValue: '30'}}}, {type: 'External', external: {current: {averageValue: '12'}}}), ['12/30 (avg)', '2']);
	assert.deepEqual(one({type: 'ContainerResource', containerResource: {name: 'cpu', container: 'web', target: {averageUtilization: 60}}}, {type: 'ContainerResource', containerResource: {current: {averageUtilization: 61}}}), ['cpu: 61%/60%', '2']);
	assert.deepEqual(one({type: 'Something'}), ['<unknown type>', '2']);
	assert.deepEqual(cells('HorizontalPodAutoscaler', object({spec: {}})).slice(1, 3), ['/', '<none>']);
});

test('pod disruption budgets, namespaces, events and the default table', () => {
	assert.deepEqual(cells('PodDisruptionBudget', object({spec: {minAvailable: '50%'}, status: {disruptionsAllowed: 1}})), ['x', '50%', 'N/A', 1, '120m']);
	assert.deepEqual(cells('PodDisruptionBudget', object({spec: {maxUnavailable: 0}})), ['x', 'N/A', '0', 0, '120m']);
	assert.deepEqual(cells('Namespace', object({status: {phase: 'Terminating'}})), ['x', 'Terminating', '120m']);
	// events.k8s.io-style: no first timestamp (eventTime instead), a series, reporting fields.
	const event = object({eventTime: at(20 * M).replace('Z', '.000000Z'), series: {count: 4, lastObservedTime: at(30 * S)}, reportingComponent: 'default-scheduler', reportingInstance: 'sched-1', involvedObject: {kind: 'Pod', name: 'p'}, type: 'Normal', reason: 'Scheduled', message: 'ok'});
	assert.deepEqual(cells('Event', event), ['30s', 'Normal', 'Scheduled', 'pod/p', '', 'default-scheduler, sched-1', 'ok', '20m', 4, 'x']);
	assert.deepEqual(printers.Event!.columns.map(c => `${c.name}:${c.format}:${c.priority}`), ['Last Seen::0', 'Type::0', 'Reason::0', 'Object::0', 'Subobject::1', 'Source::1', 'Message::0', 'First Seen::1', 'Count::1', 'Name:name:1']);
	assert.deepEqual(cells('Event', object({involvedObject: {kind: 'Node'}, source: {component: 'kubelet'}})).slice(0, 9), ['<unknown>', '', '', 'node', '', 'kubelet', '', '<unknown>', 1]);
	assert.deepEqual(genericPrinter.cells(object({}), NOW), ['x', at(2 * H)]);
	assert.deepEqual(genericPrinter.columns.map(c => [c.name, c.type]), [['Name', 'string'], ['Created At', 'date']]);
});
