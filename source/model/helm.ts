// Helm 3 releases, read from the Secrets Helm stores them in (type helm.sh/release.v1, one per
// revision, labelled owner=helm, name, status, version). The labels give name, revision and
// status; the payload — base64 (the API's) of base64 of gzip of JSON — gives chart, app version
// and times. Decoding is bounded: a hostile payload cannot make more than MAX_RELEASE_BYTES.
import {gunzipSync} from 'node:zlib';
import type {BaseRow, Column, KindModel, KubeObject} from './types.js';
import {rec, str, stringMap} from './json.js';
import {parseTime, formatAge} from './age.js';
import {rowBase} from './rowBase.js';
import {nameColumn, namespaceColumn} from './columns.js';

/** Helm's own limit is the 1 MiB Secret; decompressed manifests of big charts stay well under this. */
export const MAX_RELEASE_BYTES = 8 * 1024 * 1024;

export type Decoded = {ok: true; release: Record<string, unknown>} | {ok: false; reason: string};

/** data.release of a release Secret (still base64 from the API) → the release JSON. */
export function decodeRelease(encoded: unknown, maxBytes = MAX_RELEASE_BYTES): Decoded {
	if (typeof encoded !== 'string' || encoded === '') return {ok: false, reason: 'no release payload'};
	// Both base64 layers shrink the text, so their size is bounded by the input's.
	const inner = Buffer.from(Buffer.from(encoded, 'base64').toString('latin1'), 'base64');
	let json: Buffer;
	if (inner[0] === 0x1f && inner[1] === 0x8b) {
		try {
			json = gunzipSync(inner, {maxOutputLength: maxBytes});
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			return {ok: false, reason: code === 'ERR_BUFFER_TOO_LARGE' ? `release payload larger than ${maxBytes} bytes once decompressed; not read` : 'release payload is not valid gzip'};
		}
	} else {
		// Helm reads uncompressed payloads too (very old releases).
		if (inner.length > maxBytes) return {ok: false, reason: `release payload larger than ${maxBytes} bytes; not read`};
		json = inner;
	}
	try {
		const release = rec(JSON.parse(json.toString('utf8')));
		return release ? {ok: true, release} : {ok: false, reason: 'release payload is not a JSON object'};
	} catch {
		return {ok: false, reason: 'release payload is not valid JSON'};
	}
}

export interface HelmRow extends BaseRow {
	kind: 'HelmRelease';
	/** The release's name (row.name is the Secret's, which describe and YAML fetch). */
	release: string;
	revision: number;
	status: string;
	chart: string;
	appVersion: string;
	/** info.last_deployed in epoch ms. */
	updated?: number;
}

const STATUS_SEVERITY: Record<string, BaseRow['severity']> = {deployed: 'ok', superseded: 'done', uninstalled: 'done', failed: 'error'};

export function projectHelmRelease(object: KubeObject): HelmRow {
	const labels = stringMap(object.metadata.labels);
	const decoded = decodeRelease(rec(object.data)?.['release']);
	const release = decoded.ok ? decoded.release : {};
	const chartMeta = rec(rec(release['chart'])?.['metadata']);
	const info = rec(release['info']);
	const chartName = str(chartMeta?.['name']);
	const status = labels['status'] ?? str(info?.['status']) ?? 'unknown';
	const updated = parseTime(info?.['last_deployed']);
	return {
		kind: 'HelmRelease',
		...rowBase(object.metadata),
		release: labels['name'] ?? str(release['name']) ?? object.metadata.name,
		revision: Number(labels['version'] ?? release['version'] ?? 0) || 0,
		status,
		chart: decoded.ok ? (chartName ? `${chartName}-${str(chartMeta?.['version']) ?? ''}` : '') : `<${decoded.reason}>`,
		appVersion: str(chartMeta?.['appVersion']) ?? '',
		...(updated !== undefined ? {updated} : {}),
		severity: STATUS_SEVERITY[status] ?? (status.startsWith('pending') || status === 'uninstalling' ? 'warn' : 'ok'),
	};
}

/** As `helm list`: each release once, at its highest revision (per namespace). */
export function latestRevisions(rows: readonly HelmRow[]): HelmRow[] {
	const latest = new Map<string, HelmRow>();
	for (const row of rows) {
		const key = `${row.namespace ?? ''}/${row.release}`;
		const seen = latest.get(key);
		if (!seen || row.revision > seen.revision) latest.set(key, row);
	}
	return [...latest.values()];
}

export const helmColumns: Array<Column<HelmRow>> = [
	namespaceColumn<HelmRow>(),
	{...nameColumn<HelmRow>(), cell: (r) => r.release, sortValue: (r) => `${r.release}\u0000${String(r.revision).padStart(9, '0')}`},
	{id: 'revision', title: 'REVISION', align: 'right', cell: (r) => String(r.revision), sortValue: (r) => r.revision},
	{id: 'status', title: 'STATUS', cell: (r) => r.status},
	{id: 'chart', title: 'CHART', cell: (r) => r.chart},
	{id: 'appVersion', title: 'APP VERSION', cell: (r) => r.appVersion},
	{id: 'updated', title: 'UPDATED', align: 'right', cell: (r, now) => formatAge(r.updated, now), sortValue: (r, now) => (r.updated === undefined ? Number.MAX_SAFE_INTEGER : now - r.updated)},
];

export const helmModel: KindModel<HelmRow> = {kind: 'HelmRelease', project: projectHelmRelease, columns: helmColumns};
