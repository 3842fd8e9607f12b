// Server-side defaulting and the validation errors clients most often meet (422 Invalid).
import {createHash} from 'node:crypto';
import type {KubeObject} from '../../model/types.js';
import type {ResourceType} from '../contracts.js';
import type {SimStore} from '../store.js';
import {invalid} from './status.js';
import {isoTime} from '../time.js';
import {validateDefinition} from './crds.js';

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

const subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const subdomainHelp = `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
const labelHelp = `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`;

function defaultPodSpec(spec: Obj): void {
	spec.restartPolicy ??= 'Always';
	spec.terminationGracePeriodSeconds ??= 30;
	spec.dnsPolicy ??= 'ClusterFirst';
	spec.schedulerName ??= 'default-scheduler';
	spec.serviceAccountName ??= 'default';
	spec.securityContext ??= {};
	for (const field of ['containers', 'initContainers']) {
		const list = spec[field];
		if (!Array.isArray(list)) continue;
		for (const c of list) {
			const container = rec(c);
			if (!container) continue;
			const image = typeof container.image === 'string' ? container.image : '';
			const tag = image.includes('@') ? 'digest' : (/:([^/:]+)$/.exec(image)?.[1] ?? 'latest');
			container.imagePullPolicy ??= tag === 'latest' ? 'Always' : 'IfNotPresent';
			container.terminationMessagePath ??= '/dev/termination-log';
			container.terminationMessagePolicy ??= 'File';
			container.resources ??= {};
			if (Array.isArray(container.ports)) for (const port of container.ports) if (rec(port)) (port as Obj).protocol ??= 'TCP';
		}
	}
}

function clusterIp(namespace: string, name: string): string {
	const hash = createHash('sha1').update(`${namespace}/${name}`).digest();
	return `10.96.${hash[0]}.${(hash[1]! % 253) + 1}`;
}

function nodePort(namespace: string, name: string, index: number): number {
	const hash = createHash('sha1').update(`${namespace}/${name}/${index}`).digest();
	return 30000 + (hash.readUInt16BE(0) % 2768);
}

export function applyDefaults(_store: SimStore, type: ResourceType, object: KubeObject): void {
	// Custom resources keep exactly what was sent (their schema's defaults are not applied).
	if (type.custom) return;
	if (type.kind === 'Secret') return defaultSecret(object);
	const spec = (object.spec ??= {}) as Obj;
	switch (type.kind) {
		case 'Pod': {
			defaultPodSpec(spec);
			const status = (object.status = {phase: 'Pending', ...object.status}) as Obj;
			// The API server marks a pod with scheduling gates at creation; the scheduler skips it.
			if (Array.isArray(spec.schedulingGates) && spec.schedulingGates.length > 0) {
				const others = Array.isArray(status.conditions) ? (status.conditions as Obj[]).filter(c => c.type !== 'PodScheduled') : [];
				status.conditions = [...others, {type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: isoTime(Date.now()), reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates'}];
			}
			break;
		}
		case 'Deployment': {
			spec.replicas ??= 1;
			spec.strategy ??= {type: 'RollingUpdate', rollingUpdate: {maxUnavailable: '25%', maxSurge: '25%'}};
			spec.revisionHistoryLimit ??= 10;
			spec.progressDeadlineSeconds ??= 600;
			const templateSpec = rec(rec(spec.template)?.spec);
			if (templateSpec) defaultPodSpec(templateSpec);
			break;
		}
		case 'ReplicaSet': {
			spec.replicas ??= 1;
			const templateSpec = rec(rec(spec.template)?.spec);
			if (templateSpec) defaultPodSpec(templateSpec);
			break;
		}
		case 'Service': {
			spec.type ??= 'ClusterIP';
			spec.sessionAffinity ??= 'None';
			// As kube-apiserver: an ExternalName service is a DNS alias and gets no address or families.
			if (spec.type === 'ExternalName') break;
			if (spec.clusterIP === undefined) spec.clusterIP = clusterIp(object.metadata.namespace ?? '', object.metadata.name ?? '');
			spec.clusterIPs ??= [spec.clusterIP];
			spec.ipFamilies ??= ['IPv4'];
			spec.ipFamilyPolicy ??= 'SingleStack';
			spec.internalTrafficPolicy ??= 'Cluster';
			const exposed = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
			if (exposed) spec.externalTrafficPolicy ??= 'Cluster';
			if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
			if (Array.isArray(spec.ports)) spec.ports.forEach((p, index) => {
				const port = rec(p);
				if (!port) return;
				port.protocol ??= 'TCP';
				port.targetPort ??= port.port;
				// The default node port range; a fixed choice per service and port keeps runs repeatable.
				if (exposed) port.nodePort ??= nodePort(object.metadata.namespace ?? '', object.metadata.name ?? '', index);
			});
			break;
		}
		case 'HorizontalPodAutoscaler':
			// autoscaling/v2 defaulting: at least one replica, and without metrics, 80% average CPU.
			spec.minReplicas ??= 1;
			if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) spec.metrics = [{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: 80}}}];
			break;
		case 'Namespace':
			object.spec = {finalizers: ['kubernetes'], ...spec};
			object.status = {phase: 'Active', ...object.status};
			break;
		case 'CronJob': {
			spec.concurrencyPolicy ??= 'Allow';
			spec.suspend ??= false;
			spec.successfulJobsHistoryLimit ??= 3;
			spec.failedJobsHistoryLimit ??= 1;
			const templateSpec = rec(rec(rec(rec(spec.jobTemplate)?.spec)?.template)?.spec);
			if (templateSpec) defaultPodSpec(templateSpec);
			break;
		}
		case 'PersistentVolumeClaim':
			spec.volumeMode ??= 'Filesystem';
			object.status = {phase: 'Pending', ...object.status};
			break;
		case 'PersistentVolume':
			spec.persistentVolumeReclaimPolicy ??= 'Retain';
			spec.volumeMode ??= 'Filesystem';
			object.status = {phase: 'Pending', ...object.status};
			break;
		case 'Node':
		case 'Event':
		case 'ConfigMap':
			if (Object.keys(spec).length === 0) delete object.spec;
			break;
	}
}

/** Secrets: type Opaque unless named, and stringData folded into data (base64) as the server stores it. */
function defaultSecret(object: KubeObject): void {
	const secret = object as KubeObject & {type?: string; data?: Record<string, string>; stringData?: Record<string, unknown>};
	secret.type ||= 'Opaque';
	if (secret.stringData && typeof secret.stringData === 'object') {
		const data = {...secret.data};
		for (const [key, value] of Object.entries(secret.stringData)) data[key] = Buffer.from(String(value)).toString('base64');
		secret.data = data;
		delete secret.stringData;
	}
}

/** Throws 422 Invalid for the mistakes a client can make through this UI or kubectl. */
export function validate(type: ResourceType, object: KubeObject, generateName?: string): void {
	const name = object.metadata.name ?? '';
	const kind = type.kind;
	if (!name && !generateName) throw invalid(kind, type.group, name, 'metadata.name', 'Required value: name or generateName is required', 'FieldValueRequired');
	const nameToCheck = name || `${generateName}x`;
	const asLabel = kind === 'Namespace' || kind === 'Service';
	if (!(asLabel ? label : subdomain).test(nameToCheck) || nameToCheck.length > (asLabel ? 63 : 253)) {
		throw invalid(kind, type.group, name, 'metadata.name', `Invalid value: "${name}": ${asLabel ? labelHelp : subdomainHelp}`);
	}
	if (type.resource === 'customresourcedefinitions' && type.group === 'apiextensions.k8s.io') validateDefinition(object);
	const spec = rec(object.spec) ?? {};
	if (kind === 'Pod' && (!Array.isArray(spec.containers) || spec.containers.length === 0)) {
		throw invalid(kind, type.group, name, 'spec.containers', 'Required value', 'FieldValueRequired');
	}
	if (kind === 'Service' && Array.isArray(spec.ports) && spec.ports.length > 1) {
		// As the real apiserver: once a Service has several ports, each needs a name to tell them apart
		// (found by test:real, where a JSON patch adding a second port to an unnamed one is refused).
		spec.ports.forEach((port, i) => {
			if (!rec(port)?.name) throw invalid(kind, type.group, name, `spec.ports[${i}].name`, 'Required value', 'FieldValueRequired');
		});
	}
	if (kind === 'Deployment' || kind === 'ReplicaSet') {
		const replicas = spec.replicas;
		if (typeof replicas === 'number' && replicas < 0) throw invalid(kind, type.group, name, 'spec.replicas', `Invalid value: ${replicas}: must be greater than or equal to 0`);
		const selector = rec(rec(spec.selector)?.matchLabels);
		if (!selector) throw invalid(kind, type.group, name, 'spec.selector', 'Required value', 'FieldValueRequired');
		const templateLabels = rec(rec(rec(spec.template)?.metadata)?.labels) ?? {};
		if (!Object.entries(selector).every(([k, v]) => templateLabels[k] === v)) {
			throw invalid(kind, type.group, name, 'spec.template.metadata.labels', `Invalid value: ${JSON.stringify(templateLabels)}: \`selector\` does not match template \`labels\``);
		}
	}
}
