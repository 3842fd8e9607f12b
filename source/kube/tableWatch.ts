// The generic watch: the same supervised list+watch (./watch.ts) over server-side Tables. The
// watch engine reads lists as {metadata, items} and events as {type, object}; this transport
// asks for Tables (with each row's metadata) and hands them to the engine in that shape — a
// Table page becomes a page of row objects, an event's one-row Table becomes that row — so
// paging, resume, bookmarks, 410 relists and backoff stay written once, in watch.ts.
import {columnDefinitions, parseTable, projectTableRow, type TableColumnDefinition, type TableRow} from '../model/table.js';
import {rec} from '../model/json.js';
import type {MutableRowStore} from '../store/rowStore.js';
import type {ApiRequest, StreamRequest, Transport} from './transport.js';
import {Watcher, type WatchTarget, type WatchTuning} from './watch.js';
import {StreamingListSupport} from './watchList.js';

export const TABLE_ACCEPT = 'application/json;as=Table;g=meta.k8s.io;v=v1,application/json;q=0.9';

function asTableRequest<R extends ApiRequest>(r: R): R {
	return {...r, accept: TABLE_ACCEPT, query: {...r.query, includeObject: 'Metadata'}};
}

/** One watch line with a Table object → the same event with the row object; any other line as it came. */
export function tableEventLine(line: string, onColumns: (columns: TableColumnDefinition[]) => void): string {
	let event: {type?: unknown; object?: unknown};
	try {
		event = JSON.parse(line) as typeof event;
	} catch {
		// The engine reports a line that is not JSON; pass it on untouched.
		return line;
	}
	const object = rec(event.object);
	if (object?.kind !== 'Table') return line;
	const parsed = parseTable(object);
	if (parsed.columns.length > 0) onColumns(parsed.columns);
	const row = parsed.objects[0];
	// A bookmark (or a row without metadata) still moves the resourceVersion on.
	const out = row ?? {metadata: {resourceVersion: parsed.resourceVersion}};
	return JSON.stringify({type: event.type, object: out});
}

/** A transport that speaks Tables to the server and row objects to the watch engine. */
export function tableTransport(inner: Transport, onColumns: (columns: TableColumnDefinition[]) => void): Transport {
	return {
		server: inner.server,
		get credentialsGeneration() {
			return inner.credentialsGeneration;
		},
		...(inner.onCredentialsRenewed ? {onCredentialsRenewed: (listener: () => void) => inner.onCredentialsRenewed!(listener)} : {}),
		async request<T>(r: ApiRequest): Promise<T> {
			const table = await inner.request<unknown>(asTableRequest(r));
			const parsed = parseTable(table);
			if (columnDefinitions(table).length > 0) onColumns(parsed.columns);
			const metadata: {resourceVersion?: string; continue?: string} = {};
			if (parsed.resourceVersion) metadata.resourceVersion = parsed.resourceVersion;
			if (parsed.continue) metadata.continue = parsed.continue;
			return {metadata, items: parsed.objects} as T;
		},
		stream(r: StreamRequest): Promise<void> {
			return inner.stream({...asTableRequest(r), onLine: (line, ...rest) => r.onLine(tableEventLine(line, onColumns), ...rest)});
		},
		close: () => inner.close(),
	};
}

export type TableWatchTarget = Omit<WatchTarget<TableRow>, 'project'>;

/** A supervised list+watch of a kind's Table rows; `onColumns` hears the server's columns whenever it sends them. */
export function createTableWatcher(
	transport: Transport,
	target: TableWatchTarget,
	store: MutableRowStore<TableRow>,
	tuning: WatchTuning,
	onStatus: () => void,
	onColumns: (columns: TableColumnDefinition[]) => void,
): Watcher<TableRow> {
	// Paged lists only: how a server renders WatchList's end bookmark as a Table is not settled
	// (the annotation the engine waits for may not survive the conversion).
	const paged = new StreamingListSupport(false, 'server-side Table watches list in pages');
	return new Watcher(tableTransport(transport, onColumns), {...target, project: projectTableRow}, store, tuning, onStatus, paged);
}
