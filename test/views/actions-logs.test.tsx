// The log view through its keys: follow by default with the configured tail, search with
// n/N, pause, wrap, JSON, since and previous (which restart the stream), save, and the
// promises the screen makes about untrusted text and bounded memory.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {BaseRow} from '../../source/model/types.js';
import {FakeSession, defaultKeymap, keys, row} from './fakes.js';
import {FakeLayer, frameMatching, startHarness} from './actions-fakes.js';
import {highlight, prettyJson, entryRows} from '../../views/actions/logText.js';
import {toEntry} from '../../source/model/logEntry.js';

const keymap = defaultKeymap();

function podRow(name: string, containers: string[] = ['app'], extra: Record<string, unknown> = {}): BaseRow {
	return {...row(name, {labels: {app: 'web'}}), containers, ...extra} as BaseRow;
}

function openPodLogs(options: {lineCap?: number; height?: number; width?: number; pod?: BaseRow} = {}) {
	const layer = new FakeLayer();
	const app = startHarness({
		layer,
		session: new FakeSession(),
		keymap,
		contexts: ['pods', 'table', 'global'],
		selection: {kind: 'Pod', row: options.pod ?? podRow('web-1')},
		settings: {logTailLines: 200, logLineCap: options.lineCap ?? 10_000},
		height: options.height ?? 16,
		width: options.width ?? 100,
	});
	const stream = (i = -1) => layer.streams.at(i)!;
	const lines = async (texts: string[], stamp = '2026-11-27T12:00:00.000000000Z') => {
		await app.repaintAfter(() => {
			for (const text of texts) stream().handlers.onLine({text, timestamp: stamp, time: Date.parse(stamp)});
		});
	};
	return {layer, app, stream, lines};
}

test('l on a pod follows its log with the configured tail; lines appear; Esc stops the stream', async () => {
	const {layer, app, stream, lines} = openPodLogs();
	await app.settle();
	await app.press('l');
	await frameMatching(app.frame, /logs default\/web-1 \[app\] \[tail 200 · following\]/);
	assert.deepEqual(
		{...stream().options},
		{namespace: 'default', pod: 'web-1', container: 'app', follow: true, previous: false, tailLines: 200},
	);
	await lines(['hello from web-1', 'second line']);
	await frameMatching(app.frame, /hello from web-1\n.*second line/);
	await app.press(keys.esc);
	await frameMatching(app.frame, /pods\(default\)\[1\]/);
	assert.equal(stream().stopped, true);
	assert.equal(layer.streams.length, 1);
	app.unmount();
});

test('control sequences in a log line are neutralised before rendering', async () => {
	const {app, lines} = openPodLogs();
	await app.settle();
	await app.press('l');
	await lines(['before \u001b]0;pwned title\u0007after', 'wipe \u001b[2Jscreen', 'bell\u0007 and \u009b31m c1 csi']);
	const frame = await frameMatching(app.frame, /c1 csi/);
	assert.match(frame, /before after/);
	assert.match(frame, /wipe screen/);
	assert.doesNotMatch(frame, /\u001b\]0;|pwned title|\u001b\[2J|\u0007|\u009b/);
	app.unmount();
});

test('a 1 MB line and invalid UTF-8 replacement characters do not break the screen', async () => {
	const {app, lines} = openPodLogs({width: 80});
	await app.settle();
	await app.press('l');
	await lines(['x'.repeat(1 << 20), 'broken \ufffd\ufffd bytes', 'after the big one']);
	let frame = await frameMatching(app.frame, /after the big one/);
	assert.match(frame, /after the big one/);
	assert.match(frame, /broken \ufffd\ufffd bytes/);
	for (const line of frame.split('\n')) assert.ok(line.length <= 80, `no line wider than the terminal (${line.length})`);
	// Wrapped, it still takes a bounded number of rows (the line was capped when it arrived).
	await app.press('w');
	frame = await frameMatching(app.frame, /wrap/);
	assert.ok(frame.split('\n').length <= 19, 'the frame never grows past the 20-line terminal (less one line)');
	assert.match(frame, /after the big one/);
	app.unmount();
});

