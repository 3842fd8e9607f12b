// :helm over release Secrets as Helm 3 stores them (base64 of gzip of JSON, inside the API's
// base64): one row per release at its latest revision, Enter → its revisions, d with notes
// and masked values, y the manifest with its Secrets masked. Plus the decoder's bounds.
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {gzipSync} from 'node:zlib';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../../views/App.js';
import {defaultPanes} from '../../source/ui/panes/defaultPanes.js';
import type {KubeObject} from '../../source/model/types.js';
import {decodeRelease, latestRevisions, projectHelmRelease} from '../../source/model/helm.js';
import {describeHelmRelease, helmManifestLines, redactHelmRelease} from '../../source/model/helm-describe.js';
import {FakeSession, NOW, defaultKeymap, driven, keys, renderProbe} from './fakes.js';

afterEach(() => cleanup());

const DB_PASSWORD = 'helm-db-pw-81xQ';
const TLS_KEY = 'manifest-tls-key-Zz3';
const iso = (ms: number) => new Date(ms).toISOString();
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

/** data.release as the API returns it: base64(base64(gzip(JSON))). */
const payload = (release: unknown): string => b64(b64(gzipSync(JSON.stringify(release))));

function releaseSecret(name: string, namespace: string, revision: number, status: string, extra: {chartVersion?: string; notes?: string; config?: unknown; manifest?: string} = {}): KubeObject {
	const release = {
		name,
		namespace,
		version: revision,
		info: {first_deployed: iso(NOW - 86_400_000), last_deployed: iso(NOW - (10 - revision) * 60_000), status, description: `Upgrade ${revision}`, notes: extra.notes ?? ''},
		chart: {metadata: {name: 'postgresql', version: extra.chartVersion ?? `12.${revision}.0`, appVersion: '16.2'}, values: {defaults: 'chart defaults'}},
		config: extra.config ?? {},
		manifest: extra.manifest ?? '',
	};
	const secretName = `sh.helm.release.v1.${name}.v${revision}`;
	return {
		apiVersion: 'v1',
		kind: 'Secret',
		type: 'helm.sh/release.v1',
		metadata: {name: secretName, namespace, uid: `uid-${namespace}-${secretName}`, creationTimestamp: iso(NOW - 3_600_000), labels: {owner: 'helm', name, status, version: String(revision)}},
		data: {release: payload(release)},
	};
}

const manifest = [
	'apiVersion: v1',
	'kind: Secret',
	'metadata:',
	'  name: db-tls',
	'data:',
	`  tls.key: ${b64(TLS_KEY)}`,
	'---',
	'apiVersion: v1',
	'kind: Service',
	'metadata:',
	'  name: db',
	'',
].join('\n');

const releases = [
	releaseSecret('db', 'default', 1, 'superseded'),
	releaseSecret('db', 'default', 2, 'failed'),
	releaseSecret('db', 'default', 3, 'deployed', {notes: 'Connect with psql -h db.default', config: {auth: {password: DB_PASSWORD, user: 'app'}}, manifest}),
	releaseSecret('cache', 'default', 1, 'deployed', {chartVersion: '1.0.0'}),
];

test('decodeRelease reads gzip and plain payloads and refuses oversized, broken and non-JSON ones', () => {
	const ok = decodeRelease(payload({name: 'x'}));
	assert.deepEqual(ok, {ok: true, release: {name: 'x'}});
	assert.deepEqual(decodeRelease(b64(b64(JSON.stringify({name: 'plain'})))), {ok: true, release: {name: 'plain'}});
	// A gzip bomb: 64 MiB of zeros compress to ~64 KiB; the cap stops the inflate at 1 MiB.
	const bomb = b64(b64(gzipSync(Buffer.alloc(64 * 1024 * 1024))));
	const before = process.memoryUsage().arrayBuffers;
	const refused = decodeRelease(bomb, 1024 * 1024);
	assert.equal(refused.ok, false);
	assert.match(!refused.ok ? refused.reason : '', /larger than 1048576 bytes once decompressed/);
	assert.ok(process.memoryUsage().arrayBuffers - before < 32 * 1024 * 1024, 'the bomb was not inflated');
	for (const [input, reason] of [[undefined, /no release payload/], [b64(b64(Buffer.from([0x1f, 0x8b, 1, 2, 3]))), /not valid gzip/], [b64(b64(gzipSync('[1]'))), /not a JSON object/], [b64(b64(gzipSync('{'))), /not valid JSON/]] as const) {
		const result = decodeRelease(input);
		assert.ok(!result.ok && reason.test(result.reason), String(input));
	}
});

