// The write behind `e`: the edited object PUT back with the resourceVersion it was read at. A dry
// run (dryRun=All) answers what the server would store, as a diff from the live object; a 409
// (someone wrote meanwhile) becomes a diff of what changed on the server since the read, so the
// user sees it and can edit again on top of it — never a silent overwrite. A write meanwhile that
// touched only status (a controller's) is not a conflict: the edit is sent on the new version.
import type {KubeObject} from '../model/types.js';
import type {Transport} from '../kube/transport.js';
import {KubeError} from '../kube/kubeError.js';
import {apiPath} from '../kinds/kind.js';
import {diffIsEmpty, objectDiff} from '../model/editDiff.js';
import {editSubject, mergePatch} from '../model/editYaml.js';
import {rec} from '../model/json.js';
import type {GenericTarget} from './genericTarget.js';
import {ActionRefused, type MutationOutcome} from './mutations.js';
import {objectPathFor} from './paths.js';

export interface EditWrite {
	target: string | GenericTarget;
	namespace: string | undefined;
	name: string;
	/** What is sent (carrying the resourceVersion read). */
	object: KubeObject;
	/** The object as it was read, before the edit. */
	readAt: KubeObject;
	dryRun?: boolean;
}

/** Dotted paths of the fields an edit changes ('spec.replicas', 'data.password'): names only, never values. */
export function changedFields(from: unknown, to: unknown, prefix = ''): string[] {
	const patch = rec(mergePatch(from, to));
	if (!patch) return prefix ? [prefix] : [];
	return Object.entries(patch).flatMap(([key, value]) => {
		const path = prefix ? `${prefix}.${key}` : key;
		const inner = rec(value);
		return inner && rec(rec(from)?.[key]) ? changedFields(rec(from)?.[key], rec(to)?.[key], path) : [path];
	});
}

function ignored(path: string): boolean {
	return path === 'status' || path.startsWith('status.') || path.startsWith('metadata.managedFields') || path === 'metadata.resourceVersion';
}

/** The fields an edit changes that are the user's (not status or the server's bookkeeping): for messages and the audit line. */
export function editedFields(readAt: KubeObject, object: KubeObject): string[] {
	return changedFields(readAt, object).filter((f) => !ignored(f));
}

/** Sends after a status-only write meanwhile, before calling it a conflict anyway. */
const STATUS_RETRIES = 5;

export async function writeEdit(api: Transport, write: EditWrite): Promise<MutationOutcome> {
	const {target, namespace, name, object, readAt, dryRun} = write;
	const path = typeof target === 'string' ? objectPathFor(target, namespace, name) : apiPath(target, namespace, name);
	const subject = editSubject(readAt);
	const fields = editedFields(readAt, object);
	if (object.metadata?.resourceVersion !== readAt.metadata?.resourceVersion) throw new ActionRefused('Invalid', `${subject}: the update must carry the resourceVersion it was read at`);
	let stored: KubeObject | undefined;
	let sent = object;
	let base = readAt;
	// Controllers write status all the time (each write moves the resourceVersion). A write meanwhile
	// that changed nothing but status and bookkeeping is not someone else's change: the edit is sent
	// again on the current version (its status kept), a few times at most. Anything else is the conflict.
	for (let attempt = 1; !stored; attempt++) {
		try {
			stored = await api.request<KubeObject>({method: 'PUT', path, body: sent, ...(dryRun ? {query: {dryRun: 'All'}} : {})});
		} catch (error) {
			if (!(error instanceof KubeError) || error.status !== 409) throw error;
			const current = await api.request<KubeObject>({path}).catch(() => undefined);
			if (current && attempt < STATUS_RETRIES && diffIsEmpty(objectDiff(readAt, current, {from: '', to: ''}))) {
				const status = (current as {status?: unknown}).status;
				sent = {...sent, metadata: {...sent.metadata, resourceVersion: current.metadata.resourceVersion}, ...(status !== undefined ? {status} : {})} as KubeObject;
				base = current;
				continue;
			}
			// What the server holds now, against what was read: the reason the write was refused.
			const conflict = current
				? objectDiff(readAt, current, {from: `${subject} as read (resourceVersion ${readAt.metadata.resourceVersion ?? '?'})`, to: `${subject} now (resourceVersion ${current.metadata.resourceVersion ?? '?'})`})
				: ['(the object could not be read again)'];
			const message = `${subject} was changed on the server since it was read (resourceVersion ${readAt.metadata.resourceVersion ?? '?'}); nothing was overwritten`;
			throw new KubeError(409, 'Conflict', message, {serverMessage: error.serverMessage, details: {...error.details, conflict}});
		}
	}
	if (dryRun) {
		const diff = objectDiff(base, stored, {from: `${subject} (live)`, to: `${subject} (server dry run of the edit)`});
		return {message: `${subject}: the server's dry run accepted the edit (${fields.join(', ') || 'no field'})`, details: {diff, fields, dryRun: true}};
	}
	return {message: `${subject} edited (${fields.join(', ') || 'no field'}; resourceVersion ${stored.metadata?.resourceVersion ?? '?'})`, details: {fields}};
}