test('search highlights, n and N jump between matches and wrap around', async () => {
	const {app, lines} = openPodLogs({height: 16});
	await app.settle();
	await app.press('l');
	await lines(Array.from({length: 100}, (_, i) => (i === 10 || i === 50 ? `line ${i} ERROR boom` : `line ${i} ok`)));
	await frameMatching(app.frame, /line 99 ok/);
	await app.press('/', 'e', 'r', 'r', 'o', 'r');
	await frameMatching(app.frame, /search: error/);
	await app.press(keys.enter);
	let frame = await frameMatching(app.frame, /search "error": n next/);
	assert.match(frame, /line 50 ERROR boom/, 'jumped to the newest match above');
	assert.doesNotMatch(frame, /line 99 ok/);
	assert.match(frame, /PAUSED/, 'reading back pauses autoscroll');
	await app.press('n');
	frame = await frameMatching(app.frame, /line 10 ERROR boom/);
	assert.match(frame, /search wrapped around/);
	assert.doesNotMatch(frame, /line 50 ERROR/);
	await app.press('N');
	frame = await frameMatching(app.frame, /line 50 ERROR boom/);
	assert.doesNotMatch(frame, /line 10 ERROR/);
	// G follows again.
	await app.press('G');
	await frameMatching(app.frame, /line 99 ok/);
	app.unmount();
});

test('highlight splits matches case-insensitively (the pieces the view renders inverse)', () => {
	assert.deepEqual(highlight('Error: an error', 'ERROR'), [
		{text: 'Error', match: true},
		{text: ': an ', match: false},
		{text: 'error', match: true},
	]);
	assert.deepEqual(highlight('nothing', 'x'), [{text: 'nothing', match: false}]);
	assert.deepEqual(highlight('abc', ''), [{text: 'abc', match: false}]);
});

test('s pauses autoscroll (new lines do not move the view) and resumes', async () => {
	const {app, lines} = openPodLogs({height: 8});
	await app.settle();
	await app.press('l');
	await lines(Array.from({length: 20}, (_, i) => `line ${i}`));
	await frameMatching(app.frame, /line 19/);
	await app.press('s');
	await frameMatching(app.frame, /PAUSED/);
	await lines(['line 20', 'line 21']); // waits for the repaint, which would have followed
	assert.match(app.frame(), /line 19/);
	assert.doesNotMatch(app.frame(), /line 21/);
	await app.press('k', 'k');
	await frameMatching(app.frame, /^(?![\s\S]*line 19)[\s\S]*line 17/); // scrolled up
	await app.press('s');
	await frameMatching(app.frame, /line 21/);
	assert.match(app.frame(), /following/);
	app.unmount();
});

test('w wraps long lines instead of cutting them', async () => {
	const {app, lines} = openPodLogs({width: 60});
	await app.settle();
	await app.press('l');
	await lines([`start ${'y'.repeat(100)} TAILEND`]);
	assert.doesNotMatch(app.frame(), /TAILEND/);
	await app.press('w');
	await frameMatching(app.frame, /TAILEND/);
	await app.press('w');
	await frameMatching(app.frame, /following\]/);
	assert.doesNotMatch(app.frame(), /TAILEND/);
	app.unmount();
});

