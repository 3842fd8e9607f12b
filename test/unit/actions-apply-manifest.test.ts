// :apply's pure parts: the file's path, its documents, each kind placed by discovery, and the
// diff a question shows (a Secret's values masked).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseManifest, resolveManifest, resolveManifestPath} from '../../source/actions/applyManifest.js';
import {applyDiff} from '../../source/actions/applyDiff.js';
import {catalogOf} from '../../source/ui/genericCommands.js';
import type {DiscoveredResource} from '../../source/kube/discovery-documents.js';
import type {KubeObject} from '../../source/model/types.js';

test('paths: ~ is the home directory, a relative path is from the working directory', () => {
	const cases: Array<[string, string]> = [
		['~/m/app.yaml', '/home/me/m/app.yaml'],
		['~', '/home/me'],
		['app.yaml', '/projects/here/app.yaml'],
		['../up.yaml', '/projects/up.yaml'],
		['/abs/x.yaml', '/abs/x.yaml'],
		['~other/x.yaml', '/projects/here/~other/x.yaml'],
	];
	for (const [given, expected] of cases) assert.equal(resolveManifestPath(given, '/projects/here', '/home/me'), expected, given);
});

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata: {a: "1"}\n`;

test('documents: several, empty ones skipped, a List flattened; each problem is one line naming file and document', () => {
	const two = parseManifest('m.yaml', `---\n${cm('a')}---\n---\n${cm('b')}`);
	assert.ok(two.ok);
	assert.deepEqual(two.value.map((o) => o.metadata.name), ['a', 'b']);
	const list = parseManifest('m.yaml', `apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: d}}\n`);
	assert.ok(list.ok && list.value.length === 2);
	const cases: Array<[string, RegExp]> = [
		['a: [', /^m\.yaml: not valid YAML: .*\(line \d+\)$/],
		[`${cm('a')}---\nkind: ConfigMap\nmetadata: {name: x}\n`, /^m\.yaml: document 2 has no apiVersion$/],
		['apiVersion: v1\nmetadata: {name: x}\n', /^m\.yaml: document 1 has no kind$/],
		['apiVersion: v1\nkind: Pod\nmetadata: {generateName: x-}\n', /^m\.yaml: document 1 \(Pod\) has no metadata\.name/],
		['- just\n- a list\n', /^m\.yaml: document 1 is not an object$/],
		['\n---\n', /^m\.yaml: no objects in it$/],
	];
	for (const [text, message] of cases) {
		const parsed = parseManifest('m.yaml', text);
		assert.ok(!parsed.ok, text);
		assert.match(parsed.message, message);
		assert.ok(!parsed.message.includes('\n'), 'one line');
	}
});

const served = (group: string, plural: string, kind: string, scope: 'Namespaced' | 'Cluster' = 'Namespaced'): DiscoveredResource => ({group, version: 'v1', plural, singular: kind.toLowerCase(), kind, scope, shortNames: [], categories: [], verbs: ['get', 'list', 'watch', 'patch']});
const catalog = catalogOf([served('', 'configmaps', 'ConfigMap'), served('apps', 'deployments', 'Deployment'), served('rbac.authorization.k8s.io', 'clusterroles', 'ClusterRole', 'Cluster'), served('example.com', 'widgets', 'Widget')]);
const obj = (apiVersion: string, kind: string, name: string, namespace?: string) => ({apiVersion, kind, metadata: {name, ...(namespace ? {namespace} : {})}}) as KubeObject;

test('kinds are placed by discovery: the namespace is the object’s, else the session’s; cluster kinds have none; an unknown kind is one line', () => {
	const placed = resolveManifest('m.yaml', [obj('v1', 'ConfigMap', 'a'), obj('apps/v1', 'Deployment', 'web', 'payments'), obj('rbac.authorization.k8s.io/v1', 'ClusterRole', 'reader', 'ignored'), obj('example.com/v1', 'Widget', 'w')], catalog, 'default');
	assert.ok(placed.ok);
	assert.deepEqual(placed.value.map((i) => [i.kind, i.namespace, i.resource.plural, i.resource.group, i.resource.namespaced]), [
		['ConfigMap', 'default', 'configmaps', '', true],
		['Deployment', 'payments', 'deployments', 'apps', true],
		['ClusterRole', undefined, 'clusterroles', 'rbac.authorization.k8s.io', false],
		['Widget', 'default', 'widgets', 'example.com', true],
	]);
	const unknown = resolveManifest('m.yaml', [obj('example.org/v1', 'Gadget', 'g')], catalog, 'default');
	assert.deepEqual(unknown, {ok: false, message: 'm.yaml: the server serves no kind Gadget in group example.org (g)'});
});

test('the diff: a new object is all +, bookkeeping is left out, a Secret shows no value (and says which one changed)', () => {
	const live = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'a', uid: 'u', resourceVersion: '5', managedFields: [{}]}, data: {a: '1'}} as unknown as KubeObject;
	const next = {...live, metadata: {...live.metadata, resourceVersion: '6'}, data: {a: '2'}} as KubeObject;
	const changed = applyDiff('configmap/a', live, next);
	assert.deepEqual(changed.filter((l) => /^[-+] /.test(l)), ['-  a: \'1\'', '+  a: \'2\'']);
	assert.ok(!changed.some((l) => /resourceVersion|managedFields|uid/.test(l)));
	assert.deepEqual(applyDiff('configmap/a', live, live).slice(2), ['(no change)']);
	assert.ok(applyDiff('configmap/a', undefined, next).slice(3).every((l) => l.startsWith('+')));
	const secret = (value: string) => ({apiVersion: 'v1', kind: 'Secret', metadata: {name: 's'}, data: {password: value, user: 'YWRtaW4='}}) as unknown as KubeObject;
	const lines = applyDiff('secret/s', secret('c2VjcmV0MQ=='), secret('c2VjcmV0Mg==')).join('\n');
	assert.ok(!lines.includes('c2VjcmV0') && !lines.includes('YWRtaW4='), lines);
	assert.match(lines, /\+ {2}password: '?•••• \(7 bytes\) changed'?/);
});

test('reading the file: its text, or one line saying why not (missing, a directory)', async () => {
	const {mkdtempSync, writeFileSync, rmSync} = await import('node:fs');
	const {tmpdir} = await import('node:os');
	const {join} = await import('node:path');
	const {readManifestFile} = await import('../../source/actions/applyManifest.js');
	const dir = mkdtempSync(join(tmpdir(), 'kubedeck-apply-'));
	try {
		writeFileSync(join(dir, 'm.yaml'), cm('a'));
		assert.deepEqual(await readManifestFile('m.yaml', dir, '/nowhere'), {ok: true, value: cm('a')});
		assert.deepEqual(await readManifestFile('~/m.yaml', '/nowhere', dir), {ok: true, value: cm('a')});
		assert.deepEqual(await readManifestFile('gone.yaml', dir, '/nowhere'), {ok: false, message: 'cannot read gone.yaml: no such file'});
		assert.deepEqual(await readManifestFile('.', dir, '/nowhere'), {ok: false, message: 'cannot read .: is a directory (name one file)'});
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});
