// Describe and YAML text for one object, fetched on demand through the session and formatted
// by the model. Failures become lines a person can act on, not throws.
import type {ResourceKind, Session} from './session.js';
import {kindByWord, redactObject} from '../kinds/index.js';

/** The object a detail is about: which store it came from, its Kind and its identity. */
export interface DetailRef {
	resource: ResourceKind;
	kind: string;
	namespace?: string;
	name: string;
	uid: string;
	/** YAML only: show strings longer than the cut whole (the pager's expand key). */
	expand?: boolean;
}

export function detailTitle(as: 'describe' | 'yaml', ref: DetailRef): string {
	return `${as} ${ref.kind.toLowerCase()} ${ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name}`;
}

export async function loadDetail(session: Session, ref: DetailRef, as: 'describe' | 'yaml', now: number): Promise<string[]> {
	const where = ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
	try {
		// Masked before anything else reads it: a Secret's values never reach a line below.
		const object = redactObject(ref.kind, await session.fetchObject(ref.resource, ref.namespace, ref.name));
		const ownYaml = kindByWord(ref.kind)?.yaml;
		if (as === 'yaml' && ownYaml) return ownYaml(object);
		// Loaded on first use: start-up should not pay for the YAML writer and the describers.
		if (as === 'yaml') {
			const {objectToYamlLines} = await import('../model/yaml.js');
			return objectToYamlLines(object, {expand: ref.expand ?? false});
		}
		const events = await session
			.fetchEvents({kind: ref.kind, ...(ref.namespace !== undefined ? {namespace: ref.namespace} : {}), name: ref.name, uid: ref.uid})
			.catch(() => []); // describe without events beats no describe
		const {describeObject} = await import('../model/describe.js');
		return describeObject(ref.kind, object, events, now);
	} catch (error) {
		return [`cannot ${as} ${where}: ${error instanceof Error ? error.message : String(error)}`];
	}
}
