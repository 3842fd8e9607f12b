// ctrl-s in the log view: the buffer goes to a file the operator can attach to an incident,
// written atomically with mode 0600 (logs can hold secrets) under the XDG state directory.
import path from 'node:path';
import {writeFileAtomic} from '../config/settings.js';

export interface SaveLogsTarget {
	namespace: string;
	/** Pod or deployment name. */
	name: string;
	container?: string;
}

/** Something safe as a file name: cluster names are DNS-like already; anything else becomes '_'. */
function safe(part: string): string {
	return part.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100) || '_';
}

export function logFileName(target: SaveLogsTarget, now: Date): string {
	const stamp = now.toISOString().replace(/[:]/g, '').replace(/\.\d{3}Z$/, 'Z');
	const parts = [target.namespace, target.name, ...(target.container ? [target.container] : []), stamp].map(safe);
	return `${parts.join('_')}.log`;
}

export function saveLogs(directory: string, target: SaveLogsTarget, lines: readonly string[], now: Date = new Date()): {ok: true; path: string; lines: number} | {ok: false; message: string} {
	const file = path.join(directory, logFileName(target, now));
	try {
		writeFileAtomic(file, lines.length === 0 ? '' : lines.join('\n') + '\n', 0o600);
		return {ok: true, path: file, lines: lines.length};
	} catch (error) {
		return {ok: false, message: `could not save the logs to ${file}: ${(error as Error).message}`};
	}
}
