// metrics.k8s.io/v1beta1 as metrics-server serves it: PodMetrics and NodeMetrics, get and list,
// computed at request time from the stored pods and nodes (nothing is stored), each sample
// stamped with the start of its metrics window and the window's length.
import type {ServerResponse} from 'node:http';
import {ApiError, type ResourceType} from '../contracts.js';
import type {SimStore} from '../store.js';
import type {KubeObject} from '../../model/types.js';
import {isoTime} from '../time.js';
import {METRICS_WINDOW_MS, nodeUsage, podUsage, reportsUsage, windowStart, type Usage} from './metrics-usage.js';
import {compileSelectors} from './selectors.js';
import {sendJson} from './status.js';

const GROUP = 'metrics.k8s.io';
const VERSION = 'v1beta1';
const API_VERSION = `${GROUP}/${VERSION}`;

/** What discovery advertises for the metrics API (read-only, as the aggregated API is). */
export const metricsTypes: readonly ResourceType[] = [
	{group: GROUP, version: VERSION, resource: 'nodes', kind: 'NodeMetrics', namespaced: false, verbs: ['get', 'list'], singular: ''},
	{group: GROUP, version: VERSION, resource: 'pods', kind: 'PodMetrics', namespaced: true, verbs: ['get', 'list'], singular: ''},
];

const window = `${METRICS_WINDOW_MS / 1000}s`;

const cpuText = (nanocores: number): string => `${nanocores}n`;
const memoryText = (bytes: number): string => `${Math.round(bytes / 1024)}Ki`;
const usageText = (usage: Usage): {cpu: string; memory: string} => ({cpu: cpuText(usage.cpu), memory: memoryText(usage.memory)});

function metadataOf(object: KubeObject, nowMs: number): Record<string, unknown> {
	const metadata: Record<string, unknown> = {name: object.metadata.name};
	if (object.metadata.namespace) metadata.namespace = object.metadata.namespace;
	metadata.creationTimestamp = isoTime(nowMs);
	if (object.metadata.labels) metadata.labels = object.metadata.labels;
	return metadata;
}

export function podMetricsOf(pod: KubeObject, nowMs: number): Record<string, unknown> {
	return {
		kind: 'PodMetrics',
		apiVersion: API_VERSION,
		metadata: metadataOf(pod, nowMs),
		timestamp: isoTime(windowStart(nowMs)),
		window,
		containers: podUsage(pod, nowMs).map(c => ({name: c.name, usage: usageText(c)})),
	};
}

export function nodeMetricsOf(node: KubeObject, pods: readonly KubeObject[], nowMs: number): Record<string, unknown> {
	return {
		kind: 'NodeMetrics',
		apiVersion: API_VERSION,
		metadata: metadataOf(node, nowMs),
		timestamp: isoTime(windowStart(nowMs)),
		window,
		usage: usageText(nodeUsage(node, pods, nowMs)),
	};
}

const notFound = (resource: string, name: string): ApiError => new ApiError(404, 'NotFound', `${resource}.${GROUP} "${name}" not found`, {name, group: GROUP, kind: resource});

function runningPods(store: SimStore, namespace?: string): KubeObject[] {
	return store.list('pods', namespace).filter(reportsUsage);
}

/**
 * Answers /apis/metrics.k8s.io/v1beta1/{nodes[/NAME], pods, namespaces/NS/pods[/NAME]}; false
 * for any other path. The discovery documents come from metricsTypes with the stored types.
 */
export function serveMetrics(store: SimStore, method: string, segments: readonly string[], query: URLSearchParams, res: ServerResponse, nowMs = Date.now()): boolean {
	if (segments[0] !== 'apis' || segments[1] !== GROUP || segments[2] !== VERSION || segments.length < 4) return false;
	let rest = segments.slice(3);
	let namespace: string | undefined;
	if (rest[0] === 'namespaces' && rest.length >= 3) {
		namespace = rest[1];
		rest = rest.slice(2);
	}
	const [resource, name, ...extra] = rest;
	if ((resource !== 'pods' && resource !== 'nodes') || extra.length > 0 || (resource === 'nodes' && namespace !== undefined)) {
		throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
	}
	if (method !== 'GET' || query.get('watch') === 'true' || query.get('watch') === '1') {
		throw new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
	}
	if (resource === 'pods') {
		if (name !== undefined) {
			const pod = store.get('pods', namespace, name);
			if (!pod || !reportsUsage(pod)) throw notFound('podmetrics', name);
			sendJson(res, 200, podMetricsOf(pod, nowMs));
			return true;
		}
		const matcher = compileSelectors('pods', query.get('labelSelector'), query.get('fieldSelector'));
		const records = store.records('pods', namespace).filter(r => !matcher || matcher(r));
		const items = records.map(r => JSON.parse(r.json) as KubeObject).filter(reportsUsage).map(pod => podMetricsOf(pod, nowMs));
		sendJson(res, 200, {kind: 'PodMetricsList', apiVersion: API_VERSION, metadata: {}, items});
		return true;
	}
	const byNode = new Map<string, KubeObject[]>();
	for (const pod of runningPods(store)) {
		const node = pod.spec!.nodeName as string;
		const list = byNode.get(node);
		if (list) list.push(pod);
		else byNode.set(node, [pod]);
	}
	if (name !== undefined) {
		const node = store.get('nodes', undefined, name);
		if (!node) throw notFound('nodemetrics', name);
		sendJson(res, 200, nodeMetricsOf(node, byNode.get(name) ?? [], nowMs));
		return true;
	}
	const matcher = compileSelectors('nodes', query.get('labelSelector'), null);
	const nodes = store.records('nodes').filter(r => !matcher || matcher(r)).map(r => JSON.parse(r.json) as KubeObject);
	sendJson(res, 200, {kind: 'NodeMetricsList', apiVersion: API_VERSION, metadata: {}, items: nodes.map(node => nodeMetricsOf(node, byNode.get(node.metadata.name) ?? [], nowMs))});
	return true;
}
