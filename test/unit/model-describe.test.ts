import {test} from 'node:test';
import assert from 'node:assert/strict';
import {describeObject} from '../../source/model/describe.js';
import {alignTabs} from '../../source/model/tabwriter.js';
import {rfc1123z} from '../../source/model/describe-format.js';
import {formatProbe, formatToleration} from '../../source/model/describe-pod.js';
import type {KubeObject} from '../../source/model/types.js';

const NOW = Date.parse('2024-06-01T12:00:00Z');
const ago = (ms: number): string => new Date(NOW - ms).toISOString();
const MIN = 60_000;

/** The value printed after 'Key:' on the first line that starts with it (at any indentation). */
function field(lines: string[], key: string): string | undefined {
	const line = lines.find((l) => l.trimStart().startsWith(`${key}:`));
	return line?.trimStart().slice(key.length + 1).trim();
}

function assertSingleLines(lines: string[]): void {
	for (const line of lines) assert.doesNotMatch(line, /[\n\r\t]/, JSON.stringify(line));
}

const events: KubeObject[] = [
	{metadata: {name: 'e2', uid: 'e2'}, type: 'Warning', reason: 'BackOff', message: 'Back-off restarting\nfailed container', source: {component: 'kubelet'}, firstTimestamp: ago(400_000), lastTimestamp: ago(MIN), count: 5},
	// The scheduler's events as a real kube-apiserver returns them on core/v1: eventTime and
	// reportingComponent, no source, timestamps or count.
	{metadata: {name: 'e1', uid: 'e1'}, type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned shop/web-1 to n1', eventTime: ago(10 * MIN), action: 'Binding', reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-cp-1'},
	{metadata: {name: 'e3', uid: 'e3'}, type: 'Normal', reason: 'Pulled', eventTime: ago(2 * MIN), reportingController: 'kubelet', series: {count: 3, lastObservedTime: ago(30_000)}, message: 'pulled'},
];

