// The server's self-description routes: discovery (aggregated v2 when asked, else the
// per-group documents) and OpenAPI v3, all from the types the store serves now, so a custom
// resource appears as soon as its definition is stored and vanishes when it is deleted.
import type {IncomingMessage, ServerResponse} from 'node:http';
import {ApiError} from '../contracts.js';
import type {SimStore} from '../store.js';
import {aggregatedContentType, aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, apiVersions, wantsAggregated} from './discovery.js';
import {metricsTypes} from './metrics.js';
import {openApiDocument, openApiRoot, openApiV2, openApiV2ContentType} from './openapi.js';
import {sendJson, sendText} from './status.js';
import {reviewTypes} from './authz.js';

const notFound = (): ApiError => new ApiError(404, 'NotFound', 'the server could not find the requested resource');

function found<T>(value: T | undefined): T {
	if (value === undefined) throw notFound();
	return value;
}

/** Answers a discovery or OpenAPI path; false for any other path. */
export function serveMetadata(store: SimStore, req: IncomingMessage, res: ServerResponse, path: string): boolean {
	const stored = store.types();
	// The metrics API is computed, not stored: discovery lists it, OpenAPI does not describe it.
	const served = [...stored, ...metricsTypes];
	const segments = path.split('/').filter(Boolean);
	if (path === '/openapi/v2') {
		const body = openApiV2();
		res.writeHead(200, {'Content-Type': openApiV2ContentType, 'Content-Length': body.length});
		res.end(body);
		return true;
	}
	if (path === '/openapi/v3') {
		sendJson(res, 200, openApiRoot(stored));
		return true;
	}
	if (path.startsWith('/openapi/v3/')) {
		sendJson(res, 200, found(openApiDocument(stored, path.slice('/openapi/v3/'.length))));
		return true;
	}
	// Discovery also lists the self-review resources (authz.ts answers them; nothing stores them).
	const discovered = [...served, ...reviewTypes];
	if ((path === '/api' || path === '/apis') && wantsAggregated(req.headers.accept)) {
		sendText(res, 200, JSON.stringify(aggregatedDiscovery(discovered, path === '/api')), aggregatedContentType);
		return true;
	}
	let body: unknown;
	if (path === '/api') body = apiVersions(req.headers.host ?? '127.0.0.1');
	else if (path === '/apis') body = apiGroupList(discovered);
	else if (path === '/api/v1') body = found(apiResourceList(discovered, 'v1'));
	else if (segments[0] === 'apis' && segments.length === 2) body = found(apiGroup(discovered, segments[1]!));
	else if (segments[0] === 'apis' && segments.length === 3) body = found(apiResourceList(discovered, `${segments[1]}/${segments[2]}`));
	else return false;
	sendJson(res, 200, body);
	return true;
}
