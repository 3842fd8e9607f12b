// WATCH: newline-delimited JSON events over a chunked response, resumable from any
// resourceVersion still in the store's history; older ones get the real server's 410.
import type {ServerResponse} from 'node:http';
import type {ResourceType} from '../contracts.js';
import type {HistoryEntry, SimStore, StoredRecord} from '../store.js';
import {apiVersionOf, resourceKey} from './resources.js';
import {compileSelectors, type Matcher} from './selectors.js';
import {freshnessWaitMs, tooLargeStatus, waitForVersion} from './freshness.js';
import {badRequest} from './status.js';
import {drained} from './drain.js';
import {includeObjectOf, renderTable, wantsTable, type IncludeObject} from './table.js';
import {watchFaultsOf} from './watchFaults.js';
import {initialEventsEndAnnotation, watchListRefusal} from './watchList.js';

export interface WatchOptions {
	bookmarkIntervalMs: number;
	/** A watcher that falls this far behind is cut off (the client re-watches), as the real server does. */
	maxBufferedBytes?: number;
}

function line(type: string, json: string): string {
	return `{"type":"${type}","object":${json}}\n`;
}

type Render = (record: StoredRecord) => string;

const asJson: Render = record => record.json;

/** kubectl's human-readable `get -w` asks for every event's object as a one-row Table. */
function asTable(type: ResourceType, include: IncludeObject): Render {
	return record => JSON.stringify(renderTable(type, [record.object], {resourceVersion: String(record.resourceVersion)}, Date.now(), include));
}

/**
 * Decides what a watcher with selectors sees for one change: objects entering the
 * selection arrive as ADDED and objects leaving it as DELETED, like the watch cache.
 */
function eventFor(entry: HistoryEntry, matcher: Matcher | undefined, render: Render): string | undefined {
	if (!matcher) return line(entry.type, render(entry.record));
	const now = matcher(entry.record);
	if (entry.type !== 'MODIFIED') return now ? line(entry.type, render(entry.record)) : undefined;
	const before = entry.previous ? matcher(entry.previous) : now;
	if (now && before) return line('MODIFIED', render(entry.record));
	if (now) return line('ADDED', render(entry.record));
	if (before) return line('DELETED', render(entry.record));
	return undefined;
}

