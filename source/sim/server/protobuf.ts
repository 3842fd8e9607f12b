// kubectl's typed `create` commands (namespace, deployment, configmap, secret, job, cronjob,
// service, ingress, pdb) send protobuf, not JSON, and do not fall back. This decodes the
// Kubernetes protobuf envelope and just the fields those commands set; anything else is refused
// with 415 by the caller.
import type {KubeObject} from '../../model/types.js';
import {badRequest} from './status.js';

type Field =
	| {name: string; type: 'string' | 'int' | 'bool' | 'bytes'; repeated?: boolean}
	/** map<string, string>, or map<string, bytes> (values as base64, as JSON carries []byte). */
	| {name: string; type: 'map'; values?: 'bytes'}
	| {name: string; type: 'message'; schema: Schema; repeated?: boolean; inline?: boolean}
	/** k8s.io/apimachinery IntOrString: {type, intVal, strVal} on the wire, a number or a string in JSON. */
	| {name: string; type: 'intOrString'};
type Schema = Record<number, Field>;

const str = (name: string, repeated = false): Field => ({name, type: 'string', repeated});
const int = (name: string): Field => ({name, type: 'int'});
const msg = (name: string, schema: Schema, repeated = false): Field => ({name, type: 'message', schema, repeated});

// Field numbers from k8s.io/api generated.proto.
const ownerReference: Schema = {1: str('kind'), 3: str('name'), 4: str('uid'), 5: str('apiVersion'), 6: {name: 'controller', type: 'bool'}, 7: {name: 'blockOwnerDeletion', type: 'bool'}};
const objectMeta: Schema = {1: str('name'), 2: str('generateName'), 3: str('namespace'), 11: {name: 'labels', type: 'map'}, 12: {name: 'annotations', type: 'map'}, 13: msg('ownerReferences', ownerReference, true), 14: str('finalizers', true)};
const labelSelector: Schema = {1: {name: 'matchLabels', type: 'map'}};
const quantityMap = (name: string): Field => ({name, type: 'map'});
const containerPort: Schema = {1: str('name'), 2: int('hostPort'), 3: int('containerPort'), 4: str('protocol')};
const envVar: Schema = {1: str('name'), 2: str('value')};
const container: Schema = {1: str('name'), 2: str('image'), 3: str('command', true), 4: str('args', true), 5: str('workingDir'), 6: msg('ports', containerPort, true), 7: msg('env', envVar, true), 8: msg('resources', {1: quantityMap('limits'), 2: quantityMap('requests')}), 13: str('terminationMessagePath'), 14: str('imagePullPolicy'), 20: str('terminationMessagePolicy')};
// A template copied from a stored object (create job --from) carries the server's defaults too.
const podSpec: Schema = {
	2: msg('containers', container, true),
	3: str('restartPolicy'),
	4: int('terminationGracePeriodSeconds'),
	6: str('dnsPolicy'),
	7: msg('nodeSelector', {}),
	8: str('serviceAccountName'),
	14: msg('securityContext', {}),
	19: str('schedulerName'),
	20: msg('initContainers', container, true),
};
podSpec[7] = {name: 'nodeSelector', type: 'map'};
const podTemplate: Schema = {1: msg('metadata', objectMeta), 2: msg('spec', podSpec)};
const deploymentSpec: Schema = {1: int('replicas'), 2: msg('selector', labelSelector), 3: msg('template', podTemplate), 5: int('minReadySeconds'), 6: int('revisionHistoryLimit'), 9: int('progressDeadlineSeconds')};

// `kubectl auth can-i` sends the self-reviews as protobuf too.
const resourceAttributes: Schema = {1: str('namespace'), 2: str('verb'), 3: str('group'), 4: str('version'), 5: str('resource'), 6: str('subresource'), 7: str('name')};
const accessReviewSpec: Schema = {1: msg('resourceAttributes', resourceAttributes), 2: msg('nonResourceAttributes', {1: str('path'), 2: str('verb')})};

