// A pod's containers as rows (the pane Enter on a pod opens): one row per init container,
// sidecar and app container, with the state the kubelet last reported. Pure: the pod JSON
// in, rows out, so the pane re-projects whenever it re-fetches the pod.
import type {BaseRow, Column, KubeObject, Severity} from './types.js';
import {arr, bool, num, rec, str, type Json} from './json.js';
import {formatAge, parseTime} from './age.js';
import {reasonSeverity} from './severity.js';
import {formatBytes, formatCpu, tryParseQuantity} from './quantity.js';

export type ContainerType = 'init' | 'sidecar' | 'app';

export interface ContainerRow extends BaseRow {
	/** The pod the container runs in; describe, YAML and logs act on it. */
	pod: {name: string; namespace?: string; uid: string};
	type: ContainerType;
	image: string;
	ready: boolean;
	/** 'Running', 'Waiting: CrashLoopBackOff', 'Terminated: Error (exit 1)', or 'Waiting' before any status. */
	state: string;
	restarts: number;
	/** When the current state began (startedAt of running/terminated), epoch ms. */
	stateSince?: number;
	ports: string;
	requests: {cpu?: number; memory?: number};
	limits: {cpu?: number; memory?: number};
}

function stateOf(status: Json | undefined): {state: string; since?: number; severity: Severity} {
	const state = rec(status?.['state']);
	const running = rec(state?.['running']);
	if (running) return {state: 'Running', since: parseTime(running['startedAt']), severity: 'ok'};
	const terminated = rec(state?.['terminated']);
	if (terminated) {
		const code = num(terminated['exitCode']) ?? 0;
		const reason = str(terminated['reason']) ?? (terminated['signal'] !== undefined ? `Signal:${num(terminated['signal'])}` : 'Terminated');
		return {state: `Terminated: ${reason} (exit ${code})`, since: parseTime(terminated['startedAt']), severity: code === 0 ? 'done' : 'error'};
	}
	const waiting = rec(state?.['waiting']);
	const reason = str(waiting?.['reason']);
	if (reason) {
		// Waiting is never fine: at best it is on its way (warn).
		return {state: `Waiting: ${reason}`, severity: reasonSeverity(reason) === 'error' ? 'error' : 'warn'};
	}
	// No status yet (pod not scheduled, or the kubelet has not reported): waiting, reason unknown.
	return {state: 'Waiting', severity: 'warn'};
}

function resources(spec: Json, which: 'requests' | 'limits'): {cpu?: number; memory?: number} {
	const amounts = rec(rec(spec['resources'])?.[which]);
	const out: {cpu?: number; memory?: number} = {};
	const cpu = tryParseQuantity(str(amounts?.['cpu']) ?? num(amounts?.['cpu']));
	const memory = tryParseQuantity(str(amounts?.['memory']) ?? num(amounts?.['memory']));
	if (cpu !== undefined) out.cpu = cpu;
	if (memory !== undefined) out.memory = memory;
	return out;
}

function portsText(spec: Json): string {
	return arr(spec['ports'])
		.map((p) => {
			const port = num(p['containerPort']);
			if (port === undefined) return '';
			const protocol = str(p['protocol']) ?? 'TCP';
			const name = str(p['name']);
			return `${name ? `${name}:` : ''}${port}${protocol === 'TCP' ? '' : `/${protocol}`}`;
		})
		.filter(Boolean)
		.join(',');
}

/** One row per container, in the order the pod declares them: init containers (and sidecars) first. */
export function containerRows(pod: KubeObject): ContainerRow[] {
	const spec = pod.spec ?? {};
	const status = pod.status ?? {};
	const owner = {name: pod.metadata.name, uid: pod.metadata.uid, ...(pod.metadata.namespace !== undefined ? {namespace: pod.metadata.namespace} : {})};
	const statuses = (key: string) => new Map(arr(status[key]).map((s) => [str(s['name']) ?? '', s]));
	const initStatus = statuses('initContainerStatuses');
	const appStatus = statuses('containerStatuses');
	const declared: Array<{spec: Json; type: ContainerType; status: Json | undefined}> = [
		...arr(spec['initContainers']).map((c) => ({
			spec: c,
			// A restartable init container is a sidecar: it keeps running beside the app containers.
			type: (str(c['restartPolicy']) === 'Always' ? 'sidecar' : 'init') as ContainerType,
			status: initStatus.get(str(c['name']) ?? ''),
		})),
		...arr(spec['containers']).map((c) => ({spec: c, type: 'app' as ContainerType, status: appStatus.get(str(c['name']) ?? '')})),
	];
	return declared.map(({spec: c, type, status: s}) => {
		const name = str(c['name']) ?? '';
		const {state, since, severity} = stateOf(s);
		const ready = bool(s?.['ready']) ?? false;
		const row: ContainerRow = {
			uid: `${pod.metadata.uid}/${name}`,
			name,
			pod: owner,
			type,
			image: str(c['image']) ?? '',
			ready,
			state,
			restarts: num(s?.['restartCount']) ?? 0,
			ports: portsText(c),
			requests: resources(c, 'requests'),
			limits: resources(c, 'limits'),
			// A running app container that is not ready is a problem worth the colour.
			severity: severity === 'ok' && !ready && type !== 'init' ? 'warn' : severity,
		};
		if (pod.metadata.namespace !== undefined) row.namespace = pod.metadata.namespace;
		if (since !== undefined) row.stateSince = since;
		return row;
	});
}

const amount = (value: number | undefined, format: (n: number) => string) => (value === undefined ? '-' : format(value));

export const containerColumns: Column<ContainerRow>[] = [
	{id: 'name', title: 'NAME', cell: (r) => r.name},
	{id: 'type', title: 'TYPE', cell: (r) => r.type},
	{id: 'image', title: 'IMAGE', cell: (r) => r.image},
	{id: 'ready', title: 'READY', cell: (r) => String(r.ready)},
	{id: 'status', title: 'STATE', cell: (r) => r.state},
	{id: 'restarts', title: 'RESTARTS', align: 'right', cell: (r) => String(r.restarts), sortValue: (r) => r.restarts},
	{id: 'ports', title: 'PORTS', cell: (r) => r.ports},
	{id: 'cpuRequest', title: 'CPU/R', wide: true, align: 'right', cell: (r) => amount(r.requests.cpu, formatCpu), sortValue: (r) => r.requests.cpu ?? -1},
	{id: 'cpuLimit', title: 'CPU/L', wide: true, align: 'right', cell: (r) => amount(r.limits.cpu, formatCpu), sortValue: (r) => r.limits.cpu ?? -1},
	{id: 'memRequest', title: 'MEM/R', wide: true, align: 'right', cell: (r) => amount(r.requests.memory, formatBytes), sortValue: (r) => r.requests.memory ?? -1},
	{id: 'memLimit', title: 'MEM/L', wide: true, align: 'right', cell: (r) => amount(r.limits.memory, formatBytes), sortValue: (r) => r.limits.memory ?? -1},
	{
		id: 'age',
		title: 'AGE',
		align: 'right',
		cell: (r, now) => (r.stateSince === undefined ? '-' : formatAge(r.stateSince, now)),
		sortValue: (r, now) => (r.stateSince === undefined ? Number.MAX_SAFE_INTEGER : now - r.stateSince),
	},
];