const pod: KubeObject = {
	metadata: {
		name: 'web-1',
		namespace: 'shop',
		uid: 'u',
		labels: {'pod-template-hash': 'abc', app: 'web'},
		annotations: {'kubectl.kubernetes.io/last-applied-configuration': '{"big":"json"}', note: 'two\nlines', long: 'y'.repeat(200)},
		ownerReferences: [{kind: 'ReplicaSet', name: 'web-abc', uid: 'r', controller: true}],
	},
	spec: {
		nodeName: 'n1',
		priority: 1000,
		priorityClassName: 'high',
		nodeSelector: {'nvidia.com/gpu.present': 'true'},
		initContainers: [{name: 'proxy', image: 'envoy', restartPolicy: 'Always'}],
		containers: [
			{
				name: 'nginx',
				image: 'nginx:1.25',
				command: ['nginx', '-g', 'daemon off;'],
				ports: [{containerPort: 80, protocol: 'TCP'}],
				resources: {requests: {cpu: '100m', memory: '64Mi'}, limits: {memory: '128Mi'}},
				livenessProbe: {httpGet: {path: '/healthz', port: 8080, scheme: 'HTTP'}, periodSeconds: 5},
				env: [{name: 'MODE', value: 'prod'}, {name: 'PW', valueFrom: {secretKeyRef: {name: 'db', key: 'pw'}}}],
			},
		],
		tolerations: [
			{key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
			{key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule'},
		],
	},
	status: {
		phase: 'Running',
		hostIP: '192.168.1.10',
		podIP: '10.0.0.1',
		podIPs: [{ip: '10.0.0.1'}],
		startTime: ago(10 * MIN),
		qosClass: 'Burstable',
		conditions: [{type: 'Ready', status: 'False'}, {type: 'PodScheduled', status: 'True'}],
		initContainerStatuses: [{name: 'proxy', ready: true, started: true, restartCount: 0, state: {running: {startedAt: ago(9 * MIN)}}}],
		containerStatuses: [
			{
				name: 'nginx',
				ready: false,
				restartCount: 3,
				state: {waiting: {reason: 'CrashLoopBackOff'}},
				lastState: {terminated: {exitCode: 137, reason: 'OOMKilled', startedAt: ago(2 * MIN), finishedAt: ago(90_000)}},
			},
		],
	},
};

test('pod: header fields as kubectl describe prints them', () => {
	const lines = describeObject('Pod', pod, events, NOW);
	assertSingleLines(lines);
	const table: Array<[string, string]> = [
		['Name', 'web-1'],
		['Namespace', 'shop'],
		['Priority', '1000'],
		['Priority Class Name', 'high'],
		['Node', 'n1/192.168.1.10'],
		['Start Time', 'Sat, 01 Jun 2024 11:50:00 +0000'],
		['Labels', 'app=web'],
		['Status', 'Running'],
		['IP', '10.0.0.1'],
		['Controlled By', 'ReplicaSet/web-abc'],
		['QoS Class', 'Burstable'],
		['Node-Selectors', 'nvidia.com/gpu.present=true'],
		['Tolerations', 'dedicated=gpu:NoSchedule'],
	];
	for (const [key, value] of table) assert.equal(field(lines, key), value, key);
	// Multi-line values continue aligned under the first.
	const labels = lines.findIndex((l) => l.startsWith('Labels:'));
	assert.equal(lines[labels + 1]!.trim(), 'pod-template-hash=abc');
	assert.equal(lines[labels + 1]!.indexOf('pod'), lines[labels]!.indexOf('app=web'));
	// The applied configuration is hidden, multi-line values are flattened, long ones cut.
	assert.ok(!lines.some((l) => l.includes('last-applied-configuration')));
	assert.ok(lines.some((l) => l.includes('note: two lines')));
	assert.ok(lines.some((l) => l.includes(`long: ${'y'.repeat(140)}...`)));
	const tolerations = lines.findIndex((l) => l.startsWith('Tolerations:'));
	assert.equal(lines[tolerations + 1]!.trim(), 'node.kubernetes.io/unreachable:NoExecute op=Exists for 300s');
});

test('pod: containers with state, last state, resources, env; sidecars listed as init containers', () => {
	const lines = describeObject('pods', pod, [], NOW);
	const init = lines.indexOf('Init Containers:');
	const containers = lines.indexOf('Containers:');
	assert.ok(init >= 0 && containers > init);
	assert.equal(lines[init + 1], '  proxy:');
	const nginx = lines.slice(containers);
	const expected: Array<[string, string]> = [
		['Image', 'nginx:1.25'],
		['Port', '80/TCP'],
		['State', 'Waiting'],
		['Reason', 'CrashLoopBackOff'],
		['Last State', 'Terminated'],
		['Exit Code', '137'],
		['Finished', 'Sat, 01 Jun 2024 11:58:30 +0000'],
		['Ready', 'False'],
		['Restart Count', '3'],
		['memory', '128Mi'],
		['cpu', '100m'],
		['Liveness', 'http-get http://:8080/healthz delay=0s timeout=1s period=5s #success=1 #failure=3'],
		['MODE', 'prod'],
		['PW', "<set to the key 'pw' in secret 'db'>"],
	];
	for (const [key, value] of expected) assert.equal(field(nginx, key), value, key);
	// Nested state lines align with their parent's value column (kubectl's tabwriter).
	const state = nginx.find((l) => l.trimStart().startsWith('State:'))!;
	const reason = nginx.find((l) => l.trimStart().startsWith('Reason:'))!;
	assert.equal(reason.indexOf('CrashLoopBackOff'), state.indexOf('Waiting'));
	assert.ok(nginx.includes('      daemon off;'), 'command arguments listed one per line');
	assert.equal(field(lines, 'Events'), '<none>');
});

test('pod: terminating shows how long, conditions table', () => {
	const terminating: KubeObject = {...pod, metadata: {...pod.metadata, deletionTimestamp: ago(45_000), deletionGracePeriodSeconds: 30}};
	const lines = describeObject('Pod', terminating, [], NOW);
	assert.equal(field(lines, 'Status'), 'Terminating (lasts 45s)');
	assert.equal(field(lines, 'Termination Grace Period'), '30s');
	const conditions = lines.indexOf('Conditions:');
	assert.deepEqual(lines.slice(conditions + 1, conditions + 4).map((l) => l.trim().split(/\s+/)), [
		['Type', 'Status'],
		['Ready', 'False'],
		['PodScheduled', 'True'],
	]);
});

test('events table: newest first, repeat counts, series, source fallback; messages on rows of their own when Age and From leave too little room', () => {
	const lines = describeObject('Pod', pod, events, NOW);
	const start = lines.indexOf('Events:');
	const rows = lines.slice(start + 1);
	assert.match(rows[0]!, /^ {2}Type\s+Reason\s+Age\s+From$/);
	assert.match(rows[1]!, /^ {2}----\s+------\s+---\s+----$/);
	assert.match(rows[2]!, /^ {2}Normal\s+Pulled\s+30s \(x3 over 2m\)\s+kubelet$/);
	assert.equal(rows[3], '    pulled');
	assert.match(rows[4]!, /^ {2}Warning\s+BackOff\s+60s \(x5 over 6m40s\)\s+kubelet$/);
	assert.equal(rows[5], '    Back-off restarting failed container');
	assert.match(rows[6]!, /^ {2}Normal\s+Scheduled\s+10m\s+default-scheduler$/);
	assert.equal(rows[7], '    Successfully assigned shop/web-1 to n1');
	assert.equal(rows.length, 8);
	for (const row of rows) assert.ok(row.length <= 80, row);
	// The columns stay aligned across the hand-padded rows.
	assert.equal(rows[2]!.indexOf('30s'), rows[0]!.indexOf('Age'));
	assert.equal(rows[6]!.indexOf('default-scheduler'), rows[0]!.indexOf('From'));
});

test('events table: kubectl\'s Message column when every message fits 80 columns', () => {
	const short = events.map((e) => ({...e, count: 1, series: undefined, source: {component: 'kubelet'}, message: 'ok'}));
	const rows = describeObject('Pod', pod, short, NOW).slice(describeObject('Pod', pod, short, NOW).indexOf('Events:') + 1);
	assert.match(rows[0]!, /^ {2}Type\s+Reason\s+Age\s+From\s+Message$/);
	assert.match(rows[2]!, /^ {2}\S+\s+\S+\s+\S+\s+kubelet\s+ok$/);
	assert.equal(rows.length, 5);
});

test('events table: one long message is read whole in 80 columns, the other events as they were', () => {
	const long = {...events[0]!, message: `pulling ${'layer '.repeat(60)}done`, lastTimestamp: new Date(NOW - 5_000).toISOString()};
	const lines = describeObject('Pod', pod, [...events, long], NOW);
	const rows = lines.slice(lines.indexOf('Events:') + 1);
	assert.ok(rows.every((row) => row.length <= 80), 'no row runs past 80 columns');
	const wrapped = rows.slice(3).filter((row) => row.startsWith('    ') && !row.startsWith('    Normal'));
	const first = rows.indexOf(rows.find((row) => /^ {2}Warning\s+BackOff\s+5s/.test(row))!);
	assert.equal(first, 2, 'the newest first');
	const pieces: string[] = [];
	for (let i = first + 1; i < rows.length && rows[i]!.startsWith('    '); i++) pieces.push(rows[i]!.trim());
	assert.ok(pieces.length >= 3, 'the long message takes rows of its own');
	assert.equal(pieces.join('').replace(/ /g, ''), long.message.replace(/ /g, ''), 'nothing of the message is lost (a blank at a cut is trimmed)');
	assert.ok(wrapped.length >= 3);
	assert.equal(rows.at(-1), '    Successfully assigned shop/web-1 to n1');
});

test('describe of a 5 MB field and a deeply nested object: no stack overflow, values cut with their size', () => {
	const deep: Record<string, unknown> = {};
	let at = deep;
	for (let i = 0; i < 100_000; i++) at = (at.a = {}) as Record<string, unknown>;
	const object = {apiVersion: 'v1', kind: 'Thing', metadata: {name: 'big', uid: 'b'}, spec: {blob: 'x'.repeat(5_000_000), deep}} as unknown as KubeObject;
	const lines = describeObject('Thing', object, [], NOW);
	const blob = lines.find((line) => line.trimStart().startsWith('blob:'))!;
	assert.ok(blob.length < 2200, `${blob.length} units`);
	assert.match(blob, /… \(5000000 characters in all; y shows the YAML, e there shows it whole\)$/);
	assert.ok(lines.length < 600);
});

test('deployment: replicas line, strategy, template, conditions, old and new replica sets', () => {
	const d: KubeObject = {
		metadata: {name: 'web', namespace: 'shop', uid: 'dep', creationTimestamp: '2024-05-01T00:00:00Z', labels: {app: 'web'}},
		spec: {
			replicas: 3,
			selector: {matchLabels: {app: 'web'}},
			strategy: {type: 'RollingUpdate', rollingUpdate: {maxUnavailable: 0, maxSurge: '50%'}},
			template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'nginx', image: 'nginx:1.26', resources: {requests: {cpu: '250m'}}}]}},
		},
		status: {
			replicas: 4,
			updatedReplicas: 2,
			availableReplicas: 3,
			unavailableReplicas: 1,
			conditions: [
				{type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable'},
				{type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated'},
			],
		},
	};
	const rs = (name: string, revision: string, replicas: number, owner = 'dep'): KubeObject => ({
		metadata: {name, namespace: 'shop', uid: name, annotations: {'deployment.kubernetes.io/revision': revision}, ownerReferences: [{kind: 'Deployment', name: 'web', uid: owner, controller: true}]},
		spec: {replicas},
		status: {replicas},
	});
	const lines = describeObject('deploy', d, [], NOW, {replicaSets: [rs('web-old', '1', 0), rs('web-mid', '2', 2), rs('web-new', '3', 2), rs('other', '9', 1, 'x')]});
	assertSingleLines(lines);
	const table: Array<[string, string]> = [
		['CreationTimestamp', 'Wed, 01 May 2024 00:00:00 +0000'],
		['Selector', 'app=web'],
		['Replicas', '3 desired | 2 updated | 4 total | 3 available | 1 unavailable'],
		['StrategyType', 'RollingUpdate'],
		['MinReadySeconds', '0'],
		['RollingUpdateStrategy', '0 max unavailable, 50% max surge'],
		['Image', 'nginx:1.26'],
		['cpu', '250m'],
		['OldReplicaSets', 'web-mid (2/2 replicas created)'],
		['NewReplicaSet', 'web-new (2/2 replicas created)'],
	];
	for (const [key, value] of table) assert.equal(field(lines, key), value, key);
	const conditions = lines.indexOf('Conditions:');
	assert.deepEqual(lines[conditions + 3]!.trim().split(/\s+/), ['Available', 'True', 'MinimumReplicasAvailable']);
	assert.equal(field(describeObject('Deployment', d, [], NOW), 'NewReplicaSet'), undefined, 'left out without replica sets at hand');
});

