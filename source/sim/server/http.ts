// Routing for the simulated API server: URL → (resource type, namespace, name, subresource),
// authentication, `forbid` rules, then the verb handlers.
import type {IncomingMessage, ServerResponse} from 'node:http';
import {ApiError, type LogSource, type ResourceType} from '../contracts.js';
import type {SimStore} from '../store.js';
import {deleteObject, deleteOptionsFrom, evictPod} from './delete.js';
import {serverVersion} from './discovery.js';
import {serveList} from './list.js';
import {serveLogs} from './logs.js';
import {createObject, patchObject, scaleOf, updateObject, type Subresource} from './objects.js';
import {serveMetadata} from './metadata.js';
import {serveMetrics} from './metrics.js';
import {serveProxy} from './proxy.js';
import {servePrometheus} from './prometheus.js';
import {patchTypeOf} from './patch.js';
import type {SimFaults} from './faults.js';
import {decodeProtobufObject} from './protobuf.js';
import {readBodyBytes} from './requestBody.js';
import {apiVersionOf, resourceKey, resourceTypes} from './resources.js';
import {compileSelectors} from './selectors.js';
import {badRequest, sendError, sendJson, sendText, successStatus} from './status.js';
import {includeObjectOf, renderTable, wantsTable} from './table.js';
import {serveWatch} from './watch.js';
import {accessReview, allows, reviewOf, rulesReview, viewerPrefix, type ResourceAttributes, type SimIdentity} from './authz.js';
import {patchEphemeralContainers} from './ephemeral.js';
import {fieldManagerOf, isApplyPatch, serveApply} from './applyRequest.js';

export interface ForbidRule {
	resource: string;
	namespace?: string;
	verbs?: string[];
}

export interface ApiServerOptions {
	store: SimStore;
	logs: () => LogSource | undefined;
	token: string;
	user: string;
	forbid: ForbidRule[];
	bookmarkIntervalMs: number;
	/** Request-level fault switches for tests; absent in the demo. */
	faults?: SimFaults;
	/** The read-only identity, reached under viewerPrefix (authz.ts); absent: no such user. */
	viewer?: {user: string; token: string};
}

