// Key bindings are data (keymaps/default.yaml plus the user's overrides). The dispatcher,
// the help screen and the footer hints all read the same Keymap, so they cannot disagree.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {keyFromInk, parseKeyName} from './keys.js';
import type {InkKey} from './keys.js';
import {ACTIONS, CONTEXTS, isActionId, isContext, type ActionArgSpec} from './vocabulary.js';
import {isNullScalar, parseYamlTree, YamlTreeError} from './yamlTree.js';
import type {YamlNode} from './yamlTree.js';

export class KeymapError extends Error {
	constructor(
		readonly file: string,
		readonly line: number,
		readonly reason: string,
	) {
		super(`${file}:${line}: ${reason}`);
		this.name = 'KeymapError';
	}
}

export interface Binding {
	/** Canonical key names ('j', 'N', 'ctrl-d', 'pgdn'). */
	keys: string[];
	action: string;
	arg?: string;
	description: string;
	context: string;
}

interface Entry {
	binding: Binding;
	file: string;
	line: number;
	/** 0 for the default file, 1+ for overrides: a clash is reported where the later one was written. */
	source: number;
}

export interface Keymap {
	/** context → bindings in file order (user overrides keep the default's position). */
	readonly contexts: ReadonlyMap<string, readonly Binding[]>;
	/** context → key → binding, for dispatch. */
	readonly index: ReadonlyMap<string, ReadonlyMap<string, Binding>>;
	readonly files: readonly string[];
}

export interface KeymapSource {
	file: string;
	text: string;
}

/** The id a binding is stored under: 'ns.favourite:1' keeps slots 1 and 2 apart. */
function entryId(action: string, arg: string | undefined): string {
	return arg === undefined ? action : `${action}:${arg}`;
}

/**
 * Ids that are gone, and what a user's map naming one now binds: pod.shellHint printed a kubectl
 * exec line before kubedeck opened shells itself (s). Its keys are added to that action's, so an
 * old user map neither fails to load nor takes s away from the shell.
 */
const RETIRED: Readonly<Record<string, string>> = {'pod.shellHint': 'pod.shell'};

function parseActionId(raw: string, file: string, line: number): {action: string; arg?: string; retired?: true} {
	if (Object.hasOwn(RETIRED, raw)) return {action: RETIRED[raw]!, retired: true};
	const colon = raw.indexOf(':');
	const action = colon < 0 ? raw : raw.slice(0, colon);
	const arg = colon < 0 ? undefined : raw.slice(colon + 1);
	const spec: ActionArgSpec | undefined = isActionId(action) ? ACTIONS[action] : undefined;
	if (!spec) throw new KeymapError(file, line, `unknown action "${action}" (see keymaps/README.md for the list)`);
	if (spec.arg) {
		if (arg === undefined || !spec.arg.pattern.test(arg)) {
			throw new KeymapError(file, line, `action "${action}" needs an argument written "${action}:X" where X is ${spec.arg.explain}`);
		}
		return {action, arg};
	}
	if (arg !== undefined) throw new KeymapError(file, line, `action "${action}" takes no argument`);
	return {action};
}

function parseKeys(node: YamlNode, file: string): string[] {
	const items = node.kind === 'sequence' ? node.items : [node];
	if (isNullScalar(node)) return [];
	return items.map((item) => {
		if (item.kind !== 'scalar') throw new KeymapError(file, item.line, 'a key must be a name like j, shift-n, ctrl-d or enter');
		const parsed = parseKeyName(item.value);
		if (!parsed.ok) throw new KeymapError(file, item.line, parsed.reason);
		return parsed.key;
	});
}

/**
 * One binding's value: a key ("q"), a list of keys ([q, ctrl-c]), an empty list (unbind),
 * or {keys: [...], description: "..."}.
 */
function parseBindingValue(node: YamlNode, file: string): {keys: string[]; description?: string} {
	if (node.kind !== 'mapping') return {keys: parseKeys(node, file)};
	let keys: string[] | undefined;
	let description: string | undefined;
	for (const {key, keyLine, value} of node.entries) {
		if (key === 'keys') keys = parseKeys(value, file);
		else if (key === 'description') {
			if (value.kind !== 'scalar') throw new KeymapError(file, value.line, 'description must be text');
			description = value.value;
		} else throw new KeymapError(file, keyLine, `unknown field "${key}" in a binding (allowed: keys, description)`);
	}
	if (keys === undefined) throw new KeymapError(file, node.line, 'binding has no "keys" (use keys: [] to unbind)');
	return description === undefined ? {keys} : {keys, description};
}

/** Builds a keymap from the default file followed by overrides; throws KeymapError on the first problem. */
export function buildKeymap(sources: readonly KeymapSource[]): Keymap {
	const perContext = new Map<string, Map<string, Entry>>();
	sources.forEach((source, sourceIndex) => {
		const isDefault = sourceIndex === 0;
		let root: YamlNode | undefined;
		try {
			root = parseYamlTree(source.text);
		} catch (error) {
			if (error instanceof YamlTreeError) throw new KeymapError(source.file, error.line, error.reason);
			throw error;
		}
		if (!root) return;
		if (root.kind !== 'mapping') throw new KeymapError(source.file, root.line, 'expected a mapping of contexts (global:, table:, pods:, …)');
		for (const {key: contextName, keyLine, value: contextNode} of root.entries) {
			if (!isContext(contextName)) {
				throw new KeymapError(source.file, keyLine, `unknown context "${contextName}" (known: ${CONTEXTS.join(', ')})`);
			}
			if (isNullScalar(contextNode)) continue;
			if (contextNode.kind !== 'mapping') throw new KeymapError(source.file, contextNode.line, `context "${contextName}" must map action ids to keys`);
			const entries = perContext.get(contextName) ?? new Map<string, Entry>();
			perContext.set(contextName, entries);
			for (const {key: rawAction, keyLine: actionLine, value} of contextNode.entries) {
				const {action, arg, retired} = parseActionId(rawAction, source.file, actionLine);
				const parsed = parseBindingValue(value, source.file);
				const id = entryId(action, arg);
				const previous = entries.get(id);
				if (retired && previous) parsed.keys = [...new Set([...previous.binding.keys, ...parsed.keys])];
				const description = parsed.description ?? previous?.binding.description;
				if (description === undefined) {
					if (isDefault) throw new KeymapError(source.file, actionLine, `binding for "${id}" needs a description (shown in help)`);
				}
				const binding: Binding = {keys: parsed.keys, action, description: description ?? id, context: contextName};
				if (arg !== undefined) binding.arg = arg;
				entries.set(id, {binding, file: source.file, line: actionLine, source: sourceIndex});
			}
		}
	});
	return indexBindings(perContext, sources.map((s) => s.file));
}

