// Named beside production-react.test.ts on purpose: test/integration/cli.test.ts packs the package, which
// rebuilds dist/, and a test reading dist/bundle must not run beside it (files run two at a time, in order).
// The shipped bundle starts the metrics decoder's worker by file name, relative to the chunk that
// asks (usageDecoder.ts: new URL('./usageDecodeWorker.js', import.meta.url)): the worker must be
// an entry of its own beside that chunk, and it must decode as the source does.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import {podUsageTable} from '../../source/model/metrics.js';
import {fromWire} from '../../source/model/usageWire.js';
import type {WorkerAnswer} from '../../source/kube/usageDecoder.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bundleDir = path.join(root, 'dist/bundle');
// A bundle older than the decoder's source was built from other code (npm ci and npm run demo build it fresh).
const bundled = path.join(bundleDir, 'cli.js');
const skip = !existsSync(bundled)
	? 'no dist/bundle: run npm run build && npm run bundle'
	: statSync(bundled).mtimeMs < statSync(path.join(root, 'source/kube/usageDecoder.ts')).mtimeMs
		? 'dist/bundle is older than source/kube/usageDecoder.ts: run npm run build && npm run bundle'
		: false;

test('the bundle names its decoder worker beside the chunk that starts it, and that worker decodes a metrics list', {skip}, async () => {
	const askers = readdirSync(bundleDir).filter((file) => file.endsWith('.js') && file !== 'usageDecodeWorker.js' && readFileSync(path.join(bundleDir, file), 'utf8').includes('usageDecodeWorker.js'));
	assert.ok(askers.length > 0, 'a chunk starts the worker by name');
	assert.ok(existsSync(path.join(bundleDir, 'usageDecodeWorker.js')), 'the worker is an entry of the bundle, beside the chunks');
	const list = {items: [{metadata: {name: 'p', namespace: 'n'}, timestamp: '2026-12-06T03:00:00Z', window: '15s', containers: [{name: 'c', usage: {cpu: '1500000n', memory: '3Mi'}}]}]};
	const worker = new Worker(path.join(bundleDir, 'usageDecodeWorker.js'), {workerData: {resource: 'pods'}});
	try {
		const answer = await new Promise<WorkerAnswer>((resolve, reject) => {
			worker.once('message', resolve);
			worker.once('error', reject);
			worker.postMessage(Buffer.from(JSON.stringify(list)));
		});
		assert.ok('wire' in answer, JSON.stringify(answer));
		assert.deepEqual(fromWire(answer.wire), podUsageTable(list.items as never));
	} finally {
		await worker.terminate();
	}
});
