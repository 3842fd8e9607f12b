// Describe and YAML text for one object: fetched through the session (the data layer's
// gate), formatted by the model. Failures become lines a person can act on, not throws.
import type {BaseRow} from '../../source/model/types.js';
import type {Session} from '../../source/kube/session.js';
import type {PaneSpec} from '../panes.js';

export type DetailKind = 'describe' | 'yaml';

export function detailTitle(kind: DetailKind, pane: PaneSpec, row: BaseRow): string {
	return `${kind} ${pane.objectKind.toLowerCase()} ${row.namespace ? `${row.namespace}/${row.name}` : row.name}`;
}

export async function loadDetail(session: Session, pane: PaneSpec, row: BaseRow, kind: DetailKind, now: number): Promise<string[]> {
	const where = row.namespace ? `${row.namespace}/${row.name}` : row.name;
	try {
		const object = await session.fetchObject(pane.resource, row.namespace, row.name);
		// Loaded on first use: start-up should not pay for js-yaml and the describers.
		if (kind === 'yaml') {
			const {objectToYaml} = await import('../../source/model/yaml.js');
			return objectToYaml(object).replace(/\n$/, '').split('\n');
		}
		const events = await session
			.fetchEvents({kind: pane.objectKind, namespace: row.namespace, name: row.name, uid: row.uid})
			.catch(() => []); // describe without events beats no describe
		const {describeObject} = await import('../../source/model/describe.js');
		return describeObject(pane.objectKind, object, events, now);
	} catch (error) {
		return [`cannot ${kind} ${where}: ${error instanceof Error ? error.message : String(error)}`];
	}
}
