// Labels and annotations changed on one object: the edits are planned against the object as the
// server holds it now (not the row the question was asked from), and the merge patch carries that
// resourceVersion, so a change made meanwhile answers 409 instead of being overwritten silently.
import type {KubeObject} from '../model/types.js';
import type {Transport} from '../kube/transport.js';
import {describeChanges, metadataPatch, planMetadataEdits, type MetadataEdits} from '../model/metadataEdits.js';
import {apiPath} from '../kinds/kind.js';
import type {GenericTarget} from './genericTarget.js';
import {ActionRefused, MERGE_PATCH, type MutationOutcome} from './mutations.js';
import {displayName, objectPathFor} from './paths.js';

export async function editMetadata(api: Transport, target: string | GenericTarget, namespace: string | undefined, name: string, edits: MetadataEdits): Promise<MutationOutcome> {
	const path = typeof target === 'string' ? objectPathFor(target, namespace, name) : apiPath(target, namespace, name);
	const shown = typeof target === 'string' ? displayName(target, name) : `${target.kind.toLowerCase()}/${name}`;
	const object = await api.request<KubeObject>({path});
	const metadata = object.metadata as {resourceVersion?: string; labels?: Record<string, string>; annotations?: Record<string, string>} | undefined;
	const plan = planMetadataEdits(metadata?.[edits.field], edits);
	if (!plan.ok) throw new ActionRefused('Invalid', `${shown}: ${plan.message}`);
	if (plan.value.length === 0) return {message: `${shown}: its ${edits.field} already read so; nothing sent`, details: {changes: []}};
	await api.request({method: 'PATCH', path, contentType: MERGE_PATCH, body: metadataPatch(edits.field, plan.value, metadata?.resourceVersion)});
	return {message: `${shown} ${edits.field === 'labels' ? 'labelled' : 'annotated'}: ${describeChanges(plan.value)}`, details: {changes: plan.value}};
}