// `kubectl create configmap` / `create secret generic|docker-registry|tls`.
const bool = (name: string): Field => ({name, type: 'bool'});
const configMap: Schema = {1: msg('metadata', objectMeta), 2: {name: 'data', type: 'map'}, 3: {name: 'binaryData', type: 'map', values: 'bytes'}, 4: bool('immutable')};
const secret: Schema = {1: msg('metadata', objectMeta), 2: {name: 'data', type: 'map', values: 'bytes'}, 3: str('type'), 4: {name: 'stringData', type: 'map'}, 5: bool('immutable')};
// kubectl create job --from=cronjob/… sends the CronJob's jobTemplate spec as a Job.
const jobSpec: Schema = {1: int('parallelism'), 2: int('completions'), 3: int('activeDeadlineSeconds'), 4: msg('selector', labelSelector), 5: {name: 'manualSelector', type: 'bool'}, 6: msg('template', podTemplate), 7: int('backoffLimit'), 8: int('ttlSecondsAfterFinished'), 9: str('completionMode'), 10: {name: 'suspend', type: 'bool'}};

// `kubectl create service clusterip|nodeport|loadbalancer|externalname`.
const intOrString = (name: string): Field => ({name, type: 'intOrString'});
const servicePort: Schema = {1: str('name'), 2: str('protocol'), 3: int('port'), 4: intOrString('targetPort'), 5: int('nodePort'), 6: str('appProtocol')};
const serviceSpec: Schema = {1: msg('ports', servicePort, true), 2: {name: 'selector', type: 'map'}, 3: str('clusterIP'), 4: str('type'), 5: str('externalIPs', true), 7: str('sessionAffinity'), 10: str('externalName'), 11: str('externalTrafficPolicy'), 17: str('ipFamilyPolicy'), 18: str('clusterIPs', true), 19: str('ipFamilies', true), 21: str('loadBalancerClass'), 22: str('internalTrafficPolicy')};
// `kubectl create ingress`: a rule's IngressRuleValue is embedded (inline in JSON: rule.http).
const ingressBackend: Schema = {4: msg('service', {1: str('name'), 2: msg('port', {1: str('name'), 2: int('number')})}), 3: msg('resource', {1: str('apiGroup'), 2: str('kind'), 3: str('name')})};
const ingressPath: Schema = {1: str('path'), 2: msg('backend', ingressBackend), 3: str('pathType')};
const ingressRule: Schema = {1: str('host'), 2: {name: 'ingressRuleValue', type: 'message', schema: {1: msg('http', {1: msg('paths', ingressPath, true)})}, inline: true}};
const ingressSpec: Schema = {1: msg('defaultBackend', ingressBackend), 2: msg('tls', {1: str('hosts', true), 2: str('secretName')}, true), 3: msg('rules', ingressRule, true), 4: str('ingressClassName')};
// `kubectl create poddisruptionbudget`.
const fullSelector: Schema = {1: {name: 'matchLabels', type: 'map'}, 2: msg('matchExpressions', {1: str('key'), 2: str('operator'), 3: str('values', true)}, true)};
const pdbSpec: Schema = {1: intOrString('minAvailable'), 2: msg('selector', fullSelector), 3: intOrString('maxUnavailable'), 4: str('unhealthyPodEvictionPolicy')};

const kinds: Record<string, Schema> = {
	'v1/Namespace': {1: msg('metadata', objectMeta)},
	'v1/ConfigMap': configMap,
	'v1/Secret': secret,
	'apps/v1/Deployment': {1: msg('metadata', objectMeta), 2: msg('spec', deploymentSpec)},
	'authorization.k8s.io/v1/SelfSubjectAccessReview': {1: msg('metadata', objectMeta), 2: msg('spec', accessReviewSpec)},
	'authorization.k8s.io/v1/SelfSubjectRulesReview': {1: msg('metadata', objectMeta), 2: msg('spec', {1: str('namespace')})},
	'batch/v1/Job': {1: msg('metadata', objectMeta), 2: msg('spec', jobSpec)},
	'v1/Service': {1: msg('metadata', objectMeta), 2: msg('spec', serviceSpec)},
	'networking.k8s.io/v1/Ingress': {1: msg('metadata', objectMeta), 2: msg('spec', ingressSpec)},
	'policy/v1/PodDisruptionBudget': {1: msg('metadata', objectMeta), 2: msg('spec', pdbSpec)},
	// `kubectl create cronjob`.
	'batch/v1/CronJob': {
		1: msg('metadata', objectMeta),
		2: msg('spec', {1: str('schedule'), 2: int('startingDeadlineSeconds'), 3: str('concurrencyPolicy'), 4: bool('suspend'), 5: msg('jobTemplate', {1: msg('metadata', objectMeta), 2: msg('spec', jobSpec)}), 6: int('successfulJobsHistoryLimit'), 7: int('failedJobsHistoryLimit'), 8: str('timeZone')}),
	},
};

