// Server-side printing (meta.k8s.io/v1 Table), which is how kubectl renders `get` output.
// The columns per kind live in printers.ts.
import type {KubeObject} from '../../model/types.js';
import type {ResourceType} from '../contracts.js';
import {badRequest} from './status.js';
import {printerFor} from './printers/index.js';

/** kubectl asks for `application/json;as=Table;v=v1;g=meta.k8s.io` when it prints for humans. */
export function wantsTable(accept: string | undefined): boolean {
	return accept !== undefined && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}

/**
 * What each row carries besides its cells (?includeObject=): metadata only by default; the whole
 * object when kubectl needs to read fields itself (--sort-by, custom columns over a table).
 */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function includeObjectOf(query: URLSearchParams): IncludeObject {
	const value = query.get('includeObject');
	if (value === null || value === '' || value === 'Metadata') return 'Metadata';
	if (value === 'None' || value === 'Object') return value;
	throw badRequest(`invalid includeObject: ${JSON.stringify(value)}: must be one of None, Metadata, Object`);
}

export function renderTable(type: ResourceType, objects: KubeObject[], metadata: Record<string, unknown>, now: number, include: IncludeObject = 'Metadata'): unknown {
	const printer = printerFor(type);
	return {
		kind: 'Table',
		apiVersion: 'meta.k8s.io/v1',
		metadata,
		columnDefinitions: printer.columns,
		rows: objects.map(object => {
			const row: {cells: unknown[]; object?: unknown} = {cells: printer.cells(object, now)};
			if (include === 'Object') row.object = object;
			else if (include === 'Metadata') row.object = {kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata};
			return row;
		}),
	};
}
