// No secret byte reaches the screen, the audit log or an error message: secrets with
// distinctive values (a value that is also a key name, one only in kubectl's last-applied
// annotation, a binary one) are driven through the secrets pane, y, d, describe pod, a 403,
// and a deliberate reveal; every frame drawn and every audit line is searched for each value
// and its base64.
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {App, type AppProps, type AppSettings} from '../../views/App.js';
import {defaultPanes} from '../../source/ui/panes/defaultPanes.js';
import {performAction, type Intent} from '../../source/actions/gate.js';
import {statusError} from '../../source/kube/kubeError.js';
import type {ApiRequest, Transport} from '../../source/kube/transport.js';
import type {ResourceKind} from '../../source/kube/session.js';
import type {KubeObject} from '../../source/model/types.js';
import {projectSecret} from '../../source/model/secrets.js';
import {podModel} from '../../source/model/pods.js';
import {FakeSession, NOW, defaultKeymap, driven, keys, renderProbe} from './fakes.js';
import {FakeLayer} from './actions-fakes.js';

afterEach(() => cleanup());

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

// Each value is distinctive; SHARED is also the name of a key of another secret.
const VALUES = {
	password: 'Pa55-w0rd-zq9XK',
	token: 'tok-7f3e91c2b8aa44d0',
	applied: 'only-in-last-applied-Qx81',
	shared: 'api-key-rotated',
	forbidden: 'never-fetched-Zy77',
};
const BINARY = Buffer.from([0x00, 0xff, 0x13, 0x37, 0xc3, 0x28]);

function secret(name: string, data: Record<string, string | Buffer>, extra: Partial<KubeObject> = {}): KubeObject {
	const encoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, typeof v === 'string' ? b64(v) : v.toString('base64')]));
	return {apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: {name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: new Date(NOW - 3_600_000).toISOString()}, data: encoded, ...extra};
}

