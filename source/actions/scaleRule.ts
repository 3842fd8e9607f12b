// When a scale needs a second "yes". One rule for the dialog that asks and the gate that
// refuses, so the question and the refusal can never disagree about what is risky.

/** Why a change of replicas is risky, or undefined when it is routine. */
export type ScaleRisk = 'zero' | 'jump';

/** Factor past which a change either way is treated as a typo (3 → 30, 300 → 3). */
export const SCALE_JUMP_FACTOR = 10;

/**
 * Scaling to 0 stops every pod; a change by more than 10× up or down is the classic fat finger
 * (one digit too many or too few). `from` undefined means the current count is not known yet:
 * only the zero rule can apply then.
 */
export function scaleRisk(from: number | undefined, to: number): ScaleRisk | undefined {
	if (to === 0) return from === 0 ? undefined : 'zero';
	if (from === undefined || from <= 0) return undefined;
	return to > from * SCALE_JUMP_FACTOR || to * SCALE_JUMP_FACTOR < from ? 'jump' : undefined;
}

/** An HPA that sets the replica count of the object being scaled: a hand-made change is undone at its next sync. */
export interface HpaOwner {
	name: string;
	/** spec.minReplicas (the API defaults it to 1). */
	min: number;
	max: number;
}

/**
 * The HPA among `hpas` whose scaleTargetRef is this object, if any. The target's group is not
 * compared: an HPA names a Deployment by kind and name in its namespace, and there is one.
 */
export function hpaOwning(hpas: readonly unknown[], kind: string, name: string): HpaOwner | undefined {
	for (const item of hpas) {
		const hpa = item as {metadata?: {name?: unknown}; spec?: {scaleTargetRef?: {kind?: unknown; name?: unknown}; minReplicas?: unknown; maxReplicas?: unknown}};
		const ref = hpa?.spec?.scaleTargetRef;
		if (ref?.kind !== kind || ref?.name !== name || typeof hpa.metadata?.name !== 'string') continue;
		const min = typeof hpa.spec?.minReplicas === 'number' ? hpa.spec.minReplicas : 1;
		const max = typeof hpa.spec?.maxReplicas === 'number' ? hpa.spec.maxReplicas : min;
		return {name: hpa.metadata.name, min, max};
	}
	return undefined;
}

/** The question (and the gate's refusal) when an HPA owns the count. */
export function hpaWarning(owner: HpaOwner): string {
	return `HPA ${owner.name} owns replicas ${owner.min}–${owner.max}; your change will be undone`;
}

/** The kinds whose replica count an HPA can own (its scaleTargetRef points at one of them). */
export const HPA_SCALED_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

/**
 * Whether an edit changes the replica count an HPA may own: the same risk as a scale, so the
 * same yes is needed. A removed spec.replicas counts (the API defaults it back to 1).
 */
export function editChangesReplicas(kind: string, readAt: unknown, edited: unknown): boolean {
	if (!HPA_SCALED_KINDS.has(kind)) return false;
	const replicas = (object: unknown): unknown => (object as {spec?: {replicas?: unknown}} | undefined)?.spec?.replicas;
	return replicas(readAt) !== replicas(edited);
}
