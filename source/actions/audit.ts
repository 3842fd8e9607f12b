// One JSON line per mutation sent to the API (and per secret value revealed), kept under the user's XDG state directory, so
// that after an incident "what did I change, where, and did it work" has an answer.
import fs from 'node:fs';
import path from 'node:path';

export interface AuditRecord {
	/** RFC 3339 */
	time: string;
	context: string;
	user: string;
	verb: string;
	kind: string;
	namespace?: string;
	name: string;
	/**
	 * 'sensitive-read': a Secret's value was revealed (args.key names it; the value is never
	 * written). 'connection': a port-forward connection was opened (not a mutation). Absent for mutations.
	 */
	category?: 'sensitive-read' | 'connection';
	args?: Record<string, unknown>;
	result: {ok: boolean; message: string; reason?: string; code?: number};
}

export interface AuditLog {
	append(record: AuditRecord): void;
}

/**
 * Appends to FILE (created with mode 0600, directories 0700). Writes are synchronous and
 * small: a line must be on disk even if kubedeck is killed right after the action.
 * A failing audit write never blocks the action; it is reported through onError instead.
 */
export function fileAuditLog(file: string, onError: (message: string) => void = () => {}): AuditLog {
	return {
		append(record) {
			try {
				fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
				const fd = fs.openSync(file, 'a', 0o600);
				try {
					// An existing file created by an older version or by hand may be wider; tighten it.
					fs.fchmodSync(fd, 0o600);
					fs.writeSync(fd, JSON.stringify(record) + '\n');
				} finally {
					fs.closeSync(fd);
				}
			} catch (error) {
				onError(`could not write the audit log ${file}: ${(error as Error).message}`);
			}
		},
	};
}

/** For tests and --demo without a state directory: keeps records in memory. */
export function memoryAuditLog(): AuditLog & {records: AuditRecord[]} {
	const records: AuditRecord[] = [];
	return {
		records,
		append(record) {
			records.push(record);
		},
	};
}
