// The built-in kinds, in the order panes, commands and the README list them. Adding a kind is
// one model file in source/model/ and one entry here (see the README's "Adding a built-in kind");
// every table elsewhere is derived from this list and ./views.ts.
import type {KindModel, KubeObject} from '../model/types.js';
import {isNamespaced, type AnyKind, type KindSpec} from './kind.js';
import {viewPanes, type ViewPaneId} from './views.js';
import type {GenericResource} from './generic-names.js';
import {pods} from './pods.js';
import {deployments} from './deployments.js';
import {replicasets} from './replicasets.js';
import {services} from './services.js';
import {nodes} from './nodes.js';
import {namespaces} from './namespaces.js';
import {events} from './events.js';
import {configmaps} from './configmaps.js';
import {secrets} from './secrets.js';
import {helm} from './helm.js';
import {hpas} from './hpas.js';

export const builtInKinds = Object.freeze([pods, deployments, replicasets, services, nodes, namespaces, configmaps, secrets, helm, events, hpas] as const);

type BuiltIn = (typeof builtInKinds)[number];

/** 'pods' | 'deployments' | …: the resource names the session can watch. */
export type KindName = BuiltIn['plural'];

/** The row type each kind's model projects to, by kind name. */
export type RowsByKind = {[S in BuiltIn as S['plural']]: S['model'] extends KindModel<infer R> ? R : never};

export type RowOf<K extends KindName> = RowsByKind[K];

/** Kinds with a pane (all but the paneless ones such as events). */
type PaneKind = Exclude<BuiltIn, {paneless: true}>;

/** Every pane: one per kind with a pane, plus the views over kinds (./views.ts), plus discovered kinds ('plural.group'). */
export type PaneId = PaneKind['plural'] | ViewPaneId | GenericResource;

export const kindNames: readonly KindName[] = Object.freeze(builtInKinds.map((k) => k.plural));

const byName = new Map<string, AnyKind>(builtInKinds.map((k) => [k.plural, k as AnyKind]));

/** The spec of a kind by its plural, typed by its row. */
export function kindOf<K extends KindName>(name: K): KindSpec<RowOf<K>, K> {
	return byName.get(name) as unknown as KindSpec<RowOf<K>, K>;
}

export function modelOf<K extends KindName>(name: K): KindModel<RowOf<K>> {
	return kindOf(name).model;
}

/** Kinds that have a pane, a ':' command and a key-map context. */
export const paneKinds: readonly AnyKind[] = Object.freeze(builtInKinds.filter((k) => !('paneless' in k && k.paneless)) as AnyKind[]);

/** plural first, then the other names: what ':' and -c accept for a kind. */
export function wordsOf(kind: Pick<AnyKind, 'plural' | 'names'>): readonly string[] {
	return [kind.plural, ...kind.names];
}

const byWord = new Map<string, AnyKind>();
for (const kind of builtInKinds as readonly AnyKind[]) {
	for (const word of [...wordsOf(kind), kind.kind]) byWord.set(word.toLowerCase(), kind);
}

/** A kind by any of its words or its Kind, case-insensitively ('Pod', 'pods', 'po'). */
export function kindByWord(word: string): AnyKind | undefined {
	return byWord.get(word.toLowerCase());
}

/** A kind by the API's Kind ('Deployment'). */
export function kindByKind(kind: string): AnyKind | undefined {
	return builtInKinds.find((k) => k.kind === kind);
}

/**
 * An object fetched on demand as the views may see it: the redaction of the kind it was asked
 * for, or else of the Kind it says it is (a Secret reached some other way is masked all the same).
 */
export function redactObject(kind: string, object: KubeObject): KubeObject {
	const redact = kindByWord(kind)?.redact ?? (typeof object.kind === 'string' ? kindByKind(object.kind)?.redact : undefined);
	return redact ? redact(object) : object;
}

export function namespacedKind(name: KindName): boolean {
	return isNamespaced(kindOf(name));
}

/** Panes a ':' word (or -c) opens: all but the views reached only by Enter. */
export type CommandPaneId = Exclude<PaneId, Extract<(typeof viewPanes)[number], {names: readonly []}>['id']>;

/** Panes that a ':' word opens, each with its words: the kinds with a pane, then the views that have words. */
export const paneWords: ReadonlyArray<{pane: CommandPaneId; words: readonly string[]}> = Object.freeze([
	...paneKinds.map((k) => ({pane: k.plural as CommandPaneId, words: wordsOf(k)})),
	...viewPanes.filter((v) => v.names.length > 0).map((v) => ({pane: v.id as CommandPaneId, words: v.names as readonly string[]})),
]);

/** Key-map contexts of panes, in README order: kinds, then views that have their own. */
export const paneContexts: readonly PaneId[] = Object.freeze([...paneKinds.map((k) => k.plural as PaneId), ...viewPanes.filter((v) => v.context).map((v) => v.id)]);

export type {AnyKind, KindSpec, Verb, Describer, Scope} from './kind.js';
export {apiPath, isNamespaced, defineKind, objectVerbs} from './kind.js';
export type {EnterAction, DrillTarget, PodRef} from './drill.js';
export {viewPanes, type ViewPane, type ViewPaneId} from './views.js';