test('j pretty-prints JSON lines, and controls escaped inside JSON strings stay neutralised', async () => {
	const {app, lines} = openPodLogs({height: 20});
	await app.settle();
	await app.press('l');
	await lines(['{"level":"info","msg":"\\u001b]0;evil\\u0007hi"}', 'plain text line']);
	await frameMatching(app.frame, /\{"level":"info"/);
	await app.press('j');
	const frame = await frameMatching(app.frame, /^\s*"level": "info",$/m);
	// JSON.stringify writes controls back as \uXXXX text: visible, inert.
	assert.match(frame, /"msg": "\\u001b\]0;evil\\u0007hi"/);
	assert.doesNotMatch(frame, /\u001b|\u0007/, 'no real ESC or BEL reaches the screen');
	assert.match(frame, /plain text line/);
	await app.press('j');
	await frameMatching(app.frame, /\{"level":"info"/);
	app.unmount();
});

test('t shows the server timestamps', async () => {
	const {app, lines} = openPodLogs();
	await app.settle();
	await app.press('l');
	await lines(['stamped'], '2026-11-27T12:34:56.123456789Z');
	assert.doesNotMatch(app.frame(), /12:34:56/);
	await app.press('t');
	await frameMatching(app.frame, /2026-11-27T12:34:56\.123456789Z stamped/);
	app.unmount();
});

test('0–5 restart the stream with --since; p switches to the previous instance', async () => {
	const {layer, app, stream, lines} = openPodLogs();
	await app.settle();
	await app.press('l');
	await lines(['current line']);
	await app.press('2');
	await frameMatching(app.frame, /since 5m/);
	assert.equal(layer.streams[0]!.stopped, true);
	assert.equal(stream().options.sinceSeconds, 300);
	assert.equal(stream().options.tailLines, undefined);
	assert.doesNotMatch(app.frame(), /current line/, 'the buffer starts over');
	await app.press('p');
	await frameMatching(app.frame, /previous/);
	assert.equal(stream().options.previous, true);
	assert.equal(stream().options.follow, false);
	await app.press('0');
	await frameMatching(app.frame, /tail 200/);
	assert.equal(stream().options.tailLines, 200);
	assert.equal(layer.streams.filter((s) => !s.stopped).length, 1, 'one stream at a time');
	app.unmount();
});

test('ctrl-s saves the buffer (log lines only) and shows the path', async () => {
	const {layer, app, stream, lines} = openPodLogs();
	await app.settle();
	await app.press('l');
	await lines(['one', 'two']);
	stream().handlers.onStatus?.('reconnecting', 'EOF');
	await lines(['three']);
	await app.press(keys.ctrl('s'));
	await frameMatching(app.frame, /saved 3 lines to \/state\/logs\/web-1\.log/);
	assert.deepEqual(layer.saved[0]!.target, {namespace: 'default', name: 'web-1', container: 'app'});
	assert.deepEqual(layer.saved[0]!.lines.map((l) => l.split(' ').slice(1).join(' ')), ['one', 'two', 'three']);
	app.unmount();
});

test('stream notices: reconnecting and pod deleted are shown', async () => {
	const {app, stream, lines} = openPodLogs();
	await app.settle();
	await app.press('l');
	await lines(['working']);
	stream().handlers.onStatus?.('reconnecting', 'log stream ended while the pod is still running; resuming');
	await frameMatching(app.frame, /stream interrupted/);
	stream().handlers.onEnd?.({kind: 'podDeleted', message: 'pod default/web-1 was deleted'});
	await frameMatching(app.frame, /ended: pod default\/web-1 was deleted/);
	app.unmount();
});

test('a crash-looping container: its interruptions share one notice line that counts them, so the log stays on screen', async () => {
	const {app, stream, lines} = openPodLogs({height: 16});
	await app.settle();
	await app.press('l');
	await lines(['starting']);
	for (let restart = 1; restart <= 7; restart++) {
		await app.repaintAfter(() => {
			const {handlers} = stream();
			handlers.onStatus?.('reconnecting', 'log stream ended while the pod is still running; resuming');
			// A retry within the same interruption is not another one.
			handlers.onStatus?.('reconnecting', 'connect ECONNREFUSED');
			handlers.onStatus?.('streaming');
		});
		await lines([`run ${restart}: crashed`]);
	}
	const frame = await frameMatching(app.frame, /run 7: crashed/);
	assert.equal(frame.match(/stream interrupted/g)?.length, 1, `one notice line:\n${frame}`);
	assert.match(frame, /stream interrupted ×7, last \d\d:\d\d:\d\d \(connect ECONNREFUSED\)/);
	for (let restart = 1; restart <= 7; restart++) assert.match(frame, new RegExp(`run ${restart}: crashed`), 'every log line is still on screen');
	app.unmount();
});

test('the ring buffer holds at most logLineCap lines and says how many were dropped', async () => {
	const {app, lines} = openPodLogs({lineCap: 100});
	await app.settle();
	await app.press('l');
	await lines(Array.from({length: 1000}, (_, i) => `line ${i}`));
	const frame = await frameMatching(app.frame, /line 999/);
	assert.match(frame, /900 older lines dropped \(cap 100\)/);
	assert.match(frame, /line 999/);
	await app.press('g');
	await frameMatching(app.frame, /^line 900$/m);
	assert.doesNotMatch(app.frame(), /^line 899$/m);
	app.unmount();
});

test('a multi-container pod opens a picker: the annotated default first, and "all containers"', async () => {
	const {layer, app} = openPodLogs({pod: podRow('web-1', ['app', 'proxy', 'init-db'], {defaultContainer: 'proxy'})});
	await app.settle();
	await app.press('l');
	let frame = await frameMatching(app.frame, /which container\?/);
	const order = frame.split('\n').filter((l) => /proxy|app|init-db|all containers/.test(l) && !/which/.test(l)).map((l) => l.trim());
	assert.deepEqual(order, ['❯ proxy (default)', 'app', 'init-db', 'all containers']);
	await app.press(keys.enter);
	await frameMatching(app.frame, /logs default\/web-1 \[proxy\]/);
	assert.equal(layer.streams[0]!.options.container, 'proxy');
	await app.press(keys.esc, 'l');
	await frameMatching(app.frame, /which container\?/);
	for (const next of ['app', 'init-db', 'all containers']) {
		await app.press(keys.down);
		await frameMatching(app.frame, new RegExp(`❯ ${next}`));
	}
	await app.press(keys.enter);
	frame = await frameMatching(app.frame, /all containers\)/);
	const mux = layer.muxes[0]!;
	assert.deepEqual(mux.targets.at(-1)!.map((t) => t.container), ['proxy', 'app', 'init-db']);
	mux.handlers.onLine({text: 'from the proxy', source: 'web-1/proxy', colour: 2});
	await frameMatching(app.frame, /web-1\/proxy from the proxy/);
	app.unmount();
});

test('logs of a deployment follow its pods as they join and leave, lines prefixed by pod/container', async () => {
	const layer = new FakeLayer();
	const session = new FakeSession();
	const pods = [podRow('web-a'), podRow('web-b'), {...podRow('api-a'), labels: {app: 'api'}} as BaseRow];
	session.setRows('pods', pods);
	const target = {...row('web'), selector: 'app=web', containers: ['app'], desired: 2} as BaseRow;
	const app = startHarness({layer, session, keymap, contexts: ['deployments', 'table', 'global'], selection: {kind: 'Deployment', row: target}});
	await app.settle();
	await app.press('l');
	await frameMatching(app.frame, /logs deploy\/web \(default, all pods\)/);
	const mux = layer.muxes[0]!;
	assert.deepEqual(mux.targets.at(-1), [
		{namespace: 'default', pod: 'web-a', container: 'app'},
		{namespace: 'default', pod: 'web-b', container: 'app'},
	]);
	assert.equal(mux.options.follow, true);
	mux.handlers.onSourceStart?.('web-a/app');
	mux.handlers.onLine({text: 'request served', source: 'web-a/app', colour: 1});
	mux.handlers.onLine({text: 'cache warm', source: 'web-b/app', colour: 4});
	session.setRows('pods', [...pods, podRow('web-c')]);
	await app.until(() => mux.targets.at(-1)?.length === 3);
	assert.deepEqual(mux.targets.at(-1)!.map((t) => t.pod), ['web-a', 'web-b', 'web-c']);
	mux.handlers.onSourceEnd?.('web-a/app', {kind: 'podDeleted', message: 'pod default/web-a was deleted'});
	const frame = await frameMatching(app.frame, /- web-a\/app left: pod default\/web-a was deleted/);
	assert.match(frame, /\+ web-a\/app joined/);
	assert.match(frame, /web-a\/app request served/);
	assert.match(frame, /web-b\/app cache warm/);
	await app.press(keys.esc);
	await frameMatching(app.frame, /deployments\(default\)\[1\]/);
	assert.equal(mux.stopped, true);
	app.unmount();
});

test('log lines are capped when they arrive and laid out only for the visible window', () => {
	const entry = toEntry({text: 'z'.repeat(1 << 20)});
	assert.ok(entry.text.length <= 4096);
	assert.ok(entry.text.endsWith('…'));
	const rows = entryRows(entry, 0, {timestamps: false, json: false, wrap: true, width: 100});
	assert.equal(rows.length, Math.ceil(entry.text.length / 100));
	assert.equal(entryRows(entry, 0, {timestamps: false, json: false, wrap: false, width: 100})[0]!.text.length, 100);
	assert.equal(prettyJson('"just a string"'), undefined);
	assert.equal(prettyJson('{not json'), undefined);
	assert.deepEqual(prettyJson('[1]'), ['[', '  1', ']']);
});

test('memory stays bounded through the log session: 1 MiB lines are not retained, a long stream stays flat', async () => {
	const v8 = await import('node:v8');
	const vm = await import('node:vm');
	v8.setFlagsFromString('--expose-gc');
	const gc = vm.runInNewContext('gc') as () => void;
	const heap = () => {
		gc();
		return process.memoryUsage().heapUsed / 1048576;
	};
	const {createRunner} = await import('../../source/ui/runner.js');
	const layer = new FakeLayer();
	const runner = createRunner({session: new FakeSession(), layer, lineCap: 100, dispatch: () => {}, repaint: () => {}, exit: () => {}, switchContext: () => {}, redraw: () => {}});
	runner.run({type: 'openLogs', req: 1, source: {type: 'pod', namespace: 'default', pod: 'p'}, params: {previous: false, tailLines: 200}});
	const sink = {line: (line: {text: string}) => layer.streams[0]!.handlers.onLine(line)};
	const start = heap();
	// 100 lines of 1 MiB fill the 100-line buffer: kept whole, that would be 200 MiB of UTF-16.
	for (let i = 0; i < 100; i++) sink.line({text: `${i} ${'x'.repeat(1 << 20)}`});
	const afterHuge = heap();
	assert.ok(afterHuge - start < 20, `1 MiB lines cost ${(afterHuge - start).toFixed(1)} MiB (cut to 4 KB each, not retained)`);
	for (let i = 0; i < 20_000; i++) sink.line({text: `line ${i} level=info msg="served" path=/orders/${i}`});
	const early = heap();
	for (let i = 0; i < 200_000; i++) sink.line({text: `line ${i} level=info msg="served" path=/orders/${i}`});
	const late = heap();
	assert.equal(runner.logSource(1)?.size, 100);
	assert.ok(late - early < 5, `heap grew ${(late - early).toFixed(1)} MiB over 200,000 more lines`);
	runner.dispose();
});

test('? in the log view lists the log keys from the key map; Esc closes the help, not the logs', async () => {
	const {app, lines} = openPodLogs({height: 30});
	await app.settle();
	await app.press('l');
	await lines(['a log line']);
	await app.press('?');
	const frame = await frameMatching(app.frame, /\[logs\]/);
	assert.match(frame, /<ctrl-s>\s+Save the buffer to a file/);
	assert.match(frame, /Pretty-print JSON lines/);
	assert.doesNotMatch(frame, /a log line/);
	await app.press(keys.esc);
	await frameMatching(app.frame, /a log line/);
	assert.match(app.frame(), /logs default\/web-1/);
	app.unmount();
});
