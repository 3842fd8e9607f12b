// A cluster-wide list+watch of a discovered resource's full objects, each projected by the
// caller (the watch engine of ./watch.ts, as for built-in kinds). Discovered kinds are otherwise
// watched as server-side Tables, whose rows hold only printed cells; a consumer that needs a
// field the cells do not print (a Job's failure reason, a claim's storage class) watches the
// objects and keeps only what its projection takes from them.
import type {BaseRow, KubeObject} from '../model/types.js';
import {createRowStore} from '../store/rowStore.js';
import type {Transport} from './transport.js';
import {collectionPath, namespacedFacts, scopeText, type GenericResource, type PathFacts} from './resources.js';
import {Watcher, type WatchTuning} from './watch.js';
import type {StreamingListSupport} from './watchList.js';

export interface ProjectedWatchOptions {
	frameMs: number | undefined;
	tuning: WatchTuning;
	onStatus: () => void;
	streaming: StreamingListSupport;
}

/** The watch, not started: the caller records it first, since starting announces its status at once. */
export function projectedWatch<R extends BaseRow>(transport: Transport, name: GenericResource, facts: PathFacts, project: (object: KubeObject) => R, options: ProjectedWatchOptions): Watcher<R> {
	const store = createRowStore<R>({frameMs: options.frameMs});
	const watcher = new Watcher<R>(
		transport,
		{
			path: collectionPath(facts, undefined),
			describe: scopeText(name, facts, undefined),
			resource: facts.plural,
			clusterScoped: !namespacedFacts(facts),
			project,
		},
		store,
		options.tuning,
		options.onStatus,
		options.streaming,
	);
	return watcher;
}
