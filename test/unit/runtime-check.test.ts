// Which Node versions kubedeck accepts, and that package.json's engines field says the same.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {minimumNode, parseNodeVersion, unsupportedNodeMessage} from '../../source/runtime-check.js';

const cases: Array<[version: string, supported: boolean]> = [
	['v20.20.2', false],
	['v22.0.0', false],
	['v22.18.9', false],
	['v22.19.0', true],
	['v22.23.3', true],
	['v24.21.0', true],
	['v26.0.0', true],
	['v100.0.0', true],
	['v18.20.8', false],
	['v9.99.99', false],
	['garbage', false],
];

for (const [version, supported] of cases) {
	test(`Node ${version} is ${supported ? 'accepted' : 'refused'}`, () => {
		const message = unsupportedNodeMessage(version, '/opt/node/bin/node');
		if (supported) assert.equal(message, undefined);
		else {
			assert.ok(message, 'a message');
			assert.match(message, /^kubedeck: needs Node\.js 22\.19 or newer/);
			assert.ok(message.includes('/opt/node/bin/node'), 'names the binary that ran');
			assert.ok(!message.includes('\n'), 'one line');
		}
	});
}

test('parseNodeVersion reads v-prefixed and bare versions', () => {
	assert.deepEqual(parseNodeVersion('v22.19.0'), [22, 19, 0]);
	assert.deepEqual(parseNodeVersion('24.21.0'), [24, 21, 0]);
	assert.equal(parseNodeVersion('twenty'), undefined);
});

test("package.json's engines.node is the minimum the start-up check enforces", () => {
	const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {engines: {node: string}};
	assert.equal(manifest.engines.node, `>=${minimumNode.major}.${minimumNode.minor}`);
});

test('the test run refuses to go on when `node` is not the Node it expects', async () => {
	const {spawnSync} = await import('node:child_process');
	const script = new URL('../../scripts/check-test-runtime.ts', import.meta.url).pathname;
	const run = (expect: string) =>
		spawnSync(process.execPath, ['--import', 'tsx', script], {encoding: 'utf8', env: {...process.env, KUBEDECK_EXPECT_NODE: expect}});
	const wrong = run('22.0.1');
	assert.equal(wrong.status, 1);
	assert.match(wrong.stderr, /expected Node\.js 22\.0\.1, but `node` is v/);
	const right = run(process.versions.node);
	assert.equal(right.status, 0, right.stderr);
	assert.match(right.stdout, new RegExp(`running on Node\\.js v${process.versions.node.replace(/\./g, '\\.')}`));
});