/** Counts where 0 means something (JSON would send them); other zero ints are proto2's unset. */
const MEANINGFUL_ZERO: ReadonlySet<string> = new Set(['replicas', 'backoffLimit', 'parallelism', 'completions', 'ttlSecondsAfterFinished']);

class Reader {
	pos = 0;
	constructor(readonly buf: Buffer, readonly end = buf.length) {}
	varint(): number {
		let result = 0;
		let shift = 0;
		for (;;) {
			if (this.pos >= this.end) throw badRequest('truncated protobuf body');
			const byte = this.buf[this.pos++]!;
			result += (byte & 0x7f) * 2 ** shift;
			if ((byte & 0x80) === 0) return result;
			shift += 7;
		}
	}
	bytes(): Buffer {
		const length = this.varint();
		const start = this.pos;
		this.pos += length;
		if (this.pos > this.end) throw badRequest('truncated protobuf body');
		return this.buf.subarray(start, this.pos);
	}
	skip(wire: number): void {
		if (wire === 0) this.varint();
		else if (wire === 1) this.pos += 8;
		else if (wire === 2) this.bytes();
		else if (wire === 5) this.pos += 4;
		else throw badRequest(`unsupported protobuf wire type ${wire}`);
	}
}

function decode(buf: Buffer, schema: Schema): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const reader = new Reader(buf);
	while (reader.pos < reader.end) {
		const tag = reader.varint();
		const field = schema[Math.floor(tag / 8)];
		const wire = tag & 7;
		if (!field) {
			reader.skip(wire);
			continue;
		}
		let value: unknown;
		if (field.type === 'int') value = reader.varint();
		else if (field.type === 'bool') value = reader.varint() !== 0;
		else if (field.type === 'string') value = reader.bytes().toString('utf8');
		else if (field.type === 'bytes') value = reader.bytes().toString('base64');
		else if (field.type === 'map') {
			const entry = decode(reader.bytes(), {1: str('key'), 2: field.values === 'bytes' ? {name: 'value', type: 'bytes'} : str('value'), 3: msg('quantity', {1: str('string')})});
			const map = (out[field.name] ??= {}) as Record<string, string>;
			// Quantities (resources) are a message wrapping the string.
			map[String(entry.key)] = String(entry.value ?? (entry.quantity as {string?: string} | undefined)?.string ?? '');
			continue;
		} else if (field.type === 'intOrString') {
			const wrapped = decode(reader.bytes(), {1: int('type'), 2: int('intVal'), 3: str('strVal')});
			// Unset fields are dropped by decode(): an int of 0 comes back as no intVal.
			out[field.name] = wrapped.type === 1 ? String(wrapped.strVal ?? '') : Number(wrapped.intVal ?? 0);
			continue;
		} else if (field.type === 'message') {
			value = decode(reader.bytes(), field.schema);
			if (field.inline) {
				Object.assign(out, value);
				continue;
			}
		}
		if ('repeated' in field && field.repeated) ((out[field.name] ??= []) as unknown[]).push(value);
		// proto2 sends unset optional fields as ''/0; JSON would omit them (replicas 0 is meaningful).
		else if (value !== '' && (value !== 0 || MEANINGFUL_ZERO.has(field.name))) out[field.name] = value;
	}
	return out;
}

export const protobufMagic = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** Decodes a `k8s\0`-prefixed runtime.Unknown; undefined when the kind is not one we understand. */
export function decodeProtobufObject(body: Buffer): KubeObject | undefined {
	if (!body.subarray(0, 4).equals(protobufMagic)) throw badRequest('protobuf body without the k8s envelope');
	const unknown = decode(body.subarray(4), {1: msg('typeMeta', {1: str('apiVersion'), 2: str('kind')}), 2: {name: 'raw', type: 'bytes'}});
	const typeMeta = (unknown.typeMeta ?? {}) as {apiVersion?: string; kind?: string};
	const schema = kinds[`${typeMeta.apiVersion}/${typeMeta.kind}`];
	if (!schema || typeof unknown.raw !== 'string') return undefined;
	const object = decode(Buffer.from(unknown.raw, 'base64'), schema) as KubeObject;
	object.metadata ??= {} as KubeObject['metadata'];
	return {apiVersion: typeMeta.apiVersion, kind: typeMeta.kind, ...object};
}