test('service: selector, type, IPs, ports, endpoints from ready pods', () => {
	const svc: KubeObject = {
		metadata: {name: 'api', namespace: 'shop', uid: 's'},
		spec: {type: 'NodePort', selector: {app: 'api'}, clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.5'], ports: [{name: 'http', port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP'}], sessionAffinity: 'None', externalTrafficPolicy: 'Cluster'},
	};
	const readyPod = (name: string, ip: string, ready: boolean, app = 'api'): KubeObject => ({
		metadata: {name, namespace: 'shop', uid: name, labels: {app}},
		status: {podIP: ip, conditions: [{type: 'Ready', status: ready ? 'True' : 'False'}]},
	});
	const lines = describeObject('svc', svc, [], NOW, {pods: [readyPod('a', '10.0.0.1', true), readyPod('b', '10.0.0.2', false), readyPod('c', '10.0.0.3', true, 'web')]});
	const table: Array<[string, string]> = [
		['Selector', 'app=api'],
		['Type', 'NodePort'],
		['IP', '10.96.0.5'],
		['Port', 'http  80/TCP'],
		['TargetPort', '8080/TCP'],
		['NodePort', 'http  30080/TCP'],
		['Endpoints', '10.0.0.1:8080'],
		['Session Affinity', 'None'],
		['External Traffic Policy', 'Cluster'],
	];
	for (const [key, value] of table) assert.equal(field(lines, key), value, key);
});

