// How one watch's server answers become rows: list items and watch events projected into the
// row store, with the resourceVersion bookkeeping that notices a server whose history went back.
// Kept apart from the Watcher, which decides when to list, watch, wait and what to say; this
// part only applies what arrived and reports what it found, so it can be read (and changed)
// without the retry policy around it.
import type {BaseRow, KubeObject} from '../model/types.js';
import type {MutableRowStore} from '../store/rowStore.js';
import {KubeError} from './kubeError.js';
import {parseEvent, throwIfError} from './watchEvents.js';
import {type InitialEvents, isInitialEventsEnd} from './watchList.js';
import {isOlderVersion, type WatchStats} from './watchStatus.js';

/** Internal signal: the server answered with an older resourceVersion than we hold. */
export class HistoryWentBack extends Error {}

/** What one line of a streaming list's initial events did. */
export interface InitialStep {
	version: string;
	/** The end bookmark arrived: the rows now equal the server's list at `version`. */
	ended: boolean;
}

export interface ListPage {
	metadata?: {resourceVersion?: string; continue?: string};
	items?: KubeObject[];
}

export class WatchRows<R extends BaseRow> {
	/** The newest resourceVersion ever seen from the server, to notice its history going back. */
	private newest: string | undefined;

	constructor(
		readonly store: MutableRowStore<R>,
		private readonly projector: (object: KubeObject) => R,
		private readonly stats: WatchStats,
	) {}

	project(object: KubeObject): R | undefined {
		try {
			return this.projector(object);
		} catch {
			// One malformed object must not take the whole pane down; it is counted, not shown.
			this.stats.projectionErrors++;
			return undefined;
		}
	}

	/** Remembers the newest version seen; notes a list that went back (the relist already mends it). */
	seen(version: string, fromList: boolean): void {
		if (isOlderVersion(version, this.newest)) {
			if (fromList) this.stats.regressions++;
			else throw new HistoryWentBack();
		}
		if (fromList || !isOlderVersion(version, this.newest)) this.newest = version;
	}

	/**
	 * A paged list, pages fetched by `fetchPage`. Into an empty store rows are shown page by page
	 * (first screen fast); into a store that already has rows (a relist) the pages are gathered
	 * and swapped in at once, so no stale or duplicate row is ever visible and the views hear of
	 * it once. Returns the list's resourceVersion.
	 */
	async listInPages(fetchPage: (continueToken: string | undefined) => Promise<ListPage>): Promise<string> {
		const incremental = this.store.size === 0;
		const gathered: R[] = [];
		let continueToken: string | undefined;
		let listVersion: string | undefined;
		do {
			const page = await fetchPage(continueToken);
			this.stats.pages++;
			listVersion ??= page.metadata?.resourceVersion;
			for (const object of page.items ?? []) {
				const row = this.project(object);
				if (!row) continue;
				if (incremental) this.store.upsert(row);
				else gathered.push(row);
			}
			continueToken = page.metadata?.continue || undefined;
		} while (continueToken);
		if (!incremental) this.store.replace(gathered);
		if (!listVersion) throw new KubeError(0, 'BadResponse', 'the list carried no resourceVersion');
		this.seen(listVersion, true);
		return listVersion;
	}

	/**
	 * One line of a streaming list's initial events. Their objects carry their own (older)
	 * versions, so the version moves, and is checked against history, only at the end bookmark.
	 */
	applyInitial(line: string, initial: InitialEvents<R>, version: string): InitialStep {
		const event = parseEvent(line);
		const object = event.object;
		if (!object) return {version, ended: false};
		throwIfError(event);
		switch (event.type) {
			case 'ADDED':
			case 'MODIFIED': {
				const row = this.project(object);
				if (row) initial.upsert(row);
				break;
			}
			case 'DELETED':
				if (object.metadata?.uid) initial.remove(object.metadata.uid);
				break;
			case 'BOOKMARK': {
				if (!isInitialEventsEnd(object)) break;
				const next = object.metadata?.resourceVersion;
				if (!next) throw new KubeError(0, 'BadResponse', 'the streaming list ended with a bookmark without a resourceVersion');
				initial.finish();
				this.seen(next, true);
				return {version: next, ended: true};
			}
			default:
				break;
		}
		return {version, ended: false};
	}

	/** One watch event applied to the rows; returns the version to resume from. */
	apply(line: string, version: string): string {
		const event = parseEvent(line);
		const object = event.object;
		if (!object) return version;
		throwIfError(event);
		const next = object.metadata?.resourceVersion;
		// Checked before the event is applied: an event from another history must not reach the rows.
		if (next !== undefined) this.seen(next, false);
		this.stats.events++;
		switch (event.type) {
			case 'ADDED':
			case 'MODIFIED': {
				const row = this.project(object);
				if (row) this.store.upsert(row);
				break;
			}
			case 'DELETED':
				if (object.metadata?.uid) this.store.remove(object.metadata.uid);
				break;
			case 'BOOKMARK':
				break;
			default:
				return version;
		}
		return next ?? version;
	}
}
