// The events pane's order: what an SRE scans for in an incident is "what is warning now, and
// about what". Events that repeat the same thing about the same object (old-style duplicates
// that were never folded into a series) become one row with their counts summed and the latest
// last-seen; then objects with a warning come first, the most recently active first, each
// object's events together (warnings first, newest first).
import type {EventRow} from './events.js';

/** The object an event is about, as one key (uid when the event names it, else kind/ns/name). */
export function involvedKey(involved: EventRow['involved']): string {
	return involved.uid || `${involved.kind}/${involved.namespace ?? ''}/${involved.name}`;
}

function sameKey(row: EventRow): string {
	return [involvedKey(row.involved), row.type, row.reason, row.involved.fieldPath ?? '', row.message].join('\u0000');
}

function merge(a: EventRow, b: EventRow): EventRow {
	const newer = (b.lastSeen ?? -Infinity) > (a.lastSeen ?? -Infinity) ? b : a;
	const merged: EventRow = {...newer, count: a.count + b.count};
	const first = Math.min(a.firstSeen ?? Infinity, b.firstSeen ?? Infinity);
	if (Number.isFinite(first)) merged.firstSeen = first;
	return merged;
}

const WIDTH = 16;
/** Newest first as an ascending string key: the distance from a far-future instant, zero-padded. */
function newestFirst(time: number | undefined): string {
	const distance = time === undefined ? 9e15 : Math.max(0, 9e15 - time);
	return String(Math.round(distance)).padStart(WIDTH, '0');
}

/**
 * Duplicates folded, and each row given `order`: the key the TYPE column sorts by, so the
 * pane opens sorted by it (see the events pane's default sort).
 */
export function groupEvents(rows: readonly EventRow[]): EventRow[] {
	const folded = new Map<string, EventRow>();
	for (const row of rows) {
		const key = sameKey(row);
		const seen = folded.get(key);
		folded.set(key, seen ? merge(seen, row) : row);
	}
	const groups = new Map<string, {warning: boolean; last: number | undefined}>();
	for (const row of folded.values()) {
		const key = involvedKey(row.involved);
		const group = groups.get(key) ?? {warning: false, last: undefined};
		if (row.type === 'Warning') group.warning = true;
		if (row.lastSeen !== undefined && (group.last === undefined || row.lastSeen > group.last)) group.last = row.lastSeen;
		groups.set(key, group);
	}
	return [...folded.values()].map((row) => {
		const key = involvedKey(row.involved);
		const group = groups.get(key)!;
		const order = [group.warning ? '0' : '1', newestFirst(group.last), key, row.type === 'Warning' ? '0' : '1', newestFirst(row.lastSeen)].join('|');
		return {...row, order};
	});
}

/** Whether an event is about the object (the `E` jump's filter): by uid when both have one, else by kind/namespace/name. */
export function isAbout(row: EventRow, target: {kind: string; namespace?: string; name: string; uid?: string}): boolean {
	if (row.involved.uid && target.uid) return row.involved.uid === target.uid;
	return row.involved.kind === target.kind && row.involved.name === target.name && (row.involved.namespace ?? '') === (target.namespace ?? '');
}