test('node: roles, taints, cordon, conditions, capacity, pods and allocated resources', () => {
	const node: KubeObject = {
		metadata: {name: 'gpu-1', uid: 'n', creationTimestamp: '2024-01-01T00:00:00Z', labels: {'node-role.kubernetes.io/gpu': ''}},
		spec: {unschedulable: true, taints: [{key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule'}, {key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule'}]},
		status: {
			conditions: [{type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: ago(MIN), lastTransitionTime: ago(60 * MIN)}],
			addresses: [{type: 'InternalIP', address: '192.168.1.20'}],
			capacity: {cpu: '8', memory: '32Gi', 'nvidia.com/gpu': '4', pods: '110'},
			allocatable: {cpu: '8', memory: '32Gi', 'nvidia.com/gpu': '4', pods: '110'},
			nodeInfo: {kubeletVersion: 'v1.31.0', osImage: 'Ubuntu'},
		},
	};
	const p = (name: string, cpu: string, gpus: number, phase = 'Running'): KubeObject => ({
		metadata: {name, namespace: 'ml', uid: name, creationTimestamp: ago(5 * MIN)},
		spec: {nodeName: 'gpu-1', containers: [{name: 'c', resources: {requests: {cpu, memory: '1Gi'}, limits: {'nvidia.com/gpu': String(gpus), memory: '2Gi'}}}]},
		status: {phase},
	});
	const lines = describeObject('Node', node, [], NOW, {pods: [p('train-a', '2', 2), p('train-b', '500m', 1), p('done', '4', 1, 'Succeeded')]});
	assertSingleLines(lines);
	assert.deepEqual(lines.slice(0, 2).map((l) => l.split(/:\s+/)), [['Name', 'gpu-1'], ['Roles', 'gpu']]);
	assert.equal(lines.filter((l) => l.startsWith('Name:')).length, 1);
	assert.equal(field(lines, 'CreationTimestamp'), 'Mon, 01 Jan 2024 00:00:00 +0000');
	assert.equal(field(lines, 'Taints'), 'nvidia.com/gpu=present:NoSchedule');
	const taints = lines.findIndex((l) => l.startsWith('Taints:'));
	assert.equal(lines[taints + 1]!.trim(), 'node.kubernetes.io/unschedulable:NoSchedule');
	assert.equal(field(lines, 'Unschedulable'), 'true');
	assert.equal(field(lines, 'Kubelet Version'), 'v1.31.0');
	assert.equal(field(lines, 'Non-terminated Pods'), '(2 in total)');
	assert.ok(lines.some((l) => /Ready\s+True\s+Sat, 01 Jun 2024 11:59:00 \+0000\s+Sat, 01 Jun 2024 11:00:00 \+0000\s+KubeletReady\s+kubelet is posting ready status/.test(l)));
	assert.ok(lines.some((l) => /^ {2}ml\s+train-a\s+2 \(25%\)\s+0 \(0%\)\s+1Gi \(3%\)\s+2Gi \(6%\)\s+5m$/.test(l)));
	const allocated = lines.slice(lines.indexOf('Allocated resources:'));
	assert.ok(allocated.some((l) => /^ {2}cpu\s+2500m \(31%\)\s+0 \(0%\)$/.test(l)));
	assert.ok(allocated.some((l) => /^ {2}memory\s+2Gi \(6%\)\s+4Gi \(12%\)$/.test(l)));
	assert.ok(allocated.some((l) => /^ {2}nvidia\.com\/gpu\s+3\s+3$/.test(l)));
});