test('rows: labels give name, revision and status; the payload chart, app version and updated; helm list keeps the latest', () => {
	const rows = releases.map(projectHelmRelease);
	assert.deepEqual(
		latestRevisions(rows).map((r) => [r.release, r.revision, r.status, r.chart, r.appVersion, r.severity]).sort(),
		[
			['cache', 1, 'deployed', 'postgresql-1.0.0', '16.2', 'ok'],
			['db', 3, 'deployed', 'postgresql-12.3.0', '16.2', 'ok'],
		],
	);
	assert.equal(rows[1]!.severity, 'error', 'a failed revision reads as an error');
	const broken = projectHelmRelease({...releases[0]!, data: {release: 'not-a-payload'}});
	assert.match(broken.chart, /^<release payload/);
});

test('describe and YAML of a release: notes, values masked leaf by leaf, the manifest with its Secret masked, no payload', () => {
	const safe = redactHelmRelease(releases[2]!);
	assert.equal(safe.data, undefined, 'the raw payload is dropped');
	assert.deepEqual(redactHelmRelease(safe), safe, 'idempotent');
	const described = describeHelmRelease(safe).join('\n');
	assert.match(described, /Status:\s+deployed/);
	assert.match(described, /Chart:\s+postgresql-12\.3\.0/);
	assert.match(described, /password: •••• \(15 bytes\)/);
	assert.match(described, /Connect with psql -h db\.default/);
	const yaml = helmManifestLines(safe).join('\n');
	assert.match(yaml, /tls\.key: •••• \(20 bytes\)/);
	assert.match(yaml, /kind: Service/);
	for (const text of [described, yaml, JSON.stringify(safe)]) {
		for (const value of [DB_PASSWORD, TLS_KEY, b64(TLS_KEY), b64(DB_PASSWORD), 'chart defaults']) assert.ok(!text.includes(value), value);
	}
});

test(':helm lists each release once; Enter shows its revisions; d and y never show a value', async () => {
	const session = new FakeSession('default');
	session.setRows('helm', releases.map(projectHelmRelease));
	for (const r of releases) session.objects.set(`helm/default/${r.metadata.name}`, r);
	const probe = renderProbe();
	const instance = render(
		<App session={session} keymap={defaultKeymap()} settings={{}} readonly={false} panes={defaultPanes()} size={{columns: 160, rows: 30}} clock={() => NOW} onExit={() => {}} onSwitchContext={() => {}} probe={probe} />,
	);
	const app = driven(instance, probe);
	await app.settle();
	await app.press(':', ...'helm'.split(''), keys.enter);
	await app.frameMatching(/helm\(default\)\[2\]/);
	assert.match(app.frame(), /NAME\s+REVISION\s+STATUS\s+CHART\s+APP VERSION\s+UPDATED/);
	assert.match(app.frame(), /cache\s+1\s+deployed\s+postgresql-1\.0\.0\s+16\.2/);
	assert.match(app.frame(), /db\s+3\s+deployed\s+postgresql-12\.3\.0\s+16\.2/);
	await app.press('j', keys.enter);
	await app.frameMatching(/helm history\(default\)\[3\]/);
	assert.deepEqual(session.calls.setLabelSelector.at(-1), ['helm', 'name=db']);
	assert.match(app.frame(), /db\s+2\s+failed/);
	await app.press('G', 'd');
	await app.frameMatching(/Notes:/);
	assert.match(app.frame(), /password: •••• \(15 bytes\)/);
	assert.deepEqual(session.calls.fetchObject.at(-1), ['helm', 'default', 'sh.helm.release.v1.db.v3']);
	await app.press('y');
	await app.frameMatching(/tls\.key: •••• \(20 bytes\)/);
	app.unmount();
	const frames = instance.frames.join('\n');
	for (const value of [DB_PASSWORD, TLS_KEY, b64(TLS_KEY), b64(DB_PASSWORD)]) assert.ok(!frames.includes(value), value);
});
