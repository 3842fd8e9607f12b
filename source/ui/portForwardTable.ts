// The :pf pane's rows, pure: one line per forward, cells from the forward manager's snapshot.
import type {ForwardInfo} from '../actions/portForward.js';
import {formatAge} from '../model/age.js';

// The counters come before the names: at 80 columns a long pod name is what gets cut, not the numbers.
export const FORWARD_COLUMNS = ['LOCAL', 'CONNS', 'IN', 'OUT', 'STATE', 'SINCE', 'TARGET', 'POD'] as const;

const shortKind: Record<string, string> = {Pod: 'pod', Deployment: 'deploy', StatefulSet: 'sts', Service: 'svc'};

export function humanBytes(n: number): string {
	if (n < 1024) return `${n}B`;
	const units = ['K', 'M', 'G', 'T'];
	let value = n / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${value < 10 ? value.toFixed(1) : Math.round(value)}${units[unit]}`;
}

/** STATE: `N open` connections, `idle`, or `failing` when the last connection could not reach a pod (the reason is under the table). */
export function forwardCells(f: ForwardInfo, now: number): string[] {
	const pod = f.pod ? `${f.target.namespace}/${f.pod}:${f.podPort ?? ''}` : '-';
	const target = `${shortKind[f.target.kind] ?? f.target.kind.toLowerCase()}/${f.target.name}:${f.target.port}`;
	const state = f.state !== 'listening' ? f.state : f.active > 0 ? `${f.active} open` : f.lastError ? 'failing' : 'idle';
	return [`${f.bindAddress}:${f.localPort}`, String(f.connections), humanBytes(f.bytesIn), humanBytes(f.bytesOut), state, formatAge(f.since, now), target, pod];
}

/** Header and rows aligned in columns (two spaces apart). */
export function forwardLines(list: readonly ForwardInfo[], now: number): string[] {
	const rows = [FORWARD_COLUMNS.slice() as string[], ...list.map(f => forwardCells(f, now))];
	const widths = FORWARD_COLUMNS.map((_, i) => Math.max(...rows.map(r => r[i]!.length)));
	return rows.map(r => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
}
