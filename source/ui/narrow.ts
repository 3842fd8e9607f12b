// A jump's restriction of the pane it opens, kept client-side like a drill-down's node name:
// the events about one object (E), the objects named by a pod's owner reference (o), the HPAs
// that scale a deployment. Data, so a controller test can deepEqual it and the title can name it.
import type {BaseRow} from '../model/types.js';

export type Narrow =
	/** Events whose involvedObject is this object (by uid when both have one). */
	| {type: 'about'; kind: string; namespace?: string; name: string; uid?: string}
	/** Objects with one of these names, in this namespace (cluster-scoped: no namespace). */
	| {type: 'named'; names: readonly string[]; namespace?: string}
	/** HPAs whose scaleTargetRef is this object. */
	| {type: 'scaling'; kind: string; namespace?: string; name: string};

type Involved = {kind: string; namespace?: string; name: string; uid: string};

function involvedOf(row: BaseRow): Involved | undefined {
	const involved = (row as BaseRow & {involved?: Involved}).involved;
	return involved && typeof involved === 'object' ? involved : undefined;
}

export function narrowIncludes(narrow: Narrow, row: BaseRow): boolean {
	switch (narrow.type) {
		case 'about': {
			const involved = involvedOf(row);
			if (!involved) return false;
			if (involved.uid && narrow.uid) return involved.uid === narrow.uid;
			return involved.kind === narrow.kind && involved.name === narrow.name && (involved.namespace ?? '') === (narrow.namespace ?? '');
		}
		case 'named':
			return narrow.names.includes(row.name) && (narrow.namespace === undefined || row.namespace === narrow.namespace);
		case 'scaling': {
			const target = row as BaseRow & {targetKind?: string; targetName?: string};
			return target.targetKind === narrow.kind && target.targetName === narrow.name && row.namespace === narrow.namespace;
		}
	}
}
