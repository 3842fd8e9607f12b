import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {BaseRow, Column, KindModel, KubeObject} from '../../source/model/types.js';
import {kindNames, modelOf} from '../../source/kinds/index.js';
import {projectPod, formatAccelerators, computeQos} from '../../source/model/pods.js';
import {projectDeployment} from '../../source/model/deployments.js';
import {projectReplicaSet} from '../../source/model/replicasets.js';
import {projectService} from '../../source/model/services.js';
import {projectNode, nodeRoles} from '../../source/model/nodes.js';
import {projectNamespace} from '../../source/model/namespaces.js';
import {projectEvent} from '../../source/model/events.js';
import {labelSelectorText} from '../../source/model/selectors.js';

const NOW = Date.parse('2024-06-01T12:00:00Z');
const ago = (ms: number): string => new Date(NOW - ms).toISOString();
const MIN = 60_000;
const meta = (name: string, extra: Record<string, unknown> = {}) => ({name, namespace: 'shop', uid: `uid-${name}`, creationTimestamp: ago(5 * MIN + 30_000), ...extra});

/** Cells by column title, wide columns included, as the views would render them. */
function cells<R extends BaseRow>(model: KindModel<R>, object: KubeObject): Record<string, string> {
	const row = model.project(object);
	return Object.fromEntries(model.columns.map((c: Column<R>) => [c.title, c.cell(row, NOW)]));
}

test('every registered model projects and renders single-line cells', () => {
	for (const kind of kindNames) {
		const model = modelOf(kind);
		const row = model.project({metadata: {name: 'x', uid: 'u'}});
		assert.equal(row.uid, 'u');
		for (const column of model.columns) assert.doesNotMatch(column.cell(row, NOW), /[\n\r]/, `${kind}.${column.id}`);
	}
});

// ---- Pods (projection beyond the status corpus)

test('pod row: cells, requests, GPU, QoS, default container', () => {
	const pod: KubeObject = {
		metadata: meta('train-0', {annotations: {'kubectl.kubernetes.io/default-container': 'trainer'}}),
		spec: {
			nodeName: 'gpu-1',
			initContainers: [{name: 'fetch', resources: {requests: {cpu: '2'}}}],
			containers: [
				{name: 'sidecar', resources: {requests: {cpu: '100m', memory: '64Mi'}}},
				{name: 'trainer', resources: {requests: {cpu: '500m', memory: '1Gi'}, limits: {'nvidia.com/gpu': '2'}}},
			],
		},
		status: {
			phase: 'Running',
			podIP: '10.0.0.7',
			qosClass: 'Burstable',
			nominatedNodeName: 'gpu-2',
			conditions: [{type: 'PodScheduled', status: 'True', lastTransitionTime: ago(MIN)}],
			containerStatuses: [
				{name: 'sidecar', ready: true, restartCount: 0, state: {running: {}}},
				{name: 'trainer', ready: true, restartCount: 2, state: {running: {}}, lastState: {terminated: {exitCode: 1, finishedAt: ago(3 * MIN)}}},
			],
		},
	};
	const row = projectPod(pod);
	assert.equal(row.defaultContainer, 'trainer');
	assert.deepEqual(row.containers, ['sidecar', 'trainer', 'fetch']);
	assert.equal(row.requests.cpu, 2); // the init container's 2 cores outweigh 0.6 of app containers
	assert.deepEqual(row.accelerators, {'nvidia.com/gpu': 2});
	assert.equal(row.scheduled?.status, 'True');
	assert.equal(row.scheduled?.since, NOW - MIN);
	assert.equal(row.severity, 'ok');
	assert.deepEqual(cells(modelOf('pods'), pod), {
		NAMESPACE: 'shop',
		NAME: 'train-0',
		READY: '2/2',
		STATUS: 'Running',
		RESTARTS: '2 (3m ago)',
		AGE: '5m30s',
		IP: '10.0.0.7',
		NODE: 'gpu-1',
		GPU: '2',
		'NOMINATED NODE': 'gpu-2',
		QOS: 'Burstable',
		CPU: '2',
		MEM: '1.1Gi', // 64Mi + 1Gi, short form
		LAST: 'ExitCode:1 3m', // the last termination carried no reason: its exit code says what happened
		// Usage cells stay blank until the metrics join gives the row a sample (see metrics-columns tests).
		'CPU-USE': '',
		'MEM-USE': '',
		'GPU%': '',
		'GPU-MEM': '',
		'%CPU/R': '',
		'%CPU/L': '',
		'%MEM/R': '',
		'%MEM/L': '',
	});
});