test('generic fallback dumps fields and flattens values', () => {
	const cm: KubeObject = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'cfg', namespace: 'shop', uid: 'c'}, data: {'app.conf': 'a=1\nb=2', empty: ''}};
	const lines = describeObject('ConfigMap', cm, [], NOW);
	assertSingleLines(lines);
	assert.equal(field(lines, 'Kind'), 'ConfigMap');
	assert.ok(lines.includes('Data:'));
	assert.equal(field(lines, 'app.conf'), 'a=1 b=2');
	assert.equal(field(lines, 'Events'), '<none>');
});

test('tabwriter semantics', () => {
	assert.deepEqual(alignTabs('a:\t1\nlonger:\t2\nTitle:\nx:\t3'), ['a:       1', 'longer:  2', 'Title:', 'x:  3']);
	assert.deepEqual(alignTabs('  k:\tv\n    nested:\tw'), ['  k:         v', '    nested:  w']);
	assert.deepEqual(alignTabs('A\tB\tC\nlong\tb\tc'), ['A     B  C', 'long  b  c']);
});

test('timestamps and tolerations', () => {
	assert.equal(rfc1123z(Date.parse('2024-02-29T07:05:09Z')), 'Thu, 29 Feb 2024 07:05:09 +0000');
	assert.equal(rfc1123z(undefined), '<unknown>');
	const table: Array<[Record<string, unknown>, string]> = [
		[{operator: 'Exists'}, 'op=Exists'],
		[{operator: 'Exists', effect: 'NoSchedule'}, ':NoSchedule op=Exists'],
		[{key: 'k', operator: 'Exists'}, 'k op=Exists'],
		[{key: 'k', operator: 'Equal', value: 'v', effect: 'NoExecute', tolerationSeconds: 60}, 'k=v:NoExecute for 60s'],
	];
	for (const [t, text] of table) assert.equal(formatToleration(t), text);
});

