// pods/ephemeralcontainers: a PATCH that adds debug containers to a running pod. Existing
// ephemeral containers cannot change or go (as on a real server); new ones must name an image.
// The simulated kubelet starts them at once: running, unless the image cannot be pulled (a
// name with "does-not-exist" in it waits in ErrImagePull, so the client's "cannot start" shows).
import {ApiError} from '../contracts.js';
import type {KubeObject} from '../../model/types.js';
import type {SimStore} from '../store.js';
import {badRequest} from './status.js';

interface Ephemeral {
	name?: string;
	image?: string;
	[key: string]: unknown;
}

export function patchEphemeralContainers(store: SimStore, namespace: string, name: string, body: unknown): KubeObject {
	const pod = store.get('pods', namespace, name);
	if (!pod) throw new ApiError(404, 'NotFound', `pods "${name}" not found`, {name, kind: 'pods'});
	const incoming = ((body as {spec?: {ephemeralContainers?: unknown}} | undefined)?.spec?.ephemeralContainers);
	if (!Array.isArray(incoming)) throw badRequest('the patch must set spec.ephemeralContainers (a list)');
	const spec = (pod.spec ?? {}) as {ephemeralContainers?: Ephemeral[]; containers?: Array<{name: string}>};
	const existing = spec.ephemeralContainers ?? [];
	const taken = new Set([...(spec.containers ?? []).map(c => c.name), ...existing.map(c => c.name)]);
	const added: Ephemeral[] = [];
	for (const entry of incoming as Ephemeral[]) {
		const before = existing.find(c => c.name === entry.name);
		if (before) {
			if (JSON.stringify(before) !== JSON.stringify({...before, ...entry})) throw new ApiError(422, 'Invalid', `Pod "${name}" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "${entry.name}" may not be changed`);
			continue;
		}
		if (!entry.name || taken.has(entry.name)) throw new ApiError(422, 'Invalid', `Pod "${name}" is invalid: spec.ephemeralContainers[0].name: Duplicate value: "${entry.name ?? ''}"`);
		if (!entry.image) throw new ApiError(422, 'Invalid', `Pod "${name}" is invalid: spec.ephemeralContainers[0].image: Required value`);
		added.push({terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent', ...entry});
	}
	const now = new Date().toISOString();
	const status = (pod.status ?? {}) as {ephemeralContainerStatuses?: unknown[]};
	const statuses = [...(status.ephemeralContainerStatuses ?? []), ...added.map(c => {
		const pullable = !String(c.image).includes('does-not-exist');
		return {
			name: c.name,
			image: c.image,
			imageID: '',
			ready: false,
			restartCount: 0,
			state: pullable ? {running: {startedAt: now}} : {waiting: {reason: 'ErrImagePull', message: `failed to pull image "${c.image}": not found`}},
		};
	})];
	return store.update('pods', {...pod, spec: {...spec, ephemeralContainers: [...existing, ...added]}, status: {...status, ephemeralContainerStatuses: statuses}});
}
