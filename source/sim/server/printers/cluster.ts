// Node, Namespace, Service, EndpointSlice, HorizontalPodAutoscaler, PodDisruptionBudget and Event
// rows as the API server prints them (always the wide set: kubectl drops priority-1 columns).
import type {KubeObject} from '../../../model/types.js';
import {parseTime} from '../../time.js';
import {age, col, formatLabels, get, int, list, nameColumn, orNone, since, str, wide, type Printer} from './format.js';

const ROLE_PREFIX = 'node-role.kubernetes.io/';

function nodeStatus(o: KubeObject): string {
	// Only the Ready condition is printed; a later duplicate of it wins, as in the server's map.
	const ready = list<{type?: string; status?: string}>(get(o, 'status', 'conditions')).filter(c => c.type === 'Ready').at(-1);
	const words = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
	if (get(o, 'spec', 'unschedulable') === true) words.push('SchedulingDisabled');
	return words.join(',');
}

function nodeRoles(o: KubeObject): string {
	const roles = new Set<string>();
	for (const [key, value] of Object.entries(o.metadata.labels ?? {})) {
		if (key.startsWith(ROLE_PREFIX)) {
			if (key.length > ROLE_PREFIX.length) roles.add(key.slice(ROLE_PREFIX.length));
		} else if (key === 'kubernetes.io/role' && value) roles.add(value);
	}
	return orNone([...roles].sort().join(','));
}

function nodeWide(o: KubeObject): string[] {
	const address = (type: string) => list<{type?: string; address?: string}>(get(o, 'status', 'addresses')).find(a => a.type === type)?.address ?? '<none>';
	const info = (field: string) => str(get(o, 'status', 'nodeInfo', field));
	const arch = info('architecture');
	const kernel = (info('kernelVersion') || '<unknown>') + (arch ? ` (${arch})` : '');
	return [address('InternalIP'), address('ExternalIP'), info('osImage') || '<unknown>', kernel, info('containerRuntimeVersion') || '<unknown>'];
}

function serviceExternalIP(o: KubeObject): string {
	const externalIPs = list<string>(get(o, 'spec', 'externalIPs'));
	switch (str(get(o, 'spec', 'type'))) {
		case 'ClusterIP':
		case 'NodePort':
			return externalIPs.length ? externalIPs.join(',') : '<none>';
		case 'LoadBalancer': {
			const ingress = new Set<string>();
			for (const i of list<{ip?: string; hostname?: string}>(get(o, 'status', 'loadBalancer', 'ingress'))) if (i.ip || i.hostname) ingress.add((i.ip || i.hostname)!);
			return [...[...ingress].sort(), ...externalIPs].join(',') || '<pending>';
		}
		case 'ExternalName':
			return str(get(o, 'spec', 'externalName'));
		default:
			return '<unknown>';
	}
}

function servicePorts(o: KubeObject): string {
	const ports = list<{port?: number; protocol?: string; nodePort?: number}>(get(o, 'spec', 'ports'));
	return orNone(ports.map(p => `${int(p.port)}${int(p.nodePort) > 0 ? `:${p.nodePort}` : ''}/${str(p.protocol)}`).join(','));
}

/** At most three items, then " + N more..."; "<unset>" for none. */
function firstThree(items: string[]): string {
	if (items.length > 3) return `${items.slice(0, 3).join(',')} + ${items.length - 3} more...`;
	return items.join(',') || '<unset>';
}

type Amount = {averageUtilization?: number; averageValue?: string | number; value?: string | number};
type MetricSource = {name?: string; target?: Amount; current?: Amount};
type Metric = {type?: string; resource?: MetricSource; containerResource?: MetricSource; pods?: MetricSource; object?: MetricSource; external?: MetricSource};

/** One HPA metric as "current/target"; the matching status is the one at the same index. */
function metricText(spec: Metric, status: Metric | undefined): string {
	const quantity = (v: unknown) => (v === undefined || v === null ? '<unknown>' : String(v));
	const source = (m: Metric | undefined, key: keyof Metric) => m?.[key] as MetricSource | undefined;
	switch (spec.type) {
		case 'Resource':
		case 'ContainerResource': {
			const key = spec.type === 'Resource' ? 'resource' : 'containerResource';
			const target = source(spec, key);
			const current = source(status, key)?.current;
			const name = target?.name ?? '';
			if (target?.target?.averageValue !== undefined) return `${name}: ${current ? quantity(current.averageValue) : '<unknown>'}/${target.target.averageValue}`;
			const now = current?.averageUtilization === undefined ? '<unknown>' : `${current.averageUtilization}%`;
			const want = target?.target?.averageUtilization === undefined ? '<auto>' : `${target.target.averageUtilization}%`;
			return `${name}: ${now}/${want}`;
		}
		case 'Pods':
			return `${status?.pods ? quantity(status.pods.current?.averageValue) : '<unknown>'}/${quantity(spec.pods?.target?.averageValue)}`;
		case 'Object':
		case 'External': {
			const key = spec.type === 'Object' ? 'object' : 'external';
			const target = source(spec, key)?.target;
			const current = source(status, key)?.current;
			if (target?.averageValue !== undefined) return `${current?.averageValue !== undefined ? quantity(current.averageValue) : '<unknown>'}/${target.averageValue} (avg)`;
			return `${current ? quantity(current.value) : '<unknown>'}/${quantity(target?.value)}`;
		}
		default:
			return '<unknown type>';
	}
}

