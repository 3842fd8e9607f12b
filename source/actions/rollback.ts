// Rollout history and undo against the API: read the deployment and the ReplicaSets it
// controls, then plan (source/model/rolloutHistory.ts) and send kubectl's rollback patch.
import type {KubeObject} from '../model/types.js';
import type {Transport} from '../kube/transport.js';
import {labelSelectorText} from '../model/selectors.js';
import {planUndo, revisionsOf, type Revision} from '../model/rolloutHistory.js';
import {ActionRefused, type MutationOutcome} from './mutations.js';
import {collectionPathFor, objectPathFor} from './paths.js';

export const JSON_PATCH = 'application/json-patch+json';

export interface History {
	deployment: KubeObject;
	revisions: Revision[];
}

/** The deployment and its revisions, read now (the ReplicaSets by its selector, then by controller). */
export async function readHistory(api: Transport, namespace: string, name: string): Promise<History> {
	const deployment = await api.request<KubeObject>({path: objectPathFor('Deployment', namespace, name)});
	const selector = labelSelectorText((deployment.spec as {selector?: unknown} | undefined)?.selector);
	const list = await api.request<{items?: KubeObject[]}>({path: collectionPathFor('ReplicaSet', namespace), query: selector ? {labelSelector: selector} : {}});
	return {deployment, revisions: revisionsOf(deployment, list.items ?? [])};
}

/** kubectl rollout undo [--to-revision N]; refuses a paused deployment and a revision that is not there. */
export async function undoRollout(api: Transport, namespace: string, name: string, toRevision: number, dryRun = false): Promise<MutationOutcome> {
	const {deployment, revisions} = await readHistory(api, namespace, name);
	const plan = planUndo(deployment, revisions, toRevision);
	if (plan.type === 'refuse') throw new ActionRefused(plan.reason, plan.message);
	if (plan.type === 'skip') return {message: plan.message, details: {revision: plan.revision, skipped: true}};
	await api.request({method: 'PATCH', path: objectPathFor('Deployment', namespace, name), body: plan.patch, contentType: JSON_PATCH, ...(dryRun ? {query: {dryRun: 'All'}} : {})});
	return {message: dryRun ? `${plan.message} (server dry run)` : plan.message, details: {revision: plan.revision, ...(dryRun ? {dryRun: true} : {})}};
}
