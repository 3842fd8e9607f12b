// The full pod behind a containers pane, kept current without a watch of its own: the pods
// store already follows the pod, so whenever its row there changes (a new object from the
// watch), the pod is fetched again and its parts re-projected.
import {useEffect, useState} from 'react';
import type {BaseRow, KubeObject} from '../../source/model/types.js';
import type {Snapshot} from '../../source/store/rowStore.js';
import type {Session} from '../../source/kube/session.js';
import type {PodRef} from '../panes.js';

export interface PodObjectState {
	object?: KubeObject;
	/** Why there is no object to show, worded for the empty table. */
	problem?: string;
}

export function usePodObject(session: Session, pod: PodRef | undefined, pods: Snapshot<BaseRow>): PodObjectState {
	const [state, setState] = useState<PodObjectState & {uid?: string}>({});
	const row = pod ? pods.byUid.get(pod.uid) : undefined;
	useEffect(() => {
		if (!pod) return;
		let live = true;
		session.fetchObject('pods', pod.namespace, pod.name).then(
			(object) => {
				if (!live) return;
				// Same name, new uid: the pod was replaced (a StatefulSet's pod-0); this pane was about the old one.
				if (object.metadata.uid !== pod.uid) setState({uid: pod.uid, problem: `pod ${pod.name} was replaced; go back and open the new one`});
				else setState({uid: pod.uid, object});
			},
			(error: unknown) => {
				if (!live) return;
				const message = error instanceof Error ? error.message : String(error);
				setState((previous) => ({uid: pod.uid, ...(previous.uid === pod.uid && previous.object ? {object: previous.object} : {}), problem: `cannot read pod ${pod.name}: ${message}`}));
			},
		);
		return () => {
			live = false;
		};
		// `row` changes identity exactly when the watch delivered a new version of the pod.
	}, [session, pod?.uid, pod?.name, pod?.namespace, row]);
	if (!pod || state.uid !== pod.uid) return {problem: pod ? 'loading…' : undefined};
	return state;
}
