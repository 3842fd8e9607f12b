// The edge runner: effects in, request-tagged answers out; cancel and dispose stop what runs.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {ActionLayer} from '../../source/actions/actionLayer.js';
import type {FollowRolloutOptions} from '../../source/actions/rollout.js';
import type {LogStreamHandlers} from '../../source/actions/logs.js';
import type {Msg} from '../../source/ui/messages.js';
import {createRunner} from '../../source/ui/runner.js';
import {FakeSession, until} from '../views/fakes.js';

function setup() {
	const msgs: Msg[] = [];
	const follows: FollowRolloutOptions[] = [];
	const streams: Array<{handlers: LogStreamHandlers; stopped: boolean}> = [];
	const performed: string[] = [];
	const layer = {
		readonly: false,
		perform: async (intent) => {
			performed.push(`${intent.verb} ${intent.name}`);
			return {ok: true, message: 'done'};
		},
		followRollout: (_ns, _name, options = {}) => {
			follows.push(options);
			return new Promise(() => {});
		},
		streamLogs: (_options, handlers) => {
			const stream = {handlers, stopped: false};
			streams.push(stream);
			return {stop: () => void (stream.stopped = true)};
		},
	} as Partial<ActionLayer> as ActionLayer;
	const session = new FakeSession('default');
	session.objects.set('pods/default/web-1', {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'web-1', namespace: 'default', uid: 'u1'}});
	const runner = createRunner({session, layer, lineCap: 10, dispatch: (msg) => msgs.push(msg), repaint: () => {}, exit: () => {}, switchContext: () => {}, redraw: () => {}});
	return {runner, msgs, follows, streams, performed};
}

test('a fetch answers with lines tagged by its request; a perform answers with the intent and result', async () => {
	const {runner, msgs} = setup();
	runner.run({type: 'fetch', req: 7, ref: {resource: 'pods', kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'u1'}, as: 'yaml'});
	const intent = {verb: 'kill', kind: 'Pod', namespace: 'default', name: 'web-1', confirmed: true} as const;
	runner.run({type: 'perform', req: 8, intent});
	// Both answers come back asynchronously (the fetch reads from the session, then prints YAML);
	// wait for them with a deadline rather than a count of event-loop turns, which a loaded machine outran.
	await until(() => msgs.some((m) => m.type === 'performed') && msgs.some((m) => m.type === 'detail'), () => `both answers, got ${JSON.stringify(msgs.map((m) => m.type))}`);
	assert.deepEqual(msgs.find((m) => m.type === 'performed'), {type: 'performed', req: 8, intent, result: {ok: true, message: 'done'}});
	const detail = msgs.find((m) => m.type === 'detail');
	assert.equal(detail?.type === 'detail' && detail.req, 7);
	assert.ok(detail?.type === 'detail' && detail.lines.includes('kind: Pod'));
});

test('cancel stops a rollout follow and a log stream; restart clears the lines and starts again', () => {
	const {runner, follows, streams} = setup();
	runner.run({type: 'followRollout', req: 1, namespace: 'default', name: 'web'});
	runner.run({type: 'cancel', req: 1});
	assert.equal(follows[0]!.signal?.aborted, true);
	runner.run({type: 'openLogs', req: 2, source: {type: 'pod', namespace: 'default', pod: 'web-1'}, params: {previous: false, tailLines: 5}});
	streams[0]!.handlers.onLine({text: 'one'});
	assert.equal(runner.logSource(2)?.size, 1);
	runner.run({type: 'restartLogs', req: 2, params: {previous: true, tailLines: 5}, notice: '── previous ──'});
	assert.equal(streams[0]!.stopped, true);
	assert.equal(streams.length, 2);
	assert.equal(runner.logSource(2)?.size, 1, 'only the notice');
	runner.run({type: 'cancel', req: 2});
	assert.equal(streams[1]!.stopped, true);
	assert.equal(runner.logSource(2), undefined);
});

test('after dispose (quit, context switch) a late answer\'s effects start nothing', () => {
	const {runner, performed, follows, streams} = setup();
	runner.run({type: 'openLogs', req: 1, source: {type: 'pod', namespace: 'default', pod: 'web-1'}, params: {previous: false, tailLines: 5}});
	runner.dispose();
	assert.equal(streams[0]!.stopped, true);
	runner.run({type: 'followRollout', req: 2, namespace: 'default', name: 'web'});
	runner.run({type: 'perform', req: 3, intent: {verb: 'kill', kind: 'Pod', namespace: 'default', name: 'web-1', confirmed: true}});
	assert.deepEqual([follows.length, performed.length], [0, 0]);
});

test('the runner holds the full object of one pod at a time, however many containers panes were opened', async () => {
	const {runner} = setup();
	// Each visit fetches a whole pod (the largest object the UI keeps); a long session visits thousands.
	for (let i = 0; i < 50; i++) {
		runner.podPart({uid: `u${i}`, namespace: 'default', name: `web-${i}`}, undefined);
		assert.ok(runner.heldPods() <= 1, `after ${i + 1} visits the runner holds ${runner.heldPods()} pods`);
	}
	// The pod shown is still kept current: asked again for the same row, it is not fetched anew.
	const first = runner.podPart({uid: 'u1', namespace: 'default', name: 'web-1'}, undefined);
	await until(() => runner.podPart({uid: 'u1', namespace: 'default', name: 'web-1'}, undefined).object !== undefined, () => `pod web-1 loaded, got ${JSON.stringify(first)}`);
	assert.equal(runner.heldPods(), 1);
});
