// The HTTP side of server-side apply: the body is YAML (JSON is YAML too), the query carries
// fieldManager (required), force and dryRun, and the answer is the object as stored.
import type {IncomingMessage} from 'node:http';
import {load} from 'js-yaml';
import type {KubeObject} from '../../model/types.js';
import type {ResourceType} from '../contracts.js';
import type {SimStore} from '../store.js';
import {applyObject} from './apply.js';
import {resourceKey} from './resources.js';
import {badRequest} from './status.js';
import {readBodyBytes} from './requestBody.js';

/** CBOR apply bodies stay unsupported (the 415 of patchTypeOf); YAML ones come here. */
export function isApplyPatch(contentType: string | undefined): boolean {
	return (contentType ?? '').split(';')[0]!.trim() === 'application/apply-patch+yaml';
}

async function readYaml(req: IncomingMessage): Promise<unknown> {
	const bytes = await readBodyBytes(req);
	try {
		return load(bytes.toString('utf8'));
	} catch (error) {
		throw badRequest(`error decoding YAML: ${(error as Error).message.split('\n')[0]}`);
	}
}

/** Who a non-apply write is recorded for: ?fieldManager=, else the User-Agent's product, as kube-apiserver does. */
export function fieldManagerOf(query: URLSearchParams, req: IncomingMessage): string {
	const named = query.get('fieldManager');
	if (named) return named;
	const agent = req.headers['user-agent'] ?? '';
	return agent.split('/')[0]!.trim() || 'unknown';
}

/** The answer's status code is 201 when the apply created the object, 200 otherwise. */
export async function serveApply(store: SimStore, type: ResourceType, namespace: string | undefined, name: string, query: URLSearchParams, req: IncomingMessage): Promise<{code: number; object: KubeObject}> {
	const body = await readYaml(req);
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('error decoding YAML: the body of an apply patch must be an object');
	const existed = store.get(resourceKey(type), namespace, name) !== undefined;
	const object = applyObject(store, type, namespace, name, body as KubeObject, {
		manager: query.get('fieldManager') ?? '',
		force: query.get('force') === 'true',
		dryRun: query.getAll('dryRun').includes('All'),
	});
	return {code: existed ? 200 : 201, object};
}