test('pod row: pending pod without node or IP, BestEffort computed', () => {
	const pod: KubeObject = {metadata: meta('p'), spec: {containers: [{name: 'a'}]}, status: {phase: 'Pending', podIPs: []}};
	const c = cells(modelOf('pods'), pod);
	assert.equal(c.IP, '<none>');
	assert.equal(c.NODE, '<none>');
	assert.equal(c.GPU, '');
	assert.equal(c.QOS, 'BestEffort');
	assert.equal(c.CPU, '');
	assert.equal(projectPod(pod).severity, 'warn');
	assert.equal(projectPod(pod).defaultContainer, 'a');
});

test('computeQos follows the kubelet rule', () => {
	const withResources = (...rs: Array<Record<string, unknown>>): KubeObject => ({metadata: {name: 'q', uid: 'q'}, spec: {containers: rs.map((resources, i) => ({name: `c${i}`, resources}))}});
	assert.equal(computeQos(withResources({})), 'BestEffort');
	assert.equal(computeQos(withResources({limits: {cpu: '1', memory: '1Gi'}})), 'Guaranteed');
	assert.equal(computeQos(withResources({requests: {cpu: '1000m', memory: '1Gi'}, limits: {cpu: '1', memory: '1Gi'}})), 'Guaranteed');
	assert.equal(computeQos(withResources({requests: {cpu: '500m'}, limits: {cpu: '1', memory: '1Gi'}})), 'Burstable');
	assert.equal(computeQos(withResources({limits: {cpu: '1', memory: '1Gi'}}, {})), 'Burstable');
	assert.equal(computeQos(withResources({requests: {'nvidia.com/gpu': '1'}})), 'BestEffort');
});

test('GPU cell summarises accelerators briefly', () => {
	const table: Array<[Record<string, number>, string]> = [
		[{}, ''],
		[{'nvidia.com/gpu': 0}, ''],
		[{'nvidia.com/gpu': 1}, '1'],
		[{'amd.com/gpu': 4}, '4'],
		[{'nvidia.com/mig-1g.10gb': 1}, 'mig-1g.10gb:1'],
		[{'nvidia.com/mig-3g.40gb': 1, 'nvidia.com/gpu': 1}, 'gpu:1,mig-3g.40gb:1'],
	];
	for (const [acc, text] of table) assert.equal(formatAccelerators(acc), text);
});

// ---- Deployments

function deployment(spec: Record<string, unknown>, status: Record<string, unknown>, extraMeta: Record<string, unknown> = {}): KubeObject {
	return {
		metadata: meta('web', extraMeta),
		spec: {
			selector: {matchLabels: {app: 'web'}},
			template: {spec: {containers: [{name: 'nginx', image: 'nginx:1.25'}, {name: 'log', image: 'fluent-bit:3'}]}},
			...spec,
		},
		status,
	};
}

test('deployment cells', () => {
	const d = deployment({replicas: 3}, {replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2});
	assert.deepEqual(cells(modelOf('deployments'), d), {
		NAMESPACE: 'shop',
		NAME: 'web',
		READY: '2/3',
		'UP-TO-DATE': '3',
		AVAILABLE: '2',
		AGE: '5m30s',
		CONTAINERS: 'nginx,log',
		IMAGES: 'nginx:1.25,fluent-bit:3',
		SELECTOR: 'app=web',
	});
});