function indexBindings(perContext: Map<string, Map<string, Entry>>, files: string[]): Keymap {
	const contexts = new Map<string, Binding[]>();
	const index = new Map<string, Map<string, Binding>>();
	for (const [context, entries] of perContext) {
		const byKey = new Map<string, Entry>();
		const bindings: Binding[] = [];
		for (const entry of entries.values()) {
			for (const key of entry.binding.keys) {
				const clash = byKey.get(key);
				if (clash && clash !== entry) {
					const [older, newer] = clash.source < entry.source || (clash.source === entry.source && clash.line <= entry.line) ? [clash, entry] : [entry, clash];
					const a = entryId(older.binding.action, older.binding.arg);
					const b = entryId(newer.binding.action, newer.binding.arg);
					const where = older.file === newer.file ? `line ${older.line}` : `${older.file}:${older.line}`;
					throw new KeymapError(newer.file, newer.line, `key "${key}" in context "${context}" is bound to both ${a} (${where}) and ${b}`);
				}
				byKey.set(key, entry);
			}
			if (entry.binding.keys.length > 0) bindings.push(entry.binding);
		}
		contexts.set(context, bindings);
		index.set(context, new Map([...byKey].map(([key, entry]) => [key, entry.binding])));
	}
	return {contexts, index, files};
}

/** keymaps/default.yaml, found by walking up from this module: works from source/, dist/ and a global install. */
export function defaultKeymapPath(): string {
	let dir = path.dirname(fileURLToPath(import.meta.url));
	for (let i = 0; i < 6; i++) {
		const candidate = path.join(dir, 'keymaps', 'default.yaml');
		if (fs.existsSync(candidate)) return candidate;
		dir = path.dirname(dir);
	}
	throw new KeymapError('keymaps/default.yaml', 0, 'the default key map is missing from the kubedeck installation; reinstall kubedeck');
}

export interface LoadKeymapOptions {
	/** The user's overrides (~/.config/kubedeck/keymap.yaml or --keymap FILE). */
	userFile?: string;
	/** Set for --keymap: a missing file is then an error instead of "no overrides". */
	requireUserFile?: boolean;
	/** Tests only: use this default file instead of the shipped one. */
	defaultFile?: string;
}

export function loadKeymap(options: LoadKeymapOptions = {}): Keymap {
	const defaultFile = options.defaultFile ?? defaultKeymapPath();
	const sources: KeymapSource[] = [{file: defaultFile, text: readKeymapFile(defaultFile, true)!}];
	if (options.userFile) {
		const text = readKeymapFile(options.userFile, options.requireUserFile ?? false);
		if (text !== undefined) sources.push({file: options.userFile, text});
	}
	return buildKeymap(sources);
}

function readKeymapFile(file: string, required: boolean): string | undefined {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' && !required) return undefined;
		const why = code === 'ENOENT' ? 'file not found' : `cannot read key map: ${(error as Error).message}`;
		throw new KeymapError(file, 0, why);
	}
}

/** The action for a keypress: the most specific context that binds the key wins. */
export function resolveKey(keymap: Keymap, contexts: readonly string[], input: string, key: Partial<InkKey>): {action: string; arg?: string} | undefined {
	const name = keyFromInk(input, key);
	if (name === undefined) return undefined;
	for (const context of contexts) {
		const binding = keymap.index.get(context)?.get(name);
		if (binding) return binding.arg === undefined ? {action: binding.action} : {action: binding.action, arg: binding.arg};
	}
	return undefined;
}

/**
 * The bindings in effect for a context stack (most specific first), for help and footers.
 * A key claimed by a more specific context is removed from the less specific binding;
 * a binding left with no keys is not listed, because pressing nothing cannot trigger it.
 */
export function bindingsFor(keymap: Keymap, contexts: readonly string[]): Array<{keys: string[]; action: string; arg?: string; description: string; context: string}> {
	const claimed = new Set<string>();
	const result: Array<{keys: string[]; action: string; arg?: string; description: string; context: string}> = [];
	for (const context of contexts) {
		const bindings = keymap.contexts.get(context) ?? [];
		const claimedHere: string[] = [];
		for (const binding of bindings) {
			const keys = binding.keys.filter((k) => !claimed.has(k));
			claimedHere.push(...binding.keys);
			if (keys.length === 0) continue;
			const item: {keys: string[]; action: string; arg?: string; description: string; context: string} = {keys, action: binding.action, description: binding.description, context};
			if (binding.arg !== undefined) item.arg = binding.arg;
			result.push(item);
		}
		for (const key of claimedHere) claimed.add(key);
	}
	return result;
}
