// One object of a manifest, server-side applied with field manager `kubedeck`
// (PATCH application/apply-patch+yaml): the server merges it into the live object or creates
// it, and answers 409 Conflict naming each field another manager owns with another value.
// A dry run also reads the live object, so the question can show what would change.
import type {KubeObject} from '../model/types.js';
import {KubeError} from '../kube/kubeError.js';
import type {Transport} from '../kube/transport.js';
import type {MutationOutcome} from './mutations.js';
import {applyDiff, sameObject} from './applyDiff.js';

export const FIELD_MANAGER = 'kubedeck';
export const APPLY_PATCH = 'application/apply-patch+yaml';

/** Where a manifest's kind lives, as discovery said. */
export interface ApplyResource {
	group: string;
	version: string;
	plural: string;
	namespaced: boolean;
}

export interface ApplyRequest {
	kind: string;
	namespace?: string;
	name: string;
	object: KubeObject;
	resource: ApplyResource;
	dryRun?: boolean;
	force?: boolean;
}

export type ApplyVerdict = 'created' | 'configured' | 'unchanged' | 'conflict';

export function applyPath(resource: ApplyResource, namespace: string | undefined, name: string): string {
	const base = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
	const scope = resource.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
	return `${base}${scope}/${resource.plural}/${encodeURIComponent(name)}`;
}

/** "deployment.apps/web", as kubectl names what it applied. */
export function applyName(kind: string, group: string, name: string): string {
	return `${kind.toLowerCase()}${group ? `.${group}` : ''}/${name}`;
}

async function readLive(api: Transport, path: string): Promise<KubeObject | undefined> {
	try {
		return await api.request<KubeObject>({path});
	} catch (error) {
		if (error instanceof KubeError && error.status === 404) return undefined;
		throw error;
	}
}

/** A field another manager owns with another value, from the 409's causes. */
export interface ApplyConflict {
	field: string;
	/** As the server names it: "kubectl" with subresource "scale" using apps/v1 */
	manager: string;
}

/** The causes of an apply's 409 Conflict, or undefined when the error is something else. */
export function conflictsOf(error: unknown): ApplyConflict[] | undefined {
	if (!(error instanceof KubeError) || error.status !== 409) return undefined;
	const causes = (error.details?.['causes'] ?? []) as Array<{reason?: string; field?: string; message?: string}>;
	const found = causes.filter((c) => c.reason === 'FieldManagerConflict').map((c) => ({field: c.field ?? '', manager: (c.message ?? '').replace(/^conflict with /, '')}));
	return found.length > 0 ? found : undefined;
}

export function applyObject(api: Transport, r: ApplyRequest): Promise<MutationOutcome & {ok?: boolean}> {
	return applyOnce(api, r).catch(async (error: unknown) => {
		const conflicts = conflictsOf(error);
		if (!conflicts || !r.dryRun || r.force) throw error;
		// What a forced apply would store, so the question can show the diff beside the conflicts.
		const forced = await applyOnce(api, {...r, force: true});
		const shown = applyName(r.kind, r.resource.group, r.name);
		const fields = conflicts.map((c) => `${c.field} (${c.manager})`).join(', ');
		return {ok: false, message: `${shown}: ${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'}: ${fields}`, details: {...forced.details, verdict: 'conflict', conflicts}};
	});
}

async function applyOnce(api: Transport, r: ApplyRequest): Promise<MutationOutcome> {
	const path = applyPath(r.resource, r.namespace, r.name);
	const live = await readLive(api, path);
	const body = r.resource.namespaced && r.namespace ? {...r.object, metadata: {...r.object.metadata, namespace: r.namespace}} : r.object;
	const query = {fieldManager: FIELD_MANAGER, ...(r.force ? {force: 'true'} : {}), ...(r.dryRun ? {dryRun: 'All'} : {})};
	const answer = await api.request<KubeObject>({method: 'PATCH', path, query, body, contentType: APPLY_PATCH});
	const verdict: ApplyVerdict = !live ? 'created' : sameObject(live, answer) ? 'unchanged' : 'configured';
	const shown = applyName(r.kind, r.resource.group, r.name);
	const message = `${shown} ${verdict}${r.force && !r.dryRun ? ' (fields taken over by force)' : ''}${r.dryRun ? ' (server dry run)' : ''}`;
	return {
		message,
		details: {
			verdict,
			...(answer.metadata?.uid ? {uid: answer.metadata.uid} : {}),
			...(r.dryRun ? {dryRun: true, diff: applyDiff(shown, live, answer)} : {}),
		},
	};
}
