// Finding and merging kubeconfig files the way kubectl does, so kubedeck connects to exactly
// the cluster `kubectl` would. The client library's own loader throws on duplicate names across
// KUBECONFIG files, where kubectl lets the first file win; hence the merge is done here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {KubeConfig} from '@kubernetes/client-node';
import type {Cluster, Context, User} from '@kubernetes/client-node';
import {load, YAMLException} from 'js-yaml';

export interface LoadKubeConfigOptions {
	/** --kubeconfig: one explicit file, which must exist. */
	kubeconfig?: string;
	/** --context: overrides current-context. */
	context?: string;
	env?: NodeJS.ProcessEnv;
	home?: string;
}

export type LoadKubeConfigResult =
	| {ok: true; kubeConfig: KubeConfig; files: string[]; context: string; namespace: string}
	| {ok: false; message: string};

export interface ContextSummary {
	name: string;
	cluster: string;
	user: string;
	namespace?: string;
	current: boolean;
}

const DEMO_HINT = 'or run `kubedeck --demo` to try a simulated cluster';

function fail(message: string): {ok: false; message: string} {
	return {ok: false, message};
}

interface FileSource {
	file: string;
	/** Missing files in KUBECONFIG are skipped like kubectl does; an explicit or default file is required. */
	required: boolean;
}

function candidateFiles(options: LoadKubeConfigOptions): FileSource[] {
	const env = options.env ?? process.env;
	if (options.kubeconfig) return [{file: path.resolve(options.kubeconfig), required: true}];
	const fromEnv = env['KUBECONFIG'];
	if (fromEnv && fromEnv.length > 0) {
		const seen = new Set<string>();
		const files: FileSource[] = [];
		for (const entry of fromEnv.split(path.delimiter)) {
			if (!entry) continue;
			const file = path.resolve(entry);
			if (seen.has(file)) continue; // kubectl de-duplicates the list
			seen.add(file);
			files.push({file, required: false});
		}
		return files;
	}
	const home = options.home ?? os.homedir();
	return [{file: path.join(home, '.kube', 'config'), required: true}];
}

type Parsed = {ok: true; config: KubeConfig} | {ok: false; message: string} | {ok: 'missing'};

function parseFile(file: string): Parsed {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return {ok: 'missing'};
		if (code === 'EACCES' || code === 'EPERM') return {ok: false, message: `kubeconfig ${file} is not readable (permission denied)`};
		if (code === 'EISDIR') return {ok: false, message: `kubeconfig ${file} is a directory, not a file`};
		return {ok: false, message: `kubeconfig ${file} could not be read: ${(error as Error).message}`};
	}
	let document: unknown;
	try {
		document = text.trim() === '' ? {} : load(text);
	} catch (error) {
		if (error instanceof YAMLException) {
			// FILE:LINE for editors, and the words for people reading it on a bastion.
			const where = error.mark ? `:${error.mark.line + 1}: YAML error at line ${error.mark.line + 1}, column ${error.mark.column + 1}` : ': YAML error';
			return {ok: false, message: `kubeconfig ${file}${where}: ${error.reason}`};
		}
		return {ok: false, message: `kubeconfig ${file}: ${(error as Error).message}`};
	}
	if (document === null || document === undefined) document = {};
	if (typeof document !== 'object' || Array.isArray(document)) {
		return {ok: false, message: `kubeconfig ${file} is not a kubeconfig (expected a mapping with clusters, users and contexts)`};
	}
	const config = new KubeConfig();
	try {
		// The library re-parses; files are small and this keeps its entry validation and auth setup.
		config.loadFromString(text === '' ? '{}' : text);
		config.makePathsAbsolute(path.dirname(file));
	} catch (error) {
		return {ok: false, message: `kubeconfig ${file}: ${(error as Error).message}`};
	}
	return {ok: true, config};
}

/**
 * A configuration that remembers where it was read from, so that its credentials can be read
 * again when the server stops accepting them (a rotated token, a refreshed exec or OIDC login).
 */
class FileKubeConfig extends KubeConfig {
	constructor(readonly origin: LoadKubeConfigOptions) {
		super();
	}
}

/** kubectl's merge: for each map (clusters, users, contexts) the first file naming a key wins. */
function firstWins<T extends {name: string}>(target: T[], seen: Set<string>, items: readonly T[] | undefined): void {
	for (const item of items ?? []) {
		if (seen.has(item.name)) continue;
		seen.add(item.name);
		target.push(item);
	}
}

export function loadKubeConfig(options: LoadKubeConfigOptions = {}): LoadKubeConfigResult {
	const result = mergeFiles(options);
	return result.ok ? result : {ok: false, message: `${result.message} — ${DEMO_HINT}`};
}