export interface Target {
	type: ResourceType;
	namespace?: string;
	name?: string;
	sub?: string;
	watchPath: boolean;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
	const bytes = await readBodyBytes(req);
	if (bytes.length === 0) return undefined;
	const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
	if (contentType === 'application/vnd.kubernetes.protobuf') {
		const decoded = decodeProtobufObject(bytes);
		if (decoded) return decoded;
	}
	if (contentType.includes('protobuf') || contentType.includes('cbor')) {
		throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`);
	}
	const text = bytes.toString('utf8');
	try {
		return JSON.parse(text) as unknown;
	} catch (error) {
		throw badRequest(`the body of the request could not be decoded as JSON: ${(error as Error).message}`);
	}
}

const notFoundPath = (): ApiError => new ApiError(404, 'NotFound', 'the server could not find the requested resource');

/** Parses /api/v1/... and /apis/G/V/... resource paths; undefined for anything else. */
export function parseTarget(segments: string[], served: readonly ResourceType[] = resourceTypes): Target | undefined {
	let group: string;
	let version: string;
	let rest: string[];
	if (segments[0] === 'api' && segments[1] === 'v1') {
		[group, version, rest] = ['', 'v1', segments.slice(2)];
	} else if (segments[0] === 'apis' && segments.length >= 3) {
		[group, version, rest] = [segments[1]!, segments[2]!, segments.slice(3)];
	} else return undefined;
	if (rest.length === 0) return undefined;
	let watchPath = false;
	if (rest[0] === 'watch') {
		watchPath = true;
		rest = rest.slice(1);
	}
	let namespace: string | undefined;
	if (rest[0] === 'namespaces' && rest.length >= 3 && !(rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize'))) {
		namespace = rest[1];
		rest = rest.slice(2);
	}
	if (rest.length === 0 || rest.length > 3) throw notFoundPath();
	const type = served.find(t => t.group === group && t.version === version && t.resource === rest[0]);
	if (!type) throw notFoundPath();
	if (namespace !== undefined && !type.namespaced) throw notFoundPath();
	const sub = rest[2];
	if (sub !== undefined && !type.subresources?.includes(sub)) throw notFoundPath();
	return {type, namespace, name: rest[1], sub, watchPath};
}

function verbOf(method: string, target: Target, query: URLSearchParams): string {
	const watch = target.watchPath || query.get('watch') === 'true' || query.get('watch') === '1';
	switch (method) {
		case 'GET': return watch ? 'watch' : target.name === undefined ? 'list' : 'get';
		case 'POST': return 'create';
		case 'PUT': return 'update';
		case 'PATCH': return 'patch';
		case 'DELETE': return target.name === undefined ? 'deletecollection' : 'delete';
		default: return method.toLowerCase();
	}
}

function forbidRules(options: ApiServerOptions): ForbidRule[] {
	return options.faults ? [...options.forbid, ...options.faults.denials] : options.forbid;
}

/** True when a `forbid` rule denies the request to the demo user. */
function deniedByRules(options: ApiServerOptions, attributes: ResourceAttributes): boolean {
	const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
	return forbidRules(options).some(rule => {
		if (rule.resource !== resource && rule.resource !== attributes.resource) return false;
		if (rule.verbs && !rule.verbs.includes(attributes.verb)) return false;
		// A namespace rule also denies the all-namespaces request: RBAC that lacks one namespace lacks the cluster scope.
		return !(rule.namespace !== undefined && attributes.namespace !== undefined && rule.namespace !== attributes.namespace);
	});
}

export function checkForbidden(options: ApiServerOptions, identity: SimIdentity, target: Target, verb: string): void {
	const attributes: ResourceAttributes = {verb, group: target.type.group, resource: target.type.resource};
	if (target.sub) attributes.subresource = target.sub;
	if (target.namespace !== undefined) attributes.namespace = target.namespace;
	if (allows(identity, attributes, a => deniedByRules(options, a))) return;
	const resource = target.sub ? `${target.type.resource}/${target.sub}` : target.type.resource;
	const subject = target.name ? `${target.type.resource}${target.type.group ? `.${target.type.group}` : ''} "${target.name}"` : `${target.type.resource}${target.type.group ? `.${target.type.group}` : ''}`;
	const scope = target.namespace !== undefined ? `in the namespace "${target.namespace}"` : 'at the cluster scope';
	const details: Record<string, unknown> = {group: target.type.group, kind: target.type.resource};
	if (target.name) details.name = target.name;
	throw new ApiError(403, 'Forbidden', `${subject} is forbidden: User "${identity.name}" cannot ${verb} resource "${resource}" in API group "${target.type.group}" ${scope}`, details);
}

export function createApiHandler(options: ApiServerOptions): (req: IncomingMessage, res: ServerResponse) => void {
	return (req, res) => {
		handle(options, req, res).catch(error => sendError(res, error));
	};
}

async function handle(options: ApiServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://sim.invalid');
	// The viewer's context reaches the same API under a path prefix (authz.ts says why).
	const viewer = options.viewer && (url.pathname === viewerPrefix || url.pathname.startsWith(`${viewerPrefix}/`)) ? options.viewer : undefined;
	const pathname = viewer ? url.pathname.slice(viewerPrefix.length) || '/' : url.pathname;
	const segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
	const query = url.searchParams;
	const method = req.method ?? 'GET';
	const path = pathname.replace(/\/+$/, '') || '/';

	if (['/healthz', '/readyz', '/livez'].includes(path) || path.startsWith('/healthz/') || path.startsWith('/readyz/') || path.startsWith('/livez/')) {
		sendText(res, 200, 'ok', 'text/plain; charset=utf-8');
		return;
	}
	if (options.faults && (await interceptFault(options.faults, method, path, segments, query, res))) return;
	if (path === '/version') return sendJson(res, 200, serverVersion);
	// kubectl (client-go) withholds bearer tokens on plain-http connections, so a request
	// without credentials is taken as the demo user (or the viewer under its prefix); a wrong token is still refused.
	const authorization = req.headers.authorization;
	const token = viewer ? viewer.token : (options.faults?.acceptedToken(options.token) ?? options.token);
	if ((authorization !== undefined || options.faults?.credentialsRequired) && authorization !== `Bearer ${token}`) {
		throw new ApiError(401, 'Unauthorized', 'Unauthorized');
	}
	const identity: SimIdentity = viewer ? {name: viewer.user, readOnly: true} : {name: options.user, readOnly: false};
	const review = reviewOf(path);
	if (review) {
		if (method !== 'POST') throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
		const body = await readBody(req);
		const answer = review === 'selfsubjectaccessreviews' ? accessReview(identity, body, a => deniedByRules(options, a)) : rulesReview(identity, body, identity.readOnly ? [] : forbidRules(options));
		return sendJson(res, 201, answer);
	}
	if (serveMetadata(options.store, req, res, path)) return;
	if (serveMetrics(options.store, method, segments, query, res)) return;
	if (serveProxy(options.store, method, segments, res)) return;
	if (servePrometheus(options.store, method, segments, query, res)) return;
	const target = parseTarget(segments, options.store.types());
	if (!target) throw notFoundPath();
	const verb = verbOf(method, target, query);
	checkForbidden(options, identity, target, verb);
	await dispatch(options, target, verb, method, query, req, res);
}

/** Hands the request to the fault switches, named by its resource and verb where it has them. */
function interceptFault(faults: SimFaults, method: string, path: string, segments: string[], query: URLSearchParams, res: ServerResponse): Promise<boolean> {
	let target: Target | undefined;
	try {
		target = parseTarget(segments);
	} catch {
		// An unknown resource: the API answers its 404 after the faults had their say.
	}
	const verb = target ? verbOf(method, target, query) : method.toLowerCase();
	return faults.intercept({method, path, verb, ...(target ? {resource: target.type.resource, ...(target.sub ? {sub: target.sub} : {}), ...(target.namespace !== undefined ? {namespace: target.namespace} : {})} : {})}, res);
}

async function dispatch(options: ApiServerOptions, target: Target, verb: string, method: string, query: URLSearchParams, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const {store} = options;
	const {type, namespace, name, sub} = target;
	const key = resourceKey(type);
	const accept = req.headers.accept;
	const objectSub = (sub === 'status' || sub === 'scale' ? sub : undefined) as Subresource;
	// ?dryRun=All (kubectl --dry-run=server): validate and answer, write nothing.
	const dryRun = query.getAll('dryRun').includes('All');
	switch (verb) {
		case 'list':
			return serveList(store, type, namespace, query, accept, res);
		case 'watch':
			return serveWatch(store, type, namespace, name, query, accept, res, {bookmarkIntervalMs: options.bookmarkIntervalMs});
		case 'get': {
			const record = store.record(key, namespace, name!);
			if (!record) store.remove(key, namespace, name!); // throws the real 404
			// A connect subresource reached without an upgrade (the upgrade path is ./upgrade.ts).
			if (sub === 'portforward' || sub === 'exec' || sub === 'attach') throw badRequest('Upgrade request required');
			if (sub === 'log') {
				const logs = options.logs();
				if (!logs) throw new ApiError(503, 'ServiceUnavailable', 'logs are not available: the simulated world is not running');
				return serveLogs(logs, record!.object, query, res);
			}
			if (sub === 'scale') return sendJson(res, 200, scaleOf(type, record!.object));
			if (wantsTable(accept)) return sendJson(res, 200, renderTable(type, [record!.object], {resourceVersion: record!.object.metadata.resourceVersion}, Date.now(), includeObjectOf(query)));
			return sendJson(res, 200, record!.json);
		}
		case 'create': {
			if (name !== undefined && sub === 'portforward') throw badRequest('Upgrade request required');
			if (sub === 'exec' || sub === 'attach') throw badRequest('Upgrade request required');
			const body = await readBody(req);
			if (name !== undefined && sub === 'eviction') {
				if (dryRun) return sendJson(res, 201, successStatus(201));
				return sendJson(res, 201, evictPod(store, type, namespace!, name, body));
			}
			if (name !== undefined) throw new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
			return sendJson(res, 201, createObject(store, type, namespace, body, dryRun, fieldManagerOf(query, req)));
		}
		case 'update':
			if (name === undefined || (sub !== undefined && !objectSub)) throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
			return sendJson(res, 200, updateObject(store, type, namespace, name, await readBody(req), objectSub, dryRun, fieldManagerOf(query, req)));
		case 'patch': {
			if (name !== undefined && sub === 'ephemeralcontainers') {
				const body = await readBody(req);
				return sendJson(res, 200, dryRun ? store.get(key, namespace, name) : patchEphemeralContainers(store, namespace ?? '', name, body));
			}
			if (name === undefined || (sub !== undefined && !objectSub)) throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
			if (sub === undefined && isApplyPatch(req.headers['content-type'])) {
				const applied = await serveApply(store, type, namespace, name, query, req);
				return sendJson(res, applied.code, applied.object);
			}
			const patchType = patchTypeOf(req.headers['content-type']);
			const body = await readBody(req);
			return sendJson(res, 200, patchObject(store, type, namespace, name, patchType, body, objectSub, dryRun, fieldManagerOf(query, req)));
		}
		case 'delete': {
			if (sub !== undefined) throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
			const body = await readBody(req);
			const options = deleteOptionsFrom(query, body);
			if (dryRun) options.dryRun = ['All'];
			return sendJson(res, 200, deleteObject(store, type, namespace, name!, options));
		}
		case 'deletecollection': {
			const body = await readBody(req);
			const deleteOptions = deleteOptionsFrom(query, body);
			const matcher = compileSelectors(key, query.get('labelSelector'), query.get('fieldSelector'));
			for (const record of store.records(key, namespace)) {
				if (matcher && !matcher(record)) continue;
				deleteObject(store, type, record.object.metadata.namespace, record.object.metadata.name, deleteOptions);
			}
			return sendJson(res, 200, successStatus(200));
		}
		default:
			throw new ApiError(405, 'MethodNotAllowed', `the server does not allow the method ${method} on ${apiVersionOf(type)} ${type.resource}`);
	}
}
