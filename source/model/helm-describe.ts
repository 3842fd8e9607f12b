// What `d` and `y` show of a Helm release. redactHelmRelease turns the release Secret into a
// safe object before any text is built: the payload decoded, the user-supplied values masked
// leaf by leaf (they often hold credentials), every Secret in the rendered manifest masked, and
// the raw payload dropped.
import {dump, loadAll} from 'js-yaml';
import type {KubeObject} from './types.js';
import {rec, str} from './json.js';
import {DescribeWriter, describeMeta, flat, timestamp} from './describe-format.js';
import {decodeRelease} from './helm.js';
import {maskLeaves, redactManifestSecrets} from './secret-mask.js';

function maskedManifest(manifest: string): string {
	try {
		const documents = loadAll(manifest).filter((d) => d !== null && d !== undefined);
		return redactManifestSecrets(documents).map((d) => dump(d, {lineWidth: -1, noRefs: true, skipInvalid: true})).join('---\n');
	} catch {
		// Unparsable text could hide a Secret anywhere: show none of it.
		return '# the rendered manifest could not be parsed, so it is not shown (it may hold secrets)\n';
	}
}

export function redactHelmRelease(object: KubeObject): KubeObject {
	if (object.kind === 'HelmRelease' && rec(object.release)) return object;
	const decoded = decodeRelease(rec(object.data)?.['release']);
	const {data: _data, ...rest} = object;
	if (!decoded.ok) return {...rest, kind: 'HelmRelease', release: {error: decoded.reason}};
	const r = decoded.release;
	const chart = rec(r['chart']);
	const info = rec(r['info']);
	return {
		...rest,
		kind: 'HelmRelease',
		release: {
			name: r['name'],
			namespace: r['namespace'],
			version: r['version'],
			info: info ? {first_deployed: info['first_deployed'], last_deployed: info['last_deployed'], status: info['status'], description: info['description'], notes: info['notes']} : undefined,
			chart: {metadata: rec(chart?.['metadata'])},
			// config: the values given at install/upgrade; the chart's defaults are left out.
			config: maskLeaves(rec(r['config']) ?? {}),
			manifest: typeof r['manifest'] === 'string' ? maskedManifest(r['manifest']) : '',
		},
	};
}

export function describeHelmRelease(object: KubeObject): string[] {
	const safe = rec(object.release) ? object : redactHelmRelease(object);
	const release = rec(safe.release) ?? {};
	const w = new DescribeWriter();
	describeMeta(w, safe);
	if (str(release['error'])) {
		w.kv(0, 'Error', release['error']);
		return w.lines();
	}
	const info = rec(release['info']);
	const chart = rec(rec(release['chart'])?.['metadata']);
	w.kv(0, 'Release', release['name']);
	w.kv(0, 'Revision', release['version']);
	w.kv(0, 'Status', info?.['status']);
	w.kv(0, 'Chart', chart ? `${flat(chart['name'])}-${flat(chart['version'])}` : '');
	w.kv(0, 'App Version', chart?.['appVersion'] ?? '');
	w.kv(0, 'First Deployed', timestamp(info?.['first_deployed']));
	w.kv(0, 'Last Deployed', timestamp(info?.['last_deployed']));
	w.kv(0, 'Description', info?.['description'] ?? '');
	w.line(0, 'Values (user-supplied, masked):');
	for (const line of dump(release['config'] ?? {}, {lineWidth: -1}).replace(/\n$/, '').split('\n')) w.line(1, line);
	w.line(0, 'Notes:');
	for (const line of (str(info?.['notes']) ?? '').split('\n')) w.line(1, line);
	return w.lines();
}

/** `y`: the rendered manifest, its Secrets masked. */
export function helmManifestLines(object: KubeObject): string[] {
	const safe = rec(object.release) ? object : redactHelmRelease(object);
	const manifest = str(rec(safe.release)?.['manifest']) ?? '';
	return manifest.replace(/\n$/, '').split('\n');
}
