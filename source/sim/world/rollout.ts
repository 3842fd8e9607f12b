// Rollout arithmetic of the Deployment controller (pkg/controller/deployment/rolling.go),
// pure so it can be checked case by case. One call makes one decision, as one sync of the
// real controller does: scale the new ReplicaSet up, or else scale old ones down.

/** Resolves an int-or-percent against `total`: surge rounds up, unavailability rounds down. */
export function resolveIntOrPercent(value: number | string | undefined, fallback: string, total: number, roundUp: boolean): number {
	const raw = value ?? fallback;
	if (typeof raw === 'number') return Math.max(0, Math.floor(raw));
	const text = String(raw).trim();
	if (text.endsWith('%')) {
		const percent = Number(text.slice(0, -1));
		if (!Number.isFinite(percent)) return 0;
		const exact = (percent * total) / 100;
		return Math.max(0, roundUp ? Math.ceil(exact) : Math.floor(exact));
	}
	const parsed = Number(text);
	return Number.isFinite(parsed) ? Math.max(0, Math.floor(parsed)) : 0;
}

export interface RolloutBounds {
	maxSurge: number;
	maxUnavailable: number;
}

/** Both zero would deadlock the rollout; Kubernetes then allows one unavailable pod. */
export function rolloutBounds(desired: number, rollingUpdate: {maxSurge?: number | string; maxUnavailable?: number | string} | undefined): RolloutBounds {
	const maxSurge = resolveIntOrPercent(rollingUpdate?.maxSurge, '25%', desired, true);
	let maxUnavailable = resolveIntOrPercent(rollingUpdate?.maxUnavailable, '25%', desired, false);
	if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
	// More unavailable than desired means nothing; the controller clamps it too.
	if (maxUnavailable > desired) maxUnavailable = desired;
	return {maxSurge, maxUnavailable};
}

export interface ReplicaSetState {
	/** spec.replicas */
	replicas: number;
	/** status.availableReplicas */
	available: number;
}

export interface RolloutDecision {
	newReplicas: number;
	/** Same order as the `olds` argument (oldest first). */
	oldReplicas: number[];
	changed: boolean;
}

export function rollingUpdateStep(desired: number, bounds: RolloutBounds, current: ReplicaSetState, olds: ReplicaSetState[]): RolloutDecision {
	const oldReplicas = olds.map(rs => rs.replicas);
	const unchanged: RolloutDecision = {newReplicas: current.replicas, oldReplicas, changed: false};

	// 1. The new ReplicaSet: scale down if above desired, up within the surge budget.
	if (current.replicas > desired) return {newReplicas: desired, oldReplicas, changed: true};
	if (current.replicas < desired) {
		const allPods = current.replicas + sum(oldReplicas);
		const maxTotal = desired + bounds.maxSurge;
		if (allPods < maxTotal) {
			const newReplicas = Math.min(current.replicas + (maxTotal - allPods), desired);
			if (newReplicas !== current.replicas) return {newReplicas, oldReplicas, changed: true};
		}
	}

	// 2. Old ReplicaSets: never below minAvailable, counting the new set's unavailable pods against it.
	if (sum(oldReplicas) === 0) return unchanged;
	const minAvailable = desired - bounds.maxUnavailable;
	const newUnavailable = current.replicas - current.available;
	let budget = current.replicas + sum(oldReplicas) - minAvailable - newUnavailable;
	if (budget <= 0) return unchanged;
	const next = [...oldReplicas];
	let changed = false;

	// 2a. Unhealthy old pods go first: removing them costs no availability.
	for (let i = 0; i < olds.length && budget > 0; i++) {
		const unhealthy = next[i]! - Math.min(olds[i]!.available, next[i]!);
		if (unhealthy <= 0) continue;
		const cut = Math.min(unhealthy, budget);
		next[i] = next[i]! - cut;
		budget -= cut;
		changed = true;
	}

	// 2b. Then healthy ones, as far as availability above minAvailable allows.
	const available = current.available + olds.reduce((total, rs) => total + rs.available, 0);
	let allowed = available - minAvailable;
	for (let i = 0; i < olds.length && allowed > 0; i++) {
		if (next[i] === 0) continue;
		const cut = Math.min(next[i]!, allowed);
		next[i] = next[i]! - cut;
		allowed -= cut;
		changed = true;
	}
	return changed ? {newReplicas: current.replicas, oldReplicas: next, changed} : unchanged;
}

/** Recreate: everything old goes to zero first; the new set scales up once no old pod is left. */
export function recreateStep(desired: number, current: ReplicaSetState, olds: ReplicaSetState[], oldPodsRunning: number): RolloutDecision {
	const oldReplicas = olds.map(rs => rs.replicas);
	if (sum(oldReplicas) > 0) return {newReplicas: current.replicas, oldReplicas: oldReplicas.map(() => 0), changed: true};
	if (oldPodsRunning > 0) return {newReplicas: current.replicas, oldReplicas, changed: false};
	return {newReplicas: desired, oldReplicas, changed: current.replicas !== desired};
}

function sum(values: number[]): number {
	return values.reduce((total, value) => total + value, 0);
}