/** The real server's answer to a resume from a resourceVersion older than its history. */
function expired(since: number, oldest: number): Record<string, unknown> {
	return {kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${since} (${oldest})`, reason: 'Expired', code: 410};
}

export async function serveWatch(store: SimStore, type: ResourceType, namespace: string | undefined, name: string | undefined, query: URLSearchParams, accept: string | undefined, res: ServerResponse, options: WatchOptions): Promise<void> {
	const key = resourceKey(type);
	const render = wantsTable(accept) ? asTable(type, includeObjectOf(query)) : asJson;
	let fieldSelector = query.get('fieldSelector');
	if (name !== undefined) fieldSelector = fieldSelector ? `${fieldSelector},metadata.name=${name}` : `metadata.name=${name}`;
	const matcher = compileSelectors(key, query.get('labelSelector'), fieldSelector);
	const rvText = query.get('resourceVersion');
	let since: number | undefined;
	if (rvText !== null && rvText !== '' && rvText !== '0') {
		since = Number(rvText);
		if (!Number.isInteger(since) || since < 0) throw badRequest(`invalid resource version: ${JSON.stringify(rvText)}`);
	}
	const timeoutText = query.get('timeoutSeconds');
	const timeoutSeconds = timeoutText ? Number(timeoutText) : 0;
	if (!Number.isFinite(timeoutSeconds) || timeoutSeconds < 0) throw badRequest(`invalid timeoutSeconds: ${timeoutText}`);

	const faults = watchFaultsOf(store);
	const refusal = watchListRefusal(query, faults.watchListEnabled);
	if (refusal) throw refusal;
	const initialEvents = query.get('sendInitialEvents') === 'true';
	// A version this server has not reached yet (a client that saw another server's history):
	// wait for it briefly, then answer the real server's "Too large resource version".
	if (since !== undefined && !(await waitForVersion(store, since, freshnessWaitMs, res))) {
		if (res.destroyed) return;
		res.writeHead(200, {'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private'});
		res.end(line('ERROR', JSON.stringify(tooLargeStatus(since, store.resourceVersion))));
		return;
	}
	res.writeHead(200, {'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked'});
	res.flushHeaders();
	if (since !== undefined && !initialEvents && faults.takeGone()) {
		res.end(line('ERROR', JSON.stringify(expired(since, store.oldestResumableVersion))));
		return;
	}
	const stream = faults.opened();

	const inScope = (record: StoredRecord): boolean => namespace === undefined || record.namespace === namespace;
	// The initial state or replay may be large (50k pods ≈ 85 MB) and is always written; only a
	// watcher that then keeps falling behind on live events is cut off.
	let limit = Number.POSITIVE_INFINITY;
	const send = (text: string): void => {
		if (res.destroyed || res.writableEnded || stream.stalled) return;
		if (stream.takeCut()) {
			// Half an event reaches the client, then the connection drops (a proxy or node going away).
			res.write(text.slice(0, Math.max(1, text.length >> 1)), () => res.destroy());
			return;
		}
		res.write(text);
		if (res.writableLength > limit) res.destroy();
	};

	const bookmarks = query.get('allowWatchBookmarks') === 'true' || query.get('allowWatchBookmarks') === '1';
	// Live changes that happen while the initial state is still being written wait their turn here.
	let queued: string[] | undefined;
	const deliver = (entry: HistoryEntry): void => {
		if (entry.resource !== key || !inScope(entry.record)) return;
		const text = eventFor(entry, matcher, render);
		if (!text) return;
		if (queued) queued.push(text);
		else send(text);
	};
	const timers: NodeJS.Timeout[] = [];
	let unsubscribe = (): void => {};
	res.on('close', () => {
		stream.closed();
		unsubscribe();
		for (const timer of timers) clearTimeout(timer);
	});
	if (since === undefined || initialEvents) {
		// The current state (a streaming list, or a watch from "now"), then for a streaming list a
		// bookmark marking its end. Written with pauses, as the real server streams from its cache,
		// so 50,000 objects do not hold this process for seconds; changes meanwhile follow the bookmark.
		queued = [];
		unsubscribe = store.subscribeRaw(deliver);
		const records = [...store.records(key, namespace)];
		const endVersion = store.resourceVersion;
		let written = 0;
		for (const record of records) {
			if (matcher && !matcher(record)) continue;
			send(line('ADDED', render(record)));
			if (++written % 500 === 0) {
				await drained(res);
				if (res.destroyed) return;
			}
		}
		if (initialEvents && bookmarks) {
			send(line('BOOKMARK', `{"kind":"${type.kind}","apiVersion":"${apiVersionOf(type)}","metadata":{"resourceVersion":"${endVersion}","annotations":{"${initialEventsEndAnnotation}":"true"}}}`));
		}
		const waiting = queued;
		queued = undefined;
		for (const text of waiting) send(text);
	} else {
		const replay = store.historySince(since);
		if (!replay) {
			res.end(line('ERROR', JSON.stringify(expired(since, store.oldestResumableVersion))));
			return;
		}
		for (const entry of replay) deliver(entry);
		// Subscribing in the same tick as the replay: nothing can be written in between.
		unsubscribe = store.subscribeRaw(deliver);
	}

	limit = res.writableLength + (options.maxBufferedBytes ?? 64 * 1024 * 1024);
	if (bookmarks) {
		const bookmark = (): void => send(line('BOOKMARK', `{"kind":"${type.kind}","apiVersion":"${apiVersionOf(type)}","metadata":{"resourceVersion":"${store.resourceVersion}"}}`));
		timers.push(setInterval(bookmark, options.bookmarkIntervalMs));
	}
	// A stalled stream does not even end on time: nothing at all comes from it.
	if (timeoutSeconds > 0) timers.push(setTimeout(() => stream.stalled || res.end(), timeoutSeconds * 1000));
}

