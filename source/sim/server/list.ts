// LIST: selectors, limit/continue paging, and streamed serialisation from the stored JSON
// text so a 50,000-pod list never builds one giant string or deep-copies the store.
import type {ServerResponse} from 'node:http';
import type {ResourceType} from '../contracts.js';
import {ApiError} from '../contracts.js';
import type {SimStore, StoredRecord} from '../store.js';
import {resourceKey, apiVersionOf} from './resources.js';
import {compileSelectors} from './selectors.js';
import {freshnessWaitMs, markRetryAfter, tooLargeVersion, waitForVersion} from './freshness.js';
import {badRequest} from './status.js';
import {writeAll} from './drain.js';
import {includeObjectOf, renderTable, wantsTable} from './table.js';

interface ContinueToken {
	v: 1;
	rv: number;
	ns?: string;
	name: string;
}

export function encodeContinue(token: ContinueToken): string {
	return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeContinue(text: string, store: SimStore): ContinueToken {
	let token: ContinueToken;
	try {
		token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as ContinueToken;
	} catch {
		throw badRequest(`continue key is not valid: not a token issued by this server`);
	}
	if (token?.v !== 1 || typeof token.rv !== 'number' || typeof token.name !== 'string') throw badRequest('continue key is not valid: not a token issued by this server');
	if (token.rv < store.oldestResumableVersion) {
		throw new ApiError(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.');
	}
	return token;
}

export interface ListPage {
	records: StoredRecord[];
	resourceVersion: number;
	continueToken?: string;
	remainingItemCount?: number;
}

/** Picks the records of one page; pure apart from reading the store. */
export function listPage(store: SimStore, type: ResourceType, namespace: string | undefined, query: URLSearchParams): ListPage {
	const key = resourceKey(type);
	const matcher = compileSelectors(key, query.get('labelSelector'), query.get('fieldSelector'));
	const limitText = query.get('limit');
	const limit = limitText ? Number(limitText) : 0;
	if (!Number.isInteger(limit) || limit < 0) throw badRequest(`invalid limit: ${limitText}`);
	const continueText = query.get('continue');
	const token = continueText ? decodeContinue(continueText, store) : undefined;
	const records: StoredRecord[] = [];
	const page: ListPage = {records, resourceVersion: token?.rv ?? store.resourceVersion};
	store.scan(key, namespace, token ? {namespace: token.ns, name: token.name} : undefined, (record, remaining) => {
		if (matcher && !matcher(record)) return true;
		if (limit > 0 && records.length === limit) {
			const last = records[records.length - 1]!.object.metadata;
			page.continueToken = encodeContinue({v: 1, rv: page.resourceVersion, ns: last.namespace, name: last.name});
			if (!matcher) page.remainingItemCount = remaining;
			return false;
		}
		records.push(record);
		return true;
	});
	return page;
}

const chunkBytes = 256 * 1024;

/**
 * A list "not older than" a version this server has not reached waits for it briefly, then
 * fails with the real server's 504 and its Retry-After. A continue token pins its own version.
 */
async function waitUntilFresh(store: SimStore, query: URLSearchParams, res: ServerResponse): Promise<void> {
	const rvText = query.get('resourceVersion');
	if (rvText === null || rvText === '' || rvText === '0' || query.get('continue')) return;
	const wanted = Number(rvText);
	if (!Number.isInteger(wanted) || wanted < 0) throw badRequest(`invalid resource version: ${JSON.stringify(rvText)}`);
	if (await waitForVersion(store, wanted, freshnessWaitMs, res)) return;
	markRetryAfter(res);
	throw tooLargeVersion(wanted, store.resourceVersion);
}

export async function serveList(store: SimStore, type: ResourceType, namespace: string | undefined, query: URLSearchParams, accept: string | undefined, res: ServerResponse): Promise<void> {
	const include = wantsTable(accept) ? includeObjectOf(query) : 'Metadata';
	await waitUntilFresh(store, query, res);
	const page = listPage(store, type, namespace, query);
	const metadata: Record<string, unknown> = {resourceVersion: String(page.resourceVersion)};
	if (page.continueToken) metadata.continue = page.continueToken;
	if (page.remainingItemCount !== undefined) metadata.remainingItemCount = page.remainingItemCount;
	if (wantsTable(accept)) {
		const body = JSON.stringify(renderTable(type, page.records.map(r => r.object), metadata, Date.now(), include));
		res.writeHead(200, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body)});
		res.end(body);
		return;
	}
	res.writeHead(200, {'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private'});
	let buffer = `{"kind":"${type.kind}List","apiVersion":"${apiVersionOf(type)}","metadata":${JSON.stringify(metadata)},"items":[`;
	for (let i = 0; i < page.records.length; i++) {
		buffer += (i === 0 ? '' : ',') + page.records[i]!.json;
		if (buffer.length >= chunkBytes) {
			await writeAll(res, buffer);
			buffer = '';
		}
	}
	buffer += ']}';
	await writeAll(res, buffer);
	res.end();
}
