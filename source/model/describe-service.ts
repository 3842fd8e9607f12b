// `kubectl describe service`: how traffic reaches the pods (selector, IPs, ports, policies).
import type {KubeObject} from './types.js';
import {arr, rec, str, num, strings, stringMap} from './json.js';
import {DescribeWriter, describeEvents, describeMeta, flat} from './describe-format.js';
import {mapSelectorText} from './selectors.js';

/**
 * `pods` (optional) are pods in the service's namespace; ready ones matching the selector stand in
 * for the Endpoints line, since the data layer does not watch EndpointSlices.
 */
export function describeService(svc: KubeObject, events: readonly KubeObject[], now: number, pods?: readonly KubeObject[]): string[] {
	const w = new DescribeWriter();
	const spec = rec(svc.spec);
	const status = rec(svc.status);
	describeMeta(w, svc);
	const selector = stringMap(spec?.selector);
	w.kv(0, 'Selector', mapSelectorText(selector) || '<none>');
	const type = str(spec?.type) ?? 'ClusterIP';
	w.kv(0, 'Type', type);
	if (str(spec?.ipFamilyPolicy)) w.kv(0, 'IP Family Policy', spec?.ipFamilyPolicy);
	const families = strings(spec?.ipFamilies);
	if (families.length) w.kv(0, 'IP Families', families.join(','));
	w.kv(0, 'IP', str(spec?.clusterIP) || '<none>');
	const ips = strings(spec?.clusterIPs);
	if (ips.length) w.kv(0, 'IPs', ips.join(','));
	const external = strings(spec?.externalIPs);
	if (external.length) w.kv(0, 'External IPs', external.join(','));
	if (type === 'ExternalName') w.kv(0, 'External Name', spec?.externalName ?? '');
	if (type === 'LoadBalancer') {
		const ingress = arr(rec(status?.loadBalancer)?.ingress).map((i) => str(i.ip) || str(i.hostname) || '');
		w.kv(0, 'LoadBalancer Ingress', ingress.filter(Boolean).join(', ') || '<pending>');
	}
	const matching = pods?.filter((p) => {
		if (Object.keys(selector).length === 0) return false;
		const labels = p.metadata.labels ?? {};
		const ready = arr(rec(p.status)?.conditions).some((c) => c.type === 'Ready' && c.status === 'True');
		return ready && Object.entries(selector).every(([k, v]) => labels[k] === v);
	});
	for (const p of arr(spec?.ports)) {
		const name = str(p.name) || '<unset>';
		const protocol = str(p.protocol) ?? 'TCP';
		w.kv(0, 'Port', `${name}  ${num(p.port) ?? 0}/${protocol}`);
		const target = p.targetPort ?? p.port;
		w.kv(0, 'TargetPort', typeof target === 'number' ? `${target}/${protocol}` : flat(target));
		if ((num(p.nodePort) ?? 0) > 0) w.kv(0, 'NodePort', `${name}  ${num(p.nodePort)}/${protocol}`);
		if (matching) {
			const port = typeof target === 'number' ? target : num(p.port);
			const endpoints = matching.flatMap((pod) => (str(rec(pod.status)?.podIP) ? [`${str(rec(pod.status)?.podIP)}:${port ?? ''}`] : []));
			w.kv(0, 'Endpoints', endpoints.length ? endpoints.slice(0, 3).join(',') + (endpoints.length > 3 ? ` + ${endpoints.length - 3} more...` : '') : '<none>');
		}
	}
	w.kv(0, 'Session Affinity', str(spec?.sessionAffinity) ?? 'None');
	if (str(spec?.externalTrafficPolicy)) w.kv(0, 'External Traffic Policy', spec?.externalTrafficPolicy);
	if (str(spec?.internalTrafficPolicy)) w.kv(0, 'Internal Traffic Policy', spec?.internalTrafficPolicy);
	describeEvents(w, events, now);
	return w.lines();
}
