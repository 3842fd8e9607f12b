// The hostile-text corpus on screen: names, labels, event messages and log lines carrying bidi
// controls, zero-width and other invisible characters. Each must reach the terminal as a
// visible <U+XXXX> escape, never as the character itself, in every view that shows it.
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {cleanup, render} from 'ink-testing-library';
import {ResourceTable} from '../../views/ResourceTable.js';
import {TextPager} from '../../views/TextPager.js';
import {entryRows} from '../../views/actions/logText.js';
import {toEntry} from '../../source/model/logEntry.js';
import {describeObject} from '../../source/model/describe.js';
import type {KubeObject} from '../../source/model/types.js';
import {NOW, row, testColumns} from './fakes.js';

afterEach(() => cleanup());

/** [what, hostile text, what the screen must show] */
const CORPUS: Array<[string, string, string]> = [
	['right-to-left override', 'pay\u202Elpt.exe', 'pay<U+202E>lpt.exe'],
	['left-to-right isolate', 'a\u2066b', 'a<U+2066>b'],
	['pop directional isolate', 'c\u2069d', 'c<U+2069>d'],
	['right-to-left mark', 'e\u200Ff', 'e<U+200F>f'],
	['Arabic letter mark', 'g\u061Ch', 'g<U+061C>h'],
	['zero-width space', 'kube\u200Bproxy', 'kube<U+200B>proxy'],
	['zero-width joiner between letters', 'core\u200Ddns', 'core<U+200D>dns'],
	['zero-width non-joiner', 'etc\u200Cd', 'etc<U+200C>d'],
	['word joiner', 'api\u2060server', 'api<U+2060>server'],
	['byte order mark', '\uFEFFweb', '<U+FEFF>web'],
	['soft hyphen', 'in\u00ADgress', 'in<U+00AD>gress'],
	['tag characters', 'ok\u{E0041}\u{E0042}', 'ok<U+E0041><U+E0042>'],
	['variation selector on a letter', 'x\uFE0Fy', 'x<U+FE0F>y'],
];
const INVISIBLE = /[\u061C\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\uFE00-\uFE0F]|[\u{E0000}-\u{E007F}]/u;

test('names and labels in a table show the escapes', () => {
	const rows = CORPUS.map(([, text], i) => row(`n${i}-${text}`, {uid: `u${i}`, labels: {app: `l${i}-${text}`}}));
	const {lastFrame} = render(
		<ResourceTable rows={rows} columns={testColumns} selectedIndex={0} height={30} width={400} wide allNamespaces={false} now={NOW} title="pods" scope="default" />,
	);
	const frame = lastFrame() ?? '';
	assert.doesNotMatch(frame, INVISIBLE);
	CORPUS.forEach(([what, , shown], i) => {
		assert.ok(frame.includes(`n${i}-${shown}`), `name: ${what}`);
		assert.ok(frame.includes(`l${i}-${shown}`), `label: ${what}`);
	});
});

test('event messages in describe show the escapes', () => {
	const pod: KubeObject = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'cm', namespace: 'shop', uid: 'cm'}};
	const events = CORPUS.map(([, text], i) => ({metadata: {name: `e${i}`, uid: `e${i}`}, type: 'Warning', reason: 'Odd', message: `m${i}-${text}`, lastTimestamp: new Date(NOW - i * 1000).toISOString()}) as KubeObject);
	const lines = describeObject('ConfigMap', pod, events, NOW);
	const {lastFrame} = render(<TextPager title="describe" lines={lines} offset={0} height={60} width={200} />);
	const frame = lastFrame() ?? '';
	assert.doesNotMatch(frame, INVISIBLE);
	CORPUS.forEach(([what, , shown], i) => assert.ok(frame.includes(`m${i}-${shown}`), `event: ${what}`));
});

test('log lines show the escapes', () => {
	CORPUS.forEach(([what, text, shown]) => {
		const rows = entryRows(toEntry({text: `log ${text} end`}), 0, {timestamps: false, json: false, wrap: false, width: 200});
		assert.equal(rows[0]!.text, `log ${shown} end`, what);
	});
});
