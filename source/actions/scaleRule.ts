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
