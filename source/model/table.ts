// Server-side Tables (meta.k8s.io/v1 Table) → rows and columns, pure. The server prints the
// cells (its printers, or a CRD's additionalPrinterColumns); we keep them as text, with the
// row's metadata (asked for with includeObject=Metadata) for the uid that keys the store, the
// labels filters read and the owner references drill-down follows.
import type {BaseRow, Column, KubeObject, OwnerRef} from './types.js';
import {arr, num, ownerRefs, rec, str} from './json.js';
import {rowBase} from './rowBase.js';
import {ageColumn, namespaceColumn} from './columns.js';

export interface TableColumnDefinition {
	name: string;
	/** OpenAPI type: string, integer, number, boolean, date… */
	type: string;
	/** 0 = shown normally; more = only in wide mode (kubectl -o wide). */
	priority: number;
}

export interface TableRow extends BaseRow {
	kind: 'TableRow';
	/** The server's cells as text, in column order. */
	cells: readonly string[];
	owners: OwnerRef[];
	deleting: boolean;
}

/** A Table read off the wire: its column definitions, and each row as a metadata object carrying its cells. */
export interface ParsedTable {
	columns: TableColumnDefinition[];
	resourceVersion?: string;
	continue?: string;
	/** PartialObjectMetadata of each row, with `cells` beside `metadata` (what the watch engine projects). */
	objects: KubeObject[];
}

export function columnDefinitions(table: unknown): TableColumnDefinition[] {
	return arr(rec(table)?.columnDefinitions).flatMap((definition) => {
		const name = str(definition.name);
		return name ? [{name, type: str(definition.type) ?? 'string', priority: num(definition.priority) ?? 0}] : [];
	});
}

/** A Table → its rows as objects; rows without metadata (includeObject=None) cannot be keyed and are left out. */
export function parseTable(table: unknown): ParsedTable {
	const t = rec(table);
	const meta = rec(t?.metadata);
	const objects = arr(t?.rows).flatMap((row): KubeObject[] => {
		const metadata = rec(rec(row.object)?.metadata);
		if (!metadata || typeof metadata.uid !== 'string' || typeof metadata.name !== 'string') return [];
		return [{kind: 'PartialObjectMetadata', metadata: metadata as unknown as KubeObject['metadata'], cells: Array.isArray(row.cells) ? row.cells : []}];
	});
	const parsed: ParsedTable = {columns: columnDefinitions(table), objects};
	const resourceVersion = str(meta?.resourceVersion);
	if (resourceVersion) parsed.resourceVersion = resourceVersion;
	const next = str(meta?.continue);
	if (next) parsed.continue = next;
	return parsed;
}

/** One cell as one line of text: numbers and booleans as printed, lists joined, nothing as ''. */
export function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value.replace(/[\r\n]+/g, ' ');
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return value.map(cellText).join(',');
	return JSON.stringify(value);
}

/** A row object of parseTable → the row the store keeps. */
export function projectTableRow(object: KubeObject): TableRow {
	const cells = Array.isArray(object.cells) ? object.cells.map(cellText) : [];
	return {kind: 'TableRow', ...rowBase(object.metadata), cells, owners: ownerRefs(object.metadata.ownerReferences), deleting: Boolean(object.metadata.deletionTimestamp), severity: 'ok'};
}

function numeric(text: string): number | string {
	const value = Number(text);
	return text !== '' && Number.isFinite(value) ? value : text;
}

/**
 * The pane's columns from the server's definitions: NAMESPACE first when the view spans
 * namespaces (the server's Table never has one), priority > 0 only in wide mode, and the
 * server's Age replaced by one computed at render time (a watched row is not reprinted as it
 * ages, so the server's text would stand still).
 */
export function tableColumns(definitions: readonly TableColumnDefinition[], namespaced: boolean): Array<Column<TableRow>> {
	const columns: Array<Column<TableRow>> = namespaced ? [namespaceColumn<TableRow>()] : [];
	definitions.forEach((definition, index) => {
		if (definition.name.toLowerCase() === 'age') {
			columns.push({...ageColumn<TableRow>(), ...(definition.priority > 0 ? {wide: true} : {})});
			return;
		}
		const number = definition.type === 'integer' || definition.type === 'number';
		const column: Column<TableRow> = {
			id: definition.name.toLowerCase().replace(/\s+/g, '-'),
			title: definition.name.toUpperCase(),
			cell: (row) => row.cells[index] ?? '',
		};
		if (definition.priority > 0) column.wide = true;
		if (number) {
			column.align = 'right';
			column.sortValue = (row) => numeric(row.cells[index] ?? '');
		}
		columns.push(column);
	});
	return columns;
}
