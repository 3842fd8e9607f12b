// Service rows, as `kubectl get services` prints them (printService, getServiceExternalIP, makePortString).
import type {BaseRow, Column, KindModel, KubeObject} from './types.js';
import {arr, rec, str, num, strings, stringMap} from './json.js';
import {rowBase} from './rowBase.js';
import {ageColumn, nameColumn, namespaceColumn} from './columns.js';
import {mapSelectorText} from './selectors.js';

export interface ServiceRow extends BaseRow {
	kind: 'Service';
	type: string;
	clusterIP: string;
	externalIP: string;
	ports: string;
	/** spec.selector; empty for services whose endpoints are managed by hand. */
	selector: Record<string, string>;
}

/** PORT(S): '80/TCP', '80:30080/TCP' with a node port, comma-joined; '<none>' without ports. */
export function servicePorts(ports: unknown): string {
	const text = arr(ports)
		.map((p) => {
			const port = num(p.port) ?? 0;
			const protocol = str(p.protocol) ?? 'TCP';
			const nodePort = num(p.nodePort) ?? 0;
			return nodePort > 0 ? `${port}:${nodePort}/${protocol}` : `${port}/${protocol}`;
		})
		.join(',');
	return text === '' ? '<none>' : text;
}

/** EXTERNAL-IP per service type, like kubectl (without its 16-character truncation: the table fits widths itself). */
export function serviceExternalIP(object: KubeObject): string {
	const spec = rec(object.spec);
	const type = str(spec?.type) ?? 'ClusterIP';
	const externalIPs = strings(spec?.externalIPs);
	switch (type) {
		case 'ClusterIP':
		case 'NodePort':
			return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
		case 'LoadBalancer': {
			const ingress = arr(rec(rec(object.status)?.loadBalancer)?.ingress).flatMap((i) => {
				const value = str(i.ip) || str(i.hostname);
				return value ? [value] : [];
			});
			// kubectl collects ingress addresses in a sorted set.
			const lb = [...new Set(ingress)].sort();
			const all = [...lb, ...externalIPs];
			return all.length > 0 ? all.join(',') : '<pending>';
		}
		case 'ExternalName':
			return str(spec?.externalName) ?? '';
		default:
			return '<unknown>';
	}
}

export function projectService(object: KubeObject): ServiceRow {
	const meta = object.metadata;
	const spec = rec(object.spec);
	const clusterIPs = strings(spec?.clusterIPs);
	const row: ServiceRow = {
		kind: 'Service',
		...rowBase(meta),
		type: str(spec?.type) ?? 'ClusterIP',
		clusterIP: clusterIPs[0] || str(spec?.clusterIP) || '<none>',
		externalIP: serviceExternalIP(object),
		ports: servicePorts(spec?.ports),
		selector: stringMap(spec?.selector),
		severity: 'ok',
	};
	// A load balancer still waiting for its address is the one state worth flagging at a glance.
	if (row.externalIP === '<pending>') row.severity = 'warn';
	return row;
}

export const serviceColumns: Array<Column<ServiceRow>> = [
	namespaceColumn<ServiceRow>(),
	nameColumn<ServiceRow>(),
	{id: 'type', title: 'TYPE', cell: (r) => r.type},
	{id: 'clusterip', title: 'CLUSTER-IP', cell: (r) => r.clusterIP},
	{id: 'externalip', title: 'EXTERNAL-IP', cell: (r) => r.externalIP},
	{id: 'ports', title: 'PORT(S)', cell: (r) => r.ports},
	ageColumn<ServiceRow>(),
	{id: 'selector', title: 'SELECTOR', wide: true, cell: (r) => mapSelectorText(r.selector) || '<none>'},
];

export const serviceModel: KindModel<ServiceRow> = {kind: 'Service', project: projectService, columns: serviceColumns};
