// One edit in $EDITOR, up to the question: read the object, write it to a private file, hand the
// terminal to the editor, read the file back, and ask the server (through the gate, as a dry run)
// what it would store. What is wrong with the text — YAML that does not parse, a changed kind or
// name, the server's 422 — goes back into the editor as comment lines at the top, as kubectl
// does, until the text is right or the user cancels (an empty or unchanged file). The file lives
// in a directory of its own (mkdtemp: 0700) as 0600, and is removed on every way out.
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {KubeObject} from '../model/types.js';
import {editableText, editSubject, readEdited, reapplyEdits, reopenText} from '../model/editYaml.js';
import {diffIsEmpty} from '../model/editDiff.js';
import type {ChildEnd} from '../terminal/childTerminal.js';
import type {ActionResult, Intent} from './gate.js';
import type {GenericTarget} from './genericTarget.js';
import type {HpaOwner} from './scaleRule.js';

export type EditIntent = Extract<Intent, {verb: 'edit'}>;

/** The object an edit is about, as the gate names it. */
export interface EditTarget {
	kind: string;
	namespace?: string;
	name: string;
	/** A kind discovery found (its path and verbs). */
	resource?: GenericTarget;
}

/** After a conflict: the version the user read and what they saved, to be made again on the current one. */
export interface EditRestart {
	readAt: KubeObject;
	saved: KubeObject;
}

export type EditPlan =
	/** The server's dry run accepted it: the diff and the intent that applies it once confirmed. */
	| {type: 'ready'; intent: EditIntent; diff: string[]; message: string; /** The HPA owning the replicas the edit changes: the question names it. */ hpa?: HpaOwner}
	/** Someone wrote the object since it was read: what changed, and how to edit again on top of it. */
	| {type: 'conflict'; target: EditTarget; diff: string[]; message: string; restart: EditRestart}
	| {type: 'cancelled'; message: string}
	| {type: 'failed'; message: string};

export interface EditSessionPorts {
	/** The object as the server holds it now. */
	read(): Promise<KubeObject>;
	/** The gate. */
	perform(intent: Intent): Promise<ActionResult>;
	/** Opens the editor on the file with the terminal; resolves when it ends. */
	edit(file: string): Promise<ChildEnd>;
	/** Where the private directory is made (default: the system's). */
	tmpdir?: string;
}

/** Rounds of "the editor again, with what was wrong" before giving up (kubectl has no limit; a broken editor script would loop). */
export const MAX_ROUNDS = 20;

function fileName(target: EditTarget): string {
	const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '_');
	return `${safe(target.kind.toLowerCase())}-${safe(target.name)}.yaml`;
}

function conflictDiff(result: ActionResult): string[] {
	const lines = result.details?.['conflict'];
	return Array.isArray(lines) ? lines.map(String) : [];
}

function hpaOf(value: unknown): HpaOwner | undefined {
	const owner = value as Partial<HpaOwner> | undefined;
	return typeof owner?.name === 'string' && typeof owner.min === 'number' && typeof owner.max === 'number' ? {name: owner.name, min: owner.min, max: owner.max} : undefined;
}

export async function planEdit(ports: EditSessionPorts, target: EditTarget, restart?: EditRestart): Promise<EditPlan> {
	let original: KubeObject;
	try {
		original = await ports.read();
	} catch (error) {
		return {type: 'failed', message: `cannot edit ${target.kind.toLowerCase()} ${target.name}: ${error instanceof Error ? error.message : String(error)}`};
	}
	const subject = editSubject(original);
	let text = editableText(original);
	// Unchanged means: the same as the object now, whatever the editor was opened with.
	let baseline = text;
	if (restart) {
		const again = reapplyEdits(restart.readAt, restart.saved, original);
		text = editableText(again, [
			`${subject} was changed on the server after you read it (resourceVersion ${restart.readAt.metadata.resourceVersion ?? '?'} → ${original.metadata.resourceVersion ?? '?'}).`,
			'Your changes are made again below on the version it has now; where you both changed a field, yours is written.',
		]);
	}
	const dir = await mkdtemp(path.join(ports.tmpdir ?? tmpdir(), 'kubedeck-edit-'));
	try {
		const file = path.join(dir, fileName(target));
		for (let round = 1; round <= MAX_ROUNDS; round++) {
			await writeFile(file, text, {mode: 0o600});
			const end = await ports.edit(file);
			if (!end.ok) return {type: 'failed', message: `edit of ${subject}: the editor did not start (${end.message}); nothing was sent — set KUBE_EDITOR or EDITOR`};
			if (end.code !== 0) return {type: 'failed', message: `edit of ${subject}: the editor ended with ${end.signal ?? `exit ${end.code}`}; nothing was sent`};
			const saved = await readFile(file, 'utf8');
			const read = readEdited(saved, original, baseline);
			if (read.type === 'cancelled') return read;
			if (read.type === 'invalid') {
				text = baseline = reopenText(original, saved, ['kubedeck could not use this text (nothing was sent):', read.message]);
				continue;
			}
			const intent: EditIntent = {verb: 'edit', kind: target.kind, ...(target.namespace ? {namespace: target.namespace} : {}), name: target.name, object: read.object, readAt: original, ...(target.resource ? {resource: target.resource} : {})};
			const dry = await ports.perform({...intent, dryRun: true});
			if (dry.ok) {
				const diff = Array.isArray(dry.details?.['diff']) ? (dry.details['diff'] as unknown[]).map(String) : [];
				if (diffIsEmpty(diff)) return {type: 'cancelled', message: `edit of ${subject}: the server would store it as it is; nothing was sent`};
				const hpa = hpaOf(dry.details?.['hpa']);
				return hpa ? {type: 'ready', intent: {...intent, hpa: hpa.name}, diff, message: dry.message, hpa} : {type: 'ready', intent, diff, message: dry.message};
			}
			if (dry.code === 409) return {type: 'conflict', target, diff: conflictDiff(dry), message: dry.message, restart: {readAt: original, saved: read.object}};
			if (dry.code === 422 || dry.code === 400) {
				text = baseline = reopenText(original, saved, ['The server refused this change (dry run; nothing was saved):', dry.message]);
				continue;
			}
			return {type: 'failed', message: dry.message};
		}
		return {type: 'failed', message: `edit of ${subject}: stopped after ${MAX_ROUNDS} rounds in the editor; nothing was sent`};
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
}
