// kubectl set image for one container of a workload's pod template: a strategic merge patch
// that names the container, so every other field of the template is left as it is.
import type {KubeObject} from '../model/types.js';
import type {Transport} from '../kube/transport.js';
import {checkImage} from '../model/imageRef.js';
import {ActionRefused, STRATEGIC_PATCH, type MutationOutcome} from './mutations.js';
import {displayName, objectPathFor} from './paths.js';

type PodSpec = {containers?: Array<{name: string; image?: string}>; initContainers?: Array<{name: string; image?: string}>};

/** The patch body, with the container in the list it lives in (init containers too). */
export function setImagePatch(template: {spec?: PodSpec} | undefined, container: string, image: string): Record<string, unknown> {
	const spec = template?.spec ?? {};
	const list = spec.containers?.some((c) => c.name === container) ? 'containers' : spec.initContainers?.some((c) => c.name === container) ? 'initContainers' : undefined;
	if (!list) throw new ActionRefused('NotFound', `unable to find container named "${container}"`);
	return {spec: {template: {spec: {[list]: [{name: container, image}]}}}};
}

/** `from`: the image the user was shown; if the container runs another one now, someone changed it meanwhile and nothing is sent. */
export async function setImage(api: Transport, kind: string, namespace: string, name: string, container: string, image: string, dryRun = false, from?: string): Promise<MutationOutcome> {
	const checked = checkImage(image);
	if (!checked.ok) throw new ActionRefused('Invalid', checked.message);
	const path = objectPathFor(kind, namespace, name);
	const current = await api.request<KubeObject>({path});
	const template = (current.spec as {template?: {spec?: PodSpec}} | undefined)?.template;
	const before = [...(template?.spec?.containers ?? []), ...(template?.spec?.initContainers ?? [])].find((c) => c.name === container)?.image;
	const body = setImagePatch(template, container, image.trim());
	if (from !== undefined && before !== from) {
		throw new ActionRefused('Conflict', `${displayName(kind, name)} container ${container} now runs ${before ?? 'no image'}, not ${from} as shown: it was changed meanwhile; nothing was sent, look again`);
	}
	if (before === image.trim()) return {message: `${displayName(kind, name)} container ${container} already runs ${before}`, details: {container, image: before, unchanged: true}};
	await api.request({method: 'PATCH', path, body, contentType: STRATEGIC_PATCH, ...(dryRun ? {query: {dryRun: 'All'}} : {})});
	const message = `${displayName(kind, name)} image updated (${container}: ${before ?? '?'} → ${image.trim()})`;
	return {message: dryRun ? `${message} (server dry run)` : message, details: {container, from: before, image: image.trim(), ...(dryRun ? {dryRun: true} : {})}};
}
