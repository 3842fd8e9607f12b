// A problem: one thing in the cluster that is unhealthy now, with a one-line reason and how
// long it has been so. The rules that find them live beside this file, one file per family
// (problems-pods.ts, problems-nodes.ts, problems-workloads.ts); :problems lists them worst first.
import type {BaseRow, OwnerRef} from './types.js';

export type ProblemSeverity = 'error' | 'warn';

export interface Problem {
	/** The object's Kind ('Pod', 'Node', 'Deployment', …): where Enter goes and what l/d/y act on. */
	kind: string;
	uid: string;
	name: string;
	namespace?: string;
	severity: ProblemSeverity;
	/**
	 * Order within a severity, lower first: 0 the object cannot run at all (crash, pull, OOM,
	 * node down), 1 degraded (unavailable replicas, pressure, GPUs lost), 2 waiting (pending,
	 * not ready, cordoned).
	 */
	rank: 0 | 1 | 2;
	/** One line, the news first: 'CrashLoopBackOff · last OOMKilled · 7 restarts'. */
	reason: string;
	/** Epoch ms since when it has been so, when the object says. */
	since?: number;
	/** Longer text worth reading in full (the scheduler's whole message), for describe. */
	detail?: string;
}

/** A problem as a row of the :problems pane: uid is the object's, so selection follows it. */
export interface ProblemRow extends BaseRow, Omit<Problem, 'severity'> {
	severity: ProblemSeverity;
	/** A pod's containers and default, so logs from the problem row pick as the pods pane does. */
	containers?: string[];
	defaultContainer?: string;
	/** A pod's node and owners (labels are BaseRow's), so the jumps (w, o) work from the problem row as from the pods pane. */
	node?: string;
	owners?: OwnerRef[];
}

/**
 * Worst first: errors, then nodes before what runs on them (a node down or its GPUs lost is the
 * cause of the pods' problems, and the node rows stay put while crash-looping pods reorder at
 * each restart), then by rank, then the oldest (the longest-standing is the usual cause).
 */
export function compareProblems(a: Problem, b: Problem): number {
	const level = (p: Problem) => (p.severity === 'error' ? 0 : 1);
	const cause = (p: Problem) => (p.kind === 'Node' ? 0 : 1);
	return (
		level(a) - level(b) ||
		cause(a) - cause(b) ||
		a.rank - b.rank ||
		(a.since ?? Infinity) - (b.since ?? Infinity) ||
		a.kind.localeCompare(b.kind) ||
		(a.namespace ?? '').localeCompare(b.namespace ?? '') ||
		a.name.localeCompare(b.name)
	);
}

export function sortProblems(problems: readonly Problem[]): Problem[] {
	return [...problems].sort(compareProblems);
}

/** 'pods 3 · nodes 1' style counts for the pane title: errors and warnings. */
export function problemCounts(problems: readonly Problem[]): {errors: number; warnings: number} {
	let errors = 0;
	for (const p of problems) if (p.severity === 'error') errors++;
	return {errors, warnings: problems.length - errors};
}