test('probes', () => {
	const table: Array<[Record<string, unknown>, string]> = [
		[{exec: {command: ['cat', '/tmp/ready']}, initialDelaySeconds: 5}, 'exec [cat /tmp/ready] delay=5s timeout=1s period=10s #success=1 #failure=3'],
		[{httpGet: {host: '10.0.0.1', path: '/ready', port: 'http', scheme: 'HTTPS'}}, 'http-get https://10.0.0.1:http/ready delay=0s timeout=1s period=10s #success=1 #failure=3'],
		[{tcpSocket: {port: 5432}, timeoutSeconds: 3, failureThreshold: 6}, 'tcp-socket :5432 delay=0s timeout=3s period=10s #success=1 #failure=6'],
		[{grpc: {port: 9090}}, 'grpc <pod>:9090  delay=0s timeout=1s period=10s #success=1 #failure=3'],
	];
	for (const [probe, text] of table) assert.equal(formatProbe(probe), text);
});

test('events table: a long message wraps between words, under Message or on rows of its own', () => {
	const scheduler = '0/6 nodes are available: 2 Insufficient nvidia.com/gpu, 4 node(s) had untolerated taint {nvidia.com/gpu: }. preemption: 0/6 nodes are available: 6 Preemption is not helpful for scheduling.';
	const words = new Set(scheduler.split(' '));
	const one = [{...events[0]!, count: 1, series: undefined, source: {component: 'kubelet'}, message: scheduler}];
	const many = [...events, {...events[0]!, message: scheduler, lastTimestamp: new Date(NOW - 5_000).toISOString()}];
	for (const set of [one, many]) {
		const lines = describeObject('Pod', pod, set, NOW);
		const rows = lines.slice(lines.indexOf('Events:') + 1);
		assert.ok(rows.every((row) => row.length <= 80), 'no row runs past 80 columns');
		const cells = rows.flatMap((row) => row.trim().split(/\s+/));
		for (const word of words) assert.ok(cells.includes(word), `${word} whole in ${JSON.stringify(rows)}`);
	}
});
