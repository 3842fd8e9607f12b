// The pod behind the containers pane on screen, kept current without a watch of its own:
// whenever its row in the pods store changes (a new object from the watch), the pod is fetched
// again. Only that one pod is held: the selector asks for no other, and one entry per pod ever
// opened would keep every one of those full objects for the whole session.
import type {Session} from '../kube/session.js';
import type {BaseRow} from '../model/types.js';
import type {PodRef} from './panes/panes.js';
import type {PodPart} from './visible.js';

export function createHeldPod(session: Session, repaint: () => void) {
	let held: {uid: string; part: PodPart & {row?: BaseRow; fetching: boolean}} | undefined;
	let disposed = false;

	const podPart = (pod: PodRef, row: BaseRow | undefined): PodPart => {
		if (held?.uid !== pod.uid) held = {uid: pod.uid, part: {fetching: false}};
		const entry = held.part;
		if (entry.fetching || (entry.row === row && (entry.object || entry.problem))) return entry.object || entry.problem ? entry : {problem: 'loading…'};
		const current = entry;
		current.fetching = true;
		current.row = row;
		session.fetchObject('pods', pod.namespace, pod.name).then(
			(object) => {
				current.fetching = false;
				// Same name, new uid: the pod was replaced (a StatefulSet's pod-0); this pane was about the old one.
				if (object.metadata.uid !== pod.uid) {
					delete current.object;
					current.problem = `pod ${pod.name} was replaced; go back and open the new one`;
				} else {
					current.object = object;
					delete current.problem;
				}
				if (!disposed) repaint();
			},
			(error: unknown) => {
				current.fetching = false;
				current.problem = `cannot read pod ${pod.name}: ${error instanceof Error ? error.message : String(error)}`;
				if (!disposed) repaint();
			},
		);
		return current.object || current.problem ? current : {problem: 'loading…'};
	};

	return {
		podPart,
		/** How many full pod objects are kept (at most one). */
		count: (): number => (held ? 1 : 0),
		dispose(): void {
			disposed = true;
			held = undefined;
		},
	};
}