/** formatHPAMetrics: the first two metrics, then " + N more..."; <none> without metrics. */
function hpaTargets(o: KubeObject): string {
	const specs = list<Metric>(get(o, 'spec', 'metrics'));
	if (specs.length === 0) return '<none>';
	const statuses = list<Metric>(get(o, 'status', 'currentMetrics'));
	const texts = specs.map((m, i) => metricText(m, statuses[i]));
	return texts.length > 2 ? `${texts.slice(0, 2).join(', ')} + ${texts.length - 2} more...` : texts.join(', ');
}

/** IntOrString.String(): the number in decimal or the string as written. */
const intOrString = (v: unknown): string => (v === undefined || v === null ? 'N/A' : String(v));

function eventCells(o: KubeObject, now: number): Array<string | number> {
	const first = parseTime(get(o, 'firstTimestamp')) === undefined ? since(get(o, 'eventTime'), now) : since(get(o, 'firstTimestamp'), now);
	const series = get(o, 'series');
	let last = parseTime(get(o, 'lastTimestamp')) === undefined ? first : since(get(o, 'lastTimestamp'), now);
	let count = int(get(o, 'count'));
	if (series && typeof series === 'object') {
		last = since(get(series, 'lastObservedTime'), now);
		count = int(get(series, 'count'));
	} else if (count === 0) count = 1; // singleton events of the new API carry no count
	const kind = str(get(o, 'involvedObject', 'kind')).toLowerCase();
	const name = str(get(o, 'involvedObject', 'name'));
	const component = str(get(o, 'source', 'component')) || str(get(o, 'reportingComponent'));
	const instance = str(get(o, 'source', 'host')) || str(get(o, 'reportingInstance'));
	return [last, str(get(o, 'type')), str(get(o, 'reason')), name ? `${kind}/${name}` : kind, str(get(o, 'involvedObject', 'fieldPath')), instance ? `${component}, ${instance}` : component, str(get(o, 'message')).trim(), first, count, o.metadata.name];
}

export const clusterPrinters: Record<string, Printer> = {
	Node: {
		columns: [nameColumn, col('Status'), col('Roles'), col('Age'), col('Version'), wide('Internal-IP'), wide('External-IP'), wide('OS-Image'), wide('Kernel-Version'), wide('Container-Runtime')],
		cells: (o, now) => [o.metadata.name, nodeStatus(o), nodeRoles(o), age(o, now), str(get(o, 'status', 'nodeInfo', 'kubeletVersion')), ...nodeWide(o)],
	},
	// DATA counts the keys of data and binaryData together, as printConfigMap does.
	ConfigMap: {
		columns: [nameColumn, col('Data'), col('Age')],
		cells: (o, now) => [o.metadata.name, Object.keys((get(o, 'data') as object | undefined) ?? {}).length + Object.keys((get(o, 'binaryData') as object | undefined) ?? {}).length, age(o, now)],
	},
	Namespace: {
		columns: [nameColumn, col('Status'), col('Age')],
		cells: (o, now) => [o.metadata.name, str(get(o, 'status', 'phase')), age(o, now)],
	},
	Service: {
		columns: [nameColumn, col('Type'), col('Cluster-IP'), col('External-IP'), col('Port(s)'), col('Age'), wide('Selector')],
		cells: (o, now) => [o.metadata.name, str(get(o, 'spec', 'type')), list<string>(get(o, 'spec', 'clusterIPs'))[0] ?? '<none>', serviceExternalIP(o), servicePorts(o), age(o, now), formatLabels(get(o, 'spec', 'selector'))],
	},
	EndpointSlice: {
		columns: [nameColumn, col('AddressType'), col('Ports'), col('Endpoints'), col('Age')],
		cells(o, now) {
			const ports = list<{port?: number; name?: string}>(get(o, 'ports')).map(p => (typeof p.port === 'number' ? String(p.port) : typeof p.name === 'string' ? p.name : '*'));
			const addresses = list<{addresses?: string[]}>(get(o, 'endpoints')).flatMap(e => list<string>(e.addresses));
			return [o.metadata.name, str(get(o, 'addressType')), firstThree(ports), firstThree(addresses), age(o, now)];
		},
	},
	HorizontalPodAutoscaler: {
		columns: [nameColumn, col('Reference'), col('Targets'), col('MinPods'), col('MaxPods'), col('Replicas'), col('Age')],
		cells(o, now) {
			const min = get(o, 'spec', 'minReplicas');
			const reference = `${str(get(o, 'spec', 'scaleTargetRef', 'kind'))}/${str(get(o, 'spec', 'scaleTargetRef', 'name'))}`;
			return [o.metadata.name, reference, hpaTargets(o), typeof min === 'number' ? String(min) : '<unset>', int(get(o, 'spec', 'maxReplicas')), int(get(o, 'status', 'currentReplicas')), age(o, now)];
		},
	},
	PodDisruptionBudget: {
		columns: [nameColumn, col('Min Available'), col('Max Unavailable'), col('Allowed Disruptions', 'integer'), col('Age')],
		cells: (o, now) => [o.metadata.name, intOrString(get(o, 'spec', 'minAvailable')), intOrString(get(o, 'spec', 'maxUnavailable')), int(get(o, 'status', 'disruptionsAllowed')), age(o, now)],
	},
	Event: {
		columns: [col('Last Seen'), col('Type'), col('Reason'), col('Object'), wide('Subobject'), wide('Source'), col('Message'), wide('First Seen'), wide('Count'), col('Name', 'string', 1, 'name')],
		cells: eventCells,
	},
};
