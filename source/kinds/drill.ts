// What Enter does on a row: open another pane narrowed to the rows that belong to the selected
// one, or switch namespace. Kinds declare it (KindSpec.enter); the controller carries it out.
import type {PaneId} from './index.js';

/** A drill-down: another pane, narrowed to the rows that belong to the selected one. */
export interface DrillTarget {
	pane: PaneId;
	/** Sent to the server for that pane's watch (deployment/service → pods). */
	labelSelector?: string;
	/** Kept client-side: pods whose spec.nodeName is this node. */
	nodeName?: string;
	/** Read the cluster-wide store (a node's pods live in every namespace). */
	allNamespaces?: boolean;
	/** Kept client-side: rows whose controller is this object (a deployment's ReplicaSets). */
	ownerUid?: string;
	/** Shown in the title, e.g. 'deploy/web'. */
	detail: string;
	/** The pod whose parts the target pane lists (Enter on a pod → its containers). */
	pod?: PodRef;
}

export interface PodRef {
	name: string;
	namespace?: string;
	uid: string;
}

export type EnterAction = {type: 'drill'; target: DrillTarget} | {type: 'namespace'; namespace: string};

/** Enter on a workload or service: its pods, by label selector, sent to the pods watch. */
export function podsSelectedBy(selector: string, detail: string): EnterAction | undefined {
	// An empty selector would match every pod: refuse rather than mislead.
	return selector ? {type: 'drill', target: {pane: 'pods', labelSelector: selector, detail}} : undefined;
}
