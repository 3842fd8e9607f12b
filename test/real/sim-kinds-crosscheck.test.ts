// The simulator's printers for every other kind it serves, fed objects a real kube-apiserver
// stored and printed: each Table row's cells (includeObject=Object) must equal what the
// simulator's printer makes of the same object, and the column definitions must match.
// Runs only under `npm run test:real` (KUBEDECK_TEST_KUBECONFIG).
import {crosscheckPrinters, type Sample} from './printer-crosscheck.js';
import {corpusPlace, type Json} from './pod-corpus.js';

const place = corpusPlace('kd-simkinds');
const ns = place.namespace;
const labels = {'kubedeck.io/crosscheck': place.suffix};
const selector = `labelSelector=${encodeURIComponent(`kubedeck.io/crosscheck=${place.suffix}`)}`;
const minutesAgo = (m: number) => new Date(Math.floor((Date.now() - m * 60_000 - 20_000) / 1000) * 1000).toISOString().replace('.000Z', 'Z');

const template = (app: string, extra: Json = {}): Json => ({
	metadata: {labels: {app}},
	spec: {containers: [{name: 'web', image: 'example/web:1'}, {name: 'log', image: 'example/log:2'}], ...extra},
});

const samples: Sample[] = [
	{
		kind: 'Deployment', path: `/apis/apps/v1/namespaces/${ns}/deployments`,
		objects: [{metadata: {name: 'web', labels}, spec: {replicas: 0, selector: {matchLabels: {app: 'web'}, matchExpressions: [{key: 'tier', operator: 'NotIn', values: ['db', 'cache']}, {key: 'canary', operator: 'DoesNotExist'}]}, template: {...template('web'), metadata: {labels: {app: 'web', tier: 'front'}}}}}],
	},
	{
		kind: 'StatefulSet', path: `/apis/apps/v1/namespaces/${ns}/statefulsets`,
		objects: [{metadata: {name: 'db', labels}, spec: {replicas: 0, serviceName: 'db', selector: {matchLabels: {app: 'db'}}, template: template('db')}}],
	},
	{
		kind: 'DaemonSet', path: `/apis/apps/v1/namespaces/${ns}/daemonsets`,
		objects: [{metadata: {name: 'agent', labels}, spec: {selector: {matchLabels: {app: 'agent'}}, template: template('agent', {nodeSelector: {'kubedeck.io/no-such-node': 'true', zone: 'b'}})}}],
	},
	{
		kind: 'Job', path: `/apis/batch/v1/namespaces/${ns}/jobs`,
		objects: [
			{metadata: {name: 'suspended', labels}, spec: {suspend: true, completions: 3, parallelism: 2, template: template('batch', {restartPolicy: 'Never'})}},
			{metadata: {name: 'parallel', labels}, spec: {suspend: true, parallelism: 3, template: template('batch', {restartPolicy: 'Never'})}},
		],
	},
	{
		kind: 'Service', path: `/api/v1/namespaces/${ns}/services`,
		objects: [
			{metadata: {name: 'plain', labels}, spec: {selector: {app: 'web', tier: 'front'}, ports: [{port: 80, targetPort: 8080, name: 'http'}, {port: 53, protocol: 'UDP', name: 'dns'}]}},
			{metadata: {name: 'nodeport', labels}, spec: {type: 'NodePort', selector: {app: 'web'}, ports: [{port: 443}]}},
			{metadata: {name: 'balancer', labels}, spec: {type: 'LoadBalancer', selector: {app: 'web'}, ports: [{port: 443}]}},
			{metadata: {name: 'alias', labels}, spec: {type: 'ExternalName', externalName: 'db.example.com'}},
			{metadata: {name: 'headless', labels}, spec: {clusterIP: 'None', selector: {app: 'db'}}},
		],
	},
	{
		kind: 'EndpointSlice', path: `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices`,
		objects: [
			{metadata: {name: 'many', labels}, addressType: 'IPv4', ports: [{name: 'http', port: 80, protocol: 'TCP'}, {name: 'any'}], endpoints: ['10.1.0.1', '10.1.0.2', '10.1.0.3', '10.1.0.4', '10.1.0.5'].map((ip) => ({addresses: [ip]}))},
			{metadata: {name: 'empty', labels}, addressType: 'IPv6', endpoints: []},
		],
	},
	{
		kind: 'HorizontalPodAutoscaler', path: `/apis/autoscaling/v2/namespaces/${ns}/horizontalpodautoscalers`,
		objects: [
			{
				metadata: {name: 'web', labels},
				spec: {
					scaleTargetRef: {apiVersion: 'apps/v1', kind: 'Deployment', name: 'web'}, maxReplicas: 5,
					metrics: [
						{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: 80}}},
						{type: 'Resource', resource: {name: 'memory', target: {type: 'AverageValue', averageValue: '100Mi'}}},
						{type: 'Pods', pods: {metric: {name: 'qps'}, target: {type: 'AverageValue', averageValue: '10'}}},
					],
				},
			},
			{metadata: {name: 'bare', labels}, spec: {scaleTargetRef: {apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db'}, minReplicas: 2, maxReplicas: 4}},
		],
	},
	{
		kind: 'PodDisruptionBudget', path: `/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets`,
		objects: [
			{metadata: {name: 'half', labels}, spec: {minAvailable: '50%', selector: {matchLabels: {app: 'web'}}}},
			{metadata: {name: 'one', labels}, spec: {maxUnavailable: 1, selector: {matchLabels: {app: 'db'}}}},
		],
	},
	{
		kind: 'Event', path: `/api/v1/namespaces/${ns}/events`,
		objects: [
			{metadata: {name: 'web.backoff', labels}, type: 'Warning', reason: 'BackOff', message: ' Back-off restarting failed container ', involvedObject: {kind: 'Pod', namespace: ns, name: 'web-1', fieldPath: 'spec.containers{web}'}, source: {component: 'kubelet', host: 'worker-1'}, count: 14, firstTimestamp: minutesAgo(47), lastTimestamp: minutesAgo(1)},
			{metadata: {name: 'web.scaled', labels}, type: 'Normal', reason: 'ScalingReplicaSet', message: 'Scaled up', involvedObject: {kind: 'Deployment', namespace: ns, name: 'web'}, source: {component: 'deployment-controller'}, firstTimestamp: minutesAgo(3), lastTimestamp: minutesAgo(3)},
		],
	},
	{
		kind: 'ConfigMap', path: `/api/v1/namespaces/${ns}/configmaps`,
		objects: [
			{metadata: {name: 'settings', labels}, data: {a: '1', b: '2'}, binaryData: {c: 'AA=='}},
			{metadata: {name: 'empty', labels}},
		],
	},
	// The Deployment controller makes one for `web` (template labels app=web, tier=front).
	{kind: 'ReplicaSet', path: `/apis/apps/v1/namespaces/${ns}/replicasets`, objects: [], query: `labelSelector=${encodeURIComponent('app=web')}`, made: true},
	{kind: 'Namespace', path: '/api/v1/namespaces', objects: [], query: `fieldSelector=${encodeURIComponent(`metadata.name=${ns}`)}`},
	{kind: 'Node', path: '/api/v1/nodes', objects: [{metadata: {name: place.nodeName, labels: {...labels, 'node-role.kubernetes.io/worker': '', 'kubernetes.io/role': 'gpu'}}, spec: {unschedulable: true}}]},
];

crosscheckPrinters({title: 'the simulator\'s printers for the other kinds', namespace: ns, labels, selector, samples, cleanup: [`/api/v1/nodes/${place.nodeName}`]});
