// Event rows, as `kubectl get events` prints them (printEvent): LAST SEEN, TYPE, REASON, OBJECT, MESSAGE.
// Handles both the core/v1 shape (firstTimestamp/lastTimestamp/count) and the events.k8s.io-era
// fields the API also fills in core/v1 (eventTime, series, reportingController).
import type {BaseRow, Column, KindModel, KubeObject} from './types.js';
import {rec, str, num} from './json.js';
import {rowBase} from './rowBase.js';
import {formatAge, parseTime} from './age.js';
import {nameColumn, namespaceColumn} from './columns.js';

export interface EventRow extends BaseRow {
	kind: 'Event';
	type: string;
	reason: string;
	message: string;
	involved: {kind: string; namespace?: string; name: string; uid: string; fieldPath?: string};
	count: number;
	/** epoch ms; undefined when the event carries no usable time (kubectl prints '<unknown>'). */
	lastSeen?: number;
	firstSeen?: number;
	/** source.component, else reportingController. */
	source: string;
	/** Set by groupEvents (./events-group.ts): the pane's order, Warnings first, grouped by object. */
	order?: string;
}

/** Messages may span lines; a cell may not. */
export function oneLine(text: string): string {
	return text.trim().replace(/\s*[\r\n]+\s*/g, ' ');
}

export function projectEvent(object: KubeObject): EventRow {
	const meta = object.metadata;
	const involved = rec(object.involvedObject);
	const series = rec(object.series);
	const firstSeen = parseTime(object.firstTimestamp) ?? parseTime(object.eventTime);
	let lastSeen = parseTime(object.lastTimestamp) ?? firstSeen;
	let count = num(object.count) ?? 0;
	if (series) {
		lastSeen = parseTime(series.lastObservedTime);
		count = num(series.count) ?? count;
	} else if (count === 0) {
		// Singleton events in the newer API carry no count.
		count = 1;
	}
	const type = str(object.type) ?? '';
	const row: EventRow = {
		kind: 'Event',
		...rowBase(meta),
		type,
		reason: str(object.reason) ?? '',
		message: (str(object.message) ?? '').trim(),
		involved: {
			kind: str(involved?.kind) ?? '',
			name: str(involved?.name) ?? '',
			uid: str(involved?.uid) ?? '',
		},
		count,
		source: str(rec(object.source)?.component) || str(object.reportingComponent) || str(object.reportingController) || '',
		severity: type === 'Warning' ? 'warn' : 'ok',
	};
	const ns = str(involved?.namespace);
	if (ns) row.involved.namespace = ns;
	const fieldPath = str(involved?.fieldPath);
	if (fieldPath) row.involved.fieldPath = fieldPath;
	if (lastSeen !== undefined) row.lastSeen = lastSeen;
	if (firstSeen !== undefined) row.firstSeen = firstSeen;
	return row;
}

/** OBJECT: 'pod/web-1' (kind lower-cased), or just the kind when the event names no object. */
export function eventTarget(involved: EventRow['involved']): string {
	const kind = involved.kind.toLowerCase();
	return involved.name ? `${kind}/${involved.name}` : kind;
}

export const eventColumns: Array<Column<EventRow>> = [
	namespaceColumn<EventRow>(),
	{
		id: 'lastseen',
		title: 'LAST SEEN',
		align: 'right',
		cell: (r, now) => formatAge(r.lastSeen, now),
		sortValue: (r, now) => (r.lastSeen === undefined ? Number.MAX_SAFE_INTEGER : now - r.lastSeen),
	},
	{id: 'type', title: 'TYPE', cell: (r) => r.type, sortValue: (r) => r.order ?? (r.type === 'Warning' ? '0' : '1')},
	{id: 'reason', title: 'REASON', cell: (r) => r.reason},
	{id: 'object', title: 'OBJECT', cell: (r) => eventTarget(r.involved)},
	{id: 'count', title: 'COUNT', align: 'right', cell: (r) => String(r.count), sortValue: (r) => r.count},
	{id: 'subobject', title: 'SUBOBJECT', wide: true, cell: (r) => r.involved.fieldPath ?? ''},
	{id: 'source', title: 'SOURCE', wide: true, cell: (r) => r.source},
	{id: 'message', title: 'MESSAGE', cell: (r) => oneLine(r.message)},
	{
		id: 'firstseen',
		title: 'FIRST SEEN',
		wide: true,
		align: 'right',
		cell: (r, now) => formatAge(r.firstSeen, now),
		sortValue: (r, now) => (r.firstSeen === undefined ? Number.MAX_SAFE_INTEGER : now - r.firstSeen),
	},
	{...nameColumn<EventRow>(), wide: true},
];

export const eventModel: KindModel<EventRow> = {kind: 'Event', project: projectEvent, columns: eventColumns};