test('deployment severity', () => {
	const table: Array<[string, KubeObject, string]> = [
		['all ready', deployment({replicas: 2}, {updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2}), 'ok'],
		['scaled to zero', deployment({replicas: 0}, {}), 'ok'],
		['short of ready', deployment({replicas: 3}, {updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2}), 'warn'],
		['rolling out', deployment({replicas: 2}, {updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2}), 'warn'],
		['spec not yet observed', deployment({replicas: 2}, {observedGeneration: 1, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2}, {generation: 2}), 'warn'],
		['nothing available', deployment({replicas: 2}, {updatedReplicas: 2}), 'error'],
		[
			'progress deadline exceeded',
			deployment({replicas: 2}, {updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2, conditions: [{type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded'}]}),
			'error',
		],
	];
	for (const [name, d, severity] of table) assert.equal(projectDeployment(d).severity, severity, name);
	assert.equal(projectDeployment(deployment({}, {})).desired, 1, 'spec.replicas defaults to 1');
});

test('label selectors print like kubectl', () => {
	const table: Array<[unknown, string]> = [
		[undefined, ''],
		[{}, ''],
		[{matchLabels: {tier: 'front', app: 'web'}}, 'app=web,tier=front'],
		[
			{
				matchLabels: {app: 'web'},
				matchExpressions: [
					{key: 'env', operator: 'In', values: ['prod', 'canary']},
					{key: 'zone', operator: 'NotIn', values: ['b']},
					{key: 'gpu', operator: 'Exists'},
					{key: 'legacy', operator: 'DoesNotExist'},
				],
			},
			'app=web,env in (canary,prod),gpu,!legacy,zone notin (b)',
		],
	];
	for (const [selector, text] of table) assert.equal(labelSelectorText(selector), text);
});

// ---- ReplicaSets

test('replicaset cells and revision', () => {
	const rs: KubeObject = {
		metadata: {...meta('web-5d4f'), annotations: {'deployment.kubernetes.io/revision': '7'}, ownerReferences: [{kind: 'Deployment', name: 'web', uid: 'uid-web', controller: true}]},
		spec: {replicas: 3, selector: {matchLabels: {app: 'web'}}, template: {spec: {containers: [{name: 'nginx', image: 'nginx'}]}}},
		status: {replicas: 3, readyReplicas: 1},
	};
	const c = cells(modelOf('replicasets'), rs);
	assert.equal(c.DESIRED, '3');
	assert.equal(c.CURRENT, '3');
	assert.equal(c.READY, '1');
	const row = projectReplicaSet(rs);
	assert.equal(row.revision, 7);
	assert.equal(row.owners[0]?.controller, true);
	assert.equal(row.severity, 'warn');
});

// ---- Services

function service(spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject {
	return {metadata: meta('api'), spec, status};
}

test('service cells as kubectl prints them', () => {
	const table: Array<[string, KubeObject, Record<string, string>]> = [
		[
			'ClusterIP',
			service({type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{port: 80, protocol: 'TCP'}], selector: {app: 'api'}}),
			{TYPE: 'ClusterIP', 'CLUSTER-IP': '10.96.0.10', 'EXTERNAL-IP': '<none>', 'PORT(S)': '80/TCP', SELECTOR: 'app=api'},
		],
		[
			'headless, no ports, no selector',
			service({clusterIP: 'None'}),
			{TYPE: 'ClusterIP', 'CLUSTER-IP': 'None', 'EXTERNAL-IP': '<none>', 'PORT(S)': '<none>', SELECTOR: '<none>'},
		],
		[
			'NodePort with several ports',
			service({type: 'NodePort', clusterIP: '10.96.1.1', ports: [{port: 80, nodePort: 30080, protocol: 'TCP'}, {port: 53, protocol: 'UDP'}]}),
			{TYPE: 'NodePort', 'CLUSTER-IP': '10.96.1.1', 'EXTERNAL-IP': '<none>', 'PORT(S)': '80:30080/TCP,53/UDP', SELECTOR: '<none>'},
		],
		[
			'ClusterIP with externalIPs',
			service({type: 'ClusterIP', clusterIP: '10.96.1.2', externalIPs: ['1.2.3.4', '5.6.7.8'], ports: [{port: 443}]}),
			{TYPE: 'ClusterIP', 'CLUSTER-IP': '10.96.1.2', 'EXTERNAL-IP': '1.2.3.4,5.6.7.8', 'PORT(S)': '443/TCP', SELECTOR: '<none>'},
		],
		[
			'LoadBalancer pending',
			service({type: 'LoadBalancer', clusterIP: '10.96.2.1', ports: [{port: 443, nodePort: 31443, protocol: 'TCP'}]}),
			{TYPE: 'LoadBalancer', 'CLUSTER-IP': '10.96.2.1', 'EXTERNAL-IP': '<pending>', 'PORT(S)': '443:31443/TCP', SELECTOR: '<none>'},
		],
		[
			'LoadBalancer with ingress ip and hostname (sorted) plus externalIPs',
			service(
				{type: 'LoadBalancer', clusterIP: '10.96.2.2', externalIPs: ['9.9.9.9'], ports: [{port: 80, nodePort: 30001, protocol: 'TCP'}]},
				{loadBalancer: {ingress: [{ip: '203.0.113.9'}, {hostname: 'a.elb.example.com'}, {ip: '203.0.113.9'}]}},
			),
			{TYPE: 'LoadBalancer', 'CLUSTER-IP': '10.96.2.2', 'EXTERNAL-IP': '203.0.113.9,a.elb.example.com,9.9.9.9', 'PORT(S)': '80:30001/TCP', SELECTOR: '<none>'},
		],
		[
			'ExternalName',
			service({type: 'ExternalName', externalName: 'db.example.com'}),
			{TYPE: 'ExternalName', 'CLUSTER-IP': '<none>', 'EXTERNAL-IP': 'db.example.com', 'PORT(S)': '<none>', SELECTOR: '<none>'},
		],
	];
	for (const [name, svc, expected] of table) {
		const c = cells(modelOf('services'), svc);
		for (const [title, text] of Object.entries(expected)) assert.equal(c[title], text, `${name}: ${title}`);
	}
	assert.equal(projectService(table[4]![1]).severity, 'warn');
	assert.equal(projectService(table[0]![1]).severity, 'ok');
});

// ---- Nodes

function node(extra: {labels?: Record<string, string>; spec?: Record<string, unknown>; conditions?: unknown[]; allocatable?: Record<string, string>}): KubeObject {
	return {
		metadata: {name: 'n1', uid: 'uid-n1', creationTimestamp: ago(3 * 24 * 60 * MIN), labels: extra.labels ?? {}},
		spec: extra.spec ?? {},
		status: {
			conditions: extra.conditions ?? [{type: 'Ready', status: 'True'}],
			allocatable: extra.allocatable ?? {cpu: '7910m', memory: '31Gi', pods: '110'},
			capacity: extra.allocatable ?? {cpu: '8', memory: '32Gi', pods: '110'},
			nodeInfo: {kubeletVersion: 'v1.31.2', osImage: 'Ubuntu 22.04', kernelVersion: '6.5.0', containerRuntimeVersion: 'containerd://1.7'},
			addresses: [{type: 'InternalIP', address: '192.168.1.10'}, {type: 'Hostname', address: 'n1'}],
		},
	};
}

test('node STATUS like kubectl', () => {
	const table: Array<[string, Parameters<typeof node>[0], string, string]> = [
		['ready', {}, 'Ready', 'ok'],
		['not ready', {conditions: [{type: 'Ready', status: 'False'}]}, 'NotReady', 'error'],
		['ready unknown prints NotReady', {conditions: [{type: 'Ready', status: 'Unknown'}]}, 'NotReady', 'error'],
		['no Ready condition', {conditions: []}, 'Unknown', 'error'],
		['cordoned', {spec: {unschedulable: true}}, 'Ready,SchedulingDisabled', 'warn'],
		['not ready and cordoned', {spec: {unschedulable: true}, conditions: [{type: 'Ready', status: 'False'}]}, 'NotReady,SchedulingDisabled', 'error'],
		['disk pressure', {conditions: [{type: 'Ready', status: 'True'}, {type: 'DiskPressure', status: 'True'}]}, 'Ready', 'warn'],
	];
	for (const [name, input, status, severity] of table) {
		const row = projectNode(node(input));
		assert.equal(row.status, status, name);
		assert.equal(row.severity, severity, name);
	}
});

test('node roles', () => {
	assert.deepEqual(nodeRoles({}), []);
	assert.deepEqual(nodeRoles({'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/': 'x', 'kubernetes.io/role': 'master'}), ['control-plane', 'master']);
	assert.deepEqual(nodeRoles({'node-role.kubernetes.io/worker': 'true', 'node-role.kubernetes.io/gpu': '', 'kubernetes.io/role': ''}), ['gpu', 'worker']);
});

test('node cells, taints and GPU allocated/allocatable', () => {
	const plain = node({labels: {'node-role.kubernetes.io/worker': ''}, spec: {taints: [{key: 'dedicated', value: 'db', effect: 'NoSchedule'}, {key: 'node.kubernetes.io/unreachable', effect: 'NoExecute'}]}});
	const c = cells(modelOf('nodes'), plain);
	assert.deepEqual(
		{NAME: c.NAME, STATUS: c.STATUS, ROLES: c.ROLES, AGE: c.AGE, VERSION: c.VERSION, CPU: c.CPU, MEM: c.MEM, GPU: c.GPU, TAINTS: c.TAINTS, 'INTERNAL-IP': c['INTERNAL-IP'], 'EXTERNAL-IP': c['EXTERNAL-IP']},
		{NAME: 'n1', STATUS: 'Ready', ROLES: 'worker', AGE: '3d', VERSION: 'v1.31.2', CPU: '7910m', MEM: '31Gi', GPU: '', TAINTS: '2', 'INTERNAL-IP': '192.168.1.10', 'EXTERNAL-IP': '<none>'},
	);
	assert.deepEqual(projectNode(plain).taints, ['dedicated=db:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
	assert.equal(cells(modelOf('nodes'), node({labels: {}})).ROLES, '<none>');

	const gpuNode = node({allocatable: {cpu: '64', memory: '512Gi', 'nvidia.com/gpu': '8'}});
	const model = modelOf('nodes');
	const gpuColumn = model.columns.find((col) => col.id === 'gpu')!;
	const row = model.project(gpuNode);
	assert.equal(gpuColumn.cell(row, NOW), '-/8', 'allocated unknown until the store joins pods');
	assert.equal(gpuColumn.cell({...row, gpuAllocated: {'nvidia.com/gpu': 3}}, NOW), '3/8');
	assert.equal(gpuColumn.cell({...row, gpuAllocated: {}}, NOW), '0/8');
	const migNode = model.project(node({allocatable: {cpu: '64', 'nvidia.com/mig-1g.10gb': '7', 'nvidia.com/mig-3g.40gb': '2'}}));
	assert.equal(gpuColumn.cell({...migNode, gpuAllocated: {'nvidia.com/mig-1g.10gb': 2}}, NOW), '2/9');
});

// ---- Namespaces

test('namespace rows', () => {
	const active = projectNamespace({metadata: meta('shop'), status: {phase: 'Active'}});
	const going = projectNamespace({metadata: meta('old'), status: {phase: 'Terminating'}});
	assert.deepEqual(cells(modelOf('namespaces'), {metadata: meta('shop'), status: {phase: 'Active'}}), {NAME: 'shop', STATUS: 'Active', AGE: '5m30s'});
	assert.equal(active.severity, 'ok');
	assert.equal(going.severity, 'warn');
});

// ---- Events

test('configmap rows: DATA counts data and binaryData keys, as kubectl get configmaps', () => {
	const cases: Array<[string, Record<string, unknown>, string]> = [
		['no data at all', {}, '0'],
		['data only', {data: {'app.yaml': 'a: 1', LOG_LEVEL: 'info'}}, '2'],
		['data and binaryData', {data: {'vocab.txt': 'x'}, binaryData: {'tokenizer.bin': 'AA=='}}, '2'],
		['an empty value is still a key', {data: {empty: ''}}, '1'],
		['data of the wrong type counts nothing', {data: ['a']}, '0'],
	];
	for (const [what, fields, data] of cases) {
		assert.deepEqual(cells(modelOf('configmaps'), {metadata: meta('cfg'), ...fields}), {NAMESPACE: 'shop', NAME: 'cfg', DATA: data, AGE: '5m30s'}, what);
	}
	const row = modelOf('configmaps').project({metadata: meta('cfg'), data: {password: 'hunter2'}});
	assert.ok(!JSON.stringify(row).includes('hunter2'), 'rows keep the key count, never the values');
});

test('event rows: core/v1 fields, singleton and series', () => {
	const classic: KubeObject = {
		metadata: meta('web-1.17a'),
		involvedObject: {kind: 'Pod', namespace: 'shop', name: 'web-1', uid: 'uid-web-1', fieldPath: 'spec.containers{nginx}'},
		reason: 'BackOff',
		message: 'Back-off restarting failed container\nnginx in pod web-1 ',
		type: 'Warning',
		count: 12,
		firstTimestamp: ago(60 * MIN),
		lastTimestamp: ago(2 * MIN),
		source: {component: 'kubelet', host: 'n1'},
	};
	const c = cells(modelOf('events'), classic);
	assert.equal(c['LAST SEEN'], '2m');
	assert.equal(c.TYPE, 'Warning');
	assert.equal(c.REASON, 'BackOff');
	assert.equal(c.OBJECT, 'pod/web-1');
	assert.equal(c.MESSAGE, 'Back-off restarting failed container nginx in pod web-1');
	assert.equal(c['FIRST SEEN'], '60m');
	assert.equal(c.COUNT, '12');
	assert.equal(c.SOURCE, 'kubelet');
	assert.equal(c.SUBOBJECT, 'spec.containers{nginx}');
	const row = projectEvent(classic);
	assert.deepEqual(row.involved, {kind: 'Pod', namespace: 'shop', name: 'web-1', uid: 'uid-web-1', fieldPath: 'spec.containers{nginx}'});
	assert.equal(row.severity, 'warn');

	const singleton = projectEvent({metadata: meta('s'), involvedObject: {kind: 'Node', name: ''}, type: 'Normal', eventTime: ago(30_000), reportingController: 'scheduler'});
	assert.equal(singleton.count, 1);
	assert.equal(singleton.lastSeen, NOW - 30_000);
	assert.equal(singleton.source, 'scheduler');
	assert.equal(singleton.severity, 'ok');
	assert.equal(modelOf('events').columns.find((col) => col.id === 'object')!.cell(singleton, NOW), 'node');

	// core/v1 events written by the scheduler name their source in reportingComponent.
	const scheduled = projectEvent({metadata: meta('sch'), involvedObject: {kind: 'Pod', namespace: 'shop', name: 'web-1'}, type: 'Normal', reason: 'Scheduled', eventTime: ago(30_000), action: 'Binding', reportingComponent: 'default-scheduler'});
	assert.equal(scheduled.source, 'default-scheduler');

	const series = projectEvent({metadata: meta('r'), involvedObject: {kind: 'Pod', name: 'p'}, eventTime: ago(10 * MIN), series: {count: 7, lastObservedTime: ago(MIN)}, count: 0});
	assert.equal(series.count, 7);
	assert.equal(series.lastSeen, NOW - MIN);

	const timeless = projectEvent({metadata: meta('t'), involvedObject: {kind: 'Pod', name: 'p'}});
	assert.equal(modelOf('events').columns.find((col) => col.id === 'lastseen')!.cell(timeless, NOW), '<unknown>');
});

test('AGE sorts youngest first and unknown last', () => {
	const model = modelOf('namespaces');
	const age = model.columns.find((c) => c.id === 'age')!;
	const young = model.project({metadata: {name: 'a', uid: 'a', creationTimestamp: ago(MIN)}});
	const old = model.project({metadata: {name: 'b', uid: 'b', creationTimestamp: ago(60 * MIN)}});
	const unknown = model.project({metadata: {name: 'c', uid: 'c'}});
	const values = [young, old, unknown].map((r) => age.sortValue!(r, NOW) as number);
	assert.ok(values[0]! < values[1]! && values[1]! < values[2]!);
});
