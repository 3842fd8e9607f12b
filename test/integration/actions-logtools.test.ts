import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import type {KubeObject} from '../../source/model/types.js';
import {LogBuffer} from '../../source/actions/logBuffer.js';
import {logFileName, saveLogs} from '../../source/actions/saveLogs.js';
import {colourFor, createLogMux, type MuxLine} from '../../source/actions/logMux.js';
import {deploymentBody, podsOf, startActionsFixture, uniqueName, waitFor, type ActionsFixture} from './actions-helpers.js';

let fx: ActionsFixture;
before(async () => {
	fx = await startActionsFixture();
});
after(() => fx?.stop());

test('LogBuffer keeps the newest lines up to its cap, in order', () => {
	const buffer = new LogBuffer<string>(3);
	for (const line of ['a', 'b']) buffer.push(line);
	assert.deepEqual(buffer.toArray(), ['a', 'b']);
	for (const line of ['c', 'd', 'e']) buffer.push(line);
	assert.deepEqual(buffer.toArray(), ['c', 'd', 'e']);
	assert.equal(buffer.size, 3);
	assert.equal(buffer.dropped, 2);
	assert.equal(buffer.at(0), 'c');
	assert.equal(buffer.at(3), undefined);
	assert.deepEqual(buffer.slice(1, 2), ['d']);
	assert.deepEqual(buffer.find((l) => l !== 'd'), [0, 2]);
	buffer.clear();
	assert.deepEqual(buffer.toArray(), []);
	assert.throws(() => new LogBuffer(0), /positive whole number/);
});

test('1,000,000 lines through a 10,000-line buffer: memory stays flat', (t) => {
	v8.setFlagsFromString('--expose-gc');
	const gc = vm.runInNewContext('gc') as () => void;
	const buffer = new LogBuffer<{text: string; time: number}>(10_000);
	const line = (i: number) => ({text: `2026-01-01T00:00:00Z level=info msg="request ${i} served" duration=${i % 997}ms`, time: i});
	for (let i = 0; i < 20_000; i++) buffer.push(line(i));
	gc();
	const baseline = process.memoryUsage().heapUsed;
	let peak = baseline;
	for (let i = 20_000; i < 1_000_000; i++) {
		buffer.push(line(i));
		if (i % 100_000 === 0) {
			gc();
			peak = Math.max(peak, process.memoryUsage().heapUsed);
		}
	}
	gc();
	const final = process.memoryUsage().heapUsed;
	const growthMb = (Math.max(peak, final) - baseline) / 1024 / 1024;
	t.diagnostic(`heap after 20k lines: ${(baseline / 1048576).toFixed(1)} MB; growth over the next 980k lines: ${growthMb.toFixed(2)} MB`);
	assert.equal(buffer.size, 10_000);
	assert.equal(buffer.at(0)!.time, 990_000);
	// 1M kept lines would need ~150 MB; the ring holds 10k, so growth must stay tiny.
	assert.ok(growthMb < 8, `heap grew ${growthMb.toFixed(1)} MB`);
});

test('saveLogs writes atomically, mode 0600, with a descriptive name', () => {
	const now = new Date('2026-02-03T04:05:06.789Z');
	assert.equal(logFileName({namespace: 'payments', name: 'api-7d9f', container: 'main'}, now), 'payments_api-7d9f_main_2026-02-03T040506Z.log');
	assert.equal(logFileName({namespace: 'x', name: '../../etc/passwd'}, now), 'x_.._.._etc_passwd_2026-02-03T040506Z.log');
	const logsDir = path.join(fx.dir, 'state', 'kubedeck', 'logs');
	const result = saveLogs(logsDir, {namespace: 'payments', name: 'api'}, ['one', 'two'], now);
	assert.ok(result.ok);
	assert.equal(result.path, path.join(logsDir, 'payments_api_2026-02-03T040506Z.log'));
	assert.equal(fs.readFileSync(result.path, 'utf8'), 'one\ntwo\n');
	assert.equal(fs.statSync(result.path).mode & 0o777, 0o600);
	assert.deepEqual(fs.readdirSync(logsDir), [path.basename(result.path)], 'no temp file left');
	const blocked = path.join(fx.dir, 'file');
	fs.writeFileSync(blocked, '');
	const failed = saveLogs(path.join(blocked, 'logs'), {namespace: 'a', name: 'b'}, ['x'], now);
	assert.equal(failed.ok, false);
	if (!failed.ok) assert.match(failed.message, /^could not save the logs to .*file\/logs\/a_b_/);
});

test('colours are stable per source and spread over the palette', () => {
	assert.equal(colourFor('web-1/main', 6), colourFor('web-1/main', 6));
	const colours = new Set(Array.from({length: 30}, (_, i) => colourFor(`web-${i}/main`, 6)));
	assert.ok(colours.size >= 4, `only ${colours.size} colours used`);
});

test('the log mux follows every pod of a deployment and drops pods that leave', async (t) => {
	const app = uniqueName('mux');
	await fx.client.request({method: 'POST', path: `/apis/apps/v1/namespaces/${fx.namespace}/deployments`, body: deploymentBody(app, 2)});
	const running = await waitFor('2 running pods', async () => {
		const pods = (await podsOf(fx.client, fx.namespace, app)).filter((p) => (p.status as {phase?: string} | undefined)?.phase === 'Running');
		return pods.length === 2 ? pods : undefined;
	});
	const lines: MuxLine[] = [];
	const ended: string[] = [];
	const mux = createLogMux(fx.client, {tailLines: 2, reconnectDelayMs: 50}, {onLine: (l) => lines.push(l), onSourceEnd: (s) => ended.push(s)});
	try {
		const targets = running.map((p: KubeObject) => ({namespace: fx.namespace, pod: p.metadata.name, container: 'main'}));
		mux.setTargets(targets);
		const sources = targets.map((t) => `${t.pod}/main`);
		await waitFor('lines from both pods', () => sources.every((s) => lines.some((l) => l.source === s)));
		assert.deepEqual(mux.sources().sort(), [...sources].sort());
		for (const l of lines) assert.equal(l.colour, colourFor(l.source, 6));
		// The first pod leaves the target list (as when it is deleted): its lines stop.
		mux.setTargets(targets.slice(1));
		assert.deepEqual(mux.sources(), [sources[1]]);
		// Counted at once: a stopped source must deliver nothing after setTargets returns.
		const countFromFirst = lines.filter((l) => l.source === sources[0]).length;
		const countFromSecond = lines.filter((l) => l.source === sources[1]).length;
		await waitFor('more lines from the second pod', () => lines.filter((l) => l.source === sources[1]).length > countFromSecond + 3);
		assert.equal(lines.filter((l) => l.source === sources[0]).length, countFromFirst, 'nothing more from the pod that left');
		assert.deepEqual(ended, [], 'a pod removed by the caller is not reported as ended');
	} finally {
		await mux.stop();
	}
});
