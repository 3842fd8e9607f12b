import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {identityOf, listContexts, loadKubeConfig, switchContext} from '../../source/config/kubeconfig.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubedeck-kubeconfig-'));
after(() => fs.rmSync(dir, {recursive: true, force: true}));

function write(name: string, text: string): string {
	const file = path.join(dir, name);
	fs.mkdirSync(path.dirname(file), {recursive: true});
	fs.writeFileSync(file, text);
	return file;
}

function config(opts: {current?: string; clusters: string[]; users: string[]; contexts: Array<[string, string, string, string?]>; server?: string}): string {
	const lines: string[] = ['apiVersion: v1', 'kind: Config'];
	if (opts.current) lines.push(`current-context: ${opts.current}`);
	lines.push('clusters:');
	for (const c of opts.clusters) lines.push(`- name: ${c}`, '  cluster:', `    server: ${opts.server ?? 'https://' + c + '.example:6443'}`, '    certificate-authority: ca.crt');
	lines.push('users:');
	for (const u of opts.users) lines.push(`- name: ${u}`, '  user:', `    token: token-${u}`);
	lines.push('contexts:');
	for (const [name, cluster, user, ns] of opts.contexts) {
		lines.push(`- name: ${name}`, '  context:', `    cluster: ${cluster}`, `    user: ${user}`);
		if (ns) lines.push(`    namespace: ${ns}`);
	}
	return lines.join('\n') + '\n';
}

test('explicit --kubeconfig: current context and its namespace', () => {
	const file = write('one.yaml', config({current: 'prod', clusters: ['c1'], users: ['u1'], contexts: [['prod', 'c1', 'u1', 'payments']]}));
	const result = loadKubeConfig({kubeconfig: file, env: {}});
	assert.ok(result.ok, !result.ok ? result.message : '');
	assert.equal(result.context, 'prod');
	assert.equal(result.namespace, 'payments');
	assert.deepEqual(result.files, [file]);
	assert.equal(result.kubeConfig.getCurrentCluster()?.server, 'https://c1.example:6443');
	// Relative file references resolve against the file's directory, like kubectl.
	assert.equal(result.kubeConfig.getCurrentCluster()?.caFile, path.join(dir, 'ca.crt'));
});

test('namespace defaults to "default" and --context overrides current-context', () => {
	const file = write('two.yaml', config({current: 'a', clusters: ['c1'], users: ['u1'], contexts: [['a', 'c1', 'u1', 'ns-a'], ['b', 'c1', 'u1']]}));
	const result = loadKubeConfig({kubeconfig: file, context: 'b', env: {}});
	assert.ok(result.ok);
	assert.equal(result.context, 'b');
	assert.equal(result.namespace, 'default');
	assert.equal(result.kubeConfig.getCurrentContext(), 'b');
});

test('KUBECONFIG merge: first file to define a name wins, current-context from the first that sets it, missing files skipped', () => {
	const first = write('m1.yaml', config({clusters: ['shared'], users: ['u1'], contexts: [['dev', 'shared', 'u1']], server: 'https://first:6443'}));
	const second = write('m2.yaml', config({current: 'stage', clusters: ['shared', 'other'], users: ['u1', 'u2'], contexts: [['dev', 'other', 'u2'], ['stage', 'shared', 'u2']], server: 'https://second:6443'}));
	const third = write('m3.yaml', config({current: 'dev', clusters: ['x'], users: ['ux'], contexts: [['x', 'x', 'ux']]}));
	const missing = path.join(dir, 'does-not-exist.yaml');
	const result = loadKubeConfig({env: {KUBECONFIG: [first, missing, second, third].join(path.delimiter)}, home: dir});
	assert.ok(result.ok, !result.ok ? result.message : '');
	assert.deepEqual(result.files, [first, second, third]);
	assert.equal(result.context, 'stage', 'current-context from the first file that sets it');
	assert.equal(result.kubeConfig.getCluster('shared')?.server, 'https://first:6443', 'first definition wins');
	assert.equal(result.kubeConfig.getContextObject('dev')?.cluster, 'shared');
	assert.deepEqual(listContexts(result.kubeConfig).map((c) => [c.name, c.current]), [['dev', false], ['stage', true], ['x', false]]);
});