function mergeFiles(options: LoadKubeConfigOptions): LoadKubeConfigResult {
	const sources = candidateFiles(options);
	const clusters: Cluster[] = [];
	const users: User[] = [];
	const contexts: Context[] = [];
	const seen = {clusters: new Set<string>(), users: new Set<string>(), contexts: new Set<string>()};
	let currentContext = '';
	const files: string[] = [];
	for (const source of sources) {
		const parsed = parseFile(source.file);
		if (parsed.ok === 'missing') {
			if (source.required) {
				const why = options.kubeconfig ? '(given with --kubeconfig)' : '(the default location; set KUBECONFIG or pass --kubeconfig)';
				return fail(`kubeconfig ${source.file} not found ${why}`);
			}
			continue;
		}
		if (parsed.ok === false) return fail(parsed.message);
		files.push(source.file);
		firstWins(clusters, seen.clusters, parsed.config.clusters);
		firstWins(users, seen.users, parsed.config.users);
		firstWins(contexts, seen.contexts, parsed.config.contexts);
		if (!currentContext && parsed.config.currentContext) currentContext = parsed.config.currentContext;
	}
	if (files.length === 0) {
		return fail(`none of the KUBECONFIG files exist: ${sources.map((s) => s.file).join(', ')}`);
	}
	const where = files.join(', ');
	if (contexts.length === 0) return fail(`no contexts defined in kubeconfig ${where}`);
	const known = contexts.map((c) => c.name).join(', ');
	const chosen = options.context ?? currentContext;
	if (!chosen) return fail(`no current-context set in kubeconfig ${where}; pick one with --context (known: ${known})`);
	const context = contexts.find((c) => c.name === chosen);
	if (!context) {
		const origin = options.context ? '--context' : 'current-context';
		return fail(`context "${chosen}" (from ${origin}) not found in kubeconfig ${where}; known contexts: ${known}`);
	}
	if (!clusters.some((c) => c.name === context.cluster)) {
		return fail(`context "${context.name}" refers to cluster "${context.cluster}", which is not defined in kubeconfig ${where}`);
	}
	if (!users.some((u) => u.name === context.user)) {
		return fail(`context "${context.name}" refers to user "${context.user}", which is not defined in kubeconfig ${where}`);
	}
	const kubeConfig = new FileKubeConfig(options);
	kubeConfig.loadFromOptions({clusters, users, contexts, currentContext: context.name});
	return {ok: true, kubeConfig, files, context: context.name, namespace: context.namespace || 'default'};
}

/** Every context, for the :ctx picker; `current` marks the one in use. */
export function listContexts(kubeConfig: KubeConfig): ContextSummary[] {
	const current = kubeConfig.getCurrentContext();
	return kubeConfig.getContexts().map((c) => ({
		name: c.name,
		cluster: c.cluster,
		user: c.user,
		...(c.namespace ? {namespace: c.namespace} : {}),
		current: c.name === current,
	}));
}

/** A copy of the configuration switched to another context (for :ctx), or an error message. */
export function switchContext(kubeConfig: KubeConfig, name: string): {ok: true; kubeConfig: KubeConfig; namespace: string} | {ok: false; message: string} {
	const context = kubeConfig.getContextObject(name);
	if (!context) {
		return {ok: false, message: `context "${name}" not found; known contexts: ${kubeConfig.getContexts().map((c) => c.name).join(', ')}`};
	}
	const next = kubeConfig instanceof FileKubeConfig ? new FileKubeConfig(kubeConfig.origin) : new KubeConfig();
	next.loadFromOptions({clusters: kubeConfig.getClusters(), users: kubeConfig.getUsers(), contexts: kubeConfig.getContexts(), currentContext: name});
	return {ok: true, kubeConfig: next, namespace: context.namespace || 'default'};
}

/**
 * The same context with its credentials read afresh, for when the server answers 401: the
 * kubeconfig files again (a token rotated in place), and a new KubeConfig in any case, whose
 * exec and OIDC authenticators start with empty caches, so credential plugins run again instead
 * of handing back a token they hold as unexpired. Throws an Error that says why it could not.
 */
export function rereadCredentials(kubeConfig: KubeConfig): KubeConfig {
	const context = kubeConfig.getCurrentContext();
	if (kubeConfig instanceof FileKubeConfig) {
		const loaded = mergeFiles({...kubeConfig.origin, context});
		if (!loaded.ok) throw new Error(loaded.message);
		return loaded.kubeConfig;
	}
	// Built in memory (no files to read): only the plugins can be asked again.
	const next = new KubeConfig();
	next.loadFromOptions({clusters: kubeConfig.getClusters(), users: kubeConfig.getUsers(), contexts: kubeConfig.getContexts(), currentContext: context});
	return next;
}

/** Who kubedeck acts as, for the header and the audit log. */
export function identityOf(kubeConfig: KubeConfig): {context: string; cluster: string; user: string; server: string} {
	const context = kubeConfig.getCurrentContext();
	const object = kubeConfig.getContextObject(context);
	return {context, cluster: object?.cluster ?? '', user: object?.user ?? '', server: kubeConfig.getCurrentCluster()?.server ?? ''};
}
