// Open watch streams and credentials that change under them (issue 12, problem 8, for watches).
// A server checks a token once, when a stream opens, so a stream opened with the old token keeps
// running after a re-read; kubedeck restarts it with the new one (resuming, no relist). A pane
// whose watch met a 401 says so in the header and recovers as soon as the login works again,
// without a restart and without waiting out a long fixed pause.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {openSession, watchStats, type Session} from '../../source/kube/session.js';
import {headerLine} from './fault-watch-harness.js';
import {loaded, login} from './fault-login.js';
import {waitFor} from './sim-helpers.js';

const kinds = ['pods', 'deployments'] as const;

function open(session: Session): void {
	for (const kind of kinds) session.store(kind);
}

const allLive = (session: Session) => kinds.every((kind) => session.status(kind).state === 'live');

test('after a re-read elsewhere, streams opened with the old token are restarted with the new one, resuming without a relist', async (t) => {
	const env = await login('exec');
	t.after(() => env.stop());
	// Streams that would run for ~30 s on their own: only the restart can bring them back early.
	const session = await openSession(loaded(env.kubeconfig), {namespace: 'default', tuning: {bookmarkIntervalMs: 30_000, backoffInitialMs: 50, backoffMaxMs: 200}});
	t.after(() => session.close());
	open(session);
	await waitFor('every pane live', () => allLive(session));
	const before = kinds.map((kind) => ({...watchStats(session, kind)!}));

	env.setPluginToken(env.faults.rotateToken());
	const rotatedAt = Date.now();
	// Any request meets the 401 first and reads the credentials again (here: a describe).
	await session.fetchObject('namespaces', undefined, 'default');
	await waitFor('every open stream restarted', () => kinds.every((kind, i) => watchStats(session, kind)!.watches > before[i]!.watches), 5000);
	const restartedMs = Date.now() - rotatedAt;
	kinds.forEach((kind, i) => assert.equal(watchStats(session, kind)!.lists, before[i]!.lists, `${kind}: resumed, not relisted`));
	const refusedWatches = env.faults.seen({verbs: ['watch']}, rotatedAt).filter((r) => r.status === 401);
	assert.equal(refusedWatches.length, 0, 'the new streams carried the new token');
	assert.ok(allLive(session), 'the panes never left live');
	env.sim.store.create('pods', {metadata: {name: 'after-rotation', namespace: 'default', uid: ''}, spec: {containers: [{name: 'main', image: 'registry.example/app:1.0'}]}});
	await waitFor('a new pod through the restarted stream', () => session.store('pods').snapshot().rows.some((r) => r.name === 'after-rotation'));
	t.diagnostic(`streams restarted ${restartedMs} ms after the rotation`);
});

test('a login dead for a while: each pane says unauthorized; fixed, every pane is live again within seconds, no restart', async (t) => {
	const env = await login('exec');
	t.after(() => env.stop());
	// deniedRetryMs stays at its default (60 s): a 401 must not wait that long once the login works.
	const session = await openSession(loaded(env.kubeconfig), {namespace: 'default', tuning: {bookmarkIntervalMs: 1000, backoffInitialMs: 100, backoffMaxMs: 1000}});
	t.after(() => session.close());
	open(session);
	await waitFor('every pane live', () => allLive(session));

	const token = env.faults.rotateToken(); // the plugin still prints the old token
	await waitFor('every pane unauthorized', () => kinds.every((kind) => session.status(kind).state === 'error'), 10_000);
	for (const kind of kinds) assert.match(session.status(kind).message ?? '', /^unauthorized: /);
	assert.match(headerLine(session), /pods error/);

	const fixedAt = Date.now();
	env.setPluginToken(token);
	await waitFor('every pane live again', () => allLive(session), 15_000);
	const recoveredMs = Date.now() - fixedAt;
	assert.ok(recoveredMs < 10_000, `live again ${recoveredMs} ms after the login was fixed`);
	t.diagnostic(`live again ${recoveredMs} ms after the login was fixed`);
});