test('default location is ~/.kube/config', () => {
	const home = path.join(dir, 'home');
	write('home/.kube/config', config({current: 'h', clusters: ['c'], users: ['u'], contexts: [['h', 'c', 'u']]}));
	const result = loadKubeConfig({env: {}, home});
	assert.ok(result.ok);
	assert.equal(result.context, 'h');
});

test('errors name the file and the problem and suggest --demo', () => {
	const bad = write('bad.yaml', 'clusters:\n  - name: x\n   cluster: {server: y}\n');
	const empty = write('empty.yaml', 'apiVersion: v1\nkind: Config\n');
	const noCurrent = write('nocurrent.yaml', config({clusters: ['c'], users: ['u'], contexts: [['a', 'c', 'u'], ['b', 'c', 'u']]}));
	const danglingCluster = write('dangling-c.yaml', config({current: 'a', clusters: ['c'], users: ['u'], contexts: [['a', 'gone', 'u']]}));
	const danglingUser = write('dangling-u.yaml', config({current: 'a', clusters: ['c'], users: ['u'], contexts: [['a', 'c', 'nobody']]}));
	const noServer = write('noserver.yaml', 'clusters:\n- name: c\n  cluster: {}\nusers: []\ncontexts: []\n');
	const cases: Array<[string, Parameters<typeof loadKubeConfig>[0], RegExp]> = [
		['explicit file missing', {kubeconfig: path.join(dir, 'nope.yaml'), env: {}}, /nope\.yaml not found \(given with --kubeconfig\)/],
		['default file missing', {env: {}, home: path.join(dir, 'nobody')}, /nobody\/\.kube\/config not found/],
		['all KUBECONFIG files missing', {env: {KUBECONFIG: path.join(dir, 'a-missing')}, home: dir}, /none of the KUBECONFIG files exist/],
		['YAML error with line', {kubeconfig: bad, env: {}}, /bad\.yaml:3: YAML error at line 3, column \d+: /],
		['no contexts', {kubeconfig: empty, env: {}}, /no contexts defined in kubeconfig .*empty\.yaml/],
		['no current context', {kubeconfig: noCurrent, env: {}}, /no current-context set .*known: a, b/],
		['unknown context lists known', {kubeconfig: noCurrent, context: 'prod', env: {}}, /context "prod" \(from --context\) not found .*known contexts: a, b/],
		['context with missing cluster', {kubeconfig: danglingCluster, env: {}}, /cluster "gone", which is not defined/],
		['context with missing user', {kubeconfig: danglingUser, env: {}}, /user "nobody", which is not defined/],
		['invalid entry', {kubeconfig: noServer, env: {}}, /noserver\.yaml: clusters\[0\]\.cluster\.server is missing/],
	];
	for (const [name, options, pattern] of cases) {
		const result = loadKubeConfig(options);
		assert.equal(result.ok, false, name);
		if (!result.ok) {
			assert.match(result.message, pattern, name);
			assert.match(result.message, /kubedeck --demo/, name);
		}
	}
});

test('unreadable file is reported as such', {skip: process.getuid?.() === 0 ? 'root can read anything' : false}, () => {
	const file = write('secret.yaml', config({current: 'a', clusters: ['c'], users: ['u'], contexts: [['a', 'c', 'u']]}));
	fs.chmodSync(file, 0o000);
	const result = loadKubeConfig({kubeconfig: file, env: {}});
	assert.equal(result.ok, false);
	if (!result.ok) assert.match(result.message, /secret\.yaml is not readable \(permission denied\)/);
});

test('switchContext returns a new config on the other context', () => {
	const file = write('sw.yaml', config({current: 'a', clusters: ['c'], users: ['u'], contexts: [['a', 'c', 'u'], ['b', 'c', 'u', 'web']]}));
	const loaded = loadKubeConfig({kubeconfig: file, env: {}});
	assert.ok(loaded.ok);
	const switched = switchContext(loaded.kubeConfig, 'b');
	assert.ok(switched.ok);
	assert.equal(switched.kubeConfig.getCurrentContext(), 'b');
	assert.equal(switched.namespace, 'web');
	assert.deepEqual(identityOf(switched.kubeConfig), {context: 'b', cluster: 'c', user: 'u', server: 'https://c.example:6443'});
	assert.equal(loaded.kubeConfig.getCurrentContext(), 'a', 'original untouched');
	const bad = switchContext(loaded.kubeConfig, 'zzz');
	assert.equal(bad.ok, false);
});
