// A deployment's rollout history as `kubectl rollout history` reads it: the ReplicaSets the
// deployment controls, ordered by their revision annotation, each with the pod template it
// rolled out. And what `kubectl rollout undo --to-revision` sends to go back to one of them.
// Pure: the objects come in, a list or a patch goes out.
import type {KubeObject} from './types.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
const HASH_LABEL = 'pod-template-hash';

/**
 * Annotations a rollback does not copy from the ReplicaSet to the deployment: they describe
 * the ReplicaSet or the apply that made the deployment, not the rolled-out template (the same
 * list kubectl keeps).
 */
const NOT_COPIED = new Set([
	'kubectl.kubernetes.io/last-applied-configuration',
	REVISION_ANNOTATION,
	'deployment.kubernetes.io/revision-history',
	'deployment.kubernetes.io/desired-replicas',
	'deployment.kubernetes.io/max-replicas',
	'deprecated.deployment.rollback.to',
]);

export interface Revision {
	revision: number;
	replicaSet: string;
	createdAt?: number;
	images: string[];
	/** kubernetes.io/change-cause, or undefined (kubectl prints <none>). */
	changeCause?: string;
	/** Pods the ReplicaSet wants now: the current revision has them, old ones 0. */
	replicas: number;
	/** The pod template, without the pod-template-hash label the controller adds. */
	template: Record<string, unknown>;
	annotations: Record<string, string>;
}

type Template = {metadata?: {labels?: Record<string, string>}; spec?: {containers?: Array<{image?: string}>}};

function cleanTemplate(template: unknown): Record<string, unknown> {
	const copy = structuredClone((template ?? {}) as Template & Record<string, unknown>);
	if (copy.metadata?.labels) {
		const {[HASH_LABEL]: _hash, ...labels} = copy.metadata.labels;
		copy.metadata = {...copy.metadata, labels};
	}
	return copy;
}

function controlledBy(rs: KubeObject, deployment: KubeObject): boolean {
	return (rs.metadata.ownerReferences ?? []).some((ref) => ref.controller === true && ref.uid === deployment.metadata.uid);
}

/** The deployment's revisions, oldest first; ReplicaSets without a revision are left out, as kubectl does. */
export function revisionsOf(deployment: KubeObject, replicaSets: readonly KubeObject[]): Revision[] {
	const revisions: Revision[] = [];
	for (const rs of replicaSets) {
		if (!controlledBy(rs, deployment)) continue;
		const revision = Number(rs.metadata.annotations?.[REVISION_ANNOTATION]);
		if (!Number.isInteger(revision) || revision <= 0) continue;
		const spec = (rs.spec ?? {}) as {replicas?: number; template?: unknown};
		const template = cleanTemplate(spec.template);
		const created = Date.parse(rs.metadata.creationTimestamp ?? '');
		const cause = rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
		revisions.push({
			revision,
			replicaSet: rs.metadata.name,
			...(Number.isNaN(created) ? {} : {createdAt: created}),
			images: ((template as Template).spec?.containers ?? []).map((c) => c.image ?? ''),
			...(cause ? {changeCause: cause} : {}),
			replicas: spec.replicas ?? 0,
			template,
			annotations: {...(rs.metadata.annotations ?? {})},
		});
	}
	return revisions.sort((a, b) => a.revision - b.revision);
}

export type UndoPlan =
	| {type: 'patch'; revision: number; patch: Array<{op: 'replace' | 'test'; path: string; value: unknown}>; message: string}
	| {type: 'skip'; revision: number; message: string}
	| {type: 'refuse'; reason: 'NotFound' | 'Paused'; message: string};

/** Deep equality of plain JSON values (templates), independent of key order. */
export function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
	const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
	if (ka.length !== kb.length) return false;
	return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * What undo to `toRevision` does (0 = the revision before the current one, as kubectl's
 * default). The patch replaces the template and the annotations, as kubectl's, and also tests
 * that the template is still the one the history was read with: a template changed meanwhile
 * (someone's set image) is refused by the server instead of being rolled back over a change
 * nobody saw. Not the resourceVersion: the deployment controller writes status all the time on
 * a real cluster, and a status write is no reason to refuse an undo.
 */
export function planUndo(deployment: KubeObject, revisions: readonly Revision[], toRevision: number): UndoPlan {
	const name = deployment.metadata.name;
	if ((deployment.spec as {paused?: boolean} | undefined)?.paused) {
		return {type: 'refuse', reason: 'Paused', message: `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${name}' and try again`};
	}
	let target: Revision | undefined;
	if (toRevision === 0) {
		// The newest revision is the current one; the one before it is where undo goes.
		target = revisions.length >= 2 ? revisions[revisions.length - 2] : undefined;
		if (!target) return {type: 'refuse', reason: 'NotFound', message: `no rollout history found for deployment "${name}"`};
	} else {
		target = revisions.find((r) => r.revision === toRevision);
		if (!target) return {type: 'refuse', reason: 'NotFound', message: `unable to find specified revision ${toRevision} in history`};
	}
	const current = cleanTemplate((deployment.spec as {template?: unknown} | undefined)?.template);
	if (sameJson(current, target.template)) {
		return {type: 'skip', revision: target.revision, message: `deployment.apps/${name} skipped rollback (current template already matches revision ${target.revision})`};
	}
	const annotations: Record<string, string> = {...(deployment.metadata.annotations ?? {})};
	for (const [key, value] of Object.entries(target.annotations)) if (!NOT_COPIED.has(key)) annotations[key] = value;
	return {
		type: 'patch',
		revision: target.revision,
		patch: [
			{op: 'test', path: '/spec/template', value: (deployment.spec as {template?: unknown} | undefined)?.template ?? null},
			{op: 'replace', path: '/spec/template', value: target.template},
			{op: 'replace', path: '/metadata/annotations', value: annotations},
		],
		message: `deployment.apps/${name} rolled back`,
	};
}
