// Discovery: what the server serves, asked once per context and cached on disk. Aggregated
// discovery first (two requests for the whole server); a server that answers with the older
// documents gets one request per group version. The cache is read first so ':' works at once
// on start; when it is older than its TTL the caller still gets it, and a refresh is due.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {AGGREGATED_ACCEPT, isAggregated, legacyGroupVersions, parseAggregated, parseResourceList, type DiscoveredResource} from './discovery-documents.js';
import type {Transport} from './transport.js';

export type {DiscoveredResource} from './discovery-documents.js';

export interface Discovery {
	resources: DiscoveredResource[];
	/** epoch ms when the server was asked. */
	fetchedAt: number;
	/** 'aggregated' or 'per-group': which documents the server gave. */
	via: 'aggregated' | 'per-group';
}

/** Ten minutes: long enough that a start is instant, short enough that an idle CRD install shows up. */
export const DISCOVERY_TTL_MS = 10 * 60_000;

/** Asks the server; per-group documents are read in parallel, and a group that fails is left out rather than failing all. */
export async function discover(transport: Transport, now: () => number = Date.now): Promise<Discovery> {
	const fetchedAt = now();
	const [core, groups] = await Promise.all([
		transport.request<unknown>({path: '/api', accept: AGGREGATED_ACCEPT}),
		transport.request<unknown>({path: '/apis', accept: AGGREGATED_ACCEPT}),
	]);
	if (isAggregated(core) && isAggregated(groups)) {
		return {resources: [...parseAggregated(core), ...parseAggregated(groups)], fetchedAt, via: 'aggregated'};
	}
	const lists = await Promise.all(
		legacyGroupVersions(core, groups).map(async (groupVersion) => {
			const prefix = groupVersion.includes('/') ? '/apis' : '/api';
			try {
				return parseResourceList(groupVersion, await transport.request<unknown>({path: `${prefix}/${groupVersion}`}));
			} catch {
				// An aggregated API server that is down (metrics-server, say) must not hide every other kind.
				return [];
			}
		}),
	);
	return {resources: lists.flat(), fetchedAt, via: 'per-group'};
}

/** ${XDG_CACHE_HOME:-~/.cache}/kubedeck/discovery */
export function discoveryCacheDir(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
	const xdg = env.XDG_CACHE_HOME;
	return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.cache'), 'kubedeck', 'discovery');
}

/** One file per (context, server): two kubeconfigs may reuse a context name for different clusters. */
export function discoveryCacheFile(dir: string, context: string, server: string): string {
	const safe = context.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 64);
	const hash = crypto.createHash('sha256').update(`${context}\n${server}`).digest('hex').slice(0, 12);
	return path.join(dir, `${safe}-${hash}.json`);
}

export function readDiscoveryCache(file: string): Discovery | undefined {
	try {
		const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Discovery>;
		if (!Array.isArray(parsed.resources) || typeof parsed.fetchedAt !== 'number') return undefined;
		return {resources: parsed.resources, fetchedAt: parsed.fetchedAt, via: parsed.via === 'aggregated' ? 'aggregated' : 'per-group'};
	} catch {
		// Missing or damaged: the server is asked instead.
		return undefined;
	}
}

export function writeDiscoveryCache(file: string, discovery: Discovery): void {
	fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
	const temp = `${file}.${process.pid}.tmp`;
	fs.writeFileSync(temp, JSON.stringify(discovery), {mode: 0o600});
	fs.renameSync(temp, file);
}

export function isFresh(discovery: Discovery, now: number, ttlMs: number = DISCOVERY_TTL_MS): boolean {
	return now - discovery.fetchedAt >= 0 && now - discovery.fetchedAt < ttlMs;
}

/**
 * The context's discovery: from the cache when it is fresh, else from the server (written back
 * to the cache). A cache that is stale is still returned when the server cannot be reached.
 */
export async function cachedDiscovery(transport: Transport, file: string, options: {now?: () => number; ttlMs?: number; force?: boolean} = {}): Promise<Discovery> {
	const now = options.now ?? Date.now;
	const cached = readDiscoveryCache(file);
	if (cached && !options.force && isFresh(cached, now(), options.ttlMs)) return cached;
	try {
		const fresh = await discover(transport, now);
		try {
			writeDiscoveryCache(file, fresh);
		} catch {
			// A read-only home still gets discovery, only not cached.
		}
		return fresh;
	} catch (error) {
		if (cached) return cached;
		throw error;
	}
}