const dbCreds = secret('db-creds', {password: VALUES.password, [VALUES.shared]: VALUES.token}, {
	metadata: {
		name: 'db-creds',
		namespace: 'default',
		uid: 'uid-db-creds',
		creationTimestamp: new Date(NOW - 3_600_000).toISOString(),
		annotations: {'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({apiVersion: 'v1', kind: 'Secret', metadata: {name: 'db-creds'}, stringData: {password: VALUES.applied}})},
	},
});
const apiKeys = secret('api-keys', {current: VALUES.shared, blob: BINARY});
const locked = secret('locked', {key: VALUES.forbidden});

const pod: KubeObject = {
	apiVersion: 'v1',
	kind: 'Pod',
	metadata: {name: 'web-1', namespace: 'default', uid: 'uid-web-1', creationTimestamp: new Date(NOW - 60_000).toISOString()},
	spec: {
		nodeName: 'node-a',
		containers: [
			{
				name: 'app',
				image: 'web:1',
				env: [{name: 'DB_PASSWORD', valueFrom: {secretKeyRef: {name: 'db-creds', key: 'password'}}}],
				envFrom: [{secretRef: {name: 'api-keys'}}, {configMapRef: {name: 'web-config', optional: true}}],
			},
		],
	},
	status: {phase: 'Running', containerStatuses: [{name: 'app', ready: true, restartCount: 0, state: {running: {startedAt: new Date(NOW - 60_000).toISOString()}}}]},
};

/** Every form a value could leak in: as text and as base64. */
const needles = (value: string | Buffer): string[] => (typeof value === 'string' ? [value, b64(value)] : [value.toString('base64'), value.toString('latin1')]);

class SecretSession extends FakeSession {
	override async fetchObject(kind: ResourceKind, namespace: string | undefined, name: string): Promise<KubeObject> {
		if (kind === 'secrets' && name === 'locked') throw statusError(403, 'Forbidden', `secrets "locked" is forbidden: User "tester" cannot get resource "secrets" in API group "" in the namespace "default"`, {user: 'tester'});
		return super.fetchObject(kind, namespace, name);
	}
}

/** The shipped gate over a client that serves these secrets (and refuses 'locked'). */
class SecretLayer extends FakeLayer {
	readonly reads: string[] = [];
	private readonly api: Transport;

	constructor(readonlyMode: boolean, private readonly revealSecrets: boolean) {
		super(readonlyMode);
		const reads = this.reads;
		this.api = {
			server: 'http://127.0.0.1:1',
			async request<T>(r: ApiRequest): Promise<T> {
				reads.push(`${r.method ?? 'GET'} ${r.path}`);
				const name = r.path.split('/').pop();
				if (name === 'locked') throw statusError(403, 'Forbidden', `secrets "locked" is forbidden: User "tester" cannot get resource "secrets"`, {user: 'tester'});
				const found = [dbCreds, apiKeys].find((s) => s.metadata.name === name);
				if (!found) throw statusError(404, 'NotFound', `secrets "${name}" not found`);
				return found as T;
			},
			async stream() {
				throw new Error('no streams here');
			},
			close() {},
		};
	}

	override perform(intent: Intent) {
		return performAction({readonly: this.readonly, audit: this.audit, client: this.api, identity: {context: 'test-ctx', user: 'tester'}, revealSecrets: this.revealSecrets}, intent);
	}
}

function start(options: {readonly?: boolean; revealSecrets?: boolean} = {}) {
	const session = new SecretSession('default');
	session.setRows('secrets', [dbCreds, apiKeys, locked].map(projectSecret));
	session.setRows('pods', [podModel.project(pod)]);
	for (const s of [dbCreds, apiKeys, locked]) session.objects.set(`secrets/default/${s.metadata.name}`, s);
	session.objects.set('pods/default/web-1', pod);
	const layer = new SecretLayer(options.readonly ?? false, options.revealSecrets ?? true);
	const settings: AppSettings = options.revealSecrets === false ? {revealSecrets: false} : {};
	const probe = renderProbe();
	const props: Omit<AppProps, 'onExit' | 'onSwitchContext'> = {session, keymap: defaultKeymap(), settings, readonly: options.readonly ?? false, initialView: 'secrets', panes: defaultPanes()};
	const instance = render(<App {...props} size={{columns: 160, rows: 40}} clock={() => NOW} onExit={() => {}} onSwitchContext={() => {}} actions={layer} probe={probe} />);
	const app = driven(instance, probe);
	return {app, layer, session, frames: () => instance.frames.join('\n')};
}

/** Lines holding the needle, except where it is a key name (SHARED is one) in key position. */
function leaks(text: string, needle: string, alsoAKey: boolean): string[] {
	return text.split('\n').filter((line) => line.includes(needle) && !(alsoAKey && new RegExp(`^\\W*${needle}(:|\\s|$)`).test(line.trimStart().replace(/^[>❯]\s*/, ''))));
}

function assertNoLeak(text: string, where: string, except: readonly string[] = []): void {
	for (const [name, value] of Object.entries(VALUES)) {
		if (except.includes(value)) continue;
		for (const needle of needles(value)) assert.deepEqual(leaks(text, needle, value === VALUES.shared), [], `${name} (${needle}) leaked into ${where}`);
	}
	for (const needle of needles(BINARY)) assert.ok(!text.includes(needle), `the binary value leaked into ${where}`);
}

test('the secrets pane, y, d, describe pod and a 403 never show a value; the audit log has none either', async () => {
	const {app, layer, frames} = start();
	await app.settle();
	await app.frameMatching(/db-creds/);
	assert.match(app.frame(), /NAME\s+TYPE\s+DATA\s+AGE/);
	assert.match(app.frame(), /api-keys\s+Opaque\s+2\s/);
	// api-keys is first (by name): its YAML and describe.
	await app.press('y');
	await app.frameMatching(/current: '?•••• \(15 bytes\)/);
	assert.match(app.frame(), /blob: '?•••• \(6 bytes\)/);
	await app.press('d');
	await app.frameMatching(/Data/);
	assert.match(app.frame(), /current:\s+•••• \(15 bytes\)/);
	await app.press(keys.esc, 'j', 'y');
	// db-creds: its last-applied annotation carried a value in stringData.
	await app.frameMatching(/password: '?•••• \(15 bytes\)/);
	assert.match(app.frame(), /last-applied-configuration.*"stringData":\{"password":"•••• \(25 byt/);
	await app.press(keys.esc, 'j', 'd');
	await app.frameMatching(/cannot describe default\/locked/);
	assert.match(app.frame(), /forbidden/);
	await app.press(keys.esc, 'x');
	// One key: no picker, straight to the question.
	await app.frameMatching(/Reveal the value of key key of secret default\/locked\?/);
	// The 403 from the gate's read: an error line, no value.
	await app.press('y');
	await app.frameMatching(/cannot reveal secret default\/locked/);
	// A pod using the secrets: describe names them, never their values.
	await app.press(':');
	await app.press(...'pods'.split(''), keys.enter);
	await app.frameMatching(/web-1/);
	await app.press('d');
	await app.frameMatching(/DB_PASSWORD:\s+<set to the key 'password' in secret 'db-creds'>/);
	assert.match(app.frame(), /api-keys\s+Secret\s+Optional: false/);
	assert.match(app.frame(), /web-config\s+ConfigMap\s+Optional: true/);
	await app.press('y');
	await app.frameMatching(/secretKeyRef/);
	app.unmount();
	assertNoLeak(frames(), 'the screen');
	const audit = layer.audit.records.map((r) => JSON.stringify(r)).join('\n');
	assertNoLeak(audit, 'the audit log');
	assert.deepEqual(
		layer.audit.records.map((r) => [r.verb, r.kind, r.name, r.category, r.args, r.result.ok]),
		[['reveal', 'Secret', 'locked', 'sensitive-read', {key: 'key'}, false]],
	);
});

test('x reveals one value on purpose, after a yes: audited without the value; Esc takes it off the screen', async () => {
	const {app, layer, frames} = start({readonly: true});
	await app.settle();
	await app.frameMatching(/db-creds/);
	await app.press('j', 'd');
	await app.frameMatching(/password:\s+•••• \(15 bytes\)/);
	assert.match(app.frame(), /<x> Reveal one value/);
	await app.press('x');
	await app.frameMatching(/secret default\/db-creds: reveal which key\?/);
	// Keys sorted: api-key-rotated, then password.
	await app.press('j', keys.enter);
	await app.frameMatching(/Reveal the value of key password of secret default\/db-creds\?/);
	assert.equal(layer.reads.length, 0, 'nothing is read before the yes');
	assertNoLeak(frames(), 'the screen before the yes');
	await app.press('y');
	const shown = await app.frameMatching(/key password \(revealed/);
	assert.ok(shown.includes(VALUES.password), 'the revealed value is on screen');
	assert.deepEqual(layer.reads, ['GET /api/v1/namespaces/default/secrets/db-creds']);
	assert.deepEqual(layer.mutations(), [], 'read-only: nothing but the read');
	const [record] = layer.audit.records;
	assert.equal(layer.audit.records.length, 1);
	assert.deepEqual({verb: record!.verb, kind: record!.kind, namespace: record!.namespace, name: record!.name, category: record!.category, args: record!.args, user: record!.user, ok: record!.result.ok}, {
		verb: 'reveal',
		kind: 'Secret',
		namespace: 'default',
		name: 'db-creds',
		category: 'sensitive-read',
		args: {key: 'password'},
		user: 'tester',
		ok: true,
	});
	assert.match(record!.time, /^\d{4}-\d\d-\d\dT/);
	assertNoLeak(layer.audit.records.map((r) => JSON.stringify(r)).join('\n'), 'the audit log');
	await app.press(keys.esc);
	await app.frameMatching(/password:\s+•••• \(15 bytes\)/);
	assert.ok(!app.frame().includes(VALUES.password), 'Esc hides the value again');
	app.unmount();
	// Every frame but the revealed ones is clean; the other values never appeared at all.
	assertNoLeak(frames(), 'the screen', [VALUES.password]);
});

test('revealSecrets: false turns x off entirely: no picker, no read, no audit line', async () => {
	const {app, layer, frames} = start({revealSecrets: false});
	await app.settle();
	await app.frameMatching(/db-creds/);
	assert.doesNotMatch(app.frame(), /<x>/, 'the footer does not offer it');
	await app.press('x');
	await app.frameMatching(/revealing secret values is turned off \(revealSecrets: false/);
	await app.press('j', 'd');
	await app.frameMatching(/password:\s+••••/);
	await app.press('x');
	await app.frameMatching(/revealing secret values is turned off/);
	assert.deepEqual(layer.reads, []);
	assert.deepEqual(layer.audit.records, []);
	app.unmount();
	assertNoLeak(frames(), 'the screen');
});

test('the gate refuses a reveal when the setting is off or without a yes, even if asked directly', async () => {
	const off = new SecretLayer(false, false);
	const refused = await off.perform({verb: 'reveal', kind: 'Secret', namespace: 'default', name: 'db-creds', key: 'password', confirmed: true});
	assert.equal(refused.ok, false);
	assert.match(refused.message, /revealSecrets: false/);
	const on = new SecretLayer(false, true);
	const unasked = await on.perform({verb: 'reveal', kind: 'Secret', namespace: 'default', name: 'db-creds', key: 'password'});
	assert.equal(unasked.ok, false);
	assert.match(unasked.message, /needs confirmation/);
	const missing = await on.perform({verb: 'reveal', kind: 'Secret', namespace: 'default', name: 'db-creds', key: 'nope', confirmed: true});
	assert.equal(missing.ok, false);
	assert.match(missing.message, /has no key nope/);
	assert.deepEqual([...off.reads, ...on.reads.slice(0, 0)], [], 'off: nothing read');
	// The wrapped value prints as its mask through every accidental path.
	const ok = await on.perform({verb: 'reveal', kind: 'Secret', namespace: 'default', name: 'db-creds', key: 'password', confirmed: true});
	assert.equal(ok.ok, true);
	const value = ok.details?.['value'];
	for (const text of [String(value), `${value}`, JSON.stringify(ok), (await import('node:util')).inspect(ok, {depth: 5}), ok.message]) {
		assert.ok(!text.includes(VALUES.password) && !text.includes(b64(VALUES.password)), text);
	}
});
