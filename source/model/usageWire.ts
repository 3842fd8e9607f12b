// A usage table in a form that crosses a thread boundary cheaply: the keys in one string and the
// numbers in one Float64Array, instead of a Map of 50,000 small objects that the structured
// clone would walk one by one. Pure.
import type {Usage, UsageTable} from './metrics.js';

export interface UsageWire {
	/** The keys, each followed by a NUL (object names cannot hold one). */
	keys: string;
	/** Four numbers per key, in key order: cpuMilli, memoryBytes, timestamp, windowMs (NaN: absent). */
	numbers: Float64Array;
	sampledAt?: number;
	unavailable?: string;
}

const FIELDS = 4;

export function toWire(table: UsageTable): UsageWire {
	const numbers = new Float64Array(table.byKey.size * FIELDS);
	const keys: string[] = [];
	let at = 0;
	for (const [key, usage] of table.byKey) {
		keys.push(key);
		numbers[at++] = usage.cpuMilli;
		numbers[at++] = usage.memoryBytes;
		numbers[at++] = usage.timestamp ?? Number.NaN;
		numbers[at++] = usage.windowMs ?? Number.NaN;
	}
	return {
		keys: keys.length === 0 ? '' : `${keys.join('\0')}\0`,
		numbers,
		...(table.sampledAt !== undefined ? {sampledAt: table.sampledAt} : {}),
		...(table.unavailable !== undefined ? {unavailable: table.unavailable} : {}),
	};
}

export function fromWire(wire: UsageWire): UsageTable {
	const byKey = new Map<string, Usage>();
	let start = 0;
	for (let i = 0; start < wire.keys.length; i++) {
		const end = wire.keys.indexOf('\0', start);
		const key = wire.keys.slice(start, end);
		start = end + 1;
		const at = i * FIELDS;
		const usage: Usage = {cpuMilli: wire.numbers[at]!, memoryBytes: wire.numbers[at + 1]!};
		const timestamp = wire.numbers[at + 2]!;
		const windowMs = wire.numbers[at + 3]!;
		if (!Number.isNaN(timestamp)) usage.timestamp = timestamp;
		if (!Number.isNaN(windowMs)) usage.windowMs = windowMs;
		byKey.set(key, usage);
	}
	return {
		byKey,
		...(wire.sampledAt !== undefined ? {sampledAt: wire.sampledAt} : {}),
		...(wire.unavailable !== undefined ? {unavailable: wire.unavailable} : {}),
	};
}
