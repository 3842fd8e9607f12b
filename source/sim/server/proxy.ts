// pods/proxy as the API server forwards it: GET /api/v1/namespaces/NS/pods/[SCHEME:]NAME[:PORT]/proxy/PATH.
// The simulator has no pod network, so only what a client scrapes through the proxy is
// answered: the DCGM exporter's :9400/metrics on the NVIDIA nodes and AMD's device-metrics-exporter's
// :5000/metrics on the AMD nodes. Any other pod or port
// fails as the real server does when nothing listens there (503 "error trying to reach").
import type {ServerResponse} from 'node:http';
import {ApiError} from '../contracts.js';
import type {SimStore} from '../store.js';
import type {KubeObject} from '../../model/types.js';
import {DCGM_LABELS, DCGM_PORT, dcgmMetricsText} from '../world/dcgm.js';
import {AMD_EXPORTER_LABELS, AMD_EXPORTER_PORT, amdMetricsText} from '../world/amdExporter.js';
import {sendText} from './status.js';

/** "name", "name:9400", "http:name:9400" → the pod name and port (undefined: the first declared port). */
export function parseProxyTarget(text: string): {name: string; port?: string} {
	const parts = decodeURIComponent(text).split(':');
	if (parts.length >= 3) return {name: parts[1]!, port: parts[2]!};
	if (parts.length === 2) return {name: parts[0]!, port: parts[1]!};
	return {name: parts[0]!};
}

function declaredPorts(pod: KubeObject): Array<{containerPort: number; name?: string}> {
	const containers = Array.isArray(pod.spec?.containers) ? (pod.spec!.containers as Array<{ports?: Array<{containerPort: number; name?: string}>}>) : [];
	return containers.flatMap(c => c.ports ?? []);
}

const isDcgm = (pod: KubeObject): boolean => pod.metadata.labels?.app === DCGM_LABELS.app || pod.metadata.labels?.['app.kubernetes.io/name'] === DCGM_LABELS['app.kubernetes.io/name'];
const isAmd = (pod: KubeObject): boolean => pod.metadata.labels?.app === AMD_EXPORTER_LABELS.app;

/** Which exporter listens on this pod's port, if any. */
function exporterAt(pod: KubeObject, port: number | undefined): 'dcgm' | 'amd' | undefined {
	if (isDcgm(pod) && port === DCGM_PORT) return 'dcgm';
	if (isAmd(pod) && port === AMD_EXPORTER_PORT) return 'amd';
	return undefined;
}

/** Answers a pods/proxy path; false for any other path. */
export function serveProxy(store: SimStore, method: string, segments: readonly string[], res: ServerResponse, nowMs = Date.now()): boolean {
	if (segments[0] !== 'api' || segments[1] !== 'v1' || segments[2] !== 'namespaces' || segments[4] !== 'pods' || segments[6] !== 'proxy' || segments.length < 7) return false;
	const namespace = segments[3]!;
	const target = parseProxyTarget(segments[5]!);
	const path = segments.slice(7).join('/');
	const pod = store.get('pods', namespace, target.name);
	if (!pod) throw new ApiError(404, 'NotFound', `pods "${target.name}" not found`, {name: target.name, kind: 'pods'});
	const ports = declaredPorts(pod);
	const port = target.port === undefined ? ports[0]?.containerPort : (ports.find(p => p.name === target.port)?.containerPort ?? Number(target.port));
	const nodeName = typeof pod.spec?.nodeName === 'string' ? pod.spec.nodeName : undefined;
	const running = (pod.status as {phase?: string} | undefined)?.phase === 'Running';
	const exporter = exporterAt(pod, port);
	if (!running || !nodeName || !exporter || (path !== 'metrics' && path !== '')) {
		throw new ApiError(503, 'ServiceUnavailable', `error trying to reach service: dial tcp ${target.name}:${port ?? 80}: connect: connection refused`);
	}
	if (method !== 'GET' && method !== 'HEAD') throw new ApiError(405, 'MethodNotAllowed', 'the exporter answers GET only');
	if (path === '') {
		sendText(res, 200, '<html><body><a href="/metrics">Metrics</a></body></html>\n', 'text/html');
		return true;
	}
	const node = store.get('nodes', undefined, nodeName);
	if (!node) throw new ApiError(503, 'ServiceUnavailable', `error trying to reach service: node ${nodeName} is gone`);
	const podsOnNode = store.list('pods').filter(p => p.spec?.nodeName === nodeName);
	sendText(res, 200, exporter === 'amd' ? amdMetricsText(node, podsOnNode, nowMs) : dcgmMetricsText(node, podsOnNode, nowMs), 'text/plain; version=0.0.4; charset=utf-8');
	return true;
}
